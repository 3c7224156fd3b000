package site

import (
	"cmp"
	"fmt"
	"html/template"
	"net/url"
	"strings"
	"time"

	"digest/internal/content"
	"digest/internal/diag"
	"digest/internal/fingerprint"
	"digest/internal/markdown"
	"digest/internal/slug"
)

// Make makes the model of a site from its content. With the Memo of an
// earlier Make (Options.Memo) it makes again only what changed: the same
// code builds a site from nothing and after an edit. The skeleton (see
// skeleton.go) is made again only when an item moved; then the articles,
// lists and pages are made again where what they show changed.
func Make(c *content.Content, opts Options) *Site {
	memo := opts.Memo
	if memo == nil {
		memo = &Memo{}
	}
	memo.begin()
	s := &Site{Config: c.Config, Info: newInfo(c.Config, opts)}
	// What articles are made from, of the site: all of it but the
	// navigation, which depends on the topics and does not affect them.
	infoBase := fingerprint.Of(*s.Info)

	skIn := skeletonInputsOf(c, opts, memo)
	placements := skIn.Placements
	sk := memo.skeleton.get("", skIn, func(in skeletonInputs, _ *skeleton) *skeleton {
		return makeSkeleton(in, s.Info, memo)
	})
	s.Diags.Add(sk.diags...)
	s.Resources = sk.files
	links := newFileLinks(sk, skIn, s.Info)

	// The articles, in the skeleton's order of positions.
	keys := make([]string, 0, len(sk.newest))
	ins := make([]articleInputs, 0, len(sk.newest))
	for _, pos := range sk.newest {
		it, p, path := c.Items[sk.pub[pos]], placements[sk.pub[pos]], sk.paths[pos]
		r := sk.refs[pos]
		keys = append(keys, it.File)
		ins = append(ins, articleInputs{Item: it, Site: infoBase, Future: p.Future, Expired: p.Expired, Topics: r.Topics, People: r.People, Places: r.Places,
			Path: path.Path, URL: path.URL, Permalink: path.Permalink, FileLinks: links.resolve(it.File, it.FileLinks),
			Pictures: picturesOf(it, opts.Pictures)})
	}
	s.Articles = getAll(&memo.articles, keys, ins, func(in articleInputs, old *Article) *Article {
		a := newArticle(s.Info, in)
		// An article made again with the same teaser (a new body) keeps
		// the teaser every list holds.
		if old != nil && old.Teaser.fp == a.Teaser.fp {
			a.Teaser = old.Teaser
		}
		return a
	})
	byPos := make([]*Article, len(sk.pub))
	for i, pos := range sk.newest {
		byPos[pos] = s.Articles[i]
	}
	at := func(positions []int) []*Article {
		out := make([]*Article, len(positions))
		for i, pos := range positions {
			out[i] = byPos[pos]
		}
		return out
	}
	s.Standalone = pageArticles(s, c, sk, infoBase, links, memo, opts.Pictures)
	for _, t := range sk.topics {
		in := topicInputs{File: t.file, Ref: t.Ref, Articles: at(t.chrono)}
		if t.file != nil {
			in.Intro = links.html(t.file.File, t.file.Intro, t.file.FileLinks)
		}
		s.Topics = append(s.Topics, memo.topics.get(t.Slug, in, func(in topicInputs, _ *Topic) *Topic {
			return newTopic(in.Ref, in.File, in.Intro, in.Articles)
		}))
	}
	for _, group := range []struct {
		list []*entitySkel
		out  *[]*Entity
	}{{sk.people, &s.People}, {sk.places, &s.Places}} {
		for _, e := range group.list {
			in := entityInputs{Ref: e.Ref, Kind: e.kind, Articles: teasers(at(e.members))}
			*group.out = append(*group.out, memo.entities.get(e.kind+"/"+e.Slug, in, func(in entityInputs, _ *Entity) *Entity { return newEntity(in) }))
		}
	}
	s.Info.Nav = sk.nav
	s.Info.fp = fingerprint.Of(*s.Info)
	s.sections = sectionsOf(c, links)
	var edDiags diag.List
	s.Editions, edDiags = editions(s, sk, byPos, c.Editions, links)
	s.Diags.Add(edDiags...)
	s.Diags.Add(links.diags...)
	s.Pages = buildPages(s, sk, byPos, memo)
	s.Diags.Add(checkLinks(s, c, sk, memo)...)
	return s
}

