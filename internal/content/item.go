package content

import (
	"fmt"
	"html/template"
	"path"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"digest/internal/diag"
	"digest/internal/markdown"
	"digest/internal/slug"
	"digest/internal/spill"
)

// Source credits a report an item is based on.
type Source struct {
	Name   string
	URL    string // absolute http(s) URL, or empty
	Author string
}

// Image is an item's lead image.
type Image struct {
	Src     string // a site path ("/img/x.jpg"), relative path, or http(s) URL
	Alt     string
	Caption string
	Credit  string
	// Focus is the point a social card keeps when it crops the picture:
	// fractions of its width and height from the top left, the centre
	// ({0.5, 0.5}) unless focus: [x, y] says otherwise.
	Focus [2]float64
	Line  int // of the image field
}

// Item is one news item: a file under content/articles/.
type Item struct {
	File        string    // slash path from the site root
	Title       string    // the headline
	Date        time.Time // in the site's time zone
	HasTime     bool      // whether a time of day was given
	Updated     time.Time // zero unless set
	Summary     string    // the dek: explicit, else the first paragraph
	TopicSlugs  []string  // topics:, main topic first (site.Article.Topics links them)
	PersonNames []string  // people: (site.Article.People links them)
	PlaceNames  []string  // places: (site.Article.Places links them)
	Sources     []Source
	LeadImage   *Image // image: as written (site.Article.Image works under the base path)
	Milestone   bool
	Draft       bool
	Slug        string
	ID          string // a stable identifier for feeds, if the editor set one
	// PublishDate, if set, is when the item may be published (an
	// embargo: publishDate); ExpiryDate when it stops being
	// (expiryDate).
	PublishDate, ExpiryDate time.Time
	SummarySet              bool     // summary: was written; else Summary is derived from the body
	Description             string   // description:, the meta description when set
	Aliases                 []string // old URL paths that redirect to the item
	FixedURL                string   // url:, a site path that replaces the permalink
	Weight                  int      // orders items inside a day, lower first
	// ImportedFrom is the text the item was imported from (imported_from:
	// "imports/2025-08-15-x.txt", a path from the site's folder), which
	// digest import keeps for the check that the editor rewrote it.
	ImportedFrom string
	Comments     []markdown.Comment
	Mapped       []Mapped // Hugo's tags and categories, Zola's taxonomies, and where they went
	// Page is true for a standalone page (content/about.md,
	// content/pages/x.md): no date needed, never in lists or feeds.
	Page  bool
	body  spill.Text // the HTML of the body: read it with Body
	Words int
	Links []markdown.Link
	// FileLinks are the body's links to content files, which package
	// site resolves to URLs.
	FileLinks []markdown.FileLink
	params    *lazyParams // every front matter field: read them with Params
	lines     []fieldLine // line of each top-level field: see Line
	Hash      Hash        // of the file and the settings it was read with
	real      string      // the path the file is read from, if not File
	heal      *healer     // makes body and front matter again, if they are damaged
	healed    atomic.Pointer[healed]
}

// Body returns the HTML of the item's body. It may be kept in a file
// (markdown.Options.Spill) and read from there, which can fail.
func (it *Item) Body() (template.HTML, error) {
	if h := it.healed.Load(); h != nil {
		return template.HTML(h.body), nil
	}
	s, err := it.body.Read()
	if err != nil {
		if it.heal == nil {
			return "", fmt.Errorf("%s: %w", it.File, err)
		}
		h, herr := it.heal.heal(it, err)
		if herr != nil {
			return "", herr
		}
		return template.HTML(h.body), nil
	}
	return template.HTML(s), nil
}

// fieldLine is the line of a top-level front matter field. A slice of
// them is much smaller than a map, which every item would have.
type fieldLine struct {
	key  string
	line int
}

// Line returns the line of the top-level front matter field key, or 0 if
// the item has no such field.
func (it *Item) Line(key string) int {
	for _, l := range it.lines {
		if strings.EqualFold(l.key, key) {
			return l.line
		}
	}
	return 0
}

// lazyParams are an item's front matter fields as plain values, decoded
// from the front matter when first asked for: the default theme never
// needs them, and on a large site they would take a good part of the heap.
type lazyParams struct {
	once   sync.Once
	file   string
	format string
	data   spill.Text
	m      map[string]any
	err    error
}

