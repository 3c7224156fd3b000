// Package corpus generates realistic, deterministic news digests for tests
// and benchmarks: items with YAML front matter (title, date over two years,
// one to three of forty topics, people, places, a source, a summary) and
// bodies of five to eight paragraphs of about 600 words with links,
// emphasis, quotes and lists. The same seed and size give the same bytes.
package corpus

import (
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"time"
)

// Options size a corpus.
type Options struct {
	Items  int
	Seed   uint64
	Topics int // default 40
	// Start is the date of the oldest item; items spread over two years.
	Start time.Time
}

// File is one generated file, relative to the site root.
type File struct {
	Path string
	Text string
}

var (
	subjects = []string{"The envoy", "The foreign minister", "A senior official", "The delegation", "The president",
		"Negotiators", "The mediator", "The prime minister", "A spokesperson", "The committee", "Observers", "The ministry"}
	verbs = []string{"said", "confirmed", "warned", "signalled", "insisted", "acknowledged", "suggested", "announced",
		"denied", "proposed", "stressed", "reported"}
	objects = []string{"that talks would continue next week", "a new round of consultations", "progress on prisoner exchanges",
		"the need for security guarantees", "a draft framework for a ceasefire", "concerns about the front line",
		"an agreement on grain shipments", "that sanctions would remain in place", "a meeting of technical teams",
		"the return of displaced civilians", "plans for a monitoring mission", "differences over the timetable"}
	places = []string{"Kyiv", "Moscow", "Washington", "Brussels", "Geneva", "Istanbul", "Warsaw", "Berlin", "Paris",
		"London", "Riyadh", "Helsinki", "Vienna", "Ankara", "Doha", "Rome", "Anchorage", "Odesa", "Kharkiv", "Vilnius"}
	people = []string{"Alina Petrenko", "Mark Dawson", "Irina Volkova", "Tomasz Nowak", "Claire Martin", "Ahmed Karimi",
		"Julia Weber", "Oleh Bondar", "Sofia Rossi", "Daniel Brooks", "Elena Ionescu", "Mikko Laine", "Ana Costa",
		"Hugo Lambert", "Nadia Haddad", "Peter Holm", "Yulia Moroz", "Samuel Price", "Lena Fischer", "Ivan Kovac"}
	sources = []struct{ name, url string }{{"Reuters", "https://www.reuters.com/"}, {"Associated Press", "https://apnews.com/"},
		{"BBC News", "https://www.bbc.com/news"}, {"Agence France-Presse", "https://www.afp.com/"},
		{"Deutsche Welle", "https://www.dw.com/"}, {"Kyiv Independent", "https://kyivindependent.com/"}}
	fillers = []string{"according to people familiar with the discussions", "in a statement released late in the day",
		"after several hours of talks", "speaking to reporters", "in remarks broadcast on national television",
		"without giving further details", "as fighting continued in the east", "ahead of a summit planned for next month"}
)

// TopicSlug is the slug of topic i.
func TopicSlug(i int) string { return fmt.Sprintf("story-%02d", i) }

// Generate returns the files of a site: content/_index.md, topic files and
// items under content/articles/YYYY/.
func Generate(o Options) []File {
	if o.Topics == 0 {
		o.Topics = 40
	}
	if o.Start.IsZero() {
		o.Start = time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC)
	}
	r := rand.New(rand.NewPCG(o.Seed, 0x5eed))
	files := []File{{Path: "content/_index.md", Text: "---\ntitle: \"Generated Digest\"\ndescription: \"A generated digest for tests and benchmarks.\"\n" +
		"base_url: \"https://digest.example.org/\"\ntimezone: Europe/Kyiv\nper_page: 20\n---\n\nA generated digest with " +
		fmt.Sprint(o.Items) + " items. Follow the [first story](/topics/" + TopicSlug(0) + "/).\n"}}
	for i := range o.Topics {
		layout := "timeline"
		if i%4 == 3 {
			layout = "list"
		}
		files = append(files, File{Path: "content/topics/" + TopicSlug(i) + ".md", Text: fmt.Sprintf(
			"---\ntitle: \"Story %d\"\ndescription: \"Everything on story %d.\"\nlayout: %s\n---\n\n%s\n", i, i, layout, paragraph(r, 3))})
	}
	span := 2 * 365 * 24 * time.Hour
	for i := range o.Items {
		files = append(files, Item(r, i, o.Start.Add(time.Duration(int64(span)/int64(max(o.Items, 1))*int64(i))), o.Topics))
	}
	return files
}

