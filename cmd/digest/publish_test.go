package main

import (
	"digest/internal/browsertest"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/BurntSushi/toml"
	"github.com/chromedp/chromedp"
	"github.com/mmcdole/gofeed"
	"golang.org/x/net/html"
)

type netlifyConfig struct {
	Build struct {
		Command     string            `toml:"command"`
		Publish     string            `toml:"publish"`
		Environment map[string]string `toml:"environment"`
	} `toml:"build"`
	Headers []struct {
		For    string            `toml:"for"`
		Values map[string]string `toml:"values"`
	} `toml:"headers"`
}

func readNetlify(t *testing.T) netlifyConfig {
	t.Helper()
	var cfg netlifyConfig
	if _, err := toml.DecodeFile(filepath.Join(repoRoot(t), "netlify.toml"), &cfg); err != nil {
		t.Fatalf("netlify.toml: %v", err)
	}
	return cfg
}

func (c netlifyConfig) header(path, name string) string {
	for _, h := range c.Headers {
		if h.For == path {
			return h.Values[name]
		}
	}
	return ""
}

func TestNetlifyConfig(t *testing.T) {
	cfg := readNetlify(t)
	if cfg.Build.Publish != "public" {
		t.Errorf("publish = %q, but digest build writes public/", cfg.Build.Publish)
	}
	if !strings.Contains(cfg.Build.Command, "./cmd/digest build") {
		t.Errorf("command %q does not build the site", cfg.Build.Command)
	}
	gomod, _ := os.ReadFile(filepath.Join(repoRoot(t), "go.mod"))
	goLine := regexp.MustCompile(`(?m)^go (\S+)$`).FindSubmatch(gomod)
	if goLine == nil || cfg.Build.Environment["GO_VERSION"] != string(goLine[1]) {
		t.Errorf("GO_VERSION %q does not match go.mod", cfg.Build.Environment["GO_VERSION"])
	}
	for _, h := range []string{"Content-Security-Policy", "X-Content-Type-Options", "Referrer-Policy", "Permissions-Policy"} {
		if cfg.header("/*", h) == "" {
			t.Errorf("no %s header", h)
		}
	}
	if !strings.Contains(cfg.header("/*.css", "Cache-Control"), "immutable") || strings.Contains(cfg.header("/*", "Cache-Control"), "immutable") {
		t.Error("fingerprinted assets should be immutable, HTML not")
	}
	// Every stylesheet and script the build writes is fingerprinted, so
	// the immutable rule never catches a file whose URL stays the same.
	dir := copySite(t)
	mustBuild(t, dir)
	filepath.WalkDir(filepath.Join(dir, "public"), func(p string, d os.DirEntry, err error) error {
		if ext := filepath.Ext(p); (ext == ".css" || ext == ".js") && !regexp.MustCompile(`\.[0-9a-f]{8}\.(css|js)$`).MatchString(p) {
			t.Errorf("%s is not fingerprinted but would be cached for a year", p)
		}
		return nil
	})
}

// TestPagesSatisfyCSP checks every page statically against what the
// Content-Security-Policy forbids: inline scripts (JSON-LD data blocks are
// not scripts), inline styles, event handler attributes, scripts and
// stylesheets from elsewhere.
func TestPagesSatisfyCSP(t *testing.T) {
	dir := copySite(t)
	mustBuild(t, dir)
	pages := 0
	filepath.WalkDir(filepath.Join(dir, "public"), func(p string, d os.DirEntry, err error) error {
		if err != nil || !strings.HasSuffix(p, ".html") {
			return err
		}
		pages++
		doc := parseHTML(t, p)
		for _, n := range findAll(doc, func(*html.Node) bool { return true }) {
			for _, a := range n.Attr {
				if strings.HasPrefix(a.Key, "on") || a.Key == "style" {
					t.Errorf("%s: <%s %s> breaks the CSP", p, n.Data, a.Key)
				}
			}
			switch n.Data {
			case "style":
				t.Errorf("%s: inline <style>", p)
			case "script":
				typ, _ := attr(n, "type")
				src, hasSrc := attr(n, "src")
				if typ != "application/ld+json" && (!hasSrc || strings.Contains(src, "//")) {
					t.Errorf("%s: inline or foreign script", p)
				}
			case "link":
				if rel, _ := attr(n, "rel"); rel == "stylesheet" {
					if h, _ := attr(n, "href"); strings.Contains(h, "//") {
						t.Errorf("%s: foreign stylesheet %s", p, h)
					}
				}
			}
		}
		return nil
	})
	if pages < 20 {
		t.Fatalf("only %d pages checked", pages)
	}
}

