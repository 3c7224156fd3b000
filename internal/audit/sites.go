package audit

import (
	"bytes"
	"context"
	"fmt"
	"image"
	"image/color"
	"image/png"
	"os"
	"path/filepath"
	"strings"
	"time"

	"digest"
	"digest/internal/build"
	"digest/internal/corpus"
	"digest/internal/diag"
)

// Site is a site to audit.
type Site struct {
	Name   string // "sample" or "generated"
	Source string // the site's folder
	// Required are the page kinds the site must have (see Kinds); the
	// audit also checks any other kind it finds.
	Required []string
	// Now, when set, is the build's clock: a generated site is the same
	// whatever the day.
	Now time.Time
}

// SampleSite is the repository's own site: the module root. Its content
// changes with the news, so it must have only the kinds every site has;
// its topics, whichever kinds they are, and any other page it has are
// audited too. The generated site has every kind.
func SampleSite(repo string) Site {
	var req []string
	for _, k := range Kinds {
		switch k.Name {
		case "home-2", "timeline", "timeline-long", "timeline-month", "topic-list", "page":
		default:
			req = append(req, k.Name)
		}
	}
	return Site{Name: "sample", Source: repo, Required: req}
}

// GeneratedItems is the size of the generated corpus: enough for a second
// home page, timelines split by month, paginated lists and editions.
const GeneratedItems = 300

// GeneratedSite writes, into dir, a site with every feature in use: the
// corpus generator's 300 items on six topics (so timelines are long and
// split by month), plus what it lacks: a short timeline, an article with
// an image, several sources, a table, a footnote, shortcodes and an
// update note, an edition's note, a standalone page, and a menu.
func GeneratedSite(dir string) (Site, error) {
	files := corpus.Generate(corpus.Options{Items: GeneratedItems, Seed: 1, Topics: 6})
	for i, f := range files {
		if f.Path == "content/_index.md" {
			files[i].Text = strings.Replace(f.Text, "---\n", "---\nmenu: [story-00, brief, about]\n", 1)
		}
	}
	files = append(files, extraFiles...)
	if err := corpus.Write(dir, files); err != nil {
		return Site{}, err
	}
	img, err := picturePNG()
	if err == nil {
		err = os.MkdirAll(filepath.Join(dir, "static", "img"), 0o755)
	}
	if err == nil {
		err = os.WriteFile(filepath.Join(dir, "static", "img", "audit.png"), img, 0o644)
	}
	if err != nil {
		return Site{}, fmt.Errorf("writing the generated site: %w", err)
	}
	var all []string
	for _, k := range Kinds {
		all = append(all, k.Name)
	}
	// After the corpus's last item (two years from 2024-01-01) and the
	// extra ones (January 2026).
	now := time.Date(2026, 2, 1, 0, 0, 0, 0, time.UTC)
	return Site{Name: "generated", Source: dir, Required: all, Now: now}, nil
}

// extraFiles are what the generated site adds to the corpus.
var extraFiles = []corpus.File{
	{Path: "content/about.md", Text: "---\ntitle: \"About this digest\"\ndescription: \"Who makes the digest, and how.\"\n---\n\n" +
		"The digest is **generated** for tests. Read the [latest story](/topics/brief/).\n\n## Corrections\n\nWrite to the editors.\n"},
	{Path: "content/topics/brief.md", Text: "---\ntitle: \"A brief story\"\ndescription: \"A short timeline.\"\nlayout: timeline\n---\n\n" +
		"Three items, one page.\n"},
	{Path: "content/editions/2026-01-12.md", Text: "---\ntitle: \"Monday's edition\"\n---\n\nThe editor's note: *one* story today.\n"},
	{Path: "content/articles/2026/2026-01-05-first-brief.md", Text: "---\ntitle: \"The brief story begins\"\n" +
		"summary: \"A first item on the brief story.\"\ntopics: [brief]\npeople: [Alina Petrenko]\nplaces: [Geneva]\nsource: Reuters\n" +
		"id: \"tag:digest.example.org,2026-01-05:first-brief\"\n---\n\nThe story begins in Geneva.\n"},
	{Path: "content/articles/2026/2026-01-08-second-brief.md", Text: "---\ntitle: \"The brief story goes on\"\n" +
		"summary: \"A second item on the brief story.\"\ntopics: [brief, story-01]\npeople: [Mark Dawson]\nplaces: [Vienna]\n" +
		"source: {name: \"BBC News\", url: \"https://www.bbc.com/news\"}\nid: \"tag:digest.example.org,2026-01-08:second-brief\"\n---\n\n" +
		"It goes on after [the first item](2026-01-05-first-brief.md).\n"},
	{Path: "content/articles/2026/2026-01-12-featured.md", Text: featured},
}

// featured is an article that uses every field and most of the Markdown
// the theme styles.
const featured = `---
title: "Envoys agree a framework, with a map and a table of steps"
date: 2026-01-12 10:30
updated: 2026-01-12 18:00
summary: "The envoys agreed a framework; the steps and their dates are below."
topics: [brief, story-00]
people: [Alina Petrenko, Mark Dawson]
places: [Geneva, Kyiv]
sources:
  - {name: "Reuters", url: "https://www.reuters.com/", author: "A. Reporter"}
  - {name: "Associated Press", url: "https://apnews.com/"}
image:
  src: /img/audit.png
  alt: "A blue and orange gradient standing in for a photograph of the meeting room"
  caption: "The meeting room in Geneva"
  credit: "Illustration: the digest"
milestone: true
id: "tag:digest.example.org,2026-01-12:featured"
---

The envoys agreed a **framework** on Monday[^1], *after* long talks.

## The steps

| Step | When | Who |
|---|---|---|
| Ceasefire | 15 January | Both sides |
| Exchange of prisoners | 1 February | Mediators |

> "We have a text," the mediator said.

1. First, the technical teams meet.
2. Then the ministers.

Some ` + "`code`" + ` and a block:

` + "```" + `
steps: 2
` + "```" + `

{{< youtube dQw4w9WgXcQ >}}

{{< details summary="The full statement" >}}
The statement, in full, is short.
{{< /details >}}

See also [the brief story so far](2026-01-08-second-brief.md) and ~~nothing else~~.

[^1]: According to two officials.
`

// picturePNG is the article's image: a 960×540 gradient.
func picturePNG() ([]byte, error) {
	img := image.NewRGBA(image.Rect(0, 0, 960, 540))
	for y := range 540 {
		for x := range 960 {
			img.Set(x, y, color.RGBA{uint8(x * 255 / 960), 90, uint8(y * 255 / 540), 255})
		}
	}
	var b bytes.Buffer
	err := png.Encode(&b, img)
	return b.Bytes(), err
}

// Build builds the site into dest, a folder that does not exist or is
// empty, with the embedded default theme and no conversion cache. A build
// with errors is an error that lists them.
func (s Site) Build(ctx context.Context, dest string) error {
	opts := build.Options{Source: s.Source, Destination: dest, Theme: digest.Theme, Generator: "digest audit", NoCache: true}
	if !s.Now.IsZero() {
		now := s.Now
		opts.Now = func() time.Time { return now }
	}
	b := build.New(opts)
	defer b.Close()
	res, err := b.Build(ctx, nil)
	if err != nil {
		return fmt.Errorf("building the %s site: %w", s.Name, err)
	}
	if res.Diags.HasErrors() {
		var errs []string
		for _, d := range res.Diags.Sorted() {
			if d.Severity == diag.Error {
				errs = append(errs, d.String())
			}
		}
		return fmt.Errorf("building the %s site: %s", s.Name, strings.Join(errs, "; "))
	}
	return nil
}
