package search

import (
	"bytes"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"testing"
	"time"
)

// nodeScript runs the pure functions of static/search.js on the JSON of
// stdin and writes their results as JSON.
const nodeScript = `
const s = require(process.env.SEARCH_JS);
const input = JSON.parse(require('fs').readFileSync(0, 'utf8'));
process.stdout.write(JSON.stringify({
  tokens: (input.strings || []).map((x) => s.tokens(x)),
  marks: (input.marks || []).map(([text, terms]) => s.marks(text, terms).map(([a, b]) => text.slice(a, b))),
  human: s.human('2025-08-15'),
  postings: s.postings(input.postings || ''),
  ids: s.ids(input.ids || ''),
  days: Array.from(s.days(input.dates || '')),
  sorted: (input.sort || []).slice().sort(s.cmp),
}));
`

// nodeOut is what nodeScript writes.
type nodeOut struct {
	Tokens   [][]string
	Marks    [][]string
	Human    string
	Postings [][2]int
	IDs      []int
	Days     []int64
	Sorted   []string
}

// runNode runs nodeScript on the JSON of input.
func runNode(t *testing.T, input any) nodeOut {
	t.Helper()
	if _, err := exec.LookPath("node"); err != nil {
		if os.Getenv("CI") != "" {
			t.Fatal("node is not on PATH, and CI is set: static/search.js cannot be checked against Go")
		}
		t.Skip("SKIPPED: node is not on PATH, so static/search.js is NOT checked against Go (install Node.js to run this test)")
	}
	script, err := filepath.Abs("../../static/search.js")
	if err != nil {
		t.Fatalf("find the script: %v", err)
	}
	in, err := json.Marshal(input)
	if err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command("node", "-e", nodeScript)
	cmd.Env = append(os.Environ(), "SEARCH_JS="+script)
	cmd.Stdin = bytes.NewReader(in)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("node: %v\n%s", err, stderr.Bytes())
	}
	var got nodeOut
	if err := json.Unmarshal(out, &got); err != nil {
		t.Fatalf("read node's output: %v\n%s", err, out)
	}
	return got
}

// nodeStrings are tricky strings the script must tokenize as Go does.
var nodeStrings = []string{
	"Zelensky's plan", "Zelensky’s “peace” plan", "ZELENSKY‘S", "Jean-Luc Mélenchon",
	"Київ, Україна: їжак, ґанок, Єдність, Йосип", "ЇЖАК ҐАНОК ЄДНІСТЬ Й", "Ёлка, ёж, всё, ВСЁ",
	"Αθήνα ΑΘΗΝΑ ΟΔΟΣ οδός Ὀδυσσεύς ΣΑΣ σας", "İstanbul ıI İİ", "Straße STRAẞE ß",
	"Crème brûlée façade naïve Ærø Łódź Ångström", "Việt Nam Nguyễn Phú Trọng", "São Paulo Ñandú",
	"e\u0301 E\u0301 a\u0308\u0301 combining", "COVID-19 G7 ½ x² ³⁄₄ Ⅻ ⅻ ①", "2025-08-15T10:30:00Z",
	"🇺🇦 Slava 👍🏽 Ukraini ❤️ 👨‍👩‍👧", "tab\tnew\nline\u00a0nbsp\u2028sep", "co\u00adoperate zero\u200bwidth",
	"北京 東京 서울 한국어", "हिन्दी العربية עברית", "ﬁnance ǅemal Ǆ ǆ", "ΐ ΰ ϐ ϑ ϕ ϖ ϰ ϱ ϵ",
	"ǰ ẖ ẗ ẘ ẙ ẚ", "Ⓐⓑ ㊀ 🄰", "K Å Ω ℃ №", "\U0001D400\U0001D41A math bold",
	"Ⴀ ა Ა ᲐᲑ", "Ꭰ ꭰ Cherokee", "ǈ ǋ ǲ titlecase", "Ǉ ǉ Ǌ ǌ Ǳ ǳ", "Ի ի Armenian և",
	"ŉ ſ ı ĸ", "Ǻ ǻ Ǽ ǽ Ǿ ǿ", "ΆΈΉΊΌΎΏ άέήίόύώ", "ά\u0345 ᾳ ᾼ ῳ", "", "   ", "---", "a",
	"don't can't won’t", "e-mail x.com user@example.org", "C++ C# F#", "$100 €50 £3 ¥7",
}

