package render_test

import (
	"bytes"
	"context"
	"strings"
	"sync"
	"testing"

	"digest/internal/content"
	"digest/internal/site"
)

func TestRenderingIsDeterministic(t *testing.T) {
	first := renderAll(t, loadTemplates(t, testSite()), buildSite(t, testSite()))
	if len(first) < 20 {
		t.Fatalf("only %d files rendered", len(first))
	}
	// From scratch again: new content, model and templates.
	sameOutput(t, "second clean render", renderAll(t, loadTemplates(t, testSite()), buildSite(t, testSite())), first)

	// Again with the same templates, whose caches are now full.
	s, tm := buildSite(t, testSite()), loadTemplates(t, testSite())
	renderAll(t, tm, s)
	tm.NextBuild()
	sameOutput(t, "render with warm caches", renderAll(t, tm, s), first)
}

func TestConcurrentRendering(t *testing.T) {
	s := buildSite(t, testSite())
	want := renderAll(t, loadTemplates(t, testSite()), s)
	tm := loadTemplates(t, testSite())
	const workers = 8
	got := make([]map[string][]byte, workers)
	var wg sync.WaitGroup
	for w := range workers {
		wg.Go(func() {
			out := map[string][]byte{}
			var scratch []byte
			for i := range s.Pages {
				v := s.Pages[(i*7+w*5)%len(s.Pages)] // each worker in its own order
				b, d := tm.Render(v, scratch)
				if d != nil {
					t.Errorf("rendering %s: %s", v.Meta().Path, d)
					return
				}
				out[v.Meta().Path] = bytes.Clone(b)
				scratch = b[:0] // reused as the builder does
			}
			got[w] = out
		})
	}
	wg.Wait()
	for w := range workers {
		sameOutput(t, "concurrent render", got[w], want)
	}
}

func TestRenderIntoScratch(t *testing.T) {
	s, tm := buildSite(t, testSite()), loadTemplates(t, testSite())
	want := renderAll(t, tm, s)
	scratch := bytes.Repeat([]byte("X"), 1<<20)
	for _, v := range s.Pages {
		b, d := tm.Render(v, scratch[:7])
		if d != nil {
			t.Fatalf("rendering %s: %s", v.Meta().Path, d)
		}
		if !bytes.Equal(b, want[v.Meta().Path]) {
			t.Errorf("%s rendered into a used buffer differs:\n%s", v.Meta().Path, firstDifference(b, want[v.Meta().Path]))
		}
		if cap(b) >= 7 {
			scratch = b[:cap(b)] // the next page over this one, as the builder does
		}
	}
}

// TestRebuildEqualsCleanBuild renders a site, edits it, and renders it
// again with the same templates and model memo, as a builder does: the
// output must equal a clean build's after every edit, whether the last
// build rendered all pages or a few.
func TestRebuildEqualsCleanBuild(t *testing.T) {
	fsys := testSite()
	loader := content.NewLoader(fsys, content.Override{})
	memo := &site.Memo{}
	tm := loadTemplates(t, fsys)
	build := func(changed ...string) map[string][]byte {
		t.Helper()
		c, err := loader.Load(context.Background(), changed)
		if err != nil {
			t.Fatal(err)
		}
		s := buildFrom(t, c, memo)
		tm.NextBuild()
		out := renderAll(t, tm, s)
		tm.EndBuild(len(s.Pages), len(s.Pages))
		return out
	}
	clean := func() map[string][]byte {
		return renderAll(t, loadTemplates(t, fsys), buildSite(t, fsys))
	}
	edit := func(name, old, new string) string {
		t.Helper()
		f := fsys[name]
		if f == nil || !bytes.Contains(f.Data, []byte(old)) {
			t.Fatalf("%s has no %q", name, old)
		}
		fsys[name] = file(strings.Replace(string(f.Data), old, new, 1))
		return name
	}

	sameOutput(t, "first build", build(nil...), clean())

	// A headline: the article, the lists that show it, its feeds.
	out := build(edit("content/articles/2025-08-15-summit.md", "title: Leaders meet in Anchorage", "title: Leaders meet at Elmendorf"))
	sameOutput(t, "after a new headline", out, clean())
	for _, path := range []string{"index.html", "topics/alaska-summit/index.html", "people/vladimir-putin/index.html", "feed.xml",
		"2025/08/15/reaction/index.html"} {
		if !bytes.Contains(out[path], []byte("Leaders meet at Elmendorf")) || bytes.Contains(out[path], []byte("Leaders meet in Anchorage")) {
			t.Errorf("%s does not show the new headline", path)
		}
	}

	// After a build that rendered a few pages the caches are kept.
	tm.EndBuild(1, 100)
	out = build(edit("content/articles/2025-08-15-reaction.md", "Reactions from around the world.", "Reactions from [Kyiv](/topics/alaska-summit/)."))
	sameOutput(t, "after a new body", out, clean())
	if !bytes.Contains(out["topics/alaska-summit/feed.json"], []byte(`Reactions from <a href=\"`+base+`topics/alaska-summit/\">Kyiv</a>.`)) {
		t.Errorf("the topic's feed does not show the new body:\n%s", out["topics/alaska-summit/feed.json"])
	}

	// The site's own footer: new templates that keep the feed content.
	fsys["templates/partials/footer.html"] = file(`<footer class="site-footer">Made for {{.Title}}</footer>`)
	old := tm
	tm = loadTemplates(t, fsys)
	tm.KeepFeedContent(old)
	out = build("templates/partials/footer.html")
	sameOutput(t, "after new templates", out, clean())
	if !bytes.Contains(out["index.html"], []byte("Made for Test Digest")) {
		t.Error("the home page does not show the new footer")
	}

	// An article removed, then one added.
	tm.EndBuild(1, 100)
	delete(fsys, "content/articles/2025-08-08-announced.md")
	sameOutput(t, "after a removal", build("content/articles/2025-08-08-announced.md"), clean())
	fsys["content/articles/2025-08-16-more.md"] = file("---\ntitle: More talks\ndate: 2025-08-16 12:00\ntopics: [alaska-summit]\nmilestone: true\n---\nMore.\n")
	sameOutput(t, "after an addition", build("content/articles/2025-08-16-more.md"), clean())

	tm.KeepFeedContent(nil) // nothing to keep: no effect
	sameOutput(t, "after KeepFeedContent(nil)", build(nil...), clean())
}
