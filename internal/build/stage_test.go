package build

import (
	"testing"

	"digest/internal/corpus"
	"digest/internal/site"
)

func BenchmarkArticlePage(b *testing.B) {
	dir := b.TempDir()
	corpus.Write(dir, corpus.Generate(corpus.Options{Items: 300, Seed: 1}))
	bl := New(benchOptions(dir))
	s, _ := bl.model(nil)
	bl.templates.NextBuild()
	var arts []site.View
	for _, v := range s.Pages {
		if v.Meta().Kind == "article" {
			arts = append(arts, v)
		}
	}
	i := 0
	for b.Loop() {
		bl.templates.Render(arts[i%len(arts)])
		i++
	}
}
