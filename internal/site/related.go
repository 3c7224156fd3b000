package site

import "slices"

// MaxRelated is how many items "more on this story" lists.
const MaxRelated = 5

// relatedArticles finds, for each article, up to MaxRelated other
// articles sharing a topic, newest first; never a draft or a future item.
// Each topic's articles are already newest first, so the first few eligible
// ones of each topic are all that can qualify.
func relatedArticles(s *Site) map[*Article][]*Article {
	topics := map[string][]*Article{}
	for _, t := range s.Topics {
		// The newest eligible items, newest first: one more than can be
		// shown, since an article skips itself.
		var top []*Article
		for i := len(t.chrono) - 1; i >= 0 && len(top) <= MaxRelated; i-- {
			if a := t.chrono[i]; !a.Draft && !a.Future {
				top = append(top, a)
			}
		}
		topics[t.Slug] = top
	}
	out := make(map[*Article][]*Article, len(s.Articles))
	for _, a := range s.Articles {
		var cands []*Article
		for _, r := range a.Topics {
			taken := 0
			for _, c := range topics[r.Slug] {
				if taken > MaxRelated {
					break
				}
				if c != a && !slices.Contains(cands, c) {
					cands = append(cands, c)
					taken++
				}
			}
		}
		if len(cands) == 0 {
			continue
		}
		slices.SortStableFunc(cands, newestFirst)
		out[a] = cands[:min(MaxRelated, len(cands))]
	}
	return out
}

// neighbours returns the articles before and after a on a topic's
// timeline (oldest first).
func neighbours(t *Topic, a *Article) (prev, next *Article) {
	if t == nil {
		return nil, nil
	}
	i := t.position(a)
	if i > 0 {
		prev = t.chrono[i-1]
	}
	if i >= 0 && i+1 < len(t.chrono) {
		next = t.chrono[i+1]
	}
	return prev, next
}

func (t *Topic) position(a *Article) int {
	if t.index == nil {
		t.index = make(map[*Article]int, len(t.chrono))
		for i, c := range t.chrono {
			t.index[c] = i
		}
	}
	if i, ok := t.index[a]; ok {
		return i
	}
	return -1
}
