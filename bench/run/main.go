// Command run measures digest on generated corpora, side by side with the
// bare parse-and-write floor (bench/floor) and, when it is installed, Hugo
// building the same items with the equivalent minimal site in bench/hugo,
// and prints a table. bench/README.md says what each row measures and how
// to read it. From the repository (bench/bench is the same):
//
//	go run ./bench/run                       # 1,000 and 10,000 items
//	go run ./bench/run -sizes 1000,10000,100000 -runs 5
//	go run ./bench/run -serve                # also the preview's latencies
//	go run ./bench/run -search               # also the search index in Chromium
//	go run ./bench/run -images 200           # only images: 200 photos of 12 MP
//
// Every figure is a median over -runs runs. Each cold build writes into a
// fresh folder and nothing is deleted until a size is done: on disks
// mounted with discard, creating files right after a large deletion costs
// several times more, which would distort whatever runs next.
package main

import (
	"flag"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"syscall"
	"time"

	"digest/internal/corpus"
)

// sample is one measured run of a command.
type sample struct {
	wall, cpu time.Duration
	rssMiB    float64
}

// row is a line of the table: the median of several runs.
type row struct {
	items      int
	what       string
	wall, cpu  time.Duration
	rssMiB     float64
	runs       int
	floor, hug *row
}

type bench struct {
	work, hugo, digestBin, floorBin, repo string
	runs                                  int
	rows                                  []*row
	seq                                   int
}

func main() {
	sizes := flag.String("sizes", "1000,10000", "corpus sizes, comma-separated")
	runs := flag.Int("runs", 5, "runs per measurement (the median is reported)")
	work := flag.String("work", filepath.Join(os.TempDir(), "digest-bench"), "folder for corpora and outputs")
	hugo := flag.String("hugo", "", "hugo binary (default: hugo on PATH or in $(go env GOPATH)/bin, if any)")
	serve := flag.Bool("serve", false, "also measure digest serve at the largest size up to 10,000")
	onlyServe := flag.Bool("only-serve", false, "measure digest serve only")
	search := flag.Bool("search", false, "also measure the search index at the largest size up to 10,000")
	onlySearch := flag.Bool("only-search", false, "measure the search index only")
	images := flag.Int("images", 0, "measure images only: this many items with a 12-megapixel photo each (with -only-serve: digest serve's reloads only)")
	flag.Parse()
	b := &bench{work: *work, runs: *runs, repo: moduleRoot()}
	// digest keeps its conversion cache here, away from the user's.
	must(os.Setenv("DIGEST_CACHE_DIR", filepath.Join(b.work, "cache")))
	must(os.MkdirAll(filepath.Join(b.work, "bin"), 0o755))
	b.digestBin = filepath.Join(b.work, "bin", "digest")
	b.floorBin = filepath.Join(b.work, "bin", "floor")
	must(b.goBuild(b.digestBin, "./cmd/digest"))
	must(b.goBuild(b.floorBin, "./bench/floor"))
	b.hugo = findHugo(*hugo)
	if b.hugo == "" {
		fmt.Println("Hugo not found: to compare, install the current one with\n" +
			"  GOTOOLCHAIN=go1.27.3 go install github.com/gohugoio/hugo@v0.160.1\n" +
			"and run again (or pass -hugo PATH).")
	} else {
		out, _ := exec.Command(b.hugo, "version").Output()
		fmt.Printf("Anchor: %s", out)
	}
	if *images > 0 {
		imagesBench(b, *images, *onlyServe)
		return
	}
	var ns []int
	for _, s := range strings.Split(*sizes, ",") {
		n, err := strconv.Atoi(strings.TrimSpace(s))
		must(err)
		ns = append(ns, n)
	}
	if !*onlyServe && !*onlySearch {
		for _, n := range ns {
			b.size(n)
		}
		b.print()
	}
	// The search first: -serve edits the corpus's items.
	if n := largestUpTo(ns, 10000); n > 0 && (*search || *onlySearch) {
		searchBench(b, n)
	}
	if n := largestUpTo(ns, 10000); n > 0 && (*serve || *onlyServe) {
		serveBench(b, n)
	}
}

// largestUpTo returns the largest of the sizes ns up to limit, or 0 if
// none is.
func largestUpTo(ns []int, limit int) int {
	n := 0
	for _, s := range ns {
		if s <= limit {
			n = max(n, s)
		}
	}
	return n
}

func findHugo(flagPath string) string {
	if flagPath != "" {
		return flagPath
	}
	if p, err := exec.LookPath("hugo"); err == nil {
		return p
	}
	gopath, _ := exec.Command("go", "env", "GOPATH").Output()
	p := filepath.Join(strings.TrimSpace(string(gopath)), "bin", "hugo")
	if _, err := os.Stat(p); err == nil {
		return p
	}
	return ""
}

