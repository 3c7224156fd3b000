package site

import (
	"cmp"
	"fmt"
	"slices"
	"strings"
	"time"

	"digest/internal/content"
	"digest/internal/diag"
)

// The model is made in two steps. The skeleton is the site's shape: which
// items are published, in what order, under which URLs, on which topic,
// person, place and home pages, and every page's path; it is made from
// the items' placements alone. The flesh (articles, teasers, lists,
// views) is then made on it, item by item and list by list. An edit that
// moves nothing (a new body, headline, dek, source or image) keeps the
// skeleton, and only what shows the edited item is made again.

// placement is what decides where an item appears and under which URL,
// and the lines that diagnostics about it name. The structure of the site
// is made from placements alone: a field that changes where an item goes
// must be here (TestInputsCompareEveryField checks that same compares
// every one).
type placement struct {
	File, Slug             string
	Date, Updated          time.Time
	Publish                time.Time // publishDate, if the item has one (an embargo)
	Draft, NoID            bool
	Future                 bool // not published yet: its date, or publishDate, is after now
	Expired                bool // expiryDate is past
	Topics, People, Places []string
	URL                    string   // url:, in place of the permalink
	Aliases                []string // old paths that redirect to it
	Weight                 int      // orders it inside its day
	Lines                  fieldLines
}

// fieldLines are the lines of an item's fields that diagnostics name.
type fieldLines struct {
	Date, Title, Slug, Topics, People, Places, Publish, URL, Aliases int
}

// placementInputs is what a placement is made from.
type placementInputs struct {
	Item            *content.Item // compared by file and hash
	Future, Expired bool
}

func (a placementInputs) same(b placementInputs) bool {
	return sameItem(a.Item, b.Item) && a.Future == b.Future && a.Expired == b.Expired
}

// placementInputsOf says where an item stands at now.
func placementInputsOf(it *content.Item, now time.Time) placementInputs {
	at := it.Date
	if !it.PublishDate.IsZero() {
		at = it.PublishDate
	}
	return placementInputs{Item: it, Future: at.After(now), Expired: !it.ExpiryDate.IsZero() && !it.ExpiryDate.After(now)}
}

func newPlacement(in placementInputs, old *placement) *placement {
	it := in.Item
	p := &placement{File: it.File, Slug: it.Slug, Date: it.Date, Updated: it.Updated, Publish: it.PublishDate, Draft: it.Draft,
		Future: in.Future, Expired: in.Expired, NoID: it.ID == "", Topics: it.TopicSlugs, People: it.PersonNames,
		Places: it.PlaceNames, URL: it.FixedURL, Aliases: it.Aliases, Weight: it.Weight,
		Lines: fieldLines{it.Line("date"), it.Line("title"), it.Line("slug"), topicsLine(it), it.Line("people"), it.Line("places"),
			max(it.Line("publishDate"), it.Line("pubdate"), it.Line("published")), it.Line("url"), it.Line("aliases")}}
	if old != nil && old.same(p) {
		return old // the lists that hold it compare the same
	}
	return p
}

// topicsLine is the line of an item's topics: field, else of the tags
// or categories read as topics.
func topicsLine(it *content.Item) int {
	if l := it.Line("topics"); l > 0 {
		return l
	}
	for _, m := range it.Mapped {
		if m.As == content.AsTopics {
			return m.Line
		}
	}
	return 0
}

func (a *placement) same(b *placement) bool {
	return a == b || a.File == b.File && a.Slug == b.Slug && a.Date == b.Date && a.Updated == b.Updated &&
		a.Publish == b.Publish && a.Draft == b.Draft && a.Future == b.Future && a.Expired == b.Expired &&
		a.NoID == b.NoID && slices.Equal(a.Topics, b.Topics) && slices.Equal(a.People, b.People) &&
		slices.Equal(a.Places, b.Places) && a.URL == b.URL && slices.Equal(a.Aliases, b.Aliases) &&
		a.Weight == b.Weight && a.Lines == b.Lines
}

// lastChange is when the item last changed: its update, else its date.
func (a *placement) lastChange() time.Time {
	if !a.Updated.IsZero() && a.Updated.After(a.Date) {
		return a.Updated
	}
	return a.Date
}

// skeletonInputs is everything the skeleton is made from.
type skeletonInputs struct {
	Placements []*placement // of every item, in file order
	Config     *content.Config
	Topics     []*content.Topic // compared by file and hash
	Broken     map[string]bool  // topic files that could not be read
	Static     map[string]bool  // output paths of static files
	Drafts     bool             // publish drafts
	Future     bool             // publish items dated after now
	Expired    bool             // publish items past their expiryDate
	Pages      []*placement     // of every standalone page, in file order
	PageTitles []string         // their titles, for the navigation
	Resources  []content.Resource
}

