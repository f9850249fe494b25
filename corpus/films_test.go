package corpus

import (
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestParseFilmHeading(t *testing.T) {
	tests := []struct {
		line  string
		title string
		year  int
		alts  []string
		ok    bool
	}{
		{"Thaw  (1985)  (Haru no hi no yukidoke / Bombnari nunsuki)", "Thaw", 1985, []string{"Haru no hi no yukidoke", "Bombnari nunsuki"}, true},
		{"Somi – the Taekwon-do Woman (1997) (Somi: Kourai nyonin kenshi / Goryonyeomusa)", "Somi – the Taekwon-do Woman", 1997, []string{"Somi: Kourai nyonin kenshi", "Goryonyeomusa"}, true},
		{"Bird (1992)", "Bird", 1992, nil, true},
		{"Collaborations with the Soviet Union", "", 0, nil, false},
		{"the end (1985)", "", 0, nil, false},
	}
	for _, tt := range tests {
		title, year, alts, ok := parseFilmHeading(tt.line)
		if title != tt.title || year != tt.year || ok != tt.ok || !cmp.Equal(alts, tt.alts) {
			t.Errorf("parseFilmHeading(%q) = %q, %d, %q, %v", tt.line, title, year, alts, ok)
		}
	}
}

func TestInlineWorks(t *testing.T) {
	type work struct {
		Title string
		Year  int
		Kind  Kind
	}
	tests := []struct {
		name string
		text string
		want []work
	}{
		{"title and year", "His main productions included the classic Sea of Blood (1968) and especially Flower Girl (1972).",
			[]work{{"Sea of Blood", 1968, KindFilm}, {"Flower Girl", 1972, KindFilm}}},
		{"comma stops the title", "For his final North Korean film, Pulgasari (1986), Shin worked with Toho.",
			[]work{{"Pulgasari", 1986, KindFilm}}},
		{"year with credits", "was The Separation (1985, written by Ri Hui Chan).", []work{{"The Separation", 1985, KindFilm}}},
		{"title and year inside parentheses", "actors like Kim Ryong Rin (A Flourishing Village, 1970) and others",
			[]work{{"A Flourishing Village", 1970, KindFilm}}},
		{"a book is a book", "Kim also authored the book On the Art of the Cinema (1973) in order to teach.",
			[]work{{"On the Art of the Cinema", 1973, KindBook}}},
		{"a book named after a comma is a book", "He later wrote a book about the experience, North Korea Seen Through the Eyes of Godzilla (1988).",
			[]work{{"North Korea Seen Through the Eyes of Godzilla", 1988, KindBook}}},
		{"a series with a year range", "directed many parts of the 20-part spy series Unknown Heroes (1979 – 1981).",
			[]work{{"Unknown Heroes", 1979, KindSeries}}},
		{"a lifespan is not a film", "the director Shin Sang Ok (1926–2006) was kidnapped", nil},
		{"an era is not a film", "during the Korean War (1950) many fled", nil},
		{"a publisher is not a film", "author of North Korean Cinema – A History (McFarland, 2012).", nil},
		{"a sentence opener is not part of the title", "In Pulgasari (1986) the monster eats iron.", []work{{"Pulgasari", 1986, KindFilm}}},
		{"a genre word is not part of the title", "In his Western Blindfish (1971), Baldi directed Ringo Starr.", []work{{"Blindfish", 1971, KindFilm}}},
		{"a quoted title", "the film “Hong Kil Dong” (1986) was popular", []work{{"Hong Kil Dong", 1986, KindFilm}}},
		{"a place is not a film", "the film was shot in Pyongyang (1985)", nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var got []work
			for _, d := range inlineWorks(tt.text) {
				got = append(got, work{d.title, d.year, d.kind})
			}
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("(-want +got):\n%s", diff)
			}
		})
	}
}

func TestProseAliases(t *testing.T) {
	tests := []struct {
		text string
		want []proseAlias
	}{
		{"Also known under the more literal translation of the Korean title, Snow Melts in Spring, the film was",
			[]proseAlias{{alias: "Snow Melts in Spring"}}},
		{"Meet In Pyongyang, also known under the English title Promise in Pyongyang, was initiated by",
			[]proseAlias{{alias: "Promise in Pyongyang", before: "Meet In Pyongyang"}}},
		{"The film, also known as Woman Warrior of Koryo, was directed by", []proseAlias{{alias: "Woman Warrior of Koryo"}}},
		{"a war movie co-production named If There Is No Love aka Necklace in the Time of War was set",
			[]proseAlias{{alias: "Necklace in the Time of War", before: "If There Is No Love"}}},
		{"it is also known as the best film of the year", nil},
	}
	for _, tt := range tests {
		got := proseAliases(tt.text)
		if diff := cmp.Diff(tt.want, got, cmp.AllowUnexported(proseAlias{})); diff != "" {
			t.Errorf("proseAliases(%q) (-want +got):\n%s", tt.text, diff)
		}
	}
}

func TestMentions(t *testing.T) {
	cat := buildCatalogue([]workDef{
		{title: "Thaw", year: 1985, kind: KindFilm, prio: 0, aliases: []string{"Snow Melts in Spring"}},
		{title: "Bird", year: 1992, kind: KindFilm, prio: 0, aliases: []string{"Sea"}},
		{title: "A Silver Hairpin", year: 1985, kind: KindFilm},
		{title: "Meet In Pyongyang", year: 2012, kind: KindFilm},
		{title: "Ten Zan – The Ultimate Mission", year: 1988, kind: KindFilm},
		{title: "The Mother’s Wish", year: 1987, kind: KindFilm},
		{title: "Salt", year: 1985, kind: KindFilm},
		{title: "On the Art of the Cinema", year: 1973, kind: KindBook},
	}, nil)
	tests := []struct {
		name, text string
		want       []string
	}{
		{"title as a whole word", "Rim had been the co-director of the Chongryon co-production Thaw, he", []string{"Thaw"}},
		{"lower-case common word is not a title", "Much wildlife is on display, especially wild birds.", nil},
		{"alias", "the film Snow Melts in Spring was shown", []string{"Thaw"}},
		{"title without its article", "they shot two movies: Thaw and Silver Hairpin.", []string{"Thaw", "A Silver Hairpin"}},
		{"small title words in any case", "Meet in Pyongyang had its premiere", []string{"Meet In Pyongyang"}},
		{"main title before a subtitle", "Ten Zan remained the only foray", []string{"Ten Zan – The Ultimate Mission"}},
		{"straight apostrophe and possessive", "he also had made Mother's Wish in Japan; Thaw’s director", []string{"The Mother’s Wish", "Thaw"}},
		{"one-word alias is not a mention", "the Sea of Japan", nil},
		{"glued to a capitalised word", "the Great Salt Lake", nil},
		{"books are not film mentions", "On the Art of the Cinema was a book", nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var got []string
			for _, i := range cat.match.find(tt.text) {
				got = append(got, cat.works[i].Title)
			}
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("(-want +got):\n%s", diff)
			}
		})
	}
}

func TestDatesAreNotFilms(t *testing.T) {
	for _, text := range []string{
		"the treaty was signed (July, 1857) in haste",
		"the ship arrived on the (1st of December, 1857) morning",
		"Vice President Mondale to West Africa in July (1980) was announced",
		"as reported (February 28, 1878).",
		"the old Edison Kinetoscope (1880) was shown",
	} {
		if got := inlineWorks(text); len(got) > 0 {
			t.Errorf("%q: works %+v", text, got)
		}
	}
}
