package films

// A corpus's works: the works its articles name, merged across articles
// into one entry per title (two films of one title kept apart by their
// years), with their other titles, and the mentions of them in passages.
//
// A work found in one article labels plain mentions of it in another only
// where that is safe: the archivist's catalogue lists it, the article
// itself names it, its title is distinctive (several words, or one the
// texts never write in lower case), or a film word stands in the same
// sentence.

import (
	"regexp"
	"slices"
	"sort"
	"strings"
)

// Def is one place a corpus defines a work.
type Def struct {
	Title   string
	Year    int
	Kind    Kind
	Aliases []string
	// Article is the index of the defining article; -1 for the
	// archivist's catalogue.
	Article int
	// Rank orders definitions when they disagree: -1 the archivist's
	// catalogue, 0 a heading, a table or the article's title, 1 a
	// sentence; the lowest wins the title's spelling, year and kind.
	Rank int
	// Weak marks a work known only from a sentence, without a year: if
	// another work calls it one of its other titles, it is that work.
	Weak bool
}

// SetWork is a work of a Set.
type SetWork struct {
	Title   string
	Year    int
	Kind    Kind
	Aliases []string
}

// Set is the merged works of a corpus.
type Set struct {
	Works []SetWork
	byKey map[string][]int // Key of a title or other title → works
	// byLoose indexes the works' titles by LooseKey.
	byLoose map[string][]int
	match   *matcher
	// definedIn are, per work, the articles that name it; trusted marks
	// the archivist's entries, which label mentions everywhere.
	definedIn []map[int]bool
	trusted   []bool
	// surface counts how the texts write each work's words.
	surface map[int]map[string]int
}

// NewSet merges definitions (in corpus order) into one work per title and
// year, and prepares finding their mentions.
func NewSet(defs []Def) *Set {
	s := &Set{byKey: map[string][]int{}, byLoose: map[string][]int{}, surface: map[int]map[string]int{}}
	defs = slices.Clone(defs)
	sort.SliceStable(defs, func(i, j int) bool { return defs[i].Rank < defs[j].Rank })
	var weak []bool
	for _, d := range defs {
		if i, ok := s.find(d.Title, d.Year); ok && (d.Kind == KindBook) == (s.Works[i].Kind == KindBook) {
			w := &s.Works[i]
			if w.Year == 0 {
				w.Year = d.Year
			}
			w.Aliases = append(w.Aliases, d.Aliases...)
			weak[i] = weak[i] && d.Weak
			s.definedIn[i][d.Article] = true
			continue
		}
		i := len(s.Works)
		s.Works = append(s.Works, SetWork{Title: d.Title, Year: d.Year, Kind: d.Kind, Aliases: slices.Clone(d.Aliases)})
		s.byKey[Key(d.Title)] = append(s.byKey[Key(d.Title)], i)
		if lk := LooseKey(d.Title); lk != "" {
			s.byLoose[lk] = append(s.byLoose[lk], i)
		}
		weak = append(weak, d.Weak)
		s.definedIn = append(s.definedIn, map[int]bool{d.Article: true})
		s.trusted = append(s.trusted, d.Rank < 0)
		if d.Rank < 0 {
			// The archivist's other titles lead to the work at once, so
			// that an extracted title equal to one merges into it.
			for _, a := range d.Aliases {
				if _, ok := s.byKey[Key(a)]; !ok {
					s.byKey[Key(a)] = []int{i}
				}
			}
		}
	}
	removed := make([]bool, len(s.Works))
	absorbed := make([]int, len(s.Works))
	for i := range s.Works {
		w := &s.Works[i]
		w.Aliases = append(w.Aliases, derivedAliases(w.Title)...)
		var clean []string
		seen := map[string]bool{Key(w.Title): true}
		for _, a := range w.Aliases {
			k := Key(a)
			if seen[k] || len(k) < 2 {
				continue
			}
			if js := s.byKey[k]; len(js) > 0 && !slices.Contains(js, i) {
				j := js[0]
				if removed[j] || !weak[j] || weak[i] {
					continue // another work's title
				}
				// "Snow Melts in Spring", the other title of Thaw.
				removed[j], absorbed[j] = true, i
				for a := range s.definedIn[j] {
					s.definedIn[i][a] = true
				}
			}
			seen[k] = true
			clean = append(clean, a)
		}
		w.Aliases = clean
		if w.Aliases == nil {
			w.Aliases = []string{}
		}
		for _, a := range clean {
			if js := s.byKey[Key(a)]; !slices.Contains(js, i) {
				s.byKey[Key(a)] = append(js, i)
			}
		}
	}
	if slices.Contains(removed, true) {
		remap := make([]int, len(s.Works))
		var works []SetWork
		var in []map[int]bool
		var trusted []bool
		for i, w := range s.Works {
			remap[i] = -1
			if !removed[i] {
				remap[i] = len(works)
				works = append(works, w)
				in = append(in, s.definedIn[i])
				trusted = append(trusted, s.trusted[i])
			}
		}
		s.Works, s.definedIn, s.trusted = works, in, trusted
		for k, is := range s.byKey {
			var out []int
			for _, i := range is {
				if removed[i] {
					i = absorbed[i]
				}
				if r := remap[i]; r >= 0 && !slices.Contains(out, r) {
					out = append(out, r)
				}
			}
			s.byKey[k] = out
		}
	}
	s.match = newMatcher()
	for i, w := range s.Works {
		forms := []string{w.Title}
		if tw := words(w.Title); len(tw) >= 3 && (tw[0] == "The" || tw[0] == "A" || tw[0] == "An") {
			forms = append(forms, strings.Join(tw[1:], " ")) // "Silver Hairpin"
		}
		for _, a := range w.Aliases {
			// One-word other titles (translations such as "Sea") are
			// searchable but find no mentions: as common words they would
			// label unrelated passages.
			if len(tokenize(a)) >= 2 || !commonWords[strings.ToLower(a)] && len([]rune(a)) >= 4 {
				forms = append(forms, a)
			}
		}
		for _, f := range forms {
			s.match.addForm(f, i, true, w.Kind == KindBook)
		}
	}
	return s
}

