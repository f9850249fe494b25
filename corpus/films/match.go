package films

// Finding titles in text, as whole words: "Thaw’s director" mentions
// Thaw, "Meet in Pyongyang" mentions Meet In Pyongyang, "the Great Salt
// Lake" does not mention Salt. Matching compares word sequences, so that
// a text with thousands of titles opening with "The" does not try all of
// them at every "The": forms are kept by their first two words.

import (
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

// matcher finds the forms it holds in text.
type matcher struct {
	byFirst map[string][]form // one-word forms
	byPair  map[[2]string][]form
}

func newMatcher() *matcher {
	return &matcher{byFirst: map[string][]form{}, byPair: map[[2]string][]form{}}
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
	// Lookups are by lower-case first words; keys keep the case.
	if len(toks) == 1 {
		k := toks[0].lower
		m.byFirst[k] = insertLongest(m.byFirst[k], f)
		return
	}
	k := [2]string{toks[0].lower, toks[1].lower}
	m.byPair[k] = insertLongest(m.byPair[k], f)
}

func insertLongest(fs []form, f form) []form {
	for _, g := range fs {
		if g.id == f.id && len(g.keys) == len(f.keys) && strings.Join(g.keys, "\x00") == strings.Join(f.keys, "\x00") {
			return fs
		}
	}
	fs = append(fs, f)
	sort.SliceStable(fs, func(a, b int) bool { return len(fs[a].keys) > len(fs[b].keys) })
	return fs
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
		var forms []form
		if i+1 < len(toks) {
			forms = m.byPair[[2]string{toks[i].lower, toks[i+1].lower}]
		}
		forms = append(forms[:len(forms):len(forms)], m.byFirst[toks[i].lower]...)
		matched := 0
		for _, f := range forms {
			n := len(f.keys)
			if i+n > len(toks) || !f.matches(toks[i:i+n]) || glued(toks, i, n) {
				continue
			}
			out = append(out, hit{start: toks[i].start, end: toks[i+n-1].end, id: f.id, book: f.book})
			matched = n
			break
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
