package output

import (
	"os"
	"os/exec"
	"path/filepath"
	"syscall"
	"testing"
)

// asNobody runs the test named name again, in a child process of the test
// binary running as the user nobody (65534), in a folder that user may
// write to (DIGEST_TEST_DIR), and fails if it fails. setup, if set, runs
// first, as root, in that folder.
func asNobody(t *testing.T, name string, setup func(dir string)) {
	t.Helper()
	// The test binary may sit in a folder only root can enter, and so do
	// t.TempDir's folders.
	top, err := os.MkdirTemp("", "digest-as-nobody-")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { os.RemoveAll(top) })
	bin := filepath.Join(top, "output.test")
	data, err := os.ReadFile(os.Args[0])
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(bin, data, 0o755); err != nil {
		t.Fatal(err)
	}
	work := filepath.Join(top, "work")
	if err := os.Mkdir(work, 0o777); err != nil {
		t.Fatal(err)
	}
	for _, d := range []string{top, work} {
		if err := os.Chmod(d, 0o777); err != nil {
			t.Fatal(err)
		}
	}
	if setup != nil {
		setup(work)
	}
	cmd := exec.Command(bin, "-test.run", "^"+name+"$", "-test.v")
	cmd.Env = append(os.Environ(), "DIGEST_TEST_DIR="+work, "HOME="+work)
	cmd.Dir = work
	cmd.SysProcAttr = &syscall.SysProcAttr{Credential: &syscall.Credential{Uid: 65534, Gid: 65534}}
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("as the user nobody: %v\n%s", err, out)
	}
	t.Logf("as the user nobody:\n%s", out)
}
