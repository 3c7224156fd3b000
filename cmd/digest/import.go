package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"path/filepath"
	"strings"
	"time"

	"digest/internal/clip"
	"digest/internal/content"
	"digest/internal/disk"
	"digest/internal/scaffold"
	"digest/internal/slug"
)

// importFlags are digest import's flags.
type importFlags struct {
	source, date, sourceName, url string
	topics                        listFlag
	dryRun                        bool
}

func runImport(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	var fl importFlags
	f := newFlags("import", "[-s DIR] [--date YYYY-MM-DD] [--topic SLUG]... [--source NAME] [--url URL] [--dry-run] FILE... | -", stderr)
	f.stringVar(&fl.source, "source-dir", "s", ".", "the site's `folder`")
	f.StringVar(&fl.date, "date", "", "the item's `date` (YYYY-MM-DD); default: a date in the text's first lines, else today")
	f.Var(&fl.topics, "topic", "a topic `slug` (repeat for several; the first is the main one); default: guessed from the site's items")
	f.StringVar(&fl.sourceName, "source", "", "the `name` of the organisation whose reporting it is (wins over a Source: line)")
	f.StringVar(&fl.url, "url", "", "the `URL` of the original article")
	f.BoolVar(&fl.dryRun, "dry-run", false, "print the draft instead of writing it")
	if code, done := parse(f, args, -1); done {
		return code
	}
	if len(f.positional) == 0 {
		fmt.Fprintln(stderr, "digest import: give the files to import, or - for standard input")
		f.Usage()
		return exitUsage
	}
	var day time.Time
	if fl.date != "" {
		var err error
		if day, err = time.Parse("2006-01-02", fl.date); err != nil {
			fmt.Fprintf(stderr, "digest import: --date %q: expected YYYY-MM-DD\n", fl.date)
			return exitUsage
		}
	}
	if fl.url != "" && !strings.HasPrefix(fl.url, "https://") && !strings.HasPrefix(fl.url, "http://") {
		fmt.Fprintf(stderr, "digest import: --url %q: expected an http(s) URL\n", fl.url)
		return exitUsage
	}
	for i, tp := range fl.topics {
		if fl.topics[i] = slug.Make(tp); fl.topics[i] == "" {
			fmt.Fprintf(stderr, "digest import: %q is not a topic slug\n", tp)
			return exitUsage
		}
	}
	// Every input is read and cleaned before anything is written: one bad
	// input writes nothing.
	articles := make([]*clip.Article, len(f.positional))
	for i, name := range f.positional {
		a, err := readArticle(name, stdin)
		if err != nil {
			fmt.Fprintf(stderr, "digest import: %v\n", err)
			return exitError
		}
		articles[i] = a
	}
	known, err := loadKnown(fl.source)
	if err != nil {
		fmt.Fprintf(stderr, "digest import: %v\n", err)
		return exitError
	}
	drafts := make([]scaffold.Imported, len(articles))
	for i, a := range articles {
		drafts[i] = known.Draft(a, scaffold.DraftOptions{Date: day, Today: nowIn(known.Config.Location), Topics: fl.topics,
			SourceName: fl.sourceName, SourceURL: fl.url})
		if fl.dryRun {
			continue
		}
		p, err := scaffold.PathsFor(a.Headline, drafts[i].Date)
		if err == nil {
			err = checkFree(fl.source, p)
		}
		if err != nil {
			fmt.Fprintf(stderr, "digest import: %s: %v\n", f.positional[i], err)
			return exitError
		}
	}
	for i, im := range drafts {
		if code := writeDraft(im, fl, known.Config.BaseURL, f.positional[i], stdout, stderr); code != exitOK {
			return code
		}
	}
	return exitOK
}

