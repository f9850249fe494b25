package index

import (
	"context"
	"fmt"
	"sync"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
)

// TestSetsMatchFacetPass runs filtered searches through match sets and
// through the facet pass (with facets=0, through Bleve's filters): the
// results — total, hits and their scores,
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
	// The seeds' match sets are small: each way of counting is forced in
	// turn (look-ups, totals less the passages left out, intersections).
	ways := []struct {
		name                    string
		docs, perValue, outside uint64
	}{{"as configured", fewDocs, fewDocsPerValue, fewOutside}, {"all left-out", 0, 1 << 20, 1 << 30}, {"all intersected", 0, 1 << 20, 0}}
	defer func(d, p, o uint64) { fewDocs, fewDocsPerValue, fewOutside = d, p, o }(fewDocs, fewDocsPerValue, fewOutside)
	checked := 0
	for _, way := range ways {
		fewDocs, fewDocsPerValue, fewOutside = way.docs, way.perValue, way.outside
		for _, q := range queries {
			for _, f := range filters {
				for _, sort := range sorts {
					for _, page := range []int{1, 2} {
						for _, noFacets := range []bool{false, true} {
							req := Request{Query: q, Films: f.films, YearFrom: f.from, YearTo: f.to, Sort: sort, Page: page, Size: 5, NoFacets: noFacets}
							name := fmt.Sprintf("%s: %q %v %d–%d %s page %d, no facets %v", way.name, q, f.films, f.from, f.to, sort, page, noFacets)
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
		}
	}
	if checked < 100 {
		t.Errorf("only %d searches found anything: the comparison is too thin", checked)
	}
}

// TestConcurrentSearchesAgree runs searches that share the generation's
// remembered typo neighbours and pooled expansion buffers from several
// goroutines at once (go test -race checks them): each answer must be the
// one the same search gives alone.
func TestConcurrentSearchesAgree(t *testing.T) {
	ix := seedIndex
	reqs := []Request{
		{Query: "Pulgasary"}, {Query: "festivl", YearFrom: 1980, YearTo: 1999}, {Query: "co"},
		{Query: "Pyong", Sort: SortYear}, {Query: "dirctor japan"}, {Query: "film", Films: []string{"Pulgasari"}},
		{Query: `"north korea" film`, YearFrom: 2000}, {Query: "shin sang ok", YearTo: 1990, Page: 2, Size: 3},
	}
	want := make([]Result, len(reqs))
	for i, r := range reqs {
		res, err := ix.Search(context.Background(), r)
		if err != nil {
			t.Fatal(err)
		}
		res.TookMS = 0
		want[i] = res
	}
	var wg sync.WaitGroup
	errs := make(chan string, 64)
	for g := 0; g < 8; g++ {
		wg.Add(1)
		go func(g int) {
			defer wg.Done()
			for k := 0; k < 20; k++ {
				i := (g + k) % len(reqs)
				res, err := ix.Search(context.Background(), reqs[i])
				if err != nil {
					errs <- err.Error()
					return
				}
				res.TookMS = 0
				if d := cmp.Diff(want[i], res, cmpopts.EquateApprox(1e-12, 0)); d != "" {
					errs <- fmt.Sprintf("%+v differs when run alongside others:\n%s", reqs[i], d)
					return
				}
			}
		}(g)
	}
	wg.Wait()
	close(errs)
	for e := range errs {
		t.Error(e)
	}
}
