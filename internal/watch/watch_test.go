package watch

import (
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"
)

// site makes a site folder with content/articles/a.md.
func site(t *testing.T) string {
	t.Helper()
	root := t.TempDir()
	for _, d := range []string{"content/articles", "templates", "static", "public"} {
		if err := os.MkdirAll(filepath.Join(root, d), 0o755); err != nil {
			t.Fatal(err)
		}
	}
	write(t, root, "content/articles/a.md", "a")
	return root
}

func write(t *testing.T, root, rel, text string) {
	t.Helper()
	p := filepath.Join(root, filepath.FromSlash(rel))
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
}

func start(t *testing.T, root string, force bool) *Watcher {
	t.Helper()
	w, err := New(Options{
		Root: root, Dirs: []string{"content", "templates", "static"}, ForcePoll: force, PollInterval: 50 * time.Millisecond,
		Ignore: func(rel string) bool {
			for _, part := range strings.Split(rel, "/") {
				if strings.HasPrefix(part, ".") || strings.HasSuffix(part, "~") || part == "4913" || strings.HasSuffix(part, ".swp") {
					return true
				}
			}
			return false
		},
	})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { w.Close() })
	return w
}

// collect reads batches until none comes for quiet, returning them all.
func collect(t *testing.T, w *Watcher, quiet time.Duration) []Batch {
	t.Helper()
	var out []Batch
	deadline := time.After(10 * time.Second)
	for {
		select {
		case b := <-w.C:
			out = append(out, b)
		case <-time.After(quiet):
			return out
		case <-deadline:
			t.Fatal("batches never stopped")
		}
	}
}

func union(bs []Batch) []string {
	var out []string
	for _, b := range bs {
		out = append(out, b.Paths...)
	}
	slices.Sort(out)
	return slices.Compact(out)
}

func TestEditorSaves(t *testing.T) {
	for _, force := range []bool{false, true} {
		t.Run(fmt.Sprintf("poll=%v", force), func(t *testing.T) {
			root := site(t)
			w := start(t, root, force)
			cases := []struct {
				name string
				do   func()
				want string
			}{
				{"create", func() { write(t, root, "content/articles/b.md", "b") }, "content/articles/b.md"},
				{"write", func() { write(t, root, "content/articles/a.md", "a2") }, "content/articles/a.md"},
				{"chunked write", func() {
					f, _ := os.OpenFile(filepath.Join(root, "content/articles/a.md"), os.O_WRONLY|os.O_APPEND, 0)
					for range 5 {
						f.WriteString("chunk ")
						time.Sleep(5 * time.Millisecond)
					}
					f.Close()
				}, "content/articles/a.md"},
				{"atomic save (vim, JetBrains)", func() {
					write(t, root, "content/articles/a.md.tmp~", "a3")
					write(t, root, "content/articles/.a.md.swp", "x")
					write(t, root, "content/articles/4913", "")
					os.Remove(filepath.Join(root, "content/articles/4913"))
					if err := os.Rename(filepath.Join(root, "content/articles/a.md.tmp~"), filepath.Join(root, "content/articles/a.md")); err != nil {
						t.Fatal(err)
					}
				}, "content/articles/a.md"},
				{"delete then create", func() {
					os.Remove(filepath.Join(root, "content/articles/b.md"))
					write(t, root, "content/articles/b.md", "b2")
				}, "content/articles/b.md"},
				{"template", func() { write(t, root, "templates/home.html", "x") }, "templates/home.html"},
				{"delete", func() { os.Remove(filepath.Join(root, "content/articles/b.md")) }, "content/articles/b.md"},
				{"output is ignored", func() { write(t, root, "public/index.html", "x") }, ""},
			}
			for _, c := range cases {
				c.do()
				got := union(collect(t, w, 300*time.Millisecond))
				var want []string
				if c.want != "" {
					want = []string{c.want}
				}
				if !slices.Equal(got, want) {
					t.Errorf("%s: got %v, want %v", c.name, got, want)
				}
			}
		})
	}
}

