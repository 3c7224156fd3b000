package shortcode

import (
	"bytes"
	"fmt"
	"strings"
)

// tag is one shortcode delimiter pair, {{< … >}} or {{% … %}}.
type tag struct {
	start, end  int  // src[start:end] is the whole tag
	delim       byte // '<' or '%'
	name        string
	closing     bool // {{< /name >}}
	selfClosing bool // {{< name />}}
	args        []arg
	piece       int // index of the piece that replaces it
}

// arg is one argument: positional if key is empty.
type arg struct{ key, val string }

// source returns the tag as written.
func (e *expander) source(t *tag) string { return string(e.src[t.start:t.end]) }

// shortcode handles the "{{<" or "{{%" at o and returns where scanning goes
// on. A tag that cannot be read is a problem and stays as written, with its
// "<" escaped so that Markdown cannot take it for HTML.
func (e *expander) shortcode(o int, st *paraState) int {
	if k, ok := e.literal(o, st.end, &st.escFailed); ok {
		return k
	}
	t, err := e.lexTag(o, st)
	if err != "" {
		what := "malformed shortcode"
		if t.name != "" {
			what = fmt.Sprintf("shortcode %q is malformed", t.name)
		}
		e.problem(o, "shortcode-malformed", what+": "+err,
			`write it as {{< name arg key="value" >}} within one paragraph, or as {{</* … */>}} to show it as text`)
		if e.src[o+2] == '<' {
			e.add(piece{start: o + 2, end: o + 2, text: `\`})
		}
		return o + 3
	}
	if t.name == "highlight" && !t.closing {
		return e.highlight(t)
	}
	t.piece = len(e.pieces)
	e.add(piece{start: t.start, end: t.end})
	e.tags = append(e.tags, t)
	return t.end
}

// lexTag reads the tag at o, which must end in the paragraph. It returns
// why the tag cannot be read, or "".
func (e *expander) lexTag(o int, st *paraState) (t tag, err string) {
	src, end := e.src, st.end
	t.start, t.delim = o, src[o+2]
	right, other := closer(t.delim), closer('<'+'%'-t.delim)
	q := e.skipSpace(o+3, end)
	if q+1 < end && src[q] == '/' && src[q+1] == '*' {
		return t, fmt.Sprintf("{{%c/* is not closed with */%c}} in the same paragraph", t.delim, right)
	}
	if q < end && src[q] == '/' {
		t.closing = true
		q = e.skipSpace(q+1, end)
	}
	n := e.name(q, end, right)
	if n == q {
		return t, fmt.Sprintf("a shortcode name must follow {{%c", t.delim)
	}
	t.name = string(src[q:n])
	for q = n; ; {
		s := e.skipSpace(q, end)
		switch {
		case e.closesAt(s, end, right):
			t.end = s + 3
			return t, ""
		case s < end && src[s] == '/' && e.closesAt(s+1, end, right):
			t.selfClosing, t.end = true, s+4
			return t, ""
		case e.closesAt(s, end, other):
			return t, fmt.Sprintf("opened with {{%c but closed with %c}}", t.delim, other)
		case s >= end:
			return t, fmt.Sprintf("not closed with %c}} in the same paragraph", right)
		case s == q:
			return t, fmt.Sprintf("unexpected %q", runeAt(src, s))
		case t.closing:
			return t, "a closing shortcode takes no arguments"
		}
		a, next, err := e.arg(s, st, right)
		if err != "" {
			return t, err
		}
		t.args = append(t.args, a)
		q = next
	}
}

// closer returns the character before "}}" that closes delimiter d.
func closer(d byte) byte {
	if d == '<' {
		return '>'
	}
	return '%'
}

// closesAt reports whether src[i:end] starts with right and "}}".
func (e *expander) closesAt(i, end int, right byte) bool {
	return i+2 < end && e.src[i] == right && e.src[i+1] == '}' && e.src[i+2] == '}'
}

// name returns the end of a shortcode name at q: letters, digits and
// "_-./", starting with a letter, digit or "_".
func (e *expander) name(q, end int, right byte) int {
	src := e.src
	i := q
	for i < end {
		c := src[i]
		ok := c == '_' || isDigit(c) || ('a' <= c|0x20 && c|0x20 <= 'z') ||
			(i > q && (c == '-' || c == '.' || (c == '/' && !e.closesAt(i+1, end, right))))
		if !ok {
			break
		}
		i++
	}
	e.step(i - q)
	return i
}

// arg reads one argument at s: a quoted string, a bare word, or
// key=value with a quoted or bare value.
func (e *expander) arg(s int, st *paraState, right byte) (arg, int, string) {
	src, end := e.src, st.end
	if src[s] == '"' || src[s] == '`' {
		v, next, err := e.quoted(s, st)
		return arg{val: v}, next, err
	}
	k := e.bare(s, end, right, false)
	if k == s {
		return arg{}, s, fmt.Sprintf("unexpected %q", runeAt(src, s))
	}
	if k >= end || src[k] != '=' {
		return arg{val: string(src[s:k])}, k, ""
	}
	key := strings.ToLower(string(src[s:k]))
	v := k + 1
	if v < end && (src[v] == '"' || src[v] == '`') {
		val, next, err := e.quoted(v, st)
		return arg{key: key, val: val}, next, err
	}
	w := e.bare(v, end, right, true)
	if w == v {
		return arg{}, v, fmt.Sprintf("%s= has no value", key)
	}
	return arg{key: key, val: string(src[v:w])}, w, ""
}

// bare returns the end of an unquoted word at s; a value (after "=") may
// hold "=".
func (e *expander) bare(s, end int, right byte, value bool) int {
	src := e.src
	i := s
	for i < end {
		c := src[i]
		if isSpace(c) || c == '"' || c == '`' || c == '{' || c == '}' || (c == '=' && !value) ||
			e.closesAt(i, end, right) || (c == '/' && e.closesAt(i+1, end, right)) {
			break
		}
		i++
	}
	e.step(i - s)
	return i
}

// quoted reads a "double-quoted" (with \" and \\ escapes) or `backtick`
// string at s and returns its value and the offset after it. A search
// that fails cannot be repeated many times in a paragraph: the quote of a
// later tag would have closed the string.
func (e *expander) quoted(s int, st *paraState) (string, int, string) {
	src, end := e.src, st.end
	q := src[s]
	for i := s + 1; i < end; i++ {
		c := src[i]
		if c == q {
			e.step(i - s)
			v := src[s+1 : i]
			if q == '"' && bytes.IndexByte(v, '\\') >= 0 {
				v = unescapeQuoted(v)
			}
			return string(v), i + 1, ""
		}
		if c == '\\' && q == '"' {
			i++
		}
	}
	e.step(end - s)
	return "", s, fmt.Sprintf("the value that starts with %c is not closed in the same paragraph", q)
}

// unescapeQuoted resolves \" and \\ in a double-quoted value.
func unescapeQuoted(v []byte) []byte {
	out := make([]byte, 0, len(v))
	for i := 0; i < len(v); i++ {
		if v[i] == '\\' && i+1 < len(v) && (v[i+1] == '"' || v[i+1] == '\\') {
			i++
		}
		out = append(out, v[i])
	}
	return out
}

// runeAt returns the character at i, for messages.
func runeAt(src []byte, i int) string {
	if i >= len(src) {
		return ""
	}
	r := []rune(string(src[i:min(i+4, len(src))]))
	return string(r[0])
}

// highlight handles a highlight shortcode t: its body, up to the closing
// tag, is code and is not scanned.
func (e *expander) highlight(t tag) int {
	if t.selfClosing {
		e.renderHighlight(&t, t.end, t.end, t.end)
		return t.end
	}
	c1, c2, ok := e.highlightEnd(t.end)
	if !ok {
		e.problem(t.start, "shortcode-unclosed", `shortcode "highlight" is not closed`,
			"add {{< /highlight >}} on the line after the code")
		e.add(piece{start: t.start, end: t.end})
		return t.end
	}
	e.renderHighlight(&t, t.end, c1, c2)
	return c2
}

// highlightEnd finds the first {{< /highlight >}} (or {{% … %}}) from
// offset from, and returns where it starts and ends.
func (e *expander) highlightEnd(from int) (start, end int, ok bool) {
	src := e.src
	if from >= e.highlightFailed {
		return 0, 0, false
	}
	for i := from; i < len(src); {
		j := bytes.Index(src[i:], []byte("{{"))
		e.step(1 + max(j, 0)/16)
		if j < 0 {
			break
		}
		o := i + j
		i = o + 2
		if o+2 >= len(src) || (src[o+2] != '<' && src[o+2] != '%') {
			continue
		}
		q := e.skipSpace(o+3, len(src))
		if q >= len(src) || src[q] != '/' {
			continue
		}
		q = e.skipSpace(q+1, len(src))
		if !bytes.HasPrefix(src[q:], []byte("highlight")) {
			continue
		}
		q = e.skipSpace(q+len("highlight"), len(src))
		if e.closesAt(q, len(src), closer(src[o+2])) {
			return o, q + 3, true
		}
	}
	e.highlightFailed = from
	return 0, 0, false
}
