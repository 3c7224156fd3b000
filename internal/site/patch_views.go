package site

import (
	"cmp"
	"slices"

	"digest/internal/fingerprint"
)

// topicsOf returns topics with patched copies of those that hold a fresh
// article, recording them for the views.
func (p *patcher) topicsOf(topics []*Topic) []*Topic {
	p.topics = map[string]*Topic{}
	out := slices.Clone(topics)
	for i, t := range topics {
		chrono, changed := p.swapArticles(t.chrono)
		if !changed {
			continue
		}
		nt := *t // new full articles, for feeds and neighbours
		nt.chrono = chrono
		if arts, ok := p.swapTeasers(t.Articles); ok {
			// What the topic's page lists changed too.
			nt.Articles = arts
			nt.Days, _ = p.swapDays(t.Days)
			nt.First, _ = p.swapOne(t.First)
			nt.Last, _ = p.swapOne(t.Last)
			nt.fp = fingerprint.Sum{}
			nt.fp = fingerprint.Of(nt)
		}
		out[i], p.topics[t.Slug] = &nt, &nt
	}
	return out
}

// entitiesOf returns people or places with patched copies of those that
// list a changed teaser, recording them for the views.
func (p *patcher) entitiesOf(es []*Entity) []*Entity {
	if p.entities == nil {
		p.entities = map[string]*Entity{}
	}
	out, _ := swapAll(es, func(e *Entity) *Entity {
		arts, ok := p.swapTeasers(e.Articles)
		if !ok {
			return nil
		}
		ne := *e
		ne.Articles = arts
		ne.Days, _ = p.swapDays(e.Days)
		ne.fp = fingerprint.Sum{}
		ne.fp = fingerprint.Of(ne)
		p.entities[e.Kind+"/"+e.Slug] = &ne
		return &ne
	})
	return out
}

// view returns a patched copy of v if it shows something that changed,
// or nil.
func (p *patcher) view(s *Site, v View) View {
	switch v := v.(type) {
	case *ArticleView:
		return p.articleView(s, v)
	case *HomeView:
		if days, ok := p.swapDays(v.Days); ok {
			nv := *v
			nv.Days = days
			return &nv
		}
	case *NotFoundView:
		if latest, ok := p.swapTeasers(v.Latest); ok {
			nv := *v
			nv.Latest = latest
			return &nv
		}
	case *TopicView:
		if nt, ok := p.topics[v.Topic.Slug]; ok {
			nv := *v
			nv.Topic, nv.Feeds = nt, &nt.Feeds
			if nt.fp != v.Topic.fp {
				nv.Social = topicSocial(s.Info, nt, v.Permalink, v.Description)
			}
			return &nv
		}
	case *TopicsView:
		if ts, ok := swapAll(v.Topics, func(t *Topic) *Topic { return p.topics[t.Slug] }); ok {
			nv := *v
			nv.Topics = ts
			return &nv
		}
	case *TermView:
		if ne, ok := p.entities[v.Term.Kind+"/"+v.Term.Slug]; ok {
			nv := *v
			nv.Term = ne
			return &nv
		}
	case *TermsView:
		if es, ok := swapAll(v.Terms, func(e *Entity) *Entity { return p.entities[e.Kind+"/"+e.Slug] }); ok {
			nv := *v
			nv.Terms = es
			return &nv
		}
	case *FeedView:
		if as, ok := p.swapArticles(v.Articles); ok {
			nv := *v
			nv.Articles = as
			return &nv
		}
	}
	return nil
}

// articleView patches the page of a fresh article, or of one that shows a
// changed teaser as related or as its neighbour.
func (p *patcher) articleView(s *Site, v *ArticleView) View {
	a, fresh := p.articles[v.Article.File]
	if !fresh {
		a = v.Article
	}
	related, r := p.swapTeasers(v.Related)
	prev, pr := p.swapOne(v.Prev)
	next, nx := p.swapOne(v.Next)
	if !fresh && !r && !pr && !nx {
		return nil
	}
	in := articleViewInputs{Article: a, Related: related, Timeline: v.Timeline, Prev: prev, Next: next, Site: v.Site, Menu: v.Menu}
	nv := *v
	nv.Article, nv.Related, nv.Prev, nv.Next, nv.fp = a, related, prev, next, in.sum()
	if fresh {
		nv.Social = a.social
		nv.Title, nv.Description = a.Title, cmp.Or(a.Summary, s.Info.Description)
	}
	s.memo.cur.views[memoKey{a.File, nv.fp}] = &nv
	return &nv
}
