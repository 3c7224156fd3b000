package render

import (
	"fmt"
	"html"
	"strings"
	"time"

	"digest/internal/content"
	"digest/internal/site"
)

// feedEntry is one entry of a feed, in any format: an article, or an
// edition in the editions' feeds.
type feedEntry struct {
	id                  string
	isLink              bool // the id is the entry's URL
	title, url, summary string
	published, updated  time.Time
	content             func() (string, error) // the entry's HTML; nil: none
	topics              []site.Ref
	sources             []content.Source
	image               string // absolute
}

// entriesOf lists a feed's entries; the first full articles carry their
// content, from content.
func entriesOf(v *site.FeedView, full int, content func(*site.Article) (string, error)) []feedEntry {
	if v.Editions != nil {
		out := make([]feedEntry, len(v.Editions))
		for i, e := range v.Editions {
			body := editionHTML(e)
			out[i] = feedEntry{id: e.Permalink, isLink: true, title: e.Title, url: e.Permalink, summary: editionSummary(e),
				published: e.Start, updated: e.Updated, content: func() (string, error) { return body, nil }}
		}
		return out
	}
	out := make([]feedEntry, len(v.Articles))
	for i, a := range v.Articles {
		id, isLink := itemID(a)
		e := feedEntry{id: id, isLink: isLink, title: a.Title, url: a.Permalink, summary: a.Summary,
			published: a.Date, updated: a.LastChange(), topics: a.Topics, sources: a.Sources}
		if i < full {
			e.content = func() (string, error) { return content(a) }
		}
		if a.Image != nil {
			e.image = absoluteURL(a.Image.Src, a.Permalink)
		}
		out[i] = e
	}
	return out
}

// editionSummary is an edition's summary: its note's title, else its
// count of items.
func editionSummary(e *site.Edition) string {
	n := fmt.Sprintf("%d items", e.Count)
	if e.Count == 1 {
		n = "1 item"
	}
	if e.NoteTitle != "" {
		return e.NoteTitle + " (" + n + ")"
	}
	return n
}

// editionHTML is an edition's feed content: the editor's note, then each
// topic's headlines, linked, with their sources.
func editionHTML(e *site.Edition) string {
	var b strings.Builder
	if e.Note != "" {
		b.WriteString(absolutize(string(e.Note), e.Permalink))
	}
	for _, g := range e.Groups {
		name := "Other news"
		if g.Topic != nil {
			name = g.Topic.Name
		}
		fmt.Fprintf(&b, "<h2>%s</h2>\n<ul>\n", html.EscapeString(name))
		for _, a := range g.Articles {
			fmt.Fprintf(&b, `<li><a href="%s">%s</a>`, html.EscapeString(a.Permalink), html.EscapeString(a.Title))
			for i, s := range a.Sources {
				sep := ", "
				if i == 0 {
					sep = " — "
				}
				b.WriteString(sep + html.EscapeString(s.Name))
			}
			b.WriteString("</li>\n")
		}
		b.WriteString("</ul>\n")
	}
	return b.String()
}
