package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/mmcdole/gofeed"
	"golang.org/x/net/html"
)

func TestTemplateOverride(t *testing.T) {
	dir := copySite(t)
	writeFile(t, dir, "templates/partials/sources.html", `<span class="source custom-credit">Reported by {{range .Sources}}{{.Name}}{{end}}</span>`)
	mustBuild(t, dir)
	doc := parseHTML(t, filepath.Join(dir, "public/2025/08/15/alaska-summit/index.html"))
	got := findAll(doc, byClass("custom-credit"))
	if len(got) == 0 || text(got[0]) != "Reported by Businessday" {
		t.Fatalf("the site's partial did not replace the theme's")
	}
	// Everything else still comes from the embedded theme.
	if len(findAll(doc, byClass("prevnext"))) != 1 {
		t.Error("the theme's article template is gone")
	}
}

func TestFrontMatterFormats(t *testing.T) {
	dir := copySite(t)
	writeFile(t, dir, "content/articles/2025-08-19-toml.md", "+++\ntitle = \"TOML item\"\ndate = 2025-08-19T10:30:00\ntopics = [\"ukraine-peace-talks\"]\n[source]\nname = \"Wire\"\n+++\nBody in TOML.\n")
	writeFile(t, dir, "content/articles/2025-08-19-json.md", "{\n  \"title\": \"JSON item\",\n  \"topics\": [\"ukraine-peace-talks\"],\n  \"source\": {\"name\": \"Wire\"}\n}\n\nBody in JSON.\n")
	writeFile(t, dir, "content/articles/2025-08-19-yaml.md", "---\ntitle: YAML item\ndate: 2025-08-19 09:15\ntopics: [ukraine-peace-talks]\n---\nBody in YAML.\n")
	mustBuild(t, dir)
	for slug, wantTime := range map[string]string{"toml": "10:30", "json": "", "yaml": "09:15"} {
		doc := parseHTML(t, filepath.Join(dir, "public/2025/08/19", slug, "index.html"))
		if h := text(findAll(doc, byTag("h1"))[0]); h != strings.ToUpper(slug)+" item" {
			t.Errorf("%s: h1 %q", slug, h)
		}
		dl := text(findAll(doc, byClass("dateline"))[0])
		if wantTime != "" && !strings.Contains(dl, wantTime) {
			t.Errorf("%s: dateline %q lacks %s", slug, dl, wantTime)
		}
		if wantTime == "" && strings.Contains(dl, ":") {
			t.Errorf("%s: a date from the file name has no time, got %q", slug, dl)
		}
	}
}

func TestDraftsAndFuture(t *testing.T) {
	dir := copySite(t)
	writeFile(t, dir, "content/articles/2025-08-19-draft.md", "---\ntitle: Draft item\ndraft: true\ntopics: [ukraine-peace-talks]\n---\nNot yet.\n")
	future := time.Now().AddDate(1, 0, 0).Format("2006-01-02")
	writeFile(t, dir, "content/articles/"+future+"-later.md", "---\ntitle: Later item\ntopics: [ukraine-peace-talks]\n---\nLater.\n")
	code, _, errs := digestRun(t, "build", "-s", dir)
	if code != 0 {
		t.Fatal(errs)
	}
	if !strings.Contains(errs, "future-dated") && !strings.Contains(errs, "after now") {
		t.Errorf("no warning about the future item: %s", errs)
	}
	if _, err := os.Stat(filepath.Join(dir, "public/2025/08/19/draft/index.html")); !os.IsNotExist(err) {
		t.Error("draft published without --drafts")
	}
	futurePage := filepath.Join(dir, "public", future[:4], future[5:7], future[8:10], "later/index.html")
	if _, err := os.Stat(futurePage); !os.IsNotExist(err) {
		t.Error("future item published without --future")
	}
	mustBuild(t, dir, "--drafts", "--future")
	doc := parseHTML(t, filepath.Join(dir, "public/2025/08/19/draft/index.html"))
	if b := findAll(doc, byClass("banner")); len(b) != 1 || !strings.Contains(text(b[0]), "Draft") {
		t.Error("draft page has no Draft banner")
	}
	if _, err := os.Stat(futurePage); err != nil {
		t.Error("future item missing with --future")
	}
	// "More on this story" never lists drafts or future items.
	summit := parseHTML(t, filepath.Join(dir, "public/2025/08/15/alaska-summit/index.html"))
	for _, a := range findAll(findAll(summit, byClass("related"))[0], byTag("a")) {
		if h, _ := attr(a, "href"); strings.Contains(h, "draft") || strings.Contains(h, "later") {
			t.Errorf("related lists %s", h)
		}
	}
}

