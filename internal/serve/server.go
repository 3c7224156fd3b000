package serve

import (
	"bytes"
	"context"
	_ "embed"
	"encoding/hex"
	"fmt"
	"html"
	"mime"
	"net"
	"net/http"
	"net/url"
	"path"
	"strings"
	"time"

	"digest/internal/fingerprint"
)

//go:embed reload.js
var reloadJS []byte

// Endpoints of the preview itself, outside any site's paths.
const (
	EventsPath = "/__digest/events"
	ScriptPath = "/__digest/reload.js"
)

// Handler serves a Store over HTTP.
type Handler struct {
	Store *Store // which also says the URL path the site lives under
	Hub   *Hub
	// Reload injects the live-reload script into HTML pages.
	Reload bool
	// Done, when closed, ends the event streams, so a shutdown does not
	// wait for open pages.
	Done <-chan struct{}
	// Host is the host the preview listens on (from --addr). Requests
	// are answered only for it, localhost, 127.0.0.1 and [::1], so that
	// a page on another site cannot read the preview through a name of
	// its own that resolves here (DNS rebinding). A wildcard host
	// (0.0.0.0, ::) also accepts any IP address.
	Host string
}

// NewServer returns an HTTP server for h with timeouts that keep slow or
// idle clients from holding connections: event streams extend their own
// write deadline at each event.
func NewServer(h http.Handler) *http.Server {
	return &http.Server{Handler: h, ReadHeaderTimeout: 10 * time.Second, ReadTimeout: 30 * time.Second,
		WriteTimeout: 60 * time.Second, IdleTimeout: 120 * time.Second}
}

// allowedHost reports whether a request's Host names this preview.
func (h *Handler) allowedHost(hostport string) bool {
	host := hostport
	if hn, _, err := net.SplitHostPort(hostport); err == nil {
		host = hn
	}
	host = strings.TrimSuffix(strings.TrimPrefix(host, "["), "]")
	switch {
	case strings.EqualFold(host, "localhost"), host == "127.0.0.1", host == "::1":
		return true
	case h.Host != "" && strings.EqualFold(host, h.Host):
		return true
	}
	if ip := net.ParseIP(h.Host); ip != nil && ip.IsUnspecified() {
		return net.ParseIP(host) != nil
	}
	return false
}

var types = map[string]string{
	".html": "text/html; charset=utf-8",
	".css":  "text/css; charset=utf-8",
	".js":   "text/javascript; charset=utf-8",
	".xml":  "application/xml; charset=utf-8",
	".json": "application/json; charset=utf-8",
	".txt":  "text/plain; charset=utf-8",
	".svg":  "image/svg+xml",
}

func contentType(p string) string {
	ext := path.Ext(p)
	if t, ok := types[ext]; ok {
		return t
	}
	if t := mime.TypeByExtension(ext); t != "" {
		return t
	}
	return "application/octet-stream"
}

// ServeHTTP serves the current generation of the store.
func (h *Handler) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if !h.allowedHost(r.Host) {
		http.Error(w, "this preview answers only for localhost and the address it listens on", http.StatusMisdirectedRequest)
		return
	}
	switch r.URL.Path {
	case EventsPath, ScriptPath:
		if r.Method != http.MethodGet {
			w.Header().Set("Allow", "GET")
			http.Error(w, "method not allowed", http.StatusMethodNotAllowed)
			return
		}
	}
	switch r.URL.Path {
	case EventsPath:
		h.events(w, r)
		return
	case ScriptPath:
		w.Header().Set("Content-Type", types[".js"])
		w.Header().Set("Cache-Control", "no-store")
		_, _ = w.Write(reloadJS)
		return
	}
	if r.Method != http.MethodGet && r.Method != http.MethodHead {
		w.Header().Set("Allow", "GET, HEAD")
		http.Error(w, "method not allowed", http.StatusMethodNotAllowed)
		return
	}
	// The request path is decoded; so must the base path be.
	base, err := url.PathUnescape(h.Store.BasePath())
	if err != nil || base == "" {
		base = "/"
	}
	p := r.URL.Path
	if !strings.HasPrefix(p, base) {
		if p == "/" || p+"/" == base {
			http.Redirect(w, r, base, http.StatusFound)
			return
		}
		h.notFound(w, r)
		return
	}
	rel := strings.TrimPrefix(p, base)
	// net/http has already decoded the path; refuse anything that is not
	// a clean relative path. The store holds only the built site, so
	// nothing else could be reached anyway.
	if strings.Contains(rel, "\x00") || strings.Contains(rel, "\\") || hasDotDot(rel) {
		http.Error(w, "bad path", http.StatusBadRequest)
		return
	}
	if to := h.Store.Moved(p); to != "" {
		http.Redirect(w, r, to, http.StatusMovedPermanently)
		return
	}
	name := rel
	if name == "" || strings.HasSuffix(name, "/") {
		name += "index.html"
	}
	if f := h.Store.Get(name); f != nil {
		if err := f.Err(); err != nil && f.Data == nil {
			// A page new in this build whose render failed: there is no
			// earlier version to show.
			h.send(w, r, "error.html", []byte(`<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>Render error</title></head>`+
				`<body><h1>This page could not be rendered</h1><pre>`+html.EscapeString(err.Error())+`</pre></body></html>`), http.StatusInternalServerError)
			return
		}
		h.sendFile(w, r, name, f)
		return
	}
	if !strings.HasSuffix(rel, "/") && h.Store.Get(rel+"/index.html") != nil {
		target := p + "/"
		if r.URL.RawQuery != "" {
			target += "?" + r.URL.RawQuery
		}
		http.Redirect(w, r, target, http.StatusMovedPermanently)
		return
	}
	h.notFound(w, r)
}

