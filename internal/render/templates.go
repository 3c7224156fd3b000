// Package render turns the views of a site model into output files. HTML
// pages go through html/template with the default theme's templates, each
// overridable by a site's file of the same name; feeds, the sitemap and
// robots.txt are written by Go code beside them.
package render

import (
	"bytes"
	"crypto/sha256"
	"errors"
	"fmt"
	"html/template"
	"io/fs"
	"path"
	"regexp"
	"slices"
	"strconv"
	"strings"

	"digest/internal/diag"
	"digest/internal/fingerprint"
	"digest/internal/overlay"
	"digest/internal/site"
)

// TemplatesDir is where templates live, in the theme and in a site.
const TemplatesDir = "templates"

// pageTemplates are the templates that render a page kind; every other
// template file (base.html, partials/) is shared by all of them.
var pageTemplates = map[string]string{
	site.KindHome:       "home.html",
	site.KindArticle:    "article.html",
	site.KindTopic:      "topic.html",
	site.KindTopics:     "topics.html",
	site.KindTerm:       "term.html",
	site.KindTerms:      "terms.html",
	site.KindNotFound:   "404.html",
	site.KindPage:       "page.html",
	site.KindTopicMonth: "topic-month.html",
	site.KindArchive:    "archive.html",
	site.KindMonth:      "month.html",
	site.KindEdition:    "edition.html",
	site.KindEditions:   "editions.html",
	site.KindSearch:     "search.html",
}

// Templates is a parsed set of templates, ready to render pages.
type Templates struct {
	byKind   map[string]*template.Template
	common   *template.Template // base.html and the partials, for partial
	origin   map[string]string  // template name → file it came from
	sum      fingerprint.Sum
	partials memo  // partial outputs by template and data fingerprint
	feedHTML *memo // feed content of articles, by article fingerprint
	partly   bool  // the last build rendered only part of the site
}

// NextBuild prepares the caches for a build. After a build that rendered
// most of the site, a new generation starts: what the coming build does
// not use is dropped after it. After one that rendered a few pages (an
// edit in the preview), everything is kept: the pages it left alone list
// teasers it did not use, and the next edit may render them again, which
// without their fragments costs a long list page several times more. The
// caches start a new generation anyway once they have
// doubled, which a long session of edits would otherwise grow past.
func (t *Templates) NextBuild() {
	if !t.partly || t.partials.grown() {
		t.partials.next()
	}
	if !t.partly || t.feedHTML.grown() {
		t.feedHTML.next()
	}
}

// EndBuild records how much of the site a build rendered (or left to
// render on request), for the next NextBuild.
func (t *Templates) EndBuild(rendered, total int) { t.partly = rendered*2 < total }

// partial renders the named template with data. When data carries its
// own fingerprint (a teaser, a topic), the result is cached: a teaser is
// listed on many pages (home, timelines, people, places, related items)
// but rendered once per build. Templates call it as {{partial "name" .}}.
func (t *Templates) partial(name string, data any) (template.HTML, error) {
	leaf, ok := data.(fingerprint.Leaf)
	if !ok {
		var buf bytes.Buffer
		err := t.common.ExecuteTemplate(&buf, name, data)
		return template.HTML(buf.String()), err
	}
	s, err := t.partials.get(memoKey{name, leaf.Fingerprint()}, func() (string, error) {
		var buf bytes.Buffer
		err := t.common.ExecuteTemplate(&buf, name, data)
		return buf.String(), err
	})
	return template.HTML(s), err
}

// KeepFeedContent carries the feed content cache of the templates t
// replaces over to t: feed content does not depend on templates, so a
// template change need not make it again.
func (t *Templates) KeepFeedContent(old *Templates) {
	if old != nil {
		t.feedHTML = old.feedHTML
	}
}

// UsesTemplates reports whether v is rendered through the templates, and
// so whether a template change can change it: feeds, the sitemap,
// robots.txt and copied files are written by code alone.
func UsesTemplates(v site.View) bool {
	switch v.(type) {
	case *site.FeedView, *site.SitemapView, *site.RobotsView, *site.FileView, *site.RedirectView:
		return false
	}
	return true
}

// Sum fingerprints every template source, so that a change to any of them
// re-renders every page.
func (t *Templates) Sum() fingerprint.Sum { return t.sum }

type source struct {
	name string // relative to templates/: "partials/item.html"
	file string // for messages: "templates/partials/item.html"
	text string
}

// LoadTemplates reads the templates of fsys, the site's over the theme's
// (a site's file replaces the theme's of the same name). Parse errors name
// the template file and line.
func LoadTemplates(fsys *overlay.FS) (*Templates, diag.List) {
	sources, diags := readSources(fsys)
	t := &Templates{byKind: map[string]*template.Template{}, origin: map[string]string{}, feedHTML: &memo{}}
	// common is set before any template runs; partial reads it then.
	names := make([]string, 0, len(sources))
	for n := range sources {
		names = append(names, n)
		t.origin[n] = sources[n].file
	}
	slices.Sort(names)
	h := sha256.New()
	for _, n := range names {
		fmt.Fprintf(h, "%s\x00%d\x00%s", n, len(sources[n].text), sources[n].text)
	}
	copy(t.sum[:], h.Sum(nil))

	pageNames := map[string]bool{}
	for _, n := range pageTemplates {
		pageNames[n] = true
	}
	common := template.New("").Funcs(funcs).Funcs(template.FuncMap{"partial": t.partial})
	for _, n := range names {
		if pageNames[n] {
			continue
		}
		if _, err := common.New(n).Parse(sources[n].text); err != nil {
			diags.Add(t.diagnostic(err, "template-syntax"))
		}
	}
	if diags.HasErrors() {
		return nil, diags
	}
	t.common = common
	if common.Lookup("base.html") == nil {
		diags.Errorf("templates/base.html", 0, "template-missing", "no base.html template: the theme's was removed")
		return nil, diags
	}
	for _, kind := range sortedKinds() {
		n := pageTemplates[kind]
		src, ok := sources[n]
		if !ok {
			diags.Errorf("templates/"+n, 0, "template-missing", "no %s template to render %s pages", n, kind)
			continue
		}
		tt, err := common.Clone()
		if err != nil {
			diags.Errorf(src.file, 0, "template", "%v", err)
			continue
		}
		if _, err := tt.New(n).Parse(src.text); err != nil {
			diags.Add(t.diagnostic(err, "template-syntax"))
			continue
		}
		t.byKind[kind] = tt
	}
	if diags.HasErrors() {
		return nil, diags
	}
	return t, diags
}

