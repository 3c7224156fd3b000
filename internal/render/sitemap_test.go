package render_test

import (
	"encoding/xml"
	"slices"
	"strings"
	"testing"
	"time"
)

type sitemapDoc struct {
	XMLName xml.Name
	URLs    []struct {
		Loc     string `xml:"loc"`
		LastMod string `xml:"lastmod"`
	} `xml:"url"`
}

func parseSitemap(t *testing.T, b []byte) sitemapDoc {
	t.Helper()
	var doc sitemapDoc
	if err := xml.Unmarshal(b, &doc); err != nil {
		t.Fatalf("sitemap does not parse: %v\n%s", err, b)
	}
	if doc.XMLName.Space != "http://www.sitemaps.org/schemas/sitemap/0.9" || doc.XMLName.Local != "urlset" {
		t.Errorf("sitemap root is %v", doc.XMLName)
	}
	return doc
}

func TestSitemap(t *testing.T) {
	fsys := testSite()
	s, tm := buildSite(t, fsys), loadTemplates(t, fsys)
	doc := parseSitemap(t, renderPath(t, tm, s, "sitemap.xml"))

	lastmod := map[string]string{}
	var locs []string
	for _, u := range doc.URLs {
		if _, dup := lastmod[u.Loc]; dup {
			t.Errorf("%s is listed twice", u.Loc)
		}
		lastmod[u.Loc] = u.LastMod
		locs = append(locs, u.Loc)
	}
	// Every page, absolute, and nothing else: not the 404 page, the
	// feeds, the sitemap itself, robots.txt or the draft.
	want := []string{
		base, base + "page/2/",
		base + "2025/08/20/other/", base + "2025/08/15/reaction/", base + "2025/08/15/summit/", base + "2025/08/08/announced/",
		base + "topics/", base + "topics/alaska-summit/",
		base + "people/", base + "people/donald-trump/", base + "people/vladimir-putin/",
		base + "places/", base + "places/anchorage/",
		base + "archive/", base + "2025/08/", base + "2025/08/page/2/",
		base + "search/", base + "editions/", base + "editions/2025-08-08/", base + "editions/2025-08-15/", base + "editions/2025-08-20/",
	}
	slices.Sort(want)
	sorted := slices.Sorted(slices.Values(locs))
	equal(t, "sitemap", sorted, want)

	// The same from the model: the pages that are not NoIndex.
	var indexed []string
	for _, v := range s.Pages {
		m := v.Meta()
		if !m.NoIndex {
			indexed = append(indexed, m.Permalink)
			if !strings.HasSuffix(m.Path, ".html") || m.Path == "404.html" {
				t.Errorf("%s (%s) is not marked NoIndex", m.Path, m.Kind)
			}
		} else if strings.HasSuffix(m.Path, "index.html") {
			t.Errorf("page %s is marked NoIndex", m.Path)
		}
	}
	slices.Sort(indexed)
	equal(t, "sitemap against the pages not NoIndex", sorted, indexed)

	// Dates from the items each page shows, in the site's time zone.
	for loc, want := range map[string]time.Time{
		base:                           kyivTime(8, 20, 0, 30),
		base + "page/2/":               kyivTime(8, 8, 18, 30),
		base + "2025/08/15/reaction/":  kyivTime(8, 16, 9, 0),
		base + "2025/08/15/summit/":    kyivTime(8, 15, 0, 0),
		base + "topics/alaska-summit/": kyivTime(8, 16, 9, 0),
		base + "people/donald-trump/":  kyivTime(8, 15, 0, 0),
	} {
		got, err := time.Parse(time.RFC3339, lastmod[loc])
		if err != nil || !got.Equal(want) || !strings.HasSuffix(lastmod[loc], "+03:00") {
			t.Errorf("lastmod of %s = %q, want %s", loc, lastmod[loc], want.Format(time.RFC3339))
		}
	}

	// The 404 page says so to search engines as well.
	nf := parseHTML(t, renderPath(t, tm, s, "404.html"))
	if got := attr(one(t, nf, "meta[name=robots]"), "content"); got != "noindex" {
		t.Errorf("404 page: robots %q", got)
	}
	if len(all(parseHTML(t, renderPath(t, tm, s, "index.html")), "meta[name=robots]")) != 0 {
		t.Error("the home page is noindex")
	}
}

func TestRobots(t *testing.T) {
	fsys := testSite()
	s, tm := buildSite(t, fsys), loadTemplates(t, fsys)
	got := string(renderPath(t, tm, s, "robots.txt"))
	if want := "User-agent: *\nAllow: /\n\nSitemap: " + base + "sitemap.xml\n"; got != want {
		t.Errorf("robots.txt:\n%s\nwant\n%s", got, want)
	}

	// Without a base URL the sitemap has no absolute address to give.
	fsys["content/_index.md"] = file("---\ntitle: Test Digest\n---\n")
	s = buildSite(t, fsys)
	got = string(renderPath(t, tm, s, "robots.txt"))
	if got != "User-agent: *\nAllow: /\n" {
		t.Errorf("robots.txt without a base URL:\n%s", got)
	}
}
