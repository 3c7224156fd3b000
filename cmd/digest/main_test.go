package main

import (
	"os"
	"testing"
)

// TestMain lets the test binary act as the digest command when
// DIGEST_AS_COMMAND is set, so tests can run it as a process (and kill it).
func TestMain(m *testing.M) {
	if os.Getenv("DIGEST_AS_COMMAND") == "1" {
		os.Exit(run(os.Args[1:], os.Stdin, os.Stdout, os.Stderr))
	}
	// Keep the tests' conversion caches out of the user's cache folder.
	if os.Getenv("DIGEST_CACHE_DIR") == "" {
		dir, err := os.MkdirTemp("", "digest-test-cache-")
		if err != nil {
			panic(err)
		}
		os.Setenv("DIGEST_CACHE_DIR", dir)
		code := m.Run()
		os.RemoveAll(dir)
		os.Exit(code)
	}
	os.Exit(m.Run())
}