// TestCSPInBrowser serves the built site with netlify.toml's policy, with
// a report-uri added, visits pages in Chromium and expects no violation
// reports. A control page with an inline style shows reports do arrive.
func TestCSPInBrowser(t *testing.T) {
	ctx := browsertest.Start(t)
	dir := copySite(t)
	mustBuild(t, dir)
	csp := readNetlify(t).header("/*", "Content-Security-Policy")
	csp = strings.Replace(csp, "; upgrade-insecure-requests", "", 1) + "; report-uri /csp-report"
	var mu sync.Mutex
	var reports []string
	files := http.FileServer(http.Dir(filepath.Join(dir, "public")))
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		switch r.URL.Path {
		case "/csp-report":
			b, _ := io.ReadAll(r.Body)
			mu.Lock()
			reports = append(reports, string(b))
			mu.Unlock()
			return
		case "/control/":
			w.Header().Set("Content-Security-Policy", csp)
			io.WriteString(w, `<!DOCTYPE html><p style="color:red">inline style</p>`)
			return
		}
		w.Header().Set("Content-Security-Policy", csp)
		files.ServeHTTP(w, r)
	}))
	defer srv.Close()
	count := func() int { mu.Lock(); defer mu.Unlock(); return len(reports) }
	for _, p := range []string{"/", "/2025/08/15/alaska-summit/", "/topics/ukraine-peace-talks/", "/topics/", "/people/vladimir-putin/", "/places/", "/404.html",
		"/archive/", "/2025/08/", "/editions/", "/editions/2025-08-15/", "/search/?q=alaska"} {
		if err := chromedp.Do(ctx, chromedp.Navigate(srv.URL+p)); err != nil {
			t.Fatal(err)
		}
	}
	time.Sleep(500 * time.Millisecond)
	if n := count(); n != 0 {
		t.Fatalf("%d CSP violations: %v", n, reports)
	}
	if err := chromedp.Do(ctx, chromedp.Navigate(srv.URL+"/control/")); err != nil {
		t.Fatal(err)
	}
	deadline := time.Now().Add(5 * time.Second)
	for count() == 0 && time.Now().Before(deadline) {
		time.Sleep(50 * time.Millisecond)
	}
	if count() == 0 {
		t.Fatal("the control page's violation was not reported: the check would see nothing")
	}
}

func TestJSONLDAndOpenGraph(t *testing.T) {
	dir := copySite(t)
	mustBuild(t, dir)
	doc := parseHTML(t, filepath.Join(dir, "public/2025/08/15/alaska-summit/index.html"))
	scripts := findAll(doc, func(n *html.Node) bool {
		typ, _ := attr(n, "type")
		return n.Data == "script" && typ == "application/ld+json"
	})
	if len(scripts) != 1 {
		t.Fatalf("%d JSON-LD blocks", len(scripts))
	}
	var ld struct {
		Type          string `json:"@type"`
		Headline      string `json:"headline"`
		DatePublished string `json:"datePublished"`
		URL           string `json:"url"`
		Publisher     struct{ Name string }
		IsBasedOn     []struct {
			URL       string `json:"url"`
			Publisher struct{ Name string }
		} `json:"isBasedOn"`
	}
	if err := json.Unmarshal([]byte(scripts[0].FirstChild.Data), &ld); err != nil {
		t.Fatalf("JSON-LD does not parse: %v", err)
	}
	if ld.Type != "NewsArticle" || !strings.HasPrefix(ld.Headline, "Trump and Putin meet in Alaska") || ld.DatePublished != "2025-08-15T00:00:00+03:00" ||
		ld.URL != "https://peace-talks-digest.netlify.app/2025/08/15/alaska-summit/" || ld.Publisher.Name != "Peace Talks Digest" ||
		len(ld.IsBasedOn) != 1 || ld.IsBasedOn[0].URL != "https://businessday.ng/" || ld.IsBasedOn[0].Publisher.Name != "Businessday" {
		t.Errorf("JSON-LD %+v", ld)
	}
	meta := map[string][]string{}
	for _, m := range findAll(doc, byTag("meta")) {
		k, _ := attr(m, "property")
		if k == "" {
			k, _ = attr(m, "name")
		}
		v, _ := attr(m, "content")
		meta[k] = append(meta[k], v)
	}
	for k, want := range map[string]string{"og:type": "article", "og:url": ld.URL, "article:published_time": "2025-08-15T00:00:00+03:00",
		"article:section": "Ukraine peace talks", "twitter:card": "summary",
		"description": "After about three hours of closed-door talks near Anchorage, Vladimir Putin called the meeting constructive, while Donald Trump said a couple of major points remained unresolved."} {
		if got := meta[k]; len(got) == 0 || got[0] != want {
			t.Errorf("meta %s = %v, want %q", k, got, want)
		}
	}
	if tags := meta["article:tag"]; len(tags) != 2 {
		t.Errorf("article:tag %v", tags)
	}
	topic := parseHTML(t, filepath.Join(dir, "public/topics/ukraine-peace-talks/index.html"))
	var alt []string
	for _, l := range findAll(topic, byTag("link")) {
		if rel, _ := attr(l, "rel"); rel == "alternate" {
			h, _ := attr(l, "href")
			alt = append(alt, h)
		}
	}
	if !strings.Contains(strings.Join(alt, " "), "/topics/ukraine-peace-talks/feed.xml") || len(alt) != 6 {
		t.Errorf("topic page feed autodiscovery: %v", alt)
	}
	ldTopic := findAll(topic, func(n *html.Node) bool { typ, _ := attr(n, "type"); return typ == "application/ld+json" })
	var coll struct {
		Type       string `json:"@type"`
		MainEntity struct {
			Items []struct{ URL string } `json:"itemListElement"`
		} `json:"mainEntity"`
	}
	if len(ldTopic) != 1 || json.Unmarshal([]byte(ldTopic[0].FirstChild.Data), &coll) != nil || coll.Type != "CollectionPage" || len(coll.MainEntity.Items) != 10 {
		t.Errorf("topic JSON-LD %+v", coll)
	}
}

