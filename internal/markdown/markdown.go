// Package markdown converts the Markdown body of a news item to HTML with
// goldmark: GitHub Flavored Markdown (tables, strikethrough, autolinks, task
// lists), footnotes, typographic punctuation and automatic heading IDs.
//
// It is safe on hostile input: Guard bounds the structures that make
// goldmark superlinear before it parses; raw HTML is shown escaped, as text,
// unless the site opts in; links and images with dangerous schemes
// (javascript:, vbscript:, file:, non-image data:) are removed in both
// modes. Conversion also reports what later stages check: every link and
// image with its line, and the text of the first paragraph.
package markdown

import (
	"bufio"
	"bytes"
	"crypto/sha256"
	"fmt"
	"sort"
	"strings"
	"sync"

	"digest/internal/shortcode"
	"digest/internal/siteurl"
	"digest/internal/spill"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/extension"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/renderer/html"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"
)

// typography writes typographic punctuation as characters rather than
// HTML entities, so that plain-text summaries and feeds read the same.
var typography = map[extension.TypographicPunctuation]string{
	extension.LeftSingleQuote:  "‘",
	extension.RightSingleQuote: "’",
	extension.LeftDoubleQuote:  "“",
	extension.RightDoubleQuote: "”",
	extension.EnDash:           "–",
	extension.EmDash:           "—",
	extension.Ellipsis:         "…",
	extension.LeftAngleQuote:   "«",
	extension.RightAngleQuote:  "»",
	extension.Apostrophe:       "’",
}

// Converter turns Markdown into HTML. It is safe for concurrent use.
type Converter struct {
	md     goldmark.Markdown
	unsafe bool
	cache  *Cache
	spill  *spill.File
	key    string // the options, as part of cache keys
}

// Options configure a converter.
type Options struct {
	// UnsafeHTML lets raw HTML in Markdown through; otherwise it is
	// escaped and shows as text.
	UnsafeHTML bool
	// Base is the site's base URL: root-relative links and images
	// ("/topics/x/") are given its path, so they work under a subpath.
	Base siteurl.Base
	// Cache, if set, keeps conversions for this and later runs.
	Cache *Cache
	// Spill, if set, keeps the HTML of conversions in a file rather than
	// in memory (see package spill).
	Spill *spill.File
}

// New returns a converter.
func New(opts Options) *Converter {
	rOpts := []renderer.Option{renderer.WithNodeRenderers(util.Prioritized(rawHTML{unsafe: opts.UnsafeHTML}, 100))}
	if opts.UnsafeHTML {
		rOpts = append(rOpts, html.WithUnsafe())
	}
	md := goldmark.New(
		goldmark.WithExtensions(extension.GFM, extension.Footnote,
			extension.NewTypographer(extension.WithTypographicSubstitutions(typography))),
		goldmark.WithParserOptions(
			parser.WithAutoHeadingID(),
			parser.WithHeadingAttribute(), // ## Title {#custom-id}, as Hugo and Zola read it
			parser.WithASTTransformers(util.Prioritized(urls{base: opts.Base, unsafe: opts.UnsafeHTML}, 1000)),
		),
		goldmark.WithRendererOptions(rOpts...),
	)
	return &Converter{md: md, unsafe: opts.UnsafeHTML, cache: opts.Cache, spill: opts.Spill, key: fmt.Sprintf("unsafe=%t base=%q\x00", opts.UnsafeHTML, opts.Base.Path())}
}

// Link is a link or image found in the body.
type Link struct {
	Dest  string // destination as in the HTML (root-relative ones with the base path)
	Line  int    // 1-based line in the converted source
	Image bool
	Alt   string // for images: the alternative text
}

// Notice is something about the body worth telling the editor, with the
// 1-based line it concerns.
type Notice struct {
	Line    int
	Code    string
	Message string
	Hint    string
	Error   bool // the body cannot be published as it is (an unknown shortcode)
}

// Result is a converted body.
type Result struct {
	HTML           spill.Text // in memory, or in Options.Spill
	Links          []Link
	FirstParagraph string // plain text of the first paragraph, typographer applied
	// Lead is the plain text before the summary divider (<!--more-->),
	// if the body has one; the divider never shows.
	Lead     string
	HasMore  bool
	Words    int // words in the body's text
	Notices  []Notice
	Comments []Comment // the editor's hidden notes, in order
	// FileLinks are the links written to content files
	// ("2025-08-15-x.md", "../topics/x.md#a", Zola's "@/articles/x.md"),
	// in order: the HTML holds a marker for each that ResolveFileLinks
	// replaces with its page's URL.
	FileLinks []FileLink
}

