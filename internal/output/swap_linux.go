//go:build linux

package output

import (
	"errors"
	"fmt"
	"os"

	"golang.org/x/sys/unix"
)

// exchange swaps the folders at a and b in one step. If b does not exist,
// a is renamed to b.
func exchange(a, b string) error {
	err := unix.Renameat2(unix.AT_FDCWD, a, unix.AT_FDCWD, b, unix.RENAME_EXCHANGE)
	switch {
	case err == nil:
		return nil
	case errors.Is(err, unix.ENOENT):
		if _, serr := os.Lstat(b); os.IsNotExist(serr) {
			return os.Rename(a, b)
		}
	case errors.Is(err, unix.EINVAL), errors.Is(err, unix.ENOSYS):
		return renameAside(a, b)
	}
	return fmt.Errorf("exchanging %s and %s: %w", a, b, err)
}

// lock takes an exclusive lock on path, so that two builds never write the
// same destination at once. The returned function releases it.
func lock(path string) (func(), error) {
	f, err := os.OpenFile(path, os.O_CREATE|os.O_RDWR, 0o644)
	if err != nil {
		return nil, fmt.Errorf("opening lock file: %w", err)
	}
	if err := unix.Flock(int(f.Fd()), unix.LOCK_EX); err != nil {
		f.Close()
		return nil, fmt.Errorf("locking %s: %w", path, err)
	}
	return func() {
		_ = unix.Flock(int(f.Fd()), unix.LOCK_UN)
		f.Close()
	}, nil
}