// readSources reads every template of fsys.
func readSources(fsys *overlay.FS) (map[string]source, diag.List) {
	var diags diag.List
	sources := map[string]source{}
	err := fs.WalkDir(fsys, TemplatesDir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			if errors.Is(err, fs.ErrNotExist) && p == TemplatesDir {
				return fs.SkipDir
			}
			diags.Errorf(p, 0, "read-error", "cannot read: %v", err)
			return nil
		}
		if d.IsDir() || path.Ext(p) != ".html" || strings.HasPrefix(d.Name(), ".") {
			return nil
		}
		b, err := fs.ReadFile(fsys, p)
		if err != nil {
			diags.Errorf(p, 0, "read-error", "cannot read: %v", err)
			return nil
		}
		name := strings.TrimPrefix(p, TemplatesDir+"/")
		file := p
		if fsys.FromTheme(p) {
			file = p + " (built-in theme)"
		}
		sources[name] = source{name: name, file: file, text: string(b)}
		return nil
	})
	if err != nil {
		diags.Errorf(TemplatesDir, 0, "read-error", "cannot read templates: %v", err)
	}
	return sources, diags
}

func sortedKinds() []string {
	kinds := make([]string, 0, len(pageTemplates))
	for k := range pageTemplates {
		kinds = append(kinds, k)
	}
	slices.Sort(kinds)
	return kinds
}

var templateErrRE = regexp.MustCompile(`(?:html/)?template:\s?([^:\s"]+\.html)(?::(\d+))?(?::(\d+))?:\s*`)

// diagnostic turns a template error into a diagnostic naming the template
// file, line and column.
func (t *Templates) diagnostic(err error, code string) diag.Diagnostic {
	msg := err.Error()
	d := diag.Diagnostic{File: TemplatesDir, Severity: diag.Error, Code: code, Message: msg}
	// An error in a partial is wrapped in its callers' ("template:
	// partials/days.html:9:2: ... error calling partial: template:
	// partials/item.html:2:2: ..."): the innermost template is at fault.
	if all := templateErrRE.FindAllStringSubmatchIndex(msg, -1); len(all) > 0 {
		m := all[len(all)-1]
		name := msg[m[2]:m[3]]
		d.File = t.origin[name]
		if d.File == "" {
			d.File = TemplatesDir + "/" + name
		}
		if m[4] >= 0 {
			d.Line, _ = strconv.Atoi(msg[m[4]:m[5]])
		}
		if m[6] >= 0 {
			d.Column, _ = strconv.Atoi(msg[m[6]:m[7]])
		}
		d.Message = msg[m[1]:]
	}
	d.Message = strings.TrimSpace(d.Message)
	return d
}

// Render renders one output file: an HTML page through its template, or a
// feed, the sitemap or robots.txt. Template errors name the template file
// and line. Pages, feeds and the sitemap are written into scratch's
// storage when it is large enough, so that a caller rendering many pages can reuse one buffer; the
// result is only valid until the caller reuses it.
func (t *Templates) Render(v site.View, scratch []byte) ([]byte, *diag.Diagnostic) {
	var b []byte
	var err error
	switch v := v.(type) {
	case *site.FeedView:
		b, err = feed(v, t.articleHTML, bytes.NewBuffer(scratch[:0]))
	case *site.SitemapView:
		b, err = sitemap(v, bytes.NewBuffer(scratch[:0]))
	case *site.RobotsView:
		b = robots(v)
	case *site.RedirectView:
		b = redirect(v)
	case *site.FileView:
		b = []byte(v.Data)
	default:
		return t.page(v, scratch)
	}
	if err != nil {
		return nil, &diag.Diagnostic{File: v.Meta().Path, Severity: diag.Error, Code: "render", Message: err.Error()}
	}
	return b, nil
}

func (t *Templates) page(v site.View, scratch []byte) ([]byte, *diag.Diagnostic) {
	tt := t.byKind[v.Meta().Kind]
	if tt == nil {
		return nil, &diag.Diagnostic{File: TemplatesDir, Severity: diag.Error, Code: "template-missing",
			Message: "no template for " + v.Meta().Kind + " pages"}
	}
	if cap(scratch) < 16<<10 {
		scratch = make([]byte, 0, 16<<10)
	}
	buf := bytes.NewBuffer(scratch[:0])
	if err := tt.ExecuteTemplate(buf, pageTemplates[v.Meta().Kind], v); err != nil {
		d := t.diagnostic(err, "template-exec")
		return nil, &d
	}
	return buf.Bytes(), nil
}
