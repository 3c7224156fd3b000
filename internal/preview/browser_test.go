package preview

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"digest"
	"digest/internal/browsertest"
	"digest/internal/build"
)

// servePreview runs the preview on a copy of the sample site.
func servePreview(t *testing.T) (dir, url string) {
	t.Helper()
	dir = copySite(t)
	_, url = runPreview(t, Options{Build: build.Options{Source: dir, Theme: digest.Theme, Generator: "digest test", NoCache: true}, Reload: true})
	return dir, url
}

// TestBrowserLiveReload opens an article from digest serve in Chromium,
// edits its Markdown and sees the new text in the same tab, at the same
// scroll position; breaks its front matter and sees the error overlay
// with file and line; fixes it and sees the overlay go; changes the
// stylesheet and sees it swapped without a reload.
func TestBrowserLiveReload(t *testing.T) {
	ctx := browsertest.Start(t)
	dir, url := servePreview(t)
	article := filepath.Join(dir, "content/articles/2025-08-15-alaska-summit.md")
	orig, err := os.ReadFile(article)
	if err != nil {
		t.Fatal(err)
	}
	if err := chromedp.Do(ctx, chromedp.Navigate(url+"2025/08/15/alaska-summit/")); err != nil {
		t.Fatal(err)
	}
	browsertest.WaitFor(t, ctx, "the article", `document.querySelector("h1") && document.querySelector("h1").textContent.includes("Alaska")`)
	// Wait until the page listens for changes, then scroll down.
	browsertest.WaitFor(t, ctx, "the reload script", `document.querySelector('script[src="/__digest/reload.js"]') !== null`)
	time.Sleep(300 * time.Millisecond)
	browsertest.Eval[any](t, ctx, `window.scrollTo(0, 400); null`)

	edited := strings.Replace(string(orig), "Donald Trump and Vladimir Putin met at", "Edited in the test: the two presidents met at", 1)
	if err := os.WriteFile(article, []byte(edited), 0o644); err != nil {
		t.Fatal(err)
	}
	took := browsertest.WaitFor(t, ctx, "the edited text", `document.body.innerText.includes("Edited in the test")`)
	t.Logf("edit visible in the browser after %v", took)
	browsertest.WaitFor(t, ctx, "the scroll position kept", `Math.abs(window.scrollY - 400) < 5`)

	broken := strings.Replace(edited, `title: "Trump and Putin meet in Alaska, with key points still unresolved"`, `title: "Trump and Putin meet in Alaska`, 1)
	if err := os.WriteFile(article, []byte(broken), 0o644); err != nil {
		t.Fatal(err)
	}
	browsertest.WaitFor(t, ctx, "the error overlay", `(() => { const o = document.getElementById("digest-errors");
		return o !== null && o.textContent.includes("content/articles/2025-08-15-alaska-summit.md:2") })()`)
	if !browsertest.Eval[bool](t, ctx, `document.body.innerText.includes("Edited in the test")`) {
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
	browsertest.WaitFor(t, ctx, "the overlay to go", `document.getElementById("digest-errors") === null`)

	// A stylesheet-only change is swapped in place: the page is not
	// reloaded, so a marker set on window survives.
	browsertest.Eval[any](t, ctx, `window.__digestMarker = "still here"; null`)
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
	browsertest.WaitFor(t, ctx, "the new stylesheet", `getComputedStyle(document.querySelector("h1")).color === "rgb(1, 2, 3)"`)
	if !browsertest.Eval[bool](t, ctx, `window.__digestMarker === "still here"`) {
		t.Error("the page was reloaded for a stylesheet change")
	}
}
