//go:build !unix

package disk

import "os"

// openNonBlocking opens name read-only. Systems other than Unix have no
// named pipes in their file systems that an open could wait on.
func openNonBlocking(name string) (*os.File, error) { return os.Open(name) }
