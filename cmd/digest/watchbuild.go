package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"os/signal"
	"syscall"

	"digest/internal/build"
)

// watchBuild builds, then rebuilds into the destination whenever a file
// changes, until interrupted.
func watchBuild(b *build.Builder, quiet bool, stdout, stderr io.Writer) int {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	w, err := newWatcher(b.Options(), stderr)
	if err != nil {
		fmt.Fprintf(stderr, "digest build: %v\n", err)
		return exitError
	}
	defer w.Close()
	// The cache is saved after the first build and on the way out, not
	// after every edit: each save writes every conversion.
	defer saveCache(b, stderr)
	res, err := b.Build(nil)
	saveCache(b, stderr)
	report(res, err, b.Options(), quiet, stdout, stderr)
	fmt.Fprintln(stdout, "Watching for changes (Ctrl-C to stop)")
	for {
		select {
		case <-ctx.Done():
			return exitOK
		case batch, ok := <-w.C:
			if !ok {
				return exitError
			}
			res, err := b.Build(batch.Changed())
			report(res, err, b.Options(), quiet, stdout, stderr)
		}
	}
}
