package clip

import "testing"

func TestMarkdownText(t *testing.T) {
	md := "# The title\n\n" +
		"A *quiet* start with **strong** words, a [link](https://example.com/a \"title\") and ![a photo](/p.jpg) an image.\n\n" +
		"Literal marks: 5 \\* 3, snake\\_case, \\_\\_init\\_\\_, \\# not a heading, 1\\. not a list, AT&amp;T, &#8220;quoted&#8221;, \\&amp; kept.\n\n" +
		"A line\nbroken in two.\n\n" +
		"## Sub heading with `code_span` and *emphasis*\n\n" +
		"#### Deep heading\n\n" +
		"- First item\n- Second *item*\n\n" +
		"3. Third\n4. Fourth\n\n" +
		"> Quoted paragraph.\n\n" +
		"---\n\n" +
		"<div>raw html block</div>\n\n" +
		"<https://example.com/auto>\n\n" +
		"![only an image](/x.png)\n"
	want := "A quiet start with strong words, a link and  an image.\n\n" +
		"Literal marks: 5 * 3, snake_case, __init__, # not a heading, 1. not a list, AT&T, “quoted”, &amp; kept.\n\n" +
		"A line\nbroken in two.\n\n" +
		"## Sub heading with code_span and emphasis\n\n" +
		"#### Deep heading\n\n" +
		"- First item\n\n- Second item\n\n" +
		"3. Third\n\n4. Fourth\n\n" +
		"Quoted paragraph.\n\n" +
		"https://example.com/auto"
	if got := markdownText([]byte(md), "The title"); got != want {
		t.Errorf("markdownText =\n%q\nwant\n%q", got, want)
	}
	// A first heading that is not the title stays, as "##" at least.
	if got, want := markdownText([]byte("# Other\n\nText."), "The title"), "## Other\n\nText."; got != want {
		t.Errorf("markdownText = %q, want %q", got, want)
	}
}

func TestHTMLToText(t *testing.T) {
	page := `<html><head><title>Ignored | Site</title></head><body><article>
<h1>Lighthouse keeper retires after forty years</h1>
<p>After forty years on the island, <strong>Marit Solberg</strong> handed the keys of the lighthouse to the coast authority on Friday, ending the last manned watch on this stretch of the coast.</p>
<p>Her logbooks, which record every ship and storm since 1985, will go to the <a href="/museum">maritime museum</a> in the harbour town, where an exhibition opens next spring.</p>
<ul><li>The light itself is now run from the mainland.</li><li>Visitors can still climb the tower <em>on weekends</em> in summer.</li></ul>
<figure><img src="/l.jpg"><figcaption>Marit Solberg on the gallery of the lighthouse <span class="credit">Photo: Coastal Herald</span></figcaption></figure>
</article></body></html>`
	a, err := Clean([]byte(page), true)
	if err != nil {
		t.Fatal(err)
	}
	want := "Lighthouse keeper retires after forty years\n\n" +
		"After forty years on the island, Marit Solberg handed the keys of the lighthouse to the coast authority on Friday, ending the last manned watch on this stretch of the coast.\n\n" +
		"Her logbooks, which record every ship and storm since 1985, will go to the maritime museum in the harbour town, where an exhibition opens next spring.\n\n" +
		"- The light itself is now run from the mainland.\n\n" +
		"- Visitors can still climb the tower on weekends in summer.\n"
	if got := a.Text(); got != want {
		t.Errorf("Text() =\n%s\nwant\n%s", got, want)
	}
	if a.Caption != "Marit Solberg on the gallery of the lighthouse" || a.Credit != "Coastal Herald" {
		t.Errorf("Caption, Credit = %q, %q", a.Caption, a.Credit)
	}
}
