package markdown

import (
	"bufio"
	"crypto/sha256"
	"encoding/binary"
	"errors"
	"fmt"
	"hash/crc32"
	"io"
	"os"
	"path/filepath"
	"sync"
	"unsafe"
)

// Cache remembers conversions by a hash of their source and options, and
// is saved to a file between runs: a warm build, or a build after editing
// one item, converts only what changed. Conversion is a pure function of
// the source, the options and this program, so the file records which
// program wrote it (a hash of the executable) and is ignored by any other.
// A Cache is safe for concurrent use.
type Cache struct {
	mu      sync.Mutex
	version [32]byte
	loaded  map[cacheKey]*Result // read from the file
	used    map[cacheKey]*Result // looked up or made by this process
	added   bool                 // something was converted that the file lacks
}

type cacheKey [16]byte

// cacheMagic starts a cache file; the number is the format's version.
const cacheMagic = "digest markdown cache 1\n"

var castagnoli = crc32.MakeTable(crc32.Castagnoli)

// ProgramVersion returns a hash of the running executable, which cache
// files are tagged with; ok is false if the executable cannot be read.
var ProgramVersion = sync.OnceValues(func() ([32]byte, bool) {
	var v [32]byte
	exe, err := os.Executable()
	if err != nil {
		return v, false
	}
	f, err := os.Open(exe)
	if err != nil {
		return v, false
	}
	defer f.Close()
	h := sha256.New()
	if _, err := io.Copy(h, f); err != nil {
		return v, false
	}
	copy(v[:], h.Sum(nil))
	return v, true
})

// NewCache returns an empty cache for conversions by program version.
func NewCache(version [32]byte) *Cache {
	return &Cache{version: version, loaded: map[cacheKey]*Result{}, used: map[cacheKey]*Result{}}
}

// LoadCache reads the cache file at path. A missing, damaged or foreign
// file (another version of the program) gives an empty cache, which is
// always correct, only slower; err says why the file was not used.
func LoadCache(path string, version [32]byte) (*Cache, error) {
	c := NewCache(version)
	data, err := os.ReadFile(path)
	if err != nil {
		if errors.Is(err, os.ErrNotExist) {
			return c, nil
		}
		return c, fmt.Errorf("reading the cache: %w", err)
	}
	entries, err := decodeCache(data, version)
	if err != nil {
		return c, fmt.Errorf("%s: %w", path, err)
	}
	c.loaded = entries
	return c, nil
}

// get returns the cached conversion of src under opts, if any.
func (c *Cache) get(k cacheKey) (Result, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	r := c.used[k]
	if r == nil {
		r = c.loaded[k]
		if r == nil {
			return Result{}, false
		}
		c.used[k] = r
	}
	return *r, true
}

// put records a conversion.
func (c *Cache) put(k cacheKey, r Result) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.used[k] = &r
	c.added = true
}

// Changed reports whether saving would write something new: a conversion
// was added, or an entry of the file went unused and would be dropped.
func (c *Cache) Changed() bool {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.added || len(c.used) != len(c.loaded)
}

// Save writes the conversions used or made by this process to path,
// atomically, and only if that changes the file. Entries nobody used are
// dropped, so the file does not grow with deleted items.
func (c *Cache) Save(path string) error {
	if !c.Changed() {
		return nil
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		return fmt.Errorf("saving the cache: %w", err)
	}
	tmp, err := os.CreateTemp(filepath.Dir(path), ".cache-*")
	if err != nil {
		return fmt.Errorf("saving the cache: %w", err)
	}
	defer os.Remove(tmp.Name())
	sum := crc32.New(castagnoli)
	w := bufio.NewWriterSize(io.MultiWriter(tmp, sum), 1<<20)
	e := encoder{w: w}
	e.raw([]byte(cacheMagic))
	e.raw(c.version[:])
	e.uint(uint64(len(c.used)))
	for k, r := range c.used {
		e.raw(k[:])
		e.result(r)
	}
	if e.err == nil {
		e.err = w.Flush()
	}
	if e.err == nil {
		e.err = binary.Write(tmp, binary.LittleEndian, sum.Sum32())
	}
	if e.err == nil {
		e.err = tmp.Close()
	} else {
		tmp.Close()
	}
	if e.err == nil {
		e.err = os.Rename(tmp.Name(), path)
	}
	if e.err != nil {
		return fmt.Errorf("saving the cache: %w", e.err)
	}
	c.loaded, c.used, c.added = c.used, map[cacheKey]*Result{}, false
	for k, r := range c.loaded {
		c.used[k] = r
	}
	return nil
}

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

func (e *encoder) result(r *Result) {
	e.str(r.HTML)
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
	}
}

var errDamaged = errors.New("cache file is damaged")

// decodeCache reads a cache file. Strings point into data, which must not
// change afterwards: one allocation holds every cached body.
func decodeCache(data []byte, version [32]byte) (map[cacheKey]*Result, error) {
	if len(data) < len(cacheMagic)+32+4 || string(data[:len(cacheMagic)]) != cacheMagic {
		return nil, errors.New("not a cache file of this format")
	}
	body, tail := data[:len(data)-4], data[len(data)-4:]
	if crc32.Checksum(body, castagnoli) != binary.LittleEndian.Uint32(tail) {
		return nil, errDamaged
	}
	if [32]byte(body[len(cacheMagic):len(cacheMagic)+32]) != version {
		return nil, errors.New("written by another version of digest")
	}
	d := decoder{b: body[len(cacheMagic)+32:]}
	n := d.uint()
	if n > uint64(len(d.b)) {
		return nil, errDamaged
	}
	out := make(map[cacheKey]*Result, n)
	for range n {
		var k cacheKey
		copy(k[:], d.take(len(k)))
		r := &Result{HTML: d.str(), FirstParagraph: d.str(), Words: int(d.uint())}
		if nl := d.count(); nl > 0 {
			r.Links = make([]Link, nl)
			for i := range r.Links {
				r.Links[i] = Link{Dest: d.str(), Line: int(d.uint()), Image: d.uint() == 1, Alt: d.str()}
			}
		}
		if nn := d.count(); nn > 0 {
			r.Notices = make([]Notice, nn)
			for i := range r.Notices {
				r.Notices[i] = Notice{Line: int(d.uint()), Code: d.str(), Message: d.str()}
			}
		}
		if d.bad {
			return nil, errDamaged
		}
		out[k] = r
	}
	if d.bad || len(d.b) != 0 {
		return nil, errDamaged
	}
	return out, nil
}

type decoder struct {
	b   []byte
	bad bool
}

func (d *decoder) uint() uint64 {
	v, n := binary.Uvarint(d.b)
	if n <= 0 {
		d.bad = true
		d.b = nil
		return 0
	}
	d.b = d.b[n:]
	return v
}

// count reads a length that must fit in what is left.
func (d *decoder) count() int {
	n := d.uint()
	if n > uint64(len(d.b)) {
		d.bad = true
		d.b = nil
		return 0
	}
	return int(n)
}

func (d *decoder) take(n int) []byte {
	if n > len(d.b) {
		d.bad = true
		d.b = nil
		return make([]byte, n)
	}
	b := d.b[:n:n]
	d.b = d.b[n:]
	return b
}

func (d *decoder) str() string {
	n := d.count()
	if n == 0 {
		return ""
	}
	b := d.take(n)
	return unsafe.String(&b[0], len(b))
}
