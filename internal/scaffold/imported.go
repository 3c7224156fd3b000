package scaffold

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"time"

	"digest/internal/clip"
	"digest/internal/content"
	"digest/internal/slug"
)

// Imported is a draft made from an article a curator copied (digest
// import): what package clip recognised, and what the site adds.
type Imported struct {
	Article       *clip.Article
	Date          time.Time // the item's date, in the site's time zone
	DateGuessed   bool      // no date was given or found: Date is today, to check
	Topics        []string  // slugs, main topic first
	TopicsGuessed bool      // from the items that name the same people and places: to confirm
	People        []string  // names the site already knows, found in the text
	Places        []string
	SourceName    string
	SourceURL     string
}

// ImportedPaths are where an import writes, relative to the site's folder.
type ImportedPaths struct {
	Item string // content/articles/2025-08-15-slug.md
	Text string // imports/2025-08-15-slug.txt
}

// PathsFor returns where the draft of a headline dated day goes.
func PathsFor(headline string, day time.Time) (ImportedPaths, error) {
	sl := slug.Make(headline)
	if sl == "" {
		return ImportedPaths{}, fmt.Errorf("cannot make a file name from the headline %q: it has no letters or digits", headline)
	}
	name := day.Format("2006-01-02") + "-" + sl
	return ImportedPaths{Item: content.ArticlesDir + "/" + name + ".md", Text: content.ImportsDir + "/" + name + ".txt"}, nil
}

// WriteImported writes the draft and the text it was imported from under
// the site in dir, and returns their paths. It writes neither if either
// is already there, and nothing outside content/ and imports/.
func WriteImported(dir, baseURL string, im Imported) (ImportedPaths, error) {
	p, err := PathsFor(im.Article.Headline, im.Date)
	if err != nil {
		return p, err
	}
	for _, rel := range []string{p.Item, p.Text} {
		if _, err := os.Lstat(filepath.Join(dir, filepath.FromSlash(rel))); err == nil {
			return p, fmt.Errorf("%s %w", rel, ErrExists)
		} else if !errors.Is(err, os.ErrNotExist) {
			return p, err
		}
	}
	if err := WriteNew(filepath.Join(dir, filepath.FromSlash(p.Text)), im.Article.Text()); err != nil {
		return p, err
	}
	if err := WriteNew(filepath.Join(dir, filepath.FromSlash(p.Item)), ImportedText(im, p, baseURL)); err != nil {
		os.Remove(filepath.Join(dir, filepath.FromSlash(p.Text)))
		return p, err
	}
	return p, nil
}

// ImportedText is the draft's file: front matter filled in as far as the
// article allows, then its paragraphs, raw material for the editor to
// rewrite.
func ImportedText(im Imported, p ImportedPaths, baseURL string) string {
	a := im.Article
	var b strings.Builder
	b.WriteString("---\n")
	fmt.Fprintf(&b, "title: %s\n", yamlString(a.Headline))
	fmt.Fprintf(&b, "date: %s", im.Date.Format("2006-01-02"))
	if im.DateGuessed {
		b.WriteString(" # the day it was imported: check it")
	}
	b.WriteString("\n")
	fmt.Fprintf(&b, "id: %s\n", yamlString(TagURI(baseURL, im.Date, slug.Make(a.Headline))))
	if s := FirstSentence(a.Paragraphs); s != "" {
		fmt.Fprintf(&b, "summary: %s\n", yamlString(s))
	}
	note := ""
	if im.TopicsGuessed && len(im.Topics) > 0 {
		note = " # from the items that name the same people and places: confirm"
	}
	yamlList(&b, "topics", im.Topics, note)
	yamlList(&b, "people", im.People, "")
	yamlList(&b, "places", im.Places, "")
	if im.SourceName != "" || im.SourceURL != "" {
		b.WriteString("source:\n")
		fmt.Fprintf(&b, "  name: %s\n", yamlString(im.SourceName))
		if im.SourceURL != "" {
			fmt.Fprintf(&b, "  url: %s\n", yamlString(im.SourceURL))
		}
	}
	if a.Caption != "" || a.Credit != "" {
		b.WriteString("image: # the article's photo: add src and alt\n")
		if a.Caption != "" {
			fmt.Fprintf(&b, "  caption: %s\n", yamlString(a.Caption))
		}
		if a.Credit != "" {
			fmt.Fprintf(&b, "  credit: %s\n", yamlString(a.Credit))
		}
	}
	yamlList(&b, "related_headlines", a.Related, "")
	fmt.Fprintf(&b, "imported_from: %s\n", yamlString(p.Text))
	b.WriteString("draft: true\n---\n")
	for _, para := range a.Paragraphs {
		b.WriteString("\n" + markdownParagraph(para) + "\n")
	}
	return b.String()
}

