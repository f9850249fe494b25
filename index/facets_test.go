package index

import (
	"context"
	"fmt"
	"strconv"
	"strings"
	"testing"

	"github.com/blevesearch/bleve/v2"
)

// TestFacetPassMatchesBleveFacets: the facet pass (one search that
// applies the film and year filters itself) gives the totals and the
// disjunctive counts that Bleve's own facets give over separate requests
// (each facet counted without its own filter), for searches with words.
func TestFacetPassMatchesBleveFacets(t *testing.T) {
	ix := seedIndex
	nonEmpty := 0
	// "" and "the" (only a stop word) list nothing without filters: their
	// facets are the sizes of the per-value sets kept at open, not a pass.
	for _, q := range []string{"Japan", "film festival", "Pyongyang", "Shin Sang-ok", `"Snow Melts"`, "", "the"} {
		for _, f := range []struct {
			films    []string
			from, to int
		}{{nil, 0, 0}, {[]string{"Thaw"}, 0, 0}, {nil, 1980, 1989}, {[]string{"Thaw", "Bird"}, 1985, 1999}, {nil, 2010, 2012}} {
			name := fmt.Sprintf("%s %v %d-%d", q, f.films, f.from, f.to)
			req := Request{Query: q, Films: f.films, YearFrom: f.from, YearTo: f.to, Size: 5}
			res, err := ix.Search(context.Background(), req)
			if err != nil {
				t.Fatal(err)
			}
			p, err := ix.plan(req)
			if err != nil {
				t.Fatal(err)
			}
			count := func(films []string, from, to int) (uint64, map[string]int) {
				r := bleve.NewSearchRequestOptions(ix.searchQuery(p, ix.matchQuery(p, res.Partial), films, from, to), 0, 0, false)
				r.AddFacet(fFacet, bleve.NewFacetRequest(fFacet, 1<<16))
				sr, err := ix.bleve.Search(r)
				if err != nil {
					t.Fatal(err)
				}
				m := map[string]int{}
				for _, tf := range sr.Facets[fFacet].Terms.Terms() {
					m[tf.Term] = tf.Count
				}
				return sr.Total, m
			}
			total, _ := count(p.films, p.yearFrom, p.yearTo)
			_, films := count(nil, p.yearFrom, p.yearTo)
			_, years := count(p.films, 0, 0)
			if total > 0 && len(res.Facets.Films) > 0 {
				nonEmpty++
			}
			if listsNothing := ix.matchQuery(p, false) == nil && len(f.films) == 0 && f.from == 0; listsNothing && res.Total != 0 {
				t.Errorf("%s: total %d, want 0 (nothing is listed)", name, res.Total)
			} else if !listsNothing && res.Total != total {
				t.Errorf("%s: total %d, Bleve %d", name, res.Total, total)
			}
			for _, fc := range res.Facets.Films {
				if fc.Count != films[facetFilm+fc.Value] {
					t.Errorf("%s: film %s %d, Bleve %d", name, fc.Value, fc.Count, films[facetFilm+fc.Value])
				}
			}
			nYears, nDecades := 0, 0
			for term := range years {
				if strings.HasPrefix(term, facetYear) {
					nYears++
				} else if strings.HasPrefix(term, facetDecade) {
					nDecades++
				}
			}
			if len(res.Facets.Years) != nYears || len(res.Facets.Decades) != nDecades {
				t.Errorf("%s: %d years and %d decades, Bleve %d and %d", name, len(res.Facets.Years), len(res.Facets.Decades), nYears, nDecades)
			}
			for _, yc := range res.Facets.Years {
				if yc.Count != years[facetYear+strconv.Itoa(yc.Year)] {
					t.Errorf("%s: year %d %d, Bleve %d", name, yc.Year, yc.Count, years[facetYear+strconv.Itoa(yc.Year)])
				}
			}
			for _, dc := range res.Facets.Decades {
				if dc.Count != years[facetDecade+strconv.Itoa(dc.Decade)] {
					t.Errorf("%s: decade %d %d, Bleve %d", name, dc.Decade, dc.Count, years[facetDecade+strconv.Itoa(dc.Decade)])
				}
			}
		}
	}
	if nonEmpty < 15 {
		t.Errorf("only %d of 25 cases have hits and film counts: the test compares too little", nonEmpty)
	}
}
