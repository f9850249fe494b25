package index

// Filtered searches from match sets.
//
// Facet counts are disjunctive (facets.go), so a search with a film or year
// filter must see every passage its words match, in every year, to count
// the years a reader could widen to. Run through Bleve, that visit scores
// each of those passages — a common word with a ten-year filter scored
// every passage with the word to list the few of those years — and a
// filter that leaves nothing still cost the whole visit before the
// partial-match fallback ran a second one.
//
// A generation is one read-only segment, so for the words of most queries
// the set of passages they match can be had without scoring: the union of
// the postings bitmaps of every way each word matches (the clauses
// wordQuery scores), intersected over the words (or, for the partial
// fallback, "in at least half of the words"). The facets are counted from
// that set and the per-value sets of the facet table; Bleve then scores
// only the passages that pass the filters, reached by advancing the
// scoring searcher from one to the next. A filter that leaves nothing runs
// no Bleve search at all.
//
// Plans this cannot express exactly (phrases, OR groups, exclusions,
// author filters, Bleve's own fuzzy expansion, a generation of more than
// one segment) keep the facet pass.

import (
	"context"
	"encoding/binary"

	"github.com/RoaringBitmap/roaring/v2"
	"github.com/blevesearch/bleve/v2/index/scorch"
	"github.com/blevesearch/bleve/v2/mapping"
	"github.com/blevesearch/bleve/v2/search"
	"github.com/blevesearch/bleve/v2/search/query"
	"github.com/blevesearch/bleve/v2/search/scorer"
	"github.com/blevesearch/bleve/v2/search/searcher"
	bleveindex "github.com/blevesearch/bleve_index_api"
	segment "github.com/blevesearch/scorch_segment_api/v2"
)

// bitmapPostings is a postings list that can add its documents to a
// bitmap (zap's).
type bitmapPostings interface {
	OrInto(*roaring.Bitmap)
}

// narrow answers a filtered search's facets from match sets and limits its
// hits request to the passages that pass the filters (see the file
// comment). It leaves s as it is when the plan is not one it can express.
func (ix *Index) narrow(s *searches, p plan, partial bool) error {
	if ix.noSets || s.hits == nil || (len(p.films) == 0 && p.yearFrom == 0 && p.yearTo == 0) {
		return nil
	}
	matched, ok, err := ix.matchSet(p, partial)
	if err != nil || !ok {
		return err
	}
	fp := s.facets
	if fp == nil {
		// facets=0: the filters only.
		fp = ix.facets.pass(p.films, p.yearFrom, p.yearTo)
		fp.counts = nil
	}
	allowed := fp.countSets(matched)
	if allowed.IsEmpty() {
		s.hits = nil
		return nil
	}
	s.hits.Query = restrict(s.unfiltered, allowed)
	return nil
}

// countSets counts the facets of the passages in matched, as admit would
// one by one (unless the pass has no counts), and returns those that pass
// both filters.
func (fp *facetPass) countSets(matched *roaring.Bitmap) *roaring.Bitmap {
	t := fp.t
	if matched.GetCardinality()*fewDocsPerValue < uint64(len(t.terms)) || matched.GetCardinality() < fewDocs {
		// Few passages: look each up, rather than intersect the set with
		// every value's.
		allowed := roaring.New()
		it := matched.Iterator()
		for it.HasNext() {
			if n := it.Next(); fp.admitNum(uint64(n)) {
				allowed.Add(n)
			}
		}
		return allowed
	}
	byFilm, byYear := matched, matched // passing the film filter; the year filter
	if fp.filmOn {
		films := roaring.New()
		for id := range fp.films {
			films.Or(t.sets[id])
		}
		byFilm = roaring.And(matched, films)
	}
	if fp.yearOn {
		years := roaring.New()
		for id, ft := range t.terms {
			if fp.inYears(ft) {
				years.Or(t.sets[id])
			}
		}
		byYear = roaring.And(matched, years)
	}
	if fp.counts != nil {
		fp.countOver(byYear, true)  // films, over the passages in the years
		fp.countOver(byFilm, false) // years and decades, over those of the films
	}
	return roaring.And(byFilm, byYear)
}

