package corpus

import (
	"slices"
	"sort"
	"strings"
	"testing"
)

// filmsOf reads one text and returns the films (and series) found in it.
func filmsOf(t *testing.T, name, text string) []string {
	t.Helper()
	var out []string
	for _, f := range loadCorpus(t, name, text).Films {
		out = append(out, f.Title)
	}
	sort.Strings(out)
	return out
}

// TestIssue26Families: one text for each family of misses and false films
// that issue 26 names from the development set, written here in the
// forms the real articles use (their sentences are not copied). Each must
// find exactly its films.
func TestIssue26Families(t *testing.T) {
	tests := []struct {
		family, name, text string
		want               []string
	}{
		{"a filmography table aligned with spaces; its header row is no film", "actor.txt",
			"Jo Actor\n\nJo Actor is a British actor of stage and screen.\n\nFilm\n\n  Year   Work                      Role        Notes\n  ------ ------------------------- ----------- ---------\n  1998   _A Quiet Harbour_          Sailor      \n  2004   _The Long Winter Road_     Doctor      Short\n",
			[]string{"A Quiet Harbour", "The Long Winter Road"}},
		{"_italics_ in plain text, never left in the passage", "review.txt",
			"A review\n\nWe saw _Sea of Blood_ again last week, and the film has lost none of its force in the new print.\n",
			[]string{"Sea of Blood"}},
		{"an italic credit label is no film", "notes.txt",
			"Programme notes\n\n_The Flower Girl_ (1972)\n\n_Director:_ Choe Ik-gyu\n\nThe film follows a girl who sells flowers to buy medicine for her mother, and it was a great success.\n",
			[]string{"The Flower Girl"}},
		{"quotes closed with a double prime and single quotes in a headline", "news.txt",
			"‘Pulgasari’ opens in Tokyo\n\nTOKYO (AP) - The monster film ``Pulgasari″ opened here on Saturday, thirteen years after it was made in Pyongyang.\n",
			[]string{"Pulgasari"}},
		{"a festival list's headings with no years, whose bodies say film", "festival.md",
			"# A season of new Korean cinema\n\n## Deranged\n\nThe season's horror film follows a parasite that drives its hosts to water.\n\n## Masquerade\n\nA period film in which a king's double takes the throne.\n\n## Gabi\n\nA film about the last emperor's coffee and a plot against him.\n",
			[]string{"Deranged", "Gabi", "Masquerade"}},
		{"a credits line under a title is metadata, not a heading", "programme.md",
			"# Programme\n\n## Goryeojang\n\nKim Ki-young · 1963 · 88m · Digital\n\nThe film is a fable about a village that abandons its old at the mountain's top, and a son who must carry his mother there.\n",
			[]string{"Goryeojang"}},
		{"wording: a genre's apposition, a director's possessive, a DVD of X", "essay.txt",
			"An essay\n\nThe neorealist drama Aimless Bullet was banned for a while. Bong Joon-ho's Memories of Murder owes it a debt, and I first watched a DVD of The Housemaid in a library.\n",
			[]string{"Aimless Bullet", "Memories of Murder", "The Housemaid"}},
		{"a magazine after 'film magazine' is no film", "notes2.txt",
			"Notes\n\nThe notes first appeared in Sight and Sound, the internationally renowned film magazine, in the spring.\n",
			nil},
		{"a trailing bracket and a label stay off a title", "list.md",
			"# Films of the week\n\n## Interlude: The Flower Girl\n\nA film that has lost none of its force.\n\n(The films this week include Thaw.)\n",
			[]string{"Thaw", "The Flower Girl"}},
		{"'A and B' after 'the films' are two titles", "two.txt",
			"Two films\n\nThe programme showed the films Thaw and Bird, both made with Japanese studios.\n",
			[]string{"Bird", "Thaw"}},
	}
	for _, tt := range tests {
		t.Run(tt.family, func(t *testing.T) {
			got := filmsOf(t, tt.name, tt.text)
			want := slices.Clone(tt.want)
			sort.Strings(want)
			if !slices.Equal(got, want) {
				t.Errorf("films %q, want %q", got, want)
			}
			for _, p := range loadOne(t, tt.name, tt.text) {
				if m := markupRE.FindString(p.Text); m != "" || strings.ContainsAny(p.Text, "_″") || strings.Contains(p.Text, "``") {
					t.Errorf("markup in passage %q", p.Text)
				}
			}
		})
	}
}
