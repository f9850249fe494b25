package index

// Ranking factors a passage carries whatever the query: its kind's weight,
// and its place in the archive to break ties.
//
// Kinds. A caption or a note repeats the words of the paragraph it belongs
// to in a few words, so BM25's length normalisation scores it about twice
// as high as the paragraph; a reader wants the paragraph. Each hit's score
// is multiplied by its kind's weight: the paragraph comes first when both
// match, and a caption or note still ranks where it is the only place the
// words are (scores stay positive). Measured on the seeds: "Pulgasari"
// scored its video-cover caption 2.60 and the paragraph 1.35.
//
//	kind      weight
//	text      1
//	caption   0.4
//	note      0.5
//
// Ties. Passages with the same words score the same, and Bleve lists equal
// scores in its internal document order, which depends on how the build
// merged its batches: two builds of the same texts could order a page
// differently, and a tie could straddle two pages. Each score is also
// multiplied by 1 + tieBreak·(n−position)/n, position being the passage's
// place in article order: equal scores become distinct in article order,
// unequal ones keep their order (no two BM25 scores that differ matter at
// one part in 10⁷), and every page, sort and facet is settled by Bleve's
// own collector — no wider fetch, no second search.
//
// Bleve's CustomScoreQuery could do this from doc values, but it resolves
// every matching document's external ID to call its callback, which made
// common-word searches three times slower on sotu. A generation is
// read-only, so each passage's factor is computed once when it is opened,
// indexed by Bleve's internal document number, and looked up per hit.

import (
	"bytes"
	"context"
	"encoding/binary"
	"fmt"
	"strconv"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/mapping"
	"github.com/blevesearch/bleve/v2/search"
	"github.com/blevesearch/bleve/v2/search/query"
	bleveindex "github.com/blevesearch/bleve_index_api"
)

// kindWeights are the weights of the table above; a kind not listed
// weighs 1.
var kindWeights = map[string]float64{
	"caption": 0.4,
	"note":    0.5,
}

// tieBreak is the largest share of a score that article order adds.
const tieBreak = 1e-7

// rankFactors are a generation's per-passage score factors, by internal
// document number.
type rankFactors []float64

// docNum decodes a scorch internal ID: the document number, 8 bytes big
// endian.
func docNum(id bleveindex.IndexInternalID) (uint64, bool) {
	if len(id) != 8 {
		return 0, false
	}
	return binary.BigEndian.Uint64(id), true
}

// of is a hit's factor (1 for an ID it does not know).
func (f rankFactors) of(id bleveindex.IndexInternalID) float64 {
	if n, ok := docNum(id); ok && n < uint64(len(f)) {
		return f[n]
	}
	return 1
}

// docTablesOf reads, in one pass over the ord and facet doc values, every
// passage's rank factor (its position in article order, and its kind's
// weight) and its facet values (facets.go).
func docTablesOf(bi bleve.Index) (rankFactors, *facetTable, error) {
	n, err := bi.DocCount()
	if err != nil {
		return nil, nil, err
	}
	r, err := readerOf(bi)
	if err != nil {
		return nil, nil, err
	}
	defer r.Close()
	dv, err := r.DocValueReader([]string{fOrd, fFacet})
	if err != nil {
		return nil, nil, fmt.Errorf("read passage order: %w", err)
	}
	ids, err := r.DocIDReaderAll()
	if err != nil {
		return nil, nil, fmt.Errorf("read passage order: %w", err)
	}
	defer ids.Close()
	f := make(rankFactors, n)
	ft := newFacetTable()
	var values []string
	for {
		id, err := ids.Next()
		if err != nil {
			return nil, nil, fmt.Errorf("read passage order: %w", err)
		}
		if id == nil {
			break
		}
		num, ok := docNum(id)
		if !ok {
			return nil, nil, fmt.Errorf("read passage order: internal ID %x is not a scorch document number", id)
		}
		pos := -1
		weight := 1.0
		values = values[:0]
		if err := dv.VisitDocValues(id, func(field string, term []byte) {
			switch field {
			case fOrd:
				pos, _ = strconv.Atoi(string(term))
			case fFacet:
				if kind, ok := bytes.CutPrefix(term, []byte(facetKindPrefix)); ok {
					if w, ok := kindWeights[string(kind)]; ok {
						weight = w
					}
					return
				}
				values = append(values, string(term))
			}
		}); err != nil {
			return nil, nil, fmt.Errorf("read passage order: %w", err)
		}
		if pos < 0 || uint64(pos) >= n {
			return nil, nil, fmt.Errorf("read passage order: document %d has position %d of %d", num, pos, n)
		}
		for num >= uint64(len(f)) {
			f = append(f, 1)
		}
		f[num] = weight * (1 + tieBreak*float64(n-uint64(pos))/float64(n))
		for uint64(len(ft.offsets)-1) < num { // numbers without a document
			ft.add(nil)
		}
		if err := ft.add(values); err != nil {
			return nil, nil, fmt.Errorf("read facets of document %d: %w", num, err)
		}
	}
	return f, ft, nil
}

// rankQuery multiplies the scores of its query's hits by their rank
// factors.
type rankQuery struct {
	query   query.Query
	factors rankFactors
}

func (q *rankQuery) Searcher(ctx context.Context, i bleveindex.IndexReader, m mapping.IndexMapping, options search.SearcherOptions) (search.Searcher, error) {
	s, err := q.query.Searcher(ctx, i, m, options)
	if err != nil {
		return nil, err
	}
	return &rankSearcher{Searcher: s, factors: q.factors}, nil
}

type rankSearcher struct {
	search.Searcher
	factors rankFactors
}

func (s *rankSearcher) weigh(d *search.DocumentMatch) {
	if d != nil {
		d.Score *= s.factors.of(d.IndexInternalID)
	}
}

func (s *rankSearcher) Next(ctx *search.SearchContext) (*search.DocumentMatch, error) {
	d, err := s.Searcher.Next(ctx)
	s.weigh(d)
	return d, err
}

func (s *rankSearcher) Advance(ctx *search.SearchContext, id bleveindex.IndexInternalID) (*search.DocumentMatch, error) {
	d, err := s.Searcher.Advance(ctx, id)
	s.weigh(d)
	return d, err
}

// readerOf opens a reader on the index's current snapshot; the caller
// closes it.
func readerOf(bi bleve.Index) (bleveindex.IndexReader, error) {
	adv, err := bi.Advanced()
	if err != nil {
		return nil, err
	}
	return adv.Reader()
}
