package output

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	"digest/internal/disk"
)

// Options say what a destination must keep clear of.
type Options struct {
	// Site is the site's folder: the destination may lie inside it
	// (public/), but may not be it or contain it.
	Site string
	// Sources are the folders the site is made from (content/, templates/,
	// static/): the destination may not be one of them, contain one or
	// lie inside one.
	Sources []string
	// Waiting, if set, is told when another build holds the destination's
	// lock and Open waits for it: holder is its process ID, or 0 if
	// unknown.
	Waiting func(holder int)
}

// ErrRefused is wrapped by the errors for destinations that are never
// written to, whatever marker they hold.
var ErrRefused = errors.New("refused destination")

// accept checks a destination before anything is created or locked: it
// is not a symbolic link nor a file, not the root of a file system, and
// clear of the site's sources. Paths are compared once symbolic links are
// resolved, so no other name for a source folder slips through.
func accept(abs string, o Options) error {
	if st, err := os.Lstat(abs); err == nil {
		switch {
		case st.Mode()&fs.ModeSymlink != 0:
			target, _ := os.Readlink(abs)
			state := ""
			if _, err := os.Stat(abs); err != nil {
				state = ", which does not exist"
			}
			return fmt.Errorf("destination %s is a symbolic link (to %s%s): digest replaces its destination folder as a whole, so name a real folder: %w",
				abs, target, state, ErrRefused)
		case !st.IsDir():
			what := disk.Kind(st.Mode())
			if what == "" {
				what = "a file"
			}
			return fmt.Errorf("destination %s is %s, not a folder: %w", abs, what, ErrNotOurs)
		}
	}
	real := resolve(abs)
	if filepath.Dir(real) == real {
		return fmt.Errorf("destination %s is the root of the file system: %w", abs, ErrRefused)
	}
	if o.Site != "" {
		site := resolve(o.Site)
		switch {
		case real == site:
			return fmt.Errorf("destination %s is the site's own folder, which holds its sources: build into a folder such as %s: %w",
				abs, filepath.Join(o.Site, "public"), ErrRefused)
		case inside(site, real):
			return fmt.Errorf("destination %s contains the site's folder %s: %w", abs, o.Site, ErrRefused)
		}
	}
	for _, s := range o.Sources {
		src := resolve(s)
		switch {
		case real == src:
			return fmt.Errorf("destination %s is the source folder %s: %w", abs, s, ErrRefused)
		case inside(real, src):
			return fmt.Errorf("destination %s lies inside the source folder %s, whose files the site is made from: %w", abs, s, ErrRefused)
		case inside(src, real):
			return fmt.Errorf("destination %s contains the source folder %s: %w", abs, s, ErrRefused)
		}
	}
	return nil
}

// resolve returns p absolute, with the symbolic links of its longest
// existing part resolved: the destination may not exist yet.
func resolve(p string) string {
	abs, err := filepath.Abs(p)
	if err != nil {
		return filepath.Clean(p)
	}
	rest := ""
	for cur := abs; ; {
		if real, err := filepath.EvalSymlinks(cur); err == nil {
			return filepath.Join(real, rest)
		}
		parent := filepath.Dir(cur)
		if parent == cur {
			return abs
		}
		rest = filepath.Join(filepath.Base(cur), rest)
		cur = parent
	}
}

// inside reports whether p lies strictly inside dir.
func inside(p, dir string) bool {
	rel, err := filepath.Rel(dir, p)
	return err == nil && rel != "." && rel != ".." && !strings.HasPrefix(rel, ".."+string(filepath.Separator))
}
