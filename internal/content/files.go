package content

import (
	"errors"
	"fmt"
	"io/fs"
	"path"
	"slices"
	"strings"

	"digest/internal/diag"
	"digest/internal/disk"

	"golang.org/x/text/unicode/norm"
)

// applyChanges updates the file list for changed paths without a full walk.
// A file that is still the same plain file keeps its entry: Scan has it
// read again, and parsed again only if its bytes changed.
func (l *Loader) applyChanges(changed []string) diag.List {
	var diags diag.List
	for _, p := range changed {
		p = path.Clean(p)
		if p == ConfigFile || !(p == Dir || strings.HasPrefix(p, Dir+"/")) || ignoredPath(p) {
			continue
		}
		st, err := fs.Stat(l.fsys, p)
		link := false
		if lst, ok := l.fsys.(fs.ReadLinkFS); ok && err == nil {
			li, lerr := lst.Lstat(p)
			link = lerr == nil && li.Mode()&fs.ModeSymlink != 0
		}
		if e, wasFile := l.files[p]; wasFile {
			if err == nil && !st.IsDir() && !link && e.real == p {
				continue
			}
			// The map holds files only, so nothing was inside p.
			delete(l.files, p)
			l.order = nil
		} else {
			prefix := p + "/"
			for q := range l.files {
				if strings.HasPrefix(q, prefix) {
					delete(l.files, q)
					l.order = nil
				}
			}
		}
		if err != nil {
			continue // removed
		}
		if !st.IsDir() {
			if link {
				w := &walker{fsys: l.fsys}
				if real, dir, ok := w.resolve(p, p); ok && !dir {
					l.files[p] = &entry{path: p, real: real}
					l.order = nil
				}
				diags = append(diags, w.diags...)
				continue
			}
			l.files[p] = &entry{path: p, real: p}
			l.order = nil
			continue
		}
		w := &walker{fsys: l.fsys}
		w.walk(p, p, nil)
		diags = append(diags, w.diags...)
		for _, f := range w.files {
			l.files[f.logical] = &entry{path: f.logical, real: f.real}
			l.order = nil
		}
	}
	return diags
}

func ignoredPath(p string) bool {
	return slices.ContainsFunc(strings.Split(p, "/"), IsIgnoredName)
}

// fileKind is what a file under content/ is, by its path and the page
// bundles around it.
type fileKind int

const (
	ignored  fileKind = iota
	article           // an item: Markdown under content/articles/
	topic             // content/topics/<slug>.md
	page              // a standalone page: content/<name>.md, content/pages/<name>.md
	section           // a section's settings: content/articles/_index.md, content/topics/_index.md
	resource          // a file of a page bundle, published beside its page
	stray             // Markdown in a bundle or an _index.md of no section: never read
	edition           // an editor's note for an edition: content/editions/2025-08-15.md
)

// PagesDir holds standalone pages (content/about.md is one too).
const PagesDir = "content/pages"

// kindOf says what the file at p is; bundles holds the folders of page
// bundles (folders with an index.md).
func kindOf(p string, bundles map[string]bool) fileKind {
	dir, base := path.Split(p)
	dir = strings.TrimSuffix(dir, "/")
	md := isMarkdown(path.Ext(p))
	stem := strings.ToLower(strings.TrimSuffix(base, path.Ext(base)))
	switch {
	case p == ConfigFile:
		return ignored
	case md && stem == "_index":
		if dir == ArticlesDir || dir == TopicsDir {
			return section
		}
		return stray
	case inBundle(dir, bundles):
		switch {
		case md && stem == "index" && bundles[dir]:
			return kindOfBundle(dir)
		case md:
			return stray
		}
		return resource
	case !md:
		return ignored
	case strings.HasPrefix(p, ArticlesDir+"/"):
		return article
	case dir == TopicsDir:
		return topic
	case dir == EditionsDir:
		return edition
	case dir == Dir || dir == PagesDir:
		return page
	}
	return ignored
}

// kindOfBundle is the kind of the index.md of the bundle in dir.
func kindOfBundle(dir string) fileKind {
	if strings.HasPrefix(dir, ArticlesDir+"/") {
		return article
	}
	return page
}

// inBundle reports whether dir is a bundle's folder or inside one.
func inBundle(dir string, bundles map[string]bool) bool {
	for d := dir; strings.HasPrefix(d, Dir+"/"); d = path.Dir(d) {
		if bundles[d] {
			return true
		}
	}
	return false
}

// bundleDirs returns the folders of page bundles among paths: those of an
// index.md under content/articles/ (an item), or one folder down in
// content/ or content/pages/ (a page).
func bundleDirs(paths []string) map[string]bool {
	bundles := map[string]bool{}
	for _, p := range paths {
		dir, base := path.Split(p)
		dir = strings.TrimSuffix(dir, "/")
		if !isMarkdown(path.Ext(base)) || strings.ToLower(strings.TrimSuffix(base, path.Ext(base))) != "index" {
			continue
		}
		parent := path.Dir(dir)
		if strings.HasPrefix(dir, ArticlesDir+"/") || (parent == Dir || parent == PagesDir) && dir != ArticlesDir && dir != TopicsDir && dir != PagesDir && dir != EditionsDir {
			bundles[dir] = true
		}
	}
	return bundles
}

// isMarkdown reports whether a file name extension is Markdown's: .md or
// .markdown, in any case.
func isMarkdown(ext string) bool {
	return strings.EqualFold(ext, ".md") || strings.EqualFold(ext, ".markdown")
}

// ignoredDiag says why the file at p is not used.
func ignoredDiag(p string, kind fileKind) diag.Diagnostic {
	d := diag.Diagnostic{File: p, Severity: diag.Warning, Code: "file-ignored",
		Message: "not a Markdown file; content/ holds Markdown only, so this file is ignored (images belong in static/, or beside an index.md in a page bundle)"}
	switch {
	case kind == stray && strings.EqualFold(path.Base(p), "_index"+path.Ext(p)):
		d.Message = fmt.Sprintf("section settings are read from %s/_index.md and %s/_index.md only, so this file is ignored", ArticlesDir, TopicsDir)
	case kind == stray:
		d.Message = "a Markdown file in a page bundle is not a page of its own (only the bundle's index.md is), so this file is ignored"
	case isMarkdown(path.Ext(p)):
		d.Message = fmt.Sprintf("not an article, a topic, a page or an edition's note: only %s/, %s/, %s/, %s/ and content/ itself hold Markdown, so this file is ignored", ArticlesDir, TopicsDir, PagesDir, EditionsDir)
	}
	return d
}

// readSource reads the content file p (read from real) through the one
// door (package disk): a file that is not a regular file, or that is too
// large, is refused from its fstat, unread. The text it returns is in
// Unicode's composed form (NFC), so that names and headlines compare
// equal however the editor's keyboard wrote them.
func readSource(fsys fs.FS, p, real string) ([]byte, *diag.Diagnostic) {
	src, err := disk.ReadFS(fsys, real, MaxFileSize)
	var large *disk.TooLargeError
	var kind *disk.KindError
	switch {
	case err == nil:
		if !norm.NFC.IsNormal(src) {
			// "Erdoğan" typed decomposed in one file and composed in
			// another is one name.
			src = norm.NFC.Bytes(src)
		}
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
