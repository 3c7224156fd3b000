// Package disk is the one door through which digest reads files: the
// site's settings, items, templates and static files, the conversion cache
// and the output manifest. Every file is opened without blocking and
// checked, on the open descriptor, to be a regular file (or a folder,
// where one is asked for) before a byte is read, so a named pipe, a socket
// or a device put in a site, or swapped for a file between listing and
// reading, is an error instead of a build that hangs for ever. Sizes are
// checked from that same fstat, so a file too large to use is refused
// before it is read.
package disk

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
)

// ErrNotRegular is wrapped by the errors for files that are neither
// regular files nor folders.
var ErrNotRegular = errors.New("not a regular file")

// KindError says what a file that is not a regular file is.
type KindError struct {
	Kind string // "a named pipe", "a socket", "a device", "a folder", ...
}

func (e *KindError) Error() string { return "not a regular file (" + e.Kind + ")" }

// Unwrap makes errors.Is(err, ErrNotRegular) true.
func (e *KindError) Unwrap() error { return ErrNotRegular }

// TooLargeError is returned for a file larger than the limit its reader
// set; nothing of it was read.
type TooLargeError struct {
	Size, Limit int64
}

func (e *TooLargeError) Error() string {
	return fmt.Sprintf("file is %s, larger than the %s limit", Size(e.Size), Size(e.Limit))
}

// Size formats a byte count for messages: "512 B", "3.4 KB", "1.0 GB".
func Size(n int64) string {
	switch {
	case n >= 1<<30:
		return fmt.Sprintf("%.1f GB", float64(n)/(1<<30))
	case n >= 1<<20:
		return fmt.Sprintf("%.1f MB", float64(n)/(1<<20))
	case n >= 1<<10:
		return fmt.Sprintf("%.1f KB", float64(n)/(1<<10))
	}
	return fmt.Sprintf("%d B", n)
}

// Kind names the type of a file mode that is not a regular file or a
// folder, for messages; "" for those two.
func Kind(m fs.FileMode) string {
	switch t := m.Type(); {
	case t == 0, t&fs.ModeDir != 0:
		return ""
	case t&fs.ModeNamedPipe != 0:
		return "a named pipe"
	case t&fs.ModeSocket != 0:
		return "a socket"
	case t&fs.ModeCharDevice != 0, t&fs.ModeDevice != 0:
		return "a device"
	case t&fs.ModeSymlink != 0:
		return "a symbolic link"
	}
	return "an irregular file"
}

// Open opens the file at name to read it: without blocking, whatever it
// is, then keeping it only if fstat on the open descriptor says it is a
// regular file (or a folder when dirOK). The returned info is that fstat.
func Open(name string, dirOK bool) (*os.File, fs.FileInfo, error) {
	f, err := openNonBlocking(name)
	if err != nil {
		return nil, nil, err
	}
	st, err := f.Stat()
	if err != nil {
		f.Close()
		return nil, nil, err
	}
	if !st.Mode().IsRegular() && !(dirOK && st.IsDir()) {
		f.Close()
		kind := Kind(st.Mode())
		if st.IsDir() {
			kind = "a folder"
		}
		return nil, nil, &fs.PathError{Op: "open", Path: name, Err: &KindError{Kind: kind}}
	}
	return f, st, nil
}

// ReadFile reads the regular file at name, refusing it unread if it is
// larger than limit bytes (limit <= 0: no limit).
func ReadFile(name string, limit int64) ([]byte, error) {
	f, st, err := Open(name, false)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	return readAll(f, name, st.Size(), limit)
}

// ReadFS reads the file name of fsys like ReadFile: the size is checked
// on the open file before anything is read. Files of a disk.FS are opened
// by Open; other file systems (fstest.MapFS in tests) are trusted to
// open without blocking, and only regular files are read.
func ReadFS(fsys fs.FS, name string, limit int64) ([]byte, error) {
	f, err := fsys.Open(name)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	st, err := f.Stat()
	if err != nil {
		return nil, err
	}
	if !st.Mode().IsRegular() {
		kind := Kind(st.Mode())
		if st.IsDir() {
			kind = "a folder"
		}
		return nil, &fs.PathError{Op: "read", Path: name, Err: &KindError{Kind: kind}}
	}
	return readAll(f, name, st.Size(), limit)
}

// readAll reads a file whose fstat gave size; a file that grows past the
// limit while it is read is refused too.
func readAll(r io.Reader, name string, size, limit int64) ([]byte, error) {
	if limit > 0 && size > limit {
		return nil, &fs.PathError{Op: "read", Path: name, Err: &TooLargeError{Size: size, Limit: limit}}
	}
	max := limit
	if max <= 0 {
		max = 1<<63 - 1
	}
	// One byte more than the size, to see the end of the file at once.
	buf := make([]byte, 0, size+1)
	for {
		if int64(len(buf)) > max {
			return nil, &fs.PathError{Op: "read", Path: name, Err: &TooLargeError{Size: int64(len(buf)), Limit: limit}}
		}
		if len(buf) == cap(buf) {
			buf = append(buf, 0)[:len(buf)]
		}
		n, err := r.Read(buf[len(buf):cap(buf)])
		buf = buf[:len(buf)+n]
		if err == io.EOF {
			return buf, nil
		}
		if err != nil {
			return nil, err
		}
	}
}
