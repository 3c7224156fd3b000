package build

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"digest"
	"digest/internal/content"
	"digest/internal/corpus"
	"digest/internal/fingerprint"
	"digest/internal/site"
)

// benchItems is the corpus size: DIGEST_BENCH_ITEMS, default 1000.
func benchItems() int {
	if n, err := strconv.Atoi(os.Getenv("DIGEST_BENCH_ITEMS")); err == nil && n > 0 {
		return n
	}
	return 1000
}

var (
	corpusOnce sync.Once
	corpusDir  string
)

// benchSite writes the generated corpus once per process and returns its
// folder.
func benchSite(b testing.TB) string {
	b.Helper()
	corpusOnce.Do(func() {
		dir, err := os.MkdirTemp("", "digest-bench-")
		if err != nil {
			b.Fatal(err)
		}
		if err := corpus.Write(dir, corpus.Generate(corpus.Options{Items: benchItems(), Seed: 1})); err != nil {
			b.Fatal(err)
		}
		corpusDir = dir
	})
	return corpusDir
}

var fixedNow = func() time.Time { return time.Date(2030, 1, 1, 0, 0, 0, 0, time.UTC) }

func benchOptions(dir string) Options {
	return Options{Source: dir, Theme: digest.Theme, Generator: "digest bench", Now: fixedNow,
		Destination: filepath.Join(dir, "public")}
}

// memSink keeps outputs in memory.
type memSink struct {
	mu    sync.Mutex
	files map[string]fingerprint.Sum
	bytes int
}

func (m *memSink) Current(path string, input fingerprint.Sum) bool {
	m.mu.Lock()
	defer m.mu.Unlock()
	return m.files[path] == input && input != fingerprint.Sum{}
}
func (m *memSink) Keep(string) {}
func (m *memSink) Write(path string, input fingerprint.Sum, data []byte) error {
	m.mu.Lock()
	defer m.mu.Unlock()
	if m.files == nil {
		m.files = map[string]fingerprint.Sum{}
	}
	m.files[path] = input
	m.bytes += len(data)
	return nil
}

// BenchmarkParse reads and parses every content file.
func BenchmarkParse(b *testing.B) {
	dir := benchSite(b)
	for b.Loop() {
		c := loadAll(content.NewLoader(os.DirFS(dir), content.Override{}), nil)
		if c.Diags.HasErrors() {
			b.Fatal(c.Diags)
		}
	}
	b.ReportMetric(float64(benchItems()), "items")
}

// BenchmarkModel builds the site model from parsed content.
func BenchmarkModel(b *testing.B) {
	c := loadAll(content.NewLoader(os.DirFS(benchSite(b)), content.Override{}), nil)
	for b.Loop() {
		site.Make(c, site.Options{Now: fixedNow()})
	}
}

// BenchmarkModelRebuild builds the model again from the same content with
// the memo of an earlier build, as a rebuild does.
func BenchmarkModelRebuild(b *testing.B) {
	c := loadAll(content.NewLoader(os.DirFS(benchSite(b)), content.Override{}), nil)
	memo := &site.Memo{}
	site.Make(c, site.Options{Now: fixedNow(), Memo: memo})
	for b.Loop() {
		site.Make(c, site.Options{Now: fixedNow(), Memo: memo})
	}
}

// BenchmarkRender renders every page into memory (no disk).
func BenchmarkRender(b *testing.B) {
	dir := benchSite(b)
	for b.Loop() {
		bl := New(benchOptions(dir))
		sink := &memSink{}
		res, err := bl.BuildTo(context.Background(), nil, sink, 0)
		if err != nil || res.Diags.HasErrors() {
			b.Fatal(err, res.Diags)
		}
		b.ReportMetric(float64(sink.bytes)/float64(res.Pages), "bytes/page")
	}
}

// BenchmarkColdBuild builds into an empty destination on disk.
func BenchmarkColdBuild(b *testing.B) {
	dir := benchSite(b)
	for i := 0; b.Loop(); i++ {
		opts := benchOptions(dir)
		opts.Destination = filepath.Join(b.TempDir(), fmt.Sprint("public", i))
		if res, err := New(opts).Build(context.Background(), nil); err != nil || res.Diags.HasErrors() {
			b.Fatal(err, res.Diags)
		}
	}
}

// BenchmarkWarmBuild builds again with nothing changed, in a new process's
// shoes: a new builder, the destination already up to date.
func BenchmarkWarmBuild(b *testing.B) {
	dir := benchSite(b)
	opts := benchOptions(dir)
	opts.Destination = filepath.Join(b.TempDir(), "public")
	if _, err := New(opts).Build(context.Background(), nil); err != nil {
		b.Fatal(err)
	}
	for b.Loop() {
		res, err := New(opts).Build(context.Background(), nil)
		if err != nil || !res.Unchanged {
			b.Fatal(err, res.Unchanged)
		}
	}
}

// BenchmarkEditOneItem is the preview's path after saving one item with a
// new paragraph: re-read it, make the model from the memo, re-render its page and
// feeds, into memory.
func BenchmarkEditOneItem(b *testing.B) {
	benchEdit(b, func(orig string, i int) string { return orig + fmt.Sprintf("\nEdit %d.\n", i) })
}

// BenchmarkEditHeadline is the preview's path after changing one item's
// headline, which lists show: the model is made from the memo, and every page that
// lists the item is rendered again.
func BenchmarkEditHeadline(b *testing.B) {
	benchEdit(b, func(orig string, i int) string {
		return strings.Replace(orig, "title: \"", fmt.Sprintf("title: \"Rev %d: ", i), 1)
	})
}

// benchEdit times rebuilds after edit changes one item, the i-th time, in
// turn one of five items, as an editor moves from item to item.
func benchEdit(b *testing.B, edit func(orig string, i int) string) {
	dir := benchSite(b)
	bl := New(benchOptions(dir))
	sink := &memSink{}
	if _, err := bl.BuildTo(context.Background(), nil, sink, 0); err != nil {
		b.Fatal(err)
	}
	var rels []string
	origs := map[string][]byte{}
	_ = filepath.WalkDir(filepath.Join(dir, "content", "articles"), func(p string, d os.DirEntry, err error) error {
		if err == nil && !d.IsDir() && len(rels) < 5*97 {
			rel, _ := filepath.Rel(dir, p)
			rels = append(rels, filepath.ToSlash(rel))
		}
		return nil
	})
	for i := 0; i < len(rels); i += 97 { // five items far apart
		data, err := os.ReadFile(filepath.Join(dir, rels[i]))
		if err != nil {
			b.Fatal(err)
		}
		origs[rels[i]] = data
		defer os.WriteFile(filepath.Join(dir, rels[i]), data, 0o644)
	}
	i := 0
	for b.Loop() {
		i++
		rel := rels[(i%5)*97]
		if err := os.WriteFile(filepath.Join(dir, rel), []byte(edit(string(origs[rel]), i)), 0o644); err != nil {
			b.Fatal(err)
		}
		res, err := bl.BuildTo(context.Background(), []string{rel}, sink, 0)
		if err != nil || res.Diags.HasErrors() {
			b.Fatal(err, res.Diags)
		}
		b.ReportMetric(float64(res.Rendered), "rendered")
	}
}

// loadAll loads the content, as a build does, with no deadline.
func loadAll(l *content.Loader, changed []string) *content.Content {
	c, err := l.Load(context.Background(), changed)
	if err != nil {
		panic(err)
	}
	return c
}
