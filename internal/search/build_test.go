package search

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"path"
	"reflect"
	"runtime"
	"slices"
	"strings"
	"testing"
	"time"
	"unicode/utf8"
)

// testDocs returns hand-made docs followed by synthetic ones.
func testDocs(t testing.TB, synthetic int) []Doc {
	kyiv, err := time.LoadLocation("Europe/Kyiv")
	if err != nil {
		kyiv = time.FixedZone("EEST", 3*3600)
	}
	long := strings.Repeat("Lorem ipsum dolor sit amet, consectetur adipiscing elit. ", 20)
	docs := []Doc{{
		Title:   "<script>alert(1)</script> Zelensky’s plan & “peace”",
		Summary: "Talks in Zürich and Київ",
		URL:     "/repo/2025/08/16/plan/",
		Date:    time.Date(2025, 8, 16, 1, 30, 0, 0, kyiv), // 15 August in UTC
		Topics:  []int{2, 0, 2, 99, -1},
		Names:   []string{"Volodymyr Zelensky", "Ελλάδα"},
		Text:    "The plan was discussed at length. Ukraine's partners said plan B exists.",
	}, {
		Title: "Markets fall",
		URL:   "/repo/2025/08/15/markets/",
		Date:  time.Date(2025, 8, 15, 9, 0, 0, 0, time.UTC),
		Text:  long,
	}, {
		Title:  "Out of order: newer than the one before",
		URL:    "/repo/2025/08/17/odd/",
		Date:   time.Date(2025, 8, 17, 9, 0, 0, 0, time.UTC),
		Topics: []int{0},
		Text:   "Editors' weights reorder a day.",
	}, {
		Title: "Before the epoch",
		URL:   "/repo/1969/12/31/old/",
		Date:  time.Date(1969, 12, 31, 23, 0, 0, 0, time.UTC),
	}}
	return append(docs, synthDocs(synthetic, 80, 3000)...)
}

// wantPostings returns every token's postings, computed from Tokens alone.
func wantPostings(docs []Doc) map[string][]posting {
	want := map[string][]posting{}
	for id, d := range docs {
		flagged := map[string]bool{}
		for _, s := range append([]string{d.Title, d.Summary}, d.Names...) {
			for _, tok := range Tokens(s) {
				flagged[tok] = true
			}
		}
		all := map[string]bool{}
		for _, tok := range Tokens(d.Text) {
			all[tok] = true
		}
		for tok := range flagged {
			all[tok] = true
		}
		for tok := range all {
			want[tok] = append(want[tok], posting{id, flagged[tok]})
		}
	}
	return want
}

func TestBuildPostingsAndShards(t *testing.T) {
	docs := testDocs(t, 1500)
	files := Build(docs, termsOf(docs), synthTopics)
	ix := decodeIndex(t, files)
	m := ix.manifest
	if m.V != 1 || m.N != len(docs) || m.Chunk != 16 {
		t.Fatalf("manifest v=%d n=%d chunk=%d, want 1, %d, 16", m.V, m.N, m.Chunk, len(docs))
	}
	if len(m.Shards) < 3 {
		t.Fatalf("%d shards: the test wants several", len(m.Shards))
	}
	got := map[string][]posting{}
	for i, sh := range ix.shards {
		first := m.Shards[i][0]
		if i > 0 && m.Shards[i-1][0] >= first {
			t.Errorf("shard %d starts at %q, not after shard %d's %q", i, first, i-1, m.Shards[i-1][0])
		}
		if _, ok := sh[first]; !ok {
			t.Errorf("shard %d lacks its first token %q", i, first)
		}
		if size := len(ix.files["search/"+m.Shards[i][1]]); size > 24<<10 && len(sh) > 1 {
			t.Errorf("shard %d is %d bytes with %d tokens", i, size, len(sh))
		}
		for tok, enc := range sh {
			if tok < first || i+1 < len(m.Shards) && tok >= m.Shards[i+1][0] {
				t.Errorf("token %q is in shard %d, whose range is [%q, next)", tok, i, first)
			}
			if _, dup := got[tok]; dup {
				t.Errorf("token %q is in two shards", tok)
			}
			p, err := decodePostings(enc)
			if err != nil {
				t.Fatal(err)
			}
			got[tok] = p
		}
	}
	want := wantPostings(docs)
	if len(got) != len(want) {
		t.Errorf("%d tokens in the index, want %d", len(got), len(want))
	}
	for tok, w := range want {
		if !reflect.DeepEqual(got[tok], w) {
			t.Errorf("postings of %q:\n got %v\nwant %v", tok, got[tok], w)
		}
	}
	for _, tok := range []string{"zelensky", "s", "киів", "ελλαδα", "zurich", "script"} {
		if len(got[tok]) == 0 {
			t.Errorf("no postings for %q", tok)
		}
	}
	if p := got["zelensky"]; len(p) == 0 || p[0] != (posting{0, true}) {
		t.Errorf("zelensky: %v, want doc 0 flagged first", p)
	}
	if p := got["partners"]; !reflect.DeepEqual(p, []posting{{0, false}}) {
		t.Errorf("partners: %v, want doc 0 unflagged", p)
	}
}

