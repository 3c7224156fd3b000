package content

import (
	"fmt"
	"maps"
	"slices"
	"strings"

	"digest/internal/diag"
)

// Where Hugo's tags and categories, and Zola's taxonomies, go: the
// values of tags_as and categories_as in content/_index.md.
const (
	AsTopics = "topics"
	AsPeople = "people"
	AsPlaces = "places"
	AsIgnore = "ignore"
)

// Taxonomies says where an item's tags and categories go; the zero value
// reads both as topics, as a site that has not chosen does.
type Taxonomies struct {
	TagsAs, CategoriesAs string // AsTopics (""), AsPeople, AsPlaces or AsIgnore
	Chosen               bool   // the site set tags_as or categories_as
}

// as returns where the taxonomy name goes.
func (t Taxonomies) as(name string) string {
	var as string
	switch strings.ToLower(name) {
	case "tags":
		as = t.TagsAs
	case "categories":
		as = t.CategoriesAs
	case AsTopics, AsPeople, AsPlaces:
		return strings.ToLower(name)
	default:
		return AsIgnore
	}
	if as == "" {
		return AsTopics
	}
	return as
}

// readTaxonomyMapping reads tags_as and categories_as.
func readTaxonomyMapping(f fields, cfg *Config) {
	for _, k := range []struct {
		key string
		to  *string
	}{{"tags_as", &cfg.Taxonomies.TagsAs}, {"categories_as", &cfg.Taxonomies.CategoriesAs}} {
		v := f.root.get(k.key)
		if v == nil {
			continue
		}
		cfg.Taxonomies.Chosen = true
		switch as := strings.ToLower(f.str(k.key)); as {
		case AsTopics, AsPeople, AsPlaces, AsIgnore:
			*k.to = as
		default:
			f.errorf(v, "taxonomy-as", "use topics, people, places or ignore", "%s: unknown value %q", k.key, as)
		}
	}
}

// Mapped is a taxonomy an item uses, and where it went.
type Mapped struct {
	Field string // "tags", "categories", "taxonomies.authors"
	As    string // AsTopics, AsPeople, AsPlaces or AsIgnore
	Line  int
}

// readTaxonomies adds Hugo's tags and categories, and the terms of Zola's
// [taxonomies] table, to the item's topics, people or places, as the
// site's settings say, and records what it mapped for one warning per
// site (see Content.Diags).
func readTaxonomies(f fields, it *Item, t Taxonomies) {
	add := func(field string, names []string, line int) {
		as := t.as(field[strings.LastIndexByte(field, '.')+1:])
		if len(names) == 0 {
			return
		}
		it.Mapped = append(it.Mapped, Mapped{Field: field, As: as, Line: line})
		switch as {
		case AsTopics:
			it.TopicSlugs = dedupe(append(it.TopicSlugs, topicSlugs(f, f.root.get(field), field, names)...))
		case AsPeople:
			it.PersonNames = dedupe(append(it.PersonNames, names...))
		case AsPlaces:
			it.PlaceNames = dedupe(append(it.PlaceNames, names...))
		}
	}
	for _, k := range []string{"tags", "categories"} {
		if v := f.root.get(k); v != nil {
			add(k, f.list(k), v.line)
		}
	}
	tax := f.root.get("taxonomies")
	if tax == nil || tax.kind != kindMap {
		return
	}
	sub := fields{file: f.file, root: tax, diags: f.diags}
	for _, k := range slices.Sorted(maps.Keys(tax.fields)) {
		add("taxonomies."+k, sub.list(k), tax.fields[k].line)
	}
}

// taxonomyDiag is one warning for the whole site that says which
// taxonomies its items use and where they went, unless the site chose
// with tags_as or categories_as and nothing was dropped unasked.
func taxonomyDiag(items []*Item, t Taxonomies) *diag.Diagnostic {
	uses := map[string]int{}
	as := map[string]string{}
	var first *Item
	var firstLine int
	unasked := false
	for _, it := range items {
		for _, m := range it.Mapped {
			if first == nil {
				first, firstLine = it, m.Line
			}
			uses[m.Field]++
			as[m.Field] = m.As
			unasked = unasked || strings.HasPrefix(m.Field, "taxonomies.") && m.As == AsIgnore
		}
	}
	if first == nil || t.Chosen && !unasked {
		return nil
	}
	var parts []string
	for _, field := range slices.Sorted(maps.Keys(uses)) {
		verb := "read as " + as[field]
		if as[field] == AsIgnore {
			verb = "ignored"
		}
		parts = append(parts, fmt.Sprintf("%s %s (%d %s)", field, verb, uses[field], plural(uses[field], "item", "items")))
	}
	return &diag.Diagnostic{File: first.File, Line: firstLine, Severity: diag.Warning, Code: "taxonomy-mapped",
		Message: "Hugo/Zola taxonomies: " + strings.Join(parts, "; "),
		Hint:    "set tags_as and categories_as in " + ConfigFile + " to topics, people, places or ignore (this warning then goes)"}
}

func plural(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}
