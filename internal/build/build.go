// Package build runs the pipeline: content → site model → rendered pages →
// output. It is the only package that knows the order of the stages, and it
// keeps what it made between builds, so that a rebuild re-reads only the
// files that changed and re-renders only the pages whose inputs changed.
// The commands (build, serve, check) are thin callers of it.
package build

import (
	"errors"
	"fmt"
	"io/fs"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"digest/internal/content"
	"digest/internal/diag"
	"digest/internal/disk"
	"digest/internal/fingerprint"
	"digest/internal/markdown"
	"digest/internal/output"
	"digest/internal/render"
	"digest/internal/site"
	"digest/internal/spill"
)

// Options configure a Builder.
type Options struct {
	Source      string // the site's folder
	Destination string // where the site is written; "public" under Source by default
	BaseURL     string // overrides the site's base_url when set
	Drafts      bool
	Future      bool
	Theme       fs.FS            // the embedded default theme
	Generator   string           // for <meta name="generator">
	Now         func() time.Time // defaults to time.Now
	SiteFS      fs.FS            // defaults to disk.DirFS(Source); tests pass an fstest.MapFS
	// DeferAbove: when a build into a Deferrer sink has more pages than
	// this to render, it hands them over unrendered, to be made on request
	// (the preview after a template change). 0 renders everything.
	DeferAbove int
	// CacheFile, if set, is where Markdown conversions are kept between
	// runs (see markdown.Cache); SaveCache writes it.
	CacheFile string
	// Notice, if set, is told what the build is waiting for ("another
	// build is writing public/").
	Notice func(msg string)
	// Spill keeps the HTML of item bodies in a temporary file, read back
	// when a page or feed needs it, rather than in memory: at 100,000
	// items, bodies are a third of the heap. Close removes the file.
	Spill bool
}

// Sink receives the files of a build: the atomic output tree, an in-memory
// store for the preview server, or nothing at all for check.
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
	Written  int // files written to the destination
	Duration time.Duration
	// Patched is true when the model was patched for body-only edits
	// rather than built again.
	Patched bool
	// Unchanged is true when the destination was left untouched.
	Unchanged bool
}

// Builder builds one site, again and again.
type Builder struct {
	opts      Options
	siteFS    fs.FS
	loader    *content.Loader
	templates *render.Templates
	tmplDiags diag.List
	static    []*staticFile
	assets    map[string]string
	staticDg  diag.List
	urls      map[string]string       // asset name → URL path, as of the last build
	memo      site.Memo               // what the last build made, for the next
	last      *site.Site              // the last model, which a body-only edit patches
	cache     *markdown.Cache         // conversions kept between runs, if any
	spill     *spill.File             // where bodies are kept, if Options.Spill
	inputs    map[site.View]viewInput // the last build's views' input fingerprints
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
	siteFS := opts.SiteFS
	if siteFS == nil {
		siteFS = disk.DirFS(opts.Source)
	}
	b := &Builder{opts: opts, siteFS: siteFS, loader: content.NewLoader(siteFS, opts.BaseURL)}
	if opts.CacheFile != "" {
		if version, ok := markdown.ProgramVersion(); ok {
			// A cache that cannot be read is only slower: start empty.
			b.cache, _ = markdown.LoadCache(opts.CacheFile, version)
			b.loader.UseCache(b.cache)
		}
	}
	if opts.Spill {
		// Without the file, bodies stay in memory: slower to collect,
		// but the same site.
		if f, err := spill.Create(""); err == nil {
			b.spill = f
			b.loader.UseSpill(f)
		}
	}
	return b
}

// Close releases the files the builder reads bodies from: the spill file
// and the conversion cache. Pages cannot be rendered after that.
func (b *Builder) Close() error {
	return errors.Join(b.spill.Close(), b.cache.Close())
}

// SaveCache writes the Markdown conversions this builder used or made to
// Options.CacheFile, if that changes it.
func (b *Builder) SaveCache() error {
	if b.cache == nil {
		return nil
	}
	return b.cache.Save(b.opts.CacheFile)
}

// Options returns the builder's options, defaults filled in.
func (b *Builder) Options() Options { return b.opts }

