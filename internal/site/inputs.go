package site

import (
	"html/template"
	"slices"

	"digest/internal/content"
	"digest/internal/fingerprint"
	"digest/internal/markdown"
	"digest/internal/siteurl"
)

// The inputs of every value the Memo keeps, and how two are compared:
// values that carry a fingerprint (articles, teasers, topics, the site's
// info, menus) by it, everything else by value. same must compare every
// field: TestInputsCompareEveryField changes each field in turn, by
// reflection, and fails if same does not notice.

// articleInputs is everything an article is made from.
type articleInputs struct {
	Item                   *content.Item // compared by file and hash: same bytes, same settings
	Site                   fingerprint.Sum
	Future, Expired        bool
	Topics, People, Places []Ref
	Path, URL, Permalink   string
	FileLinks              []string  // the URLs of the body's links to content files
	Pictures               []Picture // its processed images, lead image first
}

func (a articleInputs) same(b articleInputs) bool {
	return sameItem(a.Item, b.Item) && a.Site == b.Site && a.Future == b.Future && a.Expired == b.Expired &&
		sameSlice(a.Topics, b.Topics) && sameSlice(a.People, b.People) && sameSlice(a.Places, b.Places) &&
		a.Path == b.Path && a.URL == b.URL && a.Permalink == b.Permalink && slices.Equal(a.FileLinks, b.FileLinks) &&
		slices.Equal(a.Pictures, b.Pictures)
}

// sameItem compares items by file and hash: the same bytes read with the
// same settings.
func sameItem(a, b *content.Item) bool {
	return a == b || a.File == b.File && a.Hash == b.Hash
}

// articleViewInputs is everything an article's page is made from.
type articleViewInputs struct {
	Article    *Article
	Related    []*Teaser
	Timeline   *Ref
	Prev, Next *Teaser
	Site       *Info
	Menu       *Menu
}

func (a articleViewInputs) same(b articleViewInputs) bool {
	return sameLeaf(a.Article, b.Article) && sameLeaves(a.Related, b.Related) && samePtr(a.Timeline, b.Timeline) &&
		sameLeaf(a.Prev, b.Prev) && sameLeaf(a.Next, b.Next) && sameLeaf(a.Site, b.Site) && sameLeaf(a.Menu, b.Menu)
}

// sum is the fingerprint of the page's data: every field's.
func (a articleViewInputs) sum() fingerprint.Sum {
	sums := make([]fingerprint.Sum, 0, 8+len(a.Related))
	var timeline fingerprint.Sum
	if a.Timeline != nil {
		timeline = fingerprint.Strings(a.Timeline.Name, a.Timeline.Slug, a.Timeline.URL)
	}
	sums = append(sums, leafSum(a.Article), leafSum(a.Site), leafSum(a.Menu), timeline, leafSum(a.Prev), leafSum(a.Next),
		fingerprint.Sum{byte(len(a.Related)), byte(len(a.Related) >> 8)})
	for _, t := range a.Related {
		sums = append(sums, leafSum(t))
	}
	return fingerprint.Sums(sums...)
}

// relatedInputs is what an article's "more on this story" is made from:
// its file, and its topics, whose newest articles may be related.
type relatedInputs struct {
	File   string
	Topics [3]*Topic // the first three, nil where there are fewer
	More   []*Topic  // any others
}

func (a relatedInputs) same(b relatedInputs) bool {
	for i := range a.Topics {
		if !sameLeaf(a.Topics[i], b.Topics[i]) {
			return false
		}
	}
	return a.File == b.File && sameLeaves(a.More, b.More)
}

// topicInputs is what a topic is made from: its file, its link, and its
// articles, whole (its feeds carry their full text).
type topicInputs struct {
	File     *content.Topic // compared by hash; nil for a topic only named by items
	Ref      Ref
	Articles []*Article    // oldest first
	Intro    template.HTML // the file's, its links to content files resolved
}

func (a topicInputs) same(b topicInputs) bool {
	return (a.File == nil) == (b.File == nil) && (a.File == nil || a.File.Hash == b.File.Hash) &&
		a.Ref == b.Ref && sameLeaves(a.Articles, b.Articles) && a.Intro == b.Intro
}

// entityInputs is what a person's or a place's page is made from.
type entityInputs struct {
	Ref      Ref
	Kind     string
	Articles []*Teaser // newest first
}