func (a skeletonInputs) same(b skeletonInputs) bool {
	return (sameSlice(a.Placements, b.Placements) || slices.EqualFunc(a.Placements, b.Placements, (*placement).same)) && a.Config.Hash == b.Config.Hash &&
		a.Config.BaseURL == b.Config.BaseURL && slices.EqualFunc(a.Topics, b.Topics, func(x, y *content.Topic) bool {
		return x.File == y.File && x.Hash == y.Hash
	}) && sameSet(a.Broken, b.Broken) && sameSet(a.Static, b.Static) && a.Drafts == b.Drafts && a.Future == b.Future &&
		a.Expired == b.Expired && slices.EqualFunc(a.Pages, b.Pages, (*placement).same) && slices.Equal(a.PageTitles, b.PageTitles) &&
		slices.Equal(a.Resources, b.Resources)
}

func sameSet(a, b map[string]bool) bool {
	if len(a) != len(b) {
		return false
	}
	for k, v := range a {
		if b[k] != v {
			return false
		}
	}
	return true
}

// skeleton is the shape of a site. Positions ("pos") index pub.
type skeleton struct {
	pub      []int        // the published items: indices of their placements
	refs     []itemRefs   // by position
	topicsOf [][]int32    // by position: the indices of its topics in topics
	onLine   []lineSpot   // by position: where it is on its main topic's timeline
	paths    []itemPath   // by position; items whose URL cannot be made have an error
	newest   []int        // positions of the items with a URL, newest first
	topics   []*topicSkel // by latest activity, then name
	people   []*entitySkel
	places   []*entitySkel
	nav      []Ref   // the navigation's topics
	homes    int     // pages of the home page's list
	aliases  []alias // old paths of items and pages, which redirect to them
	pages    []pageSkel
	files    []Resource     // page bundles' files, published beside their pages
	lists    []*listSkel    // paginated lists: see lists.go
	archive  []int          // the archive's months: indexes in lists, oldest first
	editions []*editionSkel // newest first
	order    []pageSlot
	sitemap  []SitemapEntry
	outputs  map[string]bool // every output path, static files included
	diags    diag.List
}

// itemRefs are the links an item's page and teaser show.
type itemRefs struct {
	Topics, People, Places []Ref
}

// itemPath is where an item's page goes.
type itemPath struct {
	Path, URL, Permalink string // "2025/08/15/x/index.html", its href and absolute URL
	err                  error
}

// topicSkel is the shape of a topic: its members, oldest first.
type topicSkel struct {
	Ref
	file   *content.Topic
	chrono []int // positions, oldest first
	list   int   // a list topic's list, or -1
	months []int // a long timeline's months: indexes in lists, oldest first
}

// entitySkel is the shape of a person's or a place's page.
type entitySkel struct {
	Ref
	kind    string
	members []int // positions, newest first
	list    int   // its list's index in lists
}

// alias is an old path of an item or a standalone page: a page that
// redirects to it.
type alias struct {
	pos  int    // the item's position, or -1
	page int    // the page's index in skeleton.pages, or -1
	path string // "2019/05/x.html", "old/path/"
}

// pageSlot is one page of the site in path order: its kind and its index
// among the pages of that kind.
type pageSlot struct {
	kind slotKind
	i    int
	n    int // the page number of a paginated list's page
	path string
}

type slotKind int

const (
	slotHome slotKind = iota
	slotArticle
	slotTopic // i: index in skeleton.topics; n: the page of a list topic
	slotTopics
	slotPeople
	slotPlaces
	slotList        // i: index in skeleton.lists; n: the page
	slotArchive     // the archive's index of months
	slotEdition     // i: index in skeleton.editions
	slotEditions    // n: the page of the index of editions
	slotEditionFeed // i: the format
	slotSearch      // the search page
	slotNotFound
	slotFeed // i: 3 × (0 for the site's, 1 + topic index) + format
	slotSitemap
	slotRobots
	slotNoJekyll
	slotCNAME
	slotAlias     // i: index in skeleton.aliases
	slotRedirects // _redirects, for Netlify
	slotPage      // i: index in skeleton.pages
)

