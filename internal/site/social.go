package site

import (
	"encoding/json"
	"html/template"
	"net/url"
	"time"

	"digest/internal/fingerprint"
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
	fp        fingerprint.Sum
	ld        func() map[string]any
}

// JSONLD returns the page's schema.org description as JSON, ready for a
// <script type="application/ld+json"> block. encoding/json escapes <, >,
// &, U+2028 and U+2029, so no value can close the script or change its
// meaning; marshalling here once is much faster than html/template's
// escaper walking a map. It is made when a template asks for it and not
// kept: most pages of a rebuild are not rendered at all.
func (s *Social) JSONLD() template.JS {
	if s.ld == nil {
		return ""
	}
	b, err := json.Marshal(s.ld())
	if err != nil {
		return ""
	}
	return template.JS(b)
}

// Fingerprint implements fingerprint.Leaf. Social is a pure function of
// the site's info and of the article or topic it describes, so its
// fingerprint is theirs, and its maps need not be hashed per page.
func (s *Social) Fingerprint() fingerprint.Sum { return s.fp }

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
func articleSocial(info *Info, a *Article) *Social {
	// The article's fingerprint covers the site settings used here.
	s := &Social{Type: "article", Published: a.Date, Modified: a.LastChange(), fp: a.fp}
	if a.Image != nil {
		s.Image, s.ImageAlt = absolute(a.Image.Src, a.Permalink), a.Image.Alt
	}
	for i, t := range a.Topics {
		if i == 0 {
			s.Section = t.Name
		}
		s.Tags = append(s.Tags, t.Name)
	}
	s.ld = func() map[string]any { return articleLD(info, a, s) }
	return s
}

// articleLD is an article's NewsArticle description.
func articleLD(info *Info, a *Article, s *Social) map[string]any {
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
	if s.Image != "" {
		ld["image"] = []string{s.Image}
	}
	if s.Section != "" {
		ld["articleSection"] = s.Section
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
	return ld
}

// topicSocial describes a topic page: a CollectionPage listing its items.
func topicSocial(info *Info, t *Topic, permalink, desc string) *Social {
	s := &Social{Type: "website", fp: fingerprint.Sums(info.fp, t.fp, fingerprint.Strings(permalink, desc))}
	s.ld = func() map[string]any { return topicLD(info, t, permalink, desc) }
	return s
}

// topicLD is a topic page's CollectionPage description.
func topicLD(info *Info, t *Topic, permalink, desc string) map[string]any {
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
	return ld
}

// website is the Social of pages without their own description.
func website() *Social {
	return &Social{Type: "website", fp: fingerprint.Strings("website")}
}
