// Package copycheck measures how much of an item's text is copied from a
// source text, so that a digest can warn when a summary still carries the
// words of the article it credits instead of the editor's own.
//
// The rules:
//
//   - A word is a maximal run of letters and digits (unicode.IsLetter,
//     unicode.IsNumber) with the combining marks on them, plus any
//     apostrophe (' ’ ʼ, or ‘ mistyped for one) that stands between two
//     letters: "it’s", "don't" and "rock'n'roll" are one word each.
//     Everything else (punctuation, Markdown's *, _, #, [ and ]) only
//     separates words.
//   - Not words either: the target of a Markdown link or image, "(url)" in
//     [text](url) (the text is prose, the URL is not); a bare URL starting
//     http://, https:// or www.; an HTML tag or autolink <…> closed on its
//     line.
//   - Words are compared folded: in NFC, lower-cased rune by rune, every
//     apostrophe written ' and a Greek final sigma σ.
//   - A word of the item is copied if it lies in a window of run consecutive
//     item words whose folded sequence is also run consecutive words of the
//     source. Runs are found by hashing the words, but every match is
//     verified word by word, so a hash collision never makes a copy.
//   - Words inside quotation marks are quoted: “…”, "…", «…», „…“ or „…”,
//     and ‘…’ when the ‘ follows the start, white space or opening
//     punctuation and is followed by no white space, and the closing ’ is
//     followed by no letter or digit (so it’s and don’t never open or close
//     a quotation). Quotation marks inside an open quotation are part of it.
//     A quotation may span lines; one left open ends with its paragraph (at
//     a blank line or the end of the text), and a ‘ left open was no
//     quotation at all: its words are not quoted.
//   - Copied words that are quoted count in Report.Quoted, the others in
//     Report.Copied. A window may straddle a quotation mark: then its words
//     outside the quotation are copied (they lead into or follow the
//     quotation as in the source).
//   - Report.Longest is the longest unbroken stretch of copied words that
//     are not quoted (the first of equals).
//
// Compare takes time linear in the length of both texts: every window of
// the source goes into a hash table, every window of the item is looked up
// once, and a run that goes on in the source as in the item is followed
// word by word. Its buffers are pooled: once they have grown, it allocates
// nothing but a Longest that spans lines or leaves markup out.
package copycheck

import (
	"math"
	"math/bits"
	"strings"
	"sync"
)

// Report is how much of an item's text is copied from a source.
type Report struct {
	// Words is the number of words in the item's text, quoted ones
	// included.
	Words int
	// Copied is the number of words of the item, outside quotation marks,
	// that lie in a run of at least run consecutive words also found, in
	// the same order, in the source.
	Copied int
	// Quoted is the number of words inside quotation marks that lie in such
	// runs.
	Quoted int
	// Longest is the longest stretch of copied words outside quotation
	// marks, as written in the item, from its first word to its last with
	// what stands between them (link targets, bare URLs and tags left out).
	// Where it spans lines, a line keeps what follows its last word (its
	// punctuation, less trailing white space) and is joined by a single
	// space to the next line's first word: "free.\n\n> The" is "free. The".
	Longest string
	// LongestWords is the number of words in Longest.
	LongestWords int
	// LongestLine is the 1-based line of the item's text where Longest
	// starts, 0 if nothing is copied.
	LongestLine int
}

// Share is Copied / Words (0 for an empty text).
func (r Report) Share() float64 {
	if r.Words == 0 {
		return 0
	}
	return float64(r.Copied) / float64(r.Words)
}

// rollBase spreads a window's hash over the table.
const rollBase = 0x9e3779b97f4a7c15

// hashMask masks every hash: of a long word, of a word for windows, of a
// window. Tests make it tiny to force collisions.
var hashMask = ^uint64(0)

// slot is an entry of the table of source windows.
type slot struct {
	tag uint32 // the window's hash, folded to 32 bits
	pos int32  // 1 + the index of the window's first word; 0: empty
}

// tag folds a window's hash to 32 bits.
func tag(h uint64) uint32 {
	return uint32(h) ^ uint32(h>>32)
}

// state is the memory one Compare works in, kept in a pool.
type state struct {
	arena     []byte  // folded words of both texts
	tmp       []byte  // a word in NFC
	item, src []token // words of the item and of the source
	table     []slot  // the source's windows, open addressing
	shift     uint    // 64 - log2(len(table))
}

var pool = sync.Pool{New: func() any { return new(state) }}

// Compare measures how much of item is copied from source, counting runs of
// at least run words (run < 2 is taken as 2). Both are Markdown or plain
// text (front matter left out). Compare is safe for concurrent use.
func Compare(item, source string, run int) Report {
	run = max(run, 2)
	// Offsets are int32: a text beyond 2 GiB is cut there.
	item, source = item[:min(len(item), math.MaxInt32)], source[:min(len(source), math.MaxInt32)]
	st := pool.Get().(*state)
	st.arena = st.arena[:0]
	st.item = st.tokenize(item, st.item)
	st.src = st.tokenize(source, st.src)
	if len(st.item) >= run && len(st.src) >= run {
		st.index(run)
		st.match(run)
	}
	r := st.report(item)
	// Keep the buffers of texts up to some 30,000 words (2.5 MB).
	if cap(st.item)+cap(st.src) <= 1<<15 && cap(st.arena) <= 1<<18 && cap(st.table) <= 1<<16 {
		pool.Put(st)
	}
	return r
}

