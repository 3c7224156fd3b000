package build

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"digest"
	"digest/internal/corpus"
)

// TestSearchTermsKeptBetweenRuns builds a site, then builds it again in
// new builders, as new processes would: the search terms come from the
// cache file and no body is read for them, but an edited item's; a
// damaged cache file is ignored; and the index is the same each time.
func TestSearchTermsKeptBetweenRuns(t *testing.T) {
	dir := t.TempDir()
	if err := corpus.Write(dir, corpus.Generate(corpus.Options{Items: 60, Seed: 3})); err != nil {
		t.Fatal(err)
	}
	cache := filepath.Join(t.TempDir(), "site.cache")
	run := func(what string, wantMade int) map[string][]byte {
		t.Helper()
		b := New(Options{Source: dir, Theme: digest.Theme, Now: fixedNow, CacheFile: cache, Destination: filepath.Join(dir, "public")})
		defer b.Close()
		sink := &keepSink{files: map[string][]byte{}}
		if res, err := b.BuildTo(context.Background(), nil, sink, 0); err != nil || res.Diags.HasErrors() {
			t.Fatalf("%s: %v %v", what, err, res.Diags.Sorted())
		}
		if b.searchMade != wantMade {
			t.Errorf("%s: terms made from %d bodies, want %d", what, b.searchMade, wantMade)
		}
		if err := b.SaveCache(); err != nil {
			t.Fatal(err)
		}
		index := map[string][]byte{}
		for p, data := range sink.files {
			if strings.HasPrefix(p, "search/") && p != "search/index.html" {
				index[p] = data
			}
		}
		return index
	}
	same := func(what string, a, b map[string][]byte) {
		t.Helper()
		if len(a) != len(b) {
			t.Fatalf("%s: %d index files, then %d", what, len(a), len(b))
		}
		for p := range a {
			if !bytes.Equal(a[p], b[p]) {
				t.Errorf("%s: %s differs", what, p)
			}
		}
	}
	first := run("cold", 60)
	same("warm", first, run("warm", 0))

	items, _ := filepath.Glob(filepath.Join(dir, "content", "articles", "*", "*.md"))
	src, err := os.ReadFile(items[0])
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(items[0], append(src, "\nA new paragraph about quokkas.\n"...), 0o644); err != nil {
		t.Fatal(err)
	}
	edited := run("one item edited", 1)
	if same := bytes.Equal(first["search/index.json"], edited["search/index.json"]); same {
		t.Error("the index did not change with the edit")
	}

	data, err := os.ReadFile(cache + ".search")
	if err != nil {
		t.Fatal(err)
	}
	data[len(data)/2] ^= 0x40
	if err := os.WriteFile(cache+".search", data, 0o644); err != nil {
		t.Fatal(err)
	}
	same("damaged cache", edited, run("damaged cache", 60))
	same("after the damage", edited, run("after the damage", 0))
}
