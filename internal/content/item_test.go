package content_test

import (
	"reflect"
	"strings"
	"testing"
	"time"
	_ "time/tzdata" // the zones below, whatever the machine has installed

	"digest/internal/content"
	"digest/internal/diag"
)

// settingsIn returns settings for a site in the time zone tz.
func settingsIn(t *testing.T, tz string) content.Settings {
	t.Helper()
	cfg := content.DefaultConfig()
	loc, err := time.LoadLocation(tz)
	if err != nil {
		t.Fatal(err)
	}
	cfg.Location, cfg.TimezoneName = loc, tz
	return content.NewSettings(cfg)
}

// parseOK parses an item that must be valid, failing on any error.
func parseOK(t *testing.T, s content.Settings, file, src string) (*content.Item, diag.List) {
	t.Helper()
	it, diags := content.ParseItem(file, []byte(src), s)
	if diags.HasErrors() || it == nil {
		t.Fatalf("ParseItem(%s): item %v, diagnostics:\n%v", file, it, diags)
	}
	return it, diags
}

// findDiag returns the first diagnostic with code, or nil.
func findDiag(diags diag.List, code string) *diag.Diagnostic {
	for i := range diags {
		if diags[i].Code == code {
			return &diags[i]
		}
	}
	return nil
}

func TestFormatsAgree(t *testing.T) {
	yaml := `---
title: "Putin and Trump meet"
date: 2025-08-15T21:00:00-08:00
topics: [ukraine-peace-talks, alaska]
people: [Vladimir Putin, Donald Trump]
sources:
  - name: Reuters
    url: https://reuters.example/x
  - AP
milestone: true
draft: false
---
Body.
`
	toml := `+++
title = "Putin and Trump meet"
date = 2025-08-15T21:00:00-08:00
topics = ["ukraine-peace-talks", "alaska"]
people = ["Vladimir Putin", "Donald Trump"]
milestone = true
draft = false
[[sources]]
name = "Reuters"
url = "https://reuters.example/x"
[[sources]]
name = "AP"
+++
Body.
`
	json := `{
  "title": "Putin and Trump meet",
  "date": "2025-08-15T21:00:00-08:00",
  "topics": ["ukraine-peace-talks", "alaska"],
  "people": ["Vladimir Putin", "Donald Trump"],
  "sources": [{"name": "Reuters", "url": "https://reuters.example/x"}, "AP"],
  "milestone": true,
  "draft": false
}

Body.
`
	s := settingsIn(t, "Europe/Kyiv")
	want := time.Date(2025, 8, 16, 5, 0, 0, 0, time.UTC)
	for name, src := range map[string]string{"yaml": yaml, "toml": toml, "json": json} {
		it, diags := parseOK(t, s, "content/articles/"+name+".md", src)
		if len(diags) != 0 {
			t.Errorf("%s: unexpected diagnostics %v", name, diags)
		}
		if it.Title != "Putin and Trump meet" {
			t.Errorf("%s: Title = %q", name, it.Title)
		}
		if !it.Date.Equal(want) || !it.HasTime || it.Date.Location().String() != "Europe/Kyiv" {
			t.Errorf("%s: Date = %v (HasTime %v), want %v in Europe/Kyiv", name, it.Date, it.HasTime, want)
		}
		if !reflect.DeepEqual(it.TopicSlugs, []string{"ukraine-peace-talks", "alaska"}) {
			t.Errorf("%s: Topics = %q", name, it.TopicSlugs)
		}
		if !reflect.DeepEqual(it.PersonNames, []string{"Vladimir Putin", "Donald Trump"}) {
			t.Errorf("%s: People = %q", name, it.PersonNames)
		}
		wantSources := []content.Source{{Name: "Reuters", URL: "https://reuters.example/x"}, {Name: "AP"}}
		if !reflect.DeepEqual(it.Sources, wantSources) {
			t.Errorf("%s: Sources = %+v", name, it.Sources)
		}
		if !it.Milestone || it.Draft {
			t.Errorf("%s: Milestone %v Draft %v, want true false", name, it.Milestone, it.Draft)
		}
		if it.Summary != "Body." || it.Line("title") != 2 || it.Line("date") != 3 || it.Line("nothing") != 0 {
			t.Errorf("%s: Summary %q, lines of title %d, date %d, nothing %d", name, it.Summary, it.Line("title"), it.Line("date"), it.Line("nothing"))
		}
	}
}

