package clip

import (
	"fmt"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// normalise applies the package's normalisation to text and returns its
// lines, each trimmed, with runs of spaces collapsed.
func normalise(text string) []string {
	text = strings.ReplaceAll(text, "\r\n", "\n")
	text = strings.ReplaceAll(text, "\r", "\n")
	text = norm.NFC.String(text)
	var b strings.Builder
	b.Grow(len(text))
	for _, r := range text {
		switch {
		case r == '\n' || r == '\u2028' || r == '\u2029' || r == '\u0085':
			b.WriteByte('\n')
		case r == '\uFEFF' || r == '\u200B' || r == '\u00AD':
			// byte order mark, zero-width space, soft hyphen: dropped
		case unicode.IsSpace(r):
			b.WriteByte(' ')
		case unicode.IsControl(r):
			// other control characters: dropped
		default:
			b.WriteRune(r)
		}
	}
	lines := strings.Split(b.String(), "\n")
	for i, l := range lines {
		lines[i] = collapseSpaces(l)
	}
	return lines
}

// collapseSpaces trims s and collapses its runs of spaces to one.
func collapseSpaces(s string) string {
	return strings.Join(strings.Fields(s), " ")
}

// removals collects the report of what was removed: one entry for each
// kind, counted, in the order first met.
type removals struct {
	keys  []string
	count map[string]int
	pos   map[string]int
	say   map[string]func(n int) string
}

// newRemovals returns an empty report.
func newRemovals() *removals {
	return &removals{count: map[string]int{}, pos: map[string]int{}, say: map[string]func(int) string{}}
}

// add counts one removal of the kind key, at line pos of the text (-1
// before any), described by say given the count.
func (r *removals) add(key string, pos int, say func(n int) string) {
	if _, ok := r.count[key]; !ok {
		r.keys = append(r.keys, key)
		r.say[key] = say
		r.pos[key] = pos
	}
	r.pos[key] = min(r.pos[key], pos)
	r.count[key]++
}

// addLine counts the removal of line at pos under a label, as
// `label: "line"`, with " (N times)" when the same line was removed more
// than once.
func (r *removals) addLine(label, line string, pos int) {
	r.add(label+"\x00"+line, pos, func(n int) string {
		s := fmt.Sprintf("%s: %s", label, quote(line))
		if n > 1 {
			s += fmt.Sprintf(" (%d times)", n)
		}
		return s
	})
}

// lines returns the report, one line for each kind of removal, in the
// order of the text.
func (r *removals) lines() []string {
	keys := slices.Clone(r.keys)
	slices.SortStableFunc(keys, func(a, b string) int { return r.pos[a] - r.pos[b] })
	out := make([]string, 0, len(keys))
	for _, k := range keys {
		out = append(out, r.say[k](r.count[k]))
	}
	return out
}

// quote quotes s for the report, shortened to about 100 characters.
func quote(s string) string {
	const most = 100
	if utf8.RuneCountInString(s) > most {
		s = string([]rune(s)[:most-1]) + "…"
	}
	return fmt.Sprintf("%q", s)
}

// plural returns "1 thing" or "n things".
func plural(n int, thing string) string {
	if n == 1 {
		return "1 " + thing
	}
	return fmt.Sprintf("%d %ss", n, thing)
}

// wasWere returns "was" for one and "were" for more.
func wasWere(n int) string {
	if n == 1 {
		return "was"
	}
	return "were"
}
