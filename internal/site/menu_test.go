package site

import (
	"slices"
	"testing"
)

func TestNaturalCompare(t *testing.T) {
	names := []string{"story 10", "story 2", "story 1", "story 11", "story 02b", "alpha", "story", "story 2a", "ärger"}
	slices.SortFunc(names, naturalCompare)
	want := []string{"alpha", "story", "story 1", "story 2", "story 2a", "story 02b", "story 10", "story 11", "ärger"}
	if !slices.Equal(names, want) {
		t.Errorf("got %q\nwant %q", names, want)
	}
}
