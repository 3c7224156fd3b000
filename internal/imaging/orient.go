package imaging

import (
	"encoding/binary"
	"image"
)

// orient applies EXIF orientation o to m (bounds at (0, 0)): it returns
// the picture as it is meant to be seen, m itself for orientation 1.
//
// Orientation o says how the stored rows relate to the picture: 2 mirrors
// it left to right, 3 turns it half round, 4 mirrors it top to bottom, 5
// mirrors it across the top-left to bottom-right diagonal, 6 turns it a
// quarter clockwise, 7 mirrors it across the other diagonal and 8 turns
// it a quarter anticlockwise (the stored top-left pixel is displayed at
// the top-left, top-right, bottom-right, bottom-left, top-left,
// top-right, bottom-right and bottom-left corner for 1 to 8).
func orient(m *image.RGBA, o int) *image.RGBA {
	if o < 2 || o > 8 {
		return m
	}
	w, h, s := m.Rect.Dx(), m.Rect.Dy(), m.Stride
	dw, dh := w, h
	if o >= 5 {
		dw, dh = h, w
	}
	// The offset in m.Pix of the pixel shown at (x, y) is
	// base + x*dx + y*dy.
	right, bottom := 4*(w-1), (h-1)*s
	var base, dx, dy int
	switch o {
	case 2:
		base, dx, dy = right, -4, s
	case 3:
		base, dx, dy = bottom+right, -4, -s
	case 4:
		base, dx, dy = bottom, 4, -s
	case 5:
		base, dx, dy = 0, s, 4
	case 6:
		base, dx, dy = bottom, -s, 4
	case 7:
		base, dx, dy = bottom+right, -s, -4
	case 8:
		base, dx, dy = right, s, -4
	}
	dst := image.NewRGBA(image.Rect(0, 0, dw, dh))
	parallelRows(dh, func(y0, y1 int) {
		for y := y0; y < y1; y++ {
			row := dst.Pix[y*dst.Stride : y*dst.Stride+4*dw]
			off := base + y*dy
			for x := 0; x < len(row); x += 4 {
				binary.LittleEndian.PutUint32(row[x:], binary.LittleEndian.Uint32(m.Pix[off:]))
				off += dx
			}
		}
	})
	return dst
}
