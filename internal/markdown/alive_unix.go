//go:build unix

package markdown

import "syscall"

// processAlive reports whether a process with ID pid exists.
func processAlive(pid int) bool {
	err := syscall.Kill(pid, 0)
	return err == nil || err == syscall.EPERM
}
