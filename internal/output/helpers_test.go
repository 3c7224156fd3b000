package output

import (
	"bytes"
	"crypto/sha256"
	"io/fs"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"syscall"
	"testing"
	"time"

	"digest/internal/fingerprint"
)

// file is one output of a test build.
type file struct {
	path  string
	input fingerprint.Sum
	data  string
}

// in returns a non-zero input fingerprint for a test file.
func in(s string) fingerprint.Sum { return fingerprint.Strings(s) }

// past is the modification time test files are set back to, so that a
// file rewritten by a later build is told apart from one kept as it was
// whatever the file system's timestamp resolution.
var past = time.Date(2001, 2, 3, 4, 5, 6, 0, time.UTC)

// build opens dest, writes files and commits, failing the test on error.
func build(t *testing.T, dest string, files ...file) Stats {
	t.Helper()
	tr, err := Open(dest, Options{})
	if err != nil {
		t.Fatalf("Open(%s): %v", dest, err)
	}
	for _, f := range files {
		if err := tr.Write(f.path, f.input, []byte(f.data)); err != nil {
			tr.Abort()
			t.Fatalf("Write(%q): %v", f.path, err)
		}
	}
	st, err := tr.Commit()
	if err != nil {
		t.Fatalf("Commit: %v", err)
	}
	return st
}

// backdate sets the modification time of every regular file under dir to
// past.
func backdate(t *testing.T, dir string) {
	t.Helper()
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || !d.Type().IsRegular() {
			return err
		}
		return os.Chtimes(p, past, past)
	})
	if err != nil {
		t.Fatal(err)
	}
}

// node is what a snapshot records of one path.
type node struct {
	dir   bool
	data  string
	mtime time.Time
	ino   uint64
}

// snapshot records every path under dir (relative, slash-separated) with
// its bytes, modification time and inode. A missing dir gives nil.
func snapshot(t *testing.T, dir string) map[string]node {
	t.Helper()
	if _, err := os.Lstat(dir); os.IsNotExist(err) {
		return nil
	}
	m := map[string]node{}
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, err := filepath.Rel(dir, p)
		if err != nil {
			return err
		}
		info, err := d.Info()
		if err != nil {
			return err
		}
		n := node{dir: d.IsDir(), mtime: info.ModTime(), ino: info.Sys().(*syscall.Stat_t).Ino}
		if d.Type().IsRegular() {
			b, err := os.ReadFile(p)
			if err != nil {
				return err
			}
			n.data = string(b)
		}
		if n.dir {
			n.mtime = time.Time{} // a folder's time changes as entries come and go
		}
		m[filepath.ToSlash(rel)] = n
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return m
}

// sameSnapshot reports every difference between two snapshots.
func sameSnapshot(t *testing.T, what string, before, after map[string]node) {
	t.Helper()
	for _, p := range slices.Sorted(maps.Keys(before)) {
		a, ok := after[p]
		switch b := before[p]; {
		case !ok:
			t.Errorf("%s: %s disappeared", what, p)
		case a.dir != b.dir:
			t.Errorf("%s: %s changed kind (folder %v -> %v)", what, p, b.dir, a.dir)
		case a.data != b.data:
			t.Errorf("%s: %s changed bytes: %q -> %q", what, p, b.data, a.data)
		case !a.mtime.Equal(b.mtime):
			t.Errorf("%s: %s changed modification time: %v -> %v", what, p, b.mtime, a.mtime)
		case a.ino != b.ino:
			t.Errorf("%s: %s changed inode: %d -> %d", what, p, b.ino, a.ino)
		}
	}
	for _, p := range slices.Sorted(maps.Keys(after)) {
		if _, ok := before[p]; !ok {
			t.Errorf("%s: %s appeared", what, p)
		}
	}
}

// inode returns the inode number of path.
func inode(t *testing.T, path string) uint64 {
	t.Helper()
	info, err := os.Stat(path)
	if err != nil {
		t.Fatal(err)
	}
	return info.Sys().(*syscall.Stat_t).Ino
}

// workFolders lists the folders digest makes beside dest (new trees,
// trees set aside) that are present in its parent.
func workFolders(t *testing.T, dest string) []string {
	t.Helper()
	entries, err := os.ReadDir(filepath.Dir(dest))
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	prefix := "." + filepath.Base(dest) + ".digest-"
	for _, e := range entries {
		if e.IsDir() && strings.HasPrefix(e.Name(), prefix) {
			out = append(out, e.Name())
		}
	}
	return out
}

// readManifest parses the marker in dest.
func readManifest(t *testing.T, dest string) manifest {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(dest, Marker))
	if err != nil {
		t.Fatalf("reading marker: %v", err)
	}
	m, err := parseManifest(b)
	if err != nil {
		t.Fatalf("parsing marker: %v", err)
	}
	return m
}

// manifestOf is the manifest a build of files should leave.
func manifestOf(files ...file) manifest {
	m := manifest{}
	for _, f := range files {
		m[f.path] = entry{sum: contentSum([]byte(f.data)), input: f.input}
	}
	return m
}

// contentSum is the hash the manifest records for a file's bytes: the
// first 16 bytes of their SHA-256.
func contentSum(b []byte) fingerprint.Sum {
	h := sha256.Sum256(b)
	var s fingerprint.Sum
	copy(s[:], h[:])
	return s
}

// writeFiles creates files (path -> bytes) under dir.
func writeFiles(t *testing.T, dir string, files map[string]string) {
	t.Helper()
	for p, data := range files {
		full := filepath.Join(dir, filepath.FromSlash(p))
		if err := os.MkdirAll(filepath.Dir(full), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(full, []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

// readFile returns the bytes at path, failing the test if it is missing.
func readFile(t *testing.T, path string) string {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// missing reports whether nothing exists at path.
func missing(path string) bool {
	_, err := os.Lstat(path)
	return os.IsNotExist(err)
}

// openWithin opens dest, failing the test if Open blocks for longer than
// d (a lock that was never released).
func openWithin(t *testing.T, dest string, d time.Duration) *Tree {
	t.Helper()
	type result struct {
		tr  *Tree
		err error
	}
	done := make(chan result, 1)
	go func() {
		tr, err := Open(dest, Options{})
		done <- result{tr, err}
	}()
	select {
	case r := <-done:
		if r.err != nil {
			t.Fatalf("Open(%s): %v", dest, r.err)
		}
		return r.tr
	case <-time.After(d):
		t.Fatalf("Open(%s) still blocked after %v: the lock was not released", dest, d)
		return nil
	}
}

// equalManifest compares two manifests entry by entry.
func equalManifest(t *testing.T, got, want manifest) {
	t.Helper()
	if !maps.Equal(got, want) {
		var g, w bytes.Buffer
		_ = got.write(&g)
		_ = want.write(&w)
		t.Errorf("manifest:\n got %s\nwant %s", g.String(), w.String())
	}
}
