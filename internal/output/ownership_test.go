package output

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// site is a small source folder with the three source folders a
// destination must keep clear of, and a copied-in output marker in each
// place a careless destination might point at.
func sourceSite(t *testing.T) (string, Options) {
	t.Helper()
	root := t.TempDir()
	writeFiles(t, root, map[string]string{
		"content/_index.md":          "---\ntitle: x\n---\n",
		"content/articles/a.md":      "---\ntitle: a\n---\nwork of days",
		"templates/article.html":     "{{.}}",
		"static/style.css":           "body{}",
		"content/articles/out/x.txt": "x",
	})
	o := Options{Site: root}
	for _, d := range []string{"content", "templates", "static"} {
		o.Sources = append(o.Sources, filepath.Join(root, d))
	}
	return root, o
}

// TestSourcesAreNeverADestination: a destination that is the site's
// folder, contains it, or is or lies in one of its source folders is
// refused before anything is created (no lock file either), even when it
// carries an output marker, as a built public/ copied into the site's root
// does. Every file of the site is checked afterwards.
func TestSourcesAreNeverADestination(t *testing.T) {
	root, o := sourceSite(t)
	marker := "# digest output manifest v1: output hash, input fingerprint, path. Do not edit.\n"
	for _, d := range []string{".", "content", "content/articles", "static"} {
		writeFiles(t, root, map[string]string{filepath.Join(d, Marker): marker})
	}
	link := filepath.Join(t.TempDir(), "link-to-site")
	if err := os.Symlink(root, link); err != nil {
		t.Fatal(err)
	}
	cases := map[string]string{
		"the site's folder":            root,
		"the site's parent":            filepath.Dir(root),
		"content/":                     filepath.Join(root, "content"),
		"inside content/":              filepath.Join(root, "content/articles/out"),
		"inside templates/":            filepath.Join(root, "templates/public"),
		"static/":                      filepath.Join(root, "static"),
		"the site by a symbolic link":  link + "/.",
		"the site, spelled with ..":    filepath.Join(root, "content", ".."),
		"a new folder inside content/": filepath.Join(root, "content/new/public"),
	}
	before := snapshot(t, root)
	for name, dest := range cases {
		t.Run(name, func(t *testing.T) {
			tr, err := Open(dest, o)
			if err == nil {
				tr.Abort()
				t.Fatalf("Open(%s) accepted a destination among the site's sources", dest)
			}
			if !errors.Is(err, ErrRefused) {
				t.Errorf("error %v does not wrap ErrRefused", err)
			}
		})
	}
	sameSnapshot(t, "the site", before, snapshot(t, root))
	// The site's own public/ is fine.
	build(t, filepath.Join(root, "public"), file{"index.html", in("1"), "home"})
}

// TestSourcesSurviveABuildIntoThemselves is the report's case end to end:
// a build into the empty folder it was given succeeds, but once content/
// is added, a second build into the same folder is refused and content/
// is intact.
func TestSourcesSurviveABuildIntoThemselves(t *testing.T) {
	s := t.TempDir()
	o := Options{Site: s, Sources: []string{filepath.Join(s, "content")}}
	if tr, err := Open(s, o); err == nil {
		tr.Abort()
		t.Fatal("the site's folder was accepted as its destination")
	}
	writeFiles(t, s, map[string]string{"content/articles/a.md": "years of work"})
	if _, err := Open(s, o); err == nil {
		t.Fatal("accepted")
	}
	if got := readFile(t, filepath.Join(s, "content/articles/a.md")); got != "years of work" {
		t.Fatalf("content changed: %q", got)
	}
}

