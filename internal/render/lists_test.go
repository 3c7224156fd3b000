package render_test

import (
	"fmt"
	"strings"
	"testing"
	"testing/fstest"
)

// listsSite has 7 items on a timeline over three months, a milestone,
// two notes, three items a page, three entries a timeline page.
func listsSite() fstest.MapFS {
	fsys := fstest.MapFS{
		"content/_index.md":              file("---\ntitle: Lists\nbase_url: " + base + "\ntimezone: Europe/Kyiv\nper_page: 3\ntimeline_max: 3\n---\n"),
		"content/topics/talks.md":        file("---\ntitle: Talks\n---\nThe talks.\n"),
		"content/editions/2025-07-09.md": file("---\ntitle: A note <b>title</b>\n---\nA [link](/topics/talks/) & more.\n"),
	}
	for i, d := range []string{"2025-06-30", "2025-07-02", "2025-07-09", "2025-07-09", "2025-07-31", "2025-08-01", "2025-08-02"} {
		ms := ""
		if i == 4 {
			ms = "milestone: true\n"
		}
		fsys[fmt.Sprintf("content/articles/%s-s%d.md", d, i)] = file(fmt.Sprintf("---\ntitle: S%d\ntopics: [talks]\npeople: [Ann Lee]\nsource:\n  name: Wire %d\n%s---\nBody %d.\n", i, i, ms, i))
	}
	return fsys
}

func TestListPagesLinkEveryPage(t *testing.T) {
	fsys := listsSite()
	s, tm := buildSite(t, fsys), loadTemplates(t, fsys)
	// rel=prev and rel=next on the middle page of a person's list, and
	// a link to each page.
	doc := parseHTML(t, renderPath(t, tm, s, "people/ann-lee/page/2/index.html"))
	pager := one(t, doc, "nav.pager")
	if got := attrs(all(pager, "a[rel=prev]"), "href"); len(got) != 1 || got[0] != "/digest/people/ann-lee/" {
		t.Errorf("rel=prev: %v", got)
	}
	if got := attrs(all(pager, "a[rel=next]"), "href"); len(got) != 1 || got[0] != "/digest/people/ann-lee/page/3/" {
		t.Errorf("rel=next: %v", got)
	}
	if got := attrs(all(pager, "a[aria-current=page]"), "href"); len(got) != 1 || got[0] != "/digest/people/ann-lee/page/2/" {
		t.Errorf("current page: %v", got)
	}
	// The first page has no rel=prev, the last no rel=next.
	first := parseHTML(t, renderPath(t, tm, s, "people/ann-lee/index.html"))
	last := parseHTML(t, renderPath(t, tm, s, "people/ann-lee/page/3/index.html"))
	if len(all(first, "a[rel=prev]")) != 0 || len(all(last, "a[rel=next]")) != 0 {
		t.Errorf("rel=prev on the first page or rel=next on the last")
	}
	// The long timeline's page: milestones, latest entries, and every
	// month and page of a month linked.
	topic := parseHTML(t, renderPath(t, tm, s, "topics/talks/index.html"))
	if got := texts(all(one(t, topic, "section.milestones"), "a")); strings.Join(got, ",") != "S4" {
		t.Errorf("milestones: %v", got)
	}
	months := attrs(all(one(t, topic, "ol.months"), "a"), "href")
	want := []string{"/digest/topics/talks/2025/06/", "/digest/topics/talks/2025/07/", "/digest/topics/talks/2025/07/", "/digest/topics/talks/2025/07/page/2/", "/digest/topics/talks/2025/08/"}
	if strings.Join(months, " ") != strings.Join(want, " ") {
		t.Errorf("month links:\n got  %v\n want %v", months, want)
	}
	july := parseHTML(t, renderPath(t, tm, s, "topics/talks/2025/07/index.html"))
	if got := texts(allIn(all(july, "li.tl-entry"), "h3")); strings.Join(got, ",") != "S1,S2,S3" {
		t.Errorf("July's entries: %v", got)
	}
	if n := len(all(july, "p.tl-meta")); n != 0 {
		t.Errorf("entries with no time and no badge have %d empty p.tl-meta", n)
	}
	nav := one(t, july, "nav.month-nav")
	if p, n := attrs(all(nav, "a[rel=prev]"), "href"), attrs(all(nav, "a[rel=next]"), "href"); len(p) != 1 || p[0] != "/digest/topics/talks/2025/06/" || len(n) != 1 || n[0] != "/digest/topics/talks/2025/08/" {
		t.Errorf("July's month links: %v %v", p, n)
	}
	if got := texts(all(july, "a[rel=next]")); !strings.Contains(strings.Join(got, ","), "Later") {
		t.Errorf("a timeline month's pager goes later, not older: %v", got)
	}
	archive := parseHTML(t, renderPath(t, tm, s, "archive/index.html"))
	if got := texts(allIn(all(archive, "ol.months"), "time")); strings.Join(got, ",") != "August 2025,July 2025,June 2025" {
		t.Errorf("archive months: %v", got)
	}
}

func TestEditionFeedsAndPage(t *testing.T) {
	fsys := listsSite()
	s, tm := buildSite(t, fsys), loadTemplates(t, fsys)
	for _, p := range feedPaths("editions/") {
		f := parseFeed(t, p, renderPath(t, tm, s, p))
		var got []string
		for _, it := range f.Items {
			got = append(got, it.Title+" → "+it.Link)
		}
		want := []string{
			"Saturday 2 August 2025 → " + base + "editions/2025-08-02/",
			"Friday 1 August 2025 → " + base + "editions/2025-08-01/",
			"Thursday 31 July 2025 → " + base + "editions/2025-07-31/",
			"Wednesday 9 July 2025 → " + base + "editions/2025-07-09/",
			"Wednesday 2 July 2025 → " + base + "editions/2025-07-02/",
			"Monday 30 June 2025 → " + base + "editions/2025-06-30/",
		}
		if strings.Join(got, "\n") != strings.Join(want, "\n") {
			t.Errorf("%s: entries\n%s\nwant\n%s", p, strings.Join(got, "\n"), strings.Join(want, "\n"))
			continue
		}
		// One entry per edition: its headlines and the note, links absolute.
		c := parseFragment(t, f.Items[3].Content)
		if got := texts(allIn(all(c, "li"), "a")); strings.Join(got, ",") != "S3,S2" && strings.Join(got, ",") != "S2,S3" {
			t.Errorf("%s: the 9 July edition lists %v", p, got)
		}
		if got := attrs(all(c, "a"), "href"); got[0] != base+"topics/talks/" {
			t.Errorf("%s: the note's link is %q, want it absolute", p, got[0])
		}
		if !strings.Contains(f.Items[3].Description, "A note <b>title</b>") {
			t.Errorf("%s: summary %q", p, f.Items[3].Description)
		}
	}
	doc := parseHTML(t, renderPath(t, tm, s, "editions/2025-07-09/index.html"))
	if got := text(one(t, one(t, doc, "section.edition-note"), "h2")); got != "A note <b>title</b>" {
		t.Errorf("note title %q", got)
	}
	if p, n := attrs(all(doc, "a[rel=prev]"), "href"), attrs(all(doc, "a[rel=next]"), "href"); len(p) != 1 || p[0] != "/digest/editions/2025-07-02/" || len(n) != 1 || n[0] != "/digest/editions/2025-07-31/" {
		t.Errorf("edition links: %v %v", p, n)
	}
}
