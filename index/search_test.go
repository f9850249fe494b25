package index

import (
	"context"
	"encoding/json"
	"errors"
	"html"
	"os"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"cinesearch/corpus"
)

// TestRelevance runs the realistic queries of testdata/relevance.json: the
// passage containing "expect" (in its text or section) must rank within
// "top". A case may also say what the answer must not do: "max_total"
// (0: the query has no answer here, and must not pretend to), "not_marked"
// (words no fragment may mark: a whole word read as a prefix, a typo
// neighbour), "corrected" (what the result must say it searched instead,
// "" for nothing) and "suggestion".
func TestRelevance(t *testing.T) {
	b, err := os.ReadFile("testdata/relevance.json")
	if err != nil {
		t.Fatal(err)
	}
	var cases []struct {
		Query, Expect, Why string
		Top                int
		MaxTotal           *uint64  `json:"max_total"`
		NotMarked          []string `json:"not_marked"`
		Corrected          *string
		Suggestion         *string
	}
	if err := json.Unmarshal(b, &cases); err != nil {
		t.Fatal(err)
	}
	for _, c := range cases {
		t.Run(c.Query, func(t *testing.T) {
			res := doSearch(t, Request{Query: c.Query, Size: 10})
			if c.MaxTotal != nil && res.Total > *c.MaxTotal {
				t.Errorf("%s: %d hits, want at most %d", c.Why, res.Total, *c.MaxTotal)
			}
			if c.Corrected != nil && res.Corrected != *c.Corrected {
				t.Errorf("%s: corrected %q, want %q", c.Why, res.Corrected, *c.Corrected)
			}
			if c.Suggestion != nil && res.Suggestion != *c.Suggestion {
				t.Errorf("%s: suggestion %q, want %q", c.Why, res.Suggestion, *c.Suggestion)
			}
			if len(c.NotMarked) > 0 {
				wide := doSearch(t, Request{Query: c.Query, Size: 100})
				for _, h := range wide.Hits {
					for _, f := range h.Fragments {
						for _, part := range strings.Split(f, "<mark>")[1:] {
							w, _, _ := strings.Cut(part, "</mark>")
							if slices.Contains(c.NotMarked, strings.ToLower(html.UnescapeString(w))) {
								t.Errorf("%s: %s marks %q", c.Why, h.ID, w)
							}
						}
					}
				}
			}
			if c.Expect == "" {
				return
			}
			for i, h := range res.Hits {
				if strings.Contains(h.Text, c.Expect) || strings.Contains(h.Section, c.Expect) {
					if i >= c.Top {
						t.Errorf("%s: expected passage ranks %d, want ≤ %d", c.Why, i+1, c.Top)
					}
					return
				}
			}
			var got []string
			for _, h := range res.Hits {
				got = append(got, h.ID)
			}
			t.Errorf("%s: no hit contains %q; got %v", c.Why, c.Expect, got)
		})
	}
}

// bruteForce counts passages matching film and year filters the way the
// search defines them.
func bruteForce(films []string, from, to int) []corpus.Passage {
	var out []corpus.Passage
	for _, p := range seedCorpus.Passages {
		if len(films) > 0 && !slices.ContainsFunc(p.Films, func(f string) bool { return slices.Contains(films, f) }) {
			continue
		}
		if from != 0 || to != 0 {
			lo, hi := max(from, 1900), to
			if hi == 0 {
				hi = 2035
			}
			ok := slices.ContainsFunc(p.Years, func(y int) bool { return y >= lo && y <= hi })
			ok = ok || slices.ContainsFunc(p.Decades, func(d int) bool { return d >= lo && d+9 <= hi })
			if !ok {
				continue
			}
		}
		out = append(out, p)
	}
	return out
}

