package content

import (
	"fmt"
	"net/url"
	"strings"
	"time"

	"digest/internal/diag"
)

// fields reads typed values from front matter, reporting every problem
// with the line of the offending field.
type fields struct {
	file  string
	root  *value
	diags *diag.List
}

func (f fields) errorf(v *value, code, hint, format string, args ...any) {
	line := 0
	if v != nil {
		line = v.line
	}
	*f.diags = append(*f.diags, diag.Diagnostic{File: f.file, Line: line, Severity: diag.Error, Code: code,
		Message: fmt.Sprintf(format, args...), Hint: hint})
}

func (f fields) warnf(v *value, code, hint, format string, args ...any) {
	line := 0
	if v != nil {
		line = v.line
	}
	*f.diags = append(*f.diags, diag.Diagnostic{File: f.file, Line: line, Severity: diag.Warning, Code: code,
		Message: fmt.Sprintf(format, args...), Hint: hint})
}

// text reads a text value. Numbers, dates and true/false are taken as
// written, with a warning; lists and sets of fields are errors.
func (f fields) text(v *value, name string) string {
	if v == nil {
		return ""
	}
	switch v.kind {
	case kindNull:
		return ""
	case kindString, kindDate:
		return strings.TrimSpace(v.text)
	case kindInt, kindFloat, kindBool:
		f.warnf(v, "field-type", fmt.Sprintf(`write %s: "%s"`, name, v.text), "%s: expected text, got %s; using it as text", name, v.describe())
		return v.text
	}
	f.errorf(v, "field-type", "", "%s: expected text, got %s", name, v.describe())
	return ""
}

func (f fields) str(key string) string { return f.text(f.root.get(key), key) }

func (f fields) boolean(key string) bool {
	v := f.root.get(key)
	if v == nil || v.kind == kindNull {
		return false
	}
	if v.kind == kindBool {
		return v.boolV
	}
	if v.kind == kindString {
		switch strings.ToLower(strings.TrimSpace(v.text)) {
		case "true", "yes":
			return true
		case "false", "no", "":
			return false
		}
	}
	f.errorf(v, "field-type", key+": true", "%s: expected true or false, got %s", key, v.describe())
	return false
}

func (f fields) integer(key string, def int) int {
	v := f.root.get(key)
	if v == nil || v.kind == kindNull {
		return def
	}
	if v.kind == kindInt {
		return int(v.num)
	}
	f.errorf(v, "field-type", "", "%s: expected a whole number, got %s", key, v.describe())
	return def
}

// list reads a list of texts; a single text is a list of one.
func (f fields) list(key string) []string {
	v := f.root.get(key)
	if v == nil || v.kind == kindNull {
		return nil
	}
	if v.kind != kindList {
		s := f.text(v, key)
		if s == "" {
			return nil
		}
		if strings.Contains(s, ",") {
			f.warnf(v, "list-as-text", fmt.Sprintf("write %s: [%s]", key, s), "%s: %q is one name; to give several, write a list", key, s)
		}
		return []string{s}
	}
	out := make([]string, 0, len(v.list))
	for _, c := range v.list {
		if s := f.text(c, key+" entry"); s != "" {
			out = append(out, s)
		}
	}
	return out
}

// date reads a date in loc; the zero time if the field is absent.
func (f fields) date(key string, loc *time.Location) (time.Time, bool, *value) {
	v := f.root.get(key)
	if v == nil || v.kind == kindNull {
		return time.Time{}, false, nil
	}
	switch v.kind {
	case kindString, kindDate:
		t, hasTime, err := parseDate(v.text, loc)
		if err != nil {
			f.errorf(v, "date-invalid", "", "%s: %v", key, err)
			return time.Time{}, false, v
		}
		return t, hasTime, v
	case kindInt, kindFloat:
		f.errorf(v, "date-invalid", key+": 2025-08-15", "%s: expected a date like 2025-08-15, got %s", key, v.describe())
	default:
		f.errorf(v, "date-invalid", "", "%s: expected a date like 2025-08-15, got %s", key, v.describe())
	}
	return time.Time{}, false, v
}

// httpURL checks that s is an absolute http or https URL.
func httpURL(s string) bool {
	u, err := url.Parse(s)
	return err == nil && (u.Scheme == "http" || u.Scheme == "https") && u.Host != ""
}
