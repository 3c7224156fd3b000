package content

import (
	"html/template"
	"path"
	"strings"

	"digest/internal/diag"
	"digest/internal/markdown"
	"digest/internal/slug"
)

// Topic layouts and orders.
const (
	LayoutTimeline = "timeline"
	LayoutList     = "list"
	OldestFirst    = "oldest-first"
	NewestFirst    = "newest-first"
)

// Topic is a story followed over time: a file content/topics/<slug>.md.
type Topic struct {
	File        string
	Slug        string
	Title       string
	Description string
	Layout      string // LayoutTimeline or LayoutList
	Order       string // OldestFirst or NewestFirst
	Intro       template.HTML
	Links       []markdown.Link // in the introduction
	FileLinks   []markdown.FileLink
	Params      map[string]any
	Hash        Hash
}

// ParseTopic reads a topic file. The topic is nil if it cannot be used.
func ParseTopic(file string, src []byte, s Settings) (*Topic, diag.List) {
	fm, src, diags := readFile(file, src)
	if fm == nil {
		return nil, diags
	}
	f := fields{file: file, root: fm.Fields, diags: &diags}
	name := strings.TrimSuffix(path.Base(file), path.Ext(file))
	t := &Topic{File: file, Slug: slug.Make(name), Params: fm.Fields.plain().(map[string]any), Hash: s.hash(file, src)}
	if t.Slug == "" {
		diags.Errorf(file, 0, "topic-invalid", "cannot make a topic slug from the file name %q", name)
		return nil, diags
	}
	if t.Slug != name {
		diags.Warnf(file, 0, "topic-not-slug", "topic file name %q is read as the slug %q; items must name it that way", name, t.Slug)
	}
	t.Title = markdown.Typography(f.str("title"))
	if t.Title == "" {
		t.Title = slug.Title(t.Slug)
	}
	t.Description = f.str("description")
	t.Layout = LayoutTimeline
	if l := f.str("layout"); l != "" {
		if l != LayoutTimeline && l != LayoutList {
			f.errorf(fm.Fields.get("layout"), "layout-unknown", "use layout: timeline or layout: list", "layout: unknown layout %q", l)
		} else {
			t.Layout = l
		}
	}
	t.Order = OldestFirst
	if t.Layout == LayoutList {
		t.Order = NewestFirst
	}
	if o := f.str("order"); o != "" {
		if o != OldestFirst && o != NewestFirst {
			f.errorf(fm.Fields.get("order"), "order-unknown", "use order: oldest-first or order: newest-first", "order: unknown order %q", o)
		} else {
			t.Order = o
		}
	}
	var ok bool
	if t.Intro, t.Links, t.FileLinks, ok = convertIntro(file, fm.Body, s, &diags); !ok {
		return nil, diags
	}
	if diags.HasErrors() {
		return nil, diags
	}
	return t, diags
}
