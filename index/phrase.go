package index

// Phrases, checked without maps.
//
// Bleve's phrase searcher finds the passages with every word of a phrase
// (a conjunction of term searchers that read positions) and then, for
// each, builds a map of term → locations and walks it recursively: on
// sotu ×10 "united states" (32,180 passages) took 31 ms, over half of it
// building those maps and collecting them. phraseSearcher runs the same
// conjunction, so the candidates and their scores are Bleve's, and checks
// the positions in the match's own list of term locations. Phrases here
// are exact (no slop, no fuzziness); "" stands for a stop word's gap, as in
// Bleve's PhraseQuery.

import (
	"context"
	"math"

	"github.com/blevesearch/bleve/v2/mapping"
	"github.com/blevesearch/bleve/v2/search"
	"github.com/blevesearch/bleve/v2/search/searcher"
	bleveindex "github.com/blevesearch/bleve_index_api"
)

// exactPhrase matches its terms at consecutive positions of a field, as
// Bleve's PhraseQuery without fuzziness.
type exactPhrase struct {
	field string
	terms []string
	boost float64
}

// SetBoost sets the query's boost, as on Bleve's queries.
func (q *exactPhrase) SetBoost(b float64) { q.boost = b }

func (q *exactPhrase) Searcher(ctx context.Context, i bleveindex.IndexReader, m mapping.IndexMapping, options search.SearcherOptions) (search.Searcher, error) {
	options.IncludeTermVectors = true
	var ss []search.Searcher
	for _, t := range q.terms {
		if t == "" {
			continue
		}
		s, err := searcher.NewTermSearcher(ctx, i, t, q.field, q.boost, options)
		if err != nil {
			for _, s := range ss {
				s.Close()
			}
			return nil, err
		}
		ss = append(ss, s)
	}
	if len(ss) == 0 {
		return searcher.NewMatchNoneSearcher(i)
	}
	must, err := searcher.NewConjunctionSearcher(ctx, i, ss, options)
	if err != nil {
		for _, s := range ss {
			s.Close()
		}
		return nil, err
	}
	s := &phraseSearcher{must: must, field: q.field, terms: q.terms}
	// The query norm of Bleve's phrase searcher.
	must.SetQueryNorm(1 / math.Sqrt(must.Weight()))
	return s, nil
}

// phraseSearcher hands on the matches of its conjunction whose positions
// hold the phrase.
type phraseSearcher struct {
	must  search.Searcher
	field string
	terms []string
	// curr is the conjunction's next candidate; started says it was read.
	curr    *search.DocumentMatch
	started bool
}

// holds reports whether a candidate has the phrase: its first word at
// some position p and each later word at p plus its distance in the
// phrase (gaps before the first word do not count, as in Bleve).
func (s *phraseSearcher) holds(d *search.DocumentMatch) bool {
	first := 0
	for first < len(s.terms) && s.terms[first] == "" {
		first++
	}
	for _, start := range d.FieldTermLocations {
		if start.Field != s.field || start.Term != s.terms[first] {
			continue
		}
		ok := true
		for k := first + 1; k < len(s.terms) && ok; k++ {
			if s.terms[k] != "" {
				ok = s.at(d, s.terms[k], start.Location.Pos+uint64(k-first), start.Location.ArrayPositions)
			}
		}
		if ok {
			return true
		}
	}
	return false
}

// at reports whether term stands at pos (in the same array element).
func (s *phraseSearcher) at(d *search.DocumentMatch, term string, pos uint64, ap search.ArrayPositions) bool {
	for _, l := range d.FieldTermLocations {
		if l.Location.Pos == pos && l.Term == term && l.Field == s.field && l.Location.ArrayPositions.Equals(ap) {
			return true
		}
	}
	return false
}

func (s *phraseSearcher) Next(ctx *search.SearchContext) (*search.DocumentMatch, error) {
	if !s.started {
		s.started = true
		var err error
		if s.curr, err = s.must.Next(ctx); err != nil {
			return nil, err
		}
	}
	for s.curr != nil {
		d := s.curr
		var err error
		if s.curr, err = s.must.Next(ctx); err != nil {
			return nil, err
		}
		if s.holds(d) {
			return d, nil
		}
		ctx.DocumentMatchPool.Put(d)
	}
	return nil, nil
}

func (s *phraseSearcher) Advance(ctx *search.SearchContext, id bleveindex.IndexInternalID) (*search.DocumentMatch, error) {
	if s.started && (s.curr == nil || s.curr.IndexInternalID.Compare(id) >= 0) {
		return s.Next(ctx)
	}
	s.started = true
	if s.curr != nil {
		ctx.DocumentMatchPool.Put(s.curr)
	}
	var err error
	if s.curr, err = s.must.Advance(ctx, id); err != nil {
		return nil, err
	}
	return s.Next(ctx)
}

func (s *phraseSearcher) Weight() float64            { return s.must.Weight() }
func (s *phraseSearcher) SetQueryNorm(qnorm float64) { s.must.SetQueryNorm(qnorm) }
func (s *phraseSearcher) Count() uint64              { return s.must.Count() }
func (s *phraseSearcher) Min() int                   { return 0 }
func (s *phraseSearcher) Size() int                  { return 64 + s.must.Size() }
func (s *phraseSearcher) DocumentMatchPoolSize() int { return s.must.DocumentMatchPoolSize() + 1 }
func (s *phraseSearcher) Close() error               { return s.must.Close() }
