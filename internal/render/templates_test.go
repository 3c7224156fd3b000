package render_test

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io/fs"
	"strings"
	"testing"
	"testing/fstest"

	"digest"
	"digest/internal/diag"
	"digest/internal/overlay"
	"digest/internal/render"
	"digest/internal/site"
)

func TestArticlePage(t *testing.T) {
	fsys := withLaterItems(testSite())
	s, tm := buildSite(t, fsys), loadTemplates(t, fsys)
	doc := parseHTML(t, renderPath(t, tm, s, "2025/08/15/summit/index.html"))

	if got := text(one(t, doc, "title")); got != "Leaders meet in Anchorage · Test Digest" {
		t.Errorf("<title> = %q", got)
	}
	if got := attr(one(t, doc, "link[rel=canonical]"), "href"); got != base+"2025/08/15/summit/" {
		t.Errorf("canonical URL = %q", got)
	}
	art := one(t, doc, "article.article")
	if !sel("article.milestone")(art) {
		t.Errorf("a milestone's article has class %q, want milestone among them", attr(art, "class"))
	}
	equal(t, "h1 of the page", texts(all(doc, "h1")), []string{"Leaders meet in Anchorage"})
	equal(t, "kicker", links(one(t, art, "p.kicker")), []string{"Alaska summit → /digest/topics/alaska-summit/"})
	dateline := one(t, art, "p.dateline")
	tm0 := one(t, dateline, "time")
	if got, want := attr(tm0, "datetime"), "2025-08-15"; got != want {
		t.Errorf("dateline datetime = %q, want %q (an item without a time of day gives the day only)", got, want)
	}
	if got := text(tm0); got != "15 August 2025" {
		t.Errorf("dateline = %q", got)
	}
	equal(t, "dateline badges", texts(all(dateline, "span.badge")), []string{"Milestone"})
	credit := one(t, art, "p.credit")
	if got := text(credit); got != "Sources: AP (Jane Roe), Local paper" {
		t.Errorf("credit = %q", got)
	}
	equal(t, "credit links", links(credit), []string{"AP → https://ap.example/b"})
	equal(t, "credit link rel", attrs(all(credit, "a"), "rel"), []string{"external"})

	// The footnote, its reference and back link reach each other.
	body := one(t, art, "div.body")
	note := one(t, one(t, body, "div.footnotes"), "li[id]")
	if got := text(note); !strings.HasPrefix(got, "Joint Base Elmendorf-Richardson.") {
		t.Errorf("footnote = %q", got)
	}
	ref := one(t, body, "a.footnote-ref")
	if attr(ref, "href") != "#"+attr(note, "id") || attr(one(t, note, "a.footnote-backref"), "href") != "#"+attr(ref.Parent, "id") {
		t.Errorf("footnote reference %q (in %q) and footnote %q do not link each other",
			attr(ref, "href"), attr(ref.Parent, "id"), attr(note, "id"))
	}

	tags := all(one(t, art, "footer.article-footer"), "p.tags")
	equal(t, "tag lines", texts(tags), []string{
		"Topics Alaska summit", "People Donald Trump, Vladimir Putin", "Places Anchorage"})
	var tagLinks []string
	for _, p := range tags {
		tagLinks = append(tagLinks, links(p)...)
	}
	equal(t, "tag links", tagLinks, []string{
		"Alaska summit → /digest/topics/alaska-summit/",
		"Donald Trump → /digest/people/donald-trump/", "Vladimir Putin → /digest/people/vladimir-putin/",
		"Anchorage → /digest/places/anchorage/"})

	// Before and after on the topic's timeline, oldest first.
	nav := one(t, doc, "nav.prevnext")
	equal(t, "previous", links(one(t, nav, "li.prev")), []string{"← Before Summit announced → /digest/2025/08/08/announced/"})
	equal(t, "next", links(one(t, nav, "li.next")), []string{"After → Reaction pours in → /digest/2025/08/15/reaction/"})
	// "More on this story" lists the five newest; previous and next are
	// the nearest the list does not show.
	equal(t, "related", texts(all(one(t, doc, "section.related"), "h3")), []string{"Later 5", "Later 4", "Later 3", "Later 2", "Later 1"})
}

