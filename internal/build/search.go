package build

import (
	"context"
	"fmt"
	"slices"
	"sync"

	"digest/internal/fingerprint"
	"digest/internal/search"
	"digest/internal/site"
)

// searchTerms are what the search index keeps of one article between
// builds, and between runs (searchcache.go): its terms, made from its
// body, and the excerpt that stands in for a missing summary.
type searchTerms struct {
	fp      fingerprint.Sum // the article's
	terms   search.Terms
	excerpt string
}

// writeSearch writes the search index of the site's published articles
// (never drafts, embargoed or expired items, even when the build shows
// them) into sink. Each article's terms are made from its body once, and
// again only when the article changes, so a rebuild after an edit reads
// one body.
func (b *Builder) writeSearch(ctx context.Context, s *site.Site, sink Sink) error {
	var arts []*site.Article
	for _, a := range s.Articles {
		if !a.Draft && !a.Future && !a.Expired {
			arts = append(arts, a)
		}
	}
	topicIndex := make(map[string]int, len(s.Topics))
	topics := make([]search.Topic, len(s.Topics))
	for i, t := range s.Topics {
		topicIndex[t.Slug], topics[i] = i, search.Topic{Slug: t.Slug, Name: t.Name}
	}
	docs := make([]search.Doc, len(arts))
	entries := make([]searchTerms, len(arts))
	var todo []int
	for i, a := range arts {
		d := search.Doc{Title: a.Title, Summary: a.Summary, URL: a.URL, Date: a.Date}
		for _, t := range a.Topics {
			d.Topics = append(d.Topics, topicIndex[t.Slug])
		}
		for _, r := range slices.Concat(a.People, a.Places) {
			d.Names = append(d.Names, r.Name)
		}
		docs[i] = d
		if e, ok := b.searchMemo[a.Fingerprint()]; ok {
			entries[i] = e
		} else {
			todo = append(todo, i)
		}
	}
	var mu sync.Mutex
	var failed error
	forEach(ctx, todo, func(_ *worker, i int) {
		body, err := arts[i].Body()
		if err != nil {
			mu.Lock()
			failed = fmt.Errorf("search index: %w", err)
			mu.Unlock()
			return
		}
		d := docs[i]
		d.Text = search.TextOf(string(body))
		entries[i] = searchTerms{fp: arts[i].Fingerprint(), terms: search.TermsOf(d), excerpt: search.Excerpt(d.Text)}
	})
	if err := ctx.Err(); err != nil {
		return err
	}
	if failed != nil {
		return failed
	}
	memo := make(map[fingerprint.Sum]searchTerms, len(arts))
	terms := make([]search.Terms, len(arts))
	for i := range arts {
		memo[entries[i].fp], terms[i] = entries[i], entries[i].terms
		if docs[i].Summary == "" {
			docs[i].Summary = entries[i].excerpt
		}
	}
	b.searchMade = len(todo)
	b.searchDirty = b.searchDirty || len(todo) > 0 || len(memo) != len(b.searchMemo)
	b.searchMemo = memo
	for _, f := range search.Build(docs, terms, topics) {
		sum := fingerprint.Bytes(f.Data)
		if sink.Current(f.Path, sum) {
			sink.Keep(f.Path)
			continue
		}
		if err := sink.Write(f.Path, sum, f.Data); err != nil {
			return err
		}
	}
	return nil
}
