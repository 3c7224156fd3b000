// Package watch turns file system events under a site into batches of
// changed paths: recursive (fsnotify does not recurse on Linux, so every
// folder is watched, and every new one as it appears, with the files that
// landed in it before its watch), filtered (editor temporaries, dot-files
// and the output folder are ignored) and debounced (a burst of events, from
// a git checkout or a 500-file copy, is one batch once it settles).
//
// Events that arrive while the consumer is busy (rebuilding) are merged
// into the next batch, so a rebuild is followed by exactly one more. When
// the kernel drops events, the batch says so and asks for a full rebuild;
// when it runs out of watches, the watcher says how to raise the limit and
// polls instead, so no change is ever missed silently.
package watch

import (
	"errors"
	"fmt"
	"io/fs"
	"path/filepath"
	"strings"
	"syscall"
	"time"

	"github.com/fsnotify/fsnotify"
)

// Batch is a set of changed paths, slash-separated and relative to the
// watched root. Full means events were lost: treat everything as changed.
type Batch struct {
	Paths []string
	Full  bool
}

// Changed returns the paths for a rebuild: nil, meaning anything may have
// changed, when events were lost.
func (b Batch) Changed() []string {
	if b.Full {
		return nil
	}
	return b.Paths
}

// Options configure a Watcher.
type Options struct {
	Root string   // the site folder
	Dirs []string // folders under Root to watch recursively ("content", ...)
	// Ignore reports paths (relative, slash-separated) to leave out:
	// editor temporaries, dot-files, the output folder.
	Ignore func(rel string) bool
	// Quiet is how long events must stop before a batch is sent (default
	// 15ms: an editor's save, even in chunks or by rename, lands within a
	// few milliseconds); MaxDelay bounds how long a steady stream of
	// events can hold a batch back (default 1s).
	Quiet, MaxDelay time.Duration
	// PollInterval is used when the system cannot watch (default 500ms).
	PollInterval time.Duration
	// Logf receives notices for the user (nil: none).
	Logf func(format string, args ...any)
	// ForcePoll polls from the start (for tests of the fallback).
	ForcePoll bool
}

// Watcher delivers batches on C until Close.
type Watcher struct {
	C       <-chan Batch
	out     chan Batch
	opts    Options
	fsw     *fsnotify.Watcher
	done    chan struct{}
	stopped chan struct{}
	polling bool
	snap    map[string]fileStamp // the first poll's reference, taken by New
}

// New starts watching.
func New(opts Options) (*Watcher, error) {
	if opts.Quiet == 0 {
		opts.Quiet = 15 * time.Millisecond
	}
	if opts.MaxDelay == 0 {
		opts.MaxDelay = time.Second
	}
	if opts.PollInterval == 0 {
		opts.PollInterval = 500 * time.Millisecond
	}
	if opts.Logf == nil {
		opts.Logf = func(string, ...any) {}
	}
	root, err := filepath.Abs(opts.Root)
	if err != nil {
		return nil, fmt.Errorf("watching %s: %w", opts.Root, err)
	}
	opts.Root = root
	w := &Watcher{out: make(chan Batch), opts: opts, done: make(chan struct{}), stopped: make(chan struct{})}
	w.C = w.out
	if !opts.ForcePoll {
		fsw, err := fsnotify.NewBufferedWatcher(4096)
		if err != nil {
			return nil, fmt.Errorf("starting the file watcher: %w", err)
		}
		w.fsw = fsw
		if err := w.addTree(""); err != nil {
			if !isWatchLimit(err) {
				fsw.Close()
				return nil, err
			}
			w.fallBackToPolling(err)
		}
	} else {
		w.polling = true
	}
	if w.polling {
		w.snap = w.stamp()
	}
	go w.loop()
	return w, nil
}

// Close stops the watcher and closes C.
func (w *Watcher) Close() error {
	select {
	case <-w.done:
	default:
		close(w.done)
	}
	<-w.stopped
	if w.fsw != nil {
		return w.fsw.Close()
	}
	return nil
}

func isWatchLimit(err error) bool {
	return errors.Is(err, syscall.ENOSPC) || errors.Is(err, syscall.EMFILE)
}

func (w *Watcher) fallBackToPolling(err error) {
	w.opts.Logf("cannot watch every folder (%v): the system's limit of inotify watches is reached.\n"+
		"  Raise it with: sudo sysctl fs.inotify.max_user_watches=524288 (and max_user_instances)\n"+
		"  Until then, digest checks for changes every %v instead.", err, w.opts.PollInterval)
	if w.fsw != nil {
		w.fsw.Close()
		w.fsw = nil
	}
	w.polling = true
}

// rel returns the slash path of abs relative to the root.
func (w *Watcher) rel(abs string) (string, bool) {
	r, err := filepath.Rel(w.opts.Root, abs)
	if err != nil || r == ".." || strings.HasPrefix(r, ".."+string(filepath.Separator)) {
		return "", false
	}
	return filepath.ToSlash(r), true
}

// watched reports whether a relative path is one the site cares about.
func (w *Watcher) watched(rel string) bool {
	if rel == "." || rel == "" {
		return false
	}
	inDirs := false
	for _, d := range w.opts.Dirs {
		if rel == d || strings.HasPrefix(rel, d+"/") {
			inDirs = true
		}
	}
	return inDirs && (w.opts.Ignore == nil || !w.opts.Ignore(rel))
}

// addTree watches the root itself (to see watched folders appear) and
// every folder under the watched ones, below rel ("" for all). It returns
// the files it found, for folders that appeared with files in them.
func (w *Watcher) addTree(rel string) error {
	_, err := w.addTreeFiles(rel)
	return err
}

func (w *Watcher) addTreeFiles(rel string) ([]string, error) {
	var files []string
	if rel == "" {
		if err := w.fsw.Add(w.opts.Root); err != nil {
			return nil, fmt.Errorf("watching %s: %w", w.opts.Root, err)
		}
		for _, d := range w.opts.Dirs {
			f, err := w.addTreeFiles(d)
			if err != nil {
				return nil, err
			}
			files = append(files, f...)
		}
		return files, nil
	}
	start := filepath.Join(w.opts.Root, filepath.FromSlash(rel))
	err := filepath.WalkDir(start, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			if errors.Is(err, fs.ErrNotExist) {
				return nil
			}
			return nil // unreadable folders are reported by the build
		}
		r, ok := w.rel(p)
		if !ok || !w.watched(r) {
			if d.IsDir() {
				return filepath.SkipDir
			}
			return nil
		}
		if d.IsDir() {
			if err := w.fsw.Add(p); err != nil {
				if errors.Is(err, fs.ErrNotExist) {
					return nil
				}
				return fmt.Errorf("watching %s: %w", r, err)
			}
			return nil
		}
		files = append(files, r)
		return nil
	})
	return files, err
}

// forget removes the watches of a folder that moved or disappeared, and of
// every folder below it: inotify keeps those under their old names.
func (w *Watcher) forget(abs string) {
	if w.fsw == nil {
		return
	}
	for _, p := range w.fsw.WatchList() {
		if p == abs || strings.HasPrefix(p, abs+string(filepath.Separator)) {
			_ = w.fsw.Remove(p)
		}
	}
}
