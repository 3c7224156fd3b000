package site

import (
	"fmt"
	"html/template"
	"path"
	"strings"

	"digest/internal/content"
	"digest/internal/diag"
	"digest/internal/markdown"
)

// fileLinks resolves links written to content files ("x.md",
// "../topics/y.md#a", Zola's "@/articles/x.md", Hugo's ref shortcode) to
// the URLs of their pages, and reports those that lead nowhere.
type fileLinks struct {
	sk     *skeleton
	in     skeletonInputs
	info   *Info
	urls   map[string]string // content file → its page's URL; nil until a link needs it
	why    map[string]string // content file → why it has no page this build
	byBase map[string][]string
	diags  diag.List
}

// newFileLinks returns the resolver of a site's links to content files.
// It lists the pages of content files when a first link asks: most
// builds of most sites have none.
func newFileLinks(sk *skeleton, in skeletonInputs, info *Info) *fileLinks {
	return &fileLinks{sk: sk, in: in, info: info}
}

// list lists the pages of content files: published items and pages,
// topics, the sections' and the site's lists.
func (f *fileLinks) list() {
	sk, in, info := f.sk, f.in, f.info
	f.urls, f.why, f.byBase = map[string]string{}, map[string]string{}, map[string][]string{}
	for _, pos := range sk.newest {
		f.urls[in.Placements[sk.pub[pos]].File] = sk.paths[pos].URL
	}
	for _, ps := range sk.pages {
		f.urls[in.Pages[ps.idx].File] = ps.path.URL
	}
	for _, t := range sk.topics {
		if t.file != nil {
			f.urls[t.file.File] = t.URL
		}
	}
	f.urls[content.ConfigFile] = info.URL("")
	f.urls[content.ArticlesDir+"/_index.md"] = info.URL("")
	f.urls[content.TopicsDir+"/_index.md"] = info.URL("topics/")
	for _, list := range [][]*placement{in.Placements, in.Pages} {
		for _, p := range list {
			if _, ok := f.urls[p.File]; !ok {
				f.why[p.File] = unpublishedWhy(p)
			}
		}
	}
	for file := range f.urls {
		f.byBase[path.Base(file)] = append(f.byBase[path.Base(file)], file)
	}
	for file := range f.why {
		f.byBase[path.Base(file)] = append(f.byBase[path.Base(file)], file)
	}
}

// unpublishedWhy says why an item or page has no page in this build.
func unpublishedWhy(p *placement) string {
	switch {
	case p.Draft:
		return "a draft"
	case p.Expired:
		return "expired"
	case p.Future:
		return "not published yet"
	}
	return "without a URL"
}

// resolve returns the URL of each link of the file from, anchor kept, in
// order; a link that leads nowhere is reported at its line and gets "".
func (f *fileLinks) resolve(from string, links []markdown.FileLink) []string {
	if len(links) == 0 {
		return nil
	}
	if f.urls == nil {
		f.list()
	}
	out := make([]string, len(links))
	for i, l := range links {
		dest, anchor, _ := strings.Cut(l.Dest, "#")
		target := f.find(from, dest)
		if u, ok := f.urls[target]; ok {
			out[i] = u
			if anchor != "" {
				out[i] += "#" + anchor
			}
			continue
		}
		if why, ok := f.why[target]; ok {
			f.diags.Add(diag.Diagnostic{File: from, Line: l.Line, Severity: diag.Error, Code: "link-unpublished",
				Message: fmt.Sprintf("link to %s, which is %s: readers would find no page there", target, why),
				Hint:    "link to it once it is published, or build with --drafts/--future/--expired to preview"})
			continue
		}
		f.diags.Add(diag.Diagnostic{File: from, Line: l.Line, Severity: diag.Error, Code: "link-no-file",
			Message: fmt.Sprintf("link to %s: there is no such content file", l.Dest),
			Hint:    "paths are relative to this file's folder (../topics/x.md), or start at content/ with @/ (@/articles/x.md)"})
	}
	return out
}

// find returns the content file a link names: relative to the linking
// file's folder, or with "@/" from content/; failing those, from content/
// or by a file name that only one content file has, as Hugo's ref finds
// pages.
func (f *fileLinks) find(from, dest string) string {
	if rest, ok := strings.CutPrefix(dest, "@/"); ok {
		return path.Join(content.Dir, rest)
	}
	rel := path.Join(path.Dir(from), dest)
	if f.known(rel) {
		return rel
	}
	if root := path.Join(content.Dir, dest); f.known(root) {
		return root
	}
	if same := f.byBase[path.Base(dest)]; len(same) == 1 && !strings.Contains(dest, "/") {
		return same[0]
	}
	return rel
}

func (f *fileLinks) known(file string) bool {
	_, ok := f.urls[file]
	_, ok2 := f.why[file]
	return ok || ok2
}

// html returns a file's HTML with its links to content files resolved.
func (f *fileLinks) html(from string, h template.HTML, links []markdown.FileLink) template.HTML {
	if len(links) == 0 {
		return h
	}
	return template.HTML(markdown.ResolveFileLinks(string(h), f.resolve(from, links)))
}
