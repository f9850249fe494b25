package films

// Finding titles in text, as whole words: "Thaw’s director" mentions
// Thaw, "Meet in Pyongyang" mentions Meet In Pyongyang, "the Great Salt
// Lake" does not mention Salt. Matching compares word sequences, so that
// a text with thousands of titles opening with "The" does not try all of
// them at every "The": forms are kept by their first two words.

import (
	"slices"
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"
)

// token is a word of a text with its comparison forms and its place.
type token struct {
	word       string // folded, possessive removed, as written
	lower      string // word in lower case
	start, end int    // byte range in the text
	capital    bool
	punctAfter bool // punctuation (not a space) between it and the next word
	possessive bool
}

// tokenize splits text into words: letters, digits and marks, with
// apostrophes and hyphens inside a word kept.
func tokenize(text string) []token {
	var toks []token
	for i := 0; i < len(text); {
		r, size := utf8.DecodeRuneInString(text[i:])
		if !unicode.IsLetter(r) && !unicode.IsDigit(r) {
			if len(toks) > 0 && r != ' ' && toks[len(toks)-1].end == i || len(toks) > 0 && !unicode.IsSpace(r) {
				toks[len(toks)-1].punctAfter = true
			}
			i += size
			continue
		}
		j := i
		for j < len(text) {
			r2, s2 := utf8.DecodeRuneInString(text[j:])
			if unicode.IsLetter(r2) || unicode.IsDigit(r2) || unicode.Is(unicode.Mn, r2) {
				j += s2
				continue
			}
			if (r2 == '\'' || r2 == '’' || r2 == '-' || r2 == '‐') && j+s2 < len(text) {
				n, _ := utf8.DecodeRuneInString(text[j+s2:])
				if unicode.IsLetter(n) || unicode.IsDigit(n) {
					j += s2
					continue
				}
			}
			break
		}
		w := Fold(text[i:j])
		poss := false
		if strings.HasSuffix(w, "'s") || strings.HasSuffix(w, "'S") {
			w = w[:len(w)-2]
			poss = true
		}
		toks = append(toks, token{word: w, lower: strings.ToLower(w), start: i, end: j, capital: unicode.IsUpper(r) || unicode.IsDigit(r) || unicode.IsLetter(r) && !unicode.IsLower(r), possessive: poss})
		i = j
	}
	return toks
}

// form is a title (or another title) as a sequence of word keys.
type form struct {
	keys  []string
	id    int
	exact bool // compare capitalised words case-sensitively
	book  bool // match only to keep its words from labelling
}

func (f form) key(t token) string {
	k := t.word
	if !f.exact || smallWords[t.lower] {
		k = t.lower
	}
	if t.possessive {
		k += "'s"
	}
	return k
}

// matcher finds the forms it holds in text. Forms are kept by their
// lower-case words: one-word forms by that word, longer ones by their
// first two words and then by all their words, so that a text naming
// thousands of titles that open alike ("Film Number 1" … "Film Number
// 9999") costs one lookup per length at each word, not one comparison per
// title.
type matcher struct {
	byFirst map[string][]form // one-word forms
	byPair  map[[2]string]*formBucket
}

// formBucket holds the forms of two or more words that open with the same
// two words.
type formBucket struct {
	lengths []int             // the forms' word counts, longest first, distinct
	byWords map[string][]form // by lower-case words joined with NUL
}

func newMatcher() *matcher {
	return &matcher{byFirst: map[string][]form{}, byPair: map[[2]string]*formBucket{}}
}

// add adds a title as a form of id. exact compares its capitalised words
// case-sensitively.
func (m *matcher) add(title string, id int, exact bool) { m.addForm(title, id, exact, false) }

