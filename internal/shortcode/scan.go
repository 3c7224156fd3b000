package shortcode

import (
	"bytes"
	"html"
)

// scan walks the body once, block by block: fenced code is left as written
// (but for escaped shortcodes), paragraphs are scanned for code spans and
// shortcodes. Shortcodes become tags for match; highlight, whose body is
// code, and the escaped form are handled here. If the step budget runs
// out, the rest of the body is left as written.
func (e *expander) scan() {
	src := e.src
	p := 0
	for p < len(src) {
		if !e.step(1) {
			e.stop(p)
			return
		}
		if p == 0 || src[p-1] == '\n' {
			if end, ok := e.fence(p); ok {
				p = end
				continue
			}
			if next, ok := e.blankLine(p); ok {
				p = next
				continue
			}
		}
		p = e.paragraph(p, e.paragraphEnd(p))
	}
}

// stop reports that the step budget ran out at offset p: the rest of the
// body is left as written.
func (e *expander) stop(p int) {
	line, col := e.position(p) // past maxProblems too: this one matters most
	e.problems = append(e.problems, Problem{Line: line, Column: col, Code: "shortcode-limit",
		Message: "too many shortcode delimiters to expand the rest of this file",
		Hint:    "shortcodes from here on are left as written; remove the stray {{< and {{% or put them in `code`"})
}

// lineEnd returns the offset just past the line at p (after its newline).
func (e *expander) lineEnd(p int) int {
	i := bytes.IndexByte(e.src[p:], '\n')
	if i < 0 {
		return len(e.src)
	}
	e.step(i / 16)
	return p + i + 1
}

// blankLine reports whether the line at p is blank, and where the next one
// starts.
func (e *expander) blankLine(p int) (int, bool) {
	src := e.src
	i := p
	for i < len(src) && (src[i] == ' ' || src[i] == '\t' || src[i] == '\r') {
		i++
	}
	e.step(i - p)
	if i < len(src) && src[i] != '\n' {
		return 0, false
	}
	return min(i+1, len(src)), true
}

// paragraphEnd returns where the paragraph at p ends: at the start of the
// next blank line or fence, or at the end of the body. A shortcode's
// delimiters, a quoted argument and a code span must end in the paragraph
// they start in.
func (e *expander) paragraphEnd(p int) int {
	for i := e.lineEnd(p); i < len(e.src); i = e.lineEnd(i) {
		if _, ok := e.blankLine(i); ok {
			return i
		}
		if _, _, ok := fenceOpening(e.src[i:]); ok {
			return i
		}
	}
	return len(e.src)
}

// fence reports whether a fenced code block opens at the line start p and,
// if so, leaves it as written (but for escaped shortcodes) and returns the
// offset after its closing line, or the end of the body if none closes it.
func (e *expander) fence(p int) (int, bool) {
	char, n, ok := fenceOpening(e.src[p:])
	if !ok {
		return 0, false
	}
	body := e.lineEnd(p)
	for i := body; i < len(e.src); {
		next := e.lineEnd(i)
		if fenceClosing(e.src[i:next], char, n) {
			e.unescapeCode(body, i)
			return next, true
		}
		i = next
	}
	e.unescapeCode(body, len(e.src))
	return len(e.src), true
}

// containerPrefix returns how many bytes of line are block-quote markers,
// list markers and indentation, which may stand before a fence.
func containerPrefix(line []byte) int {
	i := 0
	for i < len(line) && i < 256 {
		switch c := line[i]; {
		case c == ' ' || c == '\t' || c == '>':
			i++
		case (c == '-' || c == '*' || c == '+') && i+1 < len(line) && line[i+1] == ' ':
			i += 2
		case isDigit(c):
			j := i
			for j < len(line) && j-i < 9 && isDigit(line[j]) {
				j++
			}
			if j+1 < len(line) && (line[j] == '.' || line[j] == ')') && line[j+1] == ' ' {
				i = j + 2
				continue
			}
			return i
		default:
			return i
		}
	}
	return i
}

