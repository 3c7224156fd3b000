// Package build runs the pipeline: content → site model → rendered pages →
// output. It is the only package that knows the order of the stages, and it
// keeps what it made between builds, so that a rebuild re-reads only the
// files that changed and re-renders only the pages whose inputs changed.
// It owns the resource policy of a build (resources.go: the conversion
// cache's place, spilling bodies, the garbage collector's settings) and
// the static files. The commands (build, serve, check) and the preview
// are thin callers of it.
package build

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"path/filepath"
	"strings"
	"sync"
	"time"

	"digest/internal/content"
	"digest/internal/copycheck"
	"digest/internal/diag"
	"digest/internal/disk"
	"digest/internal/fingerprint"
	"digest/internal/markdown"
	"digest/internal/output"
	"digest/internal/overlay"
	"digest/internal/render"
	"digest/internal/site"
	"digest/internal/spill"
)

// Options configure a Builder. The zero values of the resource settings
// choose for the site (see resources.go).
type Options struct {
	Source      string // the site's folder
	Destination string // where the site is written; "public" under Source by default
	BaseURL     string // overrides the site's base_url when set
	// Origin, for the preview, replaces the scheme and host of the site's
	// base_url and keeps its path (see content.Override).
	Origin  string
	Drafts  bool
	Future  bool // items dated after now, or embargoed (publishDate)
	Expired bool // items past their expiryDate
	// Strict counts warnings as errors: a build with any writes nothing
	// (a newsroom's CI refusing, say, text copied from an import).
	Strict    bool
	Theme     fs.FS            // the embedded default theme
	Generator string           // for <meta name="generator">
	Now       func() time.Time // defaults to time.Now
	SiteFS    fs.FS            // defaults to disk.DirFS(Source); tests pass an fstest.MapFS
	// CacheFile is where Markdown conversions are kept between runs (see
	// markdown.Cache): DefaultCacheFile(Source) unless NoCache is set.
	CacheFile string
	NoCache   bool
	// Spill says whether the HTML of item bodies is kept in a temporary
	// file, read back when a page or feed needs it, rather than in
	// memory: on a large site, bodies are a large part of the heap.
	Spill SpillPolicy
	// Memory says how the garbage collector is set for the site's size.
	Memory MemoryPolicy
	// Notice, if set, is told what the build is waiting for ("another
	// build is writing public/").
	Notice func(msg string)
}

// Sink receives the files of a build: the atomic output tree, an in-memory
// store for the preview server, or nothing at all for check. Its methods
// are called from several goroutines at once.
type Sink interface {
	// Current reports whether path is already what input would make.
	Current(path string, input fingerprint.Sum) bool
	// Keep records that path stays as it is.
	Keep(path string)
	// Write records path's new bytes. data is valid only during the call:
	// the builder reuses its storage for the next page.
	Write(path string, input fingerprint.Sum, data []byte) error
}

// Result is what a build did.
type Result struct {
	Diags    diag.List
	Pages    int // HTML pages and other generated files
	Articles int
	Topics   int
	People   int
	Places   int
	Static   int
	Rendered int // outputs rendered this time (the others were current)
	Deferred int // outputs handed to a Deferrer to render on request
	Parsed   int // content files parsed this time
	Images   int // local images the content uses, processed or not
	Made     int // images decoded and processed this time (not from the last build or the cache)
	Written  int // files written to the destination
	Duration time.Duration
	// BasePath is the URL path the site is served under ("/" or
	// "/repo/"), as the site's settings say.
	BasePath string
	// Unchanged is true when the destination was left untouched.
	Unchanged bool
}

// String sums up what the build made: "38 pages (5 articles, 2 topics,
// 7 people, 7 places), 2 static files, 0 warnings".
func (r *Result) String() string {
	_, nwarn := r.Diags.Count()
	return fmt.Sprintf("%d pages (%s, %s, %s, %s), %s, %s", r.Pages, Count(r.Articles, "article"), Count(r.Topics, "topic"),
		Count(r.People, "person"), Count(r.Places, "place"), Count(r.Static, "static file"), Count(nwarn, "warning"))
}

// Count says n of what, in the plural where it takes one: "1 topic",
// "2 people".
func Count(n int, what string) string {
	switch {
	case n == 1:
		return "1 " + what
	case what == "person":
		return fmt.Sprintf("%d people", n)
	}
	return fmt.Sprintf("%d %ss", n, what)
}

