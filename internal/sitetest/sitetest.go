// Package sitetest gives tests sites to build: a copy of the sample site
// (the repository's own content/), and files written into a site.
package sitetest

import (
	"io/fs"
	"os"
	"path/filepath"
	"testing"
)

// Root returns the repository root, which is itself the sample site: the
// nearest folder above the test's that has a go.mod.
func Root(t testing.TB) string {
	t.Helper()
	dir, err := os.Getwd()
	if err != nil {
		t.Fatal(err)
	}
	for {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			return dir
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			t.Fatal("no go.mod above the test's folder")
		}
		dir = parent
	}
}

// CopySample copies the sample site's content/ into a fresh folder and
// returns the folder.
func CopySample(t testing.TB) string {
	t.Helper()
	dst := t.TempDir()
	CopyTree(t, filepath.Join(Root(t), "content"), filepath.Join(dst, "content"))
	return dst
}

// CopyTree copies the files under src to dst.
func CopyTree(t testing.TB, src, dst string) {
	t.Helper()
	err := filepath.WalkDir(src, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(src, p)
		target := filepath.Join(dst, rel)
		if d.IsDir() {
			return os.MkdirAll(target, 0o755)
		}
		b, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		return os.WriteFile(target, b, 0o644)
	})
	if err != nil {
		t.Fatal(err)
	}
}

// WriteFile writes text at rel (slash-separated) under root, making its
// folders.
func WriteFile(t testing.TB, root, rel, text string) {
	t.Helper()
	p := filepath.Join(root, filepath.FromSlash(rel))
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
}
