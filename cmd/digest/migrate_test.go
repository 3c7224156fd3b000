package main

import (
	"bufio"
	"net/http"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"syscall"
	"testing"
	"time"

	"golang.org/x/net/html"

	"digest/internal/sitetest"
)

// hugoAliases are the old URLs of testdata/hugo-site.txtar and the pages
// they now lead to.
var hugoAliases = map[string]string{
	"/about-us/":                "/about/",
	"/2025/08/first-issue.html": "/2025/08/01/first-issue/",
	"/posts/reservoir-cracks/":  "/2025/08/04/reservoir-cracks/",
	"/posts/night-buses/":       "/2025/08/04/bus-timetable/",
	"/posts/repair-vote/":       "/2025/08/06/repair-vote/",
	"/posts/boil-water/":        "/2025/08/08/water-notice/",
	"/posts/market/":            "/2025/08/10/market/",
	"/posts/budget/":            "/2025/08/12/budget/",
	"/posts/ferry/":             "/2025/08/14/ferry/",
	"/posts/library/":           "/2025/08/16/library/",
	"/posts/festival/":          "/2025/08/18/festival/",
	"/2025/08/festival.html":    "/2025/08/18/festival/",
}

// TestHugoSiteMigrates builds a site written the way Hugo sites are, as
// it is: no errors, every item, page and bundle file where it belongs,
// every link inside the site leading somewhere; then serves it and asks
// for every old URL, which answers with a permanent redirect.
func TestHugoSiteMigrates(t *testing.T) {
	dir := t.TempDir()
	sitetest.ReadArchive(t, filepath.Join("testdata", "hugo-site.txtar")).Write(t, dir, nil)
	code, out, errs := digestRun(t, "build", "-s", dir, "--no-cache")
	if code != exitOK || strings.Contains(out+errs, ": error:") {
		t.Fatalf("exit %d:\n%s%s", code, out, errs)
	}
	public := filepath.Join(dir, "public")
	home := parseHTML(t, filepath.Join(public, "index.html"))
	if n := len(findAll(home, byClass("item"))); n != 10 {
		t.Errorf("home lists %d items, want 10 (the embargoed one is not published)", n)
	}
	if got := text(findAll(home, byClass("list-intro"))[0]); !strings.Contains(got, "Newest first.") {
		t.Errorf("articles section introduction: %q", got)
	}
	about := parseHTML(t, filepath.Join(public, "about", "index.html"))
	if h := findAll(about, byTag("h1")); len(h) != 1 || text(h[0]) != "About the digest" {
		t.Errorf("about page heading: %v", h)
	}
	links := findAll(about, func(n *html.Node) bool {
		v, _ := attr(n, "href")
		return n.Data == "a" && v == "/2025/08/01/first-issue/"
	})
	if len(links) != 1 {
		t.Error("the about page's ref shortcode does not lead to the first issue")
	}
	nav := findAll(home, byTag("nav"))
	if len(nav) == 0 || !strings.Contains(text(nav[0]), "Water supply") || !strings.Contains(text(nav[0]), "About the digest") {
		t.Errorf("menu: %v", nav)
	}
	page := parseHTML(t, filepath.Join(public, "2025", "08", "04", "reservoir-cracks", "index.html"))
	for _, m := range findAll(page, byTag("meta")) {
		if p, _ := attr(m, "property"); p == "og:image" {
			// The photo's card, 800×420 cropped from the bundle's 800×600.
			if c, _ := attr(m, "content"); !strings.HasPrefix(c, "https://harbour.example.org/media/") || !strings.HasSuffix(c, "/dam-card.jpg") {
				t.Errorf("og:image %q", c)
			}
		}
	}
	for _, f := range []string{"2025/08/04/reservoir-cracks/dam.jpg", "2025/08/04/reservoir-cracks/inspection.pdf", "topics/water-supply/index.html", "topics/council/index.html"} {
		if _, err := os.Stat(filepath.Join(public, filepath.FromSlash(f))); err != nil {
			t.Errorf("%s: %v", f, err)
		}
	}
	if n := crawl(t, public, "/"); n < 100 {
		t.Errorf("only %d references checked", n)
	}
	serveAliases(t, dir)
}

// serveAliases runs digest serve on the site in dir and asks for each
// old URL without following redirects.
func serveAliases(t *testing.T, dir string) {
	cmd := digestCommand("serve", "-s", dir, "--addr", "127.0.0.1:0", "--no-reload")
	out, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	defer func() { _ = cmd.Process.Signal(syscall.SIGINT); _ = cmd.Wait() }()
	sc := bufio.NewScanner(out)
	var base string
	for base == "" && sc.Scan() {
		if m := regexp.MustCompile(`at (http://127\.0\.0\.1:\d+)/`).FindStringSubmatch(sc.Text()); m != nil {
			base = m[1]
		}
	}
	go func() {
		for sc.Scan() {
		}
	}()
	if base == "" {
		t.Fatal("serve did not print its URL")
	}
	client := &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }, Timeout: 10 * time.Second}
	for old, to := range hugoAliases {
		var res *http.Response
		for deadline := time.Now().Add(20 * time.Second); time.Now().Before(deadline); time.Sleep(50 * time.Millisecond) {
			if res, err = client.Get(base + old); err == nil {
				break
			}
		}
		if err != nil {
			t.Fatalf("%s: %v", old, err)
		}
		res.Body.Close()
		if res.StatusCode != http.StatusMovedPermanently || res.Header.Get("Location") != to {
			t.Errorf("%s: %d to %q, want 301 to %s", old, res.StatusCode, res.Header.Get("Location"), to)
		}
		if res, err = client.Get(base + to); err != nil || res.StatusCode != http.StatusOK {
			t.Errorf("%s: %v %v", to, err, res)
		} else {
			res.Body.Close()
		}
	}
	if res, err := client.Get(base + "/posts/mayor/"); err == nil {
		res.Body.Close()
		if res.StatusCode != http.StatusNotFound {
			t.Errorf("the embargoed item's alias answers %d, want 404", res.StatusCode)
		}
	}
}

// TestCheckListsComments: digest check --comments lists the editors'
// hidden notes with file and line, as notes that fail nothing, even
// with --strict; without the flag it does not.
func TestCheckListsComments(t *testing.T) {
	dir := t.TempDir()
	sitetest.ReadArchive(t, filepath.Join("testdata", "cases", "comments-more.txtar")).Write(t, dir, func(name string) bool { return name == "want" })
	code, out, errs := digestRun(t, "check", "-s", dir, "--no-cache", "--comments", "--strict")
	if code != exitOK {
		t.Fatalf("exit %d:\n%s%s", code, out, errs)
	}
	for _, want := range []string{
		"content/articles/2025-08-20-notes.md:7: note: editor's note: source asked not to be named",
		"content/articles/2025-08-20-notes.md:13: note: inline secret",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("missing %q in:\n%s", want, out)
		}
	}
	if strings.Contains(out, "more") {
		t.Errorf("the summary divider is listed as a note:\n%s", out)
	}
	if _, out, _ := digestRun(t, "check", "-s", dir, "--no-cache"); strings.Contains(out, "secret") {
		t.Errorf("notes listed without --comments:\n%s", out)
	}
}
