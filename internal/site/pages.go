package site

import (
	"cmp"
	"fmt"
	"html/template"

	"digest/internal/fingerprint"
)

// Page kinds. Each names the template that renders it ("home.html").
const (
	KindHome     = "home"
	KindArticle  = "article"
	KindTopic    = "topic"
	KindTopics   = "topics"
	KindTerm     = "term"  // a person's or a place's page
	KindTerms    = "terms" // the index of people or of places
	KindNotFound = "404"
)

// View is the data of one output file.
type View interface {
	Meta() *Page
}

// Page is what every view has: where it goes and how it presents itself.
type Page struct {
	Kind        string
	Path        string // output file, slash-separated: "topics/index.html"
	URL         string // href
	Permalink   string // absolute URL
	Title       string // the page's own title ("" on the home page)
	Description string // for <meta name="description">
	Site        *Info
	Feeds       *Feeds  // the page's own feeds (a topic's), if any
	NoIndex     bool    // keep out of the sitemap and search engines
	Social      *Social // link previews and structured data
	Menu        *Menu   // the navigation, with this page's entry marked
}

// Meta returns the page.
func (p *Page) Meta() *Page { return p }

// HomeView is one page of the home page's list of the latest news.
type HomeView struct {
	Page
	Intro     template.HTML // the site's (content/_index.md), on the first page only
	Heading   string        // the list's: "Latest news", or content/articles/_index.md's title
	ListIntro template.HTML // content/articles/_index.md's body, on every page
	Days      []Day
	Pager     Pager
}

// Pager links the pages of a paginated list.
type Pager struct {
	Number, Total int
	Prev, Next    string     // hrefs, "" at the ends
	Links         []PageLink // the first, the last and those near this one
	All           []PageLink // every page, when Links leaves some out (none Current: compare Number)
	Chrono        bool       // later pages are later in time (a timeline's), not older
}

// PageLink is one entry of a pager: a page number, or a gap (Number 0).
type PageLink struct {
	Number  int
	URL     string
	Current bool
}

// ArticleView is an article's page.
type ArticleView struct {
	Page
	Article  *Article
	Related  []*Teaser // "more on this story"
	Timeline *Ref      // the main topic, whose timeline Prev and Next walk
	Prev     *Teaser   // the previous (older) item on that timeline
	Next     *Teaser   // the next (newer) one
	fp       fingerprint.Sum
}

// Fingerprint implements fingerprint.Leaf: an article's page is made from
// its articleViewInputs alone, so their fingerprint is the page's.
func (v *ArticleView) Fingerprint() fingerprint.Sum { return v.fp }

// TopicsView lists every topic.
type TopicsView struct {
	Page
	Intro  template.HTML // content/topics/_index.md's body
	Topics []*Topic
}

// topicsView is the list of topics, titled and introduced by
// content/topics/_index.md if there is one.
func topicsView(s *Site, newPage pageMaker) *TopicsView {
	title, desc := "Topics", "Every story this digest follows."
	var intro template.HTML
	if sec := s.sections.topics; sec != nil {
		title, desc, intro = cmp.Or(sec.Title, title), cmp.Or(sec.Description, desc), s.sections.topicsIntro
	}
	return &TopicsView{Page: newPage(KindTopics, "topics/", title, desc), Intro: intro, Topics: s.Topics}
}

// NotFoundView is the 404 page.
type NotFoundView struct {
	Page
	Latest []*Teaser
}

