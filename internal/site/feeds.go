package site

import (
	"time"
)

// Kinds of generated files that are not HTML pages.
const (
	KindRSS      = "rss"
	KindAtom     = "atom"
	KindJSONFeed = "jsonfeed"
	KindSitemap  = "sitemap"
	KindRobots   = "robots"
	KindFile     = "file" // a fixed small file: .nojekyll, CNAME
)

// FileView is a small file whose bytes the model knows: .nojekyll, which
// tells GitHub Pages to publish the output as it is, and CNAME.
type FileView struct {
	Page
	Data string
}

// FeedView is one feed: the site's or a topic's, in one format.
type FeedView struct {
	Page
	FeedTitle   string
	HomeURL     string // absolute URL of the page the feed follows
	ID          string // the feed's stable identifier
	Articles    []*Article
	Updated     time.Time // the newest item's date or update
	FullContent bool
	// Links are the feed's own URLs in every format, absolute.
	Links Feeds
}

// SitemapView is sitemap.xml.
type SitemapView struct {
	Page
	Entries []SitemapEntry
}

// SitemapEntry is one URL of the sitemap.
type SitemapEntry struct {
	Loc     string
	LastMod time.Time
}

// RobotsView is robots.txt.
type RobotsView struct {
	Page
	Sitemap string // absolute URL
}

// LastChange is when an article last changed: its update, else its date.
func (a *Article) LastChange() time.Time { return a.Teaser.LastChange() }

func feedViews(s *Site, dir, title, desc, homeDir string, articles []*Article) []View {
	info := s.Info
	n := min(len(articles), s.Config.FeedItems)
	latest := articles[:n]
	var updated time.Time
	for _, a := range latest {
		if t := a.LastChange(); t.After(updated) {
			updated = t
		}
	}
	links := Feeds{RSS: info.AbsURL(dir + "feed.xml"), Atom: info.AbsURL(dir + "atom.xml"), JSON: info.AbsURL(dir + "feed.json")}
	var out []View
	for _, f := range []struct{ kind, file string }{{KindRSS, "feed.xml"}, {KindAtom, "atom.xml"}, {KindJSONFeed, "feed.json"}} {
		out = append(out, &FeedView{
			Page: Page{Kind: f.kind, Path: dir + f.file, URL: info.URL(dir + f.file), Permalink: info.AbsURL(dir + f.file),
				Title: title, Description: desc, Site: info, NoIndex: true, Social: website()},
			FeedTitle: title, HomeURL: info.AbsURL(homeDir), ID: info.AbsURL(homeDir), Articles: latest, Updated: updated,
			FullContent: s.Config.FeedContent == "full", Links: links,
		})
	}
	return out
}

func publishingViews(s *Site, pages []View) []View {
	info := s.Info
	out := feedViews(s, "", info.Title, info.Description, "", s.Articles)
	for _, t := range s.Topics {
		desc := t.Description
		if desc == "" {
			desc = "The latest items on " + t.Name + "."
		}
		newest := make([]*Article, len(t.chrono))
		for i, a := range t.chrono {
			newest[len(t.chrono)-1-i] = a
		}
		out = append(out, feedViews(s, "topics/"+t.Slug+"/", t.Name+" · "+info.Title, desc, "topics/"+t.Slug+"/", newest)...)
	}
	sm := &SitemapView{Page: Page{Kind: KindSitemap, Path: "sitemap.xml", URL: info.URL("sitemap.xml"),
		Permalink: info.AbsURL("sitemap.xml"), Site: info, NoIndex: true}}
	for _, p := range pages {
		m := p.Meta()
		if m.NoIndex {
			continue
		}
		sm.Entries = append(sm.Entries, SitemapEntry{Loc: m.Permalink, LastMod: lastMod(p)})
	}
	out = append(out, sm)
	out = append(out, &RobotsView{Page: Page{Kind: KindRobots, Path: "robots.txt", URL: info.URL("robots.txt"),
		Permalink: info.AbsURL("robots.txt"), Site: info, NoIndex: true}, Sitemap: sm.Permalink})
	file := func(path, data string) View {
		return &FileView{Page: Page{Kind: KindFile, Path: path, URL: info.URL(path), Permalink: info.AbsURL(path), Site: info, NoIndex: true}, Data: data}
	}
	out = append(out, file(".nojekyll", ""))
	if s.Config.CNAME != "" {
		out = append(out, file("CNAME", s.Config.CNAME+"\n"))
	}
	return out
}

// lastMod is when a page's content last changed, from the dates of what
// it shows, so that the sitemap does not change with every build.
func lastMod(v View) time.Time {
	var t time.Time
	consider := func(as []*Teaser) {
		for _, a := range as {
			if c := a.LastChange(); c.After(t) {
				t = c
			}
		}
	}
	switch v := v.(type) {
	case *ArticleView:
		return v.Article.LastChange()
	case *HomeView:
		for _, d := range v.Days {
			consider(d.Articles)
		}
	case *TopicView:
		consider(v.Topic.Articles)
	case *TopicsView:
		for _, tp := range v.Topics {
			consider(tp.Articles)
		}
	case *TermView:
		consider(v.Term.Articles)
	case *TermsView:
		for _, e := range v.Terms {
			consider(e.Articles)
		}
	}
	return t
}
