package imaging

import (
	"encoding/binary"
	"hash/crc32"
)

// A PNG file is an eight-byte signature, then chunks: a four-byte
// big-endian length of the data, a four-letter type, the data, and a
// CRC-32 of type and data. IEND ends the file.

// pngChunk is one chunk of a PNG file.
type pngChunk struct {
	typ        string
	start, end int    // data[start:end] is all of it: length, type, data, CRC
	data       []byte // the chunk's data
}

// walkPNG calls fn for each chunk of data, up to and including IEND. It
// returns the offset after IEND, or ErrCorrupt when a chunk runs past the
// end of the file or the file ends before IEND.
func walkPNG(data []byte, fn func(pngChunk) error) (int, error) {
	pos := len(pngSignature)
	for {
		if pos+12 > len(data) {
			return pos, corrupt(PNG, "the file ends before its IEND chunk")
		}
		n := uint64(binary.BigEndian.Uint32(data[pos:]))
		if n > uint64(len(data)-pos-12) {
			return pos, corrupt(PNG, "chunk %q at byte %d is %d bytes long, past the end of the file", data[pos+4:pos+8], pos, n)
		}
		c := pngChunk{typ: string(data[pos+4 : pos+8]), start: pos, data: data[pos+8 : pos+8+int(n)]}
		pos += 12 + int(n)
		c.end = pos
		if err := fn(c); err != nil {
			return pos, err
		}
		if c.typ == "IEND" {
			return pos, nil
		}
	}
}

// pngOrientation is the orientation recorded in a PNG file's eXIf chunk,
// 1 if none. Walking the chunks reads only their headers.
func pngOrientation(data []byte) int {
	o := 1
	walkPNG(data, func(c pngChunk) error {
		if c.typ == "eXIf" {
			o = tiffOrientation(c.data)
			return errStop
		}
		return nil
	})
	return o
}

// stripPNG is Strip for a PNG file: it drops the tEXt, zTXt, iTXt, eXIf
// and tIME chunks, and whatever follows IEND. An eXIf chunk that records
// an orientation other than 1 is replaced by one that records only that.
func stripPNG(data []byte) ([]byte, error) {
	out := make([]byte, 0, len(data))
	out = append(out, pngSignature...)
	dropped := false
	end, err := walkPNG(data, func(c pngChunk) error {
		switch c.typ {
		case "tEXt", "zTXt", "iTXt", "tIME":
		case "eXIf":
			if isOrientationTIFF(c.data) {
				out = append(out, data[c.start:c.end]...)
				return nil
			}
			if o := tiffOrientation(c.data); o != 1 {
				out = appendPNGChunk(out, "eXIf", orientationTIFF(o))
			}
		default:
			out = append(out, data[c.start:c.end]...)
			return nil
		}
		dropped = true
		return nil
	})
	return stripResult(data, out, end, dropped, err)
}

// appendPNGChunk appends to b a chunk of type typ holding data.
func appendPNGChunk(b []byte, typ string, data []byte) []byte {
	b = binary.BigEndian.AppendUint32(b, uint32(len(data)))
	start := len(b)
	b = append(b, typ...)
	b = append(b, data...)
	return binary.BigEndian.AppendUint32(b, crc32.ChecksumIEEE(b[start:]))
}
