package main

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"flag"
	"fmt"
	"io"
	"net"
	"os"
	"os/exec"
	"os/signal"
	"path"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"syscall"
	"time"

	"digest/internal/build"
	"digest/internal/content"
	"digest/internal/diag"
	"digest/internal/disk"
	"digest/internal/serve"
	"digest/internal/watch"
)

const defaultAddr = "127.0.0.1:1313"

func runServe(args []string, stdout, stderr io.Writer) int {
	var sf siteFlags
	var addr string
	var noReload, open bool
	f := newFlags("serve", "[flags]", stderr)
	sf.define(f, false)
	f.StringVar(&addr, "addr", defaultAddr, "`host:port` to listen on (127.0.0.1 keeps the preview on this machine)")
	f.BoolVar(&noReload, "no-reload", false, "do not reload pages when files change")
	f.BoolVar(&open, "open", false, "open the site in the web browser")
	if code, done := parse(f, args, 0); done {
		return code
	}
	explicit := false
	f.Visit(func(fl *flag.Flag) { explicit = explicit || fl.Name == "addr" })
	ln, err := listen(addr, explicit)
	if err != nil {
		fmt.Fprintf(stderr, "digest serve: %v\n", err)
		return exitUsage
	}
	if sf.baseURL != "" {
		fmt.Fprintln(stderr, "digest serve: --base-url is ignored: the preview is served at its own address")
		sf.baseURL = ""
	}
	opts, err := sf.options()
	if err != nil {
		ln.Close()
		fmt.Fprintf(stderr, "digest serve: %v\n", err)
		return exitUsage
	}
	basePath := sitePath(opts.Source)
	opts.BaseURL = "http://" + ln.Addr().String() + basePath
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	opts.DeferAbove = deferAbove
	limitServeMemory(sf.files)
	p := newPreview(opts, basePath, !noReload, stdout, stderr)
	defer p.b.Close()
	url := opts.BaseURL
	fmt.Fprintf(stdout, "Serving %s at %s (Ctrl-C to stop)\n", opts.Source, url)
	if open {
		openBrowser(url)
	}
	return p.run(ctx, ln)
}

// sitePath is the path of the site's configured base URL ("/" or "/repo/"):
// the preview serves the site under it, as its host will.
func sitePath(source string) string {
	src, err := disk.ReadFile(filepath.Join(source, filepath.FromSlash(content.ConfigFile)), content.MaxFileSize)
	if err != nil {
		return "/"
	}
	cfg, _ := content.ParseConfig(content.ConfigFile, src, "")
	return cfg.BasePath()
}

// listen opens addr. When the port is taken and the user did not ask for
// it, the next free port is used; otherwise the error suggests one.
func listen(addr string, explicit bool) (net.Listener, error) {
	ln, err := net.Listen("tcp", addr)
	if err == nil || !errors.Is(err, syscall.EADDRINUSE) {
		if err != nil {
			return nil, fmt.Errorf("cannot listen on %s: %w", addr, err)
		}
		return ln, nil
	}
	host, port, _ := net.SplitHostPort(addr)
	var p int
	fmt.Sscan(port, &p)
	for next := p + 1; next < p+50 && next < 65536; next++ {
		cand := net.JoinHostPort(host, fmt.Sprint(next))
		l, err := net.Listen("tcp", cand)
		if err != nil {
			continue
		}
		if !explicit {
			return l, nil
		}
		l.Close()
		return nil, fmt.Errorf("port %s is in use; %s is free: digest serve --addr %s", port, cand, cand)
	}
	return nil, fmt.Errorf("port %s is in use, and so are the next 50", port)
}

func openBrowser(url string) {
	cmd := "xdg-open"
	switch runtime.GOOS {
	case "darwin":
		cmd = "open"
	case "windows":
		cmd = "explorer"
	}
	_ = exec.Command(cmd, url).Start()
}