// countOver sets the counts of the film values (films) or of the year and
// decade values (!films) to the number of passages of docs having each,
// by the cheapest of three ways: looking up each passage of a small set;
// taking the totals less the passages outside a set that holds nearly
// every passage (a word of every article's title); else intersecting the
// set with each value's.
func (fp *facetPass) countOver(docs *roaring.Bitmap, films bool) {
	t := fp.t
	wanted := func(id uint32) bool { return (t.terms[id].kind == kindFilm) == films }
	lookUp := func(docs *roaring.Bitmap, sign int32) {
		it := docs.Iterator()
		for it.HasNext() {
			for _, v := range t.ofNum(uint64(it.Next())) {
				if wanted(v) {
					fp.counts[v] += sign
				}
			}
		}
	}
	universe := uint64(len(t.offsets) - 1)
	n := docs.GetCardinality()
	switch {
	case n < fewDocs:
		lookUp(docs, 1)
	case universe-n < fewOutside:
		for id := range t.terms {
			if wanted(uint32(id)) {
				fp.counts[id] = int32(t.sets[id].GetCardinality())
			}
		}
		lookUp(roaring.Flip(docs, 0, universe), -1)
	default:
		for id := range t.terms {
			if wanted(uint32(id)) {
				fp.counts[id] = int32(docs.AndCardinality(t.sets[id]))
			}
		}
	}
}

// Below fewDocs matched passages (or fewDocsPerValue per facet value),
// countSets looks each passage up in the facet table; above, it
// intersects sets, whose cost grows with the number of values and their
// sizes, not with the matches, unless fewer than fewOutside passages are
// left out (countOver). At sotu x10 (the bench's year-filtered classes,
// mean of 20 queries, two runs) looking up was the faster way well past
// 2,048 passages — a medium word's 3,657: 0.62-0.66 -> 0.31-0.34 ms,
// misspelt words 0.48-0.51 -> 0.37-0.38 — and as fast as intersecting at
// a common word's 10,000 (0.86-1.05 / 0.87-0.92), where looking up
// everything was slower (1.12-1.14). Variables so that tests can take
// each way.
var (
	fewDocs         uint64 = 16384
	fewDocsPerValue uint64 = 4
	fewOutside      uint64 = 2048
)

// matchSet returns the passages the plan's words match (partial: at least
// half of them, as matchQuery), or ok false when the plan has matching
// rules that postings alone do not decide.
func (ix *Index) matchSet(p plan, partial bool) (set *roaring.Bitmap, ok bool, err error) {
	if len(p.phrases) > 0 || len(p.either) > 0 || len(p.q.Excluded) > 0 || len(p.authors) > 0 {
		return nil, false, nil
	}
	r, err := readerOf(ix.bleve)
	if err != nil {
		return nil, false, err
	}
	defer r.Close()
	snap, isScorch := r.(*scorch.IndexSnapshot)
	if !isScorch || len(snap.Segments()) != 1 {
		return nil, false, nil
	}
	ss := snap.Segments()[0]
	sr := setReader{r: r, seg: ss.Segment(), dicts: map[string]segment.TermDictionary{}}
	var words []*roaring.Bitmap
	for _, w := range p.words {
		if !searched(w, p.words) {
			continue
		}
		ws, ok, err := sr.wordSet(ix.wordClauses(w))
		if err != nil || !ok {
			return nil, false, err
		}
		words = append(words, ws)
	}
	switch {
	case len(words) == 0:
		// No words: a browse of the filters.
		set = roaring.New()
		set.AddRange(0, ss.Segment().Count())
	case partial:
		set = atLeast(words, (len(words)+1)/2)
	case len(words) == 1:
		set = words[0]
	default:
		set = roaring.FastAnd(words...)
	}
	if del := ss.Deleted(); del != nil {
		set.AndNot(del)
	}
	return set, true, nil
}