// newInfo is what every page knows of the site, but the navigation.
func newInfo(cfg *content.Config, opts Options) *Info {
	info := &Info{
		Title: cfg.Title, Description: cfg.Description, Language: cfg.Language,
		BaseURL: cfg.BaseURL, BasePath: cfg.BasePath(), Timezone: cfg.TimezoneName,
		Generator: opts.Generator, Assets: opts.Assets, Params: cfg.Params, base: cfg.Base(),
	}
	if cfg.Image != nil {
		info.Card = cardOf(info, opts.Card, cfg.Image.Alt)
	}
	info.Feeds = Feeds{RSS: info.URL("feed.xml"), Atom: info.URL("atom.xml"), JSON: info.URL("feed.json")}
	info.EditionFeeds = Feeds{RSS: info.URL("editions/feed.xml"), Atom: info.URL("editions/atom.xml"), JSON: info.URL("editions/feed.json")}
	return info
}

// skeletonInputsOf is what the skeleton is made from: where each item
// and standalone page stands, and the rest of the site's shape.
func skeletonInputsOf(c *content.Content, opts Options, memo *Memo) skeletonInputs {
	in := skeletonInputs{Placements: make([]*placement, len(c.Items)), Config: c.Config, Topics: c.Topics, Broken: c.Broken,
		Static: opts.StaticFiles, Drafts: opts.Drafts, Future: opts.Future, Expired: opts.Expired,
		Pages: make([]*placement, len(c.Pages)), PageTitles: make([]string, len(c.Pages)), Resources: c.Resources}
	for i, it := range c.Items {
		in.Placements[i] = memo.placements.get(it.File, placementInputsOf(it, opts.Now), newPlacement)
	}
	for i, it := range c.Pages {
		in.Pages[i] = memo.placements.get(it.File, placementInputsOf(it, opts.Now), newPlacement)
		in.PageTitles[i] = it.Title
	}
	return in
}

// sectionsOf is the lists' settings and introductions, their links to
// content files resolved.
func sectionsOf(c *content.Content, links *fileLinks) sections {
	cfg := c.Config
	out := sections{home: links.html(cfg.File, cfg.Intro, cfg.FileLinks)}
	if sec := c.ArticlesSection; sec != nil {
		out.articles, out.articlesIntro = sec, links.html(sec.File, sec.Intro, sec.FileLinks)
	}
	if sec := c.TopicsSection; sec != nil {
		out.topics, out.topicsIntro = sec, links.html(sec.File, sec.Intro, sec.FileLinks)
	}
	return out
}

// topicRefs returns the links to topics by slug, named by their files'
// titles, else after their slugs.
func topicRefs(info *Info, files []*content.Topic) func(slug string) Ref {
	byFile := map[string]*content.Topic{}
	for _, t := range files {
		if byFile[t.Slug] == nil {
			byFile[t.Slug] = t
		}
	}
	refs := map[string]Ref{}
	return func(sl string) Ref {
		if r, ok := refs[sl]; ok {
			return r
		}
		name := slug.Title(sl)
		if t := byFile[sl]; t != nil {
			name = t.Title
		}
		r := Ref{Name: name, Slug: sl, URL: info.URL("topics/" + sl + "/")}
		refs[sl] = r
		return r
	}
}

