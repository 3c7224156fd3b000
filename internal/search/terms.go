package search

import (
	"encoding/binary"
	"strings"
	"time"
)

// Doc is one searchable item. Docs are given to Build newest first; a doc's
// id is its position.
type Doc struct {
	// Title, Summary and URL are shown in a result; URL is the href as the
	// site links it (it already has the base path), e.g.
	// "/2025/08/15/alaska/".
	Title, Summary, URL string
	// Date is in the site's time zone; the index stores the calendar date
	// (YYYY-MM-DD) of this time.
	Date time.Time
	// Topics are indexes into the []Topic given to Build, main topic first.
	Topics []int
	// Names are the people and places the item names: searchable like the
	// title.
	Names []string
	// Text is the body as plain text (see TextOf).
	Text string
}

// Topic is one topic the filter offers.
type Topic struct{ Slug, Name string }

// Terms are a doc's distinct folded tokens, each marked if it occurs in the
// title, summary or names. They are opaque to callers and immutable once
// made, so callers can memoize them per item.
type Terms struct {
	// toks is the distinct tokens, each followed by termSep: the flagged
	// ones first, then the others, each group in order of first occurrence.
	toks string
	// flagged is how many of the tokens, from the start, are flagged.
	flagged int
}

// termSep ends every token in Terms.toks; tokens never contain it.
const termSep = ' '

// TermsOf returns the terms of d: the tokens of its title, summary and
// names (flagged) and of its text.
func TermsOf(d Doc) Terms {
	ts := setPool.Get().(*tokenSet)
	defer ts.release()
	ts.addText(d.Title)
	ts.addText(d.Summary)
	for _, n := range d.Names {
		ts.addText(n)
	}
	flagged := ts.n
	ts.addText(d.Text)
	return Terms{toks: string(ts.buf), flagged: flagged}
}

// each calls f with every token of t and whether it is flagged.
func (t Terms) each(f func(tok string, flagged bool)) {
	s := t.toks
	for i := 0; s != ""; i++ {
		end := strings.IndexByte(s, termSep)
		f(s[:end], i < t.flagged)
		s = s[end+1:]
	}
}

// AppendEncoded appends t to dst in the form DecodeTerms reads back, for
// callers that keep terms between runs.
func (t Terms) AppendEncoded(dst []byte) []byte {
	dst = binary.AppendUvarint(dst, uint64(t.flagged))
	dst = binary.AppendUvarint(dst, uint64(len(t.toks)))
	return append(dst, t.toks...)
}

// DecodeTerms reads the terms AppendEncoded wrote at the start of b, and
// returns them with the rest of b; ok is false if b does not start with
// well-formed terms.
func DecodeTerms(b []byte) (t Terms, rest []byte, ok bool) {
	flagged, n := binary.Uvarint(b)
	if n <= 0 {
		return Terms{}, b, false
	}
	size, m := binary.Uvarint(b[n:])
	if m <= 0 || size > uint64(len(b)-n-m) {
		return Terms{}, b, false
	}
	toks := string(b[n+m : n+m+int(size)])
	if (toks != "" && toks[len(toks)-1] != termSep) || flagged > uint64(strings.Count(toks, string(termSep))) {
		return Terms{}, b, false
	}
	return Terms{toks: toks, flagged: int(flagged)}, b[n+m+int(size):], true
}
