package imaging

// A GIF file is a six-byte signature, a seven-byte logical screen
// descriptor and an optional global colour table, then blocks: extensions
// (21, a label, data sub-blocks), images (2C, a nine-byte descriptor, an
// optional local colour table, a byte of LZW code size, data sub-blocks)
// and the trailer (3B). Data sub-blocks are a byte of length and that many
// bytes, ended by a block of length 0.

// GIF block introducers and extension labels.
const (
	gifExtension   = 0x21
	gifImage       = 0x2C
	gifTrailer     = 0x3B
	gifComment     = 0xFE
	gifApplication = 0xFF
)

// gifBlock is one block of a GIF file; the header (signature, screen
// descriptor and global colour table) is a block whose kind is 0.
type gifBlock struct {
	kind       byte // 0, gifExtension, gifImage or gifTrailer
	label      byte // the extension's label
	start, end int  // data[start:end] is all of it
	app        string
}

// walkGIF calls fn for each block of a GIF file, up to and including the
// trailer. It returns the offset after the trailer, or ErrCorrupt when a
// block runs past the end of the file.
func walkGIF(data []byte, fn func(gifBlock) error) (int, error) {
	const header = 13
	if len(data) < header {
		return 0, corrupt(GIF, "the file ends in its header")
	}
	pos := header
	if flags := data[10]; flags&0x80 != 0 {
		pos += 3 << (flags&7 + 1)
	}
	if pos > len(data) {
		return 0, corrupt(GIF, "the file ends in its colour table")
	}
	if err := fn(gifBlock{start: 0, end: pos}); err != nil {
		return pos, err
	}
	for {
		if pos >= len(data) {
			return pos, corrupt(GIF, "the file ends before its trailer")
		}
		b := gifBlock{kind: data[pos], start: pos}
		var err error
		switch b.kind {
		case gifTrailer:
			pos++
		case gifExtension:
			if pos+2 > len(data) {
				return pos, corrupt(GIF, "the file ends in an extension")
			}
			b.label = data[pos+1]
			if b.label == gifApplication && pos+14 <= len(data) && data[pos+2] == 11 {
				b.app = string(data[pos+3 : pos+14])
			}
			pos, err = skipSubBlocks(data, pos+2)
		case gifImage:
			pos += 10
			if pos > len(data) {
				return pos, corrupt(GIF, "the file ends in an image descriptor")
			}
			if flags := data[pos-1]; flags&0x80 != 0 {
				pos += 3 << (flags&7 + 1)
			}
			pos, err = skipSubBlocks(data, pos+1) // after the LZW code size
		default:
			return pos, corrupt(GIF, "unknown block 0x%02X at byte %d", b.kind, pos)
		}
		if err != nil {
			return pos, err
		}
		b.end = pos
		if err := fn(b); err != nil {
			return pos, err
		}
		if b.kind == gifTrailer {
			return pos, nil
		}
	}
}

// skipSubBlocks is the offset after the data sub-blocks that start at pos.
func skipSubBlocks(data []byte, pos int) (int, error) {
	for {
		if pos >= len(data) {
			return pos, corrupt(GIF, "the file ends in the middle of a block")
		}
		n := int(data[pos])
		pos += 1 + n
		if n == 0 {
			return pos, nil
		}
	}
}

// gifFrames is the number of images in a GIF file, counted up to the
// trailer or, in a truncated file, up to where it stops making sense.
func gifFrames(data []byte) int {
	n := 0
	walkGIF(data, func(b gifBlock) error {
		if b.kind == gifImage {
			n++
		}
		return nil
	})
	return n
}

// keepGIF reports whether Strip keeps block b: it drops comments and
// application extensions other than NETSCAPE2.0 and ANIMEXTS1.0, which
// say how an animation loops.
func keepGIF(b gifBlock) bool {
	if b.kind != gifExtension {
		return true
	}
	switch b.label {
	case gifComment:
		return false
	case gifApplication:
		return b.app == "NETSCAPE2.0" || b.app == "ANIMEXTS1.0"
	}
	return true
}

// stripGIF is Strip for a GIF file.
func stripGIF(data []byte) ([]byte, error) {
	out := make([]byte, 0, len(data))
	dropped := false
	end, err := walkGIF(data, func(b gifBlock) error {
		if keepGIF(b) {
			out = append(out, data[b.start:b.end]...)
		} else {
			dropped = true
		}
		return nil
	})
	return stripResult(data, out, end, dropped, err)
}
