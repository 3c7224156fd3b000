// Package frontedit edits the front matter of content files without
// rewriting them: it adds a field and leaves every other byte of the file
// as it was, comments, order, quoting, line endings and a leading
// byte-order mark included. It reads the front matter formats the site
// does (YAML, TOML and JSON, with each of their delimiters) and does no
// I/O.
package frontedit

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/BurntSushi/toml"
	"github.com/adrg/frontmatter"
	"go.yaml.in/yaml/v3"
)

// ErrHasField is wrapped by the error InsertField returns when the front
// matter already has the field, in any letter case.
var ErrHasField = errors.New("the front matter already has the field")

// Front matter formats.
const (
	formatYAML = "yaml"
	formatTOML = "toml"
	formatJSON = "json"
)

// openers maps the line that opens front matter to its format, as the
// site reads it.
var openers = map[string]string{
	"---": formatYAML, "---yaml": formatYAML,
	"+++": formatTOML, "---toml": formatTOML,
	";;;": formatJSON, "---json": formatJSON, "{": formatJSON,
}

var bom = []byte("\xef\xbb\xbf")

// line is one line of a file: src[start:end] is its text and
// src[end:next] its line ending ("\n", "\r\n", "\r" or none at the end).
type line struct{ start, end, next int }

func (l line) eol(src []byte) string { return string(src[l.end:l.next]) }

// lineAt returns the line that starts at offset i.
func lineAt(src []byte, i int) line {
	l := line{start: i, end: len(src), next: len(src)}
	if j := bytes.IndexAny(src[i:], "\r\n"); j >= 0 {
		l.end, l.next = i+j, i+j+1
		if src[l.end] == '\r' && l.next < len(src) && src[l.next] == '\n' {
			l.next++
		}
	}
	return l
}

// InsertField returns a copy of src, a content file, with the top-level
// field key set to the string value added as the first field of its
// front matter; no other byte changes. In YAML front matter it is the
// line `key: "value"` right after the opening line, in TOML the line
// `key = "value"` after it, in JSON the member `"key": "value",` right
// after the object's opening brace (without the comma in an empty
// object). The new line ends as the opening line does, so CRLF files stay
// CRLF. The value is quoted as Quote does.
//
// key must be a bare key (letters, digits, '-' and '_'). InsertField
// fails, changing nothing, if src has no front matter, if it does not
// parse, if it already has key (in any letter case: the error wraps
// ErrHasField), or if the result would not read back with key equal to
// value.
func InsertField(src []byte, key, value string) ([]byte, error) {
	if !bareKey(key) {
		return nil, fmt.Errorf("field name %q: use only letters, digits, '-' and '_'", key)
	}
	if !utf8.ValidString(value) {
		return nil, fmt.Errorf("value of %s: not valid UTF-8", key)
	}
	format, before, err := readFields(src)
	if err != nil {
		return nil, err
	}
	if _, n := lookup(before, key); n > 0 {
		return nil, fmt.Errorf("%s: %w", key, ErrHasField)
	}
	at, ins, err := insertion(src, format, key, value)
	if err != nil {
		return nil, err
	}
	out := make([]byte, 0, len(src)+len(ins))
	out = append(append(append(out, src[:at]...), ins...), src[at:]...)
	_, after, err := readFields(out)
	if err != nil {
		return nil, fmt.Errorf("adding %s would break the front matter: %w", key, err)
	}
	if got, n := lookup(after, key); n != 1 || got != value {
		return nil, fmt.Errorf("adding %s to this front matter does not give it the value %s", key, Quote(value))
	}
	return out, nil
}

