package build

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io/fs"
	"maps"
	"runtime"
	"slices"
	"sync"

	"digest/internal/diag"
	"digest/internal/disk"
	"digest/internal/fingerprint"
	"digest/internal/imaging"
	"digest/internal/output"
	"digest/internal/render"
	"digest/internal/site"
)

// openTree opens the destination's next tree; a variable so that tests
// can count opens.
var openTree = output.Open

// Deferrer is a sink that can take a page to render later, when it is
// first asked for: the preview's store. See Builder.BuildTo.
type Deferrer interface {
	Sink
	// Defer records path, made from input, to be made by render later.
	Defer(path string, input fingerprint.Sum, render func() ([]byte, error))
}

// worker is one rendering goroutine's state.
type worker struct {
	scratch  []byte // reused: sinks do not keep what they are given
	rendered int
	todo     []pending
}

// viewInput is a view's input fingerprint, under the templates' sum.
type viewInput struct {
	templates, sum fingerprint.Sum
}

// pending is a page to render and what it is made from.
type pending struct {
	v     site.View
	input fingerprint.Sum
}

// forEach calls fn on every item, in chunks, on all cores, until ctx is
// done. Pages go to the workers in chunks: on a rebuild nearly all of
// them are current, and one channel operation per page would cost more
// than checking it.
func forEach[T any](ctx context.Context, items []T, fn func(w *worker, item T)) []*worker {
	jobs := make(chan []T, 16)
	workers := make([]*worker, runtime.GOMAXPROCS(0))
	var wg sync.WaitGroup
	for i := range workers {
		w := &worker{}
		workers[i] = w
		wg.Go(func() {
			for chunk := range jobs {
				if ctx.Err() != nil {
					continue
				}
				for _, it := range chunk {
					fn(w, it)
				}
			}
		})
	}
	// Small batches spread over the workers one item at a time: a
	// rebuild's few pages to render are often neighbours in the site's
	// order (a person's and a place's long list pages).
	chunk := max(1, min(64, len(items)/(16*len(workers))))
	for i := 0; i < len(items); i += chunk {
		jobs <- items[i:min(i+chunk, len(items))]
	}
	close(jobs)
	wg.Wait()
	return workers
}

// render renders every page whose input changed, in parallel, and hands
// each result to the sink from the worker that made it: on this kind of
// disk the kernel's work of creating files is the bottleneck of a cold
// build, and two writers let both cores do it. With a Deferrer sink and
// more than deferAbove pages to render, the pages are handed over
// unrendered instead. When ctx is done it stops and returns its error.
//
// The search index is made at the same time, and items are compared with
// the texts they were imported from: rendering waits on the disk as much
// as it works, and they use what the writes leave idle. The comparison's
// warnings (errors with Strict) come before anything is committed.
func (b *Builder) render(ctx context.Context, s *site.Site, sink Sink, res *Result, deferAbove int) error {
	searched := make(chan error, 1)
	if _, checking := sink.(discard); checking {
		searched <- nil // no page can go wrong in the index
	} else {
		go func() { searched <- b.writeSearch(ctx, s, sink) }()
	}
	copies := make(chan diag.List, 1)
	go func() { copies <- b.checkCopies(ctx, s) }()
	err := b.renderPages(ctx, s, sink, res, deferAbove)
	serr := <-searched
	res.Diags = append(res.Diags, b.strictly(<-copies)...)
	if err != nil || res.Diags.HasErrors() {
		return err
	}
	return serr
}

