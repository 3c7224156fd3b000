package imaging

import (
	"image"
	"image/draw"
	"runtime"
	"sync"
)

// The pixels Process works on are *image.RGBA (premultiplied alpha) with
// bounds starting at (0, 0): the one type the resizer, the JPEG encoder
// and the orientation code all read fast. Work on large images is split
// into bands of rows, one per processor.

// parallelRows calls fn for bands of rows that together cover [0, h),
// concurrently, one band per processor (fewer for small images).
func parallelRows(h int, fn func(y0, y1 int)) {
	n := min(runtime.GOMAXPROCS(0), h/32)
	if n <= 1 {
		fn(0, h)
		return
	}
	var wg sync.WaitGroup
	for i := range n {
		y0, y1 := h*i/n, h*(i+1)/n
		wg.Go(func() { fn(y0, y1) })
	}
	wg.Wait()
}

// toRGBA converts m to a new *image.RGBA with bounds at (0, 0).
func toRGBA(m image.Image) *image.RGBA {
	b := m.Bounds()
	dst := image.NewRGBA(image.Rect(0, 0, b.Dx(), b.Dy()))
	src := m
	if n, ok := m.(*image.NYCbCrA); ok {
		src = &n.YCbCr // the standard library has a fast path for this, not for NYCbCrA
	}
	parallelRows(b.Dy(), func(y0, y1 int) {
		r := image.Rect(0, y0, b.Dx(), y1)
		draw.Draw(dst, r, src, b.Min.Add(r.Min), draw.Src)
		if n, ok := m.(*image.NYCbCrA); ok {
			premultiply(dst, r, n.A[n.AOffset(b.Min.X, b.Min.Y+y0):], n.AStride)
		}
	})
	return dst
}

// premultiply sets the alpha of dst's pixels in r (whose top row starts
// at alpha[0], rows stride bytes apart) and scales their colour by it.
func premultiply(dst *image.RGBA, r image.Rectangle, alpha []byte, stride int) {
	for y := r.Min.Y; y < r.Max.Y; y++ {
		row := dst.Pix[dst.PixOffset(0, y):]
		as := alpha[(y-r.Min.Y)*stride:]
		for x := range r.Dx() {
			a := uint32(as[x])
			if a == 0xFF {
				continue
			}
			p := row[4*x : 4*x+4 : 4*x+4]
			p[0] = uint8((uint32(p[0])*a + 127) / 255)
			p[1] = uint8((uint32(p[1])*a + 127) / 255)
			p[2] = uint8((uint32(p[2])*a + 127) / 255)
			p[3] = uint8(a)
		}
	}
}

// halve makes m half as wide and half as high (rounded down), averaging
// each 2×2 square of pixels: the fast first step of a large reduction.
// m must be at least 2×2.
func halve(m image.Image) *image.RGBA {
	if y, ok := m.(*image.YCbCr); ok {
		return halveYCbCr(y)
	}
	src, ok := m.(*image.RGBA)
	if !ok || src.Rect.Min != (image.Point{}) {
		src = toRGBA(m)
	}
	w, h := src.Rect.Dx()/2, src.Rect.Dy()/2
	dst := image.NewRGBA(image.Rect(0, 0, w, h))
	parallelRows(h, func(y0, y1 int) {
		for y := y0; y < y1; y++ {
			r0 := src.Pix[2*y*src.Stride:]
			r1 := src.Pix[(2*y+1)*src.Stride:]
			d := dst.Pix[y*dst.Stride : y*dst.Stride+4*w]
			for i := 0; i < len(d); i += 4 {
				s := 2 * i
				a, b := r0[s:s+8:s+8], r1[s:s+8:s+8]
				d[i] = uint8((uint32(a[0]) + uint32(a[4]) + uint32(b[0]) + uint32(b[4]) + 2) >> 2)
				d[i+1] = uint8((uint32(a[1]) + uint32(a[5]) + uint32(b[1]) + uint32(b[5]) + 2) >> 2)
				d[i+2] = uint8((uint32(a[2]) + uint32(a[6]) + uint32(b[2]) + uint32(b[6]) + 2) >> 2)
				d[i+3] = uint8((uint32(a[3]) + uint32(a[7]) + uint32(b[3]) + uint32(b[7]) + 2) >> 2)
			}
		}
	})
	return dst
}

