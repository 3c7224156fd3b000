package build

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"net/url"
	"os"
	"path/filepath"
	"slices"
	"time"

	"digest/internal/content"
	"digest/internal/diag"
	"digest/internal/disk"
	"digest/internal/frontedit"
)

// IDField is the front matter field that holds an item's stable feed
// identifier (content.Item.ID).
const IDField = "id"

// ErrNoBaseURL is wrapped by the error MissingIDs returns when the site's
// base URL is not known: its items' URLs are then paths, which make poor
// ids, not absolute URLs.
var ErrNoBaseURL = errors.New("the site's base URL is not known")

// MissingID is an item without an id, with the id that keeps its feed
// entries as they are: its absolute permalink, which feeds use in place
// of an id.
type MissingID struct {
	File string // the item's file, a slash path from the site's folder
	ID   string // the item's permalink (site.Article.Permalink)
	// Blank is set when the item has an id field without a value: there
	// is a field to fill in rather than one to add, and WriteID refuses.
	Blank bool
}

// MissingIDs reads and checks the site as Check does, but with every item
// in it whatever the options say (drafts, items in the future or
// embargoed, expired items), and lists by file the items that have no
// id, each with the URL it has or will have once published. When the
// check finds errors, as when it fails, the list is nil: res.Diags says
// why.
func (b *Builder) MissingIDs(ctx context.Context) (missing []MissingID, res *Result, err error) {
	start := time.Now()
	saved := b.opts
	b.opts.Drafts, b.opts.Future, b.opts.Expired = true, true, true
	defer func() { b.opts = saved }()
	s, res, err := b.model(ctx, nil)
	if err == nil && !res.Diags.HasErrors() {
		err = b.render(ctx, s, discard{}, res, 0)
		res.Diags = append(res.Diags, b.loader.Damage()...)
	}
	res.Duration = time.Since(start)
	if err != nil || res.Diags.HasErrors() {
		return nil, res, err
	}
	for _, a := range s.Articles {
		if a.ID != "" {
			continue
		}
		if u, err := url.Parse(a.Permalink); err != nil || !u.IsAbs() {
			return nil, res, fmt.Errorf("%s: its URL %s is not absolute: %w; set base_url in %s, or pass --base-url",
				a.File, a.Permalink, ErrNoBaseURL, content.ConfigFile)
		}
		missing = append(missing, MissingID{File: a.File, ID: a.Permalink, Blank: a.Line(IDField) > 0})
	}
	slices.SortFunc(missing, func(x, y MissingID) int { return cmp.Compare(x.File, y.File) })
	return missing, res, nil
}

// FixIDs is the ids command: it lists on out the items without an id
// (MissingIDs), "file: id" a line, and how many there are; with write, it
// gives each its id (WriteID) and reports each file on out, each failure
// on errOut, and how many it wrote. If the site has errors, it prints
// them on errOut and changes no file. It returns false after errors or a
// failed write (the other files are written all the same).
func (b *Builder) FixIDs(ctx context.Context, write bool, out, errOut io.Writer) bool {
	missing, res, err := b.MissingIDs(ctx)
	if err != nil || res.Diags.HasErrors() {
		for _, d := range res.Diags.Sorted() {
			if d.Severity == diag.Error {
				fmt.Fprintln(errOut, d)
			}
		}
		nerr, _ := res.Diags.Count()
		if err == nil {
			err = fmt.Errorf("the site has %s", Count(nerr, "error"))
		}
		fmt.Fprintf(errOut, "digest ids: %v: no file changed\n", err)
		return false
	}
	if !write {
		for _, m := range missing {
			note := ""
			if m.Blank {
				note = " (its id field is empty: fill it in)"
			}
			fmt.Fprintf(out, "%s: %s%s\n", m.File, m.ID, note)
		}
		if len(missing) == 0 {
			fmt.Fprintln(out, "digest ids: every item has an id")
		} else {
			fmt.Fprintf(out, "digest ids: %s without an id: run digest ids --write to give them these\n", Count(len(missing), "item"))
		}
		return true
	}
	written := 0
	for _, m := range missing {
		if err := b.WriteID(m); err != nil {
			fmt.Fprintf(errOut, "digest ids: %v\n", err)
			continue
		}
		written++
		fmt.Fprintf(out, "%s: %s: %s\n", m.File, IDField, frontedit.Quote(m.ID))
	}
	fmt.Fprintf(out, "digest ids: wrote ids to %s\n", Count(written, "item"))
	if failed := len(missing) - written; failed > 0 {
		fmt.Fprintf(errOut, "digest ids: %s not written\n", Count(failed, "item"))
		return false
	}
	return true
}

