// Package output writes a built site to its destination folder so that
// the folder always holds either the previous complete site or the new
// one, never a mix, whatever happens during the build.
//
// The new tree is made beside the destination: files whose bytes did not
// change are hard-linked from the current tree (same inode and
// modification time, so deploy tools and rsync see nothing new), changed
// files are written fresh, removed pages are simply absent. Commit then
// exchanges the two folders in one step (Linux renameat2 RENAME_EXCHANGE)
// and removes the old one. A build that changes nothing touches nothing.
// Leftovers of a build that was killed are removed by the next one.
package output

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"strconv"
	"strings"
	"sync"

	"digest/internal/disk"
	"digest/internal/fingerprint"
)

// kept are the names carried over from the current destination into each
// new tree unless the build writes them itself.
var kept = []string{".git", "CNAME"}

// Tree is the next version of a destination folder, being built.
type Tree struct {
	dest    string             // absolute
	tmp     string             // the new tree, beside dest
	foreign chan foreignResult // what dest holds that digest did not write
	listing sync.Once          // starts the walk that fills foreign
	old     manifest
	next    manifest
	written map[string]bool // paths written fresh (the others are linked at commit)
	stale   bool            // an unchanged file's input changed: the manifest must be updated
	hadMark bool            // the destination has a manifest
	mu      sync.Mutex
	unlock  func()
	dirs    map[string]*dirState // folders of the new tree, made or being made
}

// dirState is a folder of the new tree: made once, by whoever needs it
// first, while others needing it wait.
type dirState struct {
	done chan struct{}
	err  error
}

// Stats count what a commit did.
type Stats struct {
	Written, Linked, Removed int
	Unchanged                bool // nothing differed: the destination was not touched
	// Warnings are what went wrong after the new site was swapped in:
	// the build succeeded, and the next one cleans up.
	Warnings []string
}

// foreignResult is what listForeign found.
type foreignResult struct {
	f   foreign
	err error
}

// Open starts a new tree for dest. It refuses, before creating or locking
// anything, a destination that is a symbolic link or a file, or is not
// clear of the site's sources (see Options), and after taking the lock,
// one that exists, is not empty and was not written by digest. It cleans
// up what killed builds left beside the destination.
func Open(dest string, o Options) (*Tree, error) {
	abs, err := filepath.Abs(dest)
	if err != nil {
		return nil, fmt.Errorf("destination %s: %w", dest, err)
	}
	if err := accept(abs, o); err != nil {
		return nil, err
	}
	parent, base := filepath.Dir(abs), filepath.Base(abs)
	if err := os.MkdirAll(parent, 0o755); err != nil {
		return nil, fmt.Errorf("creating %s: %w", parent, err)
	}
	unlock, err := lock(filepath.Join(parent, "."+base+".digest-lock"), o.Waiting)
	if err != nil {
		return nil, err
	}
	t := &Tree{dest: abs, old: manifest{}, next: manifest{}, written: map[string]bool{}, unlock: unlock, dirs: map[string]*dirState{}}
	if err := cleanLeftovers(parent, base, abs); err != nil {
		unlock()
		return nil, err
	}
	if err := t.readCurrent(); err != nil {
		unlock()
		return nil, err
	}
	t.foreign = make(chan foreignResult, 1)
	t.tmp = filepath.Join(parent, "."+base+".digest-new-"+strconv.Itoa(os.Getpid()))
	if err := os.RemoveAll(t.tmp); err != nil {
		unlock()
		return nil, fmt.Errorf("removing %s: %w", t.tmp, err)
	}
	if err := os.Mkdir(t.tmp, 0o755); err != nil {
		unlock()
		return nil, fmt.Errorf("creating %s: %w", t.tmp, err)
	}
	root := &dirState{done: make(chan struct{})}
	close(root.done)
	t.dirs["."] = root
	return t, nil
}

// ErrNotOurs is returned for a destination digest will not replace.
var ErrNotOurs = errors.New("destination is not empty and was not written by digest")