// TestFacetsMatchBruteForce compares facet counts and totals with counts
// over the corpus passages, for several filter combinations; facets are
// disjunctive, so each facet is counted without its own filter.
func TestFacetsMatchBruteForce(t *testing.T) {
	cases := []struct {
		films    []string
		from, to int
	}{
		{[]string{"Thaw"}, 0, 0},
		{[]string{"Thaw", "Bird"}, 0, 0},
		{nil, 1985, 1989},
		{nil, 1960, 1969},
		{[]string{"Bird"}, 1990, 1999},
		{[]string{"Comrade Kim Goes Flying"}, 2012, 2012},
	}
	for _, c := range cases {
		res := doSearch(t, Request{Films: c.films, YearFrom: c.from, YearTo: c.to, Size: 100})
		if want := len(bruteForce(c.films, c.from, c.to)); int(res.Total) != want {
			t.Errorf("%v %d–%d: total %d, brute force %d", c.films, c.from, c.to, res.Total, want)
		}
		filmCounts := map[string]int{}
		for _, p := range bruteForce(nil, c.from, c.to) {
			for _, f := range p.Films {
				filmCounts[f]++
			}
		}
		for _, fc := range res.Facets.Films {
			if fc.Count != filmCounts[fc.Value] {
				t.Errorf("%v %d–%d: film facet %q = %d, brute force %d", c.films, c.from, c.to, fc.Value, fc.Count, filmCounts[fc.Value])
			}
			if fc.Selected != slices.Contains(c.films, fc.Value) {
				t.Errorf("film %q selected = %v", fc.Value, fc.Selected)
			}
		}
		yearCounts, decadeCounts := map[int]int{}, map[int]int{}
		for _, p := range bruteForce(c.films, 0, 0) {
			for _, y := range p.Years {
				yearCounts[y]++
			}
			for _, d := range p.Decades {
				decadeCounts[d]++
			}
		}
		if len(res.Facets.Years) != len(yearCounts) {
			t.Errorf("%v: %d year facet entries, brute force %d", c.films, len(res.Facets.Years), len(yearCounts))
		}
		for _, yc := range res.Facets.Years {
			if yc.Count != yearCounts[yc.Year] {
				t.Errorf("%v %d–%d: year %d = %d, brute force %d", c.films, c.from, c.to, yc.Year, yc.Count, yearCounts[yc.Year])
			}
		}
		for _, dc := range res.Facets.Decades {
			if dc.Count != decadeCounts[dc.Decade] {
				t.Errorf("%v: decade %d = %d, brute force %d", c.films, dc.Decade, dc.Count, decadeCounts[dc.Decade])
			}
		}
	}
}

func TestBrowseFilmListsItsPassagesInArticleOrder(t *testing.T) {
	res := doSearch(t, Request{Query: `film:"Bird"`, Size: 100})
	var facet int
	all := doSearch(t, Request{Query: "", Size: 1})
	for _, f := range all.Facets.Films {
		if f.Value == "Bird" {
			facet = f.Count
		}
	}
	if int(res.Total) != facet || facet == 0 || len(res.Hits) != facet {
		t.Fatalf("film:Bird total %d, hits %d, facet count %d", res.Total, len(res.Hits), facet)
	}
	for i := 1; i < len(res.Hits); i++ {
		if res.Hits[i].Ordinal <= res.Hits[i-1].Ordinal {
			t.Errorf("not in article order: %s before %s", res.Hits[i-1].ID, res.Hits[i].ID)
		}
	}
	if all.Total != 0 || len(all.Facets.Films) == 0 || len(all.Facets.Years) == 0 {
		t.Errorf("empty query: total %d, %d film and %d year facets; want 0 hits and facets over everything", all.Total, len(all.Facets.Films), len(all.Facets.Years))
	}
}

func TestDisjunctiveFilmFacet(t *testing.T) {
	res := doSearch(t, Request{Query: "Japan", Films: []string{"Thaw"}})
	counts := map[string]FilmCount{}
	for _, f := range res.Facets.Films {
		counts[f.Value] = f
	}
	if !counts["Thaw"].Selected || counts["Bird"].Count == 0 {
		t.Errorf("with Thaw selected: Thaw %+v, Bird %+v; want Thaw selected and Bird still counted", counts["Thaw"], counts["Bird"])
	}
	for _, h := range res.Hits {
		if !slices.Contains(h.Films, "Thaw") {
			t.Errorf("hit %s is not about Thaw", h.ID)
		}
	}
}

func TestFragmentsAreEscapedHTMLWithOnlyMarks(t *testing.T) {
	for _, q := range []string{"Pyongyang", "\"Arirang Mass Games\"", "Godzila", "mosfi", "Chongryun", "Kim Jong-il", ""} {
		res := doSearch(t, Request{Query: q, Films: []string{"Thaw"}})
		if q != "" {
			res = doSearch(t, Request{Query: q})
		}
		for _, h := range res.Hits {
			if len(h.Fragments) == 0 || len(h.Fragments) > 3 {
				t.Errorf("%q: %s has %d fragments", q, h.ID, len(h.Fragments))
			}
			for _, f := range h.Fragments {
				checkFragment(t, f, h.Text)
			}
		}
	}
}

