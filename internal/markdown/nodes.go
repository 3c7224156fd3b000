package markdown

import (
	stdhtml "html"
	"path"
	"slices"
	"sort"
	"strconv"
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
type urls struct {
	base   siteurl.Base
	unsafe bool // raw HTML allowed: heading attributes are kept as written
}

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
		case *ast.Heading:
			if !u.unsafe {
				keepOnly(n, "id", "class")
			}
			return ast.WalkContinue, nil
		case *ast.Link:
			if IsFileLink(string(n.Destination)) && sink != nil {
				sink.fileLinks = append(sink.fileLinks, FileLink{Dest: string(n.Destination), Line: lineOf(n, sink.lines)})
				n.Destination = []byte(fileLinkMarker + strconv.Itoa(len(sink.fileLinks)-1))
				return ast.WalkContinue, nil
			}
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

// keepOnly removes the attributes of n ({#id .class style=…} after a
// heading) other than names: in safe mode an attribute could restyle the
// page as raw HTML could.
func keepOnly(n ast.Node, names ...string) {
	attrs := slices.Clone(n.Attributes())
	n.RemoveAttributes()
	for _, a := range attrs {
		if slices.Contains(names, string(a.Name)) {
			n.SetAttribute(a.Name, a.Value)
		}
	}
}

// fileLinkMarker starts the destination a file link has in the HTML until
// ResolveFileLinks replaces it: "digest-file-link:3" is Result.FileLinks[3].
const fileLinkMarker = "digest-file-link:"

// FileLink is a link written to a content file: its destination as
// written and its line.
type FileLink struct {
	Dest string
	Line int
}

// IsFileLink reports whether a link destination names a content file: a
// relative path to a .md or .markdown file (with an optional #anchor), or
// Zola's "@/" path from the content folder.
func IsFileLink(dest string) bool {
	if strings.HasPrefix(dest, "@/") {
		return true
	}
	if strings.Contains(dest, "://") || strings.HasPrefix(dest, "/") || strings.HasPrefix(dest, "#") {
		return false
	}
	p, _, _ := strings.Cut(dest, "#")
	if strings.ContainsAny(p, "?:") {
		return false
	}
	ext := strings.ToLower(path.Ext(p))
	return ext == ".md" || ext == ".markdown"
}

// ResolveFileLinks returns the HTML of a body with the destination of
// each of its file links replaced by urls[i] (the target page's URL,
// anchor included), escaped for an attribute. A marker without a URL is
// left as it is.
func ResolveFileLinks(html string, urls []string) string {
	if len(urls) == 0 || !strings.Contains(html, fileLinkMarker) {
		return html
	}
	var b strings.Builder
	b.Grow(len(html) + 64*len(urls))
	for {
		i := strings.Index(html, fileLinkMarker)
		if i < 0 {
			break
		}
		j := i + len(fileLinkMarker)
		k := j
		for k < len(html) && html[k] >= '0' && html[k] <= '9' {
			k++
		}
		n, err := strconv.Atoi(html[j:k])
		b.WriteString(html[:i])
		if err == nil && n < len(urls) && urls[n] != "" {
			b.WriteString(stdhtml.EscapeString(urls[n]))
		} else {
			b.WriteString(html[i:k])
		}
		html = html[k:]
	}
	b.WriteString(html)
	return b.String()
}
