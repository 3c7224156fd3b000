package render_test

import (
	"bytes"
	"encoding/json"
	"encoding/xml"
	"net/url"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/mmcdole/gofeed"
)

// Strings that try to leave their context: an element, an attribute, a
// script. Source names and authors are shown as written; headlines and
// summaries get typographic quotes first.
const (
	hostileSource = `Evil </script><img src=x onerror=alert(1)> "Co" & 'Sons'`
	hostileAuthor = `A. "Quote" </script><!--`
	hostileURL    = `https://e.example/?a=1&b=</script>"`
)

// hostileSite is a site whose one article has a headline, a summary and a
// source that try to break out of HTML, attributes and JSON-LD.
func hostileSite() fstest.MapFS {
	return fstest.MapFS{
		"content/_index.md": file("---\ntitle: Hostile <b>\"Digest\"</b>\nbase_url: https://news.example.org/\n---\n"),
		"content/articles/2025-08-20-hostile.md": file(`---
title: "</script><script>alert('x')</script> \"Q\" & <b>co</b>"
date: 2025-08-20 10:00
summary: "Sum </script> <b>bold</b> & \"more\" <!-- ]]>"
topics: [x-topic]
sources:
  - name: '` + strings.ReplaceAll(hostileSource, "'", "''") + `'
    url: '` + hostileURL + `'
    author: '` + hostileAuthor + `'
---
Body.
`),
	}
}

func TestEscapingInPages(t *testing.T) {
	fsys := hostileSite()
	s, tm := buildSite(t, fsys), loadTemplates(t, fsys)
	a := article(t, s, "2025-08-20-hostile.md")
	if !strings.Contains(a.Title, "</script>") || !strings.Contains(a.Summary, "<b>") || a.Sources[0].Name != hostileSource ||
		a.Sources[0].URL != hostileURL || a.Sources[0].Author != hostileAuthor {
		t.Fatalf("the content is not what the test means to render: %q, %q, %+v", a.Title, a.Summary, a.Sources)
	}

	page := renderPath(t, tm, s, "2025/08/20/hostile/index.html")
	for _, bad := range []string{"<script>alert", "<img src=x", "<b>"} {
		if bytes.Contains(page, []byte(bad)) {
			t.Errorf("the page contains %q unescaped", bad)
		}
	}
	doc := parseHTML(t, page)
	// Nothing got out: the only script is the JSON-LD, and no element
	// came from the content.
	scripts := all(doc, "script")
	if len(scripts) != 1 || attr(scripts[0], "type") != "application/ld+json" {
		t.Fatalf("%d scripts on the page, want only the JSON-LD", len(scripts))
	}
	if n := len(all(doc, "img")) + len(all(doc, "b")); n != 0 {
		t.Errorf("%d <img> or <b> elements made from the content", n)
	}

	// Text and attributes give back the strings as they were.
	checks := []struct{ what, got, want string }{
		{"<title>", text(one(t, doc, "title")), a.Title + " · " + s.Info.Title},
		{"h1", text(one(t, doc, "h1")), a.Title},
		{"dek", text(one(t, doc, "p.dek")), a.Summary},
		{"meta description", attr(one(t, doc, "meta[name=description]"), "content"), a.Summary},
		{"og:title", attr(one(t, doc, "meta[property=og:title]"), "content"), a.Title},
		{"og:site_name", attr(one(t, doc, "meta[property=og:site_name]"), "content"), s.Info.Title},
		{"twitter:description", attr(one(t, doc, "meta[name=twitter:description]"), "content"), a.Summary},
		{"source", text(one(t, one(t, doc, "p.credit"), "a")), hostileSource},
		{"credit", text(one(t, doc, "p.credit")), "Source: " + hostileSource + " (" + hostileAuthor + ")"},
		{"site title", text(one(t, doc, "a.site-title")), s.Info.Title},
	}
	for _, c := range checks {
		if c.got != c.want {
			t.Errorf("%s = %q, want %q", c.what, c.got, c.want)
		}
	}
	// The link keeps what its URL means, escaped as html/template does.
	href := attr(one(t, one(t, doc, "p.credit"), "a"), "href")
	if u, err := url.Parse(href); err != nil || u.Host != "e.example" || u.Query().Get("b") != `</script>"` || u.Query().Get("a") != "1" {
		t.Errorf("source link %q does not lead to %q", href, hostileURL)
	}

	// The JSON-LD is JSON, and gives back every string.
	var ld struct {
		Headline    string `json:"headline"`
		Description string `json:"description"`
		Author      struct {
			Name string `json:"name"`
		} `json:"author"`
		IsBasedOn []struct {
			URL       string `json:"url"`
			Publisher struct {
				Name string `json:"name"`
			} `json:"publisher"`
			Author struct {
				Name string `json:"name"`
			} `json:"author"`
		} `json:"isBasedOn"`
	}
	script := text(scripts[0])
	if err := json.Unmarshal([]byte(script), &ld); err != nil {
		t.Fatalf("JSON-LD does not parse: %v\n%s", err, script)
	}
	if ld.Headline != a.Title || ld.Description != a.Summary || ld.Author.Name != s.Info.Title || len(ld.IsBasedOn) != 1 ||
		ld.IsBasedOn[0].Publisher.Name != hostileSource || ld.IsBasedOn[0].URL != hostileURL || ld.IsBasedOn[0].Author.Name != hostileAuthor {
		t.Errorf("JSON-LD does not round-trip the strings: %+v", ld)
	}

	// Lists escape them too.
	for _, path := range []string{"index.html", "topics/x-topic/index.html"} {
		doc := parseHTML(t, renderPath(t, tm, s, path))
		if n := len(all(doc, "script")); n > 1 {
			t.Errorf("%s: %d scripts", path, n)
		}
		if got := text(one(t, doc, "h3")); got != a.Title {
			t.Errorf("%s: headline %q, want %q", path, got, a.Title)
		}
		if got := text(one(t, doc, "span.source")); got != "Source: "+hostileSource+" ("+hostileAuthor+")" {
			t.Errorf("%s: source %q", path, got)
		}
	}
}