// buildPages makes every page's view and returns them in the skeleton's
// order: by path.
func buildPages(s *Site, sk *skeleton, byPos []*Article, memo *Memo) []View {
	info := s.Info
	web := website()
	mn := newMenus(info.Nav)
	newPage := func(kind, dir, title, desc string) Page {
		url := info.URL(dir)
		return Page{Kind: kind, Path: dir + "index.html", URL: url, Permalink: info.AbsURL(dir),
			Title: title, Description: cmp.Or(desc, info.Description), Site: info, Social: web, Menu: mn.of(url)}
	}
	homes := homePages(s, sk, memo, newPage)
	articles := articlePages(s, sk, byPos, memo, mn, newPage)
	lc := newListLinks(info, sk)
	topics := topicPages(s, sk, byPos, lc, newPage)
	lists := listPages(s, sk, byPos, lc, newPage)
	peopleIndex := &TermsView{Page: newPage(KindTerms, "people/", "People", "Everyone named in this digest's items."), Terms: s.People}
	placesIndex := &TermsView{Page: newPage(KindTerms, "places/", "Places", "Every place named in this digest's items."), Terms: s.Places}
	nf := &NotFoundView{Page: Page{Kind: KindNotFound, Path: "404.html", URL: info.URL("404.html"), Permalink: info.AbsURL("404.html"),
		Title: "Page not found", Description: info.Description, Site: info, NoIndex: true, Social: web, Menu: mn.of("")},
		Latest: teasers(s.Articles[:min(5, len(s.Articles))])}
	feedList := feeds(s, memo)
	editionFeeds := editionFeedViews(s)
	editionViews, editionsIndex := editionPagesOf(s, sk, s.Editions, newPage)
	sm := sitemap(s, sk, memo)

	pages := make([]View, len(sk.order))
	for i, slot := range sk.order {
		switch slot.kind {
		case slotHome:
			pages[i] = homes[slot.i]
		case slotArticle:
			pages[i] = articles[slot.i]
		case slotTopic:
			pages[i] = topics[slot.i][slot.n-1]
		case slotTopics:
			pages[i] = topicsView(s, newPage)
		case slotPeople:
			pages[i] = peopleIndex
		case slotPlaces:
			pages[i] = placesIndex
		case slotList:
			pages[i] = lists[slot.i][slot.n-1]
		case slotEdition:
			pages[i] = editionViews[slot.i]
		case slotEditions:
			pages[i] = editionsIndex[slot.n-1]
		case slotEditionFeed:
			pages[i] = editionFeeds[slot.i]
		case slotSearch:
			v := &SearchView{Page: newPage(KindSearch, "search/", "Search", "Search every item of "+info.Title+"."), Topics: s.Topics}
			v.Index, v.Archive = info.URL(SearchIndex), info.URL("archive/")
			pages[i] = v
		case slotArchive:
			pages[i] = archiveView(s, sk, lc, newPage)
		case slotNotFound:
			pages[i] = nf
		case slotFeed:
			pages[i] = feedList[slot.i]
		case slotSitemap:
			pages[i] = sm
		case slotRobots:
			pages[i] = &RobotsView{Page: Page{Kind: KindRobots, Path: "robots.txt", URL: info.URL("robots.txt"),
				Permalink: info.AbsURL("robots.txt"), Site: info, NoIndex: true}, Sitemap: sm.Permalink}
		case slotNoJekyll:
			pages[i] = fileView(info, ".nojekyll", "")
		case slotCNAME:
			pages[i] = fileView(info, "CNAME", s.Config.CNAME+"\n")
		case slotAlias:
			a, to := sk.aliases[slot.i], aliasTarget(s, sk, byPos, sk.aliases[slot.i])
			pages[i] = &RedirectView{Page: Page{Kind: KindRedirect, Path: slot.path, URL: info.URL(a.path), Permalink: info.AbsURL(a.path),
				Title: to.Title, Site: info, NoIndex: true}, Target: to.Permalink, TargetURL: to.URL}
		case slotRedirects:
			pages[i] = redirectsFile(s, sk, byPos)
		case slotPage:
			pages[i] = pageView(s.Standalone[slot.i], newPage, mn)
		}
	}
	return pages
}

// pageMaker makes the Page of a list page at dir.
type pageMaker func(kind, dir, title, desc string) Page

