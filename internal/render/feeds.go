package render

import (
	"bytes"
	"encoding/json"
	"encoding/xml"
	"fmt"
	"html"
	"strings"
	"time"

	"digest/internal/content"
	"digest/internal/site"
)

// MaxFeedSize is the size a feed stays under: some aggregators refuse
// larger ones. Items beyond what fits carry their summary only.
const MaxFeedSize = 1 << 20

// articleHTML returns an article's feed content, computed once per build
// although the article is in the site's feeds and in each of its topics'.
func (t *Templates) articleHTML(a *site.Article) (string, error) {
	return t.feedHTML.get(memoKey{"", a.Fingerprint()}, func() (string, error) { return itemHTML(a) })
}

// feed renders a feed, dropping full content from the oldest items until
// it fits under MaxFeedSize, and then, if summaries alone are too long,
// the oldest items. content gives an article's HTML.
func feed(v *site.FeedView, content func(*site.Article) (string, error), buf *bytes.Buffer) ([]byte, error) {
	full := 0
	if v.FullContent {
		full = len(v.Articles)
	}
	for {
		buf.Reset()
		err := feedWith(v, full, content, buf)
		b := buf.Bytes()
		if err != nil || len(b) <= MaxFeedSize || len(v.Articles) <= 1 && len(v.Editions) <= 1 {
			return b, err
		}
		if len(v.Editions) > 1 { // the oldest editions go
			shorter := *v
			shorter.Editions = v.Editions[:len(v.Editions)/2]
			v = &shorter
			continue
		}
		if full > 0 {
			full /= 2
			continue
		}
		shorter := *v
		shorter.Articles = v.Articles[:len(v.Articles)/2]
		v = &shorter
	}
}

// feedWith renders a feed in its format, the first full items with their
// content.
func feedWith(v *site.FeedView, full int, content func(*site.Article) (string, error), buf *bytes.Buffer) error {
	switch v.Kind {
	case site.KindRSS:
		return rss(v, full, content, buf)
	case site.KindAtom:
		return atom(v, full, content, buf)
	}
	return jsonFeed(v, full, content, buf)
}

// itemHTML is an article's content for feeds: its body with absolute
// URLs, followed by the credit of its sources.
func itemHTML(a *site.Article) (string, error) {
	body, err := a.Body()
	if err != nil {
		return "", err
	}
	var b strings.Builder
	b.WriteString(absolutize(string(body), a.Permalink))
	if len(a.Sources) > 0 {
		b.WriteString("<p>Source: ")
		for i, s := range a.Sources {
			if i > 0 {
				b.WriteString(", ")
			}
			if s.URL != "" {
				fmt.Fprintf(&b, `<a href="%s">%s</a>`, html.EscapeString(s.URL), html.EscapeString(s.Name))
			} else {
				b.WriteString(html.EscapeString(s.Name))
			}
		}
		b.WriteString("</p>")
	}
	return b.String(), nil
}

// itemID is an article's feed identifier: its id if the editor set one,
// else its permalink.
func itemID(a *site.Article) (string, bool) {
	if a.ID != "" {
		return a.ID, false
	}
	return a.Permalink, true
}

func sourceURL(sources []content.Source) (string, string) {
	for _, s := range sources {
		if s.URL != "" {
			return s.URL, s.Name
		}
	}
	return "", ""
}

type rssDoc struct {
	XMLName xml.Name   `xml:"rss"`
	Version string     `xml:"version,attr"`
	Atom    string     `xml:"xmlns:atom,attr"`
	Content string     `xml:"xmlns:content,attr"`
	Channel rssChannel `xml:"channel"`
}

type rssChannel struct {
	Title         string    `xml:"title"`
	Link          string    `xml:"link"`
	Description   string    `xml:"description"`
	Language      string    `xml:"language,omitempty"`
	Generator     string    `xml:"generator,omitempty"`
	LastBuildDate string    `xml:"lastBuildDate,omitempty"`
	Self          rssLink   `xml:"atom:link"`
	Items         []rssItem `xml:"item"`
}

type rssLink struct {
	Href string `xml:"href,attr"`
	Rel  string `xml:"rel,attr"`
	Type string `xml:"type,attr"`
}

