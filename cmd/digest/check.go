package main

import (
	"context"
	"fmt"
	"io"

	"digest/internal/build"
)

func runCheck(args []string, stdout, stderr io.Writer) int {
	var sf siteFlags
	var format string
	var strict, comments bool
	f := newFlags("check", "[flags]", stderr)
	sf.define(f, false)
	f.StringVar(&format, "format", "text", "output `format`: text or json (one object per line)")
	f.BoolVar(&strict, "strict", false, "count warnings as errors")
	f.BoolVar(&comments, "comments", false, "also list the HTML comments of items: editors' hidden notes, which no output shows")
	if code, done := parse(f, args, 0); done {
		return code
	}
	if format != "text" && format != "json" {
		fmt.Fprintf(stderr, "digest check: --format must be text or json, not %q\n", format)
		return exitUsage
	}
	opts, err := sf.options()
	if err != nil {
		fmt.Fprintf(stderr, "digest check: %v\n", err)
		return exitUsage
	}
	b := build.New(opts)
	defer b.Close()
	res, err := b.Check(context.Background())
	saveCache(b, stderr)
	if err != nil {
		fmt.Fprintf(stderr, "digest check: %v\n", err)
		return exitError
	}
	diags := res.Diags
	if comments {
		diags = append(diags, b.Comments()...)
	}
	diags = diags.Sorted()
	if format == "json" {
		_ = diags.WriteJSON(stdout)
	} else {
		_ = diags.WriteText(stdout)
	}
	nerr, nwarn := diags.Count()
	if format == "text" {
		fmt.Fprintf(stdout, "digest check: %s, %s (%d articles, %d topics)\n", build.Count(nerr, "error"), build.Count(nwarn, "warning"), res.Articles, res.Topics)
	}
	if nerr > 0 || (strict && nwarn > 0) {
		return exitError
	}
	return exitOK
}
