package build

import (
	"cmp"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"runtime"
	"runtime/debug"

	"digest/internal/content"
)

// The resource policy of a build: where conversions are cached, when
// bodies go to a spill file, and how the garbage collector is set. The
// figures behind each choice are in bench/README.md.

// SpillAbove is the number of content files above which bodies are kept
// in a spill file (see SpillPolicy): it keeps the largest sites within
// their memory target, and costs a write and a read per body that a
// smaller site does not need to pay (bench/README.md).
const SpillAbove = 20000

// SpillPolicy says where the HTML of item bodies is kept.
type SpillPolicy int

const (
	SpillAuto   SpillPolicy = iota // in a spill file above SpillAbove content files
	SpillAlways                    // always in a spill file
	SpillNever                     // always in memory
)

// MemoryPolicy says how a build sets the garbage collector, which is the
// whole process's: a library caller keeps its own settings.
type MemoryPolicy int

const (
	MemoryUntouched MemoryPolicy = iota // leave the collector as it is
	MemoryBuild                         // a one-shot build: digest build, check
	MemoryPreview                       // a long-running preview that holds every page: digest serve
)

// DefaultCacheFile is where the Markdown conversions of the site in source
// are kept between runs: in $DIGEST_CACHE_DIR; on Netlify in
// /opt/build/cache/digest, which Netlify keeps from one build to the next;
// else in the user's cache folder. "" if there is none.
func DefaultCacheFile(source string) string {
	abs, err := filepath.Abs(source)
	if err != nil {
		return ""
	}
	dir := os.Getenv("DIGEST_CACHE_DIR")
	if dir == "" && os.Getenv("NETLIFY") == "true" {
		dir = "/opt/build/cache/digest"
	}
	if dir == "" {
		user, err := os.UserCacheDir()
		if err != nil {
			return ""
		}
		dir = filepath.Join(user, "digest")
	}
	sum := sha256.Sum256([]byte(abs))
	return filepath.Join(dir, filepath.Base(abs)+"-"+hex.EncodeToString(sum[:6])+".cache")
}

// spills reports whether a site of files content files keeps its bodies
// in a spill file.
func (p SpillPolicy) spills(files int) bool {
	return p == SpillAlways || p == SpillAuto && files > SpillAbove
}

// apply sets the garbage collector for a site of files content files.
// GOGC and GOMEMLIMIT, if set, win.
//
// A build makes most of what it allocates (parse trees, rendered pages)
// garbage at once, and keeps a model that grows with the site. Instead of
// collecting each time the heap doubles, which happens many times while
// the live heap is small, a build lets the heap grow to eight times what
// is live (GOGC=800), under a soft limit that grows with the site: the
// lesser of 96 MiB and 13 KiB per file, and 149 MiB and 7 KiB per file.
//
// The preview also holds every page it serves, and its heap drifts up
// over a session of edits without a limit: 40 KiB per file and 128 MiB,
// at least 384 MiB. bench/README.md has the measurements behind these.
func (p MemoryPolicy) apply(files int) {
	n := int64(files)
	switch p {
	case MemoryBuild:
		if os.Getenv("GOGC") == "" {
			debug.SetGCPercent(800)
		}
		if os.Getenv("GOMEMLIMIT") == "" {
			debug.SetMemoryLimit(min(96<<20+n*13<<10, 149<<20+n*7<<10))
		}
	case MemoryPreview:
		if os.Getenv("GOMEMLIMIT") == "" {
			debug.SetMemoryLimit(max(384<<20, n*40<<10+128<<20))
		}
	}
}

// hold raises the preview's memory limit by the bytes it holds besides
// pages: the files of page bundles (a newsroom's photos, 3 MB each),
// which it serves from memory too. Under a limit below what is live,
// the garbage collector would run without pause: 200 photos made each
// edit take twice as long.
func (p MemoryPolicy) hold(files int, held int64) {
	if p != MemoryPreview || os.Getenv("GOMEMLIMIT") != "" {
		return
	}
	n := int64(files)
	debug.SetMemoryLimit(max(384<<20, n*40<<10+128<<20) + held + held/4)
}

// BaseURL returns the site's base URL for a build, normalized, or "" to
// use base_url in content/_index.md: flag if set, then DIGEST_BASE_URL,
// then, when building on Netlify, the site's URL for production deploys
// and the deploy's own URL (DEPLOY_PRIME_URL) for deploy previews and
// branch deploys, so that they link to themselves.
func BaseURL(flag string) (string, error) {
	base := flag
	if base == "" {
		base = os.Getenv("DIGEST_BASE_URL")
	}
	if base == "" && os.Getenv("NETLIFY") == "true" {
		if os.Getenv("CONTEXT") == "production" {
			base = os.Getenv("URL")
		}
		base = cmp.Or(base, os.Getenv("DEPLOY_PRIME_URL"), os.Getenv("URL"))
	}
	if base == "" {
		return "", nil
	}
	n, err := content.NormalizeBaseURL(base)
	if err != nil {
		return "", fmt.Errorf("base URL: %w", err)
	}
	return n, nil
}

// imageRoom is the memory one worker's image may take: a 12-megapixel
// photo decoded, turned and copied takes about 130 MB at its peak.
const imageRoom = 160 << 20

// roomForImages lets the heap grow by imageRoom per worker, without a
// garbage collection until then, while images are decoded, and returns
// how to restore the settings. The WebP encoder runs compiled
// WebAssembly, which cannot be preempted: a collection that starts during
// an encode stops every goroutine until the encode returns, and under
// the build's tight memory limit a 12-megapixel photo set off one
// collection after another, doubling the time it took. Settings the user
// gave (GOGC, GOMEMLIMIT) are left alone.
func roomForImages(workers int) (restore func()) {
	if os.Getenv("GOGC") != "" || os.Getenv("GOMEMLIMIT") != "" {
		return func() {}
	}
	var ms runtime.MemStats
	runtime.ReadMemStats(&ms)
	limit := debug.SetMemoryLimit(-1)
	room := int64(ms.HeapAlloc) + int64(workers)*imageRoom
	if limit != math.MaxInt64 {
		room = max(room, limit)
	}
	debug.SetMemoryLimit(room)
	percent := debug.SetGCPercent(-1)
	return func() {
		debug.SetGCPercent(percent)
		debug.SetMemoryLimit(limit)
	}
}
