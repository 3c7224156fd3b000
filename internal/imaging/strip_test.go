package imaging

import (
	"bytes"
	"encoding/binary"
	"errors"
	"image/gif"
	"slices"
	"testing"

	"digest/internal/imaging/imagingtest"
)

// all is every kind of metadata imagingtest can add.
var all = imagingtest.Options{
	GPS: true, XMP: true, ICC: true, IPTC: true, Comment: "secret comment",
	Trailer: []byte("trailing bytes"), Photo: true,
}

// withOrientation is opts with orientation o.
func withOrientation(opts imagingtest.Options, o int) imagingtest.Options {
	opts.Orientation = o
	return opts
}

// mustStrip is Strip that fails the test on an error, and checks that
// stripping its output again changes nothing.
func mustStrip(t *testing.T, data []byte) []byte {
	t.Helper()
	out, err := Strip(data)
	if err != nil {
		t.Fatal(err)
	}
	again, err := Strip(out)
	if err != nil {
		t.Fatalf("stripping the output: %v", err)
	}
	if !sameSlice(again, out) {
		t.Errorf("stripping the output again changed it")
	}
	return out
}

// sameSlice reports whether a and b are the same slice.
func sameSlice(a, b []byte) bool {
	return len(a) == len(b) && (len(a) == 0 || &a[0] == &b[0])
}

// checkStripped fails the test if out carries any of the metadata in all,
// or differs in pixels from data.
func checkStripped(t *testing.T, data, out []byte) {
	t.Helper()
	if imagingtest.HasGPS(out) {
		t.Errorf("GPS left: %v", imagingtest.EXIFTags(out))
	}
	for _, s := range []string{"xap/1.0", "XMP DataXMP", "A. Photographer", "secret comment", "Photoshop 3.0", "trailing bytes", "Example Camera"} {
		if bytes.Contains(out, []byte(s)) {
			t.Errorf("%q left", s)
		}
	}
	if same, diff := samePixels(decodeBytes(t, data), decodeBytes(t, out)); !same {
		t.Errorf("pixels changed: %s", diff)
	}
}

func TestStripJPEG(t *testing.T) {
	data := imagingtest.JPEG(120, 80, all)
	if !imagingtest.HasGPS(data) {
		t.Fatal("the source has no GPS: the test tests nothing")
	}
	out := mustStrip(t, data)
	checkStripped(t, data, out)
	if imagingtest.HasEXIF(out) {
		t.Errorf("EXIF left: %v", imagingtest.EXIFTags(out))
	}
	if !bytes.Contains(out, []byte("ICC_PROFILE\x00\x01\x01not a real ICC profile")) {
		t.Error("the ICC profile was dropped")
	}
	if len(out) >= len(data) {
		t.Errorf("%d bytes in, %d out", len(data), len(out))
	}
}

func TestStripJPEGKeepsOrientation(t *testing.T) {
	for _, big := range []bool{false, true} {
		opts := withOrientation(all, 6)
		opts.BigEndian = big
		data := imagingtest.JPEG(120, 80, opts)
		out := mustStrip(t, data)
		checkStripped(t, data, out)
		if tags := imagingtest.EXIFTags(out); !slices.Equal(tags, []string{"Orientation"}) {
			t.Errorf("EXIF tags left: %v, want only Orientation", tags)
		}
		if info, err := Probe(out); err != nil || info.Orientation != 6 || info.Width != 80 {
			t.Errorf("Probe of the stripped file: %+v, %v", info, err)
		}
	}
}

func TestStripNothingToRemove(t *testing.T) {
	for name, data := range map[string][]byte{
		"jpeg":      imagingtest.JPEG(30, 20, imagingtest.Options{}),
		"jpeg icc":  imagingtest.JPEG(30, 20, imagingtest.Options{ICC: true}),
		"png":       imagingtest.PNG(30, 20, false),
		"gif":       imagingtest.GIF(30, 20, 2),
		"webp":      imagingtest.WebP(30, 20, imagingtest.Options{}),
		"webp icc":  imagingtest.WebP(30, 20, imagingtest.Options{ICC: true}),
		"animation": imagingtest.AnimatedWebP(30, 20, 2),
	} {
		out, err := Strip(data)
		if err != nil {
			t.Errorf("%s: %v", name, err)
		} else if !sameSlice(out, data) {
			t.Errorf("%s: Strip returned a new slice, with nothing to remove", name)
		}
	}
}

