package preview

import (
	"bytes"
	"context"
	"fmt"
	"math/rand/v2"
	"net"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"digest"
	"digest/internal/build"
	"digest/internal/corpus"
	"digest/internal/imaging/imagingtest"
	"digest/internal/serve"
)

// liveSite is a generated site with the preview's loop running on it.
type liveSite struct {
	t      *testing.T
	dir    string
	opts   build.Options
	p      *Preview
	url    string // where it is served, ending in "/"
	builds chan struct{}
	items  []string // item files, relative to dir
	r      *rand.Rand
	next   int // number for new items and folders
	// deferred counts builds that left pages to render on request.
	deferred atomic.Int32
}

// startLive writes a generated site of items items and runs the preview
// on it, served over HTTP. deferAbove is the preview's DeferAbove (-1:
// render everything at once).
func startLive(t *testing.T, items int, seed uint64, deferAbove int) *liveSite {
	t.Helper()
	dir := t.TempDir()
	files := corpus.Generate(corpus.Options{Items: items, Seed: seed, Topics: 6})
	if err := corpus.Write(dir, files); err != nil {
		t.Fatal(err)
	}
	ls := &liveSite{t: t, dir: dir, builds: make(chan struct{}, 10000), r: rand.New(rand.NewPCG(seed, 7)), next: items}
	for _, f := range files {
		if strings.HasPrefix(f.Path, "content/articles/") {
			ls.items = append(ls.items, f.Path)
		}
	}
	fixed := time.Date(2030, 1, 1, 0, 0, 0, 0, time.UTC)
	ls.opts = build.Options{Source: dir, Theme: digest.Theme, Generator: "digest test", Now: func() time.Time { return fixed }, NoCache: true}
	ls.p, ls.url = runPreview(t, Options{Build: ls.opts, Reload: true, DeferAbove: deferAbove, Report: func(r Report) {
		if r.Result != nil && r.Result.Deferred > 0 {
			ls.deferred.Add(1)
		}
		ls.builds <- struct{}{}
	}})
	ls.opts = ls.p.Builder().Options()
	<-ls.builds
	return ls
}

// runPreview serves a preview on a free port of 127.0.0.1 and runs its
// loop until the test ends. It returns the preview and its URL.
func runPreview(t *testing.T, opts Options) (*Preview, string) {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	opts.Build.Origin = "http://" + ln.Addr().String()
	p := New(opts)
	stop := make(chan struct{})
	srv := serve.NewServer(p.Handler("127.0.0.1", stop))
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error)
	ready := make(chan struct{})
	go func() { done <- p.Run(ctx, func() { go srv.Serve(ln); close(ready) }) }()
	<-ready
	t.Cleanup(func() {
		cancel()
		<-done
		close(stop)
		serve.Shutdown(srv, p.Hub(), time.Second)
		p.Close()
	})
	return p, opts.Build.Origin + "/"
}

// settle waits until the loop has built everything: no build for a while.
func (ls *liveSite) settle() {
	ls.t.Helper()
	time.Sleep(100 * time.Millisecond)
	deadline := time.After(30 * time.Second)
	for {
		select {
		case <-ls.builds:
		case <-time.After(400 * time.Millisecond):
			return
		case <-deadline:
			ls.t.Fatal("builds never settled")
		}
	}
}

// cleanBuild builds the site from scratch into a fresh store.
func (ls *liveSite) cleanBuild() *serve.Store {
	ls.t.Helper()
	st := serve.NewStore()
	st.Begin()
	res, err := build.New(ls.opts).BuildTo(context.Background(), nil, st, 0)
	if err != nil || res.Diags.HasErrors() {
		ls.t.Fatalf("clean build failed: %v %v", err, res.Diags.Sorted())
	}
	st.Commit()
	return st
}

// compare checks that what is served equals a clean build, byte for byte.
func (ls *liveSite) compare(step int) {
	ls.t.Helper()
	ls.settle()
	want := ls.cleanBuild()
	got := ls.p.store
	if !slices.Equal(got.Paths(), want.Paths()) {
		gp, wp := got.Paths(), want.Paths()
		var extra, missing []string
		for _, p := range gp {
			if want.Get(p) == nil {
				extra = append(extra, p)
			}
		}
		for _, p := range wp {
			if got.Get(p) == nil {
				missing = append(missing, p)
			}
		}
		ls.t.Fatalf("after step %d: served files differ from a clean build: extra %v, missing %v", step, extra, missing)
	}
	for _, p := range want.Paths() {
		if !bytes.Equal(got.Get(p).Data, want.Get(p).Data) {
			ls.t.Fatalf("after step %d: %s differs from a clean build", step, p)
		}
	}
}