func TestPermalinkPattern(t *testing.T) {
	dir := copySite(t)
	cfg, _ := os.ReadFile(filepath.Join(dir, "content/_index.md"))
	writeFile(t, dir, "content/_index.md", strings.Replace(string(cfg), "per_page: 20", "per_page: 2\npermalink: /news/:topic/:slug/", 1))
	mustBuild(t, dir)
	if _, err := os.Stat(filepath.Join(dir, "public/news/ukraine-peace-talks/alaska-summit/index.html")); err != nil {
		t.Fatal(err)
	}
	for _, p := range []string{"page/2/index.html", "page/3/index.html"} {
		if _, err := os.Stat(filepath.Join(dir, "public", p)); err != nil {
			t.Errorf("pagination: %v", err)
		}
	}
	crawl(t, filepath.Join(dir, "public"), "/")
}

// TestSubpath builds for a GitHub Pages project site and crawls every
// page and asset under that path.
func TestSubpath(t *testing.T) {
	dir := copySite(t)
	mustBuild(t, dir, "--base-url", "https://user.github.io/repo/")
	doc := parseHTML(t, filepath.Join(dir, "public/index.html"))
	canon := findAll(doc, func(n *html.Node) bool { r, _ := attr(n, "rel"); return n.Data == "link" && r == "canonical" })
	if h, _ := attr(canon[0], "href"); h != "https://user.github.io/repo/" {
		t.Errorf("canonical %q", h)
	}
	if n := crawl(t, filepath.Join(dir, "public"), "/repo/"); n < 300 {
		t.Errorf("only %d references", n)
	}
}

// TestFeedsReadByAFeedReader: every feed parses, newest first, with
// absolute links, and a reader gets the same HTML content from the RSS
// (CDATA), Atom (CDATA) and JSON Feed (unescaped) of the site.
func TestFeedsReadByAFeedReader(t *testing.T) {
	dir := copySite(t)
	mustBuild(t, dir)
	p := gofeed.NewParser()
	contents := map[string]map[string]string{} // feed file → item link → content
	for _, f := range []string{"feed.xml", "atom.xml", "feed.json", "topics/ukraine-peace-talks/feed.xml", "topics/us-russia-relations/atom.xml"} {
		fh, err := os.Open(filepath.Join(dir, "public", f))
		if err != nil {
			t.Fatal(err)
		}
		feed, err := p.Parse(fh)
		fh.Close()
		if err != nil {
			t.Fatalf("%s: %v", f, err)
		}
		if len(feed.Items) == 0 {
			t.Fatalf("%s: no items", f)
		}
		for i, it := range feed.Items {
			if !strings.HasPrefix(it.Link, "https://peace-talks-digest.netlify.app/") || it.GUID == "" || it.PublishedParsed == nil {
				t.Errorf("%s item %d: link %q guid %q published %v", f, i, it.Link, it.GUID, it.PublishedParsed)
			}
			if i > 0 && it.PublishedParsed.After(*feed.Items[i-1].PublishedParsed) {
				t.Errorf("%s: not newest first at item %d", f, i)
			}
			if strings.Contains(it.Content, `href="/`) {
				t.Errorf("%s: relative link left in item content", f)
			}
			if contents[f] == nil {
				contents[f] = map[string]string{}
			}
			contents[f][it.Link] = it.Content
		}
	}
	rss := contents["feed.xml"]
	for link, html := range rss {
		if !strings.Contains(html, "<p>") || strings.Contains(html, "&lt;p&gt;") {
			t.Errorf("RSS content of %s is not HTML: %.80q", link, html)
		}
		for _, f := range []string{"atom.xml", "feed.json"} {
			if got := contents[f][link]; got != html {
				t.Errorf("%s: content of %s differs from the RSS feed's:\n%.200q\nvs\n%.200q", f, link, got, html)
			}
		}
	}
	if len(rss) < 5 {
		t.Errorf("only %d items in feed.xml", len(rss))
	}
}

