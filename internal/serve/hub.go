package serve

import (
	"encoding/json"
	"sync"
)

// Event is what open pages are told after a build.
type Event struct {
	// Kind is "hello" (sent on connecting), "reload" (outputs changed),
	// "css" (only stylesheets changed), "error" (the build failed) or
	// "ok" (a failed build was fixed).
	Kind string `json:"kind"`
	// Server identifies this server process: a page that sees another
	// one after reconnecting reloads, since it may be stale.
	Server string `json:"server"`
	// Paths are the URL paths whose output changed ("/2025/08/15/x/").
	Paths []string `json:"paths,omitempty"`
	// CSS maps each old stylesheet URL to its new one.
	CSS map[string]string `json:"css,omitempty"`
	// Errors are the build's errors, one "file:line: message" each.
	Errors []string `json:"errors,omitempty"`
}

// Hub fans events out to connected pages.
type Hub struct {
	mu      sync.Mutex
	clients map[chan []byte]struct{}
	state   *Event // the current error state, sent to pages that connect
	server  string
	closed  bool
	sent    int
}

// NewHub returns a hub for a server process with the given identity.
func NewHub(server string) *Hub {
	return &Hub{clients: map[chan []byte]struct{}{}, server: server}
}

// subscribe registers a page; the returned channel receives encoded
// events, starting with a hello and the current error state, if any.
func (h *Hub) subscribe() (chan []byte, func()) {
	c := make(chan []byte, 64)
	h.mu.Lock()
	defer h.mu.Unlock()
	c <- encode(Event{Kind: "hello", Server: h.server})
	if h.state != nil {
		c <- encode(*h.state)
	}
	if h.closed {
		close(c)
		return c, func() {}
	}
	h.clients[c] = struct{}{}
	return c, func() {
		h.mu.Lock()
		defer h.mu.Unlock()
		if _, ok := h.clients[c]; ok {
			delete(h.clients, c)
			close(c)
		}
	}
}

// Publish sends an event to every page. An "error" event is remembered
// for pages that connect later, until an "ok", "reload" or "css" event.
func (h *Hub) Publish(e Event) {
	e.Server = h.server
	b := encode(e)
	h.mu.Lock()
	defer h.mu.Unlock()
	if e.Kind == "error" {
		h.state = &e
	} else {
		h.state = nil
	}
	h.sent++
	for c := range h.clients {
		select {
		case c <- b:
		default: // a page that does not read gets no more events
			delete(h.clients, c)
			close(c)
		}
	}
}

// Clients returns the number of connected pages.
func (h *Hub) Clients() int {
	h.mu.Lock()
	defer h.mu.Unlock()
	return len(h.clients)
}

// Close disconnects every page, so that a server shutting down does not
// wait for them.
func (h *Hub) Close() {
	h.mu.Lock()
	defer h.mu.Unlock()
	h.closed = true
	for c := range h.clients {
		delete(h.clients, c)
		close(c)
	}
}

func encode(e Event) []byte {
	b, _ := json.Marshal(e)
	return b
}
