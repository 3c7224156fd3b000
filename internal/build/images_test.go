package build

import (
	"bytes"
	"context"
	"encoding/binary"
	"hash/crc32"
	"image"
	_ "image/jpeg" // decoding the published copies
	_ "image/png"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"golang.org/x/net/html"

	"digest"
	"digest/internal/fingerprint"
	"digest/internal/imaging/imagingtest"
	"digest/internal/sitetest"
)

// imageSite writes a site whose items use local images: a page bundle's
// lead photo (a camera's, with GPS and a quarter turn in its EXIF), a
// PNG of static/ in the body, an outside image, and a small static JPEG
// no item uses, with GPS too.
func imageSite(t *testing.T, extra map[string]string) string {
	t.Helper()
	dir := t.TempDir()
	files := map[string]string{
		"content/_index.md": "---\ntitle: T\nbase_url: https://example.org/\nimage: {src: /img/site.png, alt: The site's picture}\n---\n",
		"content/articles/2025-08-20-story/index.md": "---\ntitle: Story\ndate: 2025-08-20\ntopics: [talks]\n" +
			"image: {src: photo.jpg, alt: A photo, focus: [1, 0.5]}\n---\nText.\n\n![A map](/img/map.png)\n\n![Elsewhere](https://img.example/x.jpg)\n",
		"content/articles/2025-08-20-story/photo.jpg": string(imagingtest.JPEG(2000, 1500, imagingtest.Options{GPS: true, Orientation: 6, Photo: true})),
		"static/img/map.png":                          string(imagingtest.PNG(800, 600, true)),
		"static/img/site.png":                         string(imagingtest.PNG(1400, 800, false)),
		"static/img/camera.jpg": string(imagingtest.JPEG(64, 48, imagingtest.Options{GPS: true, XMP: true, Comment: "at home",
			Orientation: 3})),
	}
	for p, s := range extra {
		files[p] = s
	}
	for p, s := range files {
		sitetest.WriteFile(t, dir, p, s)
	}
	return dir
}

// buildImages builds the site in dir into its public/ with the cache
// file given, and returns the result.
func buildImages(t *testing.T, dir, cache string) *Result {
	t.Helper()
	b := New(Options{Source: dir, Theme: digest.Theme, Now: fixedNow, CacheFile: cache, NoCache: cache == ""})
	defer b.Close()
	res, err := b.Build(context.Background(), nil)
	if err != nil {
		t.Fatalf("build: %v", err)
	}
	if err := b.SaveCache(); err != nil {
		t.Fatal(err)
	}
	return res
}

