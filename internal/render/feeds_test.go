package render_test

import (
	"encoding/json"
	"encoding/xml"
	"fmt"
	"net/url"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"github.com/mmcdole/gofeed"

	"digest/internal/render"
)

// parseFeed parses a rendered feed with a feed reader's parser.
func parseFeed(t testing.TB, path string, b []byte) *gofeed.Feed {
	t.Helper()
	f, err := gofeed.NewParser().ParseString(string(b))
	if err != nil {
		t.Fatalf("%s does not parse: %v\n%s", path, err, b)
	}
	return f
}

// feedPaths are the three formats of a feed in dir.
func feedPaths(dir string) []string {
	return []string{dir + "feed.xml", dir + "atom.xml", dir + "feed.json"}
}

func kyivTime(month time.Month, day, hour, min int) time.Time {
	return time.Date(2025, month, day, hour, min, 0, 0, kyiv)
}

func TestSiteFeeds(t *testing.T) {
	fsys := testSite()
	s, tm := buildSite(t, fsys), loadTemplates(t, fsys)
	type item struct {
		title, link, id string
		published       time.Time
		updated         time.Time // zero: not given
		categories      string
	}
	want := []item{
		{"Other news", base + "2025/08/20/other/", base + "2025/08/20/other/", kyivTime(8, 20, 0, 30), time.Time{}, ""},
		{"Reaction pours in", base + "2025/08/15/reaction/", base + "2025/08/15/reaction/", kyivTime(8, 15, 21, 0), kyivTime(8, 16, 9, 0), "Alaska summit"},
		{"Leaders meet in Anchorage", base + "2025/08/15/summit/", base + "2025/08/15/summit/", kyivTime(8, 15, 0, 0), time.Time{}, "Alaska summit"},
		{"Summit announced", base + "2025/08/08/announced/", "tag:news.example.org,2025-08-08:announced", kyivTime(8, 8, 18, 30), time.Time{}, "Alaska summit"},
	}
	summaries := map[string]string{}
	for _, a := range s.Articles {
		summaries[a.Title] = a.Summary
	}
	if summaries["Other news"] != "Something else happened." {
		t.Fatalf("summaries: %q", summaries)
	}

	for _, path := range feedPaths("") {
		t.Run(path, func(t *testing.T) {
			f := parseFeed(t, path, renderPath(t, tm, s, path))
			if f.Title != "Test Digest" || f.Description != "News under test." || f.Link != base || f.FeedLink != base+path || f.Language != "en" {
				t.Errorf("feed: title %q, description %q, link %q, feed link %q, language %q", f.Title, f.Description, f.Link, f.FeedLink, f.Language)
			}
			if path != "feed.json" { // JSON Feed has no date of its own
				if f.UpdatedParsed == nil || !f.UpdatedParsed.Equal(kyivTime(8, 20, 0, 30)) {
					t.Errorf("feed updated %v, want the newest item's date", f.UpdatedParsed)
				}
			}
			var got []item
			for _, it := range f.Items {
				var pub, upd time.Time
				if it.PublishedParsed != nil {
					pub = *it.PublishedParsed
				}
				if it.UpdatedParsed != nil && !it.UpdatedParsed.Equal(pub) {
					upd = *it.UpdatedParsed
				}
				got = append(got, item{it.Title, it.Link, it.GUID, pub, upd, strings.Join(it.Categories, ", ")})
				if it.Description != summaries[it.Title] {
					t.Errorf("%s: summary %q, want %q", it.Title, it.Description, summaries[it.Title])
				}
			}
			if len(got) != len(want) {
				t.Fatalf("%d items, want %d:\n%+v", len(got), len(want), got)
			}
			for i := range want {
				g, w := got[i], want[i]
				if path == "feed.xml" {
					w.updated = time.Time{} // RSS has no date of update
				}
				if g.title != w.title || g.link != w.link || g.id != w.id || !g.published.Equal(w.published) ||
					!g.updated.Equal(w.updated) || g.categories != w.categories {
					t.Errorf("item %d:\n got  %+v\n want %+v", i, g, w)
				}
			}

			// Full content, every link in it absolute.
			for _, it := range f.Items {
				c := parseFragment(t, it.Content)
				for _, n := range append(all(c, "[href]"), all(c, "[src]")...) {
					for _, k := range []string{"href", "src"} {
						if v, ok := attrOK(n, k); ok {
							if u, err := url.Parse(v); err != nil || !u.IsAbs() {
								t.Errorf("%s: %s %q is not absolute", it.Title, k, v)
							}
						}
					}
				}
			}
			announced := parseFragment(t, f.Items[3].Content)
			equal(t, "links of announced", links(announced), []string{
				"announced → " + base + "topics/alaska-summit/", "Reuters → https://reuters.example/a"})
			equal(t, "images of announced", attrs(all(announced, "img"), "src"), []string{base + "2025/08/08/announced/img/map.png"})
			summit := parseFragment(t, f.Items[2].Content)
			if got := text(summit); !strings.HasPrefix(got, "They met at the base.1") || !strings.Contains(got, "Joint Base Elmendorf-Richardson.") ||
				!strings.HasSuffix(got, "Source: AP, Local paper") {
				t.Errorf("content of summit: %q", got)
			}
			equal(t, "footnote links of summit", attrs(all(summit, "a.footnote-ref"), "href"), []string{base + "2025/08/15/summit/#fn:1"})
		})
	}
}

