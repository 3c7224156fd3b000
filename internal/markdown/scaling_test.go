package markdown

import (
	"strings"
	"testing"
	"time"
)

// pathological returns Markdown of about n bytes in each shape known to
// make goldmark slower than linear, or to amplify its output.
var pathological = map[string]func(n int) string{
	"nested-quotes":        func(n int) string { return strings.Repeat(">", n) + " x\n" },
	"nested-quotes-spaced": func(n int) string { return strings.Repeat("> ", n/2) + "x\n" },
	"nested-lists-inline":  func(n int) string { return strings.Repeat("- ", n/2) + "x\n" },
	"quote-list-mix":       func(n int) string { return strings.Repeat("> - ", n/4) + "x\n" },
	"nested-lists-indent": func(n int) string {
		var b strings.Builder
		for i := 0; b.Len() < n; i++ {
			b.WriteString(strings.Repeat("  ", i) + "- x\n")
		}
		return b.String()
	},
	"quote-indent-lists": func(n int) string {
		var b strings.Builder
		for i := 0; b.Len() < n; i++ {
			b.WriteString(">" + strings.Repeat("  ", i) + "- x\n")
		}
		return b.String()
	},
	"unclosed-links":     func(n int) string { return strings.Repeat("[a](", n/4) + "\n" },
	"unclosed-links-ml":  func(n int) string { return strings.Repeat("[a](\n", n/5) },
	"nested-brackets":    func(n int) string { return strings.Repeat("[", n/2) + "x" + strings.Repeat("]", n/2) },
	"emphasis-runs":      func(n int) string { return strings.Repeat("*", n) + "x\n" },
	"emphasis-alternate": func(n int) string { return strings.Repeat("*_", n/2) + "x\n" },
	"wide-table": func(n int) string {
		k := isqrt(n)
		return "|" + strings.Repeat("a|", k) + "\n|" + strings.Repeat("-|", k) + "\n" + strings.Repeat("|x\n", k)
	},
	"reference-defs":  func(n int) string { return strings.Repeat("[a]: b\n", n/14) + strings.Repeat("[a] ", n/8) },
	"html-tags":       func(n int) string { return strings.Repeat("<a ", n/3) + "\n" },
	"footnote-refs":   func(n int) string { return strings.Repeat("[^a]", n/4) + "\n\n[^a]: x\n" },
	"images-unclosed": func(n int) string { return strings.Repeat("![a](", n/5) + "\n" },
	"backticks":       func(n int) string { return strings.Repeat("`", n/2) + "x" + strings.Repeat("`a", n/4) },
}

func isqrt(n int) int {
	k := 1
	for k*k < n {
		k++
	}
	return k
}

func timeConvert(c *Converter, src []byte) time.Duration {
	best := time.Duration(1 << 62)
	for range 3 {
		t := time.Now()
		if _, err := c.Convert(src); err != nil {
			panic(err)
		}
		best = min(best, time.Since(t))
	}
	return best
}

func TestScalingPrint(t *testing.T) {
	c := New(Options{})
	for name, gen := range pathological {
		var row []string
		for _, n := range []int{20000, 40000, 80000, 160000, 320000} {
			d := timeConvert(c, []byte(gen(n)))
			row = append(row, d.Round(10*time.Microsecond).String())
		}
		t.Logf("%-22s %v", name, row)
	}
}