func TestDates(t *testing.T) {
	kyiv := settingsIn(t, "Europe/Kyiv")
	tokyo := settingsIn(t, "Asia/Tokyo")
	cases := []struct {
		name    string
		s       content.Settings
		date    string
		want    string // in the site zone
		hasTime bool
	}{
		{"date", kyiv, "2025-08-15", "2025-08-15 00:00 EEST", false},
		{"quoted date", kyiv, `"2025-08-15"`, "2025-08-15 00:00 EEST", false},
		{"offset", tokyo, "2025-08-15T21:00:00-08:00", "2025-08-16 14:00 JST", true},
		{"quoted offset", tokyo, `"2025-08-15T21:00:00-08:00"`, "2025-08-16 14:00 JST", true},
		{"offset kyiv", kyiv, "2025-08-15T21:00:00-08:00", "2025-08-16 08:00 EEST", true},
		{"local time", kyiv, "2025-08-15 21:00", "2025-08-15 21:00 EEST", true},
		{"quoted local time", tokyo, `"2025-08-15 21:00"`, "2025-08-15 21:00 JST", true},
		{"winter", kyiv, "2025-01-15T21:00:00-08:00", "2025-01-16 07:00 EET", true},
	}
	for _, c := range cases {
		it, _ := parseOK(t, c.s, "content/articles/x.md", "---\ntitle: X\ndate: "+c.date+"\n---\nBody.\n")
		if got := it.Date.Format("2006-01-02 15:04 MST"); got != c.want || it.HasTime != c.hasTime {
			t.Errorf("%s: date %s read as %s (HasTime %v), want %s (HasTime %v)", c.name, c.date, got, it.HasTime, c.want, c.hasTime)
		}
		if it.Date.Location() != c.s.Location {
			t.Errorf("%s: date in %v, not in the site zone %v", c.name, it.Date.Location(), c.s.Location)
		}
	}
	// TOML local dates and times are in the site zone too.
	it, _ := parseOK(t, tokyo, "content/articles/t.md", "+++\ntitle = \"T\"\ndate = 2025-08-15T09:30:00\n+++\nBody.\n")
	if want := time.Date(2025, 8, 15, 9, 30, 0, 0, tokyo.Location); !it.Date.Equal(want) {
		t.Errorf("TOML local date-time = %v, want %v", it.Date, want)
	}
}

func TestDateAndSlugFromFileName(t *testing.T) {
	s := settingsIn(t, "Europe/Kyiv")
	it, _ := parseOK(t, s, "content/articles/2025-08-15-alaska-summit.md", "---\ntitle: Summit\n---\nBody.\n")
	if want := time.Date(2025, 8, 15, 0, 0, 0, 0, s.Location); !it.Date.Equal(want) || it.HasTime {
		t.Errorf("Date = %v (HasTime %v), want %v", it.Date, it.HasTime, want)
	}
	if it.Slug != "alaska-summit" {
		t.Errorf("Slug = %q, want alaska-summit", it.Slug)
	}
	it, _ = parseOK(t, s, "content/articles/2025-08-15-alaska-summit.md",
		"---\ntitle: Summit\ndate: 2025-08-20\nslug: Talks in Anchorage\n---\nBody.\n")
	if it.Slug != "talks-in-anchorage" {
		t.Errorf("explicit slug: Slug = %q, want talks-in-anchorage", it.Slug)
	}
	if it.Date.Day() != 20 {
		t.Errorf("explicit date lost to the file name: %v", it.Date)
	}
	it, _ = parseOK(t, s, "content/articles/no-date-here.md", "---\ntitle: X\ndate: 2025-01-01\n---\nBody.\n")
	if it.Slug != "no-date-here" {
		t.Errorf("Slug = %q, want no-date-here", it.Slug)
	}
}

func TestBOMAndCRLF(t *testing.T) {
	s := settingsIn(t, "UTC")
	src := "\xef\xbb\xbf---\r\ntitle: \"It's here\"\r\ndate: 2025-08-15\r\n---\r\n\r\nFirst [link](https://e.org/).\r\n"
	it, _ := parseOK(t, s, "content/articles/crlf.md", src)
	if it.Title != "It’s here" || it.Line("title") != 2 || it.Line("date") != 3 {
		t.Errorf("Title %q, lines of title %d, date %d", it.Title, it.Line("title"), it.Line("date"))
	}
	if len(it.Links) != 1 || it.Links[0].Line != 6 {
		t.Errorf("Links = %+v, want one on line 6", it.Links)
	}
	if body, _ := it.Body(); strings.Contains(string(body), "\r") {
		t.Errorf("Body keeps carriage returns: %q", body)
	}
	bad := "\xef\xbb\xbf---\r\ntitle: x\r\ndate: 2025-02-30\r\n---\r\nBody\r\n"
	_, diags := content.ParseItem("content/articles/bad.md", []byte(bad), s)
	if d := findDiag(diags, "date-invalid"); d == nil || d.Line != 3 {
		t.Errorf("error in a CRLF file: %v, want date-invalid on line 3", diags)
	}
}

