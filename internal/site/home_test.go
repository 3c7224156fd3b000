package site_test

import (
	"fmt"
	"testing"

	"digest/internal/site"
)

func TestHomePagination(t *testing.T) {
	s := build(t, map[string]string{
		"_index.md":                config("per_page: 2") + "Welcome to the digest.\n",
		"articles/2025-08-10-a.md": item("A", "2025-08-10"),
		"articles/2025-08-11-b.md": item("B", "2025-08-11"),
		"articles/2025-08-12-c.md": item("C", "2025-08-12"),
		"articles/2025-08-14-d.md": item("D", "2025-08-14 08:00"),
		"articles/2025-08-14-e.md": item("E", "2025-08-14 20:00"),
	}, site.Options{})
	equal(t, "site articles", titles(s.Articles), []string{"E", "D", "C", "B", "A"})

	links := []site.PageLink{{Number: 1, URL: "/"}, {Number: 2, URL: "/page/2/"}, {Number: 3, URL: "/page/3/"}}
	current := func(n int) []site.PageLink {
		out := append([]site.PageLink(nil), links...)
		out[n-1].Current = true
		return out
	}
	tests := []struct {
		path, url, title string
		days             []string
		prev, next       string
	}{
		{"index.html", "/", "", []string{"2025-08-14: E, D"}, "", "/page/2/"},
		{"page/2/index.html", "/page/2/", "Latest news, page 2", []string{"2025-08-12: C", "2025-08-11: B"}, "/", "/page/3/"},
		{"page/3/index.html", "/page/3/", "Latest news, page 3", []string{"2025-08-10: A"}, "/page/2/", ""},
	}
	for i, tt := range tests {
		v := page[*site.HomeView](t, s, tt.path)
		n := i + 1
		if v.Kind != site.KindHome || v.URL != tt.url || v.Title != tt.title {
			t.Errorf("%s: Kind %q URL %q Title %q, want home %q %q", tt.path, v.Kind, v.URL, v.Title, tt.url, tt.title)
		}
		equal(t, tt.path+" days", dayTitles(v.Days), tt.days)
		p := v.Pager
		if p.Number != n || p.Total != 3 || p.Prev != tt.prev || p.Next != tt.next {
			t.Errorf("%s: pager %d/%d Prev %q Next %q, want %d/3 %q %q", tt.path, p.Number, p.Total, p.Prev, p.Next, n, tt.prev, tt.next)
		}
		equal(t, tt.path+" pager links", p.Links, current(n))
		if hasIntro := v.Intro != ""; hasIntro != (n == 1) {
			t.Errorf("%s: Intro %q", tt.path, v.Intro)
		}
	}
	if v := page[*site.HomeView](t, s, "index.html"); v.Intro != "<p>Welcome to the digest.</p>\n" {
		t.Errorf("Intro = %q", v.Intro)
	}
	for _, p := range []string{"page/4/index.html", "page/1/index.html", "page/0/index.html"} {
		if hasPage(s, p) {
			t.Errorf("unexpected page %s", p)
		}
	}
}

func TestHomeWithoutArticles(t *testing.T) {
	s := build(t, map[string]string{}, site.Options{})
	v := page[*site.HomeView](t, s, "index.html")
	if len(v.Days) != 0 || v.Pager.Total != 1 || v.Pager.Prev != "" || v.Pager.Next != "" || len(v.Pager.Links) != 0 {
		t.Errorf("empty home: Days %v Pager %+v", v.Days, v.Pager)
	}
	if hasPage(s, "page/2/index.html") {
		t.Error("an empty site has a second home page")
	}
}

// TestPagerGaps checks that the pager links the first and last pages and
// two either side of the current one, with a gap for what it skips.
func TestPagerGaps(t *testing.T) {
	files := map[string]string{"_index.md": config("per_page: 1", "base_url: https://u.github.io/repo/")}
	for i := 1; i <= 10; i++ {
		files[fmt.Sprintf("articles/2025-08-%02d-a.md", i)] = item(fmt.Sprint("A", i), fmt.Sprintf("2025-08-%02d", i))
	}
	s := build(t, files, site.Options{})
	describe := func(p site.Pager) []string {
		var out []string
		for _, l := range p.Links {
			switch {
			case l.Number == 0:
				out = append(out, "…")
			case l.Current:
				out = append(out, fmt.Sprintf("[%d]", l.Number))
			default:
				out = append(out, fmt.Sprint(l.Number))
			}
		}
		return out
	}
	tests := []struct {
		n    int
		want []string
	}{
		{1, []string{"[1]", "2", "3", "…", "10"}},
		{4, []string{"1", "2", "3", "[4]", "5", "6", "…", "10"}},
		{5, []string{"1", "…", "3", "4", "[5]", "6", "7", "…", "10"}},
		{10, []string{"1", "…", "8", "9", "[10]"}},
	}
	for _, tt := range tests {
		path := "index.html"
		if tt.n > 1 {
			path = fmt.Sprintf("page/%d/index.html", tt.n)
		}
		v := page[*site.HomeView](t, s, path)
		equal(t, path+" links", describe(v.Pager), tt.want)
		for _, l := range v.Pager.Links {
			want := ""
			switch {
			case l.Number == 1:
				want = "/repo/"
			case l.Number > 1:
				want = fmt.Sprintf("/repo/page/%d/", l.Number)
			}
			if l.URL != want {
				t.Errorf("%s: link %d has URL %q, want %q", path, l.Number, l.URL, want)
			}
		}
		if want := fmt.Sprintf("A%d", 11-tt.n); len(v.Days) != 1 || titles(v.Days[0].Articles)[0] != want {
			t.Errorf("%s: days %v, want %s only", path, dayTitles(v.Days), want)
		}
	}
	if hasPage(s, "page/11/index.html") || !hasPage(s, "page/10/index.html") {
		t.Errorf("want 10 home pages, got %v", paths(s))
	}
}
