package site

import (
	"digest/internal/fingerprint"
	"digest/internal/slug"
)

// Memo carries what one Build made to the next, so that a rebuild reuses
// the articles, views, topics and people pages whose inputs are unchanged
// instead of making them again: "memoize, don't invalidate". Every entry is
// keyed by the fingerprint of everything it is made from, so a reused value
// is exactly what a fresh build would make. Entries a build does not use
// are dropped after it. The zero value is ready; a Memo serves one builder
// and must not be used by two builds at once.
type Memo struct {
	cur, prev gen
}

// gen is one build's entries.
type gen struct {
	articles map[memoKey]*Article
	views    map[memoKey]*ArticleView
	topics   map[memoKey]*Topic
	entities map[memoKey]*Entity
	links    map[memoKey][]target
	slugs    map[string]string
}

type memoKey struct {
	file string
	sum  fingerprint.Sum
}

// target is a resolved link: the site path it points to.
type target struct {
	path  string
	index int // the link's index in the item's links
	ok    bool
}

// newGen makes a generation sized like the last one.
func newGen(like gen) gen {
	return gen{articles: make(map[memoKey]*Article, len(like.articles)), views: make(map[memoKey]*ArticleView, len(like.views)),
		topics: make(map[memoKey]*Topic, len(like.topics)), entities: make(map[memoKey]*Entity, len(like.entities)),
		links: make(map[memoKey][]target, len(like.links)), slugs: make(map[string]string, len(like.slugs))}
}

// begin starts a build: the last build's entries become the previous ones.
func (m *Memo) begin() {
	m.prev = m.cur
	if m.prev.articles == nil {
		m.prev = newGen(gen{})
	}
	m.cur = newGen(m.prev)
}

// lookup returns a value of kind V from the current generation, else from
// the previous one (keeping it), else made by make.
func lookup[V any](cur, prev map[memoKey]V, k memoKey, make func() V) V {
	if v, ok := cur[k]; ok {
		return v
	}
	v, ok := prev[k]
	if !ok {
		v = make()
	}
	cur[k] = v
	return v
}

// slug returns slug.Make(name), remembered.
func (m *Memo) slug(name string) string {
	if s, ok := m.cur.slugs[name]; ok {
		return s
	}
	s, ok := m.prev.slugs[name]
	if !ok {
		s = slug.Make(name)
	}
	m.cur.slugs[name] = s
	return s
}
