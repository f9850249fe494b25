package corpus

import (
	"cinesearch/corpus/films"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// para makes a paragraph of n words.
func para(word string, n int) string {
	return strings.TrimSpace(strings.Repeat(word+" ", n-1)) + " end."
}

type wantPassage struct {
	Section string
	Kind    string
	Text    string
}

func split(body string, meta frontMatter, md bool) (header, []wantPassage) {
	var res splitResult
	if md {
		blocks, _ := readMarkdown(body)
		res = splitBlocks(blocks, meta, false)
	} else {
		res = splitBody(cleanText(body), meta)
	}
	var got []wantPassage
	for _, p := range res.passages {
		got = append(got, wantPassage{strings.Join(p.path, sectionSep), p.kind, p.text})
	}
	return res.header, got
}

func TestSplitRules(t *testing.T) {
	long := para("alpha", 20)
	long2 := para("beta", 20)
	tests := []struct {
		name string
		body string
		want []wantPassage
	}{
		{"a heading becomes the section of the passages under it",
			"Intro\n\n" + long + "\n\nCollaborations with Japan\n\n" + long2,
			[]wantPassage{{"Intro", "text", long}, {"Collaborations with Japan", "text", long2}}},
		{"a film heading nests under the topic heading",
			"Co-productions with Japan\n\n" + long + "\n\nBird (1992) (Ba-do / Sea)\n\n" + long2,
			[]wantPassage{{"Co-productions with Japan", "text", long}, {"Co-productions with Japan › Bird (1992) (Ba-do / Sea)", "text", long2}}},
		{"a second film heading replaces the first",
			"Topic\n\nThaw (1985)\n\n" + long + "\n\nBird (1992)\n\n" + long2,
			[]wantPassage{{"Topic › Thaw (1985)", "text", long}, {"Topic › Bird (1992)", "text", long2}}},
		{"two blank lines after text end the section",
			"Topic\n\n" + long + "\n\n\n" + long2,
			[]wantPassage{{"Topic", "text", long}, {"", "text", long2}}},
		{"a short paragraph joins the next one",
			"Topic\n\nThey shot two movies.\n\n" + long,
			[]wantPassage{{"Topic", "text", "They shot two movies. " + long}}},
		{"a short last paragraph joins the previous one",
			long + "\n\nThe end came soon.",
			[]wantPassage{{"", "text", long + " The end came soon."}}},
		{"a paragraph ending in a colon joins what it introduces",
			"In a secret meeting in 1983, he told the South Korean director who was then at his service:\n\n" + long,
			[]wantPassage{{"", "text", "In a secret meeting in 1983, he told the South Korean director who was then at his service: " + long}}},
		{"short paragraphs do not join across sections",
			"One\n\nShort one here.\n\nTwo\n\n" + long,
			[]wantPassage{{"One", "text", "Short one here."}, {"Two", "text", long}}},
		{"a caption repeated with its credit is kept once",
			long + "\n\nHan Jong Sim in the first rom com.\nHan Jong Sim in the first rom com. Image by Screengrab from YouTube\n\n" + long2,
			[]wantPassage{{"", "text", long}, {"", "caption", "Han Jong Sim in the first rom com. Image by Screengrab from YouTube"}, {"", "text", long2}}},
		{"a caption glued to the next sentence is split off",
			"2 Shin Sang Ok and Choi Eun HeeIn July 1978, the South Korean director and producer Shin Sang Ok suddenly disappeared in Hong Kong.",
			[]wantPassage{{"", "caption", "Shin Sang Ok and Choi Eun Hee"}, {"", "text", "In July 1978, the South Korean director and producer Shin Sang Ok suddenly disappeared in Hong Kong."}}},
		{"comment section and reply form are dropped",
			long + "\n\nOne thought on “The Title”\n\nLeave a Reply\n\nYour email address will not be published. Required fields are marked *\n\nGreat article, thanks for writing it so well and so long.",
			[]wantPassage{{"", "text", long}}},
		{"a Read also: link list is dropped",
			long + "\n\nRead also:\n\nUnder the Sun: Unmasking North Korean Propaganda\n\n" + long2,
			[]wantPassage{{"", "text", long}, {"", "text", long2}}},
		{"numbered notes cited in the text form a Notes section",
			"Topic\n\n" + long + " (1)\n\n\n  1. Shin Sang-ok: I, Was Film, Seoul: Random House Korea, 2007, page 114\n  2. Kenpachiro Satsuma: Gojira ga mita kita chosen, Tokyo: NESCO, 1988\n\nThe author is a writer who lives in Tokyo and writes about film.",
			[]wantPassage{{"Topic", "text", long + " (1)"},
				{"Notes", "note", "1. Shin Sang-ok: I, Was Film, Seoul: Random House Korea, 2007, page 114"},
				{"Notes", "note", "2. Kenpachiro Satsuma: Gojira ga mita kita chosen, Tokyo: NESCO, 1988"},
				{"", "text", "The author is a writer who lives in Tokyo and writes about film."}}},
		{"a numbered list that is not cited stays text",
			"1. first item of the list\n2. second item of the list here",
			[]wantPassage{{"", "text", "1. first item of the list 2. second item of the list here"}}},
		{"soft-wrapped lines of a paragraph are joined",
			"This paragraph was wrapped\nat a fixed width by the editor\nthat saved it long ago.",
			[]wantPassage{{"", "text", "This paragraph was wrapped at a fixed width by the editor that saved it long ago."}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			// A front-matter title keeps the first line from being read as
			// the title.
			_, got := split(tt.body, frontMatter{Title: "T"}, false)
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("passages (-want +got):\n%s", diff)
			}
		})
	}
}

