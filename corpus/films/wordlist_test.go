package films

import (
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"sort"
	"strings"
	"testing"
)

// listRE is the regexp a word list replaces.
func listRE(l wordList) *regexp.Regexp {
	var alts []string
	for p := range l {
		alts = append(alts, regexp.QuoteMeta(p))
	}
	sort.Strings(alts)
	return regexp.MustCompile(`(?i)\b(?:` + strings.Join(alts, "|") + `)\b`)
}

func starts(re *regexp.Regexp, text string) []int {
	var out []int
	for _, m := range re.FindAllStringIndex(text, -1) {
		out = append(out, m[0])
	}
	return out
}

// TestWordListsAreTheirRegexps: the one-pass word lists find what the
// `(?i)\b(?:…)\b` regexps they replace found, on hard cases and on every
// real text beside the project.
func TestWordListsAreTheirRegexps(t *testing.T) {
	texts := []string{
		"A Blu-ray and a blu ray; the BOX OFFICE, the box  office, box-office.",
		"filmé, film_x, films2, xfilm, FILMS, Film's, (film), film-maker, on stage play, West End",
		"In 1985, 1985s, x1985, 1879 1880 2039 2040 19850 1985-1986 ’1985’.",
		"novel—book,author;wrote:poem.",
		"",
	}
	var files []string
	for _, dir := range []string{"../testdata/articles", "../../../shared/devset", "../../../shared/seeds"} {
		m, _ := filepath.Glob(filepath.Join(dir, "*.*"))
		files = append(files, m...)
	}
	for _, f := range files {
		if b, err := os.ReadFile(f); err == nil {
			texts = append(texts, string(b))
		}
	}
	if len(texts) < 10 {
		t.Fatalf("only %d texts: the project's own articles are missing", len(texts))
	}
	lists := map[string]wordList{"film": filmWordList, "book": bookWordList, "stage": stageWordList, "film article": filmArticleWords}
	for name, l := range lists {
		re := listRE(l)
		for i, text := range texts {
			if got, want := l.find(text), starts(re, text); !slices.Equal(got, want) {
				t.Errorf("%s words in text %d: got %v, want %v", name, i, got, want)
			}
			if got, want := l.has(text), re.MatchString(text); got != want {
				t.Errorf("%s words in text %d: has %v, want %v", name, i, got, want)
			}
		}
	}
	// A regexp run only where its cue words are must need one of them in
	// every match.
	texts = append(texts, "the films are X; Movies (Y); his roles in the Z; the South Korean re-release of W; co-starred in V")
	for name, c := range map[string]struct {
		cues wordList
		re   *regexp.Regexp
	}{"list cue": {listCueWords, listCueRE}, "performed in": {performedWords, performedInRE}, "of film": {ofFilmWords, ofFilmRE}} {
		n := 0
		for _, text := range texts {
			for _, m := range c.re.FindAllStringIndex(text, -1) {
				n++
				if !c.cues.has(text[m[0]:m[1]]) {
					t.Errorf("%s: %q matches with no cue word", name, text[m[0]:m[1]])
				}
			}
		}
		if n == 0 {
			t.Errorf("%s: no match in any text", name)
		}
	}
	for i, text := range texts {
		if got, want := findYears(text), starts(yearWordRE, text); !slices.Equal(got, want) {
			t.Errorf("years in text %d: got %v, want %v", i, got, want)
		}
	}
}
