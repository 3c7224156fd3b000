package render_test

import (
	"math"
	"os"
	"regexp"
	"strconv"
	"strings"
	"testing"
)

// TestBadgeContrast reads the theme's colours for badges, in the light and
// the dark scheme, and checks WCAG's contrast of at least 4.5:1 between
// the badge's text and its background (axe's color-contrast rule).
func TestBadgeContrast(t *testing.T) {
	css, err := os.ReadFile("../../static/style.css")
	if err != nil {
		t.Fatal(err)
	}
	light, dark, ok := strings.Cut(string(css), "@media (prefers-color-scheme: dark)")
	if !ok {
		t.Fatal("no dark scheme in style.css")
	}
	for scheme, block := range map[string]string{"light": light, "dark": dark} {
		fg, bg := cssVar(t, block, "--mark-fg"), cssVar(t, block, "--mark")
		if c := contrast(fg, bg); c < 4.5 {
			t.Errorf("%s scheme: badge text %s on %s has contrast %.2f:1, under 4.5:1", scheme, fg, bg, c)
		}
	}
}

// cssVar returns the first value of a custom property in css.
func cssVar(t *testing.T, css, name string) string {
	m := regexp.MustCompile(regexp.QuoteMeta(name) + `:\s*(#[0-9a-fA-F]{6})\s*;`).FindStringSubmatch(css)
	if m == nil {
		t.Fatalf("no %s in the scheme", name)
	}
	return m[1]
}

// contrast is WCAG 2's contrast ratio of two #rrggbb colours.
func contrast(a, b string) float64 {
	la, lb := luminance(a), luminance(b)
	return (math.Max(la, lb) + 0.05) / (math.Min(la, lb) + 0.05)
}

func luminance(hex string) float64 {
	var l float64
	for i, w := range []float64{0.2126, 0.7152, 0.0722} {
		v, _ := strconv.ParseUint(hex[1+2*i:3+2*i], 16, 8)
		c := float64(v) / 255
		if c <= 0.03928 {
			c /= 12.92
		} else {
			c = math.Pow((c+0.055)/1.055, 2.4)
		}
		l += w * c
	}
	return l
}
