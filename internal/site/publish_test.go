package site_test

import (
	"strings"
	"testing"

	"digest/internal/site"
)

func TestDraftsAndFutureItems(t *testing.T) {
	files := map[string]string{
		"articles/published.md":    item("Published", "2025-08-10", "topics: [talks]"),
		"articles/older.md":        item("Older", "2025-08-01", "topics: [talks]"),
		"articles/draft.md":        item("Draft", "2025-08-12", "topics: [talks]", "draft: true"),
		"articles/future.md":       item("Future", "2025-09-10", "topics: [talks]"),
		"articles/future-draft.md": item("Future draft", "2025-09-12", "topics: [talks]", "draft: true"),
	}
	tests := []struct {
		name           string
		drafts, future bool
		want           []string // newest first
	}{
		{"default", false, false, []string{"Published", "Older"}},
		{"drafts", true, false, []string{"Draft", "Published", "Older"}},
		{"future", false, true, []string{"Future", "Published", "Older"}},
		{"drafts and future", true, true, []string{"Future draft", "Future", "Draft", "Published", "Older"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := build(t, files, site.Options{Drafts: tt.drafts, Future: tt.future})
			equal(t, "articles", titles(s.Articles), tt.want)
			home := page[*site.HomeView](t, s, "index.html")
			var onHome []string
			for _, d := range home.Days {
				onHome = append(onHome, titles(d.Articles)...)
			}
			equal(t, "home", onHome, tt.want)
			tp := page[*site.TopicView](t, s, "topics/talks/index.html").Topic
			if tp.Count != len(tt.want) {
				t.Errorf("topic Count = %d, want %d", tp.Count, len(tt.want))
			}
			if got := hasPage(s, "2025/09/10/future/index.html"); got != tt.future {
				t.Errorf("future item's page exists: %v, want %v", got, tt.future)
			}
			if got := hasPage(s, "2025/08/12/draft/index.html"); got != tt.drafts {
				t.Errorf("draft's page exists: %v, want %v", got, tt.drafts)
			}
			for _, a := range s.Articles {
				if want := a.Title == "Future" || a.Title == "Future draft"; a.Future != want {
					t.Errorf("%s: Future = %v, want %v", a.Title, a.Future, want)
				}
			}

			// The future item is reported whether or not it is built; the
			// future draft is held back anyway and is not.
			fd := withCode(s.Diags, "future-date")
			if len(fd) != 1 || fd[0].File != "content/articles/future.md" || fd[0].Line != 3 || fd[0].Severity.String() != "warning" {
				t.Errorf("future-date diagnostics:\n%s", diagText(fd))
			}

			// "More on this story" never lists a draft or a future item.
			for _, a := range s.Articles {
				for _, r := range page[*site.ArticleView](t, s, a.Path).Related {
					if r.Draft || r.Future {
						t.Errorf("%s lists %s as related", a.Title, r.Title)
					}
				}
			}
			for _, file := range []string{"articles/published.md", "articles/older.md"} {
				a := article(t, s, file)
				want := "Older"
				if a.Title == "Older" {
					want = "Published"
				}
				equal(t, a.Title+" related", titles(page[*site.ArticleView](t, s, a.Path).Related), []string{want})
			}
		})
	}
}

func TestRelated(t *testing.T) {
	files := map[string]string{
		"topics/talks.md":     topic("Talks"),
		"topics/sanctions.md": topic("Sanctions"),
		// Both is newer than every talks item and older than the sanctions ones.
		"articles/2025-08-08-both.md":  item("Both", "2025-08-08", "topics: [sanctions, talks]"),
		"articles/2025-08-20-s1.md":    item("S1", "2025-08-20", "topics: [sanctions]"),
		"articles/2025-08-21-s2.md":    item("S2", "2025-08-21", "topics: [sanctions]"),
		"articles/2025-08-22-loose.md": item("Loose", "2025-08-22"),
	}
	for i := 1; i <= 7; i++ {
		n := string(rune('0' + i))
		files["articles/2025-08-0"+n+"-t"+n+".md"] = item("T"+n, "2025-08-0"+n, "topics: [talks]")
	}
	s := build(t, files, site.Options{})
	tests := []struct {
		file string
		want []string
	}{
		{"articles/2025-08-01-t1.md", []string{"Both", "T7", "T6", "T5", "T4"}},
		{"articles/2025-08-07-t7.md", []string{"Both", "T6", "T5", "T4", "T3"}},
		{"articles/2025-08-08-both.md", []string{"S2", "S1", "T7", "T6", "T5"}},
		{"articles/2025-08-20-s1.md", []string{"S2", "Both"}},
		{"articles/2025-08-21-s2.md", []string{"S1", "Both"}},
		{"articles/2025-08-22-loose.md", []string{}},
	}
	for _, tt := range tests {
		a := article(t, s, tt.file)
		got := page[*site.ArticleView](t, s, a.Path).Related
		equal(t, a.Title+" related", titles(got), tt.want)
		if len(got) > site.MaxRelated {
			t.Errorf("%s: %d related, more than %d", a.Title, len(got), site.MaxRelated)
		}
		for _, r := range got {
			if r == a.Teaser {
				t.Errorf("%s lists itself as related", a.Title)
			}
			shared := false
			for _, x := range r.Topics {
				for _, y := range a.Topics {
					shared = shared || x.Slug == y.Slug
				}
			}
			if !shared {
				t.Errorf("%s lists %s, which shares no topic", a.Title, r.Title)
			}
		}
	}
}

// TestRelatedSameDay covers a topic with fewer items than MaxRelated, all
// on one day: they are ordered by time, newest first.
func TestRelatedSameDay(t *testing.T) {
	s := build(t, map[string]string{
		"articles/a.md": item("A", "2025-08-15 08:00", "topics: [talks]"),
		"articles/b.md": item("B", "2025-08-15 12:00", "topics: [talks]"),
		"articles/c.md": item("C", "2025-08-15 18:00", "topics: [talks]"),
	}, site.Options{})
	got := page[*site.ArticleView](t, s, article(t, s, "articles/b.md").Path).Related
	equal(t, "B related", titles(got), []string{"C", "A"})
	if !strings.HasPrefix(got[0].URL, "/2025/08/15/") {
		t.Errorf("related URL %q", got[0].URL)
	}
}