// preview is a running digest serve: builder, store, hub and watcher.
type preview struct {
	b        *build.Builder
	store    *serve.Store
	hub      *serve.Hub
	basePath string
	reload   bool
	stdout   io.Writer
	stderr   io.Writer
	failed   bool
	// onBuild, if set, is called after every build (tests wait on it).
	onBuild func(res *build.Result, err error)
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

// deferAbove is how many pages a rebuild renders before it serves them: a
// larger rebuild (a template change) sends its reload at once, and each
// page is rendered when it is asked for or by the background render,
// whichever comes first.
const deferAbove = 1000

func newPreview(opts build.Options, basePath string, reload bool, stdout, stderr io.Writer) *preview {
	id := make([]byte, 8)
	_, _ = rand.Read(id)
	return &preview{b: build.New(opts), store: serve.NewStore(), hub: serve.NewHub(hex.EncodeToString(id)),
		basePath: basePath, reload: reload, stdout: stdout, stderr: stderr, filled: make(chan fillResult, 1)}
}

func (p *preview) run(ctx context.Context, ln net.Listener) int {
	done := make(chan struct{})
	host, _, _ := net.SplitHostPort(ln.Addr().String())
	h := &serve.Handler{Store: p.store, Hub: p.hub, BasePath: p.basePath, Reload: p.reload, Done: done, Host: host}
	srv := serve.NewServer(h)
	w, err := newWatcher(p.b.Options(), p.stderr)
	if err != nil {
		fmt.Fprintf(p.stderr, "digest serve: %v\n", err)
		return exitError
	}
	defer w.Close()
	defer p.stopFill()
	// The cache is saved after the first build and on the way out, not
	// after every edit: each save writes every conversion.
	defer saveCache(p.b, p.stderr)
	p.rebuild(nil, false)
	saveCache(p.b, p.stderr)
	serveErr := make(chan error, 1)
	go func() { serveErr <- srv.Serve(ln) }()
	for {
		select {
		case <-ctx.Done():
			close(done)
			if err := serve.Shutdown(srv, p.hub, 5*time.Second); err != nil {
				fmt.Fprintf(p.stderr, "digest serve: %v\n", err)
				return exitError
			}
			fmt.Fprintln(p.stdout, "Stopped.")
			return exitOK
		case err := <-serveErr:
			fmt.Fprintf(p.stderr, "digest serve: %v\n", err)
			return exitError
		case batch, ok := <-w.C:
			if !ok {
				return exitError
			}
			p.rebuild(batch.Changed(), cssOnly(batch, p.b.Options().Source))
		case f := <-p.filled:
			p.filledIn(f)
		}
	}
}

// startFill renders the current generation's deferred pages in the
// background; the run loop hears of failures through p.filled.
func (p *preview) startFill() {
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
func (p *preview) stopFill() {
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
func (p *preview) filledIn(f fillResult) {
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
	for _, m := range msgs {
		fmt.Fprintln(p.stderr, m)
	}
	fmt.Fprintf(p.stderr, "%d pages failed to render in %d ms: they show their last good version\n", len(f.errs), time.Since(f.start).Milliseconds())
}

// cssOnly reports whether a batch changed stylesheets and nothing else
// (folders that appeared with them do not count).
func cssOnly(b watch.Batch, root string) bool {
	if b.Full || len(b.Paths) == 0 {
		return false
	}
	css := false
	for _, p := range b.Paths {
		if st, err := os.Stat(filepath.Join(root, filepath.FromSlash(p))); err == nil && st.IsDir() {
			continue
		}
		if !strings.HasPrefix(p, build.StaticDir+"/") || path.Ext(p) != ".css" {
			return false
		}
		css = true
	}
	return css
}

// rebuild builds into the store and tells open pages what changed.
func (p *preview) rebuild(changed []string, css bool) {
	p.stopFill()
	p.gen++
	start := time.Now()
	oldAssets := p.b.Assets()
	p.store.Begin()
	// The first build renders everything, so that its errors show at once.
	var sink build.Sink = p.store
	if p.store.Len() == 0 {
		sink = struct{ build.Sink }{p.store}
	}
	res, err := p.b.BuildTo(changed, sink)
	if p.onBuild != nil {
		defer p.onBuild(res, err)
	}
	if err != nil || res.Diags.HasErrors() {
		p.store.Abort()
		p.failed = true
		var msgs []string
		for _, d := range res.Diags.Sorted() {
			if d.Severity == diag.Error {
				msgs = append(msgs, d.String())
			}
		}
		if err != nil {
			msgs = append(msgs, err.Error())
		}
		p.hub.Publish(serve.Event{Kind: "error", Errors: msgs})
		_ = res.Diags.Sorted().WriteText(p.stderr)
		fmt.Fprintf(p.stderr, "build failed in %d ms: still serving the last good version\n", time.Since(start).Milliseconds())
		p.startFill() // that version's deferred pages, if any
		return
	}
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
		ev.Paths = append(ev.Paths, p.basePath+strings.TrimSuffix(o, "index.html"))
	}
	if len(out) > 0 || p.failed {
		p.hub.Publish(ev)
	}
	p.failed = false
	rendered := fmt.Sprintf("%d rendered", res.Rendered)
	if res.Patched {
		rendered += " (patched)"
	}
	if res.Deferred > 0 {
		rendered = fmt.Sprintf("%d to render on request", res.Deferred)
	}
	// Pages deferred by this build, or by an earlier one whose background
	// render this build stopped and whose pages it kept: each holds the
	// model it was made from until it is rendered.
	p.startFill()
	_, nwarn := res.Diags.Count()
	fmt.Fprintf(p.stdout, "%s built in %d ms: %d pages, %s, %d files changed, %s\n",
		time.Now().Format("15:04:05"), time.Since(start).Milliseconds(), res.Pages, rendered, len(out), count(nwarn, "warning"))
}

// newWatcher watches the site's content, templates and static folders,
// ignoring what content ignores and the destination.
func newWatcher(opts build.Options, stderr io.Writer) (*watch.Watcher, error) {
	root, _ := filepath.Abs(opts.Source)
	dest, _ := filepath.Abs(opts.Destination)
	destRel, err := filepath.Rel(root, dest)
	if err != nil {
		destRel = ""
	}
	destRel = filepath.ToSlash(destRel)
	return watch.New(watch.Options{
		Root: root,
		Dirs: []string{content.Dir, "templates", build.StaticDir},
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
		Logf: func(format string, args ...any) { fmt.Fprintf(stderr, "digest: "+format+"\n", args...) },
	})
}
