// Package diag holds the diagnostics of a build: findings about the input,
// each naming a file, a position in it, a severity, a stable code and a
// message. Every stage of the pipeline returns diagnostics as values; the
// build collects them all, sorts them, and the command prints them together,
// as text for people or as JSON for editors and CI.
package diag

import (
	"cmp"
	"encoding/json"
	"fmt"
	"io"
	"slices"
	"strings"
)

// Severity says whether a diagnostic stops the build.
type Severity int

const (
	// Warning is a finding that leaves the site buildable.
	Warning Severity = iota
	// Error is a finding that stops the build before anything is written.
	Error
	// Note is information, never a problem: an editor's hidden comment
	// that digest check --comments lists.
	Note
)

// String returns "warning", "error" or "note".
func (s Severity) String() string {
	switch s {
	case Error:
		return "error"
	case Note:
		return "note"
	}
	return "warning"
}

// MarshalText writes the severity as its name, for JSON output.
func (s Severity) MarshalText() ([]byte, error) { return []byte(s.String()), nil }

// Diagnostic is one finding. File is a slash-separated path relative to the
// site root ("content/articles/x.md"); Line and Column are 1-based and zero
// when unknown. Code is a short stable identifier ("date-invalid") that tools
// can match on; Message says what is wrong and Hint how to fix it.
type Diagnostic struct {
	File     string   `json:"file"`
	Line     int      `json:"line"`
	Column   int      `json:"column"`
	Severity Severity `json:"severity"`
	Code     string   `json:"code"`
	Message  string   `json:"message"`
	Hint     string   `json:"hint,omitempty"`
}

// String formats the diagnostic the way compilers do:
// "content/articles/x.md:3:7: error: date: cannot parse ... (hint)".
func (d Diagnostic) String() string {
	var b strings.Builder
	b.WriteString(d.Position())
	b.WriteString(": ")
	b.WriteString(d.Severity.String())
	b.WriteString(": ")
	b.WriteString(d.Message)
	if d.Hint != "" {
		b.WriteString(" (")
		b.WriteString(d.Hint)
		b.WriteString(")")
	}
	return b.String()
}

// Position returns "file", "file:line" or "file:line:column".
func (d Diagnostic) Position() string {
	file := d.File
	if file == "" {
		file = "(site)"
	}
	switch {
	case d.Line > 0 && d.Column > 0:
		return fmt.Sprintf("%s:%d:%d", file, d.Line, d.Column)
	case d.Line > 0:
		return fmt.Sprintf("%s:%d", file, d.Line)
	}
	return file
}

// List is the diagnostics of one build.
type List []Diagnostic

// Errorf appends an error about file at line.
func (l *List) Errorf(file string, line int, code, format string, args ...any) {
	*l = append(*l, Diagnostic{File: file, Line: line, Severity: Error, Code: code, Message: fmt.Sprintf(format, args...)})
}

// Warnf appends a warning about file at line.
func (l *List) Warnf(file string, line int, code, format string, args ...any) {
	*l = append(*l, Diagnostic{File: file, Line: line, Severity: Warning, Code: code, Message: fmt.Sprintf(format, args...)})
}

// Add appends diagnostics.
func (l *List) Add(ds ...Diagnostic) { *l = append(*l, ds...) }

// HasErrors reports whether any diagnostic is an error.
func (l List) HasErrors() bool {
	return slices.ContainsFunc(l, func(d Diagnostic) bool { return d.Severity == Error })
}

// Count returns the number of errors and of warnings.
func (l List) Count() (errors, warnings int) {
	for _, d := range l {
		switch d.Severity {
		case Error:
			errors++
		case Warning:
			warnings++
		}
	}
	return errors, warnings
}

// rank orders severities: errors, then warnings, then notes.
func rank(s Severity) int {
	switch s {
	case Error:
		return 0
	case Warning:
		return 1
	}
	return 2
}

// Sorted returns the diagnostics ordered by file, line, column, then
// severity (errors first), code and message, without duplicates, so that
// output never depends on the order in which parallel workers found them.
func (l List) Sorted() List {
	out := slices.Clone(l)
	slices.SortFunc(out, func(a, b Diagnostic) int {
		return cmp.Or(
			cmp.Compare(a.File, b.File),
			cmp.Compare(a.Line, b.Line),
			cmp.Compare(a.Column, b.Column),
			cmp.Compare(rank(a.Severity), rank(b.Severity)),
			cmp.Compare(a.Code, b.Code),
			cmp.Compare(a.Message, b.Message),
		)
	})
	return slices.Compact(out)
}

// WriteText prints one diagnostic per line.
func (l List) WriteText(w io.Writer) error {
	for _, d := range l {
		if _, err := fmt.Fprintln(w, d.String()); err != nil {
			return fmt.Errorf("writing diagnostics: %w", err)
		}
	}
	return nil
}

// WriteJSON prints one JSON object per line (JSON Lines), so that editors and
// CI can read findings as they stream.
func (l List) WriteJSON(w io.Writer) error {
	enc := json.NewEncoder(w)
	for _, d := range l {
		if err := enc.Encode(d); err != nil {
			return fmt.Errorf("writing diagnostics: %w", err)
		}
	}
	return nil
}