// find returns the work a title of a given year names: a work of that
// title whose year is unknown or within two years.
func (s *Set) find(title string, year int) (int, bool) {
	ids := s.byKey[Key(title)]
	if len(ids) == 0 {
		ids = s.byLoose[LooseKey(title)]
	}
	for _, i := range ids {
		wy := s.Works[i].Year
		if year == 0 || wy == 0 || wy-year <= 2 && year-wy <= 2 {
			return i, true
		}
	}
	return -1, false
}

// Find returns the work a title of a year (0 for any) names.
func (s *Set) Find(title string, year int) (int, bool) { return s.find(title, year) }

// Lookup returns the work a title or other title names (the first of
// several of one title).
func (s *Set) Lookup(title string) (int, bool) {
	if is := s.byKey[Key(title)]; len(is) > 0 {
		return is[0], true
	}
	return -1, false
}

// Trusted reports whether the archivist's catalogue lists work i.
func (s *Set) Trusted(i int) bool { return s.trusted[i] }

// Mentions returns the works mentioned in text of article a, in order of
// first mention, keeping only the mentions that are safe there (see the
// package comment of set.go). distinctive says, per work, whether its
// title is distinctive in the corpus.
func (s *Set) Mentions(text string, a int, distinctive []bool) []int {
	var found []int
	for _, h := range s.match.findAll(text) {
		if h.book {
			continue
		}
		s.countSurface(h.id, text[h.start:h.end])
		if slices.Contains(found, h.id) {
			continue
		}
		// A title that is also an ordinary word is the film where the
		// text could not mean the word: not at the start of a sentence
		// ("Salt was scarce"), or with a film word beside it.
		safe := distinctive[h.id] || filmWordInSentence(text, h.start, h.end)
		if s.trusted[h.id] || safe || s.definedIn[h.id][a] && !sentenceStart(text, h.start) {
			found = append(found, h.id)
		}
	}
	return found
}

