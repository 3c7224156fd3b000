package render

import (
	"bytes"
	"encoding/xml"
	"fmt"
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
