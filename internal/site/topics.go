package site

import (
	"html/template"
	"slices"

	"digest/internal/content"
	"digest/internal/fingerprint"
)

// Topic is a story with its articles: a timeline or a list.
type Topic struct {
	Ref
	File        string // the topic file, or "" for a topic only named by items
	Description string
	Layout      string // content.LayoutTimeline or content.LayoutList
	Order       string // content.OldestFirst or content.NewestFirst
	Intro       template.HTML
	Params      map[string]any
	Articles    []*Teaser // in display order
	Days        []Day     // Articles grouped by day, in display order
	Count       int
	Milestones  int
	First, Last *Teaser // oldest and newest
	Span        string  // "28 Jul – 18 Aug 2025"
	Feeds       Feeds
	chrono      []*Article // oldest first, for feeds
	top         []*Article // the newest that may be related to another, newest first
	fp          fingerprint.Sum
}

// Fingerprint implements fingerprint.Leaf, computed once per build.
func (t *Topic) Fingerprint() fingerprint.Sum { return t.fp }

// newTopic makes a topic from its file (nil for a topic only named by
// items) and its articles, oldest first.
func newTopic(r Ref, f *content.Topic, intro template.HTML, chrono []*Article) *Topic {
	t := &Topic{Ref: r, Layout: content.LayoutTimeline, Order: content.OldestFirst, chrono: chrono, Count: len(chrono)}
	t.Feeds = Feeds{RSS: t.URL + "feed.xml", Atom: t.URL + "atom.xml", JSON: t.URL + "feed.json"}
	if f != nil {
		t.File, t.Description, t.Layout, t.Order, t.Intro, t.Params = f.File, f.Description, f.Layout, f.Order, intro, f.Params
	}
	t.Articles = teasers(chrono)
	if t.Order == content.NewestFirst {
		slices.Reverse(t.Articles)
	}
	t.Days = groupByDay(t.Articles)
	for _, a := range chrono {
		if a.Milestone {
			t.Milestones++
		}
	}
	// One more than can be shown, since an article skips itself.
	for i := len(chrono) - 1; i >= 0 && len(t.top) <= MaxRelated; i-- {
		if a := chrono[i]; !a.Draft && !a.Future && !a.Expired {
			t.top = append(t.top, a)
		}
	}
	if t.Count > 0 {
		t.First, t.Last = chrono[0].Teaser, chrono[t.Count-1].Teaser
		t.Span = Span(t.First.Date, t.Last.Date)
	}
	t.fp = fingerprint.Of(*t)
	return t
}

// IsTimeline reports whether the topic is shown as a timeline.
func (t *Topic) IsTimeline() bool { return t.Layout == content.LayoutTimeline }
