package site

import (
	"cmp"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"

	"digest/internal/content"
	"digest/internal/diag"
	"digest/internal/fingerprint"
	"digest/internal/slug"
)

// Build makes the model of a site from its content.
func Build(c *content.Content, opts Options) *Site {
	memo := opts.Memo
	if memo == nil {
		memo = &Memo{}
	}
	memo.begin()
	cfg := c.Config
	s := &Site{Config: cfg}
	s.Info = &Info{
		Title: cfg.Title, Description: cfg.Description, Language: cfg.Language,
		BaseURL: cfg.BaseURL, BasePath: cfg.BasePath(), Timezone: cfg.TimezoneName,
		Generator: opts.Generator, Assets: opts.Assets, Params: cfg.Params, base: cfg.Base(),
	}
	s.Info.Feeds = Feeds{RSS: s.Info.URL("feed.xml"), Atom: s.Info.URL("atom.xml"), JSON: s.Info.URL("feed.json")}
	// What articles are made from, of the site: all of it but the
	// navigation, which depends on the topics and does not affect them.
	infoBase := fingerprint.Of(struct {
		Info      Info
		Permalink string
	}{*s.Info, cfg.Permalink})

	topicFiles := map[string]*content.Topic{}
	for _, t := range c.Topics {
		if topicFiles[t.Slug] == nil {
			topicFiles[t.Slug] = t
		}
	}
	topicRefs := map[string]Ref{}
	topicRef := func(sl string) Ref {
		if r, ok := topicRefs[sl]; ok {
			return r
		}
		name := slug.Title(sl)
		if t := topicFiles[sl]; t != nil {
			name = t.Title
		}
		r := Ref{Name: name, Slug: sl, URL: s.Info.URL("topics/" + sl + "/")}
		topicRefs[sl] = r
		return r
	}

	// Which items are published, and the names they use.
	people := newNames("people", memo)
	places := newNames("places", memo)
	var items []*content.Item
	future := map[*content.Item]bool{}
	for _, it := range c.Items {
		if it.Draft && !opts.Drafts {
			continue
		}
		f := it.Date.After(opts.Now)
		if f && (s.flipAt.IsZero() || it.Date.Before(s.flipAt)) {
			s.flipAt = it.Date
		}
		if f && !it.Draft {
			s.Diags.Add(diag.Diagnostic{File: it.File, Line: it.Line("date"), Severity: diag.Warning, Code: "future-date",
				Message: fmt.Sprintf("dated %s, after now: it will appear on the first build after that", it.Date.Format("2006-01-02 15:04 MST")),
				Hint:    "set draft: true to hold it back, or build with --future to preview it"})
		}
		if f && !opts.Future {
			continue
		}
		if it.ID == "" {
			s.Diags.Add(diag.Diagnostic{File: it.File, Line: it.Line("title"), Severity: diag.Warning, Code: "feed-id-missing",
				Message: "no id: feeds identify the item by its URL, so readers will show it again as new if its slug or date changes",
				Hint:    `add a line such as id: "tag:example.org,2025-08-15:alaska-summit" (digest new writes one)`})
		}
		future[it] = f
		items = append(items, it)
		for _, n := range it.People {
			people.add(n, it)
		}
		for _, n := range it.Places {
			places.add(n, it)
		}
	}
	people.resolve()
	places.resolve()
	s.Diags.Add(people.diags...)
	s.Diags.Add(places.diags...)

	// The articles, made again only when what they are made from changed.
	// Their keys, and those that are new, are made on every core.
	ins := make([]articleInputs, len(items))
	for i, it := range items {
		in := articleInputs{Item: it.Hash, Site: infoBase, Future: future[it]}
		for _, t := range it.Topics {
			in.Topics = append(in.Topics, topicRef(t))
		}
		for _, n := range it.People {
			in.People = append(in.People, people.ref(n, s.Info))
		}
		for _, n := range it.Places {
			in.Places = append(in.Places, places.ref(n, s.Info))
		}
		ins[i] = in
	}
	keys := make([]memoKey, len(items))
	parallel(len(items), func(i int) { keys[i] = memoKey{items[i].File, ins[i].sum()} })
	arts := make([]*Article, len(items))
	var missing []int
	for i, k := range keys {
		if a, ok := memo.cur.articles[k]; ok {
			arts[i] = a
		} else if a, ok := memo.prev.articles[k]; ok {
			arts[i], memo.cur.articles[k] = a, a
		} else {
			missing = append(missing, i)
		}
	}
	parallel(len(missing), func(j int) {
		i := missing[j]
		arts[i] = newArticle(s.Info, cfg.Permalink, items[i], ins[i])
	})
	for _, i := range missing {
		memo.cur.articles[keys[i]] = arts[i]
	}
	byFile := make(map[string]*Article, len(items))
	for i, it := range items {
		a := arts[i]
		if a.err != nil {
			s.Diags.Errorf(it.File, it.Line("slug"), "permalink", "%v", a.err)
			continue
		}
		byFile[it.File] = a
		s.Articles = append(s.Articles, a)
	}
	slices.SortFunc(s.Articles, newestFirst) // a total order: files differ

	s.People = people.entities(s.Info, s.Articles)
	s.Places = places.entities(s.Info, s.Articles)
	s.Topics = buildTopics(s, memo, c.Topics, c.Broken, topicRef)
	s.Info.Nav = menu(s, cfg)
	s.Info.fp = fingerprint.Of(*s.Info)
	s.Pages = buildPages(s, memo)
	s.Diags.Add(checkURLs(s.Pages)...)
	s.Diags.Add(checkLinks(s, c, memo, opts.StaticFiles)...)
	s.static, s.memo = opts.StaticFiles, memo
	return s
}

