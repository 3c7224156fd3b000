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

// searchSite is the sample site with items in Ukrainian, Russian and
// French, a draft, an embargoed item and a hostile headline.
func searchSite(t *testing.T) string {
	dir := copySite(t)
	items := map[string]string{
		"2025-08-10-kyiv.md": "---\ntitle: Переговори у Стамбулі відновлено\ntopics: [ukraine-peace-talks]\n---\n" +
			"Делегації зустрілися знову. Переговори тривали шість годин.\n",
		"2025-08-11-moscow.md": "---\ntitle: В Москве прокомментировали встречу\nsummary: Кремль высказался.\ntopics: [us-russia-relations]\n---\n" +
			"Кремль назвал переговоры полезными. Ёлка и ежи.\n",
		"2025-08-12-geneva.md": "---\ntitle: Réunion à Genève sur les échanges de prisonniers\ntopics: [ukraine-peace-talks]\n---\n" +
			"Les délégués se sont retrouvés à Genève.\n",
		"2025-08-13-hostile.md": "---\ntitle: \"<img src=x onerror=window.pwned=1> Quokka <script>window.pwned=2</script>\"\n---\n" +
			"A quokka headline that tries to run code.\n",
		"2025-08-14-draft.md":  "---\ntitle: Zanzibar draft\ndraft: true\n---\nNot ready: zanzibar.\n",
		"2099-01-01-future.md": "---\ntitle: Zanzibar embargoed\n---\nLater: zanzibar.\n",
	}
	for name, text := range items {
		writeFile(t, dir, "content/articles/"+name, text)
	}
	mustBuild(t, dir, "--drafts", "--future")
	return dir
}

// results runs a query through the address bar and returns the titles
// shown, in order.
func results(t *testing.T, ctx context.Context, base, query string) []string {
	t.Helper()
	if err := chromedp.Do(ctx, chromedp.Navigate(base+"/search/?q="+query)); err != nil {
		t.Fatal(err)
	}
	browsertest.WaitFor(t, ctx, "results of "+query, `(() => { const s = document.getElementById('search-status').textContent; return /result/.test(s) && !/Searching/.test(s) })()`)
	return browsertest.Eval[[]string](t, ctx, `[...document.querySelectorAll('#search-results li a')].map(a => a.textContent)`)
}

func TestSearchInBrowser(t *testing.T) {
	ctx := browsertest.Start(t)
	dir := searchSite(t)
	srv := httptest.NewServer(http.FileServer(http.Dir(filepath.Join(dir, "public"))))
	defer srv.Close()

	for _, tt := range []struct {
		query string
		want  []string
	}{
		// Cyrillic, in any case: the Ukrainian headline first (the word
		// is in its title), then the Russian body's inflected form is
		// another word.
		{"переговори", []string{"Переговори у Стамбулі відновлено"}},
		{"ПЕРЕГОВОРИ", []string{"Переговори у Стамбулі відновлено"}},
		{"переговор", []string{"Переговори у Стамбулі відновлено", "В Москве прокомментировали встречу"}},
		// Ё folds to Е.
		{"елка", []string{"В Москве прокомментировали встречу"}},
		// Accents fold both ways.
		{"geneve", []string{"Réunion à Genève sur les échanges de prisonniers"}},
		{"Genève", []string{"Réunion à Genève sur les échanges de prisonniers"}},
		// Latin and Cyrillic on one page.
		{"alaska", nil},
	} {
		got := results(t, ctx, srv.URL, tt.query)
		if tt.want == nil {
			if len(got) == 0 {
				t.Errorf("%q: no results, want the sample's Alaska items", tt.query)
			}
			continue
		}
		if strings.Join(got, "|") != strings.Join(tt.want, "|") {
			t.Errorf("%q: got %q, want %q", tt.query, got, tt.want)
		}
	}
	// The query in the address bar is in the form, and matches are marked.
	if q := browsertest.Eval[string](t, ctx, `document.getElementById('search-q').value`); q != "alaska" {
		t.Errorf("the form holds %q after loading ?q=alaska", q)
	}
	if marks := browsertest.Eval[[]string](t, ctx, `[...document.querySelectorAll('#search-results mark')].map(m => m.textContent.toLowerCase())`); len(marks) == 0 || marks[0] != "alaska" {
		t.Errorf("highlights: %q", marks)
	}
	// Drafts and embargoed items are never in the index, even in a build
	// that shows them.
	if got := results(t, ctx, srv.URL, "zanzibar"); len(got) != 0 {
		t.Errorf("zanzibar: %q, want nothing", got)
	}
	// A hostile headline is shown as text, never run.
	got := results(t, ctx, srv.URL, "quokka")
	if len(got) != 1 || !strings.Contains(got[0], "<img src=x") || !strings.Contains(got[0], "<script>") {
		t.Errorf("quokka: %q", got)
	}
	if pwned := browsertest.Eval[bool](t, ctx, `window.pwned !== undefined || document.querySelector('#search-results img, #search-results script') !== null`); pwned {
		t.Error("the hostile headline ran or made elements")
	}
	// Typing shows results as the reader types.
	if err := chromedp.Do(ctx, chromedp.Navigate(srv.URL+"/search/"), chromedp.SendKeys("#search-q", "стамб")); err != nil {
		t.Fatal(err)
	}
	browsertest.WaitFor(t, ctx, "results while typing", `document.querySelectorAll('#search-results li').length === 1`)
}

func TestSearchWithoutJavaScript(t *testing.T) {
	ctx := browsertest.Start(t)
	dir := searchSite(t)
	srv := httptest.NewServer(http.FileServer(http.Dir(filepath.Join(dir, "public"))))
	defer srv.Close()
	noScripts := func(ctx context.Context, t *chromedp.Target) (chromedp.Void, error) {
		_, err := cdp.Call(ctx, t, emulation.SetScriptExecutionDisabled, emulation.SetScriptExecutionDisabledParams{Value: true})
		return chromedp.Void{}, err
	}
	if err := chromedp.Do(ctx, noScripts); err != nil {
		t.Fatal(err)
	}
	err := chromedp.Do(ctx, chromedp.Navigate(srv.URL+"/search/"), chromedp.SendKeys("#search-q", "alaska"),
		chromedp.Click(`#search-form button[type=submit]`), chromedp.WaitVisible(`h1.archive-title`))
	if err != nil {
		t.Fatal(err)
	}
	loc, err := chromedp.Run(ctx, chromedp.Location())
	if err != nil {
		t.Fatal(err)
	}
	h1, err := chromedp.Run(ctx, chromedp.Text("h1"))
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(loc, "/archive/?q=alaska") || h1 != "Archive" {
		t.Errorf("without JavaScript the form leads to %s (h1 %q), want the archive", loc, h1)
	}
}
