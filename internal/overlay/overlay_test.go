package overlay

import (
	"io/fs"
	"slices"
	"testing"
	"testing/fstest"
)

func TestSiteOverTheme(t *testing.T) {
	theme := fstest.MapFS{
		"templates/base.html":        {Data: []byte("theme base")},
		"templates/partials/a.html":  {Data: []byte("theme a")},
		"static/style.css":           {Data: []byte("theme css")},
		"static/only-theme/logo.svg": {Data: []byte("<svg/>")},
	}
	site := fstest.MapFS{
		"templates/partials/a.html": {Data: []byte("site a")},
		"templates/home.html":       {Data: []byte("site home")},
		"static/style.css":          {Data: []byte("site css")},
	}
	o := New(site, theme)
	for name, want := range map[string]string{
		"templates/base.html": "theme base", "templates/partials/a.html": "site a",
		"templates/home.html": "site home", "static/style.css": "site css",
	} {
		if b, err := fs.ReadFile(o, name); err != nil || string(b) != want {
			t.Errorf("%s = %q, %v; want %q", name, b, err, want)
		}
		if b, err := o.ReadFile(name); err != nil || string(b) != want {
			t.Errorf("ReadFile(%s) = %q, %v; want %q", name, b, err, want)
		}
	}
	var walked []string
	fs.WalkDir(o, ".", func(p string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			walked = append(walked, p)
		}
		return err
	})
	want := []string{"static/only-theme/logo.svg", "static/style.css", "templates/base.html", "templates/home.html", "templates/partials/a.html"}
	if !slices.Equal(walked, want) {
		t.Errorf("walk: %v, want %v", walked, want)
	}
	if !o.FromTheme("templates/base.html") || o.FromTheme("templates/partials/a.html") || o.FromTheme("templates/home.html") || o.FromTheme("nope") {
		t.Error("FromTheme is wrong")
	}
	if err := fstest.TestFS(o, want...); err != nil {
		t.Error(err)
	}
	if _, err := o.Open("missing.html"); err == nil {
		t.Error("a missing file opened")
	}
	if New(nil, theme).FromTheme("templates/base.html") != true {
		t.Error("no site: the theme's file is the theme's")
	}
}