type rssItem struct {
	Title       string     `xml:"title"`
	Link        string     `xml:"link"`
	GUID        rssGUID    `xml:"guid"`
	PubDate     string     `xml:"pubDate"`
	Description string     `xml:"description,omitempty"`
	Content     *cdata     `xml:"content:encoded,omitempty"`
	Categories  []string   `xml:"category"`
	Source      *rssSource `xml:"source,omitempty"`
}

type rssGUID struct {
	IsPermaLink bool   `xml:"isPermaLink,attr"`
	Value       string `xml:",chardata"`
}

type rssSource struct {
	URL  string `xml:"url,attr"`
	Name string `xml:",chardata"`
}

// cdata holds HTML that XML readers get back exactly; a "]]>" inside is
// split across two sections.
type cdata struct {
	Text string `xml:",cdata"`
}

func rss(v *site.FeedView, full int, content func(*site.Article) (string, error), buf *bytes.Buffer) error {
	doc := rssDoc{Version: "2.0", Atom: "http://www.w3.org/2005/Atom", Content: "http://purl.org/rss/1.0/modules/content/",
		Channel: rssChannel{Title: v.FeedTitle, Link: v.HomeURL, Description: nonEmpty(v.Description, v.FeedTitle),
			Language: v.Site.Language, Generator: v.Site.Generator,
			Self: rssLink{Href: v.Permalink, Rel: "self", Type: "application/rss+xml"}}}
	if !v.Updated.IsZero() {
		doc.Channel.LastBuildDate = v.Updated.Format(time.RFC1123Z)
	}
	for _, e := range entriesOf(v, full, content) {
		it := rssItem{Title: e.title, Link: e.url, GUID: rssGUID{IsPermaLink: e.isLink, Value: e.id},
			PubDate: e.published.Format(time.RFC1123Z), Description: e.summary}
		if e.content != nil {
			html, err := e.content()
			if err != nil {
				return err
			}
			it.Content = &cdata{Text: html}
		}
		for _, t := range e.topics {
			it.Categories = append(it.Categories, t.Name)
		}
		if u, name := sourceURL(e.sources); u != "" {
			it.Source = &rssSource{URL: u, Name: name}
		}
		doc.Channel.Items = append(doc.Channel.Items, it)
	}
	return marshalXML(buf, doc)
}

type atomFeed struct {
	XMLName  xml.Name    `xml:"http://www.w3.org/2005/Atom feed"`
	Lang     string      `xml:"xml:lang,attr,omitempty"`
	Title    string      `xml:"title"`
	Subtitle string      `xml:"subtitle,omitempty"`
	ID       string      `xml:"id"`
	Updated  string      `xml:"updated"`
	Links    []atomLink  `xml:"link"`
	Author   atomPerson  `xml:"author"`
	Gen      string      `xml:"generator,omitempty"`
	Entries  []atomEntry `xml:"entry"`
}

type atomLink struct {
	Href  string `xml:"href,attr"`
	Rel   string `xml:"rel,attr,omitempty"`
	Type  string `xml:"type,attr,omitempty"`
	Title string `xml:"title,attr,omitempty"`
}

type atomPerson struct {
	Name string `xml:"name"`
}

type atomText struct {
	Type string `xml:"type,attr"`
	Text string `xml:",chardata"`
}

// atomHTML is HTML content, in a CDATA section as in RSS: the same text
// to an XML reader, without escaping every tag of every body.
type atomHTML struct {
	Type string `xml:"type,attr"`
	Text string `xml:",cdata"`
}

type atomCategory struct {
	Term  string `xml:"term,attr"`
	Label string `xml:"label,attr,omitempty"`
}

type atomEntry struct {
	Title      string         `xml:"title"`
	Links      []atomLink     `xml:"link"`
	ID         string         `xml:"id"`
	Published  string         `xml:"published"`
	Updated    string         `xml:"updated"`
	Summary    *atomText      `xml:"summary,omitempty"`
	Content    *atomHTML      `xml:"content,omitempty"`
	Categories []atomCategory `xml:"category"`
}

