package shortcode

import (
	"bytes"
	"html"
	"slices"

	nethtml "golang.org/x/net/html"
)

// Substitute replaces the tokens Expand left, in the HTML that goldmark
// rendered from its output, with their HTML. A Flow block ends the
// paragraph (and the inline elements) around its token, which start again
// after it, empty parts being dropped; an Open and its Close do the same
// and hold what lies between; so a token alone in a paragraph or sharing
// it with text both give well-formed HTML. In code (<pre>, <code>) and in
// attribute values, a token becomes its block's Text, escaped: the
// shortcode shows as written. Without tokens, html is returned as it is.
func (b Blocks) Substitute(doc []byte) []byte {
	if len(b) == 0 {
		return doc
	}
	if !bytes.Contains(doc, []byte(b.prefix())) {
		return doc
	}
	size := len(doc)
	for _, blk := range b {
		size += len(blk.HTML)
	}
	s := &substituter{blocks: b, prefix: []byte(b.prefix()), out: make([]byte, 0, size),
		inText: make([]bool, len(b)), inTags: make([]bool, len(b)), open: map[string]int{},
		reopenBudget: len(doc) + 1<<12}
	z := nethtml.NewTokenizer(bytes.NewReader(doc))
	off := 0
	for {
		tt := z.Next()
		if tt == nethtml.ErrorToken {
			break
		}
		raw := doc[off : off+len(z.Raw())]
		off += len(raw)
		switch tt {
		case nethtml.StartTagToken:
			name, _ := z.TagName()
			s.startTag(string(name), raw)
		case nethtml.EndTagToken:
			name, _ := z.TagName()
			s.endTag(string(name), raw)
		case nethtml.SelfClosingTagToken:
			s.out = s.inTag(raw)
		case nethtml.TextToken:
			s.text(raw)
		default: // comments and doctypes stay as they are
			s.out = append(s.out, raw...)
		}
	}
	s.out = append(s.out, doc[off:]...)
	for i := len(s.stack) - 1; i >= 0; i-- {
		if s.stack[i].synthetic {
			s.out = append(s.out, "</"+s.stack[i].name+">"...)
		}
	}
	return s.out
}

// substituter holds the state of one Substitute call. Its work is linear
// in the size of the HTML and the blocks: each block is written at most
// once in text and once in a tag (a further copy of its token, which
// goldmark makes when a link definition is used twice, is removed); the
// elements started again after a block are at most maxReopen, and their
// tags at most reopenBudget bytes in all; and an end tag finds its element
// through open.
type substituter struct {
	blocks       Blocks
	prefix       []byte
	out          []byte
	inText       []bool         // blocks already written in text
	inTags       []bool         // blocks already written in a tag
	stack        []element      // open elements, outermost first
	open         map[string]int // how many elements of each name, but synthetic ones, are open
	literal      int            // how many of them hold code or raw text
	reopenBudget int            // bytes of start tags reopen may still write
}

// maxReopen bounds the elements started again after one block.
const maxReopen = 32

// take returns the block of the token at the start of b, or nil if there
// is none or it was written already in that context (text or tag), and
// the token's length (0 if none).
func (s *substituter) take(b []byte, inTag bool) (*Block, int) {
	k, n := s.blocks.find(b, s.prefix)
	if k < 0 {
		return nil, 0
	}
	used := s.inText
	if inTag {
		used = s.inTags
	}
	if used[k] {
		return nil, n
	}
	used[k] = true
	return &s.blocks[k], n
}

// element is an open element. Its start tag is out[start:end].
type element struct {
	name       string
	start, end int
	tag        []byte // the start tag as written
	synthetic  bool   // opened by an Open block
	closing    bool   // synthetic, and to end with the element it holds
	reopened   bool   // started again after a block
}

// void elements have no end tag.
var void = map[string]bool{"area": true, "base": true, "br": true, "col": true, "embed": true, "hr": true,
	"img": true, "input": true, "link": true, "meta": true, "param": true, "source": true, "track": true, "wbr": true}

