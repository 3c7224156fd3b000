package site

import (
	"cmp"
	"fmt"
	"slices"
	"strings"

	"digest/internal/content"
	"digest/internal/diag"
	"digest/internal/fingerprint"
)

// DefaultMenuSize is how many topics the navigation lists when the site
// does not choose them with menu: in content/_index.md.
const DefaultMenuSize = 8

// Menu is the navigation as one page shows it: the topics, with the
// current one marked. Pages share menus; each distinct one is rendered
// once per build.
type Menu struct {
	Items []MenuItem
	fp    fingerprint.Sum
}

// MenuItem is one entry of the navigation.
type MenuItem struct {
	Ref
	Current bool // the page is this topic's
}

// Fingerprint implements fingerprint.Leaf.
func (m *Menu) Fingerprint() fingerprint.Sum { return m.fp }

// menu picks the navigation's entries: the topics and standalone pages
// named by menu: in the settings, in that order (a topic first where a
// page has the same slug); else the topics that have a file, by title,
// at most DefaultMenuSize. Unknown slugs are reported.
func menu(topics []*topicSkel, pages []pageSkel, cfg *content.Config, diags *diag.List) []Ref {
	bySlug := map[string]Ref{}
	for _, p := range pages {
		bySlug[p.Slug] = p.Ref
	}
	for _, t := range topics {
		bySlug[t.Slug] = t.Ref
	}
	var refs []Ref
	if len(cfg.Menu) > 0 {
		for _, sl := range cfg.Menu {
			if r, ok := bySlug[sl]; ok {
				refs = append(refs, r)
			} else {
				diags.Warnf(cfg.File, cfg.MenuLine, "menu-unknown-topic", "menu: there is no topic or page %q", sl)
			}
		}
		return refs
	}
	for _, t := range topics {
		if t.file != nil {
			refs = append(refs, t.Ref)
		}
	}
	slices.SortFunc(refs, func(a, b Ref) int {
		return cmp.Or(naturalCompare(strings.ToLower(a.Name), strings.ToLower(b.Name)), cmp.Compare(a.Slug, b.Slug))
	})
	return refs[:min(len(refs), DefaultMenuSize)]
}

// naturalCompare orders texts as a reader does: runs of digits by their
// number ("Story 2" before "Story 10"), the rest by code point.
func naturalCompare(a, b string) int {
	for a != "" && b != "" {
		da, db := digitRun(a), digitRun(b)
		if da > 0 && db > 0 {
			na, nb := strings.TrimLeft(a[:da], "0"), strings.TrimLeft(b[:db], "0")
			if c := cmp.Or(cmp.Compare(len(na), len(nb)), cmp.Compare(na, nb)); c != 0 {
				return c
			}
			a, b = a[da:], b[db:]
			continue
		}
		if a[0] != b[0] {
			return cmp.Compare(a[0], b[0])
		}
		a, b = a[1:], b[1:]
	}
	return cmp.Compare(len(a), len(b))
}

// digitRun is the length of the ASCII digits s starts with.
func digitRun(s string) int {
	n := 0
	for n < len(s) && s[n] >= '0' && s[n] <= '9' {
		n++
	}
	return n
}

// menus makes the menu of each page: the same shared value for every page
// that is not one of the navigation's topics.
type menus struct {
	nav   []Ref
	plain *Menu
	byURL map[string]*Menu
}

func newMenus(nav []Ref) *menus {
	m := &menus{nav: nav, byURL: map[string]*Menu{}}
	m.plain = m.make("")
	for _, r := range nav {
		m.byURL[r.URL] = m.make(r.URL)
	}
	return m
}

func (m *menus) make(current string) *Menu {
	mn := &Menu{}
	for _, r := range m.nav {
		mn.Items = append(mn.Items, MenuItem{Ref: r, Current: r.URL == current})
	}
	mn.fp = fingerprint.Of(fmt.Sprint(mn.Items))
	return mn
}

// of returns the menu for a page at url.
func (m *menus) of(url string) *Menu {
	if mn := m.byURL[url]; mn != nil {
		return mn
	}
	return m.plain
}