// Builder builds one site, again and again.
type Builder struct {
	opts      Options
	siteFS    fs.FS
	themed    *overlay.FS // the site's templates and static files over the theme's
	loader    *content.Loader
	templates *render.Templates
	tmplDiags diag.List
	static    []*staticFile
	bundles   []*staticFile // page bundles' files, beside their pages
	assets    map[string]string
	staticDg  diag.List
	urls      map[string]string // asset name → URL path, as of the last build
	memo      site.Memo         // what the last build made, for the next
	cache     *markdown.Cache   // conversions kept between runs, if any
	spill     *spill.File       // where bodies are kept, if they spill
	sized     bool              // the resource policy was applied
	scratch   [][]byte          // rendering buffers, kept from build to build
	content   *content.Content  // what the last build read
	// The last build's pages, and their input fingerprints.
	lastPages   []site.View
	lastInputs  []viewInput
	searchMemo  map[fingerprint.Sum]searchTerms // by article fingerprint: see writeSearch
	searchDirty bool                            // searchMemo changed since it was read or saved
	searchMade  int                             // articles whose terms the last build made from their bodies
	copyMemo    map[copyKey]*copycheck.Report   // comparisons with imported texts: see copies.go
	copyDirty   bool                            // copyMemo changed since it was read or saved
	pictures    map[string]*picture             // the last build's processed images: see images.go
	made        int                             // images the last build processed
	mu          sync.Mutex                      // guards made, processing and restoreGC
	imageSlots  chan struct{}                   // one per image processed at a time
	files       int                             // content files, as of the last scan
	lazy        bool                            // this build's sink takes files to make later: see makePicture
	processing  int                             // images being processed now
	restoreGC   func()                          // undoes roomForImages once none is
}

// Assets returns, as of the last build, each static file's URL path by
// its plain name: "style.css" → "/style.3f2a9c1b.css".
func (b *Builder) Assets() map[string]string { return b.urls }

// New returns a builder. Nothing is read until the first build.
func New(opts Options) *Builder {
	if opts.Source == "" {
		opts.Source = "."
	}
	if opts.Destination == "" {
		opts.Destination = filepath.Join(opts.Source, "public")
	}
	if opts.Now == nil {
		opts.Now = time.Now
	}
	if opts.CacheFile == "" && !opts.NoCache {
		opts.CacheFile = DefaultCacheFile(opts.Source)
	}
	if opts.NoCache {
		opts.CacheFile = ""
	}
	siteFS := opts.SiteFS
	if siteFS == nil {
		siteFS = disk.DirFS(opts.Source)
	}
	b := &Builder{opts: opts, siteFS: siteFS, themed: overlay.New(siteFS, opts.Theme), imageSlots: make(chan struct{}, imageWorkers()),
		loader: content.NewLoader(siteFS, content.Override{BaseURL: opts.BaseURL, Origin: opts.Origin})}
	if opts.CacheFile != "" {
		if version, ok := markdown.ProgramVersion(); ok {
			// A cache that cannot be read is only slower: start empty.
			b.cache, _ = markdown.LoadCache(opts.CacheFile, version)
			b.loader.UseCache(b.cache)
			b.loadSearchCache()
			b.loadCopyCache()
		}
	}
	return b
}

// Close releases the files the builder reads bodies from: the spill file
// and the conversion cache. Pages cannot be rendered after that.
func (b *Builder) Close() error {
	return errors.Join(b.spill.Close(), b.cache.Close())
}

// Comments lists the HTML comments of every item, as of the last build:
// an editor's hidden notes, which no output shows.
func (b *Builder) Comments() diag.List {
	var out diag.List
	if b.content == nil {
		return nil
	}
	for _, it := range b.content.Items {
		for _, c := range it.Comments {
			out.Add(diag.Diagnostic{File: it.File, Line: c.Line, Severity: diag.Note, Code: "comment", Message: c.Text})
		}
	}
	return out
}

// Options returns the builder's options, defaults filled in.
func (b *Builder) Options() Options { return b.opts }

// SiteFS returns the file system the site is read from.
func (b *Builder) SiteFS() fs.FS { return b.siteFS }

// Build brings the destination up to date. changed lists site-relative
// slash paths that changed since the last build (nil: anything may have).
// On any error, and when ctx is done first, the destination is left
// exactly as it was.
func (b *Builder) Build(ctx context.Context, changed []string) (*Result, error) {
	start := time.Now()
	s, res, err := b.model(ctx, changed)
	if err != nil || res.Diags.HasErrors() {
		res.Duration = time.Since(start)
		return res, err
	}
	tree, err := openTree(b.opts.Destination, b.outputOptions())
	if err != nil {
		return res, err
	}
	err = b.render(ctx, s, tree, res, 0)
	res.Diags = append(res.Diags, b.loader.Damage()...)
	if err != nil || res.Diags.HasErrors() {
		tree.Abort()
		res.Duration = time.Since(start)
		return res, err
	}
	st, err := tree.Commit()
	res.Written, res.Unchanged = st.Written, st.Unchanged
	for _, w := range st.Warnings {
		res.Diags.Warnf(b.opts.Destination, 0, "output-cleanup", "%s", w)
	}
	res.Duration = time.Since(start)
	if err != nil {
		return res, fmt.Errorf("writing %s: %w", b.opts.Destination, err)
	}
	return res, nil
}

// BuildTo renders the site into sink, without touching the destination.
// If sink is a Deferrer and more than deferAbove pages are to be rendered
// (a template change in the preview), they are handed over unrendered,
// to be made on request; deferAbove 0 renders everything now.
func (b *Builder) BuildTo(ctx context.Context, changed []string, sink Sink, deferAbove int) (*Result, error) {
	start := time.Now()
	_, defers := sink.(Deferrer)
	b.lazy = defers && deferAbove > 0
	defer func() { b.lazy = false }()
	s, res, err := b.model(ctx, changed)
	if err != nil || res.Diags.HasErrors() {
		res.Duration = time.Since(start)
		return res, err
	}
	err = b.render(ctx, s, sink, res, deferAbove)
	res.Diags = append(res.Diags, b.loader.Damage()...)
	res.Duration = time.Since(start)
	return res, err
}

