package imagingtest

import (
	"bytes"
	"compress/zlib"
	"encoding/binary"
	"hash/crc32"
	"image"
	"image/color"
	"image/gif"
	"image/png"

	"github.com/gen2brain/webp"
)

// PNG is a w×h PNG of the pattern. With metadata it also has tEXt, zTXt,
// iTXt (XMP) and tIME chunks and an eXIf chunk with GPS.
func PNG(w, h int, metadata bool) []byte {
	if !metadata {
		return EncodePNG(Quadrants(w, h), Options{})
	}
	return EncodePNG(Quadrants(w, h), Options{Comment: "a comment", XMP: true, GPS: true})
}

// EncodePNG encodes m as a PNG with the metadata opts asks for, placed
// after IHDR: eXIf for Orientation and GPS; tEXt, zTXt and tIME for
// Comment; iTXt for XMP.
func EncodePNG(m image.Image, opts Options) []byte {
	var b bytes.Buffer
	if err := png.Encode(&b, m); err != nil {
		panic(err) // cannot happen: the image is valid and the buffer does not fail
	}
	enc := b.Bytes()
	const ihdrEnd = 8 + 12 + 13 // signature, IHDR
	out := append([]byte(nil), enc[:ihdrEnd]...)
	if e := EXIF(opts); e != nil {
		out = appendChunk(out, "eXIf", e)
	}
	if opts.Comment != "" {
		out = appendChunk(out, "tEXt", []byte("Comment\x00"+opts.Comment))
		var z bytes.Buffer
		zw := zlib.NewWriter(&z)
		zw.Write([]byte(opts.Comment))
		zw.Close()
		out = appendChunk(out, "zTXt", append([]byte("Description\x00\x00"), z.Bytes()...))
		out = appendChunk(out, "tIME", []byte{0x07, 0xE9, 6, 1, 12, 30, 0})
	}
	if opts.XMP {
		out = appendChunk(out, "iTXt", []byte("XML:com.adobe.xmp\x00\x00\x00\x00\x00"+XMPPacket))
	}
	out = append(out, enc[ihdrEnd:]...)
	return append(out, opts.Trailer...)
}

// appendChunk appends a PNG chunk to b.
func appendChunk(b []byte, typ string, data []byte) []byte {
	b = binary.BigEndian.AppendUint32(b, uint32(len(data)))
	start := len(b)
	b = append(b, typ...)
	b = append(b, data...)
	return binary.BigEndian.AppendUint32(b, crc32.ChecksumIEEE(b[start:]))
}

// GIF is a w×h GIF of the pattern with the given number of frames (each
// after the first turns the colours round by one quadrant), looping
// forever when there is more than one.
func GIF(w, h, frames int) []byte {
	return EncodeGIF(w, h, frames, Options{})
}

// EncodeGIF is GIF with the metadata opts asks for, placed after the
// global colour table: a comment extension for Comment and an XMP
// application extension for XMP.
func EncodeGIF(w, h, frames int, opts Options) []byte {
	pal := color.Palette{TopLeft, TopRight, BottomLeft, BottomRight}
	src := Quadrants(w, h)
	g := &gif.GIF{Config: image.Config{ColorModel: pal, Width: w, Height: h}}
	for f := range max(frames, 1) {
		m := image.NewPaletted(image.Rect(0, 0, w, h), pal)
		for y := range h {
			for x := range w {
				m.SetColorIndex(x, y, uint8((pal.Index(src.At(x, y))+f)%len(pal)))
			}
		}
		g.Image = append(g.Image, m)
		g.Delay = append(g.Delay, 10)
	}
	var b bytes.Buffer
	if err := gif.EncodeAll(&b, g); err != nil {
		panic(err) // cannot happen: the frames are valid and the buffer does not fail
	}
	enc := b.Bytes()
	header := 13
	if enc[10]&0x80 != 0 {
		header += 3 << (enc[10]&7 + 1)
	}
	out := append([]byte(nil), enc[:header]...)
	if opts.Comment != "" {
		out = append(out, 0x21, 0xFE)
		out = appendSubBlocks(out, []byte(opts.Comment))
	}
	if opts.XMP {
		// XMP's own trick: the packet is written raw, followed by a "magic
		// trailer" that leads any reader of sub-blocks to a terminator.
		out = append(out, 0x21, 0xFF, 11)
		out = append(out, "XMP DataXMP"...)
		out = append(out, XMPPacket...)
		out = append(out, 1)
		for i := 255; i >= 0; i-- {
			out = append(out, byte(i))
		}
		out = append(out, 0)
	}
	out = append(out, enc[header:]...)
	return append(out, opts.Trailer...)
}

// appendSubBlocks appends data to b as GIF data sub-blocks.
func appendSubBlocks(b, data []byte) []byte {
	for len(data) > 0 {
		n := min(len(data), 255)
		b = append(b, byte(n))
		b = append(b, data[:n]...)
		data = data[n:]
	}
	return append(b, 0)
}

