package site_test

import (
	"maps"
	"strings"
	"testing"

	"digest/internal/fingerprint"
	"digest/internal/site"
)

// fingerprints returns the fingerprint of every page, by path.
func fingerprints(s *site.Site) map[string]fingerprint.Sum {
	out := map[string]fingerprint.Sum{}
	for _, p := range s.Pages {
		out[p.Meta().Path] = fingerprint.Of(p)
	}
	return out
}

func fingerprintFiles() map[string]string {
	return map[string]string{
		"_index.md":           config("base_url: https://news.example.org/"),
		"topics/talks.md":     topic("Talks"),
		"topics/sanctions.md": topic("Sanctions"),
		"articles/2025-08-10-t1.md": itemBody("T1", "2025-08-10", "First paragraph.\n\nSecond paragraph.\n",
			"topics: [talks]", "people: [Ann Lee]", "places: [Kyiv]"),
		"articles/2025-08-12-t2.md": item("T2", "2025-08-12", "topics: [talks]", "people: [Ann Lee]"),
		"articles/2025-08-11-s1.md": item("S1", "2025-08-11", "topics: [sanctions]", "people: [Bob Roe]", "places: [Brussels]"),
		"articles/2025-08-13-s2.md": item("S2", "2025-08-13", "topics: [sanctions]"),
	}
}

func TestFingerprintsAreStable(t *testing.T) {
	a := fingerprints(build(t, fingerprintFiles(), site.Options{}))
	b := fingerprints(build(t, fingerprintFiles(), site.Options{}))
	if len(a) < 20 {
		t.Fatalf("only %d pages", len(a))
	}
	if !maps.Equal(a, b) {
		for p := range a {
			if a[p] != b[p] {
				t.Errorf("%s: fingerprint differs between two builds of the same content", p)
			}
		}
	}
	// Pages differ from one another.
	if a["2025/08/10/t1/index.html"] == a["2025/08/11/s1/index.html"] || a["topics/talks/index.html"] == a["topics/sanctions/index.html"] {
		t.Error("different pages have the same fingerprint")
	}
}

func TestFingerprintsFollowChanges(t *testing.T) {
	before := fingerprints(build(t, fingerprintFiles(), site.Options{}))
	files := fingerprintFiles()
	files["articles/2025-08-10-t1.md"] = itemBody("T1", "2025-08-10", "First paragraph.\n\nSecond paragraph, corrected.\n",
		"topics: [talks]", "people: [Ann Lee]", "places: [Kyiv]")
	after := fingerprints(build(t, files, site.Options{}))
	if len(before) != len(after) {
		t.Fatalf("%d pages before, %d after", len(before), len(after))
	}
	// The edit is below the first paragraph, which is the summary: only
	// the article's page and the feeds carrying its full text change.
	// Pages that list it show its teaser, which is the same.
	changed := []string{
		"2025/08/10/t1/index.html", // the article
		"topics/talks/feed.xml",    // its topic's feed
		"feed.json",                // the site's feed
	}
	unchanged := []string{
		"2025/08/12/t2/index.html",  // lists it as related and previous
		"index.html",                // lists it
		"topics/talks/index.html",   // its topic
		"topics/index.html",         // lists the topic
		"people/ann-lee/index.html", // names it
		"places/kyiv/index.html",    // names it
		"404.html",                  // lists the latest items
		"2025/08/11/s1/index.html",  // another topic, no shared people or places
		"2025/08/13/s2/index.html",
		"topics/sanctions/index.html",
		"topics/sanctions/feed.xml",
		"people/bob-roe/index.html",
		"places/brussels/index.html",
		"robots.txt",
	}
	for _, p := range changed {
		if before[p] == after[p] {
			t.Errorf("%s: fingerprint unchanged after editing T1's body", p)
		}
	}
	for _, p := range unchanged {
		if _, ok := before[p]; !ok {
			t.Fatalf("no page %s", p)
		}
		if before[p] != after[p] {
			t.Errorf("%s: fingerprint changed, though nothing it shows did", p)
		}
	}
}

