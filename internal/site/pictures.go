package site

import (
	"html"
	"net/url"
	"strconv"
	"strings"

	"digest/internal/content"
)

// Picture is a local image as the build processed it: its size as shown
// and the copies made of it. Paths are site paths ("media/3f2a…/x-480.jpg"),
// which the model gives the base path.
type Picture struct {
	Written string // the src as the item writes it: "photo.jpg", "/img/x.png"
	Width   int    // as displayed, after the EXIF orientation
	Height  int
	Src     string // the largest copy, or the original for what is not resized
	// Srcset lists the copies in the source's format and WebP those in
	// WebP, "media/…-480.jpg 480w, media/…-960.jpg 960w"; "" when there
	// are none (an animated GIF; WebP not smaller).
	Srcset, WebP string
	Card         string // the 1200×630 social card, "" if none
	CardWidth    int
	CardHeight   int
}

// Pictures finds the processed copies of an image: file is the content
// file that uses it and src the path as written there. It returns nil
// for what is not a local raster image (an https:// URL, an SVG).
type Pictures func(file, src string) *Picture

// Sizes is the sizes attribute of the theme's pictures: the column is
// 42rem wide with 1rem of padding on each side.
const Sizes = "(min-width: 42rem) 40rem, calc(100vw - 2rem)"

// Image is a picture as pages show it: the lead image of an article, or
// an image of its body.
type Image struct {
	Src, Alt, Caption, Credit string // Src works under the base path
	Width, Height             int    // 0 when unknown (an outside URL)
	Srcset, WebP              string // hrefs with widths, "" when none
	Sizes                     string // with Srcset
}

// Card is a page's picture for link previews: an absolute URL and its
// size (0 when unknown).
type Card struct {
	URL           string
	Alt           string
	Width, Height int
}

// picturesOf finds the pictures an item uses: its lead image first, then
// those of its body, each once.
func picturesOf(it *content.Item, find Pictures) []Picture {
	if find == nil {
		return nil
	}
	var out []Picture
	add := func(src string) {
		for _, p := range out {
			if p.Written == src {
				return
			}
		}
		if p := find(it.File, src); p != nil {
			out = append(out, *p)
		}
	}
	if it.LeadImage != nil {
		add(it.LeadImage.Src)
	}
	for _, l := range it.Links {
		if l.Image {
			add(l.Dest)
		}
	}
	return out
}

// picture is the processed form of src among an article's pictures.
func picture(ps []Picture, src string) *Picture {
	for i := range ps {
		if ps[i].Written == src {
			return &ps[i]
		}
	}
	return nil
}

// leadImage makes an article's lead image: src made to work from its
// page, and the copies' URLs if it was processed.
func leadImage(info *Info, img *content.Image, pageURL string, ps []Picture) *Image {
	out := &Image{Src: besidePage(info, img.Src, pageURL), Alt: img.Alt, Caption: img.Caption, Credit: img.Credit}
	if p := picture(ps, img.Src); p != nil {
		out.withPicture(info, p)
	}
	return out
}

// withPicture sets the copies of a processed picture.
func (img *Image) withPicture(info *Info, p *Picture) {
	img.Src, img.Width, img.Height = info.URL(p.Src), p.Width, p.Height
	img.Srcset, img.WebP = srcset(info, p.Srcset), srcset(info, p.WebP)
	if img.Srcset != "" {
		img.Sizes = Sizes
	}
}

// cardOf is the link preview picture of a processed image, or nil.
func cardOf(info *Info, p *Picture, alt string) *Card {
	if p == nil || p.Card == "" {
		return nil
	}
	return &Card{URL: info.AbsURL(p.Card), Alt: alt, Width: p.CardWidth, Height: p.CardHeight}
}

// srcset gives each site path of a srcset the base path.
func srcset(info *Info, set string) string {
	if set == "" {
		return ""
	}
	parts := strings.Split(set, ", ")
	for i, c := range parts {
		path, w, _ := strings.Cut(c, " ")
		parts[i] = info.URL(path) + " " + w
	}
	return strings.Join(parts, ", ")
}

// bodyPictures maps the processed images of an item's body by their src
// as its HTML has them (see srcKey).
func bodyPictures(info *Info, it *content.Item, pageURL string, ps []Picture) map[string]*Image {
	var out map[string]*Image
	for _, l := range it.Links {
		p := picture(ps, l.Dest)
		if !l.Image || p == nil {
			continue
		}
		if out == nil {
			out = map[string]*Image{}
		}
		img := &Image{Alt: l.Alt}
		img.withPicture(info, p)
		out[srcKey(info.base.Rebase(l.Dest))] = img
	}
	return out
}

// srcKey is the form in which a src is looked up: percent-escapes
// undone, as the Markdown renderer escapes what needs it.
func srcKey(src string) string {
	if u, err := url.PathUnescape(src); err == nil {
		return u
	}
	return src
}

// withPictures writes the copies of processed pictures into the <img>
// tags of a body's HTML: width and height (no layout shift), srcset and
// sizes, a WebP <source> where it is smaller, and lazy loading. pics maps
// each image's src as the HTML has it to its image.
func withPictures(body string, pics map[string]*Image) string {
	if len(pics) == 0 || !strings.Contains(body, "<img ") {
		return body
	}
	var b strings.Builder
	b.Grow(len(body) + 512*len(pics))
	rest := body
	for {
		i := strings.Index(rest, "<img ")
		if i < 0 {
			break
		}
		end := strings.IndexByte(rest[i:], '>')
		if end < 0 {
			break
		}
		tag := rest[i : i+end+1]
		b.WriteString(rest[:i])
		rest = rest[i+end+1:]
		img := pics[srcKey(html.UnescapeString(attrOf(tag, "src")))]
		if img == nil {
			b.WriteString(tag)
			continue
		}
		writePicture(&b, tag, img)
	}
	b.WriteString(rest)
	return b.String()
}

// writePicture writes the <picture> of a body's <img> tag.
func writePicture(b *strings.Builder, tag string, img *Image) {
	if img.WebP != "" {
		b.WriteString(`<picture><source type="image/webp" srcset="`)
		b.WriteString(html.EscapeString(img.WebP))
		b.WriteString(`" sizes="` + Sizes + `">`)
	}
	b.WriteString(`<img src="`)
	b.WriteString(html.EscapeString(img.Src))
	b.WriteString(`"`)
	if img.Srcset != "" {
		b.WriteString(` srcset="` + html.EscapeString(img.Srcset) + `" sizes="` + Sizes + `"`)
	}
	b.WriteString(` width="` + strconv.Itoa(img.Width) + `" height="` + strconv.Itoa(img.Height) + `"`)
	for _, name := range []string{"alt", "title"} {
		if v, ok := attrPresent(tag, name); ok {
			b.WriteString(" " + name + `="` + v + `"`)
		}
	}
	b.WriteString(` loading="lazy" decoding="async">`)
	if img.WebP != "" {
		b.WriteString(`</picture>`)
	}
}

// attrOf is the value of the attribute name in a tag our Markdown
// renderer wrote (double-quoted, escaped), still escaped; "" if absent.
func attrOf(tag, name string) string {
	v, _ := attrPresent(tag, name)
	return v
}

// attrPresent is attrOf, and whether the tag has the attribute.
func attrPresent(tag, name string) (string, bool) {
	key := " " + name + `="`
	i := strings.Index(tag, key)
	if i < 0 {
		return "", false
	}
	v := tag[i+len(key):]
	j := strings.IndexByte(v, '"')
	if j < 0 {
		return "", false
	}
	return v[:j], true
}