func TestBuildDatesTopicsChunks(t *testing.T) {
	docs := testDocs(t, 100)
	ix := decodeIndex(t, Build(docs, termsOf(docs), synthTopics))
	days, err := decodeDates(ix.manifest.Dates)
	if err != nil {
		t.Fatal(err)
	}
	if len(days) != len(docs) {
		t.Fatalf("%d dates for %d docs", len(days), len(docs))
	}
	for id, d := range docs {
		got := time.Unix(days[id]*86400, 0).UTC().Format(time.DateOnly)
		if want := d.Date.Format(time.DateOnly); got != want {
			t.Errorf("doc %d: date %s, want %s", id, got, want)
		}
	}
	if got := time.Unix(days[0]*86400, 0).UTC().Format(time.DateOnly); got != "2025-08-16" {
		t.Errorf("doc 0's date is %s: not the calendar date in its own zone", got)
	}

	for k := range synthTopics {
		var want []int
		for id, d := range docs {
			if slices.Contains(validTopics(nil, d.Topics, len(synthTopics)), k) {
				want = append(want, id)
			}
		}
		got, err := decodeIDs(ix.topics[k])
		if err != nil {
			t.Fatal(err)
		}
		if !slices.Equal(got, want) {
			t.Errorf("topic %d: ids %v, want %v", k, got, want)
		}
	}
	if len(ix.topics) != len(synthTopics) || ix.manifest.Topics[2] != [2]string{"us", "United States"} {
		t.Errorf("topics %v in manifest, %d topic postings", ix.manifest.Topics, len(ix.topics))
	}

	if want := (len(docs) + 15) / 16; len(ix.chunks) != want {
		t.Fatalf("%d chunks, want %d", len(ix.chunks), want)
	}
	for id, d := range docs {
		c := ix.chunks[id/16]
		if id%16 >= len(c) {
			t.Fatalf("doc %d missing from chunk %d", id, id/16)
		}
		sum := d.Summary
		if sum == "" {
			sum = snippet(d.Text, 160)
		}
		var topics []any
		for _, k := range validTopics(nil, d.Topics, len(synthTopics)) {
			topics = append(topics, float64(k))
		}
		if topics == nil {
			topics = []any{}
		}
		want := []any{d.Title, d.URL, d.Date.Format(time.DateOnly), sum, topics}
		if got := c[id%16]; !reflect.DeepEqual(got, want) {
			t.Errorf("doc %d in chunk:\n got %#v\nwant %#v", id, got, want)
		}
	}
	if got := ix.chunks[0][0][4]; !reflect.DeepEqual(got, []any{2.0, 0.0}) {
		t.Errorf("doc 0's topics %v, want [2 0]: main first, duplicates and bad indexes dropped", got)
	}
	dek := ix.chunks[0][1][3].(string)
	if !strings.HasSuffix(dek, "…") || utf8.RuneCountInString(dek) > 161 || !strings.HasPrefix(dek, "Lorem ipsum") {
		t.Errorf("summary made from text: %q", dek)
	}
}

