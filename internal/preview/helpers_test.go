package preview

import (
	"testing"

	"digest/internal/sitetest"
)

func repoRoot(t *testing.T) string                   { return sitetest.Root(t) }
func copySite(t *testing.T) string                   { return sitetest.CopySample(t) }
func writeFile(t *testing.T, root, rel, text string) { sitetest.WriteFile(t, root, rel, text) }
