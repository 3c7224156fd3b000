package main

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime/debug"

	"digest"
	"digest/internal/build"
	"digest/internal/content"
	"digest/internal/diag"
)

// siteFlags are the flags every command that builds shares.
type siteFlags struct {
	source, destination, baseURL string
	drafts, future, noCache      bool
	files                        int // content files, counted by options
}

// spillAbove is the number of content files above which bodies are kept
// in a spill file (build.Options.Spill): it keeps a 100,000-item build
// under 1 GiB, and costs a write and a read per body, about 1.5% of a
// cold build's CPU, that a smaller site does not need to pay.
const spillAbove = 20000

func (s *siteFlags) define(f *flags, withDest bool) {
	f.stringVar(&s.source, "source", "s", ".", "the site's `folder`")
	if withDest {
		f.stringVar(&s.destination, "destination", "d", "", "where to write the site (default: public/ in the site's folder)")
	}
	f.StringVar(&s.baseURL, "base-url", "", "the site's absolute `URL`, overriding DIGEST_BASE_URL and base_url in content/_index.md")
	f.BoolVar(&s.drafts, "drafts", false, "include items marked draft: true")
	f.BoolVar(&s.future, "future", false, "include items dated in the future")
	f.BoolVar(&s.noCache, "no-cache", false, "do not read or write the cache of converted Markdown (see DIGEST_CACHE_DIR)")
}

// cacheFile is where the Markdown conversions of the site in source are
// kept between runs: in $DIGEST_CACHE_DIR; on Netlify in
// /opt/build/cache/digest, which Netlify keeps from one build to the next;
// else in the user's cache folder. "" if there is none.
func cacheFile(source string) string {
	abs, err := filepath.Abs(source)
	if err != nil {
		return ""
	}
	dir := os.Getenv("DIGEST_CACHE_DIR")
	if dir == "" && os.Getenv("NETLIFY") == "true" {
		dir = "/opt/build/cache/digest"
	}
	if dir == "" {
		user, err := os.UserCacheDir()
		if err != nil {
			return ""
		}
		dir = filepath.Join(user, "digest")
	}
	sum := sha256.Sum256([]byte(abs))
	return filepath.Join(dir, filepath.Base(abs)+"-"+hex.EncodeToString(sum[:6])+".cache")
}

// saveCache writes the builder's conversion cache; failing to is worth a
// warning, not a failed build.
func saveCache(b *build.Builder, stderr io.Writer) {
	if err := b.SaveCache(); err != nil {
		fmt.Fprintf(stderr, "digest: warning: %v\n", err)
	}
}

// options turns flags into builder options. The base URL comes from the
// flag, then DIGEST_BASE_URL, then, when building on Netlify, the site's
// URL for production deploys and the deploy's own URL (DEPLOY_PRIME_URL)
// for deploy previews and branch deploys, so that they link to themselves;
// content/_index.md has the last word otherwise.
func (s *siteFlags) options() (build.Options, error) {
	base := s.baseURL
	if base == "" {
		base = os.Getenv("DIGEST_BASE_URL")
	}
	if base == "" && os.Getenv("NETLIFY") == "true" {
		if os.Getenv("CONTEXT") == "production" {
			base = os.Getenv("URL")
		}
		if base == "" {
			base = os.Getenv("DEPLOY_PRIME_URL")
		}
		if base == "" {
			base = os.Getenv("URL")
		}
	}
	if base != "" {
		n, err := content.NormalizeBaseURL(base)
		if err != nil {
			return build.Options{}, fmt.Errorf("base URL: %w", err)
		}
		base = n
	}
	opts := build.Options{Source: s.source, BaseURL: base, Drafts: s.drafts, Future: s.future,
		Theme: digest.Theme, Generator: "digest " + version()}
	if s.destination != "" {
		opts.Destination = s.destination
	}
	if !s.noCache {
		opts.CacheFile = cacheFile(s.source)
	}
	if st, err := os.Stat(s.source); err != nil || !st.IsDir() {
		return opts, fmt.Errorf("site folder %s: not found", s.source)
	}
	s.files = contentFiles(s.source)
	opts.Spill = s.files > spillAbove
	return opts, nil
}

