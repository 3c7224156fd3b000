package build

import "digest/internal/diag"

// What a builder keeps between runs, beside the conversion cache file
// (Options.CacheFile): the search terms (searchcache.go) and the
// comparisons with imported texts (copycache.go).

// SaveCache writes the Markdown conversions, search terms and comparisons
// with imported texts this builder used or made beside
// Options.CacheFile, where they changed.
func (b *Builder) SaveCache() error {
	if b.cache == nil {
		return nil
	}
	if err := b.saveSearchCache(); err != nil {
		return err
	}
	if err := b.saveCopyCache(); err != nil {
		return err
	}
	return b.cache.Save(b.opts.CacheFile)
}

// strictly returns the diagnostics with warnings made errors if the
// builder is strict.
func (b *Builder) strictly(l diag.List) diag.List {
	if b.opts.Strict {
		for i := range l {
			if l[i].Severity == diag.Warning {
				l[i].Severity = diag.Error
			}
		}
	}
	return l
}
