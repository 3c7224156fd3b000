package search

import (
	"context"
	"net/http"
	"net/http/httptest"
	"os"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"digest/internal/browsertest"
)

// searchPage is the /search/ page as the site's template writes it, under
// the base path /repo/.
const searchPage = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Search</title>
<script src="/repo/search.js" defer></script></head><body>
<form id="search-form" class="search-form" role="search" action="/repo/archive/" method="get" data-index="/repo/search/index.json" data-action="/repo/search/">
  <label for="search-q">Search the digest</label>
  <input id="search-q" name="q" type="search" autocomplete="off">
  <label for="search-topic">Topic</label> <select id="search-topic" name="topic"><option value="">All topics</option></select>
  <label for="search-from">From</label> <input id="search-from" name="from" type="date">
  <label for="search-to">To</label> <input id="search-to" name="to" type="date">
  <button type="submit">Search</button>
</form>
<p id="search-status" role="status" aria-live="polite"></p>
<ol id="search-results" class="search-results"></ol>
</body></html>`

// serveSearch serves the page, the script and the index of docs under
// /repo/ with a strict Content Security Policy, and records the paths
// fetched.
func serveSearch(t *testing.T, docs []Doc) (url string, fetched func() []string) {
	files := Build(docs, termsOf(docs), synthTopics)
	script, err := os.ReadFile("../../static/search.js")
	if err != nil {
		t.Fatal(err)
	}
	byPath := map[string][]byte{"/repo/search.js": script}
	for _, f := range files {
		byPath["/repo/"+f.Path] = f.Data
	}
	var mu sync.Mutex
	var paths []string
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		mu.Lock()
		paths = append(paths, r.URL.Path)
		mu.Unlock()
		w.Header().Set("Content-Security-Policy", "default-src 'self'; script-src 'self'")
		if r.URL.Path == "/repo/search/" {
			w.Header().Set("Content-Type", "text/html; charset=utf-8")
			_, _ = w.Write([]byte(searchPage))
			return
		}
		data, ok := byPath[r.URL.Path]
		if !ok {
			http.NotFound(w, r)
			return
		}
		if strings.HasSuffix(r.URL.Path, ".js") {
			w.Header().Set("Content-Type", "text/javascript")
		} else {
			w.Header().Set("Content-Type", "application/json")
		}
		_, _ = w.Write(data)
	}))
	t.Cleanup(srv.Close)
	return srv.URL, func() []string { mu.Lock(); defer mu.Unlock(); return append([]string(nil), paths...) }
}

// browser is a page of the test's Chromium.
type browser struct {
	t   *testing.T
	ctx context.Context
}

// status is the script's status text.
const status = `document.getElementById("search-status").textContent`

func (b browser) eval(js string) string {
	b.t.Helper()
	return browsertest.Eval[string](b.t, b.ctx, js)
}
func (b browser) do(js string) {
	b.t.Helper()
	browsertest.Eval[any](b.t, b.ctx, "(() => {"+js+"; return null})()")
}
func (b browser) wait(what, js string) time.Duration {
	b.t.Helper()
	return browsertest.WaitFor(b.t, b.ctx, what, js)
}

// typeQuery types q into the search box.
func (b browser) typeQuery(q string) {
	b.t.Helper()
	b.do(`const q = document.getElementById("search-q"); q.value = ` + jsString(q) + `;
		q.dispatchEvent(new Event("input", {bubbles: true}))`)
}

// TestBrowserSearch runs the script in Chromium on a built index: a query
// from the URL with a topic filter, typing, highlighting, escaping, "Show
// more", date filters and the shared URL.
func TestBrowserSearch(t *testing.T) {
	b := browser{t, browsertest.Start(t)}
	docs := testDocs(t, 3000)
	base, fetched := serveSearch(t, docs)
	if err := chromedp.Do(b.ctx, chromedp.Navigate(base+"/repo/search/?q=zelensky&topic=us")); err != nil {
		t.Fatal(err)
	}
	b.wait("results from the URL's query", status+`.includes("for “zelensky” in United States")`)
	if got := b.eval(`document.getElementById("search-form").action`); got != base+"/repo/search/" {
		t.Errorf("form action %q", got)
	}
	if got := b.eval(`[...document.querySelectorAll("#search-topic option")].map(o => o.value).join(",")`); !strings.HasPrefix(got, ",ukraine,russia,us,") {
		t.Errorf("topic options %q", got)
	}
	first := b.eval(`(() => { const li = document.querySelector("#search-results li");
		return [li.querySelector("a").getAttribute("href"), li.querySelector("a").textContent, li.querySelector("mark").textContent,
			li.querySelector("time").dateTime, li.querySelector(".search-meta").textContent].join("|") })()`)
	if want := "/repo/2025/08/16/plan/|<script>alert(1)</script> Zelensky’s plan & “peace”|Zelensky|2025-08-16|16 August 2025 · United States, Ukraine"; first != want {
		t.Errorf("first result %q, want %q", first, want)
	}
	if n := b.eval(`String(document.querySelectorAll("#search-results script").length)`); n != "0" {
		t.Error("a headline's markup became elements")
	}
	b.do(`const s = document.getElementById("search-topic"); s.value = ""; s.dispatchEvent(new Event("change"))`)
	b.typeQuery("z")
	b.wait("the prompt", status+` === "Type at least 2 letters"`)

	word := commonWord(docs[4:300])
	checkPrefixAndMore(b, word)
	checkDates(b, word)
	var shards, chunks int
	for _, p := range fetched() {
		shards += b2i(strings.HasPrefix(p, "/repo/search/s/"))
		chunks += b2i(strings.HasPrefix(p, "/repo/search/d/"))
	}
	t.Logf("fetched %d shards and %d chunks of %d", shards, chunks, (len(docs)+15)/16)
	if chunks > 60 {
		t.Errorf("%d chunks fetched for 3 pages of results", chunks)
	}
}

// commonWord returns the most frequent token of four letters or more in
// the docs' text.
func commonWord(docs []Doc) string {
	count := map[string]int{}
	word := ""
	for _, d := range docs {
		for _, tok := range Tokens(d.Text) {
			if count[tok]++; len(tok) > 3 && count[tok] > count[word] {
				word = tok
			}
		}
	}
	return word
}

// checkPrefixAndMore types the start of word, in capitals, and asks for
// more results.
func checkPrefixAndMore(b browser, word string) {
	t := b.t
	q := strings.ToUpper(word[:2])
	b.typeQuery(q)
	took := b.wait("prefix results", status+`.includes("results for “`+q+`”")`)
	t.Logf("prefix query %q answered in %v (polling every 25 ms)", q, took)
	if n := b.eval(`String(document.querySelectorAll("#search-results li").length)`); n != "20" {
		t.Fatalf("%s results shown, want 20", n)
	}
	if got := b.eval(`document.querySelector("#search-results mark").textContent`); got != word[:2] && strings.ToLower(got) != word[:2] {
		t.Errorf("highlight %q, want the prefix %q", got, word[:2])
	}
	b.do(`[...document.querySelectorAll("button")].find(b => b.textContent === "Show more").click()`)
	b.wait("20 more", `document.querySelectorAll("#search-results li").length === 40`)
	b.wait("focus on the first new result", `document.activeElement === document.querySelectorAll("#search-results li")[20].querySelector("a")`)
}

// checkDates searches word from 10 to 12 August 2025 with the submit
// button: dates filter inclusively, and the URL is the query's.
func checkDates(b browser, word string) {
	t := b.t
	b.do(`document.getElementById("search-from").value = "2025-08-10";
		document.getElementById("search-to").value = "2025-08-12"; document.getElementById("search-q").value = "` + word + `";
		document.querySelector("#search-form button[type=submit]").click()`)
	b.wait("date-filtered results", status+`.includes("from 10 August 2025 to 12 August 2025")`)
	dates := b.eval(`[...document.querySelectorAll("#search-results time")].map(t => t.dateTime).join(",")`)
	if dates == "" {
		t.Fatalf("no results from 10 to 12 August: %s", b.eval(status))
	}
	for _, d := range strings.Split(dates, ",") {
		if d < "2025-08-10" || d > "2025-08-12" {
			t.Errorf("result of %s outside the dates: %s", d, dates)
			break
		}
	}
	if got := b.eval(`location.search`); got != "?q="+word+"&from=2025-08-10&to=2025-08-12" {
		t.Errorf("shared URL %q", got)
	}
}

// jsString returns s as a JavaScript string literal.
func jsString(s string) string {
	r := strings.NewReplacer(`\`, `\\`, `"`, `\"`, "\n", `\n`)
	return `"` + r.Replace(s) + `"`
}

