package shortcode

import (
	"cmp"
	"fmt"
	"slices"
)

// knownNames lists the built-in shortcodes, for hints; a test keeps it in
// step with builtins.
const knownNames = "details, figure, highlight, ref, relref, tweet, vimeo, x and youtube"

// builtins render the standalone built-in shortcodes. details is paired
// and rendered by pair; highlight is handled while scanning.
var builtins = map[string]func(*expander, *tag){
	"figure":  (*expander).figure,
	"ref":     (*expander).ref,
	"relref":  (*expander).ref,
	"tweet":   (*expander).x,
	"vimeo":   (*expander).vimeo,
	"x":       (*expander).x,
	"youtube": (*expander).youtube,
}

// match pairs opening and closing tags with a stack and renders every tag
// left by scan. A tag's piece removes it unless a rendering replaces it:
// that is what happens to unknown shortcodes (whose inner text stays) and
// to ones that are unclosed or closed without an opener.
func (e *expander) match() {
	var stack []int          // indices of open tags
	open := map[string]int{} // how many tags of each name the stack holds
	for i := range e.tags {
		t := &e.tags[i]
		_, standalone := builtins[t.name]
		switch {
		case t.closing && open[t.name] == 0:
			e.unopened(t, standalone)
		case t.closing:
			for {
				top := &e.tags[stack[len(stack)-1]]
				stack = stack[:len(stack)-1]
				open[top.name]--
				if top.name == t.name {
					e.pair(top, t)
					break
				}
				e.unclosed(top)
			}
		case t.name == "details" && t.selfClosing:
			e.details(t, nil)
		case t.name == "details":
			stack = append(stack, i)
			open[t.name]++
		case standalone:
			builtins[t.name](e, t)
		default:
			e.problem(t.start, "shortcode-unknown", fmt.Sprintf("shortcode %q is not one digest knows", t.name),
				"digest knows "+knownNames+"; write the Markdown or HTML it stood for instead (raw HTML needs unsafe_html: true)")
			if !t.selfClosing {
				stack = append(stack, i)
				open[t.name]++
			}
		}
	}
	for _, i := range stack {
		e.unclosed(&e.tags[i])
	}
	slices.SortStableFunc(e.problems, func(a, b Problem) int {
		return cmp.Or(cmp.Compare(a.Line, b.Line), cmp.Compare(a.Column, b.Column))
	})
}

// pair renders a matched opening and closing tag.
func (e *expander) pair(open, close *tag) {
	if open.name == "details" {
		e.details(open, close)
	}
}

// unclosed reports a paired built-in that is never closed; an unknown
// shortcode without a closing tag is simply a standalone one.
func (e *expander) unclosed(t *tag) {
	if t.name != "details" {
		return
	}
	e.problem(t.start, "shortcode-unclosed", fmt.Sprintf("shortcode %q is not closed", t.name),
		fmt.Sprintf("add {{%c /%s %c}} where its content ends", t.delim, t.name, closer(t.delim)))
}

// unopened reports a closing tag without an opening one.
func (e *expander) unopened(t *tag, standalone bool) {
	if standalone {
		e.problem(t.start, "shortcode-unopened", fmt.Sprintf("shortcode %q takes no closing tag", t.name),
			fmt.Sprintf("remove {{%c /%s %c}}", t.delim, t.name, closer(t.delim)))
		return
	}
	e.problem(t.start, "shortcode-unopened", fmt.Sprintf("closing shortcode %q has no opening one", "/"+t.name),
		fmt.Sprintf("remove it, or add {{%c %s %c}} where its content starts", t.delim, t.name, closer(t.delim)))
}

// set makes b the replacement of tag t.
func (e *expander) set(t *tag, b *Block) {
	b.Line = e.lineOf(t.start)
	if b.Text == "" {
		b.Text = e.source(t)
	}
	e.pieces[t.piece].blk = b
}

// params describes a built-in's arguments: the names of its positional
// ones in order, the named ones it uses, and Hugo's ones it ignores because
// they have no meaning without a player or an image pipeline.
type params struct {
	name       string
	positional []string
	named      []string
	ignored    []string
}

// args returns t's arguments by name, reporting the ones p does not use.
func (e *expander) args(t *tag, p params) map[string]string {
	m := make(map[string]string, len(t.args))
	pos := 0
	for _, a := range t.args {
		key := a.key
		switch {
		case key == "" && pos < len(p.positional):
			key = p.positional[pos]
			pos++
		case key == "":
			e.problem(t.start, "shortcode-parameter",
				fmt.Sprintf("shortcode %q: unexpected positional parameter %q", p.name, a.val),
				fmt.Sprintf("%s takes %s; write them as key=\"value\"", p.name, list(p.named)))
			continue
		case slices.Contains(p.ignored, key):
			continue
		case !slices.Contains(p.named, key):
			e.problem(t.start, "shortcode-parameter", fmt.Sprintf("shortcode %q: parameter %q is not used", p.name, key),
				fmt.Sprintf("%s takes %s; remove %s", p.name, list(p.named), key))
			continue
		}
		m[key] = a.val
	}
	return m
}

// list joins names for a hint.
func list(names []string) string {
	switch len(names) {
	case 0:
		return "no parameters"
	case 1:
		return names[0]
	}
	s := ""
	for i, n := range names[:len(names)-1] {
		if i > 0 {
			s += ", "
		}
		s += n
	}
	return s + " and " + names[len(names)-1]
}
