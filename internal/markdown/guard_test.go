package markdown

import (
	"bytes"
	"sort"
	"strings"
	"testing"
)

// article is ordinary Markdown that the guard must not touch.
const article = `# Putin and Trump meet in Alaska

The leaders met on **Friday** at a base near [Anchorage](https://example.org/anchorage).
Talks lasted "three hours" -- longer than planned.

## What was discussed

- Ceasefire
  - Lines of contact
    - Zaporizhzhia region
    - Donetsk region
  - Prisoner exchanges
- Sanctions

1. First point
2. Second point
   1. Sub point

> A quote from the press conference.
>
> > A nested reply.

` + "```go" + `
func main() {
	fmt.Println("> not a quote")
}
` + "```" + `

| Side   | Delegates |
|--------|----------:|
| Russia |         5 |
| USA    |         6 |

***

Escaped \[brackets\] and a footnote[^1].

[^1]: The footnote.
`

func TestGuardLeavesArticleAlone(t *testing.T) {
	out, findings := Guard([]byte(article))
	if !bytes.Equal(out, []byte(article)) {
		t.Errorf("Guard changed an ordinary article:\n%s", out)
	}
	if len(findings) != 0 {
		t.Errorf("findings for an ordinary article: %+v", findings)
	}
	res, err := New(Options{}).Convert([]byte(article))
	if err != nil {
		t.Fatal(err)
	}
	for _, n := range res.Notices {
		t.Errorf("notice for an ordinary article: %+v", n)
	}
}

func TestGuardKeepsLineCount(t *testing.T) {
	inputs := map[string]string{"article": article}
	for name, gen := range pathological {
		inputs[name] = gen(20000)
	}
	inputs["deep-quote-in-para"] = "a\nb\n" + strings.Repeat("> ", 50) + "x\nc\n"
	inputs["no-final-newline"] = strings.Repeat(">", 50) + " x"
	inputs["wide-indent"] = "- a\n" + strings.Repeat(" ", 300) + "- b\n"
	names := make([]string, 0, len(inputs))
	for name := range inputs {
		names = append(names, name)
	}
	sort.Strings(names)
	for _, name := range names {
		src := []byte(inputs[name])
		out, _ := Guard(src)
		if got, want := bytes.Count(out, []byte{'\n'}), bytes.Count(src, []byte{'\n'}); got != want {
			t.Errorf("%s: Guard turned %d lines into %d", name, want, got)
		}
		if src[len(src)-1] != '\n' && out[len(out)-1] == '\n' {
			t.Errorf("%s: Guard added a final newline", name)
		}
	}
}

