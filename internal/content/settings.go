package content

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"time"

	"digest/internal/markdown"
	"digest/internal/spill"
)

// Hash identifies the bytes of a file together with the settings it was
// read with; equal hashes mean equal parse results.
type Hash [16]byte

// String returns the hash in hex.
func (h Hash) String() string { return hex.EncodeToString(h[:]) }

// Settings are the site settings that change how a file is read: the time
// zone dates are read in, whether raw HTML passes, and the URL path the
// site is served under.
type Settings struct {
	Location   *time.Location
	UnsafeHTML bool
	BasePath   string
	Taxonomies Taxonomies
	Converter  *markdown.Converter
	Spill      *spill.File // where long texts are kept, or nil for memory
	heal       *healer     // remakes texts that cannot be read back; nil if kept in memory
}

// NewSettings returns settings for a site configuration.
func NewSettings(cfg *Config) Settings { return newSettings(cfg, nil, nil) }

// newSettings returns settings whose converter keeps conversions in cache
// and their HTML in spill.
func newSettings(cfg *Config, cache *markdown.Cache, spill *spill.File) Settings {
	return Settings{Location: cfg.Location, UnsafeHTML: cfg.UnsafeHTML, BasePath: cfg.BasePath(), Taxonomies: cfg.Taxonomies,
		Converter: markdown.New(markdown.Options{UnsafeHTML: cfg.UnsafeHTML, Base: cfg.Base(), Cache: cache, Spill: spill}), Spill: spill}
}

func (s Settings) key() string {
	k := s.Location.String() + " " + s.BasePath + fmt.Sprintf(" %+v", s.Taxonomies)
	if s.UnsafeHTML {
		k += " unsafe"
	}
	return k
}

func (s Settings) hash(file string, src []byte) Hash {
	h := sha256.New()
	h.Write([]byte(s.key()))
	h.Write([]byte{0})
	h.Write([]byte(file))
	h.Write([]byte{0})
	h.Write(src)
	var out Hash
	copy(out[:], h.Sum(nil))
	return out
}
