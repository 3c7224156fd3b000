package content_test

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"digest/internal/content"
	"digest/internal/diag"
)

func TestItemErrors(t *testing.T) {
	cases := []struct {
		name  string
		src   string
		line  int
		code  string
		words []string // the message contains each
		hint  string   // the hint contains it
	}{
		{"yaml-unterminated", "---\ntitle: \"unterminated\ndate: 2025-01-01\nfoo: bar\n---\nBody\n", 2, "front-matter-syntax",
			[]string{"YAML", "never closed"}, ""},
		{"yaml-syntax", "---\ndate: 2025-01-01\ntitle: \"unterminated\n---\nBody\n", 3, "front-matter-syntax",
			[]string{"YAML"}, ""},
		{"yaml-colon", "---\ntitle: x\nsummary: Talks: day two\ndate: 2025-01-01\n---\nBody\n", 3, "front-matter-syntax",
			[]string{"mapping values"}, "quoted"},
		{"toml-syntax", "+++\ntitle = \"x\"\ndate = nope\n+++\nBody\n", 3, "front-matter-syntax", []string{"TOML"}, ""},
		{"json-syntax", "{\n\"title\": \"x\",\n\"date\": \"2025-08-15\",,\n}\n\nBody\n", 3, "front-matter-syntax", []string{"JSON"}, ""},
		{"title-missing", "---\ndate: 2025-01-01\n---\nBody\n", 1, "title-missing", []string{"title", "missing"}, "title:"},
		{"date-missing", "\n---\ntitle: x\n---\nBody\n", 2, "date-missing", []string{"date", "missing"}, ""},
		{"month-13", "---\ntitle: x\ndate: 2025-13-01\n---\nBody\n", 3, "date-invalid", []string{"date", "month 13"}, ""},
		{"feb-30", "---\ntitle: x\ndate: 2025-02-30\n---\nBody\n", 3, "date-invalid", []string{"February 2025", "28 days"}, ""},
		{"date-number", "---\ntitle: x\ndate: 20250815\n---\nBody\n", 3, "date-invalid", []string{"20250815", "2025-08-15"}, ""},
		{"date-garbage", "---\ntitle: x\ndate: next friday\n---\nBody\n", 3, "date-invalid", []string{"next friday"}, ""},
		{"title-list", "---\ntitle: [a, b]\ndate: 2025-01-01\n---\nBody\n", 2, "field-type", []string{"title", "list"}, ""},
		{"unclosed", "\n---\ntitle: x\ndate: 2025-01-01\nBody\n", 2, "front-matter-unclosed", []string{"never closed"}, "---"},
		{"closed-twice", "---\ntitle: x\ndate: 2025-01-01\n---\n---\nbody", 5, "front-matter-closed-twice", []string{"closed twice", "lines 4 and 5"}, "remove the extra ---"},
		{"closed-early", "---\ntitle: x\n---\ndate: 2025-01-01\n---\nbody", 5, "front-matter-closed-twice", []string{"lines 3 and 5", "line 4 is outside"}, "line 3"},
		{"closed-early-2", "---\ntitle: x\n---\ndate: 2025-01-01\ntopics: [a]\n---\nbody", 6, "front-matter-closed-twice",
			[]string{"lines 3 and 6", "lines 4–5 are outside"}, "line 3"},
		{"yaml-tab", "---\ntitle: x\ndate: 2025-01-01\ntopics:\n\t- a\n---\nBody\n", 5, "front-matter-syntax", nil, "tabs"},
		{"yaml-tab-map", "---\ntitle: x\nsource:\n  name: a\n\turl: b\n---\nBody\n", 5, "front-matter-syntax", nil, "tabs"},
		{"empty", "", 1, "empty-file", []string{"empty"}, ""},
		{"blank", "\n  \n\n", 1, "empty-file", []string{"empty"}, ""},
		{"no-front-matter", "\nJust text.\n", 2, "no-front-matter", []string{"Just text."}, "---"},
		{"nul", "---\ntitle: x\x00\n", 2, "binary-file", []string{"NUL"}, ""},
		{"invalid-utf8", "---\ntitle: x\ndate: \xff\n---\n", 3, "invalid-utf8", []string{"UTF-8", "0xFF"}, ""},
		{"too-large", "---\ntitle: x\n---\n" + strings.Repeat("a", 3<<20), 0, "file-too-large", []string{"3.0 MB", "2.0 MB"}, ""},
		{"slug-dots", "---\ntitle: x\ndate: 2025-01-01\nslug: ../../etc/x\n---\nBody\n", 4, "slug-invalid", []string{"../../etc/x"}, ""},
		{"slug-abs", "---\ntitle: x\ndate: 2025-01-01\nslug: /abs\n---\nBody\n", 4, "slug-invalid", []string{"/abs"}, ""},
		{"slug-empty", "---\ntitle: x\ndate: 2025-01-01\nslug: \"!!!\"\n---\nBody\n", 4, "slug-invalid", []string{"no letters"}, ""},
		{"dup-key", "---\ntitle: x\ndate: 2025-01-01\ntitle: y\n---\nBody\n", 4, "front-matter-syntax", []string{"title", "twice"}, ""},
	}
	s := settingsIn(t, "UTC")
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			file := "content/articles/" + c.name + ".md"
			it, diags := content.ParseItem(file, []byte(c.src), s)
			if it != nil {
				t.Errorf("got an item despite the error: %+v", it)
			}
			d := findDiag(diags, c.code)
			if d == nil {
				t.Fatalf("no %s diagnostic; got:\n%v", c.code, diags)
			}
			if d.Line != c.line || d.Severity != diag.Error || d.File != file {
				t.Errorf("got %s [%s], want an error in %s on line %d", d, d.Code, file, c.line)
			}
			for _, w := range c.words {
				if !strings.Contains(d.Message, w) {
					t.Errorf("message %q lacks %q", d.Message, w)
				}
			}
			if !strings.Contains(d.Hint, c.hint) {
				t.Errorf("hint %q lacks %q", d.Hint, c.hint)
			}
		})
	}
}