// withLaterItems adds five later items to the Alaska summit's timeline,
// which fill its articles' "more on this story".
func withLaterItems(fsys fstest.MapFS) fstest.MapFS {
	for d := 1; d <= 5; d++ {
		fsys[fmt.Sprintf("content/articles/2025-08-2%d-later.md", d)] = file(fmt.Sprintf(`---
title: Later %d
date: 2025-08-2%d
topics: [alaska-summit]
summary: Later news.
---
Later news.
`, d, d))
	}
	return fsys
}

func TestArticlePageWithTimeOfDay(t *testing.T) {
	fsys := withLaterItems(testSite())
	s, tm := buildSite(t, fsys), loadTemplates(t, fsys)
	doc := parseHTML(t, renderPath(t, tm, s, "2025/08/08/announced/index.html"))
	tm0 := one(t, one(t, doc, "p.dateline"), "time")
	if got, want := attr(tm0, "datetime"), "2025-08-08T18:30:00+03:00"; got != want {
		t.Errorf("dateline datetime = %q, want %q", got, want)
	}
	if got, want := text(tm0), "8 August 2025, 18:30 EEST"; got != want {
		t.Errorf("dateline = %q, want %q", got, want)
	}
	if art := one(t, doc, "article.article"); len(all(art, "span.badge")) != 0 || sel("article.milestone")(art) {
		t.Error("an article that is not a milestone is marked as one")
	}
	// The oldest item of its timeline: a next item, no previous one.
	nav := one(t, doc, "nav.prevnext")
	if len(all(nav, "li.prev")) != 0 {
		t.Error("the first item of a timeline links to a previous one")
	}
	equal(t, "next", links(one(t, nav, "li.next")), []string{"After → Leaders meet in Anchorage → /digest/2025/08/15/summit/"})
	// Root-relative links in the body get the base path.
	equal(t, "body links", links(one(t, doc, "div.body")), []string{"announced → /digest/topics/alaska-summit/"})
}

