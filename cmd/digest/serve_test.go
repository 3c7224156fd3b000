package main

import (
	"bufio"
	"net"
	"net/http"
	"regexp"
	"strings"
	"syscall"
	"testing"
	"time"
)

func TestServePortTaken(t *testing.T) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	dir := copySite(t)
	code, _, errs := digestRun(t, "serve", "-s", dir, "--addr", ln.Addr().String())
	if code != exitUsage || !regexp.MustCompile(`is in use; 127\.0\.0\.1:\d+ is free: digest serve --addr 127\.0\.0\.1:\d+`).MatchString(errs) {
		t.Errorf("exit %d: %s", code, errs)
	}
}

// TestServeStopsCleanly runs digest serve as a process, fetches a page,
// and stops it with SIGINT, as Ctrl-C does: exit code 0.
func TestServeStopsCleanly(t *testing.T) {
	dir := copySite(t)
	cmd := digestCommand("serve", "-s", dir, "--addr", "127.0.0.1:0")
	out, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	sc := bufio.NewScanner(out)
	var url string
	for sc.Scan() {
		if m := regexp.MustCompile(`at (http://127\.0\.0\.1:\d+/)`).FindStringSubmatch(sc.Text()); m != nil {
			url = m[1]
			break
		}
	}
	if url == "" {
		t.Fatal("serve did not print its URL")
	}
	var res *http.Response
	for deadline := time.Now().Add(20 * time.Second); time.Now().Before(deadline); time.Sleep(50 * time.Millisecond) {
		if res, err = http.Get(url + "2025/08/15/alaska-summit/"); err == nil {
			break
		}
	}
	if err != nil || res.StatusCode != 200 {
		t.Fatalf("page not served: %v", err)
	}
	res.Body.Close()
	// An open event stream must not hold the shutdown up.
	stream, err := http.Get(url + "__digest/events")
	if err != nil {
		t.Fatal(err)
	}
	defer stream.Body.Close()
	if err := cmd.Process.Signal(syscall.SIGINT); err != nil {
		t.Fatal(err)
	}
	// Read the rest of the output before Wait, which closes the pipe.
	restc := make(chan string, 1)
	go func() {
		rest := ""
		for sc.Scan() {
			rest += sc.Text() + "\n"
		}
		restc <- rest
	}()
	done := make(chan error, 1)
	go func() { rest := <-restc; done <- cmd.Wait(); restc <- rest }()
	select {
	case err := <-done:
		if err != nil {
			t.Fatalf("serve exited with %v after SIGINT", err)
		}
	case <-time.After(10 * time.Second):
		cmd.Process.Kill()
		t.Fatal("serve did not stop after SIGINT")
	}
	if rest := <-restc; !strings.Contains(rest, "Stopped.") {
		t.Errorf("no clean stop message: %q", rest)
	}
}