func TestTopicFeeds(t *testing.T) {
	fsys := testSite()
	s, tm := buildSite(t, fsys), loadTemplates(t, fsys)
	for _, path := range feedPaths("topics/alaska-summit/") {
		f := parseFeed(t, path, renderPath(t, tm, s, path))
		if f.Title != "Alaska summit · Test Digest" || f.Description != "The road to the summit." ||
			f.Link != base+"topics/alaska-summit/" || f.FeedLink != base+path {
			t.Errorf("%s: title %q, description %q, link %q, feed link %q", path, f.Title, f.Description, f.Link, f.FeedLink)
		}
		var titles []string
		for _, it := range f.Items {
			titles = append(titles, it.Title)
		}
		equal(t, path+": items", titles, []string{"Reaction pours in", "Leaders meet in Anchorage", "Summit announced"})
	}
}

func TestFeedSettings(t *testing.T) {
	fsys := testSite()
	fsys["content/_index.md"] = file("---\ntitle: Test Digest\nbase_url: " + base + "\ntimezone: Europe/Kyiv\nfeed_items: 2\nfeed_content: summary\n---\n")
	s, tm := buildSite(t, fsys), loadTemplates(t, fsys)
	for _, path := range feedPaths("") {
		f := parseFeed(t, path, renderPath(t, tm, s, path))
		var got []string
		for _, it := range f.Items {
			got = append(got, it.Title+": "+it.Content)
		}
		want := []string{"Other news: ", "Reaction pours in: "}
		if path == "feed.json" { // content_text is required: the summary
			want = []string{"Other news: Something else happened.", "Reaction pours in: Reactions from around the world."}
		}
		equal(t, path+": items and content", got, want)
		if f.Description != "" && f.Description != "Test Digest" {
			t.Errorf("%s: description %q for a site without one", path, f.Description)
		}
	}
}

// cdataSite has an article whose HTML holds "]]>", which ends a CDATA
// section, in its text and, with raw HTML allowed, in an attribute.
func cdataSite() fstest.MapFS {
	return fstest.MapFS{
		"content/_index.md": file("---\ntitle: CDATA\nbase_url: https://news.example.org/\nunsafe_html: true\n---\n"),
		"content/articles/2025-08-20-cdata.md": file("---\ntitle: Ends ]]> early\ndate: 2025-08-20\nsummary: A ]]> summary\n---\n" +
			"Text with ]]> in it.\n\n<p class=\"raw\" title=\"a]]>b\">raw ]]> and ]]]]> end</p>\n\n<![CDATA[ inner ]]>\n"),
	}
}

