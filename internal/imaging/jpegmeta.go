package imaging

import (
	"bytes"
	"encoding/binary"
	"errors"
)

// A JPEG file is SOI (FF D8), then marker segments: FF, a marker byte, a
// two-byte big-endian length that counts itself, the payload. SOS (FF DA)
// is followed by entropy-coded data, in which FF is always followed by 00
// (a stuffed byte) or a restart marker D0–D7; the first other marker ends
// it. EOI (FF D9) ends the image.

// JPEG markers that this file looks at.
const (
	markerSOI   = 0xD8
	markerEOI   = 0xD9
	markerSOS   = 0xDA
	markerAPP1  = 0xE1
	markerAPP2  = 0xE2
	markerAPP13 = 0xED
	markerCOM   = 0xFE
)

// jpegSegment is one segment of a JPEG file.
type jpegSegment struct {
	marker     byte
	start, end int    // data[start:end] is all of it: FF, marker, length, payload and, for SOS, the entropy-coded data
	payload    []byte // what follows the length (nil for EOI)
}

// walkJPEG calls fn for each segment of data after SOI. It stops after the
// first SOS segment's header when scans is false, and after EOI (or at the
// end of a file that has none) when it is true. It returns the offset
// where it stopped, or ErrCorrupt when a segment is malformed.
func walkJPEG(data []byte, scans bool, fn func(jpegSegment) error) (int, error) {
	if len(data) < 2 || data[0] != 0xFF || data[1] != markerSOI {
		return 0, corrupt(JPEG, "no start-of-image marker")
	}
	pos := 2
	for {
		if pos >= len(data) {
			return pos, corrupt(JPEG, "the file ends before the image data")
		}
		if data[pos] != 0xFF {
			return pos, corrupt(JPEG, "expected a marker at byte %d, found 0x%02X", pos, data[pos])
		}
		for pos < len(data) && data[pos] == 0xFF { // fill bytes
			pos++
		}
		if pos >= len(data) {
			return pos, corrupt(JPEG, "the file ends in the middle of a marker")
		}
		seg := jpegSegment{marker: data[pos], start: pos - 1}
		pos++
		if seg.marker == markerEOI {
			seg.end = pos
			return pos, fn(seg)
		}
		if seg.marker == markerSOI || seg.marker == 0x00 || (seg.marker >= 0xD0 && seg.marker <= 0xD7) {
			return pos, corrupt(JPEG, "unexpected marker 0x%02X at byte %d", seg.marker, seg.start)
		}
		if pos+2 > len(data) {
			return pos, corrupt(JPEG, "the file ends in the middle of a segment header")
		}
		n := int(binary.BigEndian.Uint16(data[pos:]))
		if n < 2 || pos+n > len(data) {
			return pos, corrupt(JPEG, "segment 0x%02X at byte %d is %d bytes long, past the end of the file", seg.marker, seg.start, n)
		}
		seg.payload = data[pos+2 : pos+n]
		pos += n
		if seg.marker == markerSOS {
			if !scans {
				seg.end = pos
				return pos, fn(seg)
			}
			pos = scanEnd(data, pos)
		}
		seg.end = pos
		if err := fn(seg); err != nil {
			return pos, err
		}
		if seg.marker == markerSOS && pos >= len(data) { // a scan that runs to the end: no EOI
			return pos, nil
		}
	}
}

// scanEnd is the offset of the first marker after entropy-coded data that
// starts at pos, or len(data) if there is none.
func scanEnd(data []byte, pos int) int {
	for {
		i := bytes.IndexByte(data[pos:], 0xFF)
		if i < 0 || pos+i+1 >= len(data) {
			return len(data)
		}
		pos += i
		switch m := data[pos+1]; {
		case m == 0x00 || (m >= 0xD0 && m <= 0xD7):
			pos += 2
		case m == 0xFF:
			pos++
		default:
			return pos
		}
	}
}

// jpegOrientation is the orientation recorded in the first EXIF APP1
// segment of a JPEG file, 1 if none. Malformed segments end the search.
func jpegOrientation(data []byte) int {
	o := 1
	walkJPEG(data, false, func(s jpegSegment) error {
		if s.marker == markerAPP1 && bytes.HasPrefix(s.payload, exifPrefix) {
			o = tiffOrientation(s.payload)
			return errStop
		}
		return nil
	})
	return o
}

// errStop ends a walk early; it is never returned to a caller.
var errStop = errors.New("stop")

// dropJPEG reports whether Strip drops segment s: APP1 (EXIF, XMP), APP13
// (IPTC, Photoshop), COM, and APP2 segments that hold a Multi-Picture
// Format index, whose pictures Strip removes with the rest of the file
// after EOI. EXIF that holds only an orientation is kept.
func dropJPEG(s jpegSegment) bool {
	switch s.marker {
	case markerAPP1:
		return !(bytes.HasPrefix(s.payload, exifPrefix) && isOrientationTIFF(s.payload))
	case markerAPP13, markerCOM:
		return true
	case markerAPP2:
		return bytes.HasPrefix(s.payload, []byte("MPF\x00"))
	}
	return false
}

// stripJPEG is Strip for a JPEG file.
func stripJPEG(data []byte) ([]byte, error) {
	out := make([]byte, 0, len(data))
	out = append(out, 0xFF, markerSOI)
	dropped, sawEXIF := false, false
	end, err := walkJPEG(data, true, func(s jpegSegment) error {
		if !dropJPEG(s) {
			out = append(out, data[s.start:s.end]...)
			return nil
		}
		dropped = true
		if s.marker == markerAPP1 && bytes.HasPrefix(s.payload, exifPrefix) && !sawEXIF {
			sawEXIF = true
			if o := tiffOrientation(s.payload); o != 1 {
				out = appendOrientationAPP1(out, o)
			}
		}
		return nil
	})
	return stripResult(data, out, end, dropped, err)
}

// appendOrientationAPP1 appends to b an EXIF APP1 segment that records
// only orientation o.
func appendOrientationAPP1(b []byte, o int) []byte {
	tiff := orientationTIFF(o)
	b = append(b, 0xFF, markerAPP1)
	b = binary.BigEndian.AppendUint16(b, uint16(2+len(exifPrefix)+len(tiff)))
	b = append(b, exifPrefix...)
	return append(b, tiff...)
}
