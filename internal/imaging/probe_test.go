package imaging

import (
	"encoding/binary"
	"errors"
	"hash/crc32"
	"runtime"
	"strings"
	"testing"
	"time"

	"digest/internal/imaging/imagingtest"
)

func TestFormatOfName(t *testing.T) {
	for name, want := range map[string]Format{
		"a.jpg": JPEG, "b.JPEG": JPEG, "dir.png/c.Jpg": JPEG, "d.png": PNG, "e.GIF": GIF,
		"f.webp": WebP, "g.WebP": WebP, "h.tiff": "", "jpg": "", "i.jpg.txt": "", "": "",
	} {
		if got := FormatOfName(name); got != want {
			t.Errorf("FormatOfName(%q) = %q, want %q", name, got, want)
		}
	}
	for f, want := range map[Format]string{JPEG: ".jpg", PNG: ".png", GIF: ".gif", WebP: ".webp", "tiff": ""} {
		if got := f.Ext(); got != want {
			t.Errorf("%q.Ext() = %q, want %q", f, got, want)
		}
	}
	if got := WebP.MediaType(); got != "image/webp" {
		t.Errorf("WebP.MediaType() = %q", got)
	}
}

func TestProbeFormats(t *testing.T) {
	for _, tc := range []struct {
		name     string
		data     []byte
		want     Info
		filename string
	}{
		{"jpeg", imagingtest.JPEG(64, 48, imagingtest.Options{}), Info{JPEG, 64, 48, 1, false}, "x.png"},
		{"jpeg exif", imagingtest.JPEG(64, 48, imagingtest.Options{GPS: true, Orientation: 3}), Info{JPEG, 64, 48, 3, false}, ""},
		{"png", imagingtest.PNG(33, 17, false), Info{PNG, 33, 17, 1, false}, "x.jpg"},
		{"png metadata", imagingtest.PNG(33, 17, true), Info{PNG, 33, 17, 1, false}, ""},
		{"png orientation", imagingtest.EncodePNG(imagingtest.Quadrants(30, 20), imagingtest.Options{Orientation: 8}), Info{PNG, 20, 30, 8, false}, ""},
		{"gif", imagingtest.GIF(40, 30, 1), Info{GIF, 40, 30, 1, false}, ""},
		{"gif animated", imagingtest.GIF(40, 30, 3), Info{GIF, 40, 30, 1, true}, ""},
		{"webp", imagingtest.WebP(50, 30, imagingtest.Options{}), Info{WebP, 50, 30, 1, false}, ""},
		{"webp exif", imagingtest.WebP(50, 30, imagingtest.Options{Orientation: 6, XMP: true, ICC: true}), Info{WebP, 30, 50, 6, false}, ""},
		{"webp lossless", imagingtest.EncodeWebP(imagingtest.Quadrants(21, 13), true, imagingtest.Options{}), Info{WebP, 21, 13, 1, false}, ""},
		{"webp animated", imagingtest.AnimatedWebP(24, 16, 2), Info{WebP, 24, 16, 1, true}, ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got, err := Probe(tc.data)
			if err != nil {
				t.Fatal(err)
			}
			if got != tc.want {
				t.Errorf("Probe = %+v, want %+v", got, tc.want)
			}
		})
	}
}

func TestProbeOrientationBothByteOrders(t *testing.T) {
	for o := 1; o <= 8; o++ {
		for _, big := range []bool{false, true} {
			data := imagingtest.JPEG(16, 8, imagingtest.Options{Orientation: o, GPS: true, BigEndian: big, XMP: true})
			info, err := Probe(data)
			if err != nil {
				t.Fatal(err)
			}
			w, h := 16, 8
			if o >= 5 {
				w, h = 8, 16
			}
			if info.Orientation != o || info.Width != w || info.Height != h {
				t.Errorf("orientation %d (big-endian %v): Probe = %+v", o, big, info)
			}
		}
	}
}