func TestEscapingInFeeds(t *testing.T) {
	fsys := hostileSite()
	s, tm := buildSite(t, fsys), loadTemplates(t, fsys)
	a := article(t, s, "2025-08-20-hostile.md")
	for _, path := range []string{"feed.xml", "atom.xml", "feed.json", "topics/x-topic/feed.xml"} {
		f, err := gofeed.NewParser().ParseString(string(renderPath(t, tm, s, path)))
		if err != nil {
			t.Fatalf("%s: %v", path, err)
		}
		title := s.Info.Title
		if strings.HasPrefix(path, "topics/") {
			title = "X topic · " + title
		}
		if f.Title != title {
			t.Errorf("%s: feed title %q, want %q", path, f.Title, title)
		}
		if len(f.Items) != 1 {
			t.Fatalf("%s: %d items", path, len(f.Items))
		}
		it := f.Items[0]
		if it.Title != a.Title || it.Description != a.Summary {
			t.Errorf("%s: title %q and summary %q, want %q and %q", path, it.Title, it.Description, a.Title, a.Summary)
		}
		content := parseFragment(t, it.Content)
		if len(all(content, "img"))+len(all(content, "script")) != 0 {
			t.Errorf("%s: content has elements made from the source's name: %s", path, it.Content)
		}
		src := one(t, content, "a")
		if text(src) != hostileSource || attr(src, "href") != hostileURL {
			t.Errorf("%s: source credit %q → %q, want %q → %q", path, text(src), attr(src, "href"), hostileSource, hostileURL)
		}
	}

	// Atom says how to read each text: the summary is plain text, which a
	// reader must not take for HTML.
	var atom struct {
		Entries []struct {
			Summary struct {
				Type string `xml:"type,attr"`
				Text string `xml:",chardata"`
			} `xml:"summary"`
		} `xml:"entry"`
	}
	if err := xml.Unmarshal(renderPath(t, tm, s, "atom.xml"), &atom); err != nil || len(atom.Entries) != 1 {
		t.Fatalf("Atom: %v", err)
	}
	if sum := atom.Entries[0].Summary; sum.Type != "text" || sum.Text != a.Summary {
		t.Errorf("Atom summary of type %q: %q, want text %q", sum.Type, sum.Text, a.Summary)
	}
}
