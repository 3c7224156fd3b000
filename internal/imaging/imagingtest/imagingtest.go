// Package imagingtest makes images for tests of code that handles them:
// JPEG, PNG, GIF and WebP files of a known pattern or of a photo-like
// picture, with the metadata a camera or an editor leaves in them (EXIF
// with an orientation, GPS coordinates and the camera's make and model;
// XMP; comments; text chunks), built byte by byte so that the tests do
// not rely on the code they test. HasEXIF and HasGPS check a file with an
// independent EXIF parser (github.com/rwcarlsen/goexif).
//
// The pattern is four quadrants of distinct colours, TopLeft, TopRight,
// BottomLeft and BottomRight, as stored: a test can tell where each
// corner lands once an orientation is applied.
package imagingtest

import (
	"bytes"
	"encoding/binary"
	"image"
	"image/color"
	"image/jpeg"
)

// The colours of the quadrants of the pattern, as stored.
var (
	TopLeft     = color.NRGBA{R: 220, G: 20, B: 20, A: 255}  // red
	TopRight    = color.NRGBA{R: 20, G: 170, B: 40, A: 255}  // green
	BottomLeft  = color.NRGBA{R: 30, G: 40, B: 210, A: 255}  // blue
	BottomRight = color.NRGBA{R: 240, G: 220, B: 40, A: 255} // yellow
)

// Options say what a test image carries besides its pixels.
type Options struct {
	Orientation int    // EXIF orientation to record (1–8); 0 records none
	GPS         bool   // EXIF with Make, Model and a GPS IFD (Latitude, Longitude)
	BigEndian   bool   // EXIF in Motorola byte order ("MM") instead of Intel ("II")
	Comment     string // a comment (JPEG COM, PNG tEXt and zTXt, GIF comment extension)
	XMP         bool   // an XMP packet (with GPS coordinates and a creator's name)
	ICC         bool   // an ICC profile segment (JPEG APP2) or chunk (WebP ICCP); its bytes are not a real profile
	IPTC        bool   // a JPEG APP13 Photoshop/IPTC segment
	Trailer     []byte // bytes after the end of the image (JPEG EOI, PNG IEND, GIF trailer)
	Quality     int    // JPEG or WebP quality; 0 means 90
	Photo       bool   // a Photo picture instead of the quadrant pattern
}

// XMPPacket is the XMP that Options.XMP embeds.
const XMPPacket = `<?xpacket begin="" id="W5M0MpCehiHzreSzNTczkc9d"?>` +
	`<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">` +
	`<rdf:Description xmlns:exif="http://ns.adobe.com/exif/1.0/" xmlns:dc="http://purl.org/dc/elements/1.1/" ` +
	`exif:GPSLatitude="52,31.2057N" exif:GPSLongitude="13,24.6083E" dc:creator="A. Photographer"/>` +
	`</rdf:RDF></x:xmpmeta><?xpacket end="w"?>`

// Quadrants is the w×h pattern of four coloured quadrants.
func Quadrants(w, h int) *image.NRGBA {
	m := image.NewNRGBA(image.Rect(0, 0, w, h))
	for y := range h {
		for x := range w {
			c := TopLeft
			switch {
			case x >= w/2 && y < h/2:
				c = TopRight
			case x < w/2 && y >= h/2:
				c = BottomLeft
			case x >= w/2 && y >= h/2:
				c = BottomRight
			}
			m.SetNRGBA(x, y, c)
		}
	}
	return m
}

// picture is the w×h picture opts asks for.
func picture(w, h int, opts Options) image.Image {
	if opts.Photo {
		return Photo(w, h, 1)
	}
	return Quadrants(w, h)
}

// JPEG is a w×h JPEG (as stored: an orientation of 5–8 displays it h×w)
// of the pattern, or of a Photo, with the metadata opts asks for.
func JPEG(w, h int, opts Options) []byte {
	return EncodeJPEG(picture(w, h, opts), opts)
}

// EncodeJPEG encodes m as a JPEG with the metadata opts asks for, in the
// order cameras and editors write it: EXIF, XMP, ICC, IPTC, comment.
func EncodeJPEG(m image.Image, opts Options) []byte {
	q := opts.Quality
	if q == 0 {
		q = 90
	}
	var b bytes.Buffer
	if err := jpeg.Encode(&b, m, &jpeg.Options{Quality: q}); err != nil {
		panic(err) // cannot happen: bytes.Buffer does not fail
	}
	enc := b.Bytes()
	out := append([]byte(nil), enc[:2]...) // SOI
	if e := EXIF(opts); e != nil {
		out = appendSegment(out, 0xE1, append([]byte("Exif\x00\x00"), e...))
	}
	if opts.XMP {
		out = appendSegment(out, 0xE1, append([]byte("http://ns.adobe.com/xap/1.0/\x00"), XMPPacket...))
	}
	if opts.ICC {
		out = appendSegment(out, 0xE2, append([]byte("ICC_PROFILE\x00\x01\x01"), fakeICC...))
	}
	if opts.IPTC {
		iptc := []byte("Photoshop 3.0\x008BIM\x04\x04\x00\x00\x00\x00\x00\x0c\x1c\x02\x50\x00\x08A. Smith")
		out = appendSegment(out, 0xED, iptc)
	}
	if opts.Comment != "" {
		out = appendSegment(out, 0xFE, []byte(opts.Comment))
	}
	out = append(out, enc[2:]...)
	return append(out, opts.Trailer...)
}

// fakeICC stands for an ICC profile: Strip must keep it, byte for byte.
var fakeICC = []byte("not a real ICC profile, but kept byte for byte")

// appendSegment appends a JPEG marker segment to b.
func appendSegment(b []byte, marker byte, payload []byte) []byte {
	b = append(b, 0xFF, marker)
	b = binary.BigEndian.AppendUint16(b, uint16(len(payload)+2))
	return append(b, payload...)
}

// Truncated is the first half of data: a file cut short in transit.
func Truncated(data []byte) []byte {
	return data[:len(data)/2]
}
