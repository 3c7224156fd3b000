package audit

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"net/url"
	"os/exec"
	"strings"
)

// NuMessage is one message of the Nu HTML checker.
type NuMessage struct {
	File    string `json:"-"`       // the checked file's path
	URL     string `json:"url"`     // as the checker names it: file:/…
	Type    string `json:"type"`    // error, info or non-document-error
	SubType string `json:"subType"` // warning (for info), fatal, io, …
	Line    int    `json:"lastLine"`
	Column  int    `json:"firstColumn"`
	Message string `json:"message"`
	Extract string `json:"extract"`
}

// Failure reports whether the message fails the audit: every error, and
// every warning; plain information does not.
func (m NuMessage) Failure() bool {
	return m.Type != "info" || m.SubType == "warning"
}

// Severity is "error", "warning" or "info".
func (m NuMessage) Severity() string {
	switch {
	case m.Type == "info" && m.SubType == "warning":
		return "warning"
	case m.Type == "info":
		return "info"
	}
	return "error"
}

func (m NuMessage) String() string { return m.At(m.File) }

// At formats the message with where, a name for its file, in place of
// the file's path.
func (m NuMessage) At(where string) string {
	s := fmt.Sprintf("%s, line %d, column %d: %s: %s", where, m.Line, m.Column, m.Severity(), m.Message)
	if m.Extract != "" {
		s += " [" + strings.Join(strings.Fields(m.Extract), " ") + "]"
	}
	return s
}

// Nu runs the Nu HTML checker once over files: HTML files, and CSS files
// (by their .css name). Startup is slow, so all go to one Java process.
func Nu(ctx context.Context, java, jar string, files []string) ([]NuMessage, error) {
	args := append([]string{"-jar", jar, "--format", "json", "--stdout", "--exit-zero-always", "--also-check-css"}, files...)
	cmd := exec.CommandContext(ctx, java, args...)
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	if err := cmd.Run(); err != nil {
		return nil, fmt.Errorf("vnu.jar: %w: %s", err, strings.TrimSpace(stderr.String()))
	}
	var res struct {
		Messages []NuMessage `json:"messages"`
	}
	if err := json.Unmarshal(stdout.Bytes(), &res); err != nil {
		return nil, fmt.Errorf("vnu.jar's output: %w: %.200q", err, stdout.String())
	}
	for i, m := range res.Messages {
		res.Messages[i].File = m.URL
		if u, err := url.Parse(m.URL); err == nil && u.Scheme == "file" {
			res.Messages[i].File = u.Path
		}
	}
	return res.Messages, nil
}
