package output

import (
	"errors"
	"fmt"
	"io/fs"
	"maps"
	"os"
	"path"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"syscall"

	"digest/internal/disk"
	"digest/internal/fingerprint"
)

// The manifest is the only licence to remove or replace a file. Files of
// the destination that it does not list (a README, a _headers file, a
// search engine's verification page) are foreign: each new tree carries
// them over, and a build that would write one of their paths fails before
// anything is touched. So do listed files whose bytes were changed since
// digest wrote them, when the build would replace or drop them.

// foreign is what a destination holds that digest did not write.
type foreign struct {
	files []string // files, symbolic links and other non-folders
	dirs  []string // folders with nothing in them
}

// listForeign walks dest for what old does not list. .git at the top is
// left out: it is carried over whole (see kept).
func listForeign(dest string, old manifest) (foreign, error) {
	var f foreign
	var walk func(rel string) error
	walk = func(rel string) error {
		entries, err := os.ReadDir(filepath.Join(dest, filepath.FromSlash(rel)))
		if err != nil {
			return fmt.Errorf("listing %s: %w", rel, err)
		}
		if len(entries) == 0 && rel != "." {
			f.dirs = append(f.dirs, rel)
		}
		for _, e := range entries {
			p := path.Join(rel, e.Name())
			if rel == "." && (isKept(e.Name()) && e.IsDir() || e.Name() == Marker || e.Name() == Marker+".new") {
				continue
			}
			if e.IsDir() {
				if err := walk(p); err != nil {
					return err
				}
				continue
			}
			if _, ok := old[p]; !ok {
				f.files = append(f.files, p)
			}
		}
		return nil
	}
	if err := walk("."); err != nil {
		return foreign{}, err
	}
	return f, nil
}

// ConflictError is returned by Commit when the build would replace or
// remove files digest did not write, or that were changed since.
type ConflictError struct {
	Dest  string
	Paths []string // relative, sorted
	Why   string
}

func (e *ConflictError) Error() string {
	shown := e.Paths
	more := ""
	if len(shown) > 5 {
		shown, more = shown[:5], fmt.Sprintf(" and %d more", len(e.Paths)-5)
	}
	return fmt.Sprintf("%s: %s%s %s; nothing was written: move them away or delete them, then build again",
		e.Dest, strings.Join(shown, ", "), more, e.Why)
}

// changedByHand returns the listed files of the current tree that this
// build would replace or drop and whose bytes are no longer those digest
// wrote. It reads and hashes each of them, on all cores: a rebuild
// replaces few files, a template change all of its pages.
func (t *Tree) changedByHand() []string {
	var todo []string
	for p := range t.old {
		if _, kept := t.next[p]; !kept || t.written[p] {
			todo = append(todo, p)
		}
	}
	var mu sync.Mutex
	var changed []string
	eachIndex(len(todo), func(i int) {
		p := todo[i]
		b, err := disk.ReadFile(filepath.Join(t.dest, filepath.FromSlash(p)), 0)
		if errors.Is(err, fs.ErrNotExist) || err == nil && fingerprint.Bytes(b) == t.old[p].sum {
			return // gone, or as digest wrote it
		}
		mu.Lock()
		changed = append(changed, p)
		mu.Unlock()
	})
	slices.Sort(changed)
	return changed
}

// carryForeign puts the destination's foreign files and empty folders in
// the new tree, or fails if the new tree has something at their place.
func (t *Tree) carryForeign(f foreign) error {
	var clash []string
	for _, p := range f.files {
		if _, ok := t.next[p]; ok {
			clash = append(clash, p)
			continue
		}
		if err := t.link(p); err != nil {
			if errors.Is(err, fs.ErrExist) || errors.Is(err, syscall.ENOTDIR) {
				clash = append(clash, p)
				continue
			}
			return err
		}
	}
	if len(clash) > 0 {
		slices.Sort(clash)
		return &ConflictError{Dest: t.dest, Paths: clash, Why: "were not written by digest, and this build writes the same paths"}
	}
	for _, d := range f.dirs {
		if err := t.mkdir(d); err != nil {
			return err
		}
	}
	return nil
}

