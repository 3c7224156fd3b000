package site

import (
	"fmt"
	"slices"
	"strconv"
	"time"
)

// Page kinds of paginated lists and months.
const (
	KindTopicMonth = "topic-month" // a month of a long timeline
	KindArchive    = "archive"     // the archive's index of months
	KindMonth      = "month"       // a month of the archive
)

// KindSearch is the search page's kind.
const KindSearch = "search"

// SearchIndex is the output path of the search index's manifest, which
// package search writes.
const SearchIndex = "search/index.json"

// SearchView is the search page: a form that the search script drives,
// which without the script leads to the archive.
type SearchView struct {
	Page
	Topics  []*Topic // for the topic filter
	Index   string   // the URL of the index's manifest
	Archive string   // where the form leads without the script
}

// MonthLink links a month of a timeline or of the archive.
type MonthLink struct {
	Month time.Time // its first day, in the site's time zone
	ID    string    // "2025-08"
	URL   string    // its first page
	Count int       // items in it
	Pages []PageLink
}

// TermView is a page of a person's or a place's items, newest first.
type TermView struct {
	Page
	Term  *Entity
	Days  []Day // this page's items
	Pager Pager
}

// TermsView lists people or places.
type TermsView struct {
	Page
	Terms []*Entity
}

// TopicMonthView is a month of a long timeline, oldest first.
type TopicMonthView struct {
	Page
	Topic      *Topic
	Month      MonthLink
	Days       []Day
	Pager      Pager // the month's own pages, if it has more than a page
	Prev, Next *MonthLink
}

// ArchiveView lists the archive's years and months.
type ArchiveView struct {
	Page
	Years []ArchiveYear // newest first
	Count int
}

// ArchiveYear is a year of the archive with its months, newest first.
type ArchiveYear struct {
	Year   int
	Count  int
	Months []MonthLink
}

// MonthView is a page of a month of the archive: its items newest first,
// grouped by day.
type MonthView struct {
	Page
	Month      MonthLink
	Days       []Day
	Pager      Pager
	Prev, Next *MonthLink // the months before and after
}

// listPages makes the views of the pages of every list but list topics'
// (see topicPages), by list and page.
func listPages(s *Site, sk *skeleton, byPos []*Article, lc *listLinks, newPage pageMaker) [][]View {
	out := make([][]View, len(sk.lists))
	for li, l := range sk.lists {
		total := l.pages()
		for n := 1; n <= total; n++ {
			dir := pageDir(l.dir, n)
			days := groupByDay(teasersAt(byPos, l.page(n)))
			p := pager(lc.pages(li), n)
			var v View
			switch l.kind {
			case listPerson, listPlace:
				e := s.People
				if l.kind == listPlace {
					e = s.Places
				}
				term := e[l.owner]
				page := newPage(KindTerm, dir, numbered(term.Name, n), fmt.Sprintf("%d items naming %s, %s.", term.Count, term.Name, term.Span))
				v = &TermView{Page: page, Term: term, Days: days, Pager: p}
			case listTopicMonth:
				p.Chrono = true
				t, m := s.Topics[l.owner], *lc.month(li)
				title := numbered(t.Name+": "+m.Month.Format("January 2006"), n)
				mv := &TopicMonthView{Page: newPage(KindTopicMonth, dir, title, fmt.Sprintf("%s in %s: %d items.", t.Name, m.Month.Format("January 2006"), m.Count)),
					Topic: t, Month: m, Days: days, Pager: p, Prev: lc.month(l.prev), Next: lc.month(l.next)}
				mv.Feeds = &t.Feeds
				v = mv
			case listMonth:
				m := *lc.month(li)
				v = &MonthView{Page: newPage(KindMonth, dir, numbered(m.Month.Format("January 2006"), n), fmt.Sprintf("Everything published in %s: %d items.", m.Month.Format("January 2006"), m.Count)),
					Month: m, Days: days, Pager: p, Prev: lc.month(l.prev), Next: lc.month(l.next)}
			default:
				continue
			}
			out[li] = append(out[li], v)
		}
	}
	return out
}

// archiveView is the archive's index: its years and months, newest first.
func archiveView(s *Site, sk *skeleton, lc *listLinks, newPage pageMaker) *ArchiveView {
	v := &ArchiveView{Page: newPage(KindArchive, "archive/", "Archive", "Every item of this digest, by month."), Count: len(s.Articles)}
	for _, li := range slices.Backward(sk.archive) {
		m := *lc.month(li)
		m.Pages = nil // a month's pages link each other: the index stays short
		if n := len(v.Years); n == 0 || v.Years[n-1].Year != m.Month.Year() {
			v.Years = append(v.Years, ArchiveYear{Year: m.Month.Year()})
		}
		y := &v.Years[len(v.Years)-1]
		y.Count += m.Count
		y.Months = append(y.Months, m)
	}
	return v
}

// listLinks makes the links to lists' pages and months once per build:
// every page of a list, and its neighbours, share them.
type listLinks struct {
	info   *Info
	sk     *skeleton
	all    [][]PageLink
	months []*MonthLink
}

func newListLinks(info *Info, sk *skeleton) *listLinks {
	return &listLinks{info: info, sk: sk, all: make([][]PageLink, len(sk.lists)), months: make([]*MonthLink, len(sk.lists))}
}

// pages links every page of list li.
func (lc *listLinks) pages(li int) []PageLink {
	if lc.all[li] == nil {
		lc.all[li] = allPages(lc.info, lc.sk.lists[li].dir, lc.sk.lists[li].pages())
	}
	return lc.all[li]
}

// month links the month of list li, with a link to each of its pages
// when it has more than one, so that every item stays two clicks away;
// nil for -1.
func (lc *listLinks) month(li int) *MonthLink {
	if li < 0 {
		return nil
	}
	if lc.months[li] == nil {
		l := lc.sk.lists[li]
		m := &MonthLink{Month: l.month, ID: l.month.Format("2006-01"), URL: lc.info.URL(l.dir), Count: len(l.members)}
		if l.pages() > 1 {
			m.Pages = lc.pages(li)
		}
		lc.months[li] = m
	}
	return lc.months[li]
}

// numbered is a list page's title: the list's, with its page number
// after the first page.
func numbered(title string, n int) string {
	if n == 1 {
		return title
	}
	return title + ", page " + strconv.Itoa(n)
}

// teasersAt returns the teasers of the articles at positions.
func teasersAt(byPos []*Article, positions []int) []*Teaser {
	out := make([]*Teaser, len(positions))
	for i, pos := range positions {
		out[i] = byPos[pos].Teaser
	}
	return out
}

// listOwner describes a list's page for messages: "the archive page of
// August 2025".
func listOwner(sk *skeleton, l *listSkel, info *Info) string {
	switch l.kind {
	case listPerson:
		return "the page of " + sk.people[l.owner].Name
	case listPlace:
		return "the page of " + sk.places[l.owner].Name
	case listTopicMonth:
		return "the timeline of " + sk.topics[l.owner].Name + " for " + l.month.Format("January 2006")
	case listMonth:
		return "the archive page of " + l.month.Format("January 2006") + " (" + info.URL(l.dir) + ")"
	}
	return "the page of topic " + sk.topics[l.owner].Slug
}
