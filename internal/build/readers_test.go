package build

import (
	"bytes"
	"context"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"golang.org/x/net/html"

	"digest"
	"digest/internal/corpus"
	"digest/internal/fingerprint"
	"digest/internal/site"
)

// keepSink keeps every output's bytes.
type keepSink struct {
	mu    sync.Mutex
	files map[string][]byte
}

func (k *keepSink) Current(string, fingerprint.Sum) bool { return false }
func (k *keepSink) Keep(string)                          {}
func (k *keepSink) Write(path string, _ fingerprint.Sum, data []byte) error {
	k.mu.Lock()
	defer k.mu.Unlock()
	k.files[path] = bytes.Clone(data)
	return nil
}

// MaxListPage is the most HTML any page may have, whatever the site's size.
const MaxListPage = 100 << 10

// TestPagesStayLightAtTenThousandItems builds the generated site of
// 10,000 items (2,000 with -short) and checks that no page is over
// 100 KB of HTML, and that every item is at most two clicks from the page
// of each of its topics.
func TestPagesStayLightAtTenThousandItems(t *testing.T) {
	n := 10000
	if testing.Short() {
		n = 2000
	}
	dir := t.TempDir()
	if err := corpus.Write(dir, corpus.Generate(corpus.Options{Items: n, Seed: 7})); err != nil {
		t.Fatal(err)
	}
	b := New(Options{Source: dir, Theme: digest.Theme, Now: fixedNow, NoCache: true, Destination: filepath.Join(dir, "public")})
	defer b.Close()
	sink := &keepSink{files: map[string][]byte{}}
	res, err := b.BuildTo(context.Background(), nil, sink, 0)
	if err != nil || res.Diags.HasErrors() {
		t.Fatalf("build: %v %v", err, res.Diags.Sorted())
	}
	largest, largestPath, pages := 0, "", 0
	for p, data := range sink.files {
		if !strings.HasSuffix(p, ".html") {
			continue
		}
		pages++
		if len(data) > largest {
			largest, largestPath = len(data), p
		}
		if len(data) > MaxListPage {
			t.Errorf("%s is %d KB of HTML, over %d KB", p, len(data)>>10, MaxListPage>>10)
		}
	}
	t.Logf("%d items: %d pages, the largest %s at %.1f KB", n, pages, largestPath, float64(largest)/1024)

	// Which items are on which topic, from the model.
	members := map[string][]string{} // topic slug → article URLs
	for _, v := range b.lastPages {
		if av, ok := v.(*site.ArticleView); ok {
			for _, tp := range av.Article.Topics {
				members[tp.Slug] = append(members[tp.Slug], av.Article.URL)
			}
		}
	}
	if len(members) < 10 {
		t.Fatalf("only %d topics have items", len(members))
	}
	links := map[string][]string{} // page path → the site paths it links to, parsed once
	linksOf := func(path string) []string {
		if l, ok := links[path]; ok {
			return l
		}
		l := hrefs(t, sink.files[path])
		links[path] = l
		return l
	}
	for slug, urls := range members {
		reach := map[string]bool{}
		for _, one := range linksOf("topics/" + slug + "/index.html") {
			reach[one] = true
			if strings.HasSuffix(one, "/") {
				for _, two := range linksOf(strings.TrimPrefix(one, "/") + "index.html") {
					reach[two] = true
				}
			}
		}
		missing := 0
		for _, u := range urls {
			if !reach[u] {
				missing++
				if missing <= 3 {
					t.Errorf("topic %s: %s is more than two clicks from the topic's page", slug, u)
				}
			}
		}
		if missing > 3 {
			t.Errorf("topic %s: %d of %d items in all are more than two clicks away", slug, missing, len(urls))
		}
	}
}

// hrefs returns the site-relative links of a page ("/2025/08/15/x/"),
// without their fragments.
func hrefs(t *testing.T, page []byte) []string {
	doc, err := html.Parse(bytes.NewReader(page))
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	var walk func(*html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.ElementNode && n.Data == "a" {
			for _, a := range n.Attr {
				if a.Key == "href" && strings.HasPrefix(a.Val, "/") {
					u, _, _ := strings.Cut(a.Val, "#")
					out = append(out, u)
				}
			}
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(doc)
	return out
}
