package output

import (
	"errors"
	"os"
	"path/filepath"
	"reflect"
	"testing"
	"time"
)

func TestFirstBuild(t *testing.T) {
	files := []file{
		{"index.html", in("index"), "<h1>home</h1>"},
		{"posts/one/index.html", in("one"), "<p>one</p>"},
		{"static/style.css", in("css"), "body{}"},
		{"empty.txt", in("empty"), ""},
	}
	tests := []struct {
		name string
		dest func(root string) string // prepares and returns the destination
	}{
		{"missing destination", func(root string) string { return filepath.Join(root, "public") }},
		{"missing parents", func(root string) string { return filepath.Join(root, "a", "b", "public") }},
		{"existing empty folder", func(root string) string {
			d := filepath.Join(root, "public")
			if err := os.Mkdir(d, 0o755); err != nil {
				t.Fatal(err)
			}
			return d
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dest := tt.dest(t.TempDir())
			st := build(t, dest, files...)

			if want := (Stats{Written: len(files)}); !reflect.DeepEqual(st, want) {
				t.Errorf("Stats = %+v, want %+v", st, want)
			}
			for _, f := range files {
				if got := readFile(t, filepath.Join(dest, f.path)); got != f.data {
					t.Errorf("%s = %q, want %q", f.path, got, f.data)
				}
			}
			equalManifest(t, readManifest(t, dest), manifestOf(files...))
			want := map[string]bool{".": true, Marker: true, "posts": true, "posts/one": true, "static": true}
			for _, f := range files {
				want[f.path] = true
			}
			got := snapshot(t, dest)
			for p := range got {
				if !want[p] {
					t.Errorf("unexpected %s in the destination", p)
				}
			}
			if len(got) != len(want) {
				t.Errorf("destination holds %d paths, want %d", len(got), len(want))
			}
			if left := workFolders(t, dest); len(left) != 0 {
				t.Errorf("work folders left beside the destination: %v", left)
			}
		})
	}
}

func TestRelativeDestination(t *testing.T) {
	root := t.TempDir()
	t.Chdir(root)
	build(t, "public", file{"index.html", in("i"), "home"})
	if got := readFile(t, filepath.Join(root, "public", "index.html")); got != "home" {
		t.Errorf("index.html = %q, want %q", got, "home")
	}
}

// TestRebuild checks that a second build rewrites exactly the files whose
// bytes changed, links the others (same inode and modification time),
// and leaves out the ones it no longer writes.
func TestRebuild(t *testing.T) {
	tests := []struct {
		name          string
		first, second []file
		want          Stats
		goneDirs      []string // folders that only held removed files
	}{
		{
			name: "changed, removed, added and equal files",
			first: []file{
				{"index.html", in("index"), "home"},
				{"about/index.html", in("about"), "about"},
				{"style.css", in("css1"), "body{}"},
				{"old.html", in("old"), "old"},
				{"gone/deep.html", in("deep"), "deep"},
				{"retitled.html", in("title1"), "same bytes"},
			},
			second: []file{
				{"index.html", in("index"), "home"},
				{"about/index.html", in("about"), "about"},
				{"style.css", in("css2"), "body{color:red}"},
				{"new/page.html", in("new"), "new"},
				{"retitled.html", in("title2"), "same bytes"},
			},
			want:     Stats{Written: 2, Linked: 3, Removed: 2},
			goneDirs: []string{"gone"},
		},
		{
			name:   "only a removal",
			first:  []file{{"a.html", in("a"), "a"}, {"b.html", in("b"), "b"}},
			second: []file{{"a.html", in("a"), "a"}},
			want:   Stats{Linked: 1, Removed: 1},
		},
		{
			name:   "only an addition",
			first:  []file{{"a.html", in("a"), "a"}},
			second: []file{{"a.html", in("a"), "a"}, {"b.html", in("b"), "b"}},
			want:   Stats{Written: 1, Linked: 1},
		},
		{
			name:   "a file becomes a folder",
			first:  []file{{"a", in("a"), "file"}, {"b.html", in("b"), "b"}},
			second: []file{{"a/index.html", in("a"), "folder"}, {"b.html", in("b"), "b"}},
			want:   Stats{Written: 1, Linked: 1, Removed: 1},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dest := filepath.Join(t.TempDir(), "public")
			build(t, dest, tt.first...)
			backdate(t, dest)
			before := snapshot(t, dest)

			st := build(t, dest, tt.second...)
			if !reflect.DeepEqual(st, tt.want) {
				t.Errorf("Stats = %+v, want %+v", st, tt.want)
			}

			after := snapshot(t, dest)
			old := map[string]string{}
			for _, f := range tt.first {
				old[f.path] = f.data
			}
			for _, f := range tt.second {
				a, ok := after[f.path]
				if !ok {
					t.Errorf("%s missing after the second build", f.path)
					continue
				}
				if a.data != f.data {
					t.Errorf("%s = %q, want %q", f.path, a.data, f.data)
				}
				b := before[f.path]
				if prev, had := old[f.path]; had && prev == f.data {
					if a.ino != b.ino || !a.mtime.Equal(b.mtime) {
						t.Errorf("%s has equal bytes but was rewritten: inode %d -> %d, mtime %v -> %v",
							f.path, b.ino, a.ino, b.mtime, a.mtime)
					}
				} else if a.mtime.Equal(past) {
					t.Errorf("%s has new bytes but kept the old modification time", f.path)
				}
				delete(old, f.path)
			}
			for p := range old {
				if a, ok := after[p]; ok && !a.dir {
					t.Errorf("%s was not written by the second build but is still there", p)
				}
			}
			for _, d := range tt.goneDirs {
				if _, ok := after[d]; ok {
					t.Errorf("folder %s of removed files is still there", d)
				}
			}
			equalManifest(t, readManifest(t, dest), manifestOf(tt.second...))
			if left := workFolders(t, dest); len(left) != 0 {
				t.Errorf("work folders left beside the destination: %v", left)
			}
		})
	}
}

