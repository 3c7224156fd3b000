package imaging

import (
	"bytes"
	"fmt"
	"image"
	"image/gif"
	"image/jpeg"
	"image/png"
	"math"
	"strconv"

	"golang.org/x/image/webp"
)

// MaxPixels: images with more pixels are refused before decoding
// (decompression bombs).
const MaxPixels = 50_000_000

// MaxSide: images with a side longer than this many pixels are refused
// before decoding, whatever their number of pixels.
const MaxSide = 65535

// Info is what Probe reads from an image's header.
type Info struct {
	Format        Format // from the bytes (magic numbers), never from the name
	Width, Height int    // as displayed: after EXIF orientation (swapped for orientations 5–8)
	Orientation   int    // EXIF orientation 1–8 (1 when absent)
	Animated      bool   // a GIF with more than one frame (or an animated WebP): not resized
}

// Probe reads the format, size and orientation from the header only
// (the decoder's DecodeConfig and the EXIF orientation), cheaply: it
// decodes no pixels. It returns ErrEmpty, ErrNotImage, ErrCorrupt (a
// header that cannot be decoded, a side of 0 pixels) or ErrTooManyPixels
// (more than MaxPixels, or a side longer than MaxSide).
func Probe(data []byte) (Info, error) {
	if len(data) == 0 {
		return Info{}, &imageError{kind: ErrEmpty, msg: ErrEmpty.Error()}
	}
	f := sniff(data)
	if f == "" {
		return Info{}, notImage(data)
	}
	cfg, err := decodeConfig(f, data)
	if err != nil {
		return Info{}, decodeError(f, err)
	}
	if err := checkSize(f, cfg.Width, cfg.Height); err != nil {
		return Info{}, err
	}
	info := Info{Format: f, Width: cfg.Width, Height: cfg.Height, Orientation: 1}
	switch f {
	case JPEG:
		info.Orientation = jpegOrientation(data)
	case PNG:
		info.Orientation = pngOrientation(data)
	case GIF:
		info.Animated = gifFrames(data) > 1
	case WebP:
		info.Orientation, info.Animated = webpMeta(data)
	}
	if info.Orientation >= 5 {
		info.Width, info.Height = info.Height, info.Width
	}
	return info, nil
}

// decodeConfig is the header of data, read by the decoder for format f.
func decodeConfig(f Format, data []byte) (image.Config, error) {
	r := bytes.NewReader(data)
	switch f {
	case JPEG:
		return jpeg.DecodeConfig(r)
	case PNG:
		return png.DecodeConfig(r)
	case GIF:
		return gif.DecodeConfig(r)
	default:
		return webp.DecodeConfig(r)
	}
}

// checkSize refuses a w×h image that is empty, too wide or high, or has
// too many pixels.
func checkSize(f Format, w, h int) error {
	switch {
	case w <= 0 || h <= 0:
		return corrupt(f, "%d×%d pixels: an image must be at least 1 pixel wide and 1 pixel high", w, h)
	case w > MaxSide || h > MaxSide:
		return &imageError{kind: ErrTooManyPixels, msg: fmt.Sprintf(
			"%d×%d pixels: a side longer than %d pixels is more than an image may have", w, h, MaxSide)}
	case int64(w)*int64(h) > MaxPixels:
		return &imageError{kind: ErrTooManyPixels, msg: fmt.Sprintf(
			"%d×%d pixels (%s megapixels) is more than the %s megapixels an image may have",
			w, h, megapixels(int64(w)*int64(h)), megapixels(MaxPixels))}
	}
	return nil
}

// megapixels is n pixels in millions, to one decimal place where that
// decimal is not 0: "900", "50.4".
func megapixels(n int64) string {
	return strconv.FormatFloat(math.Round(float64(n)/1e5)/10, 'f', -1, 64)
}
