package site

import (
	"fmt"
	"slices"

	"digest/internal/content"
)

// TopicLatest is how many of a long timeline's latest entries its page
// shows, above its months.
const TopicLatest = 10

// TopicView is a page of a topic. A timeline that fits on a page shows
// every entry; a longer one (Split) shows its milestones, its latest
// entries and its months, each a page of its own; a list topic shows a
// page of its items, newest first.
type TopicView struct {
	Page
	Topic      *Topic
	Days       []Day     // the entries this page shows
	Pager      Pager     // a list topic's pages
	Split      bool      // a long timeline: Days are its latest entries
	Milestones []*Teaser // a long timeline's milestones, oldest first
	Months     []MonthLink
}

// topicPages makes the views of every topic's pages, by topic and page.
func topicPages(s *Site, sk *skeleton, byPos []*Article, lc *listLinks, newPage pageMaker) [][]View {
	info := s.Info
	out := make([][]View, len(s.Topics))
	for i, t := range s.Topics {
		ts := sk.topics[i]
		desc := t.Description
		if desc == "" {
			desc = fmt.Sprintf("%s: %d items", t.Name, t.Count)
		}
		pages := 1
		var all []PageLink
		if ts.list >= 0 {
			pages = sk.lists[ts.list].pages()
			all = lc.pages(ts.list)
		}
		for n := 1; n <= pages; n++ {
			v := &TopicView{Page: newPage(KindTopic, pageDir("topics/"+t.Slug+"/", n), numbered(t.Name, n), desc), Topic: t}
			v.Feeds = &t.Feeds
			switch {
			case ts.list >= 0:
				v.Days = groupByDay(teasersAt(byPos, sk.lists[ts.list].page(n)))
				v.Pager = pager(all, n)
			case len(ts.months) > 0:
				v.Split = true
				latest := t.Articles[max(0, len(t.Articles)-TopicLatest):]
				if t.Order == content.NewestFirst {
					latest = t.Articles[:min(TopicLatest, len(t.Articles))]
				}
				v.Days = groupByDay(latest)
				for _, a := range t.chrono {
					if a.Milestone {
						v.Milestones = append(v.Milestones, a.Teaser)
					}
				}
				for _, li := range ts.months {
					v.Months = append(v.Months, *lc.month(li))
				}
			default:
				v.Days = t.Days
			}
			var shown []*Teaser
			for _, d := range v.Days {
				shown = append(shown, d.Articles...)
			}
			v.Social = topicSocial(info, t, v.Permalink, desc, slices.Clip(shown))
			out[i] = append(out[i], v)
		}
	}
	return out
}
