package audit

import (
	"context"
	"errors"
	"fmt"
	"path/filepath"
	"sync"
)

// Target is one built site, served, with the pages chosen from it.
type Target struct {
	Site   Site
	Out    string // the built folder
	Pages  []Page
	Served *Served
	// Axe has, for each of Pages, its results in each of Checks (filled
	// by Audit).
	Axe [][]AxeResult
}

// URL is the address of one of the target's pages.
func (t *Target) URL(p Page) string { return t.Served.URL + p.Path }

// Prepare writes the generated site under work, builds it and the sample
// site at repo into work, chooses their pages and serves each with the
// headers of repo's netlify.toml. The targets it returns must be closed.
// A page kind not found is an error, but the targets come back all the
// same, with the pages found, so a report can still show them.
func Prepare(ctx context.Context, repo, work string) ([]*Target, error) {
	rules, err := ReadHeaderRules(filepath.Join(repo, "netlify.toml"))
	if err != nil {
		return nil, err
	}
	gen, err := GeneratedSite(filepath.Join(work, "generated"))
	if err != nil {
		return nil, err
	}
	var targets []*Target
	var problems []error
	for _, s := range []Site{SampleSite(repo), gen} {
		t := &Target{Site: s, Out: filepath.Join(work, "out-"+s.Name)}
		if err := s.Build(ctx, t.Out); err != nil {
			Close(targets)
			return nil, err
		}
		if t.Pages, err = FindPages(t.Out, s.Required); err != nil {
			problems = append(problems, fmt.Errorf("%s site: %w", s.Name, err))
		}
		if t.Served, err = Serve(t.Out, rules); err != nil {
			Close(targets)
			return nil, err
		}
		targets = append(targets, t)
	}
	return targets, errors.Join(problems...)
}

// Close stops the targets' servers.
func Close(targets []*Target) {
	for _, t := range targets {
		if t.Served != nil {
			_ = t.Served.Close()
		}
	}
}

// Audit runs axe over every target's pages, in tabs tabs of one
// Chromium, and at the same time the Nu checker over their HTML files and
// the stylesheets css. It fills each target's Axe and returns the Nu
// checker's messages.
func Audit(ctx context.Context, tools Tools, targets []*Target, css []string, tabs int) ([]NuMessage, error) {
	var files []string
	var urls []string
	for _, t := range targets {
		for _, p := range t.Pages {
			files = append(files, p.File)
			urls = append(urls, t.URL(p))
		}
	}
	var nu []NuMessage
	var nuErr error
	var wg sync.WaitGroup
	wg.Go(func() { nu, nuErr = Nu(ctx, tools.Java, tools.Nu, append(files, css...)) })
	b, err := StartBrowser(tools.Chromium, tools.Axe)
	if err != nil {
		wg.Wait()
		return nu, err
	}
	defer b.Close()
	res, axeErr := b.Axe(urls, tabs)
	for _, t := range targets {
		n := min(len(t.Pages), len(res))
		t.Axe, res = res[:n], res[n:]
	}
	wg.Wait()
	return nu, errors.Join(axeErr, nuErr)
}

// ThemeCSS is the default theme's stylesheets in the repository, which
// the Nu checker checks as CSS: every .css file of static/.
func ThemeCSS(repo string) ([]string, error) {
	css, err := filepath.Glob(filepath.Join(repo, "static", "*.css"))
	if err == nil && len(css) == 0 {
		err = errors.New("no stylesheet in static/")
	}
	return css, err
}
