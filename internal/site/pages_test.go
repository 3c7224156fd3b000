package site_test

import (
	"fmt"
	"slices"
	"strings"
	"testing"

	"digest/internal/site"
)

// fullSite has a page of every kind: two topics (one without a file),
// people, places, several home pages.
func fullSite() map[string]string {
	files := map[string]string{
		"_index.md":           config("base_url: https://news.example.org/", "per_page: 2", "feed_items: 3"),
		"topics/talks.md":     topic("Talks"),
		"topics/sanctions.md": topic("Sanctions"),
	}
	for i := 1; i <= 5; i++ {
		files[fmt.Sprintf("articles/2025-08-%02d-talks.md", i)] = item(fmt.Sprint("Talks ", i), fmt.Sprintf("2025-08-%02d", i),
			"topics: [talks]", "people: [Ann Lee]", "places: [Kyiv]")
	}
	files["articles/2025-08-03-sanctions.md"] = item("Sanctions 1", "2025-08-03 12:00", "topics: [sanctions, ceasefire]")
	files["articles/2025-08-06-sanctions.md"] = item("Sanctions 2", "2025-08-06", "topics: [sanctions]", "updated: 2025-08-20")
	return files
}

func TestPagesUniqueAndSorted(t *testing.T) {
	s := build(t, fullSite(), site.Options{})
	ps := paths(s)
	if !slices.IsSorted(ps) {
		t.Errorf("pages not sorted by path:\n%s", strings.Join(ps, "\n"))
	}
	seen := map[string]bool{}
	for _, p := range ps {
		if seen[p] {
			t.Errorf("two pages at %s", p)
		}
		seen[p] = true
		if strings.HasPrefix(p, "/") || p == "" {
			t.Errorf("bad path %q", p)
		}
	}
	if s.Diags.HasErrors() {
		t.Errorf("errors:\n%s", diagText(s.Diags))
	}
	want := []string{
		"index.html", "page/2/index.html", "page/4/index.html", "404.html",
		"2025/08/01/talks/index.html", "2025/08/06/sanctions/index.html",
		"topics/index.html", "topics/talks/index.html", "topics/sanctions/index.html", "topics/ceasefire/index.html",
		"people/index.html", "people/ann-lee/index.html", "places/index.html", "places/kyiv/index.html",
		"feed.xml", "atom.xml", "feed.json", "sitemap.xml", "robots.txt",
		"people/ann-lee/page/3/index.html", "places/kyiv/page/3/index.html",
		"archive/index.html", "2025/08/index.html", "2025/08/page/4/index.html",
		"editions/index.html", "editions/2025-08-01/index.html", "editions/2025-08-06/index.html", "editions/feed.xml",
	}
	for _, tp := range []string{"talks", "sanctions", "ceasefire"} {
		for _, f := range []string{"feed.xml", "atom.xml", "feed.json"} {
			want = append(want, "topics/"+tp+"/"+f)
		}
	}
	for _, p := range want {
		if !seen[p] {
			t.Errorf("no page %s", p)
		}
	}
	// 4 home pages, 7 articles, 3 topics and their index, 2 terms of
	// 3 pages each and 2 indexes, the archive and its month of 4 pages,
	// 6 editions and their index, the search page, 404, 5×3 feeds,
	// sitemap, robots.txt and .nojekyll.
	if n := 4 + 7 + 4 + 6 + 2 + 1 + 4 + 6 + 1 + 1 + 1 + 15 + 3; len(ps) != n {
		t.Errorf("%d pages, want %d:\n%s", len(ps), n, strings.Join(ps, "\n"))
	}
}