func TestSourceImageSummaryParams(t *testing.T) {
	s := settingsIn(t, "UTC")
	src := `---
title: X
date: 2025-01-01
source:
  name: Reuters
  url: javascript:alert(1)
image: /img/a.png
foo: bar
nested: {a: 1, b: [x, y]}
---
First "para" -- here.

Second.
`
	it, diags := parseOK(t, s, "content/articles/x.md", src)
	if d := findDiag(diags, "source-url"); d == nil || d.Line != 6 || d.Severity != diag.Warning {
		t.Errorf("want a source-url warning on line 6, got %v", diags)
	}
	if len(it.Sources) != 1 || it.Sources[0].Name != "Reuters" || it.Sources[0].URL != "" {
		t.Errorf("Sources = %+v, want Reuters without URL", it.Sources)
	}
	if d := findDiag(diags, "image-alt"); d == nil || d.Line != 7 || d.Severity != diag.Warning {
		t.Errorf("want an image-alt warning on line 7, got %v", diags)
	}
	if it.LeadImage == nil || it.LeadImage.Src != "/img/a.png" {
		t.Errorf("Image = %+v", it.LeadImage)
	}
	if it.Summary != "First “para” – here." {
		t.Errorf("Summary = %q, want the first paragraph", it.Summary)
	}
	params, err := it.Params()
	if err != nil {
		t.Fatal(err)
	}
	if params["foo"] != "bar" {
		t.Errorf(`Params["foo"] = %#v`, params["foo"])
	}
	if want := map[string]any{"a": int64(1), "b": []any{"x", "y"}}; !reflect.DeepEqual(params["nested"], want) {
		t.Errorf(`Params["nested"] = %#v, want %#v`, params["nested"], want)
	}
	if params["title"] != "X" {
		t.Errorf(`Params["title"] = %#v`, params["title"])
	}

	it, diags = parseOK(t, s, "content/articles/y.md", "---\ntitle: Y\ndate: 2025-01-01\nsummary: \"It's the dek\"\nimage: {src: /img/b.png, alt: A map}\n---\nFirst para.\n")
	if it.Summary != "It’s the dek" {
		t.Errorf("explicit Summary = %q", it.Summary)
	}
	if d := findDiag(diags, "image-alt"); d != nil || it.LeadImage == nil || it.LeadImage.Alt != "A map" {
		t.Errorf("image with alt: %+v, %v", it.LeadImage, diags)
	}
}

// TestImageToCome: a caption and credit without src (as digest import
// keeps them) is a warning and no image; an image with nothing but alt is
// still an error; imported_from must name a file under imports/.
func TestImageToCome(t *testing.T) {
	s := settingsIn(t, "UTC")
	it, diags := parseOK(t, s, "content/articles/2025-08-15-x.md",
		"---\ntitle: X\nimage:\n  caption: Leaders meet\n  credit: Jane Doe/Agency\nimported_from: imports/2025-08-15-x.txt\n---\nBody.\n")
	if d := findDiag(diags, "image-src"); d == nil || d.Severity != diag.Warning || d.Line != 3 || it.LeadImage != nil {
		t.Errorf("caption without src: %v, image %v", diags, it.LeadImage)
	}
	if it.ImportedFrom != "imports/2025-08-15-x.txt" {
		t.Errorf("ImportedFrom = %q", it.ImportedFrom)
	}
	_, diags = content.ParseItem("content/articles/2025-08-15-y.md", []byte("---\ntitle: Y\nimage:\n  alt: A picture\n---\nBody.\n"), s)
	if d := findDiag(diags, "image-src"); d == nil || d.Severity != diag.Error {
		t.Errorf("alt without src: %v", diags)
	}
	for _, bad := range []string{"../secret.txt", "/etc/passwd", "content/x.md", "imports/../x.txt"} {
		it, diags := parseOK(t, s, "content/articles/2025-08-15-z.md", "---\ntitle: Z\nimported_from: \""+bad+"\"\n---\nBody.\n")
		if d := findDiag(diags, "imported-from"); d == nil || it.ImportedFrom != "" {
			t.Errorf("imported_from %q: %v, ImportedFrom %q", bad, diags, it.ImportedFrom)
		}
	}
}
