package index

// One word's clauses, scored straight from the postings.
//
// A word matches in up to six fields (fExact, fText, film titles, section,
// title, author: wordClauses), and Bleve scores them with a disjunction of
// term searchers: every posting of every field goes through the scorch term
// reader, a TermFieldDoc, the term scorer (three divisions and a square
// root), a pooled DocumentMatch and the disjunction's comparison of 8-byte
// IDs. Searching "state" on sotu ×10 spent two thirds of its time there, a
// fifth in the scorer's arithmetic alone. wordSearcher reads each term's
// postings from the generation's one segment and keeps a document number,
// a frequency and a field length per term; the scores of the documents it
// hands on are computed with Bleve's formulas in Bleve's order (the term
// scorer's BM25, the query norm and coordination factor of its slice
// disjunction, summed in the order it sorts its searchers), so they are
// Bleve's to the bit: TestWordSearcherScoresAsBleve compares the hits of
// searches of every kind with those of Bleve's searchers. Clauses that are
// not single terms (typo neighbours, prefixes) keep their own searchers
// inside it, and read their terms' postings the same way (termsSearcher).

import (
	"cmp"
	"context"
	"encoding/binary"
	"math"
	"slices"
	"sync"

	"github.com/blevesearch/bleve/v2/index/scorch"
	"github.com/blevesearch/bleve/v2/mapping"
	"github.com/blevesearch/bleve/v2/search"
	"github.com/blevesearch/bleve/v2/search/query"
	"github.com/blevesearch/bleve/v2/search/scorer"
	"github.com/blevesearch/bleve/v2/search/searcher"
	bleveindex "github.com/blevesearch/bleve_index_api"
	segment "github.com/blevesearch/scorch_segment_api/v2"
	zap "github.com/blevesearch/zapx/v17"
)

// wordDisjunction matches any of its clauses, as Bleve's DisjunctionQuery
// with no minimum.
type wordDisjunction struct {
	clauses []query.Query
}

func (q *wordDisjunction) Searcher(ctx context.Context, i bleveindex.IndexReader, m mapping.IndexMapping, options search.SearcherOptions) (search.Searcher, error) {
	seg := fusedSegment(ctx, i, options)
	if seg == nil || len(q.clauses) > searcher.DisjunctionHeapTakeover {
		return query.NewDisjunctionQuery(q.clauses).Searcher(ctx, i, m, options)
	}
	var kids []*wordKid
	fail := func(err error) (search.Searcher, error) {
		wordKids(kids).Close()
		return nil, err
	}
	for _, c := range q.clauses {
		t, ok := c.(*query.TermQuery)
		if !ok {
			sr, err := c.Searcher(ctx, i, m, options)
			if err != nil {
				return fail(err)
			}
			kids = append(kids, &wordKid{searcher: sr, count: sr.Count()})
			continue
		}
		field := t.FieldVal
		if field == "" {
			field = m.DefaultSearchField()
		}
		k, err := postingsKid(ctx, i, seg, t.Term, field, t.BoostVal.Value())
		if err != nil {
			return fail(err)
		}
		if k == nil { // not scored with BM25 after all: Bleve scores it
			wordKids(kids).Close()
			return query.NewDisjunctionQuery(q.clauses).Searcher(ctx, i, m, options)
		}
		kids = append(kids, k)
	}
	if len(kids) == 0 {
		return searcher.NewMatchNoneSearcher(i)
	}
	return newWordSearcher(kids), nil
}

// fusedSegment is the segment whose postings wordSearcher and wideSearcher
// may read for a search, or nil: the generation's one segment, when the
// search scores with BM25 and asks for nothing else of the postings.
func fusedSegment(ctx context.Context, i bleveindex.IndexReader, options search.SearcherOptions) *scorch.SegmentSnapshot {
	snap, ok := i.(*scorch.IndexSnapshot)
	if !ok || len(snap.Segments()) != 1 || options.Score == "none" || options.IncludeTermVectors || options.Explain || !bm25Of(ctx) {
		return nil
	}
	if _, synonyms := ctx.Value(search.FieldTermSynonymMapKey).(search.FieldTermSynonymMap); synonyms {
		return nil
	}
	if ctx.Value(bleveTermsKey{}) != nil {
		return nil
	}
	return snap.Segments()[0]
}

