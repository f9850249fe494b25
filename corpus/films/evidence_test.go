package films

import (
	"reflect"
	"strings"
	"testing"
)

// para is a document of one paragraph.
func para(text string) Doc { return Doc{Blocks: []Block{{Kind: Para, Text: text}}} }

// candidate returns the candidate of d titled title, if any.
func candidate(d Doc, title string) (Candidate, bool) {
	for _, c := range Candidates(d, nil) {
		if c.Title == title {
			return c, true
		}
	}
	return Candidate{}, false
}

// TestEvidence: each rule of the reader is a named feature; a sentence
// written in the form the rule reads gives its candidate that feature,
// and the form it must not read does not.
func TestEvidence(t *testing.T) {
	marked := func(text, phrase string, k MarkKind) Doc {
		return Doc{Blocks: []Block{{Kind: Para, Text: text, Marks: []Mark{{Text: phrase, Kind: k}}}}}
	}
	tests := []struct {
		name   string
		doc    Doc
		title  string
		has    []Feature
		hasNot []Feature
	}{
		{"a year after 'in' beside a marked title", marked("the press abused Michael Powell’s Peeping Tom in 1960.", "Peeping Tom", Emphasis),
			"Peeping Tom", []Feature{FYearBeside, FEmphasis}, nil},
		{"a credit after a quoted title", para(`Other films are "The Birth of a Family" by Kim Tae-yong and more.`),
			"The Birth of a Family", []Feature{FQuoted, FCreditBy}, []Feature{FCredited}},
		{"the next quoted entry after a credit is no credited name", para(`"Yobi" by Lee Seong-gang, "Empress Chung" by Nelson Shin.`),
			"Empress Chung", []Feature{FCreditBy}, []Feature{FCredited}},
		{"names after 'directed by' are credited", para("directed by Kim Gwan Hun, Nicholas Bonner, Anja Daelemans (Belgium, North Korea, UK 2012)"),
			"Anja Daelemans", []Feature{FCredited}, nil},
		{"an actor known by a film, in brackets", para("the King (Lee Byung-hun of G.I.Joe) falls into a coma."),
			"G.I.Joe", []Feature{FFilmRelation}, nil},
		{"a stage word in the sentence", marked("he directed the first repertory theatre production of Shakespeare, Romeo and Juliet at the Haymarket.", "Romeo and Juliet", Emphasis),
			"Romeo and Juliet", []Feature{FStageNear}, nil},
		{"a plural film noun inside a title", Doc{Blocks: []Block{{Kind: Heading, Level: 2, Text: "The Best Movies of 2014"}, {Kind: Para, Text: "Below is my list of films."}}},
			"The Best Movies of 2014", []Feature{FFilmsInTitle}, nil},
		{"a lifespan after a heading", Doc{Blocks: []Block{{Kind: Heading, Level: 2, Text: "Shin Sang-ok(1926-2006)"}, {Kind: Para, Text: "He directed films."}}},
			"Shin Sang-ok", []Feature{FLifespan}, []Feature{FYearBeside}},
		{"a magazine is one title with its mentions", Doc{Blocks: []Block{
			{Kind: Heading, Level: 3, Text: "Sight and Sound, June 2020", Marks: []Mark{{Text: "Sight and Sound", Kind: Emphasis}}},
			{Kind: Para, Text: "Read Sight and Sound, the internationally renowned film magazine.", Marks: []Mark{{Text: "Sight and Sound", Kind: Emphasis}}}}},
			"Sight and Sound", []Feature{FNonFilmHead, FRepeated}, nil},
		{"a list of places cut short is a place", para("the co-production between the Soviet Union and North Korea, also known under the English title Rescued on the Shore, was made in 1990."),
			"Union and North Korea", []Feature{FPlace}, nil},
		{"a people's adjective is a place", para("the restoration of American shipping is long overdue."),
			"American", []Feature{FPlace}, nil},
		{"a weekday's abbreviation in a title is no date", para("Under the Sun is a 2015 Russian documentary about a family."),
			"Under the Sun", []Feature{FFilmHead}, []Feature{FDate}},
		{"a performance in a film", para("The best supporting turn of the year was Emily Watson in The Book Thief, a film I had not expected to like."),
			"The Book Thief", []Feature{FFilmRelation}, nil},
		{"two people joined are people", Doc{Blocks: []Block{{Kind: Heading, Level: 3, Text: "Lee Jung-jae and Gianna Jun"}, {Kind: Para, Text: "They star in the film."}}},
			"Lee Jung-jae and Gianna Jun", []Feature{FPersonName}, nil},
		{"a name on another is an interview", Doc{Blocks: []Block{{Kind: Heading, Level: 3, Text: "Bong Joon Ho on Kim Ki-young"}, {Kind: Para, Text: "The director on the films he loves."}}},
			"Bong Joon Ho on Kim Ki-young", []Feature{FPersonName}, nil},
		{"a journal's name is an organisation's", marked("the ranking counts The Journal of Econometrics among its journals.", "The Journal of Econometrics", Emphasis),
			"The Journal of Econometrics", []Feature{FOrgName}, nil},
		{"a director's possessive and the year before a title", para("sexuality, notably in Abdellatif Kechiche’s 2013 Blue is the Warmest Colour, a bildungsroman."),
			"Blue is the Warmest Colour", []Feature{FDirector, FYearBeside}, nil},
		{"performances in films, listed", para("with starring roles in Now is Good, and Great Expectations, this young talent"),
			"Great Expectations", []Feature{FFilmRelation}, nil},
		{"italics in an article about films", Doc{Title: "A film festival", Blocks: []Block{{Kind: Para, Text: "We saw Thaw twice.", Marks: []Mark{{Text: "Thaw", Kind: Emphasis}}}}},
			"Thaw", []Feature{FMarkedFilmArticle}, nil},
		{"italics elsewhere", Doc{Title: "A speech", Blocks: []Block{{Kind: Para, Text: "We saw Thaw twice.", Marks: []Mark{{Text: "Thaw", Kind: Emphasis}}}}},
			"Thaw", nil, []Feature{FMarkedFilmArticle}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c, ok := candidate(tt.doc, tt.title)
			if !ok {
				var got []string
				for _, c := range Candidates(tt.doc, nil) {
					got = append(got, c.Title)
				}
				t.Fatalf("no candidate %q; got %q", tt.title, got)
			}
			for _, f := range tt.has {
				if !c.Evidence.Has(f) {
					t.Errorf("%q lacks %s: %s", tt.title, f, c.Evidence)
				}
			}
			for _, f := range tt.hasNot {
				if c.Evidence.Has(f) {
					t.Errorf("%q has %s: %s", tt.title, f, c.Evidence)
				}
			}
		})
	}
}