// fenceOpening reports whether the line at the start of b opens a fenced
// code block, with which character and how many of it.
func fenceOpening(b []byte) (char byte, n int, ok bool) {
	i := containerPrefix(b)
	if i >= len(b) || (b[i] != '`' && b[i] != '~') {
		return 0, 0, false
	}
	char = b[i]
	for i+n < len(b) && b[i+n] == char {
		n++
	}
	if n < 3 {
		return 0, 0, false
	}
	if char == '`' { // the info string of a backtick fence has no backtick
		rest := b[i+n:]
		if nl := bytes.IndexByte(rest, '\n'); nl >= 0 {
			rest = rest[:nl]
		}
		if bytes.IndexByte(rest, '`') >= 0 {
			return 0, 0, false
		}
	}
	return char, n, true
}

// fenceClosing reports whether line closes a fence of n chars.
func fenceClosing(line []byte, char byte, n int) bool {
	i := containerPrefix(line)
	m := 0
	for i+m < len(line) && line[i+m] == char {
		m++
	}
	return m >= n && len(bytes.TrimSpace(line[i+m:])) == 0
}

// paragraph scans src[p:end] for code spans and shortcodes and returns
// where scanning should go on: end, or past a highlight block that ran
// beyond it.
func (e *expander) paragraph(p, end int) int {
	src := e.src
	st := paraState{end: end, escFailed: [2]int{end, end}}
	for i := p; i < end; {
		j := indexAny3(src[i:end], '`', '{', '\\')
		if !e.step(1 + max(j, 0)/16) {
			e.stop(i)
			return len(src)
		}
		if j < 0 {
			return end
		}
		i += j
		switch src[i] {
		case '\\':
			i++
			if i < end && src[i] == '`' {
				i++ // an escaped backtick opens no code span
			}
		case '`':
			n := runLength(src[i:end], '`')
			if c := st.spans.closer(e, p, end, i, n); c >= 0 {
				e.unescapeCode(i+n, c)
				i = c + n
			} else {
				i += n
			}
		case '{':
			if i+2 < end && src[i+1] == '{' && (src[i+2] == '<' || src[i+2] == '%') {
				i = e.shortcode(i, &st)
				if i > end { // past a highlight block
					return i
				}
			} else {
				i++
			}
		}
	}
	return max(p+1, end)
}

// paraState is what scanning a paragraph remembers.
type paraState struct {
	end   int
	spans codeSpans
	// escFailed is, for < and %, the earliest offset from which no end of
	// an escaped shortcode was found in the paragraph; a later search
	// would fail too.
	escFailed [2]int
}

// indexAny3 returns the index of the first of a, b or c in s, or -1.
func indexAny3(s []byte, a, b, c byte) int {
	for i, x := range s {
		if x == a || x == b || x == c {
			return i
		}
	}
	return -1
}

// runLength returns how many times c repeats at the start of b.
func runLength(b []byte, c byte) int {
	n := 0
	for n < len(b) && b[n] == c {
		n++
	}
	return n
}

// codeSpans finds the closing backtick runs of a paragraph's code spans in
// linear time: the runs are listed once, each linked to the next run of the
// same length, which is the one that closes a span it opens.
type codeSpans struct {
	made bool
	pos  []int // start of each run
	next []int // index of the next run of the same length, or -1
	cur  int   // first run not before the scanner
}

