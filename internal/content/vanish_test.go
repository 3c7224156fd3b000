package content

import (
	"context"
	"io/fs"
	"testing"
	"testing/fstest"
)

// vanishing lists a file but cannot open it any more: it was deleted
// between the walk and the read, as an editor may do mid-build.
type vanishing struct {
	fstest.MapFS
	gone string
}

func (v vanishing) Open(name string) (fs.File, error) {
	if name == v.gone {
		return nil, &fs.PathError{Op: "open", Path: name, Err: fs.ErrNotExist}
	}
	return v.MapFS.Open(name)
}

func (v vanishing) ReadFile(name string) ([]byte, error) {
	if name == v.gone {
		return nil, &fs.PathError{Op: "open", Path: name, Err: fs.ErrNotExist}
	}
	return v.MapFS.ReadFile(name)
}

func TestFileDeletedDuringBuild(t *testing.T) {
	fsys := vanishing{MapFS: fstest.MapFS{
		"content/_index.md":        {Data: []byte("---\ntitle: T\n---\n")},
		"content/articles/a.md":    {Data: []byte("---\ntitle: A\ndate: 2025-08-15\n---\nBody.\n")},
		"content/articles/gone.md": {Data: []byte("---\ntitle: Gone\ndate: 2025-08-15\n---\nBody.\n")},
	}, gone: "content/articles/gone.md"}
	c := loadAll(NewLoader(fsys, Override{}), nil)
	if c.Diags.HasErrors() || len(c.Items) != 1 || c.Items[0].Title != "A" {
		t.Fatalf("items %d, diags %v", len(c.Items), c.Diags)
	}
	found := false
	for _, d := range c.Diags {
		found = found || d.Code == "file-vanished" && d.File == "content/articles/gone.md"
	}
	if !found {
		t.Errorf("no file-vanished warning: %v", c.Diags)
	}
}

// loadAll loads the content, as a build does, with no deadline.
func loadAll(l *Loader, changed []string) *Content {
	c, err := l.Load(context.Background(), changed)
	if err != nil {
		panic(err)
	}
	return c
}