// Params returns every front matter field of the item as plain Go values
// (string, int64, float64, bool, nil, []any, map[string]any), for
// templates: {{.Params.rating}}.
func (it *Item) Params() (map[string]any, error) {
	p := it.params
	p.once.Do(func() {
		data, err := p.data.Read()
		if err != nil && it.heal != nil {
			var h *healed
			if h, err = it.heal.heal(it, err); err == nil {
				data = string(h.params)
			}
		}
		if err != nil {
			p.err = fmt.Errorf("%s: front matter: %w", p.file, err)
			return
		}
		// The file was read once without errors: decoding it again
		// gives the same fields, and the diagnostics were reported then.
		fields, _ := decode(p.file, p.format, []byte(data), 1)
		p.m = map[string]any{}
		if fields != nil {
			p.m = fields.plain().(map[string]any)
		}
	})
	return p.m, p.err
}

// ParseItem reads a news item. The item is nil if it cannot be shown.
func ParseItem(file string, src []byte, s Settings) (*Item, diag.List) {
	fm, src, diags := readFile(file, src)
	if fm == nil {
		return nil, diags
	}
	f := fields{file: file, root: fm.Fields, diags: &diags}
	it := &Item{File: file, Hash: s.hash(file, src), heal: s.heal, lines: make([]fieldLine, 0, len(fm.Fields.keys)),
		params: &lazyParams{file: file, format: fm.Format, data: s.Spill.Put(fm.Data)}}
	for _, k := range fm.Fields.keys {
		it.lines = append(it.lines, fieldLine{k, fm.Fields.fields[k].line})
	}

	it.Title = markdown.Typography(f.str("title"))
	if v := fm.Fields.get("title"); it.Title == "" && (v == nil || v.kind != kindList && v.kind != kindMap) {
		code, msg := "title-missing", "title is missing"
		if v != nil {
			code, msg = "title-empty", "title is empty"
		}
		diags = append(diags, diag.Diagnostic{File: file, Line: lineOr(v, fm.StartLine), Severity: diag.Error,
			Code: code, Message: msg, Hint: `add a line such as title: "Putin and Trump meet in Alaska"`})
	}

	base := fileBase(file)
	fileDate, rest, hasFileDate := splitFileDate(base)
	it.Page = !strings.HasPrefix(file, ArticlesDir+"/")
	if it.Page {
		hasFileDate = false // content/pages/2025-report.md is /2025-report/
		it.Date, it.HasTime, _ = f.date("date", s.Location)
		it.Updated, _, _ = f.date(f.pick(updatedKeys...), s.Location)
	} else {
		readDates(f, fm, it, fileDate, hasFileDate, s.Location)
	}
	it.Slug = itemSlug(f, fm.Fields.get("slug"), rest, hasFileDate, base)
	it.TopicSlugs = topicSlugs(f, fm.Fields.get("topics"), "topics", f.list("topics"))
	it.PersonNames = dedupe(f.list("people"))
	it.PlaceNames = dedupe(f.list("places"))
	readTaxonomies(f, it, s.Taxonomies)
	it.Sources = readSources(f)
	it.LeadImage = readImage(f)
	it.Milestone = f.boolean("milestone")
	it.Draft = f.boolean("draft")
	it.ID = f.str("id")
	readPublishing(f, it, s.Location)

	res, ok := convert(file, fm.Body, s, &diags)
	if !ok {
		return nil, diags
	}
	it.body = res.HTML
	it.Words = res.Words
	it.Links, it.FileLinks = res.Links, res.FileLinks
	it.Comments = res.Comments
	it.Summary = markdown.Typography(f.str("summary"))
	it.SummarySet = it.Summary != ""
	if it.Summary == "" && res.HasMore {
		it.Summary = res.Lead // the editor's own cut: not shortened
	}
	if it.Summary == "" {
		it.Summary = shortened(res.FirstParagraph, MaxDerivedSummary)
		if it.Summary == "" && !it.Page {
			diags.Warnf(file, fm.StartLine, "summary-missing", "no summary and no first paragraph: lists and feeds will show the headline only")
		}
	}
	if diags.HasErrors() {
		return nil, diags
	}
	return it, diags
}

// fileBase is the name an item's date and slug come from: its file name
// without the extension, or for the index.md of a page bundle, the
// bundle's folder name (content/articles/2025-08-20-story/index.md is
// "2025-08-20-story").
func fileBase(file string) string {
	base := strings.TrimSuffix(path.Base(file), path.Ext(file))
	if strings.EqualFold(base, "index") && path.Dir(file) != Dir {
		return path.Base(path.Dir(file))
	}
	return base
}

