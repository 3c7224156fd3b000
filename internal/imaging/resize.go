package imaging

import (
	"encoding/binary"
	"image"
	"math"

	xdraw "golang.org/x/image/draw"
)

// The resizer uses x/image/draw's Catmull-Rom kernel, weighted exactly as
// its Kernel.Scale weighs it (the kernel widened by the reduction factor
// when shrinking, weights normalised over the source pixels in range),
// but computes in fixed point, two separable passes over 8-bit RGBA, in
// bands of rows on every processor. Kernel.Scale keeps a float64 RGBA
// buffer as large as the output width times the input height (77 MB for
// 2000×1500 → 1600×1200) and is several times slower.

// weightBits is the precision of the fixed-point weights: each set of
// weights sums to exactly 1<<weightBits.
const weightBits = 14

// filter is how each output column (or row) is made from input ones.
type filter struct {
	n       int     // weights per output index, zero-padded to the same number
	start   []int   // the input index of each output index's first weight
	weights []int32 // n per output index
	// The same without the zero weights at either end: output index x
	// takes count[x] weights from weights[x*n+skip[x]:], for input
	// indexes from start[x]+skip[x].
	skip, count []int
}

// newFilter makes the filter that resamples sn input pixels to dn.
func newFilter(dn, sn int) filter {
	kernel := xdraw.CatmullRom
	scale := float64(sn) / float64(dn)
	support, argScale := kernel.Support, 1.0
	if scale > 1 {
		support *= scale
		argScale = 1 / scale
	}
	n := min(int(math.Ceil(2*support))+2, sn)
	f := filter{n: n, start: make([]int, dn), weights: make([]int32, dn*n), skip: make([]int, dn), count: make([]int, dn)}
	ws := make([]float64, n)
	for x := range dn {
		center := (float64(x)+0.5)*scale - 0.5
		lo := max(int(math.Floor(center-support)), 0)
		hi := min(int(math.Ceil(center+support)), sn)
		start := min(lo, sn-n)
		clear(ws)
		total := 0.0
		for c := lo; c < hi; c++ {
			t := math.Abs((center - float64(c)) * argScale)
			if t < kernel.Support {
				ws[c-start] = kernel.At(t)
				total += ws[c-start]
			}
		}
		if total == 0 { // no source pixel in range: take the nearest
			ws[min(max(int(math.Round(center)), lo), hi-1)-start], total = 1, 1
		}
		f.start[x] = start
		fixed := f.weights[x*n : (x+1)*n]
		sum, big := int32(0), 0
		for i, w := range ws {
			fixed[i] = int32(math.Round(w / total * (1 << weightBits)))
			sum += fixed[i]
			if fixed[i] > fixed[big] {
				big = i
			}
		}
		fixed[big] += 1<<weightBits - sum // so that a flat colour stays exactly flat
		lo, hi = 0, n
		for lo < hi && fixed[lo] == 0 {
			lo++
		}
		for hi > lo && fixed[hi-1] == 0 {
			hi--
		}
		f.skip[x], f.count[x] = lo, hi-lo
	}
	return f
}

// resize returns the part sr of src scaled to w×h with Catmull-Rom (src
// itself if that is all of it at its own size).
func resize(src *image.RGBA, sr image.Rectangle, w, h int) *image.RGBA {
	// Columns first: the vertical pass costs less per sample, so it gets
	// the larger image.
	m, r := src, sr
	if h != sr.Dy() {
		m = resizeColumns(src, sr, h)
		r = m.Rect
	}
	if w != r.Dx() || r != m.Rect {
		m = resizeRows(m, r, w)
	}
	return m
}

// resizeRows scales each row of the part sr of src to w pixels.
func resizeRows(src *image.RGBA, sr image.Rectangle, w int) *image.RGBA {
	f := newFilter(w, sr.Dx())
	dst := image.NewRGBA(image.Rect(0, 0, w, sr.Dy()))
	parallelRows(sr.Dy(), func(y0, y1 int) {
		for y := y0; y < y1; y++ {
			row := src.Pix[src.PixOffset(sr.Min.X, sr.Min.Y+y):]
			out := dst.Pix[y*dst.Stride : y*dst.Stride+4*w]
			for x := range w {
				s, k := f.start[x]+f.skip[x], f.count[x]
				in := row[4*s : 4*(s+k)]
				ws := f.weights[x*f.n+f.skip[x] : x*f.n+f.skip[x]+k]
				var r, g, b, a int32
				for len(in) >= 4 && len(ws) > 0 {
					v, wt := binary.LittleEndian.Uint32(in), ws[0]
					r += wt * int32(v&0xFF)
					g += wt * int32(v>>8&0xFF)
					b += wt * int32(v>>16&0xFF)
					a += wt * int32(v>>24)
					in, ws = in[4:], ws[1:]
				}
				putPixel(out[4*x:4*x+4:4*x+4], r, g, b, a)
			}
		}
	})
	return dst
}

// resizeColumns scales each column of the part sr of src to h pixels.
func resizeColumns(src *image.RGBA, sr image.Rectangle, h int) *image.RGBA {
	f := newFilter(h, sr.Dy())
	w := sr.Dx()
	dst := image.NewRGBA(image.Rect(0, 0, w, h))
	parallelRows(h, func(y0, y1 int) {
		acc := make([]int32, 4*w)
		for y := y0; y < y1; y++ {
			clear(acc)
			s := f.start[y] + f.skip[y]
			for i, wt := range f.weights[y*f.n+f.skip[y] : y*f.n+f.skip[y]+f.count[y]] {
				in := src.Pix[src.PixOffset(sr.Min.X, sr.Min.Y+s+i):]
				in = in[:len(acc)]
				for j := range acc {
					acc[j] += wt * int32(in[j])
				}
			}
			out := dst.Pix[y*dst.Stride : y*dst.Stride+4*w]
			for x := 0; x < len(out); x += 4 {
				putPixel(out[x:x+4:x+4], acc[x], acc[x+1], acc[x+2], acc[x+3])
			}
		}
	})
	return dst
}

// putPixel stores a pixel whose channels are sums of weighted samples,
// rounded and clamped to [0, 255], the colour no more than the alpha (as
// premultiplied colour must be: Catmull-Rom overshoots at sharp edges).
func putPixel(p []byte, r, g, b, a int32) {
	a8 := clampWeighted(a)
	p[0] = min(clampWeighted(r), a8)
	p[1] = min(clampWeighted(g), a8)
	p[2] = min(clampWeighted(b), a8)
	p[3] = a8
}

// clampWeighted is a weighted sum of samples rounded to an 8-bit sample.
func clampWeighted(v int32) uint8 {
	v = (v + 1<<(weightBits-1)) >> weightBits
	if uint32(v) > 0xFF {
		if v < 0 {
			return 0
		}
		return 0xFF
	}
	return uint8(v)
}
