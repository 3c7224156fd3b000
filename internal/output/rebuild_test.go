package output

import (
	"os"
	"path/filepath"
	"testing"
)

func TestFileDeletedByHandIsRestored(t *testing.T) {
	dest := filepath.Join(t.TempDir(), "public")
	a, b := file{path: "a.html", input: in("a"), data: "A"}, file{path: "b.html", input: in("b"), data: "B"}
	build(t, dest, a, b)
	if err := os.Remove(filepath.Join(dest, "a.html")); err != nil {
		t.Fatal(err)
	}
	st := build(t, dest, a, b)
	if st.Unchanged || missing(filepath.Join(dest, "a.html")) {
		t.Fatalf("a.html not restored: %+v", st)
	}
	build(t, dest, a, file{path: "b.html", input: in("b2"), data: "B2"})
	if readFile(t, filepath.Join(dest, "a.html")) != "A" || readFile(t, filepath.Join(dest, "b.html")) != "B2" {
		t.Error("later build wrong")
	}
}

func TestSameBytesNewInputUpdatesManifest(t *testing.T) {
	dest := filepath.Join(t.TempDir(), "public")
	build(t, dest, file{path: "a.html", input: in("x"), data: "A"})
	st := build(t, dest, file{path: "a.html", input: in("y"), data: "A"})
	if !st.Unchanged {
		t.Errorf("same bytes should leave the site unchanged: %+v", st)
	}
	if got := readManifest(t, dest)["a.html"].input; got != in("y") {
		t.Error("manifest still records the old input")
	}
	tr, _ := Open(dest, Options{})
	defer tr.Abort()
	if !tr.Current("a.html", in("y")) {
		t.Error("the page is not current under its new input")
	}
}

func TestKeepAfterWriteKeepsTheNewBytes(t *testing.T) {
	dest := filepath.Join(t.TempDir(), "public")
	build(t, dest, file{path: "a.html", input: in("x"), data: "A"})
	tr, err := Open(dest, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if err := tr.Write("a.html", in("y"), []byte("NEW")); err != nil {
		t.Fatal(err)
	}
	tr.Keep("a.html")
	if _, err := tr.Commit(); err != nil {
		t.Fatal(err)
	}
	if got := readManifest(t, dest)["a.html"]; got.input != in("y") || got.sum != contentSum([]byte("NEW")) {
		t.Errorf("manifest entry %+v does not match the written file", got)
	}
}

func TestEmptySiteRebuiltUnchanged(t *testing.T) {
	dest := filepath.Join(t.TempDir(), "public")
	build(t, dest)
	if st := build(t, dest); !st.Unchanged {
		t.Errorf("an empty site rebuilt: %+v", st)
	}
}
