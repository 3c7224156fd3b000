package render_test

import (
	"bytes"
	"context"
	"io/fs"
	"slices"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"digest"
	"digest/internal/content"
	"digest/internal/diag"
	"digest/internal/overlay"
	"digest/internal/render"
	"digest/internal/site"
)

// now is the build time of every test site.
var now = time.Date(2025, 9, 1, 0, 0, 0, 0, time.UTC)

// kyiv is the time zone of the test site.
var kyiv = func() *time.Location {
	loc, err := time.LoadLocation("Europe/Kyiv")
	if err != nil {
		panic(err)
	}
	return loc
}()

// base is the base URL of the test site: served under a path, so that
// links that forget it are caught.
const base = "https://news.example.org/digest/"

// testSite returns the files of a small digest: one topic followed as a
// timeline, four published articles (one a milestone, one with a
// footnote, one with an id, one updated) and a draft. The home page shows
// three articles a page, so it has two.
//
//	2025-08-20 00:30  other      no topic; just past midnight in Kyiv, the evening before in UTC
//	2025-08-15 21:00  reaction   alaska-summit, updated 2025-08-16 09:00
//	2025-08-15        summit     alaska-summit, milestone, footnote, two sources
//	2025-08-08 18:30  announced  alaska-summit, id, relative links in its body
//	2025-08-25        draft      not published
func testSite() fstest.MapFS {
	return fstest.MapFS{
		"content/_index.md": file(`---
title: Test Digest
description: News under test.
base_url: ` + base + `
timezone: Europe/Kyiv
per_page: 3
---
Welcome to the **digest**.
`),
		"content/topics/alaska-summit.md": file(`---
title: Alaska summit
description: The road to the summit.
---
Intro to the summit.
`),
		"content/articles/2025-08-08-announced.md": file(`---
title: Summit announced
date: 2025-08-08 18:30
id: tag:news.example.org,2025-08-08:announced
topics: [alaska-summit]
people: [Donald Trump]
places: [Anchorage]
sources:
  - {name: Reuters, url: "https://reuters.example/a"}
---
The summit was [announced](/topics/alaska-summit/) today. See ![the map](img/map.png).
`),
		"content/articles/2025-08-15-summit.md": file(`---
title: Leaders meet in Anchorage
date: 2025-08-15
milestone: true
topics: [alaska-summit]
people: [Donald Trump, Vladimir Putin]
places: [Anchorage]
sources:
  - {name: AP, url: "https://ap.example/b", author: Jane Roe}
  - {name: Local paper}
---
They met at the base.[^1]

[^1]: Joint Base Elmendorf-Richardson.
`),
		"content/articles/2025-08-15-reaction.md": file(`---
title: Reaction pours in
date: 2025-08-15 21:00
updated: 2025-08-16 09:00
topics: [alaska-summit]
sources:
  - {name: BBC, url: "https://bbc.example/c"}
---
Reactions from around the world.
`),
		"content/articles/2025-08-20-other.md": file(`---
title: Other news
date: 2025-08-20 00:30
summary: Something else happened.
source: Wire
---
Body of the other news.
`),
		"content/articles/2025-08-25-draft.md": file(`---
title: Unpublished draft
date: 2025-08-25
draft: true
---
Not yet.
`),
	}
}

func file(text string) *fstest.MapFile { return &fstest.MapFile{Data: []byte(text)} }

// buildSite reads the content of fsys and makes its model, failing the
// test if the content has errors: tests here are about rendering.
func buildSite(t testing.TB, fsys fs.FS) *site.Site {
	t.Helper()
	c, err := content.NewLoader(fsys, content.Override{}).Load(context.Background(), nil)
	if err != nil {
		t.Fatal(err)
	}
	return buildFrom(t, c, nil)
}