// atLeast returns the documents in at least k of the sets.
func atLeast(sets []*roaring.Bitmap, k int) *roaring.Bitmap {
	// in[j] holds the documents seen in at least j+1 of the sets so far.
	in := make([]*roaring.Bitmap, k)
	for j := range in {
		in[j] = roaring.New()
	}
	for _, s := range sets {
		for j := k - 1; j > 0; j-- {
			in[j].Or(roaring.And(in[j-1], s))
		}
		in[0].Or(s)
	}
	return in[k-1]
}

// setReader reads postings sets from a generation's one segment.
type setReader struct {
	r     bleveindex.IndexReader
	seg   segment.Segment
	dicts map[string]segment.TermDictionary
}

// wordSet is the union of the postings of a word's clauses; ok is false
// for a clause postings cannot decide as the search would.
func (sr *setReader) wordSet(cs []wordClause) (*roaring.Bitmap, bool, error) {
	set := roaring.New()
	for _, c := range cs {
		var terms []string
		switch {
		case c.fuzzy > 0 && !c.looked:
			return nil, false, nil // Bleve's fuzzy expansion: its terms are not known here
		case c.fuzzy > 0:
			for _, n := range c.typos {
				terms = append(terms, n.term)
			}
		case c.prefix:
			var err error
			if terms, err = sr.prefixed(c.field, c.term); err != nil {
				return nil, false, err
			}
		default:
			terms = []string{c.term}
		}
		// More terms than Bleve's clause limit fail the search, which is
		// then retried without expansion: leave that to the search.
		if searcher.DisjunctionMaxClauseCount != 0 && len(terms) > searcher.DisjunctionMaxClauseCount {
			return nil, false, nil
		}
		for _, t := range terms {
			ok, err := sr.orInto(set, c.field, t)
			if err != nil || !ok {
				return nil, false, err
			}
		}
	}
	return set, true, nil
}

// prefixed lists a field's terms that start with prefix, up to one more
// than Bleve's clause limit.
func (sr *setReader) prefixed(field, prefix string) ([]string, error) {
	d, err := sr.r.FieldDictPrefix(field, []byte(prefix))
	if err != nil {
		return nil, err
	}
	defer d.Close()
	var terms []string
	for {
		e, err := d.Next()
		if err != nil {
			return nil, err
		}
		if e == nil || (searcher.DisjunctionMaxClauseCount != 0 && len(terms) > searcher.DisjunctionMaxClauseCount) {
			return terms, nil
		}
		terms = append(terms, e.Term)
	}
}

// orInto adds the documents of a term of a field to set.
func (sr *setReader) orInto(set *roaring.Bitmap, field, term string) (bool, error) {
	d, ok := sr.dicts[field]
	if !ok {
		var err error
		if d, err = sr.seg.Dictionary(field); err != nil {
			return false, err
		}
		sr.dicts[field] = d
	}
	pl, err := d.PostingsList([]byte(term), nil, nil)
	if err != nil {
		return false, err
	}
	bp, ok := pl.(bitmapPostings)
	if !ok {
		return false, nil
	}
	bp.OrInto(set)
	return true, nil
}

// setQuery runs its query on the documents of a set only.
type setQuery struct {
	query query.Query
	docs  *roaring.Bitmap
}

func (q *setQuery) Searcher(ctx context.Context, i bleveindex.IndexReader, m mapping.IndexMapping, options search.SearcherOptions) (search.Searcher, error) {
	if all, ok := q.query.(*query.MatchAllQuery); ok {
		// Bleve's match-all searcher advances by reading every document
		// up to the target (scorch's DocIDReader: "FIXME do something
		// better"), so a filter's passages cost as much as the whole
		// generation: a year-filtered search of words too common to be
		// searched read all 122,140 passages of the bench's sotu x10.
		return &setAllSearcher{docs: q.docs, it: q.docs.Iterator(), scorer: scorer.NewConstantScorer(1.0, all.Boost(), options)}, nil
	}
	s, err := q.query.Searcher(ctx, i, m, options)
	if err != nil {
		return nil, err
	}
	return &setSearcher{Searcher: s, docs: q.docs, it: q.docs.Iterator()}, nil
}

// setSearcher hands on the matches of its searcher that are in a set,
// advancing the searcher from one document of the set to the next rather
// than visiting every match.
type setSearcher struct {
	search.Searcher
	docs *roaring.Bitmap
	it   roaring.IntPeekable
}

