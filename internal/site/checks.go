package site

import (
	"fmt"
	"net/url"
	"slices"
	"strconv"
	"strings"

	"digest/internal/content"
	"digest/internal/diag"
	"digest/internal/fingerprint"
	"digest/internal/markdown"
	"digest/internal/siteurl"
)

// owner names what made a page, for messages about it: the file (if any)
// and a description.
func owner(v View) (file, what string) {
	switch v := v.(type) {
	case *ArticleView:
		return v.Article.File, v.Article.File
	case *TopicView:
		if v.Topic.File != "" {
			return v.Topic.File, v.Topic.File
		}
		return "", "the page of topic " + v.Topic.Slug
	case *TermView:
		return "", "the page of " + v.Term.Name
	}
	return "", "the site's own page " + v.Meta().URL
}

// checkURLs reports two pages with the same output path, naming both. The
// error is filed against a content file where one of them has one.
func checkURLs(pages []View) diag.List {
	var diags diag.List
	seen := map[string]View{}
	for _, p := range pages {
		first, dup := seen[p.Meta().Path]
		if !dup {
			seen[p.Meta().Path] = p
			continue
		}
		filed, named := p, first
		if f, _ := owner(p); f == "" {
			filed, named = first, p
		}
		file, _ := owner(filed)
		_, other := owner(named)
		line := 0
		if a, ok := filed.(*ArticleView); ok {
			line = a.Article.Line("slug")
		}
		diags.Add(diag.Diagnostic{File: file, Line: line, Severity: diag.Error, Code: "duplicate-url",
			Message: fmt.Sprintf("URL %s is also used by %s", p.Meta().URL, other),
			Hint:    "give one of them another slug (slug: ...) or date"})
	}
	return diags
}

// checkLinks warns about Markdown links and images to site paths that the
// build does not produce. Where links point is worked out once per item
// and kept in the memo; only whether their targets exist is checked anew.
func checkLinks(s *Site, c *content.Content, memo *Memo, static map[string]bool) diag.List {
	lc := newLinkChecker(s, memo, static)
	byFile := map[string]*Article{}
	for _, a := range s.Articles {
		byFile[a.File] = a
	}
	// The links of every item are resolved on every core, then reported
	// in order.
	type job struct {
		file    string
		hash    content.Hash
		links   []markdown.Link
		key     memoKey
		url     string
		targets []target
	}
	var jobs []job
	for _, it := range c.Items {
		if a := byFile[it.File]; a != nil {
			jobs = append(jobs, job{file: it.File, hash: it.Hash, links: lc.linksOf(it), url: a.URL})
		}
	}
	parallel(len(jobs), func(i int) {
		j := &jobs[i]
		j.key = lc.key(j.file, j.url, j.hash, j.links)
	})
	var missing []int
	for i := range jobs {
		j := &jobs[i]
		if t, ok := lc.memo.cur.links[j.key]; ok {
			j.targets = t
		} else if t, ok := lc.memo.prev.links[j.key]; ok {
			j.targets, lc.memo.cur.links[j.key] = t, t
		} else {
			missing = append(missing, i)
		}
	}
	parallel(len(missing), func(k int) {
		j := &jobs[missing[k]]
		j.targets = resolveLinks(lc.s.Info.base, j.url, j.links)
	})
	for _, i := range missing {
		lc.memo.cur.links[jobs[i].key] = jobs[i].targets
	}
	for _, j := range jobs {
		lc.report(j.file, j.targets, j.links)
	}
	topicURL := map[string]string{}
	for _, t := range s.Topics {
		topicURL[t.File] = t.URL
	}
	for _, f := range c.Topics {
		if u, ok := topicURL[f.File]; ok {
			lc.check(f.File, u, f.Hash, f.Links)
		}
	}
	lc.check(c.Config.File, s.Info.URL(""), c.Config.Hash, c.Config.Links)
	return lc.diags
}

// linkChecker checks links against the outputs of a site.
type linkChecker struct {
	s       *Site
	memo    *Memo
	outputs map[string]bool
	diags   diag.List
}

func newLinkChecker(s *Site, memo *Memo, static map[string]bool) *linkChecker {
	outputs := make(map[string]bool, len(s.Pages)+len(static))
	for _, p := range s.Pages {
		outputs[p.Meta().Path] = true
	}
	for p := range static {
		outputs[p] = true
	}
	return &linkChecker{s: s, memo: memo, outputs: outputs}
}

// item checks an item's links and image, from its page at url.
func (lc *linkChecker) item(it *content.Item, url string) {
	lc.check(it.File, url, it.Hash, lc.linksOf(it))
}

// linksOf returns an item's links and its image.
func (lc *linkChecker) linksOf(it *content.Item) []markdown.Link {
	links := it.Links
	if it.Image != nil {
		links = append(slices.Clip(links), markdown.Link{Dest: lc.s.Info.base.Rebase(it.Image.Src), Line: it.Line("image"), Image: true})
	}
	return links
}

// key is what the targets of a file's links are remembered by.
func (lc *linkChecker) key(file, from string, hash content.Hash, links []markdown.Link) memoKey {
	return memoKey{file, fingerprint.Strings(string(hash[:]), from, lc.s.Info.BasePath, strconv.Itoa(len(links)))}
}

func (lc *linkChecker) check(file, from string, hash content.Hash, links []markdown.Link) {
	key := lc.key(file, from, hash, links)
	targets := lookup(lc.memo.cur.links, lc.memo.prev.links, key, func() []target { return resolveLinks(lc.s.Info.base, from, links) })
	lc.report(file, targets, links)
}

// report adds a warning for each link whose target the site lacks.
func (lc *linkChecker) report(file string, targets []target, links []markdown.Link) {
	for _, tg := range targets {
		if !tg.ok || exists(lc.outputs, tg.path) {
			continue
		}
		l := links[tg.index]
		code, what, hint := "broken-link", "link", "check the address; site paths start at the site root, e.g. /topics/<slug>/"
		if l.Image {
			code, what, hint = "broken-image", "image", "put the file under static/ (static/img/x.png is /img/x.png)"
		}
		lc.diags.Add(diag.Diagnostic{File: file, Line: l.Line, Severity: diag.Warning, Code: code,
			Message: fmt.Sprintf("%s to %s: the site has no such page or file", what, l.Dest), Hint: hint})
	}
}

// resolveLinks works out the site path each link points to.
func resolveLinks(b siteurl.Base, from string, links []markdown.Link) []target {
	base, err := url.Parse(from)
	if err != nil {
		return nil
	}
	out := make([]target, 0, len(links))
	for i, l := range links {
		p, ok := b.SitePath(base, l.Dest)
		out = append(out, target{path: p, index: i, ok: ok})
	}
	return out
}

func exists(outputs map[string]bool, p string) bool {
	if p == "" || strings.HasSuffix(p, "/") {
		return outputs[p+"index.html"]
	}
	return outputs[p] || outputs[p+"/index.html"]
}
