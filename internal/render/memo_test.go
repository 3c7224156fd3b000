package render

import "testing"

// use asks m for key as a render would, and reports whether the value
// had to be made.
func use(m *memo, key string) (made bool) {
	v, err := m.get(memoKey{name: key}, func() (string, error) {
		made = true
		return "value of " + key, nil
	})
	if err != nil || v != "value of "+key {
		panic("memo returned " + v)
	}
	return made
}

// TestCacheGenerations follows the caches of templates through builds:
// a full build drops what it did not use, a build of a few pages keeps
// everything, and the caches turn over anyway once they have grown.
func TestCacheGenerations(t *testing.T) {
	tm := &Templates{feedHTML: &memo{}}
	for _, c := range []struct {
		name string
		m    *memo
	}{{"partials", &tm.partials}, {"feed content", tm.feedHTML}} {
		m := c.m
		step := func(what string, uses map[string]bool, rendered int) {
			t.Helper()
			tm.NextBuild()
			for _, k := range []string{"a", "b", "c", "d", "e", "f"} {
				want, ok := uses[k]
				if !ok {
					continue
				}
				if made := use(m, k); made != want {
					t.Errorf("%s, %s: %s made %v, want %v", c.name, what, k, made, want)
				}
			}
			tm.EndBuild(rendered, 10)
		}
		reset := func() { *m, tm.partly = memo{}, false }

		reset()
		step("first build", map[string]bool{"a": true, "b": true}, 10)
		step("full build using a", map[string]bool{"a": false}, 10)
		step("full build using b", map[string]bool{"b": true}, 10) // dropped: the last full build did not use it

		reset()
		step("first build", map[string]bool{"a": true, "b": true, "e": true}, 10)
		step("partial build using a", map[string]bool{"a": false}, 1)
		// Kept: the last build rendered only a few pages.
		step("partial build using b, c, d", map[string]bool{"b": false, "c": true, "d": true}, 1)
		// The cache has grown past the last generation: a new one starts,
		// and e, unused since the first build, is dropped after it.
		step("partial build using f", map[string]bool{"f": true}, 1)
		step("partial build using e, c", map[string]bool{"e": true, "c": false}, 1)
	}
}

func TestKeepFeedContent(t *testing.T) {
	old := &Templates{feedHTML: &memo{}}
	use(old.feedHTML, "a")
	use(&old.partials, "p")
	tm := &Templates{feedHTML: &memo{}}
	tm.KeepFeedContent(old)
	if use(tm.feedHTML, "a") {
		t.Error("feed content made again after KeepFeedContent")
	}
	if !use(&tm.partials, "p") {
		t.Error("partials kept across templates: they depend on them")
	}
	mine := tm.feedHTML
	tm.KeepFeedContent(nil)
	if tm.feedHTML != mine {
		t.Error("KeepFeedContent(nil) dropped the feed content")
	}
}
