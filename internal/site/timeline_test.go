package site_test

import (
	"fmt"
	"testing"
	"time"

	"digest/internal/content"
	"digest/internal/site"
)

// talksFiles is a topic of five items over three weeks, two of them on one
// day and two milestones, and an item of another topic in between.
func talksFiles(topicFile string) map[string]string {
	return map[string]string{
		"topics/talks.md":                topicFile,
		"articles/2025-07-28-first.md":   item("First", "2025-07-28", "topics: [talks]", "milestone: true"),
		"articles/2025-08-06-second.md":  item("Second", "2025-08-06", "topics: [talks]"),
		"articles/2025-08-15-morning.md": item("Morning", "2025-08-15 09:00", "topics: [talks]"),
		"articles/2025-08-15-evening.md": item("Evening", "2025-08-15 18:00", "topics: [talks]", "milestone: true"),
		"articles/2025-08-18-last.md":    item("Last", "2025-08-18", "topics: [talks]"),
		"articles/2025-08-10-other.md":   item("Other", "2025-08-10", "topics: [sanctions]"),
	}
}

func TestTopicTimeline(t *testing.T) {
	oldest := []string{"First", "Second", "Morning", "Evening", "Last"}
	newest := []string{"Last", "Evening", "Morning", "Second", "First"}
	oldestDays := []string{"2025-07-28: First", "2025-08-06: Second", "2025-08-15: Morning, Evening", "2025-08-18: Last"}
	newestDays := []string{"2025-08-18: Last", "2025-08-15: Evening, Morning", "2025-08-06: Second", "2025-07-28: First"}
	tests := []struct {
		name     string
		topic    string
		layout   string
		order    string
		articles []string
		days     []string
	}{
		{"timeline by default", topic("Talks"), content.LayoutTimeline, content.OldestFirst, oldest, oldestDays},
		{"explicit timeline", topic("Talks", "layout: timeline"), content.LayoutTimeline, content.OldestFirst, oldest, oldestDays},
		{"timeline newest first", topic("Talks", "layout: timeline", "order: newest-first"), content.LayoutTimeline, content.NewestFirst, newest, newestDays},
		{"list", topic("Talks", "layout: list"), content.LayoutList, content.NewestFirst, newest, newestDays},
		{"list oldest first", topic("Talks", "layout: list", "order: oldest-first"), content.LayoutList, content.OldestFirst, oldest, oldestDays},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := build(t, talksFiles(tt.topic), site.Options{})
			tp := page[*site.TopicView](t, s, "topics/talks/index.html").Topic
			if tp.Layout != tt.layout || tp.Order != tt.order {
				t.Errorf("Layout %q Order %q, want %q %q", tp.Layout, tp.Order, tt.layout, tt.order)
			}
			if tp.IsTimeline() != (tt.layout == content.LayoutTimeline) {
				t.Errorf("IsTimeline() = %v for layout %q", tp.IsTimeline(), tt.layout)
			}
			equal(t, "Articles", titles(tp.Articles), tt.articles)
			equal(t, "Days", dayTitles(tp.Days), tt.days)
			if tp.Count != 5 || tp.Milestones != 2 {
				t.Errorf("Count %d Milestones %d, want 5 2", tp.Count, tp.Milestones)
			}
			if tp.Span != "28 Jul – 18 Aug 2025" {
				t.Errorf("Span = %q, want %q", tp.Span, "28 Jul – 18 Aug 2025")
			}
			if tp.First == nil || tp.First.Title != "First" || tp.Last == nil || tp.Last.Title != "Last" {
				t.Errorf("First %v Last %v, want First and Last", tp.First, tp.Last)
			}
			if tp.Name != "Talks" || tp.URL != "/topics/talks/" || tp.File != "content/topics/talks.md" {
				t.Errorf("Ref %+v File %q", tp.Ref, tp.File)
			}
			for _, d := range tp.Days {
				if d.Date.Hour() != 0 || d.Date.Minute() != 0 || d.Date.Format("2006-01-02") != d.ID {
					t.Errorf("day %s has Date %v, want its midnight", d.ID, d.Date)
				}
			}
		})
	}
}

