// Package shortcode expands the Hugo shortcodes an editor brought along
// when moving a site to digest, in a Markdown body, before goldmark sees it.
//
// Expand parses Hugo's syntax: {{< name args >}} and {{% name args %}},
// paired forms closed by {{< /name >}}, self-closing {{< name />}},
// positional arguments (bare words, "double-quoted" or `backtick` strings)
// and named ones (key="value", key=value), and the escaped form
// {{</* name */>}}, which comes out as the text {{< name >}}. A tag may
// span lines but not a blank line.
//
// The built-in shortcodes are rendered without JavaScript and load nothing
// from a third party until the reader clicks: youtube and vimeo become a
// link to the video, x and tweet a link to the post, figure an <img> with
// a caption, details a <details> element around Markdown, highlight a
// fenced code block, and ref and relref the path they name (the caller
// resolves links to .md files). Parameters that only mean something to a
// player or to Hugo's image pipeline (autoplay, process…) are ignored;
// captions and summaries are text, not Markdown. Any other shortcode is a
// Problem and is removed from the output, so it never shows as text; the
// inner text of a paired one is kept.
//
// Unlike Hugo, shortcodes inside fenced code blocks (``` or ~~~), inline
// code spans and highlight blocks are not expanded: code shows as written,
// except that the escaped form {{</* name */>}} still reads {{< name >}}
// there, as Hugo's documentation pages expect. Indented code blocks cannot
// be told from list continuations before parsing; a shortcode in one is
// expanded, and Substitute shows it as written when its token lands in
// <pre> or <code>.
//
// HTML cannot go through goldmark, which would escape it unless the site
// allows raw HTML, so Expand puts a placeholder token where a rendering
// goes: "Scdgst", a nonce, "k", the block's index and "z", as in
// "Scdgst0k3z" (ASCII letters and digits, which goldmark and its
// typographer leave alone; the nonce is chosen so that no text of the
// body reads as a token). Substitute swaps the tokens in the rendered HTML
// for their HTML, ending and restarting the paragraph around a block, and
// Plain removes them from text taken from the rendered page. Expand never
// adds or removes a line, so goldmark's line numbers, and Expand's own
// problems, still match the file.
//
// Expand and Substitute run in time linear in their input whatever it
// holds: paired shortcodes are matched with a stack, failed searches are
// remembered, problems stop at 100 (and one that counts the rest), and a
// step budget stops expansion of a pathological body (with a Problem)
// rather than letting it run long.
package shortcode

import (
	"bytes"
	"fmt"
	"strconv"
	"unicode/utf8"
)

// Problem is an unknown or malformed shortcode, or a built-in one used in a
// way digest cannot render. Line and Column (in characters) are 1-based and
// point into the src given to Expand.
type Problem struct {
	Line   int
	Column int
	// Code is a short stable identifier: shortcode-unknown,
	// shortcode-malformed, shortcode-unclosed, shortcode-unopened,
	// shortcode-parameter, shortcode-unsafe-url or shortcode-limit.
	Code string
	// Message says what is wrong, naming the shortcode.
	Message string
	// Hint says what to do about it.
	Hint string
}

// stepsPerByte bounds the work Expand does: every loop counts its steps,
// and a body that needs more than this many per byte (plus a constant) is
// pathological; expansion stops there with a Problem.
const stepsPerByte = 32

// Expand rewrites the Hugo shortcodes of a Markdown body src. It returns
// the Markdown to convert, with exactly as many lines as src; the blocks
// whose tokens out holds, to put back with Blocks.Substitute after
// conversion; and a Problem for each unknown, malformed or unusable
// shortcode. A body with neither "{{<" nor "{{%" is returned as it is,
// with nil blocks and problems, without allocating.
func Expand(src []byte) (out []byte, blocks Blocks, problems []Problem) {
	if !bytes.Contains(src, []byte("{{<")) && !bytes.Contains(src, []byte("{{%")) {
		return src, nil, nil
	}
	e := newExpander(src)
	e.scan()
	e.match()
	if e.more > 0 {
		line, col := e.position(e.moreAt)
		e.problems = append(e.problems, Problem{Line: line, Column: col, Code: "shortcode-limit",
			Message: fmt.Sprintf("%d more shortcode problems are not shown", e.more),
			Hint:    "fix the ones shown and build again"})
	}
	out, blocks = e.assemble()
	return out, blocks, e.problems
}

// expander holds the state of one Expand call.
type expander struct {
	src      []byte
	pieces   []piece // replacements, sorted by start, not overlapping
	tags     []tag   // shortcodes left for match, in order
	problems []Problem
	lines    []int // offsets of line starts, made on first need
	budget   int   // steps left before expansion stops
	steps    int   // steps taken, for tests
	// highlightFailed is the earliest offset from which no closing
	// highlight tag was found.
	highlightFailed int
	more, moreAt    int // problems past maxProblems, and where the first was
}