func TestFeedCDATA(t *testing.T) {
	fsys := cdataSite()
	s, tm := buildSite(t, fsys), loadTemplates(t, fsys)
	a := article(t, s, "2025-08-20-cdata.md")
	body, err := a.Body()
	if err != nil || !strings.Contains(string(body), `title="a]]>b"`) {
		t.Fatalf("the body does not hold ]]> as raw HTML: %s (%v)", body, err)
	}
	for _, path := range feedPaths("") {
		b := renderPath(t, tm, s, path)
		f := parseFeed(t, path, b)
		if len(f.Items) != 1 {
			t.Fatalf("%s: %d items", path, len(f.Items))
		}
		it := f.Items[0]
		if it.Title != "Ends ]]> early" || it.Description != "A ]]> summary" {
			t.Errorf("%s: title %q, summary %q", path, it.Title, it.Description)
		}
		if !strings.HasPrefix(it.Content, string(body)) {
			t.Errorf("%s: content does not begin with the body:\n got  %q\n want %q", path, it.Content, body)
		}
		c := parseFragment(t, it.Content)
		raw := one(t, c, "p.raw")
		if attr(raw, "title") != "a]]>b" || text(raw) != "raw ]]> and ]]]]> end" {
			t.Errorf("%s: raw paragraph %q titled %q", path, text(raw), attr(raw, "title"))
		}
	}

	// A strict XML reader gets the same HTML back.
	var rss struct {
		Items []struct {
			Content string `xml:"http://purl.org/rss/1.0/modules/content/ encoded"`
		} `xml:"channel>item"`
	}
	if err := xml.Unmarshal(renderPath(t, tm, s, "feed.xml"), &rss); err != nil || len(rss.Items) != 1 {
		t.Fatalf("RSS: %v, %d items", err, len(rss.Items))
	}
	var atom struct {
		Entries []struct {
			Content struct {
				Type string `xml:"type,attr"`
				Text string `xml:",chardata"`
			} `xml:"content"`
		} `xml:"entry"`
	}
	if err := xml.Unmarshal(renderPath(t, tm, s, "atom.xml"), &atom); err != nil || len(atom.Entries) != 1 {
		t.Fatalf("Atom: %v, %d entries", err, len(atom.Entries))
	}
	var jf struct {
		Items []struct {
			ContentHTML string `json:"content_html"`
		} `json:"items"`
	}
	if err := json.Unmarshal(renderPath(t, tm, s, "feed.json"), &jf); err != nil || len(jf.Items) != 1 {
		t.Fatalf("JSON Feed: %v", err)
	}
	if rss.Items[0].Content != atom.Entries[0].Content.Text || rss.Items[0].Content != jf.Items[0].ContentHTML ||
		!strings.HasPrefix(rss.Items[0].Content, string(body)) || atom.Entries[0].Content.Type != "html" {
		t.Errorf("the formats disagree on the content:\nRSS  %q\nAtom %q (%s)\nJSON %q", rss.Items[0].Content,
			atom.Entries[0].Content.Text, atom.Entries[0].Content.Type, jf.Items[0].ContentHTML)
	}
}

// bigSite has articles whose bodies or summaries are each about size
// bytes long.
func bigSite(n, size int, inSummary bool) fstest.MapFS {
	files := fstest.MapFS{"content/_index.md": file("---\ntitle: Big\nbase_url: https://news.example.org/\n---\n")}
	para := strings.Repeat("word ", 19) + "end.\n\n" // 100 bytes
	for i := range n {
		name := fmt.Sprintf("content/articles/2025-08-%02d-big-%d.md", 10+i, i)
		long := strings.Repeat(para, size/len(para))
		if inSummary {
			files[name] = file(fmt.Sprintf("---\ntitle: Big %d\ndate: 2025-08-%02d\nsummary: %q\n---\nShort.\n", i, 10+i, strings.ReplaceAll(long, "\n", " ")))
		} else {
			files[name] = file(fmt.Sprintf("---\ntitle: Big %d\ndate: 2025-08-%02d\nsummary: Big item %d.\n---\n%s", i, 10+i, i, long))
		}
	}
	return files
}