// closer returns where the run of n backticks at i is closed in
// src[p:end], or -1 if it opens no code span.
func (s *codeSpans) closer(e *expander, p, end, i, n int) int {
	if !s.made {
		s.made = true
		var lens []int
		for k := p; k < end; {
			if e.src[k] != '`' {
				k++
				continue
			}
			m := runLength(e.src[k:end], '`')
			s.pos, lens = append(s.pos, k), append(lens, m)
			k += m
		}
		e.step(end - p)
		s.next = make([]int, len(s.pos))
		last := map[int]int{}
		for k := len(s.pos) - 1; k >= 0; k-- {
			s.next[k] = -1
			if j, ok := last[lens[k]]; ok {
				s.next[k] = j
			}
			last[lens[k]] = k
		}
	}
	for s.cur < len(s.pos) && s.pos[s.cur] < i {
		s.cur++
	}
	e.step(1)
	if s.cur == len(s.pos) || s.pos[s.cur] != i || s.next[s.cur] < 0 {
		return -1 // a run begun inside a shortcode opens nothing
	}
	return s.pos[s.next[s.cur]]
}

// unescapeCode turns each escaped shortcode {{</* x */>}} in the code
// src[a:b] into {{< x >}}, by removing the comment markers.
func (e *expander) unescapeCode(a, b int) {
	for _, cut := range e.escapes(a, b) {
		e.add(piece{start: cut, end: cut + 2})
	}
}

// escapes returns the offsets of the "/*" and "*/" of each escaped
// shortcode in src[a:b].
func (e *expander) escapes(a, b int) []int {
	var cuts []int
	var failed [2]int // for < and %: from here on no end is found
	failed[0], failed[1] = b, b
	for i := a; i < b; {
		j := bytes.Index(e.src[i:b], []byte("{{"))
		e.step(1 + max(j, 0)/16)
		if j < 0 {
			break
		}
		o := i + j
		open, close, ok := e.escaped(o, b, &failed)
		if !ok {
			i = o + 2
			continue
		}
		cuts = append(cuts, open, close)
		i = close + 2
	}
	return cuts
}

// escaped reports whether an escaped shortcode starts at o and ends before
// end, and where its "/*" and "*/" are. failed remembers, per delimiter,
// the earliest offset from which no end was found.
func (e *expander) escaped(o, end int, failed *[2]int) (open, close int, ok bool) {
	src := e.src
	if o+2 >= end || (src[o+2] != '<' && src[o+2] != '%') {
		return 0, 0, false
	}
	q := e.skipSpace(o+3, end)
	if q+1 >= end || src[q] != '/' || src[q+1] != '*' {
		return 0, 0, false
	}
	kind, right := 0, byte('>')
	if src[o+2] == '%' {
		kind, right = 1, '%'
	}
	if q+2 >= failed[kind] {
		return 0, 0, false
	}
	for i := q + 2; i < end; {
		j := bytes.Index(src[i:end], []byte("*/"))
		e.step(1 + max(j, 0)/16)
		if j < 0 {
			break
		}
		c := i + j
		k := e.skipSpace(c+2, end)
		if k+2 < end && src[k] == right && src[k+1] == '}' && src[k+2] == '}' {
			return q, c, true
		}
		i = c + 1
	}
	failed[kind] = q + 2
	return 0, 0, false
}

// skipSpace returns the first offset from i that is not a space, tab or
// line break, or end.
func (e *expander) skipSpace(i, end int) int {
	start := i
	for i < end && isSpace(e.src[i]) {
		i++
	}
	e.step(i - start)
	return i
}

func isSpace(c byte) bool { return c == ' ' || c == '\t' || c == '\n' || c == '\r' }

// literal handles an escaped shortcode outside code: its text, with the
// comment markers removed, is shown as written, through a token so that
// neither Markdown nor the typographer can change it.
func (e *expander) literal(o, end int, failed *[2]int) (int, bool) {
	open, close, ok := e.escaped(o, end, failed)
	if !ok {
		return 0, false
	}
	k := e.skipSpace(close+2, end) + 3
	text := string(e.src[o:open]) + string(e.src[open+2:close]) + string(e.src[close+2:k])
	line := e.lineOf(o)
	e.add(piece{start: o, end: k, blk: &Block{Kind: Inline, Line: line, HTML: html.EscapeString(text), Text: text}})
	return k, true
}
