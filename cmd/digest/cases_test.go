package main

import (
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"digest/internal/sitetest"
)

// TestCases builds each site kept in testdata/cases/*.txtar and checks
// what its "want" file says, one assertion a line:
//
//	args --future                    flags for digest build
//	exit 1                           the exit code (default 0)
//	diag TEXT                        a line of the build's output contains TEXT
//	nodiag TEXT                      no line does
//	file PATH                        the output has PATH
//	absent PATH                      it has not
//	contains PATH TEXT               PATH contains TEXT
//	lacks PATH TEXT                  PATH does not
//	order PATH A | B | C             PATH contains A, then B, then C
//	nowhere TEXT                     no output file contains TEXT (pages, feeds, sitemap…)
//
// Lines starting with # are comments.
func TestCases(t *testing.T) {
	paths, err := filepath.Glob(filepath.Join("testdata", "cases", "*.txtar"))
	if err != nil || len(paths) == 0 {
		t.Fatalf("no cases: %v", err)
	}
	for _, path := range paths {
		t.Run(strings.TrimSuffix(filepath.Base(path), ".txtar"), func(t *testing.T) {
			t.Parallel()
			a := sitetest.ReadArchive(t, path)
			want, ok := a.File("want")
			if !ok {
				t.Fatal("no want file")
			}
			dir := t.TempDir()
			a.Write(t, dir, func(name string) bool { return name == "want" })
			checkCase(t, dir, want)
		})
	}
}

// checkCase builds the site in dir and checks want's assertions.
func checkCase(t *testing.T, dir, want string) {
	t.Helper()
	args := []string{"build", "-s", dir, "--no-cache"}
	wantCode := exitOK
	lines := strings.Split(want, "\n")
	for _, l := range lines {
		if rest, ok := strings.CutPrefix(l, "args "); ok {
			args = append(args, strings.Fields(rest)...)
		}
		if rest, ok := strings.CutPrefix(l, "exit "); ok && rest == "1" {
			wantCode = exitError
		}
	}
	code, out, errs := digestRun(t, args...)
	output := out + errs
	if code != wantCode {
		t.Fatalf("exit %d, want %d:\n%s", code, wantCode, output)
	}
	public := filepath.Join(dir, "public")
	read := func(p string) (string, bool) {
		b, err := os.ReadFile(filepath.Join(public, filepath.FromSlash(p)))
		return string(b), err == nil
	}
	for n, l := range lines {
		verb, rest, _ := strings.Cut(strings.TrimSpace(l), " ")
		arg, text, _ := strings.Cut(rest, " ")
		fail := func(format string, args ...any) {
			t.Helper()
			t.Errorf("want line %d %q: "+format, append([]any{n + 1, l}, args...)...)
		}
		switch verb {
		case "", "#", "args", "exit":
		case "diag":
			if !strings.Contains(output, rest) {
				fail("not in the output:\n%s", output)
			}
		case "nodiag":
			if strings.Contains(output, rest) {
				fail("in the output:\n%s", output)
			}
		case "file":
			if _, ok := read(arg); !ok {
				fail("missing")
			}
		case "absent":
			if _, ok := read(arg); ok {
				fail("present")
			}
		case "contains", "lacks":
			b, ok := read(arg)
			if !ok {
				fail("missing")
			} else if strings.Contains(b, text) != (verb == "contains") {
				fail("%s:\n%s", verb, b)
			}
		case "order":
			b, ok := read(arg)
			at := 0
			for _, want := range strings.Split(text, " | ") {
				i := strings.Index(b[at:], want)
				if !ok || i < 0 {
					fail("%q missing or out of order in:\n%s", want, b)
					break
				}
				at += i + len(want)
			}
		case "nowhere":
			_ = filepath.WalkDir(public, func(p string, d fs.DirEntry, err error) error {
				if err == nil && !d.IsDir() {
					if b, _ := os.ReadFile(p); strings.Contains(string(b), rest) {
						rel, _ := filepath.Rel(public, p)
						fail("found in %s", rel)
					}
				}
				return nil
			})
		default:
			if !strings.HasPrefix(verb, "#") {
				fail("unknown assertion")
			}
		}
	}
}
