package search

import (
	"encoding/json"
	"fmt"
	"strings"
	"testing"
)

// decodeVarints decodes a varint list, independently of appendVarint.
func decodeVarints(s string) ([]uint64, error) {
	var out []uint64
	var v uint64
	shift := 0
	for i := 0; i < len(s); i++ {
		d := strings.IndexByte(alphabet, s[i])
		if d < 0 {
			return nil, fmt.Errorf("byte %q at %d is not a varint digit", s[i], i)
		}
		if d >= 32 {
			v |= uint64(d-32) << shift
			shift += 5
			continue
		}
		out = append(out, v|uint64(d)<<shift)
		v, shift = 0, 0
	}
	if shift != 0 {
		return nil, fmt.Errorf("varint list %q ends inside a number", s)
	}
	return out, nil
}

// posting is one decoded posting.
type posting struct {
	ID   int
	Flag bool
}

// decodePostings decodes a token's postings.
func decodePostings(s string) ([]posting, error) {
	vs, err := decodeVarints(s)
	if err != nil {
		return nil, err
	}
	out := make([]posting, len(vs))
	id := -1
	for i, v := range vs {
		if v < 2 {
			return nil, fmt.Errorf("postings %q: value %d is no step forward", s, v)
		}
		id += int(v / 2)
		out[i] = posting{id, v%2 == 1}
	}
	return out, nil
}

// decodeIDs decodes a topic's ids.
func decodeIDs(s string) ([]int, error) {
	vs, err := decodeVarints(s)
	if err != nil {
		return nil, err
	}
	out := make([]int, len(vs))
	id := -1
	for i, v := range vs {
		id += int(v)
		out[i] = id
	}
	return out, nil
}

// decodeDates decodes the manifest's dates into days since 1970-01-01.
func decodeDates(s string) ([]int64, error) {
	vs, err := decodeVarints(s)
	if err != nil {
		return nil, err
	}
	unzig := func(v uint64) int64 { return int64(v>>1) ^ -int64(v&1) }
	out := make([]int64, len(vs))
	for i, v := range vs {
		if i == 0 {
			out[i] = unzig(v)
		} else {
			out[i] = out[i-1] - unzig(v)
		}
	}
	return out, nil
}

// readManifest is index.json as the script reads it.
type readManifest struct {
	V         int         `json:"v"`
	N         int         `json:"n"`
	Chunk     int         `json:"chunk"`
	Chunks    []string    `json:"chunks"`
	Shards    [][2]string `json:"shards"`
	Topics    [][2]string `json:"topics"`
	TopicFile string      `json:"topicFile"`
	Dates     string      `json:"dates"`
}

// index is a built index decoded.
type index struct {
	files    map[string][]byte
	manifest readManifest
	shards   []map[string]string // in manifest order
	chunks   [][][]any
	topics   []string
}

// decodeIndex decodes every file of an index with encoding/json.
func decodeIndex(t testing.TB, files []File) index {
	t.Helper()
	ix := index{files: map[string][]byte{}}
	for _, f := range files {
		if _, dup := ix.files[f.Path]; dup {
			t.Fatalf("file %s written twice", f.Path)
		}
		ix.files[f.Path] = f.Data
		if !json.Valid(f.Data) {
			t.Fatalf("%s is not valid JSON: %.200s", f.Path, f.Data)
		}
	}
	read := func(name string, v any) {
		t.Helper()
		data, ok := ix.files["search/"+name]
		if !ok {
			t.Fatalf("the manifest names %s, which Build did not write", name)
		}
		if err := json.Unmarshal(data, v); err != nil {
			t.Fatalf("decode %s: %v", name, err)
		}
	}
	read("index.json", &ix.manifest)
	for _, s := range ix.manifest.Shards {
		var m map[string]string
		read(s[1], &m)
		ix.shards = append(ix.shards, m)
	}
	for _, c := range ix.manifest.Chunks {
		var docs [][]any
		read(c, &docs)
		ix.chunks = append(ix.chunks, docs)
	}
	read(ix.manifest.TopicFile, &ix.topics)
	return ix
}
