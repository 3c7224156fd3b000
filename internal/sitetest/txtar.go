package sitetest

import (
	"fmt"
	"os"
	"strconv"
	"strings"
	"testing"

	"digest/internal/imaging/imagingtest"
)

// Archive is a txtar archive: a comment, then files, each introduced by a
// line "-- name --" (the format of golang.org/x/tools/txtar, which the Go
// project's own tests use to keep a whole site in one file).
type Archive struct {
	Comment string
	Files   []File
}

// File is one file of an Archive.
type File struct {
	Name string
	Data string
}

// ReadArchive reads the txtar archive at path.
func ReadArchive(t testing.TB, path string) Archive {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return ParseArchive(string(b))
}

// ParseArchive parses a txtar archive.
func ParseArchive(text string) Archive {
	var a Archive
	var cur *File
	var body strings.Builder
	flush := func() {
		if cur != nil {
			cur.Data = body.String()
			a.Files = append(a.Files, *cur)
		} else {
			a.Comment = body.String()
		}
		body.Reset()
	}
	for _, line := range strings.SplitAfter(text, "\n") {
		trimmed := strings.TrimRight(line, "\n")
		if strings.HasPrefix(trimmed, "-- ") && strings.HasSuffix(trimmed, " --") && len(trimmed) > 6 {
			flush()
			cur = &File{Name: strings.TrimSpace(trimmed[3 : len(trimmed)-3])}
			continue
		}
		body.WriteString(line)
	}
	flush()
	return a
}

// Write writes the archive's files under dir, except those whose names
// skip says to leave out.
func (a Archive) Write(t testing.TB, dir string, skip func(name string) bool) {
	t.Helper()
	for _, f := range a.Files {
		if skip != nil && skip(f.Name) {
			continue
		}
		data := f.Data
		if spec, ok := strings.CutPrefix(data, "!image "); ok {
			data = string(Image(t, spec))
		}
		WriteFile(t, dir, f.Name, data)
	}
}

// Image makes the test image a spec describes, for archives, which hold
// text: "png 640x480", "jpeg 2000x1500 gps orientation=6", "gif 40x30
// frames=3", "webp 320x200", "jpeg 320x240 truncated" (its first half). The format is the first word; a file whose
// data is "!image " and a spec is written as that image.
func Image(t testing.TB, spec string) []byte {
	t.Helper()
	f := strings.Fields(spec)
	var w, h int
	if len(f) < 2 {
		t.Fatalf("image spec %q: want a format and WxH", spec)
	}
	if _, err := fmt.Sscanf(f[1], "%dx%d", &w, &h); err != nil {
		t.Fatalf("image spec %q: %v", spec, err)
	}
	opts := imagingtest.Options{Photo: true}
	frames := 1
	truncated := false
	for _, o := range f[2:] {
		k, v, _ := strings.Cut(o, "=")
		n, _ := strconv.Atoi(v)
		switch k {
		case "gps":
			opts.GPS = true
		case "orientation":
			opts.Orientation = n
		case "frames":
			frames = n
		case "truncated":
			truncated = true
		default:
			t.Fatalf("image spec %q: unknown option %q", spec, o)
		}
	}
	var data []byte
	switch f[0] {
	case "png":
		data = imagingtest.PNG(w, h, opts.GPS)
	case "jpeg":
		data = imagingtest.JPEG(w, h, opts)
	case "gif":
		data = imagingtest.GIF(w, h, frames)
	case "webp":
		data = imagingtest.WebP(w, h, opts)
	default:
		t.Fatalf("image spec %q: unknown format", spec)
	}
	if truncated {
		data = imagingtest.Truncated(data)
	}
	return data
}

// File returns the data of the named file, and whether there is one.
func (a Archive) File(name string) (string, bool) {
	for _, f := range a.Files {
		if f.Name == name {
			return f.Data, true
		}
	}
	return "", false
}

// Set replaces the data of the named file, or adds the file.
func (a *Archive) Set(name, data string) {
	for i := range a.Files {
		if a.Files[i].Name == name {
			a.Files[i].Data = data
			return
		}
	}
	a.Files = append(a.Files, File{Name: name, Data: data})
}

// Format writes the archive back as text. A file's data that does not
// end in a newline gets one, as txtar requires.
func (a Archive) Format() string {
	var b strings.Builder
	b.WriteString(a.Comment)
	for _, f := range a.Files {
		b.WriteString("-- " + f.Name + " --\n")
		b.WriteString(f.Data)
		if f.Data != "" && !strings.HasSuffix(f.Data, "\n") {
			b.WriteByte('\n')
		}
	}
	return b.String()
}
