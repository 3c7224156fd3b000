package output

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"sync"
	"sync/atomic"
)

// Commit completes the new tree and swaps it in. If no file differs from
// the current tree, the destination is left exactly as it is.
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
	paths := make([]string, 0, len(t.next))
	for p := range t.next {
		paths = append(paths, p)
	}
	slices.Sort(paths)
	var toLink []string
	for _, p := range paths {
		if t.written[p] {
			st.Written++
		} else {
			toLink = append(toLink, p)
		}
	}
	if err := t.linkAll(toLink); err != nil {
		_ = os.RemoveAll(t.tmp)
		return st, err
	}
	st.Linked = len(toLink)
	if err := t.writeManifest(t.tmp); err != nil {
		_ = os.RemoveAll(t.tmp)
		return st, err
	}
	if err := exchange(t.tmp, t.dest); err != nil {
		_ = os.RemoveAll(t.tmp)
		return st, err
	}
	// t.tmp now holds the previous tree, if there was one. Carry over what
	// the user put there (a .git folder, a CNAME file) unless digest wrote
	// it, or writes it now.
	for _, k := range kept {
		_, wrote := t.old[k]
		_, writes := t.next[k]
		if wrote || writes {
			continue
		}
		src, dst := filepath.Join(t.tmp, k), filepath.Join(t.dest, k)
		if _, err := os.Lstat(src); err == nil {
			if _, err := os.Lstat(dst); os.IsNotExist(err) {
				if err := os.Rename(src, dst); err != nil {
					return st, fmt.Errorf("moving %s into the new site: %w", k, err)
				}
			}
		}
	}
	if err := removeTree(t.tmp); err != nil {
		return st, fmt.Errorf("removing the previous site: %w", err)
	}
	return st, nil
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

// removeTree removes dir and everything in it, its sub-folders spread
// over several workers.
func removeTree(dir string) error {
	var subtrees []string
	entries, err := os.ReadDir(dir)
	if err != nil {
		return os.RemoveAll(dir)
	}
	for _, e := range entries {
		p := filepath.Join(dir, e.Name())
		if !e.IsDir() {
			continue
		}
		// Two levels: the top of a site is a few large folders (years,
		// topics), which alone would not spread the work.
		inner, err := os.ReadDir(p)
		if err != nil {
			subtrees = append(subtrees, p)
			continue
		}
		for _, ie := range inner {
			subtrees = append(subtrees, filepath.Join(p, ie.Name()))
		}
	}
	var wg sync.WaitGroup
	var next atomic.Int64
	errs := make([]error, workers())
	for w := range errs {
		wg.Go(func() {
			for {
				i := int(next.Add(1)) - 1
				if i >= len(subtrees) {
					return
				}
				if err := os.RemoveAll(subtrees[i]); err != nil && errs[w] == nil {
					errs[w] = err
				}
			}
		})
	}
	wg.Wait()
	if err := errors.Join(errs...); err != nil {
		return err
	}
	return os.RemoveAll(dir)
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
	if err := os.Link(src, dst); err == nil {
		return nil
	}
	// No hard links here (another file system, or none supported): copy,
	// keeping the modification time.
	b, err := os.ReadFile(src)
	if err != nil {
		return fmt.Errorf("keeping %s from the previous build: %w", p, err)
	}
	info, err := os.Stat(src)
	if err != nil {
		return fmt.Errorf("keeping %s: %w", p, err)
	}
	if err := os.WriteFile(dst, b, 0o644); err != nil {
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
