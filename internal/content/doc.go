// Package content reads a site's content folder (its settings, news items
// and topics) into plain values, [Config], [Item] and [Topic], with
// diagnostics. [Loader] reads a whole site and, on later loads, only the
// files that changed; [ParseConfig], [ParseItem] and [ParseTopic] read one
// file each. This comment is the specification of the content model: what
// an editor may write, and what it means.
//
// # Files
//
// Paths are slash paths from the site folder:
//
//	content/_index.md                         site settings; its body is the home page's introduction
//	content/articles/2025-08-15-alaska.md     a news item; any depth below articles/
//	content/articles/2025-08-20-x/index.md    a news item in a page bundle, with its files
//	content/topics/ukraine-peace-talks.md     a topic, named by its file
//	content/articles/_index.md                the list of items' settings ([Section])
//	content/topics/_index.md                  the list of topics' settings
//	content/about.md, content/pages/x.md      standalone pages (Item.Page); also <name>/index.md
//
// A Markdown file is one whose name ends in .md or .markdown, in any case.
// Text is read in Unicode's composed form (NFC).
//
//   - A folder holding an index.md under articles/, or one level down in
//     content/ or content/pages/, is a page bundle: the index.md is the
//     item or page, its date and slug come from the folder's name, and
//     every other file below the folder is a [Resource] published beside
//     its page (never read here); another Markdown file or an _index.md
//     in it gets warning file-ignored.
//   - A section's _index.md is read by [ParseSection]: title,
//     description and body introduce its list; it is never an item or a
//     topic. An _index.md anywhere else gets warning file-ignored.
//   - A standalone page is read as an item ([Item.Page]) that needs no
//     date, has no summary warning, and is in no list or feed.
//   - content/_index.md is optional: without it every setting has its
//     default (warning config-missing).
//   - Every Markdown file under content/articles/, in sub-folders too, is
//     an item. Folders have no meaning. A file named YYYY-MM-DD-name.md
//     gives the item its date (unless it sets date) and its slug (unless
//     it sets slug). Two items with the same permalink are an error
//     (duplicate-url, package site).
//   - Every Markdown file directly in content/topics/ is a topic; its slug
//     is its file name without the extension.
//   - Every Markdown file directly in content/editions/ is an editor's note
//     for the edition its name gives (2025-08-15.md, or 2025-W33.md for
//     weekly editions), read by [ParseSection] into [Content.Editions]:
//     title and body. Package site matches it to its edition.
//   - Any other file under content/ gets warning file-ignored and is never
//     opened: a Markdown file elsewhere (content/notes/x.md,
//     content/topics/sub/x.md), and every other kind of file outside a
//     page bundle (images belong in static/ or in a bundle).
//   - Files and folders whose names [IsIgnoredName] accepts are skipped
//     without a word, folders with all they hold: names starting with "."
//     or "#", ending in "~", named 4913, or ending in .swp, .swo, .swx,
//     .tmp, .bak, .crdownload or .part.
//   - A file larger than [MaxFileSize] (2 MiB) is an error (file-too-large)
//     and is not read; so is a named pipe, socket or device (not-a-file).
//     A file must be UTF-8 text: a NUL byte (binary-file) or invalid UTF-8
//     (invalid-utf8) is an error at its line and column. A leading
//     byte-order mark is dropped, and CRLF or CR line ends are read as LF.
//   - Symbolic links are followed, component by component, when their
//     target stays inside the site folder; the file keeps the path of the
//     link. A link whose target leaves the site (any absolute target
//     does) gets warning symlink-outside, a broken one symlink-broken,
//     and both are ignored. More than 40 links in a chain, or a link to a
//     folder that contains it, is an error (symlink-loop).
//
// # Front matter
//
// Every file, settings and topics included, starts (after any blank
// lines) with front matter, a set of fields; the rest of the file is the
// Markdown body. The first line that is not blank says the format:
//
//	---      YAML, closed by a --- line          (also ---yaml … ---)
//	+++      TOML, closed by a +++ line          (also ---toml … ---)
//	{        a JSON object, ending where the object ends; the body may
//	         start on the next line              (also ;;; … ;;; and ---json … ---)
//
// An empty file (empty-file), a first line that opens no front matter
// (no-front-matter), front matter that is never closed
// (front-matter-unclosed), front matter that does not parse or is not a
// set of fields (front-matter-syntax), a field set twice (in YAML or
// TOML; in JSON the last one wins), and a second closing delimiter right
// after the first, perhaps after lines that look like fields
// (front-matter-closed-twice), are errors. Empty front matter is an empty
// set of fields. Values may nest at most 32 deep, and YAML front matter
// may hold at most 10,000 values, aliases counted as what they expand to.
//
// Diagnostics name the file and, when they concern a line, its line in
// the file, never a line counted from inside the front matter: syntax
// errors add the line of the
// opening delimiter, an unclosed YAML quote is reported where it opens,
// and the body is read with the front matter blanked out line for line, so
// Markdown line numbers are the file's too. For TOML and JSON a field's
// line is found by looking for its key in the text.
//
// Field names are read in any case (Title is title), as Hugo reads them.
// Fields this package does
// not know are kept: every field of a file is available to templates as
// plain values (string, int64, float64, bool, nil, []any, map[string]any;
// dates as text), as .Site.Params, .Article.Params (see [Item.Params])
// and .Topic.Params.
//
// # Values
//
// A field without a value (title: with nothing after it, or null) is read
// as absent, except that an item's empty title is title-empty. Fields are
// read as one of these types:
//
//   - text: a string, or a date written without quotes (as text),
//     with surrounding spaces removed. A number or true/false is taken as
//     written, with warning field-type; a list or a set of fields is an
//     error (field-type).
//   - true/false: a boolean, or the text true, yes, false, no or "" in any
//     case; anything else is an error (field-type). The default is false.
//   - whole number: an integer; anything else, "20" and 20.5 included, is
//     an error (field-type).
//   - list: a list of texts, empty entries dropped. A single text is a list
//     of one, even with commas in it (warning list-as-text): to give
//     several, write a list.
//   - date: a text in one of the forms below.
//
// # Dates and time zones
//
// A date is written in one of these forms; anything else, a number such
// as 2025 included, is an error (date-invalid):
//
//	2025-08-15                 a day, with no time of day (Item.HasTime is false)
//	2025-08-15 21:00           a time: also 21:00:05 or 21:00:05.5, and T for the space
//	2025-08-15 21:00 -08:00    with an offset: also -0800, or right after the time
//	                           (21:00-08:00, 21:00Z)
//	2025-08-15T21:00:00-08:00  RFC 3339: after a T the offset must follow the time
//	2025-08-15 21:00:00 -0800 PST   as Go's time.Time.String writes it
//
// A date without an offset is read in the site's time zone (timezone
// below), and every date is converted to it, so an item is filed under
// the site's day. Impossible dates are errors that say why ("there is no
// month 13", "February 2025 has 28 days", a year before 1000). Dates
// written without quotes in YAML or TOML are read the same way.
//
// # Site settings: content/_index.md
//
// The body of content/_index.md is the home page's introduction
// ([Config.Intro]). Its front matter holds the settings; a setting with a
// bad value is an error, and keeps its default.
//
//   - title (text, default "Digest"): the site's name, with typographic
//     quotes, dashes and ellipses. Missing or empty: warning title-missing.
//   - description (text): what the site is, for the home page and feeds.
//   - base_url (text): the absolute http or https URL the site is
//     published at, without query or fragment; kept ending in "/"
//     (error base-url). Its path is the base path every site URL is given,
//     so a site can live under a subpath. A build may replace it (see
//     [Override]). Without it the site's URLs start at "/".
//   - language (text, default "en"): the language tag: two or three
//     letters, then optional subtags of two to eight letters or digits,
//     each after a "-", such as en-GB (error language).
//   - timezone (text, default UTC): an IANA time zone name such as
//     Europe/Kyiv, in which dates without an offset are read and all
//     dates are shown; Local is refused (error timezone).
//   - permalink (text, default "/:year/:month/:day/:slug/"): the URL path
//     of an item. Its placeholders ([PermalinkTokens]) are :year (four
//     digits), :month and :day (two digits) of the item's date in the site's
//     time zone, :slug, and :topic, the item's main topic, or news if it
//     has none. It must start and end with "/", contain :slug, have no
//     empty, "." or ".." segment, no other placeholder, and none of the
//     characters \ ? # % " < > | * or a space (error permalink).
//   - per_page (whole number, default 20): items per page of every list:
//     the home page, people, places, list topics, archive months.
//   - timeline_max (whole number, default 50): entries a timeline shows on
//     one page. A longer timeline's page shows its milestones, latest
//     entries and months, and each month is a page of its own.
//   - feed_items (whole number, default 50): items per feed. Below 1, it,
//     timeline_max and per_page are an error (field-range).
//   - copy_run (whole number, default 8) and copy_share (a number from 0
//     to 1, default 0.2): an item imported from a text (imported_from) is
//     reported when copy_share of its words are in runs of copy_run words
//     copied from it (package build; error field-range).
//   - editions (daily or weekly, default daily): whether /editions/ has an
//     edition per day or per ISO week (error editions).
//   - feed_content (full or summary, default full): whether feed entries
//     carry each item's body or only its summary (error feed-content).
//   - unsafe_html (true/false): let raw HTML in Markdown through; see
//     Markdown below.
//   - image: the site's picture for link previews of pages without one
//     of their own (the home page, topics, lists), written as an item's
//     image (src and alt); its focus sets the crop of its card.
//   - keep_image_metadata (true/false): publish the images of static/
//     and of page bundles as they are. By default their EXIF (a camera's
//     GPS position among it), XMP and comments are removed, losslessly.
//   - menu (list): the slugs of the topics and pages in the navigation, in order,
//     compared as written. An unknown slug gets warning menu-unknown-topic
//     (package site). Without it: the topics that have a file, by title,
//     at most 8.
//   - tags_as, categories_as (topics, people, places or ignore; default
//     topics): where Hugo's tags and categories, and Zola's taxonomies
//     of those names, go (error taxonomy-as). Until the site sets one,
//     warning taxonomy-mapped says, once, what was mapped.
//   - cname (text): a host name such as news.example.org (it must contain
//     a dot and no "/", ":" or spaces; error cname); the build writes it
//     to a CNAME file for GitHub Pages.
//
// # Items: content/articles/**.md
//
// The body of an item is its text. Its front matter fields:
//
//   - title (text, required): the headline, with typographic quotes,
//     dashes and ellipses. Missing: error title-missing; empty: error
//     title-empty.
//   - date (date): when the item was published. Without it the date is
//     the day the file name starts with (YYYY-MM-DD-, no time of day, in
//     the site's time zone; an impossible day is error date-invalid). A
//     date field wins over the file name. With neither: error
//     date-missing. An item dated after the build's time is left out
//     unless --future, with warning future-date (package site).
//   - updated (date): when the item was last changed; shown as an
//     "Updated" note and in feeds. Before date: warning
//     updated-before-date.
//   - summary (text): the dek shown in lists, feeds and link previews,
//     plain text with typographic punctuation (not Markdown). Without it,
//     the plain text of the body's first top-level paragraph; a longer one
//     is cut to [MaxDerivedSummary] (280) characters, at a word boundary
//     where there is one, and ends in "…". With neither: warning
//     summary-missing.
//   - topics (list): the slugs of the item's topics, the first being its
//     main topic. Each entry is made a slug; one that was not a slug
//     already gets warning topic-not-slug, one with no letters or digits
//     is an error (topic-invalid). Duplicates are dropped.
//   - people, places (list): names, as written, duplicates dropped. Each
//     gets a page at /people/<slug>/ or /places/<slug>/; in package site,
//     names with the same slug share a page under the most used spelling
//     (warning name-spelling), and a name with no letters or digits gets
//     none (warning name-invalid).
//   - source (a source) and sources (a list of sources; else error
//     field-type): the reports the item is based on, source first. A
//     source is a set of fields, name (text, required: else error
//     source-name), url and author (text), or a text, its name. A url
//     that is not an absolute http or https URL gets warning source-url
//     and is dropped.
//   - image: the lead image, a set of fields, src, alt, caption and credit
//     (text), or a text, its src. src is required (error image-src) and is
//     a site path such as /img/summit.jpg (a file in static/), a relative
//     path, or an http or https URL; anything else with a ":" in it is an
//     error (image-src). Site paths are given the base path. No alt:
//     warning image-alt. A caption or credit without src (an imported
//     photo still to find) is warning image-src and shows nothing.
//     focus: [x, y], two fractions from the top left (default [0.5,
//     0.5]), is the point a social card cropped from it keeps (error
//     image-focus). A local JPEG, PNG, GIF or WebP file (in static/, or
//     beside the item in a page bundle) is processed by package build:
//     copies at a few widths, WebP where smaller, a 1200×630 card for
//     link previews; one that cannot be decoded, over 50 megapixels, or
//     whose name lies about its format is error image at the field's
//     line, as are such images in the body.
//   - milestone (true/false): highlighted on timelines.
//   - draft (true/false): left out of the site unless --drafts (package
//     site).
//   - slug (text): the item's URL segment (:slug). It is made a slug
//     (slug: "Alaska Summit" is alaska-summit). A value containing "/" or
//     "\", or "." or "..", or with no letters or digits, is an error
//     (slug-invalid). Default: the file name without its extension and
//     its YYYY-MM-DD- prefix, made a slug (error slug-invalid if that is
//     empty).
//   - id (text): a stable identifier for feed entries, such as
//     tag:example.org,2025-08-15:alaska-summit; not checked. Without it
//     feeds identify the item by its URL (warning feed-id-missing,
//     once per build, package site; digest ids --write adds them).
//   - publishDate (also pubdate, published) and expiryDate (also
//     unpublishdate), dates: the item is published from the first
//     (an embargo: warning embargoed until then, package site) and until
//     the second; not after the first: warning expiry-before-publish.
//   - lastmod, modified: read as updated.
//   - description (text): the meta description; default the summary.
//   - aliases (list of site paths), url (a site path): old URLs that
//     redirect to the item, and the URL that replaces its permalink.
//   - weight (whole number): orders the items of one day, lower first.
//   - tags, categories (lists) and taxonomies (a set of lists, Zola):
//     added to topics, people or places as tags_as and categories_as say
//     ([Item.Mapped]).
//
// A slug, of an item, topic, person or place, is made by keeping letters
// and digits of any script, in lower case, dropping apostrophes, and
// joining the runs between them with single hyphens: "Trump's Alaska
// summit" is trumps-alaska-summit (package slug).
//
// # Topics: content/topics/<slug>.md
//
// The body of a topic file is the topic's introduction, shown above its
// items. The file name without its extension, made a slug, is the
// topic's slug, the name items use; a name that was not a slug already
// gets warning topic-not-slug, one with no letters or digits is an error
// (topic-invalid), and two files giving one slug are an error
// (topic-duplicate). Its fields:
//
//   - title (text): the topic's name. Default: the slug with spaces for
//     hyphens and a capital first letter (ukraine-peace-talks is "Ukraine
//     peace talks").
//   - description (text): what the topic is about.
//   - layout (timeline or list, default timeline): a dated timeline, or a
//     plain list (error layout-unknown).
//   - order (oldest-first or newest-first): the order of its items;
//     default oldest-first for a timeline, newest-first for a list
//     (error order-unknown).
//
// A topic that published items name but that has no file still gets a
// page: titled from its slug, a timeline, oldest first, with no
// description or introduction; the newest item naming it gets warning
// topic-no-file, unless the topic's file exists but has errors. A topic
// file that no published item names gets warning topic-empty (package
// site).
//
// # Markdown
//
// Bodies are CommonMark with GitHub's extensions (tables, strikethrough,
// autolinks, task lists), footnotes, typographic quotes and dashes, and
// heading ids. Raw HTML is escaped and shown as text, with warning
// raw-html on each line that has some, unless unsafe_html is true. Links
// and images whose scheme can run code or read files (javascript:,
// vbscript:, file:, data: other than images) are removed, keeping their
// text, with warning unsafe-url, whatever unsafe_html says. Links and
// images to site paths ("/topics/x/") are given the base path. Structure
// that would make conversion slow (very deep nesting, huge tables) is
// defused, with warning markdown-limit.
//
// HTML comments are the editor's hidden notes: dropped from every output
// in both modes, listed in [Item.Comments]. <!--more--> ends the lead,
// which is the summary when summary is not set. {#id .class} after a
// heading sets its id (and, with unsafe_html, other attributes). A link
// to a content file (x.md, ../topics/y.md#a, Zola's @/articles/x.md) is
// listed in [Item.FileLinks] for package site to resolve (errors
// link-no-file, link-unpublished). Hugo shortcodes are expanded first
// (package shortcode); an unknown or malformed one is an error
// (shortcode-unknown, shortcode-malformed and the like).
//
// # Errors and warnings
//
// Diagnostics are values (file, line, column, severity, code, message,
// hint), collected from every file. An error fails the build, which then
// writes nothing, and an item or topic with an error is left out of the
// model; a warning does neither. The codes of this package:
//
//   - errors: read-error, not-a-file, file-too-large, binary-file,
//     invalid-utf8, symlink-loop, empty-file, no-front-matter,
//     front-matter-unclosed, front-matter-syntax,
//     front-matter-closed-twice, front-matter, field-type, field-range,
//     date-invalid, date-missing, title-missing and title-empty (items),
//     slug-invalid, topic-invalid, topic-duplicate, source-name,
//     image-src, base-url, language, timezone, permalink, feed-content,
//     cname, layout-unknown, order-unknown, markdown, taxonomy-as,
//     shortcode-*.
//   - warnings: config-missing, title-missing (settings), file-ignored,
//     file-vanished, symlink-outside, symlink-broken, field-type (a number
//     or true/false read as text), list-as-text, topic-not-slug,
//     updated-before-date, summary-missing, source-url, image-alt,
//     raw-html, unsafe-url, markdown-limit, kept-text-damaged,
//     expiry-before-publish, taxonomy-mapped.
//
// Package site adds, from the model: errors duplicate-url, permalink,
// redirects-clash, link-no-file and link-unpublished; warnings
// future-date, embargoed, feed-id-missing, topic-no-file, topic-empty,
// menu-unknown-topic, name-invalid, name-spelling, broken-link and
// broken-image.
package content
