package site

import (
	"cmp"
	"fmt"
	"slices"
	"strings"

	"digest/internal/diag"
	"digest/internal/fingerprint"
	"digest/internal/slug"
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

// names collects the people (or places) named by articles. Names that make
// the same slug share a page, under their most used spelling.
type names struct {
	kind      string
	bySlug    map[string]*nameGroup
	diags     diag.List
	canonical map[string]string // spelling → page name
}

type nameGroup struct {
	slug      string
	spellings map[string]int
	articles  []*Article
	firstUse  map[string]*Article
}

func newNames(kind string) *names {
	return &names{kind: kind, bySlug: map[string]*nameGroup{}}
}

func (n *names) add(name string, a *Article) Ref {
	sl := slug.Make(name)
	if sl == "" {
		n.diags.Add(diag.Diagnostic{File: a.File, Line: a.Lines[n.kind], Severity: diag.Warning, Code: "name-invalid",
			Message: fmt.Sprintf("%s: %q has no letters or digits and gets no page", n.kind, name)})
		return Ref{Name: name}
	}
	g := n.bySlug[sl]
	if g == nil {
		g = &nameGroup{slug: sl, spellings: map[string]int{}, firstUse: map[string]*Article{}}
		n.bySlug[sl] = g
	}
	if g.spellings[name] == 0 {
		g.firstUse[name] = a
	}
	g.spellings[name]++
	if len(g.articles) == 0 || g.articles[len(g.articles)-1] != a {
		g.articles = append(g.articles, a)
	}
	return Ref{Name: name, Slug: sl}
}

// entities returns the pages, by name, once every article has been added.
func (n *names) entities(info *Info) []*Entity {
	n.canonical = map[string]string{}
	var out []*Entity
	for _, g := range n.bySlug {
		spellings := make([]string, 0, len(g.spellings))
		for s := range g.spellings {
			spellings = append(spellings, s)
		}
		slices.SortFunc(spellings, func(a, b string) int {
			return cmp.Or(cmp.Compare(g.spellings[b], g.spellings[a]), cmp.Compare(a, b))
		})
		name := spellings[0]
		for _, s := range spellings {
			n.canonical[s] = name
		}
		for _, s := range spellings[1:] {
			a := g.firstUse[s]
			n.diags.Add(diag.Diagnostic{File: a.File, Line: a.Lines[n.kind], Severity: diag.Warning, Code: "name-spelling",
				Message: fmt.Sprintf("%s: %q is also written %q elsewhere; both are shown as %q", n.kind, s, name, name),
				Hint:    "spell names the same way in every item"})
		}
		arts := slices.Clone(g.articles)
		slices.SortStableFunc(arts, newestFirst)
		ts := teasers(arts)
		e := &Entity{Ref: Ref{Name: name, Slug: g.slug, URL: info.URL(n.kind + "/" + g.slug + "/")}, Kind: n.kind,
			Articles: ts, Days: groupByDay(ts), Count: len(arts)}
		e.Span = Span(arts[len(arts)-1].Date, arts[0].Date)
		e.fp = fingerprint.Of(*e)
		out = append(out, e)
	}
	slices.SortFunc(out, func(a, b *Entity) int {
		return cmp.Or(cmp.Compare(strings.ToLower(a.Name), strings.ToLower(b.Name)), cmp.Compare(a.Slug, b.Slug))
	})
	return out
}

// ref returns the final link for a spelling.
func (n *names) ref(name string, info *Info) Ref {
	sl := slug.Make(name)
	if sl == "" {
		return Ref{Name: name}
	}
	return Ref{Name: n.canonical[name], Slug: sl, URL: info.URL(n.kind + "/" + sl + "/")}
}