// bleveTermsKey in a search's context turns fusedSegment off
// (Index.bleveTerms).
type bleveTermsKey struct{}

// newWordSearcher sorts its kids and sets their query norm as Bleve's
// slice disjunction does: by count (an insertion sort at this size, so
// stable), and the norm from their weights summed in that order.
func newWordSearcher(kids wordKids) *wordSearcher {
	slices.SortStableFunc(kids, func(a, b *wordKid) int { return cmp.Compare(a.count, b.count) })
	s := &wordSearcher{wordKids: kids}
	s.SetQueryNorm(1.0 / math.Sqrt(kids.Weight()))
	return s
}

// Close closes the searchers among the kids and returns their caches.
func (ks wordKids) Close() error {
	var first error
	for _, k := range ks {
		if k.cache != nil {
			clear(k.cache[:])
			scoreCaches.Put(k.cache)
			k.cache = nil
		}
		if k.searcher != nil {
			if err := k.searcher.Close(); err != nil && first == nil {
				first = err
			}
		}
	}
	return first
}

// bm25Of reports whether the search scores with BM25 (the mapping's model).
func bm25Of(ctx context.Context) bool {
	f, ok := ctx.Value(search.GetScoringModelCallbackKey).(search.GetScoringModelCallbackFn)
	return ok && f() == bleveindex.BM25Scoring
}

// postingsKid is a term of a field read from seg, with the statistics
// Bleve's term searcher would score it with; nil when it would not score
// its postings with BM25.
func postingsKid(ctx context.Context, i bleveindex.IndexReader, seg *scorch.SegmentSnapshot, term, field string, boost float64) (*wordKid, error) {
	if err := search.RecordTermSearcher(ctx); err != nil {
		return nil, err
	}
	// The document count and average field length, as searcher's
	// bm25ScoreMetrics.
	var total uint64
	var cardinality int
	if st, ok := ctx.Value(search.BM25StatsKey).(*search.BM25Stats); ok {
		total = uint64(st.DocCount)
		if cardinality, ok = st.FieldCardinality[field]; !ok {
			return nil, nil
		}
	} else {
		n, err := i.DocCount()
		if err != nil {
			return nil, err
		}
		total = n
		if r, ok := i.(bleveindex.BM25Reader); ok {
			if cardinality, err = r.FieldCardinality(field); err != nil {
				return nil, err
			}
		}
	}
	var avg float64
	if total > 0 || cardinality > 0 {
		avg = math.Ceil(float64(cardinality) / float64(total))
	}
	dict, err := seg.Segment().Dictionary(field)
	if err != nil {
		return nil, err
	}
	pl, err := dict.PostingsList([]byte(term), seg.Deleted(), nil)
	if err != nil {
		return nil, err
	}
	k := &wordKid{postings: pl, count: pl.Count(), boost: boost, avg: avg}
	// As the term scorer's computeIDF.
	switch {
	case avg > 0:
		k.idf = math.Log(1 + (float64(total)-float64(k.count)+0.5)/(float64(k.count)+0.5))
	case k.count == 0:
		// A field no passage has (no length to average): Bleve scores
		// it with TF-IDF, whose idf counts in the query norm; there is
		// no posting to score.
		k.idf = 1.0 + math.Log(float64(total)/float64(k.count+1.0))
	default:
		return nil, nil
	}
	return k, nil
}

// noDoc marks a clause with no more postings.
const noDoc = math.MaxUint64

// wordKid is one clause of a wordSearcher: a term's postings, or another
// searcher.
type wordKid struct {
	count uint64
	// A term's postings and its scoring: boost, idf, the field's average
	// length, and the weight the query norm gives it.
	postings        segment.PostingsList
	it              segment.PostingsIterator
	boost, idf, avg float64
	weight          float64
	// freq and norm are the current posting's; length is the field
	// length behind norm (noLength: unknown, norm is set), and norm is
	// computed from it when a score needs it.
	freq   uint64
	norm   float64
	length uint64
	// cache holds the scores of frequency 1 by field length, for a term
	// with many postings (most postings are of frequency 1, and field
	// lengths repeat).
	cache *[cachedLengths]float64
	// Another clause's searcher and its current match.
	searcher search.Searcher
	match    *search.DocumentMatch
	doc      uint64 // the current document, or noDoc
}

