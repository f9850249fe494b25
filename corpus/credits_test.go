package corpus

import (
	"context"
	"strings"
	"testing"
	"testing/fstest"
)

// loadCorpus reads one text the way the product does.
func loadCorpus(t *testing.T, name, text string) *Corpus {
	t.Helper()
	c, err := Load(context.Background(), fstest.MapFS{name: {Data: []byte(text)}}, nil)
	if err != nil {
		t.Fatal(err)
	}
	for _, w := range c.Warnings {
		t.Fatalf("warning: %s", w)
	}
	return c
}

// loadOne reads one text and returns its passages.
func loadOne(t *testing.T, name, text string) []Passage {
	t.Helper()
	return loadCorpus(t, name, text).Passages
}

func TestCreditsLines(t *testing.T) {
	tests := []struct {
		line string
		want bool
	}{
		{"Director: Kim Ki-young", true},
		{"Directed by: Shin Sang-ok", true},
		{"Kim Ki-young · 111m · Digital", true},
		{"North Korea, 1972, 125 min.", true},
		{"DPRK, 1972 (MIFF 2013)", true},
		{"Rating: 2/5", true},
		{"★★★★☆", true},
		{"(3 stars)", true},
		{"1985, 95 min", true},
		{"D Choe Ik-kyu, Hak Pak S Kim Il-sung (play) WS Korea Film Export", true},
		{"Directed by Miguel Arteta", true},
		{"Action | Adventure | Fantasy", true},
		{"Drama / Musical", true},
		{"1 2 3 4 5 6 7 8 9 10 5.1/10 X", true},
		{"LC rating: 3/5", true},
		{"User Ratings (0 Votes) 0", true},
		{"Story 5.1", true},
		{"Film", false}, // a filmography's section
		{"Starring", true},
		{"Cast:", true},
		{"Release: 2011-04-20", true},
		{"Tony Rayns, Sight and Sound, March 2020", true},
		{"Reviewed by Maitland McDonagh", true},
		{"The Flower Girl", false},
		{"Apollo 13", false},
		{"Sea of Blood, 1969", false},
		{"Directed by a man who was kidnapped, the film was finished in 1985.", false},
		{"The director told us that the film ran 130 minutes in its first cut.", false},
		{"North Korea is a country that made many films in 1972 and later.", false},
		{"Music matters in this film more than in most.", false},
	}
	for _, tt := range tests {
		if got := isCreditsLine(tt.line); got != tt.want {
			t.Errorf("isCreditsLine(%q) = %v, want %v", tt.line, got, tt.want)
		}
	}
}

// TestTitleOverCredits: a title line above credit lines is read as the
// film it names, in every format, and neither the credits nor the title
// join the passage under them. Programme notes and review boxes write it
// so: the title, then "Director: …" and "1972 · 130m · 35mm" lines, with
// line breaks in text, <br> in HTML and Markdown, or Markdown line ends.
func TestTitleOverCredits(t *testing.T) {
	body := "This is a film about a girl who sells flowers, and it is long enough to stand alone as a passage."
	tests := []struct{ name, text string }{
		{"a.txt", "Notes from a season\n\nThe Flower Girl\nDirector: Choe Ik-gyu\n1972 · 130m · 35mm\n\n" + body + "\n"},
		{"a.md", "# Notes from a season\n\nThe Flower Girl<br>\nDirector: Choe Ik-gyu<br>\n1972 · 130m · 35mm<br>\n\n" + body + "\n"},
		{"b.md", "# Notes from a season\n\nThe Flower Girl\nDirector: Choe Ik-gyu\n1972 · 130m · 35mm\n\n" + body + "\n"},
		{"a.html", "<html><head><title>Notes from a season</title></head><body><article><h1>Notes from a season</h1><p>The Flower Girl<br>Director: Choe Ik-gyu<br>1972 · 130m · 35mm</p><p>" + body + "</p></article></body></html>"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ps := loadOne(t, tt.name, tt.text)
			if len(ps) != 1 {
				t.Fatalf("want one passage, got %d: %+v", len(ps), ps)
			}
			p := ps[0]
			if p.Text != body {
				t.Errorf("passage text = %q, want only the body", p.Text)
			}
			if !strings.HasSuffix(p.Section, "The Flower Girl") {
				t.Errorf("section = %q, want the film's title", p.Section)
			}
			if !contains(p.Films, "The Flower Girl") {
				t.Errorf("films = %q, want The Flower Girl", p.Films)
			}
		})
	}
}

