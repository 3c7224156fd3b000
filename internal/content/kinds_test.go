package content_test

import (
	"slices"
	"strings"
	"testing"
	"testing/fstest"

	"digest/internal/content"
)

// TestFileKinds reads a site written the way Hugo and Zola sites are:
// page bundles, standalone pages, section settings, .MD files.
func TestFileKinds(t *testing.T) {
	file := func(s string) *fstest.MapFile { return &fstest.MapFile{Data: []byte(s)} }
	m := fstest.MapFS{
		"content/_index.md":                                file("---\ntitle: Site\n---\n"),
		"content/articles/_index.md":                       file("---\ntitle: Latest from Kyiv\n---\nWhat we follow.\n"),
		"content/topics/_index.md":                         file("---\ntitle: Our stories\n---\n"),
		"content/topics/talks.md":                          file("---\ntitle: Talks\n---\n"),
		"content/articles/2025-08-20-one-story/index.md":   file("---\ntitle: One\n---\nSee the map.\n"),
		"content/articles/2025-08-20-one-story/map.png":    file("\x89PNG"),
		"content/articles/2025-08-20-one-story/docs/r.pdf": file("%PDF"),
		"content/articles/2025-08-20-one-story/notes.md":   file("---\ntitle: Notes\n---\n"),
		"content/articles/2025-08-20-two/INDEX.MD":         file("---\ntitle: Two\n---\n"),
		"content/articles/2025-08-21-shout.MD":             file("---\ntitle: Shout\n---\n"),
		"content/articles/2025-08-22-long.markdown":        file("---\ntitle: Long\n---\n"),
		"content/about.md":                                 file("---\ntitle: About us\n---\nWho we are.\n"),
		"content/pages/corrections.md":                     file("---\ntitle: Corrections\n---\n"),
		"content/pages/2025-report/index.md":               file("---\ntitle: Report\n---\n"),
		"content/pages/2025-report/chart.svg":              file("<svg/>"),
		"content/articles/2025/_index.md":                  file("---\ntitle: Year\n---\n"),
	}
	c := loadAll(content.NewLoader(m, content.Override{}), nil)
	var got []string
	for _, it := range c.Items {
		got = append(got, it.Slug+" "+it.Date.Format("2006-01-02"))
	}
	want := []string{"one-story 2025-08-20", "two 2025-08-20", "shout 2025-08-21", "long 2025-08-22"}
	if !slices.Equal(got, want) {
		t.Errorf("items %q, want %q", got, want)
	}
	var pages []string
	for _, p := range c.Pages {
		pages = append(pages, p.Slug)
	}
	if !slices.Equal(pages, []string{"about", "2025-report", "corrections"}) {
		t.Errorf("pages %q", pages)
	}
	if c.ArticlesSection == nil || c.ArticlesSection.Title != "Latest from Kyiv" || !strings.Contains(string(c.ArticlesSection.Intro), "What we follow.") {
		t.Errorf("articles section %+v", c.ArticlesSection)
	}
	if c.TopicsSection == nil || c.TopicsSection.Title != "Our stories" {
		t.Errorf("topics section %+v", c.TopicsSection)
	}
	if len(c.Topics) != 1 || c.Topics[0].Slug != "talks" {
		t.Errorf("topics %+v: _index.md must not be one", c.Topics)
	}
	var res []string
	for _, r := range c.Resources {
		res = append(res, r.Bundle+" "+r.Rel)
	}
	if !slices.Equal(res, []string{
		"content/articles/2025-08-20-one-story docs/r.pdf",
		"content/articles/2025-08-20-one-story map.png",
		"content/pages/2025-report chart.svg",
	}) {
		t.Errorf("resources %q", res)
	}
	for _, p := range []string{"content/articles/2025-08-20-one-story/notes.md", "content/articles/2025/_index.md"} {
		if ds := diagsFor(c.Diags, p); len(ds) != 1 || ds[0].Code != "file-ignored" {
			t.Errorf("%s: %v", p, ds)
		}
	}
	for _, d := range c.Diags {
		if !strings.HasSuffix(d.File, "notes.md") && !strings.HasSuffix(d.File, "2025/_index.md") && d.Code != "summary-missing" {
			t.Errorf("unexpected %s [%s]", d, d.Code)
		}
	}

	// Removing the index.md makes the folder's files ordinary again.
	delete(m, "content/articles/2025-08-20-one-story/index.md")
	l := content.NewLoader(m, content.Override{})
	c = loadAll(l, nil)
	if len(c.Resources) != 1 || len(diagsFor(c.Diags, "content/articles/2025-08-20-one-story/map.png")) != 1 {
		t.Errorf("without index.md: resources %v, diags %v", c.Resources, c.Diags)
	}
	// …and adding it back, as an edit, makes them resources.
	m["content/articles/2025-08-20-one-story/index.md"] = file("---\ntitle: One\n---\n")
	c = loadAll(l, []string{"content/articles/2025-08-20-one-story/index.md"})
	if len(c.Resources) != 3 || len(diagsFor(c.Diags, "content/articles/2025-08-20-one-story/map.png")) != 0 {
		t.Errorf("index.md back: resources %v, diags %v", c.Resources, c.Diags)
	}
}

