package shortcode

import (
	"bytes"
	"fmt"
	"html"
	"strings"

	gmhtml "github.com/yuin/goldmark/renderer/html"
)

// esc escapes s for HTML text and attribute values.
func esc(s string) string { return html.EscapeString(s) }

// invalid reports a parameter value digest cannot use.
func (e *expander) invalid(t *tag, format string, a ...any) {
	e.problem(t.start, "shortcode-parameter", fmt.Sprintf("shortcode %q: ", t.name)+fmt.Sprintf(format, a...),
		fmt.Sprintf("see what %s takes in digest's documentation of shortcodes, or write the HTML it stood for", t.name))
}

// youtube renders a link to a YouTube video:
//
//	<figure class="embed embed-video"><a href="https://www.youtube.com/watch?v=ID">▶ Watch the video on YouTube</a></figure>
func (e *expander) youtube(t *tag) {
	a := e.args(t, params{name: t.name, positional: []string{"id"},
		named:   []string{"id", "title", "start", "class"},
		ignored: []string{"autoplay", "controls", "end", "loading", "loop", "mute", "allowfullscreen"}})
	id := a["id"]
	if !isVideoID(id) {
		e.invalid(t, "the video ID %q is not one (letters, digits, - and _)", id)
		return
	}
	url := "https://www.youtube.com/watch?v=" + id
	if s, ok := a["start"]; ok {
		if !isNumber(s, 7) {
			e.invalid(t, "start=%q is not a number of seconds", s)
		} else {
			url += "&t=" + s + "s"
		}
	}
	e.embed(t, "embed embed-video", a["class"], url, watch(a["title"], "YouTube"))
}

// vimeo renders a link to a Vimeo video, like youtube.
func (e *expander) vimeo(t *tag) {
	a := e.args(t, params{name: t.name, positional: []string{"id"},
		named: []string{"id", "title", "class"}, ignored: []string{"allowfullscreen", "loading"}})
	id := a["id"]
	if !isVideoID(id) {
		e.invalid(t, "the video ID %q is not one (letters, digits, - and _)", id)
		return
	}
	e.embed(t, "embed embed-video", a["class"], "https://vimeo.com/"+id, watch(a["title"], "Vimeo"))
}

// watch returns the text of a video link.
func watch(title, site string) string {
	if title == "" {
		return "▶ Watch the video on " + site
	}
	return "▶ Watch “" + title + "” on " + site
}

// embed renders a figure holding one link.
func (e *expander) embed(t *tag, class, extra, url, text string) {
	if extra != "" {
		class += " " + extra
	}
	e.set(t, &Block{Kind: Flow, HTML: `<figure class="` + esc(class) + `"><a href="` + esc(url) + `">` +
		esc(text) + `</a></figure>`})
}

// x renders a link to a post on X (tweet is its old name):
//
//	<blockquote class="embed embed-x"><p><a href="https://x.com/USER/status/ID">View the post by @USER on X</a></p></blockquote>
//
// Without a user, the link is https://x.com/i/status/ID.
func (e *expander) x(t *tag) {
	a := e.args(t, params{name: t.name, positional: []string{"id"},
		named: []string{"user", "id"}, ignored: []string{"dnt"}})
	user, id := a["user"], a["id"]
	if !isNumber(id, 30) {
		e.invalid(t, "the post ID %q is not a number", id)
		return
	}
	if user != "" && !isUser(user) {
		e.invalid(t, "the user %q is not a user name (letters, digits and _)", user)
		return
	}
	url, text := "https://x.com/i/status/"+id, "View the post on X"
	if user != "" {
		url, text = "https://x.com/"+user+"/status/"+id, "View the post by @"+user+" on X"
	}
	e.set(t, &Block{Kind: Flow, HTML: `<blockquote class="embed embed-x"><p><a href="` + esc(url) + `">` +
		esc(text) + `</a></p></blockquote>`})
}

