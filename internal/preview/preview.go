// Package preview is the loop behind digest serve and digest build
// --watch: batches of changed paths come in from the watcher, each is
// built, and what changed goes out. For serve, a build goes into an
// in-memory store served over HTTP (package serve) and open pages are
// told to reload, to swap a stylesheet, or to show the build's errors;
// pages a large rebuild leaves unrendered are rendered in the background,
// generation by generation. For build --watch, a build goes atomically
// into the destination. The package owns build generations, the
// background render and the watch filter; the command prints and exits.
package preview

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"io/fs"
	"path"
	"slices"
	"strings"
	"time"

	"digest/internal/build"
	"digest/internal/diag"
	"digest/internal/serve"
)

// DeferAbove is how many pages a rebuild of the preview renders before it
// serves them: a larger rebuild (a template change) sends its reload at
// once, and each page is rendered when it is asked for or by the
// background render, whichever comes first.
const DeferAbove = 1000

// Options configure a Preview.
type Options struct {
	Build build.Options
	// Write builds into the destination (build --watch) rather than into
	// the in-memory store (serve).
	Write bool
	// Reload injects the live-reload script into served pages.
	Reload bool
	// DeferAbove overrides DeferAbove (tests); -1 renders everything.
	DeferAbove int
	// Report, if set, is told of every build and background render.
	Report func(Report)
	// Logf, if set, receives the watcher's notices.
	Logf func(format string, args ...any)
}

// Report is what a build of the loop did, for the command to print.
type Report struct {
	// Result and Err are the build's; both are nil for the report of a
	// background render.
	Result *build.Result
	Err    error
	Took   time.Duration
	// Changed lists the served paths whose bytes changed (serve only).
	Changed []string
	// RenderErrors are the pages a background render could not make:
	// they keep showing their last good version.
	RenderErrors []serve.RenderError
}

// Failed reports whether the build failed: the last good version stays.
func (r Report) Failed() bool {
	return r.Err != nil || r.Result != nil && r.Result.Diags.HasErrors() || len(r.RenderErrors) > 0
}

// Preview is a site being previewed or watched.
type Preview struct {
	opts   Options
	b      *build.Builder
	store  *serve.Store
	hub    *serve.Hub
	failed bool // the last build failed: the next good one is announced
	// The background render of a build's deferred pages, if one runs.
	gen      int
	fillStop chan struct{}
	fillDone chan struct{}
	filled   chan fillResult
}

// fillResult is what a background render found, for the build gen.
type fillResult struct {
	gen   int
	start time.Time
	errs  []serve.RenderError
}

// New returns a preview; nothing is built until Build or Run.
func New(opts Options) *Preview {
	id := make([]byte, 8)
	_, _ = rand.Read(id)
	if opts.DeferAbove == 0 {
		opts.DeferAbove = DeferAbove
	}
	return &Preview{opts: opts, b: build.New(opts.Build), store: serve.NewStore(),
		hub: serve.NewHub(hex.EncodeToString(id)), filled: make(chan fillResult, 1)}
}

// Handler returns the HTTP handler of the preview, for a server
// listening on host.
func (p *Preview) Handler(host string, done <-chan struct{}) *serve.Handler {
	return &serve.Handler{Store: p.store, Hub: p.hub, Reload: p.opts.Reload, Done: done, Host: host}
}

// Hub returns the hub that tells open pages what changed.
func (p *Preview) Hub() *serve.Hub { return p.hub }

// Store returns what the preview serves.
func (p *Preview) Store() *serve.Store { return p.store }

// Builder returns the preview's builder.
func (p *Preview) Builder() *build.Builder { return p.b }

// Close stops the background render and releases the builder's files.
func (p *Preview) Close() error {
	p.stopFill()
	return p.b.Close()
}

// Build builds what changed (nil: everything), as the loop does for a
// batch of the watcher, and tells open pages. A build that ctx stops is
// not reported: what was served or written stays as it was.
func (p *Preview) Build(ctx context.Context, changed []string) {
	if p.opts.Write {
		start := time.Now()
		res, err := p.b.Build(ctx, changed)
		if !errors.Is(err, context.Canceled) {
			p.report(Report{Result: res, Err: err, Took: time.Since(start)})
		}
		return
	}
	p.serveBuild(ctx, changed, cssOnly(p.b.SiteFS(), changed))
}

