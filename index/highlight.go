package index

// Highlighting, done in Go rather than by Bleve's highlighter.
//
// The passage text is analysed again with the index's own analyzers, and a
// token is marked when it is one the query matched: the same exact word,
// the same stem, within the word's typo distance, or (last word) sharing
// its prefix; phrase words are marked where the whole phrase occurs. This
// needs no term vectors or stored locations, marks exactly what the
// searcher matched (including typo and prefix matches, which Bleve's
// highlighter cannot see), and keeps offsets on the displayed text because
// folding happens at the token level.
//
// Fragments are windows of about 200 characters around the densest groups
// of marks, at most three, in text order, cut at spaces with an ellipsis.
// Every character of text is HTML-escaped here, in one place; the only tags
// in a fragment are <mark> and </mark>. Adjacent marks separated only by
// spaces or punctuation are merged, so a phrase is one mark.

import (
	"html"
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/blevesearch/bleve/v2/analysis"

	"cinesearch/corpus"
)

const (
	fragmentChars = 200
	maxFragments  = 3
)

type highlighter struct {
	ix      *Index
	exact   map[string]bool
	stems   map[string]bool
	fuzzy   []qword
	prefix  []string
	phrases [][]string
	// stemInitials are the first bytes of the query's stems. The English
	// stemmer rewrites endings, never the first letter, so a token whose
	// first byte is not among them cannot stem to a query stem: most
	// tokens of a passage are dismissed without stemming.
	stemInitials [256]bool
	// initials are the first letters of every word the query can match
	// (see candidates).
	initials map[rune]bool
}

func (ix *Index) newHighlighter(p plan) *highlighter {
	// The words and phrases searched, with the alternatives of OR groups.
	words, phrases := p.words, p.phrases
	var alts []qword
	for _, g := range p.either {
		for _, a := range g {
			alts = append(alts, a.words...)
			if len(a.phrase) > 0 {
				phrases = append(phrases[:len(phrases):len(phrases)], a.phrase)
			}
		}
	}
	h := &highlighter{ix: ix, exact: map[string]bool{}, stems: map[string]bool{}, phrases: phrases, initials: map[rune]bool{}}
	for _, ph := range phrases {
		for _, w := range ph {
			h.addInitials(w)
		}
	}
	for i, w := range append(words[:len(words):len(words)], alts...) {
		if i < len(words) && !searched(w, words) {
			continue
		}
		h.exact[w.exact] = true
		h.addInitials(w.exact)
		if w.stem != "" {
			h.stems[w.stem] = true
			h.stemInitials[w.stem[0]] = true
			h.addInitials(w.stem)
		}
		switch {
		case w.fuzz > 0 && w.looked:
			// The words the search matched for the typo, looked up once.
			for _, t := range w.typos {
				h.exact[t.term] = true
			}
		case w.fuzz > 0:
			h.fuzzy = append(h.fuzzy, w)
		}
		if w.prefix {
			h.prefix = append(h.prefix, w.exact)
		}
	}
	return h
}

// token is a word of a passage that may match the query.
type token struct {
	start, end int
	pos        int // 1-based word position, counting every word
	term       string
}

// candidates splits text into words and returns, analysed as fExact
// analyses them, the words whose first letter (lowercased, folded) is the
// first letter of something the query can match. Words are runs of letters,
// digits and marks with inner apostrophes, as the index's tokenizer finds
// them; most words of a passage are dismissed on their first letter
// without being analysed, which made highlighting ten times faster than
// running the analyzer over every hit.
func (h *highlighter) candidates(text string) []token {
	var out []token
	pos := 0
	for i := 0; i < len(text); {
		r, n := utf8.DecodeRuneInString(text[i:])
		if !isWordRune(r) {
			i += n
			continue
		}
		start := i
		first := r
		for i < len(text) {
			r, n := utf8.DecodeRuneInString(text[i:])
			if isWordRune(r) {
				i += n
				continue
			}
			if (r == '\'' || r == '’') && i+n < len(text) {
				if next, _ := utf8.DecodeRuneInString(text[i+n:]); unicode.IsLetter(next) {
					i += n
					continue
				}
			}
			break
		}
		pos++
		if !h.initials[initial(first)] {
			continue
		}
		if term := h.ix.exactOf(text[start:i]); term != "" {
			out = append(out, token{start, i, pos, term})
		}
	}
	return out
}

func isWordRune(r rune) bool {
	if r < utf8.RuneSelf {
		// ASCII, most of any text: letters and digits only, without the
		// Unicode tables (the highlighter asks for every character of
		// every hit shown).
		l := r | 0x20
		return ('a' <= l && l <= 'z') || ('0' <= r && r <= '9')
	}
	return unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.Is(unicode.Mn, r)
}

