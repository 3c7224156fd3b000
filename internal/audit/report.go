package audit

import (
	"fmt"
	"path/filepath"
	"strings"
)

// Finding is one element failing one axe rule on one page, in the Checks
// where it fails.
type Finding struct {
	Site, Kind, Path string
	Checks           []Check
	Violation
}

func (f Finding) String() string {
	var checks []string
	for _, c := range f.Checks {
		checks = append(checks, c.String())
	}
	s := fmt.Sprintf("%s site, %s page %s [%s]: %s (%s) at %s: %s", f.Site, f.Kind, f.Path, strings.Join(checks, ", "),
		f.Rule, f.Impact, f.Target, strings.Join(strings.Fields(f.HTML), " "))
	if f.Summary != "" {
		s += "\n\t" + strings.ReplaceAll(strings.TrimSpace(f.Summary), "\n", "\n\t")
	}
	return s
}

// Findings gathers the targets' axe violations, one Finding for each page,
// rule and element, in the order of the targets, their pages and Checks.
func Findings(targets []*Target) []Finding {
	return findings(targets, func(r AxeResult) []Violation { return r.Violations })
}

// NeedsReview gathers, as Findings does, what axe could not decide on.
func NeedsReview(targets []*Target) []Finding {
	return findings(targets, func(r AxeResult) []Violation { return r.Incomplete })
}

func findings(targets []*Target, of func(AxeResult) []Violation) []Finding {
	var out []Finding
	for _, t := range targets {
		for i, res := range t.Axe {
			p := t.Pages[i]
			at := map[[3]string]int{}
			for _, r := range res {
				for _, v := range of(r) {
					key := [3]string{v.Rule, v.Target, v.HTML}
					if j, ok := at[key]; ok {
						out[j].Checks = append(out[j].Checks, r.Check)
						continue
					}
					at[key] = len(out)
					out = append(out, Finding{Site: t.Site.Name, Kind: p.Kind, Path: p.Path, Checks: []Check{r.Check}, Violation: v})
				}
			}
		}
	}
	return out
}

// Where names the page a checked file is, "generated site, article page
// /2026/01/12/x/", or else the file's path relative to repo.
func Where(targets []*Target, repo, file string) string {
	if file == "" {
		return "(no file)"
	}
	for _, t := range targets {
		for _, p := range t.Pages {
			if p.File == file {
				return fmt.Sprintf("%s site, %s page %s", t.Site.Name, p.Kind, p.Path)
			}
		}
	}
	if rel, err := filepath.Rel(repo, file); err == nil && !strings.HasPrefix(rel, "..") {
		return filepath.ToSlash(rel)
	}
	return file
}

// NuCounts counts a file's failing messages: errors and warnings.
func NuCounts(nu []NuMessage, file string) (errs, warnings int) {
	for _, m := range nu {
		switch {
		case m.File != file:
		case m.Severity() == "error":
			errs++
		case m.Severity() == "warning":
			warnings++
		}
	}
	return errs, warnings
}
