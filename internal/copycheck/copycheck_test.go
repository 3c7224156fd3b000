package copycheck

import (
	"strconv"
	"strings"
	"testing"
)

// ferrySource is an imported article (an invented event), 147 words.
const ferrySource = "The passenger ferry Marta Lind ran aground on a sandbank outside the harbour of Kelvik early on Tuesday morning, with 212 people on board. Nobody was hurt, the coastguard said in a statement, but the vessel remained stuck for almost nine hours until the tide rose high enough for two tugboats to pull it free. The captain told investigators that a sudden fog had hidden the channel markers and that the ship's radar had failed minutes before the accident. Passengers were given blankets and hot drinks while they waited, and several described the mood on deck as calm. The ferry company, Nordvik Lines, apologised for the delay and promised full refunds to everyone who had been travelling. The maritime authority has opened an inquiry and will examine the radar equipment, the crew's training records and the condition of the buoys that mark the approach to the port."

// ferryRewritten tells the same story in other words, 154 of them, sharing
// one 7-word phrase with ferrySource ("the condition of the buoys that
// mark").
const ferryRewritten = "A ferry carrying 212 passengers got stuck on a sandbank near Kelvik before dawn on Tuesday. According to the coastguard, no one was injured. Rescuers needed close to nine hours and a rising tide before a pair of tugs could drag the Marta Lind off the bank. Its skipper blamed thick fog, which he said concealed the markers of the channel, and a radar that broke down shortly before the grounding. People on board received blankets and warm drinks; many said the atmosphere stayed relaxed. Nordvik Lines said sorry and will refund every ticket. Ferry traffic between Kelvik and the islands resumed on Wednesday afternoon, a day later than planned, and the company says the Marta Lind will stay in dry dock until the inspection is finished. Investigators from the maritime authority will look at the radar, at how the crew was trained and at the condition of the buoys that mark its entrance."

// ferryQuote is 30 consecutive words of ferrySource.
const ferryQuote = "that a sudden fog had hidden the channel markers and that the ship's radar had failed minutes before the accident. Passengers were given blankets and hot drinks while they waited"

// ferryWrapped is the start of ferrySource in two paragraphs of wrapped
// lines: 55 words in the first (lines 1-5), 24 in the second.
const ferryWrapped = `The passenger ferry Marta Lind ran aground on a sandbank outside the
harbour of Kelvik early on Tuesday morning, with 212 people on board.
Nobody was hurt, the coastguard said in a statement, but the vessel
remained stuck for almost nine hours until the tide rose high enough
for two tugboats to pull it free.

The captain told investigators that a sudden fog had hidden the
channel markers and that the ship's radar had failed minutes before
the accident.
`

// ferryWrappedParagraph1 is the first paragraph of ferryWrapped as Longest
// gives it.
const ferryWrappedParagraph1 = "The passenger ferry Marta Lind ran aground on a sandbank outside the harbour of Kelvik early on Tuesday morning, with 212 people on board. Nobody was hurt, the coastguard said in a statement, but the vessel remained stuck for almost nine hours until the tide rose high enough for two tugboats to pull it free"

// check compares a report with the one wanted.
func check(t *testing.T, name string, got, want Report) {
	t.Helper()
	if got != want {
		t.Errorf("%s:\n got %+v\nwant %+v", name, got, want)
	}
}

func TestVerbatim(t *testing.T) {
	got := Compare(ferryWrapped, ferryWrapped, 8)
	check(t, "verbatim", got, Report{
		Words: 79, Copied: 79,
		Longest:      ferryWrappedParagraph1 + ". The captain told investigators that a sudden fog had hidden the channel markers and that the ship's radar had failed minutes before the accident",
		LongestWords: 79, LongestLine: 1,
	})
	if got.Share() != 1 {
		t.Errorf("Share = %v, want 1", got.Share())
	}

	// A quotation opening the second paragraph breaks the stretch: the
	// first paragraph is the longest.
	item := strings.Replace(ferryWrapped, "\n\nThe captain", "\n\n“Nobody panicked,” one passenger said. The captain", 1)
	source := strings.Replace(ferrySource, "The captain", "Nobody panicked, one passenger said. The captain", 1)
	got = Compare(item, source, 8)
	check(t, "verbatim with a quotation", got, Report{
		Words: 84, Copied: 82, Quoted: 2,
		Longest: ferryWrappedParagraph1, LongestWords: 55, LongestLine: 1,
	})
	if want := 82.0 / 84; got.Share() != want {
		t.Errorf("Share = %v, want %v", got.Share(), want)
	}
}

func TestRewritten(t *testing.T) {
	check(t, "run 8", Compare(ferryRewritten, ferrySource, 8), Report{Words: 154})
	// The common phrase is there, and 7 words long.
	check(t, "run 7", Compare(ferryRewritten, ferrySource, 7), Report{
		Words: 154, Copied: 7,
		Longest: "the condition of the buoys that mark", LongestWords: 7, LongestLine: 1,
	})
	// Shorter runs find the commonplaces too ("the maritime authority").
	if got := Compare(ferryRewritten, ferrySource, 3).Copied; got != 16 {
		t.Errorf("run 3: Copied = %d, want 16", got)
	}
}

