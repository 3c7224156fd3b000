//go:build unix

package disk

import (
	"os"
	"syscall"
)

// openNonBlocking opens name read-only with O_NONBLOCK, which returns at
// once for a named pipe with no writer (a plain open would wait for one),
// and O_NOCTTY, so that a terminal device never becomes ours. Reads of
// regular files and folders are not affected by O_NONBLOCK.
func openNonBlocking(name string) (*os.File, error) {
	for {
		fd, err := syscall.Open(name, syscall.O_RDONLY|syscall.O_NONBLOCK|syscall.O_NOCTTY|syscall.O_CLOEXEC, 0)
		if err == syscall.EINTR {
			continue
		}
		if err != nil {
			return nil, &os.PathError{Op: "open", Path: name, Err: err}
		}
		return os.NewFile(uintptr(fd), name), nil
	}
}
