package build

import (
	"bytes"
	"encoding/binary"
	"fmt"
	"hash/crc32"
	"os"
	"path/filepath"

	"digest/internal/diag"
	"digest/internal/disk"
	"digest/internal/markdown"
)

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
	if err := b.pruneImages(); err != nil {
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

// maxKeptFile is the most a kept file may hold: about 30 times what
// 10,000 items need.
const maxKeptFile = 512 << 20

var castagnoli = crc32.MakeTable(crc32.Castagnoli)

// keptPath is the path of a kept file beside the conversion cache
// ("site.cache.search"), or "" without a cache.
func (b *Builder) keptPath(suffix string) string {
	if b.opts.CacheFile == "" {
		return ""
	}
	return b.opts.CacheFile + suffix
}

// readKept returns the body of the kept file with the suffix, if it has
// the header magic and this program's version and its checksum is right;
// ok is false otherwise (missing, foreign, from another program, damaged).
func (b *Builder) readKept(suffix, magic string) (body []byte, ok bool) {
	path := b.keptPath(suffix)
	version, vok := markdown.ProgramVersion()
	if path == "" || !vok {
		return nil, false
	}
	data, err := disk.ReadFile(path, maxKeptFile)
	head := magic + string(version[:])
	if err != nil || len(data) < len(head)+4 || !bytes.HasPrefix(data, []byte(head)) {
		return nil, false
	}
	body, sum := data[len(head):len(data)-4], binary.LittleEndian.Uint32(data[len(data)-4:])
	if crc32.Checksum(data[:len(data)-4], castagnoli) != sum {
		return nil, false
	}
	return body, true
}

// writeKept writes a kept file atomically: the header, body, checksum.
func (b *Builder) writeKept(suffix, magic string, body []byte) error {
	path := b.keptPath(suffix)
	version, ok := markdown.ProgramVersion()
	if path == "" || !ok {
		return nil
	}
	var buf bytes.Buffer
	buf.Grow(len(magic) + len(version) + len(body) + 4)
	buf.WriteString(magic)
	buf.Write(version[:])
	buf.Write(body)
	buf.Write(binary.LittleEndian.AppendUint32(nil, crc32.Checksum(buf.Bytes(), castagnoli)))
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		return fmt.Errorf("saving %s: %w", path, err)
	}
	tmp, err := os.CreateTemp(filepath.Dir(path), fmt.Sprintf(".cache-%d-*", os.Getpid()))
	if err != nil {
		return fmt.Errorf("saving %s: %w", path, err)
	}
	defer os.Remove(tmp.Name())
	_, err = tmp.Write(buf.Bytes())
	if cerr := tmp.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Rename(tmp.Name(), path)
	}
	if err != nil {
		return fmt.Errorf("saving %s: %w", path, err)
	}
	return nil
}
