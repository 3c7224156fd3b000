package audit

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// TestAudit audits one page of every page kind of the default theme, on
// the sample site and on a generated site with every feature in use:
// axe-core (WCAG 2.2 A and AA, best practices) in light and dark colour
// schemes at 375 and 1280 px, and the Nu HTML checker over the pages and
// the stylesheet. Every violation, Nu error and Nu warning fails it.
func TestAudit(t *testing.T) {
	if testing.Short() {
		t.Skip("the audit takes about a minute: skipped with -short")
	}
	tools, err := FindTools()
	if err != nil {
		if os.Getenv("CI") != "" {
			t.Fatalf("the audit's tools are missing, and CI is set: %v", err)
		}
		t.Skipf("SKIPPING THE ACCESSIBILITY AND VALIDITY AUDIT: %v", err)
	}
	repo, err := RepoRoot()
	if err != nil {
		t.Fatal(err)
	}
	start := time.Now()
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Minute)
	defer cancel()
	targets, err := Prepare(ctx, repo, t.TempDir())
	defer Close(targets)
	if err != nil {
		t.Error(err)
	}
	if len(targets) == 0 {
		t.FailNow()
	}
	css, err := ThemeCSS(repo)
	if err != nil {
		t.Fatal(err)
	}
	built := time.Since(start)
	nu, err := Audit(ctx, tools, targets, css, 2)
	if err != nil {
		t.Fatal(err)
	}
	pages := 0
	for _, tg := range targets {
		for _, p := range tg.Pages {
			pages++
			t.Logf("%s site, %s: %s", tg.Site.Name, p.Kind, p.Path)
		}
	}
	t.Logf("audited %d pages × %d checks, and %d stylesheets; built in %s, audited in %s",
		pages, len(Checks), len(css), built.Round(time.Millisecond), (time.Since(start) - built).Round(time.Millisecond))
	for _, f := range Findings(targets) {
		t.Errorf("axe: %s", f)
	}
	for _, f := range NeedsReview(targets) {
		t.Logf("axe could not decide (not a failure; look at it): %s", f)
	}
	for _, m := range nu {
		msg := m.At(Where(targets, repo, m.File))
		if m.Failure() {
			t.Errorf("Nu HTML checker: %s", msg)
		} else {
			t.Logf("Nu HTML checker: %s", msg)
		}
	}
}

// TestPins checks that .ci/run installs the versions the audit names in
// its hints.
func TestPins(t *testing.T) {
	repo, err := RepoRoot()
	if err != nil {
		t.Fatal(err)
	}
	ci, err := os.ReadFile(filepath.Join(repo, ".ci", "run"))
	if err != nil {
		t.Fatal(err)
	}
	for _, pin := range []string{"axe-core@" + AxeVersion, "vnu-jar@" + NuVersion} {
		if !strings.Contains(string(ci), pin) {
			t.Errorf(".ci/run does not install %s, the version audit.AxeVersion and audit.NuVersion name", pin)
		}
	}
}