func TestImagesProcessed(t *testing.T) {
	dir := imageSite(t, nil)
	if res := buildImages(t, dir, ""); res.Diags.HasErrors() {
		t.Fatalf("build: %v", res.Diags.Sorted())
	}
	pub := filepath.Join(dir, "public")
	doc := parseFile(t, filepath.Join(pub, "2025/08/20/story/index.html"))

	// The lead image: turned upright (2000×1500 stored, a quarter turn),
	// fetched first, copies at 480, 960 and the photo's own 1500.
	lead := find(doc, func(n *html.Node) bool { return n.Data == "img" && hasAncestorClass(n, "lead") })
	if lead == nil {
		t.Fatal("no lead image")
	}
	if w, h := attrOf(lead, "width"), attrOf(lead, "height"); w != "1500" || h != "2000" {
		t.Errorf("lead image %s×%s, want 1500×2000 (upright)", w, h)
	}
	if attrOf(lead, "loading") == "lazy" || attrOf(lead, "fetchpriority") != "high" {
		t.Errorf("lead image loading=%q fetchpriority=%q: it is above the fold", attrOf(lead, "loading"), attrOf(lead, "fetchpriority"))
	}
	if got := srcsetWidths(attrOf(lead, "srcset")); !slices.Equal(got, []string{"480w", "960w", "1500w"}) {
		t.Errorf("lead srcset widths %v, want 480w 960w 1500w (never upscaled)", got)
	}
	checkCopies(t, pub, attrOf(lead, "srcset"), true)
	webp := find(lead.Parent, func(n *html.Node) bool { return n.Data == "source" })
	if webp == nil || attrOf(webp, "type") != "image/webp" {
		t.Error("the photo has no WebP source, though WebP is smaller for a photo")
	} else {
		checkCopies(t, pub, attrOf(webp, "srcset"), false)
	}

	// The body's PNG: lazy, its size, copies up to its own 800 pixels.
	body := find(doc, func(n *html.Node) bool { return n.Data == "img" && attrOf(n, "alt") == "A map" })
	if body == nil {
		t.Fatal("no body image")
	}
	if attrOf(body, "loading") != "lazy" || attrOf(body, "width") != "800" || attrOf(body, "height") != "600" {
		t.Errorf("body image loading=%q %s×%s", attrOf(body, "loading"), attrOf(body, "width"), attrOf(body, "height"))
	}
	if got := srcsetWidths(attrOf(body, "srcset")); !slices.Equal(got, []string{"480w", "800w"}) {
		t.Errorf("body srcset widths %v, want 480w 800w", got)
	}
	checkCopies(t, pub, attrOf(body, "srcset"), true)
	outside := find(doc, func(n *html.Node) bool { return n.Data == "img" && attrOf(n, "alt") == "Elsewhere" })
	if outside == nil || attrOf(outside, "src") != "https://img.example/x.jpg" || attrOf(outside, "srcset") != "" {
		t.Error("an outside image is not left as it is")
	}

	// Link previews: the card, 1200×630; the site's picture elsewhere.
	meta := metas(doc)
	card := meta["og:image"]
	if !strings.HasPrefix(card, "https://example.org/media/") || meta["og:image:width"] != "1200" || meta["og:image:height"] != "630" ||
		meta["twitter:card"] != "summary_large_image" {
		t.Errorf("article preview: %v", meta)
	}
	checkImage(t, filepath.Join(pub, strings.TrimPrefix(card, "https://example.org/")), 1200, 630)
	home := metas(parseFile(t, filepath.Join(pub, "index.html")))
	if !strings.Contains(home["og:image"], "/media/") || !strings.HasSuffix(home["og:image"], "-card.jpg") || home["og:image:width"] != "1200" {
		t.Errorf("home page preview: %v, want the site's picture's card", home)
	}

	// Nothing published carries EXIF: the copies are new encodings, the
	// bundle's photo and static/'s camera JPEG lose theirs losslessly.
	for _, p := range []string{"2025/08/20/story/photo.jpg", "img/camera.jpg"} {
		data, err := os.ReadFile(filepath.Join(pub, p))
		if err != nil {
			t.Fatal(err)
		}
		if imagingtest.HasGPS(data) || bytes.Contains(data, []byte("at home")) || bytes.Contains(data, []byte("x:xmpmeta")) {
			t.Errorf("%s: published with its GPS position, XMP or comment", p)
		}
	}
}

func TestKeepImageMetadata(t *testing.T) {
	dir := imageSite(t, map[string]string{
		"content/_index.md": "---\ntitle: T\nbase_url: https://example.org/\nkeep_image_metadata: true\n---\n"})
	if res := buildImages(t, dir, ""); res.Diags.HasErrors() {
		t.Fatalf("build: %v", res.Diags.Sorted())
	}
	data, err := os.ReadFile(filepath.Join(dir, "public/img/camera.jpg"))
	if err != nil {
		t.Fatal(err)
	}
	if !imagingtest.HasGPS(data) {
		t.Error("keep_image_metadata: true, yet static/'s image lost its EXIF")
	}
}

// TestBadImagesFailTheBuild: each bad image is an error naming the file
// and the item's line; the last good public/ stays as it was.
func TestBadImagesFailTheBuild(t *testing.T) {
	photo := imagingtest.JPEG(640, 480, imagingtest.Options{Photo: true})
	tests := []struct {
		name, data, want string
	}{
		{"truncated.jpg", string(imagingtest.Truncated(photo)), "corrupt"},
		{"lies.png", string(photo), "rename it lies.jpg"},
		{"bomb.png", string(bombPNG(30000, 30000)), "50 megapixels"},
		{"empty.jpg", "", "empty"},
	}
	small := map[string]string{"content/articles/2025-08-20-story/photo.jpg": string(imagingtest.JPEG(400, 300, imagingtest.Options{Orientation: 6})),
		"static/img/map.png": string(imagingtest.PNG(100, 80, false)), "static/img/site.png": string(imagingtest.PNG(120, 63, false))}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := imageSite(t, small)
			if res := buildImages(t, dir, ""); res.Diags.HasErrors() {
				t.Fatalf("good build: %v", res.Diags.Sorted())
			}
			before := snapshot(t, filepath.Join(dir, "public"))
			item := "content/articles/2025-08-21-bad.md"
			for p, data := range map[string]string{
				"static/img/" + tt.name: tt.data,
				item:                    "---\ntitle: Bad\ndate: 2025-08-21\ntopics: [talks]\n---\nText.\n\n![Broken](/img/" + tt.name + ")\n",
			} {
				if err := os.WriteFile(filepath.Join(dir, p), []byte(data), 0o644); err != nil {
					t.Fatal(err)
				}
			}
			res := buildImages(t, dir, "")
			var found bool
			for _, d := range res.Diags {
				if d.Code == "image" && d.File == item && d.Line == 8 && strings.Contains(d.Message, "static/img/"+tt.name) &&
					strings.Contains(d.Message, tt.want) {
					found = true
				}
			}
			if !found {
				t.Errorf("no error at %s:8 naming static/img/%s and saying %q: %v", item, tt.name, tt.want, res.Diags.Sorted())
			}
			if after := snapshot(t, filepath.Join(dir, "public")); !maps2Equal(before, after) {
				t.Error("a failed build changed public/")
			}
		})
	}
}

