package markdown

import (
	"bytes"
	"regexp"
	"strings"

	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/util"
)

// Comment is an HTML comment of the body: an editor's hidden note, kept
// out of every output, with its 1-based line.
type Comment struct {
	Line int
	Text string // without <!-- and -->, trimmed
}

// moreRE matches Hugo's summary divider, <!--more--> (also with spaces).
var moreRE = regexp.MustCompile(`^<!--\s*more\s*-->$`)

// isMore reports whether raw HTML is the summary divider alone.
func isMore(b []byte) bool { return moreRE.Match(bytes.TrimSpace(b)) }

// commentRE matches an HTML comment; an unclosed one runs to the end.
var commentRE = regexp.MustCompile(`(?s)<!--(.*?)(?:-->|\z)`)

// stripComments returns raw HTML without its comments, and the comments'
// texts.
func stripComments(b []byte) ([]byte, []string) {
	if !bytes.Contains(b, []byte("<!--")) {
		return b, nil
	}
	var texts []string
	out := commentRE.ReplaceAllFunc(b, func(m []byte) []byte {
		sub := commentRE.FindSubmatch(m)
		texts = append(texts, strings.TrimSpace(string(sub[1])))
		return nil
	})
	return out, texts
}

// rawHTML renders raw HTML without its comments, which never show: as it
// is when the site lets raw HTML through, else escaped, as text, so the
// editor sees what was written.
type rawHTML struct{ unsafe bool }

func (r rawHTML) write(w util.BufWriter, b []byte) {
	b, _ = stripComments(b)
	if r.unsafe {
		_, _ = w.Write(b)
	} else {
		_, _ = w.Write(util.EscapeHTML(b))
	}
}

// RegisterFuncs implements renderer.NodeRenderer.
func (r rawHTML) RegisterFuncs(reg renderer.NodeRendererFuncRegisterer) {
	reg.Register(ast.KindRawHTML, func(w util.BufWriter, src []byte, n ast.Node, entering bool) (ast.WalkStatus, error) {
		if entering {
			var b bytes.Buffer
			segs := n.(*ast.RawHTML).Segments
			for i := 0; i < segs.Len(); i++ {
				s := segs.At(i)
				b.Write(s.Value(src))
			}
			r.write(w, b.Bytes())
		}
		return ast.WalkSkipChildren, nil
	})
	reg.Register(ast.KindHTMLBlock, func(w util.BufWriter, src []byte, n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		b := blockText(n.(*ast.HTMLBlock), src)
		rest, _ := stripComments(b)
		if len(bytes.TrimSpace(rest)) == 0 {
			return ast.WalkSkipChildren, nil // only comments: nothing shows
		}
		if !r.unsafe {
			_, _ = w.WriteString("<p>")
		}
		r.write(w, b)
		if !r.unsafe {
			_, _ = w.WriteString("</p>\n")
		}
		return ast.WalkSkipChildren, nil
	})
}

// blockText is the source of an HTML block, its closing line included.
func blockText(b *ast.HTMLBlock, src []byte) []byte {
	var buf bytes.Buffer
	lines := b.Lines()
	for i := 0; i < lines.Len(); i++ {
		s := lines.At(i)
		buf.Write(s.Value(src))
	}
	if b.HasClosure() {
		buf.Write(b.ClosureLine.Value(src))
	}
	return buf.Bytes()
}

// rawText is the source of a raw HTML node, block or inline.
func rawText(n ast.Node, src []byte) []byte {
	switch n := n.(type) {
	case *ast.HTMLBlock:
		return blockText(n, src)
	case *ast.RawHTML:
		var b bytes.Buffer
		for i := 0; i < n.Segments.Len(); i++ {
			s := n.Segments.At(i)
			b.Write(s.Value(src))
		}
		return b.Bytes()
	}
	return nil
}
