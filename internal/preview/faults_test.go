package preview

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"digest"
	"digest/internal/build"
	"digest/internal/corpus"
	"digest/internal/serve"
)

// TestCacheChangedInPlace: while the preview runs on bodies read from the
// conversion cache file, the file is overwritten in place (same inode, as
// cp over it does: every body shifted) or truncated. An edit that
// re-renders every page then serves exactly a clean build's pages, and
// the build says once that bodies were converted again.
func TestCacheChangedInPlace(t *testing.T) {
	for _, damage := range []string{"shifted", "truncated"} {
		t.Run(damage, func(t *testing.T) {
			dir := t.TempDir()
			if err := corpus.Write(dir, corpus.Generate(corpus.Options{Items: 300, Seed: 5, Topics: 6})); err != nil {
				t.Fatal(err)
			}
			cache := filepath.Join(t.TempDir(), "site.cache")
			fixed := time.Date(2030, 1, 1, 0, 0, 0, 0, time.UTC)
			opts := build.Options{Source: dir, Theme: digest.Theme, Generator: "digest test", CacheFile: cache,
				Now: func() time.Time { return fixed }}
			// A first run writes the cache file the preview then reads.
			warm := build.New(opts)
			if _, err := warm.Check(context.Background()); err != nil {
				t.Fatal(err)
			}
			if err := warm.SaveCache(); err != nil {
				t.Fatal(err)
			}
			warm.Close()
			inode := func() uint64 {
				st, err := os.Stat(cache)
				if err != nil {
					t.Fatal(err)
				}
				return st.Sys().(*syscall.Stat_t).Ino
			}
			before := inode()

			var mu sync.Mutex
			var warnings []string
			builds := make(chan struct{}, 100)
			p, _ := runPreview(t, Options{Build: opts, DeferAbove: -1, Report: func(r Report) {
				if r.Result != nil {
					mu.Lock()
					for _, d := range r.Result.Diags {
						if d.Code == "kept-text-damaged" {
							warnings = append(warnings, d.String())
						}
					}
					mu.Unlock()
				}
				builds <- struct{}{}
			}})
			<-builds
			if inode() != before {
				t.Fatal("the preview replaced the cache file: the test would not damage what it reads")
			}
			data, err := os.ReadFile(cache)
			if err != nil {
				t.Fatal(err)
			}
			f, err := os.OpenFile(cache, os.O_WRONLY, 0)
			if err != nil {
				t.Fatal(err)
			}
			if damage == "shifted" {
				// Every byte after the header moves on by 7.
				shifted := append(bytes.Clone(data[:100]), append(bytes.Repeat([]byte("x"), 7), data[100:len(data)-7]...)...)
				_, err = f.WriteAt(shifted, 0)
			} else {
				err = f.Truncate(int64(len(data) / 2))
			}
			f.Close()
			if err != nil {
				t.Fatal(err)
			}
			cfg := filepath.Join(dir, "content/_index.md")
			text, _ := os.ReadFile(cfg)
			os.WriteFile(cfg, []byte(strings.Replace(string(text), "title:", "title: Renamed", 1)), 0o644)
			select {
			case <-builds:
			case <-time.After(20 * time.Second):
				t.Fatal("no build after the edit")
			}
			clean := p.Builder().Options() // with the preview's origin
			clean.NoCache, clean.CacheFile = true, ""
			want := serve.NewStore()
			want.Begin()
			if res, err := build.New(clean).BuildTo(context.Background(), nil, want, 0); err != nil || res.Diags.HasErrors() {
				t.Fatalf("clean build: %v %v", err, res.Diags)
			}
			want.Commit()
			got := p.Store()
			if len(got.Paths()) != len(want.Paths()) {
				t.Fatalf("%d pages served, a clean build has %d", len(got.Paths()), len(want.Paths()))
			}
			differ := 0
			for _, path := range want.Paths() {
				if g := got.Get(path); g == nil || !bytes.Equal(g.Data, want.Get(path).Data) {
					differ++
				}
			}
			if differ > 0 {
				t.Errorf("%d of %d pages differ from a clean build", differ, len(want.Paths()))
			}
			mu.Lock()
			defer mu.Unlock()
			if len(warnings) != 1 {
				t.Errorf("warnings about the damaged cache: %q, want one", warnings)
			}
		})
	}
}

// TestStopsWithinASecond: cancelling the loop in the middle of a long
// first build (Ctrl-C) returns within a second.
func TestStopsWithinASecond(t *testing.T) {
	dir := t.TempDir()
	if err := corpus.Write(dir, corpus.Generate(corpus.Options{Items: 3000, Seed: 9})); err != nil {
		t.Fatal(err)
	}
	for _, write := range []bool{false, true} {
		p := New(Options{Write: write, Build: build.Options{Source: dir, Theme: digest.Theme, NoCache: true,
			Destination: filepath.Join(t.TempDir(), "public")}})
		ctx, cancel := context.WithCancel(context.Background())
		done := make(chan error, 1)
		go func() { done <- p.Run(ctx, nil) }()
		time.Sleep(300 * time.Millisecond) // well inside the first build
		cancel()
		start := time.Now()
		select {
		case <-done:
			t.Logf("write=%v: stopped %v after the cancel", write, time.Since(start))
		case <-time.After(time.Second):
			t.Fatalf("write=%v: still building a second after the cancel", write)
		}
		p.Close()
		if write {
			if _, err := os.Stat(filepath.Join(filepath.Dir(p.Builder().Options().Destination), ".public.digest-new-"+strconv.Itoa(os.Getpid()))); err == nil {
				t.Error("the stopped build left its new tree")
			}
		}
	}
}
