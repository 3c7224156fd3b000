// Package browsertest starts Debian's Chromium, headless, for tests that
// need a real browser (live reload, the Content Security Policy), and
// evaluates JavaScript in it. Without Chromium a test skips loudly, or
// fails when CI is set: .ci/run installs it.
package browsertest

import (
	"context"
	"os"
	"os/exec"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

// Start starts Chromium for the test and returns its context.
func Start(t *testing.T) context.Context {
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
		chromedp.Flag("disable-sync", true),
		chromedp.WindowSize(1000, 700),
	}
	// On two busy cores (go test runs packages side by side, and several
	// start a browser) Chromium sometimes misses the allocator's start
	// deadline: try again before failing.
	for attempt := 1; attempt <= 3; attempt++ {
		// A fresh profile each time: a failed start may leave its locks.
		fresh := append(opts[:len(opts):len(opts)], chromedp.Flag("user-data-dir", t.TempDir()))
		actx, cancelA := chromedp.NewExecAllocator(context.Background(), fresh...)
		ctx, cancelC := chromedp.NewContext(actx)
		if err = chromedp.Do(ctx); err == nil {
			t.Cleanup(func() { cancelC(); cancelA() })
			return ctx
		}
		cancelC()
		cancelA()
		t.Logf("starting chromium, attempt %d: %v", attempt, err)
		time.Sleep(time.Duration(attempt) * time.Second)
	}
	t.Fatalf("starting chromium: %v", err)
	return nil
}

// Eval evaluates JavaScript in the page.
func Eval[T any](t *testing.T, ctx context.Context, js string) T {
	t.Helper()
	v, err := chromedp.Run(ctx, chromedp.Evaluate[T](js))
	if err != nil {
		t.Fatalf("evaluating %q: %v", js, err)
	}
	return v
}

// WaitFor polls a JavaScript condition, across page reloads, until it is
// true, and returns how long that took.
func WaitFor(t *testing.T, ctx context.Context, what, js string) time.Duration {
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
