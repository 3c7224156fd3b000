// Package clip cleans an article that a curator copied from a news site,
// as plain text or as HTML, into a draft: a headline and paragraphs of
// plain text, plus what it recognised on the way (related headlines, a
// photo caption and its credit, a source, a date) and a report of what it
// removed. It writes no files and knows nothing of the site.
//
// # Input
//
// Clean refuses input over MaxInput bytes (ErrTooLarge), input with a NUL
// byte or with more than 8 bytes that are not UTF-8 (ErrBinary), and input
// that is empty or only whitespace (ErrEmpty). Up to 8 stray bytes that
// are not UTF-8 are dropped and reported.
//
// HTML is handed to go-readability (v2, a port of Mozilla's
// Readability.js, which browsers' reader views use), which finds the main
// content and leaves out navigation, scripts, styles, share bars, the
// byline and comment forms; the byline's date is read when the text has
// none. A page whose content has no paragraph of MinProseWords words or
// more (only a menu, a form) has no article. Before extraction, inline
// formatting (<b>, <strong>, <i>, <em>, <u>, <mark>, <small>, <font>,
// <abbr>, <cite>) and <time> are replaced by their text, which the text
// form drops anyway; and a fragment of HTML (no <html> or <body> tag, as
// copied to the clipboard) without an <article> or <main> is wrapped in an
// <article>, so that its headings and lists count as content.
//
// (go-trafilatura was tried first: its date parser's package
// initialisation takes 0.3 s and 78 MB at every start of the program,
// import or not.)
//
// The content is converted to Markdown with html-to-markdown and the
// Markdown to text: link and image syntax are dropped (link text is kept),
// emphasis markers are dropped where they are Markdown syntax, headings
// become "## Heading" paragraphs (deeper levels keep their "###"), list
// items become paragraphs of their own starting "- " or "1. ". The title
// is the first <h1> inside the page's <article> or <main>, else the
// extractor's metadata title, else the first <h1>; it becomes the first
// line, and a heading equal to it at the top of the content is dropped.
// The text rules below then apply. If no paragraph is left, Clean returns
// ErrNoArticle. Two additions for HTML only: when the text rules find no
// caption, the first <figcaption> inside <article> or <main> gives Caption
// and Credit (the credit at the end of its text, or in a <cite>, <small>
// or an element whose class names a credit or copyright) and is removed
// from the body if it is there; when they find no date, the page's
// publication date as the extractor reads it from the markup (meta tags,
// JSON-LD) is used.
//
// # Normalisation
//
// A byte order mark, zero-width spaces and soft hyphens are removed; CRLF
// and CR become LF; the text is put in Unicode's composed form (NFC); tabs,
// non-breaking and other Unicode spaces become spaces; other control
// characters are removed; runs of spaces collapse to one and lines are
// trimmed. Typographic characters (“ ” ‘ ’ — –) are kept as they are.
//
// # Rules on lines
//
// The rules apply in this order. Each looks at a whole line; a removed
// line also ends the paragraph it stood in. All matching of phrases is
// case-insensitive.
//
//   - Cross-promotion: a line starting "Read also:", "Also read:", "Read
//     more:", "Related:" or "See also:" (with or without a space after the
//     colon), or "Also read" or "Read also" alone or followed by a space,
//     is removed; the rest of the line, if any, goes to Related (once each).
//   - Source: a line "Source: X", "Via X" or "Originally published by X",
//     with or without a final period, is removed; the first X is Source.
//     X is at most 100 characters; for "Via", at most 6 words without a
//     comma, so that a sentence starting "Via a spokesman, ..." stays.
//   - Boilerplate: a line that is or starts with (followed by a non-letter)
//     "Leave a Reply", "Leave a comment", "Your email address will not be
//     published", "Required fields are marked", "Share this:", "Share on",
//     "Click to share on", "Subscribe to our newsletter", "Sign up for our
//     newsletter", "Follow us on" or "Print this article" is removed. Since
//     real sentences start with those words, "Advertisement" and "Comments"
//     are removed only as a line of their own, optionally with a count
//     ("Comments (3)", "2 Comments"). Boilerplate above the headline does
//     not become the headline.
//   - Comment form: a "Leave a Reply" or "Leave a comment" line that comes
//     after at least one line of body text (80 characters or more, other
//     than the headline) ends the article: it and everything after it are
//     removed. Higher up, where some blog themes put a "Leave a comment"
//     link beside the byline, only that line is removed.
//   - Headline: the first line left is the headline. A later line equal to
//     it, ignoring case and any leading "#" heading marks, is a repeat and
//     removed: anywhere within the first 10 non-empty lines of the text,
//     and further down when it stands alone as a paragraph of one line.
//   - Photo caption: a line that occurs two or more times in a row
//     (consecutive, or separated only by blank or removed lines) and ends
//     in a credit is removed. The first such line gives Caption (the text
//     before the credit, without trailing punctuation) and Credit. A credit
//     is "Name/Agency" (one to three capitalised words on each side of the
//     slash, as in "Jane Doe/Reuters" or "Reuters/Jane Doe"; a "Photo:"
//     label before it is dropped), or a parenthesised "(Agency)" or
//     "(Photo: Agency)" of at most 6 words, starting with a capital unless
//     it is one word ("(dpa)") or labelled, whose Credit is "Agency". A
//     line with a credit that is not repeated stays in the body.
//   - Date: the first full date in the first 5 lines left after the
//     headline is Date, as midnight UTC of that calendar day. Formats: "15
//     August 2025", "August 15, 2025", "Aug 15, 2025", "15 Aug 2025",
//     "2025-08-15" (with an optional ISO time) and day-first "15.08.2025";
//     English month names and abbreviations, "Aug." and "15th" allowed.
//     Other shapes, like "08/15/2025", are ambiguous and not read. A line
//     holding only dates, weekdays, times, time zones and words such as
//     "Updated" or "Published" is removed; a date inside a sentence (or a
//     byline) is only read.
//   - Paragraphs: the lines left form blocks separated by blank (or
//     removed) lines; the lines of a block are joined with a space.
//
// Removed has one line for each kind of removal, in the order of the
// text: `2 stray bytes that were not UTF-8`, `3 repeats of the headline`,
// `cross-promotion: "Read also: X"`, `source line: "Source: X"`,
// `boilerplate: "Share on"` (with ` (2 times)` when the same line was
// removed twice), `comment form: 4 lines after "Leave a Reply"`, `photo
// caption: "Text. Name/Agency" (2 copies)`, `date line: "15 August
// 2025"`. Quoted lines are cut to 100 characters.
package clip

