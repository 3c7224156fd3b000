package main

import (
	"bufio"
	"digest/internal/build"
	"io"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"syscall"
	"testing"
	"time"
)

// mkfifo makes a named pipe at rel under root, replacing what is there.
func mkfifo(t *testing.T, root, rel string) {
	t.Helper()
	p := filepath.Join(root, filepath.FromSlash(rel))
	os.MkdirAll(filepath.Dir(p), 0o755)
	os.Remove(p)
	if err := syscall.Mkfifo(p, 0o644); err != nil {
		t.Fatal(err)
	}
}

// runWithin runs cmd and fails the test if it has not exited within d.
func runWithin(t *testing.T, cmd *exec.Cmd, d time.Duration) (int, string) {
	t.Helper()
	var out strings.Builder
	cmd.Stdout, cmd.Stderr = &out, &out
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	done := make(chan error, 1)
	go func() { done <- cmd.Wait() }()
	select {
	case <-done:
	case <-time.After(d):
		cmd.Process.Kill()
		<-done
		t.Fatalf("%v still running after %v:\n%s", cmd.Args[1:], d, out.String())
	}
	return cmd.ProcessState.ExitCode(), out.String()
}

// TestNamedPipesNeverHang puts a named pipe at each place a build opens a
// file (the settings, an item, a template, a static file, the conversion
// cache) and runs build and check: each ends at once, naming the pipe
// (the cache's is ignored, as a damaged cache is).
func TestNamedPipesNeverHang(t *testing.T) {
	cases := []struct {
		name, rel string
		wantCode  int
	}{
		{"settings", "content/_index.md", exitError},
		{"item", "content/articles/2025-08-20-pipe.md", exitError},
		{"template", "templates/article.html", exitError},
		{"static file", "static/feed.mp3", exitError},
		{"cache", "", exitOK},
	}
	for _, tt := range cases {
		t.Run(tt.name, func(t *testing.T) {
			dir := copySite(t)
			cacheDir := t.TempDir()
			if tt.rel != "" {
				mkfifo(t, dir, tt.rel)
			} else {
				t.Setenv("DIGEST_CACHE_DIR", cacheDir)
				cf := build.DefaultCacheFile(dir)
				mkfifo(t, filepath.Dir(cf), filepath.Base(cf))
			}
			for _, command := range []string{"build", "check"} {
				cmd := digestCommand(command, "-s", dir)
				cmd.Env = append(cmd.Env, "DIGEST_CACHE_DIR="+cacheDir)
				code, out := runWithin(t, cmd, 10*time.Second)
				if code != tt.wantCode {
					t.Errorf("%s: exit %d, want %d:\n%s", command, code, tt.wantCode, out)
				}
				if tt.wantCode != exitOK && !strings.Contains(out, "named pipe") {
					t.Errorf("%s: the pipe is not named:\n%s", command, out)
				}
			}
		})
	}
}

// liveCommand is a running digest serve or build --watch, its output
// read line by line.
type liveCommand struct {
	t     *testing.T
	cmd   *exec.Cmd
	lines chan string
}

func startCommand(t *testing.T, args ...string) *liveCommand {
	t.Helper()
	lc := &liveCommand{t: t, cmd: digestCommand(args...), lines: make(chan string, 1000)}
	out, err := lc.cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	lc.cmd.Stderr = lc.cmd.Stdout
	if err := lc.cmd.Start(); err != nil {
		t.Fatal(err)
	}
	go func() {
		sc := bufio.NewScanner(out)
		for sc.Scan() {
			lc.lines <- sc.Text()
		}
		close(lc.lines)
	}()
	t.Cleanup(func() { lc.cmd.Process.Kill() })
	return lc
}

// waitLine waits for an output line containing want and returns it.
func (lc *liveCommand) waitLine(want string) string {
	lc.t.Helper()
	timeout := time.After(20 * time.Second)
	for {
		select {
		case l, ok := <-lc.lines:
			if !ok {
				lc.t.Fatalf("exited before a line with %q", want)
			}
			if strings.Contains(l, want) {
				return l
			}
		case <-timeout:
			lc.t.Fatalf("no output line with %q", want)
		}
	}
}

