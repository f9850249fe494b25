package index

import (
	"math"
	"testing"

	"github.com/blevesearch/bleve/v2/search/query"
)

// TestExactPhraseMatchesBleve compares phraseSearcher with Bleve's phrase
// searcher on the seeds: the same passages with the same scores, for
// phrases with stop-word gaps, a repeated word, a phrase in no passage,
// inside a disjunction and advanced by a conjunction.
func TestExactPhraseMatchesBleve(t *testing.T) {
	ix := seedIndex
	film := query.NewTermQuery("film")
	film.SetField(fText)
	checked := 0
	for _, phrase := range []string{
		"shin sang ok", "kim jong il", "film festival", "north korea", "director of the film",
		"history of north korea", "korean film studio", "pyongyang film festival",
		"south korea south korea", "hong kong", "festival film", "zzqx film",
	} {
		toks := ix.phraseTokens(phrase)
		if len(toks) < 2 {
			t.Fatalf("%q: tokens %q", phrase, toks)
		}
		for _, shape := range []struct {
			name string
			wrap func(query.Query) query.Query
		}{
			{"alone", func(q query.Query) query.Query { return q }},
			{"in a disjunction", func(q query.Query) query.Query { return query.NewDisjunctionQuery([]query.Query{film, q}) }},
			{"advanced by a conjunction", func(q query.Query) query.Query { return query.NewConjunctionQuery([]query.Query{film, q}) }},
			{"as a should clause", func(q query.Query) query.Query {
				return query.NewBooleanQuery([]query.Query{film}, []query.Query{q}, nil)
			}},
		} {
			bq := query.NewPhraseQuery(toks, fExact)
			bq.SetBoost(2)
			for _, from := range []int{0, 3} {
				want := search10k(t, ix, shape.wrap(bq), from)
				got := search10k(t, ix, shape.wrap(&exactPhrase{field: fExact, terms: toks, boost: 2}), from)
				if len(want) != len(got) {
					t.Fatalf("%q %s from %d: %d hits, Bleve %d", phrase, shape.name, from, len(got), len(want))
				}
				for k := range want {
					if want[k].id != got[k].id || math.Abs(want[k].score-got[k].score) > 1e-12*want[k].score {
						t.Fatalf("%q %s from %d, hit %d: %v, Bleve %v", phrase, shape.name, from, k, got[k], want[k])
					}
				}
				checked += len(want)
			}
		}
	}
	if checked < 200 {
		t.Errorf("only %d hits compared", checked)
	}
}
