package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"digest/internal/sitetest"
)

// updateGolden rewrites the import fixtures' expected files from the
// output, for review with git diff: DIGEST_UPDATE_GOLDEN=1 go test.
var updateGolden = os.Getenv("DIGEST_UPDATE_GOLDEN") != ""

// TestImportFixtures imports each article of testdata/import/*.txtar
// into a copy of the sample site and compares the draft and the kept
// text with the fixture's, byte for byte. Each fixture has "args" (flags,
// one line), an "input.txt" or "input.html", or "from" naming a fixture
// of internal/clip/testdata whose input it takes (with "crlf" in its name,
// its line endings made CRLF), and "want.md" and "want.txt". Then the
// site builds with --drafts with no warning but the draft's own.
func TestImportFixtures(t *testing.T) {
	paths, _ := filepath.Glob(filepath.Join("testdata", "import", "*.txtar"))
	if len(paths) < 5 {
		t.Fatalf("only %d import fixtures", len(paths))
	}
	for _, path := range paths {
		name := strings.TrimSuffix(filepath.Base(path), ".txtar")
		t.Run(name, func(t *testing.T) {
			a := sitetest.ReadArchive(t, path)
			input, ext := importInput(t, a, name)
			dir := copySite(t)
			in := filepath.Join(t.TempDir(), "article"+ext)
			if err := os.WriteFile(in, []byte(input), 0o644); err != nil {
				t.Fatal(err)
			}
			fixClock(t, time.Date(2025, 9, 1, 10, 0, 0, 0, time.UTC))
			args, _ := a.File("args")
			code, out, errs := digestRun(t, append(append([]string{"import", "-s", dir}, strings.Fields(args)...), in)...)
			if code != exitOK {
				t.Fatalf("exit %d: %s%s", code, out, errs)
			}
			drafts, _ := filepath.Glob(filepath.Join(dir, "content", "articles", "2025-09-01-*.md"))
			drafts2, _ := filepath.Glob(filepath.Join(dir, "content", "articles", "*-*-*-*.md"))
			draft := newest(t, append(drafts, drafts2...))
			texts, _ := filepath.Glob(filepath.Join(dir, "imports", "*.txt"))
			if len(texts) != 1 {
				t.Fatalf("imports/ has %v", texts)
			}
			compareGolden(t, path, a, "want.md", draft)
			compareGolden(t, path, a, "want.txt", texts[0])
			if !strings.Contains(out, "recognised:") || !strings.Contains(out, "Created content/articles/") {
				t.Errorf("no report:\n%s", out)
			}
			code, out, errs = digestRun(t, "build", "-s", dir, "--drafts", "--no-cache")
			if code != exitOK {
				t.Fatalf("the draft does not build: %s%s", out, errs)
			}
			for _, l := range strings.Split(strings.TrimSpace(errs), "\n") {
				if l != "" && !strings.Contains(l, filepath.Base(draft)) {
					t.Errorf("a warning not about the draft: %s", l)
				}
			}
		})
	}
}

// importInput is a fixture's input and its file name extension.
func importInput(t *testing.T, a sitetest.Archive, name string) (string, string) {
	if from, ok := a.File("from"); ok {
		a = sitetest.ReadArchive(t, filepath.Join("..", "..", "internal", "clip", "testdata", strings.TrimSpace(from)+".txtar"))
	}
	for _, ext := range []string{".txt", ".html", ".crlf.txt"} {
		if s, ok := a.File("input" + ext); ok {
			if strings.Contains(name, "crlf") {
				ext = ".txt"
				s = strings.ReplaceAll(s, "\n", "\r\n")
			}
			return s, ext
		}
	}
	t.Fatal("no input")
	return "", ""
}

// newest is the file most recently written of paths.
func newest(t *testing.T, paths []string) string {
	var best string
	var at time.Time
	for _, p := range paths {
		if st, err := os.Stat(p); err == nil && st.ModTime().After(at) {
			best, at = p, st.ModTime()
		}
	}
	if best == "" {
		t.Fatal("no draft written")
	}
	return best
}

