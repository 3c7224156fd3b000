package search

import (
	"math/rand/v2"
	"slices"
	"strings"
	"testing"
)

// foldCases are strings with their folded form and tokens.
var foldCases = []struct {
	in, fold string
	tokens   []string
}{
	{"", "", nil},
	{"Hello, World!", "hello, world!", []string{"hello", "world"}},
	{"already lower 42", "already lower 42", []string{"already", "lower", "42"}},
	{"É é e\u0301 È", "e e e e", []string{"e", "e", "e", "e"}},
	{"Zürich", "zurich", []string{"zurich"}},
	{"Crème brûlée, façade, naïve, Ærø", "creme brulee, facade, naive, ærø", []string{"creme", "brulee", "facade", "naive", "ærø"}},
	{"São Paulo Łódź Ångström", "sao paulo łodz angstrom", []string{"sao", "paulo", "łodz", "angstrom"}},
	{"Việt Nam", "viet nam", []string{"viet", "nam"}},
	{"Straße STRAẞE", "straße straße", []string{"straße", "straße"}},
	{"İstanbul ıI", "istanbul ıi", []string{"istanbul", "ıi"}},
	// Ukrainian: ї and й decompose (і + diaeresis, и + breve), є and ґ do not.
	{"Київ Україна", "киів украіна", []string{"киів", "украіна"}},
	{"ЇЖАК їжак Йосип й", "іжак іжак иосип и", []string{"іжак", "іжак", "иосип", "и"}},
	{"Єдність ҐАНОК ґанок", "єдність ґанок ґанок", []string{"єдність", "ґанок", "ґанок"}},
	// Russian: ё is е with a diaeresis.
	{"Ёлка ёж Всё", "елка еж все", []string{"елка", "еж", "все"}},
	{"Москва МОСКВА", "москва москва", []string{"москва", "москва"}},
	// Greek: accents go, and the final sigma is σ whatever the case.
	{"Αθήνα ΑΘΗΝΑ", "αθηνα αθηνα", []string{"αθηνα", "αθηνα"}},
	{"ΟΔΟΣ οδός Ὀδυσσεύς", "οδοσ οδοσ οδυσσευσ", []string{"οδοσ", "οδοσ", "οδυσσευσ"}},
	{"2025-08-15 10:30", "2025-08-15 10:30", []string{"2025", "08", "15", "10", "30"}},
	{"COVID-19 G7 ½ x²", "covid-19 g7 ½ x²", []string{"covid", "19", "g7", "½", "x²"}},
	{"Zelensky's", "zelensky's", []string{"zelensky", "s"}},
	{"Zelensky’s ZELENSKY’S", "zelensky’s zelensky’s", []string{"zelensky", "s", "zelensky", "s"}},
	{"Jean-Luc Mélenchon — «Non»", "jean-luc melenchon — «non»", []string{"jean", "luc", "melenchon", "non"}},
	{"co\u00adoperate", "co\u00adoperate", []string{"co", "operate"}},
	{"🇺🇦 Slava 👍🏽 Ukraini ❤️", "🇺🇦 slava 👍🏽 ukraini ❤", []string{"slava", "ukraini"}},
	{"tab\tnew\nline\u00a0nbsp", "tab\tnew\nline\u00a0nbsp", []string{"tab", "new", "line", "nbsp"}},
	{"北京 東京", "北京 東京", []string{"北京", "東京"}},
	{"ﬁnance Ǆ", "ﬁnance ǆ", []string{"ﬁnance", "ǆ"}},
}

func TestFoldAndTokens(t *testing.T) {
	for _, c := range foldCases {
		if got := Fold(c.in); got != c.fold {
			t.Errorf("Fold(%q) = %q, want %q", c.in, got, c.fold)
		}
		if got := Tokens(c.in); !slices.Equal(got, c.tokens) {
			t.Errorf("Tokens(%q) = %q, want %q", c.in, got, c.tokens)
		}
	}
}

func TestFoldASCIIFastPath(t *testing.T) {
	var all strings.Builder
	for c := range 0x80 {
		all.WriteByte(byte(c))
	}
	for _, s := range []string{all.String(), "MiXeD CaSe 123 ~!@#", "", "lower"} {
		if fast, slow := Fold(s), foldUnicode(s); fast != slow {
			t.Errorf("Fold(%q) = %q on the fast path, %q on the slow one", s, fast, slow)
		}
	}
	if s := "already lower"; Fold(s) != s {
		t.Error("Fold changed a lower-case string")
	}
}

func BenchmarkFoldASCII(b *testing.B) {
	s := strings.Repeat("The Quick brown fox jumps over the lazy dog. ", 100)
	b.SetBytes(int64(len(s)))
	for b.Loop() {
		Fold(s)
	}
}

// distinct returns the tokens of the strings, each once, in order of first
// occurrence.
func distinct(ss ...string) []string {
	var out []string
	seen := map[string]bool{}
	for _, s := range ss {
		for _, tok := range Tokens(s) {
			if !seen[tok] {
				seen[tok] = true
				out = append(out, tok)
			}
		}
	}
	return out
}

// termList returns the tokens of t in order, and how many are flagged.
func termList(t Terms) ([]string, int) {
	var out []string
	flagged := 0
	t.each(func(tok string, f bool) {
		out = append(out, tok)
		if f {
			flagged++
		}
	})
	return out, flagged
}

func TestTermsOfAgreesWithTokens(t *testing.T) {
	check := func(title, text string) {
		t.Helper()
		got, flagged := termList(TermsOf(Doc{Title: title, Text: text}))
		if want := distinct(title, text); !slices.Equal(got, want) {
			t.Errorf("TermsOf(%q, %q) = %q, want %q", title, text, got, want)
		}
		if want := len(distinct(title)); flagged != want {
			t.Errorf("TermsOf(%q, ...): %d flagged, want %d", title, flagged, want)
		}
	}
	for _, c := range foldCases {
		check(c.in, c.in+" "+strings.ToUpper(c.in)+" tail")
	}
	// Random strings of pieces that are hard on the fast path: ASCII next
	// to marks, non-ASCII separators inside words, invalid UTF-8.
	pieces := []string{"a", "Z", "e", "9", " ", "-", "'", "’", "\u0301", "\u0308", "É", "ё", "Ё",
		"й", "ї", "Σ", "ς", "σ", "ά", "İ", "ß", "ẞ", "😀", "\u200d", "\xff", "\xe2\x80", "ǅ", "Ⅻ", "ﬁ", "한", ".", "\u00a0"}
	r := rand.New(rand.NewPCG(1, 2))
	for range 3000 {
		var b [2]strings.Builder
		for k := range b {
			for range r.IntN(12) {
				b[k].WriteString(pieces[r.IntN(len(pieces))])
			}
		}
		check(b[0].String(), b[1].String())
	}
}