// articleInputs is everything an article is made from besides its item's
// bytes: the site's settings, whether it is dated in the future, and the
// names its links show.
type articleInputs struct {
	Item                   content.Hash
	Site                   fingerprint.Sum
	Future                 bool
	Topics, People, Places []Ref
}

// sum fingerprints the inputs, by hand rather than by reflection: a
// rebuild computes it for every item.
func (in articleInputs) sum() fingerprint.Sum {
	parts := make([]string, 0, 6+3*(len(in.Topics)+len(in.People)+len(in.Places)))
	future := "0"
	if in.Future {
		future = "1"
	}
	parts = append(parts, string(in.Item[:]), string(in.Site[:]), future)
	for _, refs := range [][]Ref{in.Topics, in.People, in.Places} {
		parts = append(parts, strconv.Itoa(len(refs)))
		for _, r := range refs {
			parts = append(parts, r.Name, r.Slug, r.URL)
		}
	}
	return fingerprint.Strings(parts...)
}

// newArticle makes an article from its item and inputs.
func newArticle(info *Info, pattern string, it *content.Item, in articleInputs) *Article {
	a := &Article{Item: it, Future: in.Future, Topics: in.Topics, People: in.People, Places: in.Places, in: in}
	p, err := permalink(pattern, it)
	if err != nil {
		a.err = err
		return a
	}
	a.Path = p + "index.html"
	a.URL = info.URL(p)
	a.Permalink = info.AbsURL(p)
	if it.Image != nil {
		img := *it.Image
		img.Src = info.base.Rebase(img.Src)
		a.Image = &img
	}
	a.fp = fingerprint.Of(struct {
		In                   articleInputs
		URL, Permalink, Path string
	}{in, a.URL, a.Permalink, a.Path})
	a.Teaser = newTeaser(a)
	a.social = articleSocial(info, a)
	return a
}

// newestFirst orders articles by date, newest first, then by file so that
// the order never depends on anything else.
func newestFirst(a, b *Article) int {
	return cmp.Or(b.Date.Compare(a.Date), cmp.Compare(a.File, b.File))
}

// oldestFirst orders articles by date, oldest first, then by file.
func oldestFirst(a, b *Article) int {
	return cmp.Or(a.Date.Compare(b.Date), cmp.Compare(a.File, b.File))
}

// permalink fills the site's pattern for an item: a site path such as
// "2025/08/15/alaska-summit/".
func permalink(pattern string, it *content.Item) (string, error) {
	topic := "news"
	if len(it.Topics) > 0 {
		topic = it.Topics[0]
	}
	r := strings.NewReplacer(
		":year", it.Date.Format("2006"), ":month", it.Date.Format("01"), ":day", it.Date.Format("02"),
		":slug", it.Slug, ":topic", topic)
	p := strings.TrimPrefix(r.Replace(pattern), "/")
	for _, seg := range strings.Split(strings.TrimSuffix(p, "/"), "/") {
		if seg == "" || seg == "." || seg == ".." {
			return "", fmt.Errorf("permalink %q gives %q for this item, which leaves the site", pattern, "/"+p)
		}
	}
	return p, nil
}

// Day is the articles of one calendar day in the site's time zone.
type Day struct {
	Date     time.Time // midnight
	ID       string    // "2025-08-15", for anchors
	Articles []*Teaser
}

// groupByDay groups articles, in the order given, into runs of one day.
func groupByDay(as []*Teaser) []Day {
	var days []Day
	for _, a := range as {
		y, m, d := a.Date.Date()
		if n := len(days); n > 0 {
			ly, lm, ld := days[n-1].Date.Date()
			if ly == y && lm == m && ld == d {
				days[n-1].Articles = append(days[n-1].Articles, a)
				continue
			}
		}
		midnight := time.Date(y, m, d, 0, 0, 0, 0, a.Date.Location())
		days = append(days, Day{Date: midnight, ID: midnight.Format("2006-01-02"), Articles: []*Teaser{a}})
	}
	return days
}

// Span describes the dates of a run of articles: "28 Jul – 18 Aug 2025",
// "6–18 Aug 2025", "15 Aug 2025" or "28 Dec 2024 – 3 Jan 2025".
func Span(first, last time.Time) string {
	if first.IsZero() {
		return ""
	}
	if last.Before(first) {
		first, last = last, first
	}
	fy, fm, fd := first.Date()
	ly, lm, ld := last.Date()
	switch {
	case fy == ly && fm == lm && fd == ld:
		return first.Format("2 Jan 2006")
	case fy == ly && fm == lm:
		return fmt.Sprintf("%d–%s", fd, last.Format("2 Jan 2006"))
	case fy == ly:
		return first.Format("2 Jan") + " – " + last.Format("2 Jan 2006")
	}
	return first.Format("2 Jan 2006") + " – " + last.Format("2 Jan 2006")
}
