package main

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/mmcdole/gofeed"
)

const idsBase = "https://peace-talks-digest.netlify.app/"

// idsItem is an item written for the ids tests: its text, and what it is
// once digest ids --write has given it its id (want = "": untouched).
type idsItem struct{ file, text, want string }

// idsItems are items of every front matter format without an id, one
// with one, and items a plain build leaves out: a draft, an embargoed
// item, an expired one.
func idsItems() []idsItem {
	url := func(date, slug string) string {
		return idsBase + date[:4] + "/" + date[5:7] + "/" + date[8:10] + "/" + slug + "/"
	}
	future := time.Now().AddDate(1, 0, 0).Format("2006-01-02")
	return []idsItem{
		{"2025-08-19-yaml-item.md", "---\ntitle: YAML item\ntopics: [ukraine-peace-talks]\n---\nBody in YAML.\n",
			"---\nid: \"" + url("2025-08-19", "yaml-item") + "\"\ntitle: YAML item\ntopics: [ukraine-peace-talks]\n---\nBody in YAML.\n"},
		{"2025-08-19-toml-item.md", "+++\r\ntitle = \"TOML item\"\r\ntopics = [\"ukraine-peace-talks\"]\r\n+++\r\nBody in TOML.\r\n",
			"+++\r\nid = \"" + url("2025-08-19", "toml-item") + "\"\r\ntitle = \"TOML item\"\r\ntopics = [\"ukraine-peace-talks\"]\r\n+++\r\nBody in TOML.\r\n"},
		{"2025-08-19-json-item.md", "\ufeff{\n  \"title\": \"JSON item\",\n  \"topics\": [\"ukraine-peace-talks\"]\n}\n\nBody in JSON.\n",
			"\ufeff{\n  \"id\": \"" + url("2025-08-19", "json-item") + "\",\n  \"title\": \"JSON item\",\n  \"topics\": [\"ukraine-peace-talks\"]\n}\n\nBody in JSON.\n"},
		{"2025-08-18-slug-item.md", "---\ntitle: Slug item\nslug: \"été 2025\"\n---\nBody.\n",
			"---\nid: \"" + url("2025-08-18", "%C3%A9t%C3%A9-2025") + "\"\ntitle: Slug item\nslug: \"été 2025\"\n---\nBody.\n"},
		{"2025-08-17-has-id.md", "---\nID: \"tag:example.org,2025-08-17:has-id\"\ntitle: Has an id\n---\nBody.\n", ""},
		{"2025-08-16-draft.md", "---\ntitle: Draft item\ndraft: true\n---\nNot yet.\n",
			"---\nid: \"" + url("2025-08-16", "draft") + "\"\ntitle: Draft item\ndraft: true\n---\nNot yet.\n"},
		{future + "-later.md", "---\ntitle: Later item\n---\nLater.\n",
			"---\nid: \"" + url(future, "later") + "\"\ntitle: Later item\n---\nLater.\n"},
		{"2025-08-14-gone.md", "---\ntitle: Gone item\nexpiryDate: 2025-08-20\n---\nGone.\n",
			"---\nid: \"" + url("2025-08-14", "gone") + "\"\ntitle: Gone item\nexpiryDate: 2025-08-20\n---\nGone.\n"},
	}
}

// idsSite is a copy of the sample site, whose items all have ids, with
// idsItems added.
func idsSite(t *testing.T) string {
	t.Helper()
	t.Setenv("DIGEST_BASE_URL", "")
	t.Setenv("NETLIFY", "")
	dir := copySite(t)
	for _, it := range idsItems() {
		writeFile(t, dir, "content/articles/"+it.file, it.text)
	}
	return dir
}

// feedIDs builds the site with extra flags and returns the entry ids of
// each of its feeds, by entry link, and the build's diagnostics.
func feedIDs(t *testing.T, dir string, extra ...string) (map[string]map[string]string, string) {
	t.Helper()
	code, out, errs := digestRun(t, append([]string{"build", "-s", dir}, extra...)...)
	if code != exitOK {
		t.Fatalf("digest build %v exited %d\n%s%s", extra, code, out, errs)
	}
	ids := map[string]map[string]string{}
	for _, name := range []string{"atom.xml", "feed.xml", "feed.json"} {
		f, err := os.Open(filepath.Join(dir, "public", name))
		if err != nil {
			t.Fatal(err)
		}
		feed, err := gofeed.NewParser().Parse(f)
		f.Close()
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		ids[name] = map[string]string{}
		for _, it := range feed.Items {
			ids[name][it.Link] = it.GUID
		}
	}
	return ids, errs
}

