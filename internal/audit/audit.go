// Package audit checks every page kind of the default theme for
// accessibility and validity, the way a reader's browser and a validator
// see them. It is shared by the test in this package (run by go test
// ./...) and by the script bench/audit, which prints a table and can add
// Lighthouse.
//
// The pieces, in the order an audit uses them:
//
//   - Sites: the repository's sample site and a generated one with every
//     feature in use (GeneratedSite), each built into a folder (Site.Build).
//   - FindPages: one page of every page kind (Kinds), found in the built
//     folder from its sitemap and its pages' body classes; a required kind
//     that is missing, or a page kind the audit does not know, is an error.
//   - Serve: a static server that sends the headers of the repository's
//     netlify.toml, gzips, and answers missing paths with 404.html.
//   - Browser.Axe: axe-core in Debian's Chromium, in light and dark colour
//     schemes at 375 and 1280 px (Checks).
//   - Nu: the Nu HTML checker (vnu.jar) over the pages' files and the
//     theme's stylesheet, in one Java process.
//
// The tools come from npm and Debian (FindTools says what is missing and
// how to install it; .ci/run installs them): axe-core and vnu-jar at the
// versions AxeVersion and NuVersion, in the npm prefix NPMPrefix
// ($DIGEST_NPM_PREFIX, default $HOME/.cache/digest-ci), or wherever
// $DIGEST_AXE and $DIGEST_VNU point; java and chromium on PATH.
package audit

import (
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
)

// The npm packages' versions, pinned: .ci/run installs exactly these.
const (
	AxeVersion = "4.14.1"
	NuVersion  = "26.9.27"
)

// Tools are the programs and files an audit needs.
type Tools struct {
	Chromium string // the chromium binary
	Java     string // the java binary, for vnu.jar
	Axe      string // axe.min.js
	Nu       string // vnu.jar
}

// NPMPrefix is the npm prefix the audit's packages are installed under:
// $DIGEST_NPM_PREFIX, or $HOME/.cache/digest-ci, where .ci/run puts them.
func NPMPrefix() string { return CachePrefix("DIGEST_NPM_PREFIX", "digest-ci") }

// CachePrefix is a folder for installed tools: $env if set, else name in
// $HOME/.cache (in the temporary folder without a home).
func CachePrefix(env, name string) string {
	if p := os.Getenv(env); p != "" {
		return p
	}
	home, err := os.UserHomeDir()
	if err != nil {
		home = os.TempDir()
	}
	return filepath.Join(home, ".cache", name)
}

// InstallHint is the command that installs the npm packages, as .ci/run
// runs it. --ignore-scripts: vnu-jar's install script would download a
// Java runtime of its own.
func InstallHint() string {
	return fmt.Sprintf("npm install --prefix %q --no-audit --no-fund --ignore-scripts axe-core@%s vnu-jar@%s",
		NPMPrefix(), AxeVersion, NuVersion)
}

// FindTools looks for the tools. The error, if any, names everything
// missing and how to install it.
func FindTools() (Tools, error) {
	var t Tools
	var missing []string
	look := func(name, hint string) string {
		p, err := exec.LookPath(name)
		if err != nil {
			missing = append(missing, fmt.Sprintf("%s not found on PATH (%s)", name, hint))
		}
		return p
	}
	file := func(env, def, hint string) string {
		p := os.Getenv(env)
		if p == "" {
			p = def
		}
		if st, err := os.Stat(p); err != nil || !st.Mode().IsRegular() {
			missing = append(missing, fmt.Sprintf("%s not found (set %s, or %s)", p, env, hint))
		}
		return p
	}
	mods := filepath.Join(NPMPrefix(), "node_modules")
	t.Chromium = look("chromium", "apt-get install -y chromium")
	t.Java = look("java", "apt-get install -y default-jre-headless")
	t.Axe = file("DIGEST_AXE", filepath.Join(mods, "axe-core", "axe.min.js"), InstallHint())
	t.Nu = file("DIGEST_VNU", filepath.Join(mods, "vnu-jar", "build", "dist", "vnu.jar"), InstallHint())
	if len(missing) > 0 {
		return t, errors.New(strings.Join(missing, "; ") + ". bash .ci/run installs all of them")
	}
	return t, nil
}

// RepoRoot is the folder of the go.mod at or above the working directory:
// the module root, which is also the sample site.
func RepoRoot() (string, error) {
	dir, err := os.Getwd()
	if err != nil {
		return "", err
	}
	for {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			return dir, nil
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return "", errors.New("no go.mod at or above the working directory")
		}
		dir = parent
	}
}