func runBuild(args []string, stdout, stderr io.Writer) int {
	var sf siteFlags
	var quiet, watch bool
	f := newFlags("build", "[flags]", stderr)
	sf.define(f, true)
	f.BoolVar(&watch, "watch", false, "keep running and rebuild whenever a file changes")
	f.BoolVar(&quiet, "quiet", false, "print errors only (never hides them)")
	if code, done := parse(f, args, 0); done {
		return code
	}
	opts, err := sf.options()
	if err != nil {
		fmt.Fprintf(stderr, "digest build: %v\n", err)
		return exitUsage
	}
	limitMemory(sf.files)
	opts.Notice = func(msg string) { fmt.Fprintln(stderr, "digest: "+msg) }
	b := build.New(opts)
	defer b.Close()
	if watch {
		return watchBuild(b, quiet, stdout, stderr)
	}
	res, err := b.Build(nil)
	saveCache(b, stderr)
	return report(res, err, b.Options(), quiet, stdout, stderr)
}

// report prints a build's diagnostics and its one-line summary and
// returns the exit code.
func report(res *build.Result, err error, opts build.Options, quiet bool, stdout, stderr io.Writer) int {
	diags := res.Diags.Sorted()
	if quiet {
		var errs diag.List
		for _, d := range diags {
			if d.Severity == diag.Error {
				errs = append(errs, d)
			}
		}
		diags = errs
	}
	_ = diags.WriteText(stderr)
	nerr, nwarn := res.Diags.Count()
	if err != nil {
		fmt.Fprintf(stderr, "error: %v\n", err)
		return exitError
	}
	if nerr > 0 {
		fmt.Fprintf(stderr, "digest: %s, %s: nothing written, %s is as it was\n", count(nerr, "error"), count(nwarn, "warning"), relDest(opts))
		return exitError
	}
	if !quiet {
		state := ""
		if res.Unchanged {
			state = ", nothing changed"
		}
		fmt.Fprintf(stdout, "digest: %d pages (%s, %s, %s, %s), %s, %s in %d ms → %s%s\n",
			res.Pages, count(res.Articles, "article"), count(res.Topics, "topic"), count(res.People, "person"),
			count(res.Places, "place"), count(res.Static, "static file"), count(nwarn, "warning"),
			res.Duration.Milliseconds(), relDest(opts), state)
	}
	return exitOK
}

func relDest(opts build.Options) string {
	if r, err := filepath.Rel(".", opts.Destination); err == nil {
		return r + string(filepath.Separator)
	}
	return opts.Destination
}

func count(n int, what string) string {
	if n == 1 {
		return "1 " + what
	}
	switch what {
	case "person":
		return fmt.Sprintf("%d people", n)
	}
	return fmt.Sprintf("%d %ss", n, what)
}

// limitMemory tunes the garbage collector for a build, which makes most
// of what it allocates (parse trees, rendered pages) garbage at once and
// keeps a model that grows with the site. The default, collecting each
// time the heap doubles, collects dozens of times while the live heap is
// small: at 1,000 items that was 40% of the CPU time. A build instead
// lets the heap grow to eight times what is live (GOGC=800), under a soft
// memory limit that grows with the site: 96 MiB and 13 KiB per content
// file for small sites, 149 MiB and 7 KiB per file for large ones
// (whichever is less). With bodies and front matter in the spill file a
// build holds about 6.5 KB per item at 100,000 items (650 MB), where the
// limit is 833 MiB; a limit below what is live would keep the collector
// running all the time. Peaks: about 115 MiB at 1,000 items, 235 MiB at
// 10,000, 870 MiB at 100,000. GOGC and GOMEMLIMIT, if set, win.
func limitMemory(files int) {
	if os.Getenv("GOGC") == "" {
		debug.SetGCPercent(800)
	}
	if os.Getenv("GOMEMLIMIT") != "" {
		return
	}
	n := int64(files)
	debug.SetMemoryLimit(min(96<<20+n*13<<10, 149<<20+n*7<<10))
}

// limitServeMemory does the same for digest serve, which also holds every
// page it serves: about 30 KB per item in all at 10,000 items. Without a
// limit the heap settles near twice that, and a session of edits drifts
// up to it; 40 KiB per file and 128 MiB more keep it a third above what
// is live.
func limitServeMemory(files int) {
	if os.Getenv("GOMEMLIMIT") != "" {
		return
	}
	debug.SetMemoryLimit(max(384<<20, int64(files)*40<<10+128<<20))
}

// contentFiles counts the files under the site's content folder.
func contentFiles(source string) int {
	files := 0
	_ = filepath.WalkDir(filepath.Join(source, "content"), func(_ string, d os.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			files++
		}
		return nil
	})
	return files
}