func TestTopicTimeline(t *testing.T) {
	fsys := testSite()
	s, tm := buildSite(t, fsys), loadTemplates(t, fsys)
	doc := parseHTML(t, renderPath(t, tm, s, "topics/alaska-summit/index.html"))

	head := one(t, doc, "header.topic-header")
	equal(t, "h1", texts(all(doc, "h1")), []string{"Alaska summit"})
	if got := text(one(t, head, "p.kicker")); got != "Timeline" {
		t.Errorf("kicker = %q", got)
	}
	if got, want := text(one(t, head, "p.meta")), "3 items, 8–15 Aug 2025 · 1 milestone"; got != want {
		t.Errorf("meta = %q, want %q", got, want)
	}
	if got := text(one(t, head, "div.intro")); got != "Intro to the summit." {
		t.Errorf("intro = %q", got)
	}
	equal(t, "topic feeds", links(one(t, head, "p.feeds")), []string{
		"RSS → /digest/topics/alaska-summit/feed.xml", "Atom → /digest/topics/alaska-summit/atom.xml",
		"JSON Feed → /digest/topics/alaska-summit/feed.json"})

	// Days oldest first, and within a day the items in time order.
	days := all(one(t, doc, "ol.timeline"), "li.tl-day")
	equal(t, "day ids", attrs(days, "id"), []string{"d-2025-08-08", "d-2025-08-15"})
	var headings, datetimes, entries []string
	for _, d := range days {
		h := one(t, d, "h2")
		headings = append(headings, text(h))
		datetimes = append(datetimes, attr(one(t, h, "time"), "datetime"))
		entries = append(entries, strings.Join(texts(all(d, "h3")), " | "))
	}
	equal(t, "day headings", headings, []string{"8 August 2025", "15 August 2025"})
	equal(t, "day datetimes", datetimes, []string{"2025-08-08", "2025-08-15"})
	equal(t, "entries by day", entries, []string{"Summit announced", "Leaders meet in Anchorage | Reaction pours in"})

	var entryLinks []string
	for _, e := range all(doc, "li.tl-entry") {
		entryLinks = append(entryLinks, links(one(t, e, "h3"))...)
	}
	equal(t, "entry links", entryLinks, []string{
		"Summit announced → /digest/2025/08/08/announced/",
		"Leaders meet in Anchorage → /digest/2025/08/15/summit/",
		"Reaction pours in → /digest/2025/08/15/reaction/"})

	// The milestone, and only it, is marked.
	milestones := all(doc, "li.tl-entry.milestone")
	equal(t, "milestones", texts(allIn(milestones, "h3")), []string{"Leaders meet in Anchorage"})
	equal(t, "milestone badges", texts(allIn(milestones, "span.badge")), []string{"Milestone"})
	if n := len(all(doc, "span.badge")); n != 1 {
		t.Errorf("%d badges on the timeline, want 1", n)
	}
	// Items with a time of day show it.
	var times []string
	for _, m := range all(doc, "p.tl-meta") {
		for _, tm := range all(m, "time") {
			times = append(times, text(tm)+" "+attr(tm, "datetime"))
		}
	}
	equal(t, "entry times", times, []string{"18:30 2025-08-08T18:30:00+03:00", "21:00 2025-08-15T21:00:00+03:00"})

	// Structured data lists the items in the same order.
	var ld struct {
		Type       string `json:"@type"`
		Name       string `json:"name"`
		MainEntity struct {
			NumberOfItems int `json:"numberOfItems"`
			Items         []struct {
				Position  int `json:"position"`
				URL, Name string
			} `json:"itemListElement"`
		} `json:"mainEntity"`
	}
	if err := json.Unmarshal([]byte(text(one(t, doc, "script[type=application/ld+json]"))), &ld); err != nil {
		t.Fatalf("JSON-LD: %v", err)
	}
	var items []string
	for _, it := range ld.MainEntity.Items {
		items = append(items, fmt.Sprintf("%d %s %s", it.Position, it.Name, it.URL))
	}
	if ld.Type != "CollectionPage" || ld.Name != "Alaska summit" || ld.MainEntity.NumberOfItems != 3 {
		t.Errorf("JSON-LD: %+v", ld)
	}
	equal(t, "JSON-LD items", items, []string{
		"1 Summit announced " + base + "2025/08/08/announced/",
		"2 Leaders meet in Anchorage " + base + "2025/08/15/summit/",
		"3 Reaction pours in " + base + "2025/08/15/reaction/"})
}