func TestNewAndInit(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "site")
	if code, _, errs := digestRun(t, "init", dir); code != 0 {
		t.Fatal(errs)
	}
	mustBuild(t, dir)
	crawl(t, filepath.Join(dir, "public"), "/")
	saved := now
	now = func() time.Time { return time.Date(2025, 8, 20, 9, 30, 0, 0, time.UTC) }
	defer func() { now = saved }()
	code, out, errs := digestRun(t, "new", "Talks resume in Geneva", "--topic", "my-story", "--source", "Reuters", "-s", dir)
	if code != 0 {
		t.Fatal(errs)
	}
	rel := "content/articles/2025-08-20-talks-resume-in-geneva.md"
	if !strings.Contains(out, filepath.FromSlash(rel)) {
		t.Errorf("output %q does not name the file", out)
	}
	b, err := os.ReadFile(filepath.Join(dir, rel))
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{`title: "Talks resume in Geneva"`, "date: 2025-08-20 09:30", "draft: true", "  - my-story", `name: "Reuters"`, `id: "tag:example.org,2025-08-20:talks-resume-in-geneva"`} {
		if !strings.Contains(string(b), want) {
			t.Errorf("new item lacks %q:\n%s", want, b)
		}
	}
	if code, _, _ := digestRun(t, "new", "Talks resume in Geneva", "-s", dir); code != exitError {
		t.Error("new overwrote an existing file")
	}
	mustBuild(t, dir, "--drafts")
	if _, err := os.Stat(filepath.Join(dir, "public/2025/08/20/talks-resume-in-geneva/index.html")); err != nil {
		t.Error("the new draft does not build")
	}
}

func TestUsageErrors(t *testing.T) {
	for _, args := range [][]string{{}, {"frobnicate"}, {"build", "--nope"}, {"build", "extra"}, {"new"}, {"check", "--format", "xml"}} {
		if code, _, _ := digestRun(t, args...); code != exitUsage {
			t.Errorf("digest %v: exit %d, want %d", args, code, exitUsage)
		}
	}
	for _, args := range [][]string{{"help"}, {"build", "-h"}, {"version"}} {
		if code, out, errs := digestRun(t, args...); code != 0 || out+errs == "" {
			t.Errorf("digest %v: exit %d", args, code)
		}
	}
}

// TestNewLongAndEmojiHeadlines: a 133-character Ukrainian headline makes
// a file (its slug cut between words to at most 80 bytes), and an emoji
// leaves no invisible character at the start of the slug.
func TestNewLongAndEmojiHeadlines(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "site")
	if code, _, errs := digestRun(t, "init", dir); code != 0 {
		t.Fatal(errs)
	}
	saved := now
	now = func() time.Time { return time.Date(2025, 8, 20, 9, 30, 0, 0, time.UTC) }
	defer func() { now = saved }()
	long := "Україна та Росія домовилися про новий раунд переговорів у Стамбулі, але сторони не узгодили ні порядку денного, ні складу делегацій…?"
	if n := utf8.RuneCountInString(long); n != 133 {
		t.Fatalf("headline has %d characters, want 133", n)
	}
	for headline, want := range map[string]string{
		long:                    "2025-08-20-україна-та-росія-домовилися-про-новий-раунд.md",
		"🕊️ Peace talks resume": "2025-08-20-peace-talks-resume.md",
	} {
		if code, _, errs := digestRun(t, "new", headline, "-s", dir); code != 0 {
			t.Fatalf("%q: %s", headline, errs)
		}
		if _, err := os.Stat(filepath.Join(dir, "content", "articles", want)); err != nil {
			entries, _ := os.ReadDir(filepath.Join(dir, "content", "articles"))
			t.Errorf("%q: %v; the folder has %v", headline, err, entries)
		}
	}
	mustBuild(t, dir, "--drafts")
}
