package markdown

import (
	"digest/internal/siteurl"
	"reflect"
	"slices"
	"strings"
	"testing"
)

func convert(t *testing.T, opts Options, src string) Result {
	t.Helper()
	res, err := New(opts).Convert([]byte(src))
	if err != nil {
		t.Fatalf("Convert(%q): %v", src, err)
	}
	return res
}

func mustContain(t *testing.T, html string, wants ...string) {
	t.Helper()
	for _, w := range wants {
		if !strings.Contains(string(html), w) {
			t.Errorf("HTML lacks %q:\n%s", w, html)
		}
	}
}

func mustNotContain(t *testing.T, html string, bads ...string) {
	t.Helper()
	for _, b := range bads {
		if strings.Contains(strings.ToLower(string(html)), strings.ToLower(b)) {
			t.Errorf("HTML contains %q:\n%s", b, html)
		}
	}
}

// noticeLines returns the lines of the notices with code, in order.
func noticeLines(res Result, code string) []int {
	var lines []int
	for _, n := range res.Notices {
		if n.Code == code {
			lines = append(lines, n.Line)
		}
	}
	return lines
}

func TestGFMExtensionsRender(t *testing.T) {
	src := "| a | b |\n|---|---|\n| 1 | 2 |\n\n" +
		"~~gone~~ and https://x.org/y and www.example.com\n\n" +
		"- [x] done\n- [ ] todo\n\n" +
		"Note[^1].\n\n[^1]: The note.\n"
	res := convert(t, Options{}, src)
	mustContain(t, htmlOf(t, res),
		"<table>", "<th>a</th>", "<th>b</th>", "<td>1</td>", "<td>2</td>",
		"<del>gone</del>",
		`<a href="https://x.org/y">https://x.org/y</a>`,
		`<a href="http://www.example.com">www.example.com</a>`,
		`<input checked="" disabled="" type="checkbox"> done`,
		`<input disabled="" type="checkbox"> todo`,
		`href="#fn:1"`, `class="footnote-ref"`, `<li id="fn:1">`, "The note.",
	)
	if len(res.Notices) != 0 {
		t.Errorf("notices for plain GFM: %+v", res.Notices)
	}
}

func TestTypographerWritesCharactersNotEntities(t *testing.T) {
	res := convert(t, Options{}, "\"Quoted\" it's -- and --- wait...\n")
	mustContain(t, htmlOf(t, res), "<p>“Quoted” it’s – and — wait…</p>")
	mustNotContain(t, htmlOf(t, res), "&ldquo;", "&rdquo;", "&rsquo;", "&ndash;", "&mdash;", "&hellip;", "&#8", "&quot;")
}

func TestHeadingsGetIDs(t *testing.T) {
	res := convert(t, Options{}, "# Hello World\n\n## Second\n\n## Second\n")
	mustContain(t, htmlOf(t, res), `<h1 id="hello-world">Hello World</h1>`, `<h2 id="second">Second</h2>`,
		`<h2 id="second-1">Second</h2>`)
}

func TestRawHTMLEscapedByDefault(t *testing.T) {
	src := "Intro.\n\nHi <script>alert(1)</script> there\n\n<script>\nalert(2)\n</script>\n"
	res := convert(t, Options{}, src)
	mustContain(t, htmlOf(t, res), "Hi &lt;script&gt;alert(1)&lt;/script&gt; there", "&lt;script&gt;\nalert(2)\n&lt;/script&gt;")
	mustNotContain(t, htmlOf(t, res), "<script")
	lines := noticeLines(res, "raw-html")
	if !slices.Contains(lines, 3) || !slices.Contains(lines, 5) {
		t.Errorf("raw-html notices on lines %v, want lines 3 (inline) and 5 (block)", lines)
	}
	for _, l := range lines {
		if l != 3 && l != 5 {
			t.Errorf("raw-html notice on line %d, where there is no HTML", l)
		}
	}
}

func TestRawHTMLPassesWhenUnsafe(t *testing.T) {
	src := "Hi <script>alert(1)</script> there\n\n<script>\nalert(2)\n</script>\n"
	res := convert(t, Options{UnsafeHTML: true}, src)
	mustContain(t, htmlOf(t, res), "Hi <script>alert(1)</script> there", "<script>\nalert(2)\n</script>")
	mustNotContain(t, htmlOf(t, res), "&lt;script")
}

func TestDangerousURLsRemovedInBothModes(t *testing.T) {
	cases := []struct {
		name, src, text string
	}{
		{"link", "Intro.\n\n[x](javascript:alert(1))\n", "<p>x</p>"},
		{"upper-case", "Intro.\n\n[x](JAVASCRIPT:alert(1))\n", "<p>x</p>"},
		{"image", "Intro.\n\n![i](vbscript:x)\n", "<p>i</p>"},
		{"autolink", "Intro.\n\n<javascript:alert(1)>\n", "<p>javascript:alert(1)</p>"},
		{"file", "Intro.\n\n[x](file:///etc/passwd)\n", "<p>x</p>"},
	}
	for _, unsafe := range []bool{false, true} {
		for _, c := range cases {
			res := convert(t, Options{UnsafeHTML: unsafe}, c.src)
			mustContain(t, htmlOf(t, res), c.text)
			mustNotContain(t, htmlOf(t, res), "<a ", "<img", "href=", "src=")
			if lines := noticeLines(res, "unsafe-url"); !reflect.DeepEqual(lines, []int{3}) {
				t.Errorf("%s (unsafe=%v): unsafe-url notices on lines %v, want [3]", c.name, unsafe, lines)
			}
			for _, l := range res.Links {
				t.Errorf("%s (unsafe=%v): removed link still reported: %+v", c.name, unsafe, l)
			}
		}
	}
}

