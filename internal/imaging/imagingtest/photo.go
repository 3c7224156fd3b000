package imagingtest

import (
	"image"
	"math"
	"runtime"
	"sync"
)

// Photo is a w×h picture that compresses like a photograph: a sky
// gradient over hilly land, smooth value noise at three scales for
// texture and per-pixel sensor noise. The same seed makes the same
// pixels. A 1600×1067 Photo makes a JPEG of about 220 kB at quality 80,
// about 1 bit a pixel, as a real landscape photograph does.
func Photo(w, h int, seed uint64) *image.RGBA {
	r := rng(seed)
	hills := newNoise(&r, w, h, max(w/6, 1))
	texture := newNoise(&r, w, h, 48)
	grain := newNoise(&r, w, h, 9)
	wave := make([]float64, w)
	for x := range wave {
		wave[x] = 0.08 * math.Sin(float64(x)/float64(w)*7)
	}
	m := image.NewRGBA(image.Rect(0, 0, w, h))
	rows := func(y0, y1 int) {
		for y := y0; y < y1; y++ {
			noise := rng(seed ^ uint64(y+1)*0x9E3779B97F4A7C15)
			fy := float64(y) / float64(h)
			row := m.Pix[y*m.Stride : y*m.Stride+4*w]
			for x := range w {
				t := texture.at(x, y)
				var cr, cg, cb float64
				if fy < 0.55+wave[x]+0.1*hills.at(x, y) {
					cr, cg, cb = 90+100*fy+25*t, 140+80*fy+20*t, 230-40*fy
				} else {
					d := grain.at(x, y)
					cr, cg, cb = 70+40*t+30*d, 110+50*t+35*d, 50+20*t+15*d
				}
				n := float64(int(noise.next()%15) - 7)
				p := row[4*x : 4*x+4 : 4*x+4]
				p[0], p[1], p[2], p[3] = clamp(cr+n), clamp(cg+n), clamp(cb+n), 0xFF
			}
		}
	}
	parts := runtime.GOMAXPROCS(0)
	var wg sync.WaitGroup
	for i := range parts {
		wg.Go(func() { rows(h*i/parts, h*(i+1)/parts) })
	}
	wg.Wait()
	return m
}

// rng is a splitmix64 generator: small, fast and the same everywhere.
type rng uint64

// next is the next pseudo-random number.
func (r *rng) next() uint64 {
	*r += 0x9E3779B97F4A7C15
	z := uint64(*r)
	z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9
	z = (z ^ (z >> 27)) * 0x94D049BB133111EB
	return z ^ (z >> 31)
}

// noise is smooth value noise: random values in [-1, 1] on a grid of
// cells, interpolated between them.
type noise struct {
	cell, stride int
	v            []float64
}

// newNoise makes noise for a w×h picture with cells of the given size.
func newNoise(r *rng, w, h, cell int) *noise {
	n := &noise{cell: cell, stride: w/cell + 2}
	n.v = make([]float64, n.stride*(h/cell+2))
	for i := range n.v {
		n.v[i] = float64(r.next()>>11)/(1<<53)*2 - 1
	}
	return n
}

// at is the noise at pixel (x, y).
func (n *noise) at(x, y int) float64 {
	fx, fy := float64(x)/float64(n.cell), float64(y)/float64(n.cell)
	ix, iy := int(fx), int(fy)
	tx, ty := smooth(fx-float64(ix)), smooth(fy-float64(iy))
	i := iy*n.stride + ix
	a, b, c, d := n.v[i], n.v[i+1], n.v[i+n.stride], n.v[i+n.stride+1]
	return a + (b-a)*tx + (c-a)*ty + (a-b-c+d)*tx*ty
}

// smooth is the smoothstep of t.
func smooth(t float64) float64 { return t * t * (3 - 2*t) }

// clamp is v as an 8-bit sample.
func clamp(v float64) uint8 {
	return uint8(min(max(v, 0), 255))
}
