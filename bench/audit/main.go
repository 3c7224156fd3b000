// Command audit prints the accessibility and validity audit of the
// default theme that internal/audit's test runs, as a table: one page of
// every page kind of the sample site and of a generated site, in light and
// dark colour schemes at 375 and 1280 px, with axe-core's violations and
// the Nu HTML checker's errors and warnings; then every finding in full.
// With -lighthouse it adds Lighthouse's scores (mobile) for the generated
// site's home, article and long timeline pages, median of -runs runs.
//
//	go run ./bench/audit [-lighthouse] [-runs 3] [-tabs 2] [-work DIR]
//
// See bench/audit/README.md for installing the npm tools.
package main

import (
	"context"
	"flag"
	"fmt"
	"os"
	"strings"
	"time"

	"digest/internal/audit"
)

func main() {
	lighthouse := flag.Bool("lighthouse", false, "also run Lighthouse (mobile) on the generated site's home, article and timeline pages")
	runs := flag.Int("runs", 3, "Lighthouse runs per page; the table shows medians")
	tabs := flag.Int("tabs", 2, "Chromium tabs that run axe side by side")
	work := flag.String("work", "", "folder for the sites and builds (default: a temporary folder, removed at the end)")
	flag.Parse()
	os.Exit(run(*lighthouse, *runs, *tabs, *work))
}

func run(lighthouse bool, runs, tabs int, work string) int {
	repo, err := audit.RepoRoot()
	if err != nil {
		return fail(err)
	}
	tools, err := audit.FindTools()
	if err != nil {
		return fail(fmt.Errorf("missing tools: %w", err))
	}
	var lh lighthouseTools
	if lighthouse {
		if lh, err = findLighthouse(); err != nil {
			return fail(err)
		}
	}
	if work == "" {
		if work, err = os.MkdirTemp("", "digest-audit-"); err != nil {
			return fail(err)
		}
		defer os.RemoveAll(work)
	}
	ctx := context.Background()
	start := time.Now()
	targets, err := audit.Prepare(ctx, repo, work)
	defer audit.Close(targets)
	code := 0
	if err != nil {
		fmt.Fprintf(os.Stderr, "audit: %v\n", err)
		code = 1
		if len(targets) == 0 {
			return code
		}
	}
	css, err := audit.ThemeCSS(repo)
	if err != nil {
		return fail(err)
	}
	nu, err := audit.Audit(ctx, tools, targets, css, tabs)
	if err != nil {
		return fail(err)
	}
	if printAudit(repo, targets, css, nu) {
		code = 1
	}
	fmt.Printf("\naxe-core %s, Nu HTML checker %s; %s\n", audit.AxeVersion, audit.NuVersion, time.Since(start).Round(time.Second))
	if lighthouse {
		if err := runLighthouse(lh, tools.Chromium, targets, runs); err != nil {
			return fail(err)
		}
	}
	return code
}

// printAudit prints the table and the findings, and reports whether
// there were any.
func printAudit(repo string, targets []*audit.Target, css []string, nu []audit.NuMessage) bool {
	fmt.Println("axe: elements violating a rule (wcag2a/aa, wcag21a/aa, wcag22aa, best-practice); Nu: errors and warnings")
	fmt.Printf("%-10s %-15s %-42s", "site", "kind", "path")
	for _, c := range audit.Checks {
		fmt.Printf(" %11s", c)
	}
	fmt.Printf(" %9s %11s\n", "Nu errors", "Nu warnings")
	for _, t := range targets {
		for i, p := range t.Pages {
			fmt.Printf("%-10s %-15s %-42s", t.Site.Name, p.Kind, shorten(p.Path, 42))
			for j := range audit.Checks {
				n := "?"
				if i < len(t.Axe) && j < len(t.Axe[i]) {
					n = fmt.Sprint(len(t.Axe[i][j].Violations))
				}
				fmt.Printf(" %11s", n)
			}
			e, w := audit.NuCounts(nu, p.File)
			fmt.Printf(" %9d %11d\n", e, w)
		}
	}
	for _, f := range css {
		e, w := audit.NuCounts(nu, f)
		fmt.Printf("%-10s %-15s %-42s%s %9d %11d\n", "theme", "stylesheet", audit.Where(targets, repo, f),
			strings.Repeat(" ", 12*len(audit.Checks)), e, w)
	}
	found := false
	findings := audit.Findings(targets)
	if len(findings) > 0 {
		found = true
		fmt.Printf("\naxe violations (%d):\n", len(findings))
		for _, f := range findings {
			fmt.Println("- " + f.String())
		}
	}
	if review := audit.NeedsReview(targets); len(review) > 0 {
		fmt.Printf("\naxe could not decide on these (%d; not failures, for a person to look at):\n", len(review))
		for _, f := range review {
			fmt.Println("- " + f.String())
		}
	}
	var msgs []string
	for _, m := range nu {
		if m.Failure() {
			msgs = append(msgs, "- "+m.At(audit.Where(targets, repo, m.File)))
		}
	}
	if len(msgs) > 0 {
		found = true
		fmt.Printf("\nNu HTML checker errors and warnings (%d):\n%s\n", len(msgs), strings.Join(msgs, "\n"))
	}
	if !found {
		fmt.Println("\nNo axe violation, no Nu error or warning.")
	}
	return found
}

func shorten(s string, n int) string {
	if len(s) <= n {
		return s
	}
	return s[:n-1] + "…"
}

func fail(err error) int {
	fmt.Fprintf(os.Stderr, "audit: %v\n", err)
	return 1
}
