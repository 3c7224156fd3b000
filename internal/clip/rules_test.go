package clip

import (
	"slices"
	"strings"
	"testing"
	"time"
)

// clean runs Clean on plain text and fails the test on an error.
func clean(t *testing.T, text string) *Article {
	t.Helper()
	a, err := Clean([]byte(text), false)
	if err != nil {
		t.Fatalf("Clean: %v", err)
	}
	return a
}

func TestDates(t *testing.T) {
	day := func(y int, m time.Month, d int) time.Time { return time.Date(y, m, d, 0, 0, 0, 0, time.UTC) }
	cases := []struct {
		line     string
		want     time.Time // zero: no date
		dateOnly bool
	}{
		{"15 August 2025", day(2025, 8, 15), true},
		{"August 15, 2025", day(2025, 8, 15), true},
		{"Aug 15, 2025", day(2025, 8, 15), true},
		{"Aug. 15 2025", day(2025, 8, 15), true},
		{"15 Aug 2025", day(2025, 8, 15), true},
		{"15th of August 2025", time.Time{}, false},
		{"1st March 2024", day(2024, 3, 1), true},
		{"2025-08-15", day(2025, 8, 15), true},
		{"2025-08-15T18:32:00+02:00", day(2025, 8, 15), true},
		{"15.08.2025", day(2025, 8, 15), true},
		{"5.8.2025", day(2025, 8, 5), true},
		{"Friday, 15 August 2025, 18:32", day(2025, 8, 15), true},
		{"Fri 15 Aug 2025 6:32 pm BST", day(2025, 8, 15), true},
		{"Updated: August 16, 2025 at 9.05 a.m.", day(2025, 8, 16), true},
		{"Published 14.08.2025 | Updated 15.08.2025 10:00 CEST", day(2025, 8, 14), true},
		{"Sept 3, 2024 (UTC+2)", day(2024, 9, 3), true},
		{"By Jane Roe, 15 August 2025", day(2025, 8, 15), false},
		{"The ceasefire began on 15 August 2025 at noon.", day(2025, 8, 15), false},
		{"SEPTEMBER 30, 2023", day(2023, 9, 30), true},
		{"31 June 2025", time.Time{}, false},            // no such day
		{"2025-13-01", time.Time{}, false},              // no such month
		{"15.08.20250", time.Time{}, false},             // part of a longer number
		{"Order 12015 August 2025", time.Time{}, false}, // "12015" is no day
		{"August 2025", time.Time{}, false},             // not a full date
		{"15 August", time.Time{}, false},               // no year
		{"08/15/2025", time.Time{}, false},              // slashes are ambiguous
		{"Mayday 15 2025", time.Time{}, false},
	}
	for _, c := range cases {
		found := findDates(c.line)
		var got time.Time
		if len(found) > 0 {
			got = found[0].date
		}
		if !got.Equal(c.want) {
			t.Errorf("findDates(%q) = %v, want %v", c.line, got, c.want)
			continue
		}
		if len(found) > 0 && isDateOnly(c.line, found) != c.dateOnly {
			t.Errorf("isDateOnly(%q) = %v, want %v", c.line, !c.dateOnly, c.dateOnly)
		}
	}
}

func TestDateWindow(t *testing.T) {
	lines := "Headline\n\nOne.\n\nTwo.\n\nThree.\n\nFour.\n\nFive.\n\n15 August 2025\n"
	if a := clean(t, lines); !a.Date.IsZero() || len(a.Paragraphs) != 6 {
		t.Errorf("a date on the sixth line was read: %v, %q", a.Date, a.Paragraphs)
	}
	lines = strings.Replace(lines, "Five.\n\n", "", 1)
	a := clean(t, lines)
	if !a.Date.Equal(time.Date(2025, 8, 15, 0, 0, 0, 0, time.UTC)) || len(a.Paragraphs) != 4 {
		t.Errorf("a date on the fifth line: %v, %q", a.Date, a.Paragraphs)
	}
}