func (m *matcher) addForm(title string, id int, exact, book bool) {
	toks := tokenize(title)
	if len(toks) == 0 {
		return
	}
	f := form{id: id, exact: exact, book: book}
	for _, t := range toks {
		f.keys = append(f.keys, f.key(t))
	}
	// Lookups are by lower-case words; keys keep the case.
	if len(toks) == 1 {
		k := toks[0].lower
		m.byFirst[k] = addOnce(m.byFirst[k], f)
		return
	}
	k := [2]string{toks[0].lower, toks[1].lower}
	b := m.byPair[k]
	if b == nil {
		b = &formBucket{byWords: map[string][]form{}}
		m.byPair[k] = b
	}
	words := wordsKey(toks)
	if _, ok := b.byWords[words]; !ok {
		i := sort.Search(len(b.lengths), func(i int) bool { return b.lengths[i] <= len(toks) })
		if i == len(b.lengths) || b.lengths[i] != len(toks) {
			b.lengths = append(b.lengths, 0)
			copy(b.lengths[i+1:], b.lengths[i:])
			b.lengths[i] = len(toks)
		}
	}
	b.byWords[words] = addOnce(b.byWords[words], f)
}

// wordsKey joins the lower-case words of toks with NUL.
func wordsKey(toks []token) string {
	var b strings.Builder
	for i, t := range toks {
		if i > 0 {
			b.WriteByte(0)
		}
		b.WriteString(t.lower)
	}
	return b.String()
}

// addOnce adds f to fs unless fs has the same form of the same id.
func addOnce(fs []form, f form) []form {
	for _, g := range fs {
		if g.id == f.id && slices.Equal(g.keys, f.keys) {
			return fs
		}
	}
	return append(fs, f)
}

// hit is a form found in a text.
type hit struct {
	start, end int
	id         int
	book       bool
}

// findAll returns the forms found in text, longest first at each place,
// never overlapping.
func (m *matcher) findAll(text string) []hit {
	if len(m.byFirst) == 0 && len(m.byPair) == 0 {
		return nil
	}
	toks := tokenize(text)
	var out []hit
	for i := 0; i < len(toks); {
		matched := 0
		try := func(forms []form) bool {
			for _, f := range forms {
				n := len(f.keys)
				if i+n > len(toks) || !f.matches(toks[i:i+n]) || glued(toks, i, n) {
					continue
				}
				out = append(out, hit{start: toks[i].start, end: toks[i+n-1].end, id: f.id, book: f.book})
				matched = n
				return true
			}
			return false
		}
		found := false
		if i+1 < len(toks) {
			if b := m.byPair[[2]string{toks[i].lower, toks[i+1].lower}]; b != nil {
				for _, n := range b.lengths {
					if i+n <= len(toks) && try(b.byWords[wordsKey(toks[i:i+n])]) {
						found = true
						break
					}
				}
			}
		}
		if !found {
			try(m.byFirst[toks[i].lower])
		}
		i += max(matched, 1)
	}
	return out
}

func (f form) matches(toks []token) bool {
	for j, k := range f.keys {
		got := f.key(toks[j])
		// The last word of a mention may be possessive ("Thaw’s
		// director") where the title's is not.
		if got != k && !(j == len(f.keys)-1 && toks[j].possessive && got == k+"'s") {
			return false
		}
	}
	if f.exact {
		// A capitalised title is a mention only where the text
		// capitalises it: "Salt" is not "salt".
		for j, k := range f.keys {
			if !smallWords[strings.TrimSuffix(k, "'s")] && j < len(toks) && !toks[j].capital {
				return false
			}
		}
	}
	return true
}

// glued reports whether the n words at toks[i] are part of a longer name:
// "Great Salt", "Salt Wind", "Shin Films".
func glued(toks []token, i, n int) bool {
	if i > 0 {
		p := toks[i-1]
		if p.capital && !isDigits(p.word) && !p.punctAfter && !p.possessive && !smallWords[p.lower] && !descriptors[p.word] && !openers[p.word] {
			return true
		}
	}
	// A capitalised word right after is the rest of a longer name, even
	// after a possessive: "Mother’s Wish" is no mention of Mother, where
	// "Thaw’s director" is one of Thaw.
	if last := toks[i+n-1]; i+n < len(toks) && !last.punctAfter {
		nx := toks[i+n]
		if nx.capital && !smallWords[nx.lower] && !descriptors[nx.word] && !isDigits(nx.word) {
			return true
		}
	}
	return false
}
