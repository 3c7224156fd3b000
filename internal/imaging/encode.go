package imaging

import (
	"bytes"
	"fmt"
	"image"
	"image/jpeg"
	"image/png"
	"runtime"
	"sync"

	"github.com/gen2brain/webp"
)

// WebP encoding settings, chosen by measuring (see the package doc).
const (
	// webpMethod is libwebp's effort for lossy encoding (0 fastest, 6
	// smallest). On photographs, 2 makes files 13–17% smaller than 1 for
	// 40% more time, and 4 (libwebp's default) files 5% smaller than 2 in
	// 3.4 times the time.
	webpMethod = 2
	// webpLosslessMethod and webpLosslessEffort are libwebp's method and
	// quality for lossless encoding (quality is effort there): the
	// "-z 1" preset, much faster than the default and close in size.
	webpLosslessMethod = 1
	webpLosslessEffort = 20
)

// jobs runs functions concurrently and keeps the first error. Functions
// given to run go to a pool that uses every processor but one; functions
// given to queue run one after the other, in the order given, in one of
// two lanes (one on a single processor): the WebP encodes, of which no
// more than two may run at once (see "WebP and the garbage collector" in
// the package doc).
type jobs struct {
	sem   chan struct{}
	wg    sync.WaitGroup
	lanes []chan func() error
	mu    sync.Mutex
	err   error
}

// newJobs returns an empty set of jobs.
func newJobs() *jobs {
	procs := runtime.GOMAXPROCS(0)
	j := &jobs{sem: make(chan struct{}, max(1, procs-1)), lanes: make([]chan func() error, min(2, procs))}
	for i := range j.lanes {
		j.lanes[i] = make(chan func() error, 16)
		j.wg.Go(func() {
			for fn := range j.lanes[i] {
				j.keep(fn())
			}
		})
	}
	return j
}

// run runs fn in the pool.
func (j *jobs) run(fn func() error) {
	j.wg.Go(func() {
		j.sem <- struct{}{}
		defer func() { <-j.sem }()
		j.keep(fn())
	})
}

// queue runs fn in a lane (0 or 1), after every function queued before
// it there.
func (j *jobs) queue(lane int, fn func() error) {
	j.lanes[lane%len(j.lanes)] <- fn
}

// keep records err if it is the first error.
func (j *jobs) keep(err error) {
	if err == nil {
		return
	}
	j.mu.Lock()
	defer j.mu.Unlock()
	if j.err == nil {
		j.err = err
	}
}

// wait waits for every job, and returns the first error. No job may be
// given after it.
func (j *jobs) wait() error {
	for _, l := range j.lanes {
		close(l)
	}
	j.wg.Wait()
	return j.err
}

// encodeJPEG encodes m as a JPEG of quality q, on white where it is not
// opaque.
func encodeJPEG(m *image.RGBA, q int) ([]byte, error) {
	if !opaque(m) {
		m = onWhite(m)
	}
	var b bytes.Buffer
	if err := jpeg.Encode(&b, m, &jpeg.Options{Quality: q}); err != nil {
		return nil, fmt.Errorf("encoding a %d×%d JPEG: %w", m.Rect.Dx(), m.Rect.Dy(), err)
	}
	return b.Bytes(), nil
}

// encodePNG encodes m as a PNG, keeping its alpha. m is a copy Process
// made (*image.RGBA) or a decoded image re-encoded at its own size.
func encodePNG(m image.Image) ([]byte, error) {
	if rgba, ok := m.(*image.RGBA); ok && !opaque(rgba) {
		m = unpremultiply(rgba)
	}
	var b bytes.Buffer
	if err := (&png.Encoder{CompressionLevel: png.DefaultCompression}).Encode(&b, m); err != nil {
		return nil, fmt.Errorf("encoding a %d×%d PNG: %w", m.Bounds().Dx(), m.Bounds().Dy(), err)
	}
	return b.Bytes(), nil
}

// encodeWebP encodes m as a lossy WebP of quality q from its planes (see
// webpYUV), keeping its alpha. When lossless is true it also encodes it
// losslessly and returns the smaller of the two.
func encodeWebP(m *image.RGBA, planes *image.NYCbCrA, q int, lossless bool) ([]byte, error) {
	data, err := webpBytes(planes, webp.Options{Quality: q, Method: webpMethod})
	if err != nil || !lossless {
		return data, err
	}
	var src image.Image = m
	if !opaque(m) {
		src = unpremultiply(m)
	}
	exact, err := webpBytes(src, webp.Options{Lossless: true, Quality: webpLosslessEffort, Method: webpLosslessMethod})
	if err != nil {
		return nil, err
	}
	if len(exact) < len(data) {
		return exact, nil
	}
	return data, nil
}

// warmWebP compiles the WebP encoder's WebAssembly module if it is not
// compiled yet (400 ms of one processor, once per process), or returns.
func warmWebP() { webp.Init() }

// webpEncoder names the WebP encoder in use: gen2brain/webp runs the
// system's libwebp when it can load it, and its own build of libwebp in
// WebAssembly otherwise; they make different bytes.
func webpEncoder() string {
	if webp.Dynamic() == nil {
		return "libwebp-system"
	}
	return "libwebp-wasm"
}

// webpBytes encodes m as a WebP with options o.
func webpBytes(m image.Image, o webp.Options) ([]byte, error) {
	var b bytes.Buffer
	if err := webp.Encode(&b, m, o); err != nil {
		return nil, fmt.Errorf("encoding a %d×%d WebP: %w", m.Bounds().Dx(), m.Bounds().Dy(), err)
	}
	return b.Bytes(), nil
}
