package site

import (
	"cmp"
	"slices"

	"digest/internal/content"
	"digest/internal/diag"
)

// topicSkeletons groups the published items by topic; topics with a file
// come first, then those only named by items, newest first.
func topicSkeletons(sk *skeleton, in skeletonInputs, topicRef func(string) Ref, newer func(a, b int) int) []*topicSkel {
	bySlug := map[string]*topicSkel{}
	var order []*topicSkel
	get := func(sl string) *topicSkel {
		t := bySlug[sl]
		if t == nil {
			t = &topicSkel{Ref: topicRef(sl)}
			bySlug[sl] = t
			order = append(order, t)
		}
		return t
	}
	for _, f := range in.Topics {
		if bySlug[f.Slug] == nil { // duplicates are reported by content
			get(f.Slug).file = f
		}
	}
	var noFile []diag.Diagnostic
	var noFileSlugs []string
	for _, pos := range sk.newest {
		p := in.Placements[sk.pub[pos]]
		for _, r := range sk.refs[pos].Topics {
			t := get(r.Slug)
			t.chrono = append(t.chrono, pos)
			if t.file == nil && len(t.chrono) == 1 && !in.Broken[r.Slug] {
				noFile = append(noFile, diag.Diagnostic{File: p.File, Line: p.Lines.Topics, Severity: diag.Warning, Code: "topic-no-file",
					Message: "topic " + r.Slug + " has no file: its page is titled " + r.Name,
					Hint:    "create " + content.TopicsDir + "/" + r.Slug + ".md with a title and an introduction"})
				noFileSlugs = append(noFileSlugs, r.Slug)
			}
		}
	}
	sk.diags.Add(oneForAll(noFile, noFileSlugs, "topics have no file, so their pages are titled after their slugs",
		"create "+content.TopicsDir+"/<slug>.md with a title and an introduction for those that deserve one")...)
	last := func(t *topicSkel) int64 {
		if len(t.chrono) == 0 {
			return 0
		}
		return in.Placements[sk.pub[t.chrono[0]]].Date.Unix() // chrono is still newest first
	}
	slices.SortFunc(order, func(a, b *topicSkel) int {
		return cmp.Or(cmp.Compare(last(b), last(a)), cmp.Compare(a.Name, b.Name), cmp.Compare(a.Slug, b.Slug))
	})
	for _, t := range order {
		if len(t.chrono) == 0 && t.file != nil {
			sk.diags.Warnf(t.file.File, 0, "topic-empty", "topic %s has no published items: its page says so", t.Slug)
		}
		slices.SortFunc(t.chrono, func(a, b int) int { // oldest first; weights still lower first
			pa, pb := in.Placements[sk.pub[a]], in.Placements[sk.pub[b]]
			return cmp.Or(byWeight(pa, pb), pa.Date.Compare(pb.Date), cmp.Compare(pa.File, pb.File))
		})
		for i, pos := range t.chrono {
			if sk.refs[pos].Topics[0].Slug != t.Slug {
				continue // its main topic is another
			}
			sk.onLine[pos] = lineSpot{chrono: t.chrono, i: i}
		}
	}
	return order
}
