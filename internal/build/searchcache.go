package build

import (
	"bufio"
	"bytes"
	"encoding/binary"
	"fmt"
	"hash/crc32"
	"os"
	"path/filepath"

	"digest/internal/disk"
	"digest/internal/fingerprint"
	"digest/internal/markdown"
	"digest/internal/search"
)

// The search terms of every article are kept between runs beside the
// conversion cache (its path plus ".search"), so that a build in a new
// process (a warm build, or a rebuild after editing one item) reads no
// body for the search index but those of changed articles. The file is:
// searchCacheMagic, the program's version, then for each article its
// fingerprint, its excerpt (a uvarint length and bytes) and its terms
// (search.Terms.AppendEncoded), then a CRC-32C of all before it. A file
// that is missing, foreign, from another program or damaged is ignored.

const searchCacheMagic = "digest search terms 1\n"

// maxSearchCache is the most a search cache file may hold: about 30 times
// what 10,000 items need.
const maxSearchCache = 512 << 20

var castagnoli = crc32.MakeTable(crc32.Castagnoli)

// searchCachePath is the file of the search terms, or "" without a cache.
func (b *Builder) searchCachePath() string {
	if b.opts.CacheFile == "" {
		return ""
	}
	return b.opts.CacheFile + ".search"
}

// loadSearchCache reads the terms a last run kept, if it can.
func (b *Builder) loadSearchCache() {
	path := b.searchCachePath()
	version, ok := markdown.ProgramVersion()
	if path == "" || !ok {
		return
	}
	data, err := disk.ReadFile(path, maxSearchCache)
	head := searchCacheMagic + string(version[:])
	if err != nil || len(data) < len(head)+4 || string(data[:len(head)]) != head {
		return
	}
	body, sum := data[:len(data)-4], binary.LittleEndian.Uint32(data[len(data)-4:])
	if crc32.Checksum(body, castagnoli) != sum {
		return
	}
	memo := map[fingerprint.Sum]searchTerms{}
	for rest := body[len(head):]; len(rest) > 0; {
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
// changed since they were read, atomically.
func (b *Builder) saveSearchCache() error {
	path := b.searchCachePath()
	version, ok := markdown.ProgramVersion()
	if path == "" || !ok || !b.searchDirty {
		return nil
	}
	var buf bytes.Buffer
	buf.WriteString(searchCacheMagic)
	buf.Write(version[:])
	var scratch []byte
	for _, e := range b.searchMemo {
		scratch = append(scratch[:0], e.fp[:]...)
		scratch = binary.AppendUvarint(scratch, uint64(len(e.excerpt)))
		scratch = append(scratch, e.excerpt...)
		buf.Write(e.terms.AppendEncoded(scratch))
	}
	buf.Write(binary.LittleEndian.AppendUint32(nil, crc32.Checksum(buf.Bytes(), castagnoli)))
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		return fmt.Errorf("saving the search cache: %w", err)
	}
	tmp, err := os.CreateTemp(filepath.Dir(path), fmt.Sprintf(".cache-%d-*", os.Getpid()))
	if err != nil {
		return fmt.Errorf("saving the search cache: %w", err)
	}
	defer os.Remove(tmp.Name())
	w := bufio.NewWriter(tmp)
	if _, err = w.Write(buf.Bytes()); err == nil {
		err = w.Flush()
	}
	if cerr := tmp.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Rename(tmp.Name(), path)
	}
	if err != nil {
		return fmt.Errorf("saving the search cache: %w", err)
	}
	b.searchDirty = false
	return nil
}
