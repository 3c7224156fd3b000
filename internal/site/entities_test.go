package site_test

import (
	"strings"
	"testing"

	"digest/internal/site"
)

func TestPeopleAndPlaces(t *testing.T) {
	s := build(t, map[string]string{
		"articles/2025-08-10-a1.md": item("A1", "2025-08-10",
			"people: [Volodymyr Zelensky, Donald Trump]", "places: [Kyiv, bakhmut]"),
		"articles/2025-08-12-a2.md": item("A2", "2025-08-12",
			"people: [Volodymyr Zelensky]", "places: [Anchorage, Kyiv]"),
		"articles/2025-08-14-a3.md": item("A3", "2025-08-14",
			"people: [volodymyr zelensky, Vladimir Putin]", "places: [Anchorage]"),
		"articles/2025-08-16-a4.md": item("A4", "2025-08-16"),
	}, site.Options{})

	tests := []struct {
		path, name, kind string
		articles         []string
		span             string
	}{
		{"people/volodymyr-zelensky/index.html", "Volodymyr Zelensky", "people", []string{"A3", "A2", "A1"}, "10–14 Aug 2025"},
		{"people/donald-trump/index.html", "Donald Trump", "people", []string{"A1"}, "10 Aug 2025"},
		{"people/vladimir-putin/index.html", "Vladimir Putin", "people", []string{"A3"}, "14 Aug 2025"},
		{"places/kyiv/index.html", "Kyiv", "places", []string{"A2", "A1"}, "10–12 Aug 2025"},
		{"places/anchorage/index.html", "Anchorage", "places", []string{"A3", "A2"}, "12–14 Aug 2025"},
		{"places/bakhmut/index.html", "bakhmut", "places", []string{"A1"}, "10 Aug 2025"},
	}
	for _, tt := range tests {
		v := page[*site.TermView](t, s, tt.path)
		e := v.Term
		url := "/" + strings.TrimSuffix(tt.path, "index.html")
		if v.Kind != site.KindTerm || v.Title != tt.name || v.URL != url {
			t.Errorf("%s: Kind %q Title %q URL %q, want term %q %q", tt.path, v.Kind, v.Title, v.URL, tt.name, url)
		}
		if e.Name != tt.name || e.Kind != tt.kind || e.URL != url || e.Count != len(tt.articles) || e.Span != tt.span {
			t.Errorf("%s: entity %q kind %q URL %q Count %d Span %q, want %q %q %q %d %q",
				tt.path, e.Name, e.Kind, e.URL, e.Count, e.Span, tt.name, tt.kind, url, len(tt.articles), tt.span)
		}
		equal(t, tt.path+" articles", titles(e.Articles), tt.articles)
		var onDays []string
		for _, d := range e.Days {
			onDays = append(onDays, titles(d.Articles)...)
		}
		equal(t, tt.path+" days", onDays, tt.articles)
	}

	// One page for the three spellings of one name, under the majority
	// spelling, and one warning about the minority one.
	ws := withCode(s.Diags, "name-spelling")
	if len(ws) != 1 {
		t.Fatalf("name-spelling diagnostics:\n%s", diagText(ws))
	}
	w := ws[0]
	if w.File != "content/articles/2025-08-14-a3.md" || w.Line != 4 || w.Severity.String() != "warning" ||
		!strings.Contains(w.Message, `"volodymyr zelensky"`) || !strings.Contains(w.Message, `"Volodymyr Zelensky"`) {
		t.Errorf("name-spelling: %s", w)
	}
	if hasPage(s, "people/volodymyr-zelensky-2/index.html") || len(s.People) != 3 {
		t.Errorf("people: %d entities, pages %v", len(s.People), paths(s))
	}

	// Articles link the shared page under its shown name.
	a3 := article(t, s, "articles/2025-08-14-a3.md")
	want := site.Ref{Name: "Volodymyr Zelensky", Slug: "volodymyr-zelensky", URL: "/people/volodymyr-zelensky/"}
	if len(a3.People) != 2 || a3.People[0] != want {
		t.Errorf("A3 People = %+v, want first %+v", a3.People, want)
	}
	if a1 := article(t, s, "articles/2025-08-10-a1.md"); len(a1.Places) != 2 || a1.Places[1].URL != "/places/bakhmut/" {
		t.Errorf("A1 Places = %+v", a1.Places)
	}

	// The indexes, sorted by name whatever the case.
	people := page[*site.TermsView](t, s, "people/index.html")
	places := page[*site.TermsView](t, s, "places/index.html")
	names := func(es []*site.Entity) []string {
		var out []string
		for _, e := range es {
			out = append(out, e.Name)
		}
		return out
	}
	equal(t, "people index", names(people.Terms), []string{"Donald Trump", "Vladimir Putin", "Volodymyr Zelensky"})
	equal(t, "places index", names(places.Terms), []string{"Anchorage", "bakhmut", "Kyiv"})
	equal(t, "s.People", names(s.People), names(people.Terms))
	equal(t, "s.Places", names(s.Places), names(places.Terms))
	if people.Kind != site.KindTerms || people.URL != "/people/" || places.Kind != site.KindTerms || places.URL != "/places/" {
		t.Errorf("indexes: %q %q, %q %q", people.Kind, people.URL, places.Kind, places.URL)
	}
}