// renderPages renders the pages, then copies the static files.
func (b *Builder) renderPages(ctx context.Context, s *site.Site, sink Sink, res *Result, deferAbove int) error {
	ps := &pass{b: b, sink: sink}
	tsum := b.templates.Sum()
	b.templates.NextBuild()
	pages := b.inputsOf(ctx, s.Pages, tsum)
	deferrer, canDefer := sink.(Deferrer)
	canDefer = canDefer && deferAbove > 0
	workers := forEach(ctx, pages, func(w *worker, p pending) {
		path := p.v.Meta().Path
		if sink.Current(path, p.input) {
			sink.Keep(path)
			return
		}
		w.todo = append(w.todo, p)
	})
	if err := ctx.Err(); err != nil {
		return err
	}
	res.Pages = len(s.Pages)
	b.lastPages = s.Pages
	b.lastInputs = make([]viewInput, len(pages))
	for i, p := range pages {
		b.lastInputs[i] = viewInput{templates: tsum, sum: p.input}
	}
	var todo []pending
	for _, w := range workers {
		res.Rendered += w.rendered
		todo = append(todo, w.todo...)
		b.keepScratch(w)
	}
	if len(todo) > deferAbove && canDefer {
		b.deferAll(deferrer, todo)
		res.Deferred = len(todo)
	} else if len(todo) > 0 {
		for _, w := range forEach(ctx, todo, ps.renderOne) {
			res.Rendered += w.rendered
			b.keepScratch(w)
		}
		if err := ctx.Err(); err != nil {
			return err
		}
	}
	b.templates.EndBuild(res.Rendered+res.Deferred, len(s.Pages))
	if ps.writeErr != nil {
		return ps.writeErr
	}
	res.Diags = append(res.Diags, ps.errs.list()...)
	if res.Diags.HasErrors() {
		return nil
	}
	diags, err := b.copyStatic(sink)
	res.Diags = append(res.Diags, b.strictly(diags)...)
	if err != nil {
		return err
	}
	return b.writePictures(sink)
}

// inputsOf pairs each view with the fingerprint of what it is made from,
// under the templates' sum tsum. A view is immutable, and a rebuild reuses
// every view whose data did not change: its input fingerprint is taken
// from the last build's, found in the same place of the site's order or,
// when pages moved, by pointer, rather than hashed again.
func (b *Builder) inputsOf(ctx context.Context, views []site.View, tsum fingerprint.Sum) []pending {
	pages := make([]pending, len(views))
	var hash []int
	var byView map[site.View]int // the last build's positions, once pages moved
	for i, v := range views {
		pages[i].v = v
		j := i
		if j >= len(b.lastPages) || b.lastPages[j] != v {
			if byView == nil {
				byView = make(map[site.View]int, len(b.lastPages))
				for k, lv := range b.lastPages {
					byView[lv] = k
				}
			}
			var ok bool
			if j, ok = byView[v]; !ok {
				j = -1
			}
		}
		if j >= 0 && b.lastInputs[j].templates == tsum {
			pages[i].input = b.lastInputs[j].sum
		} else {
			hash = append(hash, i)
		}
	}
	forEach(ctx, hash, func(_ *worker, i int) {
		v, ts := pages[i].v, tsum
		if !render.UsesTemplates(v) {
			ts = fingerprint.Sum{}
		}
		pages[i].input = fingerprint.Of(struct {
			Templates fingerprint.Sum
			Kind      string
			View      site.View
		}{ts, v.Meta().Kind, v})
	})
	return pages
}

// deferAll hands pages to the sink unrendered, each to be rendered from
// its own view when first asked for.
func (b *Builder) deferAll(d Deferrer, todo []pending) {
	tm := b.templates
	for _, p := range todo {
		v := p.v
		d.Defer(v.Meta().Path, p.input, func() ([]byte, error) {
			data, diag := tm.Render(v, nil)
			if diag != nil {
				return nil, errors.New(diag.String())
			}
			return bytes.Clone(data), nil
		})
	}
}

// pass is what one build's rendering workers share.
type pass struct {
	b        *Builder
	sink     Sink
	mu       sync.Mutex
	errs     renderErrors
	writeErr error
}