// insertion returns where in src the field goes and its text.
func insertion(src []byte, format, key, value string) (int, string, error) {
	open, ok := opening(src)
	if !ok {
		return 0, "", errors.New("no front matter")
	}
	eol := open.eol(src)
	switch format {
	case formatYAML:
		return open.next, yamlIndent(src, open.next) + key + ": " + Quote(value) + eol, nil
	case formatTOML:
		return open.next, key + " = " + Quote(value) + eol, nil
	}
	brace := bytes.IndexByte(src[open.start:open.end], '{')
	if brace >= 0 {
		brace += open.start
	} else {
		i := skipSpace(src, open.next, " \t\r\n")
		if i == len(src) || src[i] != '{' {
			return 0, "", errors.New("JSON front matter does not start with {")
		}
		brace = i
	}
	member := strconv.Quote(key) + ": " + Quote(value)
	first := skipSpace(src, brace+1, " \t\r\n")
	empty := first < len(src) && src[first] == '}'
	if !empty {
		member += ","
	}
	if rest := skipSpace(src, brace+1, " \t"); rest < len(src) && (src[rest] == '\n' || src[rest] == '\r') {
		// The brace ends its line: the member gets a line of its own,
		// indented as the first member is.
		l := lineAt(src, lineStart(src, brace))
		indent := leading(src, l.start) + "  "
		if !empty {
			indent = leading(src, lineStart(src, first))
		}
		return l.next, indent + member + l.eol(src), nil
	}
	if !empty {
		member += " "
	}
	return skipSpace(src, brace+1, " \t"), member, nil
}

// opening returns the line that opens the front matter: the first that
// is not blank.
func opening(src []byte) (line, bool) {
	i := 0
	if bytes.HasPrefix(src, bom) {
		i = len(bom)
	}
	for i < len(src) {
		l := lineAt(src, i)
		if len(bytes.TrimSpace(src[l.start:l.end])) > 0 {
			return l, l.next > l.end
		}
		i = l.next
	}
	return line{}, false
}

// yamlIndent is the indentation of the first field after offset i, which
// a YAML mapping's fields must share.
func yamlIndent(src []byte, i int) string {
	for i < len(src) {
		l := lineAt(src, i)
		t := bytes.TrimSpace(src[l.start:l.end])
		switch {
		case string(t) == "---":
			return ""
		case len(t) > 0 && t[0] != '#':
			return leading(src, l.start)
		}
		i = l.next
	}
	return ""
}

// lineStart returns the offset of the start of the line holding offset i.
func lineStart(src []byte, i int) int {
	return bytes.LastIndexAny(src[:i], "\r\n") + 1
}

// leading returns the spaces and tabs the line starting at i begins with.
func leading(src []byte, i int) string {
	return string(src[i:skipSpace(src, i, " \t")])
}

// skipSpace returns the offset of the first byte at or after i that is
// not in space.
func skipSpace(src []byte, i int, space string) int {
	for i < len(src) && strings.IndexByte(space, src[i]) >= 0 {
		i++
	}
	return i
}

func bareKey(key string) bool {
	for _, r := range key {
		if !(r == '_' || r == '-' || r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9') {
			return false
		}
	}
	return key != ""
}

// Quote returns s as a double-quoted string that YAML, TOML (a basic
// string) and JSON all read back as s. It is what strconv.Quote gives,
// but for the escapes only Go knows: control characters become \uXXXX
// (\b, \f, \n, \r and \t stay short), and characters outside the Basic
// Multilingual Plane are written as they are, never as \UXXXXXXXX, which
// JSON lacks.
func Quote(s string) string {
	var b strings.Builder
	b.Grow(len(s) + 2)
	b.WriteByte('"')
	for _, r := range s {
		switch r {
		case '"':
			b.WriteString(`\"`)
		case '\\':
			b.WriteString(`\\`)
		case '\b':
			b.WriteString(`\b`)
		case '\f':
			b.WriteString(`\f`)
		case '\n':
			b.WriteString(`\n`)
		case '\r':
			b.WriteString(`\r`)
		case '\t':
			b.WriteString(`\t`)
		default:
			if r < 0x10000 && !strconv.IsPrint(r) {
				fmt.Fprintf(&b, `\u%04x`, r)
			} else {
				b.WriteRune(r)
			}
		}
	}
	b.WriteByte('"')
	return b.String()
}

