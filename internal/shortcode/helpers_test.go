package shortcode

import (
	"bytes"
	"fmt"
	"strings"
	"testing"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/extension"
	gmhtml "github.com/yuin/goldmark/renderer/html"
	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// expand runs Expand and checks what must hold for every input: out has
// the lines of src, holds every token once, and problems are in order.
func expand(t *testing.T, src string) (string, Blocks, []Problem) {
	t.Helper()
	out, blocks, problems := Expand([]byte(src))
	if got, want := bytes.Count(out, []byte("\n")), strings.Count(src, "\n"); got != want {
		t.Errorf("Expand(%q): %d lines out, %d in:\n%s", src, got, want, out)
	}
	for _, b := range blocks {
		if n := bytes.Count(out, []byte(b.Token)); n != 1 {
			t.Errorf("Expand(%q): token %q appears %d times in\n%s", src, b.Token, n, out)
		}
		if strings.Trim(b.Token, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789") != "" {
			t.Errorf("token %q is not only ASCII letters and digits", b.Token)
		}
	}
	for i := 1; i < len(problems); i++ {
		if problems[i].Line < problems[i-1].Line {
			t.Errorf("Expand(%q): problems out of order: %v", src, problems)
		}
	}
	return string(out), blocks, problems
}

// readable replaces each block's token in s by «i».
func readable(s string, blocks Blocks) string {
	for i, b := range blocks {
		s = strings.ReplaceAll(s, b.Token, fmt.Sprintf("«%d»", i))
	}
	return s
}

// problemStrings formats problems as "line:column code: message".
func problemStrings(ps []Problem) []string {
	var s []string
	for _, p := range ps {
		s = append(s, fmt.Sprintf("%d:%d %s: %s", p.Line, p.Column, p.Code, p.Message))
	}
	return s
}

// markdown converts Markdown as digest does: GFM, footnotes, typographer.
func markdown(t *testing.T, src []byte, unsafe bool) []byte {
	t.Helper()
	var opts []goldmark.Option
	opts = append(opts, goldmark.WithExtensions(extension.GFM, extension.Footnote, extension.Typographer))
	if unsafe {
		opts = append(opts, goldmark.WithRendererOptions(gmhtml.WithUnsafe()))
	}
	var buf bytes.Buffer
	if err := goldmark.New(opts...).Convert(src, &buf); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// page runs the whole path: Expand, goldmark, Substitute.
func page(t *testing.T, src string, unsafe bool) (string, []Problem) {
	t.Helper()
	out, blocks, problems := expand(t, src)
	doc := blocks.Substitute(markdown(t, []byte(out), unsafe))
	return string(doc), problems
}

// structure parses an HTML fragment as a browser would and returns its
// element tree: "p figure(a) p(em)". Text is left out.
func structure(t *testing.T, doc string) string {
	t.Helper()
	body := &html.Node{Type: html.ElementNode, Data: "body", DataAtom: atom.Body}
	nodes, err := html.ParseFragment(strings.NewReader(doc), body)
	if err != nil {
		t.Fatal(err)
	}
	var b strings.Builder
	var walk func(ns []*html.Node)
	walk = func(ns []*html.Node) {
		first := true
		for _, n := range ns {
			if n.Type != html.ElementNode {
				continue
			}
			if !first {
				b.WriteByte(' ')
			}
			first = false
			b.WriteString(n.Data)
			var kids []*html.Node
			for c := n.FirstChild; c != nil; c = c.NextSibling {
				if c.Type == html.ElementNode {
					kids = append(kids, c)
				}
			}
			if len(kids) > 0 {
				b.WriteByte('(')
				walk(kids)
				b.WriteByte(')')
			}
		}
	}
	walk(nodes)
	return b.String()
}

// checkBalanced fails unless every element of doc that needs an end tag
// has one, properly nested, and no end tag is stray: the HTML is
// well-formed as written, not only after a browser repairs it.
func checkBalanced(t *testing.T, doc string) {
	t.Helper()
	z := html.NewTokenizer(strings.NewReader(doc))
	var stack []string
	for {
		switch z.Next() {
		case html.ErrorToken:
			if len(stack) > 0 {
				t.Errorf("unclosed %v in\n%s", stack, doc)
			}
			return
		case html.StartTagToken:
			name, _ := z.TagName()
			if !void[string(name)] {
				stack = append(stack, string(name))
			}
		case html.EndTagToken:
			name, _ := z.TagName()
			if len(stack) == 0 || stack[len(stack)-1] != string(name) {
				t.Errorf("end tag </%s> does not close %v in\n%s", name, stack, doc)
				return
			}
			stack = stack[:len(stack)-1]
		}
	}
}