// TestNoCandidate: forms that are no title at all.
func TestNoCandidate(t *testing.T) {
	tests := []struct {
		name  string
		doc   Doc
		title string
	}{
		{"a role in a partnership is no performance", para("The states have a role in the Federal and State partnership we began."), "Federal and State"},
		{"a person in a city is no performance", para("Mr. Hay met Anthony Hopkins in Philadelphia last year."), "Philadelphia"},
		{"a month in German is a date", Doc{Blocks: []Block{{Kind: Heading, Level: 2, Text: "Mai 2019"}, {Kind: Para, Text: "Der Film lief im Kino."}}}, "Mai 2019"},
		{"a modifier after a performance is no title", para("Hyu wrote and starred in the controversial 4-part C4 satirical TV sketch show, a comedy."), "4-part C4"},
		{"a kind alone is no title", para("He made a documentary for TV and a film for the cinema."), "TV"},
		{"a contraction is no possessive", para("Let’s Be Cops (2014) was a comedy."), "Be Cops"},
		{"a place before a colon is the title's first word", Doc{Title: `Movie Review: "North Korea: The Great Illusion"`, Blocks: []Block{{Kind: Para, Text: "A documentary."}}}, "North Korea"},
		{"a stray quote keeps its year out", para("such as “Daewon-gun “ (1968)” and more films."), "Daewon-gun “ (1968)"},
	}
	for _, tt := range tests {
		if _, ok := candidate(tt.doc, tt.title); ok {
			t.Errorf("%s: %q is a candidate", tt.name, tt.title)
		}
	}
}

