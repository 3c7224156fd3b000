package site

import (
	"strconv"
	"time"

	"digest/internal/content"
)

// Lists of items that grow with the site are shown a page at a time, so
// that no page grows with it: a person's or a place's items, a list
// topic's, a month of a long timeline and a month of the archive. Each is
// a listSkel; the skeleton lays out its pages (lists.go) and buildPages
// makes their views (listviews.go). A new kind of list is a listKind, the
// code that fills its members, and a case in listView.

// listKind says what a list is.
type listKind int

const (
	listPerson     listKind = iota // owner: index in skeleton.people
	listPlace                      // owner: index in skeleton.places
	listTopic                      // a list topic's items, newest first; owner: index in skeleton.topics
	listTopicMonth                 // a month of a long timeline, oldest first; owner: index in skeleton.topics
	listMonth                      // a month of the archive, newest first
)

// listSkel is a list of items shown over pages of at most per items.
type listSkel struct {
	kind    listKind
	owner   int       // see listKind
	dir     string    // the folder of its first page: "people/x/", "topics/t/2025/08/", "2025/08/"
	month   time.Time // a month's first day, in the site's time zone
	members []int     // positions, in display order
	per     int
	prev    int // a month's list: the month before it in the same run (timeline or archive), or -1
	next    int // the month after, or -1
}

// pages is how many pages the list has: at least one, which says the
// list is empty.
func (l *listSkel) pages() int {
	return max(1, (len(l.members)+l.per-1)/l.per)
}

// page returns the members shown on page n.
func (l *listSkel) page(n int) []int {
	return l.members[min((n-1)*l.per, len(l.members)):min(n*l.per, len(l.members))]
}

// pageDir is the folder of page n of a list whose first page is in dir:
// dir itself, then dir/page/2/ and on.
func pageDir(dir string, n int) string {
	if n == 1 {
		return dir
	}
	return dir + "page/" + strconv.Itoa(n) + "/"
}

// monthDir is the folder of a month under dir: "2025/08/".
func monthDir(dir string, m time.Time) string {
	return dir + m.Format("2006/01") + "/"
}

// addList adds a list to the skeleton and returns its index.
func (sk *skeleton) addList(l *listSkel) int {
	l.prev, l.next = -1, -1
	sk.lists = append(sk.lists, l)
	return len(sk.lists) - 1
}

// makeLists makes the lists of the skeleton's people, places and topics,
// and the archive's months.
func (sk *skeleton) makeLists(in skeletonInputs) {
	per := in.Config.PerPage
	for i, e := range sk.people {
		e.list = sk.addList(&listSkel{kind: listPerson, owner: i, dir: "people/" + e.Slug + "/", members: e.members, per: per})
	}
	for i, e := range sk.places {
		e.list = sk.addList(&listSkel{kind: listPlace, owner: i, dir: "places/" + e.Slug + "/", members: e.members, per: per})
	}
	for i, t := range sk.topics {
		t.list = -1
		switch {
		case t.file != nil && t.file.Layout == content.LayoutList:
			newest := make([]int, len(t.chrono))
			for j, pos := range t.chrono {
				newest[len(t.chrono)-1-j] = pos
			}
			t.list = sk.addList(&listSkel{kind: listTopic, owner: i, dir: "topics/" + t.Slug + "/", members: newest, per: per})
		case len(t.chrono) > in.Config.TimelineMax:
			// A long timeline: a page per month, oldest first, each as
			// long as the month is (paginated past TimelineMax).
			t.months = sk.monthLists(in, t.chrono, func(m time.Time, members []int) *listSkel {
				return &listSkel{kind: listTopicMonth, owner: i, dir: monthDir("topics/"+t.Slug+"/", m), month: m,
					members: members, per: in.Config.TimelineMax}
			})
		}
	}
	sk.archive = sk.monthLists(in, sk.newest, func(m time.Time, members []int) *listSkel {
		return &listSkel{kind: listMonth, owner: -1, dir: monthDir("", m), month: m, members: members, per: per}
	})
}

// monthLists splits positions, sorted by date (either way), into one list
// per calendar month in the site's time zone, made by newList, and links
// each to the months before and after it. It returns the lists' indexes,
// oldest month first.
func (sk *skeleton) monthLists(in skeletonInputs, positions []int, newList func(month time.Time, members []int) *listSkel) []int {
	var out []int
	start := 0
	for i := 1; i <= len(positions); i++ {
		if i < len(positions) && sameMonth(sk.dateOf(in, positions[i]), sk.dateOf(in, positions[start])) {
			continue
		}
		d := sk.dateOf(in, positions[start])
		m := time.Date(d.Year(), d.Month(), 1, 0, 0, 0, 0, d.Location())
		out = append(out, sk.addList(newList(m, positions[start:i:i])))
		start = i
	}
	if len(positions) > 1 && sk.dateOf(in, positions[0]).After(sk.dateOf(in, positions[len(positions)-1])) {
		// newest first: the lists were made newest month first.
		for i, j := 0, len(out)-1; i < j; i, j = i+1, j-1 {
			out[i], out[j] = out[j], out[i]
		}
	}
	for i, l := range out {
		if i > 0 {
			sk.lists[l].prev = out[i-1]
		}
		if i+1 < len(out) {
			sk.lists[l].next = out[i+1]
		}
	}
	return out
}

// dateOf is the date of the item at a position.
func (sk *skeleton) dateOf(in skeletonInputs, pos int) time.Time {
	return in.Placements[sk.pub[pos]].Date
}

func sameMonth(a, b time.Time) bool {
	return a.Year() == b.Year() && a.Month() == b.Month()
}
