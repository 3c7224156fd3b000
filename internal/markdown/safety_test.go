package markdown

import (
	"strings"
	"testing"
)

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
