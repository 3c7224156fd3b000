package clip

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// creditLabels are words that may stand before a credit, with a colon,
// and are not part of it (in lower case).
var creditLabels = map[string]bool{
	"photo": true, "photos": true, "photograph": true, "picture": true,
	"image": true, "credit": true, "photo credit": true, "foto": true,
}

// nameParticles may stand inside a name in a credit ("Jan van Dijk").
var nameParticles = map[string]bool{
	"van": true, "von": true, "de": true, "der": true, "den": true, "da": true,
	"di": true, "du": true, "la": true, "le": true, "bin": true, "al": true,
	"el": true, "del": true, "ter": true, "ten": true,
}

// maxNameWords is the most capitalised words on each side of the slash.
const maxNameWords = 3

// parseCredit splits a caption line that ends in a credit into the caption
// text and the credit; ok is false when the line has no credit at its end
// or no caption text before it.
func parseCredit(line string) (caption, credit string, ok bool) {
	line = strings.TrimSpace(line)
	if strings.HasSuffix(line, ")") {
		return parenCredit(line)
	}
	return slashCredit(strings.TrimSuffix(line, "."))
}

// parenCredit reads "Caption text (Agency)" or "(Photo: Agency)".
func parenCredit(line string) (string, string, bool) {
	open := strings.LastIndexByte(line, '(')
	if open < 0 {
		return "", "", false
	}
	inner := strings.TrimSpace(line[open+1 : len(line)-1])
	inner, labelled := stripLabel(inner)
	if inner == "" || utf8.RuneCountInString(inner) > 60 || len(strings.Fields(inner)) > 6 ||
		strings.ContainsAny(inner, ",;!?()") {
		return "", "", false
	}
	first, _ := utf8.DecodeRuneInString(inner)
	if !labelled && !unicode.IsUpper(first) && strings.Contains(inner, " ") {
		return "", "", false
	}
	if !unicode.IsLetter(first) {
		return "", "", false
	}
	caption := trimCaption(line[:open])
	if caption == "" {
		return "", "", false
	}
	return caption, inner, true
}

// stripLabel removes a leading "Photo:" or similar label from s.
func stripLabel(s string) (string, bool) {
	label, rest, ok := strings.Cut(s, ":")
	if ok && creditLabels[strings.ToLower(strings.TrimSpace(label))] {
		return strings.TrimSpace(rest), true
	}
	return s, false
}

// slashCredit reads "Caption text. Name Surname/Agency".
func slashCredit(line string) (string, string, bool) {
	words := strings.Fields(line)
	slashAt := -1
	for i := len(words) - 1; i >= 0; i-- {
		if strings.Contains(words[i], "/") {
			slashAt = i
			break
		}
	}
	if slashAt < 0 || strings.Count(words[slashAt], "/") != 1 || strings.Contains(words[slashAt], "://") {
		return "", "", false
	}
	left, right, _ := strings.Cut(words[slashAt], "/")
	after := append([]string{right}, words[slashAt+1:]...)
	if len(after) > maxNameWords || !allNameWords(after) {
		return "", "", false
	}
	start := nameStart(words[:slashAt], left)
	if start < 0 {
		return "", "", false
	}
	capEnd := start
	if capEnd > 0 {
		if w := words[capEnd-1]; strings.HasSuffix(w, ":") && creditLabels[strings.ToLower(strings.TrimSuffix(w, ":"))] {
			capEnd--
		}
	}
	caption := trimCaption(strings.Join(words[:capEnd], " "))
	if caption == "" {
		return "", "", false
	}
	return caption, strings.Join(words[start:], " "), true
}

// nameStart returns the index in before of the first word of the name that
// ends in left (the part of the slashed word before the slash), or -1 if
// left is not a name word.
func nameStart(before []string, left string) int {
	if !isNameWord(left) {
		return -1
	}
	start, n := len(before), 1
	for i := len(before) - 1; i >= 0 && n < maxNameWords; i-- {
		w := before[i]
		if nameParticles[w] && i > 0 && isNameWord(before[i-1]) {
			start = i
			continue
		}
		if !isNameWord(w) {
			break
		}
		start, n = i, n+1
	}
	return start
}

// allNameWords reports whether every word is a name word.
func allNameWords(words []string) bool {
	for _, w := range words {
		if !isNameWord(w) {
			return false
		}
	}
	return len(words) > 0
}

// isNameWord reports whether w can be a word of a name or an agency in a
// credit: a capital letter, then letters, digits, hyphens, apostrophes,
// ampersands or dots, not ending in a dot unless it is an initial ("J.").
func isNameWord(w string) bool {
	first, size := utf8.DecodeRuneInString(w)
	if !unicode.IsUpper(first) {
		return false
	}
	for _, r := range w[size:] {
		if !unicode.IsLetter(r) && !unicode.IsDigit(r) && !strings.ContainsRune("-'’.&", r) {
			return false
		}
	}
	if strings.HasSuffix(w, ".") && utf8.RuneCountInString(w) != 2 && strings.Count(w, ".") < 2 {
		return false
	}
	return true
}

// trimCaption trims trailing punctuation and spaces from a caption.
func trimCaption(s string) string {
	return strings.TrimRight(s, " .,;:|/-–—")
}