// checkFragment: the only tags are <mark>…</mark>, properly paired, and the
// unescaped text is a piece of the passage.
func checkFragment(t *testing.T, f, text string) {
	t.Helper()
	depth := 0
	rest := f
	for {
		i := strings.IndexByte(rest, '<')
		if i < 0 {
			break
		}
		switch {
		case strings.HasPrefix(rest[i:], "<mark>"):
			depth++
			rest = rest[i+6:]
		case strings.HasPrefix(rest[i:], "</mark>"):
			depth--
			rest = rest[i+7:]
		default:
			t.Fatalf("fragment has a tag other than mark: %q", f)
		}
		if depth < 0 || depth > 1 {
			t.Fatalf("unbalanced marks: %q", f)
		}
	}
	if depth != 0 || strings.ContainsAny(strings.NewReplacer("<mark>", "", "</mark>", "").Replace(f), `<>"`) {
		t.Fatalf("unescaped characters or open mark: %q", f)
	}
	plain := html.UnescapeString(strings.NewReplacer("<mark>", "", "</mark>", "").Replace(f))
	plain = strings.Trim(plain, "…")
	if !strings.Contains(text, plain) {
		t.Fatalf("fragment text %q is not in the passage", plain)
	}
}

func TestMarkedWords(t *testing.T) {
	res := doSearch(t, Request{Query: "Pulgasary suit"})
	if len(res.Hits) == 0 || !strings.Contains(res.Hits[0].Fragments[0]+strings.Join(res.Hits[0].Fragments, ""), "<mark>Pulgasari</mark>") {
		t.Fatalf("typo match not marked: %v", res.Hits)
	}
	res = doSearch(t, Request{Query: `"wild birds"`})
	if len(res.Hits) != 1 || !strings.Contains(res.Hits[0].Fragments[0], "<mark>wild birds</mark>") {
		t.Fatalf("phrase not marked as one: %+v", res.Hits)
	}
	// Romanization variants are marked under the spelling of the text,
	// whatever letter it starts with.
	res = doSearch(t, Request{Query: "Choe Un Hui"})
	if all := strings.Join(res.Hits[0].Fragments, " "); !strings.Contains(all, "<mark>Choi Eun Hee") && !strings.Contains(all, "<mark>Choi Eun-hee") {
		t.Errorf("variant spellings not marked: %s", all)
	}
	res = doSearch(t, Request{Query: "who wore the Pulgasari suit"})
	for _, f := range res.Hits[0].Fragments {
		if strings.Contains(f, "<mark>the</mark>") || strings.Contains(f, "<mark>who</mark>") {
			t.Errorf("stop word marked: %s", f)
		}
	}
}

// TestPhrasesWithStopWords: fExact leaves stop words out; phrases that
// contain them still match in order, and are marked as one.
func TestPhrasesWithStopWords(t *testing.T) {
	res := doSearch(t, Request{Query: `"Shin Sang Ok and Choi Eun Hee"`})
	if res.Total == 0 || !strings.Contains(strings.Join(res.Hits[0].Fragments, ""), "<mark>Shin Sang Ok and Choi Eun Hee</mark>") {
		t.Fatalf("phrase with a stop word: %d hits, %v", res.Total, res.Hits)
	}
	// The same words in another order, or with another word in the gap,
	// are not the phrase.
	if res := doSearch(t, Request{Query: `"Choi Eun Hee and Shin Sang Ok"`}); res.Total != 0 {
		t.Errorf("reordered phrase matched %d passages", res.Total)
	}
	if res := doSearch(t, Request{Query: `"Shin Sang Ok with Choi"`}); res.Total == 0 {
		t.Errorf("a stop word gap should match any stop word, as Bleve's match phrase does")
	}
	// Only stop words: nothing, with a notice saying why.
	res = doSearch(t, Request{Query: "the"})
	if res.Notice == "" || res.Total != 0 {
		t.Errorf("stop-word query: total %d, notice %q", res.Total, res.Notice)
	}
}

func TestPartialFallback(t *testing.T) {
	res := doSearch(t, Request{Query: "Pulgasari xylophone"})
	if !res.Partial || res.Total == 0 || res.Notice == "" {
		t.Errorf("partial = %v, total %d, notice %q", res.Partial, res.Total, res.Notice)
	}
	res = doSearch(t, Request{Query: "Pulgasari suit"})
	if res.Partial {
		t.Error("full match flagged partial")
	}
}

