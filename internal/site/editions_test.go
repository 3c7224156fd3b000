package site_test

import (
	"fmt"
	"strings"
	"testing"

	"digest/internal/site"
)

// editionsSite has items around midnight in Kyiv and across an ISO week.
func editionsSite(editions string) map[string]string {
	return map[string]string{
		"_index.md":        config("timezone: Europe/Kyiv", "editions: "+editions),
		"topics/talks.md":  topic("Talks"),
		"topics/energy.md": topic("Energy"),
		// 23:30 in Kyiv on Friday 15 August: that Kyiv day, though it is
		// 20:30 UTC.
		"articles/late.md": item("Late", "2025-08-15T23:30:00+03:00", "topics: [talks]"),
		// 00:30 in Kyiv on Saturday 16 August, 21:30 UTC on the 15th.
		"articles/early.md":  item("Early", "2025-08-15T21:30:00Z", "topics: [energy, talks]"),
		"articles/noon.md":   item("Noon", "2025-08-15T12:00:00+03:00", "topics: [energy]"),
		"articles/other.md":  item("Other", "2025-08-15T09:00:00+03:00"),
		"articles/second.md": item("Second", "2025-08-15T10:00:00+03:00", "topics: [talks]"),
		// Sunday 17 August ends ISO week 33; Monday 18 starts week 34.
		"articles/sunday.md":     item("Sunday", "2025-08-17T23:59:00+03:00", "topics: [talks]"),
		"articles/monday.md":     item("Monday", "2025-08-18T00:01:00+03:00", "topics: [talks]"),
		"editions/2025-08-15.md": "---\ntitle: A day of talks\n---\nThe editor's **note**.\n",
		"editions/2025-W33.md":   "---\ntitle: The week of the summit\n---\nA weekly note.\n",
	}
}

// editionOf describes an edition: "2025-08-15 [A day of talks] Talks: Late, Second | Energy: Noon | -: Other".
func editionOf(e *site.Edition) string {
	var groups []string
	for _, g := range e.Groups {
		name := "-"
		if g.Topic != nil {
			name = g.Topic.Name
		}
		groups = append(groups, name+": "+strings.Join(titles(g.Articles), ", "))
	}
	return fmt.Sprintf("%s [%s] %s", e.Key, e.NoteTitle, strings.Join(groups, " | "))
}

func TestDailyEditions(t *testing.T) {
	s := build(t, editionsSite("daily"), site.Options{})
	var got []string
	for _, e := range s.Editions {
		got = append(got, editionOf(e))
	}
	equal(t, "editions", got, []string{
		"2025-08-18 [] Talks: Monday",
		"2025-08-17 [] Talks: Sunday",
		"2025-08-16 [] Energy: Early",
		"2025-08-15 [A day of talks] Talks: Late, Second | Energy: Noon | -: Other",
	})
	v := page[*site.EditionView](t, s, "editions/2025-08-15/index.html")
	if !strings.Contains(string(v.Edition.Note), "<strong>note</strong>") || v.Edition.Title != "Friday 15 August 2025" {
		t.Errorf("edition of the 15th: note %q, title %q", v.Edition.Note, v.Edition.Title)
	}
	if v.Prev != nil || v.Next == nil || v.Next.Key != "2025-08-16" {
		t.Errorf("the 15th's neighbours: %+v %+v", v.Prev, v.Next)
	}
	mid := page[*site.EditionView](t, s, "editions/2025-08-17/index.html")
	if mid.Prev == nil || mid.Prev.Key != "2025-08-16" || mid.Next == nil || mid.Next.Key != "2025-08-18" {
		t.Errorf("the 17th's neighbours: %+v %+v", mid.Prev, mid.Next)
	}
	// The weekly note names no daily edition.
	if ds := withCode(s.Diags, "edition-no-items"); len(ds) != 1 || ds[0].File != "content/editions/2025-W33.md" {
		t.Errorf("want one edition-no-items warning for the weekly note, got:\n%s", diagText(s.Diags))
	}
	idx := page[*site.EditionsView](t, s, "editions/index.html")
	if len(idx.Editions) != 4 || idx.Editions[0].Key != "2025-08-18" || idx.Editions[3].NoteTitle != "A day of talks" {
		t.Errorf("index: %+v", idx.Editions)
	}
}

func TestWeeklyEditions(t *testing.T) {
	s := build(t, editionsSite("weekly"), site.Options{})
	var got []string
	for _, e := range s.Editions {
		got = append(got, editionOf(e)+" · "+e.Title)
	}
	equal(t, "editions", got, []string{
		"2025-W34 [] Talks: Monday · Week 34, 2025: 18–24 Aug 2025",
		"2025-W33 [The week of the summit] Talks: Sunday, Late, Second | Energy: Early, Noon | -: Other · Week 33, 2025: 11–17 Aug 2025",
	})
	if !hasPage(s, "editions/2025-W33/index.html") || hasPage(s, "editions/2025-08-15/index.html") {
		t.Errorf("weekly pages: %v", paths(s))
	}
	if s.Editions[1].Compact {
		t.Errorf("an edition of 6 items with per_page 20 shows headlines only")
	}
	// A busy week, over twice per_page, shows headlines only.
	files := editionsSite("weekly")
	files["_index.md"] = config("timezone: Europe/Kyiv", "editions: weekly", "per_page: 2")
	if w33 := build(t, files, site.Options{}).Editions[1]; w33.Key != "2025-W33" || !w33.Compact {
		t.Errorf("an edition of 6 items with per_page 2 is not compact: %+v", w33)
	}
	if ds := withCode(s.Diags, "edition-no-items"); len(ds) != 1 || ds[0].File != "content/editions/2025-08-15.md" {
		t.Errorf("want one edition-no-items warning for the daily note, got:\n%s", diagText(s.Diags))
	}
}

func TestEditionsIndexPaginates(t *testing.T) {
	files := map[string]string{}
	n := site.EditionsPerPage + 1
	for i := range n {
		d := fmt.Sprintf("2025-%02d-%02d", 1+i/28, 1+i%28)
		files["articles/"+d+"-x.md"] = item("X "+d, d)
	}
	s := build(t, files, site.Options{})
	p1 := page[*site.EditionsView](t, s, "editions/index.html")
	p2 := page[*site.EditionsView](t, s, "editions/page/2/index.html")
	if len(p1.Editions) != site.EditionsPerPage || len(p2.Editions) != 1 || p1.Pager.Next != "/editions/page/2/" || p2.Pager.Prev != "/editions/" {
		t.Errorf("index pages: %d and %d editions, pagers %+v %+v", len(p1.Editions), len(p2.Editions), p1.Pager, p2.Pager)
	}
	if p2.Editions[0].Key != "2025-01-01" {
		t.Errorf("the last page holds %s, want the oldest edition", p2.Editions[0].Key)
	}
}
