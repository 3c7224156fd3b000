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
	case !isMarkdown(ext):
		return ignored
	case strings.HasPrefix(p, ArticlesDir+"/"):
		return article
	case path.Dir(p) == TopicsDir:
		return topic
	}
	return ignored
}

// isMarkdown reports whether a file name extension is Markdown's.
func isMarkdown(ext string) bool { return ext == ".md" || ext == ".markdown" }

// ignoredDiag says why the file at p is not used.
func ignoredDiag(p string) diag.Diagnostic {
	d := diag.Diagnostic{File: p, Severity: diag.Warning, Code: "file-ignored",
		Message: "not a Markdown file; content/ holds Markdown only, so this file is ignored (images belong in static/)"}
	if isMarkdown(path.Ext(p)) {
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
