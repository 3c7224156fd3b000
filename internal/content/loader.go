package content

import (
	"context"
	"io/fs"
	"maps"
	"path"
	"runtime"
	"slices"
	"strings"
	"sync"

	"digest/internal/diag"
	"digest/internal/markdown"
	"digest/internal/slug"
	"digest/internal/spill"
)

// Folders and files of a site's content.
const (
	Dir         = "content"
	ConfigFile  = "content/_index.md"
	ArticlesDir = "content/articles"
	TopicsDir   = "content/topics"
	// EditionsDir holds editors' notes for editions, one per edition:
	// 2025-08-15.md, or 2025-W33.md for weekly editions.
	EditionsDir = "content/editions"
	// ImportsDir holds the texts digest import imported, beside content/:
	// never published, never watched.
	ImportsDir = "imports"
)

// Content is everything read from a site's content folder.
type Content struct {
	Config *Config
	Items  []*Item  // by file
	Topics []*Topic // by slug
	Pages  []*Item  // standalone pages (Item.Page), by file
	// ArticlesSection and TopicsSection are the settings of the lists
	// of items and of topics, from their _index.md; nil without one.
	ArticlesSection, TopicsSection *Section
	// Editions are the editors' notes of editions, by file: each a
	// Section whose body is the note.
	Editions []*Section
	// Resources are the files of page bundles, published beside their
	// pages; by path.
	Resources []Resource
	Diags     diag.List
	Parsed    int // files parsed by this load (the others were unchanged)
	// Broken lists the slugs of topic files that could not be read, so
	// that items naming them are not also told the topic has no file.
	Broken map[string]bool
}

// Loader reads a site's content and remembers what it parsed, so that a
// later Load re-reads only the files that changed. It is not safe for
// concurrent use.
type Loader struct {
	fsys     fs.FS
	override Override
	files    map[string]*entry // by logical path
	cfg      *Config
	cfgDiags diag.List
	cfgSeen  bool
	settings Settings
	cache    *markdown.Cache
	spill    *spill.File
	order    []*entry        // the entries of files, by path; nil when files changed
	bundles  map[string]bool // folders of page bundles
	// What Scan found for Read.
	todo      []*workItem
	walkDiags diag.List
}

type entry struct {
	path    string // logical
	real    string
	kind    fileKind
	hash    Hash
	item    *Item
	topic   *Topic
	section *Section
	diags   diag.List
	parsed  bool
}

// Resource is a file of a page bundle: content/articles/2025-08-20-x/map.png
// is published as map.png beside the page of content/articles/2025-08-20-x/index.md.
type Resource struct {
	Path   string // the file's path in the site
	Real   string // the path it is read from
	Bundle string // the bundle's folder
	Rel    string // the path inside it: "map.png", "docs/report.pdf"
}

// NewLoader returns a loader for the site in fsys, with o over the site's
// base_url setting.
func NewLoader(fsys fs.FS, o Override) *Loader {
	return &Loader{fsys: fsys, override: o, files: map[string]*entry{}}
}

// UseCache makes the loader keep Markdown conversions in c, which may
// hold those of an earlier run. Call it before the first Load.
func (l *Loader) UseCache(c *markdown.Cache) { l.cache = c }

// UseSpill makes the loader keep the HTML of item bodies in f rather than
// in memory (see package spill). Call it before the first Read.
func (l *Loader) UseSpill(f *spill.File) {
	l.spill = f
	if l.cfg != nil {
		l.useSettings()
	}
}

// useSettings makes the settings for the current configuration.
func (l *Loader) useSettings() {
	l.settings = newSettings(l.cfg, l.cache, l.spill)
	if l.cache != nil || l.spill != nil {
		l.settings.heal = newHealer(l.fsys, l.cfg)
	}
}

// Load brings the loader up to date and returns the content: Scan, then
// Read.
func (l *Loader) Load(ctx context.Context, changed []string) (*Content, error) {
	l.Scan(changed)
	return l.Read(ctx)
}

