package main

import (
	"bytes"
	"compress/gzip"
	"context"
	"fmt"
	"io/fs"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/chromedp/chromedp"
)

// searchQueries are the queries measured: from the corpus's vocabulary
// (internal/corpus) a surname, a place, a common word, two words, a
// prefix, and absentQuery, a word the corpus does not have.
var searchQueries = []string{"Petrenko", "Anchorage", "ceasefire", "security guarantees", "negot", absentQuery}

// The targets, on 10,000 items: a first query transfers under 150 KB
// gzipped, script included, and a query answers in under 50 ms once its
// files are loaded, as the median of cachedRuns.
const (
	absentQuery    = "zyzzyva"
	targetFirstKB  = 150
	targetCachedMs = 50
	cachedRuns     = 5
)

// searchBench builds the corpus of n items once more into a fresh folder,
// measures its search index on disk, then, if Chromium is installed,
// serves it gzipped and measures queries in the browser.
func searchBench(b *bench, n int) {
	dir := b.corpusDir(n)
	out := b.fresh("search")
	fmt.Printf("%d items: one cold build for the search index\n", n)
	build := measure(b.repo, b.digestBin, "build", "--quiet", "--no-cache", "-s", dir, "-d", out)
	defer func() { must(os.RemoveAll(out)) }()
	st, err := measureIndex(out)
	must(err)
	var results []queryResult
	if chromium, err := exec.LookPath("chromium"); err != nil {
		fmt.Println("SKIPPING the search queries: chromium not found; install Debian's chromium (apt-get install -y chromium)")
	} else {
		results, err = browseSearch(chromium, out)
		defer must(err) // after the index's figures
	}
	printSearch(n, build, st, results)
}

// sizes is a file's size, raw and gzipped.
type sizes struct{ raw, gz int64 }

// indexStats is the search index on disk.
type indexStats struct {
	files                  int
	total                  sizes // every file under search/
	manifest, shard, chunk sizes // index.json, the largest shard and chunk (by raw size)
	script                 sizes // search.<hash>.js at the output's root
}

// measureIndex measures the search index under out/search.
func measureIndex(out string) (indexStats, error) {
	var st indexStats
	root := filepath.Join(out, "search")
	err := filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		sz, err := gzSize(p)
		if err != nil {
			return err
		}
		st.files, st.total = st.files+1, sizes{st.total.raw + sz.raw, st.total.gz + sz.gz}
		switch rel, _ := filepath.Rel(root, p); {
		case rel == "index.json":
			st.manifest = sz
		case strings.HasPrefix(filepath.ToSlash(rel), "s/") && sz.raw > st.shard.raw:
			st.shard = sz
		case strings.HasPrefix(filepath.ToSlash(rel), "d/") && sz.raw > st.chunk.raw:
			st.chunk = sz
		}
		return nil
	})
	if err != nil {
		return st, fmt.Errorf("measuring the search index: %w", err)
	}
	scripts, _ := filepath.Glob(filepath.Join(out, "search.*.js"))
	if len(scripts) != 1 {
		return st, fmt.Errorf("measuring the search index: %d search.*.js files in %s, want 1", len(scripts), out)
	}
	st.script, err = gzSize(scripts[0])
	return st, err
}

// gzSize returns the size of a file, raw and gzipped at the default level.
func gzSize(file string) (sizes, error) {
	data, err := os.ReadFile(file)
	if err != nil {
		return sizes{}, fmt.Errorf("measuring the search index: %w", err)
	}
	return sizes{int64(len(data)), int64(len(gzipBytes(data)))}, nil
}

// gzipBytes gzips data at the default level.
func gzipBytes(data []byte) []byte {
	var buf bytes.Buffer
	zw := gzip.NewWriter(&buf)
	_, _ = zw.Write(data) // a bytes.Buffer does not fail
	_ = zw.Close()
	return buf.Bytes()
}

// browseSearch serves out with gzip and measures every query of
// searchQueries in the Chromium at chromium, each in a fresh browser
// context.
func browseSearch(chromium, out string) ([]queryResult, error) {
	srv := &gzipServer{root: out}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return nil, fmt.Errorf("serving the search index: %w", err)
	}
	hs := &http.Server{Handler: srv, ReadHeaderTimeout: 10 * time.Second}
	go func() { _ = hs.Serve(ln) }()
	defer hs.Close()
	bctx, stop, err := startChromium(chromium)
	if err != nil {
		return nil, err
	}
	defer stop()
	base := "http://" + ln.Addr().String()
	var results []queryResult
	for _, q := range searchQueries {
		r, err := measureQuery(bctx, srv, base, q)
		if err != nil {
			return nil, fmt.Errorf("query %q: %w", q, err)
		}
		results = append(results, r)
	}
	return results, nil
}

