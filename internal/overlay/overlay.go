// Package overlay lays a site's own files over the embedded theme's, as
// one fs.FS: a file the site has hides the theme's of the same name, and
// a folder lists the entries of both. Templates and static files are
// read through it alike, so a site overrides its theme file by file.
package overlay

import (
	"errors"
	"io"
	"io/fs"
	"maps"
	"slices"
)

// FS is a site's files over a theme's. It implements fs.ReadDirFS,
// fs.ReadFileFS and fs.StatFS.
type FS struct {
	site, theme fs.FS // either may be nil
}

// New returns site over theme.
func New(site, theme fs.FS) *FS { return &FS{site: site, theme: theme} }

// layers are the file systems to look in, the site's first.
func (o *FS) layers() []fs.FS {
	var out []fs.FS
	for _, l := range []fs.FS{o.site, o.theme} {
		if l != nil {
			out = append(out, l)
		}
	}
	return out
}

// Open opens the site's file, else the theme's. A folder lists the
// entries of both layers.
func (o *FS) Open(name string) (fs.File, error) {
	for _, l := range o.layers() {
		f, err := l.Open(name)
		if errors.Is(err, fs.ErrNotExist) {
			continue
		}
		if err != nil {
			return nil, err
		}
		st, err := f.Stat()
		if err != nil || !st.IsDir() {
			return f, err
		}
		entries, err := o.ReadDir(name)
		if err != nil {
			f.Close()
			return nil, err
		}
		return &dir{File: f, entries: entries}, nil
	}
	return nil, &fs.PathError{Op: "open", Path: name, Err: fs.ErrNotExist}
}

// dir is an open folder of the overlay: the first layer's, listing both.
type dir struct {
	fs.File
	entries []fs.DirEntry
	read    int
}

// ReadDir lists the folder as fs.ReadDirFile does.
func (d *dir) ReadDir(n int) ([]fs.DirEntry, error) {
	rest := d.entries[d.read:]
	if n <= 0 {
		d.read = len(d.entries)
		return rest, nil
	}
	if len(rest) == 0 {
		return nil, io.EOF
	}
	rest = rest[:min(n, len(rest))]
	d.read += len(rest)
	return rest, nil
}

// ReadFile reads the site's file, else the theme's.
func (o *FS) ReadFile(name string) ([]byte, error) {
	for _, l := range o.layers() {
		b, err := fs.ReadFile(l, name)
		if !errors.Is(err, fs.ErrNotExist) {
			return b, err
		}
	}
	return nil, &fs.PathError{Op: "read", Path: name, Err: fs.ErrNotExist}
}

// Stat describes the site's file, else the theme's.
func (o *FS) Stat(name string) (fs.FileInfo, error) {
	for _, l := range o.layers() {
		st, err := fs.Stat(l, name)
		if !errors.Is(err, fs.ErrNotExist) {
			return st, err
		}
	}
	return nil, &fs.PathError{Op: "stat", Path: name, Err: fs.ErrNotExist}
}

// ReadDir lists a folder of either layer, sorted by name; where both
// have an entry of one name, the site's is listed.
func (o *FS) ReadDir(name string) ([]fs.DirEntry, error) {
	entries := map[string]fs.DirEntry{}
	found := false
	for _, l := range slices.Backward(o.layers()) { // the site's last, to win
		list, err := fs.ReadDir(l, name)
		if errors.Is(err, fs.ErrNotExist) {
			continue
		}
		if err != nil {
			return nil, err
		}
		found = true
		for _, e := range list {
			entries[e.Name()] = e
		}
	}
	if !found {
		return nil, &fs.PathError{Op: "readdir", Path: name, Err: fs.ErrNotExist}
	}
	out := make([]fs.DirEntry, 0, len(entries))
	for _, n := range slices.Sorted(maps.Keys(entries)) {
		out = append(out, entries[n])
	}
	return out, nil
}

// FromTheme reports whether name is the theme's: the site has no file
// of that name, and the theme has.
func (o *FS) FromTheme(name string) bool {
	if o.site != nil {
		if _, err := fs.Stat(o.site, name); !errors.Is(err, fs.ErrNotExist) {
			return false
		}
	}
	if o.theme == nil {
		return false
	}
	_, err := fs.Stat(o.theme, name)
	return err == nil
}
