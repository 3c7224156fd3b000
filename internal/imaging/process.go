package imaging

import (
	"bytes"
	"fmt"
	"image"
	"image/draw"
	"image/gif"
	"image/jpeg"
	"image/png"
	"io"
	"math"
	"slices"
	"sync"

	"golang.org/x/image/webp"
)

// Settings say what Process makes.
type Settings struct {
	Widths                []int      // widths of the copies, ascending (e.g. 480, 960, 1600); never upscaled
	Quality               int        // JPEG quality (e.g. 80); 0 means DefaultQuality
	WebPQuality           int        // WebP quality; 0 means no WebP copies
	Card                  bool       // make a social card
	CardWidth, CardHeight int        // 1200, 630; 0 means DefaultCardWidth, DefaultCardHeight
	Focus                 [2]float64 // point to keep in the card, fractions of width and height from the top left; {0.5,0.5} is the centre
}

// Defaults for the settings left at 0.
const (
	DefaultQuality    = 80
	DefaultCardWidth  = 1200
	DefaultCardHeight = 630
)

// keyVersion names the code that makes the copies: it changes whenever
// the same settings would make different bytes.
const keyVersion = "imaging/1"

// Key is a stable string of every setting (for cache keys): it changes
// whenever any field changes, and whenever this package's code or the
// WebP encoder in use (libwebp in WebAssembly, or the system's libwebp)
// would make different bytes from the same settings.
func (s Settings) Key() string {
	return fmt.Sprintf("%s %s %#v", keyVersion, webpEncoder(), s)
}

// withDefaults is s with its zero fields set to their defaults and its
// focus clamped to the picture.
func (s Settings) withDefaults() Settings {
	if s.Quality <= 0 {
		s.Quality = DefaultQuality
	}
	s.Quality = min(s.Quality, 100)
	s.WebPQuality = min(s.WebPQuality, 100)
	if s.CardWidth <= 0 || s.CardHeight <= 0 {
		s.CardWidth, s.CardHeight = DefaultCardWidth, DefaultCardHeight
	}
	for i, f := range s.Focus {
		if math.IsNaN(f) {
			f = 0.5
		}
		s.Focus[i] = min(max(f, 0), 1)
	}
	return s
}

// Variant is one file Process made.
type Variant struct {
	Width, Height int
	Format        Format
	Data          []byte
}

// Result is what Process made from one image.
type Result struct {
	Info     Info
	Variants []Variant // the fallback copies (in the source's format, see Process), ascending width
	WebP     []Variant // WebP copies at the same widths, or nil when the smallest WebP copy is not smaller than the smallest fallback copy (or not asked, or the source is WebP/animated)
	Card     *Variant  // the social card (JPEG), nil unless asked
}

// Process decodes data (refusing it as Probe does first), applies the EXIF
// orientation, and makes the copies. Every output is a fresh encode, so
// it carries no metadata; the same data and settings always make the same
// bytes.
//
// The copies are made at every width in s.Widths smaller than the
// picture's width, and at the picture's own width when that is no more
// than the largest (all of them, or just the picture's own width when
// s.Widths is empty), keeping the aspect ratio. Their format follows the
// source: JPEG stays JPEG (at s.Quality), PNG and a still GIF become PNG
// (keeping alpha), WebP stays WebP (at s.WebPQuality, or s.Quality if
// that is 0). An animated GIF or WebP gets no copies at all: the caller
// publishes the original (an animated GIF's first frame still makes the
// card). WebP copies at the same widths are kept when the smallest is
// smaller than the smallest copy in the source's format.
//
// The card is s.CardWidth×s.CardHeight, covering: scaled so that both
// sides fill it, cropped around s.Focus. A picture smaller than the card
// is not enlarged: the card is then the largest crop of the card's shape
// at the picture's own scale, and its Variant says its size.
func Process(data []byte, s Settings) (*Result, error) {
	pr, err := Prepare(data, s)
	if err != nil {
		return nil, err
	}
	return pr.Finish()
}

// Prepared is an image Prepare decoded and copied: every size is known,
// and whether WebP copies are kept, but only the smallest copies are
// encoded. Finish encodes the rest.
type Prepared struct {
	res    *Result
	finish func() error
	once   sync.Once
	err    error
}