// makeSkeleton makes the shape of a site.
func makeSkeleton(in skeletonInputs, info *Info, memo *Memo) *skeleton {
	sk := &skeleton{}
	cfg := in.Config
	topicRef := topicRefs(info, in.Topics)
	people, places := newNames("people", memo), newNames("places", memo)
	sk.publish(in, people, places)
	people.resolve()
	places.resolve()
	sk.diags.Add(people.diags...)
	sk.diags.Add(places.diags...)

	sk.refs = make([]itemRefs, len(sk.pub))
	sk.paths = make([]itemPath, len(sk.pub))
	sk.onLine = make([]lineSpot, len(sk.pub))
	for pos, i := range sk.pub {
		p := in.Placements[i]
		r := &sk.refs[pos]
		for _, t := range p.Topics {
			r.Topics = append(r.Topics, topicRef(t))
		}
		for _, n := range p.People {
			r.People = append(r.People, people.ref(n, info))
		}
		for _, n := range p.Places {
			r.Places = append(r.Places, places.ref(n, info))
		}
		if p.URL != "" {
			// url: as written: a folder gets an index.html, a file is a file.
			rel := strings.TrimPrefix(p.URL, "/")
			file := rel
			if strings.HasSuffix(rel, "/") {
				file += "index.html"
			}
			sk.paths[pos] = itemPath{Path: file, URL: info.URL(rel), Permalink: info.AbsURL(rel)}
			sk.newest = append(sk.newest, pos)
			continue
		}
		dir, err := permalink(cfg.Permalink, p)
		if err != nil {
			sk.paths[pos].err = err
			sk.diags.Errorf(p.File, p.Lines.Slug, "permalink", "%v", err)
			continue
		}
		sk.paths[pos] = itemPath{Path: dir + "index.html", URL: info.URL(dir), Permalink: info.AbsURL(dir)}
		sk.newest = append(sk.newest, pos)
	}
	newer := func(a, b int) int { // positions, newest first; files differ
		pa, pb := in.Placements[sk.pub[a]], in.Placements[sk.pub[b]]
		return cmp.Or(byWeight(pa, pb), pb.Date.Compare(pa.Date), cmp.Compare(pa.File, pb.File))
	}
	slices.SortFunc(sk.newest, newer)

	sk.people = people.skeletons(info, sk, func(r itemRefs) []Ref { return r.People })
	sk.places = places.skeletons(info, sk, func(r itemRefs) []Ref { return r.Places })
	sk.topics = topicSkeletons(sk, in, topicRef, newer)
	index := make(map[string]int32, len(sk.topics))
	for i, t := range sk.topics {
		index[t.Slug] = int32(i)
	}
	sk.topicsOf = make([][]int32, len(sk.pub))
	for _, pos := range sk.newest {
		for _, r := range sk.refs[pos].Topics {
			sk.topicsOf[pos] = append(sk.topicsOf[pos], index[r.Slug])
		}
	}
	sk.placePages(in, info)
	sk.placeFiles(in)
	sk.makeLists(in)
	sk.makeEditions(in)
	sk.nav = menu(sk.topics, sk.pages, cfg, &sk.diags)
	sk.homes = max(1, (len(sk.newest)+cfg.PerPage-1)/cfg.PerPage)
	sk.layOut(in, info)
	return sk
}

// permalink fills the site's pattern for an item: a site path such as
// "2025/08/15/alaska-summit/".
func permalink(pattern string, p *placement) (string, error) {
	topic := "news"
	if len(p.Topics) > 0 {
		topic = p.Topics[0]
	}
	var b strings.Builder
	b.Grow(len(pattern) + len(p.Slug) + 16)
	for rest := strings.TrimPrefix(pattern, "/"); rest != ""; {
		i := strings.IndexByte(rest, ':')
		if i < 0 {
			b.WriteString(rest)
			break
		}
		b.WriteString(rest[:i])
		rest = rest[i:]
		switch {
		case strings.HasPrefix(rest, ":year"):
			b.WriteString(p.Date.Format("2006"))
			rest = rest[len(":year"):]
		case strings.HasPrefix(rest, ":month"):
			b.WriteString(p.Date.Format("01"))
			rest = rest[len(":month"):]
		case strings.HasPrefix(rest, ":day"):
			b.WriteString(p.Date.Format("02"))
			rest = rest[len(":day"):]
		case strings.HasPrefix(rest, ":slug"):
			b.WriteString(p.Slug)
			rest = rest[len(":slug"):]
		case strings.HasPrefix(rest, ":topic"):
			b.WriteString(topic)
			rest = rest[len(":topic"):]
		default:
			b.WriteByte(':')
			rest = rest[1:]
		}
	}
	path := b.String()
	for _, seg := range strings.Split(strings.TrimSuffix(path, "/"), "/") {
		if seg == "" || seg == "." || seg == ".." {
			return "", fmt.Errorf("permalink %q gives %q for this item, which leaves the site", pattern, "/"+path)
		}
	}
	return path, nil
}

// homeDir is the folder of page n of the home page's list.
func homeDir(n int) string { return pageDir("", n) }
