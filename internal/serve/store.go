// Package serve previews a site: it serves the output of the last good
// build from memory, never from the disk, so nothing outside the built site
// can be reached, and it tells open pages to reload when their output
// changes, to swap a changed stylesheet, or to show the build's errors.
package serve

import (
	"bytes"
	"slices"
	"sync"
	"sync/atomic"

	"digest/internal/fingerprint"
)

// File is one output file held in memory.
type File struct {
	Data  []byte
	Input fingerprint.Sum // what it was made from
}

// Store holds the site being served and receives the next build. Readers
// always see a complete generation: the next one replaces the current one
// in a single step on Commit, and a failed build is dropped by Abort.
type Store struct {
	cur     atomic.Pointer[map[string]*File]
	mu      sync.Mutex // guards the fields below, used by one build at a time
	next    map[string]*File
	changed []string
}

// NewStore returns an empty store.
func NewStore() *Store {
	s := &Store{}
	empty := map[string]*File{}
	s.cur.Store(&empty)
	return s
}

// Get returns a file of the current generation, or nil.
func (s *Store) Get(path string) *File { return (*s.cur.Load())[path] }

// Len returns the number of files served.
func (s *Store) Len() int { return len(*s.cur.Load()) }

// Paths returns the served paths, sorted.
func (s *Store) Paths() []string {
	m := *s.cur.Load()
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
	s.next = make(map[string]*File, len(*s.cur.Load()))
	s.changed = nil
}

// Current reports whether path is already what input makes. It is called
// from several goroutines, and reads only the current generation.
func (s *Store) Current(path string, input fingerprint.Sum) bool {
	f := s.Get(path)
	return f != nil && input != (fingerprint.Sum{}) && f.Input == input
}

// Keep carries path over from the current generation.
func (s *Store) Keep(path string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.next[path] = s.Get(path)
}

// Write records path's bytes in the next generation.
func (s *Store) Write(path string, input fingerprint.Sum, data []byte) error {
	// Comparing with the bytes served now is several times faster than
	// hashing the new ones; after a template change every page is here.
	f := &File{Data: bytes.Clone(data), Input: input}
	old := s.Get(path)
	same := old != nil && bytes.Equal(old.Data, f.Data)
	s.mu.Lock()
	defer s.mu.Unlock()
	if !same {
		s.changed = append(s.changed, path)
	}
	s.next[path] = f
	return nil
}

// Commit makes the next generation current and returns the paths whose
// bytes changed, appeared or disappeared.
func (s *Store) Commit() []string {
	s.mu.Lock()
	defer s.mu.Unlock()
	for p := range *s.cur.Load() {
		if _, ok := s.next[p]; !ok {
			s.changed = append(s.changed, p)
		}
	}
	next := s.next
	s.cur.Store(&next)
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
