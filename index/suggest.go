package index

// "Did you mean": spelling suggestions from the index's own words.
//
// The dictionary of the unstemmed field is loaded once per generation (the
// first time a search finds little) with each word's document frequency. A
// query word that is not in it, or is much rarer than a word one edit away,
// is replaced by the most frequent word within its typo distance (one edit
// for 4–8 letters, two for 9 and more). The suggestion is the query with
// those words replaced, or "" when nothing would change.

import (
	"strings"
	"unicode/utf8"
)

type termDict struct {
	freq  map[string]uint64
	terms []string
}

// dictionary loads the dictionary once; concurrent searches wait for it.
func (ix *Index) dictionary() *termDict {
	d := &ix.dict
	ix.dictOnce.Do(func() {
		d.freq = map[string]uint64{}
		fd, err := ix.bleve.FieldDict(fExact)
		if err != nil {
			return
		}
		defer fd.Close()
		for {
			e, err := fd.Next()
			if err != nil || e == nil {
				break
			}
			d.freq[e.Term] = e.Count
			d.terms = append(d.terms, e.Term)
		}
	})
	return d
}

func (ix *Index) suggest(p plan) string {
	if len(p.words) == 0 {
		return ""
	}
	d := ix.dictionary()
	text := p.q.String()
	changed := false
	for _, w := range p.words {
		n := utf8.RuneCountInString(w.exact)
		if n < 4 || w.prefix {
			continue
		}
		limit := 1
		if n >= 9 {
			limit = 2
		}
		have := d.freq[w.exact]
		best, bestFreq := "", have*10
		for _, t := range d.terms {
			if t == w.exact || t[0] != w.exact[0] {
				continue
			}
			if f := d.freq[t]; f > bestFreq && levenshtein(t, w.exact, limit) <= limit {
				best, bestFreq = t, f
			}
		}
		if best == "" {
			continue
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

// hasUnknownWord reports whether a word of the query (not being typed)
// occurs nowhere in the index: its hits came from typo tolerance.
func (ix *Index) hasUnknownWord(p plan) bool {
	d := ix.dictionary()
	for _, w := range p.words {
		if !w.prefix && searched(w, p.words) && d.freq[w.exact] == 0 {
			return true
		}
	}
	return false
}
