// Package site turns parsed content into the model of a site: every page
// it has, with its URL, output path and the data its template shows. It
// groups and sorts articles, builds topic timelines, people and place
// pages, the paginated home page and lists (lists.go), the archive of
// months, editions, related items and previous/next links,
// and checks what needs the whole site to check: duplicate URLs, topics
// without a file, and links to pages that do not exist. It does no I/O.
//
// Make builds the model in two steps (see skeleton.go): the skeleton, the
// site's shape, made from where items go; then the articles, lists and
// views on it. With the Memo of the last build, each is made again only
// when what it is made from changed (see memo.go and inputs.go): a clean
// build and a rebuild after an edit run the same code.
//
// Every view handed to a template is plain data. Article is a
// fingerprint.Leaf whose hash covers all a template can reach through it,
// so that fingerprint.Of(view) changes exactly when the page would.
package site

import (
	"html/template"
	"time"

	"digest/internal/content"
	"digest/internal/diag"
	"digest/internal/fingerprint"
	"digest/internal/siteurl"
)

// Options control which items are published and what the model knows of
// files it does not make itself.
type Options struct {
	Drafts  bool      // publish drafts
	Future  bool      // publish items dated after Now, or embargoed until after it
	Expired bool      // publish items whose expiryDate is past
	Now     time.Time // the build's notion of now, for future items
	// StaticFiles lists the output paths of static files ("img/a.png"),
	// for checking links to them.
	StaticFiles map[string]bool
	// Assets maps a static file's name ("style.css") to its URL, which
	// may be fingerprinted ("/style.3f2a9c1b.css").
	Assets map[string]string
	// Generator names the program for <meta name="generator">.
	Generator string
	// Memo, if set, carries work from one build to the next; a builder
	// passes the same one to each of its builds.
	Memo *Memo
	// Pictures, if set, finds the processed copies of the items' images.
	Pictures Pictures
	// Card is the site's own picture for link previews (image: in
	// _index.md), processed; nil if none.
	Card *Picture
}

// Ref links to a page: a topic, a person or a place.
type Ref struct {
	Name string // what the page is about, as shown
	Slug string
	URL  string // href, with the base path
}

// Article is a published item with its address and links.
type Article struct {
	*content.Item
	URL       string // href: the base path and the permalink, escaped
	Permalink string // absolute URL
	Path      string // output file, "2025/08/15/alaska-summit/index.html"
	Topics    []Ref  // main topic first
	People    []Ref
	Places    []Ref
	Future    bool              // dated after the build's now, or embargoed (published with --future)
	Expired   bool              // past its expiryDate (published with --expired)
	Image     *Image            // the item's image, its src made to work under the base path and beside a bundle's page
	Card      *Card             // its picture in link previews, nil if none
	fileLinks []string          // the URLs of the body's links to content files
	pictures  map[string]*Image // the body's processed images, by src as its HTML has them
	Teaser    *Teaser           // what lists show of it
	fp        fingerprint.Sum
	social    *Social
}

// Teaser is what lists show of an article: headline, dek, dateline,
// credits, topics, flags. Lists (home, timelines, people and places,
// "more on this story", previous and next) hold teasers, not articles, so
// that editing an article's body re-renders its own page and its feeds,
// not every page that lists it. Templates reach only these fields there.
type Teaser struct {
	File      string // the item's file
	Title     string
	URL       string
	Permalink string
	Summary   string
	Date      time.Time
	HasTime   bool
	Updated   time.Time
	Sources   []content.Source
	Topics    []Ref
	Image     *Image
	Milestone bool
	Draft     bool
	Future    bool
	Expired   bool
	fp        fingerprint.Sum
}

// Fingerprint implements fingerprint.Leaf.
func (t *Teaser) Fingerprint() fingerprint.Sum { return t.fp }

// LastChange is when the article last changed: its update, else its date.
func (t *Teaser) LastChange() time.Time {
	if !t.Updated.IsZero() && t.Updated.After(t.Date) {
		return t.Updated
	}
	return t.Date
}

func newTeaser(a *Article) *Teaser {
	t := &Teaser{File: a.File, Title: a.Title, URL: a.URL, Permalink: a.Permalink, Summary: a.Summary, Date: a.Date,
		HasTime: a.HasTime, Updated: a.Updated, Sources: a.Sources, Topics: a.Topics, Image: a.Image,
		Milestone: a.Milestone, Draft: a.Draft, Future: a.Future, Expired: a.Expired}
	t.fp = fingerprint.Of(*t)
	return t
}

// teasers returns the teasers of articles.
func teasers(as []*Article) []*Teaser {
	out := make([]*Teaser, len(as))
	for i, a := range as {
		out[i] = a.Teaser
	}
	return out
}

// Fingerprint implements fingerprint.Leaf: the item's own hash and
// everything derived for it here. It does not cover other articles, which
// views list themselves.
func (a *Article) Fingerprint() fingerprint.Sum { return a.fp }

// MainTopic returns the first topic, or nil.
func (a *Article) MainTopic() *Ref {
	if len(a.Topics) == 0 {
		return nil
	}
	return &a.Topics[0]
}

// Info is what every page knows of the site.
type Info struct {
	Title       string
	Description string
	Language    string
	BaseURL     string // absolute, ending in "/" ("/" when unknown)
	BasePath    string // "/" or "/repo/"
	Timezone    string
	Generator   string
	Assets      map[string]string
	Nav         []Ref // the topics of the navigation
	Feeds       Feeds // the site's feeds
	// EditionFeeds are the feeds of editions, an entry per edition.
	EditionFeeds Feeds
	// Card is the site's picture for link previews, shown for pages
	// without their own; nil if none.
	Card   *Card
	Params map[string]any
	base   siteurl.Base // makes every URL of the site
	fp     fingerprint.Sum
}

// Fingerprint implements fingerprint.Leaf: every page holds the site's
// info, and hashing it once per build, not once per page, keeps page
// fingerprints cheap.
func (i *Info) Fingerprint() fingerprint.Sum { return i.fp }

// Feeds are the URLs of one set of feeds.
type Feeds struct {
	RSS, Atom, JSON string
}

// Site is the whole model.
type Site struct {
	Info     *Info
	Config   *content.Config
	Articles []*Article // published, newest first
	Topics   []*Topic   // by latest activity, then title
	People   []*Entity  // by name
	Places   []*Entity  // by name
	Editions []*Edition // newest first
	Pages    []View     // every page, in output path order
	// Standalone are the published standalone pages' texts
	// (content/about.md), by path.
	Standalone []*Article
	// Resources are the files of page bundles, published beside their
	// pages (the builder copies them); by output path.
	Resources []Resource
	sections  sections
	Diags     diag.List
}

// URL returns the href of a site path ("topics/x/"), with the base path
// and each segment escaped.
func (i *Info) URL(p string) string { return i.base.Href(p) }

// AbsURL returns the absolute URL of a site path.
func (i *Info) AbsURL(p string) string { return i.base.Abs(p) }

// sections are the lists' settings and introductions, their links to
// content files resolved.
type sections struct {
	home                       template.HTML // content/_index.md's body
	articles, topics           *content.Section
	articlesIntro, topicsIntro template.HTML
}
