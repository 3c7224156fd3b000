package build

import (
	"context"
	"strings"
	"testing"
	"testing/fstest"

	"digest"
)

// TestHeadlineEditEqualsCleanBuild: after a new headline, the model made
// from the memo renders every page, feed and sitemap byte for byte as a
// clean build of the edited site does, and re-renders only what shows the
// item.
func TestHeadlineEditEqualsCleanBuild(t *testing.T) {
	site := func() fstest.MapFS {
		fsys := testSite()
		fsys["content/articles/2025-08-17-c.md"] = &fstest.MapFile{Data: []byte("---\ntitle: C\ntopics: [other]\npeople: [Ann Lee]\n---\nBody of C.\n")}
		return fsys
	}
	fsys := site()
	b := New(Options{Source: "site", SiteFS: fsys, Theme: digest.Theme, Now: fixedNow})
	first := newRecSink(nil)
	if res, err := b.BuildTo(context.Background(), nil, first, 0); err != nil || res.Diags.HasErrors() {
		t.Fatalf("first build: %v %v", err, res.Diags)
	}
	const file = "content/articles/2025-08-15-a.md"
	edited := []byte("---\ntitle: A, with a new headline & more\ntopics: [talks]\n---\nBody of A.\n")
	fsys[file] = &fstest.MapFile{Data: edited}
	second := newRecSink(first)
	// As an editor's atomic save reports it: the item, and the temporary
	// file that was renamed over it, gone by the time of the build.
	res, err := b.BuildTo(context.Background(), []string{"content/articles/sedX4b2Qz", file}, second, 0)
	if err != nil || res.Diags.HasErrors() {
		t.Fatalf("second build: %v %v", err, res.Diags)
	}

	clean := site()
	clean[file] = &fstest.MapFile{Data: edited}
	want := newRecSink(nil)
	if res, err := New(Options{Source: "site", SiteFS: clean, Theme: digest.Theme, Now: fixedNow}).BuildTo(context.Background(), nil, want, 0); err != nil || res.Diags.HasErrors() {
		t.Fatalf("clean build: %v %v", err, res.Diags)
	}
	for path, data := range want.written {
		got, ok := second.written[path]
		if !ok {
			got = first.written[path] // kept from the first build
		}
		if got != data {
			t.Errorf("%s differs from a clean build", path)
		}
	}
	// B lists A as its previous item, so its page changes; C is on
	// another topic and must be left alone.
	for path, want := range map[string]bool{"2025/08/16/b/index.html": true, "2025/08/17/c/index.html": false, "topics/talks/index.html": true} {
		if _, rendered := second.written[path]; rendered != want {
			t.Errorf("%s: rendered again %v, want %v", path, rendered, want)
		}
	}
	if !strings.Contains(second.written["2025/08/16/b/index.html"], "A, with a new headline &amp; more") {
		t.Error("B's page does not show A's new headline")
	}
}

// TestVanishedFolder: a deleted folder of items, reported with
// an edit to another item, takes its items with it.
func TestVanishedFolder(t *testing.T) {
	fsys := testSite()
	fsys["content/articles/old/2025-08-14-d.md"] = &fstest.MapFile{Data: []byte("---\ntitle: D\ntopics: [talks]\n---\nBody of D.\n")}
	b := New(Options{Source: "site", SiteFS: fsys, Theme: digest.Theme, Now: fixedNow})
	if res, err := b.BuildTo(context.Background(), nil, newRecSink(nil), 0); err != nil || res.Diags.HasErrors() || res.Articles != 3 {
		t.Fatalf("first build: %v %v", err, res)
	}
	delete(fsys, "content/articles/old/2025-08-14-d.md")
	const file = "content/articles/2025-08-15-a.md"
	fsys[file] = &fstest.MapFile{Data: []byte("---\ntitle: A, retitled\ntopics: [talks]\n---\nBody of A.\n")}
	res, err := b.BuildTo(context.Background(), []string{"content/articles/old", file}, newRecSink(nil), 0)
	if err != nil || res.Diags.HasErrors() {
		t.Fatalf("second build: %v %v", err, res.Diags)
	}
	if res.Articles != 2 {
		t.Errorf("%d articles: the deleted folder's item is still there", res.Articles)
	}
}