// readArticle reads and cleans one input: a file, or standard input for
// "-". A file named .html or .htm, or text that looks like HTML, is HTML.
func readArticle(name string, stdin io.Reader) (*clip.Article, error) {
	var data []byte
	var err error
	if name == "-" {
		data, err = io.ReadAll(io.LimitReader(stdin, clip.MaxInput+1))
		name = "standard input"
	} else {
		data, err = disk.ReadFile(name, clip.MaxInput)
	}
	var large *disk.TooLargeError
	switch {
	case errors.As(err, &large):
		return nil, fmt.Errorf("%s: %w: %s, over the limit of 5 MB", name, clip.ErrTooLarge, disk.Size(large.Size))
	case err != nil:
		return nil, fmt.Errorf("reading %s: %w", name, err)
	}
	ext := strings.ToLower(filepath.Ext(name))
	a, err := clip.Clean(data, ext == ".html" || ext == ".htm" || clip.LooksLikeHTML(data))
	if err != nil {
		return nil, fmt.Errorf("%s: %w", name, err)
	}
	return a, nil
}

// checkFree fails if the draft or its text is already there.
func checkFree(dir string, p scaffold.ImportedPaths) error {
	for _, rel := range []string{p.Item, p.Text} {
		if _, err := disk.ReadFile(filepath.Join(dir, filepath.FromSlash(rel)), 1); err == nil || errors.As(err, new(*disk.TooLargeError)) {
			return fmt.Errorf("%s %w", rel, scaffold.ErrExists)
		}
	}
	return nil
}

// writeDraft writes one draft, or prints it with --dry-run, and reports
// what was recognised and removed.
func writeDraft(im scaffold.Imported, fl importFlags, baseURL, input string, stdout, stderr io.Writer) int {
	p, err := scaffold.PathsFor(im.Article.Headline, im.Date)
	if err != nil {
		fmt.Fprintf(stderr, "digest import: %s: %v\n", input, err)
		return exitError
	}
	if fl.dryRun {
		fmt.Fprint(stdout, scaffold.ImportedText(im, p, baseURL))
		fmt.Fprintf(stderr, "Would write %s and %s (--dry-run: nothing written)\n", p.Item, p.Text)
		printReport(stderr, im)
		return exitOK
	}
	if _, err := scaffold.WriteImported(fl.source, baseURL, im); err != nil {
		fmt.Fprintf(stderr, "digest import: %s: %v\n", input, err)
		return exitError
	}
	fmt.Fprintf(stdout, "Created %s (a draft) from %s; the imported text is kept in %s\n", p.Item, input, p.Text)
	printReport(stdout, im)
	return exitOK
}

// printReport says what the import recognised and what it removed.
func printReport(w io.Writer, im scaffold.Imported) {
	a := im.Article
	var found []string
	switch {
	case im.DateGuessed:
		found = append(found, "no date: today's, to check")
	default:
		found = append(found, "date "+im.Date.Format("2 January 2006"))
	}
	if im.SourceName != "" {
		found = append(found, "source "+im.SourceName)
	}
	if a.Caption != "" || a.Credit != "" {
		found = append(found, "a photo's caption and credit")
	}
	if n := len(a.Related); n > 0 {
		found = append(found, fmt.Sprintf("%d related headlines", n))
	}
	if len(im.People) > 0 {
		found = append(found, "people: "+strings.Join(im.People, ", "))
	}
	if len(im.Places) > 0 {
		found = append(found, "places: "+strings.Join(im.Places, ", "))
	}
	if len(im.Topics) > 0 {
		t := "topics: " + strings.Join(im.Topics, ", ")
		if im.TopicsGuessed {
			t += " (guessed: confirm them)"
		}
		found = append(found, t)
	}
	fmt.Fprintf(w, "  recognised: %q, %d paragraphs; %s\n", a.Headline, len(a.Paragraphs), strings.Join(found, "; "))
	if len(a.Removed) > 0 {
		fmt.Fprintf(w, "  removed: %s\n", strings.Join(a.Removed, "; "))
	}
	fmt.Fprintln(w, "  Rewrite it in your own words before publishing: digest check warns about text still copied from the import.")
}

// loadKnown reads the site's settings and items, for the names and topics
// an import recognises.
func loadKnown(dir string) (*scaffold.Known, error) {
	c, err := content.NewLoader(disk.DirFS(dir), content.Override{}).Load(context.Background(), nil)
	if err != nil {
		return nil, fmt.Errorf("reading the site in %s: %w", dir, err)
	}
	return scaffold.KnownFrom(c), nil
}

// nowIn is today in a time zone; a variable so that tests fix it.
var nowIn = func(loc *time.Location) time.Time { return now().In(loc) }
