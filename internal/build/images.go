package build

import (
	"context"
	"encoding/hex"
	"fmt"
	"io/fs"
	"net/url"
	"path"
	"slices"
	"strings"
	"sync"

	"digest/internal/content"
	"digest/internal/diag"
	"digest/internal/disk"
	"digest/internal/fingerprint"
	"digest/internal/imaging"
	"digest/internal/site"
)

// The images of items (their lead images and those of their bodies) that
// are local raster files, in static/ or beside the item in a page
// bundle, are processed before the model is made: their size, copies at
// a few widths, WebP copies where smaller, a social card for lead images.
// Each is read, hashed and looked up in the builder's memo, then in the
// cache beside the conversion cache (imagecache.go); only new or changed
// images are decoded, one per worker at a time.

// MaxImageFile is the largest image file the builder reads.
const MaxImageFile = 64 << 20

// MediaDir is the output folder of processed images: each under a folder
// named after a hash of its source and settings, so a changed picture is
// a new URL and hosts can cache them for ever.
const MediaDir = "media"

// imageSettings are the copies made of every image; lead images also get
// a social card around their focus.
var imageSettings = imaging.Settings{Widths: []int{480, 960, 1600}, Quality: 80, WebPQuality: 75,
	CardWidth: 1200, CardHeight: 630, Focus: [2]float64{0.5, 0.5}}

// imageUse is one place that uses an image: a file and line.
type imageUse struct {
	file string
	line int
}

// imageJob is one image to process with one set of settings.
type imageJob struct {
	src      string // the file in the site ("static/img/x.jpg")
	fsys     fs.FS
	settings imaging.Settings
	uses     []imageUse
}

// key is what a job's memo entry is found by.
func (j *imageJob) key() string { return j.src + "\x00" + j.settings.Key() }

// picture is a processed image: what pages show of it and the files it
// publishes.
type picture struct {
	pic     site.Picture
	outputs []imageOutput
	dir     string // of its files: media/<input>/
	stem    string // their names' start
	// original is the source without metadata, published for what is
	// not resized (an animated GIF).
	original []byte
	// pending, in the preview, is a picture whose larger copies and card
	// are still to be encoded: finished makes them, once.
	pending *imaging.Prepared
	mu      sync.Mutex // guards pending, and the outputs' data once handed out
	once    sync.Once
	err     error
	input   fingerprint.Sum // of the source's bytes and the settings
	size    int64           // the source's, with modTime: whether to read it again
	modTime string
}

// imageOutput is one published file of a processed image. data is held
// only until the cache keeps it (see imagecache.go).
type imageOutput struct {
	path string
	data []byte
}

// imageRefs resolves what items write as an image's src to files.
type imageRefs struct {
	themed    fs.FS           // static/ over the theme's
	resources map[string]bool // the page bundles' files, by path in the site
	static    map[string]bool // whether each static path asked for so far exists
}

// file returns the site file a src written in the content file from
// names, and whether it is a local raster image the builder processes.
func (r imageRefs) file(from, src string) (string, bool) {
	u, err := url.Parse(src)
	if err != nil || u.Scheme != "" || u.Host != "" || u.Path == "" || strings.HasPrefix(src, "//") {
		return "", false
	}
	if imaging.FormatOfName(u.Path) == "" {
		return "", false
	}
	if strings.HasPrefix(u.Path, "/") {
		p := StaticDir + path.Clean(u.Path)
		found, asked := r.static[p]
		if !asked {
			_, err := fs.Stat(r.themed, p)
			found = err == nil
			r.static[p] = found
		}
		return p, found
	}
	p := path.Join(path.Dir(from), u.Path)
	return p, r.resources[p]
}

// images processes the images the content uses and returns how the model
// finds them, with a diagnostic for each use of an image that cannot be
// read or decoded.
func (b *Builder) images(ctx context.Context, c *content.Content, changed []string) (site.Pictures, *site.Picture, diag.List) {
	refs := imageRefs{themed: b.themed, resources: map[string]bool{}, static: map[string]bool{}}
	for _, r := range c.Resources {
		refs.resources[r.Path] = true
	}
	jobs, byUse := b.imageJobs(c, refs)
	var diags diag.List
	b.made = 0
	done := b.processImages(ctx, jobs, changed, &diags)
	b.pictures = done
	find := func(file, src string) *site.Picture {
		if p := done[byUse[[2]string{file, src}]]; p != nil {
			pic := p.pic
			pic.Written = src
			return &pic
		}
		return nil
	}
	var card *site.Picture
	if img := c.Config.Image; img != nil {
		card = find(c.Config.File, img.Src)
	}
	return find, card, diags
}