func (k *wordKid) Weight() float64 {
	if k.searcher != nil {
		return k.searcher.Weight()
	}
	w := k.boost * k.idf
	return w * w
}

func (k *wordKid) setQueryNorm(qnorm float64) {
	if k.searcher != nil {
		k.searcher.SetQueryNorm(qnorm)
		return
	}
	k.weight = k.boost * k.idf * qnorm
}

// score is the kid's score at its current document.
func (k *wordKid) score() float64 {
	if k.searcher != nil {
		return k.match.Score
	}
	if k.freq == 1 && k.length < cachedLengths && k.cache != nil {
		if sc := k.cache[k.length]; sc != 0 {
			return sc
		}
		sc := k.bm25()
		k.cache[k.length] = sc
		return sc
	}
	return k.bm25()
}

// bm25 is the term scorer's score (TermQueryScorer.Score): BM25 with tf
// the square root of the frequency and the field length recovered from
// the norm, times the query weight.
func (k *wordKid) bm25() float64 {
	var tf float64
	if k.freq < scorer.MaxSqrtCache {
		tf = scorer.SqrtCache[int(k.freq)]
	} else {
		tf = math.Sqrt(float64(k.freq))
	}
	norm := k.norm
	if k.length != noLength {
		norm = float64(float32(1.0 / math.Sqrt(float64(k.length)))) // zap's Posting.Norm
	}
	fieldLength := 1 / (norm * norm)
	score := k.idf * (tf * search.BM25_k1) /
		(tf + search.BM25_k1*(1-search.BM25_b+(search.BM25_b*fieldLength/k.avg)))
	if k.weight != 1.0 {
		score = score * k.weight
	}
	return score
}

// noLength marks a posting whose field length is not known.
const noLength = math.MaxUint64

// cachedLengths: field lengths below it have their scores cached.
const cachedLengths = 512

// cachedFrom is the number of postings from which a term caches scores
// (a variable for tests, whose archives are small).
var cachedFrom uint64 = 1024

var scoreCaches = sync.Pool{New: func() any { return new([cachedLengths]float64) }}

// take records p (nil: no more postings) as the kid's current document.
// zap's postings give the field length as stored, without the square
// root of Norm.
func (k *wordKid) take(p segment.Posting) {
	switch p := p.(type) {
	case nil:
		k.doc = noDoc
	case *zap.Posting:
		k.doc, k.freq, k.length = p.Number(), p.Frequency(), p.NormUint64()
	default:
		k.doc, k.freq, k.norm, k.length = p.Number(), p.Frequency(), p.Norm(), noLength
	}
}

// iterate starts the kid's postings.
func (k *wordKid) iterate() segment.PostingsIterator {
	if k.count >= cachedFrom {
		k.cache = scoreCaches.Get().(*[cachedLengths]float64)
	}
	return k.postings.Iterator(true, true, false, nil)
}

// takeMatch records a searcher's match as the kid's current document.
func (k *wordKid) takeMatch(ctx *search.SearchContext, d *search.DocumentMatch) {
	if k.match != nil {
		ctx.DocumentMatchPool.Put(k.match)
	}
	k.match, k.doc = d, noDoc
	if d != nil {
		if n, ok := docNum(d.IndexInternalID); ok {
			k.doc = n
		}
	}
}

