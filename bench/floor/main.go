// Command floor is the floor digest's builds are measured against:
// the least any goldmark-based generator must do with a folder of items.
// It reads every item, parses its front matter, converts its Markdown and
// writes one page per item under pretty URLs (a folder per item), and
// nothing else: no templates, lists, feeds or atomic swap. It writes the
// way digest does (two writers, each folder made once), so the comparison
// is with the same disk work, not a slower one.
//
//	go run ./bench/floor -src CORPUS -out DIR
package main

import (
	"bytes"
	"flag"
	"fmt"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"runtime"
	"strings"
	"sync"
	"time"

	"github.com/adrg/frontmatter"
	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/extension"
	"github.com/yuin/goldmark/parser"

	"digest/internal/output"
)

type page struct {
	dir  string
	html []byte
}

func main() {
	src := flag.String("src", "", "the site folder (with content/articles)")
	out := flag.String("out", "", "the folder to write to (must not exist)")
	flag.Parse()
	if *src == "" || *out == "" {
		fmt.Fprintln(os.Stderr, "usage: floor -src CORPUS -out DIR")
		os.Exit(2)
	}
	start := time.Now()
	var files []string
	root := filepath.Join(*src, "content", "articles")
	err := filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() && strings.HasSuffix(p, ".md") {
			files = append(files, p)
		}
		return err
	})
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	md := goldmark.New(goldmark.WithExtensions(extension.GFM, extension.Footnote, extension.Typographer),
		goldmark.WithParserOptions(parser.WithAutoHeadingID()))
	pages := make(chan page, 64)
	jobs := make(chan string, 64)
	var parsers sync.WaitGroup
	for range runtime.GOMAXPROCS(0) {
		parsers.Go(func() {
			for f := range jobs {
				b, err := os.ReadFile(f)
				if err != nil {
					fmt.Fprintln(os.Stderr, err)
					os.Exit(1)
				}
				var meta map[string]any
				body, err := frontmatter.MustParse(bytes.NewReader(b), &meta)
				if err != nil {
					fmt.Fprintln(os.Stderr, f, err)
					os.Exit(1)
				}
				var buf bytes.Buffer
				if err := md.Convert(body, &buf); err != nil {
					fmt.Fprintln(os.Stderr, f, err)
					os.Exit(1)
				}
				base := strings.TrimSuffix(filepath.Base(f), ".md") // 2025-08-15-slug
				dir := path.Join(base[:4], base[5:7], base[8:10], base[11:])
				pages <- page{dir: dir, html: buf.Bytes()}
			}
		})
	}
	go func() {
		for _, f := range files {
			jobs <- f
		}
		close(jobs)
		parsers.Wait()
		close(pages)
	}()
	if err := os.Mkdir(*out, 0o755); err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	var mu sync.Mutex
	made := map[string]bool{".": true}
	var mkdir func(string)
	mkdir = func(d string) {
		mu.Lock()
		done := made[d]
		mu.Unlock()
		if done {
			return
		}
		mkdir(path.Dir(d))
		if err := os.Mkdir(filepath.Join(*out, d), 0o755); err != nil && !os.IsExist(err) {
			fmt.Fprintln(os.Stderr, err)
			os.Exit(1)
		}
		mu.Lock()
		made[d] = true
		mu.Unlock()
	}
	var writers sync.WaitGroup
	n := 0
	for range 2 {
		writers.Go(func() {
			for p := range pages {
				mkdir(p.dir)
				if err := output.CreateFile(filepath.Join(*out, p.dir, "index.html"), p.html); err != nil {
					fmt.Fprintln(os.Stderr, err)
					os.Exit(1)
				}
				mu.Lock()
				n++
				mu.Unlock()
			}
		})
	}
	writers.Wait()
	fmt.Printf("floor: %d pages in %d ms\n", n, time.Since(start).Milliseconds())
}
