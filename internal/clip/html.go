package clip

import (
	"bytes"
	"fmt"
	"regexp"
	"slices"
	"strings"
	"time"

	"codeberg.org/readeck/go-readability/v2"
	htmltomarkdown "github.com/JohannesKaufmann/html-to-markdown/v2"
	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// sniffLen is how much of the input LooksLikeHTML reads.
const sniffLen = 4 << 10

// reBlockTag matches an opening block-level tag.
var reBlockTag = regexp.MustCompile(`(?i)<(?:p|div|article|section|main|header|footer|nav|aside|h[1-6]|ul|ol|li|table|blockquote|figure|body|head|br)(?:\s[^<>]*)?/?>`)

// LooksLikeHTML reports whether input (e.g. standard input) is HTML rather
// than text: it starts, after whitespace and a byte order mark, with
// "<!doctype" or "<html" (in any case), or has a block-level tag such as
// <p>, <div> or <article> in its first 4 KB.
func LooksLikeHTML(input []byte) bool {
	head := input[:min(len(input), sniffLen)]
	start := bytes.TrimLeft(bytes.TrimPrefix(bytes.TrimLeft(head, " \t\r\n"), []byte("\uFEFF")), " \t\r\n")
	lower := bytes.ToLower(start[:min(len(start), 16)])
	if bytes.HasPrefix(lower, []byte("<!doctype")) || bytes.HasPrefix(lower, []byte("<html")) {
		return true
	}
	return reBlockTag.Match(head)
}

// newParser returns the main-content extractor, Readability (go-readability
// v2, a port of Mozilla's Readability.js), set to return what it finds
// however short: a page with no article is told by its lack of
// paragraphs, not by a guess at the whole page.
func newParser() readability.Parser {
	p := readability.NewParser()
	p.CharThresholds = 1
	return p
}

// cleanHTML extracts the article from an HTML page and cleans its text.
func cleanHTML(text string, rep *removals) (*Article, error) {
	doc, err := html.Parse(strings.NewReader(text))
	if err != nil {
		return nil, fmt.Errorf("%w: the HTML cannot be parsed: %w", ErrNoArticle, err)
	}
	scope := articleScope(doc)
	if scope == nil && isFragment(text) {
		scope = wrapBody(doc)
	}
	title := firstText(scope, atom.H1)
	fig := readFigcaption(findFirst(scope, atom.Figcaption))
	unwrap(doc, unwrapped...)

	parser := newParser()
	res, err := parser.ParseDocument(doc, nil)
	if err != nil {
		return nil, fmt.Errorf("%w: the extractor found none (%w)", ErrNoArticle, err)
	}
	if res.Node == nil {
		return nil, fmt.Errorf("%w: the extractor returned no content", ErrNoArticle)
	}
	md, err := htmltomarkdown.ConvertNode(res.Node)
	if err != nil {
		return nil, fmt.Errorf("converting the article to Markdown: %w", err)
	}
	if title == "" {
		title = collapseSpaces(res.Title())
	}
	if title == "" {
		title = firstText(doc, atom.H1)
	}
	a := cleanText(title+"\n\n"+markdownText(md, title), rep)
	if !slices.ContainsFunc(a.Paragraphs, isProse) {
		return nil, fmt.Errorf("%w: the extracted content has no paragraph of prose", ErrNoArticle)
	}
	if a.Date.IsZero() {
		// Readability takes the byline, and with it a dateline's date,
		// out of the article.
		if found := findDates(res.Byline()); len(found) > 0 {
			a.Date = found[0].date
		}
	}
	if a.Caption == "" && fig.full != "" {
		a.Caption, a.Credit = fig.caption, fig.credit
		if i := slices.Index(a.Paragraphs, fig.full); i >= 0 {
			a.Paragraphs = slices.Delete(a.Paragraphs, i, i+1)
			rep.addLine("photo caption", fig.full, 1<<30)
		}
	}
	if published, err := res.PublishedTime(); a.Date.IsZero() && err == nil && !published.IsZero() {
		y, m, d := published.Date()
		a.Date = time.Date(y, m, d, 0, 0, 0, 0, time.UTC)
	}
	a.Removed = rep.lines()
	return a, nil
}

// unwrapped are the elements replaced by their content before extraction:
// inline formatting, which the text form drops anyway (extractors have
// lost the space after such an element inside a list item or <div>), and
// <time>, whose date a dateline needs. (<span> stays: the extractor's
// rules for share bars and bylines look at its class.)
var unwrapped = []atom.Atom{
	atom.B, atom.Strong, atom.I, atom.Em, atom.U, atom.Mark, atom.Small,
	atom.Font, atom.Abbr, atom.Cite, atom.Time,
}

// unwrap replaces every element under n with one of the tags by its
// children.
func unwrap(n *html.Node, tags ...atom.Atom) {
	var found []*html.Node
	for d := range n.Descendants() {
		if d.Type == html.ElementNode && slices.Contains(tags, d.DataAtom) {
			found = append(found, d)
		}
	}
	for _, e := range found {
		parent := e.Parent
		for c := e.FirstChild; c != nil; c = e.FirstChild {
			e.RemoveChild(c)
			parent.InsertBefore(c, e)
		}
		parent.RemoveChild(e)
		mergeText(parent)
	}
}

// mergeText joins adjacent text children of n into one, as a parser
// would have made them.
func mergeText(n *html.Node) {
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		for c.Type == html.TextNode && c.NextSibling != nil && c.NextSibling.Type == html.TextNode {
			next := c.NextSibling
			c.Data += next.Data
			n.RemoveChild(next)
		}
	}
}

