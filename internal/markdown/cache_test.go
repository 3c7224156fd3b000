package markdown

import (
	"bytes"
	"digest/internal/siteurl"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"testing"
	"time"

	"digest/internal/spill"
)

var cacheDocs = []string{
	"# Title\n\nA [link](/topics/x/) and ![img](/a.png \"t\").\n\n> quote\n",
	"Plain paragraph with “quotes” -- and a footnote[^1].\n\n[^1]: Note.\n",
	"<script>alert(1)</script>\n\n[bad](javascript:alert(1))\n",
	"A video: {{< youtube dQw4w9WgXcQ >}} and {{< unknownthing >}}.\n",
	"Lead <!-- hidden note --> here.\n\n<!--more-->\n\nSee [x](2025-08-15-x.md#a) and [y](@/about.md).\n",
	"",
}

func sameResult(t *testing.T, got, want Result) {
	t.Helper()
	norm := func(r Result) Result {
		// Where the HTML is kept does not matter, only what it is.
		r.HTML = spill.String(htmlOf(t, r))
		if len(r.Links) == 0 {
			r.Links = nil
		}
		if len(r.Notices) == 0 {
			r.Notices = nil
		}
		if len(r.Comments) == 0 {
			r.Comments = nil
		}
		if len(r.FileLinks) == 0 {
			r.FileLinks = nil
		}
		return r
	}
	if !reflect.DeepEqual(norm(got), norm(want)) {
		t.Errorf("cached result differs:\n got %+v\nwant %+v", got, want)
	}
}

// saveDocs converts cacheDocs into a new cache and saves it at path.
func saveDocs(t *testing.T, path string, version [32]byte) {
	t.Helper()
	c := NewCache(version)
	conv := New(Options{Cache: c})
	for _, d := range cacheDocs {
		if _, err := conv.Convert([]byte(d)); err != nil {
			t.Fatal(err)
		}
	}
	if err := c.Save(path); err != nil {
		t.Fatal(err)
	}
}

func TestCacheRoundTrip(t *testing.T) {
	path := filepath.Join(t.TempDir(), "sub", "md.cache")
	version := [32]byte{1}
	c := NewCache(version)
	conv := New(Options{Base: siteurl.New("https://example.org/repo/"), Cache: c})
	plain := New(Options{Base: siteurl.New("https://example.org/repo/")})
	for _, d := range cacheDocs {
		if _, err := conv.Convert([]byte(d)); err != nil {
			t.Fatal(err)
		}
	}
	if err := c.Save(path); err != nil {
		t.Fatal(err)
	}
	c2, err := LoadCache(path, version)
	if err != nil {
		t.Fatal(err)
	}
	if len(c2.loaded) != len(cacheDocs) {
		t.Fatalf("loaded %d entries, want %d", len(c2.loaded), len(cacheDocs))
	}
	conv2 := New(Options{Base: siteurl.New("https://example.org/repo/"), Cache: c2})
	for _, d := range cacheDocs {
		got, err := conv2.Convert([]byte(d))
		if err != nil {
			t.Fatal(err)
		}
		want, _ := plain.Convert([]byte(d))
		sameResult(t, got, want)
	}
	if c2.added || c2.Changed() {
		t.Error("converted again what the cache file held")
	}
	// Other options are other conversions: root-relative links get the
	// base path, so /repo/ must not be served for /.
	root := New(Options{Base: siteurl.New("/"), Cache: c2})
	got, _ := root.Convert([]byte(cacheDocs[0]))
	want, _ := New(Options{Base: siteurl.New("/")}).Convert([]byte(cacheDocs[0]))
	sameResult(t, got, want)
	if !c2.added {
		t.Error("a conversion under other options was taken from the cache")
	}
}

