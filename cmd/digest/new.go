package main

import (
	"fmt"
	"io"
	"path/filepath"
	"strings"
	"time"

	"digest/internal/content"
	"digest/internal/disk"
	"digest/internal/scaffold"
	"digest/internal/slug"
)

// now is the clock of new and init; tests replace it.
var now = time.Now

func runNew(args []string, stdout, stderr io.Writer) int {
	var source, sourceName string
	var topics listFlag
	f := newFlags("new", `"Headline" [--topic SLUG]... [--source NAME] [-s DIR]`, stderr)
	f.stringVar(&source, "source-dir", "s", ".", "the site's `folder`")
	f.Var(&topics, "topic", "a topic `slug` (repeat for several; the first is the main one)")
	f.StringVar(&sourceName, "source", "", "the `name` of the organisation whose reporting the item summarises")
	if code, done := parse(f, args, 1); done {
		return code
	}
	if len(f.positional) != 1 || strings.TrimSpace(f.positional[0]) == "" {
		fmt.Fprintln(stderr, "digest new: give the headline, in quotes")
		f.Usage()
		return exitUsage
	}
	it := scaffold.Item{Title: strings.TrimSpace(f.positional[0]), SourceName: sourceName}
	if slug.Make(it.Title) == "" {
		fmt.Fprintf(stderr, "digest new: cannot make a file name from %q: use letters or digits\n", it.Title)
		return exitUsage
	}
	for _, tp := range topics {
		s := slug.Make(tp)
		if s == "" {
			fmt.Fprintf(stderr, "digest new: %q is not a topic slug\n", tp)
			return exitUsage
		}
		it.Topics = append(it.Topics, s)
	}
	cfg := content.DefaultConfig()
	if src, err := disk.ReadFile(filepath.Join(source, filepath.FromSlash(content.ConfigFile)), content.MaxFileSize); err == nil {
		cfg, _ = content.ParseConfig(content.ConfigFile, src, content.Override{})
	}
	it.Date = now().In(cfg.Location)
	rel, err := scaffold.NewItem(source, cfg.BaseURL, it)
	if err != nil {
		fmt.Fprintf(stderr, "digest new: %v\n", err)
		return exitError
	}
	fmt.Fprintf(stdout, "Created %s (a draft: set draft: false to publish it)\n", rel)
	return exitOK
}