func TestCaptionCredits(t *testing.T) {
	cases := []struct {
		line, caption, credit string
	}{
		{"Two leaders at a news conference. Photographer Name/Agency", "Two leaders at a news conference", "Photographer Name/Agency"},
		{"Rescuers search the rubble. Jane Doe/Reuters", "Rescuers search the rubble", "Jane Doe/Reuters"},
		{"Rescuers search the rubble. Reuters/Jane Doe", "Rescuers search the rubble", "Reuters/Jane Doe"},
		{"Rescuers search the rubble Jane Doe/Reuters", "Rescuers search the rubble", "Jane Doe/Reuters"},
		{"A tram in the snow. Photo: Jan van Dijk/ANP", "A tram in the snow", "Jan van Dijk/ANP"},
		{"A tram in the snow. J. K. Lind/Getty Images.", "A tram in the snow", "J. K. Lind/Getty Images"},
		{"Crowds at the harbour – Ola Berg/EPA-EFE", "Crowds at the harbour", "Ola Berg/EPA-EFE"},
		{"Crowds at the harbour (AFP)", "Crowds at the harbour", "AFP"},
		{"Crowds at the harbour. (Photo: Harbour Authority)", "Crowds at the harbour", "Harbour Authority"},
		{"Crowds at the harbour (photo: dpa)", "Crowds at the harbour", "dpa"},
		{"Crowds at the harbour (Photo: Ola Berg/EPA)", "Crowds at the harbour", "Ola Berg/EPA"},
	}
	for _, c := range cases {
		caption, credit, ok := parseCredit(c.line)
		if !ok || caption != c.caption || credit != c.credit {
			t.Errorf("parseCredit(%q) = %q, %q, %v; want %q, %q", c.line, caption, credit, ok, c.caption, c.credit)
		}
	}
	for _, line := range []string{
		"Jane Doe/Reuters",                                 // no caption text
		"Talks went on and/or broke down",                  // not a credit
		"See https://Example.com/Photos",                   // a URL
		"Crowds at the harbour (file photo)",               // not a credit
		"The score was 3 (2)",                              // not a credit
		"Prices (in euros, before tax)",                    // a comma: a remark
		"Ministers met in Brussels. Officials said/Agreed", // lower-case word before the slash
		"Crowds at the harbour. Jane Doe/Reuters and more words",
	} {
		if caption, credit, ok := parseCredit(line); ok {
			t.Errorf("parseCredit(%q) = %q, %q; want no credit", line, caption, credit)
		}
	}
}

func TestCaptionRules(t *testing.T) {
	text := "Headline\n\nFirst paragraph.\n\n" +
		"A ferry in fog. Ola Berg/Upland Press\n\n\nA ferry in fog. Ola Berg/Upland Press\n" +
		"A ferry in fog. Ola Berg/Upland Press\n\nMiddle paragraph.\n\n" +
		"Gulls on the pier (Photo: Harbour Trust)\nGulls on the pier (Photo: Harbour Trust)\n\n" +
		"A single caption line. Ola Berg/Upland Press\n\n" +
		"Repeated line without a credit.\nRepeated line without a credit.\n"
	a := clean(t, text)
	if a.Caption != "A ferry in fog" || a.Credit != "Ola Berg/Upland Press" {
		t.Errorf("Caption, Credit = %q, %q", a.Caption, a.Credit)
	}
	wantParas := []string{
		"First paragraph.", "Middle paragraph.", "A single caption line. Ola Berg/Upland Press",
		"Repeated line without a credit. Repeated line without a credit.",
	}
	if !slices.Equal(a.Paragraphs, wantParas) {
		t.Errorf("Paragraphs = %q, want %q", a.Paragraphs, wantParas)
	}
	wantRemoved := []string{
		`photo caption: "A ferry in fog. Ola Berg/Upland Press" (3 copies)`,
		`photo caption: "Gulls on the pier (Photo: Harbour Trust)" (2 copies)`,
	}
	if !slices.Equal(a.Removed, wantRemoved) {
		t.Errorf("Removed = %q, want %q", a.Removed, wantRemoved)
	}
}

func TestCrossPromotion(t *testing.T) {
	cases := []struct {
		line, related string
		ok            bool
	}{
		{"Read also: Ferry strike ends", "Ferry strike ends", true},
		{"Read also:Ferry strike ends", "Ferry strike ends", true},
		{"READ ALSO : Ferry strike ends", "Ferry strike ends", true},
		{"Also read: Ferry strike ends", "Ferry strike ends", true},
		{"Also read Ferry strike ends", "Ferry strike ends", true},
		{"Also read", "", true},
		{"READ MORE: Ferry strike ends", "Ferry strike ends", true},
		{"Read more:Ferry strike ends", "Ferry strike ends", true},
		{"read more:", "", true},
		{"Related: Ferry strike ends", "Ferry strike ends", true},
		{"Related:Ferry strike ends", "Ferry strike ends", true},
		{"See also: Ferry strike ends", "Ferry strike ends", true},
		{"Related to the strike, talks resume", "", false},
		{"Read more about it in our archive", "", false},
		{"Also reading the report, the minister…", "", false},
		{"See also the timetable", "", false},
	}
	for _, c := range cases {
		related, ok := crossPromotion(c.line)
		if ok != c.ok || related != c.related {
			t.Errorf("crossPromotion(%q) = %q, %v; want %q, %v", c.line, related, ok, c.related, c.ok)
		}
	}
	a := clean(t, "Headline\n\nOne.\nRead also:A\nTwo.\n\nREAD MORE: B\n\nRelated:\n\nAlso read A\n")
	if !slices.Equal(a.Related, []string{"A", "B"}) || !slices.Equal(a.Paragraphs, []string{"One.", "Two."}) {
		t.Errorf("Related = %q, Paragraphs = %q", a.Related, a.Paragraphs)
	}
}

