package main

import (
	"fmt"
	"hash/crc32"
	"mime"
	"net/http"
	"os"
	"path"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"time"
)

// fetch is one request the file server answered.
type fetch struct {
	path string
	sent int64 // bytes of the body as sent: gzipped if the client accepts it
}

// gzipServer serves a folder as a static host does, gzipping every
// response for clients that accept it, and records each request.
type gzipServer struct {
	root     string
	mu       sync.Mutex
	log      []fetch
	inflight int
}

// ServeHTTP serves the file at the request's path, index.html for a
// folder, and records what it sent.
func (s *gzipServer) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	var sent int64
	s.mu.Lock()
	s.inflight++
	s.mu.Unlock()
	defer func() {
		s.mu.Lock()
		s.log = append(s.log, fetch{r.URL.Path, sent})
		s.inflight--
		s.mu.Unlock()
	}()
	name := r.URL.Path
	if strings.HasSuffix(name, "/") {
		name += "index.html"
	}
	data, err := os.ReadFile(filepath.Join(s.root, filepath.FromSlash(path.Clean("/"+name))))
	if err != nil {
		http.NotFound(w, r)
		sent = int64(len("404 page not found\n"))
		return
	}
	// A validator, as a static host sends: the page asks for its icon
	// again when the script puts the query in its URL.
	h, etag := w.Header(), fmt.Sprintf(`"%08x"`, crc32.ChecksumIEEE(data))
	if h.Set("ETag", etag); r.Header.Get("If-None-Match") == etag {
		w.WriteHeader(http.StatusNotModified)
		return
	}
	if ct := mime.TypeByExtension(path.Ext(name)); ct != "" {
		h.Set("Content-Type", ct)
	}
	h.Set("Vary", "Accept-Encoding")
	if strings.Contains(r.Header.Get("Accept-Encoding"), "gzip") {
		data = gzipBytes(data)
		h.Set("Content-Encoding", "gzip")
	}
	h.Set("Content-Length", strconv.Itoa(len(data)))
	n, _ := w.Write(data)
	sent = int64(n)
}

// drain returns the requests answered since the last drain, and forgets
// them, once none is in flight (waiting at most wait).
func (s *gzipServer) drain(wait time.Duration) []fetch {
	for deadline := time.Now().Add(wait); ; time.Sleep(5 * time.Millisecond) {
		s.mu.Lock()
		if s.inflight == 0 || time.Now().After(deadline) {
			log := s.log
			s.log = nil
			s.mu.Unlock()
			return log
		}
		s.mu.Unlock()
	}
}

// printSearch prints the search figures and flags what misses a target.
func printSearch(n int, build sample, st indexStats, results []queryResult) {
	fmt.Println()
	fmt.Printf("Search (%d items): index %s (%s gz) in %d files; index.json %s; largest shard %s; largest chunk %s; script %s\n",
		n, kb(st.total.raw), kb(st.total.gz), st.files, kbs(st.manifest), kbs(st.shard), kbs(st.chunk), kbs(st.script))
	fmt.Printf("Cold build with the index (--no-cache, one run): %.2f s wall, %.2f s CPU, %.0f MiB peak RSS\n",
		build.wall.Seconds(), build.cpu.Seconds(), build.rssMiB)
	if len(results) == 0 {
		return
	}
	fmt.Println()
	fmt.Println("KB are gzipped KiB sent; \"page\" is the HTML, CSS, script and any other file of the page.")
	fmt.Printf("%-21s %9s %6s %8s %12s %12s %5s %9s %10s %8s\n",
		"query", "first KB", "page", "manifest", "shards (n)", "chunks (n)", "reqs", "first ms", "cached ms", "results")
	var warn []string
	warnf := func(format string, a ...any) { warn = append(warn, fmt.Sprintf(format, a...)) }
	for _, r := range results {
		fmt.Printf("%-21s %9.1f %6.1f %8.1f %12s %12s %5d %9.1f %10.1f %8d\n", r.query,
			kib(r.total()), kib(r.page), kib(r.manifest), fmt.Sprintf("%.1f (%d)", kib(r.shards), r.nShards),
			fmt.Sprintf("%.1f (%d)", kib(r.chunks), r.nChunks), r.requests, r.firstMs, r.cachedMs, r.results)
		switch {
		case (r.results == 0) != (r.query == absentQuery):
			warnf("%q: %s", r.query, r.status)
		case r.results > 0 && r.shown == 0:
			warnf("%q announced %d results but listed none", r.query, r.results)
		}
		if kib(r.total()) > targetFirstKB {
			warnf("%q transferred %.1f KB gzipped on its first query (target: under %d KB)", r.query, kib(r.total()), targetFirstKB)
		}
		if r.cachedMs > targetCachedMs {
			warnf("%q took %.1f ms once loaded (target: under %d ms)", r.query, r.cachedMs, targetCachedMs)
		}
	}
	fmt.Printf("first ms: submit → results shown, manifest loaded, shards and chunks fetched from localhost; cached ms: the same in the same page, median of %d\n", cachedRuns)
	for _, w := range warn {
		fmt.Println("  ! " + w)
	}
}

// kib is a byte count in KiB.
func kib(n int64) float64 { return float64(n) / 1024 }

// kb formats a byte count in KB or MB (of 1,024).
func kb(n int64) string {
	if n >= 1<<20 {
		return fmt.Sprintf("%.1f MB", float64(n)/(1<<20))
	}
	return fmt.Sprintf("%.1f KB", kib(n))
}

// kbs formats a file's sizes, raw and gzipped.
func kbs(s sizes) string { return fmt.Sprintf("%s (%s gz)", kb(s.raw), kb(s.gz)) }
