// Package slug turns names and headlines into URL path segments and back
// into readable titles.
package slug

import (
	"strings"
	"unicode"
)

// Make returns the URL segment for s: lower case letters and digits of any
// script, words joined by single hyphens, apostrophes dropped ("Trump's
// deadline" is "trumps-deadline"). Characters that are illegal in file
// names on Windows or meaningful in URLs never survive. Make returns "" if
// s has no letters or digits.
func Make(s string) string {
	var b strings.Builder
	b.Grow(len(s))
	pendingDash := false
	for _, r := range s {
		switch {
		case r == '\'' || r == '’' || r == 'ʼ':
			continue
		case unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.Is(unicode.Mn, r):
			if pendingDash && b.Len() > 0 {
				b.WriteByte('-')
			}
			pendingDash = false
			b.WriteRune(unicode.ToLower(r))
		default:
			pendingDash = true
		}
	}
	return b.String()
}

// Valid reports whether s is already a slug as Make would write it.
func Valid(s string) bool { return s != "" && Make(s) == s }

// Title turns a slug into a title: "ukraine-peace-talks" becomes
// "Ukraine peace talks".
func Title(s string) string {
	s = strings.ReplaceAll(s, "-", " ")
	for i, r := range s {
		return string(unicode.ToUpper(r)) + s[i+len(string(r)):]
	}
	return s
}
