package watch

import (
	"errors"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"time"

	"github.com/fsnotify/fsnotify"
)

// loop collects events into a pending batch and hands it out once events
// have been quiet for opts.Quiet (or pending for opts.MaxDelay). Until the
// consumer takes it, further events join the same batch.
func (w *Watcher) loop() {
	defer close(w.stopped)
	defer close(w.out)
	pending := map[string]bool{}
	full := false
	var first time.Time
	quiet := time.NewTimer(time.Hour)
	quiet.Stop()
	ready := false
	var poll *time.Ticker
	var pollC <-chan time.Time
	snap := w.snap
	startPolling := func() {
		poll = time.NewTicker(w.opts.PollInterval)
		pollC = poll.C
		if snap == nil {
			snap = w.stamp()
		}
	}
	if w.polling {
		startPolling()
	}
	defer func() {
		if poll != nil {
			poll.Stop()
		}
	}()
	note := func(rel string) {
		if len(pending) == 0 && !full {
			first = time.Now()
		}
		pending[rel] = true
		ready = false
		wait := w.opts.Quiet
		if since := time.Since(first); since+wait > w.opts.MaxDelay {
			wait = max(0, w.opts.MaxDelay-since)
		}
		quiet.Reset(wait)
	}
	for {
		var out chan Batch
		if ready && (len(pending) > 0 || full) {
			out = w.out
		}
		var events <-chan fsnotify.Event
		var errs <-chan error
		if w.fsw != nil {
			events, errs = w.fsw.Events, w.fsw.Errors
		}
		select {
		case <-w.done:
			return
		case ev, ok := <-events:
			if !ok {
				continue
			}
			for _, rel := range w.handle(ev) {
				note(rel)
			}
		case err, ok := <-errs:
			if !ok {
				continue
			}
			if errors.Is(err, fsnotify.ErrEventOverflow) {
				w.opts.Logf("file events were lost (too many at once): rebuilding everything")
				full = true
				note(".")
				continue
			}
			if isWatchLimit(err) {
				w.fallBackToPolling(err)
				startPolling()
				full = true
				note(".")
				continue
			}
			w.opts.Logf("file watcher: %v", err)
		case <-pollC:
			next := w.stamp()
			for _, rel := range diffStamps(snap, next) {
				note(rel)
			}
			snap = next
		case <-quiet.C:
			ready = true
		case out <- Batch{Paths: slices.Sorted(maps.Keys(pending)), Full: full}:
			pending = map[string]bool{}
			full = false
			ready = false
		}
	}
}

// handle turns one event into changed relative paths, keeping the watch
// list in step with the folders.
func (w *Watcher) handle(ev fsnotify.Event) []string {
	if ev.Op == fsnotify.Chmod {
		return nil
	}
	rel, ok := w.rel(ev.Name)
	if !ok || !w.watched(rel) {
		return nil
	}
	if ev.Has(fsnotify.Remove) || ev.Has(fsnotify.Rename) {
		w.forget(ev.Name)
		return []string{rel}
	}
	if ev.Has(fsnotify.Create) {
		if st, err := os.Lstat(ev.Name); err == nil && st.IsDir() {
			// A new folder: watch it and everything below, and report
			// the files already in it, which no event will announce.
			files, err := w.addTreeFiles(rel)
			if err != nil && isWatchLimit(err) {
				w.fallBackToPolling(err)
			}
			return append([]string{rel}, files...)
		}
	}
	return []string{rel}
}

// fileStamp is what polling compares.
type fileStamp struct {
	size    int64
	modTime time.Time
	dir     bool
}

// stamp records every watched file's size and modification time.
func (w *Watcher) stamp() map[string]fileStamp {
	m := map[string]fileStamp{}
	for _, d := range w.opts.Dirs {
		_ = filepath.WalkDir(filepath.Join(w.opts.Root, filepath.FromSlash(d)), func(p string, de os.DirEntry, err error) error {
			if err != nil {
				return nil
			}
			rel, ok := w.rel(p)
			if !ok || !w.watched(rel) {
				if de.IsDir() {
					return filepath.SkipDir
				}
				return nil
			}
			info, err := de.Info()
			if err != nil {
				return nil
			}
			m[rel] = fileStamp{size: info.Size(), modTime: info.ModTime(), dir: de.IsDir()}
			return nil
		})
	}
	return m
}

func diffStamps(a, b map[string]fileStamp) []string {
	var out []string
	for p, sb := range b {
		if sa, ok := a[p]; !ok || (!sb.dir && (sa.size != sb.size || !sa.modTime.Equal(sb.modTime))) {
			out = append(out, p)
		}
	}
	for p := range a {
		if _, ok := b[p]; !ok {
			out = append(out, p)
		}
	}
	return out
}
