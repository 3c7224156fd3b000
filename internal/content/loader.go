package content

import (
	"errors"
	"fmt"
	"io/fs"
	"maps"
	"path"
	"runtime"
	"slices"
	"strings"
	"sync"

	"digest/internal/diag"
	"digest/internal/disk"
	"digest/internal/markdown"
	"digest/internal/slug"
	"digest/internal/spill"
)

// Folders and files of a site's content.
const (
	Dir          = "content"
	ConfigFile   = "content/_index.md"
	ArticlesDir  = "content/articles"
	TopicsDir    = "content/topics"
	markdownExts = ".md .markdown"
)

// Content is everything read from a site's content folder.
type Content struct {
	Config *Config
	Items  []*Item  // by file
	Topics []*Topic // by slug
	Diags  diag.List
	Parsed int // files parsed by this load (the others were unchanged)
	// Broken lists the slugs of topic files that could not be read, so
	// that items naming them are not also told the topic has no file.
	Broken map[string]bool
}

// Loader reads a site's content and remembers what it parsed, so that a
// later Load re-reads only the files that changed. It is not safe for
// concurrent use.
type Loader struct {
	fsys     fs.FS
	baseURL  string
	files    map[string]*entry // by logical path
	cfg      *Config
	cfgDiags diag.List
	cfgSeen  bool
	settings Settings
	cache    *markdown.Cache
	spill    *spill.File
	sorted   []string // the keys of files, sorted; nil when they changed
}

type entry struct {
	real   string
	hash   Hash
	item   *Item
	topic  *Topic
	diags  diag.List
	parsed bool
}

// NewLoader returns a loader for the site in fsys. A non-empty baseURL
// (absolute, ending in "/") overrides the site's base_url setting.
func NewLoader(fsys fs.FS, baseURL string) *Loader {
	return &Loader{fsys: fsys, baseURL: baseURL, files: map[string]*entry{}}
}

// UseCache makes the loader keep Markdown conversions in c, which may
// hold those of an earlier run. Call it before the first Load.
func (l *Loader) UseCache(c *markdown.Cache) { l.cache = c }

// UseSpill makes the loader keep the HTML of item bodies in f rather than
// in memory (see package spill). Call it before the first Load.
func (l *Loader) UseSpill(f *spill.File) { l.spill = f }