// renderOne renders a page and hands it to the sink.
func (ps *pass) renderOne(w *worker, p pending) {
	b, m := ps.b, p.v.Meta()
	if w.scratch == nil {
		// A buffer the size of a large page, from an earlier build:
		// growing one for each build costs a long list page about as
		// much as rendering it.
		ps.mu.Lock()
		if n := len(b.scratch); n > 0 {
			w.scratch, b.scratch = b.scratch[n-1], b.scratch[:n-1]
		}
		ps.mu.Unlock()
	}
	data, d := b.templates.Render(p.v, w.scratch)
	if d != nil {
		ps.errs.add(*d, m.URL)
		return
	}
	w.rendered++
	if cap(data) > cap(w.scratch) && cap(data) <= 4<<20 {
		w.scratch = data[:0]
	}
	if err := ps.sink.Write(m.Path, p.input, data); err != nil {
		ps.mu.Lock()
		if ps.writeErr == nil {
			ps.writeErr = err
		}
		ps.mu.Unlock()
	}
}

// keepScratch keeps a worker's buffer for the next build's workers.
func (b *Builder) keepScratch(w *worker) {
	if w.scratch != nil && len(b.scratch) < runtime.GOMAXPROCS(0) {
		b.scratch = append(b.scratch, w.scratch[:0])
	}
}

// copyStatic copies the static files and the page bundles' files. Their
// images are published without their metadata (EXIF with a camera's GPS
// position, XMP, comments), pixels untouched, unless the site keeps it;
// a file named as an image that is none is published as it is, with a
// warning: no browser shows it either.
func (b *Builder) copyStatic(sink Sink) (diag.List, error) {
	var diags diag.List
	keep := b.content != nil && b.content.Config.KeepImageMetadata
	for _, f := range slices.Concat(b.static, b.bundles) {
		strip := !keep && imaging.FormatOfName(f.out) != ""
		input := f.input
		if strip {
			input = fingerprint.Strings("stripped", imageVersion, string(f.input[:]))
		}
		if sink.Current(f.out, input) {
			sink.Keep(f.out)
			continue
		}
		data := f.data
		if data == nil {
			var err error
			if f.bundle {
				data, err = disk.ReadFS(f.fsys, f.src, MaxBundleFile)
			} else {
				data, err = fs.ReadFile(f.fsys, f.src)
			}
			if err != nil {
				return diags, fmt.Errorf("copying %s: %w", f.src, err)
			}
		}
		if strip {
			if clean, err := imaging.Strip(data); err == nil {
				data = clean
			} else {
				diags.Add(diag.Diagnostic{File: f.src, Severity: diag.Warning, Code: "image-metadata",
					Message: fmt.Sprintf("published as it is: %v", err), Hint: "replace it with the image its name promises"})
			}
		}
		if err := sink.Write(f.out, input, data); err != nil {
			return diags, err
		}
	}
	return diags, nil
}

// renderErrors collects template errors from parallel workers, keeping one
// per template position: a broken template fails every page of its kind.
// The page named is the first by URL, so that messages do not depend on
// which worker failed first.
type renderErrors struct {
	mu    sync.Mutex
	byKey map[string]*renderError
}

type renderError struct {
	d     diag.Diagnostic
	url   string
	count int
}

func (r *renderErrors) add(d diag.Diagnostic, url string) {
	r.mu.Lock()
	defer r.mu.Unlock()
	if r.byKey == nil {
		r.byKey = map[string]*renderError{}
	}
	key := fmt.Sprintf("%s:%d:%d:%s:%s", d.File, d.Line, d.Column, d.Code, d.Message)
	e := r.byKey[key]
	if e == nil {
		e = &renderError{d: d, url: url}
		r.byKey[key] = e
	}
	e.count++
	if url < e.url {
		e.url = url
	}
}

func (r *renderErrors) list() diag.List {
	var out diag.List
	for _, k := range slices.Sorted(maps.Keys(r.byKey)) {
		e := r.byKey[k]
		e.d.Message += " (rendering " + e.url
		if e.count > 1 {
			e.d.Message += fmt.Sprintf(" and %d more pages", e.count-1)
		}
		e.d.Message += ")"
		out = append(out, e.d)
	}
	return out
}
