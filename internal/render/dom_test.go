package render_test

import (
	"bytes"
	"slices"
	"strings"
	"testing"

	"digest/internal/sitetest"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// parseHTML parses a page.
func parseHTML(t testing.TB, b []byte) *html.Node {
	t.Helper()
	doc, err := html.Parse(bytes.NewReader(b))
	if err != nil {
		t.Fatalf("parsing HTML: %v", err)
	}
	return doc
}

// parseFragment parses an HTML fragment, such as a feed item's content,
// as the children of a <div>.
func parseFragment(t testing.TB, s string) *html.Node {
	t.Helper()
	ctx := &html.Node{Type: html.ElementNode, Data: "div", DataAtom: atom.Div}
	nodes, err := html.ParseFragment(strings.NewReader(s), ctx)
	if err != nil {
		t.Fatalf("parsing HTML fragment: %v", err)
	}
	for _, n := range nodes {
		ctx.AppendChild(n)
	}
	return ctx
}

// sel matches elements: a tag name, optionally followed by ".class" and
// "[attr=value]" or "[attr]" parts, as in CSS: "li.tl-entry.milestone",
// `link[rel=canonical]`.
func sel(s string) func(*html.Node) bool {
	tag := s
	var classes []string
	type attrTest struct{ key, val string }
	var attrs []attrTest
	if i := strings.IndexByte(tag, '['); i >= 0 {
		for _, part := range strings.Split(strings.TrimSuffix(tag[i+1:], "]"), "][") {
			k, v, hasVal := strings.Cut(part, "=")
			if !hasVal {
				v = "\x00any"
			}
			attrs = append(attrs, attrTest{k, v})
		}
		tag = tag[:i]
	}
	if parts := strings.Split(tag, "."); len(parts) > 1 {
		tag, classes = parts[0], parts[1:]
	}
	return func(n *html.Node) bool {
		if n.Type != html.ElementNode || (tag != "" && n.Data != tag) {
			return false
		}
		for _, c := range classes {
			if !slices.Contains(strings.Fields(attr(n, "class")), c) {
				return false
			}
		}
		for _, a := range attrs {
			v, ok := attrOK(n, a.key)
			if !ok || (a.val != "\x00any" && v != a.val) {
				return false
			}
		}
		return true
	}
}

// all returns the elements under n (n included) that match selector s, in
// document order.
func all(n *html.Node, s string) []*html.Node {
	match := sel(s)
	var out []*html.Node
	var walk func(*html.Node)
	walk = func(n *html.Node) {
		if match(n) {
			out = append(out, n)
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(n)
	return out
}

// one returns the only element under n that matches s, failing the test
// if there is none or several.
func one(t testing.TB, n *html.Node, s string) *html.Node {
	t.Helper()
	found := all(n, s)
	if len(found) != 1 {
		t.Fatalf("%d elements match %q, want 1", len(found), s)
	}
	return found[0]
}

func attrOK(n *html.Node, key string) (string, bool) {
	for _, a := range n.Attr {
		if a.Namespace == "" && a.Key == key {
			return a.Val, true
		}
	}
	return "", false
}

// attr returns an attribute's value, or "".
func attr(n *html.Node, key string) string {
	v, _ := attrOK(n, key)
	return v
}

// text returns the text of n, its runs of white space made one space.
func text(n *html.Node) string { return sitetest.Text(n) }

// texts returns the text of each node.
func texts(ns []*html.Node) []string {
	out := []string{}
	for _, n := range ns {
		out = append(out, text(n))
	}
	return out
}

// attrs returns an attribute of each node.
func attrs(ns []*html.Node, key string) []string {
	out := []string{}
	for _, n := range ns {
		out = append(out, attr(n, key))
	}
	return out
}

// links describes the links under n as "text → href".
func links(n *html.Node) []string {
	out := []string{}
	for _, a := range all(n, "a[href]") {
		out = append(out, text(a)+" → "+attr(a, "href"))
	}
	return out
}

// allIn returns the elements matching s under each of ns, in order.
func allIn(ns []*html.Node, s string) []*html.Node {
	var out []*html.Node
	for _, n := range ns {
		out = append(out, all(n, s)...)
	}
	return out
}
