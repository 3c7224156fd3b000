// Package serve previews a site: it serves the output of the last good
// build from memory, never from the disk, so nothing outside the built site
// can be reached, and it tells open pages to reload when their output
// changes, to swap a changed stylesheet, or to show the build's errors.
package serve

import (
	"bytes"
	"runtime"
	"slices"
	"strings"
	"sync"
	"sync/atomic"

	"digest/internal/fingerprint"
)

// File is one output file held in memory. A deferred file (see
// Store.Defer) gets its Data when it is first read through Store.Get.
type File struct {
	Data  []byte
	Input fingerprint.Sum // what it was made from
	lazy  *lazy
}

// lazy is a deferred file's render, done once, on request or by Fill.
type lazy struct {
	once   sync.Once
	done   atomic.Bool
	render func() ([]byte, error)
	prev   *File // what was served before, kept if the render fails
	err    error
}

// force renders f if it is deferred and not rendered yet.
func (f *File) force() {
	l := f.lazy
	if l == nil {
		return
	}
	l.once.Do(func() {
		data, err := l.render()
		if err != nil {
			l.err = err
			if l.prev != nil {
				l.prev.force()
				data = l.prev.Data
			}
		}
		f.Data = data
		l.render, l.prev = nil, nil
		l.done.Store(true)
	})
}

// ready returns f's bytes if they are known without rendering.
func (f *File) ready() ([]byte, bool) {
	if f.lazy != nil && !f.lazy.done.Load() {
		return nil, false
	}
	return f.Data, true
}

// Err returns why a deferred file could not be rendered, or nil.
func (f *File) Err() error {
	f.force()
	if f.lazy != nil {
		return f.lazy.err
	}
	return nil
}

// failed reports whether f was deferred and its render failed.
func (f *File) failed() bool {
	return f.lazy != nil && f.lazy.done.Load() && f.lazy.err != nil
}

// Store holds the site being served and receives the next build. Readers
// always see a complete generation: the next one replaces the current one
// in a single step on Commit, and a failed build is dropped by Abort.
type Store struct {
	cur      atomic.Pointer[generation]
	mu       sync.Mutex // guards the fields below, used by one build at a time
	next     map[string]*File
	nextBase string
	changed  []string
}

// generation is one build's site: its files, and the URL path it is
// served under.
type generation struct {
	files     map[string]*File
	base      string
	redirects sync.Once
	moved     map[string]string // from _redirects: URL path → where it moved
}

// Moved returns where the URL path p moved to, as the site's _redirects
// file says (a host like Netlify answers them with a 301), or "".
func (s *Store) Moved(p string) string {
	g := s.cur.Load()
	g.redirects.Do(func() {
		f := g.files["_redirects"]
		if f == nil {
			return
		}
		g.moved = map[string]string{}
		for _, line := range strings.Split(string(f.Data), "\n") {
			fields := strings.Fields(line)
			if len(fields) >= 2 && !strings.HasPrefix(fields[0], "#") {
				g.moved[fields[0]] = fields[1]
			}
		}
	})
	return g.moved[p]
}

// NewStore returns an empty store, serving under "/".
func NewStore() *Store {
	s := &Store{}
	s.cur.Store(&generation{files: map[string]*File{}, base: "/"})
	return s
}

// BasePath returns the URL path the current generation is served under:
// "/" or, for a site whose base URL has a path, "/repo/".
func (s *Store) BasePath() string { return s.cur.Load().base }

// SetBasePath sets the URL path the next generation is served under.
func (s *Store) SetBasePath(p string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.nextBase = p
}

// Get returns a file of the current generation, or nil. A deferred file
// is rendered now, once.
func (s *Store) Get(path string) *File {
	f := s.peek(path)
	if f != nil {
		f.force()
	}
	return f
}

// peek returns a file of the current generation without rendering it.
func (s *Store) peek(path string) *File { return s.cur.Load().files[path] }

// Len returns the number of files served.
func (s *Store) Len() int { return len(s.cur.Load().files) }

// Paths returns the served paths, sorted.
func (s *Store) Paths() []string {
	m := s.cur.Load().files
	out := make([]string, 0, len(m))
	for p := range m {
		out = append(out, p)
	}
	slices.Sort(out)
	return out
}

