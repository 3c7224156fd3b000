package site

import (
	"cmp"
	"fmt"
	"html/template"
	"path"
	"slices"
	"strings"
	"time"

	"digest/internal/content"
	"digest/internal/diag"
)

// Editions, the way newsletters work: a day's items (or an ISO week's,
// with editions: weekly), grouped by topic, with an editor's note from
// content/editions/<key>.md; an index of them, and feeds with one entry
// per edition.

// Page kinds of editions.
const (
	KindEdition  = "edition"
	KindEditions = "editions"
)

// EditionsPerPage is how many editions a page of the index lists.
const EditionsPerPage = 30

// editionSkel is the shape of an edition.
type editionSkel struct {
	key     string    // "2025-08-15", or "2025-W33" for a weekly one
	start   time.Time // its first day, at midnight in the site's time zone
	members []int     // positions, newest first
}

// editionKey is the key and first day of the edition an item dated t
// belongs to.
func editionKey(t time.Time, weekly bool) (string, time.Time) {
	y, m, d := t.Date()
	day := time.Date(y, m, d, 0, 0, 0, 0, t.Location())
	if !weekly {
		return day.Format("2006-01-02"), day
	}
	iy, w := t.ISOWeek()
	monday := day.AddDate(0, 0, -((int(day.Weekday()) + 6) % 7))
	return fmt.Sprintf("%d-W%02d", iy, w), monday
}

// makeEditions groups the published items into editions, newest first.
func (sk *skeleton) makeEditions(in skeletonInputs) {
	weekly := in.Config.Editions == content.EditionsWeekly
	for _, pos := range sk.newest {
		key, start := editionKey(sk.dateOf(in, pos), weekly)
		if n := len(sk.editions); n > 0 && sk.editions[n-1].key == key {
			sk.editions[n-1].members = append(sk.editions[n-1].members, pos)
			continue
		}
		sk.editions = append(sk.editions, &editionSkel{key: key, start: start, members: []int{pos}})
	}
}

// editionPages is how many pages the index of editions has.
func (sk *skeleton) editionPages() int {
	return max(1, (len(sk.editions)+EditionsPerPage-1)/EditionsPerPage)
}

// Edition is one edition: its items grouped by topic, and the editor's
// note.
type Edition struct {
	Key       string // "2025-08-15" or "2025-W33"
	Title     string // "Friday 15 August 2025", "Week 33, 2025: 11–17 Aug 2025"
	Start     time.Time
	Weekly    bool
	URL       string
	Permalink string
	NoteTitle string        // the note's title, if it has one
	Note      template.HTML // the note, if any
	Groups    []EditionGroup
	Count     int
	Updated   time.Time // the newest change of its items
	// Compact says to show headlines only: an edition of more than
	// twice per_page items (a busy week) would not stay light otherwise.
	Compact bool
}

// EditionGroup is the items of an edition on one topic, newest first.
type EditionGroup struct {
	Topic    *Ref // nil: items on no topic
	Articles []*Teaser
}

// EditionLink links an edition from the index and its neighbours.
type EditionLink struct {
	Key, Title, URL, NoteTitle string
	Start                      time.Time
	Count                      int
}

// EditionView is an edition's page.
type EditionView struct {
	Page
	Edition    *Edition
	Prev, Next *EditionLink // the older and the newer edition
}

// EditionsView is a page of the index of editions, newest first.
type EditionsView struct {
	Page
	Editions []EditionLink
	Weekly   bool
	Pager    Pager
}