var ctxNotices = parser.NewContextKey()

// Convert converts src. Line numbers in the result count lines of src, so
// callers that blank out front matter line for line get file lines.
func (c *Converter) Convert(src []byte) (Result, error) {
	if c.cache == nil {
		return c.convert(src)
	}
	h := sha256.New()
	h.Write([]byte(c.key))
	h.Write(src)
	var k cacheKey
	copy(k[:], h.Sum(nil))
	if r, ok := c.cache.get(k); ok {
		return r, nil
	}
	r, err := c.convert(src)
	if err == nil {
		c.cache.put(k, r)
	}
	return r, err
}

func (c *Converter) convert(src []byte) (Result, error) {
	var res Result
	src, blocks, problems := shortcode.Expand(src)
	for _, p := range problems {
		res.Notices = append(res.Notices, Notice{Line: p.Line, Code: p.Code, Message: p.Message, Hint: p.Hint, Error: true})
	}
	guarded, findings := Guard(src)
	for _, f := range findings {
		res.Notices = append(res.Notices, Notice{Line: f.Line, Code: "markdown-limit", Message: f.Message})
	}
	pctx := parser.NewContext(parser.WithIDs(&headingIDs{used: map[string]bool{}}))
	lines := newLineIndex(guarded)
	pctx.Set(ctxNotices, &noticeSink{lines: lines})
	doc := c.md.Parser().Parse(text.NewReader(guarded), parser.WithContext(pctx))
	sink := pctx.Get(ctxNotices).(*noticeSink)
	res.Notices = append(res.Notices, sink.notices...)
	res.FileLinks = sink.fileLinks

	out := outputs.Get().(*output)
	defer out.release()
	if err := c.md.Renderer().Render(out.w, guarded, doc); err != nil {
		return res, fmt.Errorf("rendering markdown: %w", err)
	}
	res.HTML = c.spill.Put(blocks.Substitute(out.buf.Bytes()))
	inspect(doc, guarded, lines, &res, c.unsafe)
	if blocks != nil {
		res.FirstParagraph = string(blocks.Plain([]byte(res.FirstParagraph)))
		res.Lead = string(blocks.Plain([]byte(res.Lead)))
	}
	sort.SliceStable(res.Notices, func(i, j int) bool { return res.Notices[i].Line < res.Notices[j].Line })
	return res, nil
}

// output is where a conversion renders to: a buffer and the buffered
// writer goldmark needs, reused because both would otherwise be made for
// every item, a good part of what a cold build allocates.
type output struct {
	buf bytes.Buffer
	w   *bufio.Writer
}

var outputs = sync.Pool{New: func() any {
	o := &output{}
	o.w = bufio.NewWriter(&o.buf)
	return o
}}

// release returns o to the pool, unless a huge body made it too large
// to keep.
func (o *output) release() {
	if o.buf.Cap() > 1<<20 {
		return
	}
	o.buf.Reset()
	o.w.Reset(&o.buf)
	outputs.Put(o)
}

type noticeSink struct {
	lines     lineIndex
	notices   []Notice
	fileLinks []FileLink
}

// inspect walks the document for links, images, the first paragraph, the
// word count and raw HTML shown as text (one notice per line).
func inspect(doc ast.Node, src []byte, lines lineIndex, res *Result, unsafe bool) {
	var first bool
	rawLines := map[int]bool{}
	res.Lead, res.HasMore = lead(doc, src)
	_ = ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		switch n := n.(type) {
		case *ast.Paragraph:
			if !first && n.Parent() == doc {
				first = true
				res.FirstParagraph = plainText(n, src)
			}
		case *ast.Link:
			if !bytes.HasPrefix(n.Destination, []byte(fileLinkMarker)) {
				res.Links = append(res.Links, Link{Dest: string(n.Destination), Line: lineOf(n, lines)})
			}
		case *ast.AutoLink:
			res.Links = append(res.Links, Link{Dest: string(n.URL(src)), Line: lineOf(n, lines)})
		case *ast.Image:
			res.Links = append(res.Links, Link{Dest: string(n.Destination), Line: lineOf(n, lines), Image: true, Alt: plainText(n, src)})
		case *ast.RawHTML, *ast.HTMLBlock:
			rest, comments := stripComments(rawText(n, src))
			line := lineOf(n, lines)
			for _, c := range comments {
				if !isMore([]byte("<!--" + c + "-->")) {
					res.Comments = append(res.Comments, Comment{Line: line, Text: c})
				}
			}
			if len(bytes.TrimSpace(rest)) > 0 && !unsafe && !rawLines[line] {
				rawLines[line] = true
				res.Notices = append(res.Notices, Notice{Line: line, Code: "raw-html", Message: "raw HTML is shown as text"})
			}
		}
		return ast.WalkContinue, nil
	})
	res.Words = wordsIn(doc, src)
}

