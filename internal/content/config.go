package content

import (
	"fmt"
	"html/template"
	"net/url"
	"regexp"
	"strings"
	"time"

	"digest/internal/diag"
	"digest/internal/markdown"
	"digest/internal/siteurl"
)

// Config is the site's settings: the front matter of content/_index.md.
// Its body is the home page's introduction.
type Config struct {
	File         string
	Title        string
	Description  string
	BaseURL      string // absolute, ending in "/"; "/" when unknown
	Language     string // BCP 47, "en" by default
	TimezoneName string
	Location     *time.Location
	Permalink    string  // "/:year/:month/:day/:slug/" by default
	PerPage      int     // items per page of a list: the home page, people, places, list topics, archive months
	TimelineMax  int     // entries a timeline shows on one page; longer ones are split by month
	Editions     string  // EditionsDaily or EditionsWeekly
	CopyRun      int     // words in a row that count as copied from an item's imported text
	CopyShare    float64 // the share of an item's words in copied runs above which it is reported
	UnsafeHTML   bool
	// Image is the picture of pages without one of their own, in link
	// previews (image: in _index.md).
	Image *Image
	// KeepImageMetadata publishes static/'s images as they are: by
	// default their EXIF, XMP and comments (a camera's GPS position) are
	// removed.
	KeepImageMetadata bool
	FeedItems         int    // items per feed
	FeedContent       string // "full" or "summary"
	CNAME             string
	Taxonomies        Taxonomies // where Hugo's tags and categories go
	Menu              []string   // topic and page slugs for the navigation; empty: the default
	MenuLine          int
	Intro             template.HTML
	Links             []markdown.Link // in the introduction
	FileLinks         []markdown.FileLink
	Params            map[string]any
	Hash              Hash
}

// Default settings.
const (
	DefaultPermalink = "/:year/:month/:day/:slug/"
	DefaultPerPage   = 20
	DefaultFeedItems = 50
	// DefaultTimelineMax keeps a timeline page under about 60 KB of HTML.
	DefaultTimelineMax = 50
	DefaultCopyRun     = 8
	DefaultCopyShare   = 0.2
	EditionsDaily      = "daily"  // one edition per day: /editions/2025-08-15/
	EditionsWeekly     = "weekly" // one per ISO week: /editions/2025-W33/
)

// DefaultConfig is the configuration of a site without content/_index.md.
func DefaultConfig() *Config {
	return &Config{File: "content/_index.md", Title: "Digest", BaseURL: "/", Language: "en", TimezoneName: "UTC",
		Location: time.UTC, Permalink: DefaultPermalink, PerPage: DefaultPerPage, FeedItems: DefaultFeedItems, TimelineMax: DefaultTimelineMax, Editions: EditionsDaily,
		CopyRun: DefaultCopyRun, CopyShare: DefaultCopyShare,
		FeedContent: "full", Params: map[string]any{}}
}

var languageRE = regexp.MustCompile(`^[a-zA-Z]{2,3}(-[a-zA-Z0-9]{2,8})*$`)

// BasePath is the path of the base URL, escaped for use in hrefs: "/" or,
// for a site served under a subpath such as GitHub Pages project sites,
// "/repo/".
func (c *Config) BasePath() string { return c.Base().Path() }

// Base returns the site's base URL, which makes its URLs.
func (c *Config) Base() siteurl.Base { return siteurl.New(c.BaseURL) }

// NormalizeBaseURL checks a base URL and returns it ending in "/".
func NormalizeBaseURL(b string) (string, error) {
	u, err := url.Parse(b)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" || u.RawQuery != "" || u.Fragment != "" {
		return "", fmt.Errorf("%q is not an absolute http(s) URL", b)
	}
	return strings.TrimSuffix(u.String(), "/") + "/", nil
}

// Override is what a build sets over the site's base_url.
type Override struct {
	// BaseURL, if set, replaces base_url (absolute, ending in "/").
	BaseURL string
	// Origin, if set, replaces the scheme and host of base_url, keeping
	// its path: the preview serves the site at its own address
	// ("http://127.0.0.1:1313") under the path its host will use.
	Origin string
}

// apply sets cfg's base URL as o says.
func (o Override) apply(cfg *Config) {
	switch {
	case o.BaseURL != "":
		cfg.BaseURL = o.BaseURL
	case o.Origin != "":
		cfg.BaseURL = strings.TrimSuffix(o.Origin, "/") + cfg.BasePath()
	}
}

// ParseConfig reads content/_index.md, with o over its base_url.
func ParseConfig(file string, src []byte, o Override) (*Config, diag.List) {
	cfg := DefaultConfig()
	cfg.File = file
	defer o.apply(cfg) // on every return; applying it twice changes nothing
	var diags diag.List
	src, d := normalize(file, src)
	if d != nil {
		return cfg, diag.List{*d}
	}
	fm, fdiags := splitFrontMatter(file, src)
	diags = append(diags, fdiags...)
	if fm == nil || fm.Fields == nil {
		return cfg, diags
	}
	readSettings(fields{file: file, root: fm.Fields, diags: &diags}, fm, cfg, o)
	s := NewSettings(cfg)
	cfg.Hash = s.hash(file, append([]byte(cfg.BaseURL+"\x00"), src...))
	cfg.Intro, cfg.Links, cfg.FileLinks, _ = convertIntro(file, fm.Body, s, &diags)
	return cfg, diags
}

