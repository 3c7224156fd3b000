package shortcode

import (
	"slices"
	"strings"
	"testing"
)

// expandCase is a body, the Markdown Expand should make of it (tokens
// written «i»), the Kind and HTML of each block, and the problems as
// "line:column code: message".
type expandCase struct {
	name     string
	src      string
	want     string
	blocks   []string // "kind html"
	problems []string
}

var kindNames = map[Kind]string{Inline: "inline", Flow: "flow", Open: "open", Close: "close"}

func runExpandCases(t *testing.T, cases []expandCase) {
	t.Helper()
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			out, blocks, problems := expand(t, c.src)
			if got := readable(out, blocks); got != c.want {
				t.Errorf("out:\n%s\nwant:\n%s", got, c.want)
			}
			var got []string
			for _, b := range blocks {
				got = append(got, kindNames[b.Kind]+" "+b.HTML)
			}
			if !slices.Equal(got, c.blocks) {
				t.Errorf("blocks:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(c.blocks, "\n"))
			}
			if got := problemStrings(problems); !slices.Equal(got, c.problems) {
				t.Errorf("problems:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(c.problems, "\n"))
			}
		})
	}
}

const ytHTML = `flow <figure class="embed embed-video"><a href="https://www.youtube.com/watch?v=dQw4w9WgXcQ">▶ Watch the video on YouTube</a></figure>`

func TestExpandSyntax(t *testing.T) {
	runExpandCases(t, []expandCase{
		{name: "positional", src: "{{< youtube dQw4w9WgXcQ >}}\n", want: "«0»\n", blocks: []string{ytHTML}},
		{name: "named", src: `{{< youtube id="dQw4w9WgXcQ" >}}`, want: "«0»", blocks: []string{ytHTML}},
		{name: "named bare", src: `{{< youtube id=dQw4w9WgXcQ >}}`, want: "«0»", blocks: []string{ytHTML}},
		{name: "backtick", src: "{{< youtube `dQw4w9WgXcQ` >}}", want: "«0»", blocks: []string{ytHTML}},
		{name: "percent", src: `{{% youtube "dQw4w9WgXcQ" %}}`, want: "«0»", blocks: []string{ytHTML}},
		{name: "self-closing", src: `{{< youtube dQw4w9WgXcQ />}}`, want: "«0»", blocks: []string{ytHTML}},
		{name: "no spaces", src: `{{<youtube dQw4w9WgXcQ>}}`, want: "«0»", blocks: []string{ytHTML}},
		{name: "in text", src: "See {{< youtube dQw4w9WgXcQ >}} now.", want: "See «0» now.", blocks: []string{ytHTML}},
		{
			name: "across lines", src: "a\n{{< youtube\n  id=\"dQw4w9WgXcQ\"\n>}} b\n{{< nope >}}\n",
			want: "a\n«0»\n\n b\n\n", blocks: []string{ytHTML},
			problems: []string{`5:1 shortcode-unknown: shortcode "nope" is not one digest knows`},
		},
		{
			name: "escaped quote", src: `{{< figure src="a.png" caption="say \"hi\" \\o/" >}}`, want: "«0»",
			blocks: []string{`flow <figure><img src="a.png" alt="say &#34;hi&#34; \o/" loading="lazy"><figcaption>say &#34;hi&#34; \o/</figcaption></figure>`},
		},
		{
			name: "two on a line", src: "{{< youtube dQw4w9WgXcQ >}}{{< youtube dQw4w9WgXcQ >}}",
			want: "«0»«1»", blocks: []string{ytHTML, ytHTML},
		},
		{name: "no shortcode", src: "{ {< x >}} and {{ .Title }} and {{<", want: "{ {< x >}} and {{ .Title }} and {{\\<",
			problems: []string{`1:33 shortcode-malformed: malformed shortcode: a shortcode name must follow {{<`}},
		{name: "CRLF", src: "a\r\n{{< youtube dQw4w9WgXcQ\r\n>}}\r\nb\r\n", want: "a\r\n«0»\n\r\nb\r\n", blocks: []string{ytHTML}},
	})
}