// corpusDir generates the corpus of n items once.
func (b *bench) corpusDir(n int) string {
	dir := filepath.Join(b.work, fmt.Sprintf("corpus-%d", n))
	if _, err := os.Stat(filepath.Join(dir, "content", "_index.md")); err == nil {
		return dir
	}
	fmt.Printf("generating %d items in %s\n", n, dir)
	must(os.RemoveAll(dir))
	must(corpus.Write(dir, corpus.Generate(corpus.Options{Items: n, Seed: 1})))
	return dir
}

// fresh returns a new output folder name.
func (b *bench) fresh(what string) string {
	b.seq++
	must(os.MkdirAll(filepath.Join(b.work, "out"), 0o755))
	return filepath.Join(b.work, "out", fmt.Sprintf("%s-%d", what, b.seq))
}

// measure runs a command and returns its wall time, CPU time and peak RSS.
func measure(dir string, name string, args ...string) sample {
	cmd := exec.Command(name, args...)
	cmd.Dir = dir
	cmd.Stdout, cmd.Stderr = nil, os.Stderr
	start := time.Now()
	if err := cmd.Run(); err != nil {
		fmt.Fprintf(os.Stderr, "%s %s: %v\n", name, strings.Join(args, " "), err)
		os.Exit(1)
	}
	wall := time.Since(start)
	ru := cmd.ProcessState.SysUsage().(*syscall.Rusage)
	cpu := time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
	return sample{wall: wall, cpu: cpu, rssMiB: float64(ru.Maxrss) / 1024}
}

func median(ss []sample) (time.Duration, time.Duration, float64) {
	w, c, r := make([]time.Duration, len(ss)), make([]time.Duration, len(ss)), make([]float64, len(ss))
	for i, s := range ss {
		w[i], c[i], r[i] = s.wall, s.cpu, s.rssMiB
	}
	slices.Sort(w)
	slices.Sort(c)
	slices.Sort(r)
	return w[len(w)/2], c[len(c)/2], r[len(r)/2]
}

func (b *bench) add(n int, what string, ss []sample) *row {
	w, c, r := median(ss)
	rw := &row{items: n, what: what, wall: w, cpu: c, rssMiB: r, runs: len(ss)}
	b.rows = append(b.rows, rw)
	return rw
}

// size measures everything for a corpus of n items.
func (b *bench) size(n int) {
	dir := b.corpusDir(n)
	hugoSite := ""
	if b.hugo != "" {
		hugoSite = b.hugoSite(dir, n)
	}
	runs := b.runs
	if n >= 100000 {
		runs = min(runs, 3)
	}
	var cold, floor, hugo []sample
	var last string
	fmt.Printf("%d items: cold builds (%d runs each)\n", n, runs)
	for i := range runs {
		// Rotate the order so that none always runs first.
		steps := []func(){
			func() { floor = append(floor, measure(b.repo, b.floorBin, "-src", dir, "-out", b.fresh("floor"))) },
			func() {
				last = b.fresh("digest")
				cold = append(cold, measure(b.repo, b.digestBin, "build", "--quiet", "--no-cache", "-s", dir, "-d", last))
			},
		}
		if hugoSite != "" {
			steps = append(steps, func() { hugo = append(hugo, measure(hugoSite, b.hugo, "--quiet", "-d", b.fresh("hugo"))) })
		}
		for j := range steps {
			steps[(i+j)%len(steps)]()
		}
	}
	fl := b.add(n, "bare parse-and-write floor", floor)
	var hr *row
	if len(hugo) > 0 {
		hr = b.add(n, "Hugo (minimal equivalent site)", hugo)
	}
	c := b.add(n, "digest cold build (no cache)", cold)
	c.floor, c.hug = fl, hr

	fmt.Printf("%d items: cold builds with the conversion cache, warm, one-item and template rebuilds\n", n)
	// One build writes the conversion cache; the cold builds that follow
	// start from it, as on Netlify with its build cache.
	must(os.RemoveAll(os.Getenv("DIGEST_CACHE_DIR")))
	measure(b.repo, b.digestBin, "build", "--quiet", "-s", dir, "-d", b.fresh("digest"))
	var cached []sample
	for range runs {
		cached = append(cached, measure(b.repo, b.digestBin, "build", "--quiet", "-s", dir, "-d", b.fresh("digest")))
	}
	cr := b.add(n, "digest cold build, conversion cache present", cached)
	cr.floor, cr.hug = fl, hr
	var warm, one, tmpl []sample
	item := firstItem(dir)
	orig, err := os.ReadFile(item)
	must(err)
	override := filepath.Join(dir, "templates", "partials", "sources.html")
	for i := range runs {
		warm = append(warm, measure(b.repo, b.digestBin, "build", "--quiet", "-s", dir, "-d", last))
		must(os.WriteFile(item, append(orig, fmt.Sprintf("\nEdit %d.\n", i)...), 0o644))
		one = append(one, measure(b.repo, b.digestBin, "build", "--quiet", "-s", dir, "-d", last))
		must(os.MkdirAll(filepath.Dir(override), 0o755))
		must(os.WriteFile(override, []byte(fmt.Sprintf(`<span class="source">Via {{range .Sources}}{{.Name}}{{end}} (%d)</span>`, i)), 0o644))
		tmpl = append(tmpl, measure(b.repo, b.digestBin, "build", "--quiet", "-s", dir, "-d", last))
	}
	must(os.WriteFile(item, orig, 0o644))
	must(os.RemoveAll(filepath.Join(dir, "templates")))
	b.add(n, "digest warm build (nothing changed)", warm).floor = c
	b.add(n, "digest one-item rebuild", one).floor = c
	b.add(n, "digest template-change rebuild", tmpl).floor = c
	must(os.RemoveAll(filepath.Join(b.work, "out")))
	time.Sleep(5 * time.Second) // let the deletion's discards settle
}

