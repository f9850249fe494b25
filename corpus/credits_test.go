package corpus

import (
	"context"
	"strings"
	"testing"
	"testing/fstest"
)

// loadOne reads one text the way the product does and returns its passages.
func loadOne(t *testing.T, name, text string) []Passage {
	t.Helper()
	c, err := Load(context.Background(), fstest.MapFS{name: {Data: []byte(text)}}, nil)
	if err != nil {
		t.Fatal(err)
	}
	for _, w := range c.Warnings {
		t.Fatalf("warning: %s", w)
	}
	return c.Passages
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
		{"The Flower Girl", false},
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
