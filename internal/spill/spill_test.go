package spill

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
)

func read(t *testing.T, x Text) string {
	t.Helper()
	s, err := x.Read()
	if err != nil {
		t.Fatal(err)
	}
	return s
}

// TestPutRead: texts put from many goroutines read back as they were, from
// the file, and the file is gone from its folder at once.
func TestPutRead(t *testing.T) {
	dir := t.TempDir()
	f, err := Create(dir)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if left, _ := os.ReadDir(dir); len(left) != 0 {
		t.Errorf("the spill file is still in its folder: %v", left)
	}
	var wg sync.WaitGroup
	texts := make([]Text, 200)
	for i := range texts {
		wg.Go(func() { texts[i] = f.Put([]byte(strings.Repeat(fmt.Sprint(i), i+1))) })
	}
	wg.Wait()
	total := 0
	for i, x := range texts {
		want := strings.Repeat(fmt.Sprint(i), i+1)
		if !x.InFile() || x.Len() != len(want) {
			t.Fatalf("text %d: in file %v, length %d, want %d", i, x.InFile(), x.Len(), len(want))
		}
		if got := read(t, x); got != want {
			t.Fatalf("text %d = %q, want %q", i, got, want)
		}
		total += len(want)
	}
	if f.Size() != int64(total) {
		t.Errorf("file size %d, want %d", f.Size(), total)
	}
	if x := f.Put(nil); x.InFile() || read(t, x) != "" {
		t.Error("an empty text went to the file")
	}
}

// TestInMemory: without a file, and after a failed write, texts are kept
// in memory and read back all the same.
func TestInMemory(t *testing.T) {
	var none *File
	if x := none.Put([]byte("abc")); x.InFile() || read(t, x) != "abc" {
		t.Errorf("nil file: %+v", x)
	}
	if x := String("xyz"); x.Len() != 3 || read(t, x) != "xyz" {
		t.Errorf("String: %+v", x)
	}
	if read(t, Text{}) != "" {
		t.Error("the zero Text is not empty")
	}
	f, err := Create(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	f.f.Close() // every write fails from now on
	if x := f.Put([]byte("kept")); x.InFile() || read(t, x) != "kept" {
		t.Errorf("after a failed write: %+v", x)
	}
	if x := f.Put([]byte("again")); x.InFile() || read(t, x) != "again" {
		t.Errorf("second put after a failed write: %+v", x)
	}
}

// TestOpenAt: texts of an existing file are read at their place, and a
// read past its end is an error, not a short text.
func TestOpenAt(t *testing.T) {
	path := filepath.Join(t.TempDir(), "data")
	os.WriteFile(path, []byte("header|body one|body two"), 0o644)
	f, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if f.Size() != 24 {
		t.Errorf("size %d", f.Size())
	}
	if got := read(t, f.At(7, 8, Checksum([]byte("body one")))); got != "body one" {
		t.Errorf("At(7, 8) = %q", got)
	}
	if _, err := f.At(20, 10, 0).Read(); err == nil {
		t.Error("a read past the end succeeded")
	}
	f.Close()
	if _, err := f.At(7, 8, Checksum([]byte("body one"))).Read(); err == nil {
		t.Error("a read from a closed file succeeded")
	}
}

// TestChangedInPlace: a text whose bytes were overwritten in its file, or
// cut off by a truncation, reads as ErrDamaged or an error, never as other
// bytes.
func TestChangedInPlace(t *testing.T) {
	path := filepath.Join(t.TempDir(), "data")
	os.WriteFile(path, []byte("header|body one|body two"), 0o644)
	f, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	x := f.At(7, 8, Checksum([]byte("body one")))
	// Same inode, other bytes: what cp does to a file that exists.
	if err := os.WriteFile(path, []byte("header|BODY ONE|body two"), 0o644); err != nil {
		t.Fatal(err)
	}
	if got, err := x.Read(); !errors.Is(err, ErrDamaged) {
		t.Errorf("after an overwrite: %q, %v; want ErrDamaged", got, err)
	}
	if err := os.Truncate(path, 10); err != nil {
		t.Fatal(err)
	}
	if got, err := x.Read(); err == nil {
		t.Errorf("after a truncation: %q, no error", got)
	}
	// A spilled text is checked too.
	g, err := Create(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	defer g.Close()
	y := g.Put([]byte("spilled text"))
	if _, err := g.f.WriteAt([]byte("SPILLED"), 0); err != nil {
		t.Fatal(err)
	}
	if _, err := y.Read(); !errors.Is(err, ErrDamaged) {
		t.Errorf("spilled text changed in its file: %v, want ErrDamaged", err)
	}
}
