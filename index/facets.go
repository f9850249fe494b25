package index

// Facets in the pass that finds the hits.
//
// Facet counts are disjunctive: the film counts ignore the film filter and
// the year counts the year filter, so that a reader can widen a choice.
// Counting them with Bleve took a request per filtered facet (each a whole
// second search) and a doc-value read per match. A generation is
// read-only, so the films, years and decades of every passage are read
// once when it is opened (facetTable, by internal document number), and
// the hits request runs its words (and author filter and exclusions)
// without the film and year filters: a searcher wrapper (facetSearcher)
// sees every match once, applies the two filters from the table, counts
// years for the matches that pass the film filter and films for those that
// pass the year filter, and hands on only the matches that pass both. One
// search, no doc-value reads.
//
// A search without facets (facets=0) keeps the filters in Bleve, whose
// conjunctions skip what a filter rules out.

import (
	"context"
	"fmt"
	"sort"
	"strconv"
	"strings"

	"github.com/RoaringBitmap/roaring/v2"
	"github.com/blevesearch/bleve/v2/mapping"
	"github.com/blevesearch/bleve/v2/search"
	"github.com/blevesearch/bleve/v2/search/query"
	bleveindex "github.com/blevesearch/bleve_index_api"
)

// Prefixes of fFacet values.
const (
	facetFilm   = "film:"
	facetYear   = "year:"
	facetDecade = "decade:"
	// facetKindPrefix values are the passage's kind, read at open into
	// the rank factors (rank.go), not counted.
	facetKindPrefix = "kind:"
)

type facetKind uint8

const (
	kindFilm facetKind = iota
	kindYear
	kindDecade
)

// facetTerm is one value of fFacet.
type facetTerm struct {
	kind  facetKind
	title string // a film's title
	n     int    // a year or a decade
}

// facetTable holds every passage's facet values, by internal document
// number (see docNum).
type facetTable struct {
	terms  []facetTerm
	byName map[string]uint32 // fFacet value → index in terms
	// The values of document d are ids[offsets[d]:offsets[d+1]].
	offsets []uint32
	ids     []uint32
	// sets are the documents of each value, by term number (sets.go);
	// their sizes are the facets of every passage.
	sets []*roaring.Bitmap
}

func newFacetTable() *facetTable {
	return &facetTable{byName: map[string]uint32{}, offsets: []uint32{0}}
}

// add appends the values of the next document number.
func (t *facetTable) add(values []string) error {
	doc := uint32(len(t.offsets) - 1)
	for _, v := range values {
		id, ok := t.byName[v]
		if !ok {
			var ft facetTerm
			switch {
			case strings.HasPrefix(v, facetFilm):
				ft = facetTerm{kind: kindFilm, title: v[len(facetFilm):]}
			case strings.HasPrefix(v, facetYear):
				n, err := strconv.Atoi(v[len(facetYear):])
				if err != nil {
					return fmt.Errorf("facet value %q", v)
				}
				ft = facetTerm{kind: kindYear, n: n}
			case strings.HasPrefix(v, facetDecade):
				n, err := strconv.Atoi(v[len(facetDecade):])
				if err != nil {
					return fmt.Errorf("facet value %q", v)
				}
				ft = facetTerm{kind: kindDecade, n: n}
			default:
				return fmt.Errorf("facet value %q", v)
			}
			id = uint32(len(t.terms))
			t.terms = append(t.terms, ft)
			t.sets = append(t.sets, roaring.New())
			t.byName[v] = id
		}
		t.sets[id].Add(doc)
		t.ids = append(t.ids, id)
	}
	t.offsets = append(t.offsets, uint32(len(t.ids)))
	return nil
}

// ofNum returns the facet values of a document number.
func (t *facetTable) ofNum(n uint64) []uint32 {
	if n >= uint64(len(t.offsets)-1) {
		return nil
	}
	return t.ids[t.offsets[n]:t.offsets[n+1]]
}

// facetPass filters one search's matches by film and year and counts
// their facets (see the file comment). It is used by one search at a
// time.
type facetPass struct {
	t *facetTable
	// films are the selected films' term numbers; filmOn says there is
	// a film filter (it may name only films no passage has).
	films  map[uint32]bool
	filmOn bool
	lo, hi int
	yearOn bool
	// counts by term number: films counted over the matches passing the
	// year filter, years and decades over those passing the film filter
	// (nil: only filter).
	counts []int32
}

func (t *facetTable) pass(films []string, from, to int) *facetPass {
	fp := &facetPass{t: t, filmOn: len(films) > 0, yearOn: from != 0 || to != 0, lo: 1900, hi: 2035, counts: make([]int32, len(t.terms))}
	if fp.filmOn {
		fp.films = map[uint32]bool{}
		for _, f := range films {
			if id, ok := t.byName[facetFilm+f]; ok {
				fp.films[id] = true
			}
		}
	}
	if from != 0 {
		fp.lo = from
	}
	if to != 0 {
		fp.hi = to
	}
	return fp
}