// TestLinesWithoutCreditsStayOneParagraph: line breaks alone (a poem, an
// address, hard-wrapped prose) do not cut a paragraph.
func TestLinesWithoutCreditsStayOneParagraph(t *testing.T) {
	text := "# A season\n\nThe river was high that spring<br>\nand the boats were late<br>\nbut the film crew waited on the bank for the light to change.\n"
	ps := loadOne(t, "a.md", text)
	if len(ps) != 1 || !strings.HasPrefix(ps[0].Text, "The river was high that spring and the boats") {
		t.Fatalf("got %+v", ps)
	}
}

// TestCreditsBetweenTitles: a database's block of titles, each with its
// ratings, genres and credits on lines of their own, reads as one title
// per line; no credit joins a title, and a label's names are credits.
func TestCreditsBetweenTitles(t *testing.T) {
	text := "People who liked this also liked\n\n" +
		"Sea of Blood (1969)\n    1 2 3 4 5 6 7 8 9 10 8/10 X\nDirector: Ik Kyu Choe\n" +
		"Hong Kil-dong (1986)\nAction | Adventure | Fantasy\n    1 2 3 4 5 6 7 8 9 10 7/10 X\nDirector: Kil-in Kim\nStars: Chang Son Hui, Gwon Ri\n" +
		"Russian Ark (2002)\nDrama | Fantasy | History\n\n" +
		"Starring\nHong Yong-hui\nKim Ryon-hwa\n\n" +
		"A review of all three, long enough to be a passage of its own, follows here.\n"
	ps := loadOne(t, "a.txt", text)
	var films []string
	for _, p := range ps {
		for _, bad := range []string{"Director", "Fantasy", "8/10", "Hong Yong-hui", "Stars:"} {
			if strings.Contains(p.Text, bad) {
				t.Errorf("credit %q in passage %q", bad, p.Text)
			}
		}
		films = append(films, p.Films...)
	}
	for _, f := range []string{"Sea of Blood", "Hong Kil-dong", "Russian Ark"} {
		if !contains(films, f) {
			t.Errorf("film %q not read; films %q", f, films)
		}
	}
	for _, f := range films {
		if strings.Contains(f, "Choe") || strings.Contains(f, "Kim ") {
			t.Errorf("a credit joined a title: %q", f)
		}
	}
}

// TestTitlesOnePerLine: a copied list of titles with their years is a
// list, one title per line, whatever the word each one opens with.
func TestTitlesOnePerLine(t *testing.T) {
	text := "The Best of the Year\n\nBelow is my list of the films I liked this year, with the year each came out.\n" +
		"American Sniper (2014)\nLet’s Be Cops (2014)\nExodus: Gods & Kings (2014)\nFury (2014)\n"
	ps := loadOne(t, "a.txt", text)
	var films []string
	for _, p := range ps {
		films = append(films, p.Films...)
	}
	for _, f := range []string{"American Sniper", "Let’s Be Cops", "Exodus: Gods & Kings", "Fury"} {
		if !contains(films, f) {
			t.Errorf("%q not read; films %q", f, films)
		}
	}
	for _, f := range []string{"Sniper", "Be Cops", "Gods & Kings"} {
		if contains(films, f) {
			t.Errorf("%q read from a longer title; films %q", f, films)
		}
	}
}

// TestLabelOverText: a label on a line of its own ("Plot") heads the
// text under it and never joins a title.
func TestLabelOverText(t *testing.T) {
	ps := loadOne(t, "a.txt", "A review\n\nPlot\nThis is a documentary on the censorship in the country, and it shows very little of it.\n")
	if len(ps) != 1 || ps[0].Section != "Plot" || !strings.HasPrefix(ps[0].Text, "This is a documentary") {
		t.Fatalf("got %+v", ps)
	}
}

func TestTimestampLines(t *testing.T) {
	for l, want := range map[string]bool{
		"January 10, 2020 9:00AM (UTC)":                                   true,
		"Published: 10:00am, 20 Jan, 2020 Updated: 10:09am, 20 Jan, 2020": true,
		"Posted on Mon 3 June 2019":                                       true,
		"1985":                                                            false, // a filmography's section
		"Octopussy (1983)":                                                false,
		"Marriage Story (2019)":                                           false,
		"Decalogue, 1989":                                                 false,
	} {
		if got := timestamp(l); got != want {
			t.Errorf("timestamp(%q) = %v, want %v", l, got, want)
		}
	}
}

func TestFactEntries(t *testing.T) {
	for l, want := range map[string]bool{"NR": true, "PG-13": true, "Movie": true, "TV Series": true, "Fantasy": false, "The Flower Girl": false} {
		if got := isFactEntry(l); got != want {
			t.Errorf("isFactEntry(%q) = %v, want %v", l, got, want)
		}
	}
}
