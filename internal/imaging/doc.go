// Package imaging reads, resizes and cleans the pictures a site publishes.
// It does no I/O: every function takes and returns bytes.
//
//   - Probe reads an image's format (from its bytes, never its name),
//     size and EXIF orientation from its header, cheaply, and refuses what
//     is not one of JPEG, PNG, GIF and WebP, what is empty, truncated or
//     corrupt, and decompression bombs (more than MaxPixels pixels, or a
//     side longer than MaxSide) before anything is decoded.
//   - Process decodes an image, turns it upright as its EXIF orientation
//     says, and makes copies at the widths a srcset needs (never enlarged),
//     in the source's format, in WebP when that is smaller, and a social
//     card of a fixed size cropped around a focus point. Every output is a
//     fresh encode, without metadata, and the same input and settings
//     always make the same bytes (Settings.Key is the cache key).
//   - Strip removes metadata (EXIF with its GPS position and camera, XMP,
//     IPTC, comments, text chunks) from a file without touching its pixels,
//     for pictures published as they are, such as animations.
//
// # How Process works
//
// The decoded picture is first halved with a 2×2 box average as often as
// it can be while staying at least as large as the largest copy and the
// card (a 4000×3000 photo for copies up to 1600 wide: once, to 2000×1500);
// a JPEG's YCbCr is converted to RGB as it is halved, once per output
// pixel. Then the orientation is applied to that smaller picture, and the
// copies are made from it with the Catmull-Rom kernel of x/image/draw, the
// largest first and each smaller one from the one before. The card is
// cropped from the smallest of these that covers it. The resizer (resize.go)
// weighs pixels exactly as x/image/draw's Kernel.Scale does but computes in
// fixed point on 8-bit samples, on every processor: 2000×1500 to 1600×1200
// takes 40 ms on two cores (63 ms on one) and 17 MB, where Kernel.Scale
// takes 115 ms and 77 MB; their results differ by at most 2 in a sample. Pixels are premultiplied RGBA
// throughout; alpha is kept in PNG and WebP copies, and JPEG copies and the
// card are laid on white.
//
// # WebP encoding: github.com/gen2brain/webp
//
// The WebP copies are encoded by github.com/gen2brain/webp v0.5.5: libwebp
// 1.4 compiled to WebAssembly and run by the wazero runtime, in Go. It
// needs no C compiler: built with CGO_ENABLED=0 it uses purego's own
// dlopen; with cgo enabled, purego compiles two small cgo files for it;
// with the build tag nodynamic, purego is left out (and the system libwebp
// is never tried). The one alternative the module proxy serves,
// github.com/HugoSmits86/nativewebp, encodes only losslessly: on a photo
// 1600×1067, 1.8 MB against JPEG's 226 kB, so it would never be kept.
//
// What it costs, measured on the 2-core machine this was written on:
//
//   - At program start: nothing is compiled. Its init looks for a system
//     libwebp.so to run instead (parsing the program's own ELF header, then
//     a dlopen that fails where libwebp-dev is not installed): 1.2 ms, and
//     the inits of wazero and purego 1.2–1.7 ms more (GODEBUG=inittrace=1,
//     medians of 40 runs); with the build tag nodynamic its own init takes
//     0.015 ms. A program that imports it and exits starts in 15 ms instead
//     of 8 (the fastest of 200 runs), the rest of it from a binary 5.5 MB
//     larger.
//   - On first use, once per process: compiling the WebAssembly module,
//     400–450 ms of one processor. Process starts it in the background
//     while it decodes, so the first call does not wait for all of it.
//   - Per picture, a 1600×1067 photo-like picture (imagingtest.Photo):
//     221 kB as a JPEG at quality 80, in 36 ms; 128 kB as a WebP at quality
//     75 with libwebp's method 2 (42% smaller), in 225–245 ms (290 ms when
//     libwebp converts from RGBA itself, see below). On three real
//     photographs, WebP at 75 was 34%, 62% and 64% smaller than JPEG at 80.
//
// Where a system libwebp.so can be loaded (Debian's libwebp-dev), it runs
// that instead, several times faster, making slightly different bytes;
// Settings.Key names which one runs, so a cache never mixes them.
//
// Lossy WebP is limited-range YUV 4:2:0. Converting RGBA to it inside
// WebAssembly is slow and makes libwebp allocate buffers there, whose
// memory wazero grows by copying; webpYUV (webpyuv.go) makes the planes in
// Go with libwebp's own arithmetic and gen2brain/webp hands them over as
// they are: a fifth faster, the same size and quality. x/image/webp, the
// decoder, reads those planes as if they were full range (golang/go#40173:
// white comes back as 235); Process converts what it decodes itself.
//
// # WebP and the garbage collector
//
// Code compiled from WebAssembly cannot be preempted: a garbage collection
// that starts while an encode runs waits for it to return before it can
// stop the world, and every other goroutine of the program waits too. Each
// encode's memory growth starts collections, so several encodes at once
// make such pauses likely. Process therefore runs at most two WebP encodes
// at once, in two lanes: the largest copy's in one, the others in turn in
// the other, while JPEG and PNG encodes use the remaining processor. On
// the 2-core machine, one lane made Process of a 12-megapixel photo take
// 750 ms; two take 560–580 ms, with one pause of about 160 ms in ten calls
// (gctrace); pauses otherwise stay under 2 ms. A program that calls
// Process from several goroutines at once should expect more such pauses.
package imaging
