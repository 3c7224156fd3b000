package site_test

import (
	"fmt"
	"strings"
	"testing"

	"digest/internal/site"
)

// itemsNaming returns n items, one a day from 1 August 2025, each naming
// Ann Lee and in Kyiv, on topic tp.
func itemsNaming(n int, tp string) map[string]string {
	files := map[string]string{}
	for i := range n {
		date := fmt.Sprintf("2025-08-%02dT%02d:00:00Z", 1+i/10, 8+i%10)
		files[fmt.Sprintf("articles/2025-08-%02d-item-%03d.md", 1+i/10, i)] = item(fmt.Sprintf("Item %03d", i), date,
			"topics: ["+tp+"]", "people: [Ann Lee]", "places: [Kyiv]")
	}
	return files
}

// pagerOf describes a pager: "2/3 prev=… next=… links=1,2,3".
func pagerOf(p site.Pager) string {
	var links []string
	for _, l := range p.Links {
		n := "…"
		if l.Number > 0 {
			n = fmt.Sprint(l.Number)
			if l.Current {
				n = "[" + n + "]"
			}
		}
		links = append(links, n)
	}
	return fmt.Sprintf("%d/%d prev=%s next=%s links=%s all=%d", p.Number, p.Total, p.Prev, p.Next, strings.Join(links, ","), len(p.All))
}

func TestPaginationBoundaries(t *testing.T) {
	const per = 4
	for _, tt := range []struct {
		items int
		pages []string // the person's pages' pagers
		sizes []int    // items on each page
	}{
		{1, []string{"1/1 prev= next= links= all=0"}, []int{1}},
		{per, []string{"1/1 prev= next= links= all=0"}, []int{per}},
		{per + 1, []string{
			"1/2 prev= next=/people/ann-lee/page/2/ links=[1],2 all=0",
			"2/2 prev=/people/ann-lee/ next= links=1,[2] all=0"}, []int{per, 1}},
		{per*7 + 1, nil, []int{4, 4, 4, 4, 4, 4, 4, 1}},
	} {
		t.Run(fmt.Sprint(tt.items), func(t *testing.T) {
			files := itemsNaming(tt.items, "talks")
			files["_index.md"] = config(fmt.Sprintf("per_page: %d", per))
			s := build(t, files, site.Options{})
			var newest []string
			for i := tt.items - 1; i >= 0; i-- {
				newest = append(newest, fmt.Sprintf("Item %03d", i))
			}
			var seen []string
			for n := 1; n <= len(tt.sizes); n++ {
				dir := "people/ann-lee/"
				if n > 1 {
					dir += fmt.Sprintf("page/%d/", n)
				}
				v := page[*site.TermView](t, s, dir+"index.html")
				if n <= len(tt.pages) {
					if got := pagerOf(v.Pager); got != tt.pages[n-1] {
						t.Errorf("page %d: pager %s, want %s", n, got, tt.pages[n-1])
					}
				}
				var on []string
				for _, d := range v.Days {
					on = append(on, titles(d.Articles)...)
				}
				if len(on) != tt.sizes[n-1] {
					t.Errorf("page %d shows %d items, want %d", n, len(on), tt.sizes[n-1])
				}
				seen = append(seen, on...)
				if v.Title != "Ann Lee" && n == 1 || n > 1 && v.Title != fmt.Sprintf("Ann Lee, page %d", n) {
					t.Errorf("page %d is titled %q", n, v.Title)
				}
			}
			equal(t, "every item once, newest first", seen, newest)
			if hasPage(s, fmt.Sprintf("people/ann-lee/page/%d/index.html", len(tt.sizes)+1)) {
				t.Errorf("a page past the last")
			}
		})
	}
	// A long list: the pager leaves pages out, so it lists every page too.
	files := itemsNaming(per*7+1, "talks")
	files["_index.md"] = config(fmt.Sprintf("per_page: %d", per))
	s := build(t, files, site.Options{})
	v := page[*site.TermView](t, s, "places/kyiv/page/4/index.html")
	if got, want := pagerOf(v.Pager), "4/8 prev=/places/kyiv/page/3/ next=/places/kyiv/page/5/ links=1,2,3,[4],5,6,…,8 all=8"; got != want {
		t.Errorf("pager %s, want %s", got, want)
	}
}

