package main

import (
	"fmt"
	"io"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strings"
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
	if entries, err := os.ReadDir(filepath.Join(dir, "content")); err == nil && len(entries) > 0 {
		fmt.Fprintf(stderr, "digest init: %s already has content/; not touching it\n", dir)
		return exitError
	}
	day := now().UTC().Format("2006-01-02")
	files := map[string]string{
		"content/_index.md": `---
title: "My Digest"
description: "A curated digest of the news on one story."
base_url: "https://example.org/"
language: en
timezone: UTC
per_page: 20
---

Short summaries of the news on one story, each crediting the reporting it is based on. Follow the [timeline](/topics/my-story/).
`,
		"content/topics/my-story.md": `---
title: "My story"
description: "Everything we have summarised on this story, in order."
layout: timeline
---

The story so far, in a short paragraph: what happened, who is involved, and what to watch for next.
`,
		"content/articles/" + day + "-first-item.md": `---
title: "First item of the digest"
summary: "One or two sentences that say what happened. Lists, feeds and link previews show them."
topics:
  - my-story
people:
  - Jane Doe
places:
  - Kyiv
source:
  name: "Example News"
  url: "https://example.org/"
milestone: true
---

Summarise the report here in your own words: who, what, when, where. Quote briefly, with attribution.

*Summarised from reporting by Example News.*
`,
		".gitignore": "/public/\n",
	}
	for _, rel := range slices.Sorted(maps.Keys(files)) {
		path := filepath.Join(dir, filepath.FromSlash(rel))
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			fmt.Fprintf(stderr, "digest init: %v\n", err)
			return exitError
		}
		if err := writeNew(path, files[rel]); err != nil {
			if strings.HasSuffix(rel, ".gitignore") {
				continue
			}
			fmt.Fprintf(stderr, "digest init: %v\n", err)
			return exitError
		}
	}
	fmt.Fprintf(stdout, "Created a new site in %s. Next:\n  cd %s\n  digest build\n", dir, dir)
	return exitOK
}
