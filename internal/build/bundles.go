package build

import (
	"fmt"
	"io/fs"

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
// modification time changed.
func bundleFiles(fsys fs.FS, rs []site.Resource) ([]*staticFile, diag.List) {
	var diags diag.List
	files := make([]*staticFile, 0, len(rs))
	for _, r := range rs {
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
		files = append(files, &staticFile{out: r.Path, fsys: fsys, src: r.Src, bundle: true,
			input: fingerprint.Strings("bundle", r.Src, fmt.Sprint(info.Size()), info.ModTime().UTC().String())})
	}
	return files, diags
}
