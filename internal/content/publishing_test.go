package content_test

import (
	"slices"
	"strings"
	"testing"

	"digest/internal/content"
)

func TestAliasesAndURL(t *testing.T) {
	parse := func(fm string) (*content.Item, []string) {
		src := "---\ntitle: T\ndate: 2025-08-10\n" + fm + "---\nBody.\n"
		it, diags := content.ParseItem("content/articles/x.md", []byte(src), content.NewSettings(content.DefaultConfig()))
		var codes []string
		for _, d := range diags {
			codes = append(codes, d.Code+"@"+strings.TrimSpace(d.Message))
		}
		return it, codes
	}
	it, diags := parse("aliases: [old/path/, /2019/05/x.html, /a/./b/]\nurl: special/path/\n")
	if it == nil || !slices.Equal(it.Aliases, []string{"/old/path/", "/2019/05/x.html", "/a/b/"}) || it.FixedURL != "/special/path/" {
		t.Fatalf("aliases %q url %q diags %v", it.Aliases, it.FixedURL, diags)
	}
	for _, bad := range []string{
		`aliases: ["/a b/"]`, `aliases: ["/a\nb/"]`, `aliases: [/../etc/]`, `aliases: ["https://example.org/x/"]`,
		`aliases: ["/x?y=1"]`, `aliases: [/]`, `url: //evil.example/`, `url: "/x#frag"`,
	} {
		it, diags := parse(bad + "\n")
		if it != nil || len(diags) == 0 || !strings.HasPrefix(diags[0], "path-invalid@") {
			t.Errorf("%s: item %v, diags %v; want error path-invalid", bad, it != nil, diags)
		}
	}
}
