package markdown

import (
	"bytes"
	"fmt"
)

// Limits that keep goldmark linear. goldmark's cost per line grows with the
// number of open containers (block quotes and list items), so deep nesting
// is quadratic or worse; a paragraph full of unclosed link destinations is
// quadratic; and a table's output is its header width times its rows.
const (
	// MaxNesting is the most container markers (">", "-", "1.") the guard
	// leaves on one line; further markers are escaped and show as text.
	MaxNesting = 32
	// MaxPrefixWidth bounds the columns of whitespace in a line's container
	// prefix, which is what nests lists by indentation.
	MaxPrefixWidth = 128
	// MaxLinkOpeners bounds "](" sequences in one paragraph.
	MaxLinkOpeners = 500
	// MaxTableColumns bounds the columns of a table's delimiter row.
	MaxTableColumns = 128
	// MaxBracketDepth bounds how deeply "[" nest in one paragraph.
	MaxBracketDepth = 32
	// MaxDefinitionRun bounds consecutive link reference definitions
	// in one paragraph.
	MaxDefinitionRun = 100
)

// Finding is something the guard changed, with the 1-based line.
type Finding struct {
	Line    int
	Message string
}

// Guard returns src with pathological structure defused and what it
// changed. It never adds or removes lines, so line numbers still match the
// file. Top-level fenced code blocks are left alone.
func Guard(src []byte) ([]byte, []Finding) {
	var findings []Finding
	var out []byte // allocated on first change
	lines := splitLines(src)
	changed := func(i int) {
		if out == nil {
			out = make([]byte, 0, len(src)+64)
			for _, l := range lines[:i] {
				out = append(out, l...)
			}
		}
	}
	var fence []byte
	var para paragraphState
	for i, line := range lines {
		if fence != nil {
			if isFence(line, fence) {
				fence = nil
			}
			if out != nil {
				out = append(out, line...)
			}
			continue
		}
		if f := fenceOpener(line); f != nil {
			fence = f
			if out != nil {
				out = append(out, line...)
			}
			para = paragraphState{}
			continue
		}
		if len(bytes.TrimSpace(line)) == 0 {
			para = paragraphState{}
		}
		fixed, msg := guardPrefix(line)
		if msg == "" {
			fixed, msg = guardTable(line)
		}
		if msg == "" {
			fixed, msg = para.guard(line)
		}
		if msg != "" {
			changed(i)
			findings = append(findings, Finding{Line: i + 1, Message: msg})
		}
		if out != nil {
			out = append(out, fixed...)
		}
	}
	if out == nil {
		return src, nil
	}
	return out, findings
}

// splitLines splits after each '\n', keeping it.
func splitLines(src []byte) [][]byte {
	lines := make([][]byte, 0, bytes.Count(src, []byte{'\n'})+1)
	for len(src) > 0 {
		i := bytes.IndexByte(src, '\n')
		if i < 0 {
			lines = append(lines, src)
			break
		}
		lines = append(lines, src[:i+1])
		src = src[i+1:]
	}
	return lines
}

func fenceOpener(line []byte) []byte {
	t := bytes.TrimLeft(line, " ")
	if len(line)-len(t) > 3 || len(t) < 3 {
		return nil
	}
	c := t[0]
	if c != '`' && c != '~' {
		return nil
	}
	n := 0
	for n < len(t) && t[n] == c {
		n++
	}
	if n < 3 || (c == '`' && bytes.IndexByte(t[n:], '`') >= 0) {
		return nil
	}
	return t[:n]
}

// isFence reports whether line closes a fence opened with open: the same
// character, at least as many, indented at most three spaces.
func isFence(line, open []byte) bool {
	t := bytes.TrimLeft(line, " ")
	if len(line)-len(t) > 3 {
		return false
	}
	t = bytes.TrimRight(t, " \t\n")
	return len(t) >= len(open) && t[0] == open[0] && len(bytes.Trim(t, string(open[:1]))) == 0
}

// guardPrefix bounds the container prefix of one line: the run of
// whitespace and block-quote or list markers it starts with.
func guardPrefix(line []byte) ([]byte, string) {
	if isThematicBreak(line) {
		return line, ""
	}
	width, markers := 0, 0
	var out []byte
	i := 0
	for i < len(line) {
		c := line[i]
		if c == ' ' || c == '\t' {
			j := i
			w := 0
			for j < len(line) && (line[j] == ' ' || line[j] == '\t') {
				if line[j] == '\t' {
					w += 4 - (width+w)%4
				} else {
					w++
				}
				j++
			}
			if width+w > MaxPrefixWidth {
				if out == nil {
					out = append([]byte(nil), line[:i]...)
				}
				keep := max(0, MaxPrefixWidth-width)
				out = append(out, bytes.Repeat([]byte{' '}, keep)...)
				out = append(out, line[j:]...)
				return out, fmt.Sprintf("indentation deeper than %d columns was reduced", MaxPrefixWidth)
			}
			width += w
			i = j
			continue
		}
		n := markerLen(line[i:])
		if n == 0 {
			break
		}
		markers++
		if markers > MaxNesting {
			return insertBackslash(line, i), fmt.Sprintf("block quotes and lists nested deeper than %d levels: the rest of the line is shown as text", MaxNesting)
		}
		i += n
		width += n
	}
	return line, ""
}

