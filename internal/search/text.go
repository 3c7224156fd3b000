package search

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// isBlock reports whether a is an element whose start and end separate
// words: text on either side of one never runs together.
func isBlock(a atom.Atom) bool {
	switch a {
	case atom.Address, atom.Article, atom.Aside, atom.Audio, atom.Blockquote, atom.Br,
		atom.Caption, atom.Dd, atom.Details, atom.Dialog, atom.Div, atom.Dl, atom.Dt,
		atom.Fieldset, atom.Figcaption, atom.Figure, atom.Footer, atom.Form,
		atom.H1, atom.H2, atom.H3, atom.H4, atom.H5, atom.H6, atom.Header, atom.Hgroup,
		atom.Hr, atom.Img, atom.Legend, atom.Li, atom.Main, atom.Menu, atom.Nav,
		atom.Ol, atom.Option, atom.P, atom.Pre, atom.Section, atom.Summary,
		atom.Table, atom.Tbody, atom.Td, atom.Tfoot, atom.Th, atom.Thead, atom.Tr,
		atom.Ul, atom.Video:
		return true
	}
	return false
}

// isDropped reports whether a is an element whose contents are not text a
// reader sees.
func isDropped(a atom.Atom) bool {
	switch a {
	case atom.Script, atom.Style, atom.Template, atom.Iframe, atom.Noembed, atom.Noframes:
		return true
	}
	return false
}

// TextOf returns the plain text of an HTML fragment (an item's body as
// goldmark renders it): tags removed, entities decoded, the contents of
// <script>, <style> and <template> (and <iframe>, <noembed>, <noframes>)
// dropped, a space between blocks (p, li, h1-h6, br, td, blockquote, etc.)
// so words of adjacent blocks never merge. Runs of white space become one
// space, and the text has none at either end.
func TextOf(fragment string) string {
	var t textWriter
	t.b.Grow(len(fragment) / 2)
	t.fragment(fragment)
	return t.b.String()
}

// textWriter collects text with white space collapsed.
type textWriter struct {
	b     strings.Builder
	space bool // a space is due before the next text
}

// fragment writes the text of an HTML fragment.
func (t *textWriter) fragment(s string) {
	z := html.NewTokenizerFragment(strings.NewReader(s), "div")
	skip := 0 // depth inside dropped elements
	for {
		tt := z.Next()
		switch tt {
		case html.ErrorToken:
			return // io.EOF: the reader is a string, so no other error is possible
		case html.TextToken:
			if skip == 0 {
				t.text(z.Text())
			}
		case html.StartTagToken, html.SelfClosingTagToken, html.EndTagToken:
			name, _ := z.TagName()
			a := atom.Lookup(name)
			switch {
			case isDropped(a) && tt == html.StartTagToken:
				skip++
			case isDropped(a) && tt == html.EndTagToken:
				skip = max(skip-1, 0)
			case a == atom.Noscript && tt == html.StartTagToken && skip == 0:
				// The tokenizer reads a noscript's contents as raw text.
				if z.Next() == html.TextToken {
					t.space = true
					t.fragment(string(z.Raw()))
				}
				t.space = true
			case isBlock(a):
				t.space = true
			}
		}
	}
}

// text writes s with its white space collapsed.
func (t *textWriter) text(s []byte) {
	for i := 0; i < len(s); {
		j, space := i, false // s[i:j] is a run of non-space
		for j < len(s) {
			c, size := s[j], 1
			if c < utf8.RuneSelf {
				space = c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v'
			} else {
				var r rune
				r, size = utf8.DecodeRune(s[j:])
				space = unicode.IsSpace(r)
			}
			if space {
				break
			}
			j += size
		}
		if j > i {
			if t.space && t.b.Len() > 0 {
				t.b.WriteByte(' ')
			}
			t.space = false
			t.b.Write(s[i:j])
		}
		if space {
			t.space = true
			_, size := utf8.DecodeRune(s[j:])
			j += size
		}
		i = j
	}
}

// snippetLen is the most characters of text a summary made from it has,
// not counting the ellipsis.
const snippetLen = 160

// Excerpt is what stands in for a missing summary: the start of a doc's
// plain text, as Build makes it when Doc.Summary is empty, for callers
// that keep it rather than the text.
func Excerpt(text string) string { return snippet(text, snippetLen) }

// snippet returns the start of the plain text s: at most max characters,
// white space collapsed, cut between words and ended with "…" if anything
// was cut. A first word longer than max is cut inside.
func snippet(s string, max int) string {
	var b strings.Builder
	n := 0 // characters written
	rest := s
	for {
		rest = strings.TrimLeftFunc(rest, unicode.IsSpace)
		if rest == "" {
			return b.String()
		}
		end := strings.IndexFunc(rest, unicode.IsSpace)
		if end < 0 {
			end = len(rest)
		}
		word := rest[:end]
		wn := utf8.RuneCountInString(word)
		sep := min(n, 1)
		if n+sep+wn > max {
			if n == 0 {
				for i := range word {
					if n == max {
						word = word[:i]
						break
					}
					n++
				}
				b.WriteString(word)
			}
			b.WriteString("…")
			return b.String()
		}
		if sep > 0 {
			b.WriteByte(' ')
		}
		b.WriteString(word)
		n += sep + wn
		rest = rest[end:]
	}
}
