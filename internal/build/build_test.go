package build

import (
	"context"
	"strings"
	"sync"
	"testing"
	"testing/fstest"

	"digest"
	"digest/internal/fingerprint"
)

// recSink remembers what a build wrote and kept. Like every sink, it is
// called from several goroutines at once.
type recSink struct {
	mu      sync.Mutex
	prev    map[string]fingerprint.Sum
	inputs  map[string]fingerprint.Sum
	written map[string]string
	kept    map[string]bool
}

func newRecSink(prev *recSink) *recSink {
	r := &recSink{inputs: map[string]fingerprint.Sum{}, written: map[string]string{}, kept: map[string]bool{}}
	if prev != nil {
		r.prev = prev.inputs
	}
	return r
}

func (r *recSink) Current(path string, input fingerprint.Sum) bool {
	return r.prev != nil && r.prev[path] == input
}
func (r *recSink) Keep(path string) {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.kept[path] = true
	r.inputs[path] = r.prev[path]
}
func (r *recSink) Write(path string, input fingerprint.Sum, data []byte) error {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.inputs[path] = input
	r.written[path] = string(data)
	return nil
}

func testSite() fstest.MapFS {
	return fstest.MapFS{
		"content/_index.md":                {Data: []byte("---\ntitle: T\nbase_url: https://example.org/\n---\n")},
		"content/articles/2025-08-15-a.md": {Data: []byte("---\ntitle: A\ntopics: [talks]\n---\nBody of A.\n")},
		"content/articles/2025-08-16-b.md": {Data: []byte("---\ntitle: B\ntopics: [talks]\n---\nBody of B.\n")},
	}
}

// TestTemplateChangeKeepsFeeds: feeds, the sitemap and robots.txt are
// written by code, so a template change must re-render every page and
// none of them.
func TestTemplateChangeKeepsFeeds(t *testing.T) {
	fsys := testSite()
	b := New(Options{Source: "site", SiteFS: fsys, Theme: digest.Theme, Now: fixedNow})
	first := newRecSink(nil)
	if res, err := b.BuildTo(context.Background(), nil, first, 0); err != nil || res.Diags.HasErrors() {
		t.Fatalf("first build: %v %v", err, res.Diags)
	}
	fsys["templates/partials/footer.html"] = &fstest.MapFile{Data: []byte(`<footer>changed</footer>`)}
	second := newRecSink(first)
	if res, err := b.BuildTo(context.Background(), []string{"templates/partials/footer.html"}, second, 0); err != nil || res.Diags.HasErrors() {
		t.Fatalf("second build: %v %v", err, res.Diags)
	}
	var pages, codeMade int
	for p := range first.inputs {
		html := strings.HasSuffix(p, ".html")
		switch {
		case html && !strings.Contains(second.written[p], "<footer>changed</footer>"):
			t.Errorf("%s: not re-rendered with the new footer", p)
		case !html && !second.kept[p]:
			t.Errorf("%s: made again after a template change, which cannot change it", p)
		}
		if html {
			pages++
		} else {
			codeMade++
		}
	}
	if pages < 5 || codeMade < 5 {
		t.Fatalf("too few outputs to mean anything: %d pages, %d others", pages, codeMade)
	}
}
