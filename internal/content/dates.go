package content

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"time"
)

// dateLayouts are the accepted ways to write a date, tried in order. Those
// without a zone are read in the site's time zone.
var dateLayouts = []struct {
	layout  string
	hasTime bool
}{
	{"2006-01-02", false},
	{time.RFC3339Nano, true},
	{"2006-01-02T15:04:05", true},
	{"2006-01-02T15:04", true},
	{"2006-01-02T15:04Z07:00", true},
	{"2006-01-02 15:04:05Z07:00", true},
	{"2006-01-02 15:04:05 -0700", true},
	{"2006-01-02 15:04:05 -07:00", true},
	{"2006-01-02 15:04:05", true},
	{"2006-01-02 15:04 -0700", true},
	{"2006-01-02 15:04 -07:00", true},
	{"2006-01-02 15:04Z07:00", true},
	{"2006-01-02 15:04", true},
	{"2006-01-02 15:04:05.999999999 -0700 MST", true}, // what Go's time.String writes
}

var ymdRE = regexp.MustCompile(`^(\d{4})-(\d{1,2})-(\d{1,2})`)

// parseDate reads a date in loc. It reports whether a time of day was
// given, and explains impossible dates precisely.
func parseDate(s string, loc *time.Location) (time.Time, bool, error) {
	s = strings.TrimSpace(s)
	if m := ymdRE.FindStringSubmatch(s); m != nil {
		y, _ := strconv.Atoi(m[1])
		mo, _ := strconv.Atoi(m[2])
		d, _ := strconv.Atoi(m[3])
		if mo < 1 || mo > 12 {
			return time.Time{}, false, fmt.Errorf("cannot parse %q: there is no month %d", s, mo)
		}
		if last := time.Date(y, time.Month(mo)+1, 0, 0, 0, 0, 0, time.UTC).Day(); d < 1 || d > last {
			return time.Time{}, false, fmt.Errorf("cannot parse %q: %s %d has %d days", s, time.Month(mo), y, last)
		}
		if y < 1000 {
			return time.Time{}, false, fmt.Errorf("cannot parse %q: year %d is not a plausible news date", s, y)
		}
	}
	for _, l := range dateLayouts {
		t, err := time.ParseInLocation(l.layout, s, loc)
		if err == nil {
			return t.In(loc), l.hasTime, nil
		}
		var perr *time.ParseError
		if asParseError(err, &perr) && perr.Message != "" && strings.Contains(perr.Message, "out of range") {
			return time.Time{}, false, fmt.Errorf("cannot parse %q:%s", s, perr.Message)
		}
	}
	return time.Time{}, false, fmt.Errorf("cannot parse %q: write it as 2025-08-15, 2025-08-15 21:00 or 2025-08-15T21:00:00-08:00", s)
}

func asParseError(err error, target **time.ParseError) bool {
	pe, ok := err.(*time.ParseError)
	if ok {
		*target = pe
	}
	return ok
}

var fileDateRE = regexp.MustCompile(`^(\d{4}-\d{2}-\d{2})-(.*)$`)

// splitFileDate splits "2025-08-15-alaska-summit" into its date and the rest.
func splitFileDate(base string) (date, rest string, ok bool) {
	m := fileDateRE.FindStringSubmatch(base)
	if m == nil {
		return "", base, false
	}
	return m[1], m[2], true
}
