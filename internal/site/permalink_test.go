package site_test

import (
	"testing"

	"digest/internal/site"
)

func TestPermalinks(t *testing.T) {
	tests := []struct {
		name   string
		config string
		file   string
		text   string
		path   string // Article.Path
		url    string // Article.URL
		perma  string // Article.Permalink
	}{
		{
			name: "default pattern",
			file: "articles/2025-08-15-alaska-summit.md", text: item("Alaska summit", "2025-08-15"),
			path: "2025/08/15/alaska-summit/index.html", url: "/2025/08/15/alaska-summit/", perma: "/2025/08/15/alaska-summit/",
		},
		{
			name: "date from the file name", file: "articles/2025-08-15-alaska-summit.md",
			text: "---\ntitle: Alaska summit\n---\nBody.\n",
			path: "2025/08/15/alaska-summit/index.html", url: "/2025/08/15/alaska-summit/", perma: "/2025/08/15/alaska-summit/",
		},
		{
			name: "slug field overrides the file name", file: "articles/2025-08-15-alaska-summit.md",
			text: item("Alaska summit", "2025-08-15", "slug: Putin and Trump meet"),
			path: "2025/08/15/putin-and-trump-meet/index.html", url: "/2025/08/15/putin-and-trump-meet/", perma: "/2025/08/15/putin-and-trump-meet/",
		},
		{
			name: "base URL with a path", config: config("base_url: https://u.github.io/repo/"),
			file: "articles/2025-08-15-alaska-summit.md", text: item("Alaska summit", "2025-08-15"),
			path: "2025/08/15/alaska-summit/index.html", url: "/repo/2025/08/15/alaska-summit/",
			perma: "https://u.github.io/repo/2025/08/15/alaska-summit/",
		},
		{
			name: "base URL without a trailing slash", config: config("base_url: https://news.example.org"),
			file: "articles/2025-08-15-alaska-summit.md", text: item("Alaska summit", "2025-08-15"),
			path: "2025/08/15/alaska-summit/index.html", url: "/2025/08/15/alaska-summit/",
			perma: "https://news.example.org/2025/08/15/alaska-summit/",
		},
		{
			name: "custom pattern with the main topic", config: config("permalink: /news/:topic/:slug/"),
			file: "articles/2025-08-15-alaska-summit.md",
			text: item("Alaska summit", "2025-08-15", "topics: [ukraine-peace-talks, sanctions]"),
			path: "news/ukraine-peace-talks/alaska-summit/index.html", url: "/news/ukraine-peace-talks/alaska-summit/",
			perma: "/news/ukraine-peace-talks/alaska-summit/",
		},
		{
			name: "custom pattern, item without topics", config: config("permalink: /news/:topic/:slug/"),
			file: "articles/2025-08-15-alaska-summit.md", text: item("Alaska summit", "2025-08-15"),
			path: "news/news/alaska-summit/index.html", url: "/news/news/alaska-summit/", perma: "/news/news/alaska-summit/",
		},
		{
			name: "custom pattern with year and month only", config: config("permalink: /:year/:month/:slug/"),
			file: "articles/2025-08-15-alaska-summit.md", text: item("Alaska summit", "2025-08-15"),
			path: "2025/08/alaska-summit/index.html", url: "/2025/08/alaska-summit/", perma: "/2025/08/alaska-summit/",
		},
		{
			name: "date in the site's time zone", config: config("timezone: America/Anchorage"),
			file: "articles/summit.md", text: item("Alaska summit", "2025-08-16T02:00:00+00:00"),
			path: "2025/08/15/summit/index.html", url: "/2025/08/15/summit/", perma: "/2025/08/15/summit/",
		},
		{
			name: "UTC date stays on its day in UTC",
			file: "articles/summit.md", text: item("Alaska summit", "2025-08-16T02:00:00+00:00"),
			path: "2025/08/16/summit/index.html", url: "/2025/08/16/summit/", perma: "/2025/08/16/summit/",
		},
		{
			name: "unicode slug", file: "articles/2025-08-15-київ.md", text: item("Kyiv", "2025-08-15"),
			path: "2025/08/15/київ/index.html", url: "/2025/08/15/%D0%BA%D0%B8%D1%97%D0%B2/",
			perma: "/2025/08/15/%D0%BA%D0%B8%D1%97%D0%B2/",
		},
		{
			name: "unicode slug under a base path", config: config("base_url: https://u.github.io/repo/"),
			file: "articles/2025-08-15-київ.md", text: item("Kyiv", "2025-08-15"),
			path: "2025/08/15/київ/index.html", url: "/repo/2025/08/15/%D0%BA%D0%B8%D1%97%D0%B2/",
			perma: "https://u.github.io/repo/2025/08/15/%D0%BA%D0%B8%D1%97%D0%B2/",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			files := map[string]string{tt.file: tt.text}
			if tt.config != "" {
				files["_index.md"] = tt.config
			}
			s := build(t, files, site.Options{})
			if len(s.Articles) != 1 {
				t.Fatalf("got %d articles, want 1", len(s.Articles))
			}
			a := s.Articles[0]
			if a.Path != tt.path || a.URL != tt.url || a.Permalink != tt.perma {
				t.Errorf("got Path %q URL %q Permalink %q\nwant Path %q URL %q Permalink %q",
					a.Path, a.URL, a.Permalink, tt.path, tt.url, tt.perma)
			}
			v := page[*site.ArticleView](t, s, tt.path)
			if v.Article != a || v.URL != tt.url || v.Permalink != tt.perma || v.Kind != site.KindArticle {
				t.Errorf("article page: Kind %q URL %q Permalink %q, article %p; want %q %q %q %p",
					v.Kind, v.URL, v.Permalink, v.Article, site.KindArticle, tt.url, tt.perma, a)
			}
			if d := withCode(s.Diags, "duplicate-url"); len(d) > 0 {
				t.Errorf("unexpected diagnostics:\n%s", diagText(d))
			}
		})
	}
}