// Result is what is made so far: every Variant's size and format, the
// Data of the smallest copies (of all, once finished).
func (p *Prepared) Result() *Result { return p.res }

// Finish encodes the other copies and the card, once; it may be called
// from several goroutines.
func (p *Prepared) Finish() (*Result, error) {
	p.once.Do(func() {
		if p.finish != nil {
			p.err = p.finish()
			p.finish = nil
		}
	})
	if p.err != nil {
		return nil, p.err
	}
	return p.res, nil
}

// Prepare does what Process does but encode the copies larger than the
// smallest, and the card: what a page shows of the picture (its size,
// the copies' widths, whether WebP is kept) is known at once, and the
// rest can wait until Finish. Process(data, s) is Prepare then Finish,
// and they make the same bytes.
func Prepare(data []byte, s Settings) (*Prepared, error) {
	info, err := Probe(data)
	if err != nil {
		return nil, err
	}
	s = s.withDefaults()
	res := &Result{Info: info}
	if info.Animated && !(info.Format == GIF && s.Card) {
		return &Prepared{res: res}, nil
	}
	if !info.Animated && (s.WebPQuality > 0 || info.Format == WebP) {
		go warmWebP() // the first time, compiling the encoder overlaps decoding
	}
	src, err := decode(info.Format, data)
	if err != nil {
		return nil, err
	}
	if info.Animated { // the card alone, from the first frame
		work := orient(toRGBA(src), info.Orientation)
		region, w, h := cardRegion(work.Rect.Dx(), work.Rect.Dy(), s)
		res.Card = &Variant{Width: w, Height: h, Format: JPEG}
		if res.Card.Data, err = encodeJPEG(resize(work, region, w, h), s.Quality); err != nil {
			return nil, err
		}
		return &Prepared{res: res}, nil
	}
	lossless := info.Format == PNG || info.Format == GIF || (info.Format == WebP && webpLossless(data))
	finish, err := newPlan(info, s, lossless).make(src, res)
	if err != nil {
		return nil, err
	}
	return &Prepared{res: res, finish: finish}, nil
}

// decode decodes data, of format f, to an image with bounds at (0, 0)
// (the first frame of a GIF, on a canvas as large as the GIF's).
func decode(f Format, data []byte) (image.Image, error) {
	r := bytes.NewReader(data)
	var m image.Image
	var err error
	switch f {
	case JPEG:
		m, err = jpeg.Decode(r)
	case PNG:
		m, err = png.Decode(r)
	case GIF:
		m, err = decodeGIF(r)
	default:
		if m, err = webp.Decode(r); err == nil {
			m = webpRGBA(m)
		}
	}
	if err != nil {
		return nil, decodeError(f, err)
	}
	if m.Bounds().Min != (image.Point{}) {
		m = toRGBA(m)
	}
	return m, nil
}

// decodeGIF decodes the first frame of a GIF, laid on a transparent
// canvas of the GIF's size when it is smaller than that.
func decodeGIF(r *bytes.Reader) (image.Image, error) {
	cfg, err := gif.DecodeConfig(r)
	if err != nil {
		return nil, err
	}
	if _, err := r.Seek(0, io.SeekStart); err != nil {
		return nil, err
	}
	m, err := gif.Decode(r)
	if err != nil {
		return nil, err
	}
	canvas := image.Rect(0, 0, cfg.Width, cfg.Height)
	if m.Bounds() == canvas {
		return m, nil
	}
	dst := image.NewRGBA(canvas)
	draw.Draw(dst, m.Bounds(), m, m.Bounds().Min, draw.Src)
	return dst, nil
}

// copyWidths is the widths Process makes copies at for a picture w pixels
// wide: every width in widths smaller than w, and w itself when it is no
// more than the largest, ascending, without repeats.
func copyWidths(widths []int, w int) []int {
	var out []int
	largest := 0
	for _, x := range widths {
		if x > 0 && x < w {
			out = append(out, x)
		}
		largest = max(largest, x)
	}
	if w <= largest || len(widths) == 0 {
		out = append(out, w)
	}
	slices.Sort(out)
	return slices.Compact(out)
}

// scaledHeight is the height of a copy w pixels wide of a picture of
// width sw and height sh: the same aspect ratio, rounded, at least 1.
func scaledHeight(w, sw, sh int) int {
	return max(1, int(math.Round(float64(w)*float64(sh)/float64(sw))))
}