// isFragment reports whether text is a fragment of HTML (as copied to
// the clipboard) rather than a page: it has no <html> or <body> tag.
func isFragment(text string) bool {
	lower := strings.ToLower(text)
	return !strings.Contains(lower, "<html") && !strings.Contains(lower, "<body")
}

// wrapBody moves the children of the document's <body> into an <article>,
// so that the extractor takes a fragment's headings and lists as the
// article's and not only its paragraphs, and returns the <article>.
func wrapBody(doc *html.Node) *html.Node {
	body := findFirst(doc, atom.Body)
	if body == nil {
		return nil
	}
	article := &html.Node{Type: html.ElementNode, DataAtom: atom.Article, Data: "article"}
	for c := body.FirstChild; c != nil; c = body.FirstChild {
		body.RemoveChild(c)
		article.AppendChild(c)
	}
	body.AppendChild(article)
	return article
}

// articleScope returns the page's first <article>, else its first <main>,
// else nil.
func articleScope(doc *html.Node) *html.Node {
	if n := findFirst(doc, atom.Article); n != nil {
		return n
	}
	return findFirst(doc, atom.Main)
}

// findFirst returns the first element under n (n included) with the tag
// a, or nil; a nil n has none.
func findFirst(n *html.Node, a atom.Atom) *html.Node {
	if n == nil {
		return nil
	}
	if n.Type == html.ElementNode && n.DataAtom == a {
		return n
	}
	for d := range n.Descendants() {
		if d.Type == html.ElementNode && d.DataAtom == a {
			return d
		}
	}
	return nil
}

// firstText returns the text of the first element under n with the tag a.
func firstText(n *html.Node, a atom.Atom) string {
	if e := findFirst(n, a); e != nil {
		return nodeText(e, nil)
	}
	return ""
}

// nodeText returns the text in n, whitespace collapsed, leaving out
// scripts, styles and the element skip.
func nodeText(n, skip *html.Node) string {
	var b strings.Builder
	var walk func(*html.Node)
	walk = func(n *html.Node) {
		switch {
		case n == skip:
			return
		case n.Type == html.TextNode:
			b.WriteString(n.Data)
			return
		case n.Type == html.ElementNode && (n.DataAtom == atom.Script || n.DataAtom == atom.Style):
			return
		case n.Type == html.ElementNode && n.DataAtom == atom.Br:
			b.WriteByte(' ')
		}
		for c := range n.ChildNodes() {
			walk(c)
		}
	}
	walk(n)
	return collapseSpaces(strings.Join(normalise(b.String()), " "))
}

// figcaption is what a <figcaption> says.
type figcaption struct {
	full, caption, credit string
}

// readFigcaption reads Caption and Credit from a <figcaption> (nil gives
// nothing): the credit is at the end of its text, as the text rules read
// it, or in an element of its own (<cite>, <small>, or a class naming a
// credit or copyright), without a "Photo:" label or parentheses.
func readFigcaption(fc *html.Node) figcaption {
	if fc == nil {
		return figcaption{}
	}
	full := nodeText(fc, nil)
	if caption, credit, ok := parseCredit(full); ok {
		return figcaption{full, caption, credit}
	}
	if cr := creditElement(fc); cr != nil {
		credit, _ := stripLabel(strings.Trim(nodeText(cr, nil), "()"))
		return figcaption{full, trimCaption(nodeText(fc, cr)), credit}
	}
	return figcaption{full, full, ""}
}

// creditElement returns the element in a figcaption that holds the
// credit, or nil.
func creditElement(fc *html.Node) *html.Node {
	for d := range fc.Descendants() {
		if d.Type != html.ElementNode {
			continue
		}
		if d.DataAtom == atom.Cite || d.DataAtom == atom.Small {
			return d
		}
		for _, at := range d.Attr {
			class := strings.ToLower(at.Val)
			if at.Key == "class" && (strings.Contains(class, "credit") || strings.Contains(class, "copyright")) {
				return d
			}
		}
	}
	return nil
}

// MinProseWords is how many words a paragraph of an article has at least:
// a page whose longest text is a menu or a form has no article.
const MinProseWords = 10

// isProse reports whether a paragraph is prose: not a heading or a list
// item, and at least MinProseWords words.
func isProse(p string) bool {
	return !strings.HasPrefix(p, "#") && !strings.HasPrefix(p, "- ") && len(strings.Fields(p)) >= MinProseWords
}
