package main

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"time"

	"digest/internal/content"
	"digest/internal/disk"
	"digest/internal/slug"
)

// now is the clock of new and init; tests replace it.
var now = time.Now

// yamlString writes s as a double-quoted YAML scalar (JSON strings are
// valid YAML).
func yamlString(s string) string {
	b, _ := json.Marshal(s)
	return string(b)
}

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
	title := strings.TrimSpace(f.positional[0])
	sl := slug.Make(title)
	if sl == "" {
		fmt.Fprintf(stderr, "digest new: cannot make a file name from %q: use letters or digits\n", title)
		return exitUsage
	}
	cfg := content.DefaultConfig()
	if src, err := disk.ReadFile(filepath.Join(source, filepath.FromSlash(content.ConfigFile)), content.MaxFileSize); err == nil {
		cfg, _ = content.ParseConfig(content.ConfigFile, src, "")
	}
	t := now().In(cfg.Location)
	name := t.Format("2006-01-02") + "-" + sl + ".md"
	rel := filepath.Join(filepath.FromSlash(content.ArticlesDir), name)
	path := filepath.Join(source, rel)
	var topicSlugs []string
	for _, tp := range topics {
		s := slug.Make(tp)
		if s == "" {
			fmt.Fprintf(stderr, "digest new: %q is not a topic slug\n", tp)
			return exitUsage
		}
		topicSlugs = append(topicSlugs, s)
	}
	text := articleSkeleton(title, t, tagURI(cfg.BaseURL, t, sl), topicSlugs, sourceName)
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		fmt.Fprintf(stderr, "digest new: %v\n", err)
		return exitError
	}
	if err := writeNew(path, text); err != nil {
		fmt.Fprintf(stderr, "digest new: %v\n", err)
		return exitError
	}
	fmt.Fprintf(stdout, "Created %s (a draft: set draft: false to publish it)\n", rel)
	return exitOK
}

// writeNew creates path with text and refuses to overwrite anything.
func writeNew(path, text string) error {
	fh, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
	if errors.Is(err, os.ErrExist) {
		return fmt.Errorf("%s already exists; not overwriting it", path)
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

// tagURI makes a stable RFC 4151 identifier for a new item, from the
// site's host, the day and the slug: tag:news.example.org,2025-08-15:slug.
func tagURI(baseURL string, t time.Time, sl string) string {
	host := "digest.invalid"
	if u, err := url.Parse(baseURL); err == nil && u.Hostname() != "" {
		host = u.Hostname()
	}
	return "tag:" + host + "," + t.Format("2006-01-02") + ":" + sl
}

func articleSkeleton(title string, t time.Time, id string, topics []string, sourceName string) string {
	var b strings.Builder
	b.WriteString("---\n")
	fmt.Fprintf(&b, "title: %s\n", yamlString(title))
	fmt.Fprintf(&b, "date: %s\n", t.Format("2006-01-02 15:04"))
	fmt.Fprintf(&b, "id: %s\n", yamlString(id))
	b.WriteString("summary: \"\"\n")
	if len(topics) == 0 {
		b.WriteString("topics: []\n")
	} else {
		b.WriteString("topics:\n")
		for _, tp := range topics {
			fmt.Fprintf(&b, "  - %s\n", tp)
		}
	}
	b.WriteString("people: []\nplaces: []\n")
	if sourceName != "" {
		b.WriteString("source:\n")
		fmt.Fprintf(&b, "  name: %s\n", yamlString(sourceName))
		b.WriteString("  url: \"\"\n")
	} else {
		b.WriteString("# source:\n#   name: \"Who reported it\"\n#   url: \"https://...\"\n")
	}
	b.WriteString("milestone: false\ndraft: true\n---\n\n")
	b.WriteString("Summarise the report here in your own words: who, what, when, where. Quote briefly, with attribution.\n")
	return b.String()
}
