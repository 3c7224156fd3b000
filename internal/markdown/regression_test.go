package markdown

import (
	"strings"
	"testing"
)

// Regressions for bugs found in review; each test failed before its fix.

func TestEncodedDangerousURLsRemoved(t *testing.T) {
	for _, unsafe := range []bool{false, true} {
		c := New(Options{UnsafeHTML: unsafe})
		for _, src := range []string{"[x](&#106;avascript:alert(1))", "[x](&#x6A;avascript:alert(1))", "[x](java&#115;cript:alert(1))",
			"[x](javascript&colon;alert(1))"} {
			res, err := c.Convert([]byte(src))
			if err != nil {
				t.Fatal(err)
			}
			if strings.Contains(strings.ToLower(htmlOf(t, res)), "javascript") || len(res.Notices) != 1 || res.Notices[0].Code != "unsafe-url" {
				t.Errorf("unsafe=%v %s: %s %v", unsafe, src, htmlOf(t, res), res.Notices)
			}
		}
	}
}

func TestRawHTMLNoticeOnlyWhenEscaped(t *testing.T) {
	res, _ := New(Options{UnsafeHTML: true}).Convert([]byte("Hi <b>x</b>\n"))
	if len(res.Notices) != 0 {
		t.Errorf("unsafe mode: %v", res.Notices)
	}
	res, _ = New(Options{}).Convert([]byte("Hi <b>x</b>\n"))
	if len(res.Notices) != 1 {
		t.Errorf("one element on one line gives %d notices", len(res.Notices))
	}
}

func TestBareURLsAndWords(t *testing.T) {
	res, _ := New(Options{}).Convert([]byte("See https://example.org now. Russia's well-known summit.\n"))
	if res.FirstParagraph != "See https://example.org now. Russia’s well-known summit." {
		t.Errorf("first paragraph %q", res.FirstParagraph)
	}
	if len(res.Links) != 1 || res.Links[0].Dest != "https://example.org" {
		t.Errorf("links %v", res.Links)
	}
	if res.Words != 6 {
		t.Errorf("%d words, want 6", res.Words)
	}
}

func TestIndentedFenceDoesNotClose(t *testing.T) {
	src := "```\n    ```\n" + strings.Repeat("[", 40) + "\n```\n"
	out, findings := Guard([]byte(src))
	if string(out) != src || len(findings) != 0 {
		t.Errorf("code inside the fence was changed: %q %v", out, findings)
	}
}

func TestHeadingIDsKeepScripts(t *testing.T) {
	res, _ := New(Options{}).Convert([]byte("# Переговори у Києві\n\n# Переговори у Києві\n\n# !!!\n"))
	for _, want := range []string{`id="переговори-у-києві"`, `id="переговори-у-києві-1"`, `id="section"`} {
		if !strings.Contains(htmlOf(t, res), want) {
			t.Errorf("no %s in %s", want, htmlOf(t, res))
		}
	}
}
