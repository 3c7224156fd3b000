package output

import (
	"os"
	"path/filepath"
	"slices"
	"testing"
	"time"
)

func TestKeptNamesSurviveCommit(t *testing.T) {
	site := []file{{"index.html", in("i"), "home"}}
	changed := []file{{"index.html", in("i2"), "home, edited"}}
	userGit := map[string]string{".git/HEAD": "ref: refs/heads/gh-pages", ".git/objects/ab/cdef": "blob"}

	tests := []struct {
		name   string
		first  []file            // the previous build
		user   map[string]string // added by hand to the destination after it
		second []file            // the build under test
		want   map[string]string // path -> bytes in dest afterwards
		absent []string
	}{
		{
			name:   "user's .git and CNAME",
			first:  site,
			user:   map[string]string{".git/HEAD": "ref: refs/heads/gh-pages", ".git/objects/ab/cdef": "blob", "CNAME": "example.org"},
			second: changed,
			want:   map[string]string{".git/HEAD": "ref: refs/heads/gh-pages", ".git/objects/ab/cdef": "blob", "CNAME": "example.org", "index.html": "home, edited"},
		},
		{
			name:   "user's .git when the build removes every page",
			first:  append([]file{{"other.html", in("o"), "o"}}, site...),
			user:   userGit,
			second: nil,
			want:   userGit,
			absent: []string{"index.html", "other.html"},
		},
		{
			name:   "CNAME the previous build wrote and this one does not",
			first:  append([]file{{"CNAME", in("cname"), "old.example.org"}}, site...),
			second: changed,
			want:   map[string]string{"index.html": "home, edited"},
			absent: []string{"CNAME"},
		},
		{
			name:   "CNAME both builds write",
			first:  append([]file{{"CNAME", in("cname"), "example.org"}}, site...),
			second: append([]file{{"CNAME", in("cname"), "example.org"}}, changed...),
			want:   map[string]string{"CNAME": "example.org", "index.html": "home, edited"},
		},
		{
			name:   "the user's other files",
			first:  site,
			user:   map[string]string{"README.txt": "mine", "google1234.html": "verification", "deep/er/notes.md": "notes"},
			second: changed,
			want:   map[string]string{"README.txt": "mine", "google1234.html": "verification", "deep/er/notes.md": "notes", "index.html": "home, edited"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dest := filepath.Join(t.TempDir(), "public")
			build(t, dest, tt.first...)
			writeFiles(t, dest, tt.user)
			before := snapshot(t, dest)

			build(t, dest, tt.second...)

			after := snapshot(t, dest)
			for p, data := range tt.want {
				if a, ok := after[p]; !ok || a.data != data {
					t.Errorf("%s = %q (present %v), want %q", p, a.data, ok, data)
				}
			}
			for p := range tt.user {
				if _, wrote := tt.want[p]; wrote && after[p].data == tt.user[p] && after[p].ino != before[p].ino {
					t.Errorf("%s was copied, not moved: inode %d -> %d", p, before[p].ino, after[p].ino)
				}
			}
			for _, p := range tt.absent {
				if _, ok := after[p]; ok {
					t.Errorf("%s is still there", p)
				}
			}
			if left := workFolders(t, dest); len(left) != 0 {
				t.Errorf("work folders left beside the destination: %v", left)
			}
		})
	}
}

// TestGitSurvivesManyBuilds follows a .git folder through several builds,
// changed and unchanged.
func TestGitSurvivesManyBuilds(t *testing.T) {
	dest := filepath.Join(t.TempDir(), "public")
	if err := os.Mkdir(dest, 0o755); err != nil {
		t.Fatal(err)
	}
	writeFiles(t, dest, map[string]string{".git/HEAD": "ref", ".git/config": "[core]"})
	gitIno := inode(t, filepath.Join(dest, ".git"))
	for i, data := range []string{"v1", "v2", "v2", "v3"} {
		build(t, dest, file{"index.html", in(data), data})
		for p, want := range map[string]string{".git/HEAD": "ref", ".git/config": "[core]", "index.html": data} {
			if got := readFile(t, filepath.Join(dest, p)); got != want {
				t.Fatalf("build %d: %s = %q, want %q", i+1, p, got, want)
			}
		}
		if got := inode(t, filepath.Join(dest, ".git")); got != gitIno {
			t.Errorf("build %d: .git was replaced (inode %d -> %d), want it moved", i+1, gitIno, got)
		}
	}
}