// report hands r to Options.Report.
func (p *Preview) report(r Report) {
	if p.opts.Report != nil {
		p.opts.Report(r)
	}
}

// serveBuild builds into the store and tells open pages what changed.
func (p *Preview) serveBuild(ctx context.Context, changed []string, css bool) {
	p.stopFill()
	p.gen++
	start := time.Now()
	oldAssets := p.b.Assets()
	p.store.Begin()
	// The first build renders everything, so that its errors show at once.
	deferAbove := p.opts.DeferAbove
	if p.store.Len() == 0 || deferAbove < 0 {
		deferAbove = 0
	}
	res, err := p.b.BuildTo(ctx, changed, p.store, deferAbove)
	if err != nil || res.Diags.HasErrors() {
		p.store.Abort()
		p.startFill() // the served version's deferred pages, if any
		if errors.Is(err, context.Canceled) {
			return
		}
		p.failed = true
		p.hub.Publish(serve.Event{Kind: "error", Errors: errorLines(res, err)})
		p.report(Report{Result: res, Err: err, Took: time.Since(start)})
		return
	}
	p.store.SetBasePath(res.BasePath)
	out := p.store.Commit()
	ev := serve.Event{Kind: "reload"}
	if css && oldAssets != nil {
		ev = serve.Event{Kind: "css", CSS: map[string]string{}}
		for name, url := range p.b.Assets() {
			if old := oldAssets[name]; old != "" && old != url {
				ev.CSS[old] = url
			}
		}
	}
	for _, o := range out {
		ev.Paths = append(ev.Paths, res.BasePath+strings.TrimSuffix(o, "index.html"))
	}
	if len(out) > 0 || p.failed {
		p.hub.Publish(ev)
	}
	p.failed = false
	// Pages deferred by this build, or by an earlier one whose background
	// render this build stopped and whose pages it kept: each holds the
	// model it was made from until it is rendered.
	p.startFill()
	p.report(Report{Result: res, Took: time.Since(start), Changed: out})
}

// errorLines are a failed build's errors, one "file:line: message" each,
// for the overlay on open pages.
func errorLines(res *build.Result, err error) []string {
	var msgs []string
	if res != nil {
		for _, d := range res.Diags.Sorted() {
			if d.Severity == diag.Error {
				msgs = append(msgs, d.String())
			}
		}
	}
	if err != nil {
		msgs = append(msgs, err.Error())
	}
	return msgs
}

// startFill renders the current generation's deferred pages in the
// background; the loop hears of failures through p.filled.
func (p *Preview) startFill() {
	stop, done := make(chan struct{}), make(chan struct{})
	p.fillStop, p.fillDone = stop, done
	gen, start := p.gen, time.Now()
	go func() {
		defer close(done)
		if p.store.Pending() == 0 {
			return
		}
		if errs := p.store.Fill(stop); len(errs) > 0 {
			p.filled <- fillResult{gen: gen, start: start, errs: errs}
		}
	}()
}

// stopFill stops the background render, if one runs, and waits for it:
// a new build is about to begin, and may supersede its pages.
func (p *Preview) stopFill() {
	if p.fillStop != nil {
		close(p.fillStop)
		<-p.fillDone
		p.fillStop, p.fillDone = nil, nil
	}
	select {
	case f := <-p.filled:
		p.filledIn(f)
	default:
	}
}

// filledIn reports the pages a background render could not make. They
// keep serving what they showed before; open pages show the errors.
func (p *Preview) filledIn(f fillResult) {
	if f.gen != p.gen {
		return
	}
	var msgs []string
	for _, e := range f.errs {
		msgs = append(msgs, e.Err.Error())
	}
	slices.Sort(msgs)
	msgs = slices.Compact(msgs)
	p.failed = true
	p.hub.Publish(serve.Event{Kind: "error", Errors: msgs})
	p.report(Report{Took: time.Since(f.start), RenderErrors: f.errs})
}

// cssOnly reports whether the changed paths are stylesheets and nothing
// else (folders that appeared with them do not count): the preview then
// swaps them in open pages rather than reloading.
func cssOnly(fsys fs.FS, changed []string) bool {
	if len(changed) == 0 {
		return false
	}
	css := false
	for _, p := range changed {
		if st, err := fs.Stat(fsys, p); err == nil && st.IsDir() {
			continue
		}
		if !strings.HasPrefix(p, build.StaticDir+"/") || path.Ext(p) != ".css" {
			return false
		}
		css = true
	}
	return css
}
