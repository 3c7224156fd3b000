package content

import (
	"bytes"
	"fmt"
	"unicode/utf8"

	"digest/internal/diag"
	"digest/internal/disk"
)

// MaxFileSize is the largest content file accepted. A news item is a few
// kilobytes; anything near this size is a mistake (a pasted PDF, a dump).
const MaxFileSize = 2 << 20

// normalize checks that src is text and returns it without a byte-order
// mark and with Unix line endings (CRLF and lone CR become LF, which keeps
// line numbers). It reports why a file cannot be used.
func normalize(file string, src []byte) ([]byte, *diag.Diagnostic) {
	if len(src) > MaxFileSize {
		return nil, tooLarge(file, int64(len(src)))
	}
	src = bytes.TrimPrefix(src, []byte("\xef\xbb\xbf"))
	if i := bytes.IndexByte(src, 0); i >= 0 {
		line, col := position(src, i)
		return nil, &diag.Diagnostic{File: file, Line: line, Column: col, Severity: diag.Error, Code: "binary-file",
			Message: "binary file (NUL byte): content files must be Markdown text",
			Hint:    "move images and other binary files to static/"}
	}
	if !utf8.Valid(src) {
		i := firstInvalidUTF8(src)
		line, col := position(src, i)
		return nil, &diag.Diagnostic{File: file, Line: line, Column: col, Severity: diag.Error, Code: "invalid-utf8",
			Message: fmt.Sprintf("not valid UTF-8 (byte 0x%02X)", src[i]),
			Hint:    "save the file as UTF-8"}
	}
	if bytes.IndexByte(src, '\r') >= 0 {
		src = bytes.ReplaceAll(src, []byte("\r\n"), []byte("\n"))
		src = bytes.ReplaceAll(src, []byte("\r"), []byte("\n"))
	}
	return src, nil
}

func firstInvalidUTF8(b []byte) int {
	for i := 0; i < len(b); {
		r, n := utf8.DecodeRune(b[i:])
		if r == utf8.RuneError && n <= 1 {
			return i
		}
		i += n
	}
	return 0
}

// position returns the 1-based line and column (in characters) of offset.
func position(src []byte, offset int) (line, col int) {
	offset = min(offset, len(src))
	line = 1 + bytes.Count(src[:offset], []byte{'\n'})
	start := bytes.LastIndexByte(src[:offset], '\n') + 1
	return line, 1 + utf8.RuneCount(src[start:offset])
}

// tooLarge is the error for a content file of size bytes.
func tooLarge(file string, size int64) *diag.Diagnostic {
	return &diag.Diagnostic{File: file, Severity: diag.Error, Code: "file-too-large",
		Message: fmt.Sprintf("file is %s, larger than the %s limit for one content file", disk.Size(size), disk.Size(MaxFileSize)),
		Hint:    "split it into several items or move large media to static/"}
}