// compareGolden compares the file at got with the fixture's file want,
// or rewrites the fixture with DIGEST_UPDATE_GOLDEN set.
func compareGolden(t *testing.T, fixture string, a sitetest.Archive, want, got string) {
	t.Helper()
	data, err := os.ReadFile(got)
	if err != nil {
		t.Fatal(err)
	}
	if updateGolden {
		a.Set(want, string(data))
		if err := os.WriteFile(fixture, []byte(a.Format()), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	w, ok := a.File(want)
	if !ok {
		t.Fatalf("%s has no %s", fixture, want)
	}
	if string(data) != w {
		t.Errorf("%s differs from the fixture's %s:\n--- got\n%s\n--- want\n%s", filepath.Base(got), want, data, w)
	}
}

// fixClock sets the clock of new and import for the test.
func fixClock(t *testing.T, at time.Time) {
	old := now
	now = func() time.Time { return at }
	t.Cleanup(func() { now = old })
}

func TestImportRefusesAndNeverOverwrites(t *testing.T) {
	dir := copySite(t)
	before := snapshot(t, dir)
	tmp := t.TempDir()
	write := func(name string, data []byte) string {
		p := filepath.Join(tmp, name)
		if err := os.WriteFile(p, data, 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
	for _, tc := range []struct {
		name string
		file string
		want string
	}{
		{"empty", write("empty.txt", nil), "empty"},
		{"blank", write("blank.txt", []byte(" \n\t\n")), "empty"},
		{"binary", write("photo.txt", []byte("GIF89a\x00\x01\x02\x00\x00binary")), "binary"},
		{"too large", write("huge.txt", []byte(strings.Repeat("word ", 1<<20+1))), "limit of 5 mb"},
		{"no article", write("nav.html", []byte(`<!DOCTYPE html><html><body><nav><a href="/">Home</a> <a href="/news">News</a></nav><form><input name="q"></form></body></html>`)), "no article"},
		{"good and bad", "", "empty"},
	} {
		args := []string{"import", "-s", dir, tc.file}
		if tc.name == "good and bad" {
			// One bad input among good ones writes nothing at all.
			args = []string{"import", "-s", dir, write("good.txt", []byte("A headline\n\nA paragraph of text.\n")), filepath.Join(tmp, "empty.txt")}
		}
		code, out, errs := digestRun(t, args...)
		if code != exitError || !strings.Contains(strings.ToLower(errs), tc.want) {
			t.Errorf("%s: exit %d, stderr %q (stdout %q), want exit 1 and %q", tc.name, code, errs, out, tc.want)
		}
	}
	if after := snapshot(t, dir); len(after) != len(before) {
		t.Errorf("failed imports wrote files: %d before, %d after", len(before), len(after))
	}

	// --dry-run prints the draft and writes nothing; from standard input.
	var stdout, stderr strings.Builder
	code := run([]string{"import", "-s", dir, "--dry-run", "--date", "2025-08-20", "-"}, strings.NewReader("Talks resume\n\nThe envoys met again on Wednesday.\n"), &stdout, &stderr)
	if code != exitOK || !strings.HasPrefix(stdout.String(), "---\ntitle: \"Talks resume\"\ndate: 2025-08-20\n") || !strings.Contains(stderr.String(), "nothing written") {
		t.Errorf("dry run: exit %d\n%s\n%s", code, stdout.String(), stderr.String())
	}
	if after := snapshot(t, dir); len(after) != len(before) {
		t.Errorf("--dry-run wrote files")
	}

	// A second import of the same article is refused, and the first
	// draft is untouched.
	in := write("talks.txt", []byte("Talks resume\n\nThe envoys met again on Wednesday.\n"))
	if code, out, errs := digestRun(t, "import", "-s", dir, "--date", "2025-08-20", in); code != exitOK {
		t.Fatalf("import: %d %s %s", code, out, errs)
	}
	draft := filepath.Join(dir, "content", "articles", "2025-08-20-talks-resume.md")
	if err := os.WriteFile(draft, []byte("edited by the editor\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	code, _, errs := digestRun(t, "import", "-s", dir, "--date", "2025-08-20", in)
	if data, _ := os.ReadFile(draft); code != exitError || !strings.Contains(errs, "not overwriting") || string(data) != "edited by the editor\n" {
		t.Errorf("second import: exit %d, %q; draft now %q", code, errs, data)
	}
}
