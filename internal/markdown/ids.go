package markdown

import (
	"strconv"

	"github.com/yuin/goldmark/ast"

	"digest/internal/slug"
)

// headingIDs gives headings ids made like URL slugs, keeping letters of
// every script ("Переговори у Києві" is "переговори-у-києві"; goldmark's
// own generator would drop them), unique within a document.
type headingIDs struct {
	used map[string]bool
}

// Generate returns a new id for a heading's text.
func (h *headingIDs) Generate(value []byte, _ ast.NodeKind) []byte {
	base := slug.Make(string(value))
	if base == "" {
		base = "section"
	}
	id := base
	for i := 1; h.used[id]; i++ {
		id = base + "-" + strconv.Itoa(i)
	}
	h.used[id] = true
	return []byte(id)
}

// Put records an id given by hand, so that generated ones avoid it.
func (h *headingIDs) Put(value []byte) { h.used[string(value)] = true }
