package index

// The baseline for `cinesearch bench`: the same passages in the Bleve index
// a newcomer would write — the default mapping with "en" as the default
// analyzer (so a catch-all _all field, every field stored, term vectors
// everywhere), one text field and a numeric year, BM25, batches of 1,000 —
// searched with the closest plain-Bleve equivalent of each query class, with
// the default HTML highlighter and a year facet. It exists so that
// cinesearch's speed and size are always reported against a fixed point
// measured in the same run on the same machine.

import (
	"context"
	"fmt"
	"strings"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/analysis/lang/en"
	"github.com/blevesearch/bleve/v2/search/query"

	"cinesearch/corpus"
)

// Baseline is a plain Bleve index of passages.
type Baseline struct {
	bi bleve.Index
}

// BaselineQuery is one query in plain-Bleve terms.
type BaselineQuery struct {
	// Kind is "match" (all words), "phrase", "fuzzy" (one edit) or
	// "prefix".
	Kind string
	Text string
	// YearFrom and YearTo filter on the numeric year (0 = open).
	YearFrom, YearTo int
}

// BuildBaseline indexes passages into a new plain Bleve index at dir.
func BuildBaseline(ctx context.Context, passages []corpus.Passage, dir string) (*Baseline, error) {
	m := bleve.NewIndexMapping()
	m.DefaultAnalyzer = en.AnalyzerName
	m.ScoringModel = "bm25"
	bi, err := bleve.New(dir, m)
	if err != nil {
		return nil, err
	}
	b := bi.NewBatch()
	for i, p := range passages {
		if err := ctx.Err(); err != nil {
			bi.Close()
			return nil, err
		}
		years := make([]float64, len(p.Years))
		for j, y := range p.Years {
			years[j] = float64(y)
		}
		if err := b.Index(p.ID, map[string]any{"text": p.Text, "year": years}); err != nil {
			bi.Close()
			return nil, err
		}
		if b.Size() >= 1000 || i == len(passages)-1 {
			if err := bi.Batch(b); err != nil {
				bi.Close()
				return nil, err
			}
			b.Reset()
		}
	}
	return &Baseline{bi: bi}, nil
}

// OpenBaseline opens a baseline index built earlier.
func OpenBaseline(dir string) (*Baseline, error) {
	bi, err := bleve.Open(dir)
	if err != nil {
		return nil, err
	}
	return &Baseline{bi: bi}, nil
}

// Close closes the index.
func (b *Baseline) Close() error { return b.bi.Close() }

// decadeRanges are the year facet's buckets: numeric fields need ranges.
func decadeRanges(f *bleve.FacetRequest) {
	for d := 1700; d < 2100; d += 10 {
		lo, hi := float64(d), float64(d+10)
		f.AddNumericRange(fmt.Sprintf("%ds", d), &lo, &hi)
	}
}

// Search runs q as a newcomer would: top 10, highlighted, with a year
// facet. It returns the total hits.
func (b *Baseline) Search(ctx context.Context, q BaselineQuery) (uint64, error) {
	var bq query.Query
	switch q.Kind {
	case "phrase":
		mq := bleve.NewMatchPhraseQuery(q.Text)
		mq.SetField("text")
		bq = mq
	case "fuzzy":
		mq := bleve.NewMatchQuery(q.Text)
		mq.SetField("text")
		mq.SetFuzziness(1)
		mq.SetOperator(query.MatchQueryOperatorAnd)
		bq = mq
	case "prefix":
		pq := bleve.NewPrefixQuery(strings.ToLower(q.Text))
		pq.SetField("text")
		bq = pq
	default:
		mq := bleve.NewMatchQuery(q.Text)
		mq.SetField("text")
		mq.SetOperator(query.MatchQueryOperatorAnd)
		bq = mq
	}
	if q.YearFrom > 0 || q.YearTo > 0 {
		var lo, hi *float64
		if q.YearFrom > 0 {
			v := float64(q.YearFrom)
			lo = &v
		}
		if q.YearTo > 0 {
			v := float64(q.YearTo) + 1
			hi = &v
		}
		rq := bleve.NewNumericRangeQuery(lo, hi)
		rq.SetField("year")
		bq = bleve.NewConjunctionQuery(bq, rq)
	}
	req := bleve.NewSearchRequestOptions(bq, 10, 0, false)
	req.Highlight = bleve.NewHighlightWithStyle("html")
	req.Highlight.AddField("text")
	req.Fields = []string{"text"}
	f := bleve.NewFacetRequest("year", 40)
	decadeRanges(f)
	req.AddFacet("years", f)
	res, err := b.bi.SearchInContext(ctx, req)
	if err != nil {
		return 0, err
	}
	return res.Total, nil
}
