package main

import (
	"bytes"
	"io/fs"
	"net/url"
	"os"
	"path"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"digest/internal/sitetest"

	"golang.org/x/net/html"
)

// repoRoot is the repository root, which is itself the sample site.
func repoRoot(t *testing.T) string { return sitetest.Root(t) }

// copySite copies the sample site's content into a fresh folder.
func copySite(t *testing.T) string { return sitetest.CopySample(t) }

func copyTree(t *testing.T, src, dst string) { sitetest.CopyTree(t, src, dst) }

func writeFile(t *testing.T, root, rel, text string) { sitetest.WriteFile(t, root, rel, text) }

// digestRun runs the command in-process and returns its exit code and
// output.
func digestRun(t *testing.T, args ...string) (int, string, string) {
	t.Helper()
	var out, errb bytes.Buffer
	code := run(args, strings.NewReader(""), &out, &errb)
	return code, out.String(), errb.String()
}

// mustBuild builds the site in dir into dir/public and fails on errors.
func mustBuild(t *testing.T, dir string, extra ...string) {
	t.Helper()
	code, out, errs := digestRun(t, append([]string{"build", "-s", dir, "-d", filepath.Join(dir, "public")}, extra...)...)
	if code != 0 {
		t.Fatalf("digest build exited %d\nstdout: %s\nstderr: %s", code, out, errs)
	}
}

// fileState is what a snapshot records of one file.
type fileState struct {
	data    string
	modTime time.Time
	mode    fs.FileMode
}

// snapshot records every file under dir: bytes, modification time, mode.
func snapshot(t *testing.T, dir string) map[string]fileState {
	t.Helper()
	m := map[string]fileState{}
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(dir, p)
		info, err := d.Info()
		if err != nil {
			return err
		}
		st := fileState{modTime: info.ModTime(), mode: info.Mode()}
		if !d.IsDir() {
			b, err := os.ReadFile(p)
			if err != nil {
				return err
			}
			st.data = string(b)
		}
		m[filepath.ToSlash(rel)] = st
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return m
}

// sameTree compares two snapshots: contents always, and modification
// times when withTimes.
func sameTree(t *testing.T, a, b map[string]fileState, withTimes bool) {
	t.Helper()
	for p, sa := range a {
		sb, ok := b[p]
		if !ok {
			t.Errorf("%s: missing from the second tree", p)
			continue
		}
		if sa.data != sb.data {
			t.Errorf("%s: contents differ", p)
		}
		if withTimes && !sa.mode.IsDir() && !sa.modTime.Equal(sb.modTime) {
			t.Errorf("%s: modification time changed from %v to %v", p, sa.modTime, sb.modTime)
		}
	}
	for p := range b {
		if _, ok := a[p]; !ok {
			t.Errorf("%s: only in the second tree", p)
		}
	}
}

// parseHTML parses an output file.
func parseHTML(t *testing.T, file string) *html.Node {
	t.Helper()
	f, err := os.Open(file)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	doc, err := html.Parse(f)
	if err != nil {
		t.Fatalf("%s: %v", file, err)
	}
	return doc
}

func attr(n *html.Node, key string) (string, bool) {
	for _, a := range n.Attr {
		if a.Key == key {
			return a.Val, true
		}
	}
	return "", false
}

func hasClass(n *html.Node, class string) bool {
	v, _ := attr(n, "class")
	for _, c := range strings.Fields(v) {
		if c == class {
			return true
		}
	}
	return false
}

// findAll returns the elements below n for which match is true, in
// document order.
func findAll(n *html.Node, match func(*html.Node) bool) []*html.Node {
	var out []*html.Node
	var walk func(*html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.ElementNode && match(n) {
			out = append(out, n)
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(n)
	return out
}

func byTag(tag string) func(*html.Node) bool {
	return func(n *html.Node) bool { return n.Data == tag }
}

func byClass(class string) func(*html.Node) bool {
	return func(n *html.Node) bool { return hasClass(n, class) }
}

// text returns the text of n, its runs of white space made one space.
func text(n *html.Node) string { return sitetest.Text(n) }

// crawl checks every internal link, stylesheet, image and script of every
// HTML page under public against the files there, and every fragment
// against the ids of its target page. basePath is the URL path the site
// is served under. It returns the number of references checked.
func crawl(t *testing.T, public, basePath string) int {
	t.Helper()
	ids := map[string]map[string]bool{}
	docs := map[string]*html.Node{}
	err := filepath.WalkDir(public, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(p, ".html") {
			return err
		}
		rel, _ := filepath.Rel(public, p)
		rel = filepath.ToSlash(rel)
		doc := parseHTML(t, p)
		docs[rel] = doc
		ids[rel] = map[string]bool{}
		for _, n := range findAll(doc, func(n *html.Node) bool { _, ok := attr(n, "id"); return ok }) {
			id, _ := attr(n, "id")
			ids[rel][id] = true
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	checked := 0
	for rel, doc := range docs {
		pageURL := basePath + strings.TrimSuffix(rel, "index.html")
		base, _ := url.Parse(pageURL)
		for _, n := range findAll(doc, func(n *html.Node) bool {
			return n.Data == "a" || n.Data == "link" || n.Data == "img" || n.Data == "script"
		}) {
			for _, key := range []string{"href", "src"} {
				v, ok := attr(n, key)
				if !ok {
					continue
				}
				u, err := url.Parse(v)
				if err != nil {
					t.Errorf("%s: unparsable %s %q", rel, key, v)
					continue
				}
				if u.Scheme != "" || u.Host != "" {
					continue
				}
				target := base.ResolveReference(u)
				checked++
				if !strings.HasPrefix(target.Path, basePath) {
					t.Errorf("%s: %s %q leaves the base path %s", rel, key, v, basePath)
					continue
				}
				file := strings.TrimPrefix(target.Path, basePath)
				if file == "" || strings.HasSuffix(file, "/") {
					file += "index.html"
				}
				if _, err := os.Stat(filepath.Join(public, filepath.FromSlash(path.Clean("/" + file)[1:]))); err != nil {
					t.Errorf("%s: broken %s %q (no %s)", rel, key, v, file)
					continue
				}
				if target.Fragment != "" && strings.HasSuffix(file, ".html") && !ids[file][target.Fragment] {
					t.Errorf("%s: %s %q: no id %q in %s", rel, key, v, target.Fragment, file)
				}
			}
		}
	}
	return checked
}
