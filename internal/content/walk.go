package content

import (
	"errors"
	"fmt"
	"io/fs"
	"path"
	"slices"
	"strings"

	"digest/internal/diag"
	"digest/internal/disk"
)

// IsIgnoredName reports whether a file or folder name is one the site
// ignores: dot-files and editor temporaries (vim's .swp and 4913 probes,
// backup~ files, Emacs lock files, .tmp).
func IsIgnoredName(name string) bool {
	switch {
	case name == "" || strings.HasPrefix(name, ".") || strings.HasPrefix(name, "#"):
		return true
	case strings.HasSuffix(name, "~") || name == "4913":
		return true
	}
	switch path.Ext(name) {
	case ".swp", ".swo", ".swx", ".tmp", ".bak", ".crdownload", ".part":
		return true
	}
	return false
}

// maxLinkHops bounds symlink chains, as the kernel does.
const maxLinkHops = 40

// walker lists the files under a folder of an fs.FS. It follows symbolic
// links whose target stays inside the FS, reports those that leave it and
// loops among them, and never descends into a folder twice on one path.
type walker struct {
	fsys  fs.FS
	diags diag.List
	files []fileRef
}

// fileRef is a file found by the walk: the path it is known by in the site
// and the path it is read from (they differ under symbolic links).
type fileRef struct{ logical, real string }

func (w *walker) walk(logical, real string, stack []string) {
	entries, err := fs.ReadDir(w.fsys, real)
	if err != nil {
		if errors.Is(err, fs.ErrNotExist) && len(stack) == 0 {
			return
		}
		w.diags.Errorf(logical, 0, "read-error", "cannot read folder: %v", unwrapPath(err))
		return
	}
	stack = append(stack, real)
	for _, e := range entries {
		name := e.Name()
		if IsIgnoredName(name) {
			continue
		}
		lp, rp := path.Join(logical, name), path.Join(real, name)
		isDir := e.IsDir()
		if e.Type()&fs.ModeSymlink != 0 {
			target, dir, ok := w.resolve(lp, rp)
			if !ok {
				continue
			}
			rp, isDir = target, dir
			if isDir && (slices.Contains(stack, rp) || within(real, rp)) {
				w.diags.Errorf(lp, 0, "symlink-loop", "symbolic link loops back to %s", rp)
				continue
			}
		}
		if isDir {
			w.walk(lp, rp, stack)
			continue
		}
		if kind := irregular(w.fsys, rp, e); kind != "" {
			w.diags.Errorf(lp, 0, "not-a-file", "not a regular file (%s): content/ holds Markdown files only", kind)
			continue
		}
		w.files = append(w.files, fileRef{lp, rp})
	}
}

// irregular names the kind of a file that is neither a regular file nor a
// folder (a named pipe would block a reader that opened it), or "".
func irregular(fsys fs.FS, p string, e fs.DirEntry) string {
	t := e.Type()
	if t&fs.ModeSymlink != 0 {
		st, err := fs.Stat(fsys, p)
		if err != nil {
			return ""
		}
		t = st.Mode().Type()
	}
	return disk.Kind(t)
}

// within reports whether p is dir or inside it.
func within(p, dir string) bool {
	return dir == p || dir == "." || strings.HasPrefix(p, dir+"/")
}

// resolve follows the symlink at rp to a path inside the FS and reports
// whether it is a folder. Every component of every target is resolved in
// turn, so a link through another link that leaves the site is caught too.
func (w *walker) resolve(lp, rp string) (string, bool, bool) {
	rl, ok := w.fsys.(fs.ReadLinkFS)
	if !ok {
		st, err := fs.Stat(w.fsys, rp)
		if err != nil {
			w.diags.Warnf(lp, 0, "symlink-broken", "symbolic link cannot be followed: %v", unwrapPath(err))
			return "", false, false
		}
		return rp, st.IsDir(), true
	}
	real, st, problem := realPath(rl, rp)
	switch problem {
	case "":
		return real, st.IsDir(), true
	case "loop":
		w.diags.Errorf(lp, 0, "symlink-loop", "symbolic links loop (more than %d hops)", maxLinkHops)
	case "outside":
		w.diags.Warnf(lp, 0, "symlink-outside", "symbolic link points outside the site (%s) and is ignored", real)
	default:
		w.diags.Warnf(lp, 0, "symlink-broken", "symbolic link cannot be followed: %s", problem)
	}
	return "", false, false
}

// realPath resolves p component by component inside fsys, following
// symbolic links. It returns the resolved path and its info, or a problem:
// "outside" (with the offending target), "loop", or a reason it is broken.
func realPath(fsys fs.ReadLinkFS, p string) (string, fs.FileInfo, string) {
	todo := strings.Split(p, "/")
	cur := ""
	hops := 0
	var info fs.FileInfo
	for len(todo) > 0 {
		part := todo[0]
		todo = todo[1:]
		switch part {
		case "", ".":
			continue
		case "..":
			if cur == "" {
				return p, nil, "outside"
			}
			cur = path.Dir(cur)
			if cur == "." {
				cur = ""
			}
			continue
		}
		next := path.Join(cur, part)
		st, err := fsys.Lstat(next)
		if err != nil {
			return next, nil, next + " does not exist"
		}
		if st.Mode()&fs.ModeSymlink == 0 {
			cur, info = next, st
			continue
		}
		if hops++; hops > maxLinkHops {
			return next, nil, "loop"
		}
		target, err := fsys.ReadLink(next)
		if err != nil {
			return next, nil, unwrapPath(err).Error()
		}
		if path.IsAbs(target) || strings.HasPrefix(target, `\`) || strings.Contains(target, ":") {
			return target, nil, "outside"
		}
		todo = append(strings.Split(target, "/"), todo...)
	}
	if info == nil {
		return p, nil, "outside"
	}
	return cur, info, ""
}

// unwrapPath drops the path an fs error repeats, since diagnostics name
// the file already.
func unwrapPath(err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return fmt.Errorf("%s: %w", pe.Op, pe.Err)
	}
	return err
}
