package site

import (
	"path"
	"strings"

	"digest/internal/diag"
)

// Resource is a file of a page bundle as the site publishes it, beside
// its page: content/articles/2025-08-20-x/map.png goes to
// 2025/08/20/x/map.png.
type Resource struct {
	Path string // output path
	Src  string // the file it is copied from, as read (a link's target)
	File string // its path in the site, for messages
}

// placeFiles says where the files of the published items' and pages'
// bundles go: into the folder of the bundle's page.
func (sk *skeleton) placeFiles(in skeletonInputs) {
	if len(in.Resources) == 0 {
		return
	}
	dirs := map[string]string{} // bundle folder → output folder
	bundleOf := func(file string) (string, bool) {
		dir, base := path.Split(file)
		stem := strings.TrimSuffix(base, path.Ext(base))
		return strings.TrimSuffix(dir, "/"), strings.EqualFold(stem, "index")
	}
	for _, pos := range sk.newest {
		if dir, ok := bundleOf(in.Placements[sk.pub[pos]].File); ok {
			dirs[dir] = path.Dir(sk.paths[pos].Path)
		}
	}
	for _, ps := range sk.pages {
		if dir, ok := bundleOf(in.Pages[ps.idx].File); ok {
			dirs[dir] = path.Dir(ps.path.Path)
		}
	}
	for _, r := range in.Resources {
		if out, ok := dirs[r.Bundle]; ok {
			sk.files = append(sk.files, Resource{Path: path.Join(out, r.Rel), Src: r.Real, File: r.Path})
		}
	}
}

// checkFiles adds the bundles' files to the outputs, and reports one
// that would replace a page or a static file.
func (sk *skeleton) checkFiles(in skeletonInputs, info *Info) {
	pages := make(map[string]pageSlot, len(sk.order))
	for _, p := range sk.order {
		pages[p.path] = p
	}
	for _, f := range sk.files {
		switch p, clash := pages[f.Path]; {
		case clash:
			_, what, _ := sk.owner(in, info, p)
			sk.diags.Add(diag.Diagnostic{File: f.File, Severity: diag.Error, Code: "duplicate-url",
				Message: "this bundle file would be published at " + info.URL(f.Path) + ", which is " + what,
				Hint:    "rename the file"})
		case in.Static[f.Path]:
			sk.diags.Add(diag.Diagnostic{File: f.File, Severity: diag.Error, Code: "duplicate-url",
				Message: "this bundle file would be published at " + info.URL(f.Path) + ", as is a file of static/",
				Hint:    "rename one of them"})
		}
		sk.outputs[f.Path] = true
	}
}
