package site

import (
	"net/url"
	"time"
)

// Social is what link previews (OpenGraph, Twitter cards) and search
// engines (schema.org JSON-LD) read about a page. Templates write it in the
// page head; html/template escapes every value for its context, so content
// cannot break out of an attribute or of the JSON-LD script.
type Social struct {
	Type      string // OpenGraph type: "website" or "article"
	Image     string // absolute URL
	ImageAlt  string
	Published time.Time
	Modified  time.Time
	Section   string   // the main topic
	Tags      []string // topic names
	// JSONLD is the page's schema.org description, as JSON-ready data.
	JSONLD map[string]any
}

// absolute resolves ref against the absolute URL base.
func absolute(ref, base string) string {
	b, err := url.Parse(base)
	if err != nil {
		return ref
	}
	r, err := url.Parse(ref)
	if err != nil {
		return ref
	}
	return b.ResolveReference(r).String()
}

func iso(t time.Time) string { return t.Format(time.RFC3339) }

func publisher(info *Info) map[string]any {
	return map[string]any{"@type": "Organization", "name": info.Title, "url": info.AbsURL("")}
}

// articleSocial describes an article: a NewsArticle based on its sources.
func articleSocial(info *Info, a *Article) Social {
	s := Social{Type: "article", Published: a.Date, Modified: a.LastChange()}
	ld := map[string]any{
		"@context":         "https://schema.org",
		"@type":            "NewsArticle",
		"headline":         a.Title,
		"description":      a.Summary,
		"url":              a.Permalink,
		"mainEntityOfPage": a.Permalink,
		"datePublished":    iso(a.Date),
		"dateModified":     iso(a.LastChange()),
		"author":           publisher(info),
		"publisher":        publisher(info),
		"inLanguage":       info.Language,
	}
	if a.Image != nil {
		s.Image, s.ImageAlt = absolute(a.Image.Src, a.Permalink), a.Image.Alt
		ld["image"] = []string{s.Image}
	}
	for i, t := range a.Topics {
		if i == 0 {
			s.Section = t.Name
			ld["articleSection"] = t.Name
		}
		s.Tags = append(s.Tags, t.Name)
	}
	if len(s.Tags) > 0 {
		ld["keywords"] = s.Tags
	}
	var based []any
	for _, src := range a.Sources {
		w := map[string]any{"@type": "CreativeWork", "publisher": map[string]any{"@type": "Organization", "name": src.Name}}
		if src.URL != "" {
			w["url"] = src.URL
		}
		if src.Author != "" {
			w["author"] = map[string]any{"@type": "Person", "name": src.Author}
		}
		based = append(based, w)
	}
	if len(based) > 0 {
		ld["isBasedOn"] = based
	}
	var about []any
	for _, p := range a.People {
		about = append(about, map[string]any{"@type": "Person", "name": p.Name})
	}
	for _, p := range a.Places {
		about = append(about, map[string]any{"@type": "Place", "name": p.Name})
	}
	if len(about) > 0 {
		ld["about"] = about
	}
	s.JSONLD = ld
	return s
}

// topicSocial describes a topic page: a CollectionPage listing its items.
func topicSocial(info *Info, t *Topic, permalink, desc string) Social {
	var items []any
	for i, a := range t.Articles {
		items = append(items, map[string]any{"@type": "ListItem", "position": i + 1, "url": a.Permalink, "name": a.Title})
	}
	ld := map[string]any{
		"@context":    "https://schema.org",
		"@type":       "CollectionPage",
		"name":        t.Name,
		"description": desc,
		"url":         permalink,
		"isPartOf":    map[string]any{"@type": "WebSite", "name": info.Title, "url": info.AbsURL("")},
		"mainEntity":  map[string]any{"@type": "ItemList", "numberOfItems": t.Count, "itemListElement": items},
	}
	return Social{Type: "website", JSONLD: ld}
}
