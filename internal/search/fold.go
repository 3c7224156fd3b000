package search

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// Fold returns s folded for matching: NFD-decomposed, every Unicode mark
// (category M: Mn, Mc, Me) removed, lower-cased rune by rune, and the Greek
// final sigma ς written σ. So "É" and "é" fold to "e", "Ё" to "е", "Zürich"
// to "zurich" and "ΟΔΟΣ" to "οδοσ". A string of ASCII is only lower-cased.
func Fold(s string) string {
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			return foldUnicode(s)
		}
	}
	return asciiLower(s)
}

// asciiLower lower-cases a string of ASCII, allocating only if it has an
// upper-case letter.
func asciiLower(s string) string {
	i := 0
	for i < len(s) && (s[i] < 'A' || s[i] > 'Z') {
		i++
	}
	if i == len(s) {
		return s
	}
	b := []byte(s)
	for ; i < len(b); i++ {
		if c := b[i]; 'A' <= c && c <= 'Z' {
			b[i] = c + 'a' - 'A'
		}
	}
	return string(b)
}

// foldUnicode is Fold for strings with runes beyond ASCII.
func foldUnicode(s string) string {
	d := norm.NFD.String(s)
	var b strings.Builder
	b.Grow(len(d))
	for _, r := range d {
		switch {
		case r < utf8.RuneSelf:
			if 'A' <= r && r <= 'Z' {
				r += 'a' - 'A'
			}
			b.WriteByte(byte(r))
			continue
		case unicode.Is(unicode.M, r):
			continue
		case r == 'ς':
			r = 'σ'
		default:
			r = unicode.ToLower(r)
		}
		b.WriteRune(r)
	}
	return b.String()
}

// Tokens returns the maximal runs of letters and numbers
// (unicode.IsLetter || unicode.IsNumber) of Fold(s), in order, duplicates
// kept.
func Tokens(s string) []string {
	var out []string
	eachToken(Fold(s), func(t string) { out = append(out, t) })
	return out
}

// eachToken calls f with every token of the folded string f, in order; the
// tokens are substrings of folded.
func eachToken(folded string, f func(string)) {
	start := -1
	for i := 0; i < len(folded); {
		c := folded[i]
		var in bool
		size := 1
		if c < utf8.RuneSelf {
			in = 'a' <= c && c <= 'z' || '0' <= c && c <= '9' || 'A' <= c && c <= 'Z'
		} else {
			var r rune
			r, size = utf8.DecodeRuneInString(folded[i:])
			in = unicode.IsLetter(r) || unicode.IsNumber(r)
		}
		switch {
		case in && start < 0:
			start = i
		case !in && start >= 0:
			f(folded[start:i])
			start = -1
		}
		i += size
	}
	if start >= 0 {
		f(folded[start:])
	}
}
