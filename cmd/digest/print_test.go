package main

import (
	"context"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"strings"
	"testing"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/chromedp"

	"digest/internal/browsertest"
)

// TestPrintStylesheet prints an article in Chromium (print media): no
// navigation, no "more on this story", and the source's address written
// out after its name.
func TestPrintStylesheet(t *testing.T) {
	ctx := browsertest.Start(t)
	dir := copySite(t)
	mustBuild(t, dir)
	srv := httptest.NewServer(http.FileServer(http.Dir(filepath.Join(dir, "public"))))
	defer srv.Close()
	printMedia := func(ctx context.Context, t *chromedp.Target) (chromedp.Void, error) {
		_, err := cdp.Call(ctx, t, emulation.SetEmulatedMedia, emulation.SetEmulatedMediaParams{Media: "print"})
		return chromedp.Void{}, err
	}
	if err := chromedp.Do(ctx, chromedp.Navigate(srv.URL+"/2025/08/15/alaska-summit/"), printMedia); err != nil {
		t.Fatal(err)
	}
	shown := browsertest.Eval[[]string](t, ctx, `['.site-header nav', '.related', '.prevnext', 'h1', '.credit'].map(s => {
		const e = document.querySelector(s); return s + ':' + (e ? getComputedStyle(e).display : 'missing') })`)
	want := []string{".site-header nav:none", ".related:none", ".prevnext:none", "h1:block", ".credit:block"}
	if strings.Join(shown, " ") != strings.Join(want, " ") {
		t.Errorf("printed: %v, want %v", shown, want)
	}
	after := browsertest.Eval[string](t, ctx, `(() => { const a = document.querySelector('.credit a[href^="http"]'); return a ? getComputedStyle(a, '::after').content : 'no source link' })()`)
	if !strings.Contains(after, "http") {
		t.Errorf("the source's address is not printed after it: %s", after)
	}
}
