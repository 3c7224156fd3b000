package imaging

import (
	"bytes"
	"image"
	"image/color"
	"testing"

	gwebp "github.com/gen2brain/webp"
	xdraw "golang.org/x/image/draw"
	"golang.org/x/image/webp"

	"digest/internal/imaging/imagingtest"
)

func TestResizeMatchesXDraw(t *testing.T) {
	src := imagingtest.Photo(301, 203, 5)
	for _, size := range []image.Point{{150, 101}, {97, 203}, {301, 64}, {40, 27}, {299, 200}} {
		want := image.NewRGBA(image.Rectangle{Max: size})
		xdraw.CatmullRom.Scale(want, want.Rect, src, src.Rect, xdraw.Src, nil)
		got := resize(src, src.Rect, size.X, size.Y)
		if got.Rect != want.Rect {
			t.Fatalf("%v: bounds %v", size, got.Rect)
		}
		worst := 0
		for i := range got.Pix {
			worst = max(worst, int(got.Pix[i])-int(want.Pix[i]), int(want.Pix[i])-int(got.Pix[i]))
		}
		// x/image/draw keeps the intermediate in float64, the resizer in 8 bits.
		if worst > 2 {
			t.Errorf("%v: differs from x/image/draw's Catmull-Rom by up to %d", size, worst)
		}
	}
}

func TestResizeRegionAndFlatColour(t *testing.T) {
	m := image.NewRGBA(image.Rect(0, 0, 100, 60))
	for i := range m.Pix {
		m.Pix[i] = []byte{10, 200, 77, 255}[i%4]
	}
	// A flat colour stays exactly flat, whatever the region and size.
	out := resize(m, image.Rect(13, 7, 91, 50), 33, 17)
	for i := range out.Pix {
		if out.Pix[i] != m.Pix[i%4] {
			t.Fatalf("byte %d is %d, want %d", i, out.Pix[i], m.Pix[i%4])
		}
	}
	// A region is what it says: the right half of the quadrants is green
	// above yellow.
	q := toRGBA(imagingtest.Quadrants(100, 60))
	out = resize(q, image.Rect(50, 0, 100, 60), 20, 24)
	if got := quadrantColors(out); !near(got[0], imagingtest.TopRight, 2) || !near(got[3], imagingtest.BottomRight, 2) {
		t.Errorf("right half shows %v", got)
	}
	if r := resize(q, q.Rect, 100, 60); r != q {
		t.Errorf("resizing to the same size copied")
	}
}

func TestHalveAndOrientKeepColours(t *testing.T) {
	q := imagingtest.Quadrants(64, 48)
	var b bytes.Buffer
	b.Write(imagingtest.JPEG(64, 48, imagingtest.Options{Quality: 100}))
	ycc := decodeBytes(t, b.Bytes())
	for name, m := range map[string]image.Image{"rgba": toRGBA(q), "ycbcr": ycc} {
		h := halve(m)
		if h.Rect.Dx() != 32 || h.Rect.Dy() != 24 {
			t.Fatalf("%s: halved to %v", name, h.Rect)
		}
		want := quadrantColors(q)
		if got := quadrantColors(h); !near(got[0], want[0], 6) || !near(got[3], want[3], 6) {
			t.Errorf("%s: halved shows %v, want %v", name, got, want)
		}
	}
}

