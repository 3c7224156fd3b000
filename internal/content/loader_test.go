package content_test

import (
	"context"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"digest/internal/content"
	"digest/internal/diag"
)

func article(title, date string) []byte {
	return []byte("---\ntitle: " + title + "\ndate: " + date + "\n---\nBody of " + title + ".\n")
}

func titles(c *content.Content) []string {
	var out []string
	for _, it := range c.Items {
		out = append(out, it.Title)
	}
	return out
}

// diagsFor returns the diagnostics about file.
func diagsFor(ds diag.List, file string) diag.List {
	var out diag.List
	for _, d := range ds {
		if d.File == file {
			out = append(out, d)
		}
	}
	return out
}

func TestLoaderIncremental(t *testing.T) {
	m := fstest.MapFS{
		"content/_index.md":     {Data: []byte("---\ntitle: Site\ntimezone: UTC\n---\nHome.\n")},
		"content/articles/a.md": {Data: article("A", "2025-08-15 21:00")},
		"content/articles/b.md": {Data: article("B", "2025-08-15")},
		"content/topics/t.md":   {Data: []byte("---\ntitle: T\n---\nIntro.\n")},
	}
	l := content.NewLoader(m, content.Override{})
	c := loadAll(l, nil)
	if c.Parsed != 3 || !slices.Equal(titles(c), []string{"A", "B"}) || len(c.Topics) != 1 || len(c.Diags) != 0 {
		t.Fatalf("first load: Parsed %d, items %q, topics %d, diags %v", c.Parsed, titles(c), len(c.Topics), c.Diags)
	}
	if c.Config.Title != "Site" {
		t.Errorf("Config.Title = %q", c.Config.Title)
	}

	c = loadAll(l, nil)
	if c.Parsed != 0 || len(c.Items) != 2 || len(c.Topics) != 1 {
		t.Errorf("second full load: Parsed %d (want 0), %d items, %d topics", c.Parsed, len(c.Items), len(c.Topics))
	}

	m["content/articles/b.md"] = &fstest.MapFile{Data: article("B2", "2025-08-15")}
	c = loadAll(l, []string{"content/articles/b.md"})
	if c.Parsed != 1 || !slices.Equal(titles(c), []string{"A", "B2"}) {
		t.Errorf("after editing b.md: Parsed %d (want 1), items %q", c.Parsed, titles(c))
	}

	m["content/articles/c.md"] = &fstest.MapFile{Data: article("C", "2025-08-17")}
	c = loadAll(l, []string{"content/articles/c.md"})
	if c.Parsed != 1 || !slices.Equal(titles(c), []string{"A", "B2", "C"}) {
		t.Errorf("after adding c.md: Parsed %d (want 1), items %q", c.Parsed, titles(c))
	}

	delete(m, "content/articles/b.md")
	c = loadAll(l, []string{"content/articles/b.md"})
	if c.Parsed != 0 || !slices.Equal(titles(c), []string{"A", "C"}) {
		t.Errorf("after removing b.md: Parsed %d, items %q", c.Parsed, titles(c))
	}

	// A new time zone re-reads every date in it.
	m["content/_index.md"] = &fstest.MapFile{Data: []byte("---\ntitle: Site\ntimezone: Asia/Tokyo\n---\nHome.\n")}
	c = loadAll(l, []string{"content/_index.md"})
	if c.Parsed != 3 {
		t.Errorf("after the time zone changed: Parsed %d, want 3", c.Parsed)
	}
	if len(c.Items) == 0 {
		t.Fatal("no items")
	}
	a := c.Items[0]
	if got := a.Date.Format("2006-01-02 15:04 MST"); got != "2025-08-15 21:00 JST" {
		t.Errorf("after the time zone changed, A's date is %s, want 2025-08-15 21:00 JST", got)
	}
	if c.Config.TimezoneName != "Asia/Tokyo" {
		t.Errorf("Config.TimezoneName = %q", c.Config.TimezoneName)
	}
}

