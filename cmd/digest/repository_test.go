package main

import (
	"os"
	"os/exec"
	"slices"
	"strings"
	"testing"
)

// TestRepositoryBuildLeavesCheckoutClean builds the repository root, which
// is itself a site, the way Netlify and GitHub Pages do (digest build -s
// ROOT, into ROOT/public), and checks with git that the build added
// nothing git would show: what it leaves beside public/ (its lock, a next
// tree) must be ignored, and no tracked file may change. It compares git
// status before and after, so uncommitted work elsewhere in the checkout
// does not count against the build. Without git or a checkout it skips,
// or fails when CI is set.
func TestRepositoryBuildLeavesCheckoutClean(t *testing.T) {
	root := repoRoot(t)
	gitCheckout(t, root)
	before := gitStatus(t, root)
	code, out, errs := digestRun(t, "build", "--quiet", "-s", root)
	if code != 0 {
		t.Fatalf("digest build -s %s exited %d\nstdout: %s\nstderr: %s", root, code, out, errs)
	}
	after := gitStatus(t, root)
	var added, gone []string
	for _, l := range after {
		if !slices.Contains(before, l) {
			added = append(added, l)
		}
	}
	for _, l := range before {
		if !slices.Contains(after, l) {
			gone = append(gone, l)
		}
	}
	if len(added) > 0 || len(gone) > 0 {
		msg := "building the repository root changed what git status shows (list what the build leaves in .gitignore, or stop leaving it):"
		if len(added) > 0 {
			msg += "\nnow shown:\n\t" + strings.Join(added, "\n\t")
		}
		if len(gone) > 0 {
			msg += "\nno longer shown:\n\t" + strings.Join(gone, "\n\t")
		}
		t.Error(msg)
	}
}

// gitCheckout makes sure git is installed and root is the top of a git
// checkout: if not, the test skips loudly, or fails when CI is set.
func gitCheckout(t *testing.T, root string) {
	t.Helper()
	why := ""
	if _, err := exec.LookPath("git"); err != nil {
		why = "git is not installed"
	} else if top, err := exec.Command("git", "-C", root, "rev-parse", "--show-toplevel").Output(); err != nil {
		why = root + " is not a git checkout"
	} else if !sameDir(strings.TrimSpace(string(top)), root) {
		why = root + " is not the top of its git checkout (" + strings.TrimSpace(string(top)) + " is)"
	}
	if why == "" {
		return
	}
	if os.Getenv("CI") != "" {
		t.Fatalf("%s, and CI is set: the check that a build leaves the checkout clean needs git and a clone of the repository", why)
	}
	t.Skipf("SKIPPING: %s, so whether a build of the repository leaves files git would show is NOT checked (set CI to make this a failure)", why)
}

// sameDir reports whether a and b name the same folder.
func sameDir(a, b string) bool {
	sa, errA := os.Stat(a)
	sb, errB := os.Stat(b)
	return errA == nil && errB == nil && os.SameFile(sa, sb)
}

// gitStatus returns git status --porcelain for root, one entry per file
// (untracked folders listed file by file), ignored files left out.
func gitStatus(t *testing.T, root string) []string {
	t.Helper()
	cmd := exec.Command("git", "-C", root, "status", "--porcelain", "--untracked-files=all", "--ignored=no")
	cmd.Env = append(os.Environ(), "GIT_OPTIONAL_LOCKS=0") // a status must not write .git/index
	out, err := cmd.Output()
	if err != nil {
		msg := ""
		if ee, ok := err.(*exec.ExitError); ok {
			msg = string(ee.Stderr)
		}
		t.Fatalf("git -C %s status: %v\n%s", root, err, msg)
	}
	var lines []string
	for l := range strings.Lines(string(out)) {
		if l = strings.TrimRight(l, "\n"); l != "" {
			lines = append(lines, l)
		}
	}
	return lines
}