// firstItem returns the path of one item of a corpus.
func firstItem(dir string) string {
	var first string
	_ = filepath.WalkDir(filepath.Join(dir, "content", "articles"), func(p string, d os.DirEntry, err error) error {
		if first == "" && err == nil && !d.IsDir() {
			first = p
		}
		return nil
	})
	return first
}

// hugoSite makes the Hugo site for a corpus: bench/hugo's configuration
// and layouts, with the corpus's articles mounted as its content.
func (b *bench) hugoSite(corpusDir string, n int) string {
	site := filepath.Join(b.work, fmt.Sprintf("hugo-%d", n))
	must(os.RemoveAll(site))
	must(run("cp", "-r", filepath.Join(b.repo, "bench", "hugo"), site))
	cfg, err := os.ReadFile(filepath.Join(site, "hugo.toml"))
	must(err)
	cfg = append(cfg, fmt.Sprintf("\n[module]\n  [[module.mounts]]\n    source = %q\n    target = \"content/articles\"\n",
		filepath.Join(corpusDir, "content", "articles"))...)
	must(os.WriteFile(filepath.Join(site, "hugo.toml"), cfg, 0o644))
	return site
}

func (b *bench) print() {
	fmt.Println()
	fmt.Println("| items | build | wall (median) | CPU | peak RSS | vs floor (wall) | vs Hugo (wall / CPU) |")
	fmt.Println("|---:|---|---:|---:|---:|---:|---:|")
	for _, r := range b.rows {
		vsFloor, vsHugo := "", ""
		if r.floor != nil {
			vsFloor = fmt.Sprintf("%.2f×", r.wall.Seconds()/r.floor.wall.Seconds())
			if !strings.HasPrefix(r.what, "digest cold build") {
				vsFloor += " of cold"
			}
		}
		if r.hug != nil {
			vsHugo = fmt.Sprintf("%.2f× / %.2f×", r.wall.Seconds()/r.hug.wall.Seconds(), r.cpu.Seconds()/r.hug.cpu.Seconds())
		}
		fmt.Printf("| %d | %s | %.2f s | %.2f s | %.0f MiB | %s | %s |\n", r.items, r.what, r.wall.Seconds(), r.cpu.Seconds(), r.rssMiB, vsFloor, vsHugo)
	}
}

func run(name string, args ...string) error {
	cmd := exec.Command(name, args...)
	cmd.Stdout, cmd.Stderr = os.Stderr, os.Stderr
	return cmd.Run()
}

// moduleRoot is the folder of digest's go.mod, whichever folder of the
// repository the command runs from.
func moduleRoot() string {
	out, err := exec.Command("go", "env", "GOMOD").Output()
	must(err)
	mod := strings.TrimSpace(string(out))
	if mod == "" || mod == os.DevNull {
		must(fmt.Errorf("run me from inside the digest repository (go env GOMOD found no go.mod)"))
	}
	return filepath.Dir(mod)
}

// goBuild builds the package pkg of the repository into out, which is
// under the work folder: nothing is written into the repository.
func (b *bench) goBuild(out, pkg string) error {
	cmd := exec.Command("go", "build", "-o", out, pkg)
	cmd.Dir = b.repo
	cmd.Stdout, cmd.Stderr = os.Stderr, os.Stderr
	return cmd.Run()
}

func must(err error) {
	if err != nil {
		fmt.Fprintln(os.Stderr, "bench/run:", err)
		os.Exit(1)
	}
}