func TestExpandEscaped(t *testing.T) {
	runExpandCases(t, []expandCase{
		{
			name: "in text", src: `Write {{</* figure src="a.png" */>}} to show one.`,
			want: "Write «0» to show one.", blocks: []string{`inline {{&lt; figure src=&#34;a.png&#34; &gt;}}`},
		},
		{
			name: "percent", src: `{{%/* note */%}}`,
			want: "«0»", blocks: []string{`inline {{% note %}}`},
		},
		{
			name: "across lines", src: "{{</* x\ny */>}}\nz {{< nope >}}",
			want: "«0»\n\nz ", blocks: []string{"inline {{&lt; x\ny &gt;}}"},
			problems: []string{`3:3 shortcode-unknown: shortcode "nope" is not one digest knows`},
		},
		{
			name: "in inline code", src: "Use `{{</* youtube ID */>}}` here.",
			want: "Use `{{< youtube ID >}}` here.",
		},
		{
			name: "in a fence", src: "```md\n{{</* details */>}}\n{{%/* note */%}}\n```\n",
			want: "```md\n{{< details >}}\n{{% note %}}\n```\n",
		},
		{
			name: "not closed", src: "{{</* x >}}\n",
			want:     "{{\\</* x >}}\n",
			problems: []string{`1:1 shortcode-malformed: malformed shortcode: {{</* is not closed with */>}} in the same paragraph`},
		},
	})
}

func TestExpandCode(t *testing.T) {
	untouched := []string{
		"```\n{{< youtube dQw4w9WgXcQ >}}\n```\n",
		"~~~go\n{{< nope >}}\n~~~\n",
		"````\n```\n{{< nope >}}\n```\n````\n",
		"- item\n\n  ```\n  {{< nope >}}\n  ```\n",
		"> ```\n> {{< nope >}}\n> ```\n",
		"```\nnever closed\n{{< nope >}}\n\n{{< nope >}}\n",
		"`{{< nope >}}`",
		"``a ` {{< nope >}}``",
		"a `{{< nope\n>}}` b",
	}
	for _, src := range untouched {
		out, blocks, problems := expand(t, src)
		if out != src || blocks != nil || problems != nil {
			t.Errorf("Expand(%q) = %q, %v, %v; want it untouched", src, out, blocks, problems)
		}
	}
	runExpandCases(t, []expandCase{
		{
			name: "after a fence", src: "```\n{{< nope >}}\n```\n{{< youtube dQw4w9WgXcQ >}}\n",
			want: "```\n{{< nope >}}\n```\n«0»\n", blocks: []string{ytHTML},
		},
		{
			name: "unmatched backtick", src: "a ` b {{< youtube dQw4w9WgXcQ >}}\n",
			want: "a ` b «0»\n", blocks: []string{ytHTML},
		},
		{
			name: "escaped backtick", src: "a \\` b {{< youtube dQw4w9WgXcQ >}} `c`\n",
			want: "a \\` b «0» `c`\n", blocks: []string{ytHTML},
		},
		{
			name: "backslash before a shortcode", src: "\\{{< youtube dQw4w9WgXcQ >}}",
			want: "\\«0»", blocks: []string{ytHTML},
		},
		{
			name: "code span ends at blank line", src: "a ` b\n\n{{< youtube dQw4w9WgXcQ >}} `\n",
			want: "a ` b\n\n«0» `\n", blocks: []string{ytHTML},
		},
		{
			name: "backtick argument", src: "{{< youtube `dQw4w9WgXcQ` >}} `{{< nope >}}`",
			want: "«0» `{{< nope >}}`", blocks: []string{ytHTML},
		},
		{
			name: "backticks not a fence", src: "```a` {{< youtube dQw4w9WgXcQ >}}\n",
			want: "```a` «0»\n", blocks: []string{ytHTML},
		},
	})
}

