package content

import (
	"path"
	"strings"
	"time"
	"unicode"
)

// Front matter keys read under other names too, as Hugo and Zola write
// them. Names are read in any case.
var (
	updatedKeys = []string{"updated", "lastmod", "modified"}
	publishKeys = []string{"publishDate", "pubdate", "published"}
	expiryKeys  = []string{"expiryDate", "unpublishdate"}
)

// pick returns the first of names the front matter has, in any case, or
// names[0].
func (f fields) pick(names ...string) string {
	for _, n := range names {
		if f.root.get(n) != nil {
			return n
		}
	}
	return names[0]
}

// readPublishing reads when an item may be published and stops being
// (an embargo, an expiry), and the fields that say where it lives: url,
// aliases, weight, description.
func readPublishing(f fields, it *Item, loc *time.Location) {
	if t, _, v := f.date(f.pick(publishKeys...), loc); v != nil {
		it.PublishDate = t
	}
	if t, _, v := f.date(f.pick(expiryKeys...), loc); v != nil {
		it.ExpiryDate = t
		if !t.IsZero() && !it.PublishDate.IsZero() && !t.After(it.PublishDate) {
			f.warnf(v, "expiry-before-publish", "", "%s: %s is not after the publish date %s: the item is never published",
				f.pick(expiryKeys...), t.Format("2006-01-02 15:04"), it.PublishDate.Format("2006-01-02 15:04"))
		}
	}
	it.Description = f.str("description")
	if v := f.root.get("imported_from"); v != nil {
		p := f.str("imported_from")
		if clean := path.Clean(p); p == "" || path.IsAbs(p) || clean != p || !strings.HasPrefix(clean, ImportsDir+"/") {
			f.warnf(v, "imported-from", "imported_from: imports/2025-08-15-x.txt", "imported_from: %q is not a file under %s/, so the item's text is not compared with it", p, ImportsDir)
		} else {
			it.ImportedFrom = clean
		}
	}
	it.Weight = f.integer("weight", 0)
	if v := f.root.get("url"); v != nil {
		if p, ok := sitePath(f, v, "url"); ok {
			it.FixedURL = p
		}
	}
	if v := f.root.get("aliases"); v != nil {
		for _, a := range f.list("aliases") {
			if p, ok := sitePath(f, &value{kind: kindString, text: a, line: v.line}, "aliases entry"); ok {
				it.Aliases = append(it.Aliases, p)
			}
		}
	}
}

// sitePath reads a site path ("/special/path/", "/2019/05/x.html"), as
// url and aliases give them, and returns it clean, with a leading slash.
func sitePath(f fields, v *value, name string) (string, bool) {
	s := f.text(v, name)
	if s == "" {
		return "", false
	}
	if strings.Contains(s, "://") || strings.HasPrefix(s, "//") || strings.ContainsFunc(s, func(r rune) bool {
		return r == '?' || r == '#' || r == '\\' || unicode.IsSpace(r) || unicode.IsControl(r)
	}) {
		f.errorf(v, "path-invalid", "a path from the site's root, such as /2019/05/old-story/", "%s: %q is not a path of the site", name, s)
		return "", false
	}
	for _, seg := range strings.Split(s, "/") {
		if seg == ".." {
			f.errorf(v, "path-invalid", "", "%s: %q leaves the site", name, s)
			return "", false
		}
	}
	clean := path.Clean("/" + s)
	if strings.HasSuffix(s, "/") && clean != "/" {
		clean += "/"
	}
	if clean == "/" {
		f.errorf(v, "path-invalid", "", "%s: %q is the home page", name, s)
		return "", false
	}
	return clean, true
}