func TestDiagnosticString(t *testing.T) {
	_, diags := content.ParseItem("content/articles/x.md", []byte("---\ntitle: x\ndate: 2025-13-01\n---\n"), settingsIn(t, "UTC"))
	if len(diags) == 0 {
		t.Fatal("no diagnostics")
	}
	if got := diags[0].String(); !strings.HasPrefix(got, "content/articles/x.md:3: error: date: ") {
		t.Errorf("String() = %q", got)
	}
}

func TestTitleNumberIsText(t *testing.T) {
	it, diags := content.ParseItem("content/articles/x.md", []byte("---\ntitle: 2025\ndate: 2025-01-01\n---\nBody\n"), settingsIn(t, "UTC"))
	if it == nil || it.Title != "2025" {
		t.Fatalf("item %+v, diagnostics %v", it, diags)
	}
	d := findDiag(diags, "field-type")
	if d == nil || d.Severity != diag.Warning || d.Line != 2 || !strings.Contains(d.Message, "2025") {
		t.Errorf("want a field-type warning on line 2, got %v", diags)
	}
}

func TestTopicLayoutUnknown(t *testing.T) {
	s := settingsIn(t, "UTC")
	tp, diags := content.ParseTopic("content/topics/alaska.md", []byte("---\ntitle: Alaska\nlayout: grid\n---\nIntro.\n"), s)
	d := findDiag(diags, "layout-unknown")
	if tp != nil || d == nil || d.Line != 3 || d.Severity != diag.Error || !strings.Contains(d.Message, "grid") {
		t.Errorf("topic %+v, diagnostics %v; want layout-unknown on line 3", tp, diags)
	}
	tp, diags = content.ParseTopic("content/topics/alaska.md", []byte("---\nlayout: list\n---\nIntro.\n"), s)
	if tp == nil || tp.Layout != content.LayoutList || tp.Order != content.NewestFirst || tp.Title != "Alaska" || tp.Slug != "alaska" {
		t.Errorf("topic %+v, diagnostics %v", tp, diags)
	}
}

// billionLaughs is YAML whose aliases expand to 9^9 values.
func billionLaughs() string {
	var b strings.Builder
	b.WriteString("---\ntitle: x\ndate: 2025-01-01\na0: &a0 [lol]\n")
	for i := 1; i <= 9; i++ {
		fmt.Fprintf(&b, "a%d: &a%d [", i, i)
		for j := range 9 {
			if j > 0 {
				b.WriteString(", ")
			}
			fmt.Fprintf(&b, "*a%d", i-1)
		}
		b.WriteString("]\n")
	}
	b.WriteString("---\nBody\n")
	return b.String()
}

func TestHostileFrontMatter(t *testing.T) {
	deep := strings.Repeat("[", 1000) + strings.Repeat("]", 1000)
	deepObj := strings.Repeat(`{"a":`, 1000) + "1" + strings.Repeat("}", 1000)
	cases := map[string]string{
		"billion-laughs": billionLaughs(),
		"deep-yaml":      "---\ntitle: x\ndate: 2025-01-01\nv: " + deep + "\n---\nBody\n",
		"deep-yaml-map":  "---\ntitle: x\ndate: 2025-01-01\nv: " + strings.Repeat("{a: ", 1000) + "1" + strings.Repeat("}", 1000) + "\n---\nBody\n",
		"deep-json":      "{\n\"title\": \"x\", \"date\": \"2025-01-01\", \"v\": " + deepObj + "\n}\n\nBody\n",
	}
	s := settingsIn(t, "UTC")
	for name, src := range cases {
		type result struct {
			it    *content.Item
			diags diag.List
		}
		done := make(chan result, 1)
		start := time.Now()
		go func() {
			it, diags := content.ParseItem("content/articles/"+name+".md", []byte(src), s)
			done <- result{it, diags}
		}()
		var r result
		select {
		case r = <-done:
		case <-time.After(10 * time.Second):
			t.Fatalf("%s: ParseItem still running after 10s", name)
		}
		if el := time.Since(start); el > 300*time.Millisecond {
			t.Errorf("%s: took %v, want well under a second", name, el)
		}
		it, diags := r.it, r.diags
		if it != nil || findDiag(diags, "front-matter-syntax") == nil {
			t.Errorf("%s: want a front-matter-syntax error, got item %v and %v", name, it != nil, diags)
		}
	}
}
