package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestSourcesAreNeverTheDestination reproduces the data-loss report: a
// build into the site's own folder (empty at first, then with content/),
// into the site's root holding a copied public/ with its marker, and into
// a folder inside content/. Each is refused with exit 1, and every file
// of the site is as it was.
func TestSourcesAreNeverTheDestination(t *testing.T) {
	empty := t.TempDir()
	if code, _, errs := digestRun(t, "build", "-s", empty, "-d", empty); code != exitError || !strings.Contains(errs, "site's own folder") {
		t.Errorf("the empty site's own folder: exit %d: %s", code, errs)
	}
	if _, err := os.Stat(filepath.Join(empty, ".digest-manifest")); err == nil {
		t.Error("a refused destination got a marker")
	}

	dir := copySite(t)
	mustBuild(t, dir)
	// Publishing from the repository's root: public/ copied over it.
	copyTree(t, filepath.Join(dir, "public"), dir)
	os.RemoveAll(filepath.Join(dir, "public"))
	before := snapshot(t, filepath.Join(dir, "content"))
	cases := map[string][]string{
		"the site's root, holding a marker": {"-s", dir, "-d", dir},
		"the site's root as .":              {"-s", dir, "-d", filepath.Join(dir, ".")},
		"a folder inside content/":          {"-s", dir, "-d", filepath.Join(dir, "content/articles/out")},
		"content/ itself":                   {"-s", dir, "-d", filepath.Join(dir, "content")},
		"the site's parent":                 {"-s", dir, "-d", filepath.Dir(dir)},
	}
	for name, args := range cases {
		code, _, errs := digestRun(t, append([]string{"build"}, args...)...)
		if code != exitError || !strings.Contains(errs, "refused destination") {
			t.Errorf("%s: exit %d: %s", name, code, errs)
		}
	}
	sameTree(t, before, snapshot(t, filepath.Join(dir, "content")), true)
	for _, lock := range []string{filepath.Join(filepath.Dir(dir), "."+filepath.Base(dir)+".digest-lock"), filepath.Join(dir, "content/articles/.out.digest-lock")} {
		if _, err := os.Stat(lock); err == nil {
			t.Errorf("a refused build left %s", lock)
		}
	}
	// The next build into public/ is fine, and sees no output files in
	// content/.
	code, _, errs := digestRun(t, "build", "-s", dir)
	if code != exitOK || strings.Contains(errs, "warning") {
		t.Errorf("build into public/: exit %d: %s", code, errs)
	}
}