// literalElements hold text shown as written, where HTML cannot go.
var literalElements = map[string]bool{"pre": true, "code": true, "script": true, "style": true,
	"textarea": true, "title": true, "xmp": true, "noscript": true}

// containers may hold flow content; a block inside one needs no split.
var containers = map[string]bool{"blockquote": true, "li": true, "dd": true, "dt": true, "td": true, "th": true,
	"div": true, "section": true, "article": true, "aside": true, "nav": true, "main": true, "header": true,
	"footer": true, "details": true, "figure": true, "figcaption": true, "form": true, "fieldset": true,
	"dialog": true, "body": true, "html": true, "ul": true, "ol": true, "dl": true, "table": true,
	"thead": true, "tbody": true, "tfoot": true, "tr": true, "template": true}

// startTag copies a start tag and opens its element.
func (s *substituter) startTag(name string, raw []byte) {
	start := len(s.out)
	s.out = s.inTag(raw)
	if void[name] {
		return
	}
	s.push(element{name: name, start: start, end: len(s.out), tag: bytes.Clone(s.out[start:])})
}

// push opens an element.
func (s *substituter) push(el element) {
	s.stack = append(s.stack, el)
	if !el.synthetic {
		s.open[el.name]++
	}
	if literalElements[el.name] {
		s.literal++
	}
}

// drop removes the innermost element from the stack, writing nothing.
func (s *substituter) drop() element {
	el := s.stack[len(s.stack)-1]
	s.stack = s.stack[:len(s.stack)-1]
	if !el.synthetic {
		s.open[el.name]--
	}
	if literalElements[el.name] {
		s.literal--
	}
	return el
}

// pop closes the innermost element and writes its end tag, or, if it was
// started again after a block and is still empty, removes its start tag.
func (s *substituter) pop(dropEmpty bool) {
	el := s.drop()
	if dropEmpty && len(s.out) == el.end {
		s.out = s.out[:el.start]
		return
	}
	s.out = append(s.out, "</"+el.name+">"...)
}

// endTag closes the innermost open element of that name; an end tag that
// matches none (after an Open or Close reshaped the tree) is dropped.
func (s *substituter) endTag(name string, raw []byte) {
	if s.open[name] == 0 {
		return
	}
	for { // in misnested input, close only what Substitute opened
		top := s.stack[len(s.stack)-1]
		if top.name == name && !top.synthetic {
			break
		}
		if top.synthetic {
			s.pop(false)
		} else {
			s.drop()
		}
	}
	if el := s.stack[len(s.stack)-1]; el.reopened && len(s.out) == el.end {
		s.pop(true)
	} else {
		s.drop()
		s.out = append(s.out, raw...)
	}
	for len(s.stack) > 0 && s.stack[len(s.stack)-1].closing {
		s.pop(false)
	}
}

// inTag copies a tag, replacing each token in it with its block's Text,
// escaped.
func (s *substituter) inTag(raw []byte) []byte {
	out := s.out
	for {
		i := bytes.Index(raw, s.prefix)
		if i < 0 {
			return append(out, raw...)
		}
		blk, n := s.take(raw[i:], true)
		if n == 0 {
			out, raw = append(out, raw[:i+1]...), raw[i+1:]
			continue
		}
		out = append(out, raw[:i]...)
		if blk != nil {
			out = append(out, html.EscapeString(blk.Text)...)
		}
		raw = raw[i+n:]
	}
}