// WebP is a w×h lossy WebP of the pattern, or of a Photo, with the
// metadata opts asks for: EXIF for Orientation and GPS, an XMP chunk for
// XMP, an ICCP chunk for ICC, in an extended (VP8X) file.
func WebP(w, h int, opts Options) []byte {
	return EncodeWebP(picture(w, h, opts), false, opts)
}

// EncodeWebP encodes m as a WebP (lossless, or lossy at opts.Quality),
// with the metadata opts asks for.
func EncodeWebP(m image.Image, lossless bool, opts Options) []byte {
	q := opts.Quality
	if q == 0 {
		q = 90
	}
	var b bytes.Buffer
	if err := webp.Encode(&b, m, webp.Options{Quality: q, Lossless: lossless}); err != nil {
		panic(err)
	}
	chunks := riffChunks(b.Bytes())
	exif := EXIF(opts)
	if exif == nil && !opts.XMP && !opts.ICC {
		return b.Bytes()
	}
	var flags byte
	var body []byte
	for _, c := range chunks {
		switch string(c[:4]) {
		case "VP8X":
			flags = c[8]
		default:
			body = append(body, c...)
		}
	}
	if !opaque(m) {
		flags |= 1 << 4
	}
	var extra []byte
	if opts.ICC {
		flags |= 1 << 5
		body = append(riffChunk("ICCP", fakeICC), body...)
	}
	if exif != nil {
		flags |= 1 << 3
		extra = append(extra, riffChunk("EXIF", exif)...)
	}
	if opts.XMP {
		flags |= 1 << 2
		extra = append(extra, riffChunk("XMP ", []byte(XMPPacket))...)
	}
	return riff(append(append(vp8x(flags, m.Bounds().Dx(), m.Bounds().Dy()), body...), extra...))
}

// AnimatedWebP is a w×h animated WebP of the pattern with the given number
// of frames, each a lossy still with the colours turned round.
func AnimatedWebP(w, h, frames int) []byte {
	body := vp8x(1<<1, w, h)
	body = append(body, riffChunk("ANIM", []byte{0, 0, 0, 0, 0, 0})...)
	for f := range frames {
		m := Quadrants(w, h)
		for i := 0; i < len(m.Pix); i += 4 {
			p := m.Pix[i : i+3]
			for range f {
				p[0], p[1], p[2] = p[1], p[2], p[0]
			}
		}
		var b bytes.Buffer
		if err := webp.Encode(&b, m, webp.Options{Quality: 90}); err != nil {
			panic(err)
		}
		frame := []byte{0, 0, 0, 0, 0, 0}        // X/2, Y/2
		frame = appendUint24(frame, uint32(w-1)) // width less one
		frame = appendUint24(frame, uint32(h-1)) // height less one
		frame = appendUint24(frame, 100)         // duration, milliseconds
		frame = append(frame, 0)                 // flags
		frame = append(frame, riffChunks(b.Bytes())[0]...)
		body = append(body, riffChunk("ANMF", frame)...)
	}
	return riff(body)
}

// vp8x is a VP8X chunk with the given flags for a w×h canvas.
func vp8x(flags byte, w, h int) []byte {
	p := []byte{flags, 0, 0, 0}
	p = appendUint24(p, uint32(w-1))
	p = appendUint24(p, uint32(h-1))
	return riffChunk("VP8X", p)
}

// appendUint24 appends v to b as three little-endian bytes.
func appendUint24(b []byte, v uint32) []byte {
	return append(b, byte(v), byte(v>>8), byte(v>>16))
}

// riff wraps chunks in a RIFF WEBP header.
func riff(chunks []byte) []byte {
	b := []byte("RIFF")
	b = binary.LittleEndian.AppendUint32(b, uint32(4+len(chunks)))
	b = append(b, "WEBP"...)
	return append(b, chunks...)
}

// riffChunk is a RIFF chunk holding payload, padded to an even size.
func riffChunk(name string, payload []byte) []byte {
	b := append([]byte(name), binary.LittleEndian.AppendUint32(nil, uint32(len(payload)))...)
	b = append(b, payload...)
	if len(payload)%2 == 1 {
		b = append(b, 0)
	}
	return b
}

// riffChunks splits a WebP file the encoder wrote into its chunks.
func riffChunks(data []byte) [][]byte {
	var out [][]byte
	for pos := 12; pos+8 <= len(data); {
		n := int(binary.LittleEndian.Uint32(data[pos+4:]))
		end := min(pos+8+n+n%2, len(data))
		out = append(out, data[pos:end])
		pos = end
	}
	return out
}

// opaque reports whether every pixel of m is opaque.
func opaque(m image.Image) bool {
	if o, ok := m.(interface{ Opaque() bool }); ok {
		return o.Opaque()
	}
	return false
}
