package site

import "slices"

// MaxRelated is how many items "more on this story" lists.
const MaxRelated = 5

// relatedArticles finds, for each article, up to MaxRelated other
// articles sharing a topic, newest first; never a draft or a future item.
// Each topic's newest eligible articles are all that can qualify, so the
// answer depends only on an article's topics, unless it is itself among
// those few: it is worked out once per combination of topics.
func relatedArticles(s *Site) map[*Article][]*Article {
	top := map[string][]*Article{}
	isTop := map[string]bool{} // by file
	for _, t := range s.Topics {
		// One more than can be shown, since an article skips itself.
		var list []*Article
		for i := len(t.chrono) - 1; i >= 0 && len(list) <= MaxRelated; i-- {
			if a := t.chrono[i]; !a.Draft && !a.Future {
				list = append(list, a)
				isTop[a.File] = true
			}
		}
		top[t.Slug] = list
	}
	byTopics := map[string][]*Article{}
	out := make(map[*Article][]*Article, len(s.Articles))
	for _, a := range s.Articles {
		if len(a.Topics) == 0 {
			continue
		}
		var key string
		if !isTop[a.File] {
			for _, r := range a.Topics {
				key += r.Slug + "\x00"
			}
			if r, ok := byTopics[key]; ok {
				out[a] = r
				continue
			}
		}
		r := relatedTo(a, top)
		if key != "" {
			byTopics[key] = r
		}
		out[a] = r
	}
	return out
}

// relatedTo merges the top lists of a's topics, without a itself.
func relatedTo(a *Article, top map[string][]*Article) []*Article {
	var cands []*Article
	for _, r := range a.Topics {
		for _, c := range top[r.Slug] {
			if c.File != a.File && !slices.ContainsFunc(cands, func(x *Article) bool { return x.File == c.File }) {
				cands = append(cands, c)
			}
		}
	}
	slices.SortFunc(cands, newestFirst) // a total order: files differ
	return cands[:min(MaxRelated, len(cands))]
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
	if i, ok := t.index[a.File]; ok {
		return i
	}
	return -1
}
