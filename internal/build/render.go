package build

import (
	"fmt"
	"io/fs"
	"maps"
	"runtime"
	"slices"
	"sync"

	"digest/internal/diag"
	"digest/internal/fingerprint"
	"digest/internal/output"
	"digest/internal/render"
	"digest/internal/site"
)

// openTree opens the destination's next tree; a variable so that tests
// can count opens.
var openTree = func(dest string) (*output.Tree, error) { return output.Open(dest) }

// render renders every page whose input changed, in parallel, and hands
// each result to the sink from the worker that made it: on this kind of
// disk the kernel's work of creating files is the bottleneck of a cold
// build, and two writers let both cores do it.
func (b *Builder) render(s *site.Site, sink Sink, res *Result) error {
	tsum := b.templates.Sum()
	b.templates.NextBuild()
	// Pages go to the workers in chunks: on a rebuild nearly all of them
	// are current, and one channel operation per page would cost more
	// than checking it.
	jobs := make(chan []site.View, 16)
	var errs renderErrors
	var mu sync.Mutex
	var writeErr error
	var rendered, pages int
	var wg sync.WaitGroup
	for range runtime.GOMAXPROCS(0) {
		wg.Go(func() {
			nr, np := 0, 0
			for chunk := range jobs {
				for _, v := range chunk {
					np++
					m := v.Meta()
					ts := tsum
					if !render.UsesTemplates(v) {
						ts = fingerprint.Sum{}
					}
					input := fingerprint.Of(struct {
						Templates fingerprint.Sum
						Kind      string
						View      site.View
					}{ts, m.Kind, v})
					if sink.Current(m.Path, input) {
						sink.Keep(m.Path)
						continue
					}
					data, d := b.templates.Render(v)
					if d != nil {
						errs.add(*d, m.URL)
						continue
					}
					nr++
					if err := sink.Write(m.Path, input, data); err != nil {
						mu.Lock()
						if writeErr == nil {
							writeErr = err
						}
						mu.Unlock()
					}
				}
			}
			mu.Lock()
			rendered += nr
			pages += np
			mu.Unlock()
		})
	}
	const chunk = 64
	for i := 0; i < len(s.Pages); i += chunk {
		jobs <- s.Pages[i:min(i+chunk, len(s.Pages))]
	}
	close(jobs)
	wg.Wait()
	res.Pages, res.Rendered = pages, rendered
	if writeErr != nil {
		return writeErr
	}
	res.Diags = append(res.Diags, errs.list()...)
	if res.Diags.HasErrors() {
		return nil
	}
	return b.copyStatic(sink)
}

func (b *Builder) copyStatic(sink Sink) error {
	for _, f := range b.static {
		if sink.Current(f.out, f.input) {
			sink.Keep(f.out)
			continue
		}
		data := f.data
		if data == nil {
			var err error
			if data, err = fs.ReadFile(f.fsys, f.src); err != nil {
				return fmt.Errorf("copying %s: %w", f.src, err)
			}
		}
		if err := sink.Write(f.out, f.input, data); err != nil {
			return err
		}
	}
	return nil
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
