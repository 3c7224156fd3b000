package site

import (
	"cmp"
	"fmt"
	"net/url"
	"strings"

	"digest/internal/diag"
)

// publish picks the items that are published (drafts only when asked
// for, items dated after now only with Future), reports items in the
// future and items without an id, and collects the names they use.
func (sk *skeleton) publish(in skeletonInputs, people, places *names) {
	var noID []*placement
	for i, p := range in.Placements {
		if p.Draft && !in.Drafts || p.Expired && !in.Expired {
			continue
		}
		if p.Future && !p.Draft {
			sk.diags.Add(futureDiag(p))
		}
		if p.Future && !in.Future {
			continue
		}
		if p.NoID {
			noID = append(noID, p)
		}
		sk.pub = append(sk.pub, i)
		for _, n := range p.People {
			people.add(n, p.File, p.Lines.People)
		}
		for _, n := range p.Places {
			places.add(n, p.File, p.Lines.Places)
		}
	}
	if len(noID) > 0 {
		// One warning, not one per item: a migrated archive has hundreds.
		p := noID[0]
		msg := "no id: feeds identify the item by its URL, so readers will show it again as new if its slug or date changes"
		if len(noID) > 1 {
			msg = fmt.Sprintf("%d items have no id (this one among them): feeds identify them by their URLs, so readers will show them again as new if a slug or date changes", len(noID))
		}
		host := "example.org"
		if u, err := url.Parse(in.Config.BaseURL); err == nil && u.Hostname() != "" {
			host = u.Hostname()
		}
		sk.diags.Add(diag.Diagnostic{File: p.File, Line: p.Lines.Title, Severity: diag.Warning, Code: "feed-id-missing", Message: msg,
			Hint: fmt.Sprintf(`run digest ids --write to give every item a stable id made from its current URL, or add a line such as id: "tag:%s,%s:%s"`,
				host, p.Date.Format("2006-01-02"), p.Slug)})
	}
}

// byWeight orders two items of the same day by weight, lower first, and
// items with a weight before those without (Hugo's order); items of
// different days, or both without weight, are not ordered by it.
func byWeight(a, b *placement) int {
	ay, am, ad := a.Date.Date()
	by, bm, bd := b.Date.Date()
	if ay != by || am != bm || ad != bd || a.Weight == b.Weight {
		return 0
	}
	switch {
	case a.Weight == 0:
		return 1
	case b.Weight == 0:
		return -1
	}
	return cmp.Compare(a.Weight, b.Weight)
}

// futureDiag says when an item that is not published yet will be.
func futureDiag(p *placement) diag.Diagnostic {
	if !p.Publish.IsZero() {
		return diag.Diagnostic{File: p.File, Line: p.Lines.Publish, Severity: diag.Warning, Code: "embargoed",
			Message: fmt.Sprintf("embargoed until %s (publishDate): it will appear on the first build after that", p.Publish.Format("2006-01-02 15:04 MST")),
			Hint:    "build with --future to preview it"}
	}
	return diag.Diagnostic{File: p.File, Line: p.Lines.Date, Severity: diag.Warning, Code: "future-date",
		Message: fmt.Sprintf("dated %s, after now: it will appear on the first build after that", p.Date.Format("2006-01-02 15:04 MST")),
		Hint:    "set draft: true to hold it back, or build with --future to preview it"}
}

// oneForAll returns ds as they are if there is at most one, else one
// diagnostic in place of them all, at the first one's place, naming the
// first few of names (one per diagnostic): a migrated archive repeats
// the same finding hundreds of times, and --strict must stay usable.
func oneForAll(ds []diag.Diagnostic, names []string, what, hint string) []diag.Diagnostic {
	if len(ds) <= 1 {
		return ds
	}
	d := ds[0]
	shown := strings.Join(names[:min(len(names), 5)], ", ")
	if len(names) > 5 {
		shown += ", …"
	}
	d.Message = fmt.Sprintf("%d %s (%s)", len(ds), what, shown)
	d.Hint = hint
	return []diag.Diagnostic{d}
}