func (t *Tree) readCurrent() error {
	st, err := os.Lstat(t.dest)
	if os.IsNotExist(err) {
		return nil
	}
	if err != nil {
		return fmt.Errorf("destination: %w", err)
	}
	if !st.IsDir() { // it changed since accept
		return fmt.Errorf("destination %s is no longer a folder: %w", t.dest, ErrNotOurs)
	}
	b, err := disk.ReadFile(filepath.Join(t.dest, Marker), 1<<30)
	if err == nil {
		if m, perr := parseManifest(b); perr == nil {
			t.old = m
		}
		t.hadMark = true
		return nil
	}
	entries, rerr := os.ReadDir(t.dest)
	if rerr != nil {
		return fmt.Errorf("destination: %w", rerr)
	}
	for _, e := range entries {
		if !isKept(e.Name()) {
			return fmt.Errorf("%s has files (such as %s) but no %s marker; remove it or choose another destination: %w",
				t.dest, e.Name(), Marker, ErrNotOurs)
		}
	}
	return nil
}

func isKept(name string) bool {
	for _, k := range kept {
		if name == k {
			return true
		}
	}
	return false
}

// cleanLeftovers removes trees of killed builds. If the destination is
// missing (a build killed between the two renames of a system without an
// atomic exchange), the previous site, set aside, is put back first; a
// .git folder left in a leftover tree is moved back into the destination.
// Nothing else is rescued: a CNAME in a leftover may be one the build
// itself wrote.
func cleanLeftovers(parent, base, dest string) error {
	entries, err := os.ReadDir(parent)
	if err != nil {
		return nil
	}
	prefix := "." + base + ".digest-"
	var lefts []string
	for _, e := range entries {
		n := e.Name()
		if strings.HasPrefix(n, prefix) && !strings.HasSuffix(n, "-lock") && e.IsDir() {
			lefts = append(lefts, filepath.Join(parent, n))
		}
	}
	if _, err := os.Lstat(dest); os.IsNotExist(err) {
		for _, left := range lefts {
			if strings.HasSuffix(left, "-old") {
				if _, err := os.Stat(filepath.Join(left, Marker)); err == nil && os.Rename(left, dest) == nil {
					break
				}
			}
		}
	}
	for _, left := range lefts {
		src, dst := filepath.Join(left, ".git"), filepath.Join(dest, ".git")
		if _, err := os.Lstat(src); err == nil {
			if _, err := os.Lstat(dst); os.IsNotExist(err) {
				if err := os.MkdirAll(dest, 0o755); err != nil {
					return fmt.Errorf("rescuing .git from %s: %w", left, err)
				}
				if err := os.Rename(src, dst); err != nil {
					return fmt.Errorf("rescuing .git from %s: %w", left, err)
				}
			}
		}
		if _, err := os.Lstat(left); err == nil {
			_ = removeAllWritable(left)
		}
	}
	return nil
}

// Current reports whether path can be kept as it is: the current tree has
// it, made from the same input fingerprint. The caller then need not
// render it; Keep records that.
func (t *Tree) Current(path string, input fingerprint.Sum) bool {
	if input == (fingerprint.Sum{}) {
		return false
	}
	e, ok := t.old[path]
	return ok && e.input == input && t.present(path)
}

// present reports whether the current tree really has path as a file:
// someone may have deleted it by hand.
func (t *Tree) present(path string) bool {
	st, err := os.Lstat(filepath.Join(t.dest, filepath.FromSlash(path)))
	return err == nil && st.Mode().IsRegular()
}

// Keep records that path stays as it is in the current tree. A path
// already written in this tree keeps its new bytes.
func (t *Tree) Keep(path string) {
	t.mu.Lock()
	defer t.mu.Unlock()
	if _, done := t.next[path]; !done {
		t.next[path] = t.old[path]
	}
}