// startChromium starts headless Chromium with internal/browsertest's
// flags and a fresh profile, and returns its context and how to stop it.
// The binary is the given one: chromedp never fetches a browser.
func startChromium(chromium string) (context.Context, func(), error) {
	profile, err := os.MkdirTemp("", "digest-bench-chromium-")
	if err != nil {
		return nil, nil, fmt.Errorf("making Chromium's profile folder: %w", err)
	}
	opts := []chromedp.ExecAllocatorOption{
		chromedp.ExecPath(chromium), chromedp.Headless, chromedp.NoSandbox,
		chromedp.Flag("disable-gpu", true), chromedp.Flag("disable-quic", true), chromedp.Flag("no-first-run", true),
		chromedp.Flag("disable-background-networking", true), chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true), chromedp.Flag("user-data-dir", profile),
		chromedp.WindowSize(1000, 700),
	}
	actx, cancelA := chromedp.NewExecAllocator(context.Background(), opts...)
	ctx, cancelC := chromedp.NewContext(actx)
	stop := func() { cancelC(); cancelA(); _ = os.RemoveAll(profile) }
	if err := chromedp.Do(ctx); err != nil {
		stop()
		return nil, nil, fmt.Errorf("starting chromium: %w", err)
	}
	return ctx, stop, nil
}

// queryResult is what one query cost.
type queryResult struct {
	query            string
	page, manifest   int64 // gzipped bytes: HTML, CSS, script and the rest; index.json
	shards, chunks   int64 // gzipped bytes of posting shards and doc chunks
	nShards, nChunks int
	requests         int
	firstMs          float64 // submit → results shown, files fetched
	cachedMs         float64 // the same, files loaded: median of cachedRuns
	status           string  // #search-status after the first query
	results          int     // the number of results the status announces
	shown            int     // results in the list
}

// total is every gzipped byte the first query transferred.
func (r queryResult) total() int64 { return r.page + r.manifest + r.shards + r.chunks }

// measureQuery opens /search/ in a fresh browser context (nothing
// cached), waits for the manifest, submits q, and tallies the requests
// from the page load to the results; then submits q again cachedRuns
// times in the same page.
func measureQuery(bctx context.Context, srv *gzipServer, base, q string) (queryResult, error) {
	ctx, cancel := chromedp.NewContext(bctx, chromedp.WithNewBrowserContext())
	defer cancel()
	if err := chromedp.Do(ctx); err != nil {
		return queryResult{}, fmt.Errorf("opening a fresh browser context: %w", err)
	}
	tctx, cancelT := context.WithTimeout(ctx, 2*time.Minute)
	defer cancelT()
	srv.drain(time.Second)
	// The page lists the topics itself: wait for the manifest's fetch, then
	// give the script a moment to decode it, as a reader would take to type.
	loaded := `performance.getEntriesByType("resource").some(e => new URL(e.name).pathname === "/search/index.json")`
	err := chromedp.Do(tctx, chromedp.Navigate(base+"/search/"),
		chromedp.Poll[chromedp.Void](loaded, chromedp.WithPollingInterval(5*time.Millisecond)), chromedp.Sleep(200*time.Millisecond))
	if err != nil {
		return queryResult{}, fmt.Errorf("opening /search/ and waiting for the manifest: %w", err)
	}
	first, err := timeQuery(tctx, q)
	if err != nil {
		return queryResult{}, err
	}
	r := tally(q, srv.drain(5*time.Second))
	r.firstMs, r.status, r.results, r.shown = first.Ms, first.Status, first.Results, first.Shown
	var cached []float64
	for range cachedRuns {
		t, err := timeQuery(tctx, q)
		if err != nil {
			return queryResult{}, err
		}
		cached = append(cached, t.Ms)
	}
	slices.Sort(cached)
	r.cachedMs = cached[len(cached)/2]
	return r, nil
}

// took is one query as the page measured it.
type took struct {
	Ms      float64 `json:"ms"`
	Status  string  `json:"status"`
	Results int     `json:"results"` // as the status announces them
	Shown   int     `json:"shown"`
}

// timeQuery puts q in the search box and submits the form (the input
// event waits 120 ms for more typing), and returns the time, measured in
// the page, until the status announces the results, which the script
// writes after the list.
func timeQuery(ctx context.Context, q string) (took, error) {
	js := `(() => {
		window.__took = null; const st = document.getElementById("search-status");
		const obs = new MutationObserver(() => {
			if (!/results? for|No results|unavailable/.test(st.textContent)) return;
			window.__took = {ms: performance.now() - t0, status: st.textContent,
				results: parseInt(st.textContent.replace(/,/g, "")) || 0,
				shown: document.querySelectorAll("#search-results li").length};
			obs.disconnect();
		});
		obs.observe(st, {childList: true, characterData: true, subtree: true});
		document.getElementById("search-q").value = ` + strconv.Quote(q) + `;
		const t0 = performance.now();
		document.querySelector("#search-form button[type=submit]").click();
	})()`
	if _, err := chromedp.Run(ctx, chromedp.Evaluate[chromedp.Void](js)); err != nil {
		return took{}, fmt.Errorf("submitting the query: %w", err)
	}
	t, err := chromedp.Run(ctx, chromedp.Poll[took](`window.__took`, chromedp.WithPollingInterval(5*time.Millisecond)))
	if err != nil {
		return took{}, fmt.Errorf("waiting for the results: %w", err)
	}
	return t, nil
}

// tally sums the requests of one query by kind.
func tally(q string, fetched []fetch) queryResult {
	r := queryResult{query: q, requests: len(fetched)}
	for _, f := range fetched {
		switch {
		case f.path == "/search/index.json":
			r.manifest += f.sent
		case strings.HasPrefix(f.path, "/search/s/"):
			r.shards += f.sent
			r.nShards++
		case strings.HasPrefix(f.path, "/search/d/"):
			r.chunks += f.sent
			r.nChunks++
		default:
			r.page += f.sent
		}
	}
	return r
}