func (s *setSearcher) Next(ctx *search.SearchContext) (*search.DocumentMatch, error) {
	for s.it.HasNext() {
		want := s.it.Next()
		d, err := s.Searcher.Advance(ctx, docID(want))
		if err != nil || d == nil {
			return nil, err
		}
		got, ok := docNum(d.IndexInternalID)
		if ok && got == uint64(want) {
			return d, nil
		}
		// The searcher has no match at want: go on from where it is.
		if ok && got <= uint64(^uint32(0)) {
			s.it.AdvanceIfNeeded(uint32(got))
			if s.it.HasNext() && s.it.PeekNext() == uint32(got) {
				s.it.Next()
				return d, nil
			}
		}
		ctx.DocumentMatchPool.Put(d)
	}
	return nil, nil
}

func (s *setSearcher) Advance(ctx *search.SearchContext, id bleveindex.IndexInternalID) (*search.DocumentMatch, error) {
	if n, ok := docNum(id); ok && n <= uint64(^uint32(0)) {
		s.it.AdvanceIfNeeded(uint32(n))
	}
	return s.Next(ctx)
}

func (s *setSearcher) Count() uint64 { return s.docs.GetCardinality() }

// setAllSearcher matches every document of a set as Bleve's match-all
// searcher would match it: with the scorer that searcher scores with. (The
// set's passages are all live: a generation's one segment has no
// deletions.)
type setAllSearcher struct {
	docs   *roaring.Bitmap
	it     roaring.IntPeekable
	scorer *scorer.ConstantScorer
	id     [8]byte // the scorer copies the ID into its match
}

func (s *setAllSearcher) Next(ctx *search.SearchContext) (*search.DocumentMatch, error) {
	if !s.it.HasNext() {
		return nil, nil
	}
	binary.BigEndian.PutUint64(s.id[:], uint64(s.it.Next()))
	return s.scorer.Score(ctx, s.id[:]), nil
}

func (s *setAllSearcher) Advance(ctx *search.SearchContext, id bleveindex.IndexInternalID) (*search.DocumentMatch, error) {
	if n, ok := docNum(id); ok && n <= uint64(^uint32(0)) {
		s.it.AdvanceIfNeeded(uint32(n))
	}
	return s.Next(ctx)
}

func (s *setAllSearcher) Weight() float64            { return s.scorer.Weight() }
func (s *setAllSearcher) SetQueryNorm(qnorm float64) { s.scorer.SetQueryNorm(qnorm) }
func (s *setAllSearcher) Count() uint64              { return s.docs.GetCardinality() }
func (s *setAllSearcher) Min() int                   { return 0 }
func (s *setAllSearcher) Size() int                  { return 64 }
func (s *setAllSearcher) DocumentMatchPoolSize() int { return 1 }
func (s *setAllSearcher) Close() error               { return nil }

// docID is scorch's internal ID of document number n. (A new one each
// time: searchers may keep the ID they were advanced to.)
func docID(n uint32) bleveindex.IndexInternalID {
	id := make(bleveindex.IndexInternalID, 8)
	binary.BigEndian.PutUint64(id, uint64(n))
	return id
}

// restrict limits q to the documents of a set. The set goes as deep as
// the scoring must part of a must-and-should query: Bleve's boolean
// searcher, when advanced, re-advances its should searcher even where that
// is already past the target, which skips the should match it held (bleve
// v2.6 search/searcher/search_boolean.go, Advance) and loses the
// near-phrase bonus of that passage. Advanced from inside, the boolean
// searcher only ever calls Next, as in an unfiltered search.
func restrict(q query.Query, docs *roaring.Bitmap) query.Query {
	switch q := q.(type) {
	case *rankQuery:
		return &rankQuery{query: restrict(q.query, docs), factors: q.factors}
	case *query.BooleanQuery:
		if q.Must != nil && q.MustNot == nil && q.Filter == nil {
			b := *q
			b.Must = &setQuery{query: q.Must, docs: docs}
			return &b
		}
	}
	return &setQuery{query: q, docs: docs}
}
