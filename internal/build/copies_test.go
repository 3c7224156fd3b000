package build

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"digest"
	"digest/internal/sitetest"
)

// TestCopyChecksKeptBetweenRuns: a comparison with an imported text is
// kept in the cache and not made again (nor its files read) until the
// item changes.
func TestCopyChecksKeptBetweenRuns(t *testing.T) {
	dir := t.TempDir()
	text := "The port authority said on Friday that the harbour would reopen to cargo ships on Monday, three weeks after the storm.\n"
	sitetest.WriteFile(t, dir, "content/_index.md", "---\ntitle: T\n---\n")
	sitetest.WriteFile(t, dir, "content/articles/2025-08-15-harbour.md", "---\ntitle: Harbour\nid: h\nimported_from: imports/h.txt\n---\n\n"+text)
	sitetest.WriteFile(t, dir, "imports/h.txt", "Harbour\n\n"+text)
	cache := filepath.Join(t.TempDir(), "site.cache")
	check := func(what, want string) {
		t.Helper()
		b := New(Options{Source: dir, Theme: digest.Theme, Now: fixedNow, CacheFile: cache})
		defer b.Close()
		res, err := b.Check(context.Background())
		if err != nil {
			t.Fatal(err)
		}
		var codes []string
		for _, d := range res.Diags {
			codes = append(codes, d.Code)
		}
		if got := strings.Join(codes, ","); got != want {
			t.Errorf("%s: diagnostics %s, want %s", what, got, want)
		}
		if err := b.SaveCache(); err != nil {
			t.Fatal(err)
		}
	}
	check("first run", "copied-text")
	// The import is gone, but the item is the same: the kept comparison
	// stands, and the import is not read.
	if err := os.Remove(filepath.Join(dir, "imports", "h.txt")); err != nil {
		t.Fatal(err)
	}
	check("import removed, item unchanged", "copied-text")
	// The item changed: it is compared again, and the import is missing.
	sitetest.WriteFile(t, dir, "content/articles/2025-08-15-harbour.md", "---\ntitle: Harbour\nid: h\nimported_from: imports/h.txt\n---\n\nRewritten.\n")
	check("item changed", "imported-from")
}