// halveYCbCr is halve for a JPEG's pixels, converting to RGB as it goes:
// it averages luma and chroma, then converts once per output pixel, four
// times less work than converting first.
func halveYCbCr(src *image.YCbCr) *image.RGBA {
	b := src.Rect
	w, h := b.Dx()/2, b.Dy()/2
	dst := image.NewRGBA(image.Rect(0, 0, w, h))
	// COffset(x, y) is the sum of a part that depends on y and one that
	// depends on x, whatever the subsampling: tabulate the x part.
	c0 := src.COffset(b.Min.X, b.Min.Y)
	cx := make([]int, 2*w)
	for x := range cx {
		cx[x] = src.COffset(b.Min.X+x, b.Min.Y) - c0
	}
	fast := src.SubsampleRatio == image.YCbCrSubsampleRatio420 && b.Min.X%2 == 0 && b.Min.Y%2 == 0
	parallelRows(h, func(y0, y1 int) {
		for y := y0; y < y1; y++ {
			sy := b.Min.Y + 2*y
			ya, yb := src.YOffset(b.Min.X, sy), src.YOffset(b.Min.X, sy+1)
			ca, cb := src.COffset(b.Min.X, sy), src.COffset(b.Min.X, sy+1)
			d := dst.Pix[y*dst.Stride : y*dst.Stride+4*w]
			if fast { // each 2×2 square has one chroma sample of its own
				halveRow420(d, src.Y[ya:ya+2*w], src.Y[yb:yb+2*w], src.Cb[ca:ca+w], src.Cr[ca:ca+w])
				continue
			}
			for x := range w {
				i, j := 2*x, 2*x+1
				ys := int32(src.Y[ya+i]) + int32(src.Y[ya+j]) + int32(src.Y[yb+i]) + int32(src.Y[yb+j])
				cbs := int32(src.Cb[ca+cx[i]]) + int32(src.Cb[ca+cx[j]]) + int32(src.Cb[cb+cx[i]]) + int32(src.Cb[cb+cx[j]])
				crs := int32(src.Cr[ca+cx[i]]) + int32(src.Cr[ca+cx[j]]) + int32(src.Cr[cb+cx[i]]) + int32(src.Cr[cb+cx[j]])
				p := d[4*x : 4*x+4 : 4*x+4]
				p[0], p[1], p[2] = ycbcrToRGB(ys, cbs, crs)
				p[3] = 0xFF
			}
		}
	})
	return dst
}

// halveRow420 makes row d of a halved 4:2:0 picture from two rows of luma
// and one of chroma.
func halveRow420(d, y0, y1, cb, cr []byte) {
	for x := range len(cb) {
		i := 2 * x
		ys := int32(y0[i]) + int32(y0[i+1]) + int32(y1[i]) + int32(y1[i+1])
		p := d[4*x : 4*x+4 : 4*x+4]
		p[0], p[1], p[2] = ycbcrToRGB(ys, 4*int32(cb[x]), 4*int32(cr[x]))
		p[3] = 0xFF
	}
}

// ycbcrToRGB converts a JFIF YCbCr colour, each component the sum of four
// samples, to RGB, as image/color.YCbCrToRGB does for one sample.
func ycbcrToRGB(y4, cb4, cr4 int32) (uint8, uint8, uint8) {
	yy := y4 * 0x10101 >> 2
	cb := (cb4 - 4*128)
	cr := (cr4 - 4*128)
	r := yy + 91881*cr>>2
	g := yy - (22554*cb+46802*cr)>>2
	b := yy + 116130*cb>>2
	return clamp16(r), clamp16(g), clamp16(b)
}

// clamp16 is v>>16 clamped to [0, 255].
func clamp16(v int32) uint8 {
	if uint32(v)&0xff000000 == 0 {
		return uint8(v >> 16)
	}
	return uint8(^(v >> 31))
}

// opaque reports whether every pixel of m has full alpha.
func opaque(m *image.RGBA) bool {
	for y := range m.Rect.Dy() {
		row := m.Pix[y*m.Stride : y*m.Stride+4*m.Rect.Dx()]
		for i := 3; i < len(row); i += 4 {
			if row[i] != 0xFF {
				return false
			}
		}
	}
	return true
}

// onWhite is m laid on a white background: opaque.
func onWhite(m *image.RGBA) *image.RGBA {
	dst := image.NewRGBA(m.Rect)
	for i := 0; i < len(m.Pix); i += 4 {
		s, d := m.Pix[i:i+4:i+4], dst.Pix[i:i+4:i+4]
		t := 0xFF - uint32(s[3]) // premultiplied: colour + (1 - alpha) × white
		d[0] = uint8(min(uint32(s[0])+t, 0xFF))
		d[1] = uint8(min(uint32(s[1])+t, 0xFF))
		d[2] = uint8(min(uint32(s[2])+t, 0xFF))
		d[3] = 0xFF
	}
	return dst
}

// unpremultiply is m with straight (not premultiplied) alpha, as PNG and
// WebP store it.
func unpremultiply(m *image.RGBA) *image.NRGBA {
	dst := image.NewNRGBA(m.Rect)
	for i := 0; i < len(m.Pix); i += 4 {
		s, d := m.Pix[i:i+4:i+4], dst.Pix[i:i+4:i+4]
		switch a := uint32(s[3]); a {
		case 0:
			d[0], d[1], d[2], d[3] = 0, 0, 0, 0
		case 0xFF:
			copy(d, s)
		default:
			d[0] = uint8(min((uint32(s[0])*0xFF+a/2)/a, 0xFF))
			d[1] = uint8(min((uint32(s[1])*0xFF+a/2)/a, 0xFF))
			d[2] = uint8(min((uint32(s[2])*0xFF+a/2)/a, 0xFF))
			d[3] = uint8(a)
		}
	}
	return dst
}
