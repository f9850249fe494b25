package corpus

import (
	"context"
	"slices"
	"strings"
	"testing"
	"testing/fstest"
)

// The archivist's films.yaml adds films and other titles, removes names
// that are not films, merges spellings, and wins over extraction; a bad
// entry costs only itself, with a warning naming its line.
func TestCatalogueFile(t *testing.T) {
	fsys := fstest.MapFS{
		"a.txt": {Data: []byte("Screenings\n\nThe club showed Flower Girl (1972) and the song Arirang (1926) was sung before the film. " +
			"Later Kkot pa-nun cheo-nyeo was shown again to a new audience of students in the old hall.\n\n" +
			"The evening ended with Sea Of Blood, which nobody had seen for years, in a faded print from the archive.\n")},
		"films.yaml": {Data: []byte(`films:
  - title: The Flower Girl
    year: 1972
    aliases: [Kkot pa-nun cheo-nyeo]
  - title: Sea of Blood
    year: 1969
  - title: ""
  - title: Bad Year
    year: soon
    colour: red
not_films:
  - Arirang
merge:
  - from: Flower Girl
    into: The Flower Girl
  - from: Only From
wrong: 1
`)},
	}
	c, err := Load(context.Background(), fsys, nil)
	if err != nil {
		t.Fatal(err)
	}
	var titles []string
	for _, f := range c.Films {
		titles = append(titles, f.Title)
	}
	for _, want := range []string{"The Flower Girl", "Sea of Blood", "Bad Year"} {
		if !slices.Contains(titles, want) {
			t.Errorf("films %q lack %q", titles, want)
		}
	}
	for _, bad := range []string{"Arirang", "Flower Girl", ""} {
		if slices.Contains(titles, bad) {
			t.Errorf("films %q contain %q", titles, bad)
		}
	}
	labelled := map[string]bool{}
	for _, p := range c.Passages {
		for _, f := range p.Films {
			labelled[f] = true
		}
	}
	if !labelled["The Flower Girl"] || !labelled["Sea of Blood"] {
		t.Errorf("passages labelled with %v; want the catalogue's films, found by their other titles and case", labelled)
	}
	var warns []string
	for _, w := range c.Warnings {
		warns = append(warns, w.String())
	}
	joined := strings.Join(warns, "\n")
	for _, want := range []string{"films.yaml:7: a film entry has no title", "films.yaml:9: year \"soon\"", "films.yaml:10: unknown key \"colour\"",
		"films.yaml:16: a merge entry needs both from and into", "films.yaml:17: unknown key \"wrong\""} {
		if !strings.Contains(joined, want) {
			t.Errorf("warnings lack %q:\n%s", want, joined)
		}
	}
	// The catalogue is part of what the index is built from.
	before := c.Digest
	fsys["films.yaml"] = &fstest.MapFile{Data: []byte("films: [Thaw]\n")}
	c2, _ := Load(context.Background(), fsys, nil)
	if c2.Digest == before {
		t.Error("changing films.yaml did not change the corpus digest")
	}
	// A catalogue that is not YAML is a warning; the texts are still read.
	fsys["films.yaml"] = &fstest.MapFile{Data: []byte("films: [unclosed\n")}
	c3, _ := Load(context.Background(), fsys, nil)
	if len(c3.Articles) != 1 || len(c3.Warnings) == 0 || !strings.Contains(c3.Warnings[0].String(), "films.yaml:") {
		t.Errorf("broken catalogue: %d articles, warnings %v", len(c3.Articles), c3.Warnings)
	}
}

// A film recognised in one article labels mentions of it in others only
// where that is safe: a one-word title that is also an ordinary word
// ("Salt", "Bird") needs a film word in the sentence; a distinctive title
// ("Pulgasari", "Order No. 027") does not.
func TestCrossArticleLabelsAreSafe(t *testing.T) {
	fsys := fstest.MapFS{
		"films.txt": {Data: []byte("Films\n\nChoi Eun-hee starred in the film Salt (1985), and Shin made Pulgasari (1985) and the bird film Bird (1992) soon after.\n")},
		"news.txt": {Data: []byte("Market news\n\nSalt was scarce in the north that winter, and the price of salt doubled in a month in every market of the province.\n\n" +
			"Bird flu reached the coast in March; the birds of the wetlands were counted twice by the rangers of the reserve.\n\n" +
			"Pulgasari was shown on television that night to an audience of millions across the whole country.\n\n" +
			"Crowds praised Salt when it was screened again in the capital for the festival of the anniversary.\n")},
	}
	c, err := Load(context.Background(), fsys, nil)
	if err != nil {
		t.Fatal(err)
	}
	got := map[string][]string{}
	for _, p := range c.Passages {
		if p.Article == "market-news" {
			got[strings.Fields(p.Text)[0]] = p.Films
		}
	}
	if len(got["Salt"]) != 0 || len(got["Bird"]) != 0 {
		t.Errorf("ordinary words labelled as films: %v", got)
	}
	if !slices.Equal(got["Pulgasari"], []string{"Pulgasari"}) || !slices.Equal(got["Crowds"], []string{"Salt"}) {
		t.Errorf("safe mentions not labelled: %v", got)
	}
}
