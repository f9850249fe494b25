package index

import (
	"context"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// TestWordSearcherScoresAsBleve: every hit of searches whose words are
// scored by wordSearcher has the ID, the score (to the bit) and the place
// it has when Bleve's disjunction scores the words — single words (Next),
// several (a conjunction advances them), filtered (a set advances them),
// prefixes and typos (a searcher among the terms), OR, exclusion, phrases;
// with scores cached by field length (cachedFrom 1) and without.
func TestWordSearcherScoresAsBleve(t *testing.T) {
	ix := seedIndex
	defer func(from uint64) { ix.bleveTerms, cachedFrom = false, from }(cachedFrom)
	compared := 0
	for _, cachedFrom = range []uint64{cachedFrom, 1} {
		for _, q := range []string{
			"film", "the", "Pulgasari", "Korea", "Shin Sang-ok", "Shin Sang Ok", "Kim Jong-il film",
			"co-production Japan", "Pulgasary", "festivel", "Pyongyang -kidnapped", "Thaw OR \"flower girl\"",
			"Hong Kong", "director producer", "Eunbinyeo", "title:film", "monster", "Chinese OR Japanese",
			"com", "pro", "film fes", "Korean co", "inter", "di",
		} {
			for _, req := range []Request{
				{Query: q, Size: MaxSize},
				{Query: q, Size: MaxSize, Page: 2},
				{Query: q, Size: 10, YearFrom: 1985, YearTo: 1999},
				{Query: q, Size: 10, Sort: SortYear},
				{Query: q, Size: 10, Typing: true},
				{Query: q, Size: 10, Exact: true},
			} {
				ix.bleveTerms = true
				want, err := ix.Search(context.Background(), req)
				if err != nil {
					t.Fatal(err)
				}
				ix.bleveTerms = false
				got, err := ix.Search(context.Background(), req)
				if err != nil {
					t.Fatal(err)
				}
				got.TookMS, want.TookMS = 0, 0
				if d := cmp.Diff(want, got); d != "" {
					t.Errorf("%+v: results differ from Bleve's disjunction (-bleve +wordSearcher):\n%s", req, d)
				}
				compared += len(got.Hits)
			}
		}
	}
	if compared < 1000 {
		t.Errorf("only %d hits compared: the comparison is too thin", compared)
	}
}
