package render

import (
	"fmt"
	"html/template"
	"strings"
	"time"
)

// funcs are the functions templates can call. All are pure: a page's
// output depends only on its view, which is what its fingerprint covers.
var funcs = template.FuncMap{
	// date formats a time with a Go layout: {{date "2 January 2006" .Date}}.
	"date": func(layout string, t time.Time) string { return t.Format(layout) },
	// iso writes a time as RFC 3339, for datetime attributes and metadata.
	"iso": func(t time.Time) string { return t.Format(time.RFC3339) },
	// datetime writes a machine-readable date for <time datetime>: the
	// full time when the item has one, else only the day.
	"datetime": func(t time.Time, hasTime bool) string {
		if hasTime {
			return t.Format(time.RFC3339)
		}
		return t.Format("2006-01-02")
	},
	// isoDay writes the day of a time: 2025-08-15.
	"isoDay": func(t time.Time) string { return t.Format("2006-01-02") },
	// dateline writes "15 August 2025", or "15 August 2025, 22:00 EEST"
	// when the item has a time of day.
	"dateline": func(t time.Time, hasTime bool) string {
		if hasTime {
			return t.Format("2 January 2006, 15:04 MST")
		}
		return t.Format("2 January 2006")
	},
	// plural writes "1 item" or "12 items".
	"plural": func(n int, one, many string) string {
		if n == 1 {
			return fmt.Sprintf("%d %s", n, one)
		}
		return fmt.Sprintf("%d %s", n, many)
	},
	// minutes estimates reading time from a word count.
	"minutes": func(words int) int { return max(1, (words+110)/220) },
	// join joins strings.
	"join": strings.Join,
	// dict builds a map from pairs, to pass several values to a partial.
	"dict": func(kv ...any) (map[string]any, error) {
		if len(kv)%2 != 0 {
			return nil, fmt.Errorf("dict: odd number of arguments")
		}
		m := make(map[string]any, len(kv)/2)
		for i := 0; i < len(kv); i += 2 {
			k, ok := kv[i].(string)
			if !ok {
				return nil, fmt.Errorf("dict: key %v is not a string", kv[i])
			}
			m[k] = kv[i+1]
		}
		return m, nil
	},
	// year returns the year of a time.
	"year": func(t time.Time) int { return t.Year() },
}