// step moves the kid on: to its next document (id nil), or to its first
// at or after id, whose document number is n.
func (k *wordKid) step(ctx *search.SearchContext, id bleveindex.IndexInternalID, n uint64) error {
	if k.searcher != nil {
		var d *search.DocumentMatch
		var err error
		if id == nil {
			d, err = k.searcher.Next(ctx)
		} else {
			d, err = k.searcher.Advance(ctx, id)
		}
		if err != nil {
			return err
		}
		k.takeMatch(ctx, d)
		return nil
	}
	if k.it == nil {
		k.it = k.iterate()
	}
	var p segment.Posting
	var err error
	if id == nil {
		p, err = k.it.Next()
	} else {
		p, err = k.it.Advance(n)
	}
	if err != nil {
		return err
	}
	k.take(p)
	return nil
}

// wordKids are a disjunction's clauses, whose weights, query norm and
// counts are the disjunction's: wordSearcher and wideSearcher embed them.
type wordKids []*wordKid

func (ks wordKids) Weight() float64 {
	var w float64
	for _, k := range ks {
		w += k.Weight()
	}
	return w
}

func (ks wordKids) SetQueryNorm(qnorm float64) {
	for _, k := range ks {
		k.setQueryNorm(qnorm)
	}
}

func (ks wordKids) Count() uint64 {
	var n uint64
	for _, k := range ks {
		n += k.count
	}
	return n
}

func (ks wordKids) Min() int { return 0 }

// size is the kids' part of a searcher's Size.
func (ks wordKids) size() int {
	n := 0
	for _, k := range ks {
		n += 96
		if k.searcher != nil {
			n += k.searcher.Size()
		}
		if k.it != nil {
			n += k.it.Size()
		}
	}
	return n
}

// wordSearcher is a disjunction of wordKids, one document at a time
// (see the file comment).
type wordSearcher struct {
	wordKids
	started bool
}

func (s *wordSearcher) start(ctx *search.SearchContext) error {
	s.started = true
	for _, k := range s.wordKids {
		if err := k.step(ctx, nil, 0); err != nil {
			return err
		}
	}
	return nil
}

// emit hands on the first current document of the kids, scored as
// Bleve's disjunction scores it, and moves the kids that held it on.
func (s *wordSearcher) emit(ctx *search.SearchContext) (*search.DocumentMatch, error) {
	least := uint64(noDoc)
	for _, k := range s.wordKids {
		least = min(least, k.doc)
	}
	if least == noDoc {
		return nil, nil
	}
	var sum float64
	matched := 0
	for _, k := range s.wordKids {
		if k.doc == least {
			sum += k.score()
			matched++
		}
	}
	d := ctx.DocumentMatchPool.Get()
	d.IndexInternalID = binary.BigEndian.AppendUint64(d.IndexInternalID[:0], least)
	d.Score = sum * (float64(matched) / float64(len(s.wordKids)))
	for _, k := range s.wordKids {
		if k.doc == least {
			if err := k.step(ctx, nil, 0); err != nil {
				ctx.DocumentMatchPool.Put(d)
				return nil, err
			}
		}
	}
	return d, nil
}

func (s *wordSearcher) Next(ctx *search.SearchContext) (*search.DocumentMatch, error) {
	if !s.started {
		if err := s.start(ctx); err != nil {
			return nil, err
		}
	}
	return s.emit(ctx)
}

func (s *wordSearcher) Advance(ctx *search.SearchContext, id bleveindex.IndexInternalID) (*search.DocumentMatch, error) {
	if !s.started {
		if err := s.start(ctx); err != nil {
			return nil, err
		}
	}
	n, ok := docNum(id)
	if !ok {
		return s.emit(ctx)
	}
	for _, k := range s.wordKids {
		if k.doc < n {
			if err := k.step(ctx, id, n); err != nil {
				return nil, err
			}
		}
	}
	return s.emit(ctx)
}

// DocumentMatchPoolSize: the match handed on and each searcher kid's.
func (s *wordSearcher) DocumentMatchPoolSize() int {
	n := 1
	for _, k := range s.wordKids {
		if k.searcher != nil {
			n += 1 + k.searcher.DocumentMatchPoolSize()
		}
	}
	return n
}

func (s *wordSearcher) Size() int { return 64 + s.wordKids.size() }

// Validate validates the clauses, as Bleve's disjunction does.
func (q *wordDisjunction) Validate() error {
	return query.NewDisjunctionQuery(q.clauses).Validate()
}