func TestSafeURLsKept(t *testing.T) {
	res := convert(t, Options{}, "[a](https://e.org/x) ![p](data:image/png;base64,AAAA) [m](mailto:a@b.org)\n")
	mustContain(t, htmlOf(t, res), `href="https://e.org/x"`, `src="data:image/png;base64,AAAA"`, `href="mailto:a@b.org"`)
	if len(res.Notices) != 0 {
		t.Errorf("notices for safe URLs: %+v", res.Notices)
	}
}

func TestBasePath(t *testing.T) {
	src := "[a](/topics/x/) ![i](/img/a.png) [b](//cdn.example/x) [c](https://x) [d](#frag) [e](../rel)\n"
	res := convert(t, Options{Base: siteurl.New("https://example.org/repo/")}, src)
	mustContain(t, htmlOf(t, res), `href="/repo/topics/x/"`, `src="/repo/img/a.png"`, `href="//cdn.example/x"`,
		`href="https://x"`, `href="#frag"`, `href="../rel"`)
	var dests []string
	for _, l := range res.Links {
		dests = append(dests, l.Dest)
	}
	want := []string{"/repo/topics/x/", "/repo/img/a.png", "//cdn.example/x", "https://x", "#frag", "../rel"}
	if !reflect.DeepEqual(dests, want) {
		t.Errorf("Links dests = %q, want %q", dests, want)
	}
	for _, bp := range []string{"", "/", "https://example.org/"} {
		res := convert(t, Options{Base: siteurl.New(bp)}, src)
		mustContain(t, htmlOf(t, res), `href="/topics/x/"`, `src="/img/a.png"`)
	}
}

func TestLinksWithLines(t *testing.T) {
	src := "\n\n\n\n\n[first](https://e.org/a) text\n\n" +
		"Para line one\nand ![Alt *text*](/img/b.png) on line nine\n\n" +
		"- item [third](/x/)\n"
	res := convert(t, Options{}, src)
	want := []Link{
		{Dest: "https://e.org/a", Line: 6},
		{Dest: "/img/b.png", Line: 9, Image: true, Alt: "Alt text"},
		{Dest: "/x/", Line: 11},
	}
	if !reflect.DeepEqual(res.Links, want) {
		t.Errorf("Links =\n%+v\nwant\n%+v", res.Links, want)
	}
}

func TestFirstParagraph(t *testing.T) {
	cases := []struct{ src, want string }{
		{"# Title\n\n> quoted para\n\nReal \"first\" -- it's *here*\nand [there](/x).\n\nSecond.\n",
			"Real “first” – it’s here and there."},
		{"A `code span` and **bold**.\n", "A code span and bold."},
		{"- only a list\n", ""},
	}
	for _, c := range cases {
		if got := convert(t, Options{}, c.src).FirstParagraph; got != c.want {
			t.Errorf("FirstParagraph(%q) = %q, want %q", c.src, got, c.want)
		}
	}
}

func TestWords(t *testing.T) {
	cases := []struct {
		src  string
		want int
	}{
		{"One two three\n\nFour *five* six\n", 6},
		{"# Heading words\n\n- one\n- two three\n", 5},
		{"", 0},
	}
	for _, c := range cases {
		if got := convert(t, Options{}, c.src).Words; got != c.want {
			t.Errorf("Words(%q) = %d, want %d", c.src, got, c.want)
		}
	}
}

func TestTypography(t *testing.T) {
	cases := map[string]string{
		"Russia's":           "Russia’s",
		`"quoted"`:           "“quoted”",
		"'90s":               "’90s",
		"a -- b":             "a – b",
		"a --- b":            "a — b",
		"wait...":            "wait…",
		"2025. A year":       "2025. A year",
		"He said 'hi'":       "He said ‘hi’",
		"1990-2000":          "1990-2000",
		"plain":              "plain",
		`("inner") 'x'`:      "(“inner”) ‘x’",
		"Ukraine's \"deal\"": "Ukraine’s “deal”",
	}
	for in, want := range cases {
		if got := Typography(in); got != want {
			t.Errorf("Typography(%q) = %q, want %q", in, got, want)
		}
	}
}

// htmlOf returns the HTML of a conversion.
func htmlOf(t *testing.T, res Result) string {
	t.Helper()
	s, err := res.HTML.Read()
	if err != nil {
		t.Fatal(err)
	}
	return s
}