// TestImageCacheKeptBetweenRuns: a build in a new process decodes no
// image the cache has; a changed image is the only one decoded again.
func TestImageCacheKeptBetweenRuns(t *testing.T) {
	dir := imageSite(t, nil)
	cache := filepath.Join(t.TempDir(), "site.cache")
	if res := buildImages(t, dir, cache); res.Made != 3 || res.Images != 3 {
		t.Fatalf("cold build: %d images, %d made, want 3 and 3 (%v)", res.Images, res.Made, res.Diags.Sorted())
	}
	first := snapshot(t, filepath.Join(dir, "public"))
	if res := buildImages(t, dir, cache); res.Made != 0 {
		t.Errorf("warm build made %d images, want 0: the cache has them", res.Made)
	}
	if after := snapshot(t, filepath.Join(dir, "public")); !maps2Equal(first, after) {
		t.Error("a warm build from the cache published different files")
	}
	if err := os.WriteFile(filepath.Join(dir, "static/img/map.png"), imagingtest.PNG(900, 600, false), 0o644); err != nil {
		t.Fatal(err)
	}
	if res := buildImages(t, dir, cache); res.Made != 1 {
		t.Errorf("after one image changed, %d made, want 1", res.Made)
	}
}

// bombPNG is a PNG that claims w×h pixels: a header and nothing else
// worth decoding.
func bombPNG(w, h uint32) []byte {
	chunk := func(typ string, data []byte) []byte {
		b := binary.BigEndian.AppendUint32(nil, uint32(len(data)))
		b = append(b, typ...)
		b = append(b, data...)
		return binary.BigEndian.AppendUint32(b, crc32.ChecksumIEEE(append([]byte(typ), data...)))
	}
	ihdr := binary.BigEndian.AppendUint32(nil, w)
	ihdr = binary.BigEndian.AppendUint32(ihdr, h)
	ihdr = append(ihdr, 8, 6, 0, 0, 0)
	out := []byte("\x89PNG\r\n\x1a\n")
	out = append(out, chunk("IHDR", ihdr)...)
	out = append(out, chunk("IDAT", []byte{0x78, 0x9c, 0x03, 0x00, 0x00, 0x00, 0x00, 0x01})...)
	return append(out, chunk("IEND", nil)...)
}

// checkCopies checks that each file of a srcset exists under pub, has
// the width it is listed with and, unless webp, decodes.
func checkCopies(t *testing.T, pub, srcset string, decode bool) {
	t.Helper()
	for _, c := range strings.Split(srcset, ", ") {
		u, w, _ := strings.Cut(c, " ")
		data, err := os.ReadFile(filepath.Join(pub, strings.TrimPrefix(u, "/")))
		if err != nil {
			t.Errorf("srcset names %s: %v", u, err)
			continue
		}
		if imagingtest.HasEXIF(data) {
			t.Errorf("%s carries EXIF", u)
		}
		if !decode {
			continue
		}
		cfg, _, err := image.DecodeConfig(bytes.NewReader(data))
		if err != nil || cfg.Width != atoi(strings.TrimSuffix(w, "w")) {
			t.Errorf("%s: %v, %d wide, listed as %s", u, err, cfg.Width, w)
		}
	}
}

// checkImage checks an image file's size.
func checkImage(t *testing.T, file string, w, h int) {
	t.Helper()
	data, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	cfg, _, err := image.DecodeConfig(bytes.NewReader(data))
	if err != nil || cfg.Width != w || cfg.Height != h {
		t.Errorf("%s: %v %d×%d, want %d×%d", file, err, cfg.Width, cfg.Height, w, h)
	}
}

