package shortcode

import (
	"bytes"
	"math/rand/v2"
	"strings"
	"testing"
	"time"
)

// hostileBodies are bodies of about n bytes built to make a naive parser
// quadratic: unclosed delimiters, quotes and code spans that send searches
// to the end, deep nesting, closers that match nothing.
func hostileBodies(n int) map[string]string {
	rep := func(s string) string { return strings.Repeat(s, n/len(s)+1)[:n] }
	twice := func(a, b string) string { return rep(a)[:n/2] + rep(b)[:n/2] }
	var runs strings.Builder // backtick runs of every length, each unmatched
	for k := 1; runs.Len() < n; k++ {
		runs.WriteString(strings.Repeat("`", k) + " {{< youtube x >}} ")
	}
	rng := rand.New(rand.NewPCG(1, 2))
	frags := []string{"{{<", "{{%", ">}}", "%}}", "/>}}", "{{</*", "*/>}}", "\"", "`", "``", "\\", "=", " ", "\n", "\n\n",
		"details", "/details", "highlight", "/highlight", "youtube x", "a=", "```\n", "{{", "}}", "<", ">", "/", "*"}
	var mix strings.Builder
	for mix.Len() < n {
		mix.WriteString(frags[rng.IntN(len(frags))])
	}
	return map[string]string{
		"openers":             rep("{{<"),
		"percent openers":     rep("{{%"),
		"unclosed quotes":     rep(`{{< a "`),
		"unclosed backticks":  rep("{{< a `"),
		"escaped quotes":      rep(`{{< a "\"`),
		"alternating quotes":  rep("{{< a \"{{< b `{{< c \""),
		"unclosed escapes":    rep("{{</*"),
		"escapes in code":     rep("`{{</* "),
		"keys":                rep("{{< x a="),
		"unclosed details":    rep("{{< details >}}"),
		"unopened closers":    rep("{{< /details >}}"),
		"open then close":     twice("{{< details >}}", "{{< /nope >}}"),
		"unknown pairs":       twice("{{% nope %}}", "{{% /nope %}}"),
		"unknown standalone":  rep("{{% x %}}"),
		"unclosed highlights": rep("{{< highlight >}}"),
		"highlights one line": rep("{{<highlight>}}x{{</highlight>}}"),
		"highlight lines":     rep("{{< highlight >}}\nx\n{{< /highlight >}}\n"),
		"fences":              rep("```\n{{< x >}}\n"),
		"multi-line tags":     rep("{{< youtube\n"),
		"backtick runs":       runs.String()[:n],
		"escaped backticks":   rep("\\` {{< a >}} "),
		"random":              mix.String()[:n],
	}
}

// TestExpandLinear counts Expand's steps on hostile bodies, without its
// budget: the work per byte must not grow with the body.
func TestExpandLinear(t *testing.T) {
	small, large := hostileBodies(1<<14), hostileBodies(1<<18)
	for name, body := range large {
		perByte := func(src string) float64 {
			e := newExpander([]byte(src))
			e.budget = 1 << 62
			e.scan()
			e.match()
			e.assemble()
			return float64(e.steps) / float64(len(src))
		}
		s, l := perByte(small[name]), perByte(body)
		if l > 8 || l > 1.5*s+0.5 {
			t.Errorf("%s: %.2f steps per byte at 256 kB, %.2f at 16 kB", name, l, s)
		}
	}
}

// TestExpandHostileTime runs Expand and Substitute on each 1 MB hostile
// body with a generous bound, which also covers work the steps miss.
func TestExpandHostileTime(t *testing.T) {
	for name, body := range hostileBodies(1 << 20) {
		start := time.Now()
		out, blocks, problems := Expand([]byte(body))
		if bytes.Count(out, []byte("\n")) != strings.Count(body, "\n") {
			t.Errorf("%s: lines changed", name)
		}
		doc := blocks.Substitute(append(append([]byte("<p>"), out...), "</p>"...))
		if d := time.Since(start); d > 2*time.Second {
			t.Errorf("%s: Expand and Substitute took %v", name, d)
		}
		for _, p := range problems {
			if p.Code == "shortcode-limit" && !strings.Contains(p.Message, "more shortcode problems") {
				t.Errorf("%s: the step budget ran out: %v", name, p)
			}
		}
		if len(doc) > 8*len(body)+1<<16 {
			t.Errorf("%s: %d bytes of HTML for %d of Markdown", name, len(doc), len(body))
		}
	}
}

func TestBudgetStopsExpansion(t *testing.T) {
	// The budget runs out inside a paragraph, or between blocks.
	for _, body := range []string{
		strings.Repeat("{{< youtube dQw4w9WgXcQ >}}\n", 100),
		strings.Repeat("```\nx\n```\n\n", 100) + "{{< youtube dQw4w9WgXcQ >}}\n",
	} {
		src := []byte(body)
		e := newExpander(src)
		e.budget = 200
		e.scan()
		e.match()
		out, _ := e.assemble()
		if len(e.problems) != 1 || e.problems[0].Code != "shortcode-limit" || e.problems[0].Line < 2 {
			t.Fatalf("problems %v, want one shortcode-limit past line 1", e.problems)
		}
		if bytes.Count(out, []byte("\n")) != bytes.Count(src, []byte("\n")) {
			t.Error("lines changed")
		}
		if !bytes.HasSuffix(out, []byte("{{< youtube dQw4w9WgXcQ >}}\n")) {
			t.Error("the rest of the body is not left as written")
		}
	}
}
