package build

import (
	"context"
	"fmt"
	"strings"

	"digest/internal/content"
	"digest/internal/copycheck"
	"digest/internal/diag"
	"digest/internal/disk"
	"digest/internal/site"
)

// A digest publishes summaries in the editor's own words. An item made by
// digest import names the text it was imported from (imported_from:); a
// published item that still copies it gets a warning (copied-text) that
// names the share of its words in runs of copy_run or more words copied
// from it and quotes the longest run with its line. Runs inside quotation
// marks are attributed quotes: they are reported (copied-quotes) only
// past MaxQuotedWords in all. --strict makes warnings errors.

// MaxQuotedWords is how many copied words an item may quote before the
// quotes are reported too.
const MaxQuotedWords = 40

// MaxImport is the largest imported text compared, as digest import
// accepts.
const MaxImport = 5 << 20

// copyKey is what a comparison depends on: the item's bytes and
// settings, the imported text's path and the run length. The imported
// text is not in it: imports are kept as they were imported, and their
// comparison is made again when the item changes, so that a build reads
// no import but those of changed items (see the cache in copycache.go).
type copyKey struct {
	item content.Hash
	from string
	run  int
}

// checkCopies compares each published item that is not a draft and names
// an imported text with that text, on all cores; comparisons are
// remembered by copyKey, between builds and between runs.
func (b *Builder) checkCopies(ctx context.Context, s *site.Site) diag.List {
	var arts []*site.Article
	for _, a := range s.Articles {
		if a.ImportedFrom != "" && !a.Draft {
			arts = append(arts, a)
		}
	}
	cfg := s.Config
	results := make([]diag.List, len(arts))
	reports := make([]*copycheck.Report, len(arts))
	keys := make([]copyKey, len(arts))
	var todo []int
	for i, a := range arts {
		keys[i] = copyKey{item: a.Hash, from: a.ImportedFrom, run: cfg.CopyRun}
		if r, ok := b.copyMemo[keys[i]]; ok {
			reports[i] = r
		} else {
			todo = append(todo, i)
		}
	}
	forEach(ctx, todo, func(_ *worker, i int) {
		reports[i], results[i] = b.compareImport(arts[i], cfg.CopyRun)
	})
	memo := make(map[copyKey]*copycheck.Report, len(arts))
	var out diag.List
	for i, a := range arts {
		if reports[i] != nil {
			memo[keys[i]] = reports[i]
			results[i] = copyDiags(a, *reports[i], cfg.CopyRun, cfg.CopyShare)
		}
		out = append(out, results[i]...)
	}
	b.copyDirty = b.copyDirty || len(todo) > 0 || len(memo) != len(b.copyMemo)
	b.copyMemo = memo
	return out
}

// compareImport compares an item's text (its file, front matter blanked)
// with the text it was imported from, or says why it cannot.
func (b *Builder) compareImport(a *site.Article, run int) (*copycheck.Report, diag.List) {
	src, err := disk.ReadFS(b.siteFS, a.ImportedFrom, MaxImport)
	if err == nil {
		var text []byte
		if text, err = disk.ReadFS(b.siteFS, a.File, 64<<20); err == nil {
			r := copycheck.Compare(blankFrontMatter(string(text)), string(src), run)
			return &r, nil
		}
	}
	return nil, diag.List{{File: a.File, Line: a.Line("imported_from"), Severity: diag.Warning, Code: "imported-from",
		Message: fmt.Sprintf("imported_from: %s cannot be read (%v), so the item's text is not compared with it", a.ImportedFrom, fsReason(err))}}
}

// copyDiags reports what an item copies from its imported text.
func copyDiags(a *site.Article, r copycheck.Report, run int, share float64) diag.List {
	var out diag.List
	if r.Copied > 0 && r.Share() >= share {
		out.Add(diag.Diagnostic{File: a.File, Line: r.LongestLine, Severity: diag.Warning, Code: "copied-text",
			Message: fmt.Sprintf("%.0f%% of the item's words are in runs of %d or more words copied from %s; the longest, %d words: “%s”",
				100*r.Share(), run, a.ImportedFrom, r.LongestWords, shorten(r.Longest, 160)),
			Hint: "summarise the story in your own words and credit the source; quote only what needs quoting"})
	}
	if r.Quoted > MaxQuotedWords {
		out.Add(diag.Diagnostic{File: a.File, Line: a.Line("imported_from"), Severity: diag.Warning, Code: "copied-quotes",
			Message: fmt.Sprintf("the item quotes %d words copied from %s, more than %d in all", r.Quoted, a.ImportedFrom, MaxQuotedWords),
			Hint:    "keep quotations short: a summary quotes a few words, not the article"})
	}
	return out
}

// blankFrontMatter replaces a file's front matter (YAML between --- lines,
// TOML between +++ lines) with empty lines, so that line numbers in the
// rest stay those of the file.
func blankFrontMatter(text string) string {
	text = strings.TrimPrefix(text, "\ufeff")
	lines := strings.SplitAfter(text, "\n")
	if len(lines) == 0 {
		return text
	}
	delim := strings.TrimRight(lines[0], "\r\n")
	if delim != "---" && delim != "+++" {
		return text
	}
	for i := 1; i < len(lines); i++ {
		if strings.TrimRight(lines[i], " \t\r\n") == delim {
			return strings.Repeat("\n", i+1) + strings.Join(lines[i+1:], "")
		}
	}
	return text
}

// shorten cuts s to at most n characters, at a word, with an ellipsis.
func shorten(s string, n int) string {
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	cut := string(r[:n])
	if i := strings.LastIndexByte(cut, ' '); i > n/2 {
		cut = cut[:i]
	}
	return cut + "…"
}

// fsReason is an error's last part: "no such file or directory".
func fsReason(err error) string {
	msg := err.Error()
	if i := strings.LastIndex(msg, ": "); i >= 0 {
		return msg[i+2:]
	}
	return msg
}
