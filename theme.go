// Package digest holds the default theme of the digest site generator: the
// templates/ and static/ folders at the root of the repository, embedded in
// the binary so that a site needs nothing but its content/ folder. A site's
// own templates/ and static/ files override these by name.
//
// The generator itself lives in internal/ (one package per stage of the
// pipeline) and the command in cmd/digest.
package digest

import (
	"embed"
	"runtime/debug"
)

// Theme is the default theme: templates/*.html, templates/partials/*.html
// and static/**.
//
//go:embed templates static
var Theme embed.FS

// Version is the module version when installed with go install, else
// "devel" with the VCS revision when known.
func Version() string {
	v := "devel"
	if bi, ok := debug.ReadBuildInfo(); ok {
		if bi.Main.Version != "" && bi.Main.Version != "(devel)" {
			v = bi.Main.Version
		}
		for _, s := range bi.Settings {
			if s.Key == "vcs.revision" && len(s.Value) >= 12 && v == "devel" {
				v += "+" + s.Value[:12]
			}
		}
	}
	return v
}