// Check builds the whole site in memory, renders every page and keeps
// nothing: it finds every problem a build would, and writes nothing.
func (b *Builder) Check(ctx context.Context) (*Result, error) {
	return b.BuildTo(ctx, nil, discard{}, 0)
}

// discard is a sink that renders everything and keeps nothing.
type discard struct{}

func (discard) Current(string, fingerprint.Sum) bool        { return false }
func (discard) Keep(string)                                 {}
func (discard) Write(string, fingerprint.Sum, []byte) error { return nil }

// outputOptions protect the site's sources from the destination: it may
// not be the site's folder, contain it, or lie in content/, templates/ or
// static/, whatever marker it holds.
func (b *Builder) outputOptions() output.Options {
	o := output.Options{Site: b.opts.Source}
	for _, d := range []string{content.Dir, render.TemplatesDir, StaticDir} {
		o.Sources = append(o.Sources, filepath.Join(b.opts.Source, d))
	}
	if b.opts.Notice != nil {
		dest := b.opts.Destination
		o.Waiting = func(pid int) {
			who := "another build"
			if pid > 0 {
				who = fmt.Sprintf("another digest (process %d)", pid)
			}
			b.opts.Notice(fmt.Sprintf("waiting: %s is writing %s", who, dest))
		}
	}
	return o
}

// model reads what changed and builds the site model.
func (b *Builder) model(ctx context.Context, changed []string) (*site.Site, *Result, error) {
	res := &Result{}
	if changed == nil || b.templates == nil || touches(changed, render.TemplatesDir) {
		old := b.templates
		b.templates, b.tmplDiags = render.LoadTemplates(b.themed)
		if b.templates != nil {
			b.templates.KeepFeedContent(old)
		}
	}
	if changed == nil || b.assets == nil || touches(changed, StaticDir) {
		b.static, b.assets, b.staticDg = loadStatic(b.themed)
	}
	files := b.loader.Scan(changed)
	b.size(files)
	b.files = files
	c, err := b.loader.Read(ctx)
	if err != nil {
		return nil, res, err
	}
	res.Parsed = c.Parsed
	res.BasePath = c.Config.BasePath()
	b.content = c
	staticPaths := make(map[string]bool, len(b.static))
	assets := make(map[string]string, len(b.assets))
	base := c.Config.Base()
	for _, f := range b.static {
		staticPaths[f.out] = true
	}
	for k, v := range b.assets {
		assets[k] = base.Href(v)
	}
	b.urls = assets
	pictures, card, imageDiags := b.images(ctx, c, changed)
	res.Diags = append(res.Diags, imageDiags...)
	res.Images, res.Made = len(b.pictures), b.made
	s := site.Make(c, site.Options{Drafts: b.opts.Drafts, Future: b.opts.Future, Expired: b.opts.Expired, Now: b.opts.Now(),
		StaticFiles: staticPaths, Assets: assets, Generator: b.opts.Generator, Memo: &b.memo, Pictures: pictures, Card: card})
	var bundleDiags diag.List
	b.bundles, bundleDiags = bundleFiles(b.siteFS, s.Resources, b.bundles, changed)
	res.Diags = append(res.Diags, bundleDiags...)
	var held int64
	for _, f := range b.bundles {
		held += f.size
	}
	b.opts.Memory.hold(b.files, held)
	return b.done(s, c, res), res, nil
}

// size applies the resource policy once the first scan has counted the
// content files, before any is parsed.
func (b *Builder) size(files int) {
	if b.sized {
		return
	}
	b.sized = true
	b.opts.Memory.apply(files)
	if b.opts.Spill.spills(files) {
		// Without the file, bodies stay in memory: slower to collect,
		// but the same site.
		if f, err := spill.Create(""); err == nil {
			b.spill = f
			b.loader.UseSpill(f)
		}
	}
}

// done records a model as the last one and its findings in res.
func (b *Builder) done(s *site.Site, c *content.Content, res *Result) *site.Site {
	res.Diags = append(res.Diags, c.Diags...)
	res.Diags = append(res.Diags, b.tmplDiags...)
	res.Diags = append(res.Diags, b.staticDg...)
	res.Diags = append(res.Diags, s.Diags...)
	res.Diags = b.strictly(res.Diags)
	res.Articles, res.Topics, res.People, res.Places = len(s.Articles), len(s.Topics), len(s.People), len(s.Places)
	res.Static = len(b.static) + len(b.bundles)
	return s
}

// touches reports whether any changed path is dir or inside it.
func touches(changed []string, dir string) bool {
	for _, p := range changed {
		if p == dir || strings.HasPrefix(p, dir+"/") || p == "." {
			return true
		}
	}
	return false
}
