package site

import (
	"strings"

	"digest/internal/content"
	"digest/internal/fingerprint"
)

// KindPage is a standalone page: content/about.md is /about/.
const KindPage = "page"

// PageView is a standalone page: an about page, a corrections policy.
// It is in no list or feed; the sitemap lists it, and the navigation
// does when menu: names its slug.
type PageView struct {
	Page
	Article *Article // the page's text, title and dates, as an article's
}

// pageSkel is where a standalone page goes.
type pageSkel struct {
	Ref      // its title, slug and URL, for the navigation
	idx  int // in skeletonInputs.Pages
	path itemPath
}

// placePages picks the standalone pages that are published and says
// where each goes: its url:, else /<slug>/.
func (sk *skeleton) placePages(in skeletonInputs, info *Info) {
	for i, p := range in.Pages {
		if p.Draft && !in.Drafts || p.Expired && !in.Expired {
			continue
		}
		if p.Future {
			sk.diags.Add(futureDiag(p))
			if !in.Future {
				continue
			}
		}
		rel := p.Slug + "/"
		if p.URL != "" {
			rel = strings.TrimPrefix(p.URL, "/")
		}
		file := rel
		if rel == "" || strings.HasSuffix(rel, "/") {
			file += "index.html"
		}
		sk.pages = append(sk.pages, pageSkel{Ref: Ref{Name: in.PageTitles[i], Slug: p.Slug, URL: info.URL(rel)}, idx: i,
			path: itemPath{Path: file, URL: info.URL(rel), Permalink: info.AbsURL(rel)}})
	}
}

// aliasOwner is the placement of the item or page an alias leads to.
func (sk *skeleton) aliasOwner(in skeletonInputs, a alias) *placement {
	if a.page >= 0 {
		return in.Pages[sk.pages[a.page].idx]
	}
	return in.Placements[sk.pub[a.pos]]
}

// pageArticles makes the articles of the published standalone pages, in
// the skeleton's order.
func pageArticles(s *Site, c *content.Content, sk *skeleton, infoBase fingerprint.Sum, links *fileLinks, memo *Memo, pictures Pictures) []*Article {
	keys := make([]string, len(sk.pages))
	ins := make([]articleInputs, len(sk.pages))
	for i, ps := range sk.pages {
		it := c.Pages[ps.idx]
		keys[i] = it.File
		ins[i] = articleInputs{Item: it, Site: infoBase, Path: ps.path.Path, URL: ps.path.URL, Permalink: ps.path.Permalink,
			FileLinks: links.resolve(it.File, it.FileLinks), Pictures: picturesOf(it, pictures)}
	}
	return getAll(&memo.articles, keys, ins, func(in articleInputs, _ *Article) *Article { return newArticle(s.Info, in) })
}

// pageView is the view of a standalone page.
func pageView(a *Article, newPage pageMaker, mn *menus) *PageView {
	p := newPage(KindPage, dirOf(a.Path), a.Title, a.Description)
	if p.Description == "" {
		p.Description = a.Summary
	}
	p.Path, p.URL, p.Permalink = a.Path, a.URL, a.Permalink
	p.Social, p.Menu = a.social, mn.of(a.URL)
	return &PageView{Page: p, Article: a}
}
