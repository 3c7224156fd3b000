package output

import (
	"fmt"
	"path/filepath"
	"strings"
	"testing"

	"digest/internal/fingerprint"
)

// BenchmarkWrite writes 1,000 pages of 12 KB under pretty URLs into a new
// tree and commits it: the output stage of a cold build. Each run writes
// into a fresh folder.
func BenchmarkWrite(b *testing.B) {
	page := []byte(strings.Repeat("<p>A paragraph of a summary.</p>\n", 12000/34))
	for b.Loop() {
		tr, err := Open(filepath.Join(b.TempDir(), "public"), Options{})
		if err != nil {
			b.Fatal(err)
		}
		for i := range 1000 {
			p := fmt.Sprintf("2025/%02d/%02d/item-%04d/index.html", 1+i/100, 1+i%28, i)
			if err := tr.Write(p, fingerprint.Strings(p), page); err != nil {
				b.Fatal(err)
			}
		}
		if _, err := tr.Commit(); err != nil {
			b.Fatal(err)
		}
	}
}
