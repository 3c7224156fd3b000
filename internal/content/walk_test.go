package content

import (
	"os"
	"path/filepath"
	"testing"
)

func TestSymlinkThroughAnotherLinkOutside(t *testing.T) {
	outside := t.TempDir()
	if err := os.WriteFile(filepath.Join(outside, "hosts.md"), []byte("---\ntitle: Secret\ndate: 2025-01-01\n---\nsecret\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	site := t.TempDir()
	if err := os.MkdirAll(filepath.Join(site, "content/articles"), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink(outside, filepath.Join(site, "escape")); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink("../../escape/hosts.md", filepath.Join(site, "content/articles/x.md")); err != nil {
		t.Fatal(err)
	}
	c := loadAll(NewLoader(os.DirFS(site), Override{}), nil)
	if len(c.Items) != 0 {
		t.Fatalf("read a file outside the site: %q", c.Items[0].Title)
	}
	found := false
	for _, d := range c.Diags {
		found = found || d.Code == "symlink-outside" && d.File == "content/articles/x.md"
	}
	if !found {
		t.Errorf("no symlink-outside warning: %v", c.Diags)
	}
}