// field is a top-level front matter field. value is its text if it is a
// string, else nil.
type field struct {
	key   string
	value any
}

// lookup returns the value of the field key, matched in any letter case,
// and how many fields match.
func lookup(fields []field, key string) (string, int) {
	var v string
	n := 0
	for _, f := range fields {
		if strings.EqualFold(f.key, key) {
			n++
			v, _ = f.value.(string)
		}
	}
	return v, n
}

// readFields reads the top-level fields of src's front matter, as the
// site does: a byte-order mark dropped, line endings made "\n".
func readFields(src []byte) (string, []field, error) {
	src = bytes.TrimPrefix(src, bom)
	src = bytes.ReplaceAll(src, []byte("\r\n"), []byte("\n"))
	src = bytes.ReplaceAll(src, []byte("\r"), []byte("\n"))
	var format string
	var data []byte
	formats := make([]*frontmatter.Format, 0, len(openers))
	for _, start := range []string{"---", "---yaml", "+++", "---toml", ";;;", "---json", "{"} {
		capture := func(b []byte, _ any) error {
			format, data = openers[start], b
			return nil
		}
		end := start
		switch start {
		case "---yaml", "---toml", "---json":
			end = "---"
		case "{":
			end = "}"
		}
		f := frontmatter.NewFormat(start, end, capture)
		f.UnmarshalDelims, f.RequiresNewLine = start == "{", start == "{"
		formats = append(formats, f)
	}
	if _, err := frontmatter.MustParse(bytes.NewReader(src), nil, formats...); err != nil {
		if errors.Is(err, frontmatter.ErrNotFound) {
			return "", nil, errors.New("no front matter, or it is never closed")
		}
		return "", nil, fmt.Errorf("reading front matter: %w", err)
	}
	var fields []field
	var err error
	switch format {
	case formatYAML:
		fields, err = yamlFields(data)
	case formatTOML:
		fields, err = tomlFields(data)
	default:
		fields, err = jsonFields(data)
	}
	if err != nil {
		return "", nil, fmt.Errorf("%s front matter: %w", strings.ToUpper(format), err)
	}
	return format, fields, nil
}

func yamlFields(data []byte) ([]field, error) {
	var doc yaml.Node
	if err := yaml.Unmarshal(data, &doc); err != nil {
		return nil, err
	}
	if len(doc.Content) == 0 {
		return nil, nil
	}
	root := doc.Content[0]
	if root.Kind == yaml.ScalarNode && root.Tag == "!!null" {
		return nil, nil
	}
	if root.Kind != yaml.MappingNode {
		return nil, errors.New("not a set of fields")
	}
	fields := make([]field, 0, len(root.Content)/2)
	for i := 0; i+1 < len(root.Content); i += 2 {
		f := field{key: root.Content[i].Value}
		if v := root.Content[i+1]; v.Kind == yaml.ScalarNode && v.Tag == "!!str" {
			f.value = v.Value
		}
		fields = append(fields, f)
	}
	return fields, nil
}

func tomlFields(data []byte) ([]field, error) {
	m := map[string]any{}
	if _, err := toml.Decode(string(data), &m); err != nil {
		return nil, err
	}
	return plainFields(m), nil
}

func jsonFields(data []byte) ([]field, error) {
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.UseNumber()
	var x any
	if err := dec.Decode(&x); err != nil {
		return nil, err
	}
	m, ok := x.(map[string]any)
	if !ok {
		return nil, errors.New("not a JSON object")
	}
	return plainFields(m), nil
}

func plainFields(m map[string]any) []field {
	fields := make([]field, 0, len(m))
	for k, v := range m {
		fields = append(fields, field{key: k, value: v})
	}
	return fields
}
