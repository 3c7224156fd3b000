package main

import (
	"context"
	"io"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"digest"
	"digest/internal/build"
)

// chromium starts Debian's Chromium headless for a test. Without it the
// test skips loudly, or fails when CI is set: CI installs it.
func chromium(t *testing.T) context.Context {
	t.Helper()
	path, err := exec.LookPath("chromium")
	if err != nil {
		if os.Getenv("CI") != "" {
			t.Fatal("chromium is not installed, and CI is set: .ci/run installs it with apt-get install -y chromium")
		}
		t.Skip("SKIPPING BROWSER TEST: chromium not found; install Debian's chromium (apt-get install -y chromium)")
	}
	opts := []chromedp.ExecAllocatorOption{
		chromedp.ExecPath(path), chromedp.Headless, chromedp.NoSandbox,
		chromedp.Flag("disable-gpu", true), chromedp.Flag("disable-quic", true), chromedp.Flag("no-first-run", true),
		chromedp.Flag("disable-background-networking", true), chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true), chromedp.Flag("user-data-dir", t.TempDir()),
		chromedp.WindowSize(1000, 700),
	}
	actx, cancelA := chromedp.NewExecAllocator(context.Background(), opts...)
	ctx, cancelC := chromedp.NewContext(actx)
	t.Cleanup(func() { cancelC(); cancelA() })
	if err := chromedp.Do(ctx); err != nil {
		t.Fatalf("starting chromium: %v", err)
	}
	return ctx
}

// eval evaluates JavaScript in the page.
func eval[T any](t *testing.T, ctx context.Context, js string) T {
	t.Helper()
	v, err := chromedp.Run(ctx, chromedp.Evaluate[T](js))
	if err != nil {
		t.Fatalf("evaluating %q: %v", js, err)
	}
	return v
}

// waitFor polls a JavaScript condition, across page reloads, until it is
// true.
func waitFor(t *testing.T, ctx context.Context, what, js string) time.Duration {
	t.Helper()
	start := time.Now()
	for time.Since(start) < 15*time.Second {
		ok, err := chromedp.Run(ctx, chromedp.Evaluate[bool](js))
		if err == nil && ok {
			return time.Since(start)
		}
		time.Sleep(25 * time.Millisecond)
	}
	t.Fatalf("timed out waiting for %s (%s)", what, js)
	return 0
}

// servePreview runs digest serve's loop on a copy of the sample site.
func servePreview(t *testing.T) (dir, url string) {
	t.Helper()
	dir = copySite(t)
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	url = "http://" + ln.Addr().String() + "/"
	opts := build.Options{Source: dir, BaseURL: url, Theme: digest.Theme, Generator: "digest test"}
	p := newPreview(opts, "/", true, io.Discard, io.Discard)
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan int)
	go func() { done <- p.run(ctx, ln) }()
	t.Cleanup(func() { cancel(); <-done })
	return dir, url
}

// TestBrowserLiveReload opens an article from digest serve in Chromium,
// edits its Markdown and sees the new text in the same tab, at the same
// scroll position; breaks its front matter and sees the error overlay
// with file and line; fixes it and sees the overlay go; changes the
// stylesheet and sees it swapped without a reload.
func TestBrowserLiveReload(t *testing.T) {
	ctx := chromium(t)
	dir, url := servePreview(t)
	article := filepath.Join(dir, "content/articles/2025-08-15-alaska-summit.md")
	orig, err := os.ReadFile(article)
	if err != nil {
		t.Fatal(err)
	}
	if err := chromedp.Do(ctx, chromedp.Navigate(url+"2025/08/15/alaska-summit/")); err != nil {
		t.Fatal(err)
	}
	waitFor(t, ctx, "the article", `document.querySelector("h1") && document.querySelector("h1").textContent.includes("Alaska")`)
	// Wait until the page listens for changes, then scroll down.
	waitFor(t, ctx, "the reload script", `document.querySelector('script[src="/__digest/reload.js"]') !== null`)
	time.Sleep(300 * time.Millisecond)
	eval[any](t, ctx, `window.scrollTo(0, 400); null`)

	edited := strings.Replace(string(orig), "Donald Trump and Vladimir Putin met at", "Edited in the test: the two presidents met at", 1)
	if err := os.WriteFile(article, []byte(edited), 0o644); err != nil {
		t.Fatal(err)
	}
	took := waitFor(t, ctx, "the edited text", `document.body.innerText.includes("Edited in the test")`)
	t.Logf("edit visible in the browser after %v", took)
	waitFor(t, ctx, "the scroll position kept", `Math.abs(window.scrollY - 400) < 5`)

	broken := strings.Replace(edited, `title: "Trump and Putin meet in Alaska, with key points still unresolved"`, `title: "Trump and Putin meet in Alaska`, 1)
	if err := os.WriteFile(article, []byte(broken), 0o644); err != nil {
		t.Fatal(err)
	}
	waitFor(t, ctx, "the error overlay", `(() => { const o = document.getElementById("digest-errors");
		return o !== null && o.textContent.includes("content/articles/2025-08-15-alaska-summit.md:2") })()`)
	if !eval[bool](t, ctx, `document.body.innerText.includes("Edited in the test")`) {
		t.Error("the last good page is not shown under the overlay")
	}
	if os.Getenv("DIGEST_SCREENSHOTS") != "" {
		if png, err := chromedp.Run(ctx, chromedp.CaptureScreenshot()); err == nil {
			_ = os.WriteFile(filepath.Join(os.Getenv("DIGEST_SCREENSHOTS"), "overlay.png"), png, 0o644)
		}
	}
	if err := os.WriteFile(article, []byte(edited), 0o644); err != nil {
		t.Fatal(err)
	}
	waitFor(t, ctx, "the overlay to go", `document.getElementById("digest-errors") === null`)

	// A stylesheet-only change is swapped in place: the page is not
	// reloaded, so a marker set on window survives.
	eval[any](t, ctx, `window.__digestMarker = "still here"; null`)
	if err := os.MkdirAll(filepath.Join(dir, "static"), 0o755); err != nil {
		t.Fatal(err)
	}
	css, err := os.ReadFile(filepath.Join(repoRoot(t), "static/style.css"))
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "static/style.css"), append(css, []byte("\nh1 { color: rgb(1, 2, 3); }\n")...), 0o644); err != nil {
		t.Fatal(err)
	}
	waitFor(t, ctx, "the new stylesheet", `getComputedStyle(document.querySelector("h1")).color === "rgb(1, 2, 3)"`)
	if !eval[bool](t, ctx, `window.__digestMarker === "still here"`) {
		t.Error("the page was reloaded for a stylesheet change")
	}
}