// homePages are the pages of the home page's list of the latest news.
func homePages(s *Site, sk *skeleton, memo *Memo, newPage pageMaker) []View {
	info := s.Info
	perPage := s.Config.PerPage
	pages := make([]View, 0, sk.homes)
	homeLinks := allPages(info, "", sk.homes)
	for n := 1; n <= sk.homes; n++ {
		in := homeInputs{Number: n, Total: sk.homes, Site: info,
			Articles: teasers(s.Articles[min((n-1)*perPage, len(s.Articles)):min(n*perPage, len(s.Articles))])}
		heading, desc := "Latest news", info.Description
		if sec := s.sections.articles; sec != nil {
			heading = cmp.Or(sec.Title, heading)
			desc = cmp.Or(sec.Description, desc)
			in.ListIntro = s.sections.articlesIntro
		}
		in.Heading = heading
		title := ""
		if n > 1 {
			title = fmt.Sprintf("%s, page %d", heading, n)
		}
		p := newPage(KindHome, homeDir(n), title, desc)
		in.Menu = p.Menu
		if n == 1 {
			in.Intro = s.sections.home
		}
		pages = append(pages, memo.homes.get(n, in, func(in homeInputs, _ *HomeView) *HomeView {
			return &HomeView{Page: p, Intro: in.Intro, Heading: in.Heading, ListIntro: in.ListIntro, Days: groupByDay(in.Articles),
				Pager: pager(homeLinks, n)}
		}))
	}
	return pages
}

// articlePages are the pages of the articles, in the order of s.Articles.
func articlePages(s *Site, sk *skeleton, byPos []*Article, memo *Memo, mn *menus, newPage pageMaker) []View {
	ins := make([]articleViewInputs, len(s.Articles))
	keys := make([]string, len(s.Articles))
	for i, a := range s.Articles {
		pos := sk.newest[i]
		in := articleViewInputs{Article: a, Site: s.Info, Menu: mn.of(a.URL)}
		if len(a.Topics) > 0 {
			in.Related = memo.related.get(a.File, relatedOf(a.File, sk.topicsOf[pos], s.Topics), relatedTo)
			in.Timeline = a.MainTopic()
			in.Prev = sk.onLine[pos].step(-1, in.Related, byPos)
			in.Next = sk.onLine[pos].step(+1, in.Related, byPos)
		}
		ins[i], keys[i] = in, a.File
	}
	views := getAll(&memo.views, keys, ins, func(in articleViewInputs, _ *ArticleView) *ArticleView {
		a := in.Article
		p := newPage(KindArticle, dirOf(a.Path), a.Title, cmp.Or(a.Description, a.Summary))
		p.Path, p.URL, p.Permalink = a.Path, a.URL, a.Permalink // a file, with url: x.html
		p.Social, p.Menu = a.social, in.Menu
		return &ArticleView{Page: p, Article: a, Related: in.Related, Timeline: in.Timeline, Prev: in.Prev, Next: in.Next, fp: in.sum()}
	})
	pages := make([]View, len(views))
	for i, v := range views {
		pages[i] = v
	}
	return pages
}

// allPages links every page of a list whose first page is in dir; a
// list's pages share it.
func allPages(info *Info, dir string, total int) []PageLink {
	out := make([]PageLink, total)
	for i := range out {
		out[i] = PageLink{Number: i + 1, URL: info.URL(pageDir(dir, i+1))}
	}
	return out
}

// pager links page n of the list whose pages all links: the first, the
// last, and two either side of n, and, when that leaves some out, every
// page (Pager.All, shared with the list's other pages), for a reader to
// jump to.
func pager(all []PageLink, n int) Pager {
	total := len(all)
	p := Pager{Number: n, Total: total}
	if n > 1 {
		p.Prev = all[n-2].URL
	}
	if n < total {
		p.Next = all[n].URL
	}
	if total <= 1 {
		return p
	}
	last := 0
	for i := 1; i <= total; i++ {
		if i != 1 && i != total && (i < n-2 || i > n+2) {
			continue
		}
		if last != 0 && i > last+1 {
			p.Links = append(p.Links, PageLink{})
			p.All = all
		}
		p.Links = append(p.Links, PageLink{Number: i, URL: all[i-1].URL, Current: i == n})
		last = i
	}
	return p
}
