package serve

import (
	"errors"
	"strings"
	"sync/atomic"
	"testing"

	"digest/internal/fingerprint"
)

func TestDeferRendersOnceOnRequest(t *testing.T) {
	s := storeWith(t, map[string]string{"a.html": "A", "b.html": "B"})
	var calls atomic.Int32
	s.Begin()
	s.Defer("a.html", fingerprint.Strings("a2"), func() ([]byte, error) { calls.Add(1); return []byte("A2"), nil })
	s.Keep("b.html")
	if string(s.Get("a.html").Data) != "A" {
		t.Fatal("a deferred file is visible before Commit")
	}
	changed := s.Commit()
	if strings.Join(changed, " ") != "a.html" {
		t.Errorf("changed %v, want the deferred file", changed)
	}
	if calls.Load() != 0 {
		t.Fatal("rendered before anyone asked")
	}
	if !s.Current("a.html", fingerprint.Strings("a2")) || calls.Load() != 0 {
		t.Error("a deferred file is not current for its input, or Current rendered it")
	}
	for range 3 {
		if got := string(s.Get("a.html").Data); got != "A2" {
			t.Fatalf("got %q", got)
		}
	}
	if calls.Load() != 1 {
		t.Errorf("rendered %d times, want once", calls.Load())
	}
}

func TestDeferKeptUnrenderedAcrossGenerations(t *testing.T) {
	s := storeWith(t, map[string]string{"a.html": "A"})
	var calls atomic.Int32
	s.Begin()
	s.Defer("a.html", fingerprint.Strings("a2"), func() ([]byte, error) { calls.Add(1); return []byte("A2"), nil })
	s.Commit()
	s.Begin()
	if !s.Current("a.html", fingerprint.Strings("a2")) {
		t.Fatal("not current")
	}
	s.Keep("a.html")
	s.Commit()
	if calls.Load() != 0 {
		t.Fatal("Keep rendered the file")
	}
	if errs := s.Fill(nil); errs != nil || calls.Load() != 1 || string(s.Get("a.html").Data) != "A2" {
		t.Errorf("Fill: errors %v, %d renders, data %q", errs, calls.Load(), s.Get("a.html").Data)
	}
}

func TestDeferFailureKeepsLastGoodBytes(t *testing.T) {
	s := storeWith(t, map[string]string{"a.html": "A"})
	s.Begin()
	s.Defer("a.html", fingerprint.Strings("a2"), func() ([]byte, error) { return nil, errors.New("templates/x.html:3: boom") })
	s.Defer("new.html", fingerprint.Strings("n"), func() ([]byte, error) { return nil, errors.New("templates/x.html:3: boom") })
	s.Defer("ok.html", fingerprint.Strings("ok"), func() ([]byte, error) { return []byte("OK"), nil })
	s.Commit()
	errs := s.Fill(nil)
	if len(errs) != 2 || errs[0].Path != "a.html" || errs[1].Path != "new.html" || !strings.Contains(errs[0].Err.Error(), "boom") {
		t.Fatalf("Fill errors %v", errs)
	}
	if f := s.Get("a.html"); string(f.Data) != "A" || f.Err() == nil {
		t.Errorf("a failed render serves %q (err %v), want the last good bytes and the error", f.Data, f.Err())
	}
	if f := s.Get("new.html"); f.Data != nil || f.Err() == nil {
		t.Errorf("a failed new page has data %q, err %v", f.Data, f.Err())
	}
	if string(s.Get("ok.html").Data) != "OK" {
		t.Error("the good page was not rendered")
	}
	if s.Current("a.html", fingerprint.Strings("a2")) {
		t.Error("a failed render counts as current, so the next build would not retry it")
	}
	h := &Handler{Store: s, Hub: NewHub("x"), Reload: true}
	w := get(t, h, "GET", "/new.html")
	if w.Code != 500 || !strings.Contains(w.Body.String(), "boom") || !strings.Contains(w.Body.String(), "reload.js") {
		t.Errorf("failed new page: status %d, body %q", w.Code, w.Body.String())
	}
}

func TestFillStops(t *testing.T) {
	s := NewStore()
	s.Begin()
	var calls atomic.Int32
	for i := range 1000 {
		s.Defer(strings.Repeat("x", i+1)+".html", fingerprint.Strings("x"), func() ([]byte, error) {
			calls.Add(1)
			return nil, errors.New("would be reported")
		})
	}
	s.Commit()
	stop := make(chan struct{})
	close(stop)
	if errs := s.Fill(stop); errs != nil || calls.Load() > 4 {
		t.Errorf("a stopped fill rendered %d pages and reported %d errors", calls.Load(), len(errs))
	}
}