func TestBuildFiles(t *testing.T) {
	docs := testDocs(t, 1200)
	terms := termsOf(docs)
	files := Build(docs, terms, synthTopics)
	if !slices.IsSortedFunc(files, func(a, b File) int { return strings.Compare(a.Path, b.Path) }) {
		t.Error("files are not sorted by path")
	}
	for _, f := range files {
		if f.Path == "search/index.json" {
			continue
		}
		sum := sha256.Sum256(f.Data)
		base := path.Base(f.Path)
		if !strings.HasSuffix(base, hex.EncodeToString(sum[:5])+".json") {
			t.Errorf("%s: name is not the hash of its bytes", f.Path)
		}
	}
	ix := decodeIndex(t, files)
	chunk0 := ix.files["search/"+ix.manifest.Chunks[0]]
	if !bytes.Contains(chunk0, []byte(`\u003cscript\u003ealert(1)\u003c/script\u003e`)) || bytes.Contains(chunk0, []byte("<script")) {
		t.Errorf("the headline's <script> is not escaped: %.120s", chunk0)
	}
	if ix.chunks[0][0][0] != docs[0].Title {
		t.Errorf("the headline does not read back: %q", ix.chunks[0][0][0])
	}

	again := Build(docs, termsOf(docs), synthTopics)
	if !reflect.DeepEqual(files, again) {
		t.Error("two builds of the same docs differ")
	}
	defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(1))
	one := Build(docs, terms, synthTopics)
	runtime.GOMAXPROCS(5)
	five := Build(docs, terms, synthTopics)
	if !reflect.DeepEqual(files, one) || !reflect.DeepEqual(one, five) {
		t.Error("builds on 1 and 5 goroutines differ")
	}
}

func TestBuildEmpty(t *testing.T) {
	ix := decodeIndex(t, Build(nil, nil, nil))
	m := ix.manifest
	if m.N != 0 || m.Shards == nil || m.Chunks == nil || m.Topics == nil || m.Dates != "" {
		t.Errorf("empty index: %s", ix.files["search/index.json"])
	}
}

func TestShardOfOneBigToken(t *testing.T) {
	big := bytes.Repeat([]byte("C"), 30000)
	lists := []plist{{tok: "a", first: 0}, {tok: "b", first: 1, enc: big}, {tok: "c", first: 2}}
	sh := shards(lists)
	if len(sh) != 3 || sh[0].first != "a" || sh[1].first != "b" || sh[2].first != "c" {
		t.Fatalf("shards %v, want a, b, c alone", sh)
	}
	if n := len(sh[1].file.Data); n < 30000 {
		t.Errorf("the big token's shard is %d bytes", n)
	}
}

func TestTermsOf(t *testing.T) {
	d := Doc{Title: "Kyiv talks", Summary: "Talks resume", Names: []string{"Київ"}, Text: "The talks in Kyiv went on; the end."}
	got := map[string]bool{}
	TermsOf(d).each(func(tok string, flagged bool) {
		if _, dup := got[tok]; dup {
			t.Errorf("token %q twice", tok)
		}
		got[tok] = flagged
	})
	want := map[string]bool{"kyiv": true, "talks": true, "resume": true, "киів": true,
		"the": false, "in": false, "went": false, "on": false, "end": false}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("terms %v, want %v", got, want)
	}
	if TermsOf(Doc{}).toks != "" {
		t.Error("terms of an empty doc")
	}
}

func TestTermsEncodeRoundTrip(t *testing.T) {
	for _, d := range []Doc{{}, {Title: "Переговори у Стамбулі", Text: "Talks resumed in Geneva, talks."}, {Summary: "Zürich", Names: []string{"Ann Lee"}}} {
		want := TermsOf(d)
		b := want.AppendEncoded([]byte("x"))
		got, rest, ok := DecodeTerms(append(b[1:], "tail"...))
		if !ok || got != want || string(rest) != "tail" {
			t.Errorf("%+v: decoded %+v (ok %v, rest %q), want %+v", d, got, ok, rest, want)
		}
	}
	for _, bad := range [][]byte{nil, {5}, {0, 3, 'a', 'b'}, {9, 2, 'a', ' '}} {
		if _, _, ok := DecodeTerms(bad); ok {
			t.Errorf("%v decodes", bad)
		}
	}
}
