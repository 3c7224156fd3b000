package serve

import (
	"bufio"
	"encoding/json"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"digest/internal/fingerprint"
)

func storeWith(t *testing.T, files map[string]string) *Store {
	t.Helper()
	return storeAt(t, "/", files)
}

// storeAt returns a store serving files under the URL path base.
func storeAt(t *testing.T, base string, files map[string]string) *Store {
	t.Helper()
	s := NewStore()
	s.Begin()
	s.SetBasePath(base)
	for p, data := range files {
		if err := s.Write(p, fingerprint.Strings(p), []byte(data)); err != nil {
			t.Fatal(err)
		}
	}
	s.Commit()
	return s
}

var siteFiles = map[string]string{
	"index.html":                   "<html><body><h1>Home</h1></body></html>",
	"topics/index.html":            "<html><body>Topics</body></html>",
	"topics/talks/index.html":      "<html><body>Talks</body></html>",
	"style.0123abcd.css":           "body{}",
	"feed.xml":                     "<rss/>",
	"feed.json":                    "{}",
	"robots.txt":                   "User-agent: *",
	"favicon.svg":                  "<svg/>",
	"img/photo.png":                "\x89PNG",
	"404.html":                     "<html><body>Not here</body></html>",
	"2025/08/15/summit/index.html": "<html><body>Summit</body></html>",
}

func get(t *testing.T, h http.Handler, method, target string) *httptest.ResponseRecorder {
	t.Helper()
	r := httptest.NewRequest(method, "http://127.0.0.1:1313/", nil)
	r.URL.Path = target // as net/http decodes it, so traversal attempts arrive intact
	r.RequestURI = target
	w := httptest.NewRecorder()
	h.ServeHTTP(w, r)
	return w
}

func TestServe(t *testing.T) {
	for _, base := range []string{"/", "/repo/"} {
		h := &Handler{Store: storeAt(t, base, siteFiles), Hub: NewHub("x"), Reload: true}
		tests := []struct {
			method, path string
			status       int
			ctype        string
			body         string // substring; "" for none expected
			location     string
		}{
			{"GET", base, 200, "text/html; charset=utf-8", "<h1>Home</h1>", ""},
			{"GET", base + "index.html", 200, "text/html; charset=utf-8", "Home", ""},
			{"GET", base + "topics/talks/", 200, "text/html; charset=utf-8", "Talks", ""},
			{"GET", base + "topics/talks", 301, "", "", base + "topics/talks/"},
			{"GET", base + "style.0123abcd.css", 200, "text/css; charset=utf-8", "body{}", ""},
			{"GET", base + "feed.xml", 200, "application/xml; charset=utf-8", "<rss/>", ""},
			{"GET", base + "feed.json", 200, "application/json; charset=utf-8", "{}", ""},
			{"GET", base + "robots.txt", 200, "text/plain; charset=utf-8", "User-agent", ""},
			{"GET", base + "favicon.svg", 200, "image/svg+xml", "<svg/>", ""},
			{"GET", base + "img/photo.png", 200, "image/png", "PNG", ""},
			{"GET", base + "nope/", 404, "text/html; charset=utf-8", "Not here", ""},
			{"HEAD", base, 200, "text/html; charset=utf-8", "", ""},
			{"POST", base, 405, "", "", ""},
			{"GET", base + "../../../etc/passwd", 400, "", "", ""},
			{"GET", base + "topics/../../etc/passwd", 400, "", "", ""},
			{"GET", base + "./index.html", 400, "", "", ""},
			{"GET", base + `..\..\etc\passwd`, 400, "", "", ""},
			{"GET", base + "index.html\x00.css", 400, "", "", ""},
			{"GET", "/etc/passwd", 404, "", "", ""},
		}
		if base != "/" {
			tests = append(tests, struct {
				method, path string
				status       int
				ctype        string
				body         string
				location     string
			}{"GET", "/", 302, "", "", base}, struct {
				method, path string
				status       int
				ctype        string
				body         string
				location     string
			}{"GET", "/index.html", 404, "", "Not here", ""})
		}
		for _, tt := range tests {
			w := get(t, h, tt.method, tt.path)
			if w.Code != tt.status {
				t.Errorf("base %s: %s %q: status %d, want %d", base, tt.method, tt.path, w.Code, tt.status)
				continue
			}
			if tt.ctype != "" && w.Header().Get("Content-Type") != tt.ctype {
				t.Errorf("base %s: %s: Content-Type %q, want %q", base, tt.path, w.Header().Get("Content-Type"), tt.ctype)
			}
			if tt.body != "" && !strings.Contains(w.Body.String(), tt.body) {
				t.Errorf("base %s: %s: body %q lacks %q", base, tt.path, w.Body.String(), tt.body)
			}
			if tt.location != "" && w.Header().Get("Location") != tt.location {
				t.Errorf("base %s: %s: Location %q, want %q", base, tt.path, w.Header().Get("Location"), tt.location)
			}
			if tt.method == "HEAD" && w.Body.Len() != 0 {
				t.Errorf("HEAD %s has a body", tt.path)
			}
			if w.Code >= 400 && strings.Contains(w.Body.String(), "root:") {
				t.Fatalf("%s leaked a file", tt.path)
			}
		}
	}
}

