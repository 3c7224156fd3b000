package site

import (
	"digest/internal/diag"
	"digest/internal/slug"
)

// Memo carries what one Make made to the next, so that a rebuild after an
// edit goes through the same code as a clean build and yet makes again
// only what the edit reaches: "memoize, don't invalidate". The skeleton,
// each placement, article, article page, topic, person or place, home
// page, feed and link check is kept with the inputs it was made from,
// and reused when the next build's inputs are the same (see inputs.go):
// an unchanged value keeps its pointer, so what holds it compares the
// same in turn, and the renderer finds its fingerprint already made.
// Entries a build does not use are dropped after it. The zero value is
// ready; a Memo serves one builder and must not be used by two builds at
// once.
type Memo struct {
	placements table[string, placementInputs, *placement]
	skeleton   table[string, skeletonInputs, *skeleton]
	articles   table[string, articleInputs, *Article]
	views      table[string, articleViewInputs, *ArticleView]
	related    table[string, relatedInputs, []*Teaser]
	topics     table[string, topicInputs, *Topic]
	entities   table[string, entityInputs, *Entity]
	homes      table[int, homeInputs, *HomeView]
	feeds      table[string, feedInputs, *FeedView]
	sitemap    table[string, sitemapInputs, *SitemapView]
	links      table[string, linkInputs, diag.List]
	itemLinks  table[string, itemLinkInputs, diag.List]
	slugs      map[string]string
	oldSlugs   map[string]string
}

// begin starts a build: the last build's entries become the previous
// ones.
func (m *Memo) begin() {
	m.placements.begin()
	m.skeleton.begin()
	m.articles.begin()
	m.views.begin()
	m.related.begin()
	m.topics.begin()
	m.entities.begin()
	m.homes.begin()
	m.feeds.begin()
	m.sitemap.begin()
	m.links.begin()
	m.itemLinks.begin()
	m.oldSlugs, m.slugs = m.slugs, make(map[string]string, len(m.slugs))
}

// slug returns slug.Make(name), remembered.
func (m *Memo) slug(name string) string {
	if s, ok := m.slugs[name]; ok {
		return s
	}
	s, ok := m.oldSlugs[name]
	if !ok {
		s = slug.Make(name)
	}
	m.slugs[name] = s
	return s
}

// inputs are what a remembered value is made from; same reports whether
// two are equal, leaves compared by fingerprint, pointers by identity.
type inputs[I any] interface {
	same(I) bool
}

// table remembers values by key, each with the inputs it was made from,
// in the order they were asked for. A build asks for them in the same
// order as the last one unless the site's shape changed, so the previous
// entry at the same place is tried first: no hashing of keys for a build
// that moves nothing. A table is not safe for concurrent use.
type table[K comparable, I inputs[I], V any] struct {
	prev, cur []slot[K, I, V]
	index     map[K]int // of prev, made when first needed
}

type slot[K comparable, I, V any] struct {
	k  K
	in I
	v  V
}

// begin makes the current entries the previous ones.
func (t *table[K, I, V]) begin() {
	clear(t.prev) // what two builds ago made
	t.prev, t.cur, t.index = t.cur, t.prev[:0], nil
}

// old returns the last build's entry for k, found at position i of the
// last build's order or by key.
func (t *table[K, I, V]) old(i int, k K) (slot[K, I, V], bool) {
	if i < len(t.prev) && t.prev[i].k == k {
		return t.prev[i], true
	}
	if t.index == nil {
		t.index = make(map[K]int, len(t.prev))
		for j, s := range t.prev {
			t.index[s.k] = j
		}
	}
	j, ok := t.index[k]
	if !ok {
		return slot[K, I, V]{}, false
	}
	return t.prev[j], true
}

// get returns the value kept under k if it was made from in, else the one
// build makes now from in and the value last kept under k (or the zero V).
func (t *table[K, I, V]) get(k K, in I, build func(in I, old V) V) V {
	s, ok := t.old(len(t.cur), k)
	if !ok || !s.in.same(in) {
		s = slot[K, I, V]{k: k, in: in, v: build(in, s.v)}
	}
	t.cur = append(t.cur, s)
	return s.v
}

// getAll is get for many keys: the values to make are made on every core.
func getAll[K comparable, I inputs[I], V any](t *table[K, I, V], keys []K, ins []I, build func(in I, old V) V) []V {
	out := make([]V, len(keys))
	var missing []int
	var olds []V
	for i, k := range keys {
		s, ok := t.old(len(t.cur), k)
		if ok && s.in.same(ins[i]) {
			out[i] = s.v
		} else {
			s = slot[K, I, V]{k: k, in: ins[i]}
			missing = append(missing, i)
			olds = append(olds, s.v)
		}
		t.cur = append(t.cur, s)
	}
	start := len(t.cur) - len(keys)
	parallel(len(missing), func(j int) {
		i := missing[j]
		out[i] = build(ins[i], olds[j])
	})
	for _, i := range missing {
		t.cur[start+i].v = out[i]
	}
	return out
}
