package site_test

import (
	"fmt"
	"testing"

	"digest/internal/site"
)

func TestRelatedSurvivesManyDrafts(t *testing.T) {
	files := map[string]string{
		"_index.md":       config(),
		"articles/p1.md":  item("P1", "2025-07-01", "topics: [talks]"),
		"articles/p2.md":  item("P2", "2025-07-02", "topics: [talks]"),
		"topics/talks.md": topic("Talks"),
	}
	for i := 1; i <= 20; i++ {
		files[fmt.Sprintf("articles/d%02d.md", i)] = item(fmt.Sprintf("D%d", i), fmt.Sprintf("2025-08-%02d", i), "topics: [talks]", "draft: true")
	}
	s := build(t, files, site.Options{Drafts: true, Now: now})
	v := page[*site.ArticleView](t, s, article(t, s, "articles/p1.md").Path)
	if len(v.Related) != 1 || v.Related[0].Title != "P2" {
		t.Errorf("related of P1: %v, want [P2]", relatedTitles(v))
	}
}
