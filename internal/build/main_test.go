package build

import (
	"os"
	"testing"
)

// TestMain keeps the tests' conversion caches out of the user's cache
// folder, where a builder keeps them by default.
func TestMain(m *testing.M) {
	if os.Getenv("DIGEST_CACHE_DIR") != "" {
		os.Exit(m.Run())
	}
	dir, err := os.MkdirTemp("", "digest-test-cache-")
	if err != nil {
		panic(err)
	}
	os.Setenv("DIGEST_CACHE_DIR", dir)
	code := m.Run()
	os.RemoveAll(dir)
	os.Exit(code)
}
