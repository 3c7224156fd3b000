package main

import (
	"bufio"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
)

// TestBuildWatch runs digest build --watch as a process: an edit shows up
// in public/ by itself, a broken file leaves public/ as it was, and SIGINT
// stops it with exit code 0.
func TestBuildWatch(t *testing.T) {
	dir := copySite(t)
	cmd := digestCommand("build", "--watch", "-s", dir)
	out, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	lines := make(chan string, 100)
	go func() {
		sc := bufio.NewScanner(out)
		for sc.Scan() {
			lines <- sc.Text()
		}
		close(lines)
	}()
	waitLine := func(want string) {
		t.Helper()
		timeout := time.After(20 * time.Second)
		for {
			select {
			case l := <-lines:
				if strings.Contains(l, want) {
					return
				}
			case <-timeout:
				t.Fatalf("no output line with %q", want)
			}
		}
	}
	waitLine("Watching for changes")
	page := filepath.Join(dir, "public/2025/08/15/alaska-summit/index.html")
	article := filepath.Join(dir, "content/articles/2025-08-15-alaska-summit.md")
	orig, _ := os.ReadFile(article)
	edited := strings.Replace(string(orig), "Donald Trump and Vladimir Putin met at", "Watched edit: the presidents met at", 1)
	if err := os.WriteFile(article, []byte(edited), 0o644); err != nil {
		t.Fatal(err)
	}
	waitLine("digest: ")
	if b, _ := os.ReadFile(page); !strings.Contains(string(b), "Watched edit") {
		t.Fatal("the edit did not reach public/")
	}
	before := snapshot(t, filepath.Join(dir, "public"))
	if err := os.WriteFile(article, []byte("---\ntitle: \"broken\n---\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	time.Sleep(500 * time.Millisecond)
	sameTree(t, before, snapshot(t, filepath.Join(dir, "public")), true)
	if err := cmd.Process.Signal(syscall.SIGINT); err != nil {
		t.Fatal(err)
	}
	for range lines {
	}
	if err := cmd.Wait(); err != nil {
		t.Errorf("exit after SIGINT: %v", err)
	}
}
