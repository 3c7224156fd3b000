package clip

import (
	"regexp"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"
)

// months maps English month names and their abbreviations, in lower case,
// to months.
var months = map[string]time.Month{
	"january": time.January, "february": time.February, "march": time.March,
	"april": time.April, "may": time.May, "june": time.June, "july": time.July,
	"august": time.August, "september": time.September, "october": time.October,
	"november": time.November, "december": time.December,
	"jan": time.January, "feb": time.February, "mar": time.March, "apr": time.April,
	"jun": time.June, "jul": time.July, "aug": time.August, "sep": time.September,
	"sept": time.September, "oct": time.October, "nov": time.November, "dec": time.December,
}

// monthRE matches a month name; full names come first, so that the
// longest name wins.
const monthRE = `(january|february|march|april|may|june|july|august|september|october|november|december|jan|feb|mar|apr|jun|jul|aug|sept|sep|oct|nov|dec)`

// Date shapes. Each is checked for word boundaries by hand, as Go's
// regular expressions have no look-ahead.
var (
	reDayMonth = regexp.MustCompile(`(?i)(\d{1,2})(?:st|nd|rd|th)?\.? ` + monthRE + `\.?,? (\d{4})`)
	reMonthDay = regexp.MustCompile(`(?i)` + monthRE + `\.? (\d{1,2})(?:st|nd|rd|th)?,? (\d{4})`)
	reISODate  = regexp.MustCompile(`(\d{4})-(\d{2})-(\d{2})(?:T\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?`)
	reDotDate  = regexp.MustCompile(`(\d{1,2})\.(\d{1,2})\.(\d{4})`)
)

// dateMatch is a date found in a line, and where.
type dateMatch struct {
	date       time.Time
	start, end int
}

// findDates returns the full dates written in line, in order.
func findDates(line string) []dateMatch {
	var found []dateMatch
	shapes := []struct {
		re             *regexp.Regexp
		day, mon, year int
		named          bool
	}{
		{reDayMonth, 1, 2, 3, true},
		{reMonthDay, 2, 1, 3, true},
		{reISODate, 3, 2, 1, false},
		{reDotDate, 1, 2, 3, false},
	}
	for _, s := range shapes {
		for _, m := range s.re.FindAllStringSubmatchIndex(line, -1) {
			if !bounded(line, m[0], m[1]) || overlaps(found, m[0], m[1]) {
				continue
			}
			part := func(g int) string { return line[m[2*g]:m[2*g+1]] }
			var month int
			if s.named {
				month = int(months[strings.ToLower(part(s.mon))])
			} else {
				month, _ = strconv.Atoi(part(s.mon))
			}
			day, _ := strconv.Atoi(part(s.day))
			year, _ := strconv.Atoi(part(s.year))
			if d, ok := makeDate(year, month, day); ok {
				found = append(found, dateMatch{d, m[0], m[1]})
			}
		}
	}
	slices.SortFunc(found, func(a, b dateMatch) int { return a.start - b.start })
	return found
}

// bounded reports whether line[start:end] is not part of a longer word or
// number.
func bounded(line string, start, end int) bool {
	before, _ := utf8.DecodeLastRuneInString(line[:start])
	after, _ := utf8.DecodeRuneInString(line[end:])
	wordy := func(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) }
	return (start == 0 || !wordy(before)) && (end == len(line) || !wordy(after))
}

// overlaps reports whether start:end overlaps a match already found.
func overlaps(found []dateMatch, start, end int) bool {
	for _, f := range found {
		if start < f.end && f.start < end {
			return true
		}
	}
	return false
}

// makeDate returns midnight UTC of the given day, if it exists.
func makeDate(year, month, day int) (time.Time, bool) {
	if year < 1000 || month < 1 || month > 12 || day < 1 {
		return time.Time{}, false
	}
	d := time.Date(year, time.Month(month), day, 0, 0, 0, 0, time.UTC)
	return d, d.Day() == day && int(d.Month()) == month
}

// dateWords may stand beside a date on a line of its own (lower case).
var dateWords = map[string]bool{
	"monday": true, "tuesday": true, "wednesday": true, "thursday": true,
	"friday": true, "saturday": true, "sunday": true,
	"mon": true, "tue": true, "tues": true, "wed": true, "thu": true,
	"thur": true, "thurs": true, "fri": true, "sat": true, "sun": true,
	"updated": true, "published": true, "posted": true, "last": true,
	"first": true, "modified": true, "date": true, "on": true, "at": true,
	"and": true, "am": true, "pm": true, "a.m.": true, "p.m.": true,
	"utc": true, "gmt": true, "cet": true, "cest": true, "bst": true,
	"eet": true, "eest": true, "est": true, "edt": true, "cst": true,
	"cdt": true, "pst": true, "pdt": true, "msk": true, "local": true,
	"time": true, "-": true, "/": true,
}

var (
	reTimeWord   = regexp.MustCompile(`(?i)^\d{1,2}(?:[:.h]\d{2}){1,2}(?:am|pm|a\.m\.|p\.m\.)?$`)
	reOffsetWord = regexp.MustCompile(`(?i)^(?:utc|gmt)?[+-]\d{1,2}(?::?\d{2})?$`)
)

// isDateOnly reports whether line holds nothing but the dates found in it
// and words that go with a date: weekdays, times, time zones, "Updated".
func isDateOnly(line string, found []dateMatch) bool {
	var rest strings.Builder
	last := 0
	for _, f := range found {
		rest.WriteString(line[last:f.start])
		rest.WriteByte(' ')
		last = f.end
	}
	rest.WriteString(line[last:])
	cleared := strings.Map(func(r rune) rune {
		if strings.ContainsRune(",|·•–—()[]", r) {
			return ' '
		}
		return r
	}, rest.String())
	for _, w := range strings.Fields(cleared) {
		w = strings.Trim(strings.ToLower(w), ":")
		if w == "" || dateWords[w] || reTimeWord.MatchString(w) || reOffsetWord.MatchString(w) {
			continue
		}
		return false
	}
	return true
}