// figure renders an image with a caption:
//
//	<figure><a href="LINK"><img src="SRC" alt="ALT" loading="lazy" width="W" height="H"></a><figcaption><strong>TITLE</strong> CAPTION <cite><a href="ATTRLINK">ATTR</a></cite></figcaption></figure>
//
// where the link, the sizes and each part of the caption are there only if
// given. alt falls back to the caption, as in Hugo.
func (e *expander) figure(t *tag) {
	a := e.args(t, params{name: t.name,
		named: []string{"src", "alt", "caption", "title", "link", "target", "rel", "attr", "attrlink",
			"width", "height", "class"},
		ignored: []string{"loading", "process"}})
	src, link, attrlink := a["src"], a["link"], a["attrlink"]
	if src == "" {
		e.invalid(t, "src is missing")
		return
	}
	if dangerous(src) {
		e.unsafeURL(t, "src", src)
		return
	}
	if dangerous(link) {
		e.unsafeURL(t, "link", link)
		link = ""
	}
	if dangerous(attrlink) {
		e.unsafeURL(t, "attrlink", attrlink)
		attrlink = ""
	}
	var b strings.Builder
	b.WriteString("<figure")
	attr(&b, "class", a["class"])
	b.WriteString(">")
	if link != "" {
		b.WriteString(`<a href="` + esc(link) + `"`)
		attr(&b, "target", a["target"])
		attr(&b, "rel", a["rel"])
		b.WriteString(">")
	}
	alt, ok := a["alt"]
	if !ok {
		alt = a["caption"]
	}
	b.WriteString(`<img src="` + esc(src) + `" alt="` + esc(alt) + `" loading="lazy"`)
	for _, k := range []string{"width", "height"} {
		if v, ok := a[k]; ok && !isNumber(v, 6) {
			e.invalid(t, "%s=%q is not a number of pixels", k, v)
		} else {
			attr(&b, k, v)
		}
	}
	b.WriteString(">")
	if link != "" {
		b.WriteString("</a>")
	}
	caption(&b, a["title"], a["caption"], a["attr"], attrlink)
	b.WriteString("</figure>")
	e.set(t, &Block{Kind: Flow, HTML: b.String()})
}

// caption writes a figure's figcaption, if it has one.
func caption(b *strings.Builder, title, text, credit, creditLink string) {
	var parts []string
	if title != "" {
		parts = append(parts, "<strong>"+esc(title)+"</strong>")
	}
	if text != "" {
		parts = append(parts, esc(text))
	}
	if credit != "" {
		c := esc(credit)
		if creditLink != "" {
			c = `<a href="` + esc(creditLink) + `">` + c + "</a>"
		}
		parts = append(parts, "<cite>"+c+"</cite>")
	}
	if len(parts) > 0 {
		b.WriteString("<figcaption>" + strings.Join(parts, " ") + "</figcaption>")
	}
}

// attr writes ` name="value"` if value is not empty.
func attr(b *strings.Builder, name, value string) {
	if value != "" {
		b.WriteString(" " + name + `="` + esc(value) + `"`)
	}
}

// unsafeURL reports a URL with a scheme that can run code.
func (e *expander) unsafeURL(t *tag, param, url string) {
	e.problem(t.start, "shortcode-unsafe-url", fmt.Sprintf("shortcode %q: %s=%q has a scheme that can run code", t.name, param, url),
		"use an http(s) address or a path; data: is allowed only for PNG, GIF, JPEG and WebP images")
}

// dangerous reports whether url has a scheme that can run code or read
// local files, as the markdown package judges links: after character
// references are decoded and the whitespace and control characters
// browsers ignore are removed.
func dangerous(url string) bool {
	d := strings.Map(func(r rune) rune {
		if r <= ' ' || r == 0x7f {
			return -1
		}
		return r
	}, html.UnescapeString(url))
	return gmhtml.IsDangerousURL([]byte(d))
}

// details renders the opening and closing tags of a details element
// around Markdown (close is nil for a self-closing one):
//
//	<details><summary>SUMMARY</summary> … </details>
func (e *expander) details(open, close *tag) {
	a := e.args(open, params{name: open.name, positional: []string{"summary"},
		named: []string{"summary", "open", "class", "name", "title"}})
	summary, ok := a["summary"]
	if !ok {
		summary = "Details"
	}
	var b strings.Builder
	b.WriteString("<details")
	attr(&b, "class", a["class"])
	attr(&b, "name", a["name"])
	attr(&b, "title", a["title"])
	switch v := strings.ToLower(a["open"]); v {
	case "true":
		b.WriteString(" open")
	case "", "false":
	default:
		e.invalid(open, "open=%q is neither true nor false", a["open"])
	}
	b.WriteString("><summary>" + esc(summary) + "</summary>")
	if close == nil {
		e.set(open, &Block{Kind: Flow, HTML: b.String() + "</details>"})
		return
	}
	e.set(open, &Block{Kind: Open, HTML: b.String()})
	e.set(close, &Block{Kind: Close, HTML: "</details>"})
}

