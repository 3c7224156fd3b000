package content

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// Regressions for bugs found in review; each test failed before its fix.

func TestSymlinkThroughAnotherLinkOutside(t *testing.T) {
	outside := t.TempDir()
	if err := os.WriteFile(filepath.Join(outside, "hosts.md"), []byte("---\ntitle: Secret\ndate: 2025-01-01\n---\nsecret\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	site := t.TempDir()
	if err := os.MkdirAll(filepath.Join(site, "content/articles"), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink(outside, filepath.Join(site, "escape")); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink("../../escape/hosts.md", filepath.Join(site, "content/articles/x.md")); err != nil {
		t.Fatal(err)
	}
	c := loadAll(NewLoader(os.DirFS(site), Override{}), nil)
	if len(c.Items) != 0 {
		t.Fatalf("read a file outside the site: %q", c.Items[0].Title)
	}
	found := false
	for _, d := range c.Diags {
		found = found || d.Code == "symlink-outside" && d.File == "content/articles/x.md"
	}
	if !found {
		t.Errorf("no symlink-outside warning: %v", c.Diags)
	}
}

func TestClosedTwiceAfterBlankLine(t *testing.T) {
	_, diags := splitFrontMatter("x.md", []byte("---\ntitle: x\ndate: 2025-01-01\n---\n\n---\nbody\n"))
	if len(diags) != 1 || diags[0].Line != 6 || strings.Contains(diags[0].Message, "field") {
		t.Errorf("%v", diags)
	}
}

func TestDeepTOMLRefused(t *testing.T) {
	src := "+++\ntitle = \"x\"\nv = " + strings.Repeat("[", 1000) + strings.Repeat("]", 1000) + "\n+++\nbody\n"
	_, diags := splitFrontMatter("x.md", []byte(src))
	if !diags.HasErrors() || !strings.Contains(diags[0].Message, "nested") {
		t.Errorf("%v", diags)
	}
}

func TestMultilineQuoteIsNotBlamed(t *testing.T) {
	_, diags := splitFrontMatter("x.md", []byte("---\ntitle: \"a long\n  headline\"\ndate: [2025\n---\nbody\n"))
	if len(diags) != 1 || strings.Contains(diags[0].Message, "quoted value is never closed") {
		t.Errorf("%v", diags)
	}
}

// An unclosed quote that a later quote happens to close is still blamed on
// its own line.
func TestUnclosedQuoteClosedByLaterQuote(t *testing.T) {
	_, diags := splitFrontMatter("x.md", []byte("---\ntitle: \"Talks in Alaska\ndate: 2025-08-15\nid: \"tag:x,2025:a\"\n---\nbody\n"))
	if len(diags) != 1 || diags[0].Line != 2 || !strings.Contains(diags[0].Message, "never closed") {
		t.Errorf("%v", diags)
	}
}

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
