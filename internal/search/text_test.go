package search

import (
	"strings"
	"testing"
	"unicode/utf8"
)

func TestTextOf(t *testing.T) {
	cases := []struct{ in, want string }{
		{"<p>One</p><p>Two</p>", "One Two"},
		{"<ul><li>a</li><li>b</li></ul><ol><li>c</li></ol>", "a b c"},
		{"<h2>Title</h2>Text<br>more<hr>end", "Title Text more end"},
		{"<table><tr><td>1</td><td>2</td></tr><tr><th>3</th></tr></table>", "1 2 3"},
		{"<blockquote><p>quoted</p></blockquote>after", "quoted after"},
		{"<p><em>wo</em>rd and <a href=\"/x\">link</a>s</p>", "word and links"},
		{"a&amp;b &lt;x&gt; caf&eacute; it&#8217;s&nbsp;here &quot;q&quot;", "a&b <x> café it’s here \"q\""},
		{"<script>var x = '<p>no</p>';</script>yes<style>p{color:red}</style>", "yes"},
		{"<template><p>hidden <template>deeper</template> still</p></template>shown", "shown"},
		{"<noscript><p>fallback</p></noscript>x", "fallback x"},
		{"<!-- a comment -->\n\n  <p>\n  spaced   out \n</p>  ", "spaced out"},
		{"<pre><code>x := 1\ny := 2</code></pre>", "x := 1 y := 2"},
		{"<figure><img src=a.png alt=pic><figcaption>Caption</figcaption></figure>", "Caption"},
		{"", ""},
		{"plain text", "plain text"},
	}
	for _, c := range cases {
		if got := TextOf(c.in); got != c.want {
			t.Errorf("TextOf(%q) = %q, want %q", c.in, got, c.want)
		}
	}
}

func TestSnippet(t *testing.T) {
	if got := snippet("  Short   text\nhere ", 160); got != "Short text here" {
		t.Errorf("short: %q", got)
	}
	long := strings.Repeat("word ", 100)
	got := snippet(long, 160)
	if !strings.HasSuffix(got, "word…") || utf8.RuneCountInString(got) > 161 || utf8.RuneCountInString(got) < 150 {
		t.Errorf("long: %q (%d characters)", got, utf8.RuneCountInString(got))
	}
	if got := snippet(strings.Repeat("я", 200), 160); got != strings.Repeat("я", 160)+"…" {
		t.Errorf("one long word: %q", got)
	}
	if got := snippet("", 160); got != "" {
		t.Errorf("empty: %q", got)
	}
}

func BenchmarkTextOf(b *testing.B) {
	html := strings.Repeat("<p>Ukraine&#8217;s <em>partners</em> met in Zürich on <a href=\"/x/\">Friday</a>.</p>\n<ul><li>one</li><li>two</li></ul>\n", 40)
	b.SetBytes(int64(len(html)))
	for b.Loop() {
		TextOf(html)
	}
}
