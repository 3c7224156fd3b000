package site

import (
	"cmp"
	"fmt"
	"slices"
	"strings"
	"time"

	"digest/internal/diag"
)

// feedFiles are the files of one set of feeds, in slot order.
var feedFiles = [3]struct{ kind, file string }{{KindRSS, "feed.xml"}, {KindAtom, "atom.xml"}, {KindJSONFeed, "feed.json"}}

// layOut lists every page of the site in path order, with the sitemap's
// entries and the set of outputs that links may point to, and reports
// two pages with one path.
func (sk *skeleton) layOut(in skeletonInputs, info *Info) {
	type page struct {
		pageSlot
		index   bool // listed in the sitemap
		lastMod time.Time
	}
	var pages []page
	add := func(kind slotKind, i, n int, dir, file string, index bool, members []int) {
		var last time.Time
		for _, pos := range members {
			if t := in.Placements[sk.pub[pos]].lastChange(); t.After(last) {
				last = t
			}
		}
		pages = append(pages, page{pageSlot{kind, i, n, dir + file}, index, last})
	}
	pp := in.Config.PerPage
	for n := 1; n <= sk.homes; n++ {
		add(slotHome, n-1, n, homeDir(n), "index.html", true, sk.newest[min((n-1)*pp, len(sk.newest)):min(n*pp, len(sk.newest))])
	}
	for i, pos := range sk.newest {
		pages = append(pages, page{pageSlot{slotArticle, i, 0, sk.paths[pos].Path}, true, in.Placements[sk.pub[pos]].lastChange()})
	}
	sk.layOutLists(add)
	add(slotNotFound, 0, 0, "", "404.html", false, nil)
	for f, ff := range feedFiles {
		add(slotFeed, f, 0, "", ff.file, false, nil)
		add(slotEditionFeed, f, 0, "editions/", ff.file, false, nil)
		for i, t := range sk.topics {
			add(slotFeed, 3*(i+1)+f, 0, "topics/"+t.Slug+"/", ff.file, false, nil)
		}
	}
	add(slotSitemap, 0, 0, "", "sitemap.xml", false, nil)
	add(slotRobots, 0, 0, "", "robots.txt", false, nil)
	add(slotNoJekyll, 0, 0, "", ".nojekyll", false, nil)
	if in.Config.CNAME != "" {
		add(slotCNAME, 0, 0, "", "CNAME", false, nil)
	}
	for i, ps := range sk.pages {
		pages = append(pages, page{pageSlot{slotPage, i, 0, ps.path.Path}, true, in.Pages[ps.idx].lastChange()})
	}
	sk.layOutAliases(in, func(kind slotKind, i int, file string) { add(kind, i, 0, "", file, false, nil) })
	// The sitemap lists pages as the site shows them: the latest news,
	// the articles newest first, the topics, people and places.
	for _, p := range pages {
		if p.index {
			sk.sitemap = append(sk.sitemap, SitemapEntry{Loc: info.AbsURL(dirOf(p.path)), LastMod: p.lastMod})
		}
	}
	slices.SortStableFunc(pages, func(a, b page) int { return cmp.Compare(a.path, b.path) })

	sk.order = make([]pageSlot, len(pages))
	sk.outputs = make(map[string]bool, len(pages)+len(in.Static))
	for p := range in.Static {
		sk.outputs[p] = true
	}
	for i, p := range pages {
		sk.order[i] = p.pageSlot
		sk.outputs[p.path] = true
		if i > 0 && pages[i-1].path == p.path {
			sk.duplicate(in, info, pages[i-1].pageSlot, p.pageSlot)
		}
	}
	sk.checkFiles(in, info)
}

// dirOf is the folder of a page's index.html, or the path of another file.
func dirOf(path string) string {
	d, _ := strings.CutSuffix(path, "index.html")
	return d
}

// duplicate reports two pages with the same path, naming both. The error
// is filed against a content file where one of them has one.
func (sk *skeleton) duplicate(in skeletonInputs, info *Info, first, second pageSlot) {
	filed, named := second, first
	if f, _, _ := sk.owner(in, info, second); f == "" {
		filed, named = first, second
	}
	file, _, line := sk.owner(in, info, filed)
	_, other, _ := sk.owner(in, info, named)
	sk.diags.Add(diag.Diagnostic{File: file, Line: line, Severity: diag.Error, Code: "duplicate-url",
		Message: fmt.Sprintf("URL %s is also used by %s", info.URL(dirOf(second.path)), other),
		Hint:    "give one of them another slug (slug: ...) or date"})
}

