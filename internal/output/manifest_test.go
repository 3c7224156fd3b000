package output

import (
	"bytes"
	"strings"
	"testing"
)

func TestManifestRoundTrip(t *testing.T) {
	tests := []struct {
		name string
		m    manifest
	}{
		{"empty", manifest{}},
		{"one entry", manifest{"index.html": {sum: contentSum([]byte("home")), input: in("home")}}},
		{"zero input", manifest{"static/logo.png": {sum: contentSum([]byte{0x89, 'P', 'N', 'G'})}}},
		{"spaces and unicode in paths", manifest{
			"a b/c d.html":        {sum: contentSum([]byte("1")), input: in("1")},
			"ünïcödé/página.html": {sum: contentSum([]byte("2")), input: in("2")},
			"CNAME":               {sum: contentSum([]byte("example.org")), input: in("cname")},
		}},
		{"many entries", func() manifest {
			m := manifest{}
			for _, p := range []string{"z.html", "a.html", "m/n.html", "m.html", "a/b/c.html"} {
				m[p] = entry{sum: contentSum([]byte(p)), input: in(p)}
			}
			return m
		}()},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var buf bytes.Buffer
			if err := tt.m.write(&buf); err != nil {
				t.Fatal(err)
			}
			text := buf.String()
			if !strings.HasPrefix(text, manifestHeader) {
				t.Errorf("manifest does not start with its header:\n%s", text)
			}
			if lines := strings.Count(text, "\n"); lines != len(tt.m)+1 {
				t.Errorf("manifest has %d lines, want a header and %d entries:\n%s", lines, len(tt.m), text)
			}
			got, err := parseManifest(buf.Bytes())
			if err != nil {
				t.Fatalf("parseManifest: %v\n%s", err, text)
			}
			equalManifest(t, got, tt.m)

			// Writing is deterministic: the same manifest gives the same bytes.
			var again bytes.Buffer
			if err := got.write(&again); err != nil {
				t.Fatal(err)
			}
			if again.String() != text {
				t.Errorf("second write differs:\n%s\nvs\n%s", again.String(), text)
			}
		})
	}
}

func TestManifestLinesAreSorted(t *testing.T) {
	m := manifest{}
	for _, p := range []string{"z.html", "a.html", "m/n.html"} {
		m[p] = entry{sum: contentSum([]byte(p))}
	}
	var buf bytes.Buffer
	if err := m.write(&buf); err != nil {
		t.Fatal(err)
	}
	var paths []string
	for _, line := range strings.Split(strings.TrimPrefix(buf.String(), manifestHeader), "\n") {
		if line != "" {
			paths = append(paths, line[strings.LastIndex(line, " ")+1:])
		}
	}
	if want := []string{"a.html", "m/n.html", "z.html"}; strings.Join(paths, ",") != strings.Join(want, ",") {
		t.Errorf("paths in order %v, want %v", paths, want)
	}
}

func TestParseManifestRejectsGarbage(t *testing.T) {
	sum := strings.Repeat("ab", 16)
	tests := []struct {
		name, text string
	}{
		{"empty", ""},
		{"not a manifest", "hello world\n"},
		{"header only partly there", manifestHeader[:20]},
		{"another version", strings.Replace(manifestHeader, "v1", "v2", 1)},
		{"entry without header", sum + " " + sum + " index.html\n"},
		{"two fields", manifestHeader + sum + " index.html\n"},
		{"one field", manifestHeader + "index.html\n"},
		{"sum not hex", manifestHeader + strings.Repeat("zz", 16) + " " + sum + " index.html\n"},
		{"sum too short", manifestHeader + strings.Repeat("ab", 15) + " " + sum + " index.html\n"},
		{"sum too long", manifestHeader + strings.Repeat("ab", 17) + " " + sum + " index.html\n"},
		{"input not hex", manifestHeader + sum + " " + strings.Repeat("g0", 16) + " index.html\n"},
		{"input too short", manifestHeader + sum + " abc index.html\n"},
		{"good line then bad", manifestHeader + sum + " " + sum + " a.html\nbroken\n"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if m, err := parseManifest([]byte(tt.text)); err == nil {
				t.Errorf("parseManifest(%q) = %v, want an error", tt.text, m)
			}
		})
	}
}

func TestParseManifestAcceptsHeaderOnly(t *testing.T) {
	m, err := parseManifest([]byte(manifestHeader))
	if err != nil {
		t.Fatal(err)
	}
	if len(m) != 0 {
		t.Errorf("manifest = %v, want empty", m)
	}
}