// yamlList writes a list field, or nothing for an empty list.
func yamlList(b *strings.Builder, key string, xs []string, note string) {
	if len(xs) == 0 {
		return
	}
	fmt.Fprintf(b, "%s:%s\n", key, note)
	for _, x := range xs {
		fmt.Fprintf(b, "  - %s\n", yamlString(x))
	}
}

// blockStart matches what would make a paragraph's start Markdown syntax:
// a list, a quote, a table, a thematic break or a numbered list.
var blockStart = regexp.MustCompile(`^([-+*>|=]|\d+[.)]\s)`)

// markdownParagraph writes a paragraph of plain text so that Markdown
// reads it back as text: a start that is block syntax is escaped, and so
// are characters that would be inline syntax. Headings ("## X", which
// package clip keeps from HTML) stay headings.
func markdownParagraph(p string) string {
	if strings.HasPrefix(p, "#") {
		if h, rest, ok := strings.Cut(p, " "); ok && strings.Trim(h, "#") == "" && len(h) <= 6 {
			return h + " " + escapeInline(rest)
		}
	}
	p = escapeInline(p)
	if blockStart.MatchString(p) {
		p = `\` + p
	}
	return p
}

// escapeInline escapes the characters of Markdown's inline syntax.
func escapeInline(s string) string {
	var b strings.Builder
	for _, r := range s {
		if strings.ContainsRune("\\`*_[]<>#", r) {
			b.WriteByte('\\')
		}
		b.WriteRune(r)
	}
	return b.String()
}

// sentenceEnd is the end of a sentence: ., ! or ? (and any closing quote
// or bracket), then a space and a capital, a digit or an opening quote.
var sentenceEnd = regexp.MustCompile(`[.!?][”’"')\]]*\s+[\p{Lu}\d“‘"(]`)

// byline is a paragraph that only credits the writer: "By Jane Doe ·
// Wednesday, 3 September 2025".
var byline = regexp.MustCompile(`^(By|Posted by|Written by|Words by|Reporting by)\s[^.!?]{0,80}$`)

// FirstSentence is the first sentence of the first paragraph that is not a
// heading or a byline.
func FirstSentence(paragraphs []string) string {
	for _, p := range paragraphs {
		if strings.HasPrefix(p, "#") || byline.MatchString(p) {
			continue
		}
		for _, loc := range sentenceEnd.FindAllStringIndex(p, -1) {
			end := loc[0] + 1
			for end < loc[1] && !isSpace(p[end]) {
				end++
			}
			if s := strings.TrimSpace(p[:end]); !endsInAbbreviation(s) {
				return s
			}
		}
		return strings.TrimSpace(p)
	}
	return ""
}

func isSpace(c byte) bool { return c == ' ' || c == '\t' || c == '\n' }

// abbreviations end with a period that ends no sentence.
var abbreviations = []string{"Mr.", "Mrs.", "Ms.", "Dr.", "St.", "Gen.", "Sen.", "Rep.", "Gov.", "Lt.", "Col.", "Jan.", "Feb.", "Aug.", "Sept.", "Oct.", "Nov.", "Dec.", "U.S.", "U.K.", "No."}

func endsInAbbreviation(s string) bool {
	return slices.ContainsFunc(abbreviations, func(a string) bool {
		return strings.HasSuffix(s, " "+a) || s == a
	})
}
