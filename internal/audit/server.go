package audit

import (
	"bytes"
	"compress/gzip"
	"fmt"
	"mime"
	"net"
	"net/http"
	"os"
	"path"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"time"

	"github.com/BurntSushi/toml"
)

// HeaderRule is one [[headers]] table of netlify.toml: the headers sent
// for paths that match a pattern.
type HeaderRule struct {
	For    string            `toml:"for"`
	Values map[string]string `toml:"values"`
	re     *regexp.Regexp
}

// Matches reports whether the rule applies to a URL path. As on Netlify,
// "*" in the pattern matches any run of characters, "/" included.
func (r HeaderRule) Matches(urlPath string) bool {
	if r.re == nil {
		return patternRE(r.For).MatchString(urlPath)
	}
	return r.re.MatchString(urlPath)
}

func patternRE(pattern string) *regexp.Regexp {
	parts := strings.Split(pattern, "*")
	for i, p := range parts {
		parts[i] = regexp.QuoteMeta(p)
	}
	return regexp.MustCompile("^" + strings.Join(parts, ".*") + "$")
}

// ReadHeaderRules reads the [[headers]] tables of a netlify.toml.
func ReadHeaderRules(file string) ([]HeaderRule, error) {
	var cfg struct {
		Headers []HeaderRule `toml:"headers"`
	}
	if _, err := toml.DecodeFile(file, &cfg); err != nil {
		return nil, fmt.Errorf("reading %s: %w", file, err)
	}
	for i, r := range cfg.Headers {
		if r.For == "" || len(r.Values) == 0 {
			return nil, fmt.Errorf("reading %s: [[headers]] table %d has no for or no values", file, i+1)
		}
		cfg.Headers[i].re = patternRE(r.For)
	}
	return cfg.Headers, nil
}

// Headers returns the headers the rules give a URL path: every matching
// rule's values, a later rule's value replacing an earlier one's for the
// same header, as Netlify merges them.
func Headers(rules []HeaderRule, urlPath string) http.Header {
	h := http.Header{}
	for _, r := range rules {
		if r.Matches(urlPath) {
			for k, v := range r.Values {
				h.Set(k, v)
			}
		}
	}
	return h
}

// Server serves a built site as a static host does: index.html for a
// folder (a folder's path without its slash is redirected), 404.html with
// status 404 for anything missing, the header rules' headers, and the
// body gzipped for clients that accept it.
type Server struct {
	Root  string
	Rules []HeaderRule
}

// ServeHTTP answers one request.
func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if r.Method != http.MethodGet && r.Method != http.MethodHead {
		http.Error(w, "method not allowed", http.StatusMethodNotAllowed)
		return
	}
	clean := path.Clean("/" + r.URL.Path)
	name := filepath.Join(s.Root, filepath.FromSlash(clean))
	if st, err := os.Stat(name); err == nil && st.IsDir() {
		if !strings.HasSuffix(r.URL.Path, "/") {
			http.Redirect(w, r, strings.TrimSuffix(clean, "/")+"/", http.StatusMovedPermanently)
			return
		}
		name = filepath.Join(name, "index.html")
	}
	status := http.StatusOK
	data, err := readRegular(name)
	if err != nil {
		status = http.StatusNotFound
		name = filepath.Join(s.Root, "404.html")
		if data, err = readRegular(name); err != nil {
			http.NotFound(w, r)
			return
		}
	}
	h := w.Header()
	for k, v := range Headers(s.Rules, r.URL.Path) {
		h[k] = v
	}
	if ct := mime.TypeByExtension(filepath.Ext(name)); ct != "" {
		h.Set("Content-Type", ct)
	}
	h.Set("Vary", "Accept-Encoding")
	if strings.Contains(r.Header.Get("Accept-Encoding"), "gzip") {
		var b bytes.Buffer
		zw := gzip.NewWriter(&b)
		_, _ = zw.Write(data)
		_ = zw.Close()
		data = b.Bytes()
		h.Set("Content-Encoding", "gzip")
	}
	h.Set("Content-Length", strconv.Itoa(len(data)))
	w.WriteHeader(status)
	if r.Method == http.MethodGet {
		_, _ = w.Write(data)
	}
}

func readRegular(name string) ([]byte, error) {
	st, err := os.Stat(name)
	if err != nil {
		return nil, err
	}
	if !st.Mode().IsRegular() {
		return nil, fmt.Errorf("%s: not a regular file", name)
	}
	return os.ReadFile(name)
}

// Served is a Server listening on the loopback interface.
type Served struct {
	URL string // "http://127.0.0.1:PORT", no trailing slash
	srv *http.Server
}

// Serve serves root with the rules on a free port of 127.0.0.1 until
// Close.
func Serve(root string, rules []HeaderRule) (*Served, error) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return nil, err
	}
	srv := &http.Server{Handler: &Server{Root: root, Rules: rules}, ReadHeaderTimeout: 10 * time.Second}
	go func() { _ = srv.Serve(ln) }()
	return &Served{URL: "http://" + ln.Addr().String(), srv: srv}, nil
}

// Close stops the server.
func (s *Served) Close() error { return s.srv.Close() }
