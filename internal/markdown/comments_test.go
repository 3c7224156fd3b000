package markdown

import (
	"strings"
	"testing"
)

// TestCommentsNeverShow: an editor's HTML comments, alone in a block, in
// a paragraph, or beside other raw HTML, show in no output, whether raw
// HTML is let through or escaped; each is listed with its line.
func TestCommentsNeverShow(t *testing.T) {
	src := "First paragraph.\n\n<!-- editor's note: the source asked not to be named -->\n\n" +
		"Text with an <!-- inline note --> inside.\n\n<!--\nmulti\nline\n-->\n\n<div>kept</div><!-- after -->\n"
	for _, unsafe := range []bool{false, true} {
		res := convert(t, Options{UnsafeHTML: unsafe}, src)
		html := htmlOf(t, res)
		for _, secret := range []string{"editor", "note", "multi", "after", "&lt;!--", "<!--"} {
			if strings.Contains(html, secret) {
				t.Errorf("unsafe=%v: %q shows:\n%s", unsafe, secret, html)
			}
		}
		if !strings.Contains(html, "Text with an  inside.") {
			t.Errorf("unsafe=%v: the paragraph lost its text:\n%s", unsafe, html)
		}
		if !strings.Contains(html, "kept") {
			t.Errorf("unsafe=%v: the raw HTML beside a comment is gone:\n%s", unsafe, html)
		}
		want := []Comment{{3, "editor's note: the source asked not to be named"}, {5, "inline note"}, {7, "multi\nline"}, {12, "after"}}
		if len(res.Comments) != len(want) {
			t.Fatalf("unsafe=%v: comments %+v, want %+v", unsafe, res.Comments, want)
		}
		for i, c := range want {
			if res.Comments[i] != c {
				t.Errorf("unsafe=%v: comment %d = %+v, want %+v", unsafe, i, res.Comments[i], c)
			}
		}
		for _, n := range res.Notices {
			if n.Line == 3 || n.Line == 5 || n.Line == 7 {
				t.Errorf("unsafe=%v: a comment is reported as raw HTML shown: %+v", unsafe, n)
			}
		}
	}
}

// TestMoreDivider: <!--more--> (also <!-- more -->), alone or inline,
// never shows; the text before it is the lead.
func TestMoreDivider(t *testing.T) {
	for src, want := range map[string]string{
		"The lead, in **two** parts.\n\nSecond.\n\n<!--more-->\n\nThe rest.\n": "The lead, in two parts. Second.",
		"Only this.\n\n<!-- more -->\n\nThe rest.\n":                           "Only this.",
		"Lead sentence. <!--more--> Rest of the paragraph.\n\nMore.\n":         "Lead sentence.",
		"No divider here, only the word more.\n\n<!-- a note about more -->\n": "",
	} {
		for _, unsafe := range []bool{false, true} {
			res := convert(t, Options{UnsafeHTML: unsafe}, src)
			if res.Lead != want || res.HasMore != (want != "") {
				t.Errorf("%q: lead %q (%v), want %q", src, res.Lead, res.HasMore, want)
			}
			if h := htmlOf(t, res); strings.Contains(h, "more--") || strings.Contains(h, "&lt;!--") {
				t.Errorf("%q: the divider shows:\n%s", src, h)
			}
		}
	}
}
