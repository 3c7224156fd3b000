package clip

import (
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

func TestCleanErrors(t *testing.T) {
	big := bytes.Repeat([]byte("A line of text that repeats.\n"), MaxInput/29+1)
	cases := []struct {
		name   string
		input  []byte
		isHTML bool
		want   error
		detail string
	}{
		{"empty", nil, false, ErrEmpty, "no bytes"},
		{"empty HTML", []byte(""), true, ErrEmpty, "no bytes"},
		{"whitespace", []byte(" \n\t\r\n  \n"), false, ErrEmpty, "whitespace only"},
		{"BOM and no-break spaces", []byte("\uFEFF\u00A0 \u2003\n"), false, ErrEmpty, "whitespace only"},
		{"whitespace HTML", []byte("\n\n   "), true, ErrEmpty, "whitespace only"},
		{"NUL byte", []byte("Headline\n\nSome text\x00\x01\x02 more"), false, ErrBinary, "NUL byte at offset 19"},
		{"not UTF-8", append([]byte("Headline\n\n"), bytes.Repeat([]byte{0xff, 0xfe}, 5)...), false, ErrBinary, "10 bytes are not UTF-8"},
		{"too large", big, false, ErrTooLarge, "over the limit"},
		{"too large HTML", big, true, ErrTooLarge, "over the limit"},
		{"only boilerplate", []byte("Advertisement\n\nShare on Facebook\n"), false, ErrEmpty, "boilerplate"},
		{"HTML without body text", []byte("<html><head><title>Hi</title></head><body></body></html>"), true, ErrNoArticle, ""},
		{"HTML only a form", []byte(`<html><body><form><label>Name</label><input name="n"><button>Send</button></form></body></html>`), true, ErrNoArticle, ""},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			a, err := Clean(c.input, c.isHTML)
			if !errors.Is(err, c.want) {
				t.Fatalf("Clean = %v, %v; want an error wrapping %v", a, err, c.want)
			}
			if a != nil {
				t.Errorf("Clean returned an article with the error: %+v", a)
			}
			if !strings.Contains(err.Error(), c.detail) || err.Error() == c.want.Error() {
				t.Errorf("error %q: want %q with detail %q", err, c.want, c.detail)
			}
		})
	}
}

func TestCleanLimits(t *testing.T) {
	para := strings.Repeat("word ", 199) + "end.\n\n"
	n := (MaxInput - 100) / len(para)
	input := "Headline of a long article\n\n" + strings.Repeat(para, n)
	input += strings.Repeat("x", MaxInput-len(input))
	if len(input) != MaxInput {
		t.Fatalf("built %d bytes", len(input))
	}
	a, err := Clean([]byte(input), false)
	if err != nil {
		t.Fatalf("Clean of exactly MaxInput bytes: %v", err)
	}
	if a.Headline != "Headline of a long article" || len(a.Paragraphs) != n+1 {
		t.Errorf("headline %q, %d paragraphs", a.Headline, len(a.Paragraphs))
	}
}

func TestStrayBytes(t *testing.T) {
	input := []byte("Ferry back on winter timetable\n\nThe ferry\xff runs again\xfe.\n")
	a, err := Clean(input, false)
	if err != nil {
		t.Fatal(err)
	}
	if got, want := a.Text(), "Ferry back on winter timetable\n\nThe ferry runs again.\n"; got != want {
		t.Errorf("Text() = %q, want %q", got, want)
	}
	if want := []string{"2 stray bytes that were not UTF-8"}; !slices.Equal(a.Removed, want) {
		t.Errorf("Removed = %q, want %q", a.Removed, want)
	}
}

func TestText(t *testing.T) {
	a := &Article{Headline: "Title", Paragraphs: []string{"One.", "## Two", "Three."}}
	if got, want := a.Text(), "Title\n\nOne.\n\n## Two\n\nThree.\n"; got != want {
		t.Errorf("Text() = %q, want %q", got, want)
	}
	a = &Article{Headline: "Only a title"}
	if got, want := a.Text(), "Only a title\n"; got != want {
		t.Errorf("Text() = %q, want %q", got, want)
	}
}

func TestNormalisation(t *testing.T) {
	input := "\uFEFFCafe\u0301 owners\tprotest\u00A0 new  rules\r\rThe  owners\u2009say\u00A0“no” — and ‘never’ – to\u200B the plan.\rSecond\u00ADline.\r\n"
	a, err := Clean([]byte(input), false)
	if err != nil {
		t.Fatal(err)
	}
	want := "Café owners protest new rules\n\nThe owners say “no” — and ‘never’ – to the plan. Secondline.\n"
	if got := a.Text(); got != want {
		t.Errorf("Text() = %q, want %q", got, want)
	}
}

func TestLooksLikeHTML(t *testing.T) {
	cases := map[string]bool{
		"<!DOCTYPE html><html><body>x</body></html>": true,
		"\uFEFF  \n<!doctype html>":                  true,
		"\n\n<HTML lang=en>":                         true,
		"Headline\n\n<p>First paragraph</p>":         true,
		`Some text <div class="x">boxed</div>`:       true,
		"<article>\n<h1>Title</h1>":                  true,
		"Headline\n\nA plain paragraph.\n":           false,
		"Prices rose 5% <3 times> a year":            false,
		"Use a <pre-built> kit, said the guide.":     false,
		"":                                           false,
		strings.Repeat("plain text ", 400) + "<p>":   false, // past the first 4 KB
	}
	for in, want := range cases {
		if got := LooksLikeHTML([]byte(in)); got != want {
			t.Errorf("LooksLikeHTML(%.40q) = %v, want %v", in, got, want)
		}
	}
}

func TestNewsPageLeavesOnlyTheArticle(t *testing.T) {
	data, err := os.ReadFile(filepath.Join("testdata", "news-page.txtar"))
	if err != nil {
		t.Fatal(err)
	}
	var input []byte
	for _, f := range parseTxtar(data) {
		if f.name == "input.html" {
			input = f.data
		}
	}
	a, err := Clean(input, true)
	if err != nil {
		t.Fatal(err)
	}
	text := a.Text()
	for _, gone := range []string{
		"Weather in the valleys", "Subscribe today", // navigation
		"tracking beacon", "trackVisit", "pageData", // scripts
		"font-family", "display: flex", // styles
		"Share on", "Share by email", // share bar
		"Most read", "Hikers rescued from snowfield", // aside
		"Leave a Reply", "Your email address", "Post Comment", // comment form
		"All rights reserved", "Lake ferry", "Walkers cross", // footer, read-also block, figure
		"<", ">", "](", "**",
	} {
		if strings.Contains(text, gone) {
			t.Errorf("the text still has %q", gone)
		}
	}
	for _, kept := range []string{
		"caused by unusually heavy snowfall",
		"which local guides say",
		"## Tickets and opening hours",
		"an asterisk (*) on the council’s leaflet",
		"“We wanted something that makes people stop and look down,” said the project’s engineer, Tomas Ekberg — adding",
	} {
		if !strings.Contains(text, kept) {
			t.Errorf("the text lost %q", kept)
		}
	}
}