// Begin starts the next generation.
func (s *Store) Begin() {
	s.mu.Lock()
	defer s.mu.Unlock()
	cur := s.cur.Load()
	s.next = make(map[string]*File, len(cur.files))
	s.nextBase = cur.base
	s.changed = nil
}

// Current reports whether path is already what input makes. It is called
// from several goroutines, and reads only the current generation. A
// deferred file whose render failed is never current.
func (s *Store) Current(path string, input fingerprint.Sum) bool {
	f := s.peek(path)
	return f != nil && input != (fingerprint.Sum{}) && f.Input == input && !f.failed()
}

// Keep carries path over from the current generation, rendered or not.
func (s *Store) Keep(path string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.next[path] = s.peek(path)
}

// Write records path's bytes in the next generation.
func (s *Store) Write(path string, input fingerprint.Sum, data []byte) error {
	// Comparing with the bytes served now is cheaper than
	// hashing the new ones; after a template change every page is here.
	f := &File{Data: bytes.Clone(data), Input: input}
	same := false
	if old := s.peek(path); old != nil {
		b, ok := old.ready()
		same = ok && bytes.Equal(b, f.Data)
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if !same {
		s.changed = append(s.changed, path)
	}
	s.next[path] = f
	return nil
}

// Defer records that path, made from input, is rendered by render when it
// is first asked for, or by Fill. Until then it counts as changed. If the
// render fails, the file keeps the bytes served before, and Fill reports
// the error.
func (s *Store) Defer(path string, input fingerprint.Sum, render func() ([]byte, error)) {
	f := &File{Input: input, lazy: &lazy{render: render, prev: s.peek(path)}}
	s.mu.Lock()
	defer s.mu.Unlock()
	s.changed = append(s.changed, path)
	s.next[path] = f
}

// Commit makes the next generation current and returns the paths whose
// bytes changed, appeared or disappeared (deferred files among them).
func (s *Store) Commit() []string {
	s.mu.Lock()
	defer s.mu.Unlock()
	for p := range s.cur.Load().files {
		if _, ok := s.next[p]; !ok {
			s.changed = append(s.changed, p)
		}
	}
	s.cur.Store(&generation{files: s.next, base: s.nextBase})
	s.next = nil
	changed := s.changed
	s.changed = nil
	slices.Sort(changed)
	return changed
}

// Abort drops the next generation; the current one stays served.
func (s *Store) Abort() {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.next, s.changed = nil, nil
}

// Pending returns how many files of the current generation are deferred
// and not rendered yet.
func (s *Store) Pending() int {
	n := 0
	for _, f := range s.cur.Load().files {
		if _, ok := f.ready(); !ok {
			n++
		}
	}
	return n
}

// RenderError is a deferred file whose render failed.
type RenderError struct {
	Path string
	Err  error
}

// Fill renders every deferred file of the current generation, on all
// cores, and returns the renders that failed, by path. It returns early,
// with no errors, once stop is closed: a newer build has begun.
func (s *Store) Fill(stop <-chan struct{}) []RenderError {
	m := s.cur.Load().files
	paths := make([]string, 0, len(m))
	for p, f := range m {
		if _, ok := f.ready(); !ok || f.failed() {
			paths = append(paths, p)
		}
	}
	slices.Sort(paths)
	// Pages render in order of their paths, which keeps a page's
	// neighbours (its topic, the day's other items) close in the caches.
	var wg sync.WaitGroup
	var next atomic.Int64
	stopped := atomic.Bool{}
	for range runtime.GOMAXPROCS(0) {
		wg.Go(func() {
			for {
				i := int(next.Add(1)) - 1
				if i >= len(paths) {
					return
				}
				select {
				case <-stop:
					stopped.Store(true)
					return
				default:
				}
				m[paths[i]].force()
			}
		})
	}
	wg.Wait()
	if stopped.Load() {
		return nil
	}
	var errs []RenderError
	for _, p := range paths {
		if f := m[p]; f.failed() {
			errs = append(errs, RenderError{Path: p, Err: f.lazy.err})
		}
	}
	return errs
}