// WriteID gives the item m its id, as the first field of its front
// matter (see frontedit.InsertField), and changes no other byte of its
// file. The file is replaced atomically, by a file written beside it,
// synced and renamed over it, with the same permissions; it must be a
// regular file (a symbolic link is not followed). The site must be read
// from disk (Options.SiteFS unset).
func (b *Builder) WriteID(m MissingID) error {
	if b.opts.SiteFS != nil {
		return fmt.Errorf("%s: the site is not read from disk", m.File)
	}
	if m.Blank {
		return fmt.Errorf("%s: its %s field is empty: set it to %s", m.File, IDField, frontedit.Quote(m.ID))
	}
	name := filepath.Join(b.opts.Source, filepath.FromSlash(m.File))
	src, perm, err := readRegular(name)
	if err != nil {
		return fmt.Errorf("%s: %w", m.File, err)
	}
	out, err := frontedit.InsertField(src, IDField, m.ID)
	if err != nil {
		return fmt.Errorf("%s: %w", m.File, err)
	}
	if err := replaceFile(name, out, perm); err != nil {
		return fmt.Errorf("%s: %w", m.File, err)
	}
	return nil
}

// readRegular reads the regular file at name, not following a symbolic
// link, and returns its bytes and permissions.
func readRegular(name string) ([]byte, fs.FileMode, error) {
	lst, err := os.Lstat(name)
	if err != nil {
		return nil, 0, err
	}
	if !lst.Mode().IsRegular() {
		kind := disk.Kind(lst.Mode())
		if lst.IsDir() {
			kind = "a folder"
		}
		return nil, 0, fmt.Errorf("not written: %s, not a regular file", kind)
	}
	f, st, err := disk.Open(name, false)
	if err != nil {
		return nil, 0, err
	}
	defer f.Close()
	if !os.SameFile(lst, st) {
		return nil, 0, errors.New("not written: the file was replaced while it was read")
	}
	src, err := io.ReadAll(io.LimitReader(f, content.MaxFileSize+1))
	if err != nil {
		return nil, 0, fmt.Errorf("reading: %w", err)
	}
	if len(src) > content.MaxFileSize {
		return nil, 0, fmt.Errorf("larger than %s", disk.Size(content.MaxFileSize))
	}
	return src, st.Mode().Perm(), nil
}

// replaceFile replaces the file at name with data: it writes a temporary
// file in the same folder (a dot-file, which the site ignores), syncs it
// and renames it over name, so that name is always either the old file or
// the new one.
func replaceFile(name string, data []byte, perm fs.FileMode) (err error) {
	dir := filepath.Dir(name)
	tmp, err := os.CreateTemp(dir, "."+filepath.Base(name)+".*.tmp")
	if err != nil {
		return fmt.Errorf("creating a temporary file: %w", err)
	}
	defer func() {
		if err != nil {
			tmp.Close()
			os.Remove(tmp.Name())
		}
	}()
	if _, err := tmp.Write(data); err != nil {
		return fmt.Errorf("writing %s: %w", tmp.Name(), err)
	}
	if err := tmp.Chmod(perm); err != nil {
		return fmt.Errorf("setting the permissions of %s: %w", tmp.Name(), err)
	}
	if err := tmp.Sync(); err != nil {
		return fmt.Errorf("syncing %s: %w", tmp.Name(), err)
	}
	if err := tmp.Close(); err != nil {
		return fmt.Errorf("closing %s: %w", tmp.Name(), err)
	}
	if err := os.Rename(tmp.Name(), name); err != nil {
		return fmt.Errorf("replacing the file: %w", err)
	}
	// The rename is durable once the folder is synced; not every system
	// can sync a folder, and the file is whole either way.
	if d, err := os.Open(dir); err == nil {
		_ = d.Sync()
		d.Close()
	}
	return nil
}