func TestSplitHeader(t *testing.T) {
	long := para("alpha", 20)
	tests := []struct {
		name string
		body string
		meta frontMatter
		want header
	}{
		{"byline", "By Johannes Schönherr.\n\n" + long, frontMatter{}, header{author: "Johannes Schönherr"}},
		{"site name and title lines", "Lonely Planet Writer\n\nYou can now stream North Korea’s first international rom com\n\n" + long, frontMatter{},
			header{title: "You can now stream North Korea’s first international rom com", source: "Lonely Planet Writer"}},
		{"title then byline then date", "The Film Studio of Pyongyang\n\nBy Jane Doe\n\nJune 1, 2016\n\n" + long, frontMatter{},
			header{title: "The Film Studio of Pyongyang", author: "Jane Doe", date: "2016-06-01"}},
		{"title only in the comment footer", long + "\n\nOne thought on “North Korea’s Co-Productions”\n\nLeave a Reply", frontMatter{},
			header{title: "North Korea’s Co-Productions"}},
		{"front-matter title repeated as first line is not a passage", "The Title\n\n" + long, frontMatter{Title: "The Title"}, header{}},
		{"markdown title", "# Cinema in Pyongyang\n\n" + long, frontMatter{}, header{title: "Cinema in Pyongyang"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			h, got := split(tt.body, tt.meta, strings.HasPrefix(tt.body, "#"))
			if h != tt.want {
				t.Errorf("header = %+v, want %+v", h, tt.want)
			}
			if len(got) != 1 || got[0].Text != long {
				t.Errorf("passages = %+v, want the one paragraph", got)
			}
		})
	}
}

func TestSplitMarkdownSections(t *testing.T) {
	long := para("alpha", 20)
	_, got := split("# Title\n\n## Japan\n\n"+long+"\n\n### Bird (1992)\n\n"+long+"\n\n## China\n\n"+long, frontMatter{}, true)
	want := []wantPassage{{"Japan", "text", long}, {"Japan › Bird (1992)", "text", long}, {"China", "text", long}}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("(-want +got):\n%s", diff)
	}
}