func TestHomePageGroupsByDay(t *testing.T) {
	fsys := testSite()
	s, tm := buildSite(t, fsys), loadTemplates(t, fsys)
	home := renderPath(t, tm, s, "index.html")
	doc := parseHTML(t, home)

	if got := text(one(t, doc, "h1")); got != "Test Digest" {
		t.Errorf("h1 = %q", got)
	}
	if got := text(one(t, one(t, doc, "div.intro"), "strong")); got != "digest" {
		t.Errorf("the introduction's Markdown is not rendered: <strong> = %q", got)
	}
	// Three items a page, newest first, grouped by day in the site's time
	// zone: "other" is dated 00:30 in Kyiv, still the 19th in UTC.
	type day struct{ id, datetime, heading, items string }
	var got []day
	for _, d := range all(one(t, doc, "ol.days"), "li.day") {
		h := one(t, d, "h2")
		got = append(got, day{attr(d, "id"), attr(one(t, h, "time"), "datetime"), text(h), strings.Join(texts(all(d, "h3")), " | ")})
	}
	want := []day{
		{"d-2025-08-20", "2025-08-20", "Wednesday 20 August 2025", "Other news"},
		{"d-2025-08-15", "2025-08-15", "Friday 15 August 2025", "Reaction pours in | Leaders meet in Anchorage"},
	}
	equal(t, "days of page 1", got, want)
	equal(t, "item links", links(one(t, doc, "ol.days")), []string{
		"Other news → /digest/2025/08/20/other/",
		"Reaction pours in → /digest/2025/08/15/reaction/", "BBC → https://bbc.example/c", "Alaska summit → /digest/topics/alaska-summit/",
		"Leaders meet in Anchorage → /digest/2025/08/15/summit/", "AP → https://ap.example/b", "Alaska summit → /digest/topics/alaska-summit/",
	})
	equal(t, "milestones", texts(allIn(all(doc, "li.item.milestone"), "h3")), []string{"Leaders meet in Anchorage"})
	equal(t, "pager of page 1", links(one(t, doc, "nav.pager")), []string{"1 → /digest/", "2 → /digest/page/2/", "Older → → /digest/page/2/"})
	if bytes.Contains(home, []byte("Unpublished draft")) {
		t.Error("the home page lists a draft")
	}

	doc2 := parseHTML(t, renderPath(t, tm, s, "page/2/index.html"))
	if got := text(one(t, doc2, "h1")); got != "Latest news page 2 of 2" {
		t.Errorf("h1 of page 2 = %q", got)
	}
	equal(t, "days of page 2", attrs(all(doc2, "li.day"), "id"), []string{"d-2025-08-08"})
	equal(t, "items of page 2", texts(all(one(t, doc2, "ol.days"), "h3")), []string{"Summit announced"})
	equal(t, "pager of page 2", links(one(t, doc2, "nav.pager")), []string{"← Newer → /digest/", "1 → /digest/", "2 → /digest/page/2/"})
	equal(t, "current page", attrs(all(doc2, "a[aria-current=page]"), "href"), []string{"/digest/page/2/"})
}

func TestSiteTemplateOverridesTheme(t *testing.T) {
	fsys := testSite()
	s := buildSite(t, fsys)
	const themeFooter = "Each summary is written by our editors"
	doc := parseHTML(t, renderPath(t, loadTemplates(t, fsys), s, "index.html"))
	if got := text(one(t, doc, "footer.site-footer")); !strings.Contains(got, themeFooter) {
		t.Fatalf("the theme's footer is %q: the test expects it to say %q", got, themeFooter)
	}

	fsys["templates/partials/footer.html"] = file(`<footer class="site-footer" id="custom-footer">Made for {{.Title}}</footer>`)
	tm := loadTemplates(t, fsys)
	for _, path := range []string{"index.html", "2025/08/15/summit/index.html", "404.html"} {
		doc := parseHTML(t, renderPath(t, tm, s, path))
		f := one(t, doc, "footer.site-footer")
		if attr(f, "id") != "custom-footer" || text(f) != "Made for Test Digest" {
			t.Errorf("%s: footer %q (id %q), want the site's", path, text(f), attr(f, "id"))
		}
		// The rest of the theme is still there.
		if len(all(doc, "nav[aria-label=Topics]")) != 1 || len(all(doc, "link[rel=canonical]")) != 1 {
			t.Errorf("%s: overriding the footer lost the theme's other templates", path)
		}
	}
}

// syntaxError loads the templates of fsys over theme, which must fail with
// one diagnostic, and returns it.
func syntaxError(t *testing.T, fsys, theme fs.FS) diag.Diagnostic {
	t.Helper()
	tm, diags := render.LoadTemplates(overlay.New(fsys, theme))
	if tm != nil {
		t.Error("LoadTemplates returned templates despite a syntax error")
	}
	if len(diags) != 1 {
		t.Fatalf("want one diagnostic, got:\n%s", diagText(diags))
	}
	d := diags[0]
	if d.Severity != diag.Error || d.Code != "template-syntax" {
		t.Errorf("diagnostic %s is a %s %q, want an error template-syntax", d, d.Severity, d.Code)
	}
	return d
}

