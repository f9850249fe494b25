package index

import (
	"context"
	"math"
	"testing"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/mapping"
	"github.com/blevesearch/bleve/v2/search"
	"github.com/blevesearch/bleve/v2/search/query"
	"github.com/blevesearch/bleve/v2/search/searcher"
	bleveindex "github.com/blevesearch/bleve_index_api"
)

// bleveTerms is Bleve's own multi-term disjunction, to compare with.
type bleveTerms struct {
	field string
	terms []string
	dists []uint8
	boost float64
}

func (q *bleveTerms) Searcher(ctx context.Context, i bleveindex.IndexReader, m mapping.IndexMapping, options search.SearcherOptions) (search.Searcher, error) {
	if q.dists != nil {
		return searcher.NewMultiTermSearcherBoosted(ctx, i, q.terms, q.field, q.boost, q.dists, options, true)
	}
	return searcher.NewMultiTermSearcher(ctx, i, q.terms, q.field, q.boost, options, true)
}

// termsQuery runs termsSearcher.
type termsQuery bleveTerms

func (q *termsQuery) Searcher(ctx context.Context, i bleveindex.IndexReader, m mapping.IndexMapping, options search.SearcherOptions) (search.Searcher, error) {
	return termsSearcher(ctx, i, q.field, q.terms, q.dists, q.boost, options)
}

// TestWideSearcherMatchesBleve compares expansions scored term at a time
// with Bleve's disjunction of the same terms: the same passages with the
// same scores, alone, boosted inside a disjunction, advanced by a
// conjunction, by edit distance, and paged.
func TestWideSearcherMatchesBleve(t *testing.T) {
	ix := seedIndex
	var words []string
	for _, w := range ix.dictionary().terms {
		if len(w) > 3 && w[0] == 'c' {
			words = append(words, w)
		}
	}
	if len(words) < 3*wideMin {
		t.Fatalf("only %d words starting with c: too few to test", len(words))
	}
	dists := make([]uint8, len(words))
	for k := range dists {
		dists[k] = uint8(k % 3)
	}
	film := query.NewTermQuery("film")
	film.SetField(fText)
	for _, tc := range []struct {
		name        string
		bleve, ours func() query.Query
	}{
		{"prefix", func() query.Query { q := query.NewPrefixQuery("co"); q.SetField(fExact); q.SetBoost(0.7); return q },
			func() query.Query { return &prefixQuery{field: fExact, prefix: "co", boost: 0.7} }},
		{"prefix of no word, in a disjunction", func() query.Query {
			q := query.NewPrefixQuery("zzqx")
			q.SetField(fExact)
			q.SetBoost(0.7)
			return query.NewDisjunctionQuery([]query.Query{film, q})
		}, func() query.Query {
			return query.NewDisjunctionQuery([]query.Query{film, &prefixQuery{field: fExact, prefix: "zzqx", boost: 0.7}})
		}},
		{"terms", func() query.Query { return &bleveTerms{fExact, words, nil, 1} }, func() query.Query { return &termsQuery{fExact, words, nil, 1} }},
		{"terms by distance", func() query.Query { return &bleveTerms{fExact, words, dists, 0.5} }, func() query.Query { return &termsQuery{fExact, words, dists, 0.5} }},
		{"in a disjunction", func() query.Query {
			return query.NewDisjunctionQuery([]query.Query{film, &bleveTerms{fExact, words, nil, 0.7}})
		}, func() query.Query {
			return query.NewDisjunctionQuery([]query.Query{film, &termsQuery{fExact, words, nil, 0.7}})
		}},
		{"advanced by a conjunction", func() query.Query {
			return query.NewConjunctionQuery([]query.Query{film, &bleveTerms{fExact, words, dists, 0.7}})
		}, func() query.Query {
			return query.NewConjunctionQuery([]query.Query{film, &termsQuery{fExact, words, dists, 0.7}})
		}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			for _, from := range []int{0, 7} {
				want, got := search10k(t, ix, tc.bleve(), from), search10k(t, ix, tc.ours(), from)
				if len(want) == 0 || len(want) != len(got) {
					t.Fatalf("from %d: %d hits, Bleve %d", from, len(got), len(want))
				}
				for k := range want {
					if want[k].id != got[k].id || math.Abs(want[k].score-got[k].score) > 1e-12*want[k].score {
						t.Fatalf("from %d, hit %d: %v, Bleve %v", from, k, got[k], want[k])
					}
				}
			}
		})
	}
}

type idScore struct {
	id    string
	score float64
}

func search10k(t *testing.T, ix *Index, q query.Query, from int) []idScore {
	t.Helper()
	r := bleve.NewSearchRequestOptions(q, 10000, from, false)
	sr, err := ix.bleve.Search(r)
	if err != nil {
		t.Fatal(err)
	}
	var out []idScore
	for _, h := range sr.Hits {
		out = append(out, idScore{h.ID, h.Score})
	}
	if uint64(from+len(out)) != sr.Total && (len(out) > 0 || sr.Total > uint64(from)) {
		t.Fatalf("total %d, %d hits from %d", sr.Total, len(out), from)
	}
	return out
}
