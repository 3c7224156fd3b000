package site

import (
	"slices"
	"time"

	"digest/internal/content"
	"digest/internal/diag"
	"digest/internal/fingerprint"
)

// listed fingerprints what of an item shows beyond its own page and the
// feeds' full text: everything but its body, its links, its word count and
// its own parameters.
func listed(it *content.Item) fingerprint.Sum {
	return fingerprint.Of(struct {
		File, Title, Summary, Slug, ID string
		Date, Updated                  time.Time
		HasTime, Milestone, Draft      bool
		Topics, People, Places         []string
		Sources                        []content.Source
		Image                          *content.Image
	}{it.File, it.Title, it.Summary, it.Slug, it.ID, it.Date, it.Updated, it.HasTime, it.Milestone, it.Draft,
		it.Topics, it.People, it.Places, it.Sources, it.Image})
}

// Patch makes the model of changed items from the previous model, when
// each of them kept everything lists show of it: a new body, the editor's
// most common change, reaches only the article's own page, the feeds that
// carry its full text, and its link warnings. Patch reports false when a
// change reaches further; the caller then builds the model in full.
// now is the build's now: once an item dated in the future is due, the
// site changes more widely and Patch declines.
func Patch(prev *Site, items []*content.Item, now time.Time) (*Site, bool) {
	if prev == nil || prev.memo == nil || len(items) == 0 || !prev.flipAt.IsZero() && !now.Before(prev.flipAt) {
		return nil, false
	}
	byFile := make(map[string]*Article, len(prev.Articles))
	for _, a := range prev.Articles {
		byFile[a.File] = a
	}
	// Fresh articles by file: lists and pages are matched by file, not by
	// pointer, as a page kept from the memo may hold an equal article
	// object other than the one the lists hold.
	fresh := map[string]*Article{}
	for _, it := range items {
		old := byFile[it.File]
		if old == nil || listed(old.Item) != listed(it) {
			return nil, false
		}
		in := old.in
		in.Item = it.Hash
		a := newArticle(prev.Info, prev.Config.Permalink, it, in)
		if a.err != nil || a.Teaser.fp != old.Teaser.fp {
			return nil, false
		}
		a.Teaser = old.Teaser // equal: keep the one every list holds
		fresh[a.File] = a
		prev.memo.cur.articles[memoKey{a.File, in.sum()}] = a
	}
	// swap returns as with the fresh articles in place, or as itself.
	swap := func(as []*Article) ([]*Article, bool) {
		var out []*Article
		for i, a := range as {
			if n, ok := fresh[a.File]; ok {
				if out == nil {
					out = slices.Clone(as)
				}
				out[i] = n
			}
		}
		if out == nil {
			return as, false
		}
		return out, true
	}
	s := *prev
	s.Articles, _ = swap(prev.Articles)
	topics := map[*Topic]*Topic{}
	s.Topics = slices.Clone(prev.Topics)
	for i, t := range s.Topics {
		if chrono, ok := swap(t.chrono); ok {
			nt := *t // same teasers, same fingerprint; new full articles for feeds
			nt.chrono = chrono
			s.Topics[i], topics[t] = &nt, &nt
		}
	}
	s.Pages = slices.Clone(prev.Pages)
	for i, v := range s.Pages {
		switch v := v.(type) {
		case *ArticleView:
			if n, ok := fresh[v.Article.File]; ok {
				in := articleViewInputs{Article: n, Related: v.Related, Timeline: v.Timeline, Prev: v.Prev, Next: v.Next, Site: v.Site, Menu: v.Menu}
				nv := *v
				nv.Article, nv.Social, nv.fp = n, n.social, in.sum()
				s.Pages[i] = &nv
				s.memo.cur.views[memoKey{n.File, nv.fp}] = &nv
			}
		case *TopicView:
			if nt, ok := topics[v.Topic]; ok {
				nv := *v
				nv.Topic = nt
				s.Pages[i] = &nv
			}
		case *FeedView:
			if as, ok := swap(v.Articles); ok {
				nv := *v
				nv.Articles = as
				s.Pages[i] = &nv
			}
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
