package imaging

import (
	"bytes"
	"errors"
	"testing"

	"digest/internal/imaging/imagingtest"
)

// fuzzSeeds is small files of every format, with and without metadata,
// whole and cut short.
func fuzzSeeds() [][]byte {
	meta := imagingtest.Options{GPS: true, XMP: true, ICC: true, IPTC: true, Comment: "c", Orientation: 6, Trailer: []byte("t")}
	files := [][]byte{
		imagingtest.JPEG(8, 8, imagingtest.Options{}),
		imagingtest.JPEG(8, 8, meta),
		imagingtest.JPEG(8, 8, imagingtest.Options{Orientation: 3, BigEndian: true}),
		imagingtest.PNG(8, 8, false),
		imagingtest.EncodePNG(imagingtest.Quadrants(8, 8), meta),
		imagingtest.GIF(8, 8, 1),
		imagingtest.EncodeGIF(8, 8, 2, meta),
		imagingtest.WebP(8, 8, imagingtest.Options{}),
		imagingtest.WebP(8, 8, meta),
		imagingtest.AnimatedWebP(8, 8, 2),
		pngHeader(30000, 30000),
		[]byte("RIFF\x00\x00\x00\x00WEBP"),
		{0xFF, 0xD8, 0xFF},
	}
	seeds := append([][]byte(nil), files...)
	for _, f := range files {
		seeds = append(seeds, f[:len(f)/2], f[:len(f)*9/10])
	}
	return seeds
}

func FuzzProbe(f *testing.F) {
	for _, s := range fuzzSeeds() {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		info, err := Probe(data)
		if err != nil {
			for _, kind := range []error{ErrEmpty, ErrNotImage, ErrTooManyPixels, ErrCorrupt} {
				if errors.Is(err, kind) {
					return
				}
			}
			t.Fatalf("error of no kind: %v", err)
		}
		if info.Width < 1 || info.Height < 1 || info.Width > MaxSide || info.Height > MaxSide || info.Width*info.Height > MaxPixels {
			t.Fatalf("Probe let through %+v", info)
		}
		if info.Orientation < 1 || info.Orientation > 8 {
			t.Fatalf("orientation %d", info.Orientation)
		}
		if info.Format != sniff(data) {
			t.Fatalf("format %s, bytes say %s", info.Format, sniff(data))
		}
	})
}

func FuzzStrip(f *testing.F) {
	for _, s := range fuzzSeeds() {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		out, err := Strip(data)
		if err != nil {
			if !errors.Is(err, ErrEmpty) && !errors.Is(err, ErrNotImage) && !errors.Is(err, ErrCorrupt) {
				t.Fatalf("error of no kind: %v", err)
			}
			return
		}
		if sniff(out) != sniff(data) {
			t.Fatalf("Strip turned a %s into a %s", sniff(data), sniff(out))
		}
		if len(out) > len(data)+len(orientationTIFF(1))+20 {
			t.Fatalf("Strip grew %d bytes to %d", len(data), len(out))
		}
		again, err := Strip(out)
		if err != nil {
			t.Fatalf("Strip cannot read its own output: %v", err)
		}
		if !bytes.Equal(again, out) {
			t.Fatalf("Strip of its output changed it")
		}
		if a, b := orientationOf(data), orientationOf(out); a != b {
			t.Fatalf("orientation %d became %d", a, b)
		}
	})
}

// orientationOf is the orientation recorded in data, as Probe reads it
// from the container (whether or not the pixels decode).
func orientationOf(data []byte) int {
	switch sniff(data) {
	case JPEG:
		return jpegOrientation(data)
	case PNG:
		return pngOrientation(data)
	case WebP:
		o, _ := webpMeta(data)
		return o
	}
	return 1
}