// TestFingerprintsFollowHeadlines: a new headline is shown wherever the
// article is listed.
func TestFingerprintsFollowHeadlines(t *testing.T) {
	before := fingerprints(build(t, fingerprintFiles(), site.Options{}))
	files := fingerprintFiles()
	files["articles/2025-08-10-t1.md"] = itemBody("T1, revised", "2025-08-10", "First paragraph.\n\nSecond paragraph.\n",
		"topics: [talks]", "people: [Ann Lee]", "places: [Kyiv]")
	after := fingerprints(build(t, files, site.Options{}))
	for _, p := range []string{"2025/08/10/t1/index.html", "2025/08/12/t2/index.html", "index.html", "topics/talks/index.html",
		"topics/index.html", "people/ann-lee/index.html", "places/kyiv/index.html", "404.html", "feed.json"} {
		if before[p] == after[p] {
			t.Errorf("%s: fingerprint unchanged after a new headline", p)
		}
	}
	for _, p := range []string{"2025/08/11/s1/index.html", "topics/sanctions/index.html", "people/bob-roe/index.html"} {
		if before[p] != after[p] {
			t.Errorf("%s: fingerprint changed after another item's new headline", p)
		}
	}
}

func TestFingerprintFollowsTopicTitle(t *testing.T) {
	before := fingerprints(build(t, fingerprintFiles(), site.Options{}))
	files := fingerprintFiles()
	files["topics/talks.md"] = topic("Peace talks")
	after := fingerprints(build(t, files, site.Options{}))
	// The article shows its topic's name, though its own file is the same.
	for _, p := range []string{"2025/08/10/t1/index.html", "topics/talks/index.html", "topics/talks/feed.xml"} {
		if before[p] == after[p] {
			t.Errorf("%s: fingerprint unchanged after renaming its topic", p)
		}
	}
}

// TestFingerprintFollowsNameSpelling: an article's page shows each person
// and place under the spelling most items use, so another item that changes
// the majority changes the page though the article's own file is the same.
func TestFingerprintFollowsNameSpelling(t *testing.T) {
	tests := []struct {
		name, field string
		shown       func(a *site.Article) string
	}{
		{"people", "people: [Ann Lee]", func(a *site.Article) string { return a.People[0].Name }},
		{"places", "places: [Kyiv]", func(a *site.Article) string { return a.Places[0].Name }},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			files := map[string]string{
				"topics/talks.md":          topic("Talks"),
				"articles/2025-08-10-x.md": item("X", "2025-08-10", "topics: [talks]", "people: [ann lee]", "places: [kyiv]"),
				"articles/2025-08-11-y.md": item("Y", "2025-08-11", "topics: [talks]"),
				"articles/2025-08-12-w.md": item("W", "2025-08-12", "topics: [other]"),
			}
			s1 := build(t, files, site.Options{})
			// Z ties the count, and the capitalised spelling wins ties.
			files["articles/2025-06-01-z.md"] = item("Z", "2025-06-01", tt.field)
			s2 := build(t, files, site.Options{})

			x1, x2 := article(t, s1, "articles/2025-08-10-x.md"), article(t, s2, "articles/2025-08-10-x.md")
			if got1, got2 := tt.shown(x1), tt.shown(x2); strings.ToLower(got1) != got1 || got2 == got1 || strings.ToLower(got2) != got1 {
				t.Fatalf("X shows %q, then %q", got1, got2)
			}
			if fingerprint.Of(x1) == fingerprint.Of(x2) {
				t.Error("article fingerprint unchanged though a name on it is shown differently")
			}
			fp := func(s *site.Site, file string) fingerprint.Sum {
				return fingerprint.Of(page[*site.ArticleView](t, s, article(t, s, file).Path))
			}
			if fp(s1, "articles/2025-08-10-x.md") == fp(s2, "articles/2025-08-10-x.md") {
				t.Error("X's page: fingerprint unchanged though a name on it is spelled differently")
			}
			// Y lists X as related, by its teaser, which shows no names:
			// Y's page is the same.
			if fp(s1, "articles/2025-08-11-y.md") != fp(s2, "articles/2025-08-11-y.md") {
				t.Error("Y's page: fingerprint changed though the teaser of X it lists did not")
			}
			// W names nobody and lists neither X nor Z: its page is the same.
			if fp(s1, "articles/2025-08-12-w.md") != fp(s2, "articles/2025-08-12-w.md") {
				t.Error("W's page: fingerprint changed though nothing on it did")
			}
		})
	}
}
