package shortcode

import "bytes"

// Kind says how a block's HTML fits in a page.
type Kind int

const (
	// Inline HTML stands in running text: an escaped shortcode shown as
	// written.
	Inline Kind = iota
	// Flow HTML is a whole block (a figure, a blockquote), which cannot
	// stand in a paragraph: Substitute ends the paragraph before it and
	// starts another after it.
	Flow
	// Open HTML starts an element (<details>…) that the next Close ends;
	// what lies between is the Markdown the shortcode held.
	Open
	// Close HTML ends the element of the Open before it.
	Close
)

// Block is the HTML that one token of Expand's output stands for.
type Block struct {
	// Token is the placeholder Expand put in the Markdown.
	Token string
	// Line is the 1-based line of the shortcode in the body.
	Line int
	Kind Kind
	// HTML replaces the token in the rendered page.
	HTML string
	// Text is the shortcode as written (for an escaped one, as it is to be
	// shown). It replaces the token, escaped, where HTML cannot go: in code,
	// in an attribute value.
	Text string
}

// Blocks are the blocks of one body, in the order of their tokens; the
// token of the block at index i is a prefix shared by all of them, i, and
// "z".
type Blocks []Block

// prefix returns the tokens' common prefix.
func (b Blocks) prefix() string {
	t := b[0].Token
	return t[:len(t)-len("0"+tokenEnd)]
}

// find returns the index of the block whose token starts s (which starts
// with prefix) and the token's length, or -1 and 0.
func (b Blocks) find(s, prefix []byte) (int, int) {
	i := len(prefix)
	n := 0
	for i < len(s) && isDigit(s[i]) && i-len(prefix) < 10 {
		n = n*10 + int(s[i]-'0')
		i++
	}
	if i == len(prefix) || i >= len(s) || s[i] != tokenEnd[0] || n >= len(b) ||
		b[n].Token != string(s[:i+1]) {
		return -1, 0
	}
	return n, i + 1
}

// Plain replaces the tokens in plain text taken from the converted page (a
// summary, a heading's text) with what a reader should see there: an
// escaped shortcode as written (once), any other block as nothing.
func (b Blocks) Plain(text []byte) []byte {
	if len(b) == 0 {
		return text
	}
	if !bytes.Contains(text, []byte(b.prefix())) {
		return text
	}
	prefix := []byte(b.prefix())
	out := make([]byte, 0, len(text))
	used := make([]bool, len(b))
	for {
		i := bytes.Index(text, prefix)
		if i < 0 {
			return append(out, text...)
		}
		k, n := b.find(text[i:], prefix)
		if k < 0 {
			out, text = append(out, text[:i+1]...), text[i+1:]
			continue
		}
		out = append(out, text[:i]...)
		if b[k].Kind == Inline && !used[k] {
			out = append(out, b[k].Text...)
		}
		used[k] = true
		text = text[i+n:]
	}
}
