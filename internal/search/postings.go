package search

import (
	"runtime"
	"slices"
	"strconv"
	"strings"
	"sync"
)

// shardCap is the most bytes of JSON a posting shard has, unless it holds a
// single token whose postings are bigger.
const shardCap = 24 << 10

// plist is the postings of one token while they are collected.
type plist struct {
	tok       string
	first     int32  // id of the first doc
	firstFlag uint64 // flag of the first doc
	last      int32  // id of the last doc
	enc       []byte // the postings after the first, varint-encoded
}

// value appends the whole encoded postings of l.
func (l *plist) value(b []byte) []byte {
	b = appendVarint(b, uint64(l.first+1)*2+l.firstFlag)
	return append(b, l.enc...)
}

// minDocsPerWorker keeps small builds on one goroutine.
const minDocsPerWorker = 512

// collect returns the postings of every token of terms, sorted by token.
// Docs are split among goroutines in contiguous runs whose postings are
// then joined in id order.
func collect(terms []Terms) []plist {
	workers := max(1, min(runtime.GOMAXPROCS(0), len(terms)/minDocsPerWorker))
	parts := make([][]plist, workers)
	var wg sync.WaitGroup
	for w := range workers {
		lo, hi := len(terms)*w/workers, len(terms)*(w+1)/workers
		wg.Go(func() { parts[w] = collectRun(terms[lo:hi], int32(lo)) })
	}
	wg.Wait()
	lists := parts[0]
	index := make(map[string]int, len(lists))
	for i := range lists {
		index[lists[i].tok] = i
	}
	for _, part := range parts[1:] {
		for _, p := range part {
			i, ok := index[p.tok]
			if !ok {
				index[p.tok] = len(lists)
				lists = append(lists, p)
				continue
			}
			l := &lists[i]
			l.enc = appendVarint(l.enc, uint64(p.first-l.last)*2+p.firstFlag)
			l.enc = append(l.enc, p.enc...)
			l.last = p.last
		}
	}
	slices.SortFunc(lists, func(a, b plist) int { return strings.Compare(a.tok, b.tok) })
	return lists
}

// collectRun returns the postings of the docs terms, the first of which has
// id base, in order of first occurrence.
func collectRun(terms []Terms, base int32) []plist {
	index := make(map[string]int32, 4096)
	var lists []plist
	for i, t := range terms {
		id := base + int32(i)
		s := t.toks
		for n := 0; s != ""; n++ {
			end := strings.IndexByte(s, termSep)
			tok := s[:end]
			s = s[end+1:]
			var flag uint64
			if n < t.flagged {
				flag = 1
			}
			j, ok := index[tok]
			if !ok {
				index[tok] = int32(len(lists))
				lists = append(lists, plist{tok: tok, first: id, firstFlag: flag, last: id})
				continue
			}
			l := &lists[j]
			l.enc = appendVarint(l.enc, uint64(id-l.last)*2+flag)
			l.last = id
		}
	}
	return lists
}

// shard is one posting shard: its first token and its file.
type shard struct {
	first string
	file  File
	name  string // the file's name relative to the manifest
}

// shards cuts the sorted postings into shards of at most shardCap bytes.
func shards(lists []plist) []shard {
	var out []shard
	var buf []byte
	first := ""
	flush := func() {
		buf = append(buf, '}')
		name := hashName("s/", buf)
		out = append(out, shard{first: first, name: name, file: File{Path: dir + name, Data: buf}})
		buf = nil
	}
	var entry []byte
	for i := range lists {
		l := &lists[i]
		entry = appendJSONString(entry[:0], l.tok)
		entry = append(entry, ':', '"')
		entry = l.value(entry)
		entry = append(entry, '"')
		if buf != nil && len(buf)+1+len(entry)+1 > shardCap {
			flush()
		}
		if buf == nil {
			buf = make([]byte, 0, max(shardCap, len(entry)+2))
			buf = append(buf, '{')
			first = l.tok
		} else {
			buf = append(buf, ',')
		}
		buf = append(buf, entry...)
	}
	if buf != nil {
		flush()
	}
	return out
}

// topicPostings returns the topic postings file: for each topic the ids of
// its docs, varint-encoded as deltas.
func topicPostings(docs []Doc, ntopics int) []byte {
	enc := make([][]byte, ntopics)
	last := make([]int, ntopics)
	for i := range last {
		last[i] = -1
	}
	for id, d := range docs {
		for _, t := range d.Topics {
			if t < 0 || t >= ntopics || last[t] == id {
				continue
			}
			enc[t] = appendVarint(enc[t], uint64(id-last[t]))
			last[t] = id
		}
	}
	b := []byte{'['}
	for i, e := range enc {
		if i > 0 {
			b = append(b, ',')
		}
		b = append(b, '"')
		b = append(b, e...)
		b = append(b, '"')
	}
	return append(b, ']')
}

// appendInts appends a JSON array of ints.
func appendInts(b []byte, ints []int) []byte {
	b = append(b, '[')
	for i, n := range ints {
		if i > 0 {
			b = append(b, ',')
		}
		b = strconv.AppendInt(b, int64(n), 10)
	}
	return append(b, ']')
}