func TestLeftoversAreCleaned(t *testing.T) {
	tests := []struct {
		name     string
		leftover map[string]map[string]string // folder beside dest -> its files
		destGit  map[string]string            // .git files already in dest
		want     map[string]string            // files in dest afterwards
		stays    []string                     // folders beside dest that must remain
	}{
		{
			name:     "killed build with .git, destination without",
			leftover: map[string]map[string]string{".public.digest-new-99999": {".git/HEAD": "ref: lost", "index.html": "half"}},
			want:     map[string]string{".git/HEAD": "ref: lost", "index.html": "home"},
		},
		{
			name:     "killed build with .git, destination has its own",
			leftover: map[string]map[string]string{".public.digest-new-99999": {".git/HEAD": "ref: stale"}},
			destGit:  map[string]string{".git/HEAD": "ref: current"},
			want:     map[string]string{".git/HEAD": "ref: current", "index.html": "home"},
		},
		{
			name: "several leftovers, including a tree set aside",
			leftover: map[string]map[string]string{
				".public.digest-new-99998":     {"a.html": "a"},
				".public.digest-new-99999-old": {"b.html": "b"},
			},
			want: map[string]string{"index.html": "home"},
		},
		{
			name:     "another destination's work folders are left alone",
			leftover: map[string]map[string]string{".other.digest-new-99999": {"a.html": "a"}},
			want:     map[string]string{"index.html": "home"},
			stays:    []string{".other.digest-new-99999"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			parent := t.TempDir()
			dest := filepath.Join(parent, "public")
			build(t, dest, file{"index.html", in("old"), "old home"})
			writeFiles(t, dest, tt.destGit)
			for dir, files := range tt.leftover {
				if err := os.Mkdir(filepath.Join(parent, dir), 0o755); err != nil {
					t.Fatal(err)
				}
				writeFiles(t, filepath.Join(parent, dir), files)
			}

			build(t, dest, file{"index.html", in("new"), "home"})

			for p, want := range tt.want {
				if got := readFile(t, filepath.Join(dest, p)); got != want {
					t.Errorf("%s = %q, want %q", p, got, want)
				}
			}
			if got := workFolders(t, dest); len(got) != 0 {
				t.Errorf("leftovers still beside the destination: %v", got)
			}
			for _, dir := range tt.stays {
				if missing(filepath.Join(parent, dir)) {
					t.Errorf("%s was removed", dir)
				}
			}
		})
	}
}

// TestLockSerialisesBuilds checks that a second Open of the same
// destination waits until the first build is committed.
func TestLockSerialisesBuilds(t *testing.T) {
	dest := filepath.Join(t.TempDir(), "public")
	first, err := Open(dest, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if err := first.Write("index.html", in("1"), []byte("first")); err != nil {
		t.Fatal(err)
	}
	opened := make(chan *Tree, 1)
	go func() {
		tr, err := Open(dest, Options{})
		if err != nil {
			t.Error(err)
		}
		opened <- tr
	}()
	select {
	case tr := <-opened:
		if tr != nil {
			tr.Abort()
		}
		first.Abort()
		t.Fatal("a second Open returned while the first build was running")
	case <-time.After(200 * time.Millisecond):
	}
	if _, err := first.Commit(); err != nil {
		t.Fatal(err)
	}
	select {
	case tr := <-opened:
		if tr == nil {
			t.FailNow()
		}
		if !tr.Current("index.html", in("1")) {
			t.Errorf("the second build does not see the first one's manifest")
		}
		tr.Abort()
	case <-time.After(5 * time.Second):
		t.Fatal("the second Open still waits after the first build was committed")
	}
}

func TestExchange(t *testing.T) {
	swaps := []struct {
		name string
		swap func(a, b string) error
	}{
		{"exchange", exchange},
		{"renameAside", renameAside},
	}
	for _, s := range swaps {
		t.Run(s.name, func(t *testing.T) {
			root := t.TempDir()
			a, b := filepath.Join(root, "a"), filepath.Join(root, "b")
			writeFiles(t, a, map[string]string{"new.txt": "new"})
			writeFiles(t, b, map[string]string{"old.txt": "old"})
			if err := s.swap(a, b); err != nil {
				t.Fatal(err)
			}
			if got := readFile(t, filepath.Join(b, "new.txt")); got != "new" {
				t.Errorf("b/new.txt = %q", got)
			}
			if got := readFile(t, filepath.Join(a, "old.txt")); got != "old" {
				t.Errorf("a/old.txt = %q", got)
			}
			if !missing(filepath.Join(b, "old.txt")) || !missing(filepath.Join(a, "new.txt")) {
				t.Errorf("the folders were mixed, not swapped")
			}
			entries, err := os.ReadDir(root)
			if err != nil {
				t.Fatal(err)
			}
			var names []string
			for _, e := range entries {
				names = append(names, e.Name())
			}
			if !slices.Equal(names, []string{"a", "b"}) {
				t.Errorf("folder holds %v after the swap, want [a b]", names)
			}
		})
	}
}

func TestExchangeIntoMissing(t *testing.T) {
	root := t.TempDir()
	a, b := filepath.Join(root, "a"), filepath.Join(root, "b")
	writeFiles(t, a, map[string]string{"new.txt": "new"})
	if err := exchange(a, b); err != nil {
		t.Fatal(err)
	}
	if got := readFile(t, filepath.Join(b, "new.txt")); got != "new" {
		t.Errorf("b/new.txt = %q", got)
	}
	if !missing(a) {
		t.Errorf("%s still exists", a)
	}
}

func TestExchangeMissingSource(t *testing.T) {
	root := t.TempDir()
	a, b := filepath.Join(root, "a"), filepath.Join(root, "b")
	writeFiles(t, b, map[string]string{"old.txt": "old"})
	if err := exchange(a, b); err == nil {
		t.Errorf("exchange with a missing source succeeded")
	}
	if got := readFile(t, filepath.Join(b, "old.txt")); got != "old" {
		t.Errorf("b/old.txt = %q after a failed exchange", got)
	}
}
