package films

// The base catalogue: films that writing about North Korean cinema
// commonly names, embedded in the binary (data/known.tsv, its sources
// listed in its header). It is evidence for extraction — a catalogue
// title written with any other sign of a title is a film, and a
// distinctive one is a film alone — and it gives every film its other
// titles (Korean script, McCune–Reischauer and Revised romanizations,
// English and other-language titles), so that a search for 피바다,
// Phibada or Sea of Blood finds the same passages. Two films of one title
// are kept apart by their years. The archivist's films.yaml wins over it.

import (
	_ "embed"
	"fmt"
	"strconv"
	"strings"
	"sync"
)

//go:embed data/known.tsv
var knownTSV string

// KnownFilm is an entry of the base catalogue.
type KnownFilm struct {
	Title    string
	Year     int
	Kind     Kind
	Director string
	// Aliases are its other titles.
	Aliases []string
	// Also says what else its title names ("place", "person", "song",
	// "word"): such a title is a film only where the text gives a sign of
	// one.
	Also string
}

// Known is a catalogue of known films, indexed by title and other title.
type Known struct {
	films []KnownFilm
	byKey map[string][]int
	// byLoose indexes titles by LooseKey, for spellings that drop a small
	// word ("Ten Zan – Ultimate Mission").
	byLoose map[string][]int
	match   *matcher
}

var (
	baseOnce sync.Once
	base     *Known
	baseErr  error
)

// Base returns the embedded base catalogue. It panics if the embedded
// data cannot be read: TestBaseCatalogue keeps it readable.
func Base() *Known {
	baseOnce.Do(func() { base, baseErr = ParseKnown(knownTSV) })
	if baseErr != nil {
		panic(baseErr)
	}
	return base
}

// ParseKnown reads a catalogue in known.tsv's format: one film a line,
// tab-separated title, year, kind, director and other titles (separated
// by " | "); lines starting with "#" are comments.
func ParseKnown(data string) (*Known, error) {
	k := &Known{byKey: map[string][]int{}, byLoose: map[string][]int{}, match: newMatcher()}
	for n, line := range strings.Split(data, "\n") {
		line = strings.TrimRight(line, "\r")
		if strings.TrimSpace(line) == "" || strings.HasPrefix(line, "#") {
			continue
		}
		cols := strings.Split(line, "\t")
		if len(cols) < 3 {
			return nil, fmt.Errorf("known.tsv:%d: want title, year, kind[, director, other titles], got %d columns", n+1, len(cols))
		}
		f := KnownFilm{Title: strings.TrimSpace(cols[0]), Kind: Kind(strings.TrimSpace(cols[2]))}
		if y := strings.TrimSpace(cols[1]); y != "" && y != "-" {
			v, err := strconv.Atoi(y)
			if err != nil || v < 1880 || v > 2039 {
				return nil, fmt.Errorf("known.tsv:%d: year %q is not a year", n+1, y)
			}
			f.Year = v
		}
		switch f.Kind {
		case KindFilm, KindSeries:
		default:
			return nil, fmt.Errorf("known.tsv:%d: kind %q is not film or series", n+1, f.Kind)
		}
		if f.Title == "" {
			return nil, fmt.Errorf("known.tsv:%d: no title", n+1)
		}
		if len(cols) > 3 {
			f.Director = strings.TrimSpace(cols[3])
		}
		if len(cols) > 5 {
			f.Also = strings.TrimSpace(cols[5])
		}
		if len(cols) > 4 {
			for _, a := range strings.Split(cols[4], "|") {
				if a = strings.TrimSpace(a); a != "" && Key(a) != Key(f.Title) {
					f.Aliases = append(f.Aliases, a)
				}
			}
		}
		i := len(k.films)
		k.films = append(k.films, f)
		for _, t := range append([]string{f.Title}, f.Aliases...) {
			key := Key(t)
			if key == "" {
				continue
			}
			if !containsInt(k.byKey[key], i) {
				k.byKey[key] = append(k.byKey[key], i)
			}
			if lk := LooseKey(t); lk != "" && !containsInt(k.byLoose[lk], i) {
				k.byLoose[lk] = append(k.byLoose[lk], i)
			}
			k.match.add(t, i, true)
		}
	}
	return k, nil
}

func containsInt(s []int, v int) bool {
	for _, x := range s {
		if x == v {
			return true
		}
	}
	return false
}

// Len is the number of films in the catalogue.
func (k *Known) Len() int { return len(k.films) }

// Films returns the catalogue's films.
func (k *Known) Films() []KnownFilm { return k.films }

// Lookup returns the known film a title (or other title) names. With a
// year (0 for none), the film of that year wins; without one, the only
// film of that title, else the earliest.
func (k *Known) Lookup(title string, year int) (KnownFilm, bool) {
	if k == nil {
		return KnownFilm{}, false
	}
	ids := k.byKey[Key(title)]
	if len(ids) == 0 {
		ids = k.byLoose[LooseKey(title)]
	}
	if len(ids) == 0 {
		return KnownFilm{}, false
	}
	best := ids[0]
	for _, i := range ids {
		if year != 0 && k.films[i].Year == year {
			return k.films[i], true
		}
		if k.films[i].Year != 0 && (k.films[best].Year == 0 || k.films[i].Year < k.films[best].Year) {
			best = i
		}
	}
	if year != 0 {
		// A year a few apart is the same film (release and
		// production years differ); another title's year is not.
		for _, i := range ids {
			if d := k.films[i].Year - year; d >= -2 && d <= 2 {
				return k.films[i], true
			}
		}
		if len(ids) > 1 {
			return KnownFilm{}, false
		}
	}
	return k.films[best], true
}

// distinctive reports whether a title is distinctive enough to be a film
// wherever a text writes it capitalised: two content words or more, or
// one word that is no common word and that the text never writes in lower
// case.
func distinctive(title string, lower map[string]bool) bool {
	content := 0
	var last string
	for _, w := range words(title) {
		if b := bare(w); !smallWords[b] {
			content++
			last = b
		}
	}
	if content >= 2 {
		return true
	}
	return content == 1 && !commonWords[last] && !lower[last] && len([]rune(last)) >= 4
}
