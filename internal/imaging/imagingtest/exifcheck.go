package imagingtest

import (
	"bytes"
	"encoding/binary"
	"slices"
	"strings"

	"github.com/rwcarlsen/goexif/exif"
	"github.com/rwcarlsen/goexif/tiff"
)

// HasEXIF reports whether data holds EXIF with at least one tag anywhere:
// it tries the EXIF parser at every TIFF header in data, whatever the
// container, so EXIF in an unusual place counts too.
func HasEXIF(data []byte) bool {
	return len(EXIFTags(data)) > 0
}

// HasGPS reports whether data holds EXIF with a GPS tag anywhere.
func HasGPS(data []byte) bool {
	for _, name := range EXIFTags(data) {
		if strings.HasPrefix(name, "GPS") {
			return true
		}
	}
	return false
}

// EXIFTags is the names (as github.com/rwcarlsen/goexif calls them) of
// every tag of all the EXIF in data, sorted, without repeats: for a file
// that records only an orientation, ["Orientation"].
func EXIFTags(data []byte) []string {
	var names []string
	for _, magic := range []string{"II*\x00", "MM\x00*"} {
		for off := 0; ; off++ {
			i := bytes.Index(data[off:], []byte(magic))
			if i < 0 {
				break
			}
			off += i
			names = append(names, tagsAt(data[off:])...)
		}
	}
	slices.Sort(names)
	return slices.Compact(names)
}

// walker collects the names of the tags it walks.
type walker []string

func (w *walker) Walk(name exif.FieldName, _ *tiff.Tag) error {
	*w = append(*w, string(name))
	return nil
}

// tagsAt is the names of the tags of the TIFF structure at the start of b,
// or none if the parser cannot read it.
func tagsAt(b []byte) (names []string) {
	b = b[:min(len(b), 1<<20)]
	if !plausibleTIFF(b) {
		return nil
	}
	defer func() {
		if recover() != nil {
			names = nil
		}
	}()
	x, err := exif.Decode(bytes.NewReader(b))
	if x == nil || (err != nil && exif.IsCriticalError(err)) {
		return nil
	}
	var w walker
	x.Walk(&w)
	return w
}

// plausibleTIFF reports whether b starts with a TIFF header whose first
// IFD lies inside b with a sensible number of entries: a cheap filter so
// that the parser never sees the chance "II*\0" in compressed data.
func plausibleTIFF(b []byte) bool {
	if len(b) < 8 {
		return false
	}
	var order binary.ByteOrder = binary.LittleEndian
	if b[0] == 'M' {
		order = binary.BigEndian
	}
	off := uint64(order.Uint32(b[4:8]))
	if off < 8 || off+2 > uint64(len(b)) {
		return false
	}
	n := uint64(order.Uint16(b[off:]))
	return n > 0 && n < 512 && off+2+12*n <= uint64(len(b))
}