// TestCorrectionsAreSaid: hits that came through typo tolerance say what
// was searched; the query as typed can be searched exactly, and then gets
// a suggestion (only one that finds more than the query); words the archive has (as written or inflected) are
// never "corrected" into stems.
func TestCorrectionsAreSaid(t *testing.T) {
	for _, tc := range []struct {
		query, corrected, suggestion string
		exact                        bool
	}{
		{"Rikidozzan ", "rikidozan", "", false},
		{"Pulgasary", "pulgasari", "", false},
		{"Pulgasary", "", "pulgasari", true},
		{"Mothers Wish", "", "", false},
		{"Bavaria Studios", "", "", false},
		{"kidnapping", "", "", false},
		// Partial matches are of the words as typed: one typo neighbour
		// of one word is no answer, and nothing is "corrected"; nor is
		// "Godard nouvelle value" suggested, as it finds nothing either.
		{"Godard nouvelle vague", "", "", false},
	} {
		res := doSearch(t, Request{Query: tc.query, Exact: tc.exact})
		if res.Corrected != tc.corrected || res.Suggestion != tc.suggestion {
			t.Errorf("%q (exact %v): corrected %q, suggestion %q; want %q, %q (%d hits)", tc.query, tc.exact, res.Corrected, res.Suggestion, tc.corrected, tc.suggestion, res.Total)
		}
		if tc.exact && res.Total != 0 {
			t.Errorf("%q searched exactly: %d hits", tc.query, res.Total)
		}
	}
	// Two edits only from ten letters: "animation" is not "agitation".
	if res := doSearch(t, Request{Query: "animation"}); res.Total != 0 {
		t.Errorf("animation: %d hits (%v)", res.Total, res.Hits[0].Fragments)
	}
	// Partial answers need half of the words: a name in no passage is not
	// answered with every "Kim".
	for _, q := range []string{"Kim Ki-duk", "Bong Joon-ho"} {
		if res := doSearch(t, Request{Query: q}); res.Total != 0 {
			t.Errorf("%s: %d partial hits", q, res.Total)
		}
	}
}

// TestLastWordIsAPrefixOnlyWhileUnfinished: a whole word of the archive is
// not read as the start of others unless the reader is still typing it
// (and never for a year-sorted list); an unfinished word is.
func TestLastWordIsAPrefixOnlyWhileUnfinished(t *testing.T) {
	marked := func(res Result) map[string]bool {
		m := map[string]bool{}
		for _, h := range res.Hits {
			for _, f := range h.Fragments {
				for _, part := range strings.Split(f, "<mark>")[1:] {
					w, _, _ := strings.Cut(part, "</mark>")
					m[strings.ToLower(html.UnescapeString(w))] = true
				}
			}
		}
		return m
	}
	whole := doSearch(t, Request{Query: "Shin", Size: 100})
	for w := range marked(whole) {
		if !strings.HasPrefix(w, "shin") && !strings.HasPrefix(w, "sin") {
			t.Errorf("Shin marked %q", w)
		}
	}
	typing := doSearch(t, Request{Query: "Shin", Size: 100, Typing: true})
	if typing.Total <= whole.Total {
		t.Errorf("while typing, Shin finds %d passages, as a whole word %d", typing.Total, whole.Total)
	}
	// Among paragraphs (captions and notes weigh less whatever matched),
	// every whole-word match ranks above every prefix-only match.
	prefixOnly := false
	for i, h := range typing.Hits {
		if h.Kind != "text" {
			continue
		}
		isWhole := slices.ContainsFunc(whole.Hits, func(w Hit) bool { return w.ID == h.ID })
		if isWhole && prefixOnly {
			t.Errorf("while typing, a whole-word match ranks %d, below a prefix-only match", i+1)
			break
		}
		prefixOnly = prefixOnly || !isWhole
	}
	byYear := doSearch(t, Request{Query: "Shin", Size: 100, Typing: true, Sort: SortYear})
	if byYear.Total != whole.Total {
		t.Errorf("sorted by year while typing: %d passages, want the %d whole-word ones", byYear.Total, whole.Total)
	}
	if res := doSearch(t, Request{Query: "Pyong"}); res.Total == 0 || !marked(res)["pyongyang"] {
		t.Errorf("an unfinished word: %d hits", res.Total)
	}
}

func TestSortByYear(t *testing.T) {
	res := doSearch(t, Request{Query: "Pyongyang", Sort: SortYear, Size: 50})
	last := 0
	for _, h := range res.Hits {
		y := 9999
		if len(h.Years) > 0 {
			y = h.Years[0]
		}
		if y < last {
			t.Fatalf("%s (year %d) after year %d", h.ID, y, last)
		}
		last = y
	}
}