func TestListTopicPaginates(t *testing.T) {
	files := itemsNaming(9, "talks")
	files["_index.md"] = config("per_page: 4")
	files["topics/talks.md"] = topic("Talks", "layout: list")
	s := build(t, files, site.Options{})
	var got []string
	for _, p := range []string{"topics/talks/index.html", "topics/talks/page/2/index.html", "topics/talks/page/3/index.html"} {
		v := page[*site.TopicView](t, s, p)
		got = append(got, pagerOf(v.Pager)+" "+strings.Join(dayTitles(v.Days), "; "))
	}
	equal(t, "pages", got, []string{
		"1/3 prev= next=/topics/talks/page/2/ links=[1],2,3 all=0 2025-08-01: Item 008, Item 007, Item 006, Item 005",
		"2/3 prev=/topics/talks/ next=/topics/talks/page/3/ links=1,[2],3 all=0 2025-08-01: Item 004, Item 003, Item 002, Item 001",
		"3/3 prev=/topics/talks/page/2/ next= links=1,2,[3] all=0 2025-08-01: Item 000",
	})
	// An empty list topic is one page that says so.
	files = map[string]string{"topics/quiet.md": topic("Quiet", "layout: list"), "articles/2025-08-01-a.md": item("A", "2025-08-01")}
	s = build(t, files, site.Options{})
	if v := page[*site.TopicView](t, s, "topics/quiet/index.html"); len(v.Days) != 0 || v.Pager.Total != 1 {
		t.Errorf("empty topic: %d days, %d pages", len(v.Days), v.Pager.Total)
	}
}

// longStory is a timeline of 7 items over three months, two milestones.
func longStory() map[string]string {
	files := map[string]string{"_index.md": config("timeline_max: 3"), "topics/talks.md": topic("Talks")}
	for i, d := range []string{"2025-06-30", "2025-07-02", "2025-07-09", "2025-07-20", "2025-07-31", "2025-08-01", "2025-08-02"} {
		extra := []string{"topics: [talks]"}
		if i == 1 || i == 5 {
			extra = append(extra, "milestone: true")
		}
		files[fmt.Sprintf("articles/%s-s%d.md", d, i)] = item(fmt.Sprintf("S%d", i), d, extra...)
	}
	return files
}

func TestLongTimelineSplitsByMonth(t *testing.T) {
	s := build(t, longStory(), site.Options{})
	v := page[*site.TopicView](t, s, "topics/talks/index.html")
	if !v.Split {
		t.Fatal("a timeline of 7 items over timeline_max 3 is not split")
	}
	equal(t, "milestones", titles(v.Milestones), []string{"S1", "S5"})
	var latest []string
	for _, d := range v.Days {
		latest = append(latest, titles(d.Articles)...)
	}
	equal(t, "latest entries, in the timeline's order", latest, []string{"S0", "S1", "S2", "S3", "S4", "S5", "S6"}[max(0, 7-site.TopicLatest):])
	var months []string
	for _, m := range v.Months {
		months = append(months, fmt.Sprintf("%s %d %s pages=%d", m.ID, m.Count, m.URL, len(m.Pages)))
	}
	equal(t, "months", months, []string{
		"2025-06 1 /topics/talks/2025/06/ pages=0",
		"2025-07 4 /topics/talks/2025/07/ pages=2",
		"2025-08 2 /topics/talks/2025/08/ pages=0",
	})
	july := page[*site.TopicMonthView](t, s, "topics/talks/2025/07/index.html")
	equal(t, "July, oldest first", dayTitles(july.Days), []string{"2025-07-02: S1", "2025-07-09: S2", "2025-07-20: S3"})
	if july.Prev == nil || july.Prev.ID != "2025-06" || july.Next == nil || july.Next.ID != "2025-08" {
		t.Errorf("July's neighbours: %+v, %+v", july.Prev, july.Next)
	}
	if !july.Pager.Chrono || july.Pager.Next != "/topics/talks/2025/07/page/2/" {
		t.Errorf("July's pager: %+v", july.Pager)
	}
	july2 := page[*site.TopicMonthView](t, s, "topics/talks/2025/07/page/2/index.html")
	equal(t, "July, page 2", dayTitles(july2.Days), []string{"2025-07-31: S4"})
	june := page[*site.TopicMonthView](t, s, "topics/talks/2025/06/index.html")
	if june.Prev != nil || june.Next == nil {
		t.Errorf("June's neighbours: %+v, %+v", june.Prev, june.Next)
	}
	// At timeline_max or under, one page as before.
	files := longStory()
	files["_index.md"] = config("timeline_max: 7")
	s = build(t, files, site.Options{})
	if v := page[*site.TopicView](t, s, "topics/talks/index.html"); v.Split || len(v.Days) != 7 || hasPage(s, "topics/talks/2025/07/index.html") {
		t.Errorf("a timeline of 7 with timeline_max 7: split %v, %d days", v.Split, len(v.Days))
	}
}

