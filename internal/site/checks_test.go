package site_test

import (
	"strings"
	"testing"

	"digest/internal/site"
)

func TestDuplicateItemURLs(t *testing.T) {
	s := build(t, map[string]string{
		"articles/2025-08-15-summit.md": item("Summit", "2025-08-15", "slug: summit"),
		"articles/summit-copy.md":       item("Summit copy", "2025-08-15 12:00", "slug: summit"),
		"articles/2025-08-15-other.md":  item("Other", "2025-08-15"),
	}, site.Options{})
	ds := withCode(s.Diags, "duplicate-url")
	if len(ds) != 1 {
		t.Fatalf("want one duplicate-url diagnostic, got:\n%s", diagText(ds))
	}
	d := ds[0]
	files := []string{"content/articles/2025-08-15-summit.md", "content/articles/summit-copy.md"}
	other := files[0]
	if d.File == files[0] {
		other = files[1]
	} else if d.File != files[1] {
		t.Errorf("duplicate-url filed against %q, want one of %v", d.File, files)
	}
	if d.Severity.String() != "error" || d.Line != 4 || !strings.Contains(d.Message, other) ||
		!strings.Contains(d.Message, "/2025/08/15/summit/") {
		t.Errorf("duplicate-url: %s (want an error at the slug line naming %s and the URL)", d, other)
	}
	if !s.Diags.HasErrors() {
		t.Error("the site has no errors")
	}
}

func TestItemCollidesWithGeneratedPage(t *testing.T) {
	const item1 = "content/articles/x.md"
	tests := []struct {
		permalink, slug string
		url             string
		file, other     string // the file the error is filed against, and what the message names
	}{
		{"/:slug/", "topics", "/topics/", item1, "the site's own page /topics/"},
		{"/:slug/", "people", "/people/", item1, "the site's own page /people/"},
		{"/:slug/", "places", "/places/", item1, "the site's own page /places/"},
		{"/page/:slug/", "2", "/page/2/", item1, "the site's own page /page/2/"},
		{"/people/:slug/", "ann-lee", "/people/ann-lee/", item1, "the page of Ann Lee"},
		{"/topics/:slug/", "ceasefire", "/topics/ceasefire/", item1, "the page of topic ceasefire"},
		// A topic page with a file: the error names both files.
		{"/topics/:slug/", "talks", "/topics/talks/", "content/topics/talks.md", item1},
	}
	for _, tt := range tests {
		t.Run(tt.permalink+tt.slug, func(t *testing.T) {
			s := build(t, map[string]string{
				"_index.md":       config("permalink: "+tt.permalink, "per_page: 1"),
				"articles/x.md":   item("X", "2025-08-15", "slug: "+tt.slug),
				"articles/ok.md":  item("OK", "2025-08-14", "people: [Ann Lee]", "topics: [talks, ceasefire]"),
				"topics/talks.md": topic("Talks"),
			}, site.Options{})
			ds := withCode(s.Diags, "duplicate-url")
			if len(ds) != 1 {
				t.Fatalf("want one duplicate-url diagnostic, got:\n%s", diagText(s.Diags))
			}
			d := ds[0]
			wantLine := 0
			if tt.file == item1 {
				wantLine = 4 // the slug
			}
			if d.File != tt.file || d.Line != wantLine || d.Severity.String() != "error" ||
				!strings.Contains(d.Message, tt.url) || !strings.Contains(d.Message, tt.other) {
				t.Errorf("duplicate-url: %s\nwant an error at %s:%d naming %s and %q", d, tt.file, wantLine, tt.url, tt.other)
			}
		})
	}
}

func TestNoDuplicateURLs(t *testing.T) {
	s := build(t, map[string]string{
		"_index.md":                 config("permalink: /:slug/"),
		"articles/2025-08-15-a.md":  item("A", "2025-08-15", "topics: [talks]", "people: [Ann]", "places: [Kyiv]"),
		"articles/2025-08-16-a2.md": item("A2", "2025-08-16", "slug: topic"),
		"topics/talks.md":           topic("Talks"),
	}, site.Options{})
	if ds := withCode(s.Diags, "duplicate-url"); len(ds) != 0 {
		t.Errorf("unexpected duplicate-url:\n%s", diagText(ds))
	}
}

// linksBody is an item body with broken links on lines 8, 10 and 12 of a
// file whose front matter takes lines 1 to 5, and good ones after them.
const linksBody = `First paragraph.

See [nope](/topics/nope/) here.

And [missing](../../../2025/08/15/missing/).

![x](/img/x.png)

Good: [talks](/topics/talks/), [other](../other/), [older](../../14/older/),
[feed](/feed.xml), [topic feed](/topics/talks/feed.json), [y](/img/y.png),
![y](/img/y.png), [home](/), [people](/people/), [Ann](/people/ann/),
[page two](/page/2/), [anchor](#top), [self](./), [query](/topics/talks/?x=1),
[external](https://example.org/nope/), [mail](mailto:a@example.org),
[scheme-relative](//example.org/nope/), [sitemap](/sitemap.xml).
`

