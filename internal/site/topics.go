package site

import (
	"cmp"
	"html/template"
	"slices"

	"digest/internal/content"
	"digest/internal/diag"
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
	chrono      []*Article // oldest first, for previous/next and feeds
	index       map[*Article]int
	fp          fingerprint.Sum
}

// Fingerprint implements fingerprint.Leaf, computed once per build.
func (t *Topic) Fingerprint() fingerprint.Sum { return t.fp }

// IsTimeline reports whether the topic is shown as a timeline.
func (t *Topic) IsTimeline() bool { return t.Layout == content.LayoutTimeline }

func buildTopics(s *Site, files []*content.Topic, broken map[string]bool, ref func(string) Ref) []*Topic {
	bySlug := map[string]*Topic{}
	var topics []*Topic
	get := func(sl string) *Topic {
		if t := bySlug[sl]; t != nil {
			return t
		}
		t := &Topic{Ref: ref(sl), Layout: content.LayoutTimeline, Order: content.OldestFirst}
		t.Feeds = Feeds{RSS: t.URL + "feed.xml", Atom: t.URL + "atom.xml", JSON: t.URL + "feed.json"}
		bySlug[sl] = t
		topics = append(topics, t)
		return t
	}
	for _, f := range files {
		if bySlug[f.Slug] != nil {
			continue // duplicates are reported by content
		}
		t := get(f.Slug)
		t.File, t.Description, t.Layout, t.Order, t.Intro, t.Params = f.File, f.Description, f.Layout, f.Order, f.Intro, f.Params
	}
	for _, a := range s.Articles { // newest first
		for _, r := range a.Topics {
			t := get(r.Slug)
			t.chrono = append(t.chrono, a)
			if t.File == "" && len(t.chrono) == 1 && !broken[r.Slug] {
				s.Diags.Add(diag.Diagnostic{File: a.File, Line: a.Lines["topics"], Severity: diag.Warning, Code: "topic-no-file",
					Message: "topic " + r.Slug + " has no file: its page is titled " + r.Name,
					Hint:    "create " + content.TopicsDir + "/" + r.Slug + ".md with a title and an introduction"})
			}
		}
	}
	for _, t := range topics {
		t.Count = len(t.chrono)
		slices.SortStableFunc(t.chrono, oldestFirst)
		t.Articles = teasers(t.chrono)
		if t.Order == content.NewestFirst {
			slices.Reverse(t.Articles)
		}
		t.Days = groupByDay(t.Articles)
		for _, a := range t.chrono {
			if a.Milestone {
				t.Milestones++
			}
		}
		if t.Count > 0 {
			t.First, t.Last = t.chrono[0].Teaser, t.chrono[t.Count-1].Teaser
			t.Span = Span(t.First.Date, t.Last.Date)
		} else if t.File != "" {
			s.Diags.Warnf(t.File, 0, "topic-empty", "topic %s has no published items: its page says so", t.Slug)
		}
		t.fp = fingerprint.Of(*t)
	}
	slices.SortFunc(topics, func(a, b *Topic) int {
		var da, db int64
		if a.Last != nil {
			da = a.Last.Date.Unix()
		}
		if b.Last != nil {
			db = b.Last.Date.Unix()
		}
		return cmp.Or(cmp.Compare(db, da), cmp.Compare(a.Name, b.Name), cmp.Compare(a.Slug, b.Slug))
	})
	return topics
}
