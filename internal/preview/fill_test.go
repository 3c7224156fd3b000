package preview

import (
	"bufio"
	"context"
	"encoding/json"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"digest"
	"digest/internal/build"
	"digest/internal/corpus"
	"digest/internal/serve"
)

// TestInterruptedFillResumes: a build that stops the background render
// of deferred pages, and keeps them, starts it again: a deferred page
// holds the model it was made from until it is rendered.
func TestInterruptedFillResumes(t *testing.T) {
	dir := t.TempDir()
	if err := corpus.Write(dir, corpus.Generate(corpus.Options{Items: 300, Seed: 3, Topics: 6})); err != nil {
		t.Fatal(err)
	}
	fixed := time.Date(2030, 1, 1, 0, 0, 0, 0, time.UTC)
	opts := build.Options{Source: dir, BaseURL: "http://127.0.0.1:1/", Theme: digest.Theme, Generator: "digest test",
		Now: func() time.Time { return fixed }, NoCache: true}
	p := New(Options{Build: opts, Reload: true, DeferAbove: 1})
	defer p.Close()
	ctx := context.Background()
	p.Build(ctx, nil)
	writeFile(t, dir, "templates/partials/sources.html", `<span class="source">Via {{range .Sources}}{{.Name}}{{end}}</span>`)
	p.Build(ctx, []string{"templates/partials/sources.html"})
	var item string
	_ = filepath.WalkDir(filepath.Join(dir, "content", "articles"), func(path string, d os.DirEntry, err error) error {
		if err == nil && !d.IsDir() && item == "" {
			item = path
		}
		return nil
	})
	text, err := os.ReadFile(item)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(item, append(text, "\nOne more paragraph.\n"...), 0o644); err != nil {
		t.Fatal(err)
	}
	rel, _ := filepath.Rel(dir, item)
	p.Build(ctx, []string{filepath.ToSlash(rel)})
	for deadline := time.Now().Add(20 * time.Second); p.store.Pending() > 0; {
		if time.Now().After(deadline) {
			t.Fatalf("%d deferred pages were never rendered after a build stopped their background render", p.store.Pending())
		}
		time.Sleep(20 * time.Millisecond)
	}
}

// TestDeferredRenderError: when a template change fails only at render
// time and the pages were deferred, each keeps serving its last good
// version, open pages are told the error, and fixing the template brings
// the site back to a clean build.
func TestDeferredRenderError(t *testing.T) {
	ls := startLive(t, 20, 7, 1)
	var article string
	for _, p := range ls.p.store.Paths() {
		if strings.HasPrefix(p, "20") && strings.HasSuffix(p, "/index.html") {
			article = p
			break
		}
	}
	good := string(ls.p.store.Get(article).Data)
	stream, err := http.Get(ls.url + "__digest/events")
	if err != nil {
		t.Fatal(err)
	}
	defer stream.Body.Close()
	events := make(chan serve.Event, 100)
	go func() {
		sc := bufio.NewScanner(stream.Body)
		sc.Buffer(nil, 16<<20)
		for sc.Scan() {
			if data, ok := strings.CutPrefix(sc.Text(), "data: "); ok {
				var e serve.Event
				if json.Unmarshal([]byte(data), &e) == nil {
					events <- e
				}
			}
		}
	}()
	waitFor := func(kind string) serve.Event {
		t.Helper()
		for {
			select {
			case e := <-events:
				if e.Kind == kind {
					return e
				}
			case <-time.After(20 * time.Second):
				t.Fatalf("no %q event", kind)
			}
		}
	}
	waitFor("hello")
	ls.write("templates/article.html", `{{template "base.html" .}}{{define "main"}}{{.Article.NoSuchField}}{{end}}`)
	e := waitFor("error")
	if len(e.Errors) == 0 || !strings.Contains(e.Errors[0], "templates/article.html") || !strings.Contains(e.Errors[0], "NoSuchField") {
		t.Errorf("error event %q does not name the template and the field", e.Errors)
	}
	if got := string(ls.p.store.Get(article).Data); got != good {
		t.Errorf("%s: a failed render replaced the last good page", article)
	}
	if err := os.Remove(ls.path("templates/article.html")); err != nil {
		t.Fatal(err)
	}
	waitFor("reload")
	ls.compare(1)
}
