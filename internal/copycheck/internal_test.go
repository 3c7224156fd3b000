package copycheck

import (
	"math/rand/v2"
	"slices"
	"strings"
	"testing"
	"unicode"

	"golang.org/x/text/unicode/norm"
)

// setHashMask makes hashes m-masked for the rest of the test.
func setHashMask(t *testing.T, m uint64) {
	old := hashMask
	hashMask = m
	t.Cleanup(func() { hashMask = old })
}

// folded returns the folded words of text.
func folded(text string) []string {
	st := new(state)
	var out []string
	for _, t := range st.tokenize(text, nil) {
		w := slices.Clone(st.arena[t.fold0:t.fold1])
		if len(w) == 0 { // a short word is its key
			for k := t.key; k != 0; k >>= 8 {
				w = append(w, byte(k))
			}
		}
		out = append(out, string(w))
	}
	return out
}

// naive is Compare the slow way, for texts without quotations: how many
// words of item lie in a window of run words found in source, and the
// longest stretch of them.
func naive(item, source string, run int) (copied, longest int) {
	a, b := folded(item), folded(source)
	marked := make([]bool, len(a))
	for i := 0; i+run <= len(a); i++ {
		for j := 0; j+run <= len(b); j++ {
			if strings.Join(a[i:i+run], " ") == strings.Join(b[j:j+run], " ") {
				for k := i; k < i+run; k++ {
					marked[k] = true
				}
				break
			}
		}
	}
	n := 0
	for _, m := range marked {
		if m {
			copied++
			n++
			longest = max(longest, n)
		} else {
			n = 0
		}
	}
	return copied, longest
}

// randomText is n words drawn from vocab, so short texts repeat themselves
// and each other.
func randomText(r *rand.Rand, vocab []string, n int) string {
	words := make([]string, n)
	for i := range words {
		words[i] = vocab[r.IntN(len(vocab))]
	}
	return strings.Join(words, " ")
}

func TestAgainstNaive(t *testing.T) {
	for _, mask := range []uint64{^uint64(0), 0xf, 0} {
		setHashMask(t, mask)
		r := rand.New(rand.NewPCG(1, 2))
		vocab := []string{"a", "B", "c", "dé", "it's", "Ёж", "Extraordinary", "contemporaneous", "Überraschung"}
		for range 3000 {
			run := 2 + r.IntN(5)
			v := vocab[:2+r.IntN(len(vocab)-1)]
			item, source := randomText(r, v, r.IntN(40)), randomText(r, v, r.IntN(60))
			rep := Compare(item, source, run)
			copied, longest := naive(item, source, run)
			if rep.Copied != copied || rep.LongestWords != longest || rep.Words != len(folded(item)) {
				t.Fatalf("mask %#x, run %d\nitem   %q\nsource %q\ngot %+v\nwant Copied %d, LongestWords %d",
					mask, run, item, source, rep, copied, longest)
			}
		}
	}
}

// cases are the texts of the other tests.
var cases = []struct {
	item, source string
	run          int
}{
	{ferryWrapped, ferryWrapped, 8},
	{ferryWrapped, ferrySource, 3},
	{ferryRewritten, ferrySource, 8},
	{ferryRewritten, ferrySource, 7},
	{ferryRewritten, ferrySource, 3},
	{ferryRewritten, ferrySource, 2},
	{ferrySource, ferryRewritten, 2},
	{"In the skipper's account “" + ferryQuote + "”, the company said.", ferrySource, 8},
	{"It’s too early to judge the damage, officials say.", "Officials say it's too early to judge the damage.", 4},
	{"Back in the ‘90s the bridge was the longest.", "In the '90s the bridge was the longest in the country.", 3},
}

func TestCollisions(t *testing.T) {
	want := make([]Report, len(cases))
	for i, c := range cases {
		want[i] = Compare(c.item, c.source, c.run)
	}
	// With 4 bits of hash nearly every window collides with others; the
	// words decide.
	for _, mask := range []uint64{0xf, 1, 0} {
		setHashMask(t, mask)
		for i, c := range cases {
			check(t, c.item, Compare(c.item, c.source, c.run), want[i])
		}
		// Texts that share no words share no windows, whatever their hashes.
		r := rand.New(rand.NewPCG(3, 4))
		for range 100 {
			item := randomText(r, []string{"one", "two", "three"}, 50)
			source := randomText(r, []string{"four", "five", "six"}, 80)
			check(t, item, Compare(item, source, 2), Report{Words: 50})
		}
	}
}

func TestRuneTables(t *testing.T) {
	for r := rune(0); r < tabled+0x100; r++ {
		c := class(r)
		if got, want := c&rLetter != 0, unicode.IsLetter(r) && !isApostrophe(r); got != want {
			t.Errorf("%U: letter %v, want %v", r, got, want)
		}
		if got, want := c&rNumber != 0, unicode.IsNumber(r); got != want {
			t.Errorf("%U: number %v, want %v", r, got, want)
		}
		if got, want := c&rMark != 0, unicode.Is(unicode.M, r); got != want {
			t.Errorf("%U: mark %v, want %v", r, got, want)
		}
		want := unicode.ToLower(r)
		switch {
		case r == 'ς':
			want = 'σ'
		case isApostrophe(r):
			want = '\''
		}
		if got := foldRune(r); got != want {
			t.Errorf("foldRune(%U) = %U, want %U", r, got, want)
		}
	}
	// Words of inert runes are in NFC.
	var inert []rune
	for r := range rune(tabled) {
		if c := class(r); c&rInert != 0 && c != rInert {
			inert = append(inert, r)
		}
	}
	if len(inert) < 900 {
		t.Errorf("only %d inert letters and digits", len(inert))
	}
	for i := range inert {
		w := string(inert[i]) + string(inert[(i*7+3)%len(inert)]) + string(inert[(i*13+5)%len(inert)])
		if !norm.NFC.IsNormalString(w) {
			t.Errorf("%q (%U) is not NFC", w, []rune(w))
		}
	}
}

func TestPoolReuse(t *testing.T) {
	// A big comparison, then a small one with the buffers it left: nothing
	// of the first may leak into the second.
	big := strings.Repeat(ferrySource+"\n\n", 20)
	Compare(big, big, 8)
	check(t, "after", Compare(ferryRewritten, ferrySource, 8), Report{Words: 154})
}

func TestAllocs(t *testing.T) {
	if raceEnabled {
		t.Skip("sync.Pool drops buffers under the race detector")
	}
	Compare(ferryWrapped, ferrySource, 8) // fill the pool
	if n := testing.AllocsPerRun(100, func() { Compare(ferryRewritten, ferrySource, 7) }); n > 0 {
		t.Errorf("a one-line Longest: %v allocations, want 0", n)
	}
	if n := testing.AllocsPerRun(100, func() { Compare(ferryWrapped, ferrySource, 8) }); n > 1 {
		t.Errorf("Longest over lines: %v allocations, want 1", n)
	}
}