import (
	"bytes"
	"errors"
	"fmt"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"
)

// MaxInput is the largest input accepted: 5 MB.
const MaxInput = 5 << 20

// maxStray is the most bytes that are not UTF-8 that Clean drops before it
// calls the input binary.
const maxStray = 8

// Errors Clean returns, wrapped with detail; test for them with errors.Is.
var (
	// ErrEmpty is returned for input that is empty, only whitespace, or
	// only lines that the rules remove.
	ErrEmpty = errors.New("the input is empty")
	// ErrBinary is returned for input that is not text.
	ErrBinary = errors.New("the input is not text")
	// ErrTooLarge is returned for input over MaxInput bytes.
	ErrTooLarge = errors.New("the input is too large")
	// ErrNoArticle is returned for HTML in which no article text is found.
	ErrNoArticle = errors.New("no article text found in the HTML")
)

// Article is what Clean recognised in a pasted article.
type Article struct {
	// Headline is the article's title.
	Headline string
	// Paragraphs is the body, each a paragraph of plain text (whitespace
	// normalised, typographic characters kept as they are); Markdown
	// headings from HTML input are kept as "## Heading" paragraphs.
	Paragraphs []string
	// Related holds cross-promotion headlines removed from the body
	// ("Read also: X" gives "X").
	Related []string
	// Caption is a photo caption found repeated, without its credit.
	Caption string
	// Credit is the caption's credit: "Photographer Name/Agency", or
	// "Agency" from "(Agency)".
	Credit string
	// Source is X from a "Source: X", "Via X" or "Originally published by
	// X" line.
	Source string
	// Date is a full date written in the first lines, zero if none: date
	// only, midnight UTC of that calendar day.
	Date time.Time
	// Removed says what was removed, one human-readable line each, such as
	// `2 repeats of the headline` or `boilerplate: "Leave a Reply"`.
	Removed []string
}