func TestExpandUnknown(t *testing.T) {
	runExpandCases(t, []expandCase{
		{
			name: "standalone", src: "a\n\n{{< gist spf13 7896402 >}}\n\nb",
			want: "a\n\n\n\nb", problems: []string{`3:1 shortcode-unknown: shortcode "gist" is not one digest knows`},
		},
		{
			name: "paired keeps inner", src: "{{% note %}}\nSome *text*.\n{{% /note %}}\n",
			want: "\nSome *text*.\n\n", problems: []string{`1:1 shortcode-unknown: shortcode "note" is not one digest knows`},
		},
		{
			name: "self-closing", src: `x {{< instagram id="1" />}} y`,
			want: "x  y", problems: []string{`1:3 shortcode-unknown: shortcode "instagram" is not one digest knows`},
		},
		{
			name: "column in characters", src: "ü\n  é {{< nope >}}",
			want: "ü\n  é ", problems: []string{`2:5 shortcode-unknown: shortcode "nope" is not one digest knows`},
		},
		{
			name: "path name", src: `{{< partials/x >}}`,
			want: "", problems: []string{`1:1 shortcode-unknown: shortcode "partials/x" is not one digest knows`},
		},
		{
			name: "paired with a known one inside", src: "{{% note %}}\n{{< youtube dQw4w9WgXcQ >}}\n{{% /note %}}",
			want: "\n«0»\n", blocks: []string{ytHTML},
			problems: []string{`1:1 shortcode-unknown: shortcode "note" is not one digest knows`},
		},
	})
	_, _, problems := expand(t, "{{< nope >}}")
	if h := problems[0].Hint; !strings.Contains(h, knownNames) || !strings.Contains(h, "unsafe_html: true") {
		t.Errorf("hint %q does not list the known shortcodes and unsafe_html", h)
	}
}

func TestExpandMalformed(t *testing.T) {
	runExpandCases(t, []expandCase{
		{
			name: "unterminated quote", src: "a\n\nb {{< figure src=\"x.png >}}\nc\n\n{{< youtube dQw4w9WgXcQ >}}",
			want: "a\n\nb {{\\< figure src=\"x.png >}}\nc\n\n«0»", blocks: []string{ytHTML},
			problems: []string{`3:3 shortcode-malformed: shortcode "figure" is malformed: the value that starts with " is not closed in the same paragraph`},
		},
		{
			name: "not closed", src: "x\n{{< youtube dQw4w9WgXcQ\n\ny",
			want:     "x\n{{\\< youtube dQw4w9WgXcQ\n\ny",
			problems: []string{`2:1 shortcode-malformed: shortcode "youtube" is malformed: not closed with >}} in the same paragraph`},
		},
		{
			name: "mismatched delimiters", src: "{{< youtube dQw4w9WgXcQ %}}",
			want:     "{{\\< youtube dQw4w9WgXcQ %}}",
			problems: []string{`1:1 shortcode-malformed: shortcode "youtube" is malformed: opened with {{< but closed with %}}`},
		},
		{
			name: "percent keeps text", src: "{{% x \"a %}}",
			want:     "{{% x \"a %}}",
			problems: []string{`1:1 shortcode-malformed: shortcode "x" is malformed: the value that starts with " is not closed in the same paragraph`},
		},
		{
			name: "bad name", src: "{{< -x >}}",
			want:     "{{\\< -x >}}",
			problems: []string{`1:1 shortcode-malformed: malformed shortcode: a shortcode name must follow {{<`},
		},
		{
			name: "closing with arguments", src: "{{< /details x >}}",
			want:     "{{\\< /details x >}}",
			problems: []string{`1:1 shortcode-malformed: shortcode "details" is malformed: a closing shortcode takes no arguments`},
		},
		{
			name: "key without value", src: "{{< youtube id= >}}",
			want:     "{{\\< youtube id= >}}",
			problems: []string{`1:1 shortcode-malformed: shortcode "youtube" is malformed: id= has no value`},
		},
		{
			name: "nested opener", src: "{{< x {{< youtube dQw4w9WgXcQ >}}",
			want: "{{\\< x «0»", blocks: []string{ytHTML},
			problems: []string{`1:1 shortcode-malformed: shortcode "x" is malformed: unexpected "{"`},
		},
		{
			name: "unclosed details", src: "a\n{{< details summary=\"S\" >}}\nb\n",
			want:     "a\n\nb\n",
			problems: []string{`2:1 shortcode-unclosed: shortcode "details" is not closed`},
		},
		{
			name: "closer without opener", src: "a\n\n{{% /details %}}\n",
			want:     "a\n\n\n",
			problems: []string{`3:1 shortcode-unopened: closing shortcode "/details" has no opening one`},
		},
		{
			name: "closing a standalone", src: "{{< youtube dQw4w9WgXcQ >}}x\n{{< /youtube >}}",
			want: "«0»x\n", blocks: []string{ytHTML},
			problems: []string{`2:1 shortcode-unopened: shortcode "youtube" takes no closing tag`},
		},
		{
			name: "details closed inside an unknown", src: "{{% note %}}\n{{< details >}}\n{{% /note %}}\n{{< /details >}}",
			want: "\n\n\n",
			problems: []string{
				`1:1 shortcode-unknown: shortcode "note" is not one digest knows`,
				`2:1 shortcode-unclosed: shortcode "details" is not closed`,
				`4:1 shortcode-unopened: closing shortcode "/details" has no opening one`,
			},
		},
		{
			name: "stray highlight closer", src: "x\n{{< /highlight >}}",
			want: "x\n", problems: []string{`2:1 shortcode-unopened: closing shortcode "/highlight" has no opening one`},
		},
	})
}