// newArticle makes an article from its inputs.
func newArticle(info *Info, in articleInputs) *Article {
	it := in.Item
	a := &Article{Item: it, Future: in.Future, Expired: in.Expired, Topics: in.Topics, People: in.People, Places: in.Places,
		Path: in.Path, URL: in.URL, Permalink: in.Permalink, fileLinks: in.FileLinks}
	if it.LeadImage != nil {
		a.Image = leadImage(info, it.LeadImage, a.URL, in.Pictures)
		a.Card = cardOf(info, picture(in.Pictures, it.LeadImage.Src), it.LeadImage.Alt)
	}
	a.pictures = bodyPictures(info, it, a.URL, in.Pictures)
	a.fp = fingerprint.Of(struct {
		Item                   content.Hash
		Site                   fingerprint.Sum
		Future, Expired        bool
		Topics, People, Places []Ref
		URL, Permalink, Path   string
		FileLinks              []string
		Pictures               []Picture
	}{it.Hash, in.Site, in.Future, in.Expired, in.Topics, in.People, in.Places, a.URL, a.Permalink, a.Path, in.FileLinks, in.Pictures})
	a.Teaser = newTeaser(a)
	a.social = articleSocial(info, a)
	return a
}

// besidePage makes an image's src work from every page that shows it: a
// root-relative one gets the base path; a relative one ("map.png", a
// bundle's file) is resolved against the page of its item (pageURL).
func besidePage(info *Info, src, pageURL string) string {
	if src == "" || strings.HasPrefix(src, "/") || strings.HasPrefix(src, "#") {
		return info.base.Rebase(src)
	}
	if u, err := url.Parse(src); err != nil || u.Scheme != "" || u.Host != "" {
		return src
	}
	base, err := url.Parse(pageURL)
	if err != nil {
		return src
	}
	ref, _ := url.Parse(src)
	return base.ResolveReference(ref).String()
}

// Body returns the HTML of the article's body, its links to content
// files leading to their pages.
func (a *Article) Body() (template.HTML, error) {
	h, err := a.Item.Body()
	if err != nil || len(a.fileLinks) == 0 && len(a.pictures) == 0 {
		return h, err
	}
	s := string(h)
	if len(a.fileLinks) > 0 {
		s = markdown.ResolveFileLinks(s, a.fileLinks)
	}
	return template.HTML(withPictures(s, a.pictures)), nil
}

// newestFirst orders articles by date, newest first, then by file so that
// the order never depends on anything else.
func newestFirst(a, b *Article) int {
	return cmp.Or(b.Date.Compare(a.Date), cmp.Compare(a.File, b.File))
}

// Day is the articles of one calendar day in the site's time zone.
type Day struct {
	Date     time.Time // midnight
	ID       string    // "2025-08-15", for anchors
	Articles []*Teaser
}

// groupByDay groups articles, in the order given, into runs of one day.
func groupByDay(as []*Teaser) []Day {
	var days []Day
	for _, a := range as {
		y, m, d := a.Date.Date()
		if n := len(days); n > 0 {
			ly, lm, ld := days[n-1].Date.Date()
			if ly == y && lm == m && ld == d {
				days[n-1].Articles = append(days[n-1].Articles, a)
				continue
			}
		}
		midnight := time.Date(y, m, d, 0, 0, 0, 0, a.Date.Location())
		days = append(days, Day{Date: midnight, ID: midnight.Format("2006-01-02"), Articles: []*Teaser{a}})
	}
	return days
}

// Span describes the dates of a run of articles: "28 Jul – 18 Aug 2025",
// "6–18 Aug 2025", "15 Aug 2025" or "28 Dec 2024 – 3 Jan 2025".
func Span(first, last time.Time) string {
	if first.IsZero() {
		return ""
	}
	if last.Before(first) {
		first, last = last, first
	}
	fy, fm, fd := first.Date()
	ly, lm, ld := last.Date()
	switch {
	case fy == ly && fm == lm && fd == ld:
		return first.Format("2 Jan 2006")
	case fy == ly && fm == lm:
		return fmt.Sprintf("%d–%s", fd, last.Format("2 Jan 2006"))
	case fy == ly:
		return first.Format("2 Jan") + " – " + last.Format("2 Jan 2006")
	}
	return first.Format("2 Jan 2006") + " – " + last.Format("2 Jan 2006")
}