// Item generates item number i dated at date.
func Item(r *rand.Rand, i int, date time.Time, topics int) File {
	var fm strings.Builder
	title := fmt.Sprintf("%s %s %s (%d)", pick(r, subjects), pick(r, verbs), pick(r, objects), i)
	fmt.Fprintf(&fm, "---\ntitle: %q\ndate: %s\n", title, date.Format(time.RFC3339))
	fmt.Fprintf(&fm, "summary: %q\n", sentence(r))
	fm.WriteString("topics:\n")
	seen := map[int]bool{}
	for range 1 + r.IntN(3) {
		t := r.IntN(topics)
		if !seen[t] {
			seen[t] = true
			fmt.Fprintf(&fm, "  - %s\n", TopicSlug(t))
		}
	}
	fmt.Fprintf(&fm, "people: [%q, %q]\nplaces: [%q]\n", pick(r, people), pick(r, people), pick(r, places))
	src := sources[r.IntN(len(sources))]
	fmt.Fprintf(&fm, "source:\n  name: %q\n  url: %q\n", src.name, src.url)
	if r.IntN(20) == 0 {
		fm.WriteString("milestone: true\n")
	}
	fmt.Fprintf(&fm, "id: \"tag:digest.example.org,%s:item-%d\"\n---\n\n", date.Format("2006-01-02"), i)
	n := 5 + r.IntN(4)
	for p := range n {
		switch {
		case p == 2:
			fmt.Fprintf(&fm, "> \"%s,\" %s %s.\n\n", strings.TrimSuffix(sentence(r), "."), pick(r, people), pick(r, verbs))
		case p == 4:
			for range 3 {
				fmt.Fprintf(&fm, "- %s\n", sentence(r))
			}
			fm.WriteString("\n")
		default:
			fm.WriteString(paragraph(r, 4+r.IntN(3)))
			fm.WriteString("\n\n")
		}
	}
	fmt.Fprintf(&fm, "*Summarised from reporting by %s.*\n", src.name)
	year := date.Format("2006")
	slug := fmt.Sprintf("item-%05d", i)
	return File{Path: "content/articles/" + year + "/" + date.Format("2006-01-02") + "-" + slug + ".md", Text: fm.String()}
}

func pick(r *rand.Rand, xs []string) string { return xs[r.IntN(len(xs))] }

func sentence(r *rand.Rand) string {
	return fmt.Sprintf("%s %s %s, %s.", pick(r, subjects), pick(r, verbs), pick(r, objects), pick(r, fillers))
}

// paragraph writes n sentences with a link and some emphasis.
func paragraph(r *rand.Rand, n int) string {
	var b strings.Builder
	for s := range n {
		if s > 0 {
			b.WriteByte(' ')
		}
		switch r.IntN(6) {
		case 0:
			fmt.Fprintf(&b, "In [%s](https://example.org/%s), %s", pick(r, places), strings.ToLower(pick(r, places)), lower(sentence(r)))
		case 1:
			fmt.Fprintf(&b, "*%s*", strings.TrimSuffix(sentence(r), "."))
			b.WriteByte('.')
		case 2:
			fmt.Fprintf(&b, "**%s** %s", pick(r, people), lower(strings.TrimPrefix(sentence(r), "The ")))
		default:
			b.WriteString(sentence(r))
		}
	}
	return b.String()
}

func lower(s string) string {
	if s == "" {
		return s
	}
	return strings.ToLower(s[:1]) + s[1:]
}

// Write writes files under dir.
func Write(dir string, files []File) error {
	made := map[string]bool{}
	for _, f := range files {
		p := filepath.Join(dir, filepath.FromSlash(f.Path))
		if d := filepath.Dir(p); !made[d] {
			if err := os.MkdirAll(d, 0o755); err != nil {
				return fmt.Errorf("writing corpus: %w", err)
			}
			made[d] = true
		}
		if err := os.WriteFile(p, []byte(f.Text), 0o644); err != nil {
			return fmt.Errorf("writing corpus: %w", err)
		}
	}
	return nil
}

// WithImports gives each item of files an imported text, as digest import
// keeps it: imports/<item's file name>.txt, named by imported_from in the
// item's front matter. The text has the words of the item's body in
// another order, so that it shares no run of words with it: a site where
// every item was imported and then rewritten, for measuring the copy
// check. The same files give the same result.
func WithImports(files []File) []File {
	out := make([]File, 0, 2*len(files))
	for i, f := range files {
		fm, body, ok := strings.Cut(strings.TrimPrefix(f.Text, "---\n"), "\n---\n")
		if !strings.HasPrefix(f.Path, "content/articles/") || !ok {
			out = append(out, f)
			continue
		}
		name := strings.TrimSuffix(f.Path[strings.LastIndexByte(f.Path, '/')+1:], ".md")
		imp := "imports/" + name + ".txt"
		f.Text = "---\n" + fm + "\nimported_from: \"" + imp + "\"\n---\n" + body
		words := strings.Fields(body)
		r := rand.New(rand.NewPCG(uint64(i), 7))
		r.Shuffle(len(words), func(a, b int) { words[a], words[b] = words[b], words[a] })
		out = append(out, f, File{Path: imp, Text: "Imported headline\n\n" + strings.Join(words, " ") + "\n"})
	}
	return out
}
