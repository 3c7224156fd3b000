// Package spill keeps long strings, such as the HTML of item bodies, in a
// file instead of the heap. A build holds every item's body from the
// moment it is parsed until its page is written; on a large site that is
// a large part of the heap, which the garbage collector would otherwise
// keep room for (bench/README.md). A Text is read back, with one pread, when it is needed, and
// checked against the CRC-32C it was put with: a file changed in place
// under a running process (a conversion cache copied over, a truncation)
// gives ErrDamaged, never other bytes.
package spill

import (
	"digest/internal/disk"
	"errors"
	"fmt"
	"hash/crc32"
	"io"
	"os"
	"sync"
	"unsafe"
)

// File holds texts: a temporary file that Put appends to, or an existing
// file opened to read texts at known places (the conversion cache). It is
// safe for concurrent use.
type File struct {
	f    *os.File
	name string // removed on Close if it could not be removed at once
	mu   sync.Mutex
	end  int64 // where the next Put writes
	err  error // the first failed write: later Puts keep texts in memory
}

// Create makes an empty temporary file in dir, or in the system's
// temporary folder if dir is empty. The file is removed at once where the
// system allows an open file to be removed, else on Close.
func Create(dir string) (*File, error) {
	f, err := os.CreateTemp(dir, "digest-spill-*")
	if err != nil {
		return nil, fmt.Errorf("creating a spill file: %w", err)
	}
	s := &File{f: f}
	if os.Remove(f.Name()) != nil {
		s.name = f.Name()
	}
	return s, nil
}

// errReadOnly marks a File opened by Open.
var errReadOnly = errors.New("spill: file opened to read")

// Open opens an existing file to read texts from with At. It is read-only:
// Put on it keeps texts in memory, as after a failed write.
func Open(path string) (*File, error) {
	f, st, err := disk.Open(path, false)
	if err != nil {
		return nil, err
	}
	return &File{f: f, end: st.Size(), err: errReadOnly}, nil
}

// Size returns the size of the file.
func (s *File) Size() int64 {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.end
}

// ReadAt reads len(b) bytes at offset off.
func (s *File) ReadAt(b []byte, off int64) (int, error) { return s.f.ReadAt(b, off) }

// Reader returns a reader of the whole file, from its start.
func (s *File) Reader() io.Reader { return io.NewSectionReader(s.f, 0, s.end) }

// Put keeps b in the file and returns it as a Text. A file that cannot be
// written to is only a loss of memory, not of data: the text is then kept
// in memory, as are empty texts.
func (s *File) Put(b []byte) Text {
	if s == nil || len(b) == 0 {
		return String(string(b))
	}
	s.mu.Lock()
	if s.err != nil {
		s.mu.Unlock()
		return String(string(b))
	}
	off := s.end
	s.end += int64(len(b))
	s.mu.Unlock()
	// Writes at distinct offsets need no lock.
	sum := Checksum(b)
	if _, err := s.f.WriteAt(b, off); err != nil {
		s.mu.Lock()
		if s.err == nil {
			s.err = err
		}
		s.mu.Unlock()
		return String(string(b))
	}
	return Text{f: s, off: off, n: len(b), sum: sum}
}

// At returns the text of n bytes at offset off of the file, whose
// Checksum is sum.
func (s *File) At(off int64, n int, sum uint32) Text {
	if n == 0 {
		return Text{}
	}
	return Text{f: s, off: off, n: n, sum: sum}
}

var castagnoli = crc32.MakeTable(crc32.Castagnoli)

// Checksum is the CRC-32C of b, which Read checks a text against.
func Checksum(b []byte) uint32 { return crc32.Checksum(b, castagnoli) }

// ErrDamaged is returned by Read for a text whose bytes in its file are
// no longer those it was put with.
var ErrDamaged = errors.New("the file changed since the text was put in it")

// Close closes the file, and removes it if that was not done at once.
// Texts in it cannot be read after that.
func (s *File) Close() error {
	if s == nil {
		return nil
	}
	err := s.f.Close()
	if s.name != "" {
		os.Remove(s.name)
	}
	return err
}

// Text is a string kept in memory or in a File. The zero Text is empty.
type Text struct {
	s   string
	f   *File
	off int64
	n   int
	sum uint32 // Checksum of the bytes in f
}

// String returns a Text kept in memory.
func String(s string) Text { return Text{s: s, n: len(s)} }

// Len returns the length of the text in bytes.
func (t Text) Len() int { return t.n }

// InFile reports whether the text is kept in a file.
func (t Text) InFile() bool { return t.f != nil }

// Read returns the text, reading it from its file if it is kept in one.
func (t Text) Read() (string, error) {
	if t.f == nil {
		return t.s, nil
	}
	b := make([]byte, t.n)
	if _, err := t.f.f.ReadAt(b, t.off); err != nil {
		return "", fmt.Errorf("reading %d bytes at %d of %s: %w", t.n, t.off, t.f.f.Name(), err)
	}
	if Checksum(b) != t.sum {
		return "", fmt.Errorf("reading %d bytes at %d of %s: %w", t.n, t.off, t.f.f.Name(), ErrDamaged)
	}
	// b is never written again: the string can share it.
	return unsafe.String(&b[0], len(b)), nil
}
