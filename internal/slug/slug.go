// Package slug turns names and headlines into URL path segments and back
// into readable titles.
package slug

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// MaxLen is the most bytes of a slug Make writes: a 133-character
// Ukrainian headline is some 250 bytes of UTF-8, and file names stop at
// 255. Longer slugs are cut at a word boundary.
const MaxLen = 80

// Make returns the URL segment for s: lower case letters and digits of any
// script (in Unicode's composed form, NFC), words joined by single
// hyphens, apostrophes dropped ("Trump's deadline" is "trumps-deadline"),
// at most MaxLen bytes, cut between words. Combining marks are kept only
// on the letter they belong to, so an emoji's invisible variation selector
// never starts a slug. Characters that are illegal in file names on
// Windows or meaningful in URLs never survive. Make returns "" if s has
// no letters or digits.
func Make(s string) string {
	s = norm.NFC.String(s)
	var b strings.Builder
	b.Grow(min(len(s), MaxLen+8))
	pendingDash, inWord := false, false
	lastWordEnd := 0 // length of b at the end of the last whole word
	for _, r := range s {
		switch {
		case r == '\'' || r == '’' || r == 'ʼ':
			continue
		case unicode.IsLetter(r) || unicode.IsDigit(r) || inWord && isMark(r):
			if pendingDash && b.Len() > 0 {
				lastWordEnd = b.Len()
				b.WriteByte('-')
			}
			pendingDash, inWord = false, true
			b.WriteRune(unicode.ToLower(r))
		default:
			pendingDash, inWord = true, false
		}
		if b.Len() > MaxLen {
			return cut(b.String(), lastWordEnd)
		}
	}
	return b.String()
}

// cut shortens an over-long slug to its last whole word within MaxLen, or,
// when the first word alone is too long, to MaxLen bytes of whole
// characters.
func cut(s string, lastWordEnd int) string {
	if lastWordEnd > 0 {
		return s[:lastWordEnd]
	}
	n := MaxLen
	for n > 0 && !utf8.RuneStart(s[n]) {
		n--
	}
	return s[:n]
}

// isVariationSelector reports whether r only picks how the character
// before it is drawn (text or emoji).
func isVariationSelector(r rune) bool {
	return r >= 0xFE00 && r <= 0xFE0F || r >= 0xE0100 && r <= 0xE01EF
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

// isMark reports whether r is a combining mark that is part of a word's
// spelling (a vowel sign, an accent), not a variation selector.
func isMark(r rune) bool {
	return (unicode.Is(unicode.Mn, r) || unicode.Is(unicode.Mc, r)) && !isVariationSelector(r)
}
