package site

import (
	"encoding/json"
	"html/template"
	"time"

	"digest/internal/fingerprint"
	"digest/internal/siteurl"
)

// Social is what link previews (OpenGraph, Twitter cards) and search
// engines (schema.org JSON-LD) read about a page. Templates write it in the
// page head; html/template escapes every value for its context, so content
// cannot break out of an attribute or of the JSON-LD script.
type Social struct {
	Type     string // OpenGraph type: "website" or "article"
	Image    string // absolute URL
	ImageAlt string
	// ImageWidth and ImageHeight are the image's size, 0 when unknown
	// (an outside URL).
	ImageWidth, ImageHeight int
	Published               time.Time
	Modified                time.Time
	Section                 string   // the main topic
	Tags                    []string // topic names
	fp                      fingerprint.Sum
	ld                      func() any
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

func iso(t time.Time) string { return t.Format(time.RFC3339) }

// ldThing is a schema.org node. Typed structs marshal faster than maps,
// and keep their keys in this order.
type ldThing struct {
	Context          string     `json:"@context,omitempty"`
	Type             string     `json:"@type"`
	Name             string     `json:"name,omitempty"`
	Headline         string     `json:"headline,omitempty"`
	Description      string     `json:"description,omitempty"`
	URL              string     `json:"url,omitempty"`
	MainEntityOfPage string     `json:"mainEntityOfPage,omitempty"`
	DatePublished    string     `json:"datePublished,omitempty"`
	DateModified     string     `json:"dateModified,omitempty"`
	Author           *ldThing   `json:"author,omitempty"`
	Publisher        *ldThing   `json:"publisher,omitempty"`
	InLanguage       string     `json:"inLanguage,omitempty"`
	Image            []string   `json:"image,omitempty"`
	ArticleSection   string     `json:"articleSection,omitempty"`
	Keywords         []string   `json:"keywords,omitempty"`
	IsBasedOn        []*ldThing `json:"isBasedOn,omitempty"`
	About            []*ldThing `json:"about,omitempty"`
	IsPartOf         *ldThing   `json:"isPartOf,omitempty"`
	MainEntity       *ldThing   `json:"mainEntity,omitempty"`
	NumberOfItems    *int       `json:"numberOfItems,omitempty"`
	ItemListElement  []*ldItem  `json:"itemListElement,omitempty"`
}

// ldItem is one entry of a schema.org ItemList.
type ldItem struct {
	Type     string `json:"@type"`
	Position int    `json:"position"`
	URL      string `json:"url"`
	Name     string `json:"name"`
}

func publisher(info *Info) *ldThing {
	return &ldThing{Type: "Organization", Name: info.Title, URL: info.AbsURL("")}
}

// articleSocial describes an article: a NewsArticle based on its sources.
func articleSocial(info *Info, a *Article) *Social {
	// The article's fingerprint covers the site settings used here.
	s := &Social{Type: "article", Published: a.Date, Modified: a.LastChange(), fp: a.fp}
	switch {
	case a.Card != nil:
		s.Image, s.ImageAlt, s.ImageWidth, s.ImageHeight = a.Card.URL, a.Card.Alt, a.Card.Width, a.Card.Height
	case a.Image != nil:
		s.Image, s.ImageAlt = siteurl.Resolve(a.Image.Src, a.Permalink), a.Image.Alt
	}
	for i, t := range a.Topics {
		if i == 0 {
			s.Section = t.Name
		}
		s.Tags = append(s.Tags, t.Name)
	}
	s.ld = func() any { return articleLD(info, a, s) }
	return s
}

// articleLD is an article's NewsArticle description.
func articleLD(info *Info, a *Article, s *Social) *ldThing {
	ld := &ldThing{
		Context:          "https://schema.org",
		Type:             "NewsArticle",
		Headline:         a.Title,
		Description:      a.Summary,
		URL:              a.Permalink,
		MainEntityOfPage: a.Permalink,
		DatePublished:    iso(a.Date),
		DateModified:     iso(a.LastChange()),
		Author:           publisher(info),
		Publisher:        publisher(info),
		InLanguage:       info.Language,
		ArticleSection:   s.Section,
		Keywords:         s.Tags,
	}
	if s.Image != "" {
		ld.Image = []string{s.Image}
	}
	for _, src := range a.Sources {
		w := &ldThing{Type: "CreativeWork", URL: src.URL, Publisher: &ldThing{Type: "Organization", Name: src.Name}}
		if src.Author != "" {
			w.Author = &ldThing{Type: "Person", Name: src.Author}
		}
		ld.IsBasedOn = append(ld.IsBasedOn, w)
	}
	for _, p := range a.People {
		ld.About = append(ld.About, &ldThing{Type: "Person", Name: p.Name})
	}
	for _, p := range a.Places {
		ld.About = append(ld.About, &ldThing{Type: "Place", Name: p.Name})
	}
	return ld
}

// topicSocial describes a topic page: a CollectionPage listing the items
// it shows.
func topicSocial(info *Info, t *Topic, permalink, desc string, shown []*Teaser) *Social {
	sums := []fingerprint.Sum{info.fp, t.fp, fingerprint.Strings(permalink, desc)}
	for _, a := range shown {
		sums = append(sums, a.fp)
	}
	s := &Social{Type: "website", fp: fingerprint.Sums(sums...)}
	s.ld = func() any { return topicLD(info, t, permalink, desc, shown) }
	return s
}

// topicLD is a topic page's CollectionPage description.
func topicLD(info *Info, t *Topic, permalink, desc string, shown []*Teaser) *ldThing {
	items := make([]*ldItem, len(shown))
	for i, a := range shown {
		items[i] = &ldItem{Type: "ListItem", Position: i + 1, URL: a.Permalink, Name: a.Title}
	}
	count := t.Count
	return &ldThing{
		Context:     "https://schema.org",
		Type:        "CollectionPage",
		Name:        t.Name,
		Description: desc,
		URL:         permalink,
		IsPartOf:    &ldThing{Type: "WebSite", Name: info.Title, URL: info.AbsURL("")},
		MainEntity:  &ldThing{Type: "ItemList", NumberOfItems: &count, ItemListElement: items},
	}
}

// website is the Social of pages without their own description.
func website() *Social {
	return &Social{Type: "website", fp: fingerprint.Strings("website")}
}
