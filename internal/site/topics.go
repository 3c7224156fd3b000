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
	chrono      []*Article     // oldest first, for previous/next and feeds
	index       map[string]int // position in chrono, by file
	fp          fingerprint.Sum
}

// Fingerprint implements fingerprint.Leaf, computed once per build.
func (t *Topic) Fingerprint() fingerprint.Sum { return t.fp }

// newTopic makes a topic from its file (nil for a topic only named by
// items) and its articles, oldest first.
func newTopic(r Ref, f *content.Topic, chrono []*Article) *Topic {
	t := &Topic{Ref: r, Layout: content.LayoutTimeline, Order: content.OldestFirst, chrono: chrono, Count: len(chrono)}
	t.Feeds = Feeds{RSS: t.URL + "feed.xml", Atom: t.URL + "atom.xml", JSON: t.URL + "feed.json"}
	if f != nil {
		t.File, t.Description, t.Layout, t.Order, t.Intro, t.Params = f.File, f.Description, f.Layout, f.Order, f.Intro, f.Params
	}
	t.Articles = teasers(chrono)
	if t.Order == content.NewestFirst {
		slices.Reverse(t.Articles)
	}
	t.Days = groupByDay(t.Articles)
	t.index = make(map[string]int, len(chrono))
	for i, a := range chrono {
		t.index[a.File] = i
		if a.Milestone {
			t.Milestones++
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

func buildTopics(s *Site, memo *Memo, files []*content.Topic, broken map[string]bool, ref func(string) Ref) []*Topic {
	type members struct {
		file   *content.Topic
		chrono []*Article
	}
	bySlug := map[string]*members{}
	var order []string
	get := func(sl string) *members {
		if m := bySlug[sl]; m != nil {
			return m
		}
		m := &members{}
		bySlug[sl] = m
		order = append(order, sl)
		return m
	}
	for _, f := range files {
		if m := bySlug[f.Slug]; m == nil { // duplicates are reported by content
			get(f.Slug).file = f
		}
	}
	for _, a := range s.Articles { // newest first
		for _, r := range a.Topics {
			m := get(r.Slug)
			m.chrono = append(m.chrono, a)
			if m.file == nil && len(m.chrono) == 1 && !broken[r.Slug] {
				s.Diags.Add(diag.Diagnostic{File: a.File, Line: a.Line("topics"), Severity: diag.Warning, Code: "topic-no-file",
					Message: "topic " + r.Slug + " has no file: its page is titled " + r.Name,
					Hint:    "create " + content.TopicsDir + "/" + r.Slug + ".md with a title and an introduction"})
			}
		}
	}
	var topics []*Topic
	for _, sl := range order {
		m := bySlug[sl]
		slices.SortFunc(m.chrono, oldestFirst) // a total order: files differ
		// A topic is made from its file, its link and its articles, whole:
		// its feeds carry their full text.
		in := struct {
			File     content.Hash
			Ref      Ref
			Articles []*Article
		}{Ref: ref(sl), Articles: m.chrono}
		if m.file != nil {
			in.File = m.file.Hash
		}
		t := lookup(memo.cur.topics, memo.prev.topics, memoKey{sl, fingerprint.Of(in)}, func() *Topic { return newTopic(in.Ref, m.file, m.chrono) })
		if t.Count == 0 && t.File != "" {
			s.Diags.Warnf(t.File, 0, "topic-empty", "topic %s has no published items: its page says so", t.Slug)
		}
		topics = append(topics, t)
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
