package frontedit

import (
	"bytes"
	"errors"
	"strconv"
	"strings"
	"testing"

	"github.com/adrg/frontmatter"
)

const permalink = "https://news.example.org/2025/08/15/alaska-summit/"

func TestInsertField(t *testing.T) {
	tests := []struct {
		name, src, value, want string
	}{
		{"yaml", "---\ntitle: A\ndate: 2025-08-15\n---\nBody.\n", permalink,
			"---\nid: \"" + permalink + "\"\ntitle: A\ndate: 2025-08-15\n---\nBody.\n"},
		{"yaml opener with its name", "---yaml\ntitle: A\n---\n", "x",
			"---yaml\nid: \"x\"\ntitle: A\n---\n"},
		{"yaml after blank lines", "\n\n---\ntitle: A\n---\n", "x",
			"\n\n---\nid: \"x\"\ntitle: A\n---\n"},
		{"yaml with comments", "---\n# the headline\ntitle: A # short\n---\n", "x",
			"---\nid: \"x\"\n# the headline\ntitle: A # short\n---\n"},
		{"yaml indented", "---\n  title: A\n  date: 2025-08-15\n---\n", "x",
			"---\n  id: \"x\"\n  title: A\n  date: 2025-08-15\n---\n"},
		{"yaml empty", "---\n---\nBody\n", "x", "---\nid: \"x\"\n---\nBody\n"},
		{"yaml crlf", "---\r\ntitle: A\r\n---\r\nBody\r\n", "x",
			"---\r\nid: \"x\"\r\ntitle: A\r\n---\r\nBody\r\n"},
		{"yaml cr", "---\rtitle: A\r---\rBody\r", "x", "---\rid: \"x\"\rtitle: A\r---\rBody\r"},
		{"yaml bom", "\ufeff---\ntitle: A\n---\n", "x", "\ufeff---\nid: \"x\"\ntitle: A\n---\n"},
		{"yaml bom crlf", "\ufeff---\r\ntitle: A\r\n---\r\n", "x", "\ufeff---\r\nid: \"x\"\r\ntitle: A\r\n---\r\n"},
		{"toml", "+++\ntitle = \"A\"\n[extra]\nid = 3\n+++\nBody\n", permalink,
			"+++\nid = \"" + permalink + "\"\ntitle = \"A\"\n[extra]\nid = 3\n+++\nBody\n"},
		{"toml opener with its name", "---toml\ntitle = \"A\"\n---\n", "x", "---toml\nid = \"x\"\ntitle = \"A\"\n---\n"},
		{"toml crlf bom", "\ufeff+++\r\ntitle = \"A\"\r\n+++\r\n", "x", "\ufeff+++\r\nid = \"x\"\r\ntitle = \"A\"\r\n+++\r\n"},
		{"json", "{\n  \"title\": \"A\"\n}\n\nBody\n", permalink,
			"{\n  \"id\": \"" + permalink + "\",\n  \"title\": \"A\"\n}\n\nBody\n"},
		{"json tab indented", "{\n\t\"title\": \"A\"\n}\n", "x", "{\n\t\"id\": \"x\",\n\t\"title\": \"A\"\n}\n"},
		{"json empty object", "{\n}\n\nBody\n", "x", "{\n  \"id\": \"x\"\n}\n\nBody\n"},
		{"json crlf", "{\r\n  \"title\": \"A\"\r\n}\r\n\r\nBody\r\n", "x",
			"{\r\n  \"id\": \"x\",\r\n  \"title\": \"A\"\r\n}\r\n\r\nBody\r\n"},
		{"json bom", "\ufeff{\n\"title\": \"A\"\n}\n", "x", "\ufeff{\n\"id\": \"x\",\n\"title\": \"A\"\n}\n"},
		{"json between ;;;", ";;;\n{\n  \"title\": \"A\"\n}\n;;;\n", "x", ";;;\n{\n  \"id\": \"x\",\n  \"title\": \"A\"\n}\n;;;\n"},
		{"json on one line", ";;;\n{\"title\": \"A\"}\n;;;\n", "x", ";;;\n{\"id\": \"x\", \"title\": \"A\"}\n;;;\n"},
		{"json {} on one line", "---json\n{}\n---\n", "x", "---json\n{\"id\": \"x\"}\n---\n"},
		{"json { } on one line", ";;;\n{ }\n;;;\n", "x", ";;;\n{ \"id\": \"x\"}\n;;;\n"},
		{"escapes", "---\ntitle: A\n---\n", "a\"b\\c\nd\te\x01\x7f\u2028é😀",
			"---\nid: \"a\\\"b\\\\c\\nd\\te\\u0001\\u007f\\u2028é😀\"\ntitle: A\n---\n"},
		{"escapes toml", "+++\ntitle = \"A\"\n+++\n", "a\"b\\c\x00\u0085", "+++\nid = \"a\\\"b\\\\c\\u0000\\u0085\"\ntitle = \"A\"\n+++\n"},
		{"escapes json", "{\n\"title\": \"A\"\n}\n", "\"\\\ufeff", "{\n\"id\": \"\\\"\\\\\\ufeff\",\n\"title\": \"A\"\n}\n"},
		{"empty value", "---\ntitle: A\n---\n", "", "---\nid: \"\"\ntitle: A\n---\n"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := InsertField([]byte(tt.src), "id", tt.value)
			if err != nil {
				t.Fatalf("InsertField: %v", err)
			}
			if string(got) != tt.want {
				t.Fatalf("got\n%q\nwant\n%q", got, tt.want)
			}
			if v := reparse(t, got); v != tt.value {
				t.Errorf("read back id %q, want %q", v, tt.value)
			}
		})
	}
}

