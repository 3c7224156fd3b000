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