// TestUnchangedBuild checks that a build producing the same files leaves
// the destination exactly as it was: same folder, same inodes, same times.
func TestUnchangedBuild(t *testing.T) {
	files := []file{
		{"index.html", in("index"), "home"},
		{"posts/a.html", in("a"), "a"},
		{"posts/b.html", in("b"), "b"},
	}
	tests := []struct {
		name string
		keep map[string]bool // paths passed to Current+Keep instead of Write
	}{
		{"every file written again", nil},
		{"every file kept", map[string]bool{"index.html": true, "posts/a.html": true, "posts/b.html": true}},
		{"some written, some kept", map[string]bool{"posts/a.html": true}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dest := filepath.Join(t.TempDir(), "public")
			build(t, dest, files...)
			backdate(t, dest)
			before := snapshot(t, dest)
			destIno := inode(t, dest)

			tr, err := Open(dest, Options{})
			if err != nil {
				t.Fatal(err)
			}
			for _, f := range files {
				if tt.keep[f.path] {
					if !tr.Current(f.path, f.input) {
						tr.Abort()
						t.Fatalf("Current(%s) = false for an unchanged file", f.path)
					}
					tr.Keep(f.path)
					continue
				}
				if err := tr.Write(f.path, f.input, []byte(f.data)); err != nil {
					tr.Abort()
					t.Fatal(err)
				}
			}
			st, err := tr.Commit()
			if err != nil {
				t.Fatal(err)
			}

			if want := (Stats{Linked: len(files), Unchanged: true}); !reflect.DeepEqual(st, want) {
				t.Errorf("Stats = %+v, want %+v", st, want)
			}
			if got := inode(t, dest); got != destIno {
				t.Errorf("destination folder was replaced: inode %d -> %d", destIno, got)
			}
			sameSnapshot(t, "destination", before, snapshot(t, dest))
			if left := workFolders(t, dest); len(left) != 0 {
				t.Errorf("work folders left beside the destination: %v", left)
			}
		})
	}
}