// lead returns the plain text before the summary divider, <!--more-->,
// alone in a block or inline, and whether there is one.
func lead(doc ast.Node, src []byte) (string, bool) {
	if !bytes.Contains(src, []byte("more")) {
		return "", false
	}
	var b strings.Builder
	found := false
	for blk := doc.FirstChild(); blk != nil && !found; blk = blk.NextSibling() {
		if h, ok := blk.(*ast.HTMLBlock); ok && isMore(blockText(h, src)) {
			found = true
			break
		}
		// A divider inside the block ends the lead there.
		var before []ast.Node
		_ = ast.Walk(blk, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
			if found || !entering {
				return ast.WalkContinue, nil
			}
			if r, ok := n.(*ast.RawHTML); ok && isMore(rawText(r, src)) {
				found = true
				return ast.WalkStop, nil
			}
			if n.Type() == ast.TypeInline && n.Parent() != nil && n.Parent().Type() == ast.TypeBlock {
				before = append(before, n)
			}
			return ast.WalkContinue, nil
		})
		if found {
			for _, n := range before {
				b.WriteString(plainText(n, src))
				b.WriteByte(' ')
			}
		} else {
			b.WriteString(plainText(blk, src))
			b.WriteByte(' ')
		}
	}
	if !found {
		return "", false
	}
	return strings.Join(strings.Fields(b.String()), " "), true
}

// wordsIn counts the words of a document's text without building it:
// goldmark splits text into fragments at punctuation, so a word may span
// fragments, and blocks and line breaks separate words.
func wordsIn(doc ast.Node, src []byte) int {
	n, in := 0, false
	count := func(b []byte) {
		for _, c := range b {
			space := c == ' ' || c == '\n' || c == '\t' || c == '\r'
			if !space && !in {
				n++
			}
			in = !space
		}
	}
	_ = ast.Walk(doc, func(c ast.Node, entering bool) (ast.WalkStatus, error) {
		if c.Type() == ast.TypeBlock {
			in = false
			return ast.WalkContinue, nil
		}
		if !entering {
			return ast.WalkContinue, nil
		}
		switch c := c.(type) {
		case *ast.Text:
			count(c.Value(src))
			if c.SoftLineBreak() || c.HardLineBreak() {
				in = false
			}
		case *ast.String:
			count(c.Value)
		case *ast.AutoLink:
			count(c.Label(src))
		case *ast.CodeSpan:
			for t := c.FirstChild(); t != nil; t = t.NextSibling() {
				if s, ok := t.(*ast.Text); ok {
					count(s.Value(src))
				}
			}
			return ast.WalkSkipChildren, nil
		}
		return ast.WalkContinue, nil
	})
	return n
}

// plainText returns the text inside n, with soft line breaks and block
// boundaries as spaces.
func plainText(n ast.Node, src []byte) string {
	var b bytes.Buffer
	_ = ast.Walk(n, func(c ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			if c.Type() == ast.TypeBlock && b.Len() > 0 {
				b.WriteByte(' ')
			}
			return ast.WalkContinue, nil
		}
		switch c := c.(type) {
		case *ast.Text:
			b.Write(c.Value(src))
			if c.SoftLineBreak() || c.HardLineBreak() {
				b.WriteByte(' ')
			}
		case *ast.String:
			b.Write(c.Value)
		case *ast.AutoLink:
			b.Write(c.Label(src))
		case *ast.CodeSpan:
			for t := c.FirstChild(); t != nil; t = t.NextSibling() {
				if s, ok := t.(*ast.Text); ok {
					b.Write(s.Value(src))
				}
			}
			return ast.WalkSkipChildren, nil
		}
		return ast.WalkContinue, nil
	})
	return strings.Join(strings.Fields(b.String()), " ")
}
