package search

import (
	"bytes"
	"compress/gzip"
	"os"
	"runtime"
	"strings"
	"sync"
	"testing"
)

// bench10k is the synthetic corpus of the benchmarks: 10,000 docs of about
// 600 words from a vocabulary of 3,000.
var bench10k = sync.OnceValues(func() ([]Doc, []Terms) {
	docs := synthDocs(10000, 600, 3000)
	return docs, termsOf(docs)
})

func BenchmarkBuild10k(b *testing.B) {
	docs, terms := bench10k()
	var files []File
	for b.Loop() {
		files = Build(docs, terms, synthTopics)
	}
	total, shard := 0, 0
	for _, f := range files {
		total += len(f.Data)
		if strings.HasPrefix(f.Path, "search/s/") {
			shard = max(shard, len(f.Data))
		}
	}
	b.ReportMetric(float64(total), "total-bytes")
	b.ReportMetric(float64(shard), "max-shard-bytes")
	b.ReportMetric(float64(len(files)), "files")
}

func BenchmarkTermsOf10k(b *testing.B) {
	docs, _ := bench10k()
	for b.Loop() {
		var wg sync.WaitGroup
		for w := range 2 {
			wg.Go(func() {
				for i := w; i < len(docs); i += 2 {
					TermsOf(docs[i])
				}
			})
		}
		wg.Wait()
	}
}

// gzipLen returns the length of data gzipped at the default level.
func gzipLen(t testing.TB, data []byte) int {
	var buf bytes.Buffer
	w := gzip.NewWriter(&buf)
	if _, err := w.Write(data); err != nil {
		t.Fatalf("gzip: %v", err)
	}
	if err := w.Close(); err != nil {
		t.Fatalf("gzip: %v", err)
	}
	return buf.Len()
}

// TestFirstQueryBudget checks that a first query on 10,000 docs downloads
// under 150 KB gzipped: the script, the manifest, the biggest shard and
// one doc chunk; it logs the worst cases too (four shards for each prefix
// term and twenty chunks).
func TestFirstQueryBudget(t *testing.T) {
	if testing.Short() {
		t.Skip("builds 10,000 docs")
	}
	docs, terms := bench10k()
	ix := decodeIndex(t, Build(docs, terms, synthTopics))
	script, err := os.ReadFile("../../static/search.js")
	if err != nil {
		t.Fatalf("read the script: %v", err)
	}
	var shardSizes, chunkSizes []int
	total := 0
	for p, data := range ix.files {
		total += len(data)
		switch {
		case strings.HasPrefix(p, "search/s/"):
			shardSizes = append(shardSizes, gzipLen(t, data))
		case strings.HasPrefix(p, "search/d/"):
			chunkSizes = append(chunkSizes, gzipLen(t, data))
		}
	}
	maxOf := func(s []int) int {
		m := 0
		for _, v := range s {
			m = max(m, v)
		}
		return m
	}
	js := gzipLen(t, script)
	man := gzipLen(t, ix.files["search/index.json"])
	first := js + man + maxOf(shardSizes) + maxOf(chunkSizes)
	oneTerm := js + man + 4*maxOf(shardSizes) + 20*maxOf(chunkSizes)
	twoTerms := oneTerm + 4*maxOf(shardSizes)
	t.Logf("10k docs: %d files, %d bytes; manifest %d bytes (%d gzipped), %d shards, biggest shard %d gzipped, biggest chunk %d gzipped, script %d bytes (%d gzipped)",
		len(ix.files), total, len(ix.files["search/index.json"]), man, len(shardSizes), maxOf(shardSizes), maxOf(chunkSizes), len(script), js)
	t.Logf("first query gzipped: %d bytes (script+manifest+biggest shard+chunk); at worst %d for a prefix (4 shards, 20 chunks), %d for two (8 shards)", first, oneTerm, twoTerms)
	t.Logf("biggest shard + manifest + one chunk gzipped: %d bytes", first-js)
	if first > 150_000 {
		t.Errorf("a first query downloads %d bytes gzipped, over the 150 KB budget", first)
	}
}

// TestBuildMemory10k checks that Build allocates well under 60 MiB in all
// for 10,000 docs of 600 words, so it never holds more than that beyond
// its input.
func TestBuildMemory10k(t *testing.T) {
	if testing.Short() {
		t.Skip("builds 10,000 docs")
	}
	docs, terms := bench10k()
	var before, after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	files := Build(docs, terms, synthTopics)
	runtime.ReadMemStats(&after)
	alloc := after.TotalAlloc - before.TotalAlloc
	t.Logf("Build allocated %.1f MiB for %d files", float64(alloc)/(1<<20), len(files))
	if alloc > 40<<20 {
		t.Errorf("Build allocated %.1f MiB, want under 40", float64(alloc)/(1<<20))
	}
}