// sweep removes the previous tree, now at dir, file by file: only what
// known accepts (what the manifest listed, and foreign files, which are
// linked into the new tree). Anything else appeared during the build: it
// is returned, left in place, for the caller to rescue.
func sweep(dir string, known func(rel string) bool) ([]string, error) {
	s := &sweeper{dir: dir, known: known, unknown: map[string]bool{}}
	// The top of a site is a few large folders (years, topics): their
	// sub-folders are spread over the workers first.
	var subtrees []string
	top, err := os.ReadDir(dir)
	if os.IsNotExist(err) {
		return nil, nil // there was no previous tree
	}
	if err != nil {
		return nil, err
	}
	for _, e := range top {
		if e.IsDir() {
			inner, _ := os.ReadDir(filepath.Join(dir, e.Name()))
			for _, ie := range inner {
				if ie.IsDir() {
					subtrees = append(subtrees, e.Name()+"/"+ie.Name())
				}
			}
		}
	}
	eachIndex(len(subtrees), func(i int) { s.remove(subtrees[i]) })
	s.remove(".")
	unknown := slices.Sorted(maps.Keys(s.unknown))
	return unknown, s.err
}

// sweeper is the state of one sweep.
type sweeper struct {
	dir     string
	known   func(rel string) bool
	mu      sync.Mutex
	unknown map[string]bool
	err     error // the first failure
}

// remove removes what is known under rel, then rel if that emptied it,
// and reports whether it did.
func (s *sweeper) remove(rel string) bool {
	full := filepath.Join(s.dir, filepath.FromSlash(rel))
	entries, err := os.ReadDir(full)
	if os.IsNotExist(err) {
		return true // a worker took it
	}
	if err != nil {
		s.fail(err)
		return false
	}
	empty := true
	for _, e := range entries {
		p := path.Join(rel, e.Name())
		switch {
		case e.IsDir():
			empty = s.remove(p) && empty
		case !s.known(p):
			s.mu.Lock()
			s.unknown[p] = true
			s.mu.Unlock()
			empty = false
		default:
			if err := removeWritable(filepath.Join(s.dir, filepath.FromSlash(p))); err != nil {
				s.fail(err)
				empty = false
			}
		}
	}
	if empty && rel != "." {
		if err := removeWritable(full); err != nil {
			s.fail(err)
			return false
		}
	}
	if empty && rel == "." {
		if err := os.Remove(full); err != nil && !os.IsNotExist(err) {
			s.fail(err)
			return false
		}
	}
	return empty
}

func (s *sweeper) fail(err error) {
	s.mu.Lock()
	if s.err == nil {
		s.err = err
	}
	s.mu.Unlock()
}

// removeWritable removes the file or empty folder at p. If its folder is
// read-only (a destination made read-only by its owner), the folder is
// made writable first, which its owner may do: it is being removed.
func removeWritable(p string) error {
	err := remove(p)
	if err == nil || os.IsNotExist(err) {
		return nil
	}
	if !errors.Is(err, fs.ErrPermission) {
		return err
	}
	parent := filepath.Dir(p)
	st, serr := os.Stat(parent)
	if serr != nil || os.Chmod(parent, st.Mode().Perm()|0o700) != nil {
		return err
	}
	if err := remove(p); err != nil && !os.IsNotExist(err) {
		return err
	}
	return nil
}

// remove is os.Remove; tests make it fail, as it does for a user other
// than root in a read-only folder.
var remove = os.Remove

// eachIndex calls fn for every index below n, on as many goroutines as
// workers says: the kernel's work on files is what a rebuild waits on,
// and it spreads over cores.
func eachIndex(n int, fn func(i int)) {
	var next atomic.Int64
	var wg sync.WaitGroup
	for range workers() {
		wg.Go(func() {
			for i := int(next.Add(1)) - 1; i < n; i = int(next.Add(1)) - 1 {
				fn(i)
			}
		})
	}
	wg.Wait()
}