func TestArchive(t *testing.T) {
	files := longStory()
	files["_index.md"] = config("per_page: 2", "timezone: Europe/Kyiv")
	// 23:30 in Kyiv on 31 July is 20:30 UTC: July, in the site's zone.
	files["articles/late.md"] = item("Late", "2025-07-31T23:30:00+03:00")
	// 00:30 in Kyiv on 1 August is 21:30 UTC on 31 July: August.
	files["articles/early.md"] = item("Early", "2025-07-31T21:30:00Z")
	s := build(t, files, site.Options{})
	a := page[*site.ArchiveView](t, s, "archive/index.html")
	var got []string
	for _, y := range a.Years {
		for _, m := range y.Months {
			got = append(got, fmt.Sprintf("%d:%d %s %d", y.Year, y.Count, m.ID, m.Count))
		}
	}
	equal(t, "archive", got, []string{"2025:9 2025-08 3", "2025:9 2025-07 5", "2025:9 2025-06 1"})
	aug := page[*site.MonthView](t, s, "2025/08/index.html")
	equal(t, "August, newest first", dayTitles(aug.Days), []string{"2025-08-02: S6", "2025-08-01: Early"})
	equal(t, "August, page 2", dayTitles(page[*site.MonthView](t, s, "2025/08/page/2/index.html").Days), []string{"2025-08-01: S5"})
	equal(t, "July 31 in Kyiv", dayTitles(page[*site.MonthView](t, s, "2025/07/index.html").Days), []string{"2025-07-31: Late, S4"})
	if aug.Next != nil || aug.Prev == nil || aug.Prev.ID != "2025-07" {
		t.Errorf("August's neighbours: %+v %+v", aug.Prev, aug.Next)
	}
	jul3 := page[*site.MonthView](t, s, "2025/07/page/3/index.html")
	equal(t, "July, page 3", dayTitles(jul3.Days), []string{"2025-07-02: S1"})
	if jul3.Pager.Prev != "/2025/07/page/2/" || jul3.Pager.Next != "" {
		t.Errorf("July page 3: %+v", jul3.Pager)
	}
}

func TestArchiveMonthClashIsAnError(t *testing.T) {
	files := map[string]string{
		"articles/2025-08-01-a.md": item("A", "2025-08-01"),
		"articles/2025-08-02-b.md": item("B", "2025-08-02", "url: /2025/08/"),
	}
	s := site.Make(load(t, files), site.Options{Now: now})
	ds := withCode(s.Diags, "duplicate-url")
	if len(ds) != 1 || ds[0].File != "content/articles/2025-08-02-b.md" || !strings.Contains(ds[0].Message, "archive page of August 2025") {
		t.Fatalf("want one duplicate-url error naming the item and the archive's month, got:\n%s", diagText(s.Diags))
	}
	// Whatever the permalink: /:year/:slug/ with the slug 08.
	files = map[string]string{
		"_index.md":                config("permalink: /:year/:slug/"),
		"articles/2025-08-01-a.md": item("A", "2025-08-01", "slug: \"08\""),
	}
	s = site.Make(load(t, files), site.Options{Now: now})
	if ds := withCode(s.Diags, "duplicate-url"); len(ds) != 1 || !strings.Contains(ds[0].Message, "/2025/08/") {
		t.Fatalf("want a duplicate-url error for /2025/08/, got:\n%s", diagText(s.Diags))
	}
}
