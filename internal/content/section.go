package content

import (
	"html/template"
	"path"

	"digest/internal/diag"
	"digest/internal/markdown"
)

// Section is the settings of a section, read from its _index.md as Hugo
// and Zola sites write them: content/articles/_index.md for the list of
// items (the home page's), content/topics/_index.md for the list of
// topics. It is never an item or a topic.
type Section struct {
	File        string
	Title       string        // the list's heading, if set
	Description string        // its meta description, if set
	Intro       template.HTML // the body: shown above the list
	Links       []markdown.Link
	FileLinks   []markdown.FileLink
	Params      map[string]any
	Hash        Hash
}

// IsArticles reports whether the section is that of the items.
func (s *Section) IsArticles() bool { return path.Dir(s.File) == ArticlesDir }

// ParseSection reads a section's _index.md. The section is nil if it
// cannot be used.
func ParseSection(file string, src []byte, s Settings) (*Section, diag.List) {
	fm, src, diags := readFile(file, src)
	if fm == nil {
		return nil, diags
	}
	f := fields{file: file, root: fm.Fields, diags: &diags}
	sec := &Section{File: file, Params: fm.Fields.plain().(map[string]any), Hash: s.hash(file, src)}
	sec.Title = markdown.Typography(f.str("title"))
	sec.Description = f.str("description")
	var ok bool
	if sec.Intro, sec.Links, sec.FileLinks, ok = convertIntro(file, fm.Body, s, &diags); !ok {
		return nil, diags
	}
	if diags.HasErrors() {
		return nil, diags
	}
	return sec, diags
}

// readFile normalizes a file's text and splits off its front matter; the
// front matter is nil if the file cannot be used.
func readFile(file string, src []byte) (*frontMatter, []byte, diag.List) {
	src, d := normalize(file, src)
	if d != nil {
		return nil, src, diag.List{*d}
	}
	fm, diags := splitFrontMatter(file, src)
	if fm == nil || fm.Fields == nil {
		return nil, src, diags
	}
	return fm, src, diags
}

// convertIntro converts the body of a file that introduces a list (the
// site's settings, a section, a topic), kept in memory; ok is false if it
// could not be converted.
func convertIntro(file string, body []byte, s Settings, diags *diag.List) (template.HTML, []markdown.Link, []markdown.FileLink, bool) {
	res, ok := convert(file, body, s, diags)
	if !ok {
		return "", nil, nil, false
	}
	intro, err := res.HTML.Read()
	if err != nil {
		diags.Errorf(file, 0, "markdown", "converting Markdown: %v", err)
		return "", nil, nil, false
	}
	return template.HTML(intro), res.Links, res.FileLinks, true
}

// convert converts a body, reporting the converter's notices; ok is false
// if it could not be converted.
func convert(file string, body []byte, s Settings, diags *diag.List) (markdown.Result, bool) {
	res, err := s.Converter.Convert(body)
	if err != nil {
		diags.Errorf(file, 0, "markdown", "converting Markdown: %v", err)
		return res, false
	}
	for _, n := range res.Notices {
		d := diag.Diagnostic{File: file, Line: n.Line, Severity: diag.Warning, Code: n.Code, Message: n.Message, Hint: n.Hint}
		if n.Error {
			d.Severity = diag.Error
		}
		if d.Hint == "" {
			d.Hint = noticeHint(n.Code)
		}
		*diags = append(*diags, d)
	}
	return res, true
}
