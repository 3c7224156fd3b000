package content

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"time"

	"github.com/BurntSushi/toml"
	"go.yaml.in/yaml/v3"

	"digest/internal/diag"
)

// Budgets for front matter: a few dozen fields is normal; these stop
// "billion laughs" alias expansion and pathological nesting.
const (
	maxValues = 10000
	maxDepth  = 32
)

// decode parses front matter data in format; firstLine is the file line of
// data's first line.
func decode(file, format string, data []byte, firstLine int) (*value, diag.List) {
	var diags diag.List
	var v *value
	var err error
	var errLine int
	switch format {
	case "yaml":
		v, errLine, err = decodeYAML(data)
	case "toml":
		v, errLine, err = decodeTOML(data)
	default:
		v, errLine, err = decodeJSON(data)
	}
	if err != nil {
		line := firstLine
		if errLine > 0 {
			line = firstLine + errLine - 1
		}
		d := diag.Diagnostic{File: file, Line: line, Severity: diag.Error, Code: "front-matter-syntax",
			Message: fmt.Sprintf("%s front matter: %v", strings.ToUpper(format), err)}
		d.Hint = syntaxHint(format, err.Error(), lineAt(data, errLine))
		diags = append(diags, d)
		return nil, diags
	}
	shiftLines(v, firstLine-1)
	return v, diags
}

func shiftLines(v *value, by int) {
	if v.line > 0 {
		v.line += by
	}
	for _, c := range v.list {
		shiftLines(c, by)
	}
	for _, k := range v.keys {
		shiftLines(v.fields[k], by)
	}
}

func lineAt(data []byte, n int) string {
	if n <= 0 {
		return ""
	}
	lines := strings.Split(string(data), "\n")
	if n > len(lines) {
		return ""
	}
	return lines[n-1]
}

func syntaxHint(format, msg, line string) string {
	switch {
	case format == "yaml" && strings.Contains(line, "\t"):
		return "YAML does not allow tabs for indentation: use spaces"
	case format == "yaml" && strings.Contains(msg, "mapping values are not allowed"):
		return `a value containing ": " must be quoted, e.g. title: "Talks: day two"`
	case format == "yaml" && strings.Contains(msg, "did not find expected"):
		return "check quotes and indentation on this line and the one before"
	case format == "toml":
		return `TOML values need quotes: title = "..."`
	case format == "json":
		return "JSON needs double-quoted keys and strings, and commas between fields"
	}
	return ""
}

var yamlLineRE = regexp.MustCompile(`^yaml: line (\d+): (.*)$`)

func decodeYAML(data []byte) (*value, int, error) {
	var doc yaml.Node
	if err := yaml.Unmarshal(data, &doc); err != nil {
		msg := err.Error()
		if m := yamlLineRE.FindStringSubmatch(msg); m != nil {
			n, _ := strconv.Atoi(m[1])
			if strings.Contains(m[2], "tab") {
				n = firstTabIndented(data, n)
			}
			if l := unclosedQuote(data, n); l > 0 {
				return nil, l, errors.New("a quoted value is never closed")
			}
			return nil, n, errors.New(m[2])
		}
		return nil, 0, errors.New(strings.TrimPrefix(msg, "yaml: "))
	}
	if doc.Kind == 0 || len(doc.Content) == 0 {
		return newMap(1), 0, nil
	}
	root := doc.Content[0]
	if root.Kind != yaml.MappingNode {
		if root.Kind == yaml.ScalarNode && root.Tag == "!!null" {
			return newMap(1), 0, nil
		}
		return nil, root.Line, errors.New("front matter must be a set of fields (key: value), one per line")
	}
	budget := maxValues
	v, err := fromYAML(root, 0, &budget)
	if err != nil {
		return nil, v.lineOr(root.Line), err
	}
	return v, 0, nil
}

