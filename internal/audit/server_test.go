package audit

import (
	"compress/gzip"
	"io"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"strings"
	"testing"

	"digest/internal/sitetest"
)

// TestServer checks the audit's static server: netlify.toml's headers
// (later rules replacing earlier ones), gzip, folders, and 404.html.
func TestServer(t *testing.T) {
	repo, err := RepoRoot()
	if err != nil {
		t.Fatal(err)
	}
	rules, err := ReadHeaderRules(filepath.Join(repo, "netlify.toml"))
	if err != nil {
		t.Fatal(err)
	}
	root := t.TempDir()
	write(t, root, "index.html", "<p>home</p>")
	write(t, root, "a/index.html", "<p>a</p>")
	write(t, root, "style.0123abcd.css", "p{}")
	write(t, root, "404.html", "<p>not here</p>")
	srv := httptest.NewServer(&Server{Root: root, Rules: rules})
	defer srv.Close()
	client := &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	for _, c := range []struct {
		path, status, body, header, value string
	}{
		{"/", "200", "<p>home</p>", "Content-Security-Policy", "script-src 'self'"},
		{"/", "200", "<p>home</p>", "Cache-Control", "max-age=0"},
		{"/a/", "200", "<p>a</p>", "X-Frame-Options", "DENY"},
		{"/a", "301", "", "Location", "/a/"},
		{"/style.0123abcd.css", "200", "p{}", "Cache-Control", "immutable"},
		{"/style.0123abcd.css", "200", "p{}", "Content-Type", "text/css"},
		{"/nothing/", "404", "<p>not here</p>", "Content-Type", "text/html"},
		{"/../etc/passwd", "404", "<p>not here</p>", "Content-Encoding", "gzip"},
	} {
		req, _ := http.NewRequest("GET", srv.URL+c.path, nil)
		req.Header.Set("Accept-Encoding", "gzip")
		resp, err := client.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		body := readBody(t, resp)
		if got := resp.Status[:3]; got != c.status || !strings.Contains(resp.Header.Get(c.header), c.value) || (c.body != "" && body != c.body) {
			t.Errorf("GET %s: %s, %s: %q, body %q; want %s, %q in %s, body %q",
				c.path, got, c.header, resp.Header.Get(c.header), body, c.status, c.value, c.header, c.body)
		}
	}
}

func readBody(t *testing.T, resp *http.Response) string {
	t.Helper()
	defer resp.Body.Close()
	var r io.Reader = resp.Body
	if resp.Header.Get("Content-Encoding") == "gzip" {
		zr, err := gzip.NewReader(resp.Body)
		if err != nil {
			t.Fatal(err)
		}
		r = zr
	}
	b, err := io.ReadAll(r)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

func write(t *testing.T, root, name, text string) { sitetest.WriteFile(t, root, name, text) }

// TestFindPages checks that a page kind the audit does not know, and a
// required kind that is missing, are errors.
func TestFindPages(t *testing.T) {
	out := t.TempDir()
	write(t, out, "sitemap.xml", `<?xml version="1.0" encoding="UTF-8"?>
<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
<url><loc>https://example.org/</loc></url>
<url><loc>https://example.org/new/</loc></url>
<url><loc>https://example.org/2025/01/01/a/</loc></url>
</urlset>`)
	write(t, out, "index.html", `<body class="kind-home">`)
	write(t, out, "new/index.html", `<body class="kind-gallery">`)
	write(t, out, "2025/01/01/a/index.html", `<body class="x kind-article">`)
	write(t, out, "404.html", `<body class="kind-404">`)
	pages, err := FindPages(out, []string{"home", "article", "404", "topics"})
	var got []string
	for _, p := range pages {
		got = append(got, p.Kind+" "+p.Path)
	}
	if want := "home /, article /2025/01/01/a/, 404 " + NotFoundPath; strings.Join(got, ", ") != want {
		t.Errorf("pages: %s, want %s", strings.Join(got, ", "), want)
	}
	if err == nil || !strings.Contains(err.Error(), `"kind-gallery" (/new/)`) || !strings.Contains(err.Error(), `no page of kind "topics"`) {
		t.Errorf("error: %v; want one naming kind-gallery and topics", err)
	}
}