// waitRendered waits for the background render to leave no deferred page
// unrendered: a deferred page holds the model it was made from until then.
func (ls *liveSite) waitRendered(step int) {
	ls.t.Helper()
	ls.settle()
	for deadline := time.Now().Add(10 * time.Second); ls.p.store.Pending() > 0; {
		if time.Now().After(deadline) {
			ls.t.Fatalf("after step %d: %d deferred pages never rendered in the background", step, ls.p.store.Pending())
		}
		time.Sleep(20 * time.Millisecond)
	}
}

func (ls *liveSite) path(rel string) string { return filepath.Join(ls.dir, filepath.FromSlash(rel)) }

func (ls *liveSite) read(rel string) string {
	b, err := os.ReadFile(ls.path(rel))
	if err != nil {
		ls.t.Fatal(err)
	}
	return string(b)
}

func (ls *liveSite) write(rel, text string) {
	if err := os.MkdirAll(filepath.Dir(ls.path(rel)), 0o755); err != nil {
		ls.t.Fatal(err)
	}
	if err := os.WriteFile(ls.path(rel), []byte(text), 0o644); err != nil {
		ls.t.Fatal(err)
	}
}

func (ls *liveSite) pickItem() (int, string) {
	i := ls.r.IntN(len(ls.items))
	return i, ls.items[i]
}

// replaceLine replaces the front matter line starting with key.
func replaceLine(text, key, line string) string {
	lines := strings.Split(text, "\n")
	for i, l := range lines {
		if strings.HasPrefix(l, key) {
			lines[i] = line
			return strings.Join(lines, "\n")
		}
	}
	return strings.Replace(text, "---\n", "---\n"+line+"\n", 1)
}

