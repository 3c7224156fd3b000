package main

import (
	"encoding/json"
	"encoding/xml"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/mmcdole/gofeed"
	"golang.org/x/net/html"

	"digest/internal/imaging/imagingtest"
	"digest/internal/markdown"
	"digest/internal/sitetest"
)

// payload tries every way out of every context: HTML, attributes, the
// JSON-LD script, CDATA sections in feeds.
const payload = `<script>alert(1)</script> "dq" 'sq' </script> ]]> <img src=x onerror=alert(2)> & done`

func yq(s string) string { b, _ := json.Marshal(s); return string(b) }

// hostileSite writes a site whose every content value is the payload. With
// unsafeHTML the site trusts its own raw HTML, so the Markdown bodies then
// carry only Markdown links with dangerous schemes, which are removed in
// both modes; front matter values are escaped in both.
func hostileSite(t *testing.T, unsafeHTML bool) string {
	dir := t.TempDir()
	raw := payload
	if unsafeHTML {
		raw = "plain words"
	}
	writeFile(t, dir, "content/_index.md", "---\ntitle: "+yq(payload)+"\ndescription: "+yq(payload)+
		"\nbase_url: https://x.example.org/\nunsafe_html: "+map[bool]string{true: "true", false: "false"}[unsafeHTML]+"\n---\nIntro "+raw+"\n")
	writeFile(t, dir, "content/topics/evil.md", "---\ntitle: "+yq(payload)+"\ndescription: "+yq(payload)+"\n---\n"+raw+"\n")
	body := "First paragraph " + raw + "\n\n[click](javascript:alert(3)) [click2](JaVaScRiPt:alert(4)) <javascript:alert(5)>\n\n![alt](javascript:alert(9))\n"
	if !unsafeHTML {
		body += "\n<script>alert(6)</script>\n\n<a href=\"javascript:alert(7)\" onclick=\"alert(8)\">raw</a>\n"
	}
	for _, slug := range []string{"one", "two"} {
		writeFile(t, dir, "content/articles/2025-08-1"+map[string]string{"one": "5", "two": "6"}[slug]+"-"+slug+".md", "---\ntitle: "+yq(payload)+
			"\nid: "+yq("tag:x.example.org,2025:"+slug+payload)+"\nsummary: "+yq(payload)+"\ntopics: [evil]\npeople: ["+yq(payload)+"]\nplaces: ["+yq("Kyiv "+payload)+"]"+
			"\nsource:\n  name: "+yq(payload)+"\n  url: \"javascript:alert(10)\"\n  author: "+yq(payload)+
			"\nimage:\n  src: /img/x.png\n  alt: "+yq(payload)+"\n  caption: "+yq(payload)+"\n  credit: "+yq(payload)+"\n---\n"+body)
	}
	writeFile(t, dir, "static/img/x.png", string(imagingtest.PNG(40, 30, true)))
	return dir
}

func checkHTMLPage(t *testing.T, file string) {
	t.Helper()
	checkHTML(t, file, parseHTML(t, file))
}

// ownScript is the address of the theme's search script.
var ownScript = regexp.MustCompile(`^/([^/:]+/)*search\.[0-9a-f]{8}\.js$`)

// checkHTML fails on anything in doc that a browser would execute.
func checkHTML(t *testing.T, file string, doc *html.Node) {
	t.Helper()
	for _, n := range findAll(doc, func(*html.Node) bool { return true }) {
		if n.Data == "script" {
			typ, _ := attr(n, "type")
			if src, _ := attr(n, "src"); ownScript.MatchString(src) && n.FirstChild == nil {
				continue // the theme's search script, from the site itself
			}
			if typ != "application/ld+json" {
				t.Errorf("%s: a <script> element got through", file)
				continue
			}
			var v any
			if err := json.Unmarshal([]byte(n.FirstChild.Data), &v); err != nil {
				t.Errorf("%s: JSON-LD broken: %v", file, err)
			}
		}
		if n.Data == "img" {
			if src, _ := attr(n, "src"); src == "x" {
				t.Errorf("%s: the payload's <img> became an element", file)
			}
		}
		for _, a := range n.Attr {
			if strings.HasPrefix(a.Key, "on") {
				t.Errorf("%s: <%s %s=%q>", file, n.Data, a.Key, a.Val)
			}
			if (a.Key == "href" || a.Key == "src") && strings.HasPrefix(strings.ToLower(strings.TrimSpace(a.Val)), "javascript:") {
				t.Errorf("%s: <%s %s=%q>", file, n.Data, a.Key, a.Val)
			}
		}
	}
}