func TestRequestErrors(t *testing.T) {
	for _, req := range []Request{
		{Query: "x", Size: 1000},
		{Query: "x", Size: -1},
		{Query: "x", Page: -1},
		{Query: "x", Page: MaxPage + 1},
		{Query: strings.Repeat("a", MaxQueryBytes+1)},
		{Query: "x", Sort: "random"},
		{Query: "year:soon"},
		{Query: "x", YearFrom: 1800},
		{Query: "\xff\xfe"},
	} {
		_, err := seedIndex.Search(context.Background(), req)
		var qe *QueryError
		if !errors.As(err, &qe) {
			t.Errorf("%+v: error %v, want QueryError", req, err)
		}
	}
	_, err := seedIndex.Search(context.Background(), Request{Films: []string{"Thaww"}})
	var fe *UnknownFilmError
	if !errors.As(err, &fe) || !slices.Contains(fe.Suggestions, "Thaw") {
		t.Errorf("unknown film: %v", err)
	}
}

func TestFilmFilterAcceptsAliasesAndCase(t *testing.T) {
	for _, f := range []string{"thaw", "Snow Melts in Spring", "THAW"} {
		res := doSearch(t, Request{Films: []string{f}})
		if len(res.Filters.Films) != 1 || res.Filters.Films[0] != "Thaw" || res.Total == 0 {
			t.Errorf("film %q: filters %v, total %d", f, res.Filters.Films, res.Total)
		}
	}
}

func TestHostileQueries(t *testing.T) {
	inputs := []string{`"unbalanced`, `-`, `film:`, `year:`, "\x00\x01\x02", strings.Repeat("pyongyang ", 99),
		`*`, `?`, `a*`, `~2`, `"" "" ""`, `-"" -`, `((((((`, `film:"`, `\`, `/[/`, `p`, `pa`}
	for _, in := range inputs {
		ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		_, err := seedIndex.Search(ctx, Request{Query: in})
		cancel()
		var qe *QueryError
		if err != nil && !errors.As(err, &qe) {
			t.Errorf("%q: %v", in, err)
		}
	}
}

func TestSearchHonoursContext(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	_, err := seedIndex.Search(ctx, Request{Query: "Pyongyang"})
	if !errors.Is(err, context.Canceled) {
		t.Errorf("cancelled search: %v", err)
	}
}

func TestPassageAndAround(t *testing.T) {
	id := seedCorpus.Passages[10].ID
	h, err := seedIndex.Passage(context.Background(), id)
	if err != nil || h.Text != seedCorpus.Passages[10].Text {
		t.Fatalf("Passage(%s) = %+v, %v", id, h, err)
	}
	around, err := seedIndex.Around(context.Background(), id, 2)
	if err != nil || len(around) != 5 || around[2].ID != id {
		t.Fatalf("Around = %d passages, %v", len(around), err)
	}
	if _, err := seedIndex.Passage(context.Background(), "nope-p1"); !errors.Is(err, ErrNotFound) {
		t.Errorf("unknown passage: %v", err)
	}
}

// FuzzSearch feeds arbitrary strings to the whole search path over the real
// seed index: a result or a QueryError, never a panic or another error.
func FuzzSearch(f *testing.F) {
	for _, s := range []string{`"a b`, `-`, `film:"Thaw" x`, `year:1980..1989 soviet`, `Pulgasary`, `\x00`, `mos`} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		_, err := seedIndex.Search(context.Background(), Request{Query: s})
		var qe *QueryError
		var fe *UnknownFilmError
		if err != nil && !errors.As(err, &qe) && !errors.As(err, &fe) {
			t.Fatalf("%q: %v", s, err)
		}
	})
}