func (ls *liveSite) op(name string) {
	r := ls.r
	switch name {
	case "edit body":
		_, f := ls.pickItem()
		ls.write(f, ls.read(f)+fmt.Sprintf("\nA new paragraph, number %d.\n", r.IntN(1000)))
	case "edit title":
		_, f := ls.pickItem()
		ls.write(f, replaceLine(ls.read(f), "title:", fmt.Sprintf("title: \"Retitled %d\"", r.IntN(1000))))
	case "edit date":
		_, f := ls.pickItem()
		d := time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC).AddDate(0, 0, r.IntN(800))
		ls.write(f, replaceLine(ls.read(f), "date:", "date: "+d.Format("2006-01-02 15:04")))
	case "toggle milestone":
		_, f := ls.pickItem()
		text := ls.read(f)
		if strings.Contains(text, "milestone: true\n") {
			text = strings.Replace(text, "milestone: true\n", "", 1)
		} else {
			text = strings.Replace(text, "---\n", "---\nmilestone: true\n", 1)
		}
		ls.write(f, text)
	case "retopic":
		_, f := ls.pickItem()
		text := ls.read(f)
		i := strings.Index(text, "topics:\n")
		j := strings.Index(text, "people:")
		topics := fmt.Sprintf("topics:\n  - %s\n", corpus.TopicSlug(r.IntN(8))) // 6 and 7 have no file
		ls.write(f, text[:i]+topics+text[j:])
	case "new item":
		ls.next++
		f := corpus.Item(r, ls.next, time.Date(2024, 6, 1, 0, 0, 0, 0, time.UTC).AddDate(0, 0, r.IntN(400)), 6)
		ls.write(f.Path, f.Text)
		ls.items = append(ls.items, f.Path)
	case "burst":
		for range 10 {
			ls.op("new item")
		}
	case "delete":
		if len(ls.items) < 10 {
			return
		}
		i, f := ls.pickItem()
		os.Remove(ls.path(f))
		ls.items = slices.Delete(ls.items, i, i+1)
	case "rename":
		i, f := ls.pickItem()
		ls.next++
		nf := filepath.ToSlash(filepath.Join(filepath.Dir(f), fmt.Sprintf("renamed-%d.md", ls.next)))
		if err := os.Rename(ls.path(f), ls.path(nf)); err != nil {
			ls.t.Fatal(err)
		}
		ls.items[i] = nf
	case "atomic save":
		_, f := ls.pickItem()
		tmp := f + ".tmp"
		ls.write(tmp, ls.read(f)+"\nSaved atomically.\n")
		if err := os.Rename(ls.path(tmp), ls.path(f)); err != nil {
			ls.t.Fatal(err)
		}
	case "delete then create":
		_, f := ls.pickItem()
		text := ls.read(f)
		os.Remove(ls.path(f))
		time.Sleep(time.Duration(r.IntN(50)) * time.Millisecond)
		ls.write(f, text+"\nRecreated.\n")
	case "move to new folder":
		i, f := ls.pickItem()
		ls.next++
		nf := fmt.Sprintf("content/articles/extra/f%d/deep/%s", ls.next, filepath.Base(f))
		os.MkdirAll(filepath.Dir(ls.path(nf)), 0o755)
		if err := os.Rename(ls.path(f), ls.path(nf)); err != nil {
			ls.t.Fatal(err)
		}
		ls.items[i] = nf
	case "rename folder":
		var dirs []string
		for _, f := range ls.items {
			if d := filepath.ToSlash(filepath.Dir(f)); strings.HasPrefix(d, "content/articles/extra/") && !slices.Contains(dirs, d) {
				dirs = append(dirs, d)
			}
		}
		if len(dirs) == 0 {
			return
		}
		from := strings.TrimSuffix(dirs[r.IntN(len(dirs))], "/deep")
		ls.next++
		to := fmt.Sprintf("content/articles/extra/g%d", ls.next)
		if err := os.Rename(ls.path(from), ls.path(to)); err != nil {
			return
		}
		for i, f := range ls.items {
			if strings.HasPrefix(f, from+"/") {
				ls.items[i] = to + strings.TrimPrefix(f, from)
			}
		}
	case "topic file":
		slug := corpus.TopicSlug(r.IntN(8))
		rel := "content/topics/" + slug + ".md"
		switch r.IntN(3) {
		case 0:
			os.Remove(ls.path(rel))
		default:
			layout := []string{"timeline", "list"}[r.IntN(2)]
			ls.write(rel, fmt.Sprintf("---\ntitle: \"Story %s, v%d\"\nlayout: %s\n---\nThe story so far, %d.\n", slug, r.IntN(100), layout, r.IntN(100)))
		}
	case "settings":
		ls.write("content/_index.md", fmt.Sprintf("---\ntitle: \"Digest %d\"\ntimezone: Europe/Kyiv\nper_page: %d\n---\nIntro %d.\n", r.IntN(50), 5+r.IntN(30), r.IntN(9)))
	case "template":
		rel := "templates/partials/sources.html"
		if r.IntN(2) == 0 {
			os.Remove(ls.path(rel))
		} else {
			ls.write(rel, fmt.Sprintf(`<span class="source">Via {{range .Sources}}{{.Name}} {{end}}(%d)</span>`, r.IntN(100)))
		}
	case "stylesheet":
		ls.write("static/style.css", fmt.Sprintf("body { color: #%06x; }\n", r.IntN(1<<24)))
	case "page":
		n := r.IntN(3)
		rel := []string{"content/about.md", "content/pages/policy.md", "content/pages/team/index.md"}[n]
		if r.IntN(3) == 0 {
			os.Remove(ls.path(rel))
			return
		}
		ls.write(rel, fmt.Sprintf("---\ntitle: \"Page %d\"\naliases: [/old-page-%d-%d/]\n---\nSee [the latest](@/_index.md) and [ours](@/articles/_index.md#top).\n",
			r.IntN(100), n, r.IntN(3)))
	case "section":
		rel := []string{"content/articles/_index.md", "content/topics/_index.md"}[r.IntN(2)]
		if r.IntN(3) == 0 {
			os.Remove(ls.path(rel))
			return
		}
		ls.write(rel, fmt.Sprintf("---\ntitle: \"Section %d\"\n---\nAn introduction, %d.\n", r.IntN(100), r.IntN(100)))
	case "bundle":
		i, f := ls.pickItem()
		if strings.HasSuffix(f, "/index.md") {
			return
		}
		ls.next++
		dir := strings.TrimSuffix(f, ".md") + fmt.Sprintf("-b%d", ls.next)
		nf := dir + "/index.md"
		os.MkdirAll(ls.path(dir), 0o755)
		ls.write(dir+"/photo.png", string(imagingtest.PNG(16+ls.next%32, 12, false)))
		ls.write(nf, strings.Replace(ls.read(f), "---\n", "---\nimage:\n  src: photo.png\n  alt: A photo\n", 1)+"\n![Again](photo.png)\n")
		os.Remove(ls.path(f))
		ls.items[i] = nf
	case "bundle file":
		_, f := ls.pickItem()
		if !strings.HasSuffix(f, "/index.md") {
			return
		}
		rel := filepath.ToSlash(filepath.Join(filepath.Dir(f), []string{"photo.png", "docs/report.pdf"}[r.IntN(2)]))
		if r.IntN(3) == 0 {
			os.Remove(ls.path(rel))
			return
		}
		os.MkdirAll(filepath.Dir(ls.path(rel)), 0o755)
		if strings.HasSuffix(rel, ".png") {
			ls.write(rel, string(imagingtest.PNG(8+r.IntN(40), 8, false)))
		} else {
			ls.write(rel, fmt.Sprintf("version %d", r.IntN(1000)))
		}
	case "alias":
		_, f := ls.pickItem()
		ls.next++
		ls.write(f, replaceLine(ls.read(f), "aliases:", fmt.Sprintf("aliases: [/old/%d/, /old/%d.html]", ls.next, ls.next)))
	case "edition note":
		_, f := ls.pickItem()
		if m := regexp.MustCompile(`date: "?(\d{4}-\d{2}-\d{2})`).FindStringSubmatch(ls.read(f)); m != nil {
			ls.write("content/editions/"+m[1]+".md", fmt.Sprintf("---\ntitle: Note %d\n---\nThe editor on this day.\n", r.IntN(1000)))
		}
	case "break and fix":
		_, f := ls.pickItem()
		good := ls.read(f)
		ls.write(f, "---\ntitle: \"unclosed\n---\n")
		time.Sleep(time.Duration(100+r.IntN(100)) * time.Millisecond)
		ls.write(f, good)
	}
}