func TestNewNestedFoldersWithFiles(t *testing.T) {
	root := site(t)
	w := start(t, root, false)
	// Files land in new folders before the watcher can watch them.
	var want []string
	for i := range 5 {
		rel := fmt.Sprintf("content/articles/2025/%02d/deep/item-%d.md", i+1, i)
		write(t, root, rel, "x")
		want = append(want, rel)
	}
	got := union(collect(t, w, 300*time.Millisecond))
	for _, p := range want {
		if !slices.Contains(got, p) {
			t.Errorf("%s not reported (got %v)", p, got)
		}
	}
	// The new folders are watched from now on.
	write(t, root, "content/articles/2025/03/deep/later.md", "x")
	if got := union(collect(t, w, 300*time.Millisecond)); !slices.Equal(got, []string{"content/articles/2025/03/deep/later.md"}) {
		t.Errorf("edit in a new folder: %v", got)
	}
}

func TestRenamedFolderReportsNewPaths(t *testing.T) {
	root := site(t)
	write(t, root, "content/articles/old/sub/x.md", "x")
	w := start(t, root, false)
	if err := os.Rename(filepath.Join(root, "content/articles/old"), filepath.Join(root, "content/articles/new")); err != nil {
		t.Fatal(err)
	}
	got := union(collect(t, w, 300*time.Millisecond))
	for _, p := range []string{"content/articles/old", "content/articles/new", "content/articles/new/sub/x.md"} {
		if !slices.Contains(got, p) {
			t.Errorf("rename: %s not reported (got %v)", p, got)
		}
	}
	write(t, root, "content/articles/new/sub/x.md", "changed")
	if got := union(collect(t, w, 300*time.Millisecond)); !slices.Equal(got, []string{"content/articles/new/sub/x.md"}) {
		t.Errorf("edit after the rename reported as %v", got)
	}
}

// TestBurstIsOneBatch: 500 files copied at once give a bounded number of
// batches, with every file in them.
func TestBurstIsOneBatch(t *testing.T) {
	root := site(t)
	w := start(t, root, false)
	var want []string
	for i := range 500 {
		rel := fmt.Sprintf("content/articles/burst/%03d.md", i)
		write(t, root, rel, "x")
		want = append(want, rel)
	}
	batches := collect(t, w, 400*time.Millisecond)
	if len(batches) > 3 {
		t.Errorf("%d batches for one burst, want at most 3", len(batches))
	}
	got := union(batches)
	for _, p := range want {
		if !slices.Contains(got, p) {
			t.Fatalf("%s missing from the batches", p)
		}
	}
}

// TestEventsWhileBusyMergeIntoOneBatch: while the consumer rebuilds,
// further events wait, merged, for exactly one more batch.
func TestEventsWhileBusyMergeIntoOneBatch(t *testing.T) {
	root := site(t)
	w := start(t, root, false)
	write(t, root, "content/articles/one.md", "1")
	first := <-w.C
	if !slices.Contains(first.Paths, "content/articles/one.md") {
		t.Fatalf("first batch %v", first.Paths)
	}
	// "Rebuilding": not reading C while more changes arrive.
	write(t, root, "content/articles/two.md", "2")
	time.Sleep(150 * time.Millisecond)
	write(t, root, "content/articles/three.md", "3")
	time.Sleep(150 * time.Millisecond)
	batches := collect(t, w, 300*time.Millisecond)
	if len(batches) != 1 {
		t.Fatalf("%d batches after the busy period, want 1: %v", len(batches), batches)
	}
	if got := batches[0].Paths; !slices.Equal(got, []string{"content/articles/three.md", "content/articles/two.md"}) {
		t.Errorf("merged batch %v", got)
	}
}

func TestCloseClosesC(t *testing.T) {
	w := start(t, site(t), false)
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	if _, ok := <-w.C; ok {
		t.Error("C still open after Close")
	}
}