func TestLoaderIgnoresAndWarns(t *testing.T) {
	m := fstest.MapFS{
		"content/_index.md":       {Data: []byte("---\ntitle: Site\n---\n")},
		"content/articles/a.md":   {Data: article("A", "2025-01-01")},
		"content/articles/.x.md":  {Data: []byte("\x00junk")},
		"content/articles/x.md~":  {Data: []byte("\x00junk")},
		"content/articles/x.swp":  {Data: []byte("\x00junk")},
		"content/articles/4913":   {Data: []byte("\x00junk")},
		"content/.git/HEAD":       {Data: []byte("\x00junk")},
		"content/notes.txt":       {Data: []byte("notes")},
		"content/topics/sub/x.md": {Data: article("X", "2025-01-01")},
		"content/articles/b.m":    {Data: article("B", "2025-01-01")},
	}
	c := loadAll(content.NewLoader(m, content.Override{}), nil)
	if !slices.Equal(titles(c), []string{"A"}) {
		t.Errorf("items %q, want only A", titles(c))
	}
	for _, d := range c.Diags {
		switch d.File {
		case "content/notes.txt", "content/topics/sub/x.md", "content/articles/b.m":
			if d.Code != "file-ignored" || d.Severity != diag.Warning {
				t.Errorf("%s: got %s [%s], want a file-ignored warning", d.File, d, d.Code)
			}
		default:
			t.Errorf("unexpected diagnostic %s [%s]", d, d.Code)
		}
	}
	if len(diagsFor(c.Diags, "content/notes.txt")) != 1 || len(diagsFor(c.Diags, "content/topics/sub/x.md")) != 1 {
		t.Errorf("want one file-ignored warning each for notes.txt and topics/sub/x.md, got %v", c.Diags)
	}
	// Telling the loader an ignored file changed does not read it either.
	m["content/articles/x.swp"] = &fstest.MapFile{Data: []byte("\x00more junk")}
	if c := loadAll(content.NewLoader(m, content.Override{}), []string{"content/articles/x.swp"}); len(diagsFor(c.Diags, "content/articles/x.swp")) != 0 {
		t.Errorf("x.swp was read: %v", c.Diags)
	}
}

// unreadableFS is a file system in which one path cannot be opened.
type unreadableFS struct {
	fs.FS
	bad string
}

func (u unreadableFS) Open(name string) (fs.File, error) {
	if name == u.bad {
		return nil, &fs.PathError{Op: "open", Path: name, Err: fs.ErrPermission}
	}
	return u.FS.Open(name)
}

func TestLoaderReadErrors(t *testing.T) {
	m := fstest.MapFS{
		"content/articles/a.md":   {Data: article("A", "2025-01-01")},
		"content/articles/bad.md": {Data: article("Bad", "2025-01-01")},
		"content/topics/t.md":     {Data: []byte("---\ntitle: T\n---\n")},
	}
	c := loadAll(content.NewLoader(unreadableFS{m, "content/articles/bad.md"}, content.Override{}), nil)
	ds := diagsFor(c.Diags, "content/articles/bad.md")
	if len(ds) != 1 || ds[0].Code != "read-error" || ds[0].Severity != diag.Error || !strings.Contains(ds[0].Message, "permission denied") {
		t.Errorf("unreadable file: %v, want one read-error naming it", c.Diags)
	}
	if !slices.Equal(titles(c), []string{"A"}) || len(c.Topics) != 1 {
		t.Errorf("items %q, topics %d: the readable files should still load", titles(c), len(c.Topics))
	}

	c = loadAll(content.NewLoader(unreadableFS{m, "content/topics"}, content.Override{}), nil)
	if ds := diagsFor(c.Diags, "content/topics"); len(ds) != 1 || ds[0].Code != "read-error" {
		t.Errorf("unreadable folder: %v, want a read-error for content/topics", c.Diags)
	}
	if len(c.Items) != 2 {
		t.Errorf("unreadable topics folder lost the articles: %q", titles(c))
	}
}

