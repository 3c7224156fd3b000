package shortcode

import (
	"bytes"
	"strings"
	"testing"
)

// testBlocks are blocks as Expand would make them: tokens T0z, T1z…
// (written here as «0», «1»…).
var testBlocks = Blocks{
	{Token: "Scdgst0k0z", Kind: Flow, HTML: "<figure>F</figure>", Text: `{{< f "a" >}}`},
	{Token: "Scdgst0k1z", Kind: Open, HTML: "<details><summary>S</summary>", Text: "{{< details >}}"},
	{Token: "Scdgst0k2z", Kind: Close, HTML: "</details>", Text: "{{< /details >}}"},
	{Token: "Scdgst0k3z", Kind: Inline, HTML: "{{&lt; x &gt;}}", Text: "{{< x >}}"},
	{Token: "Scdgst0k4z", Kind: Flow, HTML: "<figure>G</figure>", Text: "{{< g >}}"},
	{Token: "Scdgst0k5z", Kind: Open, HTML: "<details><summary>T</summary>", Text: "{{< details T >}}"},
	{Token: "Scdgst0k6z", Kind: Close, HTML: "</details>", Text: "{{< /details >}}"},
}

// tokens writes testBlocks' tokens for «i».
func tokens(s string) string {
	for i := len(testBlocks) - 1; i >= 0; i-- {
		s = strings.ReplaceAll(s, "«"+string(rune('0'+i))+"»", testBlocks[i].Token)
	}
	return s
}

func TestSubstitute(t *testing.T) {
	cases := []struct{ name, in, want string }{
		{"alone", "<p>«0»</p>\n", "<figure>F</figure>\n"},
		{"start", "<p>«0» after</p>", "<figure>F</figure><p>after</p>"},
		{"end", "<p>before\n«0»</p>", "<p>before</p><figure>F</figure>"},
		{"middle", "<p>a «0» b</p>", "<p>a</p><figure>F</figure><p>b</p>"},
		{"two", "<p>«0»\n«4»</p>", "<figure>F</figure><figure>G</figure>"},
		{"in emphasis", "<p>a <em>b «0» c</em> d</p>", "<p>a <em>b</em></p><figure>F</figure><p><em>c</em> d</p>"},
		{"emphasis only", "<p><strong>«0»</strong></p>", "<figure>F</figure>"},
		{"heading keeps its id once", `<h2 id="h">a «0» b</h2>`, `<h2 id="h">a</h2><figure>F</figure><h2>b</h2>`},
		{"tight list", "<ul>\n<li>a «0» b</li>\n</ul>", "<ul>\n<li>a<figure>F</figure>b</li>\n</ul>"},
		{"loose list", "<ul>\n<li><p>a «0»</p></li>\n</ul>", "<ul>\n<li><p>a</p><figure>F</figure></li>\n</ul>"},
		{"table cell", "<table><tr><td>«0»</td></tr></table>", "<table><tr><td><figure>F</figure></td></tr></table>"},
		{"in code", "<pre><code>«0» «3»\n</code></pre>", "<pre><code>{{&lt; f &#34;a&#34; &gt;}} {{&lt; x &gt;}}\n</code></pre>"},
		{"in inline code", "<p>a <code>«1»</code> b</p>", "<p>a <code>{{&lt; details &gt;}}</code> b</p>"},
		{"in an attribute", `<p><a href="«0»" title="x«3»">l</a></p>`, `<p><a href="{{&lt; f &#34;a&#34; &gt;}}" title="x{{&lt; x &gt;}}">l</a></p>`},
		{"inline", "<p>a «3» b</p>", "<p>a {{&lt; x &gt;}} b</p>"},
		{"details alone", "<p>«1»</p>\n<p>in</p>\n<p>«2»</p>\n", "<details><summary>S</summary>\n<p>in</p>\n</details>\n"},
		{"details in one paragraph", "<p>«1»\nin <em>x</em>\n«2»</p>", "<details><summary>S</summary><p>in <em>x</em></p></details>"},
		{"details around text", "<p>a «1» b «2» c</p>", "<p>a</p><details><summary>S</summary><p>b</p></details><p>c</p>"},
		{"details never closed", "<p>«1»</p><p>x</p>", "<details><summary>S</summary><p>x</p></details>"},
		{"details closed by its container", "<ul><li>«1» a</li></ul><p>«2»</p>", "<ul><li><details><summary>S</summary>a</details></li></ul>"},
		{"details closed in a list", "<p>«1»</p><ul><li>a «2» b</li><li>c</li></ul><p>d</p>",
			"<details><summary>S</summary><ul><li>a\nb</li><li>c</li></ul></details><p>d</p>"},
		{"details closed in a list, nested", "<p>«1»</p><p>«5»</p><ul><li><p>«6»</p></li></ul><p>«2»</p><p>d</p>",
			"<details><summary>S</summary><details><summary>T</summary><ul><li></li></ul></details></details><p>d</p>"},
		{"close without open", "<p>a «2» b</p>", "<p>a</p><p>b</p>"},
		{"close without open in a list", "<ul><li>a «2» b</li></ul>", "<ul><li>a\nb</li></ul>"},
		{"token used twice", "<p>«0» <a href=\"«0»\">x «0»</a><a href=\"«0»\">y</a></p>",
			"<figure>F</figure><p><a href=\"{{&lt; f &#34;a&#34; &gt;}}\">x </a><a href=\"\">y</a></p>"},
		{"not a token", "<p>Scdgst0k9z Scdgst0k1 Scdgst1k0z Scdgst0k0</p>", "<p>Scdgst0k9z Scdgst0k1 Scdgst1k0z Scdgst0k0</p>"},
		{"footnote", `<li id="fn:1"><p>See «0»&#160;<a href="#fnref:1" class="footnote-backref">↩︎</a></p></li>`,
			`<li id="fn:1"><p>See</p><figure>F</figure><p>&#160;<a href="#fnref:1" class="footnote-backref">↩︎</a></p></li>`},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			got := string(testBlocks.Substitute([]byte(tokens(c.in))))
			if got != c.want {
				t.Errorf("Substitute(%q)\n got %q\nwant %q", c.in, got, c.want)
			}
			checkBalanced(t, got)
		})
	}
}

