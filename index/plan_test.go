package index

import (
	"errors"
	"fmt"
	"maps"
	"strings"
	"testing"

	"github.com/blevesearch/bleve/v2/search"
	"github.com/blevesearch/bleve/v2/search/query"

	"cinesearch/corpus"
)

// testPlanner plans with the real analyzers and a small catalogue; the
// words in known are the archive's.
func testPlanner(t *testing.T, known ...string) *planner {
	t.Helper()
	m, err := newMapping()
	if err != nil {
		t.Fatal(err)
	}
	films := []corpus.Film{
		{Title: "Pulgasari", Slug: "pulgasari", Year: 1985, Aliases: []string{"Bulgasari"}},
		{Title: "The Flower Girl", Slug: "the-flower-girl", Year: 1972},
		{Title: "Comrade Kim Goes Flying", Slug: "comrade-kim-goes-flying", Year: 2012},
	}
	words := map[string]bool{}
	for _, w := range known {
		words[w] = true
	}
	return &planner{
		text:   m.AnalyzerNamed(analyzerText),
		exact:  m.AnalyzerNamed(analyzerExact),
		films:  newFilmIndex(films),
		known:  func(exact, _ string) bool { return words[exact] },
		facets: newFacetTable(),
	}
}

// show writes a query compactly: field:term^boost, AND(…), OR(…),
// field:"phrase", field:term~fuzz, field:prefix*, ALL, and BOOL with its
// clauses.
func show(q query.Query) string {
	boost := func(b *query.Boost) string {
		if b == nil || float64(*b) == 1 {
			return ""
		}
		return fmt.Sprintf("^%g", float64(*b))
	}
	list := func(qs []query.Query) string {
		var s []string
		for _, q := range qs {
			s = append(s, show(q))
		}
		return strings.Join(s, " ")
	}
	switch q := q.(type) {
	case nil:
		return "-"
	case *query.TermQuery:
		return q.FieldVal + ":" + q.Term + boost(q.BoostVal)
	case *exactPhrase:
		b := query.Boost(q.boost)
		return fmt.Sprintf("%s:%q%s", q.field, strings.Join(q.terms, " "), boost(&b))
	case *query.FuzzyQuery:
		return fmt.Sprintf("%s:%s~%d", q.FieldVal, q.Term, q.Fuzziness)
	case *prefixQuery:
		return q.field + ":" + q.prefix + "*"
	case *neighboursQuery:
		var ws []string
		for _, w := range q.words {
			ws = append(ws, w.term)
		}
		return fmt.Sprintf("%s:{%s}^%g", q.field, strings.Join(ws, " "), q.boost)
	case *query.MatchAllQuery:
		return "ALL"
	case *rankQuery:
		return "kind×" + show(q.query)
	case *facetQuery:
		return "facets×" + show(q.query)
	case *query.ConjunctionQuery:
		return "AND(" + list(q.Conjuncts) + ")"
	case *query.DisjunctionQuery:
		return "OR(" + list(q.Disjuncts) + ")"
	case *wordDisjunction:
		return "OR(" + list(q.clauses) + ")"
	case *query.BooleanQuery:
		var parts []string
		for _, c := range []struct {
			name string
			q    query.Query
		}{{"must", q.Must}, {"should", q.Should}, {"not", q.MustNot}, {"filter", q.Filter}} {
			// Bleve wraps a clause in a conjunction (must) or a
			// disjunction; show a clause of one query as that query.
			switch w := c.q.(type) {
			case *query.ConjunctionQuery:
				if len(w.Conjuncts) == 1 {
					c.q = w.Conjuncts[0]
				}
			case *query.DisjunctionQuery:
				if len(w.Disjuncts) == 1 {
					c.q = w.Disjuncts[0]
				}
			}
			if c.q != nil {
				parts = append(parts, c.name+": "+show(c.q))
			}
		}
		return "BOOL(" + strings.Join(parts, "; ") + ")"
	}
	return fmt.Sprintf("%T", q)
}