// piece replaces src[start:end] with text, or with the token of blk, then
// as many newlines as src[start:end] holds, which keeps every line.
type piece struct {
	start, end int
	text       string
	blk        *Block
}

func newExpander(src []byte) *expander {
	return &expander{src: src, budget: stepsPerByte*len(src) + 1<<12, highlightFailed: len(src) + 1}
}

// step counts n steps of work and reports whether the budget allows more.
func (e *expander) step(n int) bool {
	e.steps += n
	e.budget -= n
	return e.budget > 0
}

// add appends a piece.
func (e *expander) add(p piece) { e.pieces = append(e.pieces, p) }

// maxProblems bounds the problems Expand reports for one body; past it,
// the last one says how many more there were.
const maxProblems = 100

// problem records a problem at offset off of src.
func (e *expander) problem(off int, code, msg, hint string) {
	if len(e.problems) == maxProblems {
		if e.more == 0 {
			e.moreAt = off
		}
		e.more++
		return
	}
	line, col := e.position(off)
	e.problems = append(e.problems, Problem{Line: line, Column: col, Code: code, Message: msg, Hint: hint})
}

// position returns the 1-based line and column (in characters) of off.
func (e *expander) position(off int) (line, col int) {
	line = e.lineOf(off)
	return line, 1 + utf8.RuneCount(e.src[e.lines[line-1]:off])
}

// lineOf returns the 1-based line of off.
func (e *expander) lineOf(off int) int {
	if e.lines == nil {
		e.lines = append(e.lines, 0)
		for i, c := range e.src {
			if c == '\n' {
				e.lines = append(e.lines, i+1)
			}
		}
	}
	lo, hi := 0, len(e.lines)
	for hi-lo > 1 { // the last line start <= off
		mid := (lo + hi) / 2
		if e.lines[mid] <= off {
			lo = mid
		} else {
			hi = mid
		}
	}
	return lo + 1
}

// assemble applies the pieces to src and numbers the blocks. Tokens are
// chosen once the rest of the output is known, so that no text of it can
// be mistaken for one.
func (e *expander) assemble() ([]byte, Blocks) {
	if len(e.pieces) == 0 {
		return e.src, nil
	}
	src := e.src
	text := make([]byte, 0, len(src))
	var marks []int // where each block's token goes in text
	var blocks Blocks
	pos := 0
	for _, p := range e.pieces {
		text = append(text, src[pos:p.start]...)
		if p.blk != nil {
			marks = append(marks, len(text))
			blocks = append(blocks, *p.blk)
		}
		text = append(text, p.text...)
		for n := bytes.Count(src[p.start:p.end], []byte{'\n'}); n > 0; n-- {
			text = append(text, '\n')
		}
		pos = p.end
	}
	text = append(text, src[pos:]...)
	if len(blocks) == 0 {
		return text, nil
	}
	prefix := tokenPrefix(text)
	out := make([]byte, 0, len(text)+len(blocks)*(len(prefix)+8))
	prev := 0
	for k, m := range marks {
		out = append(out, text[prev:m]...)
		blocks[k].Token = prefix + strconv.Itoa(k) + tokenEnd
		out = append(out, blocks[k].Token...)
		prev = m
	}
	return append(out, text[prev:]...), blocks
}

// Tokens are tokenBase, a nonce, tokenSep, the block's index and tokenEnd:
// "Scdgst0k12z". The nonce is the smallest number whose prefix
// ("Scdgst0k") the rest of the output does not hold, so an editor who
// writes a token by hand, or whose text happens to join into one, cannot
// have it replaced. The letters after the numbers keep "…k1z" apart from
// "…k12z", and no suffix of a token starts a prefix, so a token cannot
// run into the text around it.
const (
	tokenBase = "Scdgst"
	tokenSep  = "k"
	tokenEnd  = "z"
)

// tokenPrefix returns the token prefix for an output whose text,
// without tokens, is text.
func tokenPrefix(text []byte) string {
	var used []bool // used[n]: text holds the prefix with nonce n
	n := bytes.Count(text, []byte(tokenBase))
	if n > 0 {
		used = make([]bool, n+1)
		rest := text
		for {
			i := bytes.Index(rest, []byte(tokenBase))
			if i < 0 {
				break
			}
			rest = rest[i+len(tokenBase):]
			d := 0
			for d < len(rest) && d < 10 && isDigit(rest[d]) {
				d++
			}
			if d == 0 || d == 10 || d >= len(rest) || rest[d] != tokenSep[0] || (rest[0] == '0' && d > 1) {
				continue
			}
			if v, err := strconv.Atoi(string(rest[:d])); err == nil && v <= n {
				used[v] = true
			}
		}
	}
	nonce := 0
	for nonce < len(used) && used[nonce] {
		nonce++
	}
	return tokenBase + strconv.Itoa(nonce) + tokenSep
}

func isDigit(c byte) bool { return '0' <= c && c <= '9' }