func TestGuardCutsDeepNesting(t *testing.T) {
	src := "para\n\n" + strings.Repeat(">", 40) + " x\n\nafter\n"
	out, findings := Guard([]byte(src))
	if len(findings) != 1 || findings[0].Line != 3 {
		t.Fatalf("findings = %+v, want one on line 3", findings)
	}
	if !strings.Contains(findings[0].Message, "32") {
		t.Errorf("finding message %q does not name the limit", findings[0].Message)
	}
	want := "para\n\n" + strings.Repeat(">", MaxNesting) + `\` + strings.Repeat(">", 40-MaxNesting) + " x\n\nafter\n"
	if string(out) != want {
		t.Errorf("Guard = %q\nwant    %q", out, want)
	}
	res, err := New(Options{}).Convert([]byte(src))
	if err != nil {
		t.Fatal(err)
	}
	if n := strings.Count(htmlOf(t, res), "<blockquote>"); n != MaxNesting {
		t.Errorf("%d nested block quotes rendered, want %d", n, MaxNesting)
	}
	if len(res.Notices) != 1 || res.Notices[0].Code != "markdown-limit" || res.Notices[0].Line != 3 {
		t.Errorf("notices = %+v, want one markdown-limit on line 3", res.Notices)
	}
}

func TestGuardCutsNestedListsAndIndentation(t *testing.T) {
	src := "x\n\n" + strings.Repeat("- ", 40) + "y\n"
	_, findings := Guard([]byte(src))
	if len(findings) != 1 || findings[0].Line != 3 {
		t.Errorf("nested list markers: findings = %+v, want one on line 3", findings)
	}
	src = "- a\n" + strings.Repeat(" ", 200) + "- b\n"
	out, findings := Guard([]byte(src))
	if len(findings) != 1 || findings[0].Line != 2 {
		t.Errorf("deep indentation: findings = %+v, want one on line 2", findings)
	}
	if want := "- a\n" + strings.Repeat(" ", MaxPrefixWidth) + "- b\n"; string(out) != want {
		t.Errorf("deep indentation: Guard = %q, want %d spaces kept", out, MaxPrefixWidth)
	}
}

func TestGuardEscapesWideTable(t *testing.T) {
	header := "|" + strings.Repeat(" a |", 200) + "\n"
	delim := "|" + strings.Repeat("---|", 200) + "\n"
	src := header + delim + "| x |\n"
	out, findings := Guard([]byte(src))
	if len(findings) != 1 || findings[0].Line != 2 {
		t.Fatalf("findings = %+v, want one on line 2", findings)
	}
	if want := header + `\` + delim + "| x |\n"; string(out) != want {
		t.Errorf("delimiter row not escaped:\n%q", out[:min(len(out), 80)])
	}
	res, err := New(Options{}).Convert([]byte(src))
	if err != nil {
		t.Fatal(err)
	}
	if strings.Contains(htmlOf(t, res), "<table") {
		t.Errorf("a 200-column table was rendered as a table")
	}
	// A table within the limit is untouched.
	ok := "|" + strings.Repeat(" a |", 100) + "\n|" + strings.Repeat("---|", 100) + "\n"
	if out, findings := Guard([]byte(ok)); string(out) != ok || len(findings) != 0 {
		t.Errorf("100-column table changed: %+v", findings)
	}
}

func TestGuardLeavesFencedCodeAlone(t *testing.T) {
	for _, fence := range []string{"```", "~~~", "````"} {
		src := "Intro\n\n" + fence + "text\n" + strings.Repeat(">", 100) + " x\n" +
			strings.Repeat("[", 100) + "\n|" + strings.Repeat("-|", 300) + "\n" + fence + "\n"
		out, findings := Guard([]byte(src))
		if string(out) != src || len(findings) != 0 {
			t.Errorf("%s fence: code changed (findings %+v)", fence, findings)
		}
	}
	// After the fence closes, guarding resumes.
	src := "```\ncode\n```\n" + strings.Repeat(">", 100) + " x\n"
	if _, findings := Guard([]byte(src)); len(findings) != 1 || findings[0].Line != 4 {
		t.Errorf("after fence: findings = %+v, want one on line 4", findings)
	}
}

func TestGuardKeepsBackslashEscapes(t *testing.T) {
	src := "Use \\[brackets\\] and \\\\ and [a link](/x) here\n"
	if out, findings := Guard([]byte(src)); string(out) != src || len(findings) != 0 {
		t.Errorf("Guard(%q) = %q, %+v", src, out, findings)
	}
	// On a line the guard does change, escapes stay exactly as written.
	src = `a \[ b ` + strings.Repeat("[", 40) + "x" + strings.Repeat("]", 40) + " \\] c\n"
	out, findings := Guard([]byte(src))
	if len(findings) != 1 {
		t.Fatalf("findings = %+v, want one", findings)
	}
	want := `a \[ b ` + strings.Repeat("[", MaxBracketDepth) + strings.Repeat(`\[`, 40-MaxBracketDepth) +
		"x" + strings.Repeat("]", 40) + " \\] c\n"
	if string(out) != want {
		t.Errorf("Guard =\n%q\nwant\n%q", out, want)
	}
}

func TestGuardBoundsLinkOpenersAndDefinitions(t *testing.T) {
	src := strings.Repeat("[a](", MaxLinkOpeners+10) + "\n"
	if _, findings := Guard([]byte(src)); len(findings) != 1 || findings[0].Line != 1 {
		t.Errorf("unclosed links: findings = %+v, want one on line 1", findings)
	}
	src = "x\n\n" + strings.Repeat("[a]: /b\n", MaxDefinitionRun+3)
	_, findings := Guard([]byte(src))
	if len(findings) != 3 || findings[0].Line != 3+MaxDefinitionRun {
		t.Errorf("definitions: findings = %+v, want 3 starting on line %d", findings, 3+MaxDefinitionRun)
	}
}