// countAll counts the facets of every passage, as a pass over all of
// them would, from the sizes of the table's sets (a search with no words
// and no filters would otherwise visit every passage on each request).
func (fp *facetPass) countAll() {
	for id, s := range fp.t.sets {
		fp.counts[id] = int32(s.GetCardinality())
	}
}

// admit counts a match's facets and reports whether it passes both
// filters. A year range takes the passages that speak of a year in it, or
// of a decade that lies inside it (as filterQuery).
func (fp *facetPass) admit(id bleveindex.IndexInternalID) bool {
	n, ok := docNum(id)
	if !ok {
		return fp.admitNum(^uint64(0))
	}
	return fp.admitNum(n)
}

// inYears reports whether a year or decade value passes the year range: a
// year in it, or a decade that lies inside it.
func (fp *facetPass) inYears(ft facetTerm) bool {
	switch ft.kind {
	case kindYear:
		return ft.n >= fp.lo && ft.n <= fp.hi
	case kindDecade:
		return ft.n >= fp.lo && ft.n+9 <= fp.hi
	}
	return false
}

// admitNum is admit by document number.
func (fp *facetPass) admitNum(n uint64) bool {
	vals := fp.t.ofNum(n)
	film, year := !fp.filmOn, !fp.yearOn
	for _, v := range vals {
		if fp.t.terms[v].kind == kindFilm {
			film = film || fp.films[v]
		} else {
			year = year || fp.inYears(fp.t.terms[v])
		}
	}
	for _, v := range vals {
		if fp.counts == nil {
			break
		}
		if (fp.t.terms[v].kind == kindFilm && year) || (fp.t.terms[v].kind != kindFilm && film) {
			fp.counts[v]++
		}
	}
	return film && year
}

// facets turns the counts into the result's lists: the top films (the
// selected ones always, possibly with 0), years and decades in time order.
func (fp *facetPass) facets(selected []string, from, to int) Facets {
	f := Facets{Films: []FilmCount{}, Years: []YearCount{}, Decades: []DecadeCount{}}
	in := func(y int) bool { return (from == 0 || y >= from) && (to == 0 || y <= to) && (from != 0 || to != 0) }
	type film struct {
		title string
		n     int
	}
	var films []film
	for id, n := range fp.counts {
		if n == 0 {
			continue
		}
		switch ft := fp.t.terms[id]; ft.kind {
		case kindFilm:
			films = append(films, film{ft.title, int(n)})
		case kindYear:
			f.Years = append(f.Years, YearCount{Year: ft.n, Count: int(n), Selected: in(ft.n)})
		case kindDecade:
			f.Decades = append(f.Decades, DecadeCount{Decade: ft.n, Count: int(n), Selected: in(ft.n) && in(ft.n+9)})
		}
	}
	// By count, then by title (the order Bleve's term facets had).
	sort.Slice(films, func(i, j int) bool {
		if films[i].n != films[j].n {
			return films[i].n > films[j].n
		}
		return films[i].title < films[j].title
	})
	seen := map[string]bool{}
	for _, fm := range films[:min(len(films), FilmFacetSize)] {
		f.Films = append(f.Films, FilmCount{Value: fm.title, Count: fm.n, Selected: contains(selected, fm.title)})
		seen[fm.title] = true
	}
	for _, s := range selected {
		if !seen[s] {
			f.Films = append(f.Films, FilmCount{Value: s, Count: 0, Selected: true})
		}
	}
	sort.Slice(f.Years, func(i, j int) bool { return f.Years[i].Year < f.Years[j].Year })
	sort.Slice(f.Decades, func(i, j int) bool { return f.Decades[i].Decade < f.Decades[j].Decade })
	return f
}

// facetQuery runs its query through a facetPass.
type facetQuery struct {
	query query.Query
	pass  *facetPass
}

func (q *facetQuery) Searcher(ctx context.Context, i bleveindex.IndexReader, m mapping.IndexMapping, options search.SearcherOptions) (search.Searcher, error) {
	s, err := q.query.Searcher(ctx, i, m, options)
	if err != nil {
		return nil, err
	}
	return &facetSearcher{Searcher: s, pass: q.pass}, nil
}

type facetSearcher struct {
	search.Searcher
	pass *facetPass
}

// skip returns the first of d and the matches after it that passes the
// filters, recycling the others.
func (s *facetSearcher) skip(ctx *search.SearchContext, d *search.DocumentMatch, err error) (*search.DocumentMatch, error) {
	for d != nil && err == nil && !s.pass.admit(d.IndexInternalID) {
		ctx.DocumentMatchPool.Put(d)
		d, err = s.Searcher.Next(ctx)
	}
	return d, err
}

func (s *facetSearcher) Next(ctx *search.SearchContext) (*search.DocumentMatch, error) {
	d, err := s.Searcher.Next(ctx)
	return s.skip(ctx, d, err)
}

func (s *facetSearcher) Advance(ctx *search.SearchContext, id bleveindex.IndexInternalID) (*search.DocumentMatch, error) {
	d, err := s.Searcher.Advance(ctx, id)
	return s.skip(ctx, d, err)
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}
