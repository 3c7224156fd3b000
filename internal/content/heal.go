package content

import (
	"fmt"
	"io/fs"
	"slices"
	"sync"

	"digest/internal/diag"
	"digest/internal/markdown"
)

// healer makes an item's body and front matter again from its Markdown
// file when reading them back from where they were kept (the conversion
// cache file, the spill file) fails: that file was changed in place under
// the running process. Every read of a kept text is checked (see package
// spill), so a damaged text is noticed, never shown.
type healer struct {
	fsys fs.FS
	conv *markdown.Converter // the site's options, no cache, no spill

	mu    sync.Mutex
	files []string // items healed since Damage was last called
	cause error    // the first read error
}

// healed is what a healer made for one item.
type healed struct {
	body   string
	params []byte // the front matter
}

func newHealer(fsys fs.FS, cfg *Config) *healer {
	return &healer{fsys: fsys, conv: markdown.New(markdown.Options{UnsafeHTML: cfg.UnsafeHTML, Base: cfg.Base()})}
}

// heal reads and converts it's file again, after cause. The result is
// kept in the item, so each item is healed at most once.
func (h *healer) heal(it *Item, cause error) (*healed, error) {
	if got := it.healed.Load(); got != nil {
		return got, nil
	}
	real := it.real
	if real == "" {
		real = it.File
	}
	src, d := readSource(h.fsys, it.File, real)
	if d != nil {
		return nil, fmt.Errorf("%s: %w (and reading the file again failed: %s)", it.File, cause, d.Message)
	}
	src, d = normalize(it.File, src)
	if d != nil {
		return nil, fmt.Errorf("%s: %w (and the file now has errors: %s)", it.File, cause, d.Message)
	}
	fm, _ := splitFrontMatter(it.File, src)
	if fm == nil {
		return nil, fmt.Errorf("%s: %w (and the file now has errors)", it.File, cause)
	}
	res, err := h.conv.Convert(fm.Body)
	if err != nil {
		return nil, fmt.Errorf("%s: %w (and converting it again failed: %v)", it.File, cause, err)
	}
	body, _ := res.HTML.Read() // in memory: cannot fail
	got := &healed{body: body, params: fm.Data}
	if !it.healed.CompareAndSwap(nil, got) {
		return it.healed.Load(), nil
	}
	h.mu.Lock()
	h.files = append(h.files, it.File)
	if h.cause == nil {
		h.cause = cause
	}
	h.mu.Unlock()
	return got, nil
}

// damage returns one warning for the items healed since it was last
// called, if any.
func (h *healer) damage() diag.List {
	h.mu.Lock()
	defer h.mu.Unlock()
	if len(h.files) == 0 {
		return nil
	}
	slices.Sort(h.files)
	var diags diag.List
	diags.Warnf(h.files[0], 0, "kept-text-damaged",
		"%d item bodies could not be read back where they were kept (%v): they were converted again from their Markdown; was the conversion cache changed while digest ran?",
		len(h.files), h.cause)
	h.files, h.cause = nil, nil
	return diags
}
