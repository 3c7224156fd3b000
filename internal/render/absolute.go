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
var urlAttrs = map[string]bool{"href": true, "src": true, "poster": true, "cite": true, "srcset": true}

// absolutize rewrites relative URLs in an HTML fragment against base, for
// feeds: a reader shows an item away from its page, so "/topics/x/" and
// "../img.png" must become full URLs. Everything else is kept as written.
func absolutize(fragment string, base string) string {
	b, err := url.Parse(base)
	if err != nil || !b.IsAbs() {
		return fragment
	}
	// A fragment without any of the attributes, however spelt (raw HTML
	// may write HREF = "..."), is kept as it is without tokenizing it.
	if !containsFold(fragment, "href") && !containsFold(fragment, "src") &&
		!containsFold(fragment, "poster") && !containsFold(fragment, "cite") {
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
			if a.Key == "srcset" {
				if abs, ok := resolveSrcset(b, a.Val); ok {
					tok.Attr[i].Val = abs
					changed = true
				}
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

// resolveSrcset resolves each image candidate of a srcset ("a.jpg 480w,
// b.jpg 960w") against base, keeping its descriptor.
func resolveSrcset(base *url.URL, srcset string) (string, bool) {
	cands := strings.Split(srcset, ",")
	changed := false
	for i, c := range cands {
		fields := strings.Fields(c)
		if len(fields) == 0 {
			continue
		}
		if abs, ok := siteurl.ResolveURL(base, fields[0]); ok {
			fields[0] = abs
			changed = true
		}
		cands[i] = strings.Join(fields, " ")
	}
	if !changed {
		return srcset, false
	}
	return strings.Join(cands, ", "), true
}

// containsFold reports whether s contains the lower-case ASCII word sub,
// in any case.
func containsFold(s, sub string) bool {
	for i := 0; i+len(sub) <= len(s); i++ {
		if s[i]|0x20 == sub[0] && strings.EqualFold(s[i:i+len(sub)], sub) {
			return true
		}
	}
	return false
}
