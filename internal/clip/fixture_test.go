package clip

import (
	"bytes"
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"
)

// A fixture in testdata/*.txtar holds, as txtar sections ("-- name --"
// lines, each starting a file that runs to the next such line):
//
//   - input.txt or input.html: the pasted article. In input.txt the
//     lines end in LF; input.crlf.txt is the same but each LF is turned
//     into CRLF before Clean reads it.
//   - want.txt: the exact Article.Text().
//   - want.json: the other fields: Headline, Related, Caption, Credit,
//     Source, Date ("2006-01-02" or ""), Removed; a missing field must
//     be empty.
//   - or want.error: the name of the sentinel error Clean must return.

// txtarFile is one section of a txtar archive.
type txtarFile struct {
	name string
	data []byte
}

// parseTxtar splits a txtar archive into its files; the comment before
// the first file is ignored.
func parseTxtar(data []byte) []txtarFile {
	var files []txtarFile
	for line := range bytes.Lines(data) {
		s := strings.TrimRight(string(line), "\n")
		if strings.HasPrefix(s, "-- ") && strings.HasSuffix(s, " --") && len(s) > 6 {
			files = append(files, txtarFile{name: strings.TrimSpace(s[3 : len(s)-3])})
			continue
		}
		if len(files) > 0 {
			f := &files[len(files)-1]
			f.data = append(f.data, line...)
		}
	}
	return files
}

// wantFields is the shape of want.json.
type wantFields struct {
	Headline string
	Related  []string
	Caption  string
	Credit   string
	Source   string
	Date     string
	Removed  []string
}

var sentinels = map[string]error{
	"ErrEmpty": ErrEmpty, "ErrBinary": ErrBinary,
	"ErrTooLarge": ErrTooLarge, "ErrNoArticle": ErrNoArticle,
}

func TestFixtures(t *testing.T) {
	paths, err := filepath.Glob(filepath.Join("testdata", "*.txtar"))
	if err != nil {
		t.Fatal(err)
	}
	if len(paths) < 6 {
		t.Fatalf("found %d fixtures in testdata, want at least 6", len(paths))
	}
	for _, path := range paths {
		t.Run(strings.TrimSuffix(filepath.Base(path), ".txtar"), func(t *testing.T) {
			data, err := os.ReadFile(path)
			if err != nil {
				t.Fatal(err)
			}
			runFixture(t, parseTxtar(data))
		})
	}
}

func runFixture(t *testing.T, files []txtarFile) {
	t.Helper()
	sections := map[string][]byte{}
	for _, f := range files {
		sections[f.name] = f.data
	}
	input, isHTML := sections["input.txt"], false
	if in, ok := sections["input.crlf.txt"]; ok {
		input = bytes.ReplaceAll(in, []byte("\n"), []byte("\r\n"))
	}
	if in, ok := sections["input.html"]; ok {
		input, isHTML = in, true
	}
	if input == nil {
		t.Fatal("fixture has no input.txt, input.crlf.txt or input.html")
	}
	a, err := Clean(input, isHTML)
	if name, ok := sections["want.error"]; ok {
		want := sentinels[strings.TrimSpace(string(name))]
		if want == nil {
			t.Fatalf("want.error names no sentinel: %q", name)
		}
		if !errors.Is(err, want) {
			t.Fatalf("Clean returned %v, %v; want an error wrapping %v", a, err, want)
		}
		return
	}
	if err != nil {
		t.Fatalf("Clean: %v", err)
	}
	if got, want := a.Text(), string(sections["want.txt"]); got != want {
		t.Errorf("Text() =\n%s\nwant\n%s", got, want)
	}
	checkFields(t, a, sections["want.json"])
}

func checkFields(t *testing.T, a *Article, wantJSON []byte) {
	t.Helper()
	var want wantFields
	dec := json.NewDecoder(bytes.NewReader(wantJSON))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&want); err != nil {
		t.Fatalf("want.json: %v", err)
	}
	date := ""
	if !a.Date.IsZero() {
		date = a.Date.Format(time.DateOnly)
		if a.Date != time.Date(a.Date.Year(), a.Date.Month(), a.Date.Day(), 0, 0, 0, 0, time.UTC) {
			t.Errorf("Date = %v, want midnight UTC", a.Date)
		}
	}
	got := wantFields{a.Headline, a.Related, a.Caption, a.Credit, a.Source, date, a.Removed}
	same := got.Headline == want.Headline && got.Caption == want.Caption &&
		got.Credit == want.Credit && got.Source == want.Source && got.Date == want.Date &&
		slices.Equal(got.Related, want.Related) && slices.Equal(got.Removed, want.Removed)
	if !same {
		g, _ := json.MarshalIndent(got, "", "  ")
		w, _ := json.MarshalIndent(want, "", "  ")
		t.Errorf("fields =\n%s\nwant\n%s", g, w)
	}
	if a.Headline != "" && !strings.HasPrefix(a.Text(), a.Headline+"\n") {
		t.Errorf("Text() does not start with the headline %q", a.Headline)
	}
}
