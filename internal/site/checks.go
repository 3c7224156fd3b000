package site

import (
	"fmt"
	"net/url"
	"slices"
	"strings"

	"digest/internal/content"
	"digest/internal/diag"
	"digest/internal/markdown"
)

// checkLinks warns about Markdown links and images to site paths that the
// build does not produce. The warnings of each file are kept in the memo,
// and worked out again when the file or the site's outputs change.
func checkLinks(s *Site, c *content.Content, sk *skeleton, memo *Memo) diag.List {
	base := s.Info.base
	keys := make([]string, len(s.Articles))
	ins := make([]itemLinkInputs, len(s.Articles))
	for i, a := range s.Articles {
		it := c.Items[sk.pub[sk.newest[i]]]
		keys[i], ins[i] = it.File, itemLinkInputs{Item: it, From: a.URL, Base: base, Outputs: sk}
	}
	var diags diag.List
	for _, d := range getAll(&memo.itemLinks, keys, ins, checkItem) {
		diags = append(diags, d...)
	}
	topicURL := map[string]string{}
	for _, t := range s.Topics {
		topicURL[t.File] = t.URL
	}
	for _, f := range c.Topics {
		if u, ok := topicURL[f.File]; ok {
			diags = append(diags, memo.links.get(f.File, linkInputs{File: f.File, Hash: f.Hash, From: u, Base: base, Links: f.Links, Outputs: sk}, checkFile)...)
		}
	}
	cfg := c.Config
	diags = append(diags, memo.links.get(cfg.File, linkInputs{File: cfg.File, Hash: cfg.Hash, From: s.Info.URL(""), Base: base, Links: cfg.Links, Outputs: sk}, checkFile)...)
	return diags
}

// checkItem checks an item's links and its lead image.
func checkItem(in itemLinkInputs, _ diag.List) diag.List {
	it := in.Item
	l := linkInputs{File: it.File, Hash: it.Hash, From: in.From, Base: in.Base, Links: it.Links, Outputs: in.Outputs}
	if it.LeadImage != nil {
		l.Image, l.ImageLine = in.Base.Rebase(it.LeadImage.Src), it.Line("image")
	}
	return checkFile(l, nil)
}

// checkFile works out where the links of a file point, and warns about
// each whose target the site lacks.
func checkFile(in linkInputs, _ diag.List) diag.List {
	links := in.Links
	if in.Image != "" {
		links = append(slices.Clip(links), markdown.Link{Dest: in.Image, Line: in.ImageLine, Image: true})
	}
	from, err := url.Parse(in.From)
	if err != nil {
		return nil
	}
	var diags diag.List
	for _, l := range links {
		p, ok := in.Base.SitePath(from, l.Dest)
		if !ok || exists(in.Outputs.outputs, p) {
			continue
		}
		code, what, hint := "broken-link", "link", "check the address; site paths start at the site root, e.g. /topics/<slug>/"
		if l.Image {
			code, what, hint = "broken-image", "image", "put the file under static/ (static/img/x.png is /img/x.png)"
		}
		diags.Add(diag.Diagnostic{File: in.File, Line: l.Line, Severity: diag.Warning, Code: code,
			Message: fmt.Sprintf("%s to %s: the site has no such page or file", what, l.Dest), Hint: hint})
	}
	return diags
}

func exists(outputs map[string]bool, p string) bool {
	if p == "" || strings.HasSuffix(p, "/") {
		return outputs[p+"index.html"]
	}
	return outputs[p] || outputs[p+"/index.html"]
}
