package build

import (
	"context"
	"io/fs"
	"strings"
	"testing"
	"testing/fstest"

	"digest"
)

// TestSpilledBuild: a build that keeps item bodies and front matter in the
// spill file writes the same bytes as one that keeps them in memory,
// including what is read back from it: pages, feeds with full content, and
// front matter fields that templates read through .Params.
func TestSpilledBuild(t *testing.T) {
	article, err := fs.ReadFile(digest.Theme, "templates/partials/article-body.html")
	if err != nil {
		t.Fatal(err)
	}
	withRating := strings.Replace(string(article), `<div class="body">`,
		`<p class="rating">Rating: {{.Params.rating}} {{index .Params "tags"}}</p>`+"\n"+`<div class="body">`, 1)
	if withRating == string(article) {
		t.Fatal("the theme's partials/article-body.html has no body division to put the rating before")
	}
	build := func(spill bool) (map[string]string, *Builder) {
		fsys := testSite()
		fsys["content/articles/2025-08-17-c.md"] = &fstest.MapFile{Data: []byte(
			"+++\ntitle = \"C\"\nrating = 4\ntags = [\"x\", \"y\"]\ntopics = [\"talks\"]\n+++\nBody of *C*, [linked](/topics/talks/).\n")}
		fsys["templates/partials/article-body.html"] = &fstest.MapFile{Data: []byte(withRating)}
		b := New(Options{Source: "site", SiteFS: fsys, Theme: digest.Theme, Now: fixedNow, Spill: map[bool]SpillPolicy{true: SpillAlways, false: SpillNever}[spill]})
		t.Cleanup(func() { b.Close() })
		sink := newRecSink(nil)
		if res, err := b.BuildTo(context.Background(), nil, sink, 0); err != nil || res.Diags.HasErrors() {
			t.Fatalf("build (spill %v): %v %v", spill, err, res.Diags)
		}
		return sink.written, b
	}
	inMemory, _ := build(false)
	spilled, b := build(true)
	if b.spill == nil || b.spill.Size() == 0 {
		t.Fatal("the spilled build put nothing in its spill file")
	}
	page := spilled["2025/08/17/c/index.html"]
	if !strings.Contains(page, "Rating: 4 [x y]") || !strings.Contains(page, "Body of <em>C</em>") {
		t.Errorf("the page of C lacks its rating or its body:\n%s", page)
	}
	if feed := spilled["feed.xml"]; !strings.Contains(feed, "Body of <em>C</em>") {
		t.Errorf("the feed lacks C's full content:\n%s", feed)
	}
	if len(spilled) != len(inMemory) {
		t.Errorf("spilled build wrote %d files, in memory %d", len(spilled), len(inMemory))
	}
	for path, want := range inMemory {
		if spilled[path] != want {
			t.Errorf("%s differs between the spilled build and the one in memory", path)
		}
	}
}