func TestIDsWriteKeepsFeedIDs(t *testing.T) {
	dir := idsSite(t)
	before, errs := feedIDs(t, dir)
	if !strings.Contains(errs, "feed-id-missing") && !strings.Contains(errs, "have no id") {
		t.Fatalf("no feed-id-missing warning before: %s", errs)
	}
	if n := len(before["atom.xml"]); n < 8 {
		t.Fatalf("atom.xml has %d entries; the new items are not in it", n)
	}
	beforeAll, _ := feedIDs(t, dir, "--drafts", "--future", "--expired")
	articles := filepath.Join(dir, "content", "articles")
	if err := os.Chmod(filepath.Join(articles, "2025-08-19-toml-item.md"), 0o600); err != nil {
		t.Fatal(err)
	}
	snap := snapshot(t, articles)

	code, out, errs := digestRun(t, "ids", "-s", dir, "--write")
	if code != exitOK {
		t.Fatalf("digest ids --write exited %d\n%s%s", code, out, errs)
	}
	if !strings.Contains(out, "wrote ids to 7 items") {
		t.Errorf("no count of the items written:\n%s", out)
	}
	after := snapshot(t, articles)
	items := idsItems()
	for name, st := range snap {
		if st.mode.IsDir() {
			continue
		}
		i := slices.IndexFunc(items, func(it idsItem) bool { return it.file == name })
		switch {
		case i >= 0 && items[i].want != "":
			if after[name].data != items[i].want {
				t.Errorf("%s:\n%q\nwant\n%q", name, after[name].data, items[i].want)
			}
			if after[name].mode != st.mode {
				t.Errorf("%s: mode %v, was %v", name, after[name].mode, st.mode)
			}
		case after[name] != st:
			t.Errorf("%s: changed, but it has an id", name)
		}
	}
	if len(after) != len(snap) {
		t.Errorf("%d files in content/articles after, %d before: a temporary file left?", len(after), len(snap))
	}

	got, errs := feedIDs(t, dir)
	if strings.Contains(errs, "feed-id-missing") {
		t.Errorf("still a feed-id-missing warning after --write: %s", errs)
	}
	gotAll, _ := feedIDs(t, dir, "--drafts", "--future", "--expired")
	for _, c := range []struct{ before, after map[string]map[string]string }{{before, got}, {beforeAll, gotAll}} {
		for name, ids := range c.before {
			for link, id := range ids {
				if c.after[name][link] != id {
					t.Errorf("%s: entry %s: id %q, was %q", name, link, c.after[name][link], id)
				}
			}
			if len(c.after[name]) != len(ids) {
				t.Errorf("%s: %d entries, were %d", name, len(c.after[name]), len(ids))
			}
		}
	}

	// Every item has an id now: a second run finds nothing to do.
	code, out, _ = digestRun(t, "ids", "-s", dir, "--write")
	if code != exitOK || !strings.Contains(out, "wrote ids to 0 items") {
		t.Errorf("second run exited %d:\n%s", code, out)
	}
	sameTree(t, after, snapshot(t, articles), true)
}

func TestIDsDryRun(t *testing.T) {
	dir := idsSite(t)
	snap := snapshot(t, dir)
	code, out, errs := digestRun(t, "ids", "-s", dir)
	if code != exitOK {
		t.Fatalf("digest ids exited %d\n%s%s", code, out, errs)
	}
	for _, want := range []string{
		"content/articles/2025-08-19-yaml-item.md: " + idsBase + "2025/08/19/yaml-item/\n",
		"content/articles/2025-08-16-draft.md: " + idsBase + "2025/08/16/draft/\n",
		"7 items without an id",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("output lacks %q:\n%s", want, out)
		}
	}
	if strings.Contains(out, "has-id") || strings.Contains(out, "alaska-summit") {
		t.Errorf("lists items that have an id:\n%s", out)
	}
	sameTree(t, snap, snapshot(t, dir), true)
}

func TestIDsRefuses(t *testing.T) {
	t.Run("site errors", func(t *testing.T) {
		dir := idsSite(t)
		writeFile(t, dir, "content/articles/2025-08-20-broken.md", "---\ntitle: [Broken\n---\nBody.\n")
		snap := snapshot(t, dir)
		code, out, errs := digestRun(t, "ids", "-s", dir, "--write")
		if code != exitError || !strings.Contains(errs, "2025-08-20-broken.md") || !strings.Contains(errs, "no file changed") {
			t.Errorf("exit %d\nstdout: %s\nstderr: %s", code, out, errs)
		}
		sameTree(t, snap, snapshot(t, dir), true)
	})
	t.Run("no base URL", func(t *testing.T) {
		dir := idsSite(t)
		writeFile(t, dir, "content/_index.md", "---\ntitle: No base\n---\n")
		snap := snapshot(t, dir)
		code, _, errs := digestRun(t, "ids", "-s", dir, "--write")
		if code != exitError || !strings.Contains(errs, "base URL is not known") {
			t.Errorf("exit %d: %s", code, errs)
		}
		sameTree(t, snap, snapshot(t, dir), true)
	})
	t.Run("symbolic link", func(t *testing.T) {
		dir := idsSite(t)
		articles := filepath.Join(dir, "content", "articles")
		target := filepath.Join(dir, "elsewhere.md")
		if err := os.Rename(filepath.Join(articles, "2025-08-19-yaml-item.md"), target); err != nil {
			t.Fatal(err)
		}
		if err := os.Symlink(filepath.Join("..", "..", "elsewhere.md"), filepath.Join(articles, "2025-08-19-yaml-item.md")); err != nil {
			t.Skip("no symbolic links here:", err)
		}
		code, out, errs := digestRun(t, "ids", "-s", dir, "--write")
		if code != exitError || !strings.Contains(errs, "symbolic link") || !strings.Contains(out, "wrote ids to 6 items") {
			t.Errorf("exit %d\nstdout: %s\nstderr: %s", code, out, errs)
		}
		if b, _ := os.ReadFile(target); string(b) != idsItems()[0].text {
			t.Errorf("the link's target changed: %q", b)
		}
	})
}
