package site

import "slices"

// MaxRelated is how many items "more on this story" lists.
const MaxRelated = 5

// relatedTo lists "more on this story" for the article in in.File: up to
// MaxRelated other articles sharing a topic, newest first; never a draft
// or a future item. Each topic's newest eligible articles (Topic.top) are
// all that can qualify, so the list is kept until one of its topics
// changes.
func relatedTo(in relatedInputs, _ []*Teaser) []*Teaser {
	var cands []*Article
	for _, t := range in.topics() {
		for _, c := range t.top {
			if c.File != in.File && !slices.ContainsFunc(cands, func(x *Article) bool { return x.File == c.File }) {
				cands = append(cands, c)
			}
		}
	}
	slices.SortFunc(cands, newestFirst) // a total order: files differ
	return teasers(cands[:min(MaxRelated, len(cands))])
}

// relatedOf makes the inputs of the related items of an article whose
// topics are at the indices idx of topics.
func relatedOf(file string, idx []int32, topics []*Topic) relatedInputs {
	in := relatedInputs{File: file}
	for i, j := range idx {
		if i < len(in.Topics) {
			in.Topics[i] = topics[j]
		} else {
			in.More = append(in.More, topics[j])
		}
	}
	return in
}

// topics returns the topics of in.
func (in relatedInputs) topics() []*Topic {
	n := 0
	for n < len(in.Topics) && in.Topics[n] != nil {
		n++
	}
	return append(in.Topics[:n:n], in.More...)
}

// lineSpot is where an article is on its main topic's timeline: chrono
// is the timeline's positions, oldest first, and i the article's index
// in it. A zero lineSpot is on no timeline.
type lineSpot struct {
	chrono []int
	i      int
}

// step returns the nearest article before (dir -1) or after (dir +1) on
// the timeline that "more on this story" (related) does not already
// show, or nil: the previous and next links never repeat an item the
// page lists just below them.
func (l lineSpot) step(dir int, related []*Teaser, byPos []*Article) *Teaser {
	if l.chrono == nil {
		return nil
	}
	for j := l.i + dir; j >= 0 && j < len(l.chrono); j += dir {
		a := byPos[l.chrono[j]]
		if a == nil {
			continue
		}
		if !slices.ContainsFunc(related, func(t *Teaser) bool { return t.File == a.File }) {
			return a.Teaser
		}
	}
	return nil
}