func TestPlanWordQueries(t *testing.T) {
	pl := testPlanner(t, "pyongyang", "kidnapped")
	for _, tc := range []struct {
		query string
		want  string // show() of the hits query
	}{
		{"Pyongyang ", "kind×OR(exact:pyongyang^3 text:pyongyang fims:pyongyang^2 section:pyongyang^1.2 title:pyongyang^0.6 author:pyongyang^0.6)"},
		// An unknown word of 5–9 letters tolerates one typo, of 10 or more two.
		{"Pyongang ", "kind×OR(exact:pyongang^3 text:pyongang fims:pyongang^2 section:pyongang^1.2 title:pyongang^0.6 author:pyongang^0.6 exact:pyongang~1)"},
		{"kidnaping ", "kind×OR(exact:kidnaping^3 text:kidnap fims:kidnap^2 section:kidnap^1.2 title:kidnap^0.6 author:kidnap^0.6 exact:kidnaping~1)"},
		{"Rikidozzan ", "kind×OR(exact:rikidozzan^3 text:rikidozzan fims:rikidozzan^2 section:rikidozzan^1.2 title:rikidozzan^0.6 author:rikidozzan^0.6 exact:rikidozzan~2)"},
		// The last word, while typed, is also a prefix.
		{"Pyong", "kind×OR(exact:pyong^3 text:pyong fims:pyong^2 section:pyong^1.2 title:pyong^0.6 author:pyong^0.6 exact:pyong~1 exact:pyong*)"},
		// Two words: both must match; next to each other ranks higher.
		{"kidnapped Pyongyang ", `kind×BOOL(must: AND(OR(exact:kidnapped^3 text:kidnap fims:kidnap^2 section:kidnap^1.2 title:kidnap^0.6 author:kidnap^0.6) OR(exact:pyongyang^3 text:pyongyang fims:pyongyang^2 section:pyongyang^1.2 title:pyongyang^0.6 author:pyongyang^0.6)); should: exact:"kidnapped pyongyang"^2)`},
		// A quoted phrase matches the unstemmed field word for word.
		{`"flower girl"`, `kind×exact:"flower girl"^2`},
		// Exclusions and filters wrap the match.
		{"Pyongyang -kidnapped ", "BOOL(must: kind×OR(exact:pyongyang^3 text:pyongyang fims:pyongyang^2 section:pyongyang^1.2 title:pyongyang^0.6 author:pyongyang^0.6); not: OR(exact:kidnapped text:kidnap))"},
		{"Thaw OR \"flower girl\"", `kind×OR(OR(exact:thaw^3 text:thaw fims:thaw^2 section:thaw^1.2 title:thaw^0.6 author:thaw^0.6) exact:"flower girl"^2)`},
		{"film:bulgasari year:1985", "BOOL(must: ALL; filter: AND(OR(facet:film:Pulgasari) OR(facet:year:1985)))"},
	} {
		p, err := pl.plan(Request{Query: tc.query})
		if err != nil {
			t.Errorf("%q: %v", tc.query, err)
			continue
		}
		got := strings.ReplaceAll(show(pl.searches(p, false, true).hits.Query), fFilmText+":", "fims:")
		if got != tc.want {
			t.Errorf("%q:\n got %s\nwant %s", tc.query, got, tc.want)
		}
	}
}

// TestPlanLooksUpTyposOnce: a word that tolerates typos has its
// neighbours looked up once per plan, whatever number of requests run it,
// and only the plausible ones are searched.
func TestPlanLooksUpTyposOnce(t *testing.T) {
	pl := testPlanner(t, "pyongyang")
	calls := map[string]int{}
	pl.typosOf = func(term string, limit int) ([]neighbour, bool) {
		calls[fmt.Sprintf("%s~%d", term, limit)]++
		return map[string][]neighbour{
			"pyongang":   {{term: "pyongyang", distance: 1, passages: 200}, {term: "pyongan", distance: 1, passages: 3}},
			"rikidozzan": {{term: "rikidozan", distance: 1, passages: 4}},
		}[term], true
	}
	p, err := pl.plan(Request{Query: "Pyongang Rikidozzan pyongyang"})
	if err != nil {
		t.Fatal(err)
	}
	s := pl.searches(p, false, false)
	got := show(s.hits.Query)
	for _, want := range []string{"exact:{pyongyang}^0.5", "exact:{rikidozan}^0.5"} {
		if !strings.Contains(got, want) {
			t.Errorf("hits query lacks %s:\n%s", want, got)
		}
	}
	if strings.Contains(got, "~") || strings.Contains(got, "pyongan}") {
		t.Errorf("hits query has a FuzzyQuery or an implausible neighbour:\n%s", got)
	}
	if want := map[string]int{"pyongang~1": 1, "rikidozzan~2": 1}; !maps.Equal(calls, want) {
		t.Errorf("lookups %v, want %v", calls, want)
	}
	clear(calls)
	if _, err := pl.plan(Request{Query: "Pyongang", Exact: true}); err != nil || len(calls) > 0 {
		t.Errorf("exact search looked up %v (%v)", calls, err)
	}
}