func TestLoaderUnreadableOnDisk(t *testing.T) {
	if os.Geteuid() == 0 {
		t.Skip("running as root: chmod 000 does not stop reading (TestLoaderReadErrors covers this)")
	}
	dir := t.TempDir()
	p := filepath.Join(dir, "content", "articles", "a.md")
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(p, article("A", "2025-01-01"), 0o000); err != nil {
		t.Fatal(err)
	}
	c := loadAll(content.NewLoader(os.DirFS(dir), content.Override{}), nil)
	if ds := diagsFor(c.Diags, "content/articles/a.md"); len(ds) != 1 || ds[0].Code != "read-error" {
		t.Errorf("got %v, want a read-error for content/articles/a.md", c.Diags)
	}
}

// site writes files under a temporary folder and returns it.
func site(t *testing.T, files map[string]string) string {
	t.Helper()
	dir := t.TempDir()
	for name, data := range files {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

func symlink(t *testing.T, target, link string) {
	t.Helper()
	if err := os.Symlink(target, link); err != nil {
		t.Skipf("symbolic links unsupported: %v", err)
	}
}

func TestLoaderSymlinks(t *testing.T) {
	dir := site(t, map[string]string{
		"content/_index.md":          "---\ntitle: Site\n---\n",
		"content/articles/2025/a.md": string(article("A", "2025-01-01")),
		"archive/old/b.md":           string(article("B", "2024-01-01")),
	})
	outside := site(t, map[string]string{"secret.md": string(article("Secret", "2025-01-01"))})
	arts := filepath.Join(dir, "content", "articles")
	symlink(t, "../../archive/old", filepath.Join(arts, "old"))                  // inside the site: followed
	symlink(t, "2025", filepath.Join(arts, "alias"))                             // a sibling folder: followed
	symlink(t, outside, filepath.Join(arts, "abs"))                              // absolute: outside
	symlink(t, filepath.Join(outside, "secret.md"), filepath.Join(arts, "s.md")) // absolute file: outside
	symlink(t, "../../..", filepath.Join(arts, "up"))                            // relative: outside
	symlink(t, "..", filepath.Join(arts, "2025", "loop"))                        // its parent: a loop
	symlink(t, "self", filepath.Join(arts, "self"))                              // itself: a loop

	done := make(chan *content.Content, 1)
	go func() { done <- loadAll(content.NewLoader(os.DirFS(dir), content.Override{}), nil) }()
	var c *content.Content
	select {
	case c = <-done:
	case <-time.After(10 * time.Second):
		t.Fatal("Load did not terminate")
	}

	var files []string
	for _, it := range c.Items {
		files = append(files, it.File)
	}
	want := []string{"content/articles/2025/a.md", "content/articles/alias/a.md", "content/articles/old/b.md"}
	if !slices.Equal(files, want) {
		t.Errorf("items from %q, want %q", files, want)
	}
	for _, it := range c.Items {
		if it.Title == "Secret" {
			t.Errorf("read a file outside the site: %s", it.File)
		}
	}
	expect := map[string]struct {
		code string
		sev  diag.Severity
	}{
		"content/articles/abs":        {"symlink-outside", diag.Warning},
		"content/articles/s.md":       {"symlink-outside", diag.Warning},
		"content/articles/up":         {"symlink-outside", diag.Warning},
		"content/articles/2025/loop":  {"symlink-loop", diag.Error},
		"content/articles/alias/loop": {"symlink-loop", diag.Error}, // the same link, reached through alias
		"content/articles/self":       {"symlink-loop", diag.Error},
	}
	for file, e := range expect {
		ds := diagsFor(c.Diags, file)
		if len(ds) != 1 || ds[0].Code != e.code || ds[0].Severity != e.sev {
			t.Errorf("%s: got %v, want one %s %s", file, ds, e.sev, e.code)
		}
	}
	for _, d := range c.Diags {
		if _, ok := expect[d.File]; !ok {
			t.Errorf("unexpected diagnostic %s [%s]", d, d.Code)
		}
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
