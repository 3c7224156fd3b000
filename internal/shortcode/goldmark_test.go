package shortcode

import (
	"strings"
	"testing"
)

// TestEndToEnd converts bodies the way digest does: Expand, goldmark with
// GFM, footnotes and the typographer, Substitute. The result must be
// well-formed as written, have the expected element structure once parsed,
// hold no token and show no shortcode delimiters it should not.
func TestEndToEnd(t *testing.T) {
	cases := []struct {
		name, src, structure string
		shown                int // shortcodes that show as text: escaped ones, ones in code
	}{
		{"alone", "Intro.\n\n{{< youtube dQw4w9WgXcQ >}}\n\nOutro.\n", "p figure(a) p", 0},
		{"no blank lines", "Intro.\n{{< youtube dQw4w9WgXcQ >}}\nOutro.\n", "p figure(a) p", 0},
		{"mid-sentence", "See {{< vimeo 1 >}} and *more*.", "p figure(a) p(em)", 0},
		{"in emphasis", "*See {{< vimeo 1 >}} more*", "p(em) figure(a) p(em)", 0},
		{"in a link", "[See {{< vimeo 1 >}} more](https://e.org)", "p(a) figure(a) p(a)", 0},
		{"figure", "{{< figure src=\"a.png\" caption=\"C\" link=\"/big.png\" >}}", "figure(a(img) figcaption)", 0},
		{"x", "{{< x user=\"a\" id=\"1\" >}}", "blockquote(p(a))", 0},
		{"heading", "## Watch {{< youtube dQw4w9WgXcQ >}} this\n", "h2 figure(a) h2", 0},
		{"list item", "- a\n- {{< youtube dQw4w9WgXcQ >}}\n- c\n", "ul(li li(figure(a)) li)", 0},
		{"loose list", "- a\n\n- b {{< youtube dQw4w9WgXcQ >}}\n", "ul(li(p) li(p figure(a)))", 0},
		{"quote", "> a\n> {{< youtube dQw4w9WgXcQ >}}\n", "blockquote(p figure(a))", 0},
		{"table", "| a | b |\n|---|---|\n| {{< youtube dQw4w9WgXcQ >}} | x |\n", "table(thead(tr(th th)) tbody(tr(td(figure(a)) td)))", 0},
		{"footnote", "Text.[^1]\n\n[^1]: See {{< youtube dQw4w9WgXcQ >}}\n", "p(sup(a)) div(hr ol(li(p figure(a) p(a))))", 0},
		{"details", "{{< details summary=\"More\" >}}\nInner *text*.\n{{< /details >}}\n", "details(summary p(em))", 0},
		{"details blank lines", "{{% details More %}}\n\nOne.\n\n- two\n\n{{% /details %}}\n\nAfter.", "details(summary p ul(li)) p", 0},
		{"details text around", "Before {{< details >}} inside {{< /details >}} after.", "p details(summary p) p", 0},
		{"details nested", "{{< details a >}}\n{{< details b >}}\nx\n{{< /details >}}\ny\n{{< /details >}}", "details(summary details(summary p) p)", 0},
		{"details in a list", "- {{< details >}}\n  x\n  {{< /details >}}\n- y", "ul(li(details(summary)) li)", 0},
		{"details holding a figure", "{{< details >}}\n{{< youtube dQw4w9WgXcQ >}}\n{{< /details >}}", "details(summary figure(a))", 0},
		{"details misnested", "{{< details >}}\n- a {{< /details >}} b\n- c", "details(summary ul(li li))", 0},
		{"highlight", "{{< highlight go >}}\nx := `{{< y >}}`\n{{< /highlight >}}", "pre(code)", 1},
		{"highlight inline", "a {{< highlight go >}}x{{< /highlight >}} b", "p pre(code) p", 0},
		{"escaped", "Write `{{</* x */>}}` or {{</* y */>}}.", "p(code)", 2},
		{"ref", "[earlier]({{< ref \"2025-08-15-x.md#a\" >}})", "p(a)", 0},
		{"unknown", "{{% note %}}\nKept.\n{{% /note %}}", "p", 0},
		{"indented code", "Text\n\n    {{< youtube dQw4w9WgXcQ >}}\n", "p pre(code)", 1},
	}
	for _, c := range cases {
		for _, unsafe := range []bool{false, true} {
			t.Run(c.name, func(t *testing.T) {
				doc, _ := page(t, c.src, unsafe)
				checkBalanced(t, doc)
				if got := structure(t, doc); got != c.structure {
					t.Errorf("structure %q, want %q in\n%s", got, c.structure, doc)
				}
				if strings.Contains(doc, tokenBase) {
					t.Errorf("a token is left in\n%s", doc)
				}
				shown := strings.Count(doc, "{{&lt;") + strings.Count(doc, "{{%")
				if shown != c.shown {
					t.Errorf("%d shortcodes show as text, want %d, in\n%s", shown, c.shown, doc)
				}
			})
		}
	}
}

func TestEndToEndHTML(t *testing.T) {
	cases := []struct{ src, want string }{
		{"Intro {{< youtube dQw4w9WgXcQ >}} after.\n",
			`<p>Intro</p><figure class="embed embed-video"><a href="https://www.youtube.com/watch?v=dQw4w9WgXcQ">▶ Watch the video on YouTube</a></figure><p>after.</p>` + "\n"},
		{"{{< details summary=\"More\" >}}\nInner *text*.\n{{< /details >}}\n",
			"<details><summary>More</summary><p>Inner <em>text</em>.</p></details>\n"},
		{"\"Quoted\" {{</* figure src=\"a\" */>}} -- ...\n",
			"<p>&ldquo;Quoted&rdquo; {{&lt; figure src=&#34;a&#34; &gt;}} &ndash; &hellip;</p>\n"},
		{"    {{< youtube dQw4w9WgXcQ >}}\n",
			"<pre><code>{{&lt; youtube dQw4w9WgXcQ &gt;}}\n</code></pre>\n"},
		{"[x]({{< ref \"a.md\" >}}) {{< highlight go >}}\n",
			"<p><a href=\"a.md\">x</a></p>\n"},
	}
	for _, c := range cases {
		if got, _ := page(t, c.src, false); got != c.want {
			t.Errorf("%q:\n got %q\nwant %q", c.src, got, c.want)
		}
	}
}

// TestTokensSurviveGoldmark checks that goldmark leaves every token as it
// is, wherever the editor put the shortcode.
func TestTokensSurviveGoldmark(t *testing.T) {
	contexts := []string{"S", "*S*", "**S**", "_S_", "~~S~~", "\"S\"", "'S'", "S's", "--S--", "...S...",
		"<<S>>", "# S", "S\n---", "> S", "- S", "1. S", "| S |\n|---|", "[S](u)", "[l](u \"S\")", "![S](u)",
		"https://e.org/S", "www.S.org", "a@S.org", "S[^1]\n\n[^1]: S", "\\S", "&S;", "S\u00a0S", "[l][r]\n\n[r]: u \"S\""}
	for _, ctx := range contexts {
		src := strings.ReplaceAll(ctx, "S", "{{< youtube dQw4w9WgXcQ >}}")
		out, blocks, _ := expand(t, src)
		html := string(markdown(t, []byte(out), false))
		for _, b := range blocks {
			if !strings.Contains(html, b.Token) && !strings.Contains(html, strings.ToLower(b.Token)) {
				t.Errorf("%q: token %s is not in goldmark's output\n%s", ctx, b.Token, html)
			}
		}
	}
}