// buildFrom makes the model of loaded content, with memo carried over
// from an earlier build if not nil.
func buildFrom(t testing.TB, c *content.Content, memo *site.Memo) *site.Site {
	t.Helper()
	if c.Diags.HasErrors() {
		t.Fatalf("content has errors:\n%s", diagText(c.Diags))
	}
	s := site.Make(c, site.Options{Now: now, Generator: "digest test", Memo: memo,
		Assets: map[string]string{"style.css": "/digest/style.css", "favicon.svg": "/digest/favicon.svg"}})
	if s.Diags.HasErrors() {
		t.Fatalf("site has errors:\n%s", diagText(s.Diags))
	}
	return s
}

// loadTemplates reads the templates of fsys over the default theme,
// failing the test on any error.
func loadTemplates(t testing.TB, fsys fs.FS) *render.Templates {
	t.Helper()
	tm, diags := render.LoadTemplates(overlay.New(fsys, digest.Theme))
	if diags.HasErrors() || tm == nil {
		t.Fatalf("templates have errors:\n%s", diagText(diags))
	}
	return tm
}

// view returns the view of the output file at path.
func view(t testing.TB, s *site.Site, path string) site.View {
	t.Helper()
	for _, v := range s.Pages {
		if v.Meta().Path == path {
			return v
		}
	}
	t.Fatalf("no page %s; pages:\n%s", path, strings.Join(paths(s), "\n"))
	return nil
}

func paths(s *site.Site) []string {
	var out []string
	for _, v := range s.Pages {
		out = append(out, v.Meta().Path)
	}
	return out
}

// renderPath renders the output file at path.
func renderPath(t testing.TB, tm *render.Templates, s *site.Site, path string) []byte {
	t.Helper()
	b, d := tm.Render(view(t, s, path), nil)
	if d != nil {
		t.Fatalf("rendering %s: %s", path, d)
	}
	return bytes.Clone(b)
}

// renderAll renders every output file of s, by path.
func renderAll(t testing.TB, tm *render.Templates, s *site.Site) map[string][]byte {
	t.Helper()
	out := make(map[string][]byte, len(s.Pages))
	for _, v := range s.Pages {
		b, d := tm.Render(v, nil)
		if d != nil {
			t.Fatalf("rendering %s: %s", v.Meta().Path, d)
		}
		out[v.Meta().Path] = bytes.Clone(b)
	}
	return out
}

// article returns the published article read from content/articles/name.
func article(t testing.TB, s *site.Site, name string) *site.Article {
	t.Helper()
	for _, a := range s.Articles {
		if a.File == "content/articles/"+name {
			return a
		}
	}
	t.Fatalf("no published article content/articles/%s", name)
	return nil
}

// sameOutput reports the files that differ between two renderings.
func sameOutput(t testing.TB, what string, got, want map[string][]byte) {
	t.Helper()
	var keys []string
	for k := range got {
		keys = append(keys, k)
	}
	for k := range want {
		if _, ok := got[k]; !ok {
			keys = append(keys, k)
		}
	}
	slices.Sort(keys)
	for _, k := range keys {
		g, ok1 := got[k]
		w, ok2 := want[k]
		switch {
		case !ok1:
			t.Errorf("%s: %s missing", what, k)
		case !ok2:
			t.Errorf("%s: %s not expected", what, k)
		case !bytes.Equal(g, w):
			t.Errorf("%s: %s differs:\n%s", what, k, firstDifference(g, w))
		}
	}
}

// firstDifference shows where two outputs part.
func firstDifference(got, want []byte) string {
	i := 0
	for i < len(got) && i < len(want) && got[i] == want[i] {
		i++
	}
	from := max(0, i-80)
	return "got  …" + string(got[from:min(len(got), i+80)]) + "…\nwant …" + string(want[from:min(len(want), i+80)]) + "…"
}

func diagText(l diag.List) string {
	var b strings.Builder
	for _, d := range l {
		b.WriteString("  " + d.Code + ": " + d.String() + "\n")
	}
	return b.String()
}

func equal[T comparable](t testing.TB, what string, got, want []T) {
	t.Helper()
	if !slices.Equal(got, want) {
		t.Errorf("%s:\n got  %#v\n want %#v", what, got, want)
	}
}
