package content

import "strings"

func readSources(f fields) []Source {
	var out []Source
	one := func(v *value, name string) {
		if v == nil || v.kind == kindNull {
			return
		}
		var s Source
		if v.kind == kindMap {
			sf := fields{file: f.file, root: v, diags: f.diags}
			s = Source{Name: sf.str("name"), URL: sf.str("url"), Author: sf.str("author")}
			if s.URL != "" && !httpURL(s.URL) {
				sf.warnf(lineValue(v.get("url"), v), "source-url", "use a full address starting with https://",
					"%s.url: %q is not an absolute http(s) URL; the source is credited without a link", name, shorten(s.URL, 60))
				s.URL = ""
			}
		} else {
			s.Name = f.text(v, name)
		}
		if s.Name == "" {
			f.errorf(v, "source-name", name+": {name: Reuters, url: https://...}", "%s: the source has no name", name)
			return
		}
		out = append(out, s)
	}
	one(f.root.get("source"), "source")
	if v := f.root.get("sources"); v != nil && v.kind != kindNull {
		if v.kind != kindList {
			f.errorf(v, "field-type", "", "sources: expected a list of sources, got %s", v.describe())
		}
		for _, c := range v.list {
			one(c, "sources entry")
		}
	}
	return out
}

func lineValue(v, parent *value) *value {
	if v != nil {
		return v
	}
	return parent
}

func readImage(f fields) *Image {
	v := f.root.get("image")
	if v == nil || v.kind == kindNull {
		return nil
	}
	img := &Image{Focus: [2]float64{0.5, 0.5}, Line: v.line}
	if v.kind == kindMap {
		imf := fields{file: f.file, root: v, diags: f.diags}
		img.Src, img.Alt, img.Caption, img.Credit = imf.str("src"), imf.str("alt"), imf.str("caption"), imf.str("credit")
		img.Focus = readFocus(imf)
	} else {
		img.Src = f.text(v, "image")
	}
	if img.Src == "" && (img.Caption != "" || img.Credit != "") && v.kind == kindMap {
		// A photo to come: digest import keeps the caption and credit
		// of the article's photo for the editor to find it.
		f.warnf(v, "image-src", "add src (a path under static/ or beside the item, or an https:// URL) and alt", "image has a caption and credit but no src yet: no picture is shown")
		return nil
	}
	if img.Src == "" {
		f.errorf(v, "image-src", "image: {src: /img/summit.jpg, alt: ...}", "image: src is missing")
		return nil
	}
	if u := strings.ToLower(img.Src); strings.Contains(u, ":") && !strings.HasPrefix(u, "http://") && !strings.HasPrefix(u, "https://") {
		f.errorf(v, "image-src", "use a path under static/ or an https:// URL", "image.src: %q is not a path or an http(s) URL", shorten(img.Src, 60))
		return nil
	}
	if img.Alt == "" {
		f.warnf(v, "image-alt", "add alt: a short description of the picture", "image has no alt text: screen readers will skip it")
	}
	return img
}

// readFocus reads focus: [x, y], the point of the picture a social card
// keeps: fractions of its width and height from the top left.
func readFocus(f fields) [2]float64 {
	centre := [2]float64{0.5, 0.5}
	v := f.root.get("focus")
	if v == nil || v.kind == kindNull {
		return centre
	}
	ok := v.kind == kindList && len(v.list) == 2
	var p [2]float64
	for i := 0; ok && i < 2; i++ {
		e := v.list[i]
		ok = (e.kind == kindInt || e.kind == kindFloat) && e.num >= 0 && e.num <= 1
		p[i] = e.num
	}
	if !ok {
		f.errorf(v, "image-focus", "focus: [0.5, 0.3] keeps the middle of the top third", "image.focus: expected [x, y], two fractions between 0 and 1 from the top left, got %s", v.describe())
		return centre
	}
	return p
}
