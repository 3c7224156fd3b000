package markdown

import (
	stdhtml "html"
	"sort"
	"strings"

	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/renderer/html"
	"github.com/yuin/goldmark/text"

	"digest/internal/siteurl"
)

// lineIndex maps byte offsets to 1-based line numbers.
type lineIndex []int

func newLineIndex(src []byte) lineIndex {
	idx := lineIndex{0}
	for i, c := range src {
		if c == '\n' {
			idx = append(idx, i+1)
		}
	}
	return idx
}

func (l lineIndex) line(offset int) int {
	return sort.Search(len(l), func(i int) bool { return l[i] > offset })
}

// lineOf finds the line of a node: its own lines for blocks, else the first
// text segment inside it, else its nearest block ancestor.
func lineOf(n ast.Node, lines lineIndex) int {
	for c := n; c != nil; c = c.Parent() {
		if c.Type() == ast.TypeBlock && c.Lines().Len() > 0 {
			if c == n {
				return lines.line(c.Lines().At(0).Start)
			}
			break
		}
	}
	found := -1
	_ = ast.Walk(n, func(c ast.Node, entering bool) (ast.WalkStatus, error) {
		if t, ok := c.(*ast.Text); ok && entering {
			found = t.Segment.Start
			return ast.WalkStop, nil
		}
		if r, ok := c.(*ast.RawHTML); ok && entering && r.Segments.Len() > 0 {
			found = r.Segments.At(0).Start
			return ast.WalkStop, nil
		}
		return ast.WalkContinue, nil
	})
	if found >= 0 {
		return lines.line(found)
	}
	for c := n.Parent(); c != nil; c = c.Parent() {
		if c.Type() == ast.TypeBlock && c.Lines().Len() > 0 {
			return lines.line(c.Lines().At(0).Start)
		}
	}
	return 0
}

// urls removes links and images whose destination has a dangerous scheme,
// keeping their text, in safe and unsafe mode alike; and gives
// root-relative destinations the site's base path.
type urls struct{ base siteurl.Base }

func (u urls) rebase(dest []byte) []byte {
	if len(dest) == 0 || dest[0] != '/' {
		return dest
	}
	if r := u.base.Rebase(string(dest)); len(r) != len(dest) {
		return []byte(r)
	}
	return dest
}

func (u urls) Transform(doc *ast.Document, reader text.Reader, pc parser.Context) {
	sink, _ := pc.Get(ctxNotices).(*noticeSink)
	var bad []ast.Node
	_ = ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		var dest []byte
		switch n := n.(type) {
		case *ast.Link:
			n.Destination = u.rebase(n.Destination)
			dest = n.Destination
		case *ast.Image:
			n.Destination = u.rebase(n.Destination)
			dest = n.Destination
		case *ast.AutoLink:
			dest = n.URL(reader.Source())
		default:
			return ast.WalkContinue, nil
		}
		if dangerous(dest) {
			bad = append(bad, n)
			if sink != nil {
				sink.notices = append(sink.notices, Notice{Line: lineOf(n, sink.lines), Code: "unsafe-url",
					Message: "link to " + quoteShort(string(dest)) + " removed: its scheme can run code or read local files"})
			}
		}
		return ast.WalkContinue, nil
	})
	for _, n := range bad {
		parent := n.Parent()
		if a, ok := n.(*ast.AutoLink); ok {
			t := ast.NewString(a.Label(reader.Source()))
			parent.ReplaceChild(parent, n, t)
			continue
		}
		for c := n.FirstChild(); c != nil; {
			next := c.NextSibling()
			parent.InsertBefore(parent, n, c)
			c = next
		}
		parent.RemoveChild(parent, n)
	}
}

// dangerous reports whether a destination has a scheme that can run code
// or read local files, once character references are decoded as the
// browser will ("&#106;avascript:" is javascript:) and the whitespace and
// control characters browsers ignore are removed.
func dangerous(dest []byte) bool {
	d := stdhtml.UnescapeString(string(dest))
	d = strings.Map(func(r rune) rune {
		if r <= ' ' || r == 0x7f {
			return -1
		}
		return r
	}, d)
	return html.IsDangerousURL([]byte(d)) || html.IsDangerousURL([]byte(strings.ToLower(d)))
}

func quoteShort(s string) string {
	if len(s) > 40 {
		s = s[:40] + "…"
	}
	return `"` + s + `"`
}
