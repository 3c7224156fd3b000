package render

import (
	"sync"

	"digest/internal/fingerprint"
)

// memo caches fragments by key across builds with two generations. A new
// generation keeps what the last one used and drops the rest, so that a
// long preview session does not grow without bound (see
// Templates.NextBuild for when one starts).
type memo struct {
	mu   sync.Mutex
	cur  map[memoKey]string
	prev map[memoKey]string
}

type memoKey struct {
	name string
	sum  fingerprint.Sum
}

// next starts a new generation.
func (m *memo) next() {
	m.mu.Lock()
	defer m.mu.Unlock()
	m.prev, m.cur = m.cur, map[memoKey]string{}
}

// grown reports whether the current generation has come to hold more than
// the previous one: fragments made since it started outnumber those kept.
func (m *memo) grown() bool {
	m.mu.Lock()
	defer m.mu.Unlock()
	return len(m.cur) > len(m.prev)
}

// get returns the cached value for k, computing it with make if needed.
// Concurrent callers may compute the same value twice; both are equal.
func (m *memo) get(k memoKey, make func() (string, error)) (string, error) {
	m.mu.Lock()
	if m.cur == nil {
		m.cur = map[memoKey]string{}
	}
	if v, ok := m.cur[k]; ok {
		m.mu.Unlock()
		return v, nil
	}
	if v, ok := m.prev[k]; ok {
		m.cur[k] = v
		m.mu.Unlock()
		return v, nil
	}
	m.mu.Unlock()
	v, err := make()
	if err != nil {
		return "", err
	}
	m.mu.Lock()
	m.cur[k] = v
	m.mu.Unlock()
	return v, nil
}
