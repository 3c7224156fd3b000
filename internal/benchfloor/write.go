package main

import (
	"fmt"

	"golang.org/x/sys/unix"
)

// writeNew creates path with data using the system calls directly, as
// digest's output stage does.
func writeNew(path string, data []byte) error {
	fd, err := unix.Open(path, unix.O_WRONLY|unix.O_CREAT|unix.O_EXCL|unix.O_CLOEXEC, 0o644)
	if err != nil {
		return fmt.Errorf("creating %s: %w", path, err)
	}
	for len(data) > 0 {
		n, err := unix.Write(fd, data)
		if err != nil {
			unix.Close(fd)
			return fmt.Errorf("writing %s: %w", path, err)
		}
		data = data[n:]
	}
	return unix.Close(fd)
}
