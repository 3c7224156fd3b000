package main

import (
	"context"
	"fmt"
	"io"

	"digest/internal/build"
)

func runIDs(args []string, stdout, stderr io.Writer) int {
	var sf siteFlags
	f := newFlags("ids", "[-s DIR] [--base-url URL] [--write]", stderr)
	f.stringVar(&sf.source, "source", "s", ".", "the site's `folder`")
	f.StringVar(&sf.baseURL, "base-url", "", "the site's absolute `URL`, as given to digest build")
	write := f.Bool("write", false, "give the items the ids their feed entries have now (without it, only list them)")
	if code, done := parse(f, args, 0); done {
		return code
	}
	opts, err := sf.options()
	if err != nil {
		fmt.Fprintf(stderr, "digest ids: %v\n", err)
		return exitUsage
	}
	b := build.New(opts)
	defer b.Close()
	defer saveCache(b, stderr)
	if !b.FixIDs(context.Background(), *write, stdout, stderr) {
		return exitError
	}
	return exitOK
}
