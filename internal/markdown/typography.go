package markdown

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// Typography gives plain text (a headline, a summary) the typographic
// punctuation that goldmark's typographer gives bodies: curly quotes and
// apostrophes, en and em dashes, ellipses. Unlike Markdown it changes
// nothing else, so "2025. A year" stays what it is.
func Typography(s string) string {
	if !strings.ContainsAny(s, `'"-.`) {
		return s
	}
	var b strings.Builder
	b.Grow(len(s) + 8)
	var prev rune = ' '
	for i := 0; i < len(s); {
		r, n := utf8.DecodeRuneInString(s[i:])
		rest := s[i+n:]
		switch {
		case r == '-' && strings.HasPrefix(rest, "--"):
			b.WriteString("—")
			n += 2
		case r == '-' && strings.HasPrefix(rest, "-"):
			b.WriteString("–")
			n++
		case r == '.' && strings.HasPrefix(rest, ".."):
			b.WriteString("…")
			n += 2
		case r == '"':
			if opens(prev) {
				b.WriteString("“")
			} else {
				b.WriteString("”")
			}
		case r == '\'':
			next, _ := utf8.DecodeRuneInString(rest)
			if opens(prev) && next != utf8.RuneError && !unicode.IsDigit(next) {
				b.WriteString("‘")
			} else {
				b.WriteString("’")
			}
		default:
			b.WriteRune(r)
		}
		prev = r
		i += n
	}
	return b.String()
}

// opens reports whether a quote after r opens a quotation.
func opens(r rune) bool {
	return unicode.IsSpace(r) || strings.ContainsRune("([{<“‘—–-/", r)
}
