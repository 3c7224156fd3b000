package main

import (
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"
)

var titleLineRE = regexp.MustCompile(`(?m)^title: "(.*)"$`)

// TestSampleSite builds the repository's own sample digest and checks that
// every article has its page with its headline.
func TestSampleSite(t *testing.T) {
	dir := copySite(t)
	mustBuild(t, dir)
	public := filepath.Join(dir, "public")
	files, _ := filepath.Glob(filepath.Join(dir, "content/articles/*.md"))
	if len(files) < 5 {
		t.Fatalf("sample has %d articles, want at least 5", len(files))
	}
	for _, f := range files {
		base := strings.TrimSuffix(filepath.Base(f), ".md")
		page := filepath.Join(public, base[:4], base[5:7], base[8:10], base[11:], "index.html")
		src, _ := os.ReadFile(f)
		m := titleLineRE.FindSubmatch(src)
		if m == nil {
			t.Fatalf("%s: no title line", f)
		}
		h1 := findAll(parseHTML(t, page), byTag("h1"))
		if len(h1) != 1 {
			t.Fatalf("%s: %d h1 elements", page, len(h1))
		}
		// Headlines get typographic apostrophes.
		want := strings.ReplaceAll(string(m[1]), "'", "’")
		if got := text(h1[0]); got != want {
			t.Errorf("%s: h1 %q, want %q", page, got, want)
		}
	}
}

func TestSampleSiteLinksResolve(t *testing.T) {
	dir := copySite(t)
	mustBuild(t, dir)
	if n := crawl(t, filepath.Join(dir, "public"), "/"); n < 300 {
		t.Errorf("checked only %d references; the crawl is not seeing the site", n)
	}
}

func TestTimelineInDateOrderWithMilestones(t *testing.T) {
	dir := copySite(t)
	mustBuild(t, dir)
	doc := parseHTML(t, filepath.Join(dir, "public/topics/ukraine-peace-talks/index.html"))
	tl := findAll(doc, byClass("timeline"))
	if len(tl) != 1 || tl[0].Data != "ol" {
		t.Fatalf("want one ol.timeline, got %d", len(tl))
	}
	var days []string
	for _, day := range findAll(tl[0], byClass("tl-day")) {
		times := findAll(findAll(day, byTag("h2"))[0], byTag("time"))
		d, _ := attr(times[0], "datetime")
		days = append(days, d)
	}
	want := []string{"2025-07-28", "2025-08-06", "2025-08-08", "2025-08-15", "2025-08-18", "2025-08-19", "2025-08-24", "2025-08-28", "2025-09-04", "2025-09-07"}
	if !slices.Equal(days, want) {
		t.Errorf("timeline days %v, want %v", days, want)
	}
	var milestones []string
	for _, e := range findAll(tl[0], byClass("tl-entry")) {
		if hasClass(e, "milestone") {
			if !strings.Contains(text(e), "Milestone") {
				t.Errorf("milestone entry without its label: %q", text(e))
			}
			day := e.Parent.Parent
			d, _ := attr(day, "id")
			milestones = append(milestones, d)
		}
		if len(findAll(e, byTag("h3"))) != 1 || len(findAll(e, byClass("dek"))) != 1 || !strings.Contains(text(e), "Source:") {
			t.Errorf("entry lacks headline, dek or source: %q", text(e))
		}
	}
	if !slices.Equal(milestones, []string{"d-2025-08-15", "d-2025-08-18", "d-2025-09-04"}) {
		t.Errorf("milestones on %v", milestones)
	}
	meta := text(findAll(doc, byClass("meta"))[0])
	if !strings.Contains(meta, "10 items, 28 Jul – 7 Sep 2025 · 3 milestones") {
		t.Errorf("count and span %q", meta)
	}
	if intro := findAll(doc, byClass("intro")); len(intro) != 1 || !strings.Contains(text(intro[0]), "Alaska") {
		t.Error("the story-so-far introduction is missing")
	}
}

func TestHomeGroupsByDay(t *testing.T) {
	dir := copySite(t)
	mustBuild(t, dir)
	doc := parseHTML(t, filepath.Join(dir, "public/index.html"))
	var days []string
	for _, d := range findAll(doc, byClass("day")) {
		h := findAll(d, byTag("h2"))
		if len(h) != 1 {
			t.Fatalf("day without its heading")
		}
		dt, _ := attr(findAll(h[0], byTag("time"))[0], "datetime")
		days = append(days, dt)
		for _, it := range findAll(d, byClass("item")) {
			if len(findAll(it, byClass("dek"))) == 0 || !strings.Contains(text(it), "Source:") {
				t.Errorf("item without dek or source: %q", text(it))
			}
			if len(findAll(it, byClass("topic"))) == 0 {
				t.Errorf("item without its topics: %q", text(it))
			}
		}
	}
	want := []string{"2025-09-07", "2025-09-04", "2025-08-28", "2025-08-24", "2025-08-19", "2025-08-18", "2025-08-15", "2025-08-08", "2025-08-06", "2025-07-28"}
	if !slices.Equal(days, want) {
		t.Errorf("home days %v, want %v (newest first)", days, want)
	}
}

