package content

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"strings"

	"github.com/adrg/frontmatter"

	"digest/internal/diag"
)

// frontMatter is a file split into its metadata and its body.
type frontMatter struct {
	Format    string // "yaml", "toml" or "json"
	StartLine int    // line of the opening delimiter
	Fields    *value // a map
	Data      []byte // the front matter itself, without its delimiters
	// Body is the Markdown after the front matter, preceded by one empty
	// line per line of front matter, so that its line numbers are the
	// file's.
	Body []byte
}

// delimiters maps opening delimiter lines to their format.
var delimiters = map[string]string{
	"---": "yaml", "---yaml": "yaml",
	"+++": "toml", "---toml": "toml",
	";;;": "json", "---json": "json", "{": "json",
}

// closers names the closing delimiter of each opening one, for messages.
var closers = map[string]string{"---": "---", "---yaml": "---", "+++": "+++", "---toml": "---", ";;;": ";;;", "---json": "---", "{": "}"}

type captured struct{ data []byte }

func capture(data []byte, v any) error {
	v.(*captured).data = append([]byte(nil), data...)
	return nil
}

var formats = []*frontmatter.Format{
	frontmatter.NewFormat("---", "---", capture),
	frontmatter.NewFormat("---yaml", "---", capture),
	frontmatter.NewFormat("+++", "+++", capture),
	frontmatter.NewFormat("---toml", "---", capture),
	frontmatter.NewFormat(";;;", ";;;", capture),
	frontmatter.NewFormat("---json", "---", capture),
	{Start: "{", End: "}", Unmarshal: capture, UnmarshalDelims: true, RequiresNewLine: true},
}

// splitFrontMatter separates src (already normalized) into front matter
// and body. Every problem is reported with the file's own line numbers.
func splitFrontMatter(file string, src []byte) (*frontMatter, diag.List) {
	var diags diag.List
	startLine, opener := firstLine(src)
	if startLine == 0 {
		diags.Errorf(file, 1, "empty-file", "file is empty: an item needs front matter with at least a title and a date")
		return nil, diags
	}
	format, ok := delimiters[opener]
	if !ok {
		diags = append(diags, diag.Diagnostic{File: file, Line: startLine, Severity: diag.Error, Code: "no-front-matter",
			Message: fmt.Sprintf("no front matter: the file starts with %q", shorten(opener, 30)),
			Hint:    "start the file with a --- line, then title: and date:, then another --- line"})
		return nil, diags
	}
	var c captured
	var rest []byte
	var err error
	if data, n, ok := jsonObject(src); opener == "{" && ok {
		c.data, rest = data, src[n:] // the body may start right after the }
	} else {
		rest, err = frontmatter.MustParse(bytes.NewReader(src), &c, formats...)
	}
	if errors.Is(err, frontmatter.ErrNotFound) {
		diags = append(diags, diag.Diagnostic{File: file, Line: startLine, Severity: diag.Error, Code: "front-matter-unclosed",
			Message: fmt.Sprintf("front matter opened with %s is never closed", opener),
			Hint:    fmt.Sprintf("add a line with %s after the last front matter field", closers[opener])})
		return nil, diags
	}
	if err != nil {
		diags.Errorf(file, startLine, "front-matter", "reading front matter: %v", err)
		return nil, diags
	}
	fmLen := len(src) - len(rest)
	fmLines := bytes.Count(src[:fmLen], []byte{'\n'})
	dataLine := startLine + 1
	if opener == "{" {
		dataLine = startLine
	}
	fields, fdiags := decode(file, format, c.data, dataLine)
	diags = append(diags, fdiags...)
	if d := closedTwice(file, rest, closers[opener], fmLines); d != nil {
		diags = append(diags, *d)
	}
	body := make([]byte, fmLines, fmLines+len(rest))
	for i := range body {
		body[i] = '\n'
	}
	body = append(body, rest...)
	return &frontMatter{Format: format, StartLine: startLine, Fields: fields, Data: c.data, Body: body}, diags
}

// jsonObject finds JSON front matter as Hugo does, by reading one JSON
// object from the first {: it returns the object and where the line
// after its closing } starts. ok is false if src does not start with a
// whole object followed by the end of a line; the caller then reads it
// the usual way, which reports what is wrong.
func jsonObject(src []byte) (data []byte, next int, ok bool) {
	start := bytes.IndexByte(src, '{')
	if start < 0 || len(bytes.TrimSpace(src[:start])) > 0 {
		return nil, 0, false
	}
	dec := json.NewDecoder(bytes.NewReader(src[start:]))
	var raw json.RawMessage
	if dec.Decode(&raw) != nil {
		return nil, 0, false
	}
	end := start + int(dec.InputOffset())
	line, _, found := bytes.Cut(src[end:], []byte{'\n'})
	if len(bytes.TrimSpace(line)) > 0 {
		return nil, 0, false
	}
	next = len(src)
	if found {
		next = end + len(line) + 1
	}
	return src[start:end], next, true
}

// firstLine returns the 1-based number and trimmed text of the first
// non-blank line, or 0 if there is none.
func firstLine(src []byte) (int, string) {
	for n := 1; len(src) > 0; n++ {
		line := src
		if i := bytes.IndexByte(src, '\n'); i >= 0 {
			line, src = src[:i], src[i+1:]
		} else {
			src = nil
		}
		if t := bytes.TrimSpace(line); len(t) > 0 {
			return n, string(t)
		}
	}
	return 0, ""
}

// closedTwice finds a second closing delimiter right after the front
// matter: either immediately, or after a few lines that look like fields
// which the editor meant to be part of it.
func closedTwice(file string, rest []byte, closer string, fmLines int) *diag.Diagnostic {
	lines := strings.Split(string(rest), "\n")
	fieldLike := 0
	var fieldLines []int
	for i, l := range lines {
		t := strings.TrimSpace(l)
		if i > 30 {
			break
		}
		switch {
		case t == "" && fieldLike == 0:
			continue
		case t == closer:
			second := fmLines + 1 + i
			d := &diag.Diagnostic{File: file, Line: second, Severity: diag.Error, Code: "front-matter-closed-twice",
				Message: fmt.Sprintf("front matter is closed twice, on lines %d and %d", fmLines, second),
				Hint:    "remove the extra " + closer}
			switch len(fieldLines) {
			case 0:
			case 1:
				d.Message += fmt.Sprintf(": the field on line %d is outside it and not read", fieldLines[0])
			default:
				d.Message += fmt.Sprintf(": the fields on lines %d–%d are outside it and not read", fieldLines[0], fieldLines[len(fieldLines)-1])
			}
			if fieldLike > 0 {
				d.Hint = fmt.Sprintf("remove the %s on line %d", closer, fmLines)
			}
			return d
		case looksLikeField(t):
			fieldLike++
			fieldLines = append(fieldLines, fmLines+1+i)
		default:
			return nil
		}
	}
	return nil
}

func looksLikeField(line string) bool {
	k, _, ok := strings.Cut(line, ":")
	if !ok || k == "" || strings.ContainsAny(k, " \t") {
		return false
	}
	for _, r := range k {
		if !(r == '_' || r == '-' || r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9') {
			return false
		}
	}
	return true
}

func shorten(s string, n int) string {
	r := []rune(s)
	if len(r) > n {
		return string(r[:n]) + "…"
	}
	return s
}