func TestReloadScriptOnlyInHTML(t *testing.T) {
	h := &Handler{Store: storeWith(t, siteFiles), Hub: NewHub("x"), Reload: true}
	page := get(t, h, "GET", "/").Body.String()
	if !strings.Contains(page, `<script src="/__digest/reload.js" defer></script>`+"\n</body>") {
		t.Errorf("script not injected before </body>: %s", page)
	}
	if strings.Contains(get(t, h, "GET", "/feed.xml").Body.String(), "reload.js") {
		t.Error("script injected into a feed")
	}
	if nf := get(t, h, "GET", "/missing/"); !strings.Contains(nf.Body.String(), "reload.js") {
		t.Error("the 404 page cannot reload itself when the page appears")
	}
	js := get(t, h, "GET", ScriptPath)
	if js.Code != 200 || !strings.Contains(js.Body.String(), "EventSource") {
		t.Errorf("reload script: %d", js.Code)
	}
	h.Reload = false
	if strings.Contains(get(t, h, "GET", "/").Body.String(), "reload.js") {
		t.Error("script injected with --no-reload")
	}
	// The stored bytes are what digest build writes: never the script.
	if strings.Contains(string(h.Store.Get("index.html").Data), "reload.js") {
		t.Error("the script leaked into the stored output")
	}
}

func TestNothingBuiltYet(t *testing.T) {
	h := &Handler{Store: NewStore(), Hub: NewHub("x"), Reload: true}
	w := get(t, h, "GET", "/")
	if w.Code != 404 || !strings.Contains(w.Body.String(), "reload.js") {
		t.Errorf("status %d, body %q", w.Code, w.Body.String())
	}
}

func TestStoreGenerations(t *testing.T) {
	s := storeWith(t, map[string]string{"a.html": "A", "b.html": "B", "c.html": "C"})
	s.Begin()
	if !s.Current("a.html", fingerprint.Strings("a.html")) || s.Current("a.html", fingerprint.Strings("other")) {
		t.Error("Current is wrong")
	}
	s.Keep("a.html")
	_ = s.Write("b.html", fingerprint.Strings("b2"), []byte("B2"))
	_ = s.Write("d.html", fingerprint.Strings("d"), []byte("D"))
	if string(s.Get("b.html").Data) != "B" || s.Get("d.html") != nil {
		t.Error("the next generation is visible before Commit")
	}
	changed := s.Commit()
	if strings.Join(changed, " ") != "b.html c.html d.html" {
		t.Errorf("changed %v", changed)
	}
	if s.Get("c.html") != nil || string(s.Get("b.html").Data) != "B2" {
		t.Error("commit did not replace the generation")
	}
	s.Begin()
	_ = s.Write("a.html", fingerprint.Strings("x"), []byte("broken"))
	s.Abort()
	if string(s.Get("a.html").Data) != "A" {
		t.Error("an aborted build changed what is served")
	}
}

