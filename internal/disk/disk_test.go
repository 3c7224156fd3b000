package disk

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"syscall"
	"testing"
	"testing/fstest"
	"time"
)

// TestNothingBlocks: a named pipe, read through every door of the
// package, is refused at once, naming what it is.
func TestNothingBlocks(t *testing.T) {
	dir := t.TempDir()
	pipe := filepath.Join(dir, "pipe.md")
	if err := syscall.Mkfifo(pipe, 0o644); err != nil {
		t.Fatal(err)
	}
	done := make(chan error, 4)
	go func() {
		_, err := ReadFile(pipe, 0)
		done <- err
		_, _, err = Open(pipe, true)
		done <- err
		_, err = DirFS(dir).Open("pipe.md")
		done <- err
		_, err = ReadFS(DirFS(dir), "pipe.md", 100)
		done <- err
	}()
	for range 4 {
		select {
		case err := <-done:
			var k *KindError
			if !errors.As(err, &k) || k.Kind != "a named pipe" || !errors.Is(err, ErrNotRegular) {
				t.Errorf("err = %v, want a named pipe refused", err)
			}
		case <-time.After(5 * time.Second):
			t.Fatal("reading a named pipe blocked")
		}
	}
}

// TestSizeCheckedBeforeReading: a file over the limit is refused from its
// size; one at the limit is read whole.
func TestSizeCheckedBeforeReading(t *testing.T) {
	dir := t.TempDir()
	big := filepath.Join(dir, "big.md")
	f, _ := os.Create(big)
	f.Truncate(1 << 30) // sparse
	f.Close()
	_, err := ReadFile(big, 1<<20)
	var tl *TooLargeError
	if !errors.As(err, &tl) || tl.Size != 1<<30 || tl.Limit != 1<<20 {
		t.Errorf("err = %v, want too large", err)
	}
	if err.Error() != "read "+big+": file is 1.0 GB, larger than the 1.0 MB limit" {
		t.Errorf("message %q", err)
	}
	os.WriteFile(filepath.Join(dir, "ok.md"), []byte("12345"), 0o644)
	if b, err := ReadFS(DirFS(dir), "ok.md", 5); err != nil || string(b) != "12345" {
		t.Errorf("at the limit: %q, %v", b, err)
	}
	if _, err := ReadFS(fstest.MapFS{"x.md": {Data: []byte("123456")}}, "x.md", 5); !errors.As(err, &tl) {
		t.Errorf("MapFS over the limit: %v", err)
	}
}

// TestFS: DirFS behaves as an fs.FS should, folders included.
func TestFS(t *testing.T) {
	dir := t.TempDir()
	os.MkdirAll(filepath.Join(dir, "content/articles"), 0o755)
	os.WriteFile(filepath.Join(dir, "content/articles/a.md"), []byte("a"), 0o644)
	os.WriteFile(filepath.Join(dir, "content/_index.md"), []byte("i"), 0o644)
	os.Symlink("articles/a.md", filepath.Join(dir, "content/link.md"))
	fsys := DirFS(dir)
	if err := fstest.TestFS(fsys, "content/articles/a.md", "content/_index.md", "content/link.md"); err != nil {
		t.Error(err)
	}
	if target, err := fsys.ReadLink("content/link.md"); err != nil || target != "articles/a.md" {
		t.Errorf("ReadLink: %q, %v", target, err)
	}
	if st, err := fsys.Lstat("content/link.md"); err != nil || st.Mode()&fs.ModeSymlink == 0 {
		t.Errorf("Lstat: %v, %v", st, err)
	}
	if _, err := fsys.Open("../outside"); !errors.Is(err, fs.ErrInvalid) {
		t.Errorf("Open(../outside) = %v, want ErrInvalid", err)
	}
}
