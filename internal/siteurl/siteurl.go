// Package siteurl is the only code that knows a site's base URL and the
// path it is served under: it makes the hrefs and absolute URLs of site
// paths, gives root-relative links the base path (a site served from
// https://example.org/repo/ links /topics/x/ as /repo/topics/x/), turns
// links back into site paths for the link checker, and resolves
// references against a page's URL for feeds and link previews.
package siteurl

import (
	"net/url"
	"strings"
)

// Base is a site's base URL.
type Base struct {
	url  string // absolute, ending in "/"; or "/" when unknown
	path string // escaped: "/" or "/repo/"
}

// New returns the base of a site whose base URL is u: absolute and ending
// in "/", or "/" when unknown.
func New(u string) Base {
	b := Base{url: u, path: "/"}
	if p, err := url.Parse(u); err == nil && p.Path != "" {
		b.path = strings.TrimSuffix(p.EscapedPath(), "/") + "/"
	}
	return b
}

// URL returns the base URL.
func (b Base) URL() string { return b.url }

// Path returns the URL path the site is served under: "/" or "/repo/".
func (b Base) Path() string {
	if b.path == "" {
		return "/"
	}
	return b.path
}

// Href returns the href of a site path ("topics/x/"): the base path and
// the path with each segment escaped.
func (b Base) Href(p string) string { return b.Path() + escape(p) }

// Abs returns the absolute URL of a site path, or its href when the base
// URL is not known.
func (b Base) Abs(p string) string {
	if strings.HasPrefix(b.url, "http") {
		return strings.TrimSuffix(b.url, "/") + "/" + escape(p)
	}
	return b.Href(p)
}

// Rebase gives a root-relative reference ("/img/a.png") the base path,
// as a link written in Markdown gets; other references are kept as they
// are.
func (b Base) Rebase(ref string) string {
	if strings.HasPrefix(ref, "/") && !strings.HasPrefix(ref, "//") && b.Path() != "/" {
		return b.Path() + ref[1:]
	}
	return ref
}

// SitePath resolves a link destination against the URL of the page it is
// on and returns the site path it points to ("topics/x/"), or false for a
// link that leaves the site, has no path, or does not parse. A path
// outside the base path is returned as it is.
func (b Base) SitePath(from *url.URL, dest string) (string, bool) {
	u, err := url.Parse(strings.TrimSpace(dest))
	if err != nil || u.Scheme != "" || u.Host != "" || (u.Path == "" && u.RawQuery == "") {
		return "", false
	}
	p := from.ResolveReference(u).Path
	if !strings.HasPrefix(p, b.Path()) {
		return p, true
	}
	return strings.TrimPrefix(p, b.Path()), true
}

// Resolve returns ref resolved against the URL base, for a reader that
// sees it away from its page (a feed, a link preview). A reference that
// is already absolute, or that does not parse, is returned as it is.
func Resolve(ref, base string) string {
	b, err := url.Parse(base)
	if err != nil {
		return ref
	}
	abs, _ := ResolveURL(b, ref)
	return abs
}

// ResolveURL resolves a relative reference against base; it reports
// false, and returns ref, for a reference that is absolute (or
// protocol-relative) or does not parse.
func ResolveURL(base *url.URL, ref string) (string, bool) {
	ref = strings.TrimSpace(ref)
	u, err := url.Parse(ref)
	if err != nil || u.IsAbs() || strings.HasPrefix(ref, "//") {
		return ref, false
	}
	return base.ResolveReference(u).String(), true
}

func escape(p string) string {
	segs := strings.Split(p, "/")
	for i, s := range segs {
		segs[i] = url.PathEscape(s)
	}
	return strings.Join(segs, "/")
}