var ops = []string{"edit body", "edit body", "edit title", "edit date", "toggle milestone", "retopic", "new item", "burst",
	"delete", "rename", "atomic save", "delete then create", "move to new folder", "rename folder", "topic file",
	"settings", "template", "stylesheet", "break and fix", "page", "section", "bundle", "bundle file", "alias", "edition note"}

// TestIncrementalEqualsCleanBuild applies random edits, saves, renames,
// moves and deletions to a site while digest serve's loop rebuilds it, and
// checks at every checkpoint that what is served is byte-identical to a
// clean build of the same files, with several seeds. The deferred runs
// defer every rebuild of more than 5 pages, so that pages are rendered on
// request or in the background, and generations carry unrendered pages
// over.
func TestIncrementalEqualsCleanBuild(t *testing.T) {
	for _, tc := range []struct {
		name         string
		seed         uint64
		deferAbove   int
		steps, every int
	}{
		{"render-all/seed-42", 42, -1, 150, 30},
		{"render-all/seed-43", 43, -1, 150, 30},
		{"render-all/seed-44", 44, -1, 150, 30},
		{"deferred/seed-42", 42, 5, 100, 25},
		{"deferred/seed-45", 45, 5, 100, 25},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			steps, every := tc.steps, tc.every
			if testing.Short() {
				steps, every = 60, 20
			}
			ls := startLive(t, 60, tc.seed, tc.deferAbove)
			ls.compare(0)
			for step := 1; step <= steps; step++ {
				ls.op(ops[ls.r.IntN(len(ops))])
				if ls.r.IntN(3) == 0 {
					time.Sleep(time.Duration(ls.r.IntN(60)) * time.Millisecond)
				}
				if step%every == 0 {
					if tc.deferAbove > 0 {
						ls.waitRendered(step)
					}
					ls.compare(step)
				}
			}
			if n := ls.deferred.Load(); tc.deferAbove > 0 && n < 3 {
				t.Errorf("only %d builds deferred pages: the deferred path was hardly exercised", n)
			}
		})
	}
}