func TestQuotation(t *testing.T) {
	const before = "In the skipper's account to the inquiry, "
	const after = ", the company said on Friday;\nit has since checked every radar in its fleet."
	for _, marks := range [][2]string{{"“", "”"}, {`"`, `"`}, {"«", "»"}, {"„", "“"}, {"„", "”"}, {"‘", "’"}} {
		for _, quote := range []string{ferryQuote, strings.Replace(ferryQuote, " the accident. ", " the accident.\n", 1)} {
			item := before + marks[0] + quote + marks[1] + after
			check(t, item, Compare(item, ferrySource, 8), Report{Words: 7 + 30 + 14, Quoted: 30})
		}
	}

	// A quotation left open ends with its paragraph; the next paragraph's
	// copy counts.
	item := "The skipper said “" + ferryQuote + "\n\nThe maritime authority has opened an inquiry and will examine the radar equipment."
	check(t, "unclosed", Compare(item, ferrySource, 8), Report{
		Words: 3 + 30 + 13, Copied: 13, Quoted: 30,
		Longest:      "The maritime authority has opened an inquiry and will examine the radar equipment",
		LongestWords: 13, LongestLine: 3,
	})

	// Quotation marks inside a quotation belong to it.
	item = "He told us: “the passengers said ‘" + ferryQuote + "’, I believed them” before leaving."
	check(t, "nested", Compare(item, ferrySource, 8), Report{Words: 3 + 3 + 30 + 3 + 2, Quoted: 30})

	// A window may straddle a quotation mark: the words in it outside the
	// quotation are copied ("and" follows "waited" in the source too).
	item = "The skipper said “" + ferryQuote + "”, and left."
	check(t, "straddling", Compare(item, ferrySource, 8), Report{
		Words: 3 + 30 + 2, Copied: 1, Quoted: 30, Longest: "and", LongestWords: 1, LongestLine: 1,
	})
}

func TestRunLength(t *testing.T) {
	// Words w0…w59 of the source; the item's fillers are x0, x1 and so on.
	var src []string
	for i := range 60 {
		src = append(src, "w"+strconv.Itoa(i))
	}
	source := strings.Join(src, " ")
	for _, run := range []int{2, 3, 5, 8, 20} {
		for _, n := range []int{run - 1, run, run + 1} {
			words := []string{"x1", "x2", "x3"}
			words = append(words, src[10:10+n]...)
			words = append(words, "x4", "x5")
			item := strings.Join(words, " ")
			want := Report{Words: n + 5}
			if n >= run {
				want.Copied, want.LongestWords, want.LongestLine = n, n, 1
				want.Longest = strings.Join(src[10:10+n], " ")
			}
			check(t, "run "+strconv.Itoa(run)+": "+item, Compare(item, source, run), want)
		}
	}
	// run < 2 is taken as 2.
	for _, run := range []int{-1, 0, 1} {
		check(t, "run "+strconv.Itoa(run), Compare("x1 w5 x2 w7 w8 x3", source, run), Report{
			Words: 6, Copied: 2, Longest: "w7 w8", LongestWords: 2, LongestLine: 1,
		})
	}
	// Too few words for a run.
	check(t, "short", Compare("w1 w2 w3", source, 4), Report{Words: 3})
	check(t, "short source", Compare(source, "w1 w2 w3", 4), Report{Words: 60})
	check(t, "empty", Compare("", source, 4), Report{})
	if s := (Report{}).Share(); s != 0 {
		t.Errorf("empty Share = %v", s)
	}
}

func TestApostrophes(t *testing.T) {
	const source = "Officials say it's too early to judge the damage to the harbour wall. " +
		"Residents don't expect the bridge to reopen before the end of the summer, according to the mayor. " +
		"Back in the '90s the bridge was the longest in the country. " +
		"The mayor called the plan a bridge too far for this town. " +
		"Ma'ariv reported that the council voted on the budget before the summer. " +
		"In the 1990's the council voted on the budget before the summer."
	check(t, "it’s", Compare("It’s too early to judge the damage, officials say.", source, 6), Report{
		Words: 9, Copied: 7, Longest: "It’s too early to judge the damage", LongestWords: 7, LongestLine: 1,
	})
	// don’t is one word and opens no quotation.
	check(t, "don’t", Compare("Residents don’t expect the bridge to reopen before the end of the summer, the mayor said.", source, 8), Report{
		Words: 16, Copied: 13,
		Longest:      "Residents don’t expect the bridge to reopen before the end of the summer",
		LongestWords: 13, LongestLine: 1,
	})
	// A ‘ after a space with a closing ’ is a quotation.
	check(t, "‘…’", Compare("On Monday the mayor called it ‘a bridge too far for this town’ in front of reporters.", source, 4), Report{
		Words: 17, Quoted: 7,
	})
	// ‘ between letters is an apostrophe; after a digit it opens nothing.
	check(t, "Ma‘ariv", Compare("Ma‘ariv reported that the council voted on the budget before the students’ union met.", source, 8), Report{
		Words: 14, Copied: 11,
		Longest:      "Ma‘ariv reported that the council voted on the budget before the",
		LongestWords: 11, LongestLine: 1,
	})
	check(t, "1990‘s", Compare("In the 1990‘s the council voted on the budget before the students’ union met.", source, 8), Report{
		Words: 15, Copied: 12,
		Longest:      "In the 1990‘s the council voted on the budget before the",
		LongestWords: 12, LongestLine: 1,
	})
	// ‘90s opens no quotation: no ’ closes it in the paragraph.
	check(t, "‘90s", Compare("Back in the ‘90s the bridge was the longest in the country.", source, 4), Report{
		Words: 12, Copied: 12, Longest: "Back in the ‘90s the bridge was the longest in the country", LongestWords: 12, LongestLine: 1,
	})
}