func TestArticlePage(t *testing.T) {
	dir := copySite(t)
	mustBuild(t, dir)
	page := "/2025/08/15/alaska-summit/"
	doc := parseHTML(t, filepath.Join(dir, "public", page, "index.html"))
	credit := findAll(doc, byClass("credit"))
	if len(credit) != 1 || !strings.Contains(text(credit[0]), "Businessday") {
		t.Fatalf("source credit missing")
	}
	if a := findAll(credit[0], byTag("a")); len(a) != 1 {
		t.Error("source credit has no link")
	} else if href, _ := attr(a[0], "href"); href != "https://businessday.ng/" {
		t.Errorf("source link %q", href)
	}
	tags := text(findAll(doc, byClass("article-footer"))[0])
	for _, w := range []string{"Ukraine peace talks", "Vladimir Putin", "Sergei Lavrov", "Anchorage"} {
		if !strings.Contains(tags, w) {
			t.Errorf("article footer lacks %q: %s", w, tags)
		}
	}
	related := findAll(doc, byClass("related"))
	if len(related) != 1 {
		t.Fatal("no 'More on this story'")
	}
	links := findAll(related[0], byTag("h3"))
	if len(links) == 0 || len(links) > 5 {
		t.Errorf("%d related items", len(links))
	}
	for _, l := range findAll(related[0], byTag("a")) {
		if href, _ := attr(l, "href"); href == page {
			t.Error("related lists the article itself")
		}
	}
	pn := findAll(doc, byClass("prevnext"))
	if len(pn) != 1 {
		t.Fatal("no previous/next navigation")
	}
	var rels []string
	for _, a := range findAll(pn[0], byTag("a")) {
		r, _ := attr(a, "rel")
		h, _ := attr(a, "href")
		rels = append(rels, r+" "+h)
	}
	want := []string{"prev /2025/08/08/trump-to-meet-putin-in-alaska/", "next /2025/08/18/zelensky-and-european-leaders-at-white-house/"}
	if !slices.Equal(rels, want) {
		t.Errorf("prev/next %v, want %v", rels, want)
	}
}

// TestDeterministic builds the site twice, the second time with the
// machine in another time zone, and compares the trees byte for byte.
func TestDeterministic(t *testing.T) {
	dir := copySite(t)
	mustBuild(t, dir)
	a := snapshot(t, filepath.Join(dir, "public"))
	saved := time.Local
	defer func() { time.Local = saved }()
	la, err := time.LoadLocation("America/Los_Angeles")
	if err != nil {
		t.Fatal(err)
	}
	time.Local = la
	dir2 := copySite(t)
	// The same input: files copied as they are are known by their size
	// and modification time (the manifest keeps them), so the copies get
	// the first's times.
	err = filepath.WalkDir(dir, func(p string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() || strings.HasPrefix(p, filepath.Join(dir, "public")) {
			return err
		}
		info, err := d.Info()
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(dir, p)
		if err := os.Chtimes(filepath.Join(dir2, rel), info.ModTime(), info.ModTime()); !os.IsNotExist(err) {
			return err
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	mustBuild(t, dir2)
	b := snapshot(t, filepath.Join(dir2, "public"))
	sameTree(t, a, b, false)
}

// TestRebuildTouchesNothing: a second build of unchanged input changes no
// file's bytes or modification time.
func TestRebuildTouchesNothing(t *testing.T) {
	dir := copySite(t)
	mustBuild(t, dir)
	before := snapshot(t, filepath.Join(dir, "public"))
	time.Sleep(20 * time.Millisecond)
	_, out, _ := digestRun(t, "build", "-s", dir)
	if !strings.Contains(out, "nothing changed") {
		t.Errorf("summary does not say nothing changed: %q", out)
	}
	sameTree(t, before, snapshot(t, filepath.Join(dir, "public")), true)
}

func TestStaleOutputRemoved(t *testing.T) {
	dir := copySite(t)
	mustBuild(t, dir)
	gone := filepath.Join(dir, "public/2025/08/08/trump-to-meet-putin-in-alaska/index.html")
	if _, err := os.Stat(gone); err != nil {
		t.Fatal(err)
	}
	if err := os.Remove(filepath.Join(dir, "content/articles/2025-08-08-trump-to-meet-putin-in-alaska.md")); err != nil {
		t.Fatal(err)
	}
	mustBuild(t, dir)
	if _, err := os.Stat(gone); !os.IsNotExist(err) {
		t.Error("the deleted item's page is still there")
	}
	if n := crawl(t, filepath.Join(dir, "public"), "/"); n == 0 {
		t.Error("nothing crawled")
	}
}
