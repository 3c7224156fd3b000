package main

import (
	"crypto/sha256"
	"fmt"
	"io/fs"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"digest/internal/corpus"
)

// treeSums maps every file under dir to the hash of its bytes.
func treeSums(t *testing.T, dir string) map[string][32]byte {
	t.Helper()
	m := map[string][32]byte{}
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(dir, p)
		m[rel] = sha256.Sum256(b)
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return m
}

func sameSums(a, b map[string][32]byte) bool {
	if len(a) != len(b) {
		return false
	}
	for k, v := range a {
		if b[k] != v {
			return false
		}
	}
	return true
}

// linkCopy makes dst a copy of src made of hard links: builds never change
// files in place, so the original stays as it was.
func linkCopy(t *testing.T, src, dst string) {
	t.Helper()
	err := filepath.WalkDir(src, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(src, p)
		if d.IsDir() {
			return os.MkdirAll(filepath.Join(dst, rel), 0o755)
		}
		return os.Link(p, filepath.Join(dst, rel))
	})
	if err != nil {
		t.Fatal(err)
	}
}

func digestCommand(args ...string) *exec.Cmd {
	cmd := exec.Command(os.Args[0], args...)
	cmd.Env = append(os.Environ(), "DIGEST_AS_COMMAND=1")
	return cmd
}

// TestKilledBuildLeavesOldOrNewSite kills digest build with SIGKILL at
// random moments while it turns site A into site B. Every time, the
// destination is exactly A or exactly B, never a mix, and the next build
// cleans up what the killed one left and gives B.
func TestKilledBuildLeavesOldOrNewSite(t *testing.T) {
	rounds, items := 8, 500
	if testing.Short() {
		rounds, items = 4, 300
	}
	root := t.TempDir()
	site := filepath.Join(root, "site")
	files := corpus.Generate(corpus.Options{Items: items, Seed: 3, Topics: 12})
	if err := corpus.Write(site, files); err != nil {
		t.Fatal(err)
	}
	pristineA := filepath.Join(root, "a")
	if out, err := digestCommand("build", "-s", site, "-d", pristineA).CombinedOutput(); err != nil {
		t.Fatalf("building A: %v\n%s", err, out)
	}
	sumsA := treeSums(t, pristineA)
	// Site B: every headline changes, a tenth of the items go, new ones come.
	for i, f := range files {
		p := filepath.Join(site, filepath.FromSlash(f.Path))
		switch {
		case !strings.HasPrefix(f.Path, "content/articles/"):
		case i%10 == 0:
			os.Remove(p)
		default:
			text := strings.Replace(f.Text, "title: \"", "title: \"Revised: ", 1)
			if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
				t.Fatal(err)
			}
		}
	}
	r := rand.New(rand.NewPCG(9, 9))
	for i := range items / 10 {
		f := corpus.Item(r, items+i, time.Date(2025, 3, 1, 0, 0, 0, 0, time.UTC).AddDate(0, 0, i), 12)
		writeFile(t, site, f.Path, f.Text)
	}
	refB := filepath.Join(root, "b")
	linkCopy(t, pristineA, refB)
	start := time.Now()
	if out, err := digestCommand("build", "-s", site, "-d", refB).CombinedOutput(); err != nil {
		t.Fatalf("building B: %v\n%s", err, out)
	}
	took := time.Since(start)
	sumsB := treeSums(t, refB)
	if sameSums(sumsA, sumsB) {
		t.Fatal("A and B are the same site")
	}

	outcomes := map[string]int{}
	for round := range rounds {
		dest := filepath.Join(root, fmt.Sprintf("public-%d", round))
		linkCopy(t, pristineA, dest)
		cmd := digestCommand("build", "-s", site, "-d", dest)
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		delay := time.Duration(r.Int64N(int64(took) * 11 / 10))
		time.Sleep(delay)
		_ = cmd.Process.Signal(syscall.SIGKILL)
		_ = cmd.Wait()
		got := treeSums(t, dest)
		switch {
		case sameSums(got, sumsA):
			outcomes["old site"]++
		case sameSums(got, sumsB):
			outcomes["new site"]++
		default:
			t.Fatalf("round %d, killed after %v: the destination is neither the old site nor the new one", round, delay)
		}
		if out, err := digestCommand("build", "-s", site, "-d", dest).CombinedOutput(); err != nil {
			t.Fatalf("round %d: the build after the kill failed: %v\n%s", round, err, out)
		}
		if !sameSums(treeSums(t, dest), sumsB) {
			t.Fatalf("round %d: the build after the kill did not give the new site", round)
		}
		entries, _ := os.ReadDir(root)
		for _, e := range entries {
			if e.IsDir() && strings.Contains(e.Name(), ".digest-") {
				t.Fatalf("round %d: leftover %s after the next build", round, e.Name())
			}
		}
		os.RemoveAll(dest)
	}
	t.Logf("build of B takes %v; %d kills: %v", took, rounds, outcomes)
	if outcomes["old site"] == 0 {
		t.Error("no kill landed before the swap: the test is not exercising the build")
	}
}
