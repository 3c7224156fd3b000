package site

import (
	"slices"
	"time"

	"digest/internal/content"
	"digest/internal/diag"
	"digest/internal/fingerprint"
)

// placed fingerprints what decides where an item appears: which pages
// and feeds list it, in what order, under which URL. Its headline, dek,
// sources and image only change how it looks there.
func placed(it *content.Item) fingerprint.Sum {
	return fingerprint.Of(struct {
		File, Slug, ID            string
		Date, Updated             time.Time
		HasTime, Milestone, Draft bool
		Topics, People, Places    []string
	}{it.File, it.Slug, it.ID, it.Date, it.Updated, it.HasTime, it.Milestone, it.Draft, it.Topics, it.People, it.Places})
}

// Patch makes the model of changed items from the previous model, when
// none of them moved: each kept its date, URL, topics, people, places and
// flags, so every page and feed lists the same items in the same order.
// A new body, the editor's most common change, reaches only the article's
// own page, the feeds that carry its full text, and its link warnings. A
// new headline, dek, source or image also reaches every list that shows
// the item: its topics' and people's pages, the home pages, the articles
// that show it as related or as their neighbour, and feeds. Patch reports
// false when a change reaches further; the caller then builds the model
// in full. now is the build's now: once an item dated in the future is
// due, the site changes more widely and Patch declines.
func Patch(prev *Site, items []*content.Item, now time.Time) (*Site, bool) {
	if prev == nil || prev.memo == nil || len(items) == 0 || !prev.flipAt.IsZero() && !now.Before(prev.flipAt) {
		return nil, false
	}
	byFile := make(map[string]*Article, len(prev.Articles))
	for _, a := range prev.Articles {
		byFile[a.File] = a
	}
	// Everything is matched by file, not by pointer: a list kept from the
	// memo may hold an equal article or teaser other than the one in
	// prev.Articles.
	p := &patcher{articles: map[string]*Article{}, teasers: map[string]*Teaser{}}
	for _, it := range items {
		old := byFile[it.File]
		if old == nil || placed(old.Item) != placed(it) {
			return nil, false
		}
		in := old.in
		in.Item = it.Hash
		a := newArticle(prev.Info, prev.Config.Permalink, it, in)
		if a.err != nil || a.URL != old.URL {
			return nil, false
		}
		if a.Teaser.fp == old.Teaser.fp {
			a.Teaser = old.Teaser // equal: keep the one every list holds
		} else {
			p.teasers[a.File] = a.Teaser
		}
		p.articles[a.File] = a
		prev.memo.cur.articles[memoKey{a.File, in.sum()}] = a
	}
	s := *prev
	s.Articles, _ = p.swapArticles(prev.Articles)
	s.Topics, s.People, s.Places = p.topicsOf(prev.Topics), p.entitiesOf(prev.People), p.entitiesOf(prev.Places)
	s.Pages = slices.Clone(prev.Pages)
	for i, v := range s.Pages {
		if nv := p.view(&s, v); nv != nil {
			s.Pages[i] = nv
		}
	}
	// The changed items' link warnings are worked out again.
	changed := map[string]bool{}
	for _, it := range items {
		changed[it.File] = true
	}
	s.Diags = slices.DeleteFunc(slices.Clone(prev.Diags), func(d diag.Diagnostic) bool {
		return changed[d.File] && (d.Code == "broken-link" || d.Code == "broken-image")
	})
	lc := newLinkChecker(&s, s.memo, s.static)
	for _, it := range items {
		lc.item(it, byFile[it.File].URL)
	}
	s.Diags.Add(lc.diags...)
	return &s, true
}

// patcher puts fresh articles, and the teasers of those that look
// different, in place of the old ones, copying whatever holds them.
type patcher struct {
	articles map[string]*Article // by file
	teasers  map[string]*Teaser  // by file: only those that changed
	topics   map[string]*Topic   // patched topics by slug
	entities map[string]*Entity  // patched people and places by kind/slug
}

// swapArticles returns as with the fresh articles in place, or as itself.
func (p *patcher) swapArticles(as []*Article) ([]*Article, bool) {
	return swapAll(as, func(a *Article) *Article { return p.articles[a.File] })
}

// swapTeasers returns ts with the changed teasers in place, or ts itself.
func (p *patcher) swapTeasers(ts []*Teaser) ([]*Teaser, bool) {
	if len(p.teasers) == 0 {
		return ts, false
	}
	return swapAll(ts, p.teaser)
}

// teaser returns the changed teaser of t's item, or nil.
func (p *patcher) teaser(t *Teaser) *Teaser {
	if t == nil {
		return nil
	}
	return p.teasers[t.File]
}

// swapOne returns t's replacement, if it has one, else t.
func (p *patcher) swapOne(t *Teaser) (*Teaser, bool) {
	if n := p.teaser(t); n != nil {
		return n, true
	}
	return t, false
}

// swapDays returns days with the changed teasers in place, or days itself.
func (p *patcher) swapDays(days []Day) ([]Day, bool) {
	var out []Day
	for i, d := range days {
		if ts, ok := p.swapTeasers(d.Articles); ok {
			if out == nil {
				out = slices.Clone(days)
			}
			out[i].Articles = ts
		}
	}
	if out == nil {
		return days, false
	}
	return out, true
}

// swapAll returns xs with each element that repl replaces (non-nil)
// replaced, copying xs only if one is.
func swapAll[T comparable](xs []T, repl func(T) T) ([]T, bool) {
	var zero T
	var out []T
	for i, x := range xs {
		if n := repl(x); n != zero {
			if out == nil {
				out = slices.Clone(xs)
			}
			out[i] = n
		}
	}
	if out == nil {
		return xs, false
	}
	return out, true
}
