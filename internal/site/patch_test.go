package site_test

import (
	"slices"
	"testing"

	"digest/internal/content"
	"digest/internal/fingerprint"
	"digest/internal/site"
)

func patchFiles() map[string]string {
	return map[string]string{
		"_index.md":                config("base_url: https://news.example.org/"),
		"topics/talks.md":          topic("Talks"),
		"articles/2025-08-10-a.md": itemBody("A", "2025-08-10", "First.\n\nSecond [link](/topics/talks/).\n", "topics: [talks]", "people: [Ann Lee]"),
		"articles/2025-08-11-b.md": itemBody("B", "2025-08-11", "B body.\n", "topics: [talks]"),
		"articles/2025-08-12-c.md": itemBody("C", "2025-08-12", "C body.\n", "topics: [other]"),
	}
}

// itemsOf returns the items of c read from file.
func itemsOf(c *content.Content, file string) []*content.Item {
	var out []*content.Item
	for _, it := range c.Items {
		if it.File == file {
			out = append(out, it)
		}
	}
	return out
}

func pagePrints(s *site.Site) map[string]fingerprint.Sum {
	m := map[string]fingerprint.Sum{}
	for _, v := range s.Pages {
		m[v.Meta().Path] = fingerprint.Of(v)
	}
	return m
}

// TestPatchEqualsBuild: patching the model for an edit that moves nothing
// gives the same pages, fingerprint for fingerprint, and the same
// warnings as building it: a new body reaches the article's page and
// feeds; a new headline, dek, source or image also reaches its topic's,
// person's and home pages, and the pages of its neighbours on the
// timeline (A's next is B, B's previous is A).
func TestPatchEqualsBuild(t *testing.T) {
	a := "articles/2025-08-10-a.md"
	for name, edit := range map[string]struct{ file, text string }{
		"body":     {a, itemBody("A", "2025-08-10", "First.\n\nA new second paragraph with a [broken link](/nope/).\n", "topics: [talks]", "people: [Ann Lee]")},
		"headline": {a, itemBody("A, retitled", "2025-08-10", "First.\n\nSecond [link](/topics/talks/).\n", "topics: [talks]", "people: [Ann Lee]")},
		"dek":      {a, itemBody("A", "2025-08-10", "A new first paragraph.\n", "topics: [talks]", "people: [Ann Lee]")},
		"source":   {a, itemBody("A", "2025-08-10", "First.\n", "topics: [talks]", "people: [Ann Lee]", "source: Reuters")},
		"image":    {a, itemBody("A", "2025-08-10", "First.\n", "topics: [talks]", "people: [Ann Lee]", "image: {src: /a.png, alt: A map}")},
		"newer":    {"articles/2025-08-11-b.md", itemBody("B, retitled", "2025-08-11", "B body.\n", "topics: [talks]")},
	} {
		t.Run(name, func(t *testing.T) {
			memo := &site.Memo{}
			prev := site.Build(load(t, patchFiles()), site.Options{Now: now, Memo: memo})
			files := patchFiles()
			files[edit.file] = edit.text
			c := load(t, files)
			patched, ok := site.Patch(prev, itemsOf(c, "content/"+edit.file), now)
			if !ok {
				t.Fatal("the edit was not patched")
			}
			built := site.Build(c, site.Options{Now: now})
			pp, bp := pagePrints(patched), pagePrints(built)
			if !slices.Equal(paths(patched), paths(built)) {
				t.Fatalf("pages differ: %v vs %v", paths(patched), paths(built))
			}
			for p, sum := range bp {
				if pp[p] != sum {
					t.Errorf("%s: patched page differs from the built one", p)
				}
			}
			titles := map[string]string{}
			for _, v := range built.Pages {
				titles[v.Meta().Path] = v.Meta().Title
			}
			for _, v := range patched.Pages {
				if titles[v.Meta().Path] != v.Meta().Title {
					t.Errorf("%s: title %q, built %q", v.Meta().Path, v.Meta().Title, titles[v.Meta().Path])
				}
			}
			if diagText(patched.Diags.Sorted()) != diagText(built.Diags.Sorted()) {
				t.Errorf("warnings differ:\n%s\nvs\n%s", diagText(patched.Diags.Sorted()), diagText(built.Diags.Sorted()))
			}
			if name == "body" && len(withCode(patched.Diags, "broken-link")) != 1 {
				t.Error("the new broken link is not reported")
			}
		})
	}
}

// TestPatchDeclinesMoves: an edit that changes where an item is listed,
// or under which URL, is left to a full build.
func TestPatchDeclinesMoves(t *testing.T) {
	prev := site.Build(load(t, patchFiles()), site.Options{Now: now, Memo: &site.Memo{}})
	for name, text := range map[string]string{
		"date":      itemBody("A", "2025-08-09", "First.\n", "topics: [talks]", "people: [Ann Lee]"),
		"topic":     itemBody("A", "2025-08-10", "First.\n", "topics: [other]", "people: [Ann Lee]"),
		"person":    itemBody("A", "2025-08-10", "First.\n", "topics: [talks]", "people: [Bob Roe]"),
		"slug":      itemBody("A", "2025-08-10", "First.\n", "topics: [talks]", "people: [Ann Lee]", "slug: other"),
		"milestone": itemBody("A", "2025-08-10", "First.\n", "topics: [talks]", "people: [Ann Lee]", "milestone: true"),
		"draft":     itemBody("A", "2025-08-10", "First.\n", "topics: [talks]", "people: [Ann Lee]", "draft: true"),
	} {
		files := patchFiles()
		files["articles/2025-08-10-a.md"] = text
		c := load(t, files)
		for _, it := range c.Items {
			if it.File == "content/articles/2025-08-10-a.md" {
				if _, ok := site.Patch(prev, []*content.Item{it}, now); ok {
					t.Errorf("%s: a change that moves the item was patched", name)
				}
			}
		}
	}
}

// TestPatchAfterRebuildFromMemo: a body edit (patched), then a full build
// from the memo (an unrelated item's headline), then a second body edit of the
// first item must reach its page. A full build that took the patched
// article's page from the memo but made its article anew once left the
// page holding another article object than the model's lists, and the
// second patch then missed the page.
func TestPatchAfterRebuildFromMemo(t *testing.T) {
	memo := &site.Memo{}
	files := patchFiles()
	s := site.Build(load(t, files), site.Options{Now: now, Memo: memo})
	edit := func(body string) {
		t.Helper()
		files["articles/2025-08-10-a.md"] = itemBody("A", "2025-08-10", body, "topics: [talks]", "people: [Ann Lee]")
		c := load(t, files)
		patched, ok := site.Patch(s, itemsOf(c, "content/articles/2025-08-10-a.md"), now)
		if !ok {
			t.Fatal("a body edit was not patched")
		}
		s = patched
		built := site.Build(c, site.Options{Now: now})
		pp, bp := pagePrints(s), pagePrints(built)
		for p, sum := range bp {
			if pp[p] != sum {
				t.Errorf("after the edit to %q: %s differs from a clean build", body, p)
			}
		}
	}
	edit("First.\n\nEdited once.\n")
	files["articles/2025-08-12-c.md"] = itemBody("C, retitled", "2025-08-12", "C body.\n", "topics: [other]")
	s = site.Build(load(t, files), site.Options{Now: now, Memo: memo})
	edit("First.\n\nEdited twice.\n")
}
