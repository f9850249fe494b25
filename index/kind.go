package index

// Passage kinds in ranking. A caption or a note repeats the words of the
// paragraph it belongs to in a few words, so BM25's length normalisation
// scores it about twice as high as the paragraph; a reader wants the
// paragraph. Each hit's score is multiplied by its kind's weight: the
// paragraph comes first when both match, and a caption or note still ranks
// where it is the only place the words are (scores stay positive).
// Measured on the seeds: "Pulgasari" scored its video-cover caption 2.60
// and the paragraph 1.35.
//
//	kind      weight
//	text      1
//	caption   0.4
//	note      0.5
//
// Bleve's CustomScoreQuery could do this from doc values, but it resolves
// every matching document's external ID to call its callback, which made
// common-word searches three times slower on sotu. A generation is
// read-only, so the internal numbers of its non-text passages are read once
// when it is opened and looked up per hit (a map lookup).

import (
	"context"
	"fmt"

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

// kindWeightsOf reads the internal numbers of a generation's passages whose
// kind has a weight, mapped to that weight.
func kindWeightsOf(bi bleve.Index) (map[string]float64, error) {
	out := map[string]float64{}
	n, err := bi.DocCount()
	if err != nil {
		return nil, err
	}
	for kind, w := range kindWeights {
		t := query.NewTermQuery(kind)
		t.SetField(fKind)
		req := bleve.NewSearchRequestOptions(t, int(n), 0, false)
		req.Score = "none"
		res, err := bi.Search(req)
		if err != nil {
			return nil, fmt.Errorf("read passage kinds: %w", err)
		}
		for _, h := range res.Hits {
			if len(h.IndexInternalID) == 0 {
				return nil, fmt.Errorf("read passage kinds: %s has no internal number", h.ID)
			}
			out[string(h.IndexInternalID)] = w
		}
	}
	return out, nil
}

// kindScoreQuery multiplies the scores of its query's hits by their kind
// weights.
type kindScoreQuery struct {
	query   query.Query
	weights map[string]float64
}

func (q *kindScoreQuery) Searcher(ctx context.Context, i bleveindex.IndexReader, m mapping.IndexMapping, options search.SearcherOptions) (search.Searcher, error) {
	s, err := q.query.Searcher(ctx, i, m, options)
	if err != nil {
		return nil, err
	}
	return &kindSearcher{Searcher: s, weights: q.weights}, nil
}

type kindSearcher struct {
	search.Searcher
	weights map[string]float64
}

func (s *kindSearcher) weigh(d *search.DocumentMatch) {
	if d != nil {
		if w, ok := s.weights[string(d.IndexInternalID)]; ok {
			d.Score *= w
		}
	}
}

func (s *kindSearcher) Next(ctx *search.SearchContext) (*search.DocumentMatch, error) {
	d, err := s.Searcher.Next(ctx)
	s.weigh(d)
	return d, err
}

func (s *kindSearcher) Advance(ctx *search.SearchContext, id bleveindex.IndexInternalID) (*search.DocumentMatch, error) {
	d, err := s.Searcher.Advance(ctx, id)
	s.weigh(d)
	return d, err
}