// markerLen returns the length of the block-quote or list marker at the
// start of b, or 0.
func markerLen(b []byte) int {
	switch {
	case b[0] == '>':
		return 1
	case b[0] == '-' || b[0] == '+' || b[0] == '*':
		if len(b) > 1 && (b[1] == ' ' || b[1] == '\t') {
			return 1
		}
		return 0
	}
	n := 0
	for n < len(b) && n < 9 && b[n] >= '0' && b[n] <= '9' {
		n++
	}
	if n > 0 && n+1 < len(b) && (b[n] == '.' || b[n] == ')') && (b[n+1] == ' ' || b[n+1] == '\t') {
		return n + 1
	}
	return 0
}

func isThematicBreak(line []byte) bool {
	t := bytes.TrimSpace(line)
	if len(t) < 3 || (t[0] != '-' && t[0] != '*' && t[0] != '_') {
		return false
	}
	n := 0
	for _, c := range t {
		switch c {
		case t[0]:
			n++
		case ' ', '\t':
		default:
			return false
		}
	}
	return n >= 3
}

// guardTable turns a table delimiter row with too many columns into text.
func guardTable(line []byte) ([]byte, string) {
	t := bytes.TrimSpace(line)
	if bytes.IndexByte(t, '|') < 0 || bytes.Count(t, []byte{'|'}) <= MaxTableColumns {
		return line, ""
	}
	for _, c := range t {
		if c != '|' && c != '-' && c != ':' && c != ' ' && c != '\t' {
			return line, ""
		}
	}
	i := len(line) - len(bytes.TrimLeft(line, " \t"))
	return insertBackslash(line, i), fmt.Sprintf("a table with more than %d columns is shown as text", MaxTableColumns)
}

// paragraphState tracks, across the lines of one paragraph, what makes
// goldmark's inline and definition parsing quadratic.
type paragraphState struct {
	openers int // "](" seen
	depth   int // open "[" not yet closed
	defs    int // consecutive lines starting a link reference definition
}

func (p *paragraphState) guard(line []byte) ([]byte, string) {
	if isDefinitionStart(line) {
		p.defs++
		if p.defs > MaxDefinitionRun {
			i := bytes.IndexByte(line, '[')
			return insertBackslash(line, i), fmt.Sprintf("more than %d link definitions in a row: the rest are shown as text", MaxDefinitionRun)
		}
	} else {
		p.defs = 0
	}
	p.openers += bytes.Count(line, []byte("]("))
	if p.openers > MaxLinkOpeners {
		return bytes.ReplaceAll(line, []byte("["), []byte(`\[`)),
			fmt.Sprintf("more than %d links in one paragraph: the rest of its brackets are shown as text", MaxLinkOpeners)
	}
	var out []byte
	for i := 0; i < len(line); i++ {
		c := line[i]
		escape := false
		switch c {
		case '\\':
			if out != nil && i+1 < len(line) {
				out = append(out, c)
			}
			i++
			if i >= len(line) {
				if out != nil {
					out = append(out, c)
				}
				continue
			}
			c = line[i]
		case '[':
			if p.depth >= MaxBracketDepth {
				escape = true
			} else {
				p.depth++
			}
		case ']':
			p.depth = max(0, p.depth-1)
		}
		if escape && out == nil {
			out = append(make([]byte, 0, len(line)+16), line[:i]...)
		}
		if out != nil {
			if escape {
				out = append(out, '\\')
			}
			out = append(out, c)
		}
	}
	if out != nil {
		return out, fmt.Sprintf("brackets nested deeper than %d levels: the inner ones are shown as text", MaxBracketDepth)
	}
	return line, ""
}

func isDefinitionStart(line []byte) bool {
	t := bytes.TrimLeft(line, " ")
	return len(line)-len(t) <= 3 && len(t) > 0 && t[0] == '[' && bytes.Contains(t, []byte("]:"))
}

func insertBackslash(line []byte, i int) []byte {
	return append(append(append(make([]byte, 0, len(line)+1), line[:i]...), '\\'), line[i:]...)
}