// text copies text, replacing tokens with their blocks.
func (s *substituter) text(raw []byte) {
	trim := false // drop the spaces after a block
	for len(raw) > 0 {
		i := bytes.Index(raw, s.prefix)
		var blk *Block
		n := 0
		if i >= 0 {
			blk, n = s.take(raw[i:], false)
		}
		if n == 0 && i >= 0 {
			i++ // a prefix without a token: copy past it
		}
		if i < 0 {
			i = len(raw)
		}
		seg := raw[:i]
		if trim {
			seg = bytes.TrimLeft(seg, " \t\r\n\f")
		}
		if blk != nil && blk.Kind != Inline && s.literal == 0 {
			seg = bytes.TrimRight(seg, " \t\r\n\f")
		}
		s.out = append(s.out, seg...)
		raw = raw[i+n:]
		trim = false
		if blk == nil {
			continue
		}
		switch {
		case s.literal > 0:
			s.out = append(s.out, html.EscapeString(blk.Text)...)
		case blk.Kind == Inline:
			s.out = append(s.out, blk.HTML...)
		default:
			s.block(blk)
			trim = true
		}
	}
}

// block writes a Flow, Open or Close block where the text is.
func (s *substituter) block(blk *Block) {
	switch blk.Kind {
	case Flow:
		reopen := s.split()
		s.out = append(s.out, blk.HTML...)
		s.reopen(reopen)
	case Open:
		reopen := s.split()
		start := len(s.out)
		s.out = append(s.out, blk.HTML...)
		s.push(element{name: tagName(blk.HTML), start: start, end: len(s.out), synthetic: true})
		s.reopen(reopen)
	case Close:
		d := len(s.stack) - 1
		for d >= 0 && (!s.stack[d].synthetic || s.stack[d].closing) {
			d--
		}
		if d < 0 { // its Open was lost (in code, in an attribute): only a break
			s.breakText()
			return
		}
		if s.splitPoint() != d+1 {
			// The Close is deeper than its Open (in a list item the Open
			// is not in): the element ends with the one that holds the Close.
			s.stack[d].closing = true
			s.breakText()
			return
		}
		reopen := s.split()
		s.pop(false)
		s.reopen(reopen)
	}
}

// breakText ends the paragraph where a Close that closes nothing stood,
// or, if there is none to end, keeps the words around it apart.
func (s *substituter) breakText() {
	if s.splitPoint() == len(s.stack) {
		s.out = append(s.out, '\n')
		return
	}
	s.reopen(s.split())
}

// isContainer reports whether an element may hold a block.
func (s *substituter) isContainer(el element) bool { return el.synthetic || containers[el.name] }

// splitPoint returns the index of the outermost of the open elements above
// the innermost container: the ones a block must end and start again.
func (s *substituter) splitPoint() int {
	k := len(s.stack)
	for k > 0 && !s.isContainer(s.stack[k-1]) {
		k--
	}
	return k
}

// split ends the paragraph and inline elements around the current point,
// dropping any that would be empty, and returns them to be started again.
func (s *substituter) split() []element {
	k := s.splitPoint()
	reopen := slices.Clone(s.stack[k:])
	for len(s.stack) > k {
		s.pop(true)
	}
	return reopen
}

// reopen starts elements again after a block, without their id, which
// the first part keeps.
func (s *substituter) reopen(els []element) {
	for _, el := range els[:min(len(els), maxReopen)] {
		if len(el.tag) > s.reopenBudget {
			return
		}
		s.reopenBudget -= len(el.tag)
		start := len(s.out)
		s.out = append(s.out, withoutID(el.tag)...)
		s.push(element{name: el.name, start: start, end: len(s.out), tag: el.tag, reopened: true})
	}
}

// withoutID returns a start tag without its id attribute.
func withoutID(tag []byte) []byte {
	if !bytes.Contains(bytes.ToLower(tag), []byte("id")) {
		return tag
	}
	z := nethtml.NewTokenizer(bytes.NewReader(tag))
	z.Next()
	t := z.Token()
	attrs := t.Attr[:0]
	for _, a := range t.Attr {
		if a.Key != "id" {
			attrs = append(attrs, a)
		}
	}
	t.Attr = attrs
	return []byte(t.String())
}

// tagName returns the name of the element an Open block's HTML starts.
func tagName(h string) string {
	i := 1
	for i < len(h) && h[i] != ' ' && h[i] != '>' {
		i++
	}
	return h[1:i]
}