// windowHash is the hash of the run words starting at toks[0]: the XOR of
// their hashes, each rotated by its distance to the window's end (a cyclic
// polynomial, "buzhash"). The next window's is roll(h, toks[0], toks[run]).
func windowHash(toks []token, run int) uint64 {
	var h uint64
	for _, t := range toks[:run] {
		h = bits.RotateLeft64(h, 1) ^ t.hash
	}
	return h
}

// roll returns the hash of the window after the one hashed h, which loses
// the word out and gains the word in.
func roll(h uint64, out, in token, run int) uint64 {
	return bits.RotateLeft64(h, 1) ^ bits.RotateLeft64(out.hash, run) ^ in.hash
}

// index puts every window of run words of the source in st.table, once
// for each distinct sequence of words.
func (st *state) index(run int) {
	n := len(st.src) - run + 1
	size, log := 16, uint(4)
	for size < 2*n { // at most half full
		size, log = size*2, log+1
	}
	if cap(st.table) < size {
		st.table = make([]slot, size)
	} else {
		st.table = st.table[:size]
		clear(st.table)
	}
	st.shift = 64 - log
	src := st.src
	h := windowHash(src, run)
	st.insert(h&hashMask, 0, run)
	for p := 1; p < n; p++ {
		h = roll(h, src[p-1], src[p+run-1], run)
		st.insert(h&hashMask, p, run)
	}
}

// insert adds the source window at p with hash h, unless the same words
// are there already.
func (st *state) insert(h uint64, p, run int) {
	mask, t := len(st.table)-1, tag(h)
	for i := int(h * rollBase >> st.shift); ; i = (i + 1) & mask {
		e := &st.table[i]
		if e.pos == 0 {
			e.tag, e.pos = t, int32(p+1)
			return
		}
		if e.tag == t && st.sameRun(st.src[p:p+run], st.src[e.pos-1:]) {
			return
		}
	}
}

// lookup returns where in the source the words of win occur, or -1.
func (st *state) lookup(h uint64, win []token) int {
	mask, t := len(st.table)-1, tag(h)
	for i := int(h * rollBase >> st.shift); ; i = (i + 1) & mask {
		e := st.table[i]
		if e.pos == 0 {
			return -1
		}
		if e.tag == t && st.sameRun(win, st.src[e.pos-1:]) {
			return int(e.pos - 1)
		}
	}
}

// sameRun reports whether the words of a are the first len(a) of b.
func (st *state) sameRun(a, b []token) bool {
	for k := range a {
		if !st.sameWord(a[k], b[k]) {
			return false
		}
	}
	return true
}

// sameWord reports whether two words fold alike: the same key, and if
// that is a hash, the same bytes.
func (st *state) sameWord(a, b token) bool {
	return a.key == b.key && a.fold1-a.fold0 == b.fold1-b.fold0 &&
		(a.fold0 == a.fold1 || string(st.arena[a.fold0:a.fold1]) == string(st.arena[b.fold0:b.fold1]))
}

// match marks copied every item word in a window found in the source. A
// window that continues the previous one's match is checked by its last
// word alone.
func (st *state) match(run int) {
	it, src := st.item, st.src
	h := windowHash(it, run)
	marked := 0        // it[:marked] is marked as far as need be
	prev, at := -2, -1 // the last window found and where in the source
	for i := 0; i+run <= len(it); i++ {
		if i > 0 {
			h = roll(h, it[i-1], it[i+run-1], run)
		}
		var p int
		if prev == i-1 && at+run < len(src) && st.sameWord(it[i+run-1], src[at+run]) {
			p = at + 1
		} else {
			p = st.lookup(h&hashMask, it[i:i+run])
		}
		if p < 0 {
			continue
		}
		for k := max(marked, i); k < i+run; k++ {
			it[k].copied = true
		}
		marked, prev, at = i+run, i, p
	}
}

// report counts the copied words and finds the longest stretch.
func (st *state) report(item string) Report {
	it := st.item
	r := Report{Words: len(it)}
	best, bestN := -1, 0
	for k := 0; k < len(it); {
		switch {
		case !it[k].copied:
			k++
		case it[k].quoted:
			r.Quoted++
			k++
		default:
			a := k
			for k < len(it) && it[k].copied && !it[k].quoted {
				k++
			}
			r.Copied += k - a
			if k-a > bestN {
				best, bestN = a, k-a
			}
		}
	}
	if best >= 0 {
		r.Longest = longest(item, it[best:best+bestN])
		r.LongestWords = bestN
		r.LongestLine = int(it[best].line)
	}
	return r
}

// longest returns the words of toks as written in item: on one line with
// what stands between them, save skipped markup; across lines with the rest
// of the line (punctuation) and a space.
func longest(item string, toks []token) string {
	first, last := toks[0], toks[len(toks)-1]
	simple := first.line == last.line
	for _, t := range toks[1:] {
		simple = simple && t.cut0 < 0
	}
	if simple {
		return item[first.start:last.end]
	}
	var b strings.Builder
	b.Grow(int(last.end - first.start))
	for k, t := range toks {
		if k > 0 {
			p := toks[k-1]
			switch {
			case p.line != t.line:
				// The rest of p's line, punctuation and all, then a space.
				gap := item[p.end:t.start]
				if t.cut0 >= 0 {
					gap = item[p.end:t.cut0]
				}
				if nl := strings.IndexByte(gap, '\n'); nl >= 0 {
					gap = gap[:nl]
				}
				b.WriteString(strings.TrimRight(gap, " \t\r"))
				b.WriteByte(' ')
			case t.cut0 >= 0:
				b.WriteString(item[p.end:t.cut0])
				b.WriteString(item[t.cut1:t.start])
			default:
				b.WriteString(item[p.end:t.start])
			}
		}
		b.WriteString(item[t.start:t.end])
	}
	return b.String()
}
