package copycheck

import (
	"math/rand/v2"
	"strings"
	"testing"
)

// vocabulary returns n distinct invented words of 2 to 10 letters drawn
// from letters.
func vocabulary(r *rand.Rand, n int, letters []rune) []string {
	seen := make(map[string]bool, n)
	var words []string
	for len(words) < n {
		w := make([]rune, 2+r.IntN(9))
		for i := range w {
			w[i] = letters[r.IntN(len(letters))]
		}
		if s := string(w); !seen[s] {
			seen[s] = true
			words = append(words, s)
		}
	}
	return words
}

// render writes words as prose: sentences of 6 to 20 words with a capital
// and a full stop, an occasional comma, lines of about 70 bytes and a blank
// line between paragraphs of 4 to 8 sentences.
func render(r *rand.Rand, words []string) string {
	var b strings.Builder
	lineLen, sentence, sentences := 0, 0, 0
	for i, w := range words {
		if sentence == 0 {
			rs := []rune(w)
			w = strings.ToUpper(string(rs[0])) + string(rs[1:])
			sentence = 6 + r.IntN(15)
		}
		sentence--
		switch {
		case sentence == 0 || i == len(words)-1:
			w += "."
			sentences++
		case r.IntN(12) == 0:
			w += ","
		}
		switch {
		case i == 0:
		case lineLen > 70:
			b.WriteByte('\n')
			lineLen = 0
		default:
			b.WriteByte(' ')
		}
		b.WriteString(w)
		lineLen += len(w) + 1
		if sentence == 0 && sentences >= 4+r.IntN(5) {
			b.WriteString("\n\n")
			lineLen, sentences = 0, 0
		}
	}
	return b.String()
}

// benchTexts returns an item of itemWords words and a source of srcWords,
// from a vocabulary of 2,000 words, the item holding 3 runs of 10 to 30
// words copied from the source.
func benchTexts(itemWords, srcWords int, letters []rune) (item, source string) {
	r := rand.New(rand.NewPCG(42, 7))
	vocab := vocabulary(r, 2000, letters)
	src := make([]string, srcWords)
	for i := range src {
		src[i] = vocab[r.IntN(len(vocab))]
	}
	it := make([]string, itemWords)
	for i := range it {
		it[i] = vocab[r.IntN(len(vocab))]
	}
	for k := range 3 {
		n := 10 + r.IntN(21)
		from := r.IntN(srcWords - n)
		to := k*itemWords/3 + r.IntN(itemWords/3-n)
		copy(it[to:], src[from:from+n])
	}
	return render(r, it), render(r, src)
}

var latin = []rune("abcdefghijklmnopqrstuvwxyz")

// benchmark compares item with source b.N times, reporting the time per
// 1,000 words of both.
func benchmark(b *testing.B, item, source string) {
	words := len(folded(item)) + len(folded(source))
	b.ReportAllocs()
	b.SetBytes(int64(len(item) + len(source)))
	var r Report
	for b.Loop() {
		r = Compare(item, source, 8)
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/float64(words)*1000, "ns/1000words")
	if r.Copied < 30 {
		b.Fatalf("Copied = %d, want the 3 runs", r.Copied)
	}
}

// BenchmarkCompare: an item of 600 words, a source of 1,200.
func BenchmarkCompare(b *testing.B) {
	item, source := benchTexts(600, 1200, latin)
	benchmark(b, item, source)
}

// BenchmarkCompareLong: an item of 600 words, a source of 5,000.
func BenchmarkCompareLong(b *testing.B) {
	item, source := benchTexts(600, 5000, latin)
	benchmark(b, item, source)
}

// BenchmarkCompareCyrillic is BenchmarkCompare in Ukrainian letters.
func BenchmarkCompareCyrillic(b *testing.B) {
	item, source := benchTexts(600, 1200, []rune("абвгґдеєжзиіїйклмнопрстуфхцчшщьюяАБВ'"))
	benchmark(b, item, source)
}

// BenchmarkCompareVerbatim: a 600-word item copied whole from its source.
func BenchmarkCompareVerbatim(b *testing.B) {
	_, source := benchTexts(600, 600, latin)
	benchmark(b, source, source)
}
