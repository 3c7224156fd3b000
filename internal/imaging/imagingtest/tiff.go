package imagingtest

import (
	"encoding/binary"
)

// EXIF is hand-built here, so that tests do not depend on the code they
// test: a TIFF header, IFD0 (Make, Model, Orientation, a pointer to the
// GPS IFD) and the GPS IFD (version, latitude, longitude).

// The coordinates written in the GPS IFD: 52°31'12.34" N, 13°24'36.5" E.
const (
	Latitude  = 52.0 + 31.0/60 + 12.34/3600
	Longitude = 13.0 + 24.0/60 + 36.5/3600
)

// TIFF field types.
const (
	typeByte     = 1
	typeASCII    = 2
	typeShort    = 3
	typeLong     = 4
	typeRational = 5
)

// byteOrder reads and appends in a TIFF's byte order.
type byteOrder interface {
	binary.ByteOrder
	binary.AppendByteOrder
}

// entry is one IFD entry; value is already in the TIFF's byte order.
type entry struct {
	tag, typ uint16
	count    uint32
	value    []byte
}

// EXIF is the TIFF structure of an EXIF block as opts says (without the
// "Exif\0\0" prefix of a JPEG APP1 segment), or nil when opts asks for
// neither an orientation nor GPS.
func EXIF(opts Options) []byte {
	if opts.Orientation == 0 && !opts.GPS {
		return nil
	}
	var order byteOrder = binary.LittleEndian
	header := []byte("II*\x00")
	if opts.BigEndian {
		order, header = binary.BigEndian, []byte("MM\x00*")
	}
	var ifd0, gps []entry
	if opts.GPS {
		ifd0 = append(ifd0, ascii(0x010F, "Example Camera Co."), ascii(0x0110, "Model 7"))
	}
	if opts.Orientation != 0 {
		ifd0 = append(ifd0, entry{0x0112, typeShort, 1, order.AppendUint16(nil, uint16(opts.Orientation))})
	}
	if opts.GPS {
		gps = []entry{
			{0x0000, typeByte, 4, []byte{2, 3, 0, 0}},
			ascii(0x0001, "N"),
			{0x0002, typeRational, 3, rationals(order, 52, 1, 31, 1, 1234, 100)},
			ascii(0x0003, "E"),
			{0x0004, typeRational, 3, rationals(order, 13, 1, 24, 1, 365, 10)},
		}
		// The pointer's value is set below, once IFD0's size is known.
		ifd0 = append(ifd0, entry{0x8825, typeLong, 1, nil})
	}
	b := append(header, order.AppendUint32(nil, 8)...)
	if opts.GPS {
		ifd0[len(ifd0)-1].value = order.AppendUint32(nil, uint32(8+ifdSize(ifd0)))
	}
	b = appendIFD(b, order, ifd0)
	if gps != nil {
		b = appendIFD(b, order, gps)
	}
	return b
}

// ascii is an ASCII entry holding s.
func ascii(tag uint16, s string) entry {
	return entry{tag, typeASCII, uint32(len(s) + 1), append([]byte(s), 0)}
}

// rationals is pairs of numerators and denominators as RATIONAL values.
func rationals(order byteOrder, v ...uint32) []byte {
	var b []byte
	for _, x := range v {
		b = order.AppendUint32(b, x)
	}
	return b
}

// ifdSize is the size of an IFD with its entries' values.
func ifdSize(entries []entry) int {
	n := 2 + 12*len(entries) + 4
	for _, e := range entries {
		if len(e.value) > 4 {
			n += len(e.value) + len(e.value)%2
		}
	}
	return n
}

// appendIFD appends to b (which starts at the TIFF header) an IFD with
// entries, then the values longer than four bytes, and no next IFD.
func appendIFD(b []byte, order byteOrder, entries []entry) []byte {
	data := len(b) + 2 + 12*len(entries) + 4
	var extra []byte
	b = order.AppendUint16(b, uint16(len(entries)))
	for _, e := range entries {
		b = order.AppendUint16(b, e.tag)
		b = order.AppendUint16(b, e.typ)
		b = order.AppendUint32(b, e.count)
		if len(e.value) <= 4 {
			v := make([]byte, 4)
			copy(v, e.value)
			b = append(b, v...)
			continue
		}
		b = order.AppendUint32(b, uint32(data+len(extra)))
		extra = append(extra, e.value...)
		if len(e.value)%2 == 1 {
			extra = append(extra, 0)
		}
	}
	b = order.AppendUint32(b, 0)
	return append(b, extra...)
}
