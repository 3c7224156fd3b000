package site

import (
	"cmp"
	"fmt"
	"maps"
	"slices"
	"strings"

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

// newEntity makes a person's or a place's page data.
func newEntity(in entityInputs) *Entity {
	e := &Entity{Ref: in.Ref, Kind: in.Kind, Articles: in.Articles, Days: groupByDay(in.Articles), Count: len(in.Articles)}
	e.Span = Span(in.Articles[len(in.Articles)-1].Date, in.Articles[0].Date)
	e.fp = fingerprint.Of(*e)
	return e
}

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
	firstUse  map[string]use
	name      string // the page's name, once resolved
}

// use is where a spelling was first used: a file and a line.
type use struct {
	file string
	line int
}

func newNames(kind string, memo *Memo) *names {
	return &names{kind: kind, memo: memo, bySlug: map[string]*nameGroup{}}
}

// add records that the item in file names name, on line.
func (n *names) add(name, file string, line int) {
	sl := n.memo.slug(name)
	if sl == "" {
		n.diags.Add(diag.Diagnostic{File: file, Line: line, Severity: diag.Warning, Code: "name-invalid",
			Message: fmt.Sprintf("%s: %q has no letters or digits and gets no page", n.kind, name)})
		return
	}
	g := n.bySlug[sl]
	if g == nil {
		g = &nameGroup{slug: sl, spellings: map[string]int{}, firstUse: map[string]use{}}
		n.bySlug[sl] = g
	}
	if g.spellings[name] == 0 {
		g.firstUse[name] = use{file, line}
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
			u := g.firstUse[s]
			n.diags.Add(diag.Diagnostic{File: u.file, Line: u.line, Severity: diag.Warning, Code: "name-spelling",
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

// skeletons returns the pages, by name: each lists the items whose refs
// (of this kind) link to it, newest first.
func (n *names) skeletons(info *Info, sk *skeleton, refsOf func(itemRefs) []Ref) []*entitySkel {
	bySlug := map[string][]int{}
	for _, pos := range sk.newest {
		refs := refsOf(sk.refs[pos])
		for i, r := range refs {
			if r.Slug == "" || slices.ContainsFunc(refs[:i], func(x Ref) bool { return x.Slug == r.Slug }) {
				continue
			}
			bySlug[r.Slug] = append(bySlug[r.Slug], pos)
		}
	}
	var out []*entitySkel
	for sl, g := range n.bySlug {
		if members := bySlug[sl]; len(members) > 0 {
			out = append(out, &entitySkel{Ref: Ref{Name: g.name, Slug: g.slug, URL: info.URL(n.kind + "/" + g.slug + "/")}, kind: n.kind, members: members})
		}
	}
	slices.SortFunc(out, func(a, b *entitySkel) int {
		return cmp.Or(cmp.Compare(strings.ToLower(a.Name), strings.ToLower(b.Name)), cmp.Compare(a.Slug, b.Slug))
	})
	return out
}