func TestHalveEverySubsampling(t *testing.T) {
	src := imagingtest.Photo(63, 41, 9)
	for _, ratio := range []image.YCbCrSubsampleRatio{
		image.YCbCrSubsampleRatio444, image.YCbCrSubsampleRatio422, image.YCbCrSubsampleRatio420,
		image.YCbCrSubsampleRatio440, image.YCbCrSubsampleRatio411, image.YCbCrSubsampleRatio410,
	} {
		for _, r := range []image.Rectangle{image.Rect(0, 0, 63, 41), image.Rect(3, 5, 66, 46)} {
			ycc := image.NewYCbCr(r, ratio)
			for y := r.Min.Y; y < r.Max.Y; y++ {
				for x := r.Min.X; x < r.Max.X; x++ {
					c := src.RGBAAt(x-r.Min.X, y-r.Min.Y)
					yy, cb, cr := color.RGBToYCbCr(c.R, c.G, c.B)
					ycc.Y[ycc.YOffset(x, y)] = yy
					ycc.Cb[ycc.COffset(x, y)] = cb
					ycc.Cr[ycc.COffset(x, y)] = cr
				}
			}
			got, want := halve(ycc), halve(toRGBA(ycc))
			if got.Rect != want.Rect {
				t.Fatalf("%v %v: %v, want %v", ratio, r, got.Rect, want.Rect)
			}
			worst := 0
			for i := range got.Pix {
				worst = max(worst, int(got.Pix[i])-int(want.Pix[i]), int(want.Pix[i])-int(got.Pix[i]))
			}
			if worst > 3 {
				t.Errorf("%v %v: halving YCbCr differs from halving RGBA by up to %d", ratio, r, worst)
			}
		}
	}
}

func TestWebPPlanesKeepColours(t *testing.T) {
	// x/image/webp reads VP8's limited-range YUV as if it were full-range
	// (white comes back as 235): compare with what libwebp makes from RGBA.
	colours := []color.NRGBA{{255, 255, 255, 255}, {0, 0, 0, 255}, {200, 30, 40, 255}, {20, 160, 230, 255}, {128, 128, 128, 255}, {90, 200, 60, 128}}
	for _, c := range colours {
		m := image.NewNRGBA(image.Rect(0, 0, 37, 21))
		for i := range m.Pix {
			m.Pix[i] = []byte{c.R, c.G, c.B, c.A}[i%4]
		}
		fromRGBA, err := webpBytes(m, gwebp.Options{Quality: 90, Method: webpMethod})
		if err != nil {
			t.Fatal(err)
		}
		p := toRGBA(m)
		fromPlanes, err := encodeWebP(p, webpYUV(p), 90, false)
		if err != nil {
			t.Fatal(err)
		}
		var got [2]color.NRGBA
		for i, data := range [][]byte{fromRGBA, fromPlanes} {
			out, err := webp.Decode(bytes.NewReader(data))
			if err != nil {
				t.Fatal(err)
			}
			got[i] = meanColor(out, 18, 10, 3)
		}
		if !near(got[0], got[1], 2) {
			t.Errorf("%v: from RGBA %v, from planes %v", c, got[0], got[1])
		}
	}
}

func BenchmarkResize(b *testing.B) {
	src := imagingtest.Photo(2000, 1500, 1)
	b.ReportAllocs()
	for b.Loop() {
		resize(src, src.Rect, 1600, 1200)
	}
}

func BenchmarkResizeXDraw(b *testing.B) {
	src := imagingtest.Photo(2000, 1500, 1)
	dst := image.NewRGBA(image.Rect(0, 0, 1600, 1200))
	b.ReportAllocs()
	for b.Loop() {
		xdraw.CatmullRom.Scale(dst, dst.Rect, src, src.Rect, xdraw.Src, nil)
	}
}

func TestWebPSourceColours(t *testing.T) {
	for _, c := range []color.NRGBA{{255, 255, 255, 255}, {0, 0, 0, 255}, {200, 30, 40, 255}, {20, 160, 230, 255}, {90, 200, 60, 128}} {
		m := image.NewNRGBA(image.Rect(0, 0, 32, 16))
		for i := range m.Pix {
			m.Pix[i] = []byte{c.R, c.G, c.B, c.A}[i%4]
		}
		for _, lossless := range []bool{false, true} {
			data := imagingtest.EncodeWebP(m, lossless, imagingtest.Options{Quality: 95})
			got, err := decode(WebP, data)
			if err != nil {
				t.Fatal(err)
			}
			if mean := meanColor(got, 16, 8, 3); !near(mean, c, 3) {
				t.Errorf("%v (lossless %v) decodes to %v", c, lossless, mean)
			}
		}
	}
}
