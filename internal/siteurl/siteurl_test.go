package siteurl

import (
	"net/url"
	"testing"
)

func TestBase(t *testing.T) {
	for _, tt := range []struct {
		base, path                     string
		href, abs, rebased, keptAsItIs string
	}{
		{"https://example.org/", "/", "/topics/kyiv%20talks/", "https://example.org/topics/kyiv%20talks/", "/img/a.png", "//cdn.example/x"},
		{"https://user.github.io/repo/", "/repo/", "/repo/topics/kyiv%20talks/", "https://user.github.io/repo/topics/kyiv%20talks/", "/repo/img/a.png", "//cdn.example/x"},
		{"/", "/", "/topics/kyiv%20talks/", "/topics/kyiv%20talks/", "/img/a.png", "//cdn.example/x"},
		{"https://example.org/a%20b/", "/a%20b/", "/a%20b/topics/kyiv%20talks/", "https://example.org/a%20b/topics/kyiv%20talks/", "/a%20b/img/a.png", "//cdn.example/x"},
	} {
		b := New(tt.base)
		if b.Path() != tt.path || b.URL() != tt.base {
			t.Errorf("%s: path %q, url %q", tt.base, b.Path(), b.URL())
		}
		if got := b.Href("topics/kyiv talks/"); got != tt.href {
			t.Errorf("%s: Href = %q, want %q", tt.base, got, tt.href)
		}
		if got := b.Abs("topics/kyiv talks/"); got != tt.abs {
			t.Errorf("%s: Abs = %q, want %q", tt.base, got, tt.abs)
		}
		if got := b.Rebase("/img/a.png"); got != tt.rebased {
			t.Errorf("%s: Rebase = %q, want %q", tt.base, got, tt.rebased)
		}
		for _, ref := range []string{tt.keptAsItIs, "img/a.png", "https://x.org/a", "#top"} {
			if got := b.Rebase(ref); got != ref {
				t.Errorf("%s: Rebase(%q) = %q, want it kept", tt.base, ref, got)
			}
		}
	}
	if (Base{}).Path() != "/" {
		t.Error("the zero Base is not served at /")
	}
}

func TestSitePath(t *testing.T) {
	b := New("https://user.github.io/repo/")
	from, _ := url.Parse("/repo/2025/08/15/summit/")
	for dest, want := range map[string]string{
		"/repo/topics/x/": "topics/x/", "../../16/other/": "2025/08/16/other/", "img.png": "2025/08/15/summit/img.png",
		"/elsewhere/": "/elsewhere/", "?page=2": "2025/08/15/summit/",
	} {
		if got, ok := b.SitePath(from, dest); !ok || got != want {
			t.Errorf("SitePath(%q) = %q, %v; want %q", dest, got, ok, want)
		}
	}
	for _, dest := range []string{"https://x.org/", "//cdn/x", "#frag", "mailto:a@b.c", "%zz"} {
		if got, ok := b.SitePath(from, dest); ok {
			t.Errorf("SitePath(%q) = %q: a link that leaves the site or has no path", dest, got)
		}
	}
}

func TestResolve(t *testing.T) {
	for _, tt := range []struct{ ref, base, want string }{
		{"img/a.png", "https://e.org/2025/x/", "https://e.org/2025/x/img/a.png"},
		{"/img/a.png", "https://e.org/2025/x/", "https://e.org/img/a.png"},
		{"https://cdn.org/a.png", "https://e.org/x/", "https://cdn.org/a.png"},
		{"//cdn.org/a.png", "https://e.org/x/", "//cdn.org/a.png"},
		{" img.png ", "https://e.org/x/", "https://e.org/x/img.png"},
	} {
		if got := Resolve(tt.ref, tt.base); got != tt.want {
			t.Errorf("Resolve(%q, %q) = %q, want %q", tt.ref, tt.base, got, tt.want)
		}
	}
}
