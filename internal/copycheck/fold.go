package copycheck

import (
	"encoding/binary"
	"math/bits"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// Classes of bytes, for the scanner's quick paths.
const (
	bWord  = 1 << iota // ASCII letter or digit
	bUpper             // A to Z
	bSpace             // ASCII white space but \n
)

// byteClass is the class of each byte.
var byteClass = func() (t [256]uint8) {
	for c := '0'; c <= '9'; c++ {
		t[c] = bWord
	}
	for c := 'a'; c <= 'z'; c++ {
		t[c], t[c-'a'+'A'] = bWord, bWord|bUpper
	}
	for _, c := range " \t\r\f\v" {
		t[c] = bSpace
	}
	return t
}()

// Classes of runes.
const (
	rLetter = 1 << iota // unicode.IsLetter, apostrophes aside
	rNumber             // unicode.IsNumber
	rMark               // unicode.M: a combining mark
	rInert              // needs no NFC: it starts a segment and is NFC alone
)

// tabled is the end of the runes whose class and lower case are tabled:
// Latin, Greek, Cyrillic.
const tabled = 0x530

// runeClass and runeLower are the class and fold (see foldRune) of the
// runes below tabled.
var runeClass, runeLower = func() (c [tabled]uint8, l [tabled]uint16) {
	for r := range rune(tabled) {
		switch {
		case isApostrophe(r):
		case unicode.IsLetter(r):
			c[r] = rLetter
		case unicode.IsNumber(r):
			c[r] = rNumber
		case unicode.Is(unicode.M, r):
			c[r] = rMark
		}
		if p := norm.NFC.PropertiesString(string(r)); p.BoundaryBefore() && norm.NFC.IsNormalString(string(r)) {
			c[r] |= rInert
		}
		l[r] = uint16(unicode.ToLower(r))
	}
	l['ʼ'], l['ς'] = '\'', 'σ'
	return c, l
}()

// class returns the class of r.
func class(r rune) uint8 {
	if r < tabled {
		return runeClass[r]
	}
	return classBeyond(r)
}

// classBeyond is class for runes from tabled on.
func classBeyond(r rune) uint8 {
	var c uint8
	switch {
	case isApostrophe(r):
	case unicode.IsLetter(r):
		c = rLetter
	case unicode.IsNumber(r):
		c = rNumber
	case unicode.Is(unicode.M, r):
		c = rMark
	}
	return c // not inert: NFC decides
}

// foldRune lower-cases r, writes an apostrophe ' and a final sigma σ.
func foldRune(r rune) rune {
	switch {
	case r < tabled:
		return rune(runeLower[r])
	case isApostrophe(r):
		return '\''
	}
	return unicode.ToLower(r)
}

// isApostrophe reports whether r may be written for an apostrophe: ' ’ ʼ,
// or ‘ mistyped.
func isApostrophe(r rune) bool {
	return r == '\'' || r == '’' || r == 'ʼ' || r == '‘'
}

func isASCIILetter(c byte) bool {
	return 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z'
}

// isWordStart reports whether a word starts with r.
func isWordStart(r rune) bool {
	return class(r)&(rLetter|rNumber) != 0
}

// classAt returns the class of the rune at s[j], 0 at the end of s.
func classAt(s string, j int) uint8 {
	if j >= len(s) {
		return 0
	}
	if c := s[j]; c < utf8.RuneSelf {
		return runeClass[c]
	}
	r, _ := utf8.DecodeRuneInString(s[j:])
	return class(r)
}

// fold folds the word that starts at s[i] and returns its key and where it
// ends. A folded word of up to 8 bytes is its own key: its bytes packed
// little-endian (no word has a zero byte, so no two keys are alike). A
// longer one is appended to st.arena, its key a hash of it. The common word
// of ASCII letters and digits alone is done here; others go to foldWord.
func (st *state) fold(s string, i int) (uint64, int) {
	var cl uint8
	j := i
	for ; j < len(s); j++ {
		k := byteClass[s[j]]
		if k&bWord == 0 {
			break
		}
		cl |= k
	}
	if j < len(s) && (s[j] == '\'' || s[j] >= utf8.RuneSelf) {
		return st.foldWord(s, i)
	}
	if n := j - i; n <= 8 {
		var x uint64
		if i+8 <= len(s) {
			x = load8(s[i : i+8])
		} else {
			for k := j - 1; k >= i; k-- {
				x = x<<8 | uint64(s[k])
			}
		}
		// Setting 0x20 lowers a letter and keeps a digit.
		return (x | 0x2020202020202020) & (1<<(8*n) - 1), j
	}
	mark := len(st.arena)
	st.arena = append(st.arena, s[i:j]...)
	if w := st.arena[mark:]; cl&bUpper != 0 {
		for k, c := range w {
			w[k] = c | 0x20
		}
	}
	return hashWord(st.arena[mark:]), j
}

// foldWord is fold for any word: letters, digits and the combining marks on
// them, and apostrophes between letters. Its runes are folded one by one
// unless one of them might change in NFC: then the word is put in NFC
// first.
func (st *state) foldWord(s string, i int) (uint64, int) {
	a := st.arena
	mark := len(a)
	letter, inert := false, true // letter: the last rune is a letter
	j := i
scan:
	for j < len(s) {
		r, n := rune(s[j]), 1
		switch {
		case r < utf8.RuneSelf:
		case r&0xe0 == 0xc0 && j+1 < len(s) && s[j+1]&0xc0 == 0x80 && r >= 0xc2:
			// Two bytes, as for Latin, Greek and Cyrillic: decoded here.
			r, n = (r&0x1f)<<6|rune(s[j+1]&0x3f), 2
		default:
			r, n = utf8.DecodeRuneInString(s[j:])
		}
		cl := class(r)
		switch {
		case cl&rLetter != 0:
			letter = true
		case cl&rNumber != 0:
			letter = false
		case cl&rMark != 0:
			// A combining mark belongs to the letter before it.
		case isApostrophe(r) && letter && classAt(s, j+n)&rLetter != 0:
			letter, cl = false, rInert // no apostrophe changes in NFC
		default:
			break scan
		}
		inert = inert && cl&rInert != 0
		if f := foldRune(r); f < 0x800 {
			a = appendRune2(a, f)
		} else {
			a = utf8.AppendRune(a, f)
		}
		j += n
	}
	if !inert {
		st.tmp = norm.NFC.AppendString(st.tmp[:0], s[i:j])
		a = a[:mark]
		for k := 0; k < len(st.tmp); {
			r, n := utf8.DecodeRune(st.tmp[k:])
			a = utf8.AppendRune(a, foldRune(r))
			k += n
		}
	}
	st.arena = a
	return st.key(mark), j
}

// appendRune2 is utf8.AppendRune for runes below U+0800.
func appendRune2(a []byte, r rune) []byte {
	if r < utf8.RuneSelf {
		return append(a, byte(r))
	}
	return append(a, 0xc0|byte(r>>6), 0x80|byte(r&0x3f))
}

// load8 returns the 8 bytes of s little-endian.
func load8(s string) uint64 {
	_ = s[7]
	return uint64(s[0]) | uint64(s[1])<<8 | uint64(s[2])<<16 | uint64(s[3])<<24 |
		uint64(s[4])<<32 | uint64(s[5])<<40 | uint64(s[6])<<48 | uint64(s[7])<<56
}

// key returns the key of the folded word st.arena[mark:] (see fold),
// taking it out of the arena if it is short.
func (st *state) key(mark int) uint64 {
	w := st.arena[mark:]
	if len(w) > 8 {
		return hashWord(w)
	}
	var x uint64
	for k := len(w) - 1; k >= 0; k-- {
		x = x<<8 | uint64(w[k])
	}
	st.arena = st.arena[:mark]
	return x
}

// hashWord hashes a folded word of over 8 bytes, 8 bytes at a time (the
// last 8 overlapping the others), masked with hashMask.
func hashWord(b []byte) uint64 {
	n := len(b)
	h := uint64(n) * 0x2127599bf4325c37
	for k := 0; k+8 < n; k += 8 {
		h = bits.RotateLeft64((h^binary.LittleEndian.Uint64(b[k:]))*0x880355f21e6d1965, 29)
	}
	return (h ^ binary.LittleEndian.Uint64(b[n-8:])) & hashMask
}

// mixKey is the hash of a word for hashing windows: its key mixed, then
// masked with hashMask.
func mixKey(k uint64) uint64 {
	k *= 0xbf58476d1ce4e5b9
	return (k ^ k>>31) & hashMask
}