func TestStripPNG(t *testing.T) {
	data := imagingtest.EncodePNG(imagingtest.Photo(60, 40, 1), all)
	out := mustStrip(t, data)
	checkStripped(t, data, out)
	for _, typ := range []string{"tEXt", "zTXt", "iTXt", "tIME", "eXIf"} {
		if bytes.Contains(out, []byte(typ)) {
			t.Errorf("chunk %s left", typ)
		}
	}
	data = imagingtest.EncodePNG(imagingtest.Photo(60, 40, 1), withOrientation(all, 8))
	out = mustStrip(t, data)
	checkStripped(t, data, out)
	if tags := imagingtest.EXIFTags(out); !slices.Equal(tags, []string{"Orientation"}) {
		t.Errorf("EXIF tags left: %v, want only Orientation", tags)
	}
	if info, _ := Probe(out); info.Orientation != 8 {
		t.Errorf("orientation %d after Strip, want 8", info.Orientation)
	}
}

func TestStripWebP(t *testing.T) {
	for _, o := range []int{0, 3} {
		data := imagingtest.WebP(60, 40, withOrientation(all, o))
		out := mustStrip(t, data)
		checkStripped(t, data, out)
		if got := binary.LittleEndian.Uint32(out[4:8]); int(got) != len(out)-8 {
			t.Errorf("RIFF size %d, file %d bytes", got, len(out))
		}
		flags := out[20] // the VP8X chunk comes first
		if string(out[12:16]) != "VP8X" || flags&vp8xXMP != 0 || (flags&vp8xEXIF != 0) != (o > 1) {
			t.Errorf("orientation %d: first chunk %q, flags %08b", o, out[12:16], flags)
		}
		if !bytes.Contains(out, []byte("ICCP")) {
			t.Error("the ICC profile was dropped")
		}
		if info, _ := Probe(out); info.Orientation != max(o, 1) {
			t.Errorf("orientation %d after Strip, want %d", info.Orientation, max(o, 1))
		}
	}
}

func TestStripGIF(t *testing.T) {
	data := imagingtest.EncodeGIF(40, 30, 3, all)
	out := mustStrip(t, data)
	checkStripped(t, data, out)
	if !bytes.Contains(out, []byte("NETSCAPE2.0")) {
		t.Error("the loop extension was dropped")
	}
	a, err := gif.DecodeAll(bytes.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	b, err := gif.DecodeAll(bytes.NewReader(out))
	if err != nil {
		t.Fatal(err)
	}
	if len(a.Image) != len(b.Image) || a.LoopCount != b.LoopCount || !slices.Equal(a.Delay, b.Delay) {
		t.Fatalf("%d frames looping %d before, %d looping %d after", len(a.Image), a.LoopCount, len(b.Image), b.LoopCount)
	}
	for i := range a.Image {
		if same, diff := samePixels(a.Image[i], b.Image[i]); !same {
			t.Errorf("frame %d: %s", i, diff)
		}
	}
}

func TestStripErrors(t *testing.T) {
	png := imagingtest.PNG(30, 20, true)
	for _, tc := range []struct {
		name string
		data []byte
		kind error
	}{
		{"empty", nil, ErrEmpty},
		{"text", []byte("just some text"), ErrNotImage},
		{"truncated png", png[:len(png)-20], ErrCorrupt},
		{"png chunk too long", append(png[:8:8], 0xFF, 0xFF, 0xFF, 0xF0, 'I', 'H', 'D', 'R'), ErrCorrupt},
		{"jpeg segment too long", []byte{0xFF, 0xD8, 0xFF, 0xE1, 0xFF, 0xFF, 0, 0}, ErrCorrupt},
		{"jpeg no marker", []byte{0xFF, 0xD8, 0xFF, 0xE0, 0, 4, 0, 0, 0x12}, ErrCorrupt},
		{"gif truncated", imagingtest.GIF(30, 20, 2)[:40], ErrCorrupt},
		{"webp size", []byte("RIFF\xff\x00\x00\x00WEBPVP8 \x00\x00\x00\x00"), ErrCorrupt},
	} {
		if _, err := Strip(tc.data); !errors.Is(err, tc.kind) {
			t.Errorf("%s: %v, want %v", tc.name, err, tc.kind)
		}
	}
}
