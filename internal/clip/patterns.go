package clip

import (
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Cross-promotion: phrases that take a colon, and the two that may stand
// without one.
var (
	reCrossColon = regexp.MustCompile(`(?i)^(?:read also|also read|read more|related|see also) ?:(.*)$`)
	reCrossBare  = regexp.MustCompile(`(?i)^(?:also read|read also)(?: (.*))?$`)
)

// crossPromotion reports whether line is a cross-promotion line, and the
// headline it promotes ("" if none).
func crossPromotion(line string) (string, bool) {
	if m := reCrossColon.FindStringSubmatch(line); m != nil {
		return strings.TrimSpace(m[1]), true
	}
	if m := reCrossBare.FindStringSubmatch(line); m != nil {
		return strings.TrimSpace(m[1]), true
	}
	return "", false
}

var (
	reSourceLine = regexp.MustCompile(`(?i)^(?:source ?: ?|originally published by )(.+?)\.?$`)
	reViaLine    = regexp.MustCompile(`(?i)^via (.+?)\.?$`)
)

// sourceLine reports whether line names the article's source, and the
// source it names.
func sourceLine(line string) (string, bool) {
	if m := reSourceLine.FindStringSubmatch(line); m != nil {
		src := strings.TrimSpace(m[1])
		return src, src != "" && utf8.RuneCountInString(src) <= 100
	}
	if m := reViaLine.FindStringSubmatch(line); m != nil {
		src := strings.TrimSpace(m[1])
		if src == "" || strings.Contains(src, ",") || len(strings.Fields(src)) > 6 {
			return "", false
		}
		return src, true
	}
	return "", false
}

// boilerplatePrefixes are the phrases a boilerplate line is or starts
// with, in lower case.
var boilerplatePrefixes = []string{
	"your email address will not be published",
	"required fields are marked",
	"share this:",
	"share on",
	"click to share on",
	"subscribe to our newsletter",
	"sign up for our newsletter",
	"follow us on",
	"print this article",
}

// commentMarkers start the comment form, in lower case.
var commentMarkers = []string{"leave a reply", "leave a comment"}

// reLabelLine matches the labels removed only as a line of their own,
// with an optional count.
var reLabelLine = regexp.MustCompile(`(?i)^(?:\d+ )?(?:advertisement|comments?)(?: ?[:(]? ?\d+ ?\)?)?:?$`)

// isBoilerplate reports whether line is boilerplate (comment markers
// included).
func isBoilerplate(line string) bool {
	return isCommentMarker(line) || hasPhrase(line, boilerplatePrefixes) || reLabelLine.MatchString(line)
}

// isCommentMarker reports whether line starts the comment form.
func isCommentMarker(line string) bool {
	return hasPhrase(line, commentMarkers)
}

// hasPhrase reports whether line is or starts with one of phrases (in
// lower case), followed by something other than a letter or digit unless
// the phrase ends in a colon.
func hasPhrase(line string, phrases []string) bool {
	lower := strings.ToLower(line)
	for _, p := range phrases {
		if !strings.HasPrefix(lower, p) {
			continue
		}
		next, _ := utf8.DecodeRuneInString(lower[len(p):])
		if len(lower) == len(p) || strings.HasSuffix(p, ":") || !(unicode.IsLetter(next) || unicode.IsDigit(next)) {
			return true
		}
	}
	return false
}