// readDates reads an item's date, from its front matter or else from the
// date its file name starts with (fileDate, if hasFileDate), and its
// update, in the site's time zone loc.
func readDates(f fields, fm *frontMatter, it *Item, fileDate string, hasFileDate bool, loc *time.Location) {
	var dateV *value
	it.Date, it.HasTime, dateV = f.date("date", loc)
	if dateV == nil {
		if hasFileDate {
			t, _, err := parseDate(fileDate, loc)
			if err != nil {
				f.diags.Errorf(f.file, 0, "date-invalid", "file name: %v", err)
			}
			it.Date = t
		} else {
			f.diags.Add(diag.Diagnostic{File: f.file, Line: fm.StartLine, Severity: diag.Error, Code: "date-missing",
				Message: "date is missing", Hint: "add date: 2025-08-15 (or start the file name with the date: 2025-08-15-headline.md)"})
		}
	}
	key := f.pick(updatedKeys...)
	if t, _, v := f.date(key, loc); v != nil {
		it.Updated = t
		if !t.IsZero() && !it.Date.IsZero() && t.Before(it.Date) {
			f.warnf(v, "updated-before-date", "", "%s: %s is before the item's date %s", key, t.Format("2006-01-02 15:04"), it.Date.Format("2006-01-02 15:04"))
		}
	}
}

func noticeHint(code string) string {
	switch code {
	case "raw-html":
		return "set unsafe_html: true in content/_index.md to let raw HTML through"
	case "markdown-limit":
		return "simplify the Markdown around this line"
	}
	return ""
}

func lineOr(v *value, def int) int {
	if v != nil && v.line > 0 {
		return v.line
	}
	return def
}

// itemSlug is the front matter slug, else the file name without its date
// prefix, made URL-safe. A slug that tries to be a path is an error.
func itemSlug(f fields, v *value, rest string, hasFileDate bool, base string) string {
	if v != nil && v.kind != kindNull {
		raw := f.text(v, "slug")
		if strings.ContainsAny(raw, `/\`) || raw == "." || raw == ".." {
			f.errorf(v, "slug-invalid", "a slug is one URL segment: letters, digits and hyphens", "slug: %q is a path, not a single URL segment", raw)
			return ""
		}
		s := slug.Make(raw)
		if s == "" && raw != "" {
			f.errorf(v, "slug-invalid", "use letters, digits and hyphens", "slug: %q has no letters or digits", raw)
		}
		if s != "" {
			return s
		}
	}
	name := base
	if hasFileDate && rest != "" {
		name = rest
	}
	s := slug.Make(name)
	if s == "" {
		f.errorf(nil, "slug-invalid", "rename the file or set slug:", "cannot make a URL from the file name %q", base)
	}
	return s
}

// topicSlugs makes the slugs of the topics names. field is where they are
// written: in topics: a name that is not a slug gets a warning; in tags
// (Hugo's names, "Ceasefire talks") it does not.
func topicSlugs(f fields, v *value, field string, names []string) []string {
	out := make([]string, 0, len(names))
	for _, n := range names {
		s := slug.Make(n)
		if s == "" {
			f.errorf(v, "topic-invalid", "topics are slugs such as ukraine-peace-talks", "%s: %q is not a usable topic slug", field, n)
			continue
		}
		if s != n && field == "topics" {
			f.warnf(v, "topic-not-slug", "write topics as slugs", "topics: %q is read as %q", n, s)
		}
		out = append(out, s)
	}
	return dedupe(out)
}

func dedupe(xs []string) []string {
	seen := make(map[string]bool, len(xs))
	out := xs[:0]
	for _, x := range xs {
		if !seen[x] {
			seen[x] = true
			out = append(out, x)
		}
	}
	return out
}

// String names the item for messages.
func (it *Item) String() string { return fmt.Sprintf("%s (%s)", it.File, it.Title) }

// MaxDerivedSummary is the most characters of a summary taken from an
// item's first paragraph: lists, link previews and feeds show a dek, not
// an article.
const MaxDerivedSummary = 280

// shortened cuts s to at most n characters, at a word boundary, with an
// ellipsis.
func shortened(s string, n int) string {
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	cut := n
	for cut > n/2 && r[cut] != ' ' {
		cut--
	}
	return strings.TrimRight(string(r[:cut]), " ,;:") + "…"
}
