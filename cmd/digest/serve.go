package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"os"
	"os/exec"
	"os/signal"
	"runtime"
	"syscall"
	"time"

	"digest/internal/build"
	"digest/internal/preview"
	"digest/internal/serve"
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
	if sf.baseURL != "" {
		fmt.Fprintln(stderr, "digest serve: --base-url is ignored: the preview is served at its own address")
		sf.baseURL = ""
	}
	opts, err := sf.options()
	if err != nil {
		fmt.Fprintf(stderr, "digest serve: %v\n", err)
		return exitUsage
	}
	ln, err := serve.Listen(addr, explicit)
	if err != nil {
		fmt.Fprintf(stderr, "digest serve: %v\n", err)
		return exitUsage
	}
	opts.Origin = "http://" + ln.Addr().String()
	opts.Memory = build.MemoryPreview
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	p := preview.New(preview.Options{Build: opts, Reload: !noReload, Logf: logf(stderr),
		Report: func(r preview.Report) { printServeReport(r, stdout, stderr) }})
	defer p.Close()
	err = p.Serve(ctx, ln, func(url string) {
		fmt.Fprintf(stdout, "Serving %s at %s (Ctrl-C to stop)\n", opts.Source, url)
		if open {
			openBrowser(url)
		}
	})
	if err != nil {
		fmt.Fprintf(stderr, "digest serve: %v\n", err)
		return exitError
	}
	fmt.Fprintln(stdout, "Stopped.")
	return exitOK
}

// printServeReport prints what a build of the preview did.
func printServeReport(r preview.Report, stdout, stderr io.Writer) {
	switch {
	case len(r.RenderErrors) > 0:
		seen := map[string]bool{}
		for _, e := range r.RenderErrors {
			if m := e.Err.Error(); !seen[m] {
				seen[m] = true
				fmt.Fprintln(stderr, m)
			}
		}
		fmt.Fprintf(stderr, "%d pages failed to render in %d ms: they show their last good version\n", len(r.RenderErrors), r.Took.Milliseconds())
	case r.Failed():
		if r.Result != nil {
			_ = r.Result.Diags.Sorted().WriteText(stderr)
		}
		if r.Err != nil {
			fmt.Fprintf(stderr, "error: %v\n", r.Err)
		}
		fmt.Fprintf(stderr, "build failed in %d ms: still serving the last good version\n", r.Took.Milliseconds())
	default:
		res := r.Result
		rendered := fmt.Sprintf("%d rendered", res.Rendered)
		if res.Deferred > 0 {
			rendered = fmt.Sprintf("%d to render on request", res.Deferred)
		}
		_, nwarn := res.Diags.Count()
		fmt.Fprintf(stdout, "%s built in %d ms: %d pages, %s, %d files changed, %s\n",
			time.Now().Format("15:04:05"), r.Took.Milliseconds(), res.Pages, rendered, len(r.Changed), build.Count(nwarn, "warning"))
	}
}

// logf prints the watcher's notices.
func logf(stderr io.Writer) func(format string, args ...any) {
	return func(format string, args ...any) { fmt.Fprintf(stderr, "digest: "+format+"\n", args...) }
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