// Scan brings the list of content files up to date and returns how many
// there are; Read then reads what changed. changed lists slash paths
// relative to the site root (files or folders, added, edited or removed)
// that may have changed since the last Load; nil means anything may have
// changed, and the whole content folder is walked again. Files are read
// again only if listed, or on a full walk, and parsed again only if their
// bytes or the settings they depend on changed.
func (l *Loader) Scan(changed []string) int {
	full := changed == nil || !l.cfgSeen
	if full || slices.ContainsFunc(changed, func(p string) bool { return p == ConfigFile || p == Dir || p == "." }) {
		l.loadConfig()
	}
	if full {
		w := &walker{fsys: l.fsys}
		w.walk(Dir, Dir, nil)
		l.walkDiags = w.diags
		seen := map[string]bool{}
		for _, f := range w.files {
			seen[f.logical] = true
			if e := l.files[f.logical]; e == nil || e.real != f.real {
				l.files[f.logical] = &entry{path: f.logical, real: f.real}
			}
		}
		for p := range l.files {
			if !seen[p] {
				delete(l.files, p)
			}
		}
		l.order = nil
	} else {
		l.walkDiags = l.applyChanges(changed)
	}
	if l.order == nil {
		l.order = slices.SortedFunc(maps.Values(l.files), func(a, b *entry) int { return strings.Compare(a.path, b.path) })
		l.classify()
	}
	l.todo = l.todo[:0]
	changedSet := make(map[string]bool, len(changed))
	for _, p := range changed {
		changedSet[path.Clean(p)] = true
	}
	for _, e := range l.order {
		if e.path == ConfigFile {
			continue
		}
		if full || !e.parsed || changedSet[e.path] {
			l.todo = append(l.todo, &workItem{path: e.path, e: e})
		}
	}
	return len(l.files)
}

// classify says what each file is, now that the list of files changed: an
// index.md added to a folder makes the other files in it a bundle's
// resources. A file whose kind changed is read again.
func (l *Loader) classify() {
	paths := make([]string, len(l.order))
	for i, e := range l.order {
		paths[i] = e.path
	}
	l.bundles = bundleDirs(paths)
	for _, e := range l.order {
		if k := kindOf(e.path, l.bundles); k != e.kind {
			e.kind, e.parsed = k, false
		}
	}
}

// Read reads and parses what the last Scan found changed, and returns the
// content. When ctx is done it stops and returns ctx's error; what it had
// not parsed is parsed by the next Read.
func (l *Loader) Read(ctx context.Context) (*Content, error) {
	parsed := l.parse(ctx, l.todo, l.settings)
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	walkDiags := l.walkDiags
	c := &Content{Config: l.cfg, Parsed: parsed, Broken: map[string]bool{}}
	c.Diags = append(c.Diags, l.cfgDiags...)
	c.Diags = append(c.Diags, walkDiags...)
	c.Items = make([]*Item, 0, len(l.order))
	for _, e := range l.order {
		p := e.path
		c.Diags = append(c.Diags, e.diags...)
		c.add(e, l.bundles)
		if e.topic != nil {
			c.Topics = append(c.Topics, e.topic)
		} else if path.Dir(p) == TopicsDir && e.diags.HasErrors() {
			c.Broken[slug.Make(strings.TrimSuffix(path.Base(p), path.Ext(p)))] = true
		}
	}
	slices.SortStableFunc(c.Topics, func(a, b *Topic) int { return strings.Compare(a.Slug, b.Slug) })
	c.Diags = append(c.Diags, duplicateTopics(c.Topics)...)
	if d := taxonomyDiag(slices.Concat(c.Items, c.Pages), l.cfg.Taxonomies); d != nil {
		c.Diags.Add(*d)
	}
	return c, nil
}

// add files what the entry holds in the content.
func (c *Content) add(e *entry, bundles map[string]bool) {
	switch {
	case e.item != nil && e.item.Page:
		c.Pages = append(c.Pages, e.item)
	case e.item != nil:
		c.Items = append(c.Items, e.item)
	case e.section != nil && e.kind == edition:
		c.Editions = append(c.Editions, e.section)
	case e.section != nil && e.section.IsArticles():
		c.ArticlesSection = e.section
	case e.section != nil:
		c.TopicsSection = e.section
	case e.kind == resource:
		dir := path.Dir(e.path)
		for !bundles[dir] {
			dir = path.Dir(dir)
		}
		c.Resources = append(c.Resources, Resource{Path: e.path, Real: e.real, Bundle: dir, Rel: strings.TrimPrefix(e.path, dir+"/")})
	}
}

