package clip

import (
	"fmt"
	"slices"
	"strings"
	"unicode/utf8"
)

const (
	// headlineWindow is how many non-empty lines from the top a repeat of
	// the headline is removed in wherever it stands.
	headlineWindow = 10
	// dateWindow is how many lines after the headline are read for a date.
	dateWindow = 5
	// bodyLineLen is the length from which a line counts as body text for
	// the comment-form rule.
	bodyLineLen = 80
)

// line is a line of the text being cleaned; a removed line no longer
// counts, and ends the paragraph it stood in.
type line struct {
	text    string
	removed bool
}

// cleaner applies the rules on lines.
type cleaner struct {
	lines []line
	art   *Article
	rep   *removals
	head  int // index of the headline, -1 until found
}

// cleanText applies the normalisation and the rules on lines to text.
func cleanText(text string, rep *removals) *Article {
	c := &cleaner{art: &Article{}, rep: rep, head: -1}
	for _, l := range normalise(text) {
		c.lines = append(c.lines, line{text: l})
	}
	c.removePatterns()
	c.findHeadline()
	if c.head >= 0 {
		c.removeCaptions()
		c.readDate()
		c.art.Paragraphs = c.paragraphs()
	}
	c.art.Removed = rep.lines()
	return c.art
}

// removePatterns removes cross-promotion, source and boilerplate lines,
// and the comment form, in one pass from the top.
func (c *cleaner) removePatterns() {
	first, sawBody := "", false
	for i := range c.lines {
		t := c.lines[i].text
		if t == "" {
			continue
		}
		if rest, ok := crossPromotion(t); ok {
			c.lines[i].removed = true
			c.rep.addLine("cross-promotion", t, i)
			if rest != "" && !slices.Contains(c.art.Related, rest) {
				c.art.Related = append(c.art.Related, rest)
			}
			continue
		}
		if src, ok := sourceLine(t); ok {
			c.lines[i].removed = true
			c.rep.addLine("source line", t, i)
			if c.art.Source == "" {
				c.art.Source = src
			}
			continue
		}
		if isBoilerplate(t) {
			c.lines[i].removed = true
			c.rep.addLine("boilerplate", t, i)
			if isCommentMarker(t) && sawBody {
				c.cutCommentForm(i)
				return
			}
			continue
		}
		switch {
		case first == "":
			first = t
		case utf8.RuneCountInString(t) >= bodyLineLen && !sameHeadline(t, first):
			sawBody = true
		}
	}
}

// cutCommentForm removes every line after the comment marker at index i.
func (c *cleaner) cutCommentForm(i int) {
	n := 0
	for j := i + 1; j < len(c.lines); j++ {
		if c.lines[j].text != "" {
			c.lines[j].removed = true
			n++
		}
	}
	if n == 0 {
		return
	}
	marker := c.lines[i].text
	c.rep.add("comment form", i, func(int) string {
		return fmt.Sprintf("comment form: %s after %s", plural(n, "line"), quote(marker))
	})
}

// findHeadline takes the first line left as the headline and removes its
// repeats.
func (c *cleaner) findHeadline() {
	nonEmpty := 0
	for i, l := range c.lines {
		if l.text == "" {
			continue
		}
		nonEmpty++
		if c.head < 0 {
			if !l.removed {
				c.head = i
				c.art.Headline = l.text
				c.lines[i].removed = true
			}
			continue
		}
		if l.removed || !sameHeadline(l.text, c.art.Headline) {
			continue
		}
		if nonEmpty <= headlineWindow || c.standsAlone(i) {
			c.lines[i].removed = true
			c.rep.add("headline", i, func(n int) string {
				return plural(n, "repeat") + " of the headline"
			})
		}
	}
}

// sameHeadline reports whether two lines are the same headline: equal
// ignoring case and any leading Markdown heading marks.
func sameHeadline(a, b string) bool {
	return strings.EqualFold(stripHeading(a), stripHeading(b))
}

// stripHeading removes leading "#" heading marks and the space after them.
func stripHeading(s string) string {
	t := strings.TrimLeft(s, "#")
	if len(t) < len(s) && len(s)-len(t) <= 6 && strings.HasPrefix(t, " ") {
		return strings.TrimSpace(t)
	}
	return s
}

// standsAlone reports whether line i is a paragraph of its own: the lines
// beside it are blank, removed or missing.
func (c *cleaner) standsAlone(i int) bool {
	gap := func(j int) bool {
		return j < 0 || j >= len(c.lines) || c.lines[j].text == "" || c.lines[j].removed
	}
	return gap(i-1) && gap(i+1)
}

// kept returns the indices of the non-empty lines left after the headline.
func (c *cleaner) kept() []int {
	var idx []int
	for i := c.head + 1; i < len(c.lines); i++ {
		if l := c.lines[i]; l.text != "" && !l.removed {
			idx = append(idx, i)
		}
	}
	return idx
}

// removeCaptions removes photo captions: lines repeated in a row that end
// in a credit. The first gives Caption and Credit.
func (c *cleaner) removeCaptions() {
	idx := c.kept()
	for start := 0; start < len(idx); {
		t := c.lines[idx[start]].text
		end := start + 1
		for end < len(idx) && c.lines[idx[end]].text == t {
			end++
		}
		if end-start >= 2 {
			if caption, credit, ok := parseCredit(t); ok {
				if c.art.Caption == "" {
					c.art.Caption, c.art.Credit = caption, credit
				}
				for _, i := range idx[start:end] {
					c.lines[i].removed = true
					c.rep.add("caption\x00"+t, i, func(n int) string {
						return fmt.Sprintf("photo caption: %s (%d copies)", quote(t), n)
					})
				}
			}
		}
		start = end
	}
}

// readDate reads the first full date in the first lines after the
// headline and removes the lines that hold only a date.
func (c *cleaner) readDate() {
	idx := c.kept()
	for _, i := range idx[:min(dateWindow, len(idx))] {
		t := c.lines[i].text
		found := findDates(t)
		if len(found) == 0 {
			continue
		}
		if c.art.Date.IsZero() {
			c.art.Date = found[0].date
		}
		if isDateOnly(t, found) {
			c.lines[i].removed = true
			c.rep.addLine("date line", t, i)
		}
	}
}

// paragraphs joins the lines left into paragraphs.
func (c *cleaner) paragraphs() []string {
	var paras, block []string
	flush := func() {
		if p := strings.Join(block, " "); p != "" {
			paras = append(paras, p)
		}
		block = block[:0]
	}
	for _, l := range c.lines {
		if l.text == "" || l.removed {
			flush()
			continue
		}
		block = append(block, l.text)
	}
	flush()
	return paras
}
