package render

import (
	"bytes"
	"net/url"
	"strings"

	"golang.org/x/net/html"

	"digest/internal/siteurl"
)

// urlAttrs are the attributes holding URLs that feed readers need
// absolute.
var urlAttrs = map[string]bool{"href": true, "src": true, "poster": true, "cite": true}

// absolutize rewrites relative URLs in an HTML fragment against base, for
// feeds: a reader shows an item away from its page, so "/topics/x/" and
// "../img.png" must become full URLs. Everything else is kept as written.
func absolutize(fragment string, base string) string {
	b, err := url.Parse(base)
	if err != nil || !b.IsAbs() {
		return fragment
	}
	if !strings.Contains(fragment, "href=") && !strings.Contains(fragment, "src=") &&
		!strings.Contains(fragment, "poster=") && !strings.Contains(fragment, "cite=") {
		return fragment
	}
	z := html.NewTokenizer(strings.NewReader(fragment))
	var out bytes.Buffer
	out.Grow(len(fragment) + 256)
	for {
		tt := z.Next()
		if tt == html.ErrorToken {
			break
		}
		raw := z.Raw()
		if tt != html.StartTagToken && tt != html.SelfClosingTagToken {
			out.Write(raw)
			continue
		}
		tok := z.Token()
		changed := false
		for i, a := range tok.Attr {
			if a.Namespace != "" || !urlAttrs[a.Key] {
				continue
			}
			if abs, ok := siteurl.ResolveURL(b, a.Val); ok {
				tok.Attr[i].Val = abs
				changed = true
			}
		}
		if changed {
			out.WriteString(tok.String())
		} else {
			out.Write(raw)
		}
	}
	return out.String()
}

// absoluteURL returns ref resolved against base, or ref as it is when
// base is not absolute.
func absoluteURL(ref, base string) string {
	if b, err := url.Parse(base); err != nil || !b.IsAbs() {
		return ref
	}
	return siteurl.Resolve(ref, base)
}