// owner names what made a page, for messages about it: the file (if any),
// a description, and the line of the file to point at.
func (sk *skeleton) owner(in skeletonInputs, info *Info, ps pageSlot) (file, what string, line int) {
	switch ps.kind {
	case slotArticle:
		p := in.Placements[sk.pub[sk.newest[ps.i]]]
		return p.File, p.File, p.Lines.Slug
	case slotTopic:
		if t := sk.topics[ps.i]; t.file != nil {
			return t.file.File, t.file.File, 0
		}
		return "", "the page of topic " + sk.topics[ps.i].Slug, 0
	case slotList:
		return "", listOwner(sk, sk.lists[ps.i], info), 0
	case slotAlias:
		p := sk.aliasOwner(in, sk.aliases[ps.i])
		return p.File, "an alias of " + p.File, p.Lines.Aliases
	case slotPage:
		p := in.Pages[sk.pages[ps.i].idx]
		return p.File, p.File, p.Lines.Slug
	}
	return "", "the site's own page " + info.URL(dirOf(ps.path)), 0
}

// layOutAliases lists a redirect page for each old path of a published
// item or page, and Netlify's _redirects if there are any; add adds a
// page of the site.
func (sk *skeleton) layOutAliases(in skeletonInputs, add func(kind slotKind, i int, file string)) {
	addAlias := func(a alias) {
		sk.aliases = append(sk.aliases, a)
		file := a.path
		if strings.HasSuffix(file, "/") || file == "" {
			file += "index.html"
		}
		add(slotAlias, len(sk.aliases)-1, file)
	}
	for _, pos := range sk.newest {
		for _, a := range in.Placements[sk.pub[pos]].Aliases {
			addAlias(alias{pos: pos, page: -1, path: strings.TrimPrefix(a, "/")})
		}
	}
	for i, ps := range sk.pages {
		for _, a := range in.Pages[ps.idx].Aliases {
			addAlias(alias{pos: -1, page: i, path: strings.TrimPrefix(a, "/")})
		}
	}
	if len(sk.aliases) > 0 {
		if in.Static["_redirects"] {
			sk.diags.Errorf("static/_redirects", 0, "redirects-clash", "items have aliases, from which digest writes _redirects, and static/_redirects would replace it")
		} else {
			add(slotRedirects, 0, "_redirects")
		}
	}
}

// layOutLists lists the pages of topics, lists, the indexes of topics,
// people and places, the archive, search and editions; add adds a page of
// the site.
func (sk *skeleton) layOutLists(add func(kind slotKind, i, n int, dir, file string, index bool, members []int)) {
	var all []int
	for i, t := range sk.topics {
		pages := 1
		if t.list >= 0 {
			pages = sk.lists[t.list].pages()
		}
		for n := 1; n <= pages; n++ {
			members := t.chrono
			if t.list >= 0 {
				members = sk.lists[t.list].page(n)
			}
			add(slotTopic, i, n, pageDir("topics/"+t.Slug+"/", n), "index.html", true, members)
		}
		all = append(all, t.chrono...)
	}
	add(slotTopics, 0, 0, "topics/", "index.html", true, all)
	for i, l := range sk.lists {
		if l.kind == listTopic {
			continue // the topic's own pages
		}
		for n := 1; n <= l.pages(); n++ {
			add(slotList, i, n, pageDir(l.dir, n), "index.html", true, l.page(n))
		}
	}
	for _, group := range []struct {
		index slotKind
		dir   string
		list  []*entitySkel
	}{{slotPeople, "people/", sk.people}, {slotPlaces, "places/", sk.places}} {
		all = all[:0]
		for _, e := range group.list {
			all = append(all, e.members...)
		}
		add(group.index, 0, 0, group.dir, "index.html", true, all)
	}
	add(slotArchive, 0, 0, "archive/", "index.html", true, sk.newest)
	add(slotSearch, 0, 0, "search/", "index.html", true, nil)
	for i, e := range sk.editions {
		add(slotEdition, i, 0, "editions/"+e.key+"/", "index.html", true, e.members)
	}
	for n := 1; n <= sk.editionPages(); n++ {
		add(slotEditions, 0, n, pageDir("editions/", n), "index.html", true, nil)
	}
}
