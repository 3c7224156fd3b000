package markdown

import (
	"strings"
	"testing"
)

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