// ref replaces a ref or relref shortcode by the path it names, as text, so
// that [earlier]({{< ref "x.md" >}}) is a Markdown link to x.md.
func (e *expander) ref(t *tag) {
	a := e.args(t, params{name: t.name, positional: []string{"path"},
		named: []string{"path"}, ignored: []string{"lang", "outputformat"}})
	path := a["path"]
	switch {
	case path == "":
		e.invalid(t, "the path is missing")
	case strings.ContainsAny(path, " \t\r\n<>()[]\"`\\"):
		e.invalid(t, "the path %q cannot stand in a link (spaces, brackets, quotes or backslashes)", path)
	case dangerous(path):
		e.unsafeURL(t, "path", path)
	default:
		e.pieces[t.piece].text = path
	}
}

// renderHighlight renders a highlight shortcode t whose body is
// src[body:c1] and whose closing tag is src[c1:c2]. If both tags stand on
// lines of their own, they become the fences of a fenced code block and
// the body stays as it is; otherwise the whole is one block of code.
func (e *expander) renderHighlight(t *tag, body, c1, c2 int) {
	a := e.args(t, params{name: t.name, positional: []string{"lang", "options"}, named: []string{"lang"},
		ignored: []string{"linenos", "hl_lines", "linenostart", "anchorlinenos", "lineanchors",
			"linenumbersintable", "noclasses", "style", "tabwidth", "guesssyntax", "hl_inline", "wrapperclass"}})
	lang := a["lang"]
	if strings.Trim(lang, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_+#.-") != "" || len(lang) > 40 {
		e.invalid(t, "%q is not a language name", lang)
		lang = ""
	}
	if c1 > body && e.ownLine(t.start, t.end) && e.ownLine(c1, c2) {
		fence := strings.Repeat("`", max(3, longestRun(e.src[body:c1], '`')+1))
		e.add(piece{start: t.start, end: t.end, text: fence + lang})
		e.unescapeCode(body, c1)
		e.add(piece{start: c1, end: c2, text: fence})
		return
	}
	code := e.src[body:c1]
	if cuts := e.escapes(body, c1); len(cuts) > 0 {
		code = nil
		prev := body
		for _, c := range cuts {
			code = append(code, e.src[prev:c]...)
			prev = c + 2
		}
		code = append(code, e.src[prev:c1]...)
	}
	code = bytes.TrimPrefix(bytes.TrimPrefix(code, []byte{'\r'}), []byte{'\n'})
	code = bytes.TrimRight(code, " \t\r\n")
	h := "<pre><code>"
	if lang != "" {
		h = `<pre><code class="language-` + esc(lang) + `">`
	}
	if len(code) > 0 {
		h += esc(string(code)) + "\n"
	}
	line := e.lineOf(t.start)
	e.add(piece{start: t.start, end: c2, blk: &Block{Kind: Flow, Line: line,
		HTML: h + "</code></pre>", Text: string(e.src[t.start:c2])}})
}

// ownLine reports whether src[start:end] is alone on its line, but for
// container markers and indentation before it and spaces after it. It
// looks only as far as those reach, so that many tags on one long line
// cost no more than the line.
func (e *expander) ownLine(start, end int) bool {
	src := e.src
	if bytes.IndexByte(src[start:end], '\n') >= 0 {
		return false
	}
	i := start
	for i > 0 && strings.IndexByte(" \t>-*+.)0123456789", src[i-1]) >= 0 {
		i--
	}
	j := end
	for j < len(src) && (src[j] == ' ' || src[j] == '\t' || src[j] == '\r') {
		j++
	}
	e.step(start - i + j - end)
	return (i == 0 || src[i-1] == '\n') && (j == len(src) || src[j] == '\n')
}

// longestRun returns the longest run of c in b.
func longestRun(b []byte, c byte) int {
	best := 0
	for i := 0; i < len(b); {
		if b[i] != c {
			i++
			continue
		}
		n := runLength(b[i:], c)
		best = max(best, n)
		i += n
	}
	return best
}

// isVideoID reports whether id is 1 to 64 letters, digits, "-" or "_".
func isVideoID(id string) bool {
	if id == "" || len(id) > 64 {
		return false
	}
	return strings.Trim(id, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_-") == ""
}

// isUser reports whether u is 1 to 50 letters, digits or "_".
func isUser(u string) bool {
	return u != "" && len(u) <= 50 &&
		strings.Trim(u, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_") == ""
}

// isNumber reports whether s is 1 to max decimal digits.
func isNumber(s string, max int) bool {
	return s != "" && len(s) <= max && strings.Trim(s, "0123456789") == ""
}