// TestPlanUnfinishedWordIsNoTypo: a last word that starts words of the
// archive is being typed, not misspelt: it is a prefix without typo
// neighbours. One that starts none may be both.
func TestPlanUnfinishedWordIsNoTypo(t *testing.T) {
	pl := testPlanner(t, "worker", "workers")
	pl.startsWords = func(p string) bool { return strings.HasPrefix("worker", p) }
	for q, want := range map[string]string{
		"worke": "exact:worke*",
		"wroke": "exact:wroke~1",
	} {
		p, err := pl.plan(Request{Query: q})
		if err != nil {
			t.Fatal(err)
		}
		got := show(pl.searches(p, false, true).hits.Query)
		if !strings.Contains(got, want) || (want == "exact:worke*" && strings.Contains(got, "~")) {
			t.Errorf("%q: %s, want %s", q, got, want)
		}
	}
}

func TestPlanStopWords(t *testing.T) {
	pl := testPlanner(t)
	p, err := pl.plan(Request{Query: "who wore the suit "})
	if err != nil {
		t.Fatal(err)
	}
	got := show(pl.searches(p, false, true).hits.Query)
	if strings.Contains(got, ":the") {
		t.Errorf("a stop word among other words is matched: %s", got)
	}
	// ...but keeps its place in the near phrase, as it does in the index.
	if !strings.Contains(got, `should: exact:"wore  suit"^2`) || !strings.HasPrefix(got, "kind×") {
		t.Errorf("the near phrase does not leave the stop word's gap: %s", got)
	}
	p, _ = pl.plan(Request{Query: "the "})
	if s := pl.searches(p, false, false); !s.browse || s.hits != nil || !onlyStopWords(p) {
		t.Errorf("a lone stop word: browse=%v hits=%v onlyStopWords=%v", s.browse, s.hits != nil, onlyStopWords(p))
	}
}

// TestPlanRequests checks the one Bleve request a search runs: with
// facets, the film and year filters are left to the facet pass (which
// counts the facets disjunctively as it applies them); without, they are
// Bleve filters. With nothing to list, no request runs: the facets are
// the totals of every passage, kept since the generation was opened.
func TestPlanRequests(t *testing.T) {
	pl := testPlanner(t)
	type shape struct {
		hits, browse bool
		// counts: the facets are every passage's, with no request.
		counts bool
		// pass: the request runs through a facet pass; bleveFilters: the
		// film or year filter is in the Bleve query.
		pass, bleveFilters bool
	}
	for _, tc := range []struct {
		name string
		req  Request
		want shape
	}{
		{"nothing: only the facets, from the totals", Request{}, shape{browse: true, counts: true}},
		{"nothing, no facets", Request{NoFacets: true}, shape{browse: true}},
		{"words", Request{Query: "kim jong "}, shape{hits: true, pass: true}},
		{"words, no facets", Request{Query: "kim jong ", NoFacets: true}, shape{hits: true}},
		{"film filter", Request{Query: "kim jong ", Films: []string{"Pulgasari"}}, shape{hits: true, pass: true}},
		{"film filter, no facets", Request{Query: "kim jong ", Films: []string{"Pulgasari"}, NoFacets: true}, shape{hits: true, bleveFilters: true}},
		{"both filters", Request{Query: "kim jong ", YearFrom: 1980, Films: []string{"Pulgasari"}}, shape{hits: true, pass: true}},
		{"year filter, no facets", Request{Query: "kim jong ", YearFrom: 1980, NoFacets: true}, shape{hits: true, bleveFilters: true}},
		{"browse a film", Request{Films: []string{"Pulgasari"}}, shape{hits: true, browse: true, pass: true}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			p, err := pl.plan(tc.req)
			if err != nil {
				t.Fatal(err)
			}
			s := pl.searches(p, false, tc.req.NoFacets)
			got := shape{hits: s.hits != nil, browse: s.browse, counts: s.hits == nil && s.facets != nil}
			if r := s.hits; r != nil {
				if r.Facets != nil {
					t.Errorf("a request asks Bleve for facets: %v", r.Facets)
				}
				fq, ok := r.Query.(*facetQuery)
				got.pass = got.pass || (ok && fq.pass == s.facets && s.facets != nil)
				q := show(r.Query)
				got.bleveFilters = got.bleveFilters || strings.Contains(q, "facet:")
			}
			if got != tc.want {
				t.Errorf("got %+v\nwant %+v", got, tc.want)
			}
			if s.browse && s.hits != nil {
				if f, ok := s.hits.Sort[0].(*search.SortField); !ok || f.Field != fOrd {
					t.Errorf("a browse is not in article order: %+v", s.hits.Sort[0])
				}
			}
		})
	}
}