// Write records a file of the new tree. Bytes equal to the current
// tree's are linked rather than written. Safe for concurrent use.
func (t *Tree) Write(path string, input fingerprint.Sum, data []byte) error {
	if err := checkPath(path); err != nil {
		return err
	}
	sum := fingerprint.Bytes(data)
	t.mu.Lock()
	if _, dup := t.next[path]; dup {
		t.mu.Unlock()
		return fmt.Errorf("output %s written twice", path)
	}
	t.next[path] = entry{sum: sum, input: input}
	if e, ok := t.old[path]; ok && e.sum == sum && t.present(path) {
		if e.input != input {
			t.stale = true
		}
		t.mu.Unlock()
		return nil
	}
	t.written[path] = true
	t.mu.Unlock()
	t.listForeign()
	full := filepath.Join(t.tmp, filepath.FromSlash(path))
	if err := t.mkdirs(filepath.Dir(full)); err != nil {
		return err
	}
	return CreateFile(full, data)
}

// checkPath refuses paths that would leave the tree, break the manifest
// (control characters), or write into a kept folder such as .git.
func checkPath(p string) error {
	if p == "" || strings.HasPrefix(p, "/") || strings.Contains(p, "\\") || !fs.ValidPath(p) || p == Marker {
		return fmt.Errorf("output path %q is not a clean relative path", p)
	}
	if strings.IndexFunc(p, func(r rune) bool { return r < 0x20 || r == 0x7f }) >= 0 {
		return fmt.Errorf("output path %q has control characters", p)
	}
	if first, _, _ := strings.Cut(p, "/"); first == ".git" {
		return fmt.Errorf("output path %q is inside .git, which belongs to the user", p)
	}
	return nil
}

// mkdirs makes dir and its missing parents inside the new tree. The tree
// is new, so the folders it has are exactly those made here: each is made
// once, with one mkdir, where os.MkdirAll would stat every component first
// (more file system work, which is what a cold build waits on). Writers make
// different folders at the same time.
func (t *Tree) mkdirs(dir string) error {
	rel, err := filepath.Rel(t.tmp, dir)
	if err != nil {
		return fmt.Errorf("creating %s: %w", dir, err)
	}
	return t.mkdir(filepath.ToSlash(rel))
}

func (t *Tree) mkdir(rel string) error {
	t.mu.Lock()
	d := t.dirs[rel]
	if d != nil {
		t.mu.Unlock()
		<-d.done
		return d.err
	}
	d = &dirState{done: make(chan struct{})}
	t.dirs[rel] = d
	t.mu.Unlock()
	defer close(d.done)
	if parent := path.Dir(rel); parent != "." {
		if d.err = t.mkdir(parent); d.err != nil {
			return d.err
		}
	}
	if err := os.Mkdir(filepath.Join(t.tmp, filepath.FromSlash(rel)), 0o755); err != nil && !os.IsExist(err) {
		d.err = fmt.Errorf("creating %s: %w", rel, err)
	}
	return d.err
}

// Abort removes the new tree; the destination is untouched.
func (t *Tree) Abort() {
	t.listing.Do(func() { t.foreign <- foreignResult{} }) // no walk started: none to wait for
	<-t.foreign
	_ = os.RemoveAll(t.tmp)
	t.unlock()
}

// listForeign starts listing the destination's own files, once: a walk of
// it that runs while the rest of the pages are rendered. A build that
// writes nothing (nothing changed) never needs it.
func (t *Tree) listForeign() {
	t.listing.Do(func() {
		go func() {
			var r foreignResult
			if _, err := os.Lstat(t.dest); err == nil {
				r.f, r.err = listForeign(t.dest, t.old)
			}
			t.foreign <- r
		}()
	})
}

// wait waits for the walk of the destination and returns what it found.
func (t *Tree) wait() foreignResult {
	t.listForeign()
	r := <-t.foreign
	t.foreign <- r
	return r
}

// removeAllWritable removes dir and everything in it, making its folders
// writable first where they are not (a destination its owner made
// read-only, left behind by an earlier build that could not remove it).
func removeAllWritable(dir string) error {
	if err := os.RemoveAll(dir); err == nil || !errors.Is(err, fs.ErrPermission) {
		return err
	}
	_ = filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err == nil && d.IsDir() {
			if info, err := d.Info(); err == nil {
				_ = os.Chmod(p, info.Mode().Perm()|0o700)
			}
		}
		return nil
	})
	return os.RemoveAll(dir)
}
