package shortcode

import (
	"maps"
	"slices"
	"strings"
	"testing"

	"golang.org/x/net/html"
)

func TestBuiltins(t *testing.T) { runExpandCases(t, builtinCases) }

// builtinCases give the exact HTML of each built-in.
var builtinCases = []expandCase{
	{
		name: "youtube title start class", src: `{{< youtube id="dQw4w9WgXcQ" title="Never" start=42 class="wide" autoplay=true >}}`,
		want: "«0»", blocks: []string{`flow <figure class="embed embed-video wide"><a href="https://www.youtube.com/watch?v=dQw4w9WgXcQ&amp;t=42s">▶ Watch “Never” on YouTube</a></figure>`},
	},
	{
		name: "vimeo", src: `{{< vimeo 146022717 >}}`,
		want: "«0»", blocks: []string{`flow <figure class="embed embed-video"><a href="https://vimeo.com/146022717">▶ Watch the video on Vimeo</a></figure>`},
	},
	{
		name: "x", src: `{{< x user="SanDiegoZoo" id="1453110110599868418" >}}`,
		want: "«0»", blocks: []string{`flow <blockquote class="embed embed-x"><p><a href="https://x.com/SanDiegoZoo/status/1453110110599868418">View the post by @SanDiegoZoo on X</a></p></blockquote>`},
	},
	{
		name: "tweet", src: `{{< tweet user="SanDiegoZoo" id="1453110110599868418" >}}`,
		want: "«0»", blocks: []string{`flow <blockquote class="embed embed-x"><p><a href="https://x.com/SanDiegoZoo/status/1453110110599868418">View the post by @SanDiegoZoo on X</a></p></blockquote>`},
	},
	{
		name: "tweet without user", src: `{{< tweet 877500564405444608 >}}`,
		want: "«0»", blocks: []string{`flow <blockquote class="embed embed-x"><p><a href="https://x.com/i/status/877500564405444608">View the post on X</a></p></blockquote>`},
	},
	{
		name: "figure minimal", src: `{{< figure src="images/a.png" >}}`,
		want: "«0»", blocks: []string{`flow <figure><img src="images/a.png" alt="" loading="lazy"></figure>`},
	},
	{
		name: "figure full",
		src:  `{{< figure src="/img/a.jpg" alt="A cat" caption="On a mat" title="Cat" link="https://example.org/cat" target="_blank" rel="noopener" attr="Jo" attrlink="https://jo.example" width="640" height="480" class="wide" >}}`,
		want: "«0»",
		blocks: []string{`flow <figure class="wide"><a href="https://example.org/cat" target="_blank" rel="noopener">` +
			`<img src="/img/a.jpg" alt="A cat" loading="lazy" width="640" height="480"></a>` +
			`<figcaption><strong>Cat</strong> On a mat <cite><a href="https://jo.example">Jo</a></cite></figcaption></figure>`},
	},
	{
		name: "figure alt from caption", src: `{{< figure src="a.png" caption="Cap" attr="Jo" >}}`,
		want: "«0»", blocks: []string{`flow <figure><img src="a.png" alt="Cap" loading="lazy"><figcaption>Cap <cite>Jo</cite></figcaption></figure>`},
	},
	{
		name: "figure data image", src: `{{< figure src="data:image/png;base64,iVBORw0KGgo=" alt="" >}}`,
		want: "«0»", blocks: []string{`flow <figure><img src="data:image/png;base64,iVBORw0KGgo=" alt="" loading="lazy"></figure>`},
	},
	{
		name: "details", src: "{{< details summary=\"More\" >}}\nInner *text*.\n{{< /details >}}\n",
		want:   "«0»\nInner *text*.\n«1»\n",
		blocks: []string{`open <details><summary>More</summary>`, `close </details>`},
	},
	{
		name: "details percent positional open", src: "{{% details \"See all\" open=true class=c name=n title=t %}}\n\nx\n\n{{% /details %}}",
		want:   "«0»\n\nx\n\n«1»",
		blocks: []string{`open <details class="c" name="n" title="t" open><summary>See all</summary>`, `close </details>`},
	},
	{
		name: "details default summary, nested", src: "{{< details >}}\n{{< details summary=\"in\" />}}\n{{< /details >}}",
		want: "«0»\n«1»\n«2»",
		blocks: []string{`open <details><summary>Details</summary>`,
			`flow <details><summary>in</summary></details>`, `close </details>`},
	},
	{
		name: "ref", src: `See [earlier]({{< ref "2025-08-15-x.md" >}}) and [more]({{< relref path="/news/y.md#part-2" >}}).`,
		want: "See [earlier](2025-08-15-x.md) and [more](/news/y.md#part-2).",
	},
	{
		name: "ref ignores lang", src: `{{% ref "a.md" lang="fr" %}}`, want: "a.md",
	},
	{
		name: "highlight", src: "Code:\n{{< highlight go \"linenos=table\" >}}\nfmt.Println(\"{{< nope >}}\")\n\n{{</* x */>}}\n{{< /highlight >}}\nafter\n",
		want: "Code:\n```go\nfmt.Println(\"{{< nope >}}\")\n\n{{< x >}}\n```\nafter\n",
	},
	{
		name: "highlight with fences inside", src: "{{< highlight markdown >}}\n````go\nx\n````\n{{< /highlight >}}",
		want: "`````markdown\n````go\nx\n````\n`````",
	},
	{
		name: "highlight in a quote", src: "> {{< highlight >}}\n> x\n> {{< /highlight >}}",
		want: "> ```\n> x\n> ```",
	},
	{
		name: "highlight inline", src: "a {{< highlight go >}}x < y{{< /highlight >}} b\n",
		want: "a «0» b\n", blocks: []string{`flow <pre><code class="language-go">x &lt; y` + "\n</code></pre>"},
	},
	{
		name: "highlight on lines with text", src: "a {{< highlight >}}\nx\n\n{{</* y */>}}\n{{< /highlight >}}\n",
		want: "a «0»\n\n\n\n\n", blocks: []string{"flow <pre><code>x\n\n{{&lt; y &gt;}}\n</code></pre>"},
	},
	{
		name: "highlight self-closing", src: "{{< highlight go />}}", want: "«0»",
		blocks: []string{`flow <pre><code class="language-go"></code></pre>`},
	},
	{
		name: "highlight unclosed", src: "{{< highlight go >}}\nx {{< youtube dQw4w9WgXcQ >}}\n",
		want: "\nx «0»\n", blocks: []string{ytHTML},
		problems: []string{`1:1 shortcode-unclosed: shortcode "highlight" is not closed`},
	},
	{
		name: "highlight bad language", src: "{{< highlight \"go`x\" >}}\nx\n{{< /highlight >}}",
		want:     "```\nx\n```",
		problems: []string{"1:1 shortcode-parameter: shortcode \"highlight\": \"go`x\" is not a language name"},
	},
}

