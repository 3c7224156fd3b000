package site_test

import (
	"testing"

	"digest/internal/site"
)

func TestEscapedBasePath(t *testing.T) {
	s := build(t, map[string]string{
		"_index.md":     config("base_url: https://x.org/my%20repo/"),
		"articles/a.md": item("A", "2025-08-15"),
	}, site.Options{Now: now})
	if got := article(t, s, "articles/a.md").URL; got != "/my%20repo/2025/08/15/a/" {
		t.Errorf("URL %q", got)
	}
}

func relatedTitles(v *site.ArticleView) []string {
	var out []string
	for _, r := range v.Related {
		out = append(out, r.Title)
	}
	return out
}