// TestRootAndLinksRefused: / is refused without a lock file in /; a
// symbolic link, dangling or not, is named as one.
func TestRootAndLinksRefused(t *testing.T) {
	lockAtRoot := missing("/.digest-lock") && missing("/..digest-lock")
	if _, err := Open("/", Options{}); err == nil || !strings.Contains(err.Error(), "root of the file system") {
		t.Errorf("Open(/): %v", err)
	}
	if lockAtRoot && (!missing("/.digest-lock") || !missing("/..digest-lock")) {
		t.Error("Open(/) left a lock file in /")
	}
	dir := t.TempDir()
	real := filepath.Join(dir, "real")
	os.Mkdir(real, 0o755)
	for name, target := range map[string]string{"link": real, "dangling": filepath.Join(dir, "nowhere")} {
		dest := filepath.Join(dir, name)
		if err := os.Symlink(target, dest); err != nil {
			t.Fatal(err)
		}
		_, err := Open(dest, Options{})
		if err == nil || !strings.Contains(err.Error(), "is a symbolic link (to "+target) || strings.Contains(err.Error(), "is a file") {
			t.Errorf("%s: %v", name, err)
		}
		if name == "dangling" && !strings.Contains(err.Error(), "does not exist") {
			t.Errorf("a dangling link is not said to be one: %v", err)
		}
		if !missing(filepath.Join(dir, "."+name+".digest-lock")) {
			t.Errorf("%s: a lock file was left beside the refused destination", name)
		}
	}
}

// TestHandEditsAreNotOverwritten: a page digest wrote and someone edited
// since is neither replaced nor removed; the build fails naming it and
// touches nothing. A foreign file at a path the build writes is the same.
func TestHandEditsAreNotOverwritten(t *testing.T) {
	site := []file{{"index.html", in("home"), "home"}, {"a/index.html", in("a"), "page a"}, {"b/index.html", in("b"), "page b"}}
	cases := []struct {
		name   string
		user   map[string]string
		second []file
		want   string
	}{
		{"edited page the build replaces", map[string]string{"a/index.html": "my fix"},
			[]file{site[0], {"a/index.html", in("a2"), "page a, new"}, site[2]}, "a/index.html were changed since digest wrote them"},
		{"edited page the build drops", map[string]string{"b/index.html": "my notes"},
			[]file{site[0], site[1]}, "b/index.html were changed since digest wrote them"},
		{"the user's CNAME and the build's", map[string]string{"CNAME": "user.example.org"},
			append([]file{{"CNAME", in("cname"), "site.example.org"}}, site...), "CNAME were not written by digest"},
		{"a user's file where the build makes a folder", map[string]string{"c": "mine"},
			append([]file{{"c/index.html", in("c"), "page c"}}, site...), "c were not written by digest"},
	}
	for _, tt := range cases {
		t.Run(tt.name, func(t *testing.T) {
			dest := filepath.Join(t.TempDir(), "public")
			build(t, dest, site...)
			writeFiles(t, dest, tt.user)
			before := snapshot(t, dest)
			tr, err := Open(dest, Options{})
			if err != nil {
				t.Fatal(err)
			}
			for _, f := range tt.second {
				if err := tr.Write(f.path, f.input, []byte(f.data)); err != nil {
					t.Fatal(err)
				}
			}
			_, err = tr.Commit()
			var ce *ConflictError
			if !errors.As(err, &ce) || !strings.Contains(err.Error(), tt.want) {
				t.Fatalf("Commit: %v, want a conflict: %q", err, tt.want)
			}
			sameSnapshot(t, "destination", before, snapshot(t, dest))
			if left := workFolders(t, dest); len(left) != 0 {
				t.Errorf("work folders left: %v", left)
			}
		})
	}
}

// TestFilesAppearingDuringTheBuildAreKept: a file created in the
// destination after Open is neither lost nor overwritten.
func TestFilesAppearingDuringTheBuildAreKept(t *testing.T) {
	dest := filepath.Join(t.TempDir(), "public")
	build(t, dest, file{"index.html", in("1"), "one"}, file{"a/index.html", in("a"), "a"})
	tr, err := Open(dest, Options{})
	if err != nil {
		t.Fatal(err)
	}
	tr.wait()
	writeFiles(t, dest, map[string]string{"a/late.txt": "late", "new/late.txt": "late too"})
	tr.Write("index.html", in("2"), []byte("two"))
	tr.Keep("a/index.html")
	st, err := tr.Commit()
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range []string{"a/late.txt", "new/late.txt"} {
		if got := readFile(t, filepath.Join(dest, p)); !strings.HasPrefix(got, "late") {
			t.Errorf("%s = %q", p, got)
		}
	}
	if len(st.Warnings) != 0 || len(workFolders(t, dest)) != 0 {
		t.Errorf("warnings %v, work folders %v", st.Warnings, workFolders(t, dest))
	}
}

