//go:build linux

package output

import (
	"errors"
	"fmt"
	"os"
	"strconv"
	"strings"

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
// same destination at once, and records the holder's process ID in it.
// When another build holds it, waiting is told that build's ID before
// Open waits. The returned function releases the lock.
func lock(path string, waiting func(holder int)) (func(), error) {
	fd, err := openLock(path)
	if err != nil {
		return nil, err
	}
	err = unix.Flock(fd, unix.LOCK_EX|unix.LOCK_NB)
	if errors.Is(err, unix.EWOULDBLOCK) {
		if waiting != nil {
			waiting(holder(fd))
		}
		err = flockWait(fd)
	}
	if err != nil {
		unix.Close(fd)
		return nil, fmt.Errorf("locking %s: %w", path, err)
	}
	pid := []byte(strconv.Itoa(os.Getpid()) + "\n")
	if unix.Ftruncate(fd, 0) == nil {
		_, _ = unix.Pwrite(fd, pid, 0)
	}
	return func() {
		_ = unix.Flock(fd, unix.LOCK_UN)
		unix.Close(fd)
	}, nil
}

// flockWait waits for the lock, through interruptions by signals.
func flockWait(fd int) error {
	for {
		err := unix.Flock(fd, unix.LOCK_EX)
		if err != unix.EINTR {
			return err
		}
	}
}

// openLock opens (or creates) the lock file without blocking, whatever
// is at its path, and checks that it is a regular file. A lock file that
// another user left (a build run as root) can still be locked read-only:
// flock needs no write permission.
func openLock(path string) (int, error) {
	flags := unix.O_NONBLOCK | unix.O_CLOEXEC | unix.O_NOFOLLOW | unix.O_NOCTTY
	fd, err := unix.Open(path, unix.O_RDWR|unix.O_CREAT|flags, 0o644)
	if errors.Is(err, unix.EACCES) || errors.Is(err, unix.EROFS) {
		fd, err = unix.Open(path, unix.O_RDONLY|flags, 0)
	}
	if err != nil {
		var st unix.Stat_t
		if unix.Lstat(path, &st) == nil && int(st.Uid) != os.Geteuid() {
			return -1, fmt.Errorf("opening the lock file %s: %w (it belongs to user %d, probably left by a build run as another user: remove it)",
				path, err, st.Uid)
		}
		return -1, fmt.Errorf("opening the lock file %s: %w", path, err)
	}
	var st unix.Stat_t
	if err := unix.Fstat(fd, &st); err != nil || st.Mode&unix.S_IFMT != unix.S_IFREG {
		unix.Close(fd)
		return -1, fmt.Errorf("the lock file %s is not a regular file: remove it", path)
	}
	return fd, nil
}

// holder reads the process ID a lock file records, or 0.
func holder(fd int) int {
	b := make([]byte, 32)
	n, _ := unix.Pread(fd, b, 0)
	pid, err := strconv.Atoi(strings.TrimSpace(string(b[:max(n, 0)])))
	if err != nil {
		return 0
	}
	return pid
}