// initial is a word's first letter as the index sees it: lowercased and
// without diacritics.
func initial(r rune) rune {
	if r < utf8.RuneSelf {
		return unicode.ToLower(r)
	}
	f := foldTerm([]byte(string(unicode.ToLower(r))))
	if fr, _ := utf8.DecodeRune(f); fr != utf8.RuneError {
		return fr
	}
	return unicode.ToLower(r)
}

// addInitials records the first letters under which a query term can
// appear in a text: its own, and those of the romanization variants that
// the analyzer maps to it ("bulgasari" for "pulgasari").
func (h *highlighter) addInitials(term string) {
	if term == "" {
		return
	}
	r, _ := utf8.DecodeRuneInString(term)
	h.initials[r] = true
	for _, v := range variantsOf[term] {
		r, _ := utf8.DecodeRuneInString(v)
		h.initials[r] = true
	}
}

// variantsOf maps a canonical spelling to the spellings that fold to it.
var variantsOf = func() map[string][]string {
	m := map[string][]string{}
	for v, c := range variantCanon {
		m[c] = append(m[c], v)
	}
	return m
}()

type span struct {
	start, end int
	term       string
}

// spans returns the byte ranges of text to mark, sorted and merged.
func (h *highlighter) spans(text string) []span {
	if len(h.exact) == 0 && len(h.phrases) == 0 {
		return nil
	}
	search := corpus.Passage{Text: text}.SearchText() // footnote markers are not words
	toks := h.candidates(search)
	var out []span
	for _, t := range toks {
		stem := ""
		if len(h.stems) > 0 && !h.exact[t.term] && h.stemInitials[t.term[0]] {
			stem = h.ix.stemOf(t.term)
		}
		if h.matches(t.term, stem) {
			out = append(out, span{t.start, t.end, t.term})
		}
	}
	if len(h.phrases) > 0 {
		// Phrases may have gaps ("") where stop words were: match by
		// position, not by index.
		at := make(map[int]int, len(toks))
		for i, t := range toks {
			at[t.pos] = i
		}
		for _, ph := range h.phrases {
			for _, t := range toks {
				if t.term != ph[0] {
					continue
				}
				end, ok := t.end, true
				for j := 1; j < len(ph) && ok; j++ {
					if ph[j] == "" {
						continue
					}
					k, found := at[t.pos+j]
					ok = found && toks[k].term == ph[j]
					end = toks[k].end
				}
				if ok {
					out = append(out, span{t.start, end, strings.Join(ph, " ")})
				}
			}
		}
	}
	sort.Slice(out, func(i, j int) bool { return out[i].start < out[j].start })
	// Merge overlapping spans and spans separated only by spaces or
	// punctuation.
	var merged []span
	for _, s := range out {
		if n := len(merged); n > 0 && s.start <= merged[n-1].end+3 && onlyGlue(text[min(merged[n-1].end, s.start):s.start]) {
			if s.end > merged[n-1].end {
				merged[n-1].end = s.end
			}
			merged[n-1].term += " " + s.term
			continue
		}
		merged = append(merged, s)
	}
	return merged
}

func onlyGlue(s string) bool {
	for _, r := range s {
		if r != ' ' && r != '-' && r != '\u00a0' {
			return false
		}
	}
	return true
}

func (h *highlighter) matches(exact, stem string) bool {
	if h.exact[exact] || (stem != "" && h.stems[stem]) {
		return true
	}
	for _, p := range h.prefix {
		if strings.HasPrefix(exact, p) {
			return true
		}
	}
	for _, w := range h.fuzzy {
		// The searcher requires the first letter to match (SetPrefix(1)).
		if exact != "" && w.exact != "" && exact[0] == w.exact[0] && levenshtein(exact, w.exact, w.fuzz) <= w.fuzz {
			return true
		}
	}
	return false
}