func TestBrokenLinks(t *testing.T) {
	for _, base := range []string{"", "https://u.github.io/repo/"} {
		t.Run("base "+base, func(t *testing.T) {
			cfg := config("per_page: 1")
			if base != "" {
				cfg = config("per_page: 1", "base_url: "+base)
			}
			s := build(t, map[string]string{
				"_index.md":                    cfg,
				"topics/talks.md":              topic("Talks"),
				"articles/2025-08-15-links.md": itemBody("Links", "2025-08-15", linksBody, "topics: [talks]"),
				"articles/2025-08-15-other.md": item("Other", "2025-08-15", "people: [Ann]"),
				"articles/2025-08-14-older.md": item("Older", "2025-08-14"),
			}, site.Options{StaticFiles: map[string]bool{"img/y.png": true}})
			type finding struct {
				code string
				line int
				dest string
			}
			want := []finding{
				{"broken-link", 8, "/topics/nope/"},
				{"broken-link", 10, "../../../2025/08/15/missing/"},
				{"broken-image", 12, "/img/x.png"},
			}
			var got []finding
			for _, d := range s.Diags {
				if d.Code != "broken-link" && d.Code != "broken-image" {
					continue
				}
				if d.File != "content/articles/2025-08-15-links.md" || d.Severity.String() != "warning" {
					t.Errorf("unexpected: %s", d)
				}
				f := finding{code: d.Code, line: d.Line}
				for _, w := range want {
					if strings.Contains(d.Message, strings.TrimPrefix(w.dest, "/")) {
						f.dest = w.dest
					}
				}
				got = append(got, f)
			}
			equal(t, "link diagnostics", got, want)
		})
	}
}

func TestBrokenLinksInImagesTopicsAndIntro(t *testing.T) {
	s := build(t, map[string]string{
		"_index.md":       config() + "See [gone](/topics/gone/) and [talks](/topics/talks/).\n",
		"topics/talks.md": "---\ntitle: Talks\n---\nSee [nope](/people/nobody/).\n\nAnd [home](/).\n",
		"articles/2025-08-15-a.md": item("A", "2025-08-15", "topics: [talks]",
			"image: {src: /img/lead.png, alt: The summit}"),
		"articles/2025-08-15-b.md": item("B", "2025-08-15", "image: {src: /img/ok.png, alt: Fine}"),
		"articles/2025-08-15-c.md": item("C", "2025-08-15", "image: {src: 'https://example.org/x.png', alt: Far}"),
	}, site.Options{StaticFiles: map[string]bool{"img/ok.png": true}})
	type finding struct {
		file, code string
		line       int
	}
	var got []finding
	for _, d := range s.Diags {
		if d.Code == "broken-link" || d.Code == "broken-image" {
			got = append(got, finding{d.File, d.Code, d.Line})
		}
	}
	equal(t, "link diagnostics", got, []finding{
		{"content/articles/2025-08-15-a.md", "broken-image", 5},
		{"content/topics/talks.md", "broken-link", 4},
		{"content/_index.md", "broken-link", 4},
	})
}

// TestLinksToUnicodePaths: links to a page with a non-ASCII slug resolve
// whether written raw, percent-encoded or relative.
func TestLinksToUnicodePaths(t *testing.T) {
	s := build(t, map[string]string{
		"articles/2025-08-15-київ.md": item("Kyiv", "2025-08-15"),
		"articles/2025-08-15-a.md": itemBody("A", "2025-08-15", "First.\n\n"+
			"[1](/2025/08/15/київ/) [2](/2025/08/15/%D0%BA%D0%B8%D1%97%D0%B2/) [3](../київ/)\n"+
			"[4](/2025/08/15/київ/index.html) [5](../../15/київ) [6](/2025/08/15/київ/#top)\n\n"+
			"[7](/2025/08/15/КИЇВ/)\n"),
	}, site.Options{})
	ds := append(withCode(s.Diags, "broken-link"), withCode(s.Diags, "broken-image")...)
	if len(ds) != 1 || ds[0].Line != 10 || !strings.Contains(ds[0].Message, "/2025/08/15/КИЇВ/") {
		t.Errorf("want one broken link, to the upper-case path on line 10; got:\n%s", diagText(ds))
	}
}

// TestLinkChecksFollowEdits: a build from the memo checks an edited
// item's links again, even when it has as many links as before.
func TestLinkChecksFollowEdits(t *testing.T) {
	memo := &site.Memo{}
	files := memoFiles()
	files["articles/2025-08-11-b.md"] = itemBody("B", "2025-08-11", "See [the talks](/topics/talks/).\n", "topics: [talks]")
	if s := site.Make(load(t, files), site.Options{Now: now, Memo: memo}); len(withCode(s.Diags, "broken-link")) != 0 {
		t.Fatalf("broken links before the edit: %v", s.Diags)
	}
	files["articles/2025-08-11-b.md"] = itemBody("B", "2025-08-11", "See [the talks](/topics/nope/).\n", "topics: [talks]")
	s := site.Make(load(t, files), site.Options{Now: now, Memo: memo})
	if d := withCode(s.Diags, "broken-link"); len(d) != 1 || d[0].File != "content/articles/2025-08-11-b.md" {
		t.Errorf("after the edit: %v, want one broken link in b.md", d)
	}
	files["articles/2025-08-11-b.md"] = itemBody("B", "2025-08-11", "See [the talks](/topics/talks/).\n", "topics: [talks]")
	if s := site.Make(load(t, files), site.Options{Now: now, Memo: memo}); len(withCode(s.Diags, "broken-link")) != 0 {
		t.Errorf("the fixed link is still reported: %v", s.Diags)
	}
}
