package build

import (
	"bytes"
	"encoding/gob"
	"fmt"

	"digest/internal/copycheck"
)

// The comparisons of items with their imported texts are kept between runs
// beside the conversion cache (its path plus ".copies"): the comparisons,
// in gob, in a kept file (see readKept). A file that is missing, foreign,
// from another program or damaged is ignored.

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

// loadCopyCache reads the comparisons a last run kept, if it can.
func (b *Builder) loadCopyCache() {
	body, ok := b.readKept(".copies", copyCacheMagic)
	if !ok {
		return
	}
	var entries []copyEntry
	if err := gob.NewDecoder(bytes.NewReader(body)).Decode(&entries); err != nil {
		return
	}
	memo := make(map[copyKey]*copycheck.Report, len(entries))
	for _, e := range entries {
		memo[copyKey{item: e.Key.Item, from: e.Key.From, run: e.Key.Run}] = &e.Report
	}
	b.copyMemo = memo
}

// saveCopyCache writes the last build's comparisons, if they changed since
// they were read.
func (b *Builder) saveCopyCache() error {
	if !b.copyDirty {
		return nil
	}
	entries := make([]copyEntry, 0, len(b.copyMemo))
	for k, r := range b.copyMemo {
		entries = append(entries, copyEntry{Key: copyEntryKey{Item: k.item, From: k.from, Run: k.run}, Report: *r})
	}
	var buf bytes.Buffer
	if err := gob.NewEncoder(&buf).Encode(entries); err != nil {
		return fmt.Errorf("saving the copy checks: %w", err)
	}
	if err := b.writeKept(".copies", copyCacheMagic, buf.Bytes()); err != nil {
		return err
	}
	b.copyDirty = false
	return nil
}
