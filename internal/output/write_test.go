package output

import (
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"sync"
	"testing"

	"digest/internal/fingerprint"
)

func TestWriteRefusesUnsafePaths(t *testing.T) {
	bad := []string{
		"../x",
		"/abs",
		"a/../../b",
		"a\\b",
		"",
		Marker,
		".",
		"..",
		"./a",
		"a/",
		"a//b",
		"a/./b",
	}
	root := t.TempDir()
	dest := filepath.Join(root, "site", "public")
	build(t, dest, file{"index.html", in("i"), "home"})

	tr, err := Open(dest, Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer tr.Abort()
	before := snapshot(t, root)
	for _, p := range bad {
		t.Run(fmt.Sprintf("%q", p), func(t *testing.T) {
			if err := tr.Write(p, in("x"), []byte("escaped")); err == nil {
				t.Errorf("Write(%q) succeeded, want an error", p)
			}
		})
	}
	sameSnapshot(t, "files after refused writes", before, snapshot(t, root))
	if got := readFile(t, filepath.Join(dest, Marker)); got == "escaped" {
		t.Errorf("the marker was overwritten")
	}
}

func TestWriteAcceptsCleanPaths(t *testing.T) {
	good := []string{
		"index.html",
		"a/b/c/index.html",
		"with space.html",
		"ünïcödé/página.html",
		".well-known/security.txt",
		"CNAME",
	}
	dest := filepath.Join(t.TempDir(), "public")
	var files []file
	for _, p := range good {
		files = append(files, file{p, in(p), "bytes of " + p})
	}
	build(t, dest, files...)
	for _, f := range files {
		if got := readFile(t, filepath.Join(dest, filepath.FromSlash(f.path))); got != f.data {
			t.Errorf("%s = %q, want %q", f.path, got, f.data)
		}
	}
	equalManifest(t, readManifest(t, dest), manifestOf(files...))
}

func TestWriteTwice(t *testing.T) {
	writeFirst := func(tr *Tree) error { return tr.Write("a.html", in("a"), []byte("first")) }
	keep := func(tr *Tree) error { tr.Keep("a.html"); return nil }
	tests := []struct {
		name          string
		prior         bool // a previous build wrote a.html as "first"
		first, second func(tr *Tree) error
	}{
		{"same bytes", false, writeFirst, writeFirst},
		{"other bytes", false, writeFirst, func(tr *Tree) error { return tr.Write("a.html", in("b"), []byte("second")) }},
		{"equal to the previous build", true, writeFirst, func(tr *Tree) error { return tr.Write("a.html", in("b"), []byte("second")) }},
		{"after Keep", true, keep, func(tr *Tree) error { return tr.Write("a.html", in("b"), []byte("second")) }},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dest := filepath.Join(t.TempDir(), "public")
			if tt.prior {
				build(t, dest, file{"a.html", in("a"), "first"})
			}
			tr, err := Open(dest, Options{})
			if err != nil {
				t.Fatal(err)
			}
			if err := tt.first(tr); err != nil {
				tr.Abort()
				t.Fatalf("first Write: %v", err)
			}
			if err := tt.second(tr); err == nil {
				t.Errorf("second Write of a.html succeeded, want an error")
			}
			if _, err := tr.Commit(); err != nil {
				t.Fatal(err)
			}
			if got := readFile(t, filepath.Join(dest, "a.html")); got != "first" {
				t.Errorf("a.html = %q, want the first version %q", got, "first")
			}
			if got := readManifest(t, dest)["a.html"].input; got != in("a") {
				t.Errorf("manifest input of a.html = %x, want the first write's", got)
			}
		})
	}
}

func TestCurrent(t *testing.T) {
	dest := filepath.Join(t.TempDir(), "public")
	build(t, dest,
		file{"page.html", in("page"), "page"},
		file{"zero.html", fingerprint.Sum{}, "no input known"},
		file{"deleted.html", in("deleted"), "deleted"},
		file{"now-a-folder.html", in("folder"), "folder"},
	)
	if err := os.Remove(filepath.Join(dest, "deleted.html")); err != nil {
		t.Fatal(err)
	}
	if err := os.Remove(filepath.Join(dest, "now-a-folder.html")); err != nil {
		t.Fatal(err)
	}
	if err := os.Mkdir(filepath.Join(dest, "now-a-folder.html"), 0o755); err != nil {
		t.Fatal(err)
	}

	tr, err := Open(dest, Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer tr.Abort()
	tests := []struct {
		name  string
		path  string
		input fingerprint.Sum
		want  bool
	}{
		{"same input, file present", "page.html", in("page"), true},
		{"different input", "page.html", in("page, edited"), false},
		{"zero input asked", "page.html", fingerprint.Sum{}, false},
		{"zero input recorded", "zero.html", fingerprint.Sum{}, false},
		{"not in the manifest", "other.html", in("page"), false},
		{"file deleted by hand", "deleted.html", in("deleted"), false},
		{"file replaced by a folder", "now-a-folder.html", in("folder"), false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := tr.Current(tt.path, tt.input); got != tt.want {
				t.Errorf("Current(%q) = %v, want %v", tt.path, got, tt.want)
			}
		})
	}
}

