package markdown

import (
	"sort"
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

// timeConvert returns how long one conversion of small and one of large
// take, the fastest of three runs each. large is 8 times small, so small is
// timed over 8 conversions in a row: both measurements then span about the
// same time and a burst of load from other processes (this test shares two
// cores with other builds) slows them alike rather than skewing the ratio.
func timeConvert(t *testing.T, c *Converter, small, large []byte) (time.Duration, time.Duration) {
	t.Helper()
	run := func(src []byte, times int) time.Duration {
		start := time.Now()
		for range times {
			if _, err := c.Convert(src); err != nil {
				t.Fatalf("Convert: %v", err)
			}
		}
		return time.Since(start) / time.Duration(times)
	}
	bestSmall, bestLarge := time.Duration(1<<62), time.Duration(1<<62)
	for range 3 {
		bestSmall = min(bestSmall, run(small, 8))
		bestLarge = min(bestLarge, run(large, 1))
	}
	return bestSmall, bestLarge
}

// TestGuardKeepsConversionLinear converts each pathological shape at n and
// 8n bytes. Linear work takes about 8 times as long; the quadratic work the
// guard exists to prevent would take about 64 times as long.
func TestGuardKeepsConversionLinear(t *testing.T) {
	const (
		maxRatio = 24.0
		maxTime  = 2 * time.Second
		attempts = 3 // a slow measurement is retried; quadratic cost never passes
	)
	small, large := 40_000, 320_000
	if testing.Short() {
		small, large = 20_000, 160_000
	}
	names := make([]string, 0, len(pathological))
	for name := range pathological {
		names = append(names, name)
	}
	sort.Strings(names)
	c := New(Options{})
	for _, name := range names {
		gen := pathological[name]
		t.Run(name, func(t *testing.T) {
			srcSmall, srcLarge := []byte(gen(small)), []byte(gen(large))
			var tSmall, tLarge time.Duration
			var ratio float64
			for range attempts {
				tSmall, tLarge = timeConvert(t, c, srcSmall, srcLarge)
				ratio = float64(tLarge) / float64(max(tSmall, time.Microsecond))
				if ratio < maxRatio {
					break
				}
			}
			if tLarge > maxTime {
				t.Errorf("%s: converting %d bytes took %v, more than %v", name, len(srcLarge), tLarge, maxTime)
			}
			if ratio >= maxRatio {
				t.Errorf("%s: superlinear conversion: %v for n=%d (%d bytes), %v for 8n=%d (%d bytes): %.1f× for 8× the input, limit %.0f× (quadratic would be about 64×)",
					name, tSmall, small, len(srcSmall), tLarge, large, len(srcLarge), ratio, maxRatio)
			}
			t.Logf("%s: %v at n=%d, %v at 8n: %.1f×", name, tSmall, small, tLarge, ratio)
		})
	}
}