// imageJobs lists the images to process, each once per settings, and the
// job key of each use (file, src as written).
func (b *Builder) imageJobs(c *content.Content, refs imageRefs) ([]*imageJob, map[[2]string]string) {
	jobs := map[string]*imageJob{}
	bySrc := map[string]*imageJob{} // the first job of each file
	byUse := map[[2]string]string{}
	add := func(from, src string, line int, lead *content.Image) {
		p, ok := refs.file(from, src)
		if !ok {
			return
		}
		s := imageSettings
		if lead != nil {
			s.Card, s.Focus = true, lead.Focus
		}
		j := &imageJob{src: p, fsys: b.themed, settings: s}
		if !strings.HasPrefix(p, StaticDir+"/") {
			j.fsys = b.siteFS
		}
		switch old := bySrc[p]; {
		case jobs[j.key()] != nil:
			j = jobs[j.key()]
		case lead == nil && old != nil:
			j = old // a body's use takes a lead image's copies, card and all
		default:
			jobs[j.key()] = j
			if old == nil {
				bySrc[p] = j
			}
		}
		j.uses = append(j.uses, imageUse{file: from, line: line})
		byUse[[2]string{from, src}] = j.key()
	}
	var items []*content.Item
	for _, it := range slices.Concat(c.Items, c.Pages) {
		if !it.Draft || b.opts.Drafts {
			items = append(items, it)
		}
	}
	// Lead images first, so that bodies showing the same file share
	// their copies.
	if img := c.Config.Image; img != nil {
		add(c.Config.File, img.Src, img.Line, img)
	}
	for _, it := range items {
		if it.LeadImage != nil {
			add(it.File, it.LeadImage.Src, it.LeadImage.Line, it.LeadImage)
		}
	}
	for _, it := range items {
		for _, l := range it.Links {
			if l.Image {
				add(it.File, l.Dest, l.Line, nil)
			}
		}
	}
	keys := make([]string, 0, len(jobs))
	for k := range jobs {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	out := make([]*imageJob, len(keys))
	for i, k := range keys {
		out[i] = jobs[k]
	}
	return out, byUse
}

// processImages brings every job's picture up to date: from the last
// build's when its file is not among the changed paths and its size and
// time are the same, else from the cache, else made again. Jobs run on
// every core, one image per worker.
func (b *Builder) processImages(ctx context.Context, jobs []*imageJob, changed []string, diags *diag.List) map[string]*picture {
	done := make(map[string]*picture, len(jobs))
	var mu sync.Mutex
	var found diag.List
	forEach(ctx, jobs, func(_ *worker, j *imageJob) {
		p, err := b.pictureOf(j, changed)
		mu.Lock()
		defer mu.Unlock()
		if err != nil {
			for _, u := range j.uses {
				found.Add(diag.Diagnostic{File: u.file, Line: u.line, Severity: diag.Error, Code: "image",
					Message: fmt.Sprintf("%s: %v", j.src, err),
					Hint:    "replace the file with a JPEG, PNG, GIF or WebP image of at most 50 megapixels"})
			}
			return
		}
		done[j.key()] = p
	})
	diags.Add(found.Sorted()...)
	return done
}

// pictureOf returns a job's picture: the last build's if its source is
// unchanged, else the cache's or a new one.
func (b *Builder) pictureOf(j *imageJob, changed []string) (*picture, error) {
	last := b.pictures[j.key()]
	if last != nil && changed != nil && !affected(changed, j.src) {
		return last, nil
	}
	info, err := fs.Stat(j.fsys, j.src)
	if err != nil {
		return nil, fmt.Errorf("cannot read: %w", err)
	}
	modTime := info.ModTime().UTC().String()
	if last != nil && last.size == info.Size() && last.modTime == modTime {
		return last, nil
	}
	data, err := disk.ReadFS(j.fsys, j.src, MaxImageFile)
	if err != nil {
		return nil, fmt.Errorf("cannot read: %w", err)
	}
	sum := fingerprint.Bytes(data)
	input := fingerprint.Strings("image", imageVersion, j.settings.Key(), string(sum[:]))
	p := b.cachedPicture(input)
	if p == nil {
		if p, err = b.makePicture(j, data, input); err != nil {
			return nil, err
		}
	}
	p.size, p.modTime = info.Size(), modTime
	return p, nil
}

// makePicture decodes and processes an image.
func (b *Builder) makePicture(j *imageJob, data []byte, input fingerprint.Sum) (*picture, error) {
	info, err := imaging.Probe(data)
	if err != nil {
		return nil, err
	}
	if claimed := imaging.FormatOfName(j.src); claimed != info.Format {
		return nil, fmt.Errorf("its name says %s but it is a %s image: rename it %s", strings.ToUpper(string(claimed)),
			strings.ToUpper(string(info.Format)), strings.TrimSuffix(path.Base(j.src), path.Ext(j.src))+info.Format.Ext())
	}
	pr, err := b.prepare(data, j.settings)
	if err != nil {
		return nil, err
	}
	p := &picture{input: input, dir: MediaDir + "/" + hex.EncodeToString(input[:8]) + "/", stem: mediaStem(j.src)}
	if len(pr.Result().Variants) == 0 {
		// Not resized (an animated GIF): the original, without metadata.
		if p.original, err = imaging.Strip(data); err != nil {
			return nil, err
		}
	}
	p.setOutputs(pr.Result())
	if b.lazy {
		// The preview: the page can show the picture now; the larger
		// copies and the card are made when first asked for.
		p.pending = pr
		return p, nil
	}
	if err := b.finishPicture(p, pr); err != nil {
		return nil, err
	}
	return p, nil
}

// setOutputs sets what pages show of a picture and its files, from
// what was made of it so far (data is nil where not yet encoded).
func (p *picture) setOutputs(res *imaging.Result) {
	dir, stem := p.dir, p.stem
	p.outputs = nil
	p.pic = site.Picture{Width: res.Info.Width, Height: res.Info.Height}
	if p.original != nil {
		p.pic.Src = dir + stem + res.Info.Format.Ext()
		p.outputs = append(p.outputs, imageOutput{path: p.pic.Src, data: p.original})
	}
	p.pic.Srcset = p.addCopies(dir+stem, res.Variants)
	p.pic.WebP = p.addCopies(dir+stem, res.WebP)
	if n := len(res.Variants); n > 0 {
		p.pic.Src = dir + stem + fmt.Sprintf("-%d", res.Variants[n-1].Width) + res.Variants[n-1].Format.Ext()
	}
	if c := res.Card; c != nil {
		p.pic.Card, p.pic.CardWidth, p.pic.CardHeight = dir+stem+"-card"+c.Format.Ext(), c.Width, c.Height
		p.outputs = append(p.outputs, imageOutput{path: p.pic.Card, data: c.Data})
	}
}

// finishPicture encodes the rest of a prepared picture and keeps it in
// the cache.
func (b *Builder) finishPicture(p *picture, pr *imaging.Prepared) error {
	res, err := b.finish(pr)
	if err != nil {
		return err
	}
	// The same files in the same order, their bytes now made: filled in
	// place, as the preview may be listing them meanwhile.
	fresh := &picture{dir: p.dir, stem: p.stem, original: p.original}
	fresh.setOutputs(res)
	p.mu.Lock()
	defer p.mu.Unlock()
	for i := range p.outputs {
		p.outputs[i].data = fresh.outputs[i].data
	}
	b.keepPicture(p)
	return nil
}

// finished makes sure a picture the preview prepared is finished, once.
func (b *Builder) finished(p *picture) error {
	p.once.Do(func() {
		if pr := p.unfinished(); pr != nil {
			p.err = b.finishPicture(p, pr)
			p.mu.Lock()
			p.pending = nil
			p.mu.Unlock()
		}
	})
	return p.err
}

// unfinished is what remains to be made of a picture the preview
// prepared, or nil.
func (p *picture) unfinished() *imaging.Prepared {
	p.mu.Lock()
	defer p.mu.Unlock()
	return p.pending
}

// addCopies adds the copies to the picture's outputs and returns their
// srcset.
func (p *picture) addCopies(stem string, vs []imaging.Variant) string {
	parts := make([]string, len(vs))
	for i, v := range vs {
		out := fmt.Sprintf("%s-%d%s", stem, v.Width, v.Format.Ext())
		p.outputs = append(p.outputs, imageOutput{path: out, data: v.Data})
		parts[i] = fmt.Sprintf("%s %dw", out, v.Width)
	}
	return strings.Join(parts, ", ")
}

// mediaStem is a file name for the copies of src: its own name, in
// lower-case letters, digits and dashes.
func mediaStem(src string) string {
	base := strings.ToLower(strings.TrimSuffix(path.Base(src), path.Ext(src)))
	var b strings.Builder
	for _, r := range base {
		switch {
		case r >= 'a' && r <= 'z', r >= '0' && r <= '9':
			b.WriteRune(r)
		case b.Len() > 0 && !strings.HasSuffix(b.String(), "-"):
			b.WriteByte('-')
		}
	}
	if s := strings.Trim(b.String(), "-"); s != "" {
		return s
	}
	return "image"
}
