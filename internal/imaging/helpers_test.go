package imaging

import (
	"bytes"
	"fmt"
	"image"
	"image/color"
	"image/gif"
	"image/jpeg"
	"image/png"
	"testing"

	"golang.org/x/image/webp"
)

// decodeBytes decodes an output of Process or Strip with the standard
// decoders (and x/image/webp), failing the test if it cannot.
func decodeBytes(t testing.TB, data []byte) image.Image {
	t.Helper()
	var m image.Image
	var err error
	switch sniff(data) {
	case JPEG:
		m, err = jpeg.Decode(bytes.NewReader(data))
	case PNG:
		m, err = png.Decode(bytes.NewReader(data))
	case GIF:
		m, err = gif.Decode(bytes.NewReader(data))
	case WebP:
		m, err = webp.Decode(bytes.NewReader(data))
	default:
		t.Fatalf("output is not an image: starts with %q", data[:min(len(data), 8)])
	}
	if err != nil {
		t.Fatalf("decoding the output: %v", err)
	}
	return m
}

// meanColor is the mean colour (straight alpha) of the pixels of m in a
// square of side 2r+1 centred on (x, y), clipped to m.
func meanColor(m image.Image, x, y, r int) color.NRGBA {
	var sr, sg, sb, sa, n uint64
	area := image.Rect(x-r, y-r, x+r+1, y+r+1).Intersect(m.Bounds())
	for py := area.Min.Y; py < area.Max.Y; py++ {
		for px := area.Min.X; px < area.Max.X; px++ {
			c := color.NRGBAModel.Convert(m.At(px, py)).(color.NRGBA)
			sr, sg, sb, sa, n = sr+uint64(c.R), sg+uint64(c.G), sb+uint64(c.B), sa+uint64(c.A), n+1
		}
	}
	if n == 0 {
		return color.NRGBA{}
	}
	return color.NRGBA{uint8(sr / n), uint8(sg / n), uint8(sb / n), uint8(sa / n)}
}

// near reports whether a and b differ by at most tol in every channel.
func near(a, b color.NRGBA, tol int) bool {
	d := func(x, y uint8) bool { return int(x)-int(y) <= tol && int(y)-int(x) <= tol }
	return d(a.R, b.R) && d(a.G, b.G) && d(a.B, b.B) && d(a.A, b.A)
}

// quadrantColors is the mean colour at the centre of each quadrant of m:
// top left, top right, bottom left, bottom right.
func quadrantColors(m image.Image) [4]color.NRGBA {
	b := m.Bounds()
	w, h := b.Dx(), b.Dy()
	r := max(1, min(w, h)/16)
	return [4]color.NRGBA{
		meanColor(m, b.Min.X+w/4, b.Min.Y+h/4, r),
		meanColor(m, b.Min.X+3*w/4, b.Min.Y+h/4, r),
		meanColor(m, b.Min.X+w/4, b.Min.Y+3*h/4, r),
		meanColor(m, b.Min.X+3*w/4, b.Min.Y+3*h/4, r),
	}
}

// samePixels reports whether a and b have the same bounds and pixels, and
// describes the first difference.
func samePixels(a, b image.Image) (bool, string) {
	if a.Bounds() != b.Bounds() {
		return false, fmt.Sprintf("bounds %v and %v", a.Bounds(), b.Bounds())
	}
	for y := a.Bounds().Min.Y; y < a.Bounds().Max.Y; y++ {
		for x := a.Bounds().Min.X; x < a.Bounds().Max.X; x++ {
			r1, g1, b1, a1 := a.At(x, y).RGBA()
			r2, g2, b2, a2 := b.At(x, y).RGBA()
			if r1 != r2 || g1 != g2 || b1 != b2 || a1 != a2 {
				return false, fmt.Sprintf("pixel (%d, %d): %v and %v", x, y, a.At(x, y), b.At(x, y))
			}
		}
	}
	return true, ""
}

// outputs is every file a Result holds.
func outputs(r *Result) []Variant {
	out := append(append([]Variant(nil), r.Variants...), r.WebP...)
	if r.Card != nil {
		out = append(out, *r.Card)
	}
	return out
}

// widthsOf is the widths of vs.
func widthsOf(vs []Variant) []int {
	var w []int
	for _, v := range vs {
		w = append(w, v.Width)
	}
	return w
}