// unclosedQuote finds the line, at or before the line YAML gave up on,
// where a quoted value opens and does not close on its line although the
// next line is not indented, so cannot continue it: YAML reports such
// errors where the stream ends or where a later quote happens to close
// the string, not where the quote is.
func unclosedQuote(data []byte, upTo int) int {
	lines := strings.Split(string(data), "\n")
	for i, l := range lines {
		if i+1 > upTo {
			break
		}
		next := ""
		if i+1 < len(lines) {
			next = lines[i+1]
		}
		if next != "" && (next[0] == ' ' || next[0] == '\t') {
			continue // an indented line may continue a quoted value
		}
		_, v, ok := strings.Cut(l, ": ")
		if !ok {
			v = strings.TrimPrefix(strings.TrimSpace(l), "- ")
		}
		v = strings.TrimSpace(v)
		if v == "" || (v[0] != '"' && v[0] != '\'') {
			continue
		}
		q := v[0]
		closed := false
		for j := 1; j < len(v); j++ {
			if q == '"' && v[j] == '\\' {
				j++
				continue
			}
			if v[j] == q {
				if q == '\'' && j+1 < len(v) && v[j+1] == '\'' {
					j++
					continue
				}
				closed = true
				break
			}
		}
		if !closed {
			return i + 1
		}
	}
	return 0
}

// firstTabIndented returns the first line at or after from whose
// indentation has a tab: YAML reports such errors a line early.
func firstTabIndented(data []byte, from int) int {
	for i, l := range strings.Split(string(data), "\n") {
		if i+1 >= from && strings.Contains(l[:len(l)-len(strings.TrimLeft(l, " \t"))], "\t") {
			return i + 1
		}
	}
	return from
}

func (v *value) lineOr(n int) int {
	if v != nil && v.line > 0 {
		return v.line
	}
	return n
}

func fromYAML(n *yaml.Node, depth int, budget *int) (*value, error) {
	*budget--
	if *budget < 0 {
		return &value{line: n.Line}, fmt.Errorf("more than %d values (expanding YAML aliases?); front matter should be a few fields", maxValues)
	}
	if depth > maxDepth {
		return &value{line: n.Line}, fmt.Errorf("values nested more than %d levels deep", maxDepth)
	}
	switch n.Kind {
	case yaml.AliasNode:
		return fromYAML(n.Alias, depth+1, budget)
	case yaml.SequenceNode:
		v := &value{kind: kindList, line: n.Line}
		for _, c := range n.Content {
			cv, err := fromYAML(c, depth+1, budget)
			if err != nil {
				return cv, err
			}
			v.list = append(v.list, cv)
		}
		return v, nil
	case yaml.MappingNode:
		v := newMap(n.Line)
		lines := map[string]int{}
		for i := 0; i+1 < len(n.Content); i += 2 {
			k, c := n.Content[i], n.Content[i+1]
			cv, err := fromYAML(c, depth+1, budget)
			if err != nil {
				return cv, err
			}
			if k.Value == "<<" && k.Tag == "!!merge" && cv.kind == kindMap {
				for _, mk := range cv.keys {
					if _, ok := v.fields[mk]; !ok {
						v.set(mk, cv.fields[mk])
					}
				}
				continue
			}
			if prev, dup := lines[k.Value]; dup {
				return &value{line: k.Line}, fmt.Errorf("field %q is set twice (lines %d and %d of the front matter)", k.Value, prev, k.Line)
			}
			lines[k.Value] = k.Line
			cv.line = k.Line // findings about a field point at its key
			v.set(k.Value, cv)
		}
		return v, nil
	}
	v := &value{line: n.Line, text: n.Value}
	switch n.ShortTag() {
	case "!!null":
		v.kind = kindNull
	case "!!bool":
		v.kind = kindBool
		b, _ := strconv.ParseBool(strings.ToLower(n.Value))
		v.boolV = b
	case "!!int":
		v.kind = kindInt
		i, err := strconv.ParseInt(strings.ReplaceAll(n.Value, "_", ""), 0, 64)
		if err != nil {
			f, _ := strconv.ParseFloat(n.Value, 64)
			v.kind, v.num = kindFloat, f
		} else {
			v.num = float64(i)
		}
	case "!!float":
		v.kind = kindFloat
		v.num, _ = strconv.ParseFloat(n.Value, 64)
	case "!!timestamp":
		v.kind = kindDate
	default:
		v.kind = kindString
	}
	return v, nil
}

