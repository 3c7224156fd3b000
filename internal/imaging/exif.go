package imaging

import (
	"bytes"
	"encoding/binary"
)

// EXIF is a TIFF structure: a header naming the byte order and the offset
// of the first IFD (image file directory), then IFDs of 12-byte entries
// (tag, type, count, value or offset of the value). The orientation is
// tag 0x0112 of the first IFD, a SHORT from 1 to 8. Everything here reads
// untrusted bytes: every offset is checked against the length first.

// exifPrefix starts the EXIF APP1 segment of a JPEG, and sometimes the
// EXIF chunk of a WebP or the eXIf chunk of a PNG written by a careless
// program.
var exifPrefix = []byte("Exif\x00\x00")

const (
	tagOrientation = 0x0112
	typeShort      = 3
	typeLong       = 4
)

// tiffOrientation is the orientation (1–8) the TIFF structure b records in
// its first IFD; 1 when it records none, or one out of range, or b cannot
// be read. An "Exif\0\0" prefix before the TIFF header is skipped.
func tiffOrientation(b []byte) int {
	b = bytes.TrimPrefix(b, exifPrefix)
	if len(b) < 8 {
		return 1
	}
	var order binary.ByteOrder
	switch string(b[:4]) {
	case "II*\x00":
		order = binary.LittleEndian
	case "MM\x00*":
		order = binary.BigEndian
	default:
		return 1
	}
	ifd := uint64(order.Uint32(b[4:8]))
	if ifd < 8 || ifd+2 > uint64(len(b)) {
		return 1
	}
	n := uint64(order.Uint16(b[ifd:]))
	for i := uint64(0); i < n; i++ {
		e := ifd + 2 + 12*i
		if e+12 > uint64(len(b)) {
			return 1
		}
		entry := b[e : e+12]
		if order.Uint16(entry) != tagOrientation {
			continue
		}
		if order.Uint32(entry[4:8]) != 1 {
			return 1
		}
		var v uint32
		switch order.Uint16(entry[2:4]) {
		case typeShort:
			v = uint32(order.Uint16(entry[8:10]))
		case typeLong:
			v = order.Uint32(entry[8:12])
		default:
			return 1
		}
		if v < 1 || v > 8 {
			return 1
		}
		return int(v)
	}
	return 1
}

// orientationTIFF is the smallest TIFF structure that records orientation
// o: a big-endian header and one IFD with one entry, Orientation.
func orientationTIFF(o int) []byte {
	b := make([]byte, 0, 26)
	b = append(b, "MM\x00*"...)
	b = binary.BigEndian.AppendUint32(b, 8) // the IFD follows the header
	b = binary.BigEndian.AppendUint16(b, 1) // one entry
	b = binary.BigEndian.AppendUint16(b, tagOrientation)
	b = binary.BigEndian.AppendUint16(b, typeShort)
	b = binary.BigEndian.AppendUint32(b, 1)         // one value
	b = binary.BigEndian.AppendUint16(b, uint16(o)) // left-justified in the 4-byte field
	b = binary.BigEndian.AppendUint16(b, 0)
	b = binary.BigEndian.AppendUint32(b, 0) // no next IFD
	return b
}

// isOrientationTIFF reports whether b (after any "Exif\0\0" prefix) is
// exactly what orientationTIFF writes for its own orientation: EXIF that
// Strip has nothing to remove from.
func isOrientationTIFF(b []byte) bool {
	b = bytes.TrimPrefix(b, exifPrefix)
	o := tiffOrientation(b)
	return o != 1 && bytes.Equal(b, orientationTIFF(o))
}