func TestLongTextIsChunkedAtSentences(t *testing.T) {
	var b strings.Builder
	for i := 0; i < 300; i++ {
		b.WriteString("Mr. Smith said the U.S. Congress met again in the spring. ")
	}
	_, got := split(b.String(), frontMatter{}, false)
	if len(got) < 10 {
		t.Fatalf("got %d passages from 3,000 words, want about 3000/130", len(got))
	}
	for i, p := range got {
		n := wordCount(p.Text)
		if n < 60 || n > 260 {
			t.Errorf("passage %d has %d words, want roughly 60–200", i, n)
		}
		if !strings.HasPrefix(p.Text, "Mr. Smith") || !strings.HasSuffix(p.Text, "spring.") {
			t.Errorf("passage %d is not cut at a sentence boundary: %q … %q", i, p.Text[:20], p.Text[len(p.Text)-20:])
		}
	}
}

func TestSentenceEnds(t *testing.T) {
	s := "Mr. Kim met J. Smith in the U.S. on Monday. He left. “Why?” she asked. (It rained.) Then 1985 came."
	var got []string
	start := 0
	for _, e := range sentenceEnds(s) {
		got = append(got, strings.TrimSpace(s[start:e]))
		start = e
	}
	got = append(got, strings.TrimSpace(s[start:]))
	want := []string{"Mr. Kim met J. Smith in the U.S. on Monday.", "He left.", "“Why?” she asked.", "(It rained.)", "Then 1985 came."}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("(-want +got):\n%s", diff)
	}
}

// Runs of short paragraphs (one-line lists, poems, chat logs, hostile
// uploads) are merged only up to a passage's size: an unbounded passage
// makes phrase search quadratic in its length.
// Dates and label-value lines are metadata, never sections.
func TestMetadataLinesAreNotSections(t *testing.T) {
	for _, line := range []string{"June 18, 1998", "Rating: 3/5", "Runtime: 95 min", "Score: ★★★☆☆", "Posted on 1 June 2016"} {
		if isHeadingLike(line) {
			t.Errorf("%q read as a heading", line)
		}
	}
	for _, line := range []string{"Somi: Kourai nyonin kenshi", "Bird (1992)", "Co-productions with Japan"} {
		if !isHeadingLike(line) {
			t.Errorf("%q not read as a heading", line)
		}
	}
}

func TestShortParagraphsMergeToABoundedSize(t *testing.T) {
	for _, tc := range []struct {
		name string
		body string
	}{
		{"36,000 one-line paragraphs", strings.Repeat("Short line of four.\n\n", 36000)},
		{"short lines then a colon paragraph", strings.Repeat("A tiny one.\n\n", 500) + para("gamma", 150) + ":\n\n" + para("delta", 30)},
		{"short tails after a long paragraph", para("alpha", 190) + strings.Repeat("\n\nTail.", 400)},
		{"one line without sentence ends", strings.Repeat("word ", 100000)},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, got := split(tc.body, frontMatter{}, false)
			total := 0
			for _, p := range got {
				n := wordCount(p.Text)
				total += n
				if n > maxPassageWords {
					t.Fatalf("a passage of %d words; at most %d", n, maxPassageWords)
				}
			}
			if want := wordCount(tc.body); total != want {
				t.Errorf("passages hold %d words, the text %d", total, want)
			}
		})
	}
}

// A table typed as text loses its rules and bars, and a filmography in it
// gives its films.
func TestTextTables(t *testing.T) {
	body := "Filmography\n\n+------+----------------------+\n| Year | Title                |\n+======+======================+\n| 1969 | Sea of Blood         |\n| 1972 | The Flower Girl      |\n| 1985 | Salt                 |\n+------+----------------------+\n"
	res := splitBody(cleanText(body), frontMatter{})
	for _, p := range res.passages {
		if strings.ContainsAny(p.text, "|+=") {
			t.Errorf("table markup in %q", p.text)
		}
	}
	var titles []string
	for _, w := range films.Extract(films.Doc{Blocks: res.doc}, films.Base(), nil) {
		titles = append(titles, w.Title)
	}
	if diff := cmp.Diff([]string{"Sea of Blood", "The Flower Girl", "Salt"}, titles); diff != "" {
		t.Errorf("films (-want +got):\n%s", diff)
	}
}
