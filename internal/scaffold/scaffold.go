// Package scaffold writes what an editor starts from: a new site (digest
// init) and a new draft item (digest new). It never overwrites a file
// and never writes outside the site's content/ folder for items.
package scaffold

import (
	"encoding/json"
	"errors"
	"fmt"
	"maps"
	"net/url"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"digest/internal/content"
	"digest/internal/slug"
)

// ErrExists is wrapped by the error for a file that is already there.
var ErrExists = errors.New("already exists; not overwriting it")

// WriteNew creates the file at path with text, and its folders, and
// refuses to overwrite anything.
func WriteNew(path, text string) error {
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		return err
	}
	fh, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
	if errors.Is(err, os.ErrExist) {
		return fmt.Errorf("%s %w", path, ErrExists)
	}
	if err != nil {
		return err
	}
	if _, err := fh.WriteString(text); err != nil {
		fh.Close()
		return fmt.Errorf("writing %s: %w", path, err)
	}
	return fh.Close()
}

// Item is a new draft item.
type Item struct {
	Title      string
	Date       time.Time // in the site's time zone
	Topics     []string  // slugs, main topic first
	SourceName string    // whose reporting it summarises, if known
}

// NewItem writes it as a draft at content/articles/YYYY-MM-DD-<slug>.md
// under the site in dir, with a stable id made from the site's host
// (baseURL), and returns the path it wrote, relative to dir.
func NewItem(dir, baseURL string, it Item) (string, error) {
	sl := slug.Make(it.Title)
	if sl == "" {
		return "", fmt.Errorf("cannot make a file name from %q: use letters or digits", it.Title)
	}
	rel := filepath.Join(filepath.FromSlash(content.ArticlesDir), it.Date.Format("2006-01-02")+"-"+sl+".md")
	return rel, WriteNew(filepath.Join(dir, rel), itemText(it, TagURI(baseURL, it.Date, sl)))
}

// TagURI makes a stable RFC 4151 identifier for a new item, from the
// site's host, the day and the slug: tag:news.example.org,2025-08-15:slug.
func TagURI(baseURL string, t time.Time, sl string) string {
	host := "digest.invalid"
	if u, err := url.Parse(baseURL); err == nil && u.Hostname() != "" {
		host = u.Hostname()
	}
	return "tag:" + host + "," + t.Format("2006-01-02") + ":" + sl
}

// yamlString writes s as a double-quoted YAML scalar (JSON strings are
// valid YAML).
func yamlString(s string) string {
	b, _ := json.Marshal(s)
	return string(b)
}

// itemText is the front matter skeleton and placeholder body of it.
func itemText(it Item, id string) string {
	var b strings.Builder
	b.WriteString("---\n")
	fmt.Fprintf(&b, "title: %s\n", yamlString(it.Title))
	fmt.Fprintf(&b, "date: %s\n", it.Date.Format("2006-01-02 15:04"))
	fmt.Fprintf(&b, "id: %s\n", yamlString(id))
	b.WriteString("summary: \"\"\n")
	if len(it.Topics) == 0 {
		b.WriteString("topics: []\n")
	} else {
		b.WriteString("topics:\n")
		for _, tp := range it.Topics {
			fmt.Fprintf(&b, "  - %s\n", tp)
		}
	}
	b.WriteString("people: []\nplaces: []\n")
	if it.SourceName != "" {
		b.WriteString("source:\n")
		fmt.Fprintf(&b, "  name: %s\n", yamlString(it.SourceName))
		b.WriteString("  url: \"\"\n")
	} else {
		b.WriteString("# source:\n#   name: \"Who reported it\"\n#   url: \"https://...\"\n")
	}
	b.WriteString("milestone: false\ndraft: true\n---\n\n")
	b.WriteString("Summarise the report here in your own words: who, what, when, where. Quote briefly, with attribution.\n")
	return b.String()
}

// Site writes a new site in dir: settings, a topic and a first item dated
// day. It refuses a folder whose content/ has anything in it, and keeps a
// .gitignore that is already there.
func Site(dir string, day time.Time) error {
	if entries, err := os.ReadDir(filepath.Join(dir, content.Dir)); err == nil && len(entries) > 0 {
		return fmt.Errorf("%s already has content/; not touching it", dir)
	}
	files := siteFiles(day.Format("2006-01-02"))
	for _, rel := range slices.Sorted(maps.Keys(files)) {
		err := WriteNew(filepath.Join(dir, filepath.FromSlash(rel)), files[rel])
		if err != nil && !(rel == ".gitignore" && errors.Is(err, ErrExists)) {
			return err
		}
	}
	return nil
}

// siteFiles are the files of a new site, by path.
func siteFiles(day string) map[string]string {
	return map[string]string{
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
		// The output, and the lock file a build keeps beside it.
		".gitignore": "/public/\n/.public.digest-*\n",
	}
}
