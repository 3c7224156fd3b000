package search

import (
	"math/rand/v2"
	"strings"
	"time"
)

// synthTopics are the topics of synthetic docs.
var synthTopics = []Topic{
	{"ukraine", "Ukraine"}, {"russia", "Russia"}, {"us", "United States"},
	{"europe", "Europe"}, {"middle-east", "Middle East"}, {"asia", "Asia"},
	{"economy", "Economy"}, {"climate", "Climate"}, {"tech", "Technology"},
	{"health", "Health"}, {"sport", "Sport"}, {"culture", "Culture"},
}

// synthDocs returns n deterministic docs, newest first, of about words
// words of text each, drawn with a Zipf distribution from a vocabulary of
// vocab made-up words.
func synthDocs(n, words, vocab int) []Doc {
	r := rand.New(rand.NewPCG(2025, 8))
	syll := []string{"ka", "lo", "mi", "ne", "ru", "ta", "vo", "se", "di", "an",
		"ber", "gol", "tri", "us", "ek", "sho", "pla", "nor", "vi", "zen"}
	vocabulary := make([]string, vocab)
	seen := map[string]bool{}
	for i := range vocabulary {
		for {
			var b strings.Builder
			for range 1 + r.IntN(4) {
				b.WriteString(syll[r.IntN(len(syll))])
			}
			if w := b.String(); !seen[w] {
				seen[w] = true
				vocabulary[i] = w
				break
			}
		}
	}
	names := []string{"Volodymyr Zelensky", "Donald Trump", "Ursula von der Leyen",
		"Київ", "Zürich", "Αθήνα", "Emmanuel Macron", "Keir Starmer", "Xi Jinping"}
	zipf := rand.NewZipf(r, 1.1, 2, uint64(vocab-1))
	sentence := func(k int) string {
		var b strings.Builder
		for i := range k {
			if i > 0 {
				b.WriteByte(' ')
			}
			w := vocabulary[zipf.Uint64()]
			if i == 0 {
				w = strings.ToUpper(w[:1]) + w[1:]
			}
			b.WriteString(w)
			if i%12 == 11 {
				b.WriteString(".")
			}
		}
		return b.String()
	}
	start := time.Date(2025, 8, 15, 18, 0, 0, 0, time.UTC)
	docs := make([]Doc, n)
	for i := range docs {
		d := &docs[i]
		d.Title = sentence(6 + r.IntN(6))
		d.Summary = sentence(20 + r.IntN(20))
		d.URL = "/2025/" + strings.ReplaceAll(strings.ToLower(d.Title), " ", "-") + "/"
		d.Date = start.Add(-time.Duration(i) * 150 * time.Minute)
		d.Topics = []int{r.IntN(len(synthTopics))}
		if r.IntN(3) == 0 {
			d.Topics = append(d.Topics, r.IntN(len(synthTopics)))
		}
		for range r.IntN(3) {
			d.Names = append(d.Names, names[r.IntN(len(names))])
		}
		d.Text = sentence(words*9/10 + r.IntN(words/5+1))
	}
	return docs
}

// termsOf returns TermsOf of every doc.
func termsOf(docs []Doc) []Terms {
	terms := make([]Terms, len(docs))
	for i, d := range docs {
		terms[i] = TermsOf(d)
	}
	return terms
}
