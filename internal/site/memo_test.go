package site_test

import (
	"slices"
	"testing"

	"digest/internal/fingerprint"
	"digest/internal/site"
)

func memoFiles() map[string]string {
	return map[string]string{
		"_index.md":                config("base_url: https://news.example.org/"),
		"topics/talks.md":          topic("Talks"),
		"articles/2025-08-10-a.md": itemBody("A", "2025-08-10", "First.\n\nSecond [link](/topics/talks/).\n", "topics: [talks]", "people: [Ann Lee]"),
		"articles/2025-08-11-b.md": itemBody("B", "2025-08-11", "B body.\n", "topics: [talks]"),
		"articles/2025-08-12-c.md": itemBody("C", "2025-08-12", "C body.\n", "topics: [other]"),
	}
}

func pagePrints(s *site.Site) map[string]fingerprint.Sum {
	m := map[string]fingerprint.Sum{}
	for _, v := range s.Pages {
		m[v.Meta().Path] = fingerprint.Of(v)
	}
	return m
}

// sameModel fails unless two models have the same pages, fingerprint for
// fingerprint and title for title, and the same diagnostics.
func sameModel(t *testing.T, what string, got, want *site.Site) {
	t.Helper()
	if !slices.Equal(paths(got), paths(want)) {
		t.Fatalf("%s: pages differ: %v vs %v", what, paths(got), paths(want))
	}
	gp, wp := pagePrints(got), pagePrints(want)
	titles := map[string]string{}
	for _, v := range want.Pages {
		titles[v.Meta().Path] = v.Meta().Title
	}
	for _, v := range got.Pages {
		p := v.Meta().Path
		if gp[p] != wp[p] {
			t.Errorf("%s: %s differs from a clean build", what, p)
		}
		if titles[p] != v.Meta().Title {
			t.Errorf("%s: %s: title %q, clean build %q", what, p, v.Meta().Title, titles[p])
		}
	}
	if diagText(got.Diags.Sorted()) != diagText(want.Diags.Sorted()) {
		t.Errorf("%s: diagnostics differ:\n%s\nvs\n%s", what, diagText(got.Diags.Sorted()), diagText(want.Diags.Sorted()))
	}
}

// TestEditsEqualCleanBuild: whatever an edit changes (a body, a headline,
// a dek, a source, an image, a date, a topic, a person, a slug, the
// milestone flag, a draft), the model made with the memo of the last
// build equals a clean build's, page for page, and the edit reaches only
// what shows it: a new body keeps every list's pages as they were.
func TestEditsEqualCleanBuild(t *testing.T) {
	a := "articles/2025-08-10-a.md"
	edits := map[string]struct{ file, text string }{
		"body":       {a, itemBody("A", "2025-08-10", "First.\n\nA new second paragraph with a [broken link](/nope/).\n", "topics: [talks]", "people: [Ann Lee]")},
		"headline":   {a, itemBody("A, retitled", "2025-08-10", "First.\n\nSecond [link](/topics/talks/).\n", "topics: [talks]", "people: [Ann Lee]")},
		"dek":        {a, itemBody("A", "2025-08-10", "A new first paragraph.\n", "topics: [talks]", "people: [Ann Lee]")},
		"source":     {a, itemBody("A", "2025-08-10", "First.\n", "topics: [talks]", "people: [Ann Lee]", "source: Reuters")},
		"image":      {a, itemBody("A", "2025-08-10", "First.\n", "topics: [talks]", "people: [Ann Lee]", "image: {src: /a.png, alt: A map}")},
		"newer":      {"articles/2025-08-11-b.md", itemBody("B, retitled", "2025-08-11", "B body.\n", "topics: [talks]")},
		"date":       {a, itemBody("A", "2025-08-13", "First.\n", "topics: [talks]", "people: [Ann Lee]")},
		"topic":      {a, itemBody("A", "2025-08-10", "First.\n", "topics: [other]", "people: [Ann Lee]")},
		"person":     {a, itemBody("A", "2025-08-10", "First.\n", "topics: [talks]", "people: [Bob Roe]")},
		"slug":       {a, itemBody("A", "2025-08-10", "First.\n", "topics: [talks]", "people: [Ann Lee]", "slug: other")},
		"milestone":  {a, itemBody("A", "2025-08-10", "First.\n", "topics: [talks]", "people: [Ann Lee]", "milestone: true")},
		"draft":      {a, itemBody("A", "2025-08-10", "First.\n", "topics: [talks]", "people: [Ann Lee]", "draft: true")},
		"topic file": {"topics/talks.md", topic("Talks, renamed")},
		"settings":   {"_index.md", config("base_url: https://other.example.org/news/")},
	}
	for name, edit := range edits {
		t.Run(name, func(t *testing.T) {
			memo := &site.Memo{}
			before := site.Make(load(t, memoFiles()), site.Options{Now: now, Memo: memo})
			files := memoFiles()
			files[edit.file] = edit.text
			c := load(t, files)
			after := site.Make(c, site.Options{Now: now, Memo: memo})
			sameModel(t, name, after, site.Make(c, site.Options{Now: now}))
			if name == "body" {
				if len(withCode(after.Diags, "broken-link")) != 1 {
					t.Error("the new broken link is not reported")
				}
				// Only the article's own page and the feeds carrying its
				// text change: every list shows what it showed.
				old := pagePrints(before)
				for _, v := range after.Pages {
					p := v.Meta().Path
					switch _, feed := v.(*site.FeedView); {
					case p == "2025/08/10/a/index.html" || feed:
					case old[p] != fingerprint.Of(v):
						t.Errorf("a body edit changed %s", p)
					}
				}
			}
		})
	}
}

// TestChainOfEdits: edits one after another, each from the memo of the
// last, stay equal to a clean build: an article made again keeps the
// teaser the lists hold only while it is the same.
func TestChainOfEdits(t *testing.T) {
	memo := &site.Memo{}
	files := memoFiles()
	step := func(what string) {
		t.Helper()
		c := load(t, files)
		sameModel(t, what, site.Make(c, site.Options{Now: now, Memo: memo}), site.Make(c, site.Options{Now: now}))
	}
	step("first build")
	files["articles/2025-08-10-a.md"] = itemBody("A", "2025-08-10", "First.\n\nEdited once.\n", "topics: [talks]", "people: [Ann Lee]")
	step("a body edit")
	files["articles/2025-08-12-c.md"] = itemBody("C, retitled", "2025-08-12", "C body.\n", "topics: [other]")
	step("another item's headline")
	files["articles/2025-08-10-a.md"] = itemBody("A, retitled", "2025-08-10", "First.\n\nEdited twice.\n", "topics: [talks]", "people: [Ann Lee]")
	step("the first item's headline and body")
	files["articles/2025-08-10-a.md"] = itemBody("A", "2025-08-10", "First.\n\nSecond [link](/topics/talks/).\n", "topics: [talks]", "people: [Ann Lee]")
	step("back to the start")
	delete(files, "articles/2025-08-11-b.md")
	step("a deletion")
}