func TestSpan(t *testing.T) {
	d := func(s string) time.Time {
		t, err := time.Parse("2006-01-02 15:04", s)
		if err != nil {
			panic(err)
		}
		return t
	}
	tests := []struct {
		first, last time.Time
		want        string
	}{
		{d("2025-08-15 09:00"), d("2025-08-15 21:00"), "15 Aug 2025"},
		{d("2025-08-06 00:00"), d("2025-08-18 00:00"), "6–18 Aug 2025"},
		{d("2025-07-28 00:00"), d("2025-08-18 00:00"), "28 Jul – 18 Aug 2025"},
		{d("2024-12-28 00:00"), d("2025-01-03 00:00"), "28 Dec 2024 – 3 Jan 2025"},
		{d("2025-08-18 00:00"), d("2025-07-28 00:00"), "28 Jul – 18 Aug 2025"}, // given backwards
		{d("2024-08-06 00:00"), d("2025-08-18 00:00"), "6 Aug 2024 – 18 Aug 2025"},
		{time.Time{}, time.Time{}, ""},
	}
	for _, tt := range tests {
		if got := site.Span(tt.first, tt.last); got != tt.want {
			t.Errorf("Span(%v, %v) = %q, want %q", tt.first, tt.last, got, tt.want)
		}
	}
}

func TestPrevNextWalkTheMainTopic(t *testing.T) {
	files := map[string]string{
		"topics/talks.md":              topic("Talks"),
		"topics/sanctions.md":          topic("Sanctions"),
		"articles/2025-08-03-s1.md":    item("S1", "2025-08-03", "topics: [sanctions]"),
		"articles/2025-08-09-both.md":  item("Both", "2025-08-09", "topics: [sanctions, talks]"),
		"articles/2025-08-04-loose.md": item("Loose", "2025-08-04"),
	}
	for d := 1; d <= 8; d++ {
		files[fmt.Sprintf("articles/2025-08-0%d-t%d.md", d, d)] = item(fmt.Sprintf("T%d", d), fmt.Sprintf("2025-08-0%d", d), "topics: [talks]")
	}
	s := build(t, files, site.Options{})
	// "More on this story" lists the 5 newest items sharing a topic;
	// previous and next skip those, to the nearest the page does not show.
	tests := []struct {
		file, timeline, prev, next string
	}{
		{"articles/2025-08-01-t1.md", "talks", "", "T2"},       // related: Both, T8, T7, T6, T5
		{"articles/2025-08-04-t4.md", "talks", "T3", ""},       // after it, only related items
		{"articles/2025-08-08-t8.md", "talks", "T3", ""},       // related: Both, T7, T6, T5, T4
		{"articles/2025-08-03-s1.md", "sanctions", "", ""},     // Both is related
		{"articles/2025-08-09-both.md", "sanctions", "S1", ""}, // its main topic, not talks
		{"articles/2025-08-04-loose.md", "", "", ""},
	}
	for _, a := range s.Articles {
		v := page[*site.ArticleView](t, s, a.Path)
		for _, r := range v.Related {
			if v.Prev != nil && v.Prev.File == r.File || v.Next != nil && v.Next.File == r.File {
				t.Errorf("%s: previous or next %s is also in more on this story", a.File, r.File)
			}
		}
	}
	title := func(a *site.Teaser) string {
		if a == nil {
			return ""
		}
		return a.Title
	}
	for _, tt := range tests {
		a := article(t, s, tt.file)
		v := page[*site.ArticleView](t, s, a.Path)
		tl := ""
		if v.Timeline != nil {
			tl = v.Timeline.Slug
			if v.Timeline.URL != "/topics/"+tl+"/" {
				t.Errorf("%s: Timeline URL %q", tt.file, v.Timeline.URL)
			}
		}
		if tl != tt.timeline || title(v.Prev) != tt.prev || title(v.Next) != tt.next {
			t.Errorf("%s: Timeline %q Prev %q Next %q, want %q %q %q",
				tt.file, tl, title(v.Prev), title(v.Next), tt.timeline, tt.prev, tt.next)
		}
	}
}
