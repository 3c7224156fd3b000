package site

import (
	"fmt"
	"strings"
	"time"
)

// Kinds of generated files that are not HTML pages.
const (
	KindRSS      = "rss"
	KindAtom     = "atom"
	KindJSONFeed = "jsonfeed"
	KindSitemap  = "sitemap"
	KindRobots   = "robots"
	KindFile     = "file"     // a fixed small file: .nojekyll, CNAME, _redirects
	KindRedirect = "redirect" // an alias's page, sending readers on
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
	Editions    []*Edition // the editions' feed has these instead of articles
	Updated     time.Time  // the newest item's date or update
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

// RedirectView is a page at an old path of an item (one of its aliases)
// that sends readers and search engines to the item's page.
type RedirectView struct {
	Page
	Target    string // the item's absolute URL
	TargetURL string // its href
}

// redirectsFile is Netlify's _redirects: a permanent redirect from each
// alias to its item's page, which the host answers before any page.
func redirectsFile(s *Site, sk *skeleton, byPos []*Article) View {
	var b strings.Builder
	for _, a := range sk.aliases {
		fmt.Fprintf(&b, "%s %s 301\n", s.Info.URL(a.path), aliasTarget(s, sk, byPos, a).URL)
	}
	return fileView(s.Info, "_redirects", b.String())
}

// aliasTarget is the article or standalone page an alias leads to.
func aliasTarget(s *Site, sk *skeleton, byPos []*Article, a alias) *Article {
	if a.page >= 0 {
		return s.Standalone[a.page]
	}
	return byPos[a.pos]
}

// RobotsView is robots.txt.
type RobotsView struct {
	Page
	Sitemap string // absolute URL
}

// LastChange is when an article last changed: its update, else its date.
func (a *Article) LastChange() time.Time { return a.Teaser.LastChange() }

// feedViews are the feeds, in every format, of a list of articles
// (newest first) whose page is at homeDir.
func feedViews(s *Site, memo *Memo, dir, title, desc, homeDir string, articles []*Article) [3]View {
	latest := articles[:min(len(articles), s.Config.FeedItems)]
	var out [3]View
	for f, ff := range feedFiles {
		in := feedInputs{Dir: dir, Kind: ff.kind, File: ff.file, Title: title, Desc: desc, HomeDir: homeDir, Site: s.Info,
			FullContent: s.Config.FeedContent == "full", Articles: latest}
		out[f] = memo.feeds.get(dir+ff.file, in, newFeed)
	}
	return out
}

// newFeed makes one feed.
func newFeed(in feedInputs, _ *FeedView) *FeedView {
	info := in.Site
	var updated time.Time
	for _, a := range in.Articles {
		if t := a.LastChange(); t.After(updated) {
			updated = t
		}
	}
	d := in.Dir
	return &FeedView{
		Page: Page{Kind: in.Kind, Path: d + in.File, URL: info.URL(d + in.File), Permalink: info.AbsURL(d + in.File),
			Title: in.Title, Description: in.Desc, Site: info, NoIndex: true, Social: website()},
		FeedTitle: in.Title, HomeURL: info.AbsURL(in.HomeDir), ID: info.AbsURL(in.HomeDir), Articles: in.Articles, Updated: updated,
		FullContent: in.FullContent, Links: Feeds{RSS: info.AbsURL(d + "feed.xml"), Atom: info.AbsURL(d + "atom.xml"), JSON: info.AbsURL(d + "feed.json")},
	}
}

// feeds are the site's feeds, then each topic's, three formats each, in
// the order of the skeleton's feed slots.
func feeds(s *Site, memo *Memo) []View {
	info := s.Info
	site := feedViews(s, memo, "", info.Title, info.Description, "", s.Articles)
	out := site[:]
	for _, t := range s.Topics {
		desc := t.Description
		if desc == "" {
			desc = "The latest items on " + t.Name + "."
		}
		newest := make([]*Article, len(t.chrono))
		for i, a := range t.chrono {
			newest[len(t.chrono)-1-i] = a
		}
		tf := feedViews(s, memo, "topics/"+t.Slug+"/", t.Name+" · "+info.Title, desc, "topics/"+t.Slug+"/", newest)
		out = append(out, tf[:]...)
	}
	return out
}

// sitemap is sitemap.xml, made from the skeleton's entries.
func sitemap(s *Site, sk *skeleton, memo *Memo) *SitemapView {
	info := s.Info
	return memo.sitemap.get("sitemap.xml", sitemapInputs{Site: info, Entries: sk.sitemap}, func(in sitemapInputs, _ *SitemapView) *SitemapView {
		return &SitemapView{Page: Page{Kind: KindSitemap, Path: "sitemap.xml", URL: info.URL("sitemap.xml"),
			Permalink: info.AbsURL("sitemap.xml"), Site: info, NoIndex: true}, Entries: in.Entries}
	})
}

// fileView is a small file whose bytes the model knows.
func fileView(info *Info, path, data string) View {
	return &FileView{Page: Page{Kind: KindFile, Path: path, URL: info.URL(path), Permalink: info.AbsURL(path), Site: info, NoIndex: true}, Data: data}
}

// editionFeedViews are the feeds of editions, in every format: an entry
// per edition, the newest first.
func editionFeedViews(s *Site) [3]View {
	info := s.Info
	latest := s.Editions[:min(len(s.Editions), s.Config.FeedItems)]
	var updated time.Time
	for _, e := range latest {
		if e.Updated.After(updated) {
			updated = e.Updated
		}
	}
	var out [3]View
	for f, ff := range feedFiles {
		p := "editions/" + ff.file
		out[f] = &FeedView{
			Page: Page{Kind: ff.kind, Path: p, URL: info.URL(p), Permalink: info.AbsURL(p),
				Title: "Editions · " + info.Title, Description: "Every edition of " + info.Title + ".", Site: info, NoIndex: true, Social: website()},
			FeedTitle: "Editions · " + info.Title, HomeURL: info.AbsURL("editions/"), ID: info.AbsURL("editions/"), Editions: latest, Updated: updated,
			FullContent: true, Links: Feeds{RSS: info.AbsURL("editions/feed.xml"), Atom: info.AbsURL("editions/atom.xml"), JSON: info.AbsURL("editions/feed.json")},
		}
	}
	return out
}
