package markdown

// The cache file's encoding: varints and length-prefixed strings.

import (
	"bufio"
	"encoding/binary"
	"errors"
	"fmt"
	"hash/crc32"
	"io"
	"unsafe"

	"digest/internal/spill"
)

type encoder struct {
	w   *bufio.Writer
	err error
	buf [binary.MaxVarintLen64]byte
}

func (e *encoder) raw(b []byte) {
	if e.err == nil {
		_, e.err = e.w.Write(b)
	}
}

func (e *encoder) uint(v uint64) { e.raw(e.buf[:binary.PutUvarint(e.buf[:], v)]) }

func (e *encoder) str(s string) {
	e.uint(uint64(len(s)))
	if e.err == nil {
		_, e.err = e.w.WriteString(s)
	}
}

// result writes a conversion: its HTML with the HTML's checksum, which
// every read of it from the loaded file checks (see spill.Text), then the
// rest.
func (e *encoder) result(html string, r *Result) {
	e.str(html)
	e.uint(uint64(spill.Checksum(unsafe.Slice(unsafe.StringData(html), len(html)))))
	e.str(r.FirstParagraph)
	e.uint(uint64(r.Words))
	e.uint(uint64(len(r.Links)))
	for _, l := range r.Links {
		e.str(l.Dest)
		e.uint(uint64(l.Line))
		b := uint64(0)
		if l.Image {
			b = 1
		}
		e.uint(b)
		e.str(l.Alt)
	}
	e.uint(uint64(len(r.Notices)))
	for _, n := range r.Notices {
		e.uint(uint64(n.Line))
		e.str(n.Code)
		e.str(n.Message)
		e.str(n.Hint)
		severe := uint64(0)
		if n.Error {
			severe = 1
		}
		e.uint(severe)
	}
	more := uint64(0)
	if r.HasMore {
		more = 1
	}
	e.uint(more)
	e.str(r.Lead)
	e.uint(uint64(len(r.Comments)))
	for _, c := range r.Comments {
		e.uint(uint64(c.Line))
		e.str(c.Text)
	}
	e.uint(uint64(len(r.FileLinks)))
	for _, l := range r.FileLinks {
		e.uint(uint64(l.Line))
		e.str(l.Dest)
	}
}

var errDamaged = errors.New("cache file is damaged")

// decodeCache reads a cache file in one pass, checking its CRC. Bodies
// are not read into memory: each is a spill.Text at its place in f.
func decodeCache(f *spill.File, version [32]byte) (map[cacheKey]*Result, error) {
	size := f.Size()
	if size < int64(len(cacheMagic)+32+4) {
		return nil, errors.New("not a cache file of this format")
	}
	sum := crc32.New(castagnoli)
	d := &decoder{r: bufio.NewReaderSize(io.TeeReader(io.LimitReader(f.Reader(), size-4), sum), 1<<20), left: size - 4}
	if string(d.take(len(cacheMagic))) != cacheMagic {
		return nil, errors.New("not a cache file of this format")
	}
	if [32]byte(d.take(32)) != version {
		return nil, errors.New("written by another version of digest")
	}
	// Entries follow one another up to the checksum; the map is sized
	// for bodies of a few kilobytes.
	out := make(map[cacheKey]*Result, d.left/4096)
	for d.left > 0 && !d.bad {
		var k cacheKey
		copy(k[:], d.take(len(k)))
		r := &Result{}
		hn := d.count()
		pos := d.pos
		d.skip(hn)
		r.HTML = f.At(pos, hn, uint32(d.uint()))
		r.FirstParagraph, r.Words = d.str(), int(d.uint())
		if nl := d.count(); nl > 0 {
			r.Links = make([]Link, nl)
			for i := range r.Links {
				r.Links[i] = Link{Dest: d.str(), Line: int(d.uint()), Image: d.uint() == 1, Alt: d.str()}
			}
		}
		if nn := d.count(); nn > 0 {
			r.Notices = make([]Notice, nn)
			for i := range r.Notices {
				r.Notices[i] = Notice{Line: int(d.uint()), Code: d.str(), Message: d.str(), Hint: d.str(), Error: d.uint() == 1}
			}
		}
		r.HasMore, r.Lead = d.uint() == 1, d.str()
		if nc := d.count(); nc > 0 {
			r.Comments = make([]Comment, nc)
			for i := range r.Comments {
				r.Comments[i] = Comment{Line: int(d.uint()), Text: d.str()}
			}
		}
		if nf := d.count(); nf > 0 {
			r.FileLinks = make([]FileLink, nf)
			for i := range r.FileLinks {
				r.FileLinks[i] = FileLink{Line: int(d.uint()), Dest: d.str()}
			}
		}
		out[k] = r
	}
	if d.bad || d.left != 0 {
		return nil, errDamaged
	}
	var tail [4]byte
	if _, err := f.ReadAt(tail[:], size-4); err != nil {
		return nil, fmt.Errorf("reading the cache: %w", err)
	}
	if sum.Sum32() != binary.LittleEndian.Uint32(tail[:]) {
		return nil, errDamaged
	}
	return out, nil
}

// decoder reads a cache file through a buffer, counting where it is.
type decoder struct {
	r    *bufio.Reader
	pos  int64 // offset in the file of the next byte
	left int64 // bytes before the checksum
	bad  bool
}

func (d *decoder) uint() uint64 {
	var v uint64
	for shift := uint(0); shift < 64; shift += 7 {
		if d.bad || d.left == 0 {
			break
		}
		c, err := d.r.ReadByte()
		if err != nil {
			break
		}
		d.pos++
		d.left--
		if c < 0x80 {
			return v | uint64(c)<<shift
		}
		v |= uint64(c&0x7f) << shift
	}
	d.bad = true
	return 0
}

// count reads a length that must fit in what is left.
func (d *decoder) count() int {
	n := d.uint()
	if n > uint64(d.left) {
		d.bad = true
		return 0
	}
	return int(n)
}

func (d *decoder) take(n int) []byte {
	b := make([]byte, n)
	if d.bad || int64(n) > d.left {
		d.bad = true
		return b
	}
	if _, err := io.ReadFull(d.r, b); err != nil {
		d.bad = true
		return b
	}
	d.pos += int64(n)
	d.left -= int64(n)
	return b
}

func (d *decoder) skip(n int) {
	if d.bad || int64(n) > d.left {
		d.bad = true
		return
	}
	if _, err := d.r.Discard(n); err != nil {
		d.bad = true
		return
	}
	d.pos += int64(n)
	d.left -= int64(n)
}

func (d *decoder) str() string {
	n := d.count()
	if n == 0 {
		return ""
	}
	b := d.take(n)
	return unsafe.String(&b[0], len(b))
}