func parseFile(t *testing.T, file string) *html.Node {
	t.Helper()
	data, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	doc, err := html.Parse(bytes.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	return doc
}

// find returns the first node under n, in document order, that ok
// accepts.
func find(n *html.Node, ok func(*html.Node) bool) *html.Node {
	if n == nil {
		return nil
	}
	for d := range n.Descendants() {
		if d.Type == html.ElementNode && ok(d) {
			return d
		}
	}
	return nil
}

func attrOf(n *html.Node, key string) string {
	for _, a := range n.Attr {
		if a.Key == key {
			return a.Val
		}
	}
	return ""
}

func hasAncestorClass(n *html.Node, class string) bool {
	for p := n.Parent; p != nil; p = p.Parent {
		if slices.Contains(strings.Fields(attrOf(p, "class")), class) {
			return true
		}
	}
	return false
}

// srcsetWidths lists the width descriptors of a srcset.
func srcsetWidths(set string) []string {
	var out []string
	for _, c := range strings.Split(set, ", ") {
		if _, w, ok := strings.Cut(c, " "); ok {
			out = append(out, w)
		}
	}
	return out
}

// metas maps the page's meta properties and names to their content.
func metas(doc *html.Node) map[string]string {
	out := map[string]string{}
	for d := range doc.Descendants() {
		if d.Type == html.ElementNode && d.Data == "meta" {
			out[attrOf(d, "property")+attrOf(d, "name")] = attrOf(d, "content")
		}
	}
	return out
}

// snapshot reads every file under dir.
func snapshot(t *testing.T, dir string) map[string]string {
	t.Helper()
	out := map[string]string{}
	err := filepath.WalkDir(dir, func(p string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := os.ReadFile(p)
		out[p] = string(data)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

func maps2Equal(a, b map[string]string) bool {
	if len(a) != len(b) {
		return false
	}
	for k, v := range a {
		if w, ok := b[k]; !ok || w != v {
			return false
		}
	}
	return true
}

func atoi(s string) int {
	n := 0
	for _, r := range s {
		n = n*10 + int(r-'0')
	}
	return n
}

// deferSink is a recSink that takes files to make later, as the
// preview's store does.
type deferSink struct {
	*recSink
	deferred map[string]func() ([]byte, error)
}

func (d *deferSink) Defer(path string, _ fingerprint.Sum, render func() ([]byte, error)) {
	d.mu.Lock()
	defer d.mu.Unlock()
	d.deferred[path] = render
}

// TestPreviewMakesLargerCopiesWhenAsked: in the preview, the page shows
// a new photo as soon as its smallest copy is made; the larger copies
// and the card are made when asked for, and are the bytes a build makes.
func TestPreviewMakesLargerCopiesWhenAsked(t *testing.T) {
	dir := imageSite(t, nil)
	if res := buildImages(t, dir, ""); res.Diags.HasErrors() {
		t.Fatalf("build: %v", res.Diags.Sorted())
	}
	b := New(Options{Source: dir, Theme: digest.Theme, Now: fixedNow, NoCache: true})
	defer b.Close()
	sink := &deferSink{recSink: newRecSink(nil), deferred: map[string]func() ([]byte, error){}}
	if res, err := b.BuildTo(context.Background(), nil, sink, 1000); err != nil || res.Diags.HasErrors() {
		t.Fatalf("preview build: %v %v", err, res.Diags.Sorted())
	}
	var smallest, later int
	for p, data := range sink.written {
		if strings.HasPrefix(p, MediaDir+"/") {
			if !strings.Contains(p, "-480.") {
				t.Errorf("%s made before it was asked for", p)
			}
			smallest++
			checkSame(t, dir, p, []byte(data))
		}
	}
	for p, render := range sink.deferred {
		data, err := render()
		if err != nil {
			t.Fatalf("%s: %v", p, err)
		}
		later++
		checkSame(t, dir, p, data)
	}
	if smallest == 0 || later == 0 {
		t.Errorf("%d copies made at once, %d when asked for: want some of each", smallest, later)
	}
}

// checkSame compares a file the preview made with the build's.
func checkSame(t *testing.T, dir, p string, data []byte) {
	t.Helper()
	want, err := os.ReadFile(filepath.Join(dir, "public", filepath.FromSlash(p)))
	if err != nil || !bytes.Equal(want, data) {
		t.Errorf("%s: the preview's %d bytes differ from the build's (%v)", p, len(data), err)
	}
}