func readEvent(t *testing.T, sc *bufio.Scanner) Event {
	t.Helper()
	for sc.Scan() {
		line := sc.Text()
		if data, ok := strings.CutPrefix(line, "data: "); ok {
			var e Event
			if err := json.Unmarshal([]byte(data), &e); err != nil {
				t.Fatal(err)
			}
			return e
		}
	}
	t.Fatal("event stream ended")
	return Event{}
}

func TestEvents(t *testing.T) {
	hub := NewHub("server-1")
	done := make(chan struct{})
	srv := httptest.NewServer(&Handler{Store: NewStore(), Hub: hub, Done: done})
	defer srv.Close()
	defer close(done)
	hub.Publish(Event{Kind: "error", Errors: []string{"content/articles/x.md:2: error: bad"}})
	resp, err := http.Get(srv.URL + EventsPath)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	if ct := resp.Header.Get("Content-Type"); ct != "text/event-stream" {
		t.Fatalf("Content-Type %q", ct)
	}
	sc := bufio.NewScanner(resp.Body)
	if e := readEvent(t, sc); e.Kind != "hello" || e.Server != "server-1" {
		t.Errorf("first event %+v", e)
	}
	// A page that connects while the build is broken sees the errors.
	if e := readEvent(t, sc); e.Kind != "error" || len(e.Errors) != 1 {
		t.Errorf("error state not sent on connect: %+v", e)
	}
	deadline := time.Now().Add(2 * time.Second)
	for hub.Clients() == 0 && time.Now().Before(deadline) {
		time.Sleep(5 * time.Millisecond)
	}
	hub.Publish(Event{Kind: "reload", Paths: []string{"/2025/08/15/summit/"}})
	if e := readEvent(t, sc); e.Kind != "reload" || e.Paths[0] != "/2025/08/15/summit/" {
		t.Errorf("reload event %+v", e)
	}
	// After a good build, new pages no longer get the old errors.
	resp2, err := http.Get(srv.URL + EventsPath)
	if err != nil {
		t.Fatal(err)
	}
	defer resp2.Body.Close()
	sc2 := bufio.NewScanner(resp2.Body)
	readEvent(t, sc2)
	hub.Publish(Event{Kind: "ok"})
	if e := readEvent(t, sc2); e.Kind != "ok" {
		t.Errorf("got %+v, want the ok event (no stale error first)", e)
	}
}

// TestHostAndMethods: the preview answers only requests addressed to it
// by a loopback name or its own address (a page elsewhere using DNS
// rebinding gets nothing), and its event stream and script only to GET.
func TestHostAndMethods(t *testing.T) {
	h := &Handler{Store: storeWith(t, siteFiles), Hub: NewHub("x"), Host: "192.168.1.20"}
	for host, want := range map[string]int{
		"127.0.0.1:1313": 200, "localhost:1313": 200, "LOCALHOST": 200, "[::1]:1313": 200, "192.168.1.20:1313": 200,
		"attacker.example:1313": 421, "attacker.example": 421, "127.0.0.1.nip.io:1313": 421, "10.0.0.1:1313": 421, "": 421,
	} {
		r := httptest.NewRequest("GET", "http://127.0.0.1:1313/", nil)
		r.Host = host
		w := httptest.NewRecorder()
		h.ServeHTTP(w, r)
		if w.Code != want {
			t.Errorf("Host %q: status %d, want %d", host, w.Code, want)
		}
		if want != 200 && strings.Contains(w.Body.String(), "Home") {
			t.Errorf("Host %q: the page was sent", host)
		}
	}
	// Listening on every address, the preview is meant for other machines:
	// any IP address will do, names still will not.
	h.Host = "0.0.0.0"
	for host, want := range map[string]int{"10.0.0.1:1313": 200, "[fe80::1]:80": 200, "attacker.example": 421} {
		r := httptest.NewRequest("GET", "http://x/", nil)
		r.Host = host
		w := httptest.NewRecorder()
		h.ServeHTTP(w, r)
		if w.Code != want {
			t.Errorf("wildcard, Host %q: status %d, want %d", host, w.Code, want)
		}
	}
	h.Host = "127.0.0.1"
	for _, m := range []string{"POST", "PUT", "DELETE", "HEAD", "OPTIONS"} {
		for _, p := range []string{EventsPath, ScriptPath} {
			if w := get(t, h, m, p); w.Code != http.StatusMethodNotAllowed {
				t.Errorf("%s %s: status %d, want 405", m, p, w.Code)
			}
		}
	}
	if w := get(t, h, "GET", ScriptPath); w.Code != 200 {
		t.Errorf("GET %s: %d", ScriptPath, w.Code)
	}
}