// Load brings the loader up to date and returns the content. changed lists
// slash paths relative to the site root (files or folders, added, edited or
// removed) that may have changed since the last Load; nil means anything
// may have changed, and the whole content folder is walked again. Files are
// read again only if listed, or on a full walk, and parsed again only if
// their bytes or the settings they depend on changed.
func (l *Loader) Load(changed []string) *Content {
	var walkDiags diag.List
	full := changed == nil || !l.cfgSeen
	if full || slices.ContainsFunc(changed, func(p string) bool { return p == ConfigFile || p == Dir || p == "." }) {
		l.loadConfig()
	}
	s := l.settings
	if full {
		w := &walker{fsys: l.fsys}
		w.walk(Dir, Dir, nil)
		walkDiags = w.diags
		seen := map[string]bool{}
		for _, f := range w.files {
			seen[f.logical] = true
			if e := l.files[f.logical]; e == nil || e.real != f.real {
				l.files[f.logical] = &entry{real: f.real}
			}
		}
		for p := range l.files {
			if !seen[p] {
				delete(l.files, p)
			}
		}
		l.sorted = nil
	} else {
		walkDiags = l.applyChanges(changed)
	}

	changedSet := make(map[string]bool, len(changed))
	for _, p := range changed {
		changedSet[path.Clean(p)] = true
	}
	var todo []*workItem
	for p, e := range l.files {
		if p == ConfigFile {
			continue
		}
		if full || !e.parsed || changedSet[p] {
			todo = append(todo, &workItem{path: p, e: e})
		}
	}
	parsed := l.parse(todo, s)

	c := &Content{Config: l.cfg, Parsed: parsed, Broken: map[string]bool{}}
	c.Diags = append(c.Diags, l.cfgDiags...)
	c.Diags = append(c.Diags, walkDiags...)
	if len(l.sorted) != len(l.files) {
		l.sorted = slices.Sorted(maps.Keys(l.files))
	}
	for _, p := range l.sorted {
		e := l.files[p]
		c.Diags = append(c.Diags, e.diags...)
		if e.item != nil {
			c.Items = append(c.Items, e.item)
		}
		if e.topic != nil {
			c.Topics = append(c.Topics, e.topic)
		} else if path.Dir(p) == TopicsDir && e.diags.HasErrors() {
			c.Broken[slug.Make(strings.TrimSuffix(path.Base(p), path.Ext(p)))] = true
		}
	}
	slices.SortStableFunc(c.Topics, func(a, b *Topic) int { return strings.Compare(a.Slug, b.Slug) })
	c.Diags = append(c.Diags, duplicateTopics(c.Topics)...)
	return c
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

// applyChanges updates the file list for changed paths without a full walk.
func (l *Loader) applyChanges(changed []string) diag.List {
	var diags diag.List
	for _, p := range changed {
		p = path.Clean(p)
		if p == ConfigFile || !(p == Dir || strings.HasPrefix(p, Dir+"/")) || ignoredPath(p) {
			continue
		}
		if _, wasFile := l.files[p]; wasFile {
			// The map holds files only, so nothing was inside p.
			delete(l.files, p)
			l.sorted = nil
		} else {
			prefix := p + "/"
			for q := range l.files {
				if strings.HasPrefix(q, prefix) {
					delete(l.files, q)
					l.sorted = nil
				}
			}
		}
		st, err := fs.Stat(l.fsys, p)
		if err != nil {
			continue // removed
		}
		if !st.IsDir() {
			if lst, ok := l.fsys.(fs.ReadLinkFS); ok {
				if li, err := lst.Lstat(p); err == nil && li.Mode()&fs.ModeSymlink != 0 {
					w := &walker{fsys: l.fsys}
					if real, dir, ok := w.resolve(p, p); ok && !dir {
						l.files[p] = &entry{real: real}
						l.sorted = nil
					}
					diags = append(diags, w.diags...)
					continue
				}
			}
			l.files[p] = &entry{real: p}
			l.sorted = nil
			continue
		}
		w := &walker{fsys: l.fsys}
		w.walk(p, p, nil)
		diags = append(diags, w.diags...)
		for _, f := range w.files {
			l.files[f.logical] = &entry{real: f.real}
			l.sorted = nil
		}
	}
	return diags
}

func ignoredPath(p string) bool {
	return slices.ContainsFunc(strings.Split(p, "/"), IsIgnoredName)
}

func (l *Loader) loadConfig() {
	l.cfgSeen = true
	src, d := readSource(l.fsys, ConfigFile, ConfigFile)
	var cfg *Config
	var diags diag.List
	switch {
	case d != nil && d.Code == "file-vanished":
		cfg = DefaultConfig()
		if l.baseURL != "" {
			cfg.BaseURL = l.baseURL
		}
		diags.Warnf(ConfigFile, 0, "config-missing", "no %s: using default settings (title %q, time zone UTC)", ConfigFile, cfg.Title)
	case d != nil:
		cfg = DefaultConfig()
		diags.Add(*d)
	default:
		cfg, diags = ParseConfig(ConfigFile, src, l.baseURL)
	}
	old := l.settings
	l.cfg, l.cfgDiags = cfg, diags
	if old.Converter == nil || old.key() != (Settings{Location: cfg.Location, UnsafeHTML: cfg.UnsafeHTML, BasePath: cfg.BasePath()}).key() {
		l.settings = newSettings(cfg, l.cache, l.spill)
		if l.cache != nil || l.spill != nil {
			l.settings.heal = newHealer(l.fsys, cfg)
		}
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
// before keeps its earlier result.
func (l *Loader) parse(todo []*workItem, s Settings) int {
	var wg sync.WaitGroup
	var mu sync.Mutex
	parsed := 0
	next := make(chan *workItem)
	for range min(runtime.GOMAXPROCS(0), max(len(todo), 1)) {
		wg.Go(func() {
			n := 0
			for w := range next {
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
	kind := kindOf(p)
	if kind == ignored {
		// Never read: it may be a 2 GB video dropped in the wrong folder.
		first := !e.parsed
		e.item, e.topic, e.parsed, e.hash = nil, nil, true, Hash{}
		e.diags = diag.List{ignoredDiag(p)}
		return first
	}
	src, d := readSource(l.fsys, p, e.real)
	if d != nil {
		e.item, e.topic, e.parsed, e.hash = nil, nil, true, Hash{}
		e.diags = diag.List{*d}
		return false
	}
	h := s.hash(p, src)
	if e.parsed && e.hash == h {
		return false
	}
	e.hash, e.parsed = h, true
	e.item, e.topic, e.diags = nil, nil, nil
	switch kind {
	case article:
		e.item, e.diags = ParseItem(p, src, s)
		if e.item != nil && e.real != p {
			e.item.real = e.real
		}
	case topic:
		e.topic, e.diags = ParseTopic(p, src, s)
	}
	return true
}

// fileKind is what a file under content/ is, by its path alone.
type fileKind int

const (
	ignored fileKind = iota
	article
	topic
)

func kindOf(p string) fileKind {
	ext := path.Ext(p)
	switch {
	case ext == "" || !strings.Contains(markdownExts, ext):
		return ignored
	case strings.HasPrefix(p, ArticlesDir+"/"):
		return article
	case path.Dir(p) == TopicsDir:
		return topic
	}
	return ignored
}

// ignoredDiag says why the file at p is not used.
func ignoredDiag(p string) diag.Diagnostic {
	d := diag.Diagnostic{File: p, Severity: diag.Warning, Code: "file-ignored",
		Message: "not a Markdown file; content/ holds Markdown only, so this file is ignored (images belong in static/)"}
	if ext := path.Ext(p); ext != "" && strings.Contains(markdownExts, ext) {
		d.Message = fmt.Sprintf("not an article or a topic: only %s/ and %s/ hold Markdown, so this file is ignored", ArticlesDir, TopicsDir)
	}
	return d
}

// readSource reads the content file p (read from real) through the one
// door (package disk): a file that is not a regular file, or that is too
// large, is refused from its fstat, unread.
func readSource(fsys fs.FS, p, real string) ([]byte, *diag.Diagnostic) {
	src, err := disk.ReadFS(fsys, real, MaxFileSize)
	var large *disk.TooLargeError
	var kind *disk.KindError
	switch {
	case err == nil:
		return src, nil
	case errors.Is(err, fs.ErrNotExist):
		return nil, &diag.Diagnostic{File: p, Severity: diag.Warning, Code: "file-vanished",
			Message: "file disappeared while the site was being read"}
	case errors.As(err, &large):
		return nil, tooLarge(p, large.Size)
	case errors.As(err, &kind):
		return nil, &diag.Diagnostic{File: p, Severity: diag.Error, Code: "not-a-file",
			Message: fmt.Sprintf("not a regular file (%s): content/ holds Markdown files only", kind.Kind)}
	}
	return nil, &diag.Diagnostic{File: p, Severity: diag.Error, Code: "read-error",
		Message: fmt.Sprintf("cannot read: %v", unwrapPath(err))}
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
