package disk

import (
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
)

// FS is the folder tree at a root, read through Open: like os.DirFS, but
// a file that is not a regular file or a folder cannot be opened, so it
// can never block a reader. It implements fs.StatFS, fs.ReadDirFS,
// fs.ReadFileFS and fs.ReadLinkFS.
type FS struct {
	root string
}

// DirFS returns the file system of the folder at root.
func DirFS(root string) FS { return FS{root: root} }

// Root returns the folder the file system reads from.
func (d FS) Root() string { return d.root }

func (d FS) join(op, name string) (string, error) {
	if !fs.ValidPath(name) || runtime.GOOS == "windows" && strings.ContainsAny(name, `\:`) {
		return "", &fs.PathError{Op: op, Path: name, Err: fs.ErrInvalid}
	}
	return filepath.Join(d.root, filepath.FromSlash(name)), nil
}

// Open opens a regular file or a folder.
func (d FS) Open(name string) (fs.File, error) {
	full, err := d.join("open", name)
	if err != nil {
		return nil, err
	}
	f, st, err := Open(full, true)
	if err != nil {
		return nil, relative(err, name)
	}
	return &file{File: f, info: st}, nil
}

// file is an open file that knows its fstat already.
type file struct {
	*os.File
	info fs.FileInfo
}

// Stat returns the fstat made when the file was opened.
func (f *file) Stat() (fs.FileInfo, error) { return f.info, nil }

// ReadFile reads a regular file, whatever its size (see ReadFS for a
// limit).
func (d FS) ReadFile(name string) ([]byte, error) {
	full, err := d.join("read", name)
	if err != nil {
		return nil, err
	}
	b, err := ReadFile(full, 0)
	return b, relative(err, name)
}

// ReadDir lists a folder, sorted by name.
func (d FS) ReadDir(name string) ([]fs.DirEntry, error) {
	full, err := d.join("readdir", name)
	if err != nil {
		return nil, err
	}
	f, st, err := Open(full, true)
	if err != nil {
		return nil, relative(err, name)
	}
	defer f.Close()
	if !st.IsDir() {
		return nil, &fs.PathError{Op: "readdir", Path: name, Err: fs.ErrInvalid}
	}
	entries, err := f.ReadDir(-1)
	slices.SortFunc(entries, func(a, b fs.DirEntry) int { return strings.Compare(a.Name(), b.Name()) })
	return entries, relative(err, name)
}

// Stat returns the file's info, following symbolic links. It opens
// nothing.
func (d FS) Stat(name string) (fs.FileInfo, error) {
	full, err := d.join("stat", name)
	if err != nil {
		return nil, err
	}
	st, err := os.Stat(full)
	return st, relative(err, name)
}

// Lstat returns the file's info without following a symbolic link.
func (d FS) Lstat(name string) (fs.FileInfo, error) {
	full, err := d.join("lstat", name)
	if err != nil {
		return nil, err
	}
	st, err := os.Lstat(full)
	return st, relative(err, name)
}

// ReadLink returns the target of a symbolic link.
func (d FS) ReadLink(name string) (string, error) {
	full, err := d.join("readlink", name)
	if err != nil {
		return "", err
	}
	t, err := os.Readlink(full)
	return t, relative(err, name)
}

// relative names the file in an error by its path in the FS, as os.DirFS
// does, rather than by its full path.
func relative(err error, name string) error {
	if pe, ok := err.(*fs.PathError); ok {
		return &fs.PathError{Op: pe.Op, Path: name, Err: pe.Err}
	}
	return err
}
