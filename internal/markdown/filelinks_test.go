package markdown

import (
	"strings"
	"testing"
)

func TestIsFileLink(t *testing.T) {
	yes := []string{"2025-08-15-alaska-summit.md", "../articles/x.md", "x.MD#the-deal", "@/articles/x.md", "sub/y.markdown", "@/about.md#team"}
	no := []string{"https://example.org/x.md", "/x.md", "#anchor", "x.html", "mailto:a@b.md", "x.md?raw=1", "readme", ""}
	for _, d := range yes {
		if !IsFileLink(d) {
			t.Errorf("IsFileLink(%q) = false", d)
		}
	}
	for _, d := range no {
		if IsFileLink(d) {
			t.Errorf("IsFileLink(%q) = true", d)
		}
	}
}

// TestFileLinks: links to content files are listed with their lines, are
// not among the links checked as URLs, and take the URLs given.
func TestFileLinks(t *testing.T) {
	src := "See [the summit](2025-08-15-alaska-summit.md) and [its deal](../articles/x.md#the-deal).\n\n" +
		"Also [about](@/about.md) and [elsewhere](https://example.org/a.md).\n"
	res := convert(t, Options{}, src)
	want := []FileLink{{"2025-08-15-alaska-summit.md", 1}, {"../articles/x.md#the-deal", 1}, {"@/about.md", 3}}
	if len(res.FileLinks) != len(want) {
		t.Fatalf("file links %+v, want %+v", res.FileLinks, want)
	}
	for i := range want {
		if res.FileLinks[i] != want[i] {
			t.Errorf("file link %d = %+v, want %+v", i, res.FileLinks[i], want[i])
		}
	}
	if len(res.Links) != 1 || res.Links[0].Dest != "https://example.org/a.md" {
		t.Errorf("links checked as URLs: %+v", res.Links)
	}
	html := ResolveFileLinks(htmlOf(t, res), []string{"/2025/08/15/alaska-summit/", "/2025/08/16/x/#the-deal", `/about/?a="b"&c`})
	for _, w := range []string{`href="/2025/08/15/alaska-summit/"`, `href="/2025/08/16/x/#the-deal"`, `href="/about/?a=&#34;b&#34;&amp;c"`} {
		if !strings.Contains(html, w) {
			t.Errorf("missing %s in\n%s", w, html)
		}
	}
	if strings.Contains(html, fileLinkMarker) {
		t.Errorf("a marker is left:\n%s", html)
	}
	// Ten or more: marker 1 is not a prefix of marker 10.
	var b strings.Builder
	urls := make([]string, 12)
	for i := range urls {
		b.WriteString("[x](a" + string(rune('a'+i)) + ".md) ")
		urls[i] = "/u" + string(rune('a'+i)) + "/"
	}
	out := ResolveFileLinks(htmlOf(t, convert(t, Options{}, b.String())), urls)
	for _, u := range urls {
		if !strings.Contains(out, `href="`+u+`"`) {
			t.Errorf("missing %s in %s", u, out)
		}
	}
}

func TestHeadingAttributes(t *testing.T) {
	src := "## The deal {#custom-id}\n\n## Styled {#s .wide style=\"position:fixed\" onclick=\"x()\"}\n\n## The deal\n"
	html := htmlOf(t, convert(t, Options{}, src))
	for _, w := range []string{`<h2 id="custom-id">The deal</h2>`, `<h2 id="s" class="wide">Styled</h2>`, `<h2 id="the-deal">The deal</h2>`} {
		if !strings.Contains(html, w) {
			t.Errorf("missing %s in\n%s", w, html)
		}
	}
	if strings.Contains(html, "{") || strings.Contains(html, "style") || strings.Contains(html, "onclick") {
		t.Errorf("attributes leak:\n%s", html)
	}
	if html := htmlOf(t, convert(t, Options{UnsafeHTML: true}, src)); !strings.Contains(html, `style="position:fixed"`) {
		t.Errorf("unsafe mode keeps what the editor wrote:\n%s", html)
	}
}
