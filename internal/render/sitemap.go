package render

import (
	"bytes"
	"encoding/xml"
	"fmt"
	"html"
	"strings"

	"digest/internal/site"
)

type urlset struct {
	XMLName xml.Name     `xml:"http://www.sitemaps.org/schemas/sitemap/0.9 urlset"`
	URLs    []sitemapURL `xml:"url"`
}

type sitemapURL struct {
	Loc     string `xml:"loc"`
	LastMod string `xml:"lastmod,omitempty"`
}

func sitemap(v *site.SitemapView, buf *bytes.Buffer) ([]byte, error) {
	doc := urlset{}
	for _, e := range v.Entries {
		u := sitemapURL{Loc: e.Loc}
		if !e.LastMod.IsZero() {
			u.LastMod = rfc3339(e.LastMod)
		}
		doc.URLs = append(doc.URLs, u)
	}
	if err := marshalXML(buf, doc); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

func robots(v *site.RobotsView) []byte {
	var b strings.Builder
	b.WriteString("User-agent: *\nAllow: /\n")
	if strings.HasPrefix(v.Sitemap, "http") {
		fmt.Fprintf(&b, "\nSitemap: %s\n", v.Sitemap)
	}
	return []byte(b.String())
}

// redirect is the page at an alias of an item: it sends the reader on at
// once (meta refresh), tells search engines where the page now lives
// (canonical, noindex), and offers a link for the rest.
func redirect(v *site.RedirectView) []byte {
	lang := "en"
	if v.Site != nil && v.Site.Language != "" {
		lang = v.Site.Language
	}
	t, u := html.EscapeString(v.Target), html.EscapeString(v.TargetURL)
	title := html.EscapeString(v.Title)
	return []byte("<!DOCTYPE html>\n<html lang=\"" + html.EscapeString(lang) + "\">\n<head>\n<meta charset=\"utf-8\">\n" +
		"<title>Moved: " + title + "</title>\n<link rel=\"canonical\" href=\"" + t + "\">\n" +
		"<meta name=\"robots\" content=\"noindex\">\n<meta http-equiv=\"refresh\" content=\"0; url=" + u + "\">\n</head>\n" +
		"<body>\n<p>This page has moved: <a href=\"" + u + "\">" + title + "</a>.</p>\n</body>\n</html>\n")
}
