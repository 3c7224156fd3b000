package imaging

import (
	"encoding/binary"
)

// A WebP file is a RIFF container: "RIFF", a four-byte little-endian size
// of what follows, "WEBP", then chunks: a four-letter name, a four-byte
// little-endian size, the payload and a pad byte when the size is odd.
// An extended file starts with a VP8X chunk whose first byte holds flags
// for the chunks that follow (ICC profile, alpha, EXIF, XMP, animation)
// and whose bytes 4–9 hold the canvas width and height less one.

// Flags in the first byte of a VP8X chunk.
const (
	vp8xAnimation = 1 << 1
	vp8xXMP       = 1 << 2
	vp8xEXIF      = 1 << 3
)

// riffChunk is one chunk of a WebP file.
type riffChunk struct {
	name       string
	start, end int    // data[start:end] is all of it: name, size, payload, pad
	payload    []byte // the payload, without the pad byte
}

// walkWebP calls fn for each chunk of a WebP file. It returns the offset
// where the RIFF container ends, or ErrCorrupt when the container or a
// chunk runs past the end of the file.
func walkWebP(data []byte, fn func(riffChunk) error) (int, error) {
	if len(data) < 12 {
		return 0, corrupt(WebP, "the file ends in its header")
	}
	size := uint64(binary.LittleEndian.Uint32(data[4:8]))
	if size < 4 || size > uint64(len(data)-8) {
		return 0, corrupt(WebP, "the file is %d bytes long but says it is %d bytes long", len(data), size+8)
	}
	end := 8 + int(size)
	pos := 12
	for pos < end {
		if pos+8 > end {
			return end, corrupt(WebP, "the file ends in the middle of a chunk header")
		}
		n := uint64(binary.LittleEndian.Uint32(data[pos+4:]))
		if n > uint64(end-pos-8) {
			return end, corrupt(WebP, "chunk %q at byte %d is %d bytes long, past the end of the file", data[pos:pos+4], pos, n)
		}
		c := riffChunk{name: string(data[pos : pos+4]), start: pos, payload: data[pos+8 : pos+8+int(n)]}
		pos += 8 + int(n)
		if n%2 == 1 && pos < end {
			pos++
		}
		c.end = pos
		if err := fn(c); err != nil {
			return end, err
		}
	}
	return end, nil
}

// webpMeta is what Probe reads from a WebP file's chunks: the orientation
// its EXIF chunk records (1 if none) and whether it is animated.
func webpMeta(data []byte) (orientation int, animated bool) {
	orientation = 1
	walkWebP(data, func(c riffChunk) error {
		switch c.name {
		case "VP8X":
			if len(c.payload) > 0 {
				animated = c.payload[0]&vp8xAnimation != 0
			}
		case "EXIF":
			orientation = tiffOrientation(c.payload)
			return errStop
		}
		return nil
	})
	return orientation, animated
}

// webpLossless reports whether a WebP file's image is lossless (VP8L).
func webpLossless(data []byte) bool {
	lossless := false
	walkWebP(data, func(c riffChunk) error {
		lossless = c.name == "VP8L"
		if c.name == "VP8L" || c.name == "VP8 " {
			return errStop
		}
		return nil
	})
	return lossless
}

// stripWebP is Strip for a WebP file: it drops the EXIF and XMP chunks,
// clears their flags in VP8X, drops whatever follows the RIFF container
// and writes the new RIFF size. An EXIF chunk that records an orientation
// other than 1 is replaced by one that records only that.
func stripWebP(data []byte) ([]byte, error) {
	out := make([]byte, 0, len(data))
	out = append(out, data[:12]...)
	dropped, keptEXIF := false, false
	vp8x := -1 // offset in out of the VP8X flags
	end, err := walkWebP(data, func(c riffChunk) error {
		switch c.name {
		case "XMP ":
			dropped = true
		case "EXIF":
			if isOrientationTIFF(c.payload) {
				keptEXIF = true
				out = append(out, data[c.start:c.end]...)
				return nil
			}
			dropped = true
			if o := tiffOrientation(c.payload); o != 1 {
				keptEXIF = true
				out = appendRIFFChunk(out, "EXIF", orientationTIFF(o))
			}
		case "VP8X":
			if len(c.payload) > 0 {
				vp8x = len(out) + 8
			}
			out = append(out, data[c.start:c.end]...)
		default:
			out = append(out, data[c.start:c.end]...)
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	if !dropped && end == len(data) {
		return data, nil
	}
	if vp8x >= 0 {
		out[vp8x] &^= vp8xXMP
		if !keptEXIF {
			out[vp8x] &^= vp8xEXIF
		}
	}
	if len(out)%2 == 1 { // a last chunk that lacked its pad byte
		out = append(out, 0)
	}
	binary.LittleEndian.PutUint32(out[4:8], uint32(len(out)-8))
	return out, nil
}

// appendRIFFChunk appends to b a chunk named name holding payload.
func appendRIFFChunk(b []byte, name string, payload []byte) []byte {
	b = append(b, name...)
	b = binary.LittleEndian.AppendUint32(b, uint32(len(payload)))
	b = append(b, payload...)
	if len(payload)%2 == 1 {
		b = append(b, 0)
	}
	return b
}