// Damage returns a warning if item bodies or front matter could not be
// read back from the file they were kept in, since the last call, and had
// to be made again from their Markdown (see package spill).
func (l *Loader) Damage() diag.List {
	if l.settings.heal == nil {
		return nil
	}
	return l.settings.heal.damage()
}

func (l *Loader) loadConfig() {
	l.cfgSeen = true
	src, d := readSource(l.fsys, ConfigFile, ConfigFile)
	var cfg *Config
	var diags diag.List
	switch {
	case d != nil:
		cfg = DefaultConfig()
		l.override.apply(cfg)
		if d.Code == "file-vanished" {
			diags.Warnf(ConfigFile, 0, "config-missing", "no %s: using default settings (title %q, time zone UTC)", ConfigFile, cfg.Title)
		} else {
			diags.Add(*d)
		}
	default:
		cfg, diags = ParseConfig(ConfigFile, src, l.override)
	}
	old := l.settings
	l.cfg, l.cfgDiags = cfg, diags
	if old.Converter == nil || old.key() != (Settings{Location: cfg.Location, UnsafeHTML: cfg.UnsafeHTML, BasePath: cfg.BasePath(), Taxonomies: cfg.Taxonomies}).key() {
		l.useSettings()
		for _, e := range l.files {
			e.parsed = false
		}
	}
}

type workItem struct {
	path string
	e    *entry
}

// parse reads and parses files in parallel; a file whose bytes hash as
// before keeps its earlier result. It stops early when ctx is done.
func (l *Loader) parse(ctx context.Context, todo []*workItem, s Settings) int {
	var wg sync.WaitGroup
	var mu sync.Mutex
	parsed := 0
	next := make(chan *workItem)
	for range min(runtime.GOMAXPROCS(0), max(len(todo), 1)) {
		wg.Go(func() {
			n := 0
			for w := range next {
				if ctx.Err() != nil {
					w.e.parsed = false // for the next Read
					continue
				}
				if l.parseOne(w.path, w.e, s) {
					n++
				}
			}
			mu.Lock()
			parsed += n
			mu.Unlock()
		})
	}
	for _, w := range todo {
		next <- w
	}
	close(next)
	wg.Wait()
	return parsed
}

func (l *Loader) parseOne(p string, e *entry, s Settings) bool {
	switch e.kind {
	case ignored, stray, resource:
		// Never read: it may be a 2 GB video dropped in the wrong folder,
		// or a bundle's.
		first := !e.parsed
		e.item, e.topic, e.section, e.parsed, e.hash, e.diags = nil, nil, nil, true, Hash{}, nil
		if e.kind != resource {
			e.diags = diag.List{ignoredDiag(p, e.kind)}
		}
		return first
	}
	src, d := readSource(l.fsys, p, e.real)
	if d != nil {
		e.item, e.topic, e.section, e.parsed, e.hash = nil, nil, nil, true, Hash{}
		e.diags = diag.List{*d}
		return false
	}
	h := s.hash(p, src)
	if e.parsed && e.hash == h {
		return false
	}
	e.hash, e.parsed = h, true
	e.item, e.topic, e.section, e.diags = nil, nil, nil, nil
	switch e.kind {
	case article, page:
		e.item, e.diags = ParseItem(p, src, s)
		if e.item != nil && e.real != p {
			e.item.real = e.real
		}
	case topic:
		e.topic, e.diags = ParseTopic(p, src, s)
	case section, edition:
		e.section, e.diags = ParseSection(p, src, s)
	}
	return true
}

func duplicateTopics(ts []*Topic) diag.List {
	var diags diag.List
	for i := 1; i < len(ts); i++ {
		if ts[i].Slug == ts[i-1].Slug {
			diags.Errorf(ts[i].File, 0, "topic-duplicate", "topic %q is also defined by %s", ts[i].Slug, ts[i-1].File)
		}
	}
	return diags
}