// interrupt sends SIGINT, as Ctrl-C does, and fails unless the command
// exits within a second.
func (lc *liveCommand) interrupt() {
	lc.t.Helper()
	if err := lc.cmd.Process.Signal(syscall.SIGINT); err != nil {
		lc.t.Fatal(err)
	}
	done := make(chan error, 1)
	go func() {
		for range lc.lines {
		}
		done <- lc.cmd.Wait()
	}()
	select {
	case err := <-done:
		if err != nil {
			lc.t.Errorf("exit after Ctrl-C: %v", err)
		}
	case <-time.After(time.Second):
		lc.t.Fatal("still running a second after Ctrl-C")
	}
}

// TestNamedPipesUnderWatch: serve and build --watch, started on a site
// whose settings are a named pipe, report it; a pipe created among the
// items while they run does not stop later edits from being built; and
// Ctrl-C stops them within a second.
func TestNamedPipesUnderWatch(t *testing.T) {
	for _, mode := range [][]string{{"serve", "--addr", "127.0.0.1:0"}, {"build", "--watch"}} {
		t.Run(mode[0], func(t *testing.T) {
			dir := copySite(t)
			cfg, _ := os.ReadFile(filepath.Join(dir, "content/_index.md"))
			mkfifo(t, dir, "content/_index.md")
			lc := startCommand(t, append(mode, "-s", dir)...)
			lc.waitLine("named pipe")
			url := ""
			if mode[0] == "serve" {
				url = strings.TrimSuffix(regexp.MustCompile(`http://\S+`).FindString(lc.waitLine("Serving")), "/")
			}
			os.Remove(filepath.Join(dir, "content/_index.md"))
			writeFile(t, dir, "content/_index.md", string(cfg))
			lc.waitLine("0 warnings")
			mkfifo(t, dir, "content/articles/2025-08-21-pipe.md")
			lc.waitLine("named pipe")
			os.Remove(filepath.Join(dir, "content/articles/2025-08-21-pipe.md"))
			lc.waitLine("0 warnings")
			article := filepath.Join(dir, "content/articles/2025-08-15-alaska-summit.md")
			orig, _ := os.ReadFile(article)
			os.WriteFile(article, []byte(strings.Replace(string(orig), "met at", "met, after the pipe, at", 1)), 0o644)
			lc.waitLine("0 warnings")
			var page []byte
			if url != "" {
				res, err := http.Get(url + "/2025/08/15/alaska-summit/")
				if err != nil {
					t.Fatal(err)
				}
				page, _ = io.ReadAll(res.Body)
				res.Body.Close()
			} else {
				page, _ = os.ReadFile(filepath.Join(dir, "public/2025/08/15/alaska-summit/index.html"))
			}
			if !strings.Contains(string(page), "after the pipe") {
				t.Error("the edit after the pipe was not built")
			}
			lc.interrupt()
		})
	}
}

// TestHugeFilesAreNotRead: a 2 GiB clip dropped in content/ is ignored
// without being read, and a 1 GiB Markdown file is refused from its size:
// the build stays small in memory.
func TestHugeFilesAreNotRead(t *testing.T) {
	dir := copySite(t)
	for rel, size := range map[string]int64{"content/clip.mp4": 2 << 30, "content/articles/2025-08-20-huge.md": 1 << 30} {
		f, err := os.Create(filepath.Join(dir, filepath.FromSlash(rel)))
		if err != nil {
			t.Fatal(err)
		}
		f.WriteString("---\ntitle: huge\n---\n")
		if err := f.Truncate(size); err != nil { // sparse: takes no disk
			t.Fatal(err)
		}
		f.Close()
	}
	cmd := digestCommand("build", "-s", dir, "--no-cache")
	start := time.Now()
	code, out := runWithin(t, cmd, 30*time.Second)
	took := time.Since(start)
	if code != exitError || !strings.Contains(out, "huge.md: error: file is 1.0 GB, larger than the 2.0 MB limit") ||
		!strings.Contains(out, "clip.mp4: warning: not a Markdown file") {
		t.Errorf("exit %d:\n%s", code, out)
	}
	rss := cmd.ProcessState.SysUsage().(*syscall.Rusage).Maxrss >> 10 // MiB
	t.Logf("peak RSS %d MiB, %v", rss, took)
	if rss > 200 {
		t.Errorf("peak RSS %d MiB: the huge files were read", rss)
	}
}
