package build

import (
	"bytes"
	"encoding/gob"
	"fmt"
	"os"
	"path/filepath"

	"digest/internal/copycheck"
	"digest/internal/disk"
	"digest/internal/markdown"
)

// The comparisons of items with their imported texts are kept between runs
// beside the conversion cache (its path plus ".copies"): a header naming
// the format and the program's version, then the comparisons, in gob. A
// file that is missing, foreign, from another program or damaged is
// ignored.

const copyCacheMagic = "digest copy checks 1\n"

// copyEntry is one kept comparison.
type copyEntry struct {
	Key    copyEntryKey
	Report copycheck.Report
}

// copyEntryKey is copyKey with exported fields, for gob.
type copyEntryKey struct {
	Item [16]byte
	From string
	Run  int
}

func (b *Builder) copyCachePath() string {
	if b.opts.CacheFile == "" {
		return ""
	}
	return b.opts.CacheFile + ".copies"
}

// loadCopyCache reads the comparisons a last run kept, if it can.
func (b *Builder) loadCopyCache() {
	path := b.copyCachePath()
	version, ok := markdown.ProgramVersion()
	if path == "" || !ok {
		return
	}
	data, err := disk.ReadFile(path, maxSearchCache)
	head := copyCacheMagic + string(version[:])
	if err != nil || !bytes.HasPrefix(data, []byte(head)) {
		return
	}
	var entries []copyEntry
	if err := gob.NewDecoder(bytes.NewReader(data[len(head):])).Decode(&entries); err != nil {
		return
	}
	memo := make(map[copyKey]*copycheck.Report, len(entries))
	for _, e := range entries {
		memo[copyKey{item: e.Key.Item, from: e.Key.From, run: e.Key.Run}] = &e.Report
	}
	b.copyMemo = memo
}

// saveCopyCache writes the last build's comparisons, if they changed since
// they were read, atomically.
func (b *Builder) saveCopyCache() error {
	path := b.copyCachePath()
	version, ok := markdown.ProgramVersion()
	if path == "" || !ok || !b.copyDirty {
		return nil
	}
	entries := make([]copyEntry, 0, len(b.copyMemo))
	for k, r := range b.copyMemo {
		entries = append(entries, copyEntry{Key: copyEntryKey{Item: k.item, From: k.from, Run: k.run}, Report: *r})
	}
	var buf bytes.Buffer
	buf.WriteString(copyCacheMagic)
	buf.Write(version[:])
	if err := gob.NewEncoder(&buf).Encode(entries); err != nil {
		return fmt.Errorf("saving the copy checks: %w", err)
	}
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		return fmt.Errorf("saving the copy checks: %w", err)
	}
	tmp, err := os.CreateTemp(filepath.Dir(path), fmt.Sprintf(".cache-%d-*", os.Getpid()))
	if err != nil {
		return fmt.Errorf("saving the copy checks: %w", err)
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
		return fmt.Errorf("saving the copy checks: %w", err)
	}
	b.copyDirty = false
	return nil
}
