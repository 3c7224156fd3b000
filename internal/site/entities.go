package site

import (
	"cmp"
	"fmt"
	"maps"
	"slices"
	"strings"

	"digest/internal/content"
	"digest/internal/diag"
	"digest/internal/fingerprint"
)

// Entity is a person or a place with the articles that name it.
type Entity struct {
	Ref
	Kind     string    // "people" or "places"
	Articles []*Teaser // newest first
	Days     []Day
	Count    int
	Span     string
	fp       fingerprint.Sum
}

// Fingerprint implements fingerprint.Leaf, computed once per build.
func (e *Entity) Fingerprint() fingerprint.Sum { return e.fp }

// names collects the people (or places) named by items. Names that make
// the same slug share a page, under their most used spelling.
type names struct {
	kind      string
	memo      *Memo
	bySlug    map[string]*nameGroup
	diags     diag.List
	canonical map[string]string // spelling → page name
	refs      map[string]Ref    // spelling → link, once resolved
}

type nameGroup struct {
	slug      string
	spellings map[string]int
	firstUse  map[string]*content.Item
	name      string // the page's name, once resolved
}

func newNames(kind string, memo *Memo) *names {
	return &names{kind: kind, memo: memo, bySlug: map[string]*nameGroup{}}
}

// add records that item it names name.
func (n *names) add(name string, it *content.Item) {
	sl := n.memo.slug(name)
	if sl == "" {
		n.diags.Add(diag.Diagnostic{File: it.File, Line: it.Line(n.kind), Severity: diag.Warning, Code: "name-invalid",
			Message: fmt.Sprintf("%s: %q has no letters or digits and gets no page", n.kind, name)})
		return
	}
	g := n.bySlug[sl]
	if g == nil {
		g = &nameGroup{slug: sl, spellings: map[string]int{}, firstUse: map[string]*content.Item{}}
		n.bySlug[sl] = g
	}
	if g.spellings[name] == 0 {
		g.firstUse[name] = it
	}
	g.spellings[name]++
}

// resolve picks each page's name, its most used spelling, once every item
// has been added, and reports the other spellings.
func (n *names) resolve() {
	n.canonical = map[string]string{}
	for _, sl := range slices.Sorted(maps.Keys(n.bySlug)) {
		g := n.bySlug[sl]
		spellings := make([]string, 0, len(g.spellings))
		for s := range g.spellings {
			spellings = append(spellings, s)
		}
		slices.SortFunc(spellings, func(a, b string) int {
			return cmp.Or(cmp.Compare(g.spellings[b], g.spellings[a]), cmp.Compare(a, b))
		})
		g.name = spellings[0]
		for _, s := range spellings {
			n.canonical[s] = g.name
		}
		for _, s := range spellings[1:] {
			it := g.firstUse[s]
			n.diags.Add(diag.Diagnostic{File: it.File, Line: it.Line(n.kind), Severity: diag.Warning, Code: "name-spelling",
				Message: fmt.Sprintf("%s: %q is also written %q elsewhere; both are shown as %q", n.kind, s, spellings[0], spellings[0]),
				Hint:    "spell names the same way in every item"})
		}
	}
}

// ref returns the link for a spelling, once resolved.
func (n *names) ref(name string, info *Info) Ref {
	if r, ok := n.refs[name]; ok {
		return r
	}
	r := Ref{Name: name}
	if sl := n.memo.slug(name); sl != "" {
		r = Ref{Name: n.canonical[name], Slug: sl, URL: info.URL(n.kind + "/" + sl + "/")}
	}
	if n.refs == nil {
		n.refs = map[string]Ref{}
	}
	n.refs[name] = r
	return r
}

// entities returns the pages, by name. articles are newest first, and so
// is each page's list.
func (n *names) entities(info *Info, articles []*Article) []*Entity {
	bySlug := map[string][]*Article{}
	for _, a := range articles {
		refs := a.People
		if n.kind == "places" {
			refs = a.Places
		}
		for i, r := range refs {
			if r.Slug == "" || slices.ContainsFunc(refs[:i], func(x Ref) bool { return x.Slug == r.Slug }) {
				continue
			}
			bySlug[r.Slug] = append(bySlug[r.Slug], a)
		}
	}
	var out []*Entity
	for sl, g := range n.bySlug {
		arts := bySlug[sl]
		if len(arts) == 0 {
			continue
		}
		in := struct {
			Ref      Ref
			Kind     string
			Articles []*Teaser
		}{Ref{Name: g.name, Slug: g.slug, URL: info.URL(n.kind + "/" + g.slug + "/")}, n.kind, teasers(arts)}
		key := memoKey{n.kind + "/" + g.slug, fingerprint.Of(in)}
		e := lookup(n.memo.cur.entities, n.memo.prev.entities, key, func() *Entity {
			e := &Entity{Ref: in.Ref, Kind: n.kind, Articles: in.Articles, Days: groupByDay(in.Articles), Count: len(arts)}
			e.Span = Span(arts[len(arts)-1].Date, arts[0].Date)
			e.fp = fingerprint.Of(*e)
			return e
		})
		out = append(out, e)
	}
	slices.SortFunc(out, func(a, b *Entity) int {
		return cmp.Or(cmp.Compare(strings.ToLower(a.Name), strings.ToLower(b.Name)), cmp.Compare(a.Slug, b.Slug))
	})
	return out
}
