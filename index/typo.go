package index

// Typo tolerance without building the same automaton twice.
//
// A misspelt word needs its typo neighbours twice: to match them (Bleve's
// FuzzyQuery finds them with a Levenshtein automaton over the term
// dictionary) and to say "did you mean" (the most frequent of them). Each
// Bleve request that holds a FuzzyQuery builds that automaton again — the
// hits, and each facet count that runs the query — and building it is the
// costliest part of a misspelt search (a quarter of its time on sotu, as
// much again for the suggestion). So the plan looks the neighbours up once,
// through the same dictionary call FuzzyQuery makes, and every request
// matches them with the searcher FuzzyQuery would have built: same terms,
// same edit distances, same scores.

import (
	"context"
	"unicode/utf8"

	"github.com/blevesearch/bleve/v2/mapping"
	"github.com/blevesearch/bleve/v2/search"
	"github.com/blevesearch/bleve/v2/search/searcher"
	bleveindex "github.com/blevesearch/bleve_index_api"
)

// neighbour is a word of the archive within a few edits of a query word,
// with the number of passages that have it.
type neighbour struct {
	term     string
	distance uint8
	passages uint64
}

// editCost is how much likelier a writer is to have meant a word one edit
// nearer: a neighbour two edits away is weighed as one tenth as many
// passages.
const editCost = 10

// plausibleShare is how far below the likeliest neighbour another may be
// and still be searched: at least a twentieth of its weight.
const plausibleShare = 20

// weight is how likely a writer is to have meant the neighbour: its
// passages, divided by editCost for each edit beyond the first.
func (n neighbour) weight() float64 {
	w := float64(n.passages)
	for d := uint8(1); d < n.distance; d++ {
		w /= editCost
	}
	return w
}

// plausible keeps the neighbours a writer may have meant. Edit distance
// alone treats every word within reach alike, but what was meant is most
// likely a common word near the typo: "goverment" means government (in
// thousands of passages), not a rare word a letter away; two edits from a
// long word reach many rare words, which add hits nobody asked for. A
// neighbour weighing less than 1/plausibleShare of the heaviest is dropped.
// Order is kept (Bleve's searcher takes the terms as given).
func plausible(ns []neighbour) []neighbour {
	most := likeliest(ns).weight()
	var out []neighbour
	for _, n := range ns {
		if n.weight()*plausibleShare >= most {
			out = append(out, n)
		}
	}
	return out
}

// likeliest is the neighbour a writer most probably meant: the heaviest,
// the first of equals (zero when there is none).
func likeliest(ns []neighbour) neighbour {
	var best neighbour
	for _, n := range ns {
		if best.term == "" || n.weight() > best.weight() {
			best = n
		}
	}
	return best
}

// typoNeighbours returns the words of the unstemmed field within limit
// edits of term that share its first letter, in dictionary order, as
// Bleve's FuzzyQuery with prefix 1 finds them. ok is false when the
// generation's reader cannot look them up (the plan then leaves the
// expansion to FuzzyQuery).
func (ix *Index) typoNeighbours(term string, limit int) (out []neighbour, ok bool) {
	key := typoKey{term, limit}
	ix.typoMu.RLock()
	ns, seen := ix.typos[key]
	ix.typoMu.RUnlock()
	if seen {
		return ns, true
	}
	if out, ok = ix.lookUpNeighbours(term, limit); ok {
		ix.typoMu.Lock()
		if ix.typos == nil || len(ix.typos) >= typoCacheMax {
			ix.typos = map[typoKey][]neighbour{} // start over rather than grow
		}
		ix.typos[key] = out
		ix.typoMu.Unlock()
	}
	return out, ok
}

// typoKey is a word and an edit distance, whose neighbours Index.typos
// remembers: a generation never changes, and walking the Levenshtein
// automaton over the dictionary was 4 % of a loaded server's CPU.
type typoKey struct {
	term  string
	limit int
}

// typoCacheMax bounds the words whose neighbours are remembered.
const typoCacheMax = 1 << 14

// lookUpNeighbours walks the dictionary for typoNeighbours. Callers share
// the slice it returns and must not change it.
func (ix *Index) lookUpNeighbours(term string, limit int) (out []neighbour, ok bool) {
	r, err := readerOf(ix.bleve)
	if err != nil {
		return nil, false
	}
	defer r.Close()
	fr, isFuzzy := r.(bleveindex.IndexReaderFuzzy)
	if !isFuzzy {
		return nil, false
	}
	_, size := utf8.DecodeRuneInString(term)
	fd, err := fr.FieldDictFuzzy(fExact, term, limit, term[:size])
	if err != nil {
		return nil, false
	}
	defer fd.Close()
	// The automaton's dictionary entries carry no counts: the passages
	// come from the generation's word list.
	freq := ix.dictionary().freq
	for {
		e, err := fd.Next()
		if err != nil {
			return nil, false
		}
		if e == nil {
			return out, true
		}
		out = append(out, neighbour{term: e.Term, distance: e.EditDistance, passages: freq[e.Term]})
	}
}

// neighboursQuery matches a word's typo neighbours, looked up by the plan,
// as Bleve's FuzzyQuery matches them.
type neighboursQuery struct {
	field string
	words []neighbour
	boost float64
}

// SetBoost sets the query's boost, as on Bleve's queries.
func (q *neighboursQuery) SetBoost(b float64) { q.boost = b }

func (q *neighboursQuery) Searcher(ctx context.Context, i bleveindex.IndexReader, m mapping.IndexMapping, options search.SearcherOptions) (search.Searcher, error) {
	if len(q.words) == 0 {
		return searcher.NewMatchNoneSearcher(i)
	}
	terms := make([]string, len(q.words))
	dists := make([]uint8, len(q.words))
	for k, w := range q.words {
		terms[k], dists[k] = w.term, w.distance
	}
	// Too many neighbours is Bleve's TooManyClauses error, as with
	// FuzzyQuery, and the search falls back to the words as typed.
	return termsSearcher(ctx, i, q.field, terms, dists, q.boost, options)
}
