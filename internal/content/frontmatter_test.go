package content

import (
	"strings"
	"testing"
)

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