// TestScriptTokens checks that the script folds and tokenizes as Go does,
// and highlights the original characters of matched tokens.
func TestScriptTokens(t *testing.T) {
	marks := [][]any{
		{"Zürich’s ZÜRICH zurich Zu\u0308rich", [][]any{{"zur", true}}},
		{"Київ і КИЇВ", [][]any{{"киів", false}, {"і", false}}},
		{"ΟΔΟΣ οδός", [][]any{{"οδοσ", false}}},
		{"The plan, planned", [][]any{{"plan", false}}},
		{"한국어 하", [][]any{{Fold("한"), true}}},
		{"한국어", [][]any{{Fold("하"), true}}}, // a prefix that ends inside a syllable
	}
	got := runNode(t, map[string]any{"strings": nodeStrings, "marks": marks})
	for i, s := range nodeStrings {
		want := Tokens(s)
		if len(want) == 0 {
			want = []string{}
		}
		if i >= len(got.Tokens) || !slices.Equal(got.Tokens[i], want) {
			t.Errorf("tokens of %q: JS %q, Go %q", s, got.Tokens[min(i, len(got.Tokens)-1)], want)
		}
	}
	wantMarks := [][]string{
		{"Zür", "ZÜR", "zur", "Zu\u0308r"},
		{"Київ", "і", "КИЇВ"},
		{"ΟΔΟΣ", "οδός"},
		{"plan"},
		{"한"},
		{"한"},
	}
	if !slices.EqualFunc(got.Marks, wantMarks, slices.Equal) {
		t.Errorf("JS marks %q, want %q", got.Marks, wantMarks)
	}
	if got.Human != "15 August 2025" {
		t.Errorf("JS writes 2025-08-15 as %q", got.Human)
	}
}

// TestScriptDecoders checks that the script decodes postings, topic ids
// and dates Go encoded, and orders tokens as Go sorts them.
func TestScriptDecoders(t *testing.T) {
	ids := []int{0, 1, 2, 31, 32, 33, 1000, 1024, 40000, 1 << 20}
	flags := []bool{true, false, true, true, false, false, true, false, true, true}
	l := plist{first: int32(ids[0]), firstFlag: 1, last: int32(ids[0])}
	var idEnc []byte
	var wantPostings [][2]int
	for i, id := range ids {
		prev := -1
		if i > 0 {
			prev = ids[i-1]
			l.enc = appendVarint(l.enc, uint64(id-prev)*2+uint64(b2i(flags[i])))
			l.last = int32(id)
		}
		idEnc = appendVarint(idEnc, uint64(id-prev))
		wantPostings = append(wantPostings, [2]int{id, b2i(flags[i])})
	}
	dates := []time.Time{
		time.Date(2025, 8, 16, 0, 0, 0, 0, time.UTC), time.Date(2025, 8, 15, 0, 0, 0, 0, time.UTC),
		time.Date(2025, 8, 17, 0, 0, 0, 0, time.UTC), time.Date(1969, 12, 31, 0, 0, 0, 0, time.UTC),
		time.Date(2024, 2, 29, 0, 0, 0, 0, time.UTC),
	}
	docs := make([]Doc, len(dates))
	var wantDays []int64
	for i, d := range dates {
		docs[i].Date = d
		wantDays = append(wantDays, dayNumber(d))
	}
	sortMe := []string{"b", "a", "ab", "ｚ", "\U0001D41A", "\uffef", "я", "é", "\ue000x", "\U00010400", "a\U00010400", "a\uffff"}
	got := runNode(t, map[string]any{
		"postings": string(l.value(nil)), "ids": string(idEnc), "dates": encodeDates(docs), "sort": sortMe,
	})
	if !slices.Equal(got.Postings, wantPostings) {
		t.Errorf("JS decodes postings %q as %v, want %v", l.value(nil), got.Postings, wantPostings)
	}
	if !slices.Equal(got.IDs, ids) {
		t.Errorf("JS decodes ids as %v, want %v", got.IDs, ids)
	}
	if !slices.Equal(got.Days, wantDays) {
		t.Errorf("JS decodes dates as %v, want %v", got.Days, wantDays)
	}
	wantSorted := slices.Clone(sortMe)
	slices.Sort(wantSorted)
	if !slices.Equal(got.Sorted, wantSorted) {
		t.Errorf("JS sorts %q, Go %q", got.Sorted, wantSorted)
	}
}

// b2i returns 1 for true.
func b2i(b bool) int {
	if b {
		return 1
	}
	return 0
}
