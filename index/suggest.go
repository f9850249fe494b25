package index

// "Did you mean": spelling suggestions from the index's own words.
//
// The dictionaries of the unstemmed and stemmed fields are loaded once per
// generation, with each word's document frequency. A query word the
// archive does not have (as written, or as an inflection of one of its
// words) is replaced by the most frequent word within its typo distance
// (one edit for 4–9 letters, two for 10 and more); a word the archive has
// is taken as meant. The suggestion is the query with those words
// replaced — real words, never stems — or "" when nothing would change.
// When the hits came through typo tolerance the result says the query was
// corrected instead (Result.Corrected).

import (
	"sort"
	"strings"
	"unicode/utf8"

	bleveindex "github.com/blevesearch/bleve_index_api"
)

type termDict struct {
	freq  map[string]uint64
	terms []string
	// stems are the stemmed field's words ("mother" for "Mother's"),
	// with their document frequencies.
	stems map[string]uint64
}

// has reports whether the archive has a word, as written or as an
// inflection of one: "Mothers" is found through "Mother's" and needs no
// typo tolerance. Only a stem the stemmer got by cutting a suffix counts:
// "Pulgasary" stems to "pulgasari" (y → i), which is a correction, not an
// inflection.
func (d *termDict) has(exact, stem string) bool {
	return d.freq[exact] > 0 || (stem != "" && strings.HasPrefix(exact, stem) && d.stems[stem] > 0)
}

// dictionary loads the dictionary once; concurrent searches wait for it.
func (ix *Index) dictionary() *termDict {
	d := &ix.dict
	ix.dictOnce.Do(func() {
		d.freq, d.stems = map[string]uint64{}, map[string]uint64{}
		load := func(field string, f func(term string, n uint64)) {
			if fd, err := ix.bleve.FieldDict(field); err == nil {
				eachTerm(fd, f)
			}
		}
		load(fExact, func(t string, n uint64) {
			d.freq[t] = n
			d.terms = append(d.terms, t)
		})
		load(fText, func(t string, n uint64) { d.stems[t] = n })
	})
	return d
}

func (ix *Index) suggest(p plan) string {
	if len(p.words) == 0 {
		return ""
	}
	d := ix.dictionary()
	// The query is written out only once a word has a replacement: this
	// runs for every search, and most have nothing to replace.
	text := ""
	changed := false
	for _, w := range p.words {
		n := utf8.RuneCountInString(w.exact)
		if n < 4 || (w.prefix && d.hasPrefix(w.exact)) {
			continue // too short to correct, or an unfinished word
		}
		limit := 1
		if n >= 10 {
			limit = 2
		}
		if d.has(w.exact, w.stem) {
			// A word of the archive is taken as meant: "Mothers Wish"
			// found its passages and is not "mother Wish".
			continue
		}
		// The likeliest of the neighbours within the distance that share
		// the first letter: those the plan looked up to search them, else
		// from Bleve's Levenshtein automaton over the term dictionary.
		typos := w.typos
		if !w.looked || w.fuzz != limit {
			all, _ := ix.typoNeighbours(w.exact, limit)
			typos = plausible(all)
		}
		best := likeliest(typos).term
		if best == "" {
			continue
		}
		if text == "" {
			text = p.q.String()
		}
		if replaced, ok := replaceWord(text, w.raw, best); ok {
			text, changed = replaced, true
		}
	}
	if !changed {
		return ""
	}
	return text
}

// eachTerm calls f with each term of a field dictionary and its document
// count, then closes it.
func eachTerm(fd bleveindex.FieldDict, f func(term string, n uint64)) {
	defer fd.Close()
	for {
		e, err := fd.Next()
		if err != nil || e == nil {
			return
		}
		f(e.Term, e.Count)
	}
}

// replaceWord replaces a whole word (case-insensitively) in a query.
func replaceWord(text, word, with string) (string, bool) {
	fields := strings.Fields(text)
	for i, f := range fields {
		if strings.EqualFold(strings.Trim(f, `"-`), word) {
			fields[i] = strings.Replace(strings.ToLower(f), strings.ToLower(word), with, 1)
			return strings.Join(fields, " "), true
		}
	}
	return text, false
}

// hasUnknownWord reports whether a word of the query occurs nowhere in the
// index, not even as the start of a word: its hits came from typo
// tolerance.
func (ix *Index) hasUnknownWord(p plan) bool {
	d := ix.dictionary()
	for _, w := range p.words {
		if searched(w, p.words) && !d.has(w.exact, w.stem) && !(w.prefix && d.hasPrefix(w.exact)) {
			return true
		}
	}
	return false
}

// hasPrefix reports whether some word of the index starts with p (the
// terms are in lexical order, as Bleve's field dictionary gives them).
func (d *termDict) hasPrefix(p string) bool {
	i := sort.SearchStrings(d.terms, p)
	return i < len(d.terms) && strings.HasPrefix(d.terms[i], p)
}
