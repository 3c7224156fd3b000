package output

import (
	"os"
	"path/filepath"
	"testing"
)

func TestLeftoverGitRescuedIntoMissingDestination(t *testing.T) {
	parent := t.TempDir()
	dest := filepath.Join(parent, "public")
	writeFiles(t, filepath.Join(parent, ".public.digest-new-99999"), map[string]string{".git/HEAD": "ref: refs/heads/main\n"})
	build(t, dest, file{path: "index.html", input: in("i"), data: "home"})
	if got := readFile(t, filepath.Join(dest, ".git/HEAD")); got != "ref: refs/heads/main\n" {
		t.Fatalf(".git lost: HEAD is %q", got)
	}
}

func TestSetAsideSiteRestoredWhenDestinationMissing(t *testing.T) {
	parent := t.TempDir()
	dest := filepath.Join(parent, "public")
	build(t, dest, file{path: "index.html", input: in("i"), data: "home"})
	// A build killed between the two renames of the fallback exchange.
	if err := os.Rename(dest, filepath.Join(parent, ".public.digest-new-99999-old")); err != nil {
		t.Fatal(err)
	}
	tr, err := Open(dest, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if !tr.Current("index.html", in("i")) {
		t.Error("the set-aside site was not restored as the current one")
	}
	tr.Abort()
	if got := readFile(t, filepath.Join(dest, "index.html")); got != "home" {
		t.Errorf("index.html is %q", got)
	}
}

func TestLeftoverCNAMEIsNotRescued(t *testing.T) {
	parent := t.TempDir()
	dest := filepath.Join(parent, "public")
	build(t, dest, file{path: "index.html", input: in("i"), data: "home"})
	writeFiles(t, filepath.Join(parent, ".public.digest-new-99999"), map[string]string{"CNAME": "old.example.org\n"})
	build(t, dest, file{path: "index.html", input: in("i2"), data: "home2"})
	if !missing(filepath.Join(dest, "CNAME")) {
		t.Error("a CNAME from a killed build's tree came back")
	}
}