// TestReadHeading: a heading, a page title or a list entry read as a
// title and what is written around it.
func TestReadHeading(t *testing.T) {
	tests := []struct {
		in   string
		want headingRead
	}{
		{"Sea of Blood (1969)", headingRead{title: "Sea of Blood", year: 1969}},
		{"WTF ASIA 167: The Flower Girl (1972)", headingRead{title: "The Flower Girl", year: 1972}},
		{"2077. The Flower Girl (꽃파는 처녀) (1972)", headingRead{title: "The Flower Girl", year: 1972, alts: []string{"꽃파는 처녀"}, numbered: true}},
		{"Flower Girl, The (1972)", headingRead{title: "The Flower Girl", year: 1972}},
		{"Shin Sang-ok (1926–2006)", headingRead{title: "Shin Sang-ok", lifespan: true}},
		{"Review: Pulgasari", headingRead{title: "Pulgasari", review: true}},
		{"16. The Dark Knight", headingRead{title: "The Dark Knight", numbered: true}},
		{"Detonator 2: The Nightwatch", headingRead{title: "Detonator 2: The Nightwatch"}},
		{"1985. Pulgasari", headingRead{title: "1985. Pulgasari"}},
	}
	for _, tt := range tests {
		if got := readHeading(tt.in); !reflect.DeepEqual(got, tt.want) {
			t.Errorf("readHeading(%q) = %+v, want %+v", tt.in, got, tt.want)
		}
	}
}

func TestFilmLink(t *testing.T) {
	for _, tt := range []struct{ url, text, want string }{
		{"http://www.imdb.com/title/tt0076221/", "Jabberwocky", "Jabberwocky"},
		{"https://letterboxd.com/film/sea-of-blood/", "Sea of Blood", "Sea of Blood"},
		{"https://en.wikipedia.org/wiki/Pulgasari_(film)", "Pulgasari", "Pulgasari"},
		{"https://en.wikipedia.org/wiki/Red_Dawn_(2012_film)", "the remake", ""},
		{"http://worldgame.blogspot.com/2015/03/chappie-movie-review.html", "as in Chappie", "Chappie"},
		{"http://controlroom.blogspot.com/2012/10/farewell-movie-review.html", "Farewell", "Farewell"},
		{"http://worldgame.blogspot.com/2008/06/wall-e-movie-review.html", "Wall-e", "Wall-e"},
		{"/film/reviews/mission-impossible-3", "Mission: Impossible III", "Mission: Impossible III"},
		{"https://www.imdb.com/name/nm0052186/", "Jonathan Banks", ""},
		{"http://controlroom.blogspot.com/2013/02/zero-dark-thirty-movie-review.html", "not really a documentary", ""},
		{"https://en.wikipedia.org/wiki/Pyongyang", "Pyongyang", ""},
	} {
		got, ok := filmLink(tt.url, tt.text)
		if !ok {
			got = ""
		}
		if got != tt.want {
			t.Errorf("filmLink(%q, %q) = %q, want %q", tt.url, tt.text, got, tt.want)
		}
	}
}

func TestPersonName(t *testing.T) {
	for in, want := range map[string]bool{
		"Kim Jong Il": true, "Shin Sang-ok": true, "Bae Doo-na": true, "Emily Watson": true,
		"Il Postino": false, "Sea of Blood": false, "Kim Il Sung Square": false, "The Flower Girl": false,
	} {
		if got := personName(words(in)); got != want {
			t.Errorf("personName(%q) = %v, want %v", in, got, want)
		}
	}
}

func TestIsGenreList(t *testing.T) {
	for s, want := range map[string]bool{
		"Action | Adventure | Fantasy": true, "Drama / Musical": true, "Fantasy, Historical": true,
		"Drama": false, "Sea of Blood": false, "Action | Sea of Blood": false,
	} {
		if got := IsGenreList(s); got != want {
			t.Errorf("IsGenreList(%q) = %v", s, got)
		}
	}
}

func TestPossessiveLead(t *testing.T) {
	for in, want := range map[string]string{
		"Kim Jong-kwan’s Frosted Window": "Frosted Window",
		"Shin's Runaway":                 "Runaway",
		"Mickey's Once Upon a Christmas": "Once Upon a Christmas",
		"The King's Speech":              "The King's Speech",
	} {
		ws := words(in)
		got := strings.Join(ws[possessiveLead(ws):], " ")
		if got != want {
			t.Errorf("possessiveLead(%q) leaves %q, want %q", in, got, want)
		}
	}
}