func TestNetlifyBaseURL(t *testing.T) {
	for _, tt := range []struct {
		env  map[string]string
		want string
	}{
		{map[string]string{"NETLIFY": "true", "CONTEXT": "deploy-preview", "DEPLOY_PRIME_URL": "https://deploy-preview-7--digest.netlify.app", "URL": "https://news.example.org"}, "https://deploy-preview-7--digest.netlify.app/"},
		{map[string]string{"NETLIFY": "true", "CONTEXT": "production", "DEPLOY_PRIME_URL": "https://main--digest.netlify.app", "URL": "https://news.example.org"}, "https://news.example.org/"},
		{map[string]string{"DIGEST_BASE_URL": "https://env.example.org/sub", "NETLIFY": "true", "URL": "https://news.example.org"}, "https://env.example.org/sub/"},
	} {
		for _, k := range []string{"NETLIFY", "CONTEXT", "DEPLOY_PRIME_URL", "URL", "DIGEST_BASE_URL"} {
			t.Setenv(k, tt.env[k])
		}
		dir := copySite(t)
		mustBuild(t, dir)
		doc := parseHTML(t, filepath.Join(dir, "public/index.html"))
		for _, l := range findAll(doc, byTag("link")) {
			if rel, _ := attr(l, "rel"); rel == "canonical" {
				if h, _ := attr(l, "href"); h != tt.want {
					t.Errorf("env %v: canonical %q, want %q", tt.env, h, tt.want)
				}
			}
		}
	}
}

func TestGitHubPagesFiles(t *testing.T) {
	dir := copySite(t)
	cfg, _ := os.ReadFile(filepath.Join(dir, "content/_index.md"))
	writeFile(t, dir, "content/_index.md", strings.Replace(string(cfg), "per_page: 20", "per_page: 20\ncname: news.example.org", 1))
	mustBuild(t, dir)
	if _, err := os.Stat(filepath.Join(dir, "public/.nojekyll")); err != nil {
		t.Error("no .nojekyll")
	}
	if b, _ := os.ReadFile(filepath.Join(dir, "public/CNAME")); string(b) != "news.example.org\n" {
		t.Errorf("CNAME %q", b)
	}
}

// TestFeedsStayUnderOneMegabyte: items with long bodies would make a 2 MB
// feed; the newest keep their full text, the rest their summary, and every
// feed stays under 1 MB and readable.
func TestFeedsStayUnderOneMegabyte(t *testing.T) {
	dir := copySite(t)
	long := strings.Repeat("A long paragraph of the report, summarised at length. ", 700)
	for i := range 60 {
		writeFile(t, dir, fmt.Sprintf("content/articles/2025-07-%02d-long-%d.md", 1+i%28, i),
			fmt.Sprintf("---\ntitle: \"Long %d\"\nid: \"tag:x,2025:long-%d\"\ntopics: [ukraine-peace-talks]\n---\n%s\n", i, i, long))
	}
	mustBuild(t, dir)
	for _, f := range []string{"feed.xml", "atom.xml", "feed.json", "topics/ukraine-peace-talks/feed.xml"} {
		b, err := os.ReadFile(filepath.Join(dir, "public", f))
		if err != nil {
			t.Fatal(err)
		}
		if len(b) > 1<<20 {
			t.Errorf("%s is %d bytes", f, len(b))
		}
		feed, err := gofeed.NewParser().ParseString(string(b))
		if err != nil {
			t.Fatalf("%s: %v", f, err)
		}
		if len(feed.Items) != 50 || feed.Items[0].Content == "" || feed.Items[49].Content != "" && !strings.HasSuffix(f, ".json") {
			t.Errorf("%s: %d items; newest with content %v", f, len(feed.Items), feed.Items[0].Content != "")
		}
	}
}