func TestSubstituteWithoutTokens(t *testing.T) {
	doc := []byte("<p>Nothing to do.</p>\n")
	var none Blocks
	if got := none.Substitute(doc); &got[0] != &doc[0] {
		t.Error("nil blocks: the HTML was copied")
	}
	if got := testBlocks.Substitute(doc); &got[0] != &doc[0] {
		t.Error("no token in the HTML: the HTML was copied")
	}
	if n := testing.AllocsPerRun(100, func() { none.Substitute(doc); testBlocks.Substitute(doc) }); n != 0 {
		t.Errorf("Substitute without tokens allocates %v times", n)
	}
}

func TestSubstituteKeepsOtherHTML(t *testing.T) {
	// The HTML around tokens is copied byte for byte, however odd. Each
	// input ends with a prefix that is no token, to take the slow path.
	const f = "{{&lt; f &#34;a&#34; &gt;}}"
	cases := []struct{ in, want string }{
		{"<!DOCTYPE html><p class=X>a\r\nb</P><!-- «0» --><br/><img src=x>",
			"<!DOCTYPE html><p class=X>a\r\nb</P><!-- «0» --><br/><img src=x>"},
		{"<script>if (a<b) «0»</script><style>p{}</style><textarea>«3»</textarea>",
			"<script>if (a<b) " + f + "</script><style>p{}</style><textarea>{{&lt; x &gt;}}</textarea>"},
		{"<p>a\x00b &amp; &lt; &#x41; &nbsp;</p>< p><p", "<p>a\x00b &amp; &lt; &#x41; &nbsp;</p>< p><p"},
		{"<svg><path d='M0'/></svg><math><mi>x</mi></math>", "<svg><path d='M0'/></svg><math><mi>x</mi></math>"},
		{"</stray><div><p>unclosed", "<div><p>unclosed"},
	}
	for _, c := range cases {
		in := tokens(c.in) + " Scdgst0k7z"
		got := string(testBlocks.Substitute([]byte(in)))
		if want := tokens(c.want) + " Scdgst0k7z"; got != want {
			t.Errorf("Substitute(%q)\n got %q\nwant %q", in, got, want)
		}
	}
}

func TestPlain(t *testing.T) {
	got := string(testBlocks.Plain([]byte(tokens("a «0» b «3» c «3» Scdgst0k9z"))))
	if want := "a  b {{< x >}} c  Scdgst0k9z"; got != want {
		t.Errorf("Plain = %q, want %q", got, want)
	}
	text := []byte("no tokens")
	if got := testBlocks.Plain(text); &got[0] != &text[0] {
		t.Error("Plain copied text without tokens")
	}
}

func TestSubstituteBounded(t *testing.T) {
	// A token inside 200 nested elements, many times: each block reopens
	// at most maxReopen elements, and the output stays linear.
	var b strings.Builder
	b.WriteString("<p>")
	for range 200 {
		b.WriteString(`<em class="aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa">`)
	}
	var blocks Blocks
	for i := range 2000 {
		blocks = append(blocks, Block{Token: "Scdgst0k" + itoa(i) + "z", Kind: Flow, HTML: "<hr>"})
		b.WriteString(blocks[i].Token + " x ")
	}
	for range 200 {
		b.WriteString("</em>")
	}
	b.WriteString("</p>")
	in := []byte(b.String())
	out := blocks.Substitute(in)
	if len(out) > 3*len(in) {
		t.Errorf("output is %d bytes for %d in", len(out), len(in))
	}
	if bytes.Count(out, []byte("<hr>")) != 2000 {
		t.Error("blocks lost")
	}
	checkBalanced(t, string(out))
}

func itoa(i int) string {
	if i < 10 {
		return string(rune('0' + i))
	}
	return itoa(i/10) + string(rune('0'+i%10))
}
