package index

// Running a search: the requests its plan (plan.go) made, on one
// generation, and the result they give.

import (
	"context"
	"errors"
	"fmt"
	"math"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/index/scorch"
	"github.com/blevesearch/bleve/v2/numeric"
	"github.com/blevesearch/bleve/v2/search/searcher"
	bleveindex "github.com/blevesearch/bleve_index_api"
	segment "github.com/blevesearch/scorch_segment_api/v2"
)

// limitExpansion bounds prefix and fuzzy expansion (Bleve's default is no
// limit): a query that would expand further fails fast and is retried
// without the expansion. Bleve leaves no choice but a process-wide
// variable, so it is set once, when the first index is opened, rather than
// by importing this package.
var limitExpansion = sync.OnceFunc(func() { searcher.DisjunctionMaxClauseCount = 1024 })

// Search runs a search. Errors are *QueryError for requests a person must
// change, context errors when the deadline passed, and other errors for
// internal failures.
func (ix *Index) Search(ctx context.Context, req Request) (Result, error) {
	start := time.Now()
	p, err := ix.plan(req)
	if err != nil {
		return Result{}, err
	}
	res := Result{
		Query:      req.Query,
		Page:       p.page,
		Size:       p.size,
		Sort:       p.sort,
		Hits:       []Hit{},
		Generation: ix.manifest.Generation,
		Filters:    Filters{Films: p.films, Authors: p.q.Authors, YearFrom: p.yearFrom, YearTo: p.yearTo},
	}
	if res.Filters.Films == nil {
		res.Filters.Films = []string{}
	}
	if onlyStopWords(p) {
		p.notices = append(p.notices, "Words as common as “"+p.q.Words[0]+"” are not searched on their own; add a more specific word.")
	}
	s, err := ix.searchesFor(p, false, req.NoFacets)
	if err != nil {
		return Result{}, err
	}
	sr, facets, err := ix.execute(ctx, s, p)
	if errors.Is(err, errTooManyClauses) {
		// A prefix or typo expansion was too wide: search the words as typed.
		p.noExpand()
		p.notices = append(p.notices, "Some words matched too many others as prefixes or typos; they were searched as typed.")
		if s, err = ix.searchesFor(p, false, req.NoFacets); err == nil {
			sr, facets, err = ix.execute(ctx, s, p)
		}
	}
	if err != nil {
		return Result{}, err
	}
	browse := s.browse
	// The deadline holds inside the work, not only inside Bleve's
	// collector: the partial fallback, highlighting, stored fields and
	// suggestions are checked too.
	if err := ctx.Err(); err != nil {
		return Result{}, err
	}
	if sr.Total == 0 && !browse && len(p.words) > 1 {
		// Partial matches are of the words as typed: a passage with one
		// typo neighbour of one word ("vague" → "value") is no answer.
		p.noFuzz()
		partial, err := ix.searchesFor(p, true, req.NoFacets)
		if err != nil {
			return Result{}, err
		}
		if !partial.browse {
			sr2, facets2, err := ix.execute(ctx, partial, p)
			if err != nil {
				return Result{}, err
			}
			if sr2.Total > 0 {
				sr, facets = sr2, facets2
				res.Partial = true
				p.notices = append(p.notices, "No passage contains all of your words; showing passages that contain some of them.")
			}
		}
	}
	res.Total = sr.Total
	res.Facets = facets
	hl := ix.newHighlighter(p)
	for _, h := range sr.Hits {
		if err := ctx.Err(); err != nil {
			return Result{}, err
		}
		hit, err := ix.hitFromFields(h.ID, h.Fields, h.Score)
		if err != nil {
			return Result{}, err
		}
		if browse {
			hit.Score = 0
		}
		if !req.NoFragments {
			hit.Fragments = hl.fragments(hit.Text)
		}
		res.Hits = append(res.Hits, hit)
	}
	if p.named != "" {
		if i, ok := ix.films.byKey[filmKey(p.named)]; ok {
			f := ix.cat.Films[i]
			res.Film = &f
		}
	}
	if err := ctx.Err(); err != nil {
		return Result{}, err
	}
	if !browse {
		s := ix.suggest(p)
		switch {
		case s == "":
		case res.Total > 0 && !req.Exact && !res.Partial && ix.hasUnknownWord(p):
			// A word is in no passage: every hit came through typo
			// tolerance, so say what was searched.
			res.Corrected = s
		case res.Total < 3 && ix.findsMore(ctx, req, s, res):
			res.Suggestion = s
		}
	}
	res.Notice = strings.Join(p.notices, " ")
	res.TookMS = math.Round(float64(time.Since(start).Microseconds())/10) / 100
	return res, nil
}

// findsMore reports whether the suggested query, with the request's
// filters, finds more than the query as typed did: a suggestion that
// changes a word and finds nothing ("Godard nouvelle value") is noise. The
// suggestion is made of the archive's words, so it is counted as typed
// (no typo tolerance, no partial fallback). It runs only for searches that
// found fewer than three passages.
func (ix *Index) findsMore(ctx context.Context, req Request, suggestion string, res Result) bool {
	alt := Request{Query: suggestion, Films: req.Films, YearFrom: req.YearFrom, YearTo: req.YearTo, Exact: true, Size: 1}
	p, err := ix.plan(alt)
	if err != nil {
		return false
	}
	s := ix.searches(p, false, true)
	if s.browse || s.hits == nil {
		return false
	}
	s.hits.Size, s.hits.Fields = 0, nil
	sr, _, err := ix.execute(ctx, s, p)
	if err != nil {
		return false
	}
	return sr.Total > 0 && (res.Partial || sr.Total > res.Total)
}

