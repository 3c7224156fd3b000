package imaging

import (
	"image"
	"math"
)

// plan is how Process makes the copies and the card of one still image.
type plan struct {
	info     Info
	s        Settings
	lossless bool  // whether the source is lossless (PNG, GIF, lossless WebP): try lossless WebP too
	widths   []int // of the copies, ascending
	halvings int   // how many times to halve the decoded image before anything else
}

// newPlan plans the copies and card of an image Probe described as info.
func newPlan(info Info, s Settings, lossless bool) *plan {
	p := &plan{info: info, s: s, lossless: lossless, widths: copyWidths(s.Widths, info.Width)}
	// The halved image must stay at least as large as the largest copy and
	// as the card (unless the picture is smaller than the card: then it is
	// cropped at full size).
	needW := p.widths[len(p.widths)-1]
	needH := scaledHeight(needW, info.Width, info.Height)
	if s.Card {
		cw, ch := s.CardWidth, s.CardHeight
		if info.Width < cw || info.Height < ch {
			cw, ch = info.Width, info.Height
		}
		needW, needH = max(needW, cw), max(needH, ch)
	}
	for w, h := info.Width/2, info.Height/2; w >= needW && h >= needH; w, h = w/2, h/2 {
		p.halvings++
	}
	return p
}

// make makes the copies and the card from src, the decoded image, and
// puts them in res, sizes all set: it encodes the smallest copy (in WebP
// too, to decide whether WebP is kept) and returns finish, which encodes
// the others and the card (see "WebP and the garbage collector" in the
// package doc for how the encodes share the cores).
func (p *plan) make(src image.Image, res *Result) (finish func() error, err error) {
	work := p.prepare(src)
	// At the source's own size, a PNG or GIF is encoded as decoded: its
	// palette or depth stays, and its pixels stay exactly as they were.
	var orig image.Image
	if p.halvings == 0 && p.info.Orientation == 1 && (p.info.Format == PNG || p.info.Format == GIF) {
		orig = src
	}
	src = nil // let the garbage collector have it
	n := len(p.widths)
	res.Variants = make([]Variant, n)
	var webps []Variant
	if p.s.WebPQuality > 0 && p.info.Format != WebP {
		webps = make([]Variant, n)
	}
	copies := make([]*image.RGBA, n)
	planes := make([]*image.NYCbCrA, n)
	prev := work
	for i := n - 1; i >= 0; i-- { // largest first: each is made from the one before
		w := p.widths[i]
		h := scaledHeight(w, p.info.Width, p.info.Height)
		m := prev
		if w != m.Rect.Dx() || h != m.Rect.Dy() {
			m = resize(prev, prev.Rect, w, h)
		}
		copies[i], prev = m, m
		if webps != nil || p.info.Format == WebP {
			planes[i] = webpYUV(m)
		}
		res.Variants[i].Width, res.Variants[i].Height, res.Variants[i].Format = w, h, p.fallback()
		if webps != nil {
			webps[i].Width, webps[i].Height, webps[i].Format = w, h, WebP
		}
	}
	var cardImg *image.RGBA
	if p.s.Card {
		cardImg, res.Card = p.card(work, copies)
	}
	// The smallest copy first: whether WebP is kept is decided on it, so
	// that everything a page shows of the picture is known before the
	// larger copies are encoded (a preview makes those when asked).
	j := newJobs()
	p.encode(j, 0, res.Variants, webps, copies, planes, orig)
	if err := j.wait(); err != nil {
		return nil, err
	}
	if webps != nil && len(webps[0].Data) < len(res.Variants[0].Data) {
		res.WebP = webps
	}
	return func() error {
		j := newJobs()
		for i := n - 1; i >= 1; i-- {
			p.encode(j, i, res.Variants, res.WebP, copies, planes, orig)
		}
		if cardImg != nil {
			c := res.Card
			j.run(func() (err error) { c.Data, err = encodeJPEG(cardImg, p.s.Quality); return err })
		}
		return j.wait()
	}, nil
}