func TestAbort(t *testing.T) {
	first := []file{
		{"index.html", in("index"), "home"},
		{"posts/a.html", in("a"), "a"},
	}
	tests := []struct {
		name   string
		first  []file // nil: the destination does not exist
		writes []file
	}{
		{"changed and new files", first, []file{
			{"index.html", in("index2"), "new home"},
			{"posts/a.html", in("a"), "a"},
			{"fresh/page.html", in("fresh"), "fresh"},
		}},
		{"nothing written", first, nil},
		{"missing destination", nil, []file{{"index.html", in("index"), "home"}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dest := filepath.Join(t.TempDir(), "public")
			if tt.first != nil {
				build(t, dest, tt.first...)
				backdate(t, dest)
			}
			before := snapshot(t, dest)

			tr, err := Open(dest, Options{})
			if err != nil {
				t.Fatal(err)
			}
			for _, f := range tt.writes {
				if err := tr.Write(f.path, f.input, []byte(f.data)); err != nil {
					t.Fatal(err)
				}
			}
			if len(workFolders(t, dest)) != 1 {
				t.Fatalf("expected one new tree beside the destination while building, found %v", workFolders(t, dest))
			}
			tr.Abort()

			after := snapshot(t, dest)
			if tt.first == nil {
				if after != nil {
					t.Errorf("Abort created the destination: %v", after)
				}
			} else {
				sameSnapshot(t, "destination", before, after)
			}
			if left := workFolders(t, dest); len(left) != 0 {
				t.Errorf("Abort left work folders: %v", left)
			}
			// The lock is released: the next build can start.
			openWithin(t, dest, 5*time.Second).Abort()
		})
	}
}

func TestOpenRefusesForeignFolders(t *testing.T) {
	tests := []struct {
		name    string
		prepare func(t *testing.T, dest string)
	}{
		{"a stray file", func(t *testing.T, dest string) {
			writeFiles(t, dest, map[string]string{"index.html": "mine"})
		}},
		{"a stray folder", func(t *testing.T, dest string) {
			writeFiles(t, dest, map[string]string{"src/main.go": "package main"})
		}},
		{"a hidden file beside .git", func(t *testing.T, dest string) {
			writeFiles(t, dest, map[string]string{".git/HEAD": "ref", ".env": "SECRET=1"})
		}},
		{"a file, not a folder", func(t *testing.T, dest string) {
			writeFiles(t, filepath.Dir(dest), map[string]string{filepath.Base(dest): "notes"})
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			root := t.TempDir()
			dest := filepath.Join(root, "public")
			tt.prepare(t, dest)
			before := snapshot(t, root)

			tr, err := Open(dest, Options{})
			if err == nil {
				tr.Abort()
				t.Fatal("Open succeeded, want an error")
			}
			if !errors.Is(err, ErrNotOurs) {
				t.Errorf("Open error = %v, want one wrapping ErrNotOurs", err)
			}
			after := snapshot(t, root)
			delete(after, ".public.digest-lock") // the lock file may stay
			sameSnapshot(t, "folder", before, after)
		})
	}
}

func TestOpenAcceptsFoldersWithOnlyKeptNames(t *testing.T) {
	tests := []struct {
		name  string
		files map[string]string // in the destination before the first build
	}{
		{"empty folder", map[string]string{}},
		{"only .git", map[string]string{".git/HEAD": "ref: refs/heads/main", ".git/objects/ab/cd": "blob"}},
		{"only CNAME", map[string]string{"CNAME": "example.org"}},
		{".git and CNAME", map[string]string{".git/HEAD": "ref", "CNAME": "example.org"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dest := filepath.Join(t.TempDir(), "public")
			if err := os.Mkdir(dest, 0o755); err != nil {
				t.Fatal(err)
			}
			writeFiles(t, dest, tt.files)

			st := build(t, dest, file{"index.html", in("i"), "home"})
			if want := (Stats{Written: 1}); !reflect.DeepEqual(st, want) {
				t.Errorf("Stats = %+v, want %+v", st, want)
			}
			if got := readFile(t, filepath.Join(dest, "index.html")); got != "home" {
				t.Errorf("index.html = %q", got)
			}
			for p, data := range tt.files {
				if got := readFile(t, filepath.Join(dest, p)); got != data {
					t.Errorf("%s = %q after commit, want %q", p, got, data)
				}
			}
		})
	}
}

// TestRefusalReleasesLock checks that a refused Open does not keep the
// destination locked.
func TestRefusalReleasesLock(t *testing.T) {
	dest := filepath.Join(t.TempDir(), "public")
	writeFiles(t, dest, map[string]string{"stray.txt": "x"})
	if _, err := Open(dest, Options{}); !errors.Is(err, ErrNotOurs) {
		t.Fatalf("Open = %v, want ErrNotOurs", err)
	}
	if err := os.Remove(filepath.Join(dest, "stray.txt")); err != nil {
		t.Fatal(err)
	}
	openWithin(t, dest, 5*time.Second).Abort()
}
