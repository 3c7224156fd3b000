package search

import (
	"sync"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// tokenSet collects the distinct tokens of texts, in order of first
// occurrence, without a string per token: it is TermsOf's hot loop. Its
// tokens are exactly those of Tokens, which the tests check.
type tokenSet struct {
	buf   []byte   // the distinct tokens, each followed by termSep
	n     int      // how many
	slots []uint64 // open addressing: hash<<32 | offset in buf + 1; 0 is empty
	cur   []byte   // the token being read, folded
	nfd   []byte   // scratch for the decomposition of non-ASCII text
}

// setPool recycles token sets.
var setPool = sync.Pool{New: func() any { return &tokenSet{slots: make([]uint64, 1024)} }}

// release empties ts and puts it back in the pool.
func (ts *tokenSet) release() {
	ts.buf, ts.n = ts.buf[:0], 0
	if len(ts.slots) > 1<<14 {
		ts.slots = make([]uint64, 1024) // do not keep clearing the table of one huge text
	} else {
		clear(ts.slots)
	}
	setPool.Put(ts)
}

// FNV-1a, 32 bits.
const (
	fnvOffset = 2166136261
	fnvPrime  = 16777619
)

// asciiFold maps an ASCII byte to its folded form if it belongs in a token
// and to 0 if it does not; bytes of non-ASCII runes map to 0xFF.
var asciiFold = func() (t [256]byte) {
	for c := 0x80; c < 0x100; c++ {
		t[c] = 0xFF
	}
	for c := byte('0'); c <= '9'; c++ {
		t[c] = c
	}
	for c := byte('a'); c <= 'z'; c++ {
		t[c], t[c-'a'+'A'] = c, c
	}
	return t
}()

// addText adds the tokens of s. ASCII is folded byte by byte; a stretch
// with other runes, from the start of its token to the next ASCII byte
// that is no letter or digit, goes through foldUnicode's steps. Cutting
// there is safe: an ASCII character has no decomposition and no mark
// reorders across it, and no token spans it.
func (ts *tokenSet) addText(s string) {
	cur := ts.cur[:0]
	var h uint32
	start := -1 // start of the current token in s
	for i := 0; i < len(s); i++ {
		c := asciiFold[s[i]]
		switch c {
		case 0:
			if start >= 0 {
				ts.add(cur, h)
				start = -1
			}
		case 0xFF:
			from := i
			if start >= 0 {
				from, start = start, -1
			}
			end := i + 1
			for end < len(s) && asciiFold[s[end]] != 0 {
				end++
			}
			ts.cur = cur
			ts.addUnicode(s[from:end])
			cur = ts.cur
			i = end // s[end], if any, is a separator
		default:
			if start < 0 {
				start, cur, h = i, cur[:0], fnvOffset
			}
			cur = append(cur, c)
			h = (h ^ uint32(c)) * fnvPrime
		}
	}
	if start >= 0 {
		ts.add(cur, h)
	}
	ts.cur = cur
}

// addUnicode adds the tokens of s, folded as Fold folds.
func (ts *tokenSet) addUnicode(s string) {
	ts.nfd = norm.NFD.AppendString(ts.nfd[:0], s)
	cur := ts.cur[:0]
	var h uint32 = fnvOffset
	for i := 0; i < len(ts.nfd); {
		r, size := rune(ts.nfd[i]), 1
		if r >= utf8.RuneSelf {
			r, size = utf8.DecodeRune(ts.nfd[i:])
		}
		i += size
		switch {
		case r < utf8.RuneSelf:
			r = rune(asciiFold[r])
		case unicode.Is(unicode.M, r):
			continue
		case r == 'ς':
			r = 'σ'
		default:
			if r = unicode.ToLower(r); !unicode.IsLetter(r) && !unicode.IsNumber(r) {
				r = 0
			}
		}
		if r == 0 {
			if len(cur) > 0 {
				ts.add(cur, h)
				cur, h = cur[:0], fnvOffset
			}
			continue
		}
		n := len(cur)
		cur = utf8.AppendRune(cur, r)
		for _, b := range cur[n:] {
			h = (h ^ uint32(b)) * fnvPrime
		}
	}
	if len(cur) > 0 {
		ts.add(cur, h)
	}
	ts.cur = cur
}

// add adds the token tok, whose hash is h, unless it is in the set.
func (ts *tokenSet) add(tok []byte, h uint32) {
	mask := uint32(len(ts.slots) - 1)
	for i := h & mask; ; i = (i + 1) & mask {
		e := ts.slots[i]
		if e == 0 {
			ts.slots[i] = uint64(h)<<32 | uint64(len(ts.buf)+1)
			ts.buf = append(ts.buf, tok...)
			ts.buf = append(ts.buf, termSep)
			ts.n++
			if ts.n*2 > len(ts.slots) {
				ts.grow()
			}
			return
		}
		if uint32(e>>32) != h {
			continue
		}
		off := int(uint32(e)) - 1
		if end := off + len(tok); end < len(ts.buf) && ts.buf[end] == termSep && string(ts.buf[off:end]) == string(tok) {
			return
		}
	}
}

// grow doubles the hash table.
func (ts *tokenSet) grow() {
	old := ts.slots
	ts.slots = make([]uint64, 2*len(old))
	mask := uint32(len(ts.slots) - 1)
	for _, e := range old {
		if e == 0 {
			continue
		}
		i := uint32(e>>32) & mask
		for ts.slots[i] != 0 {
			i = (i + 1) & mask
		}
		ts.slots[i] = e
	}
}
