package content

import (
	"fmt"
	"maps"
	"slices"
	"strconv"
	"strings"
)

// kind is the type of a decoded front matter value.
type kind int

const (
	kindNull kind = iota
	kindString
	kindInt
	kindFloat
	kindBool
	kindDate // a date or time written without quotes (YAML or TOML)
	kindList
	kindMap
)

func (k kind) String() string {
	return [...]string{"nothing", "text", "a number", "a number", "true/false", "a date", "a list", "a set of fields"}[k]
}

// value is one decoded front matter value, whatever the format, with the
// file line it came from.
type value struct {
	kind   kind
	text   string // strings, dates, and the source text of numbers
	num    float64
	boolV  bool
	list   []*value
	keys   []string // map keys in file order
	fields map[string]*value
	line   int
}

// get returns the field key of a map, its name in any case, as Hugo reads
// front matter: Title: and title: are the same field. Of fields whose
// names differ only in case, the first in the file is taken.
func (v *value) get(key string) *value {
	if v == nil || v.kind != kindMap {
		return nil
	}
	if c, ok := v.fields[key]; ok {
		return c
	}
	for _, k := range v.keys {
		if strings.EqualFold(k, key) {
			return v.fields[k]
		}
	}
	return nil
}

func (v *value) set(key string, c *value) {
	if _, dup := v.fields[key]; !dup {
		v.keys = append(v.keys, key)
	}
	v.fields[key] = c
}

func newMap(line int) *value { return &value{kind: kindMap, fields: map[string]*value{}, line: line} }

// describe names the value for messages: "the number 2025", "a list".
func (v *value) describe() string {
	switch v.kind {
	case kindInt, kindFloat:
		return "the number " + v.text
	case kindBool:
		return strconv.FormatBool(v.boolV)
	case kindString:
		return strconv.Quote(shorten(v.text, 40))
	}
	return v.kind.String()
}

// plain converts the value to plain Go values for templates (.Params):
// string, int64, float64, bool, nil, []any and map[string]any.
func (v *value) plain() any {
	switch v.kind {
	case kindString, kindDate:
		return v.text
	case kindInt:
		return int64(v.num)
	case kindFloat:
		return v.num
	case kindBool:
		return v.boolV
	case kindList:
		out := make([]any, len(v.list))
		for i, c := range v.list {
			out[i] = c.plain()
		}
		return out
	case kindMap:
		out := make(map[string]any, len(v.keys))
		for _, k := range v.keys {
			out[k] = v.fields[k].plain()
		}
		return out
	}
	return nil
}

// fromPlain converts a decoded TOML or JSON value, giving nested values
// the line of their key where it can be found.
func fromPlain(x any, line int, lines *keyLines) (*value, error) {
	switch x := x.(type) {
	case nil:
		return &value{kind: kindNull, line: line}, nil
	case string:
		return &value{kind: kindString, text: x, line: line}, nil
	case bool:
		return &value{kind: kindBool, boolV: x, line: line}, nil
	case int64:
		return &value{kind: kindInt, num: float64(x), text: strconv.FormatInt(x, 10), line: line}, nil
	case float64:
		return &value{kind: kindFloat, num: x, text: strconv.FormatFloat(x, 'g', -1, 64), line: line}, nil
	case fmt.Stringer: // json.Number, TOML dates
		return fromStringer(x, line)
	case []any:
		v := &value{kind: kindList, line: line}
		for _, c := range x {
			cv, err := fromPlain(c, line, lines)
			if err != nil {
				return nil, err
			}
			v.list = append(v.list, cv)
		}
		return v, nil
	case []map[string]any:
		v := &value{kind: kindList, line: line}
		for _, c := range x {
			cv, err := fromPlain(c, line, lines)
			if err != nil {
				return nil, err
			}
			v.list = append(v.list, cv)
		}
		return v, nil
	case map[string]any:
		v := newMap(line)
		for _, k := range slices.Sorted(maps.Keys(x)) {
			cl := lines.find(k, line)
			cv, err := fromPlain(x[k], cl, lines)
			if err != nil {
				return nil, err
			}
			v.set(k, cv)
		}
		return v, nil
	}
	return nil, fmt.Errorf("unsupported value of type %T", x)
}