func decodeTOML(data []byte) (*value, int, error) {
	m := map[string]any{}
	if _, err := toml.Decode(string(data), &m); err != nil {
		var perr toml.ParseError
		if errors.As(err, &perr) {
			return nil, perr.Position.Line, errors.New(perr.Message)
		}
		return nil, 0, err
	}
	if depth(m) > maxDepth {
		return nil, 1, fmt.Errorf("values nested more than %d levels deep", maxDepth)
	}
	v, err := fromPlain(m, 1, newKeyLines(data))
	return v, 0, err
}

func decodeJSON(data []byte) (*value, int, error) {
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.UseNumber()
	var x any
	if err := dec.Decode(&x); err != nil {
		var serr *json.SyntaxError
		if errors.As(err, &serr) {
			line, _ := position(data, int(serr.Offset))
			return nil, line, err
		}
		return nil, 0, err
	}
	m, ok := x.(map[string]any)
	if !ok {
		return nil, 1, errors.New("front matter must be a JSON object")
	}
	if depth(x) > maxDepth {
		return nil, 1, fmt.Errorf("values nested more than %d levels deep", maxDepth)
	}
	v, err := fromPlain(m, 1, newKeyLines(data))
	return v, 0, err
}

func depth(x any) int {
	d := 0
	switch x := x.(type) {
	case []any:
		for _, c := range x {
			d = max(d, depth(c))
		}
		return d + 1
	case map[string]any:
		for _, c := range x {
			d = max(d, depth(c))
		}
		return d + 1
	}
	return 0
}

func fromStringer(x fmt.Stringer, line int) (*value, error) {
	switch x := x.(type) {
	case json.Number:
		if i, err := x.Int64(); err == nil {
			return &value{kind: kindInt, num: float64(i), text: x.String(), line: line}, nil
		}
		f, err := x.Float64()
		if err != nil {
			return nil, fmt.Errorf("number %s: %w", x, err)
		}
		return &value{kind: kindFloat, num: f, text: x.String(), line: line}, nil
	case time.Time:
		layout := time.RFC3339Nano
		switch x.Location().String() {
		case "date-local":
			layout = "2006-01-02"
		case "datetime-local":
			layout = "2006-01-02T15:04:05.999999999"
		case "time-local":
			layout = "15:04:05.999999999"
		}
		return &value{kind: kindDate, text: x.Format(layout), line: line}, nil
	}
	return &value{kind: kindString, text: x.String(), line: line}, nil
}

// keyLines finds the line where a key is written in TOML or JSON text,
// which their decoders do not report.
type keyLines struct{ lines []string }

func newKeyLines(data []byte) *keyLines {
	return &keyLines{lines: strings.Split(string(data), "\n")}
}

// find returns the first line at or after from that sets key, or from.
func (k *keyLines) find(key string, from int) int {
	for i := max(from-1, 0); i < len(k.lines); i++ {
		t := strings.TrimLeft(k.lines[i], " \t{,")
		t = strings.TrimLeft(t, "[")
		for _, q := range []string{`"` + key + `"`, key, `'` + key + `'`} {
			if rest, ok := strings.CutPrefix(t, q); ok {
				rest = strings.TrimLeft(rest, " \t")
				if strings.HasPrefix(rest, "=") || strings.HasPrefix(rest, ":") || strings.HasPrefix(rest, "]") || strings.HasPrefix(rest, ".") {
					return i + 1
				}
			}
		}
	}
	return from
}
