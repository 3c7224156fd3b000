package imaging

import (
	"image"
	"image/color"
	"testing"

	"digest/internal/imaging/imagingtest"
)

func TestCard(t *testing.T) {
	// White, with a magenta band along the right edge.
	m := image.NewRGBA(image.Rect(0, 0, 3000, 1000))
	magenta := color.NRGBA{230, 0, 200, 255}
	for y := range 1000 {
		for x := range 3000 {
			c := color.RGBA{255, 255, 255, 255}
			if x >= 2850 {
				c = color.RGBA(magenta)
			}
			m.SetRGBA(x, y, c)
		}
	}
	data := imagingtest.EncodePNG(m, imagingtest.Options{})
	white := color.NRGBA{255, 255, 255, 255}
	for _, tc := range []struct {
		focus [2]float64
		right color.NRGBA
	}{
		{[2]float64{1, 0.5}, magenta},
		{[2]float64{0.98, 0}, magenta},
		{[2]float64{0.5, 0.5}, white},
		{[2]float64{0, 0.5}, white},
	} {
		res, err := Process(data, Settings{Widths: []int{300}, Card: true, CardWidth: 1200, CardHeight: 630, Focus: tc.focus})
		if err != nil {
			t.Fatal(err)
		}
		c := res.Card
		if c == nil || c.Width != 1200 || c.Height != 630 || c.Format != JPEG || sniff(c.Data) != JPEG {
			t.Fatalf("card %+v", c)
		}
		card := decodeBytes(t, c.Data)
		if card.Bounds().Dx() != 1200 || card.Bounds().Dy() != 630 {
			t.Fatalf("card decodes to %v", card.Bounds())
		}
		if got := meanColor(card, 1195, 315, 3); !near(got, tc.right, 12) {
			t.Errorf("focus %v: right edge %v, want %v", tc.focus, got, tc.right)
		}
	}
}

func TestSmallCardIsNotEnlarged(t *testing.T) {
	res, err := Process(imagingtest.JPEG(600, 400, imagingtest.Options{}), Settings{Widths: []int{480}, Card: true, Focus: [2]float64{0.5, 0.5}})
	if err != nil {
		t.Fatal(err)
	}
	c := res.Card
	if c.Width != 600 || c.Height != 315 {
		t.Fatalf("card %d×%d, want 600×315 (the card's shape at the picture's scale)", c.Width, c.Height)
	}
	if b := decodeBytes(t, c.Data).Bounds(); b.Dx() != 600 || b.Dy() != 315 {
		t.Errorf("card decodes to %v", b)
	}
	res, err = Process(imagingtest.JPEG(300, 1000, imagingtest.Options{}), Settings{Card: true, CardWidth: 1200, CardHeight: 630})
	if err != nil {
		t.Fatal(err)
	}
	if c := res.Card; c.Width != 300 || c.Height != 158 {
		t.Errorf("tall picture: card %d×%d, want 300×158", c.Width, c.Height)
	}
}

func TestAlphaKeptInPNG(t *testing.T) {
	m := image.NewNRGBA(image.Rect(0, 0, 200, 100))
	for y := range 100 {
		for x := range 200 {
			m.SetNRGBA(x, y, color.NRGBA{200, 40, 40, uint8(x * 255 / 199)})
		}
	}
	res, err := Process(imagingtest.EncodePNG(m, imagingtest.Options{}), Settings{Widths: []int{100, 200}, WebPQuality: 80, Card: true, CardWidth: 50, CardHeight: 50, Focus: [2]float64{0, 0}})
	if err != nil {
		t.Fatal(err)
	}
	for _, v := range append(res.Variants, res.WebP...) {
		out := decodeBytes(t, v.Data)
		left, right := meanColor(out, 1, v.Height/2, 0), meanColor(out, v.Width-2, v.Height/2, 0)
		if v.Format != PNG && v.Format != WebP || left.A > 10 || right.A < 240 {
			t.Errorf("%s %d wide: alpha %d at the left, %d at the right", v.Format, v.Width, left.A, right.A)
		}
		if mid := meanColor(out, v.Width/2, v.Height/2, 0); !near(mid, color.NRGBA{200, 40, 40, mid.A}, 12) {
			t.Errorf("%s %d wide: colour under half alpha %v", v.Format, v.Width, mid)
		}
	}
	// The card is a JPEG: on white, where the picture is transparent.
	if got := meanColor(decodeBytes(t, res.Card.Data), 2, 25, 1); !near(got, color.NRGBA{255, 255, 255, 255}, 12) {
		t.Errorf("card's transparent corner is %v, want white", got)
	}
}