func TestProbeErrors(t *testing.T) {
	jpg := imagingtest.JPEG(64, 48, imagingtest.Options{})
	for _, tc := range []struct {
		name string
		data []byte
		kind error
		msg  string
	}{
		{"empty", nil, ErrEmpty, "empty"},
		{"text", []byte("Hello, this is a text file.\n"), ErrNotImage, `not a JPEG, PNG, GIF or WebP image (it starts with "Hello, t")`},
		{"header only", jpg[:20], ErrCorrupt, "truncated or corrupt JPEG"},
		{"png zero width", pngHeader(0, 10), ErrCorrupt, "corrupt PNG"},
		{"gif zero width", gifHeader(0, 10), ErrCorrupt, "0×10 pixels"},
		{"too wide", gifHeader(65536, 1), ErrTooManyPixels, "65536×1 pixels: a side longer than 65535 pixels"},
		{"bomb", pngHeader(30000, 30000), ErrTooManyPixels, "30000×30000 pixels (900 megapixels) is more than the 50 megapixels an image may have"},
		{"webp riff", []byte("RIFF\x04\x00\x00\x00WEBPVP8 "), ErrCorrupt, "WebP"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := Probe(tc.data)
			if !errors.Is(err, tc.kind) {
				t.Fatalf("Probe: %v, want %v", err, tc.kind)
			}
			if !strings.Contains(err.Error(), tc.msg) {
				t.Errorf("message %q does not say %q", err, tc.msg)
			}
			if _, err := Process(tc.data, Settings{Widths: []int{100}}); !errors.Is(err, tc.kind) {
				t.Errorf("Process: %v, want %v", err, tc.kind)
			}
		})
	}
}

func TestBombRefusedCheaply(t *testing.T) {
	data := pngHeader(30000, 30000)
	if len(data) > 100 {
		t.Fatalf("the bomb is %d bytes: it should be a header", len(data))
	}
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	start := time.Now()
	_, err := Process(data, Settings{Widths: []int{480}, WebPQuality: 75, Card: true})
	elapsed := time.Since(start)
	runtime.ReadMemStats(&after)
	if !errors.Is(err, ErrTooManyPixels) {
		t.Fatalf("Process: %v, want ErrTooManyPixels", err)
	}
	if n := after.TotalAlloc - before.TotalAlloc; n > 1<<20 {
		t.Errorf("refusing the bomb allocated %d bytes", n)
	}
	if elapsed > time.Second {
		t.Errorf("refusing the bomb took %v", elapsed)
	}
	if allocs := testing.AllocsPerRun(10, func() { Probe(data) }); allocs > 50 {
		t.Errorf("Probe of the bomb: %v allocations", allocs)
	}
}

func TestTruncatedJPEGIsCorrupt(t *testing.T) {
	data := imagingtest.Truncated(imagingtest.JPEG(200, 150, imagingtest.Options{Photo: true}))
	if _, err := Probe(data); err != nil {
		t.Fatalf("Probe reads only the header, which is whole: %v", err)
	}
	_, err := Process(data, Settings{Widths: []int{100}})
	if !errors.Is(err, ErrCorrupt) {
		t.Fatalf("Process: %v, want ErrCorrupt", err)
	}
	if want := "truncated or corrupt JPEG: "; !strings.HasPrefix(err.Error(), want) {
		t.Errorf("message %q does not start %q", err, want)
	}
}

func TestTruncatedOthersAreCorrupt(t *testing.T) {
	for name, data := range map[string][]byte{
		"png":  imagingtest.PNG(64, 64, false),
		"gif":  imagingtest.GIF(64, 64, 1),
		"webp": imagingtest.WebP(64, 64, imagingtest.Options{Photo: true}),
	} {
		_, err := Process(imagingtest.Truncated(data), Settings{Widths: []int{32}})
		if !errors.Is(err, ErrCorrupt) {
			t.Errorf("%s: Process: %v, want ErrCorrupt", name, err)
		}
	}
}

// pngHeader is a PNG file of a signature and an IHDR chunk claiming a w×h
// picture, nothing more.
func pngHeader(w, h uint32) []byte {
	b := []byte("\x89PNG\r\n\x1a\n")
	b = binary.BigEndian.AppendUint32(b, 13)
	start := len(b)
	b = append(b, "IHDR"...)
	b = binary.BigEndian.AppendUint32(b, w)
	b = binary.BigEndian.AppendUint32(b, h)
	b = append(b, 8, 6, 0, 0, 0)
	return binary.BigEndian.AppendUint32(b, crc32.ChecksumIEEE(b[start:]))
}

// gifHeader is a GIF file's header claiming a w×h picture (w and h must
// fit 16 bits; larger ones are cut), and a trailer.
func gifHeader(w, h int) []byte {
	b := []byte("GIF89a")
	b = binary.LittleEndian.AppendUint16(b, uint16(w))
	b = binary.LittleEndian.AppendUint16(b, uint16(h))
	if w > 0xFFFF { // GIF cannot say it: use a PNG
		return pngHeader(uint32(w), uint32(h))
	}
	return append(b, 0, 0, 0, 0x3B)
}
