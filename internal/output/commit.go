package output

import (
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"maps"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strconv"
	"sync"
	"syscall"

	"digest/internal/disk"
)

// Commit completes the new tree and swaps it in. If no file differs from
// the current tree, the destination is left exactly as it is. Before the
// swap it fails, touching nothing, if the build would replace or remove a
// file digest did not write or whose bytes were changed since (see
// ConflictError). The swap is the commit: a failure to remove the
// previous tree after it is a warning in Stats, and the next build
// removes what is left.
func (t *Tree) Commit() (Stats, error) {
	defer t.unlock()
	var st Stats
	for p := range t.old {
		if _, ok := t.next[p]; !ok {
			st.Removed++
		}
	}
	if len(t.written) == 0 && st.Removed == 0 && t.hadMark {
		_ = os.RemoveAll(t.tmp)
		st.Unchanged = true
		st.Linked = len(t.next)
		if t.stale {
			// Same bytes, made from other inputs: only the manifest, a
			// cache, changes. Replace it alone, atomically.
			if err := t.writeManifest(t.dest); err != nil {
				return st, err
			}
		}
		return st, nil
	}
	fail := func(err error) (Stats, error) {
		_ = os.RemoveAll(t.tmp)
		return st, err
	}
	found := t.wait()
	if found.err != nil {
		return fail(fmt.Errorf("reading the destination: %w", found.err))
	}
	if changed := t.changedByHand(); len(changed) > 0 {
		return fail(&ConflictError{Dest: t.dest, Paths: changed, Why: "were changed since digest wrote them, and this build would replace or remove them"})
	}
	paths := slices.Sorted(maps.Keys(t.next))
	var toLink []string
	for _, p := range paths {
		if t.written[p] {
			st.Written++
		} else {
			toLink = append(toLink, p)
		}
	}
	if err := t.linkAll(toLink); err != nil {
		return fail(err)
	}
	st.Linked = len(toLink)
	if err := t.carryForeign(found.f); err != nil {
		return fail(err)
	}
	if err := t.writeManifest(t.tmp); err != nil {
		return fail(err)
	}
	if err := exchange(t.tmp, t.dest); err != nil {
		return fail(err)
	}
	// t.tmp now holds the previous tree, if there was one. Carry over the
	// user's .git folder unless digest wrote it.
	for _, k := range kept {
		_, wrote := t.old[k]
		_, writes := t.next[k]
		if wrote || writes {
			continue
		}
		src, dst := filepath.Join(t.tmp, k), filepath.Join(t.dest, k)
		if info, err := os.Lstat(src); err == nil && info.IsDir() {
			if _, err := os.Lstat(dst); os.IsNotExist(err) {
				// On failure, the sweep below finds its files unknown
				// and keeps them.
				_ = os.Rename(src, dst)
			}
		}
	}
	st.Warnings = t.removePrevious(found.f)
	return st, nil
}

// removePrevious removes the previous tree, now at t.tmp, keeping what
// digest may not remove, and returns warnings for what it could not do.
func (t *Tree) removePrevious(f foreign) []string {
	carried := make(map[string]bool, len(f.files))
	for _, p := range f.files {
		carried[p] = true
	}
	known := func(p string) bool {
		_, listed := t.old[p]
		return listed || carried[p] || p == Marker || p == Marker+".new"
	}
	unknown, err := sweep(t.tmp, known)
	if len(unknown) == 0 {
		return removeWarning(t.tmp, err)
	}
	// Files that appeared in the destination during the build go into
	// the new tree, where their place is free.
	var left []string
	for _, p := range unknown {
		src, dst := filepath.Join(t.tmp, filepath.FromSlash(p)), filepath.Join(t.dest, filepath.FromSlash(p))
		if _, err := os.Lstat(dst); os.IsNotExist(err) && os.MkdirAll(filepath.Dir(dst), 0o755) == nil && os.Rename(src, dst) == nil {
			continue
		}
		left = append(left, p)
	}
	if len(left) == 0 {
		_, err = sweep(t.tmp, known) // the folders they were in
		return removeWarning(t.tmp, err)
	}
	keep := filepath.Join(filepath.Dir(t.dest), filepath.Base(t.dest)+"-kept-"+strconv.Itoa(os.Getpid()))
	if err := os.Rename(t.tmp, keep); err != nil {
		keep = t.tmp
	}
	return []string{fmt.Sprintf("%d files appeared in %s during the build and could not be carried over (such as %s): they are kept in %s",
		len(left), t.dest, left[0], keep)}
}