// sentenceStart reports whether offset at opens a sentence of text.
func sentenceStart(text string, at int) bool {
	before := strings.TrimRight(text[:at], " \"“‘'(")
	return before == "" || strings.ContainsRune(".!?:;", lastRune(before))
}

func filmWordInSentence(text string, start, end int) bool {
	s0, s1 := sentenceAround(text, start, end)
	return filmWordList.has(text[s0:start]) || filmWordList.has(text[end:s1])
}

// Distinctive says, per work, whether its title is distinctive: several
// content words, or one that the texts never write in lower case.
func (s *Set) Distinctive(lower map[string]bool) []bool {
	out := make([]bool, len(s.Works))
	for i, w := range s.Works {
		content := 0
		last := ""
		for _, t := range tokenize(w.Title) {
			if !smallWords[t.lower] {
				content++
				last = t.lower
			}
		}
		out[i] = content >= 2 || content == 1 && !lower[last]
	}
	return out
}

// countSurface counts how a text writes a mention (for Recase).
func (s *Set) countSurface(w int, written string) {
	if s.surface[w] == nil {
		s.surface[w] = map[string]int{}
	}
	var ws []string
	for _, t := range tokenize(written) {
		ws = append(ws, t.word)
	}
	s.surface[w][strings.Join(ws, " ")]++
}

// Recase gives each work's title the letter case the texts write it in
// most, when the two differ only in the case of small title words ("Meet
// in Pyongyang", not the heading's "Meet In Pyongyang") or the title was
// a heading in capitals ("SEA OF BLOOD"). The archivist's titles keep
// their case. It returns the old titles that changed, with the new.
func (s *Set) Recase() map[string]string {
	rename := map[string]string{}
	for w, variants := range s.surface {
		if s.trusted[w] {
			continue
		}
		title := strings.Fields(s.Works[w].Title)
		bestV, bestN := "", 0
		for v, n := range variants {
			if n > bestN || n == bestN && v < bestV {
				bestV, bestN = v, n
			}
		}
		vw := strings.Fields(bestV)
		joined := strings.Join(title, " ")
		if len(vw) != len(title) || variants[joined] >= bestN {
			continue
		}
		old := s.Works[w].Title
		if joined == strings.ToUpper(joined) && bestV != strings.ToUpper(bestV) && strings.EqualFold(joined, bestV) {
			s.Works[w].Title = bestV
			rename[old] = bestV
			continue
		}
		changed := false
		for j := range title {
			if title[j] != vw[j] && strings.EqualFold(title[j], vw[j]) && smallWords[strings.ToLower(vw[j])] && j > 0 {
				title[j] = vw[j]
				changed = true
			}
		}
		if changed {
			s.Works[w].Title = strings.Join(title, " ")
			rename[old] = s.Works[w].Title
		}
	}
	return rename
}

// derivedAliases are short forms of a title that people write: the main
// title before a subtitle ("Ten Zan" of "Ten Zan – The Ultimate
// Mission").
func derivedAliases(title string) []string {
	for _, sep := range []string{" – ", " — ", " - ", ": "} {
		if main, _, ok := strings.Cut(title, sep); ok && titleLike(main) && !(len(words(main)) == 1 && commonWords[strings.ToLower(main)]) {
			return []string{strings.TrimSpace(main)}
		}
	}
	return nil
}

// HeadingTitle reads a heading as a title and the year written with it
// ("Bird (1992) (Ba-do / Sea)", "Review: The Flower Girl (North Korea,
// 1972)", "7. Moonraker (1979)"): year is 0 when the heading gives none.
func HeadingTitle(h string) (title string, year int, alts []string) {
	title, year, alts, _ = headingTitle(h)
	return title, year, alts
}

// RefersToFilm reports whether a text speaks of "the film" or "this movie"
// without naming it.
func RefersToFilm(text string) bool { return filmRefRE.MatchString(text) }

var filmRefRE = regexp.MustCompile(`(?i)\b(?:the|this) (?:film|movie|picture|documentary)\b`)
