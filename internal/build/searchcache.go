package build

import (
	"encoding/binary"

	"digest/internal/fingerprint"
	"digest/internal/search"
)

// The search terms of every article are kept between runs beside the
// conversion cache (its path plus ".search"), so that a build in a new
// process (a warm build, or a rebuild after editing one item) reads no
// body for the search index but those of changed articles. The file is:
// searchCacheMagic, the program's version, then for each article its
// fingerprint, its excerpt (a uvarint length and bytes) and its terms
// (search.Terms.AppendEncoded), then a CRC-32C of all before it. A file
// that is missing, foreign, from another program or damaged is ignored
// (see readKept).

const searchCacheMagic = "digest search terms 1\n"

// loadSearchCache reads the terms a last run kept, if it can.
func (b *Builder) loadSearchCache() {
	body, ok := b.readKept(".search", searchCacheMagic)
	if !ok {
		return
	}
	memo := map[fingerprint.Sum]searchTerms{}
	for rest := body; len(rest) > 0; {
		var e searchTerms
		if len(rest) < len(e.fp) {
			return
		}
		copy(e.fp[:], rest)
		rest = rest[len(e.fp):]
		n, m := binary.Uvarint(rest)
		if m <= 0 || n > uint64(len(rest)-m) {
			return
		}
		e.excerpt, rest = string(rest[m:m+int(n)]), rest[m+int(n):]
		if e.terms, rest, ok = search.DecodeTerms(rest); !ok {
			return
		}
		memo[e.fp] = e
	}
	b.searchMemo = memo
}

// saveSearchCache writes the terms of the last build's articles, if they
// changed since they were read.
func (b *Builder) saveSearchCache() error {
	if !b.searchDirty {
		return nil
	}
	var body []byte
	for _, e := range b.searchMemo {
		body = append(body, e.fp[:]...)
		body = binary.AppendUvarint(body, uint64(len(e.excerpt)))
		body = append(body, e.excerpt...)
		body = e.terms.AppendEncoded(body)
	}
	if err := b.writeKept(".search", searchCacheMagic, body); err != nil {
		return err
	}
	b.searchDirty = false
	return nil
}
