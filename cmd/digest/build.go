package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"os/signal"
	"path/filepath"
	"syscall"

	"digest"
	"digest/internal/build"
	"digest/internal/diag"
	"digest/internal/preview"
)

// siteFlags are the flags every command that builds shares.
type siteFlags struct {
	source, destination, baseURL string
	drafts, future, expired      bool
	noCache                      bool
}

func (s *siteFlags) define(f *flags, withDest bool) {
	f.stringVar(&s.source, "source", "s", ".", "the site's `folder`")
	if withDest {
		f.stringVar(&s.destination, "destination", "d", "", "where to write the site (default: public/ in the site's folder)")
	}
	f.StringVar(&s.baseURL, "base-url", "", "the site's absolute `URL`, overriding DIGEST_BASE_URL and base_url in content/_index.md")
	f.BoolVar(&s.drafts, "drafts", false, "include items marked draft: true")
	f.BoolVar(&s.future, "future", false, "include items dated in the future or embargoed (publishDate)")
	f.BoolVar(&s.expired, "expired", false, "include items past their expiryDate")
	f.BoolVar(&s.noCache, "no-cache", false, "do not read or write the cache of converted Markdown (see DIGEST_CACHE_DIR)")
}

// saveCache writes the builder's conversion cache; failing to is worth a
// warning, not a failed build.
func saveCache(b *build.Builder, stderr io.Writer) {
	if err := b.SaveCache(); err != nil {
		fmt.Fprintf(stderr, "digest: warning: %v\n", err)
	}
}

// options turns flags into builder options.
func (s *siteFlags) options() (build.Options, error) {
	base, err := build.BaseURL(s.baseURL)
	if err != nil {
		return build.Options{}, err
	}
	opts := build.Options{Source: s.source, Destination: s.destination, BaseURL: base, Drafts: s.drafts, Future: s.future, Expired: s.expired,
		NoCache: s.noCache, Memory: build.MemoryBuild, Theme: digest.Theme, Generator: "digest " + digest.Version()}
	if st, err := os.Stat(s.source); err != nil || !st.IsDir() {
		return opts, fmt.Errorf("site folder %s: not found", s.source)
	}
	return opts, nil
}

func runBuild(args []string, stdout, stderr io.Writer) int {
	var sf siteFlags
	var quiet, watch, strict bool
	f := newFlags("build", "[flags]", stderr)
	sf.define(f, true)
	f.BoolVar(&strict, "strict", false, "count warnings as errors: a build with any writes nothing")
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
	opts.Notice = func(msg string) { fmt.Fprintln(stderr, "digest: "+msg) }
	opts.Strict = strict
	if watch {
		return watchBuild(opts, quiet, stdout, stderr)
	}
	// Ctrl-C stops the build, leaving the destination as it was.
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	b := build.New(opts)
	defer b.Close()
	res, err := b.Build(ctx, nil)
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
		fmt.Fprintf(stderr, "digest: %s, %s: nothing written, %s is as it was\n", build.Count(nerr, "error"), build.Count(nwarn, "warning"), relDest(opts))
		return exitError
	}
	if !quiet {
		state := ""
		if res.Unchanged {
			state = ", nothing changed"
		}
		fmt.Fprintf(stdout, "digest: %s in %d ms → %s%s\n", res, res.Duration.Milliseconds(), relDest(opts), state)
	}
	return exitOK
}

func relDest(opts build.Options) string {
	if r, err := filepath.Rel(".", opts.Destination); err == nil {
		return r + string(filepath.Separator)
	}
	return opts.Destination
}

// watchBuild builds, then rebuilds into the destination whenever a file
// changes, until interrupted.
func watchBuild(opts build.Options, quiet bool, stdout, stderr io.Writer) int {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	first := true
	p := preview.New(preview.Options{Build: opts, Write: true, Logf: logf(stderr),
		Report: func(r preview.Report) {
			report(r.Result, r.Err, opts, quiet, stdout, stderr)
			if first {
				first = false
				fmt.Fprintln(stdout, "Watching for changes (Ctrl-C to stop)")
			}
		}})
	defer p.Close()
	if err := p.Run(ctx, nil); err != nil {
		fmt.Fprintf(stderr, "digest build: %v\n", err)
		return exitError
	}
	return exitOK
}