func TestProblemsAreCapped(t *testing.T) {
	src := strings.Repeat("{{< nope >}}\n", 250)
	_, _, problems := expand(t, src)
	if len(problems) != maxProblems+1 {
		t.Fatalf("%d problems, want %d", len(problems), maxProblems+1)
	}
	last := problems[maxProblems]
	if last.Code != "shortcode-limit" || last.Message != "150 more shortcode problems are not shown" || last.Line != 101 {
		t.Errorf("last problem = %+v", last)
	}
}

func TestFastPath(t *testing.T) {
	src := []byte("# Title\n\nNo shortcodes { here }, {{ not }} one.\n")
	out, blocks, problems := Expand(src)
	if &out[0] != &src[0] || blocks != nil || problems != nil {
		t.Errorf("Expand without shortcodes did not return src unchanged: %q %v %v", out, blocks, problems)
	}
	if n := testing.AllocsPerRun(100, func() { Expand(src) }); n != 0 {
		t.Errorf("Expand without shortcodes allocates %v times", n)
	}
	// A body whose delimiters are all in code is returned as it is too.
	code := []byte("`{{< x >}}`\n")
	if out, blocks, _ := Expand(code); &out[0] != &code[0] || blocks != nil {
		t.Errorf("Expand with shortcodes only in code copied the body")
	}
}

func TestTokenAvoidsText(t *testing.T) {
	// The body already holds the first token prefixes, whole or once the
	// unknown shortcode is removed: the nonce must skip them.
	src := "Scdgst0k0z Scdg{{< nope >}}st1k and Scdgst2 Scdgst02k {{< youtube dQw4w9WgXcQ >}}"
	out, blocks, _ := expand(t, src)
	if blocks[0].Token != "Scdgst2k0z" {
		t.Errorf("token = %q, want Scdgst2k0z in %q", blocks[0].Token, out)
	}
	if got := tokenPrefix([]byte("no prefix")); got != "Scdgst0k" {
		t.Errorf("tokenPrefix = %q", got)
	}
}