// TestBrowserSearchSpeed times queries on 10,000 docs of 600 words in
// Chromium, once their files are fetched, from the submit to the status
// that announces the results.
func TestBrowserSearchSpeed(t *testing.T) {
	if testing.Short() {
		t.Skip("builds 10,000 docs")
	}
	b := browser{t, browsertest.Start(t)}
	docs, _ := bench10k()
	base, _ := serveSearch(t, docs)
	if err := chromedp.Do(b.ctx, chromedp.Navigate(base+"/repo/search/")); err != nil {
		t.Fatal(err)
	}
	b.wait("the topics", `document.querySelectorAll("#search-topic option").length > 1`)
	words := Tokens(docs[0].Title + " " + docs[1].Text)
	for _, q := range []string{words[0], words[1][:2], words[2] + " " + words[3], words[4][:3] + " " + words[5][:2] + " " + words[6]} {
		var took [2]float64
		for i := range took {
			b.do(`window.__took = null; const st = document.getElementById("search-status");
				const obs = new MutationObserver(() => { if (/results? for|No results/.test(st.textContent)) { window.__took = performance.now() - t0; obs.disconnect(); } });
				obs.observe(st, {childList: true, characterData: true, subtree: true});
				document.getElementById("search-q").value = ` + jsString(q) + `;
				const t0 = performance.now(); document.querySelector("#search-form button[type=submit]").click()`)
			b.wait("results of "+q, `window.__took !== null`)
			took[i] = browsertest.Eval[float64](t, b.ctx, `window.__took`)
		}
		t.Logf("%q: %s; %.1f ms with fetching, %.1f ms with the files cached", q, b.eval(status), took[0], took[1])
	}
}