// removeWarning is the warning for a failure to remove the previous tree
// at dir, if err says there was one.
func removeWarning(dir string, err error) []string {
	if err == nil {
		return nil
	}
	return []string{fmt.Sprintf("the new site is in place, but the previous one could not be removed from %s (%v): the next build removes it", dir, err)}
}

// workers is how many goroutines link or remove files: the kernel's work
// on this kind of disk is the bottleneck of a rebuild, and spreads over
// cores.
func workers() int { return max(2, runtime.GOMAXPROCS(0)) }

// linkAll links the current tree's files at paths into the new tree, in
// parallel. Each worker takes a contiguous run of paths, so that files of
// one folder mostly go through one worker.
func (t *Tree) linkAll(paths []string) error {
	n := workers()
	errs := make([]error, n)
	var wg sync.WaitGroup
	for w := range n {
		lo, hi := len(paths)*w/n, len(paths)*(w+1)/n
		wg.Go(func() {
			for _, p := range paths[lo:hi] {
				if err := t.link(p); err != nil {
					errs[w] = err
					return
				}
			}
		})
	}
	wg.Wait()
	return errors.Join(errs...)
}

// writeManifest writes the new tree's manifest into dir, replacing any
// there in one step.
func (t *Tree) writeManifest(dir string) error {
	var buf bytes.Buffer
	if err := t.next.write(&buf); err != nil {
		return fmt.Errorf("writing manifest: %w", err)
	}
	tmp := filepath.Join(dir, Marker+".new")
	if err := os.WriteFile(tmp, buf.Bytes(), 0o644); err != nil {
		return fmt.Errorf("writing manifest: %w", err)
	}
	if err := os.Rename(tmp, filepath.Join(dir, Marker)); err != nil {
		_ = os.Remove(tmp)
		return fmt.Errorf("writing manifest: %w", err)
	}
	return nil
}

// link puts the current tree's file at p into the new tree.
func (t *Tree) link(p string) error {
	src := filepath.Join(t.dest, filepath.FromSlash(p))
	dst := filepath.Join(t.tmp, filepath.FromSlash(p))
	if err := t.mkdirs(filepath.Dir(dst)); err != nil {
		return err
	}
	err := os.Link(src, dst)
	if err == nil || errors.Is(err, fs.ErrExist) || errors.Is(err, syscall.ENOTDIR) {
		return err // linked, or its place is taken
	}
	// No hard links here (another file system, or none supported): copy,
	// keeping the modification time.
	b, err := disk.ReadFile(src, 0)
	if err != nil {
		return fmt.Errorf("keeping %s from the previous build: %w", p, err)
	}
	info, err := os.Stat(src)
	if err != nil {
		return fmt.Errorf("keeping %s: %w", p, err)
	}
	if err := CreateFile(dst, b); err != nil {
		return fmt.Errorf("keeping %s: %w", p, err)
	}
	return os.Chtimes(dst, info.ModTime(), info.ModTime())
}

// renameAside swaps a and b with two renames where one step is not
// available: b goes aside, a takes its place, and the old b ends up at a.
func renameAside(a, b string) error {
	aside := a + "-old"
	if err := os.Rename(b, aside); err != nil {
		return fmt.Errorf("moving %s aside: %w", b, err)
	}
	if err := os.Rename(a, b); err != nil {
		_ = os.Rename(aside, b)
		return fmt.Errorf("moving the new site to %s: %w", b, err)
	}
	return os.Rename(aside, a)
}
