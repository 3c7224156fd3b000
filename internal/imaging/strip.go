package imaging

// Strip returns data without metadata, losslessly: the pixels are
// untouched and nothing is encoded again.
//
//   - JPEG: drops APP1 (EXIF, XMP), APP13 (IPTC, Photoshop) and COM
//     segments, APP2 segments that hold a Multi-Picture Format index, and
//     whatever follows EOI (the pictures that index points to, or a
//     motion photo's video); keeps APP0, APP2 (ICC profile), APP14 (Adobe)
//     and everything else.
//   - PNG: drops tEXt, zTXt, iTXt, eXIf and tIME chunks, and whatever
//     follows IEND.
//   - WebP: drops EXIF and XMP chunks, clears their flags in VP8X, fixes
//     the RIFF size, and drops whatever follows the RIFF container.
//   - GIF: drops comment extensions and application extensions other
//     than NETSCAPE2.0 and ANIMEXTS1.0 (such as XMP), and whatever
//     follows the trailer.
//
// When the EXIF it drops (JPEG, PNG or WebP) records an orientation other
// than 1, Strip writes in its place the smallest EXIF that records only
// that orientation, so that the picture still displays upright; EXIF that
// is already no more than that is kept, so Strip(Strip(x)) is Strip(x).
//
// Strip returns data itself (the same slice) when there is nothing to
// remove, and ErrEmpty, ErrNotImage or ErrCorrupt when it cannot parse
// data. It reads only the container, not the pixels: a file whose
// compressed data is damaged may pass.
func Strip(data []byte) ([]byte, error) {
	if len(data) == 0 {
		return nil, &imageError{kind: ErrEmpty, msg: ErrEmpty.Error()}
	}
	switch sniff(data) {
	case JPEG:
		return stripJPEG(data)
	case PNG:
		return stripPNG(data)
	case GIF:
		return stripGIF(data)
	case WebP:
		return stripWebP(data)
	}
	return nil, notImage(data)
}

// stripResult is what a format's strip returns: data itself when nothing
// was dropped and nothing followed the image's end, else out (what was
// kept), or the walk's error.
func stripResult(data, out []byte, end int, dropped bool, err error) ([]byte, error) {
	if err != nil {
		return nil, err
	}
	if !dropped && end == len(data) {
		return data, nil
	}
	return out, nil
}
