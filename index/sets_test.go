package index

import (
	"context"
	"fmt"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
)

// TestSetsMatchFacetPass runs filtered searches through match sets and
// through the facet pass: the results — total, hits and their scores,
// facets, partial flag, notices — must be the same. Scores may differ in
// their last bits: a wide prefix expansion sums its terms' scores in the
// order its heap holds them, which depends on how the searcher got to a
// passage.
func TestSetsMatchFacetPass(t *testing.T) {
	ix := seedIndex
	defer func() { ix.noSets = false }()
	type filter struct {
		films    []string
		from, to int
	}
	filters := []filter{{nil, 1980, 1989}, {nil, 2000, 2012}, {[]string{"Pulgasari"}, 0, 0}, {[]string{"Thaw", "Bird"}, 1985, 1999}, {nil, 1950, 0}, {nil, 0, 1960}, {nil, 1900, 1905}}
	queries := []string{
		"", "Japan", "film festival", "Shin Sang-ok", "shin sang ok", "Pyongyang co-production",
		"Chongryon", "chinese", "festivl", "Pyong", "kim jong il", "monster puppet", "the", "of the",
		"Japan zzzqqq", "Moscow festival prize", "release", "Pulgasari", "Hong Kong", "dirctor",
	}
	sorts := []string{SortRelevance, SortYear}
	checked := 0
	for _, q := range queries {
		for _, f := range filters {
			for _, sort := range sorts {
				for _, page := range []int{1, 2} {
					req := Request{Query: q, Films: f.films, YearFrom: f.from, YearTo: f.to, Sort: sort, Page: page, Size: 5}
					name := fmt.Sprintf("%q %v %d–%d %s page %d", q, f.films, f.from, f.to, sort, page)
					ix.noSets = false
					got, err := ix.Search(context.Background(), req)
					if err != nil {
						t.Fatalf("%s: %v", name, err)
					}
					ix.noSets = true
					want, err := ix.Search(context.Background(), req)
					if err != nil {
						t.Fatalf("%s: %v", name, err)
					}
					got.TookMS, want.TookMS = 0, 0
					if d := cmp.Diff(want, got, cmpopts.EquateApprox(1e-12, 0)); d != "" {
						t.Errorf("%s: match sets differ from the facet pass (-pass +sets):\n%s", name, d)
					}
					if got.Total > 0 {
						checked++
					}
				}
			}
		}
	}
	if checked < 100 {
		t.Errorf("only %d searches found anything: the comparison is too thin", checked)
	}
}
