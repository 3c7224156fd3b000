package build

import (
	"fmt"
	"io/fs"
	"strings"

	"digest/internal/diag"
	"digest/internal/disk"
	"digest/internal/fingerprint"
	"digest/internal/site"
)

// MaxBundleFile is the largest file of a page bundle the builder
// publishes: a PDF or a photo, not a video archive.
const MaxBundleFile = 256 << 20

// bundleFiles lists the files of page bundles to copy beside their pages,
// as static files are copied: each is read only when its size or
// modification time changed. A file of the last build's list (last) that
// changed does not name is taken as it was, without a stat: a rebuild
// after an edit costs nothing per bundle file. changed is nil when
// anything may have changed.
func bundleFiles(fsys fs.FS, rs []site.Resource, last []*staticFile, changed []string) ([]*staticFile, diag.List) {
	var diags diag.List
	known := map[[2]string]*staticFile{}
	if changed != nil {
		for _, f := range last {
			known[[2]string{f.src, f.out}] = f
		}
	}
	files := make([]*staticFile, 0, len(rs))
	for _, r := range rs {
		if f := known[[2]string{r.Src, r.Path}]; f != nil && !affected(changed, r.File) && !affected(changed, r.Src) {
			files = append(files, f)
			continue
		}
		info, err := fs.Stat(fsys, r.Src)
		if err != nil {
			diags.Errorf(r.File, 0, "read-error", "cannot read: %v", err)
			continue
		}
		if kind := disk.Kind(info.Mode()); kind != "" {
			diags.Errorf(r.File, 0, "not-a-file", "not a regular file (%s): a page bundle holds files to publish", kind)
			continue
		}
		if info.Size() > MaxBundleFile {
			diags.Errorf(r.File, 0, "file-too-large", "%s, more than the %s a bundle's file may have: publish it elsewhere and link to it",
				disk.Size(info.Size()), disk.Size(MaxBundleFile))
			continue
		}
		files = append(files, &staticFile{out: r.Path, fsys: fsys, src: r.Src, bundle: true, size: info.Size(),
			input: fingerprint.Strings("bundle", r.Src, fmt.Sprint(info.Size()), info.ModTime().UTC().String())})
	}
	return files, diags
}

// affected reports whether a changed path is p or a folder holding it.
func affected(changed []string, p string) bool {
	for _, c := range changed {
		if c == p || c == "." || strings.HasPrefix(p, c+"/") {
			return true
		}
	}
	return false
}
