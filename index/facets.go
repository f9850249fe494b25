package index

// Facet entries from Bleve facet results.

import (
	"sort"
	"strconv"

	"github.com/blevesearch/bleve/v2/search"
)

// filmFacet lists the top films with counts; selected films are always
// listed (with their count, possibly 0) so a user can unselect them.
func filmFacet(fr *search.FacetResult, selected []string) []FilmCount {
	out := []FilmCount{}
	seen := map[string]bool{}
	if fr != nil && fr.Terms != nil {
		for _, t := range fr.Terms.Terms() {
			out = append(out, FilmCount{Value: t.Term, Count: t.Count, Selected: contains(selected, t.Term)})
			seen[t.Term] = true
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
func yearFacets(years, decades *search.FacetResult, from, to int) ([]YearCount, []DecadeCount) {
	in := func(y int) bool { return (from == 0 || y >= from) && (to == 0 || y <= to) && (from != 0 || to != 0) }
	ys := []YearCount{}
	if years != nil && years.Terms != nil {
		for _, t := range years.Terms.Terms() {
			if y, err := strconv.Atoi(t.Term); err == nil {
				ys = append(ys, YearCount{Year: y, Count: t.Count, Selected: in(y)})
			}
		}
	}
	sort.Slice(ys, func(i, j int) bool { return ys[i].Year < ys[j].Year })
	ds := []DecadeCount{}
	if decades != nil && decades.Terms != nil {
		for _, t := range decades.Terms.Terms() {
			if d, err := strconv.Atoi(t.Term); err == nil {
				ds = append(ds, DecadeCount{Decade: d, Count: t.Count, Selected: in(d) && in(d+9)})
			}
		}
	}
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