func TestTaxonomies(t *testing.T) {
	file := func(s string) *fstest.MapFile { return &fstest.MapFile{Data: []byte(s)} }
	m := fstest.MapFS{
		"content/_index.md":                file("---\ntitle: Site\n---\n"),
		"content/articles/2025-08-20-a.md": file("---\ntitle: A\ntags: [Ceasefire, Talks]\ncategories: [Europe]\n---\n"),
		"content/articles/2025-08-21-b.md": file("+++\ntitle = \"B\"\n[taxonomies]\ntags = [\"Talks\"]\nauthors = [\"Ann\"]\n+++\n"),
		"content/articles/2025-08-22-c.md": file("---\ntitle: C\ntopics: [talks]\nTags: [talks]\n---\n"),
	}
	c := loadAll(content.NewLoader(m, content.Override{}), nil)
	topics := map[string][]string{}
	for _, it := range c.Items {
		topics[it.Title] = it.TopicSlugs
	}
	if !slices.Equal(topics["A"], []string{"ceasefire", "talks", "europe"}) || !slices.Equal(topics["B"], []string{"talks"}) ||
		!slices.Equal(topics["C"], []string{"talks"}) {
		t.Errorf("topics %v", topics)
	}
	var mapped []string
	for _, d := range c.Diags {
		if d.Code == "taxonomy-mapped" {
			mapped = append(mapped, d.String())
		}
	}
	if len(mapped) != 1 || !strings.Contains(mapped[0], "tags read as topics (2 items)") ||
		!strings.Contains(mapped[0], "taxonomies.authors ignored (1 item)") || !strings.Contains(mapped[0], "categories read as topics (1 item)") {
		t.Errorf("want one taxonomy-mapped warning, got %q", mapped)
	}

	m["content/_index.md"] = file("---\ntitle: Site\ntags_as: people\ncategories_as: places\n---\n")
	delete(m, "content/articles/2025-08-21-b.md")
	c = loadAll(content.NewLoader(m, content.Override{}), nil)
	a := c.Items[0]
	if !slices.Equal(a.PersonNames, []string{"Ceasefire", "Talks"}) || !slices.Equal(a.PlaceNames, []string{"Europe"}) || len(a.TopicSlugs) != 0 {
		t.Errorf("mapped: people %q places %q topics %q", a.PersonNames, a.PlaceNames, a.TopicSlugs)
	}
	for _, d := range c.Diags {
		if d.Code != "summary-missing" {
			t.Errorf("the site chose: want no diagnostics, got %s", d)
		}
	}
}

func TestJSONFrontMatterBodyRightAfter(t *testing.T) {
	src := "{\n  \"title\": \"Talks resume\",\n  \"date\": \"2025-08-20\",\n  \"extra\": {\"a\": 1\n}\n}\nThe body starts here.\n"
	it, diags := content.ParseItem("content/articles/x.md", []byte(src), content.NewSettings(content.DefaultConfig()))
	if it == nil || diags.HasErrors() {
		t.Fatalf("refused: %v", diags)
	}
	body, _ := it.Body()
	if it.Title != "Talks resume" || !strings.Contains(string(body), "The body starts here.") {
		t.Errorf("title %q body %q", it.Title, body)
	}
	if it.Summary != "The body starts here." {
		t.Errorf("summary %q", it.Summary)
	}
}

func TestNamesCompareComposed(t *testing.T) {
	file := func(s string) *fstest.MapFile { return &fstest.MapFile{Data: []byte(s)} }
	m := fstest.MapFS{
		"content/_index.md":                            file("---\ntitle: Site\n---\n"),
		"content/articles/2025-08-20-a.md":             file("---\ntitle: A\npeople: [Erdoğan]\n---\n"),
		"content/articles/2025-08-21-b.md":             file("---\ntitle: B\npeople: [Erdog\u0306an]\n---\n"),
		"content/articles/2025-08-22-re\u0301union.md": file("---\ntitle: C\n---\n"),
	}
	c := loadAll(content.NewLoader(m, content.Override{}), nil)
	if c.Items[0].PersonNames[0] != c.Items[1].PersonNames[0] {
		t.Errorf("names differ: %q %q", c.Items[0].PersonNames[0], c.Items[1].PersonNames[0])
	}
	if c.Items[2].Slug != "réunion" {
		t.Errorf("slug %q", c.Items[2].Slug)
	}
}