// UnknownFilmError is a film filter that names no film in the catalogue.
type UnknownFilmError struct {
	Name        string
	Suggestions []string
}

func (e *UnknownFilmError) Error() string {
	msg := fmt.Sprintf("no film called %q in the archive", e.Name)
	if len(e.Suggestions) > 0 {
		msg += "; did you mean " + quoteList(e.Suggestions) + "?"
	}
	return msg
}

func quoteList(s []string) string {
	q := make([]string, len(s))
	for i, x := range s {
		q[i] = fmt.Sprintf("%q", x)
	}
	return strings.Join(q, " or ")
}

// searchesFor makes a plan's requests, with the filtered ones answered
// from match sets where they can be (sets.go).
func (ix *Index) searchesFor(p plan, partial, noFacets bool) (searches, error) {
	s := ix.searches(p, partial, noFacets)
	if err := ix.narrow(&s, p, partial); err != nil {
		return searches{}, fmt.Errorf("search: %w", err)
	}
	return s, nil
}

// execute runs a plan's request on this generation and reads the facets
// its pass counted. The result has no hits when the plan lists none.
func (ix *Index) execute(ctx context.Context, s searches, p plan) (*bleve.SearchResult, Facets, error) {
	res := &bleve.SearchResult{}
	if s.hits != nil {
		r, err := readerOf(ix.bleve)
		if err != nil {
			return nil, Facets{}, searchError(ctx, err)
		}
		defer r.Close()
		req, seg := s.hits, oneSegment(r)
		if seg != nil && len(req.Fields) > 0 && !ix.bleveLoads {
			// The page's stored fields are read below, by document number.
			plain := *req
			plain.Fields = nil
			req = &plain
		}
		if ix.bleveTerms {
			ctx = context.WithValue(ctx, bleveTermsKey{}, true)
		}
		if res, err = ix.bleve.SearchInContext(ctx, req); err != nil {
			return nil, Facets{}, searchError(ctx, err)
		}
		if req != s.hits {
			for _, h := range res.Hits {
				if err := ctx.Err(); err != nil {
					return nil, Facets{}, err
				}
				if h.Fields, err = storedFieldsOf(seg, h.IndexInternalID, s.hits.Fields); err != nil {
					return nil, Facets{}, err
				}
			}
		}
	}
	facets := Facets{Films: []FilmCount{}, Years: []YearCount{}, Decades: []DecadeCount{}}
	if err := ctx.Err(); err != nil {
		return nil, Facets{}, err
	}
	if s.facets != nil {
		facets = s.facets.facets(p.films, p.yearFrom, p.yearTo)
	}
	return res, facets, nil
}

// errTooManyClauses: an expansion exceeded searcher.DisjunctionMaxClauseCount.
var errTooManyClauses = errors.New("query expansion too wide")

// searchError maps Bleve failures: a passed deadline stays a context error;
// a query that expands too far becomes errTooManyClauses, which Search
// answers by searching the words as typed.
func searchError(ctx context.Context, err error) error {
	if ctx.Err() != nil {
		return ctx.Err()
	}
	// The one string match in cinesearch: Bleve's searcher reports the
	// limit with fmt.Errorf("TooManyClauses[...]") and exports no type or
	// value to test for (bleve v2.6, search/searcher/search_disjunction.go).
	// TestExpansionLimit fails if the wording changes.
	if strings.Contains(err.Error(), "TooManyClauses") {
		return errTooManyClauses
	}
	return fmt.Errorf("search: %w", err)
}

// oneSegment is the segment of a generation held in one (as every build
// leaves it), or nil.
func oneSegment(r bleveindex.IndexReader) segment.Segment {
	snap, ok := r.(*scorch.IndexSnapshot)
	if !ok || len(snap.Segments()) != 1 {
		return nil
	}
	return snap.Segments()[0].Segment()
}

// storedFieldsOf reads the stored fields named of the document with
// internal ID id, as Bleve's LoadAndHighlightFields returns them: a field's
// value, or []any of its values in order; text as a string, a number as a
// float64. Bleve's own loading looks each hit up again by its external ID
// (a term lookup in _id) and builds a document of field objects first:
// 4.8 % of a loaded server's CPU at sotu ×10.
func storedFieldsOf(seg segment.Segment, id bleveindex.IndexInternalID, names []string) (map[string]any, error) {
	n, ok := docNum(id)
	if !ok {
		return nil, fmt.Errorf("load hit: internal ID %x", []byte(id))
	}
	fields := make(map[string]any, len(names))
	err := seg.VisitStoredFields(n, func(field string, typ byte, value []byte, _ []uint64) bool {
		if !slices.Contains(names, field) {
			return true
		}
		var v any
		switch typ {
		case 't':
			v = string(value)
		case 'n':
			if i, err := numeric.PrefixCoded(value).Int64(); err == nil {
				v = numeric.Int64ToFloat64(i)
			}
		}
		if v == nil {
			return true
		}
		switch old := fields[field].(type) {
		case nil:
			fields[field] = v
		case []any:
			fields[field] = append(old, v)
		default:
			fields[field] = []any{old, v}
		}
		return true
	})
	if err != nil {
		return nil, fmt.Errorf("load hit: %w", err)
	}
	return fields, nil
}
