package markdown

import (
	"strings"
	"testing"
)

func TestHeadingIDsKeepScripts(t *testing.T) {
	res, _ := New(Options{}).Convert([]byte("# Переговори у Києві\n\n# Переговори у Києві\n\n# !!!\n"))
	for _, want := range []string{`id="переговори-у-києві"`, `id="переговори-у-києві-1"`, `id="section"`} {
		if !strings.Contains(htmlOf(t, res), want) {
			t.Errorf("no %s in %s", want, htmlOf(t, res))
		}
	}
}