func atom(v *site.FeedView, full int, content func(*site.Article) (string, error), buf *bytes.Buffer) error {
	f := atomFeed{Lang: v.Site.Language, Title: v.FeedTitle, Subtitle: v.Description, ID: v.ID,
		Updated: rfc3339(v.Updated), Author: atomPerson{Name: v.Site.Title}, Gen: v.Site.Generator,
		Links: []atomLink{{Href: v.Permalink, Rel: "self", Type: "application/atom+xml"}, {Href: v.HomeURL, Rel: "alternate", Type: "text/html"}}}
	for _, en := range entriesOf(v, full, content) {
		e := atomEntry{Title: en.title, ID: en.id, Published: rfc3339(en.published), Updated: rfc3339(en.updated),
			Links: []atomLink{{Href: en.url, Rel: "alternate", Type: "text/html"}}}
		if en.summary != "" {
			e.Summary = &atomText{Type: "text", Text: en.summary}
		}
		if en.content != nil {
			html, err := en.content()
			if err != nil {
				return err
			}
			e.Content = &atomHTML{Type: "html", Text: html}
		}
		for _, s := range en.sources {
			if s.URL != "" {
				e.Links = append(e.Links, atomLink{Href: s.URL, Rel: "related", Type: "text/html", Title: s.Name})
			}
		}
		for _, t := range en.topics {
			e.Categories = append(e.Categories, atomCategory{Term: t.Slug, Label: t.Name})
		}
		f.Entries = append(f.Entries, e)
	}
	return marshalXML(buf, f)
}

func rfc3339(t time.Time) string {
	if t.IsZero() {
		t = time.Unix(0, 0).UTC()
	}
	return t.Format(time.RFC3339)
}

func nonEmpty(a, b string) string {
	if a != "" {
		return a
	}
	return b
}

// marshalXML writes v as an XML document to buf, which the caller
// provides: feeds of a megabyte grown from an empty buffer spent more time
// allocating and clearing memory than encoding.
func marshalXML(buf *bytes.Buffer, v any) error {
	buf.WriteString(xml.Header)
	enc := xml.NewEncoder(buf)
	enc.Indent("", "  ")
	if err := enc.Encode(v); err != nil {
		return fmt.Errorf("writing feed: %w", err)
	}
	buf.WriteByte('\n')
	return nil
}

type jsonFeedDoc struct {
	Version     string         `json:"version"`
	Title       string         `json:"title"`
	HomePageURL string         `json:"home_page_url"`
	FeedURL     string         `json:"feed_url"`
	Description string         `json:"description,omitempty"`
	Language    string         `json:"language,omitempty"`
	Authors     []jsonAuthor   `json:"authors,omitempty"`
	Items       []jsonFeedItem `json:"items"`
}

type jsonAuthor struct {
	Name string `json:"name"`
}

type jsonFeedItem struct {
	ID            string   `json:"id"`
	URL           string   `json:"url"`
	ExternalURL   string   `json:"external_url,omitempty"`
	Title         string   `json:"title"`
	ContentHTML   string   `json:"content_html,omitempty"`
	ContentText   string   `json:"content_text,omitempty"`
	Summary       string   `json:"summary,omitempty"`
	Image         string   `json:"image,omitempty"`
	DatePublished string   `json:"date_published"`
	DateModified  string   `json:"date_modified,omitempty"`
	Tags          []string `json:"tags,omitempty"`
}

func jsonFeed(v *site.FeedView, full int, content func(*site.Article) (string, error), buf *bytes.Buffer) error {
	doc := jsonFeedDoc{Version: "https://jsonfeed.org/version/1.1", Title: v.FeedTitle, HomePageURL: v.HomeURL,
		FeedURL: v.Permalink, Description: v.Description, Language: v.Site.Language,
		Authors: []jsonAuthor{{Name: v.Site.Title}}, Items: []jsonFeedItem{}}
	for _, e := range entriesOf(v, full, content) {
		it := jsonFeedItem{ID: e.id, URL: e.url, Title: e.title, Summary: e.summary, DatePublished: rfc3339(e.published)}
		if e.content != nil {
			html, err := e.content()
			if err != nil {
				return err
			}
			it.ContentHTML = html
		} else {
			it.ContentText = nonEmpty(e.summary, e.title)
		}
		if e.updated.After(e.published) {
			it.DateModified = rfc3339(e.updated)
		}
		it.ExternalURL, _ = sourceURL(e.sources)
		it.Image = e.image
		for _, t := range e.topics {
			it.Tags = append(it.Tags, t.Name)
		}
		doc.Items = append(doc.Items, it)
	}
	// Not indented, and HTML left unescaped (JSON needs neither): feeds
	// are read by programs, and both passes took as long as the rest.
	enc := json.NewEncoder(buf)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(doc); err != nil {
		return fmt.Errorf("writing feed: %w", err)
	}
	return nil
}
