//go:build !unix

package markdown

// processAlive reports whether a process with ID pid exists; where that
// cannot be asked, every process is taken to be alive.
func processAlive(int) bool { return true }