func TestFeeds(t *testing.T) {
	s := build(t, fullSite(), site.Options{})
	tests := []struct {
		dir, title string
		articles   []string
	}{
		{"", "Test digest", []string{"Sanctions 2", "Talks 5", "Talks 4"}},
		{"topics/talks/", "Talks · Test digest", []string{"Talks 5", "Talks 4", "Talks 3"}},
		{"topics/sanctions/", "Sanctions · Test digest", []string{"Sanctions 2", "Sanctions 1"}},
		{"topics/ceasefire/", "Ceasefire · Test digest", []string{"Sanctions 1"}},
	}
	for _, tt := range tests {
		for _, f := range []struct{ file, kind string }{
			{"feed.xml", site.KindRSS}, {"atom.xml", site.KindAtom}, {"feed.json", site.KindJSONFeed},
		} {
			path := tt.dir + f.file
			v := page[*site.FeedView](t, s, path)
			if v.Kind != f.kind || !v.NoIndex || v.URL != "/"+path || v.Permalink != "https://news.example.org/"+path {
				t.Errorf("%s: Kind %q NoIndex %v URL %q Permalink %q", path, v.Kind, v.NoIndex, v.URL, v.Permalink)
			}
			if v.FeedTitle != tt.title || v.HomeURL != "https://news.example.org/"+tt.dir {
				t.Errorf("%s: FeedTitle %q HomeURL %q", path, v.FeedTitle, v.HomeURL)
			}
			equal(t, path+" articles", titles(v.Articles), tt.articles)
			if v.Links.RSS != "https://news.example.org/"+tt.dir+"feed.xml" || v.Links.JSON != "https://news.example.org/"+tt.dir+"feed.json" {
				t.Errorf("%s: Links %+v", path, v.Links)
			}
		}
	}
	// Updated is the latest change of the listed items, updates included.
	if v := page[*site.FeedView](t, s, "feed.xml"); v.Updated.Format("2006-01-02") != "2025-08-20" {
		t.Errorf("site feed Updated = %v, want 2025-08-20", v.Updated)
	}
	if v := page[*site.FeedView](t, s, "topics/talks/feed.xml"); v.Updated.Format("2006-01-02") != "2025-08-05" {
		t.Errorf("talks feed Updated = %v, want 2025-08-05", v.Updated)
	}
	if s.Info.Feeds.RSS != "/feed.xml" || s.Info.Feeds.Atom != "/atom.xml" || s.Info.Feeds.JSON != "/feed.json" {
		t.Errorf("Info.Feeds = %+v", s.Info.Feeds)
	}
}

func TestFeedItemsDefault(t *testing.T) {
	files := map[string]string{}
	for i := 1; i <= 60; i++ {
		d := fmt.Sprintf("2025-07-%02d", 1+i%28)
		files[fmt.Sprintf("articles/%s-x%02d.md", d, i)] = item(fmt.Sprint("X", i), fmt.Sprintf("%s 12:%02d", d, i%60))
	}
	s := build(t, files, site.Options{})
	v := page[*site.FeedView](t, s, "feed.json")
	if len(v.Articles) != 50 {
		t.Fatalf("feed lists %d articles, want 50", len(v.Articles))
	}
	for i := 1; i < len(v.Articles); i++ {
		if v.Articles[i].Date.After(v.Articles[i-1].Date) {
			t.Fatalf("feed not newest first: %s before %s", v.Articles[i-1].Title, v.Articles[i].Title)
		}
	}
	if !slices.Equal(v.Articles, s.Articles[:50]) {
		t.Errorf("feed does not list the 50 newest articles, newest first: %v", titles(v.Articles))
	}
}

func TestSitemapAndRobots(t *testing.T) {
	s := build(t, fullSite(), site.Options{})
	sm := page[*site.SitemapView](t, s, "sitemap.xml")
	var locs []string
	for _, e := range sm.Entries {
		locs = append(locs, e.Loc)
	}
	var want []string
	for _, p := range s.Pages {
		m := p.Meta()
		switch m.Kind {
		case site.KindNotFound, site.KindRSS, site.KindAtom, site.KindJSONFeed, site.KindSitemap, site.KindRobots, site.KindFile:
			continue
		}
		want = append(want, m.Permalink)
	}
	slices.Sort(locs)
	slices.Sort(want)
	equal(t, "sitemap", locs, want)
	for _, l := range locs {
		if strings.Contains(l, "404") || strings.HasSuffix(l, ".xml") || strings.HasSuffix(l, ".json") || !strings.HasPrefix(l, "https://news.example.org/") {
			t.Errorf("sitemap lists %s", l)
		}
	}
	if !slices.Contains(locs, "https://news.example.org/") || !slices.Contains(locs, "https://news.example.org/2025/08/01/talks/") {
		t.Errorf("sitemap misses the home page or an article: %v", locs)
	}
	for _, e := range sm.Entries {
		if e.Loc == "https://news.example.org/2025/08/06/sanctions/" && e.LastMod.Format("2006-01-02") != "2025-08-20" {
			t.Errorf("LastMod of an updated article = %v", e.LastMod)
		}
		if e.Loc == "https://news.example.org/topics/talks/" && e.LastMod.Format("2006-01-02") != "2025-08-05" {
			t.Errorf("LastMod of a topic = %v", e.LastMod)
		}
	}
	nf := page[*site.NotFoundView](t, s, "404.html")
	if !nf.NoIndex || len(nf.Latest) != 5 || nf.Latest[0] != s.Articles[0].Teaser {
		t.Errorf("404: NoIndex %v Latest %v", nf.NoIndex, titles(nf.Latest))
	}
	r := page[*site.RobotsView](t, s, "robots.txt")
	if r.Kind != site.KindRobots || r.Sitemap != "https://news.example.org/sitemap.xml" || r.Sitemap != sm.Permalink {
		t.Errorf("robots.txt: Kind %q Sitemap %q", r.Kind, r.Sitemap)
	}
}
