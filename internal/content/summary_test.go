package content

import (
	"strings"
	"testing"
)

// A summary taken from a long first paragraph is a dek, not the paragraph;
// one the editor wrote is kept as written.
func TestDerivedSummaryIsShortened(t *testing.T) {
	long := strings.Repeat("Negotiators met again in Geneva today. ", 40)
	it, _ := ParseItem("content/articles/2025-08-15-a.md", []byte("---\ntitle: A\n---\n"+long+"\n"), NewSettings(DefaultConfig()))
	if n := len([]rune(it.Summary)); n > MaxDerivedSummary+1 || !strings.HasSuffix(it.Summary, "…") || strings.HasSuffix(it.Summary, " …") {
		t.Errorf("summary of %d characters: %q", n, it.Summary)
	}
	explicit := strings.Repeat("x ", 200)
	it, _ = ParseItem("content/articles/2025-08-15-b.md", []byte("---\ntitle: B\nsummary: \""+explicit+"\"\n---\nBody.\n"), NewSettings(DefaultConfig()))
	if it.Summary != strings.TrimSpace(explicit) {
		t.Errorf("explicit summary changed: %d characters", len(it.Summary))
	}
}
