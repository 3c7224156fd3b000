package copycheck

import (
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"
)

// token is one word of a text.
type token struct {
	key          uint64 // the folded word; see fold
	hash         uint64 // mixKey(key)
	fold0, fold1 int32  // a folded word of over 8 bytes: state.arena[fold0:fold1]
	start, end   int32  // the word as written: text[start:end]
	cut0, cut1   int32  // markup skipped between the previous word and this one (cut0 < 0: none)
	line         int32  // 1-based line of the word's first byte
	quoted       bool   // inside quotation marks
	copied       bool   // inside a window of run words also found in the source
}

// quote is the kind of quotation open while scanning.
type quote uint8

const (
	qNone     quote = iota
	qCurly          // “…”
	qStraight       // "…"
	qGuil           // «…»
	qLow            // „…“ or „…”
	qSingle         // ‘…’
)

// scanner splits one text into words, noting their lines and quotations.
type scanner struct {
	st     *state
	s      string
	toks   []token
	line   int32
	blank  bool  // the current line holds only white space so far
	q      quote // the open quotation, if any
	qFirst int   // index in toks of the first word after the open quote mark
	cut0   int32 // skipped markup since the last word, or -1
	cut1   int32
}

// tokenize appends the words of s to toks[:0] and their folded forms to
// st.arena.
func (st *state) tokenize(s string, toks []token) []token {
	sc := scanner{st: st, s: s, toks: toks[:0], line: 1, blank: true, cut0: -1}
	for i := 0; i < len(s); {
		c := s[i]
		switch byteClass[c] {
		case bWord, bWord | bUpper:
			i = sc.word(i)
			continue
		case bSpace:
			i++
			continue
		}
		switch {
		case c >= utf8.RuneSelf:
			i = sc.nonASCII(i)
		case c == '\n':
			if sc.blank {
				sc.endParagraph()
			}
			sc.blank = true
			sc.line++
			i++
		default:
			sc.blank = false
			i = sc.asciiMark(i)
		}
	}
	sc.endParagraph()
	return sc.toks
}

// word scans the word (or bare URL) that starts at s[i] and returns where it
// ends.
func (sc *scanner) word(i int) int {
	sc.blank = false
	if c := sc.s[i] | 0x20; c == 'h' || c == 'w' {
		if n := urlLen(sc.s[i:]); n > 0 {
			sc.cut(i, i+n)
			return i + n
		}
	}
	f0 := len(sc.st.arena)
	key, end := sc.st.fold(sc.s, i)
	// Every field is set in place: a token built aside and copied in
	// stalls the CPU's store forwarding, and zeroing it first costs.
	n := len(sc.toks)
	if n == cap(sc.toks) {
		sc.toks = slices.Grow(sc.toks, 1)
	}
	sc.toks = sc.toks[:n+1]
	t := &sc.toks[n]
	t.key, t.hash = key, mixKey(key)
	t.fold0, t.fold1 = int32(f0), int32(len(sc.st.arena))
	t.start, t.end = int32(i), int32(end)
	t.cut0, t.cut1 = sc.cut0, sc.cut1
	t.line = sc.line
	t.quoted = sc.q != qNone // words after an opening mark
	t.copied = false
	sc.cut0 = -1
	return end
}

// cut records that s[i:j] is markup skipped between two words.
func (sc *scanner) cut(i, j int) {
	if sc.cut0 < 0 {
		sc.cut0 = int32(i)
	}
	sc.cut1 = int32(j)
}

// asciiMark handles the ASCII punctuation at s[i] and returns where scanning
// goes on.
func (sc *scanner) asciiMark(i int) int {
	s := sc.s
	switch s[i] {
	case '"':
		switch sc.q {
		case qNone:
			sc.open(qStraight)
		case qStraight:
			sc.q = qNone
		}
	case ']':
		if n := linkTargetLen(s[i+1:]); n > 0 {
			sc.cut(i+1, i+1+n)
			return i + 1 + n
		}
	case '<':
		if n := tagLen(s[i:]); n > 0 {
			sc.cut(i, i+n)
			return i + n
		}
	}
	return i + 1
}

// nonASCII handles the rune at s[i], the first byte of which is not ASCII,
// and returns where scanning goes on.
func (sc *scanner) nonASCII(i int) int {
	r, n := utf8.DecodeRuneInString(sc.s[i:])
	switch {
	case isWordStart(r):
		return sc.word(i)
	case unicode.IsSpace(r):
		return i + n
	}
	sc.blank = false
	switch r {
	case '“':
		switch sc.q {
		case qNone:
			sc.open(qCurly)
		case qLow:
			sc.q = qNone
		}
	case '”':
		if sc.q == qCurly || sc.q == qLow {
			sc.q = qNone
		}
	case '«':
		if sc.q == qNone {
			sc.open(qGuil)
		}
	case '»':
		if sc.q == qGuil {
			sc.q = qNone
		}
	case '„':
		if sc.q == qNone {
			sc.open(qLow)
		}
	case '‘':
		if sc.q == qNone && opensSingle(sc.s, i, i+n) {
			sc.open(qSingle)
		}
	case '’':
		// An apostrophe inside a word never gets here: fold takes it.
		if sc.q == qSingle && classAt(sc.s, i+n)&(rLetter|rNumber|rMark) == 0 {
			sc.q = qNone
		}
	}
	return i + n
}

// open opens a quotation of kind q.
func (sc *scanner) open(q quote) {
	sc.q, sc.qFirst = q, len(sc.toks)
}

// endParagraph closes an open quotation at the end of a paragraph. A ‘ left
// unclosed was no quotation (‘90s, ‘tis): its words are not quoted after all.
func (sc *scanner) endParagraph() {
	if sc.q == qSingle {
		for k := sc.qFirst; k < len(sc.toks); k++ {
			sc.toks[k].quoted = false
		}
	}
	sc.q = qNone
}

// opensSingle reports whether the ‘ at s[i:j] opens a quotation: it follows
// the start of the text, white space or opening punctuation, and a word or
// other mark, not white space, follows it.
func opensSingle(s string, i, j int) bool {
	if j >= len(s) {
		return false
	}
	if next, _ := utf8.DecodeRuneInString(s[j:]); unicode.IsSpace(next) {
		return false
	}
	if i == 0 {
		return true
	}
	prev, _ := utf8.DecodeLastRuneInString(s[:i])
	return unicode.IsSpace(prev) || strings.ContainsRune("([{*_\"“«„—–", prev)
}