func TestHeadlineRepeats(t *testing.T) {
	a := clean(t, "\n\n  Storm   closes pass  \n\n\nStorm closes pass\n\n\n\nstorm closes pass\n\nThe pass is closed.\n")
	if a.Headline != "Storm closes pass" || !slices.Equal(a.Paragraphs, []string{"The pass is closed."}) {
		t.Errorf("Headline %q, Paragraphs %q", a.Headline, a.Paragraphs)
	}
	if want := []string{"2 repeats of the headline"}; !slices.Equal(a.Removed, want) {
		t.Errorf("Removed = %q, want %q", a.Removed, want)
	}

	// Far down, only a repeat standing alone as a paragraph is removed.
	body := strings.Repeat("A line of the story.\n\n", 10)
	a = clean(t, "Storm closes pass\n\n"+body+"## Storm closes pass\n\nMore.\nStorm closes pass\nEnd.\n")
	if n := len(a.Paragraphs); n != 11 || a.Paragraphs[10] != "More. Storm closes pass End." {
		t.Errorf("Paragraphs = %q", a.Paragraphs)
	}
	if want := []string{"1 repeat of the headline"}; !slices.Equal(a.Removed, want) {
		t.Errorf("Removed = %q, want %q", a.Removed, want)
	}
}

func TestSourceLines(t *testing.T) {
	cases := map[string]string{
		"Source: Example Daily":                                       "Example Daily",
		"SOURCE:Example Daily.":                                       "Example Daily",
		"source : Example Daily":                                      "Example Daily",
		"Via Example Daily":                                           "Example Daily",
		"via Example Daily.":                                          "Example Daily",
		"Originally published by Example Daily.":                      "Example Daily",
		"Via a spokesman, the ministry said it would reply.":          "",
		"Via the old road it takes three hours and more to get there": "",
		"Sources say the talks failed.":                               "",
		"Source:":                                                     "",
	}
	for line, want := range cases {
		got, ok := sourceLine(line)
		if ok != (want != "") || got != want && ok {
			t.Errorf("sourceLine(%q) = %q, %v; want %q", line, got, ok, want)
		}
	}
	a := clean(t, "Headline\n\nText.\n\nVia First Wire\n\nSource: Second Wire\n")
	if a.Source != "First Wire" || len(a.Removed) != 2 || !slices.Equal(a.Paragraphs, []string{"Text."}) {
		t.Errorf("Source %q, Removed %q, Paragraphs %q", a.Source, a.Removed, a.Paragraphs)
	}
}

func TestBoilerplate(t *testing.T) {
	removed := []string{
		"Leave a Reply", "LEAVE A COMMENT", "Leave a Reply to Jane Cancel reply",
		"Your email address will not be published.", "Required fields are marked *",
		"Share this:", "Share this:Facebook", "Share on Facebook", "share on", "Click to share on X (Opens in new window)",
		"Subscribe to our newsletter", "Sign up for our newsletter!", "Follow us on Bluesky",
		"Advertisement", "ADVERTISEMENT", "Comments", "Comments (12)", "3 Comments", "Comment: 1",
		"Print this article",
	}
	for _, line := range removed {
		if !isBoilerplate(line) {
			t.Errorf("isBoilerplate(%q) = false", line)
		}
	}
	kept := []string{
		"Comments by the mayor drew criticism.", "Advertisement revenue fell by a third.",
		"Share online trading rose.", "Shareholders met on Monday.", "Follow-up talks are planned.",
		"Leave a replyable message", "Sign up for our newsletters", "Printing this article was hard.",
	}
	for _, line := range kept {
		if isBoilerplate(line) {
			t.Errorf("isBoilerplate(%q) = true", line)
		}
	}
}

func TestCommentForm(t *testing.T) {
	long := "This paragraph is long enough to count as body text, well over eighty characters in all."
	a := clean(t, "Headline\nLeave a comment\n\n"+long+"\n\nLast words.\n\nLeave a Reply\nName *\nEmail *\n\nPost Comment\n")
	if !slices.Equal(a.Paragraphs, []string{long, "Last words."}) {
		t.Errorf("Paragraphs = %q", a.Paragraphs)
	}
	want := []string{
		`boilerplate: "Leave a comment"`, `boilerplate: "Leave a Reply"`,
		`comment form: 3 lines after "Leave a Reply"`,
	}
	if !slices.Equal(a.Removed, want) {
		t.Errorf("Removed = %q, want %q", a.Removed, want)
	}
	// Without body text above it, the marker alone is removed.
	a = clean(t, "Headline\n\nShort.\n\nLeave a Reply\n\nThe story goes on here.\n")
	if !slices.Equal(a.Paragraphs, []string{"Short.", "The story goes on here."}) {
		t.Errorf("Paragraphs = %q", a.Paragraphs)
	}
}

func TestBoilerplateBeforeHeadline(t *testing.T) {
	a := clean(t, "Advertisement\nRead also: Other story\n\nThe real headline\n\nBody.\n")
	if a.Headline != "The real headline" || !slices.Equal(a.Related, []string{"Other story"}) {
		t.Errorf("Headline %q, Related %q", a.Headline, a.Related)
	}
}

func TestRemovedCounts(t *testing.T) {
	a := clean(t, "Headline\n\nOne.\n\nAdvertisement\n\nTwo.\n\nAdvertisement\n\nThree.\n")
	if want := []string{`boilerplate: "Advertisement" (2 times)`}; !slices.Equal(a.Removed, want) {
		t.Errorf("Removed = %q, want %q", a.Removed, want)
	}
}