func (a entityInputs) same(b entityInputs) bool {
	return a.Ref == b.Ref && a.Kind == b.Kind && sameLeaves(a.Articles, b.Articles)
}

// homeInputs is what one page of the home page is made from.
type homeInputs struct {
	Number, Total    int
	Site             *Info
	Menu             *Menu
	Intro, ListIntro template.HTML
	Heading          string
	Articles         []*Teaser
}

func (a homeInputs) same(b homeInputs) bool {
	return a.Number == b.Number && a.Total == b.Total && sameLeaf(a.Site, b.Site) && sameLeaf(a.Menu, b.Menu) &&
		a.Intro == b.Intro && a.ListIntro == b.ListIntro && a.Heading == b.Heading && sameLeaves(a.Articles, b.Articles)
}

// feedInputs is what one feed is made from.
type feedInputs struct {
	Dir, Kind, File      string
	Title, Desc, HomeDir string
	Site                 *Info
	FullContent          bool
	Articles             []*Article // newest first, as many as the feed holds
}

func (a feedInputs) same(b feedInputs) bool {
	return a.Dir == b.Dir && a.Kind == b.Kind && a.File == b.File && a.Title == b.Title && a.Desc == b.Desc &&
		a.HomeDir == b.HomeDir && sameLeaf(a.Site, b.Site) && a.FullContent == b.FullContent && sameLeaves(a.Articles, b.Articles)
}

// sitemapInputs is what the sitemap is made from.
type sitemapInputs struct {
	Site    *Info
	Entries []SitemapEntry
}

func (a sitemapInputs) same(b sitemapInputs) bool {
	return sameLeaf(a.Site, b.Site) && slices.EqualFunc(a.Entries, b.Entries, func(x, y SitemapEntry) bool {
		return x.Loc == y.Loc && x.LastMod.Equal(y.LastMod)
	})
}

// itemLinkInputs is what the link warnings of an item are worked out
// from: its links and lead image, from its page.
type itemLinkInputs struct {
	Item    *content.Item // compared by file and hash, which give its links
	From    string        // the URL of its page
	Base    siteurl.Base  // the site's
	Outputs *skeleton     // what the site has, compared by identity
}

func (a itemLinkInputs) same(b itemLinkInputs) bool {
	return sameItem(a.Item, b.Item) && a.From == b.From && a.Base == b.Base && a.Outputs == b.Outputs
}

// linkInputs is what the link warnings of a file are worked out from.
type linkInputs struct {
	File      string
	Hash      content.Hash // the file's, which gives its links
	From      string       // the URL of its page
	Base      siteurl.Base // the site's
	Links     []markdown.Link
	Image     string    // an item's lead image, rebased
	ImageLine int       // and the line of its field
	Outputs   *skeleton // what the site has, compared by identity
}

func (a linkInputs) same(b linkInputs) bool {
	return a.File == b.File && a.Hash == b.Hash && a.From == b.From && a.Base == b.Base && sameSlice(a.Links, b.Links) &&
		a.Image == b.Image && a.ImageLine == b.ImageLine && a.Outputs == b.Outputs
}

// leaf is a value with its own fingerprint.
type leaf interface {
	comparable
	fingerprint.Leaf
}

// sameLeaf compares two leaves by fingerprint; nil equals only nil.
func sameLeaf[T leaf](a, b T) bool {
	var zero T
	if a == zero || b == zero {
		return a == b
	}
	return a == b || a.Fingerprint() == b.Fingerprint()
}

// sameLeaves compares two lists of leaves.
func sameLeaves[T leaf](a, b []T) bool {
	return len(a) == len(b) && (len(a) == 0 || &a[0] == &b[0] || slices.EqualFunc(a, b, sameLeaf[T]))
}

// sameSlice compares two lists of values, the same list at once.
func sameSlice[T comparable](a, b []T) bool {
	return len(a) == len(b) && (len(a) == 0 || &a[0] == &b[0] || slices.Equal(a, b))
}

// samePtr compares what two pointers point to.
func samePtr[T comparable](a, b *T) bool {
	if a == b || a == nil || b == nil {
		return a == b
	}
	return *a == *b
}

// leafSum is a leaf's fingerprint, or the zero sum for nil.
func leafSum[T leaf](v T) fingerprint.Sum {
	var zero T
	if v == zero {
		return fingerprint.Sum{}
	}
	return v.Fingerprint()
}
