package copycheck

// urlLen returns the length of the bare URL (http://, https:// or www.) at
// the start of s, or 0. The URL ends at white space, <, >, " or a ) it did
// not open.
func urlLen(s string) int {
	switch s[0] | 0x20 {
	case 'h':
		if !hasPrefixFold(s, "http://") && !hasPrefixFold(s, "https://") {
			return 0
		}
	case 'w':
		if !hasPrefixFold(s, "www.") {
			return 0
		}
	default:
		return 0
	}
	depth := 0
	for j := 0; j < len(s); j++ {
		switch s[j] {
		case ' ', '\t', '\n', '\r', '\f', '\v', '<', '>', '"':
			return j
		case '(':
			depth++
		case ')':
			if depth == 0 {
				return j
			}
			depth--
		}
	}
	return len(s)
}

// linkTargetLen returns the length of the Markdown link target "(url)" or
// "(url "title")" at the start of s, parentheses included, or 0 if s does not
// start with one closed on its line.
func linkTargetLen(s string) int {
	if len(s) == 0 || s[0] != '(' {
		return 0
	}
	depth := 0
	for j := 0; j < len(s); j++ {
		switch s[j] {
		case '\n':
			return 0
		case '(':
			depth++
		case ')':
			depth--
			if depth == 0 {
				return j + 1
			}
		}
	}
	return 0
}

// tagLen returns the length of the HTML tag or autolink (<a href="…">,
// </em>, <!-- … -->, <https://…>) at the start of s, or 0 if s does not
// start with one closed on its line.
func tagLen(s string) int {
	if len(s) < 3 || s[0] != '<' || !isASCIILetter(s[1]) && s[1] != '/' && s[1] != '!' {
		return 0
	}
	for j := 1; j < len(s); j++ {
		switch s[j] {
		case '\n', '<':
			return 0
		case '>':
			return j + 1
		}
	}
	return 0
}

// hasPrefixFold reports whether s starts with the lower-case ASCII prefix,
// ignoring the case of ASCII letters.
func hasPrefixFold(s, prefix string) bool {
	if len(s) < len(prefix) {
		return false
	}
	for i := 0; i < len(prefix); i++ {
		c := s[i]
		if 'A' <= c && c <= 'Z' {
			c += 'a' - 'A'
		}
		if c != prefix[i] {
			return false
		}
	}
	return true
}
