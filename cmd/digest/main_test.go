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
	os.Exit(m.Run())
}