func TestTemplateSyntaxErrorNamesFileAndLine(t *testing.T) {
	for _, tt := range []struct {
		file, text   string
		line         int
		msgHas, name string
	}{
		{"templates/partials/footer.html", "<footer>\n<p>\n{{if}}\n</footer>\n", 3, "missing value for if", "templates/partials/footer.html"},
		{"templates/topic.html", "{{template \"base.html\" .}}\n{{define \"main\"}}\n<h1>{{.Title}</h1>\n{{end}}\n", 3, "bad character U+007D", "templates/topic.html"},
		{"templates/partials/extra.html", "{{define \"x\"}}\n\n\n\n{{range .}}\n{{end}}{{end}}{{end}}", 6, "unexpected {{end}}", "templates/partials/extra.html"},
	} {
		fsys := testSite()
		fsys[tt.file] = file(tt.text)
		d := syntaxError(t, fsys, digest.Theme)
		if d.File != tt.name || d.Line != tt.line || !strings.Contains(d.Message, tt.msgHas) {
			t.Errorf("%s: diagnostic %s, want %s:%d: …%s…", tt.file, d, tt.name, tt.line, tt.msgHas)
		}
	}
}

// brokenTheme returns the default theme with file's text replaced.
func brokenTheme(t *testing.T, name, text string) fstest.MapFS {
	t.Helper()
	theme := fstest.MapFS{}
	err := fs.WalkDir(digest.Theme, ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := fs.ReadFile(digest.Theme, p)
		theme[p] = &fstest.MapFile{Data: b}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	if theme[name] == nil {
		t.Fatalf("the theme has no %s", name)
	}
	theme[name] = file(text)
	return theme
}

func TestThemeTemplateIsNamedBuiltIn(t *testing.T) {
	// A syntax error in the theme.
	theme := brokenTheme(t, "templates/partials/nav.html", "<nav>\n{{range .Items}}\n<a>{{.Name}</a>\n{{end}}\n")
	d := syntaxError(t, testSite(), theme)
	if want := "templates/partials/nav.html (built-in theme)"; d.File != want || d.Line != 3 {
		t.Errorf("diagnostic %s, want it at %s:3", d, want)
	}

	// The same file from the site is the site's.
	fsys := testSite()
	fsys["templates/partials/nav.html"] = file("<nav>\n{{range .Items}}\n<a>{{.Name}</a>\n{{end}}\n")
	d = syntaxError(t, fsys, digest.Theme)
	if want := "templates/partials/nav.html"; d.File != want || d.Line != 3 {
		t.Errorf("diagnostic %s, want it at %s:3", d, want)
	}

	// An error executing a theme template: a view without its site.
	tm := loadTemplates(t, testSite())
	_, ed := tm.Render(&site.HomeView{Page: site.Page{Kind: site.KindHome, Path: "index.html"}}, nil)
	if ed == nil {
		t.Fatal("rendering a page without site info succeeded")
	}
	if want := "templates/base.html (built-in theme)"; ed.File != want || ed.Line == 0 || ed.Code != "template-exec" {
		t.Errorf("diagnostic %s (%s), want a template-exec error at a line of %s", ed, ed.Code, want)
	}
}

func TestTemplateExecErrorNamesTemplate(t *testing.T) {
	fsys := testSite()
	fsys["templates/article.html"] = file("{{template \"base.html\" .}}\n{{define \"main\"}}\n<h1>{{.Article.Title}}</h1>\n<p>{{.Article.NoSuchField}}</p>\n{{end}}\n")
	s, tm := buildSite(t, fsys), loadTemplates(t, fsys)
	b, d := tm.Render(view(t, s, "2025/08/15/summit/index.html"), nil)
	if d == nil {
		t.Fatalf("rendering succeeded:\n%s", b)
	}
	if d.File != "templates/article.html" || d.Line != 4 || d.Column == 0 || d.Severity != diag.Error || d.Code != "template-exec" ||
		!strings.Contains(d.Message, "NoSuchField") {
		t.Errorf("diagnostic %s (%s), want an error template-exec at templates/article.html:4:N naming NoSuchField", d, d.Code)
	}
	// Other kinds of page do not use the broken template.
	if _, d := tm.Render(view(t, s, "index.html"), nil); d != nil {
		t.Errorf("the home page fails too: %s", d)
	}
}

func TestRenderUnknownKind(t *testing.T) {
	tm := loadTemplates(t, testSite())
	_, d := tm.Render(&site.HomeView{Page: site.Page{Kind: "gallery", Path: "gallery/index.html"}}, nil)
	if d == nil || d.Code != "template-missing" || d.Severity != diag.Error || !strings.Contains(d.Message, "gallery") {
		t.Errorf("rendering a page of unknown kind: %v, want a template-missing error", d)
	}
}

func TestSumChangesWithEveryTemplate(t *testing.T) {
	sum := func(fsys fstest.MapFS) string {
		t.Helper()
		s := loadTemplates(t, fsys).Sum()
		return string(s[:])
	}
	base := sum(testSite())
	if sum(testSite()) != base {
		t.Fatal("the same templates give two sums")
	}

	// What is not a template leaves it alone.
	same := testSite()
	same["content/articles/2025-08-30-new.md"] = file("---\ntitle: New\ndate: 2025-08-30\n---\nNew.\n")
	same["content/_index.md"] = file("---\ntitle: Renamed\n---\n")
	same["static/style.css"] = file("body{}")
	same["templates/README.txt"] = file("notes")
	same["templates/.scratch.html"] = file("{{.Editor}}")
	same["templates/partials/footer.html"] = file(string(mustRead(t, digest.Theme, "templates/partials/footer.html")))
	if sum(same) != base {
		t.Error("the sum changed with files that are not templates, or a template overridden by the same text")
	}

	// Every template, from the theme or the site, is covered.
	seen := map[string]string{base: "the theme"}
	change := func(what string, fsys fstest.MapFS) {
		s := sum(fsys)
		if prev, ok := seen[s]; ok {
			t.Errorf("%s gives the same sum as %s", what, prev)
		}
		seen[s] = what
	}
	names, err := fs.Glob(digest.Theme, "templates/*.html")
	if err != nil {
		t.Fatal(err)
	}
	partials, _ := fs.Glob(digest.Theme, "templates/partials/*.html")
	names = append(names, partials...)
	if len(names) < 10 {
		t.Fatalf("the theme has only %d templates", len(names))
	}
	for _, n := range names {
		fsys := testSite()
		fsys[n] = file(string(mustRead(t, digest.Theme, n)) + "\n")
		change("overriding "+n, fsys)
	}
	fsys := testSite()
	fsys["templates/partials/extra.html"] = file("extra")
	change("adding a partial", fsys)
	theme := brokenTheme(t, "templates/home.html", string(mustRead(t, digest.Theme, "templates/home.html"))+" ")
	s, diags := render.LoadTemplates(overlay.New(testSite(), theme))
	if s == nil {
		t.Fatalf("theme with a space added: %s", diagText(diags))
	}
	if sum := s.Sum(); seen[string(sum[:])] != "" {
		t.Errorf("changing the theme's home.html gives the same sum as %s", seen[string(sum[:])])
	}
}

func mustRead(t *testing.T, fsys fs.FS, name string) []byte {
	t.Helper()
	b, err := fs.ReadFile(fsys, name)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func TestUsesTemplates(t *testing.T) {
	s := buildSite(t, testSite())
	kinds := map[string]bool{}
	for _, v := range s.Pages {
		html := strings.HasSuffix(v.Meta().Path, ".html")
		if got := render.UsesTemplates(v); got != html {
			t.Errorf("UsesTemplates(%s, a %T) = %v, want %v", v.Meta().Path, v, got, html)
		}
		kinds[v.Meta().Kind] = true
	}
	for _, k := range []string{site.KindHome, site.KindArticle, site.KindTopic, site.KindTopics, site.KindTerm, site.KindTerms,
		site.KindNotFound, site.KindRSS, site.KindAtom, site.KindJSONFeed, site.KindSitemap, site.KindRobots, site.KindFile} {
		if !kinds[k] {
			t.Errorf("the test site has no %s page", k)
		}
	}
}

func TestEveryPageIsWellFormed(t *testing.T) {
	fsys := testSite()
	s, tm := buildSite(t, fsys), loadTemplates(t, fsys)
	pages := 0
	for path, b := range renderAll(t, tm, s) {
		if !strings.HasSuffix(path, ".html") {
			continue
		}
		pages++
		doc := parseHTML(t, b)
		ids := map[string]bool{}
		for _, n := range all(doc, "[id]") {
			id := attr(n, "id")
			if ids[id] {
				t.Errorf("%s: two elements have id %q", path, id)
			}
			ids[id] = true
		}
		for _, a := range all(doc, "a[href]") {
			if h := attr(a, "href"); strings.HasPrefix(h, "#") && !ids[h[1:]] {
				t.Errorf("%s: link %q (%s) has no target on the page", path, h, text(a))
			}
		}
		if n := len(all(doc, "h1")); n != 1 {
			t.Errorf("%s: %d h1 elements", path, n)
		}
		if got := attr(one(t, doc, "html"), "lang"); got != "en" {
			t.Errorf("%s: lang %q", path, got)
		}
		canon := attr(one(t, doc, "link[rel=canonical]"), "href")
		if !strings.HasPrefix(canon, base) || canon != view(t, s, path).Meta().Permalink {
			t.Errorf("%s: canonical URL %q", path, canon)
		}
		for _, sc := range all(doc, "script[type=application/ld+json]") {
			var v any
			if err := json.Unmarshal([]byte(text(sc)), &v); err != nil {
				t.Errorf("%s: JSON-LD does not parse: %v", path, err)
			}
		}
	}
	if pages < 12 {
		t.Errorf("only %d pages", pages)
	}
}

// TestPartialExecErrorNamesPartial: an error inside a partial names the
// partial's file and line, not the template that called it.
func TestPartialExecErrorNamesPartial(t *testing.T) {
	fsys := testSite()
	fsys["templates/partials/item.html"] = file("<li>\n{{.NoSuchField}}</li>\n")
	s, tm := buildSite(t, fsys), loadTemplates(t, fsys)
	_, d := tm.Render(view(t, s, "index.html"), nil)
	if d == nil {
		t.Fatal("rendering succeeded")
	}
	if d.File != "templates/partials/item.html" || d.Line != 2 || !strings.Contains(d.Message, "NoSuchField") {
		t.Errorf("diagnostic %s, want it at templates/partials/item.html:2", d)
	}
}

// TestEscapeErrorNamesTemplate: an error html/template finds when it
// escapes a template, which has no line, still names the file.
func TestEscapeErrorNamesTemplate(t *testing.T) {
	fsys := testSite()
	fsys["templates/article.html"] = file("{{template \"base.html\" .}}\n{{define \"main\"}}<a href=\"{{.Title}}{{end}}\n")
	s, tm := buildSite(t, fsys), loadTemplates(t, fsys)
	_, d := tm.Render(view(t, s, "2025/08/15/summit/index.html"), nil)
	if d == nil {
		t.Fatal("rendering succeeded")
	}
	if d.File != "templates/article.html" {
		t.Errorf("diagnostic %s, want it to name templates/article.html", d)
	}
}
