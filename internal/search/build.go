package search

import (
	"encoding/json"
	"fmt"
	"slices"
	"strings"
	"sync"
	"time"
)

// File is one file of the index.
type File struct {
	Path string // relative to the output root, e.g. "search/index.json"
	Data []byte
}

const (
	// dir is the folder of the index in the output.
	dir = "search/"
	// manifestPath is the path of the manifest in the output.
	manifestPath = dir + "index.json"
	// chunkSize is how many docs a doc chunk holds.
	chunkSize = 16
	// version is the format version written in the manifest.
	version = 1
)

// manifest is search/index.json; see the package comment.
type manifest struct {
	V         int         `json:"v"`
	N         int         `json:"n"`
	Chunk     int         `json:"chunk"`
	Chunks    []string    `json:"chunks"`
	Shards    [][2]string `json:"shards"`
	Topics    [][2]string `json:"topics"`
	TopicFile string      `json:"topicFile"`
	Dates     string      `json:"dates"`
}

// Build makes the index files of docs (newest first) with terms[i] ==
// TermsOf(docs[i]). Output is deterministic (byte-identical for the same
// input) and sorted by Path. Topic indexes out of range are ignored. Build
// panics if docs and terms differ in length.
func Build(docs []Doc, terms []Terms, topics []Topic) []File {
	if len(docs) != len(terms) {
		panic(fmt.Sprintf("search.Build: %d docs but %d terms", len(docs), len(terms)))
	}
	var chunks []File
	var wg sync.WaitGroup
	wg.Go(func() { chunks = docChunks(docs, len(topics)) })
	posted := shards(collect(terms))
	wg.Wait()

	m := manifest{
		V:      version,
		N:      len(docs),
		Chunk:  chunkSize,
		Chunks: make([]string, len(chunks)),
		Shards: make([][2]string, len(posted)),
		Topics: make([][2]string, len(topics)),
		Dates:  encodeDates(docs),
	}
	files := make([]File, 0, len(chunks)+len(posted)+2)
	for i, c := range chunks {
		m.Chunks[i] = strings.TrimPrefix(c.Path, dir)
		files = append(files, c)
	}
	for i, s := range posted {
		m.Shards[i] = [2]string{s.first, s.name}
		files = append(files, s.file)
	}
	for i, t := range topics {
		m.Topics[i] = [2]string{t.Slug, t.Name}
	}
	tp := topicPostings(docs, len(topics))
	m.TopicFile = hashName("topics-", tp)
	files = append(files, File{Path: dir + m.TopicFile, Data: tp})
	data, err := json.Marshal(m)
	if err != nil {
		panic(fmt.Sprintf("search.Build: marshal manifest: %v", err)) // strings and ints always marshal
	}
	files = append(files, File{Path: manifestPath, Data: data})
	slices.SortFunc(files, func(a, b File) int { return strings.Compare(a.Path, b.Path) })
	// Identical chunks have the same name: keep one file.
	return slices.CompactFunc(files, func(a, b File) bool { return a.Path == b.Path })
}

// docChunks returns the doc chunk files of docs, chunkSize docs a file, in
// order.
func docChunks(docs []Doc, ntopics int) []File {
	out := make([]File, 0, (len(docs)+chunkSize-1)/chunkSize)
	var valid []int
	for lo := 0; lo < len(docs); lo += chunkSize {
		chunk := docs[lo:min(lo+chunkSize, len(docs))]
		size := 2
		for _, d := range chunk {
			size += len(d.Title) + len(d.URL) + len(d.Summary) + 4*len(d.Topics) + 40
			if d.Summary == "" {
				size += 4 * snippetLen
			}
		}
		b := make([]byte, 1, size+size/8)
		b[0] = '['
		for i, d := range chunk {
			if i > 0 {
				b = append(b, ',')
			}
			b = append(b, '[')
			b = appendJSONString(b, d.Title)
			b = append(b, ',')
			b = appendJSONString(b, d.URL)
			b = append(b, ',', '"')
			b = d.Date.AppendFormat(b, time.DateOnly)
			b = append(b, '"', ',')
			sum := d.Summary
			if strings.TrimSpace(sum) == "" {
				sum = snippet(d.Text, snippetLen)
			}
			b = appendJSONString(b, sum)
			b = append(b, ',')
			valid = validTopics(valid[:0], d.Topics, ntopics)
			b = appendInts(b, valid)
			b = append(b, ']')
		}
		b = append(b, ']')
		out = append(out, File{Path: dir + hashName("d/", b), Data: b})
	}
	return out
}

// validTopics appends to dst the topics that index one of ntopics, each
// once, in order.
func validTopics(dst, topics []int, ntopics int) []int {
	for _, t := range topics {
		if t >= 0 && t < ntopics && !slices.Contains(dst, t) {
			dst = append(dst, t)
		}
	}
	return dst
}

// encodeDates returns the manifest's dates: zigzag(days[0]), then
// zigzag(days[i-1] - days[i]), varint-encoded, with days the calendar date
// of each doc in days since 1970-01-01.
func encodeDates(docs []Doc) string {
	b := make([]byte, 0, len(docs)+8)
	var prev int64
	for i, d := range docs {
		days := dayNumber(d.Date)
		if i == 0 {
			b = appendVarint(b, zigzag(days))
		} else {
			b = appendVarint(b, zigzag(prev-days))
		}
		prev = days
	}
	return string(b)
}

// dayNumber returns the days from 1970-01-01 to the calendar date of t in
// its own location.
func dayNumber(t time.Time) int64 {
	y, m, d := t.Date()
	return time.Date(y, m, d, 0, 0, 0, 0, time.UTC).Unix() / 86400
}
