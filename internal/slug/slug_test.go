package slug

import (
	"strings"
	"testing"
	"unicode/utf8"
)

func TestMake(t *testing.T) {
	cases := map[string]string{
		"Trump's deadline":              "trumps-deadline",
		"🕊️ Peace talks resume":         "peace-talks-resume",
		"Peace 🕊️ talks":                "peace-talks",
		"Re\u0301union":                 "réunion", // decomposed in, composed out
		"Réunion":                       "réunion",
		"Erdog\u0306an":                 "erdoğan",
		"  --Ukraine/peace: talks?--  ": "ukraine-peace-talks",
		"नमस्ते दुनिया":                 "नमस्ते-दुनिया", // marks on their letters stay
		"???":                           "",
	}
	for in, want := range cases {
		if got := Make(in); got != want {
			t.Errorf("Make(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestMakeCutsLongHeadlines(t *testing.T) {
	headline := "Україна та Росія домовилися про новий раунд переговорів у Стамбулі, але сторони досі не погодили ні порядку денного, ні складу делегацій"
	if utf8.RuneCountInString(headline) < 120 {
		t.Fatalf("headline too short for the test: %d", utf8.RuneCountInString(headline))
	}
	got := Make(headline)
	if len(got) > MaxLen || len(got) < MaxLen/2 {
		t.Fatalf("Make gave %d bytes, want at most %d and not much less: %q", len(got), MaxLen, got)
	}
	if !strings.HasPrefix(Make(headline+" extra"), got) || strings.HasSuffix(got, "-") || !utf8.ValidString(got) {
		t.Fatalf("not cut at a word boundary: %q", got)
	}
	if full := Make(strings.ReplaceAll(headline, " ", "-")); !strings.HasPrefix(full, got) {
		t.Fatalf("cut depends on spacing: %q vs %q", full, got)
	}
	one := Make(strings.Repeat("я", 60)) // one 120-byte word
	if len(one) > MaxLen || !utf8.ValidString(one) || one == "" {
		t.Fatalf("one long word: %d bytes, valid %v", len(one), utf8.ValidString(one))
	}
	// The cut word is whole: the slug is a prefix of words of the headline.
	words := strings.Split(Make(headline), "-")
	full := strings.Split(Make(strings.ToLower(headline)+" ."), "-")
	for i, w := range words {
		if full[i] != w {
			t.Fatalf("word %d is %q, want %q", i, w, full[i])
		}
	}
}

func TestValid(t *testing.T) {
	for _, s := range []string{"a", "peace-talks", "réunion"} {
		if !Valid(s) {
			t.Errorf("Valid(%q) = false", s)
		}
	}
	for _, s := range []string{"", "Peace", "a--b", "-a", "re\u0301union"} {
		if Valid(s) {
			t.Errorf("Valid(%q) = true", s)
		}
	}
}
