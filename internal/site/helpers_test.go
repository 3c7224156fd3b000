package site_test

import (
	"context"
	"slices"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"digest/internal/content"
	"digest/internal/diag"
	"digest/internal/site"
)

// now is the build time of every test site.
var now = time.Date(2025, 9, 1, 0, 0, 0, 0, time.UTC)

// minimalConfig is content/_index.md when a test gives none.
const minimalConfig = "---\ntitle: Test digest\n---\n"

// load reads a site from files named relative to content/
// ("articles/2025-08-15-x.md" → "content/articles/2025-08-15-x.md"). It
// fails the test if the content itself has errors: tests here are about
// the site model, not about parsing.
func load(t *testing.T, files map[string]string) *content.Content {
	t.Helper()
	fsys := fstest.MapFS{}
	if _, ok := files["_index.md"]; !ok {
		fsys["content/_index.md"] = &fstest.MapFile{Data: []byte(minimalConfig)}
	}
	for name, text := range files {
		fsys["content/"+name] = &fstest.MapFile{Data: []byte(text)}
	}
	c := loadAll(content.NewLoader(fsys, content.Override{}), nil)
	if c.Diags.HasErrors() {
		t.Fatalf("content has errors:\n%s", diagText(c.Diags))
	}
	return c
}

// build loads files and builds the site with opts; Now defaults to now.
func build(t *testing.T, files map[string]string, opts site.Options) *site.Site {
	t.Helper()
	if opts.Now.IsZero() {
		opts.Now = now
	}
	return site.Make(load(t, files), opts)
}

// config returns the text of content/_index.md with the given front
// matter lines after the title.
func config(lines ...string) string {
	return "---\ntitle: Test digest\n" + joinLines(lines) + "---\n"
}

// item returns the text of an article: front matter with a title, a date
// and the extra lines given, then a one-line body. The title is on line 2,
// the date on line 3, extra lines from line 4.
func item(title, date string, extra ...string) string {
	return itemBody(title, date, "Body of "+title+".\n", extra...)
}

// itemBody is item with a body of its own.
func itemBody(title, date, body string, extra ...string) string {
	return "---\ntitle: " + title + "\ndate: " + date + "\n" + joinLines(extra) + "---\n" + body
}

// topic returns the text of a topic file.
func topic(title string, extra ...string) string {
	return "---\ntitle: " + title + "\n" + joinLines(extra) + "---\nAbout " + title + ".\n"
}

func joinLines(lines []string) string {
	var b strings.Builder
	for _, l := range lines {
		b.WriteString(l)
		b.WriteByte('\n')
	}
	return b.String()
}

// page returns the page at an output path, or fails the test.
func page[V site.View](t *testing.T, s *site.Site, path string) V {
	t.Helper()
	for _, p := range s.Pages {
		if p.Meta().Path == path {
			v, ok := p.(V)
			if !ok {
				t.Fatalf("page %s is a %T", path, p)
			}
			return v
		}
	}
	t.Fatalf("no page %s; pages:\n%s", path, strings.Join(paths(s), "\n"))
	var zero V
	return zero
}

// hasPage reports whether the site has a page at path.
func hasPage(s *site.Site, path string) bool {
	return slices.Contains(paths(s), path)
}

func paths(s *site.Site) []string {
	var out []string
	for _, p := range s.Pages {
		out = append(out, p.Meta().Path)
	}
	return out
}

// article returns the published article read from a file named relative
// to content/, or fails the test.
func article(t *testing.T, s *site.Site, file string) *site.Article {
	t.Helper()
	for _, a := range s.Articles {
		if a.File == "content/"+file {
			return a
		}
	}
	t.Fatalf("no published article from content/%s", file)
	return nil
}

// titles returns the titles of articles, in order.
func titles[T interface{ *site.Article | *site.Teaser }](as []T) []string {
	out := []string{}
	for _, a := range as {
		switch a := any(a).(type) {
		case *site.Article:
			out = append(out, a.Title)
		case *site.Teaser:
			out = append(out, a.Title)
		}
	}
	return out
}

// dayTitles describes days as "2025-08-15: A, B".
func dayTitles(days []site.Day) []string {
	out := []string{}
	for _, d := range days {
		out = append(out, d.ID+": "+strings.Join(titles(d.Articles), ", "))
	}
	return out
}

// withCode returns the diagnostics with a code.
func withCode(l diag.List, code string) diag.List {
	var out diag.List
	for _, d := range l {
		if d.Code == code {
			out = append(out, d)
		}
	}
	return out
}

func diagText(l diag.List) string {
	var b strings.Builder
	for _, d := range l {
		b.WriteString("  " + d.Code + ": " + d.String() + "\n")
	}
	return b.String()
}

func equal[T comparable](t *testing.T, what string, got, want []T) {
	t.Helper()
	if !slices.Equal(got, want) {
		t.Errorf("%s:\n got  %#v\n want %#v", what, got, want)
	}
}

// loadAll loads the content, as a build does, with no deadline.
func loadAll(l *content.Loader, changed []string) *content.Content {
	c, err := l.Load(context.Background(), changed)
	if err != nil {
		panic(err)
	}
	return c
}