func TestBuiltinParameters(t *testing.T) {
	runExpandCases(t, []expandCase{
		{
			name: "bad video id", src: `{{< youtube "a b" >}}{{< vimeo >}}`, want: "",
			problems: []string{
				`1:1 shortcode-parameter: shortcode "youtube": the video ID "a b" is not one (letters, digits, - and _)`,
				`1:22 shortcode-parameter: shortcode "vimeo": the video ID "" is not one (letters, digits, - and _)`,
			},
		},
		{
			name: "bad start", src: `{{< youtube dQw4w9WgXcQ start=1m >}}`, want: "«0»", blocks: []string{ytHTML},
			problems: []string{`1:1 shortcode-parameter: shortcode "youtube": start="1m" is not a number of seconds`},
		},
		{
			name: "unknown parameter", src: `{{< youtube dQw4w9WgXcQ colour=red >}}`, want: "«0»", blocks: []string{ytHTML},
			problems: []string{`1:1 shortcode-parameter: shortcode "youtube": parameter "colour" is not used`},
		},
		{
			name: "extra positional", src: `{{< youtube dQw4w9WgXcQ extra >}}`, want: "«0»", blocks: []string{ytHTML},
			problems: []string{`1:1 shortcode-parameter: shortcode "youtube": unexpected positional parameter "extra"`},
		},
		{
			name: "x bad", src: `{{< x user="a-b" id="1" >}}{{< x user="a" id="12a" >}}`, want: "",
			problems: []string{
				`1:1 shortcode-parameter: shortcode "x": the user "a-b" is not a user name (letters, digits and _)`,
				`1:28 shortcode-parameter: shortcode "x": the post ID "12a" is not a number`,
			},
		},
		{
			name: "figure without src", src: `{{< figure alt="x" >}}`, want: "",
			problems: []string{`1:1 shortcode-parameter: shortcode "figure": src is missing`},
		},
		{
			name: "figure bad width", src: `{{< figure src="a.png" width="100%" >}}`, want: "«0»",
			blocks:   []string{`flow <figure><img src="a.png" alt="" loading="lazy"></figure>`},
			problems: []string{`1:1 shortcode-parameter: shortcode "figure": width="100%" is not a number of pixels`},
		},
		{
			name: "details open", src: "{{< details open=maybe />}}", want: "«0»",
			blocks:   []string{`flow <details><summary>Details</summary></details>`},
			problems: []string{`1:1 shortcode-parameter: shortcode "details": open="maybe" is neither true nor false`},
		},
		{
			name: "ref bad", src: `[a]({{< ref >}}) [b]({{< ref "a b.md" >}}) [c]({{< ref "javascript:alert" >}})`, want: "[a]() [b]() [c]()",
			problems: []string{
				`1:5 shortcode-parameter: shortcode "ref": the path is missing`,
				`1:22 shortcode-parameter: shortcode "ref": the path "a b.md" cannot stand in a link (spaces, brackets, quotes or backslashes)`,
				`1:48 shortcode-unsafe-url: shortcode "ref": path="javascript:alert" has a scheme that can run code`,
			},
		},
	})
}