// Build brings the destination up to date. changed lists site-relative
// slash paths that changed since the last build (nil: anything may have).
// On any error the destination is left exactly as it was.
func (b *Builder) Build(changed []string) (*Result, error) {
	start := time.Now()
	s, res := b.model(changed)
	if res.Diags.HasErrors() {
		res.Duration = time.Since(start)
		return res, nil
	}
	tree, err := openTree(b.opts.Destination, b.outputOptions())
	if err != nil {
		return res, err
	}
	err = b.render(s, tree, res)
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

// BuildTo renders the site into sink, without touching the destination.
func (b *Builder) BuildTo(changed []string, sink Sink) (*Result, error) {
	start := time.Now()
	s, res := b.model(changed)
	if res.Diags.HasErrors() {
		res.Duration = time.Since(start)
		return res, nil
	}
	err := b.render(s, sink, res)
	res.Diags = append(res.Diags, b.loader.Damage()...)
	res.Duration = time.Since(start)
	return res, err
}

// model reads what changed and builds the site model.
func (b *Builder) model(changed []string) (*site.Site, *Result) {
	res := &Result{}
	if changed == nil || b.templates == nil || touches(changed, render.TemplatesDir) {
		old := b.templates
		b.templates, b.tmplDiags = render.LoadTemplates(b.opts.Theme, b.siteFS)
		if b.templates != nil {
			b.templates.KeepFeedContent(old)
		}
	}
	if changed == nil || b.assets == nil || touches(changed, StaticDir) {
		b.static, b.assets, b.staticDg = loadStatic(b.opts.Theme, b.siteFS)
	}
	c := b.loader.Load(changed)
	res.Parsed = c.Parsed
	if s, ok := b.patch(changed, c); ok {
		res.Patched = true
		return b.done(s, c, res), res
	}
	staticPaths := make(map[string]bool, len(b.static))
	assets := make(map[string]string, len(b.assets))
	info := &site.Info{BasePath: c.Config.BasePath()}
	for _, f := range b.static {
		staticPaths[f.out] = true
	}
	for k, v := range b.assets {
		assets[k] = info.URL(v)
	}
	b.urls = assets
	s := site.Build(c, site.Options{Drafts: b.opts.Drafts, Future: b.opts.Future, Now: b.opts.Now(),
		StaticFiles: staticPaths, Assets: assets, Generator: b.opts.Generator, Memo: &b.memo})
	return b.done(s, c, res), res
}

// done records a model as the last one and its findings in res.
func (b *Builder) done(s *site.Site, c *content.Content, res *Result) *site.Site {
	res.Diags = append(res.Diags, c.Diags...)
	res.Diags = append(res.Diags, b.tmplDiags...)
	res.Diags = append(res.Diags, b.staticDg...)
	res.Diags = append(res.Diags, s.Diags...)
	res.Articles, res.Topics, res.People, res.Places = len(s.Articles), len(s.Topics), len(s.People), len(s.Places)
	res.Static = len(b.static)
	b.last = s
	return s
}

// patch updates the last model in place of a full one when every changed
// path is an existing article whose lists-visible fields did not change.
func (b *Builder) patch(changed []string, c *content.Content) (*site.Site, bool) {
	if changed == nil || b.last == nil || c.Diags.HasErrors() {
		return nil, false
	}
	var items []*content.Item
	for _, p := range changed {
		if b.vanished(p) {
			continue
		}
		if !strings.HasPrefix(p, content.ArticlesDir+"/") || !strings.HasSuffix(p, ".md") {
			return nil, false
		}
		i, ok := slices.BinarySearchFunc(c.Items, p, func(it *content.Item, p string) int { return strings.Compare(it.File, p) })
		if !ok {
			return nil, false
		}
		items = append(items, c.Items[i])
	}
	return site.Patch(b.last, items, b.opts.Now())
}

// vanished reports whether p is gone and held nothing the last model was
// made from: the temporary file of an editor's atomic save (written, then
// renamed over the item), which should not stop the item's patch.
func (b *Builder) vanished(p string) bool {
	if _, err := fs.Stat(b.siteFS, p); !errors.Is(err, fs.ErrNotExist) {
		return false
	}
	under := func(f string) bool { return f == p || strings.HasPrefix(f, p+"/") }
	if under(content.ConfigFile) {
		return false
	}
	for _, a := range b.last.Articles {
		if under(a.File) {
			return false
		}
	}
	for _, t := range b.last.Topics {
		if t.File != "" && under(t.File) {
			return false
		}
	}
	return true
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