func TestDatesInSiteTimeZone(t *testing.T) {
	s := build(t, map[string]string{
		"_index.md":          config("timezone: America/Anchorage"),
		"articles/late.md":   item("Late", "2025-08-16T02:00:00+00:00", "topics: [talks]"),
		"articles/early.md":  item("Early", "2025-08-15T09:00:00-08:00", "topics: [talks]"),
		"articles/next.md":   item("Next", "2025-08-16", "topics: [talks]"),
		"articles/plain.md":  item("Plain", "2025-08-16 08:00", "topics: [talks]"),
		"topics/talks.md":    topic("Talks"),
		"articles/before.md": item("Before", "2025-08-14T23:30:00-08:00", "topics: [talks]"),
	}, site.Options{})
	late := article(t, s, "articles/late.md")
	if got := late.Date.Location().String(); got != "America/Anchorage" {
		t.Errorf("Date location = %q, want America/Anchorage", got)
	}
	if got := late.Date.Format("2006-01-02 15:04"); got != "2025-08-15 18:00" {
		t.Errorf("Date = %s, want 2025-08-15 18:00 local", got)
	}
	// The timeline groups days in the site's time zone too: 02:00 UTC on
	// the 16th is the evening of the 15th in Anchorage.
	tv := page[*site.TopicView](t, s, "topics/talks/index.html")
	equal(t, "days", dayTitles(tv.Topic.Days), []string{
		"2025-08-14: Before",
		"2025-08-15: Early, Late",
		"2025-08-16: Next, Plain",
	})
	if d := tv.Topic.Days[1].Date; d.Hour() != 0 || d.Location().String() != "America/Anchorage" || d.Day() != 15 {
		t.Errorf("day date = %v, want midnight of 15 Aug in America/Anchorage", d)
	}
}