// fragments returns up to three highlighted excerpts of text, as HTML.
func (h *highlighter) fragments(text string) []string {
	spans := h.spans(text)
	if len(spans) == 0 {
		return []string{excerpt(text, 0, nil)}
	}
	// Group spans that fit in one window; rank groups by how many different
	// terms they mark, then by how many marks.
	type group struct {
		from, to int // span indices [from, to)
		score    int
	}
	var groups []group
	for i := 0; i < len(spans); {
		j := i + 1
		for j < len(spans) && spans[j].end-spans[i].start <= fragmentChars {
			j++
		}
		terms := map[string]bool{}
		for _, s := range spans[i:j] {
			terms[strings.ToLower(s.term)] = true
		}
		groups = append(groups, group{i, j, len(terms)*100 + (j - i)})
		i = j
	}
	sort.SliceStable(groups, func(a, b int) bool { return groups[a].score > groups[b].score })
	if len(groups) > maxFragments {
		groups = groups[:maxFragments]
	}
	sort.Slice(groups, func(a, b int) bool { return groups[a].from < groups[b].from })
	out := make([]string, 0, len(groups))
	for _, g := range groups {
		lo, hi := spans[g.from].start, spans[g.to-1].end
		pad := max(0, fragmentChars-(hi-lo)) / 2
		out = append(out, excerpt(text, max(0, lo-pad), spans[g.from:g.to]))
	}
	return out
}

// excerpt renders about fragmentChars bytes of text starting near from (cut
// at word boundaries), escaping everything and wrapping spans in <mark>.
func excerpt(text string, from int, spans []span) string {
	lo := from
	if lo > 0 {
		// Start at the beginning of a word.
		if k := strings.IndexByte(text[lo:], ' '); k >= 0 && k < 30 && (len(spans) == 0 || lo+k < spans[0].start) {
			lo += k + 1
		}
	}
	hi := min(len(text), lo+fragmentChars)
	if len(spans) > 0 && spans[len(spans)-1].end > hi {
		hi = spans[len(spans)-1].end
	}
	if hi < len(text) {
		if k := strings.LastIndexByte(text[lo:hi], ' '); k > 0 && (len(spans) == 0 || lo+k >= spans[len(spans)-1].end) {
			hi = lo + k
		}
	}
	for lo < len(text) && !utf8.RuneStart(text[lo]) {
		lo++
	}
	for hi < len(text) && !utf8.RuneStart(text[hi]) {
		hi++
	}
	var b strings.Builder
	if lo > 0 {
		b.WriteString("…")
	}
	pos := lo
	for _, s := range spans {
		if s.start < pos || s.end > hi {
			continue
		}
		b.WriteString(html.EscapeString(text[pos:s.start]))
		b.WriteString("<mark>")
		b.WriteString(html.EscapeString(text[s.start:s.end]))
		b.WriteString("</mark>")
		pos = s.end
	}
	b.WriteString(html.EscapeString(text[pos:hi]))
	if hi < len(text) {
		b.WriteString("…")
	}
	return b.String()
}

// Mark returns the whole text as HTML, escaped, with the words the query q
// matches wrapped in <mark> (the passage page's "searched words marked").
// A query that cannot be read marks nothing.
func (ix *Index) Mark(q, text string) string {
	p, err := ix.plan(Request{Query: q})
	if err != nil {
		return html.EscapeString(text)
	}
	return markAll(text, ix.newHighlighter(p).spans(text))
}

func markAll(text string, spans []span) string {
	var b strings.Builder
	pos := 0
	for _, s := range spans {
		b.WriteString(html.EscapeString(text[pos:s.start]))
		b.WriteString("<mark>")
		b.WriteString(html.EscapeString(text[s.start:s.end]))
		b.WriteString("</mark>")
		pos = s.end
	}
	b.WriteString(html.EscapeString(text[pos:]))
	return b.String()
}

// stemOf returns the text analyzer's form of an exact token ("" for a stop
// word). The text analyzer is the exact one plus stop words and the
// stemmer, so stemming the exact token alone gives what analysing the whole
// passage would — without tokenizing and stemming every passage of every
// hit again. Results are cached: a corpus has a bounded vocabulary.
func (ix *Index) stemOf(exact string) string {
	return ix.cached(&ix.stems, exact, ix.text)
}

// exactOf returns a word as fExact indexes it ("" for a stop word).
func (ix *Index) exactOf(word string) string {
	return ix.cached(&ix.exacts, word, ix.exact)
}

// cached analyses a single word with a, through the cache m. A corpus has
// a bounded vocabulary; a cache is dropped when it grows past a limit
// (hostile queries and texts cannot grow it without bound).
func (ix *Index) cached(m *map[string]string, word string, a analysis.Analyzer) string {
	ix.stemMu.RLock()
	v, ok := (*m)[word]
	ix.stemMu.RUnlock()
	if ok {
		return v
	}
	if toks := a.Analyze([]byte(word)); len(toks) == 1 {
		v = string(toks[0].Term)
	}
	ix.stemMu.Lock()
	if len(*m) >= maxCachedWords {
		*m = map[string]string{}
	}
	(*m)[word] = v
	ix.stemMu.Unlock()
	return v
}

// maxCachedWords bounds each word cache.
const maxCachedWords = 1 << 18
