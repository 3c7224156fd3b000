package build

import (
	"encoding/hex"
	"errors"
	"fmt"
	"io/fs"
	"maps"
	"path"
	"slices"
	"strings"

	"digest/internal/content"
	"digest/internal/diag"
	"digest/internal/disk"
	"digest/internal/fingerprint"
)

// StaticDir is the folder of files copied as they are.
const StaticDir = "static"

// staticFile is a file to copy: from the site's static/ or the theme's.
type staticFile struct {
	out   string // output path
	fsys  fs.FS
	src   string
	input fingerprint.Sum // of path, size and modification time (or content)
	data  []byte          // read only for fingerprinted assets
	size  int64           // of a page bundle's file
	// bundle is true for a page bundle's file: read through the one
	// door (package disk), which refuses what is not a regular file.
	bundle bool
}

// fingerprinted are the extensions of assets published only under a name
// that carries their hash ("style.3f2a9c1b.css"), so that hosts can cache
// them forever: templates link them with {{index .Site.Assets "style.css"}}.
var fingerprinted = map[string]bool{".css": true, ".js": true}

// loadStatic lists the static files of fsys, the site's over the
// theme's. CSS and JavaScript files are also published under a
// fingerprinted name; assets maps their plain name to the URL path to
// use.
func loadStatic(fsys fs.FS) ([]*staticFile, map[string]string, diag.List) {
	var diags diag.List
	files := map[string]*staticFile{}
	err := fs.WalkDir(fsys, StaticDir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			if errors.Is(err, fs.ErrNotExist) && p == StaticDir {
				return fs.SkipDir
			}
			diags.Errorf(p, 0, "read-error", "cannot read: %v", err)
			return nil
		}
		if content.IsIgnoredName(d.Name()) && p != StaticDir {
			if d.IsDir() {
				return fs.SkipDir
			}
			return nil
		}
		if d.IsDir() {
			return nil
		}
		if kind := disk.Kind(d.Type()); kind != "" && d.Type()&fs.ModeSymlink == 0 {
			diags.Errorf(p, 0, "not-a-file", "not a regular file (%s): static/ holds files to publish", kind)
			return nil
		}
		info, err := d.Info()
		if err != nil {
			diags.Errorf(p, 0, "read-error", "cannot read: %v", err)
			return nil
		}
		out := strings.TrimPrefix(p, StaticDir+"/")
		files[out] = &staticFile{out: out, fsys: fsys, src: p,
			input: fingerprint.Strings("static", p, fmt.Sprint(info.Size()), info.ModTime().UTC().String())}
		return nil
	})
	if err != nil {
		diags.Errorf(StaticDir, 0, "read-error", "cannot read static files: %v", err)
	}
	assets := map[string]string{}
	var list []*staticFile
	for _, out := range slices.Sorted(maps.Keys(files)) {
		f := files[out]
		assets[out] = out
		if !fingerprinted[path.Ext(out)] {
			list = append(list, f)
			continue
		}
		b, err := fs.ReadFile(f.fsys, f.src)
		if err != nil {
			diags.Errorf(f.src, 0, "read-error", "cannot read: %v", err)
			continue
		}
		f.data = b
		sum := fingerprint.Bytes(b)
		f.input = fingerprint.Strings("static", f.src, string(sum[:]))
		ext := path.Ext(out)
		named := strings.TrimSuffix(out, ext) + "." + hex.EncodeToString(sum[:4]) + ext
		list = append(list, &staticFile{out: named, fsys: f.fsys, src: f.src, input: f.input, data: b})
		assets[out] = named
	}
	slices.SortFunc(list, func(a, b *staticFile) int { return strings.Compare(a.out, b.out) })
	return list, assets, diags
}