func TestHostileContentIsEscapedEverywhere(t *testing.T) {
	for _, unsafeHTML := range []bool{false, true} {
		dir := hostileSite(t, unsafeHTML)
		code, _, errs := digestRun(t, "build", "-s", dir)
		if code != 0 {
			t.Fatalf("build failed: %s", errs)
		}
		public := filepath.Join(dir, "public")
		want := markdown.Typography(payload)
		kinds := map[string]bool{}
		err := filepath.WalkDir(public, func(p string, d os.DirEntry, err error) error {
			if err != nil || d.IsDir() {
				return err
			}
			rel, _ := filepath.Rel(public, p)
			switch {
			case strings.HasSuffix(p, ".html"):
				checkHTMLPage(t, p)
				kinds[strings.SplitN(rel, string(filepath.Separator), 2)[0]] = true
			case strings.HasPrefix(filepath.ToSlash(rel), "search/"):
				// The search index: JSON whose strings keep markup
				// escaped, never raw.
				b, _ := os.ReadFile(p)
				if !json.Valid(b) {
					t.Errorf("%s is not JSON", rel)
				}
				if strings.Contains(string(b), "<script") || strings.Contains(string(b), "<img") {
					t.Errorf("%s has raw markup from content", rel)
				}
				kinds["search-index"] = true
			case strings.HasSuffix(p, ".xml") && !strings.HasSuffix(p, "sitemap.xml"), strings.HasSuffix(p, ".json"):
				f, _ := os.Open(p)
				feed, err := gofeed.NewParser().Parse(f)
				f.Close()
				if err != nil {
					t.Fatalf("%s does not parse: %v", rel, err)
				}
				// The editions' feeds have an entry per edition, titled
				// by its date, listing the headlines.
				editions := strings.HasPrefix(filepath.ToSlash(rel), "editions/")
				if feed.Title != want && !strings.HasPrefix(feed.Title, want) && !(editions && strings.HasSuffix(feed.Title, want)) {
					t.Errorf("%s: feed title %q", rel, feed.Title)
				}
				for _, it := range feed.Items {
					if it.Title != want && !editions {
						t.Errorf("%s: item title %q, want %q", rel, it.Title, want)
					}
					content, err := html.Parse(strings.NewReader(it.Content))
					if err != nil || it.Content == "" {
						t.Fatalf("%s: item content %q: %v", rel, it.Content, err)
					}
					if editions && !strings.Contains(sitetest.Text(content), want) {
						t.Errorf("%s: edition %q does not show the headline as text: %s", rel, it.Title, it.Content)
					}
					checkHTML(t, rel+" item content", content)
				}
				kinds["feed"] = true
			case strings.HasSuffix(p, "sitemap.xml"):
				b, _ := os.ReadFile(p)
				if err := xml.Unmarshal(b, new(struct{})); err != nil {
					t.Errorf("sitemap does not parse: %v", err)
				}
			}
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
		{
			doc := parseHTML(t, filepath.Join(public, "2025/08/15/one/index.html"))
			if h1 := text(findAll(doc, byTag("h1"))[0]); h1 != strings.Join(strings.Fields(want), " ") {
				t.Errorf("headline %q, want the payload as text", h1)
			}
			for _, k := range []string{"index.html", "2025", "topics", "people", "places", "404.html", "feed", "archive", "editions", "search", "search-index"} {
				if !kinds[k] {
					t.Errorf("no %s checked", k)
				}
			}
		}
	}
}

func TestDangerousImageRefused(t *testing.T) {
	dir := copySite(t)
	writeFile(t, dir, "content/articles/2025-08-20-img.md", "---\ntitle: Img\nimage:\n  src: \"javascript:alert(1)\"\n  alt: x\n---\nBody.\n")
	code, _, errs := digestRun(t, "build", "-s", dir)
	if code != exitError || !strings.Contains(errs, `content/articles/2025-08-20-img.md:3: error: image.src: "javascript:alert(1)" is not a path or an http(s) URL`) {
		t.Errorf("exit %d: %s", code, errs)
	}
}

// TestFileNames: spaces, other scripts and characters Windows forbids
// become clean URLs, and nothing is written outside the destination.
func TestFileNames(t *testing.T) {
	dir := copySite(t)
	var wants []string
	for name, want := range map[string]string{
		"2025-08-20-Talks in Kyiv.md":      "2025/08/20/talks-in-kyiv/index.html",
		"2025-08-21-переговори у Києві.md": "2025/08/21/переговори-у-києві/index.html",
		"2025-08-22-a<b>c:d|e?f*g\"h.md":   "2025/08/22/a-b-c-d-e-f-g-h/index.html",
		"2025-08-23-...md":                 "",
		"2025-08-24-Trump's deadline.md":   "2025/08/24/trumps-deadline/index.html",
	} {
		writeFile(t, dir, "content/articles/"+name, "---\ntitle: T\nid: "+yq("tag:x,2025:"+name)+"\n---\nBody.\n")
		if want != "" {
			wants = append(wants, want)
		}
	}
	code, _, errs := digestRun(t, "build", "-s", dir)
	if code != exitError || !strings.Contains(errs, `cannot make a URL from the file name "2025-08-23-.."`) {
		t.Fatalf("exit %d, want a clear error for a file name without letters: %s", code, errs)
	}
	os.Remove(filepath.Join(dir, "content/articles/2025-08-23-...md"))
	mustBuild(t, dir)
	for _, p := range wants {
		if _, err := os.Stat(filepath.Join(dir, "public", p)); err != nil {
			t.Errorf("%s: %v", p, err)
		}
	}
	entries, _ := os.ReadDir(dir)
	for _, e := range entries {
		if n := e.Name(); n != "content" && n != "public" && !strings.HasPrefix(n, ".public.digest") {
			t.Errorf("something was written outside public/: %s", n)
		}
	}
	crawl(t, filepath.Join(dir, "public"), "/")
}

func TestRefusesForeignDestination(t *testing.T) {
	dir := copySite(t)
	mine := filepath.Join(t.TempDir(), "my-files")
	writeFile(t, mine, "thesis.txt", "years of work")
	code, _, errs := digestRun(t, "build", "-s", dir, "-d", mine)
	if code != exitError || !strings.Contains(errs, "no .digest-manifest marker") {
		t.Errorf("exit %d: %s", code, errs)
	}
	if b, err := os.ReadFile(filepath.Join(mine, "thesis.txt")); err != nil || string(b) != "years of work" {
		t.Fatal("the folder was touched")
	}
	// The site's own folder is never a destination.
	code, _, errs = digestRun(t, "build", "-s", dir, "-d", dir)
	if code != exitError {
		t.Errorf("building into the source folder: exit %d: %s", code, errs)
	}
	if _, err := os.Stat(filepath.Join(dir, "content/_index.md")); err != nil {
		t.Fatal("the site's content was touched")
	}
}

func TestCheckStrict(t *testing.T) {
	dir := copySite(t)
	writeFile(t, dir, "content/articles/2025-08-20-warn.md", "---\ntitle: Warn\nid: \"tag:x,1:w\"\n---\nSee [nowhere](/topics/nope/).\n")
	if code, out, _ := digestRun(t, "check", "-s", dir); code != 0 || !strings.Contains(out, "content/articles/2025-08-20-warn.md:5: warning: link to /topics/nope/") {
		t.Errorf("check: exit %d\n%s", code, out)
	}
	if code, _, _ := digestRun(t, "check", "-s", dir, "--strict"); code != exitError {
		t.Errorf("check --strict: exit %d, want 1", code)
	}
}
