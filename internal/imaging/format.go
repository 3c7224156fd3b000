package imaging

import (
	"bytes"
	"errors"
	"fmt"
	"path"
	"strings"
)

// Format is an image file format: one of the four the package reads.
type Format string

// The formats the package reads and writes.
const (
	JPEG Format = "jpeg"
	PNG  Format = "png"
	GIF  Format = "gif"
	WebP Format = "webp"
)

// FormatOfName is the format a file name's extension claims ("" if none
// of the four): .jpg .jpeg .png .gif .webp, case-insensitive. It says
// nothing of the bytes: Probe reads those.
func FormatOfName(name string) Format {
	switch strings.ToLower(path.Ext(name)) {
	case ".jpg", ".jpeg":
		return JPEG
	case ".png":
		return PNG
	case ".gif":
		return GIF
	case ".webp":
		return WebP
	}
	return ""
}

// Ext is the extension written for f: ".jpg", ".png", ".gif", ".webp"
// ("" for a Format that is none of the four).
func (f Format) Ext() string {
	switch f {
	case JPEG:
		return ".jpg"
	case PNG, GIF, WebP:
		return "." + string(f)
	}
	return ""
}

// MediaType is the MIME type of f, as an HTML <source type> or an HTTP
// Content-Type says it: "image/jpeg", "image/png", "image/gif",
// "image/webp" ("" for a Format that is none of the four).
func (f Format) MediaType() string {
	if f.Ext() == "" {
		return ""
	}
	return "image/" + string(f)
}

// name is the format as an editor knows it: "JPEG", "PNG", "GIF", "WebP".
func (f Format) name() string {
	if f == WebP {
		return "WebP"
	}
	return strings.ToUpper(string(f))
}

// sniff is the format the first bytes of data say, "" if none of the four.
func sniff(data []byte) Format {
	switch {
	case len(data) >= 3 && data[0] == 0xFF && data[1] == 0xD8 && data[2] == 0xFF:
		return JPEG
	case bytes.HasPrefix(data, pngSignature):
		return PNG
	case bytes.HasPrefix(data, []byte("GIF87a")), bytes.HasPrefix(data, []byte("GIF89a")):
		return GIF
	case len(data) >= 12 && string(data[:4]) == "RIFF" && string(data[8:12]) == "WEBP":
		return WebP
	}
	return ""
}

// pngSignature is the eight bytes every PNG file starts with.
var pngSignature = []byte("\x89PNG\r\n\x1a\n")

// The kinds of error Probe, Process and Strip return; test for them with
// errors.Is. The errors themselves carry messages written for an editor.
var (
	// ErrEmpty: the data has no bytes at all.
	ErrEmpty = errors.New("the file is empty (0 bytes)")
	// ErrNotImage: the data does not start like a JPEG, PNG, GIF or WebP.
	ErrNotImage = errors.New("not a JPEG, PNG, GIF or WebP image")
	// ErrTooManyPixels: the image has more than MaxPixels pixels, or a
	// side longer than MaxSide pixels.
	ErrTooManyPixels = errors.New("the image has too many pixels")
	// ErrCorrupt: the header or the data cannot be decoded, or the file
	// is truncated.
	ErrCorrupt = errors.New("the image is truncated or corrupt")
)

// imageError is an error of one of the kinds above with its own message.
type imageError struct {
	kind  error // ErrEmpty, ErrNotImage, ErrTooManyPixels or ErrCorrupt
	msg   string
	cause error // the decoder's error, if any
}

func (e *imageError) Error() string { return e.msg }

// Is reports whether target is the kind of e.
func (e *imageError) Is(target error) bool { return target == e.kind }

// Unwrap returns the decoder's error, if any.
func (e *imageError) Unwrap() error { return e.cause }

// corrupt is an ErrCorrupt saying what is wrong with a file of format f.
func corrupt(f Format, format string, args ...any) error {
	return &imageError{kind: ErrCorrupt, msg: fmt.Sprintf("corrupt %s: %s", f.name(), fmt.Sprintf(format, args...))}
}

// decodeError is an ErrCorrupt for err, returned by f's decoder.
func decodeError(f Format, err error) error {
	msg := err.Error()
	for _, p := range []string{"image: ", "jpeg: ", "png: ", "gif: ", "webp: ", "invalid JPEG format: ", "invalid format: "} {
		msg = strings.TrimPrefix(msg, p)
	}
	return &imageError{kind: ErrCorrupt, msg: fmt.Sprintf("truncated or corrupt %s: %s", f.name(), msg), cause: err}
}

// notImage is the ErrNotImage for data.
func notImage(data []byte) error {
	head := data[:min(len(data), 8)]
	return &imageError{kind: ErrNotImage, msg: fmt.Sprintf("not a JPEG, PNG, GIF or WebP image (it starts with %q)", head)}
}
