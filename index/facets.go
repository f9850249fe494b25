package index

// Facet entries from Bleve facet results.

import (
	"sort"
	"strconv"
	"strings"

	"github.com/blevesearch/bleve/v2/search"
)

// Prefixes of fFacet values.
const (
	facetFilm   = "film:"
	facetYear   = "year:"
	facetDecade = "decade:"
)

// filmFacet lists the top films with counts; selected films are always
// listed (with their count, possibly 0) so a user can unselect them.
func filmFacet(fr *search.FacetResult, selected []string) []FilmCount {
	out := []FilmCount{}
	seen := map[string]bool{}
	if fr != nil && fr.Terms != nil {
		for _, t := range fr.Terms.Terms() { // by count, then by term
			title, ok := strings.CutPrefix(t.Term, facetFilm)
			if !ok || len(out) >= FilmFacetSize {
				continue
			}
			out = append(out, FilmCount{Value: title, Count: t.Count, Selected: contains(selected, title)})
			seen[title] = true
		}
	}
	for _, s := range selected {
		if !seen[s] {
			out = append(out, FilmCount{Value: s, Count: 0, Selected: true})
		}
	}
	return out
}

// yearFacets lists per-year and per-decade counts in time order; entries
// inside the selected range are marked selected.
func yearFacets(fr *search.FacetResult, from, to int) ([]YearCount, []DecadeCount) {
	in := func(y int) bool { return (from == 0 || y >= from) && (to == 0 || y <= to) && (from != 0 || to != 0) }
	ys, ds := []YearCount{}, []DecadeCount{}
	if fr != nil && fr.Terms != nil {
		for _, t := range fr.Terms.Terms() {
			if v, ok := strings.CutPrefix(t.Term, facetYear); ok {
				if y, err := strconv.Atoi(v); err == nil {
					ys = append(ys, YearCount{Year: y, Count: t.Count, Selected: in(y)})
				}
			} else if v, ok := strings.CutPrefix(t.Term, facetDecade); ok {
				if d, err := strconv.Atoi(v); err == nil {
					ds = append(ds, DecadeCount{Decade: d, Count: t.Count, Selected: in(d) && in(d+9)})
				}
			}
		}
	}
	sort.Slice(ys, func(i, j int) bool { return ys[i].Year < ys[j].Year })
	sort.Slice(ds, func(i, j int) bool { return ds[i].Decade < ds[j].Decade })
	return ys, ds
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}
