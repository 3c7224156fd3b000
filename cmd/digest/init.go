package main

import (
	"fmt"
	"io"

	"digest/internal/scaffold"
)

func runInit(args []string, stdout, stderr io.Writer) int {
	f := newFlags("init", "DIR", stderr)
	if code, done := parse(f, args, 1); done {
		return code
	}
	if len(f.positional) != 1 {
		fmt.Fprintln(stderr, "digest init: give the folder to create the site in")
		f.Usage()
		return exitUsage
	}
	dir := f.positional[0]
	if err := scaffold.Site(dir, now()); err != nil {
		fmt.Fprintf(stderr, "digest init: %v\n", err)
		return exitError
	}
	fmt.Fprintf(stdout, "Created a new site in %s. Next:\n  cd %s\n  digest build\n", dir, dir)
	return exitOK
}