// encode queues the encodes of copy i: in its own format, and in WebP if
// webps is not nil. The largest copy's WebP encode, the longest job, has a
// lane to itself, and the other WebP encodes take turns in the other.
func (p *plan) encode(j *jobs, i int, vs, webps []Variant, copies []*image.RGBA, planes []*image.NYCbCrA, orig image.Image) {
	n := len(vs)
	m, pl, v := copies[i], planes[i], &vs[i]
	switch {
	case v.Format == WebP:
		j.queue(min(n-1-i, 1), func() (err error) {
			v.Data, err = encodeWebP(m, pl, p.webpQuality(), p.lossless)
			return err
		})
	case orig != nil && v.Width == orig.Bounds().Dx():
		j.run(func() (err error) { v.Data, err = encodePNG(orig); return err })
	default:
		j.run(func() (err error) { v.Data, err = p.encodeFallback(m); return err })
	}
	if webps != nil {
		wv := &webps[i]
		j.queue(min(n-1-i, 1), func() (err error) {
			wv.Data, err = encodeWebP(m, pl, p.s.WebPQuality, p.lossless)
			return err
		})
	}
}

// card makes the social card's picture, from the smallest picture that
// covers it at full size (work or one of the copies), and its Variant,
// to be encoded.
func (p *plan) card(work *image.RGBA, copies []*image.RGBA) (*image.RGBA, *Variant) {
	from := work
	for _, m := range copies {
		if m.Rect.Dx() >= p.s.CardWidth && m.Rect.Dy() >= p.s.CardHeight && m.Rect.Dx() < from.Rect.Dx() {
			from = m
			break
		}
	}
	region, w, h := cardRegion(from.Rect.Dx(), from.Rect.Dy(), p.s)
	return resize(from, region, w, h), &Variant{Width: w, Height: h, Format: JPEG}
}

// fallback is the format of the copies: the source's, or PNG for a GIF.
func (p *plan) fallback() Format {
	if p.info.Format == GIF {
		return PNG
	}
	return p.info.Format
}

// webpQuality is the quality of the copies of a WebP source.
func (p *plan) webpQuality() int {
	if p.s.WebPQuality > 0 {
		return p.s.WebPQuality
	}
	return p.s.Quality
}

// encodeFallback encodes a copy as a JPEG or a PNG, as the source is.
func (p *plan) encodeFallback(m image.Image) ([]byte, error) {
	if rgba, ok := m.(*image.RGBA); ok && p.info.Format == JPEG {
		return encodeJPEG(rgba, p.s.Quality)
	}
	return encodePNG(m)
}

// prepare converts src to the working image: halved as planned, in RGBA,
// turned as its orientation says.
func (p *plan) prepare(src image.Image) *image.RGBA {
	var work *image.RGBA
	if p.halvings == 0 {
		var ok bool
		if work, ok = src.(*image.RGBA); !ok {
			work = toRGBA(src)
		}
	} else {
		work = halve(src)
		for range p.halvings - 1 {
			work = halve(work)
		}
	}
	return orient(work, p.info.Orientation)
}

// totalSize is the number of bytes of vs.
func totalSize(vs []Variant) int {
	n := 0
	for _, v := range vs {
		n += len(v.Data)
	}
	return n
}

// cardRegion is the part of a w×h picture the card shows, and the card's
// size: s.CardWidth×s.CardHeight, or the region's own size when the
// picture is smaller than the card.
func cardRegion(w, h int, s Settings) (region image.Rectangle, cw, ch int) {
	cw, ch = s.CardWidth, s.CardHeight
	var rw, rh int
	if w >= cw && h >= ch {
		scale := max(float64(cw)/float64(w), float64(ch)/float64(h))
		rw = min(w, int(math.Round(float64(cw)/scale)))
		rh = min(h, int(math.Round(float64(ch)/scale)))
	} else { // not enlarged: the largest crop of the card's shape
		if w*ch > h*cw {
			rw, rh = max(1, int(math.Round(float64(h)*float64(cw)/float64(ch)))), h
		} else {
			rw, rh = w, max(1, int(math.Round(float64(w)*float64(ch)/float64(cw))))
		}
		cw, ch = rw, rh
	}
	x := int(math.Round(s.Focus[0]*float64(w) - float64(rw)/2))
	y := int(math.Round(s.Focus[1]*float64(h) - float64(rh)/2))
	x, y = min(max(x, 0), w-rw), min(max(y, 0), h-rh)
	return image.Rect(x, y, x+rw, y+rh), cw, ch
}