// TestOr: words or phrases joined by OR match through any of them; an OR
// group is one more thing every hit must match.
func TestOr(t *testing.T) {
	ids := func(q string) map[string]bool {
		res := doSearch(t, Request{Query: q, Size: 100})
		m := map[string]bool{}
		for _, h := range res.Hits {
			m[h.ID] = true
		}
		if uint64(len(m)) != res.Total {
			t.Fatalf("%q: %d hits of %d", q, len(m), res.Total)
		}
		return m
	}
	thaw, bird, japan := ids("Thaw "), ids("Bird "), ids("Japan ")
	union := ids("Thaw OR Bird")
	for id := range thaw {
		if !union[id] {
			t.Errorf("Thaw OR Bird misses %s (Thaw)", id)
		}
	}
	for id := range bird {
		if !union[id] {
			t.Errorf("Thaw OR Bird misses %s (Bird)", id)
		}
	}
	for id := range union {
		if !thaw[id] && !bird[id] {
			t.Errorf("Thaw OR Bird has %s, with neither", id)
		}
	}
	for id := range ids(`Thaw OR "Silver Hairpin" Japan`) {
		if !japan[id] {
			t.Errorf("%s lacks Japan", id)
		}
	}
	res := doSearch(t, Request{Query: `Thaw OR "Silver Hairpin" Japan`})
	if res.Total == 0 || res.Partial {
		t.Fatalf("total %d partial %v", res.Total, res.Partial)
	}
	marked := strings.Join(res.Hits[0].Fragments, " ")
	if !strings.Contains(marked, "<mark>Japan</mark>") {
		t.Errorf("fragments do not mark the words: %s", marked)
	}
}

// TestStoredFieldsAsBleveLoadsThem: hits read by document number from the
// segment (storedFieldsOf) are the hits Bleve loads itself — texts,
// sections, films and years of one value and of several, ordinals.
func TestStoredFieldsAsBleveLoadsThem(t *testing.T) {
	ix := seedIndex
	defer func() { ix.bleveLoads = false }()
	several := 0
	for _, q := range []string{"Pulgasari", "film festival", "Shin Sang-ok", "Japan", "co-production", "Kim Jong-il", "Hong Kong", "", "Thaw"} {
		for _, req := range []Request{{Query: q, Size: 20}, {Query: q, Size: 10, Page: 2, Sort: SortYear}, {Query: q, YearFrom: 1985, YearTo: 1999, Size: 10}} {
			ix.bleveLoads = false
			got, err := ix.Search(context.Background(), req)
			if err != nil {
				t.Fatal(err)
			}
			ix.bleveLoads = true
			want, err := ix.Search(context.Background(), req)
			if err != nil {
				t.Fatal(err)
			}
			got.TookMS, want.TookMS = 0, 0
			if d := cmp.Diff(want, got); d != "" {
				t.Errorf("%+v: hits differ from Bleve's loading (-bleve +direct):\n%s", req, d)
			}
			for _, h := range got.Hits {
				if len(h.Films) > 1 || len(h.Years) > 1 {
					several++
				}
			}
		}
	}
	if several == 0 {
		t.Error("no hit had several films or years: the comparison is too thin")
	}
}

// TestFilmByAnyOfItsTitles: a catalogued film is found by its title in
// Korean script, in either romanization and in English (issue 26: the
// base catalogue gives every film its other titles): each query finds the
// passages the English title finds, and names the film, so the page shows
// its card.
func TestFilmByAnyOfItsTitles(t *testing.T) {
	for _, film := range []struct {
		title  string
		others []string
	}{
		{"Sea of Blood", []string{"피바다", "Phibada", "Pibada"}},
		{"Pulgasari", []string{"불가사리", "Bulgasari"}},
	} {
		want := doSearch(t, Request{Query: film.title, Size: 50})
		if want.Total == 0 {
			t.Fatalf("%q finds nothing", film.title)
		}
		ids := func(r Result) []string {
			var out []string
			for _, h := range r.Hits {
				out = append(out, h.ID)
			}
			slices.Sort(out)
			return out
		}
		for _, q := range append([]string{film.title}, film.others...) {
			got := doSearch(t, Request{Query: q, Size: 50})
			if got.Film == nil || got.Film.Title != film.title {
				t.Errorf("%q names film %+v, want %s", q, got.Film, film.title)
			}
			if diff := cmp.Diff(ids(want), ids(got)); diff != "" {
				t.Errorf("%q finds other passages than %q (-want +got):\n%s", q, film.title, diff)
			}
		}
	}
}

// TestSearchStopsAtItsDeadline: a search whose deadline has passed is
// answered with the context's error, whatever step it is at, never with
// a late result.
func TestSearchStopsAtItsDeadline(t *testing.T) {
	ix := seedIndex
	ctx, cancel := context.WithDeadline(context.Background(), time.Now().Add(-time.Millisecond))
	defer cancel()
	for _, q := range []string{"Pyongyang", "Pulgasari monster", "Thaw kimono xyzzy", ""} {
		if _, err := ix.Search(ctx, Request{Query: q}); !errors.Is(err, context.DeadlineExceeded) {
			t.Errorf("%q past its deadline: %v", q, err)
		}
	}
}
