package clip

import (
	"fmt"
	"strings"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/text"
	"golang.org/x/net/html"
)

// markdownText turns Markdown into the text form: blocks separated by blank
// lines; headings as "## Heading" (at least two marks); list items as
// blocks of their own starting "- " or "1. "; link text without its
// target; no images, raw HTML, thematic breaks or emphasis markers. A
// heading equal to title before any other block is dropped: it is the
// title itself.
func markdownText(src []byte, title string) string {
	w := &mdWriter{src: src, title: title}
	w.blocks(goldmark.DefaultParser().Parse(text.NewReader(src)))
	return strings.Join(w.out, "\n\n")
}

// mdWriter collects the blocks of a Markdown document as text.
type mdWriter struct {
	src   []byte
	title string
	out   []string
}

// emit adds a block, unless it is empty.
func (w *mdWriter) emit(s string) {
	if strings.TrimSpace(s) != "" {
		w.out = append(w.out, s)
	}
}

// blocks writes the block children of parent.
func (w *mdWriter) blocks(parent ast.Node) {
	for n := parent.FirstChild(); n != nil; n = n.NextSibling() {
		w.block(n, "")
	}
}

// block writes one block node; marker starts its first line (a list
// item's bullet or number).
func (w *mdWriter) block(n ast.Node, marker string) {
	switch n := n.(type) {
	case *ast.Heading:
		t := strings.TrimSpace(w.inline(n))
		if len(w.out) == 0 && w.title != "" && sameHeadline(t, w.title) {
			return
		}
		if t != "" {
			w.emit(strings.Repeat("#", max(2, n.Level)) + " " + t)
		}
	case *ast.Paragraph, *ast.TextBlock:
		if t := w.inline(n); strings.TrimSpace(t) != "" {
			w.emit(marker + t)
		}
	case *ast.List:
		w.list(n)
	case *ast.FencedCodeBlock, *ast.CodeBlock:
		w.emit(w.rawLines(n))
	case *ast.HTMLBlock, *ast.ThematicBreak:
		// markup and rules carry no text
	default:
		w.blocks(n)
	}
}

// list writes each item of a list as blocks, the first with its marker.
func (w *mdWriter) list(l *ast.List) {
	num := l.Start
	for item := l.FirstChild(); item != nil; item = item.NextSibling() {
		marker := "- "
		if l.IsOrdered() {
			marker = fmt.Sprintf("%d. ", num)
			num++
		}
		for c := item.FirstChild(); c != nil; c = c.NextSibling() {
			w.block(c, marker)
			marker = ""
		}
	}
}

// rawLines returns the lines of a code block as they are.
func (w *mdWriter) rawLines(n ast.Node) string {
	var b strings.Builder
	lines := n.Lines()
	for i := 0; i < lines.Len(); i++ {
		seg := lines.At(i)
		b.Write(seg.Value(w.src))
	}
	return strings.TrimRight(b.String(), "\n")
}

// inline returns the text of the inline children of n.
func (w *mdWriter) inline(n ast.Node) string {
	var b strings.Builder
	w.inlines(&b, n, false)
	return b.String()
}

// inlines writes the text of the inline children of parent; in code,
// backslashes and entities are literal.
func (w *mdWriter) inlines(b *strings.Builder, parent ast.Node, code bool) {
	for n := parent.FirstChild(); n != nil; n = n.NextSibling() {
		switch n := n.(type) {
		case *ast.Text:
			v := n.Value(w.src)
			if code || n.IsRaw() {
				b.Write(v)
			} else {
				b.WriteString(unescapeMarkdown(string(v)))
			}
			if n.SoftLineBreak() || n.HardLineBreak() {
				b.WriteByte('\n')
			}
		case *ast.String:
			b.Write(n.Value)
		case *ast.CodeSpan:
			w.inlines(b, n, true)
		case *ast.AutoLink:
			b.Write(n.Label(w.src))
		case *ast.Image, *ast.RawHTML:
			// images and inline markup carry no text
		default:
			w.inlines(b, n, code)
		}
	}
}

// unescapeMarkdown resolves backslash escapes and character references in
// Markdown text, in one pass, so that "\&amp;" stays "&amp;".
func unescapeMarkdown(s string) string {
	if !strings.ContainsAny(s, `\&`) {
		return s
	}
	var b strings.Builder
	for {
		i := strings.IndexByte(s, '\\')
		if i < 0 || i+1 >= len(s) {
			b.WriteString(html.UnescapeString(s))
			return b.String()
		}
		b.WriteString(html.UnescapeString(s[:i]))
		if isASCIIPunct(s[i+1]) {
			b.WriteByte(s[i+1])
			s = s[i+2:]
		} else {
			b.WriteByte('\\')
			s = s[i+1:]
		}
	}
}

// isASCIIPunct reports whether c is ASCII punctuation, which a backslash
// escapes in Markdown.
func isASCIIPunct(c byte) bool {
	return strings.IndexByte("!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~", c) >= 0
}
