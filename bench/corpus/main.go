// Command corpus writes a generated news digest for benchmarks, with the
// generator the tests and bench/run use (internal/corpus):
//
//	go run ./bench/corpus -n 10000 -out /tmp/corpus-10k
//	go run ./bench/corpus -n 10000 -imports -out /tmp/corpus-10k-imports
//
// With -imports every item names an imported text (imports/), which
// shares no run of words with it: a site for measuring the copy check.
// The same -n, -seed and -topics always give the same files.
package main

import (
	"flag"
	"fmt"
	"os"

	"digest/internal/corpus"
)

func main() {
	n := flag.Int("n", 1000, "number of items")
	out := flag.String("out", "", "folder to write the site to (required)")
	seed := flag.Uint64("seed", 1, "random seed")
	topics := flag.Int("topics", 40, "number of topics")
	imports := flag.Bool("imports", false, "give every item an imported text (imports/), rewritten")
	flag.Parse()
	if *out == "" {
		fmt.Fprintln(os.Stderr, "usage: corpus -n ITEMS -out DIR [-seed N] [-topics N] [-imports]")
		os.Exit(2)
	}
	files := corpus.Generate(corpus.Options{Items: *n, Seed: *seed, Topics: *topics})
	if *imports {
		files = corpus.WithImports(files)
	}
	if err := corpus.Write(*out, files); err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	fmt.Printf("wrote %d files (%d items) to %s\n", len(files), *n, *out)
}
