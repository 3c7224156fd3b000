package fingerprint

import (
	"testing"
	"time"
)

type leafT struct{ sum Sum }

func (l *leafT) Fingerprint() Sum { return l.sum }

type view struct {
	Title   string
	When    time.Time
	Tags    []string
	Params  map[string]any
	Leaf    *leafT
	Nothing *leafT
	hidden  string
}

func TestOf(t *testing.T) {
	kyiv, _ := time.LoadLocation("Europe/Kyiv")
	base := func() view {
		return view{Title: "T", When: time.Date(2025, 8, 15, 0, 0, 0, 0, kyiv), Tags: []string{"a", "b"},
			Params: map[string]any{"x": 1, "y": []any{"z"}}, Leaf: &leafT{Strings("leaf")}}
	}
	a := Of(base())
	if Of(base()) != a {
		t.Fatal("not deterministic")
	}
	changes := map[string]func(*view){
		"title":     func(v *view) { v.Title = "U" },
		"time":      func(v *view) { v.When = v.When.Add(time.Second) },
		"zone":      func(v *view) { v.When = v.When.UTC() },
		"tag order": func(v *view) { v.Tags = []string{"b", "a"} },
		"tag split": func(v *view) { v.Tags = []string{"ab"} },
		"param":     func(v *view) { v.Params["x"] = 2 },
		"leaf":      func(v *view) { v.Leaf = &leafT{Strings("other")} },
		"nil leaf":  func(v *view) { v.Nothing = &leafT{} },
	}
	for name, change := range changes {
		v := base()
		change(&v)
		if Of(v) == a {
			t.Errorf("%s: fingerprint unchanged", name)
		}
	}
	v := base()
	v.hidden = "templates cannot see it"
	if Of(v) != a {
		t.Error("an unexported field changed the fingerprint")
	}
	// Map order never matters.
	for range 20 {
		if Of(base()) != a {
			t.Fatal("map order leaked into the fingerprint")
		}
	}
}