func TestMarkdown(t *testing.T) {
	const source = "Full tables are at example.org a b c d e f g h and on the agency's site. " +
		"Water levels in the reservoir fell by a third, the agency said in its weekly report."
	// The URL's words would match the source's "example org a b c d e f g h".
	for _, item := range []string{
		"As [the agency said](https://example.org/a-b-c-d-e-f-g-h), the levels fell.",
		"As [the agency said](<https://example.org/a-b-c-d-e-f-g-h> \"example org a b c d e f g h\"), the levels fell.",
		"As <a href=\"https://example.org/a-b-c-d-e-f-g-h\">the agency said</a>, the levels fell.",
		"As the agency said (https://example.org/a-b-c-d-e-f-g-h), the levels fell.",
		"As the agency said <https://example.org/a-b-c-d-e-f-g-h>, the levels fell.",
		"As **the agency** said (_www.example.org/a-b-c-d-e-f-g-h_), the levels fell.",
	} {
		check(t, item, Compare(item, source, 8), Report{Words: 7})
	}
	// A link's text is prose and is copied; Longest leaves its target out.
	item := "# Reservoir\n\nWater levels in the *reservoir* fell by a third, [the agency said](https://example.org/x) in its weekly report."
	check(t, "link text", Compare(item, source, 8), Report{
		Words: 17, Copied: 16,
		Longest:      "Water levels in the *reservoir* fell by a third, [the agency said] in its weekly report",
		LongestWords: 16, LongestLine: 3,
	})
}

func TestLongestLine(t *testing.T) {
	const source = "one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen"
	item := strings.Join([]string{
		"Filler words here.",
		"Then four five six seven eight nine ten and",
		"more filler.",
		"",
		"Yet more, then one two three",
		"> four five six seven eight nine ten eleven twelve!",
		"",
		"End eight nine ten eleven twelve thirteen fourteen fifteen",
	}, "\n")
	check(t, "line 5", Compare(item, source, 4), Report{
		Words: 38, Copied: 7 + 12 + 8,
		Longest:      "one two three four five six seven eight nine ten eleven twelve",
		LongestWords: 12, LongestLine: 5,
	})
	// Equals: the first wins.
	check(t, "tie", Compare("a one two three four b\nc twelve thirteen fourteen fifteen d", source, 4), Report{
		Words: 12, Copied: 8, Longest: "one two three four", LongestWords: 4, LongestLine: 1,
	})
}

func TestFolding(t *testing.T) {
	const source = "Le café de la gare a fermé après quarante ans. Жители города Одеса вышли на улицы. ΟΔΟΣ ΠΑΝΕΠΙΣΤΗΜΙΟΥ"
	// Decomposed é, capitals, final sigma.
	check(t, "NFC and case", Compare("LE CAFE\u0301 DE LA GARE A FERMÉ", source, 4), Report{
		Words: 7, Copied: 7, Longest: "LE CAFE\u0301 DE LA GARE A FERMÉ", LongestWords: 7, LongestLine: 1,
	})
	check(t, "Cyrillic", Compare("«Нет», — жители ГОРОДА Одеса вышли", source, 4), Report{
		Words: 5, Copied: 4, Longest: "жители ГОРОДА Одеса вышли", LongestWords: 4, LongestLine: 1,
	})
	// A word before ’ or ” is folded the long way; it folds the same.
	check(t, "both ways", Compare("Extraordinarily long words fold alike", "“Extraordinarily” ‘long’ words’ fold’s ALIKE", 3), Report{
		Words: 5, Copied: 3, Longest: "Extraordinarily long words", LongestWords: 3, LongestLine: 1,
	})
	check(t, "Greek", Compare("η οδος πανεπιστημιου", source, 2), Report{
		Words: 3, Copied: 2, Longest: "οδος πανεπιστημιου", LongestWords: 2, LongestLine: 1,
	})
}
