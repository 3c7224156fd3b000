package site

import (
	"cmp"
	"fmt"
	"html/template"
	"slices"
	"strconv"

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
	Intro template.HTML // on the first page only
	Days  []Day
	Pager Pager
}

// Pager links the pages of a paginated list.
type Pager struct {
	Number, Total int
	Prev, Next    string // hrefs, "" at the ends
	Links         []PageLink
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

// articleViewInputs is everything an article's page is made from.
type articleViewInputs struct {
	Article    *Article
	Related    []*Teaser
	Timeline   *Ref
	Prev, Next *Teaser
	Site       *Info
	Menu       *Menu
}

// sum fingerprints the inputs. A rebuild computes it for every article to
// find its page in the memo; walking the struct by reflection took about
// 4 µs each (40 ms at 10,000 items), combining the leaves' sums by hand
// a tenth of that. Every field is covered: leaves by their sums, the
// timeline's reference by its strings, absent ones by a zero sum.
func (in articleViewInputs) sum() fingerprint.Sum {
	sums := make([]fingerprint.Sum, 0, 8+len(in.Related))
	var timeline fingerprint.Sum
	if in.Timeline != nil {
		timeline = fingerprint.Strings(in.Timeline.Name, in.Timeline.Slug, in.Timeline.URL)
	}
	sums = append(sums, in.Article.Fingerprint(), in.Site.Fingerprint(), in.Menu.Fingerprint(), timeline,
		teaserSum(in.Prev), teaserSum(in.Next), fingerprint.Strings(strconv.Itoa(len(in.Related))))
	for _, t := range in.Related {
		sums = append(sums, teaserSum(t))
	}
	return fingerprint.Sums(sums...)
}

func teaserSum(t *Teaser) fingerprint.Sum {
	if t == nil {
		return fingerprint.Sum{}
	}
	return t.fp
}

// TopicView is a topic's page.
type TopicView struct {
	Page
	Topic *Topic
}

// TopicsView lists every topic.
type TopicsView struct {
	Page
	Topics []*Topic
}

// TermView is a person's or a place's page.
type TermView struct {
	Page
	Term *Entity
}

// TermsView lists people or places.
type TermsView struct {
	Page
	Terms []*Entity
}

// NotFoundView is the 404 page.
type NotFoundView struct {
	Page
	Latest []*Teaser
}

func buildPages(s *Site, memo *Memo) []View {
	info := s.Info
	web := website()
	mn := newMenus(info.Nav)
	newPage := func(kind, dir, title, desc string) Page {
		url := info.URL(dir)
		return Page{Kind: kind, Path: dir + "index.html", URL: url, Permalink: info.AbsURL(dir),
			Title: title, Description: cmp.Or(desc, info.Description), Site: info, Social: web, Menu: mn.of(url)}
	}
	var pages []View

	perPage := s.Config.PerPage
	total := max(1, (len(s.Articles)+perPage-1)/perPage)
	for n := 1; n <= total; n++ {
		dir := ""
		title := ""
		if n > 1 {
			dir = "page/" + strconv.Itoa(n) + "/"
			title = fmt.Sprintf("Latest news, page %d", n)
		}
		v := &HomeView{Page: newPage(KindHome, dir, title, info.Description), Pager: pager(info, n, total)}
		if n == 1 {
			v.Intro = s.Config.Intro
		}
		v.Days = groupByDay(teasers(s.Articles[(n-1)*perPage : min(n*perPage, len(s.Articles))]))
		pages = append(pages, v)
	}

	related := relatedArticles(s)
	topicBySlug := make(map[string]*Topic, len(s.Topics))
	for _, t := range s.Topics {
		topicBySlug[t.Slug] = t
	}
	ins := make([]articleViewInputs, len(s.Articles))
	for i, a := range s.Articles {
		in := articleViewInputs{Article: a, Related: teasers(related[a]), Site: info, Menu: mn.of(a.URL)}
		if mt := a.MainTopic(); mt != nil {
			in.Timeline = mt
			prev, next := neighbours(topicBySlug[mt.Slug], a)
			if prev != nil {
				in.Prev = prev.Teaser
			}
			if next != nil {
				in.Next = next.Teaser
			}
		}
		ins[i] = in
	}
	// The keys are hashed on every core: 10,000 of them are a third of
	// the model's time.
	keys := make([]memoKey, len(ins))
	parallel(len(ins), func(i int) { keys[i] = memoKey{ins[i].Article.File, ins[i].sum()} })
	for i, in := range ins {
		a, key := in.Article, keys[i]
		v := lookup(memo.cur.views, memo.prev.views, key, func() *ArticleView {
			p := newPage(KindArticle, a.Path[:len(a.Path)-len("index.html")], a.Title, a.Summary)
			p.Social, p.Menu = a.social, in.Menu
			return &ArticleView{Page: p, Article: a, Related: in.Related, Timeline: in.Timeline, Prev: in.Prev, Next: in.Next, fp: key.sum}
		})
		pages = append(pages, v)
	}

	for _, t := range s.Topics {
		desc := t.Description
		if desc == "" {
			desc = fmt.Sprintf("%s: %d items", t.Name, t.Count)
		}
		v := &TopicView{Page: newPage(KindTopic, "topics/"+t.Slug+"/", t.Name, desc), Topic: t}
		v.Feeds = &t.Feeds
		v.Social = topicSocial(info, t, v.Permalink, desc)
		pages = append(pages, v)
	}
	pages = append(pages, &TopicsView{Page: newPage(KindTopics, "topics/", "Topics", "Every story this digest follows."), Topics: s.Topics})

	for _, group := range []struct {
		kind, title, desc string
		terms             []*Entity
	}{
		{"people", "People", "Everyone named in this digest's items.", s.People},
		{"places", "Places", "Every place named in this digest's items.", s.Places},
	} {
		for _, e := range group.terms {
			desc := fmt.Sprintf("%d items naming %s, %s.", e.Count, e.Name, e.Span)
			pages = append(pages, &TermView{Page: newPage(KindTerm, group.kind+"/"+e.Slug+"/", e.Name, desc), Term: e})
		}
		pages = append(pages, &TermsView{Page: newPage(KindTerms, group.kind+"/", group.title, group.desc), Terms: group.terms})
	}

	nf := &NotFoundView{Page: Page{Kind: KindNotFound, Path: "404.html", URL: info.URL("404.html"), Permalink: info.AbsURL("404.html"),
		Title: "Page not found", Description: info.Description, Site: info, NoIndex: true, Social: web, Menu: mn.of("")}}
	nf.Latest = teasers(s.Articles[:min(5, len(s.Articles))])
	pages = append(pages, nf)

	pages = append(pages, publishingViews(s, pages)...)
	slices.SortStableFunc(pages, func(a, b View) int { return cmp.Compare(a.Meta().Path, b.Meta().Path) })
	return pages
}

// pager links page n of total: first, last, and two either side of n.
func pager(info *Info, n, total int) Pager {
	url := func(i int) string {
		if i == 1 {
			return info.URL("")
		}
		return info.URL("page/" + strconv.Itoa(i) + "/")
	}
	p := Pager{Number: n, Total: total}
	if n > 1 {
		p.Prev = url(n - 1)
	}
	if n < total {
		p.Next = url(n + 1)
	}
	if total == 1 {
		return p
	}
	last := 0
	for i := 1; i <= total; i++ {
		if i != 1 && i != total && (i < n-2 || i > n+2) {
			continue
		}
		if last != 0 && i > last+1 {
			p.Links = append(p.Links, PageLink{})
		}
		p.Links = append(p.Links, PageLink{Number: i, URL: url(i), Current: i == n})
		last = i
	}
	return p
}