// Text is the cleaned text: the headline, a blank line, then the
// paragraphs separated by blank lines, ending in a newline. It is what
// `digest import` keeps in imports/<name>.txt.
func (a *Article) Text() string {
	var b strings.Builder
	b.WriteString(a.Headline)
	b.WriteByte('\n')
	for _, p := range a.Paragraphs {
		b.WriteByte('\n')
		b.WriteString(p)
		b.WriteByte('\n')
	}
	return b.String()
}

// Clean reads a pasted article: HTML when isHTML, else plain text. The
// errors it returns wrap ErrEmpty, ErrBinary, ErrTooLarge or ErrNoArticle.
func Clean(input []byte, isHTML bool) (*Article, error) {
	text, stray, err := checkInput(input)
	if err != nil {
		return nil, err
	}
	rep := newRemovals()
	if stray > 0 {
		rep.add("stray", -1, func(int) string {
			return fmt.Sprintf("%s that %s not UTF-8", plural(stray, "stray byte"), wasWere(stray))
		})
	}
	if isHTML {
		return cleanHTML(text, rep)
	}
	a := cleanText(text, rep)
	if a.Headline == "" {
		return nil, fmt.Errorf("%w: every line of it is removed as boilerplate", ErrEmpty)
	}
	return a, nil
}

// checkInput enforces the limits on input and returns it as a string with
// stray bytes that are not UTF-8 dropped, and how many were dropped.
func checkInput(input []byte) (string, int, error) {
	if len(input) > MaxInput {
		return "", 0, fmt.Errorf("%w: %d bytes, over the limit of %d bytes (5 MB)", ErrTooLarge, len(input), MaxInput)
	}
	if i := bytes.IndexByte(input, 0); i >= 0 {
		return "", 0, fmt.Errorf("%w: it has a NUL byte at offset %d, as binary files do", ErrBinary, i)
	}
	text, stray := dropInvalid(input)
	if stray > maxStray {
		return "", 0, fmt.Errorf("%w: %d bytes are not UTF-8 (at most %d stray bytes are dropped)", ErrBinary, stray, maxStray)
	}
	blank := strings.TrimFunc(text, func(r rune) bool {
		return unicode.IsSpace(r) || r == '\uFEFF' || r == '\u200B'
	})
	if blank == "" {
		if len(input) == 0 {
			return "", 0, fmt.Errorf("%w: no bytes at all", ErrEmpty)
		}
		return "", 0, fmt.Errorf("%w: %d bytes of whitespace only", ErrEmpty, len(input))
	}
	return text, stray, nil
}

// dropInvalid returns input without the bytes that are not valid UTF-8,
// and how many there were.
func dropInvalid(input []byte) (string, int) {
	if utf8.Valid(input) {
		return string(input), 0
	}
	var b strings.Builder
	b.Grow(len(input))
	stray := 0
	for len(input) > 0 {
		r, size := utf8.DecodeRune(input)
		if r == utf8.RuneError && size == 1 {
			stray++
		} else {
			b.Write(input[:size])
		}
		input = input[size:]
	}
	return b.String(), stray
}
