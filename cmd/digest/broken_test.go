package main

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"syscall"
	"testing"
	"time"
)

// brokenCase is a change that breaks a good site.
type brokenCase struct {
	name  string
	setup func(t *testing.T, dir string) // changes the copied site
	want  []string                       // the exact diagnostics printed
}

// folderCases reads testdata/broken/<case>/: files overlaid onto the sample
// site, and want.txt with the exact diagnostics.
func folderCases(t *testing.T) []brokenCase {
	dirs, err := filepath.Glob("testdata/broken/*")
	if err != nil || len(dirs) == 0 {
		t.Fatalf("no broken cases: %v", err)
	}
	var cases []brokenCase
	for _, d := range dirs {
		want, err := os.ReadFile(filepath.Join(d, "want.txt"))
		if err != nil {
			t.Fatal(err)
		}
		src, _ := filepath.Abs(d)
		cases = append(cases, brokenCase{
			name: filepath.Base(d),
			setup: func(t *testing.T, dir string) {
				copyTree(t, src, dir)
				_ = os.Remove(filepath.Join(dir, "want.txt"))
			},
			want: strings.Split(strings.TrimSpace(string(want)), "\n"),
		})
	}
	return cases
}

// runtimeCases are broken inputs that cannot be kept in Git.
func runtimeCases() []brokenCase {
	return []brokenCase{
		{
			name: "named-pipe",
			setup: func(t *testing.T, dir string) {
				if err := syscall.Mkfifo(filepath.Join(dir, "content/articles/2025-08-20-pipe.md"), 0o644); err != nil {
					t.Skipf("cannot make a named pipe here: %v", err)
				}
			},
			want: []string{"content/articles/2025-08-20-pipe.md: error: not a regular file (a named pipe): content/ holds Markdown files only"},
		},
		{
			name: "symlink-loop",
			setup: func(t *testing.T, dir string) {
				if err := os.Symlink("..", filepath.Join(dir, "content/articles/loop")); err != nil {
					t.Fatal(err)
				}
			},
			want: []string{"content/articles/loop: error: symbolic link loops back to content"},
		},
		{
			name: "twenty-megabytes",
			setup: func(t *testing.T, dir string) {
				big := "---\ntitle: \"Big\"\ndate: 2025-08-20\n---\n" + strings.Repeat("All work and no play. ", 20<<20/22)
				writeFile(t, dir, "content/articles/2025-08-20-big.md", big)
			},
			want: []string{"content/articles/2025-08-20-big.md: error: file is 20.0 MB, larger than the 2.0 MB limit for one content file (split it into several items or move large media to static/)"},
		},
	}
}

// TestBrokenSites: each broken input gives its exact messages, exit code
// 1, and leaves the previous public/ byte-identical, modification times
// included.
func TestBrokenSites(t *testing.T) {
	cases := append(folderCases(t), runtimeCases()...)
	if len(cases) < 25 {
		t.Fatalf("only %d cases", len(cases))
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			dir := copySite(t)
			mustBuild(t, dir)
			public := filepath.Join(dir, "public")
			before := snapshot(t, public)
			c.setup(t, dir)
			start := time.Now()
			code, out, errs := digestRun(t, "build", "-s", dir)
			if d := time.Since(start); d > 10*time.Second {
				t.Errorf("build took %v", d)
			}
			if code != exitError {
				t.Errorf("exit code %d, want %d\nstderr:\n%s", code, exitError, errs)
			}
			if out != "" {
				t.Errorf("printed a summary on failure: %q", out)
			}
			lines := strings.Split(strings.TrimSpace(errs), "\n")
			last := lines[len(lines)-1]
			if !strings.HasPrefix(last, "digest: ") || !strings.Contains(last, "nothing written") {
				t.Errorf("last line %q does not say nothing was written", last)
			}
			if got := lines[:len(lines)-1]; !slices.Equal(got, c.want) {
				t.Errorf("diagnostics:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(c.want, "\n"))
			}
			sameTree(t, before, snapshot(t, public), true)
			assertNoLeftovers(t, dir)
		})
	}
}

// assertNoLeftovers checks that no temporary tree is left beside public/.
func assertNoLeftovers(t *testing.T, dir string) {
	t.Helper()
	entries, _ := os.ReadDir(dir)
	for _, e := range entries {
		if strings.Contains(e.Name(), ".digest-new") {
			t.Errorf("leftover %s", e.Name())
		}
	}
}

// TestCheckJSON: check reports the same findings as JSON objects, one per
// line, with file, line, column, severity, code and message.
func TestCheckJSON(t *testing.T) {
	dir := copySite(t)
	copyTree(t, "testdata/broken/several-errors", dir)
	code, out, _ := digestRun(t, "check", "-s", dir, "--format", "json")
	if code != exitError {
		t.Errorf("exit %d, want 1", code)
	}
	var got []string
	for _, line := range strings.Split(strings.TrimSpace(out), "\n") {
		var d struct {
			File     string `json:"file"`
			Line     int    `json:"line"`
			Column   int    `json:"column"`
			Severity string `json:"severity"`
			Code     string `json:"code"`
			Message  string `json:"message"`
		}
		if err := json.Unmarshal([]byte(line), &d); err != nil {
			t.Fatalf("not JSON: %q: %v", line, err)
		}
		got = append(got, fmt.Sprintf("%s:%d %s %s", d.File, d.Line, d.Severity, d.Code))
	}
	want := []string{
		"content/articles/2025-08-20-a.md:3 error date-invalid",
		"content/articles/2025-08-20-b.md:1 error title-missing",
		"content/topics/x.md:2 error layout-unknown",
	}
	if !slices.Equal(got, want) {
		t.Errorf("got %v, want %v", got, want)
	}
	if _, err := os.Stat(filepath.Join(dir, "public")); !os.IsNotExist(err) {
		t.Error("check wrote public/")
	}
}
