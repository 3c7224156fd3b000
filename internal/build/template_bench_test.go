package build

import (
	"context"
	"os"
	"path/filepath"
	"testing"

	"digest/internal/corpus"
	"digest/internal/site"
)

// BenchmarkArticleTemplates renders article pages with one part of the
// theme replaced at a time, to show what each part costs.
func BenchmarkArticleTemplates(b *testing.B) {
	for _, variant := range []struct{ name, file, text string }{
		{"full", "", ""},
		{"no-social", "templates/partials/social.html", ""},
		{"no-sources", "templates/partials/sources.html", ""},
		{"no-nav", "templates/partials/nav.html", ""},
	} {
		b.Run(variant.name, func(b *testing.B) {
			dir := b.TempDir()
			corpus.Write(dir, corpus.Generate(corpus.Options{Items: 300, Seed: 1}))
			if variant.file != "" {
				os.MkdirAll(filepath.Join(dir, filepath.Dir(variant.file)), 0o755)
				os.WriteFile(filepath.Join(dir, variant.file), []byte(variant.text), 0o644)
			}
			bl := New(benchOptions(dir))
			s, _, _ := bl.model(context.Background(), nil)
			bl.templates.NextBuild()
			var arts []site.View
			for _, v := range s.Pages {
				if v.Meta().Kind == "article" {
					arts = append(arts, v)
				}
			}
			for _, v := range arts {
				bl.templates.Render(v, nil) // warm the partial cache
			}
			i := 0
			var scratch []byte
			for b.Loop() {
				scratch, _ = bl.templates.Render(arts[i%len(arts)], scratch)
				i++
			}
		})
	}
}
