package preview

import (
	"context"
	"errors"
	"fmt"
	"net"
	"path/filepath"
	"strings"
	"time"

	"digest/internal/build"
	"digest/internal/content"
	"digest/internal/render"
	"digest/internal/serve"
	"digest/internal/watch"
)

// Run builds the site, calls ready (if set: the server starts serving
// then, so that no page is asked for before there is a site), then
// rebuilds it on every batch of changes the watcher reports, until ctx is
// done. A build in progress when ctx is done stops at once, leaving what
// was served or written as it was. The conversion cache is saved after
// the first build and on the way out.
func (p *Preview) Run(ctx context.Context, ready func()) error {
	w, err := p.watcher()
	if err != nil {
		return err
	}
	defer w.Close()
	defer p.stopFill()
	defer p.saveCache()
	p.Build(ctx, nil)
	p.saveCache()
	if ready != nil {
		ready()
	}
	for {
		select {
		case <-ctx.Done():
			return nil
		case batch, ok := <-w.C:
			if !ok {
				return fmt.Errorf("the watcher stopped")
			}
			p.Build(ctx, batch.Changed())
		case f := <-p.filled:
			p.filledIn(f)
		}
	}
}

// saveCache writes the conversion cache; failing to is worth a notice,
// not a stop. Each save writes every conversion, so it is not done after
// every edit.
func (p *Preview) saveCache() {
	if err := p.b.SaveCache(); err != nil && p.opts.Logf != nil {
		p.opts.Logf("warning: %v", err)
	}
}

// watcher watches the site's content, templates and static folders,
// ignoring what content ignores and the destination.
func (p *Preview) watcher() (*watch.Watcher, error) {
	opts := p.b.Options()
	root, _ := filepath.Abs(opts.Source)
	dest, _ := filepath.Abs(opts.Destination)
	destRel, err := filepath.Rel(root, dest)
	if err != nil {
		destRel = ""
	}
	destRel = filepath.ToSlash(destRel)
	logf := p.opts.Logf
	if logf == nil {
		logf = func(string, ...any) {}
	}
	return watch.New(watch.Options{
		Root: root,
		Dirs: []string{content.Dir, render.TemplatesDir, build.StaticDir},
		Ignore: func(rel string) bool {
			if destRel != "" && (rel == destRel || strings.HasPrefix(rel, destRel+"/")) {
				return true
			}
			for _, part := range strings.Split(rel, "/") {
				if content.IsIgnoredName(part) {
					return true
				}
			}
			return false
		},
		Logf: logf,
	})
}

// Serve runs the loop (see Run) and serves the site on ln, from the end
// of the first build until ctx is done; ready, if set, is told the site's
// URL then. Open event streams are closed on the way out, so that they do
// not hold the shutdown up.
func (p *Preview) Serve(ctx context.Context, ln net.Listener, ready func(url string)) error {
	host, _, _ := net.SplitHostPort(ln.Addr().String())
	done := make(chan struct{})
	srv := serve.NewServer(p.Handler(host, done))
	ctx, cancel := context.WithCancelCause(ctx)
	defer cancel(nil)
	err := p.Run(ctx, func() {
		go func() { cancel(srv.Serve(ln)) }()
		if ready != nil {
			ready("http://" + ln.Addr().String() + p.store.BasePath())
		}
	})
	close(done)
	if err := serve.Shutdown(srv, p.hub, 5*time.Second); err != nil {
		return err
	}
	if cause := context.Cause(ctx); err == nil && cause != nil && !errors.Is(cause, context.Canceled) {
		err = cause
	}
	return err
}