func TestCacheDropsUnusedEntries(t *testing.T) {
	path := filepath.Join(t.TempDir(), "md.cache")
	version := [32]byte{2}
	saveDocs(t, path, version)
	c2, _ := LoadCache(path, version)
	New(Options{Cache: c2}).Convert([]byte(cacheDocs[1]))
	if !c2.Changed() {
		t.Fatal("dropping entries is a change")
	}
	if err := c2.Save(path); err != nil {
		t.Fatal(err)
	}
	c3, _ := LoadCache(path, version)
	if len(c3.loaded) != 1 {
		t.Errorf("%d entries after saving one used entry", len(c3.loaded))
	}
	New(Options{Cache: c3}).Convert([]byte(cacheDocs[1]))
	if c3.Changed() {
		t.Error("using exactly what the file holds counts as a change")
	}
}

func TestCacheRefusesDamagedOrForeignFiles(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "md.cache")
	version := [32]byte{3}
	saveDocs(t, path, version)
	good, _ := os.ReadFile(path)
	flipped := append([]byte(nil), good...)
	flipped[len(flipped)/2] ^= 0x20
	for name, data := range map[string][]byte{
		"flipped byte": flipped,
		"truncated":    good[:len(good)-7],
		"empty":        {},
		"not a cache":  []byte("hello"),
	} {
		os.WriteFile(path, data, 0o644)
		c, err := LoadCache(path, version)
		if err == nil || len(c.loaded) != 0 {
			t.Errorf("%s: err %v, %d entries; want an error and an empty cache", name, err, len(c.loaded))
		}
	}
	os.WriteFile(path, good, 0o644)
	if c, err := LoadCache(path, [32]byte{4}); err == nil || len(c.loaded) != 0 {
		t.Errorf("another program's cache was used: err %v, %d entries", err, len(c.loaded))
	}
	if c, err := LoadCache(filepath.Join(dir, "missing"), version); err != nil || len(c.loaded) != 0 {
		t.Errorf("a missing file: err %v", err)
	}
}

// TestKilledSavesAreCleanedUp: the temporary file of a save whose process
// was killed is removed by the next save; one of a live process, and
// files that are not the cache's, are left alone.
func TestKilledSavesAreCleanedUp(t *testing.T) {
	dir := t.TempDir()
	dead := ".cache-2147483600-123456" // no process has this ID
	live := fmt.Sprintf(".cache-%d-999", os.Getpid())
	old := ".cache-4827361"
	for _, n := range []string{dead, live, old, "notes.txt"} {
		if err := os.WriteFile(filepath.Join(dir, n), []byte("half a cache"), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	long := time.Now().Add(-2 * time.Hour)
	os.Chtimes(filepath.Join(dir, old), long, long)
	saveDocs(t, filepath.Join(dir, "md.cache"), [32]byte{1})
	for n, want := range map[string]bool{dead: false, old: false, live: true, "notes.txt": true, "md.cache": true} {
		if _, err := os.Stat(filepath.Join(dir, n)); (err == nil) != want {
			t.Errorf("%s present: %v, want %v", n, err == nil, want)
		}
	}
}

// TestCacheFileChangedInPlace: a body read back from a cache file that
// was overwritten in place is an error, never other bytes, and the next
// save drops it.
func TestCacheFileChangedInPlace(t *testing.T) {
	path := filepath.Join(t.TempDir(), "md.cache")
	saveDocs(t, path, [32]byte{1})
	c, err := LoadCache(path, [32]byte{1})
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	conv := New(Options{Cache: c})
	r, err := conv.Convert([]byte(cacheDocs[0]))
	if err != nil || !r.HTML.InFile() {
		t.Fatalf("not from the file: %v", err)
	}
	b, _ := os.ReadFile(path)
	b = bytes.Replace(b, []byte("Title"), []byte("Eltit"), 1)
	f, _ := os.OpenFile(path, os.O_WRONLY, 0)
	f.WriteAt(b, 0) // same inode, as cp over an existing file
	f.Close()
	if html, err := r.HTML.Read(); !errors.Is(err, spill.ErrDamaged) {
		t.Fatalf("read %q, %v; want spill.ErrDamaged", html, err)
	}
	if err := c.Save(path + ".2"); err != nil {
		t.Fatalf("saving a cache with a damaged entry: %v", err)
	}
}