// TestRangeRequests: a video or audio file is sent in the ranges asked
// for, so a player can seek.
func TestRangeRequests(t *testing.T) {
	clip := strings.Repeat("0123456789", 1000)
	h := &Handler{Store: storeWith(t, map[string]string{"media/clip.mp4": clip}), Hub: NewHub("x")}
	r := httptest.NewRequest("GET", "http://127.0.0.1:1313/media/clip.mp4", nil)
	r.Header.Set("Range", "bytes=100-109")
	w := httptest.NewRecorder()
	h.ServeHTTP(w, r)
	if w.Code != http.StatusPartialContent || w.Body.String() != clip[100:110] || w.Header().Get("Content-Range") != "bytes 100-109/10000" {
		t.Errorf("range: %d %q %q", w.Code, w.Body.String(), w.Header().Get("Content-Range"))
	}
	if got := w.Header().Get("Content-Type"); got != "video/mp4" {
		t.Errorf("Content-Type %q", got)
	}
	r = httptest.NewRequest("GET", "http://127.0.0.1:1313/media/clip.mp4", nil)
	r.Header.Set("Range", "bytes=20000-")
	w = httptest.NewRecorder()
	h.ServeHTTP(w, r)
	if w.Code != http.StatusRequestedRangeNotSatisfiable {
		t.Errorf("range past the end: %d", w.Code)
	}
}

// TestTimeouts: the server drops a client that never finishes its request
// headers, and an event stream survives the server's write timeout.
func TestTimeouts(t *testing.T) {
	srv := NewServer(&Handler{Store: storeWith(t, siteFiles), Hub: NewHub("x")})
	if srv.ReadHeaderTimeout == 0 || srv.IdleTimeout == 0 || srv.WriteTimeout == 0 || srv.ReadTimeout == 0 {
		t.Fatalf("timeouts missing: %+v", srv)
	}
	srv.WriteTimeout = 300 * time.Millisecond
	srv.ReadHeaderTimeout = 300 * time.Millisecond
	ts := httptest.NewUnstartedServer(srv.Handler)
	ts.Config = srv
	ts.Start()
	defer ts.Close()
	c, err := net.Dial("tcp", ts.Listener.Addr().String())
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	c.Write([]byte("GET / HTTP/1.1\r\nHost: 127.0.0.1\r\n")) // and never the blank line
	c.SetReadDeadline(time.Now().Add(5 * time.Second))
	if _, err := io.ReadAll(c); err != nil {
		t.Errorf("a client that never finished its headers was not dropped: %v", err)
	}
	res, err := http.Get(ts.URL + EventsPath)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	br := bufio.NewReader(res.Body)
	time.Sleep(600 * time.Millisecond) // past the write timeout
	srv.Handler.(*Handler).Hub.Publish(Event{Kind: "reload"})
	for {
		line, err := br.ReadString('\n')
		if err != nil {
			t.Fatalf("the event stream ended at the server's write timeout: %v", err)
		}
		if strings.Contains(line, `"reload"`) {
			break
		}
	}
}
