package imaging

import (
	"image"
)

// Lossy WebP stores limited-range ("studio swing") YUV 4:2:0, which
// libwebp converts to from RGBA inside WebAssembly, in a buffer it
// allocates there: slow, and every allocation grows the module's memory by
// copying it. gen2brain/webp hands an *image.NYCbCrA with 4:2:0
// subsampling to libwebp as YUV planes instead, when Y, Cb, Cr and A lie
// one after another in one buffer. webpYUV makes those planes in Go, with
// libwebp's own arithmetic (VP8RGBToY, VP8RGBToU, VP8RGBToV in
// src/dsp/yuv.h): a fifth faster per encode, files of the same size and
// PSNR. The planes hold limited-range YUV, not the JFIF YCbCr the type
// stands for: they are for the encoder only.

// YUV conversion constants of libwebp: 16-bit fixed point.
const (
	yuvFix  = 16
	yuvHalf = 1 << (yuvFix - 1)
)

// webpYUV converts m (premultiplied) to the planes gen2brain/webp passes
// to libwebp as they are.
func webpYUV(m *image.RGBA) *image.NYCbCrA {
	w, h := m.Rect.Dx(), m.Rect.Dy()
	cw, ch := (w+1)/2, (h+1)/2
	buf := make([]byte, 2*w*h+2*cw*ch)
	out := &image.NYCbCrA{
		YCbCr: image.YCbCr{
			Y:              buf[: w*h : w*h],
			Cb:             buf[w*h : w*h+cw*ch : w*h+cw*ch],
			Cr:             buf[w*h+cw*ch : w*h+2*cw*ch : w*h+2*cw*ch],
			YStride:        w,
			CStride:        cw,
			SubsampleRatio: image.YCbCrSubsampleRatio420,
			Rect:           image.Rect(0, 0, w, h),
		},
		A:       buf[w*h+2*cw*ch:],
		AStride: w,
	}
	parallelRows(ch, func(c0, c1 int) {
		for cy := c0; cy < c1; cy++ {
			for cx := range cw {
				yuvBlock(m, out, cx, cy)
			}
		}
	})
	return out
}

// yuvBlock converts the (up to) 2×2 pixels of m under chroma sample
// (cx, cy) into out.
func yuvBlock(m *image.RGBA, out *image.NYCbCrA, cx, cy int) {
	w, h := m.Rect.Dx(), m.Rect.Dy()
	var r, g, b, a int // sums of premultiplied samples and of alpha
	for dy := range 2 {
		y := min(2*cy+dy, h-1)
		for dx := range 2 {
			x := min(2*cx+dx, w-1)
			p := m.Pix[y*m.Stride+4*x : y*m.Stride+4*x+4 : y*m.Stride+4*x+4]
			pr, pg, pb, pa := int(p[0]), int(p[1]), int(p[2]), int(p[3])
			r, g, b, a = r+pr, g+pg, b+pb, a+pa
			if 2*cy+dy < h && 2*cx+dx < w {
				if pa != 0xFF && pa != 0 { // straight colour, as the encoder sees it
					pr, pg, pb = pr*0xFF/pa, pg*0xFF/pa, pb*0xFF/pa
				}
				i := y*w + x
				out.Y[i] = uint8((16839*pr + 33059*pg + 6420*pb + yuvHalf + 16<<yuvFix) >> yuvFix)
				out.A[i] = uint8(pa)
			}
		}
	}
	// The chroma of the block is that of its alpha-weighted mean colour,
	// four times over (libwebp's U and V take sums of four samples).
	if a != 0 && a != 4*0xFF {
		r, g, b = r*4*0xFF/a, g*4*0xFF/a, b*4*0xFF/a
	}
	i := cy*out.CStride + cx
	out.Cb[i] = clipUV(-9719*r - 19081*g + 28800*b)
	out.Cr[i] = clipUV(28800*r - 24116*g - 4684*b)
}

// clipUV is libwebp's VP8ClipUV for a sum of four samples.
func clipUV(uv int) uint8 {
	uv = (uv + yuvHalf<<2 + 128<<(yuvFix+2)) >> (yuvFix + 2)
	return uint8(min(max(uv, 0), 0xFF))
}

// webpRGBA converts what x/image/webp decodes from a lossy WebP, limited-
// range YUV that it labels as JFIF YCbCr (golang/go#40173: white would
// come out as 235, black as 16), to RGBA with libwebp's own arithmetic
// (VP8YUVToR, VP8YUVToG, VP8YUVToB). Other images are returned as they
// are: lossless WebP decodes to NRGBA.
func webpRGBA(m image.Image) image.Image {
	var ycc *image.YCbCr
	var alpha []byte
	var aStride int
	switch m := m.(type) {
	case *image.YCbCr:
		ycc = m
	case *image.NYCbCrA:
		ycc, alpha, aStride = &m.YCbCr, m.A[m.AOffset(m.Rect.Min.X, m.Rect.Min.Y):], m.AStride
	default:
		return m
	}
	b := ycc.Rect
	dst := image.NewRGBA(image.Rect(0, 0, b.Dx(), b.Dy()))
	parallelRows(b.Dy(), func(y0, y1 int) {
		for y := y0; y < y1; y++ {
			row := dst.Pix[y*dst.Stride : y*dst.Stride+4*b.Dx()]
			for x := range b.Dx() {
				sx, sy := b.Min.X+x, b.Min.Y+y
				yy := int(ycc.Y[ycc.YOffset(sx, sy)])
				ci := ycc.COffset(sx, sy)
				u, v := int(ycc.Cb[ci]), int(ycc.Cr[ci])
				p := row[4*x : 4*x+4 : 4*x+4]
				p[0] = clip8(mulHi(yy, 19077) + mulHi(v, 26149) - 14234)
				p[1] = clip8(mulHi(yy, 19077) - mulHi(u, 6419) - mulHi(v, 13320) + 8708)
				p[2] = clip8(mulHi(yy, 19077) + mulHi(u, 33050) - 17685)
				p[3] = 0xFF
			}
			if alpha != nil {
				premultiply(dst, image.Rect(0, y, b.Dx(), y+1), alpha[y*aStride:], aStride)
			}
		}
	})
	return dst
}

// mulHi is libwebp's MultHi: v×coeff in 8-bit fixed point.
func mulHi(v, coeff int) int { return (v * coeff) >> 8 }

// clip8 is libwebp's VP8Clip8: a 6-bit fixed-point value clamped to a
// sample.
func clip8(v int) uint8 {
	const mask = 256<<6 - 1
	if v&^mask == 0 {
		return uint8(v >> 6)
	}
	if v < 0 {
		return 0
	}
	return 0xFF
}
