package main

import (
	"digest/internal/build"
	"os"
	"path/filepath"
	"testing"
)

// TestConversionCache: builds that take their Markdown conversions from
// the cache file, whole, stale or damaged, write the same bytes as a
// build without it; --no-cache neither reads nor writes it.
func TestConversionCache(t *testing.T) {
	t.Setenv("DIGEST_CACHE_DIR", t.TempDir())
	site := copySite(t)
	buildTo := func(dest string, extra ...string) map[string]fileState {
		t.Helper()
		args := append([]string{"build", "--quiet", "-s", site, "-d", dest}, extra...)
		if code, out, errs := digestRun(t, args...); code != 0 {
			t.Fatalf("build exited %d: %s %s", code, out, errs)
		}
		return snapshot(t, dest)
	}
	tmp := t.TempDir()
	want := buildTo(filepath.Join(tmp, "nocache"), "--no-cache")
	file := build.DefaultCacheFile(site)
	if _, err := os.Stat(file); err == nil {
		t.Fatal("--no-cache wrote the cache")
	}
	sameTree(t, buildTo(filepath.Join(tmp, "first")), want, false)
	st, err := os.Stat(file)
	if err != nil || st.Size() < 1000 {
		t.Fatalf("no cache written at %s: %v", file, err)
	}
	sameTree(t, buildTo(filepath.Join(tmp, "cached")), want, false)

	// An edited item: its old conversion must not be used.
	item := filepath.Join(site, "content", "articles", "2025-08-15-alaska-summit.md")
	orig, err := os.ReadFile(item)
	if err != nil {
		t.Fatal(err)
	}
	writeFile(t, site, "content/articles/2025-08-15-alaska-summit.md", string(orig)+"\nA paragraph added after the cache was written.\n")
	edited := buildTo(filepath.Join(tmp, "edited-nocache"), "--no-cache")
	sameTree(t, buildTo(filepath.Join(tmp, "edited")), edited, false)

	// A damaged cache file is ignored.
	data, _ := os.ReadFile(file)
	data[len(data)/2] ^= 0xff
	os.WriteFile(file, data, 0o644)
	sameTree(t, buildTo(filepath.Join(tmp, "damaged")), edited, false)
}