func TestPlanPartial(t *testing.T) {
	pl := testPlanner(t, "pyongyang", "geneva")
	p, err := pl.plan(Request{Query: "pyongyang geneva "})
	if err != nil {
		t.Fatal(err)
	}
	if got := show(pl.searches(p, true, true).hits.Query); !strings.HasPrefix(got, "kind×OR(OR(exact:pyongyang") {
		t.Errorf("partial is not a disjunction of the words: %s", got)
	}
	p, _ = pl.plan(Request{Query: "pyongyang "})
	if s := pl.searches(p, true, true); !s.browse {
		t.Errorf("one word has no partial form: %s", show(s.hits.Query))
	}
	p.noExpand()
	if got := show(pl.searches(p, false, true).hits.Query); strings.Contains(got, "~") || strings.Contains(got, "*") {
		t.Errorf("noExpand left an expansion: %s", got)
	}
}

func TestPlanErrors(t *testing.T) {
	pl := testPlanner(t)
	for _, tc := range []struct {
		req  Request
		want string
	}{
		{Request{Size: MaxSize + 1}, "size must be between 1 and 100"},
		{Request{Page: -1}, "page must be between 1 and 100"},
		{Request{Sort: "title"}, `sort must be "relevance", "year" or "year_desc"`},
		{Request{YearFrom: 1850}, "year 1850 is outside 1900–2035"},
		{Request{YearFrom: 1990, YearTo: 1980}, "the year range 1990–1980 ends before it starts"},
		{Request{Query: strings.Repeat("a", MaxQueryBytes+1)}, "at most 1000 are searched"},
		{Request{Query: "caf\xe9"}, "not valid UTF-8"},
		{Request{Query: `"unclosed`}, ""}, // forgiving: not an error
	} {
		_, err := pl.plan(tc.req)
		var qe *QueryError
		switch {
		case tc.want == "" && err != nil:
			t.Errorf("%+v: %v", tc.req, err)
		case tc.want != "" && (!errors.As(err, &qe) || !strings.Contains(err.Error(), tc.want)):
			t.Errorf("%+v: got %v, want a QueryError with %q", tc.req, err, tc.want)
		}
	}
	_, err := pl.plan(Request{Films: []string{"Pulgasary"}})
	var fe *UnknownFilmError
	if !errors.As(err, &fe) || len(fe.Suggestions) != 1 || fe.Suggestions[0] != "Pulgasari" {
		t.Errorf("unknown film: %v", err)
	}
	p, err := pl.plan(Request{Films: []string{"the flower  GIRL", "Bulgasari", "Pulgasari"}})
	if err != nil || fmt.Sprint(p.films) != "[The Flower Girl Pulgasari]" {
		t.Errorf("films by case, spacing and alias: %v, %v", p.films, err)
	}
}