func TestCurrentWithoutManifest(t *testing.T) {
	dest := filepath.Join(t.TempDir(), "public")
	writeFiles(t, dest, map[string]string{"CNAME": "example.org"})
	tr, err := Open(dest, Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer tr.Abort()
	if tr.Current("CNAME", in("x")) {
		t.Errorf("Current(CNAME) = true for a destination without a manifest")
	}
}

// TestKeep checks that a kept file is carried into the next tree as it is,
// with its manifest entry, while other files change.
func TestKeep(t *testing.T) {
	dest := filepath.Join(t.TempDir(), "public")
	build(t, dest,
		file{"kept.html", in("kept"), "kept"},
		file{"sub/kept.html", in("sub"), "sub"},
		file{"changed.html", in("c1"), "c1"},
	)
	backdate(t, dest)
	before := snapshot(t, dest)

	tr, err := Open(dest, Options{})
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range []string{"kept.html", "sub/kept.html"} {
		if !tr.Current(p, readManifest(t, dest)[p].input) {
			tr.Abort()
			t.Fatalf("Current(%s) = false", p)
		}
		tr.Keep(p)
	}
	if err := tr.Write("changed.html", in("c2"), []byte("c2")); err != nil {
		tr.Abort()
		t.Fatal(err)
	}
	st, err := tr.Commit()
	if err != nil {
		t.Fatal(err)
	}
	if want := (Stats{Written: 1, Linked: 2}); !reflect.DeepEqual(st, want) {
		t.Errorf("Stats = %+v, want %+v", st, want)
	}
	after := snapshot(t, dest)
	for _, p := range []string{"kept.html", "sub/kept.html"} {
		if after[p] != before[p] {
			t.Errorf("%s: before %+v, after %+v; want the same file", p, before[p], after[p])
		}
	}
	equalManifest(t, readManifest(t, dest), manifestOf(
		file{"kept.html", in("kept"), "kept"},
		file{"sub/kept.html", in("sub"), "sub"},
		file{"changed.html", in("c2"), "c2"},
	))
}

func TestConcurrentWrites(t *testing.T) {
	dest := filepath.Join(t.TempDir(), "public")
	build(t, dest, file{"shared/keep-0.html", in("k0"), "k0"})
	tr, err := Open(dest, Options{})
	if err != nil {
		t.Fatal(err)
	}
	const n = 64
	var wg sync.WaitGroup
	errs := make(chan error, n)
	for i := range n {
		wg.Go(func() {
			p := fmt.Sprintf("shared/d%d/page-%d.html", i%4, i)
			errs <- tr.Write(p, in(p), []byte(p))
		})
	}
	wg.Go(func() { tr.Keep("shared/keep-0.html") })
	wg.Wait()
	close(errs)
	for err := range errs {
		if err != nil {
			t.Error(err)
		}
	}
	st, err := tr.Commit()
	if err != nil {
		t.Fatal(err)
	}
	if want := (Stats{Written: n, Linked: 1}); !reflect.DeepEqual(st, want) {
		t.Errorf("Stats = %+v, want %+v", st, want)
	}
	for i := range n {
		p := fmt.Sprintf("shared/d%d/page-%d.html", i%4, i)
		if got := readFile(t, filepath.Join(dest, p)); got != p {
			t.Errorf("%s = %q", p, got)
		}
	}
	if len(readManifest(t, dest)) != n+1 {
		t.Errorf("manifest has %d entries, want %d", len(readManifest(t, dest)), n+1)
	}
}

func TestWriteRefusesControlCharactersAndGit(t *testing.T) {
	tr, err := Open(filepath.Join(t.TempDir(), "public"), Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer tr.Abort()
	for _, p := range []string{"a\nb.html", "a\rb", "x\x01", ".git/info", ".git"} {
		if err := tr.Write(p, in(p), []byte("x")); err == nil {
			t.Errorf("Write(%q) accepted", p)
		}
	}
}