// TestUnremovablePreviousSiteIsAWarning: when the previous tree cannot be
// removed after the swap (a read-only destination, for a user other than
// root), the build still succeeds with the new site in place, says so in
// a warning, and the next build removes the leftover.
func TestUnremovablePreviousSiteIsAWarning(t *testing.T) {
	dest := filepath.Join(t.TempDir(), "public")
	build(t, dest, file{"index.html", in("1"), "one"})
	remove = func(p string) error {
		if strings.Contains(p, ".digest-new-") {
			return &fs.PathError{Op: "remove", Path: p, Err: fs.ErrPermission}
		}
		return os.Remove(p)
	}
	defer func() { remove = os.Remove }()
	st := build(t, dest, file{"index.html", in("2"), "two"})
	if got := readFile(t, filepath.Join(dest, "index.html")); got != "two" {
		t.Errorf("the new site is not in place: %q", got)
	}
	if len(st.Warnings) != 1 || !strings.Contains(st.Warnings[0], "the new site is in place") {
		t.Errorf("warnings: %v", st.Warnings)
	}
	if len(workFolders(t, dest)) != 1 {
		t.Errorf("work folders: %v, want the previous tree left", workFolders(t, dest))
	}
	remove = os.Remove
	build(t, dest, file{"index.html", in("3"), "three"})
	if left := workFolders(t, dest); len(left) != 0 {
		t.Errorf("the next build left %v", left)
	}
}

// TestWaitingNamesTheHolder: a second build waiting on the lock is told
// the process that holds it.
func TestWaitingNamesTheHolder(t *testing.T) {
	dest := filepath.Join(t.TempDir(), "public")
	first, err := Open(dest, Options{})
	if err != nil {
		t.Fatal(err)
	}
	told := make(chan int, 1)
	opened := make(chan *Tree, 1)
	go func() {
		tr, _ := Open(dest, Options{Waiting: func(pid int) { told <- pid }})
		opened <- tr
	}()
	if pid := <-told; pid != os.Getpid() {
		t.Errorf("told holder %d, want %d", pid, os.Getpid())
	}
	first.Abort()
	if tr := <-opened; tr != nil {
		tr.Abort()
	}
}

// TestReadOnlyDestination is the report's case as it happens: a user
// other than root, public/ read-only and its parent writable. The build
// succeeds and leaves no work folder. Run as root, the test runs itself
// again as the user nobody.
func TestReadOnlyDestination(t *testing.T) {
	if os.Geteuid() == 0 {
		asNobody(t, "TestReadOnlyDestination", nil)
		return
	}
	parent := os.Getenv("DIGEST_TEST_DIR")
	if parent == "" {
		parent = t.TempDir()
	}
	dest := filepath.Join(parent, "public")
	build(t, dest, file{"index.html", in("1"), "one"}, file{"a/index.html", in("a"), "a"})
	for _, d := range []string{filepath.Join(dest, "a"), dest} {
		if err := os.Chmod(d, 0o555); err != nil {
			t.Fatal(err)
		}
	}
	st := build(t, dest, file{"index.html", in("2"), "two"})
	if got := readFile(t, filepath.Join(dest, "index.html")); got != "two" {
		t.Errorf("index.html = %q", got)
	}
	if left := workFolders(t, dest); len(left) != 0 || len(st.Warnings) != 0 {
		t.Errorf("work folders %v, warnings %v", left, st.Warnings)
	}
}

// TestLockLeftByRoot: a lock file that a build run as root left behind
// does not stop another user's build.
func TestLockLeftByRoot(t *testing.T) {
	if os.Geteuid() == 0 {
		asNobody(t, "TestLockLeftByRoot", func(dir string) {
			writeFiles(t, dir, map[string]string{".public.digest-lock": "1\n"})
		})
		return
	}
	parent := os.Getenv("DIGEST_TEST_DIR")
	if parent == "" {
		t.Skip("needs a lock file owned by another user: run as root, it runs itself as nobody")
	}
	build(t, filepath.Join(parent, "public"), file{"index.html", in("1"), "one"})
}