func TestPeopleIndexWithoutPeople(t *testing.T) {
	s := build(t, map[string]string{"articles/2025-08-10-a.md": item("A", "2025-08-10")}, site.Options{})
	for _, p := range []string{"people/index.html", "places/index.html"} {
		if v := page[*site.TermsView](t, s, p); len(v.Terms) != 0 {
			t.Errorf("%s lists %d terms", p, len(v.Terms))
		}
	}
}

func TestTopics(t *testing.T) {
	s := build(t, map[string]string{
		"topics/sanctions.md":      topic("Sanctions", "description: Measures against Russia."),
		"topics/ceasefire.md":      topic("Ceasefire"),
		"articles/2025-08-10-a.md": item("A", "2025-08-10", "topics: [ukraine-peace-talks, ceasefire]"),
		"articles/2025-08-12-b.md": item("B", "2025-08-12", "topics: [ukraine-peace-talks]"),
		"articles/2025-08-11-c.md": item("C", "2025-08-11", "topics: [ceasefire]"),
	}, site.Options{})

	// A topic named by items but without a file.
	v := page[*site.TopicView](t, s, "topics/ukraine-peace-talks/index.html")
	if v.Title != "Ukraine peace talks" || v.Topic.Name != "Ukraine peace talks" || v.Topic.File != "" || v.Topic.Count != 2 {
		t.Errorf("ukraine-peace-talks: Title %q Name %q File %q Count %d", v.Title, v.Topic.Name, v.Topic.File, v.Topic.Count)
	}
	if v.Kind != site.KindTopic || v.URL != "/topics/ukraine-peace-talks/" || v.Feeds == nil || v.Feeds.RSS != "/topics/ukraine-peace-talks/feed.xml" {
		t.Errorf("ukraine-peace-talks page: Kind %q URL %q Feeds %+v", v.Kind, v.URL, v.Feeds)
	}
	nf := withCode(s.Diags, "topic-no-file")
	if len(nf) != 1 || !strings.Contains(nf[0].Message, "ukraine-peace-talks") || nf[0].Line != 4 ||
		!strings.HasPrefix(nf[0].File, "content/articles/") || nf[0].Severity.String() != "warning" {
		t.Errorf("topic-no-file diagnostics:\n%s", diagText(nf))
	}
	if a := article(t, s, "articles/2025-08-10-a.md"); a.Topics[0].Name != "Ukraine peace talks" || a.Topics[1].Name != "Ceasefire" {
		t.Errorf("A's topics: %+v", a.Topics)
	}

	// A topic file without items.
	e := page[*site.TopicView](t, s, "topics/sanctions/index.html")
	if e.Topic.Count != 0 || e.Topic.Span != "" || e.Topic.First != nil || len(e.Topic.Articles) != 0 || e.Title != "Sanctions" ||
		e.Description != "Measures against Russia." {
		t.Errorf("sanctions: Count %d Span %q Title %q Description %q", e.Topic.Count, e.Topic.Span, e.Title, e.Description)
	}
	te := withCode(s.Diags, "topic-empty")
	if len(te) != 1 || te[0].File != "content/topics/sanctions.md" || te[0].Severity.String() != "warning" {
		t.Errorf("topic-empty diagnostics:\n%s", diagText(te))
	}

	// The index lists every topic, latest activity first; the navigation
	// only those with a file, by title.
	idx := page[*site.TopicsView](t, s, "topics/index.html")
	var slugs []string
	for _, tp := range idx.Topics {
		slugs = append(slugs, tp.Slug)
	}
	equal(t, "topics index", slugs, []string{"ukraine-peace-talks", "ceasefire", "sanctions"})
	if idx.Kind != site.KindTopics || idx.URL != "/topics/" || idx.Title != "Topics" {
		t.Errorf("topics index: Kind %q URL %q Title %q", idx.Kind, idx.URL, idx.Title)
	}
	var nav []string
	for _, r := range s.Info.Nav {
		nav = append(nav, r.Name)
	}
	equal(t, "nav", nav, []string{"Ceasefire", "Sanctions"})
}

func TestTopicsIndexOnEmptySite(t *testing.T) {
	s := build(t, map[string]string{}, site.Options{})
	if v := page[*site.TopicsView](t, s, "topics/index.html"); len(v.Topics) != 0 {
		t.Errorf("empty site lists %d topics", len(v.Topics))
	}
	if len(s.Diags) != 0 {
		t.Errorf("empty site has diagnostics:\n%s", diagText(s.Diags))
	}
}