func TestUnsafeURLs(t *testing.T) {
	bad := []string{"javascript:alert(1)", "JaVaScRiPt:alert(1)", " javascript:x", "java\tscript:x",
		"&#106;avascript:x", "vbscript:x", "data:text/html,<script>x</script>", "data:image/svg+xml,<svg onload=x>",
		"file:///etc/passwd"}
	for _, u := range bad {
		_, blocks, problems := expand(t, `{{< figure src="`+u+`" >}}`)
		if blocks != nil || len(problems) != 1 || problems[0].Code != "shortcode-unsafe-url" {
			t.Errorf("src %q: blocks %v, problems %v; want no figure and an unsafe-url problem", u, blocks, problems)
		}
		_, blocks, problems = expand(t, `{{< figure src="a.png" link="`+u+`" attrlink="`+u+`" attr="Jo" >}}`)
		want := `<figure><img src="a.png" alt="" loading="lazy"><figcaption><cite>Jo</cite></figcaption></figure>`
		if len(blocks) != 1 || blocks[0].HTML != want || len(problems) != 2 {
			t.Errorf("link %q: blocks %v, problems %v; want the figure without links and two problems", u, blocks, problems)
		}
	}
	for _, u := range []string{"https://example.org/a.png", "a.png", "../a.png", "/a.png", "data:image/jpeg;base64,AAAA", "javascript.png"} {
		if _, blocks, problems := expand(t, `{{< figure src="`+u+`" >}}`); len(blocks) != 1 || problems != nil {
			t.Errorf("src %q was refused: %v", u, problems)
		}
	}
}

// hostile is a value that ends an attribute and starts a script.
const hostile = `"><script>alert(1)</script><x a='`

func TestHostileValuesAreEscaped(t *testing.T) {
	srcs := []string{
		`{{< youtube id="x" title="H" class="H" >}}`,
		`{{< vimeo id="x" title="H" class="H" >}}`,
		`{{< figure src="H" alt="H" caption="H" title="H" link="H" target="H" rel="H" attr="H" attrlink="H" class="H" >}}`,
		`{{< details summary="H" class="H" name="H" title="H" />}}`,
		"{{< highlight go >}}H{{< /highlight >}}",
		`{{</* figure src="H" */>}}`,
	}
	for _, src := range srcs {
		src = strings.ReplaceAll(src, "H", strings.ReplaceAll(hostile, `"`, `\"`))
		_, blocks, _ := expand(t, src)
		if len(blocks) != 1 {
			t.Errorf("%s: %d blocks", src, len(blocks))
			continue
		}
		h := blocks[0].HTML
		if strings.Contains(h, "<script") || strings.Contains(h, "<x") {
			t.Errorf("%s: HTML not escaped: %s", src, h)
		}
		root, err := html.Parse(strings.NewReader(h))
		if err != nil {
			t.Fatal(err)
		}
		var walk func(n *html.Node)
		walk = func(n *html.Node) {
			if n.Type == html.ElementNode {
				if n.Data == "script" || n.Data == "x" {
					t.Errorf("%s: parsed HTML has a %s element: %s", src, n.Data, h)
				}
				for _, a := range n.Attr {
					if a.Key != "src" && a.Key != "href" && a.Key != "alt" && a.Key != "class" && a.Key != "target" &&
						a.Key != "rel" && a.Key != "name" && a.Key != "title" && a.Key != "loading" {
						t.Errorf("%s: unexpected attribute %q in %s", src, a.Key, h)
					}
				}
			}
			for c := n.FirstChild; c != nil; c = c.NextSibling {
				walk(c)
			}
		}
		walk(root)
		if !strings.Contains(h, html.EscapeString(hostile)) {
			t.Errorf("%s: the value does not show, escaped, in %s", src, h)
		}
	}
}

func TestKnownNames(t *testing.T) {
	names := append(slices.Collect(maps.Keys(builtins)), "details", "highlight")
	slices.Sort(names)
	if got := list(names); got != knownNames {
		t.Errorf("knownNames = %q, builtins give %q", knownNames, got)
	}
}
