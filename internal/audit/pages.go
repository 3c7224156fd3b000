package audit

import (
	"bytes"
	"encoding/xml"
	"errors"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
)

// Kind is a page kind of the default theme.
type Kind struct {
	Name string
	// Body is the class the theme puts on the page's <body>
	// ("kind-home"); several kinds may share one.
	Body string
	// Is tells this kind's pages from others of the same body class, by
	// URL path and HTML; nil takes every page of the class.
	Is func(path string, html []byte) bool
}

// Kinds are the page kinds the audit knows, in the order it reports
// them. A page whose body class is none of theirs fails FindPages, so a
// new kind of page cannot go unaudited; one whose markers change (a
// renamed class) leaves its kind not found, which fails too.
var Kinds = []Kind{
	{"home", "kind-home", isPath("/")},
	{"home-2", "kind-home", isPath("/page/2/")},
	{"article", "kind-article", nil},
	{"timeline", "kind-topic", isTopic(`class="timeline"`, `class="by-month"`)},
	{"timeline-long", "kind-topic", isTopic(`class="by-month"`, "")},
	{"timeline-month", "kind-topic-month", nil},
	{"topic-list", "kind-topic", isTopic(`class="days"`, `class="timeline"`)},
	{"topics", "kind-topics", nil},
	{"people", "kind-terms", isPath("/people/")},
	{"person", "kind-term", firstPageUnder("/people/")},
	{"places", "kind-terms", isPath("/places/")},
	{"place", "kind-term", firstPageUnder("/places/")},
	{"archive", "kind-archive", nil},
	{"archive-month", "kind-month", notPaged},
	{"editions", "kind-editions", isPath("/editions/")},
	{"edition", "kind-edition", nil},
	{"search", "kind-search", nil},
	{"page", "kind-page", nil},
	{"404", "kind-404", nil},
}

// pagedRE matches the URL path of a list's second and later pages.
var pagedRE = regexp.MustCompile(`/page/[0-9]+/$`)

func isPath(p string) func(string, []byte) bool {
	return func(path string, _ []byte) bool { return path == p }
}

func notPaged(path string, _ []byte) bool { return !pagedRE.MatchString(path) }

func firstPageUnder(prefix string) func(string, []byte) bool {
	return func(path string, _ []byte) bool { return strings.HasPrefix(path, prefix) && notPaged(path, nil) }
}

// isTopic takes a topic's first page whose HTML has marker and, if
// without is set, lacks it.
func isTopic(marker, without string) func(string, []byte) bool {
	return func(path string, html []byte) bool {
		return notPaged(path, nil) && bytes.Contains(html, []byte(marker)) && (without == "" || !bytes.Contains(html, []byte(without)))
	}
}

// NotFoundPath is the path requested for the 404 kind: no page has it,
// so the server answers with 404.html.
const NotFoundPath = "/audit-no-such-page/"

// Page is one page chosen for a kind.
type Page struct {
	Kind string
	Path string // the URL path to request, from the site's root
	File string // the HTML file in the built folder
}

// bodyClassRE finds the page kind's class on <body>.
var bodyClassRE = regexp.MustCompile(`<body[^>]*\sclass="[^"]*\b(kind-[a-z0-9-]+)`)

// FindPages chooses one page of every kind in the built folder out: the
// first of each kind in the order of the sitemap, then 404.html. It is an
// error if a required kind is missing or a page's kind is unknown.
func FindPages(out string, required []string) ([]Page, error) {
	paths, err := sitemapPaths(filepath.Join(out, "sitemap.xml"))
	if err != nil {
		return nil, err
	}
	paths = append(paths, "/404.html")
	found := map[string]Page{}
	unknown := map[string]string{}
	for _, p := range paths {
		file := filepath.Join(out, filepath.FromSlash(strings.TrimPrefix(p, "/")))
		if strings.HasSuffix(p, "/") {
			file = filepath.Join(file, "index.html")
		}
		html, err := os.ReadFile(file)
		if err != nil {
			return nil, fmt.Errorf("the sitemap names %s: %w", p, err)
		}
		k, body := classify(p, html)
		switch {
		case k == "" && body != "" && !knownBody(body):
			unknown[body] = p
		case k != "" && found[k].Kind == "":
			if k == "404" {
				p = NotFoundPath
			}
			found[k] = Page{Kind: k, Path: p, File: file}
		}
	}
	var pages []Page
	var problems []string
	for body, p := range unknown {
		problems = append(problems, fmt.Sprintf("page kind %q (%s) is not one the audit knows: add it to audit.Kinds", body, p))
	}
	for _, k := range Kinds {
		if p, ok := found[k.Name]; ok {
			pages = append(pages, p)
		}
	}
	for _, name := range required {
		if _, ok := found[name]; !ok {
			problems = append(problems, fmt.Sprintf("no page of kind %q found in %s", name, out))
		}
	}
	if len(problems) > 0 {
		sort.Strings(problems)
		return pages, errors.New(strings.Join(problems, "; "))
	}
	return pages, nil
}

// classify returns the kind of the page at path, and its body class.
func classify(path string, html []byte) (kind, body string) {
	m := bodyClassRE.FindSubmatch(html)
	if m == nil {
		return "", ""
	}
	body = string(m[1])
	for _, k := range Kinds {
		if k.Body == body && (k.Is == nil || k.Is(path, html)) {
			return k.Name, body
		}
	}
	return "", body
}

func knownBody(body string) bool {
	for _, k := range Kinds {
		if k.Body == body {
			return true
		}
	}
	return false
}

// sitemapPaths returns the URL paths of a sitemap's pages, relative to
// the site's root (its first entry, the home page).
func sitemapPaths(file string) ([]string, error) {
	data, err := os.ReadFile(file)
	if err != nil {
		return nil, fmt.Errorf("reading the sitemap: %w", err)
	}
	var sm struct {
		URLs []struct {
			Loc string `xml:"loc"`
		} `xml:"url"`
	}
	if err := xml.Unmarshal(data, &sm); err != nil {
		return nil, fmt.Errorf("reading the sitemap: %w", err)
	}
	if len(sm.URLs) == 0 {
		return nil, errors.New("the sitemap lists no pages")
	}
	root := ""
	var paths []string
	for i, u := range sm.URLs {
		pu, err := url.Parse(strings.TrimSpace(u.Loc))
		if err != nil {
			return nil, fmt.Errorf("sitemap: %w", err)
		}
		if i == 0 {
			root = strings.TrimSuffix(pu.Path, "/")
		}
		if !strings.HasPrefix(pu.Path, root+"/") {
			return nil, fmt.Errorf("sitemap: %s is outside the site's root %s/", u.Loc, root)
		}
		paths = append(paths, strings.TrimPrefix(pu.Path, root))
	}
	return paths, nil
}
