package scaffold

import (
	"cmp"
	"maps"
	"slices"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"digest/internal/clip"
	"digest/internal/content"
)

// MaxGuessedTopics is how many topics an import guesses at most.
const MaxGuessedTopics = 3

// Known is what a site already knows that an import recognises: the
// people and places its items name, and the topics of those items.
type Known struct {
	Config *content.Config
	people []string
	places []string
	items  []knownItem
}

type knownItem struct {
	people, places, topics []string
}

// KnownFrom collects what the site's content knows.
func KnownFrom(c *content.Content) *Known {
	k := &Known{Config: c.Config}
	people, places := map[string]bool{}, map[string]bool{}
	for _, it := range c.Items {
		k.items = append(k.items, knownItem{people: it.PersonNames, places: it.PlaceNames, topics: it.TopicSlugs})
		for _, n := range it.PersonNames {
			people[n] = true
		}
		for _, n := range it.PlaceNames {
			places[n] = true
		}
	}
	k.people, k.places = slices.Sorted(maps.Keys(people)), slices.Sorted(maps.Keys(places))
	return k
}

// DraftOptions are what the editor said on the command line.
type DraftOptions struct {
	Date                  time.Time // the item's day; zero: a date in the text, else Today
	Today                 time.Time // now, in the site's time zone
	Topics                []string  // slugs; none: guessed
	SourceName, SourceURL string    // win over a Source: line
}

// Draft makes the draft of an article: its date, the people and places
// the site knows that it names, and its topics, given or guessed from the
// items that name the most of the same people and places.
func (k *Known) Draft(a *clip.Article, o DraftOptions) Imported {
	im := Imported{Article: a, Topics: o.Topics, SourceName: cmp.Or(o.SourceName, a.Source), SourceURL: o.SourceURL}
	loc := o.Today.Location()
	switch {
	case !o.Date.IsZero():
		im.Date = time.Date(o.Date.Year(), o.Date.Month(), o.Date.Day(), 0, 0, 0, 0, loc)
	case !a.Date.IsZero():
		im.Date = time.Date(a.Date.Year(), a.Date.Month(), a.Date.Day(), 0, 0, 0, 0, loc)
	default:
		im.Date, im.DateGuessed = o.Today, true
	}
	text := a.Text()
	im.People = namesIn(text, k.people)
	im.Places = namesIn(text, k.places)
	if len(im.Topics) == 0 {
		im.Topics = k.guessTopics(im.People, im.Places)
		im.TopicsGuessed = len(im.Topics) > 0
	}
	return im
}

// guessTopics ranks the topics of the site's items by how many of the
// given people and places each item shares, summed over items.
func (k *Known) guessTopics(people, places []string) []string {
	score := map[string]int{}
	for _, it := range k.items {
		shared := 0
		for _, n := range it.people {
			if slices.Contains(people, n) {
				shared++
			}
		}
		for _, n := range it.places {
			if slices.Contains(places, n) {
				shared++
			}
		}
		if shared == 0 {
			continue
		}
		for _, t := range it.topics {
			score[t] += shared
		}
	}
	topics := slices.Collect(maps.Keys(score))
	slices.SortFunc(topics, func(a, b string) int { return cmp.Or(cmp.Compare(score[b], score[a]), cmp.Compare(a, b)) })
	return topics[:min(len(topics), MaxGuessedTopics)]
}

// namesIn returns the names that occur in text as whole words, in the
// order given.
func namesIn(text string, names []string) []string {
	var out []string
	for _, n := range names {
		for i := 0; ; {
			j := strings.Index(text[i:], n)
			if j < 0 {
				break
			}
			start, end := i+j, i+j+len(n)
			if !wordAt(text, start-1, true) && !wordAt(text, end, false) {
				out = append(out, n)
				break
			}
			i = start + 1
		}
	}
	return out
}

// wordAt reports whether the character ending (before) or starting at i
// is a letter or digit.
func wordAt(s string, i int, before bool) bool {
	if i < 0 || i >= len(s) {
		return false
	}
	var r rune
	if before {
		r, _ = utf8.DecodeLastRuneInString(s[:i+1])
	} else {
		r, _ = utf8.DecodeRuneInString(s[i:])
	}
	return unicode.IsLetter(r) || unicode.IsDigit(r)
}