func positive(f fields, key string, def int) int {
	n := f.integer(key, def)
	if n < 1 {
		f.errorf(f.root.get(key), "field-range", "", "%s: must be at least 1, got %d", key, n)
		return def
	}
	return n
}

var permalinkTokenRE = regexp.MustCompile(`:[a-z]+`)

// PermalinkTokens are the placeholders a permalink pattern may use.
var PermalinkTokens = []string{":year", ":month", ":day", ":slug", ":topic"}

func checkPermalink(p string) error {
	if !strings.HasPrefix(p, "/") || !strings.HasSuffix(p, "/") {
		return fmt.Errorf("%q must start and end with /", p)
	}
	for _, seg := range strings.Split(strings.Trim(p, "/"), "/") {
		if seg == "." || seg == ".." || seg == "" {
			return fmt.Errorf("%q has an empty, . or .. segment: pages must stay inside the site", p)
		}
	}
	for _, tok := range permalinkTokenRE.FindAllString(p, -1) {
		known := false
		for _, k := range PermalinkTokens {
			known = known || tok == k
		}
		if !known {
			return fmt.Errorf("%q uses unknown placeholder %s (known: %s)", p, tok, strings.Join(PermalinkTokens, " "))
		}
	}
	if !strings.Contains(p, ":slug") {
		return fmt.Errorf("%q has no :slug, so every item would get the same address", p)
	}
	if strings.ContainsAny(permalinkTokenRE.ReplaceAllString(p, ""), "\\?#%\" <>|*") {
		return fmt.Errorf("%q has characters that do not belong in a URL path", p)
	}
	return nil
}

// readSettings reads the settings of content/_index.md's front matter
// into cfg, o over its base_url. A setting with a bad value is an error
// and keeps its default.
func readSettings(f fields, fm *frontMatter, cfg *Config, o Override) {
	cfg.Params = fm.Fields.plain().(map[string]any)
	if t := markdown.Typography(f.str("title")); t != "" {
		cfg.Title = t
	} else {
		f.diags.Warnf(f.file, fm.StartLine, "title-missing", "the site has no title; using %q", cfg.Title)
	}
	cfg.Description = f.str("description")
	if b := f.str("base_url"); b != "" {
		if n, err := NormalizeBaseURL(b); err != nil {
			f.errorf(fm.Fields.get("base_url"), "base-url", "e.g. base_url: https://news.example.org/", "base_url: %v", err)
		} else {
			cfg.BaseURL = n
		}
	}
	o.apply(cfg) // before anything below uses the base URL
	if l := f.str("language"); l != "" {
		if !languageRE.MatchString(l) {
			f.errorf(fm.Fields.get("language"), "language", "e.g. en, en-GB, uk", "language: %q is not a language tag", l)
		} else {
			cfg.Language = l
		}
	}
	if tz := f.str("timezone"); tz != "" {
		loc, err := time.LoadLocation(tz)
		if err != nil || tz == "Local" {
			f.errorf(fm.Fields.get("timezone"), "timezone", "an IANA name such as Europe/Kyiv or America/Anchorage", "timezone: unknown time zone %q", tz)
		} else {
			cfg.Location, cfg.TimezoneName = loc, tz
		}
	}
	if p := f.str("permalink"); p != "" {
		if err := checkPermalink(p); err != nil {
			f.errorf(fm.Fields.get("permalink"), "permalink", "e.g. /:year/:month/:day/:slug/", "permalink: %v", err)
		} else {
			cfg.Permalink = p
		}
	}
	cfg.PerPage = positive(f, "per_page", DefaultPerPage)
	cfg.FeedItems = positive(f, "feed_items", DefaultFeedItems)
	cfg.TimelineMax = positive(f, "timeline_max", DefaultTimelineMax)
	cfg.CopyRun = positive(f, "copy_run", DefaultCopyRun)
	if v := f.root.get("copy_share"); v != nil {
		if (v.kind == kindFloat || v.kind == kindInt) && v.num >= 0 && v.num <= 1 {
			cfg.CopyShare = v.num
		} else {
			f.errorf(v, "field-range", "copy_share: 0.2", "copy_share: expected a share between 0 and 1, got %s", v.describe())
		}
	}
	if e := f.str("editions"); e != "" {
		if e != EditionsDaily && e != EditionsWeekly {
			f.errorf(fm.Fields.get("editions"), "editions", "daily or weekly", "editions: expected daily or weekly, got %q", e)
		} else {
			cfg.Editions = e
		}
	}
	if fc := f.str("feed_content"); fc != "" {
		if fc != "full" && fc != "summary" {
			f.errorf(fm.Fields.get("feed_content"), "feed-content", "", "feed_content: expected full or summary, got %q", fc)
		} else {
			cfg.FeedContent = fc
		}
	}
	cfg.UnsafeHTML = f.boolean("unsafe_html")
	cfg.KeepImageMetadata = f.boolean("keep_image_metadata")
	cfg.Image = readImage(f)
	readTaxonomyMapping(f, cfg)
	cfg.Menu = f.list("menu")
	cfg.MenuLine = lineOr(fm.Fields.get("menu"), 0)
	if c := f.str("cname"); c != "" && (strings.ContainsAny(c, "/: \t") || !strings.Contains(c, ".")) {
		f.errorf(fm.Fields.get("cname"), "cname", "a host name such as news.example.org", "cname: %q is not a host name", c)
	} else {
		cfg.CNAME = c
	}
}
