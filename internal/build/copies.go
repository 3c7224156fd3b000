package build

import (
	"context"
	"fmt"
	"io/fs"
	"strings"

	"digest/internal/copycheck"
	"digest/internal/diag"
	"digest/internal/disk"
	"digest/internal/fingerprint"
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

// copyKey is what a copy check's result depends on: the item's bytes and
// settings, the imported file's size and time, and the thresholds.
type copyKey struct {
	item   fingerprint.Sum
	size   int64
	mod    int64
	run    int
	share  float64
	quoted int
}

// checkCopies compares each published item that is not a draft and names
// an imported text with that text, on all cores; results are remembered
// by copyKey, so a rebuild compares only what changed.
func (b *Builder) checkCopies(ctx context.Context, s *site.Site) diag.List {
	var arts []*site.Article
	for _, a := range s.Articles {
		if a.ImportedFrom != "" && !a.Draft {
			arts = append(arts, a)
		}
	}
	if len(arts) == 0 {
		b.copyMemo = nil
		return nil
	}
	memo := make(map[string]copyResult, len(arts))
	results := make([]copyResult, len(arts))
	forEach(ctx, indexes(len(arts)), func(_ *worker, i int) {
		results[i] = b.checkCopy(s, arts[i])
	})
	var out diag.List
	for i, a := range arts {
		memo[a.File] = results[i]
		out = append(out, results[i].diags...)
	}
	b.copyMemo = memo
	return out
}

// copyResult is one item's check, with what it was made from.
type copyResult struct {
	key   copyKey
	diags diag.List
}

// checkCopy checks one item, or returns the last build's result if
// nothing it depends on changed.
func (b *Builder) checkCopy(s *site.Site, a *site.Article) copyResult {
	cfg := s.Config
	key := copyKey{item: fingerprint.Sum(a.Hash), run: cfg.CopyRun, share: cfg.CopyShare, quoted: MaxQuotedWords}
	st, err := fs.Stat(b.siteFS, a.ImportedFrom)
	if err != nil {
		return copyResult{key: key, diags: diag.List{{File: a.File, Line: a.Line("imported_from"), Severity: diag.Warning, Code: "imported-from",
			Message: fmt.Sprintf("imported_from: %s cannot be read (%v), so the item's text is not compared with it", a.ImportedFrom, fsReason(err))}}}
	}
	key.size, key.mod = st.Size(), st.ModTime().UnixNano()
	if old, ok := b.copyMemo[a.File]; ok && old.key == key {
		return old
	}
	src, err := disk.ReadFS(b.siteFS, a.ImportedFrom, MaxImport)
	if err == nil {
		var text []byte
		if text, err = disk.ReadFS(b.siteFS, a.File, 64<<20); err == nil {
			return copyResult{key: key, diags: copyDiags(a, blankFrontMatter(string(text)), string(src), cfg.CopyRun, cfg.CopyShare)}
		}
	}
	return copyResult{key: key, diags: diag.List{{File: a.File, Line: a.Line("imported_from"), Severity: diag.Warning, Code: "imported-from",
		Message: fmt.Sprintf("imported_from: %s cannot be read (%v), so the item's text is not compared with it", a.ImportedFrom, fsReason(err))}}}
}

// copyDiags compares an item's text (its file, front matter blanked) with
// its imported text and reports what it copies.
func copyDiags(a *site.Article, text, src string, run int, share float64) diag.List {
	r := copycheck.Compare(text, src, run)
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

// indexes returns 0, 1, …, n-1.
func indexes(n int) []int {
	out := make([]int, n)
	for i := range out {
		out[i] = i
	}
	return out
}