// editions makes every edition, newest first, with the notes of notes,
// and reports notes that belong to no edition.
func editions(s *Site, sk *skeleton, byPos []*Article, notes []*content.Section, links *fileLinks) ([]*Edition, diag.List) {
	info, weekly := s.Info, s.Config.Editions == content.EditionsWeekly
	byKey := map[string]*content.Section{}
	for _, n := range notes {
		byKey[strings.TrimSuffix(path.Base(n.File), path.Ext(n.File))] = n
	}
	out := make([]*Edition, len(sk.editions))
	for i, es := range sk.editions {
		dir := "editions/" + es.key + "/"
		e := &Edition{Key: es.key, Start: es.start, Weekly: weekly, URL: info.URL(dir), Permalink: info.AbsURL(dir), Count: len(es.members),
			Compact: len(es.members) > 2*s.Config.PerPage}
		e.Title = es.start.Format("Monday 2 January 2006")
		if weekly {
			e.Title = fmt.Sprintf("Week %s, %s: %s", es.key[6:], es.key[:4], Span(es.start, es.start.AddDate(0, 0, 6)))
		}
		if n := byKey[es.key]; n != nil {
			e.NoteTitle, e.Note = n.Title, links.html(n.File, n.Intro, n.FileLinks)
			delete(byKey, es.key)
		}
		groups := map[string]int{}
		for _, pos := range es.members {
			a := byPos[pos]
			if t := a.LastChange(); t.After(e.Updated) {
				e.Updated = t
			}
			key := ""
			if t := a.MainTopic(); t != nil {
				key = t.Slug
			}
			g, ok := groups[key]
			if !ok {
				g = len(e.Groups)
				groups[key] = g
				e.Groups = append(e.Groups, EditionGroup{Topic: a.MainTopic()})
			}
			e.Groups[g].Articles = append(e.Groups[g].Articles, a.Teaser)
		}
		// The biggest story first; items on no topic last.
		slices.SortStableFunc(e.Groups, func(a, b EditionGroup) int {
			if (a.Topic == nil) != (b.Topic == nil) {
				return cmp.Compare(boolInt(a.Topic == nil), boolInt(b.Topic == nil))
			}
			return cmp.Compare(len(b.Articles), len(a.Articles))
		})
		out[i] = e
	}
	var diags diag.List
	for _, n := range notes {
		key := strings.TrimSuffix(path.Base(n.File), path.Ext(n.File))
		if byKey[key] == n {
			want := "2025-08-15"
			if weekly {
				want = "2025-W33"
			}
			diags.Warnf(n.File, 0, "edition-no-items", "no edition %s: no published item is dated in it, or the name is not one (editions are %s, named like %s.md), so this note is not shown",
				key, s.Config.Editions, want)
		}
	}
	return out, diags
}

func boolInt(b bool) int {
	if b {
		return 1
	}
	return 0
}

// editionPagesOf makes the views of the editions and of their index.
func editionPagesOf(s *Site, sk *skeleton, eds []*Edition, newPage pageMaker) (pages, index []View) {
	link := func(e *Edition) *EditionLink {
		return &EditionLink{Key: e.Key, Title: e.Title, URL: e.URL, NoteTitle: e.NoteTitle, Start: e.Start, Count: e.Count}
	}
	for i, e := range eds {
		desc := fmt.Sprintf("The %s edition: %d items.", e.Title, e.Count)
		if e.NoteTitle != "" {
			desc = e.NoteTitle + ". " + desc
		}
		v := &EditionView{Page: newPage(KindEdition, "editions/"+e.Key+"/", e.Title, desc), Edition: e}
		v.Feeds = &s.Info.EditionFeeds
		if i+1 < len(eds) {
			v.Prev = link(eds[i+1])
		}
		if i > 0 {
			v.Next = link(eds[i-1])
		}
		pages = append(pages, v)
	}
	total := sk.editionPages()
	weekly := s.Config.Editions == content.EditionsWeekly
	all := allPages(s.Info, "editions/", total)
	for n := 1; n <= total; n++ {
		v := &EditionsView{Page: newPage(KindEditions, pageDir("editions/", n), numbered("Editions", n), "Every edition of this digest, newest first."),
			Weekly: weekly, Pager: pager(all, n)}
		v.Feeds = &s.Info.EditionFeeds
		for _, e := range eds[min((n-1)*EditionsPerPage, len(eds)):min(n*EditionsPerPage, len(eds))] {
			v.Editions = append(v.Editions, *link(e))
		}
		index = append(index, v)
	}
	return pages, index
}