func hasDotDot(p string) bool {
	for _, seg := range strings.Split(p, "/") {
		if seg == ".." || seg == "." {
			return true
		}
	}
	return false
}

func (h *Handler) notFound(w http.ResponseWriter, r *http.Request) {
	if f := h.Store.Get("404.html"); f != nil {
		h.send(w, r, "404.html", f.Data, http.StatusNotFound)
		return
	}
	// Nothing built yet (the first build failed): a page that shows the
	// errors and reloads itself once the site builds.
	h.send(w, r, "404.html", []byte(`<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>Not built yet</title></head>`+
		`<body><h1>Not found</h1><p>The site has not built yet, or has no page here.</p></body></html>`), http.StatusNotFound)
}

func (h *Handler) send(w http.ResponseWriter, r *http.Request, name string, data []byte, status int) {
	ct := contentType(name)
	if h.Reload && strings.HasPrefix(ct, "text/html") {
		data = inject(data)
	}
	w.Header().Set("Content-Type", ct)
	w.Header().Set("Cache-Control", "no-store")
	w.Header().Set("X-Content-Type-Options", "nosniff")
	w.Header().Set("Content-Length", fmt.Sprint(len(data)))
	w.WriteHeader(status)
	if r.Method != http.MethodHead {
		_, _ = w.Write(data)
	}
}

// sendFile sends a file of the site through http.ServeContent, which
// answers Range requests (an audio or video player seeking) and
// conditional ones.
func (h *Handler) sendFile(w http.ResponseWriter, r *http.Request, name string, f *File) {
	ct := contentType(name)
	data := f.Data
	if h.Reload && strings.HasPrefix(ct, "text/html") {
		data = inject(data)
	}
	w.Header().Set("Content-Type", ct)
	w.Header().Set("Cache-Control", "no-store")
	w.Header().Set("X-Content-Type-Options", "nosniff")
	if f.Input != (fingerprint.Sum{}) {
		w.Header().Set("ETag", `"`+hex.EncodeToString(f.Input[:8])+`"`)
	}
	http.ServeContent(w, r, name, time.Time{}, bytes.NewReader(data))
}

var scriptTag = []byte(`<script src="` + ScriptPath + `" defer></script>`)

// inject adds the reload script before </body>, or at the end.
func inject(page []byte) []byte {
	i := bytes.LastIndex(page, []byte("</body>"))
	if i < 0 {
		i = len(page)
	}
	out := make([]byte, 0, len(page)+len(scriptTag)+1)
	out = append(out, page[:i]...)
	out = append(out, scriptTag...)
	out = append(out, '\n')
	return append(out, page[i:]...)
}

// events streams the hub's events to one page (Server-Sent Events).
func (h *Handler) events(w http.ResponseWriter, r *http.Request) {
	fl, ok := w.(http.Flusher)
	if !ok {
		http.Error(w, "streaming unsupported", http.StatusInternalServerError)
		return
	}
	w.Header().Set("Content-Type", "text/event-stream")
	w.Header().Set("Cache-Control", "no-store")
	c, cancel := h.Hub.subscribe()
	defer cancel()
	// Reconnect quickly when the server restarts.
	_ = http.NewResponseController(w).SetWriteDeadline(time.Now().Add(10 * time.Second))
	fmt.Fprint(w, "retry: 300\n\n")
	fl.Flush()
	keepAlive := time.NewTicker(20 * time.Second)
	defer keepAlive.Stop()
	ctx := r.Context()
	done := h.Done
	if done == nil {
		done = make(chan struct{})
	}
	// The stream outlives the server's write timeout: each write gets
	// its own deadline instead, so a page that stops reading is dropped.
	rc := http.NewResponseController(w)
	write := func(format string, args ...any) bool {
		_ = rc.SetWriteDeadline(time.Now().Add(10 * time.Second))
		if _, err := fmt.Fprintf(w, format, args...); err != nil {
			return false
		}
		return rc.Flush() == nil
	}
	for {
		select {
		case <-ctx.Done():
			return
		case <-done:
			return
		case <-keepAlive.C:
			if !write(": keep-alive\n\n") {
				return
			}
		case b, ok := <-c:
			if !ok || !write("data: %s\n\n", b) {
				return
			}
		}
	}
}

// Shutdown stops srv, letting requests in flight finish, after ending the
// event streams that would otherwise keep it waiting.
func Shutdown(srv *http.Server, hub *Hub, timeout time.Duration) error {
	hub.Close()
	ctx, cancel := context.WithTimeout(context.Background(), timeout)
	defer cancel()
	if err := srv.Shutdown(ctx); err != nil {
		return fmt.Errorf("stopping the server: %w", err)
	}
	return nil
}