// reparse reads src's front matter with github.com/adrg/frontmatter, as a
// reader of the files other than digest would, and returns its id.
func reparse(t *testing.T, src []byte) string {
	t.Helper()
	src = bytes.TrimPrefix(src, []byte("\ufeff"))
	if bytes.Contains(src, []byte("\r")) && !bytes.Contains(src, []byte("\r\n")) {
		src = bytes.ReplaceAll(src, []byte("\r"), []byte("\n")) // the library splits lines at \n only
	}
	var m map[string]any
	if _, err := frontmatter.MustParse(bytes.NewReader(src), &m); err != nil {
		t.Fatalf("frontmatter.MustParse: %v\n%s", err, src)
	}
	v, ok := m["id"].(string)
	if !ok {
		t.Fatalf("no string id in %v", m)
	}
	return v
}

func TestInsertFieldChangesNothingElse(t *testing.T) {
	src := "\ufeff---\r\ntitle: \"A\"   \r\ndate: 2025-08-15\r\n---\r\nBody with --- and {\r\n"
	got, err := InsertField([]byte(src), "id", permalink)
	if err != nil {
		t.Fatal(err)
	}
	line := "id: " + strconv.Quote(permalink) + "\r\n"
	i := strings.Index(string(got), line)
	if i < 0 || string(got[:i])+string(got[i+len(line):]) != src {
		t.Errorf("not exactly one inserted line:\n%q", got)
	}
}

func TestInsertFieldRefuses(t *testing.T) {
	tests := []struct {
		name, src, key string
		has            bool
	}{
		{"has id", "---\ntitle: A\nid: x\n---\n", "id", true},
		{"has ID", "---\nID: x\ntitle: A\n---\n", "id", true},
		{"has empty id", "---\nid:\ntitle: A\n---\n", "id", true},
		{"toml has Id", "+++\nId = \"x\"\n+++\n", "id", true},
		{"json has id", "{\n\"iD\": 1\n}\n", "id", true},
		{"no front matter", "Just text\n", "id", false},
		{"empty file", "", "id", false},
		{"opener only", "---", "id", false},
		{"unclosed", "---\ntitle: A\n", "id", false},
		{"bad yaml", "---\ntitle: [A\n---\n", "id", false},
		{"yaml flow mapping", "---\n{title: A}\n---\n", "id", false},
		{"yaml list", "---\n- a\n---\n", "id", false},
		{"json array", ";;;\n[1]\n;;;\n", "id", false},
		{"bad key", "---\ntitle: A\n---\n", "a b", false},
		{"empty key", "---\ntitle: A\n---\n", "", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := InsertField([]byte(tt.src), tt.key, "v")
			if err == nil {
				t.Fatalf("no error; got %q", got)
			}
			if errors.Is(err, ErrHasField) != tt.has {
				t.Errorf("errors.Is(%v, ErrHasField) = %v, want %v", err, !tt.has, tt.has)
			}
		})
	}
	if _, err := InsertField([]byte("---\ntitle: A\n---\n"), "id", "\xff"); err == nil {
		t.Error("invalid UTF-8 value: no error")
	}
}

func TestFronteditQuote(t *testing.T) {
	for _, s := range []string{"", permalink, "tag:example.org,2025-08-15:x", `a "b" \c`, "line\nbreak\ttab", "é ü 中文 😀"} {
		if got, want := Quote(s), strconv.Quote(s); got != want {
			t.Errorf("Quote(%q) = %s, strconv.Quote gives %s", s, got, want)
		}
	}
	// Where strconv.Quote uses escapes JSON and TOML lack, Quote does not.
	for s, want := range map[string]string{"\a": `"\u0007"`, "\v": `"\u000b"`, "\x00": `"\u0000"`, "\x1b": `"\u001b"`,
		"\x7f": `"\u007f"`, "\u0085": `"\u0085"`, "\U000e0001": "\"\U000e0001\""} {
		if got := Quote(s); got != want {
			t.Errorf("Quote(%q) = %s, want %s", s, got, want)
		}
	}
}

// TestFronteditQuoteReadsBack checks that every format reads a quoted value back
// as it was, for every character class Quote treats differently.
func TestFronteditQuoteReadsBack(t *testing.T) {
	var all strings.Builder
	for r := rune(0); r < 0x100; r++ {
		all.WriteRune(r)
	}
	all.WriteString("\u2028\u2029\ufeff\ufffd\ue000\U0001f600\U000e0001\U0010fffd")
	value := all.String()
	for _, src := range []string{"---\ntitle: A\n---\n", "+++\ntitle = \"A\"\n+++\n", "{\n\"title\": \"A\"\n}\n"} {
		got, err := InsertField([]byte(src), "id", value)
		if err != nil {
			t.Fatalf("%q: %v", src, err)
		}
		if v := reparse(t, got); v != value {
			t.Errorf("%q: read back %q", src, v)
		}
	}
}
