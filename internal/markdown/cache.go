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
	"strconv"
	"strings"
	"sync"
	"time"

	"digest/internal/spill"
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
	file    *spill.File          // the loaded file, which holds the bodies
}

type cacheKey [16]byte

// cacheMagic starts a cache file; the number is the format's version.
const cacheMagic = "digest markdown cache 5\n"

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
// always correct, only slower; err says why the file was not used. The
// bodies stay in the file, which is kept open and read when they are
// needed: the cache costs memory only for what is small.
func LoadCache(path string, version [32]byte) (*Cache, error) {
	c := NewCache(version)
	f, err := spill.Open(path)
	if err != nil {
		if errors.Is(err, os.ErrNotExist) {
			return c, nil
		}
		return c, fmt.Errorf("reading the cache: %w", err)
	}
	entries, err := decodeCache(f, version)
	if err != nil {
		f.Close()
		return c, fmt.Errorf("%s: %w", path, err)
	}
	c.loaded, c.file = entries, f
	return c, nil
}

// Close closes the cache file that loaded conversions are read from.
// Results from the cache cannot be read after that.
func (c *Cache) Close() error {
	if c == nil {
		return nil
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.file.Close()
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
	cleanTemporaries(filepath.Dir(path))
	tmp, err := os.CreateTemp(filepath.Dir(path), fmt.Sprintf(".cache-%d-*", os.Getpid()))
	if err != nil {
		return fmt.Errorf("saving the cache: %w", err)
	}
	defer os.Remove(tmp.Name())
	sum := crc32.New(castagnoli)
	w := bufio.NewWriterSize(io.MultiWriter(tmp, sum), 1<<20)
	e := encoder{w: w}
	e.raw([]byte(cacheMagic))
	e.raw(c.version[:])
	for k, r := range c.used {
		html, err := r.HTML.Read()
		if err != nil {
			// Its file changed under this process: the entry is dropped,
			// and converted again when next needed.
			continue
		}
		e.raw(k[:])
		e.result(html, r)
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

// cleanTemporaries removes the temporary files of saves that were killed:
// those named after a process that is gone, and unnamed ones (from
// versions that did not name them) over an hour old. A file as large as
// the cache would otherwise stay for good.
func cleanTemporaries(dir string) {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return
	}
	for _, e := range entries {
		rest, ok := strings.CutPrefix(e.Name(), ".cache-")
		if !ok || e.IsDir() {
			continue
		}
		pid, _, named := strings.Cut(rest, "-")
		if n, err := strconv.Atoi(pid); named && err == nil {
			if !processAlive(n) {
				os.Remove(filepath.Join(dir, e.Name()))
			}
			continue
		}
		if info, err := e.Info(); err == nil && time.Since(info.ModTime()) > time.Hour {
			os.Remove(filepath.Join(dir, e.Name()))
		}
	}
}