func TestFeedSizeLimit(t *testing.T) {
	// Three bodies of 400 kB: full content fits for the newest only.
	fsys := bigSite(3, 400<<10, false)
	s, tm := buildSite(t, fsys), loadTemplates(t, fsys)
	for _, path := range feedPaths("") {
		b := renderPath(t, tm, s, path)
		if len(b) > render.MaxFeedSize {
			t.Errorf("%s is %d bytes, over %d", path, len(b), render.MaxFeedSize)
		}
		var got []string
		for _, it := range parseFeed(t, path, b).Items {
			got = append(got, fmt.Sprintf("%s: %t", it.Title, len(it.Content) > 300<<10))
		}
		equal(t, path+": items with full content", got, []string{"Big 2: true", "Big 1: false", "Big 0: false"})
	}

	// Summaries of 400 kB: the oldest items go.
	fsys = bigSite(3, 400<<10, true)
	s, tm = buildSite(t, fsys), loadTemplates(t, fsys)
	for _, path := range []string{"feed.xml", "atom.xml"} {
		b := renderPath(t, tm, s, path)
		if len(b) > render.MaxFeedSize {
			t.Errorf("%s is %d bytes, over %d", path, len(b), render.MaxFeedSize)
		}
		items := parseFeed(t, path, b).Items
		if len(items) == 0 || len(items) == 3 {
			t.Fatalf("%s: %d items", path, len(items))
		}
		for i, it := range items {
			if want := fmt.Sprintf("Big %d", 2-i); it.Title != want || it.Content != "" {
				t.Errorf("%s: item %d is %q with %d bytes of content, want %q, its summary only", path, i, it.Title, len(it.Content), want)
			}
		}
	}
}

// TestFeedLinksAbsoluteWhateverTheirSpelling: raw HTML's links and image
// candidates become absolute in feeds however their attributes are
// written.
func TestFeedLinksAbsoluteWhateverTheirSpelling(t *testing.T) {
	for _, body := range []string{`<p><A HREF="/topics/x/">upper</A></p>`, `<p><a href = "/topics/x/">spaced</a></p>`,
		`<p><img alt="x" srcset="/img/a-480.jpg 480w, img/a-960.jpg 960w"></p>`} {
		fsys := testSite()
		fsys["content/_index.md"] = file("---\ntitle: T\nbase_url: https://news.example.org/\nunsafe_html: true\n---\n")
		fsys["content/articles/2025-08-21-raw.md"] = file("---\ntitle: Raw\ndate: 2025-08-21\nsummary: Raw.\n---\n" + body + "\n")
		s, tm := buildSite(t, fsys), loadTemplates(t, fsys)
		f := parseFeed(t, "feed.xml", renderPath(t, tm, s, "feed.xml"))
		c := parseFragment(t, f.Items[0].Content)
		for _, a := range all(c, "a[href]") {
			if h := attr(a, "href"); !strings.HasPrefix(h, "https://") {
				t.Errorf("%s: link %q in the feed is not absolute", body, h)
			}
		}
		imgs := all(c, "img[srcset]")
		if strings.Contains(body, "srcset") && len(imgs) != 1 {
			t.Fatalf("%s: the image is not in the feed", body)
		}
		for _, img := range imgs {
			want := "https://news.example.org/img/a-480.jpg 480w, https://news.example.org/2025/08/21/raw/img/a-960.jpg 960w"
			if got := attr(img, "srcset"); got != want {
				t.Errorf("srcset %q, want %q", got, want)
			}
		}
	}
}
