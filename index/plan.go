package index

// Planning a search: a request becomes the Bleve requests that answer it,
// without searching. The planner needs only the analyzers, the film
// catalogue and a way to ask whether the archive has a word, so the plan
// is tested without an index (plan_test.go); search.go runs it.
//
// Each word of the query becomes a disjunction of ways to match it, with
// boosts so that the closer the match the higher the passage ranks:
//
//	exact word in the text (unstemmed field)           ×3
//	stemmed word in the text ("kidnapping"~"kidnapped") ×1
//	the word in film titles and aliases                 ×2
//	the word in the section heading / article title     ×1.2 / ×0.6
//	the word in the article's author                    ×0.6
//	one edit away (5+ letters), two edits (10+ letters) ×0.5 (exact field)
//	  (only the neighbours a writer plausibly meant, typo.go)
//	prefix, for an unfinished last word                ×0.7 (exact field)
//
// All words must match (a conjunction); if none does, the words are
// searched as a disjunction and the result says it is partial. Quoted
// phrases match the unstemmed field word for word, small words included.
// Romanization variants need no query expansion: the analyzers map them to
// one spelling at index and query time.
//
// Film and year filters are Bleve filter clauses (no effect on scores). A
// year range also matches passages about a decade that lies inside it.

import (
	"fmt"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/analysis"
	"github.com/blevesearch/bleve/v2/search"
	"github.com/blevesearch/bleve/v2/search/query"

	"cinesearch/corpus"
)

// qword is one query word as both analyzers see it.
type qword struct {
	raw    string // as typed
	exact  string // folded, unstemmed
	stem   string // folded, stemmed ("" for a stop word)
	prefix bool   // match as a prefix too
	fuzz   int    // edit distance tolerated
	// typos are the archive's words within fuzz edits, looked up once by
	// the plan (typo.go); looked says they were, else Bleve's FuzzyQuery
	// finds them.
	typos  []neighbour
	looked bool
}

// planner plans searches (see the file comment).
type planner struct {
	text, exact analysis.Analyzer
	films       *filmIndex
	// known reports whether the archive has a word, as written or by its
	// stem: such a word is taken as spelt as meant.
	known func(exact, stem string) bool
	// startsWords reports whether some word of the archive starts with a
	// prefix (nil: none is known to).
	startsWords func(prefix string) bool
	// ranks weigh hits by passage kind and break ties (rank.go).
	ranks rankFactors
	// facets are every passage's films, years and decades (facets.go).
	facets *facetTable
	// typosOf looks up a word's typo neighbours (typo.go); nil leaves
	// them to Bleve's FuzzyQuery.
	typosOf func(term string, limit int) ([]neighbour, bool)
}

// plan is a request made ready to run.
type plan struct {
	q        Query
	words    []qword
	phrases  [][]string // exact tokens of each phrase
	films    []string   // canonical film titles
	authors  [][]string // author: filters, each as its analysed words
	named    string     // the film whose title or other title the query is
	either   [][]alt    // OR groups, and joined names ("Jongil")
	near     []string   // the typed words for the near-phrase boost, joined names split
	yearFrom int
	yearTo   int
	page     int
	size     int
	sort     string
	notices  []string
}

// plan validates a request and analyses its query.
func (pl *planner) plan(req Request) (plan, error) {
	p, err := pl.analyse(req)
	if err == nil && pl.typosOf != nil {
		lookUp := func(w *qword) {
			if w.fuzz > 0 {
				var ns []neighbour
				if ns, w.looked = pl.typosOf(w.exact, w.fuzz); w.looked {
					w.typos = plausible(ns)
				}
			}
		}
		for i := range p.words {
			lookUp(&p.words[i])
		}
		for _, g := range p.either {
			for _, a := range g {
				for i := range a.words {
					lookUp(&a.words[i])
				}
			}
		}
	}
	return p, err
}

// analyse validates a request and analyses its query.
func (pl *planner) analyse(req Request) (plan, error) {
	p := plan{page: req.Page, size: req.Size, sort: req.Sort}
	if len(req.Query) > MaxQueryBytes {
		return p, &QueryError{Msg: fmt.Sprintf("the query is %d bytes long; at most %d are searched — shorten it", len(req.Query), MaxQueryBytes)}
	}
	if !utf8.ValidString(req.Query) {
		return p, &QueryError{Msg: "the query is not valid UTF-8 text"}
	}
	switch {
	case p.size == 0:
		p.size = DefaultSize
	case p.size < 0 || p.size > MaxSize:
		return p, &QueryError{Msg: fmt.Sprintf("size must be between 1 and %d", MaxSize)}
	}
	switch {
	case p.page == 0:
		p.page = 1
	case p.page < 0 || p.page > MaxPage:
		return p, &QueryError{Msg: fmt.Sprintf("page must be between 1 and %d", MaxPage)}
	}
	switch p.sort {
	case "":
		p.sort = SortRelevance
	case SortRelevance, SortYear, SortYearDesc:
	default:
		return p, &QueryError{Msg: fmt.Sprintf("sort must be %q, %q or %q", SortRelevance, SortYear, SortYearDesc)}
	}
	for _, y := range []int{req.YearFrom, req.YearTo} {
		if y != 0 && (y < 1900 || y > 2035) {
			return p, &QueryError{Msg: fmt.Sprintf("year %d is outside 1900–2035", y)}
		}
	}
	q, err := ParseQuery(req.Query)
	if err != nil {
		return p, err
	}
	p.q = q
	p.yearFrom, p.yearTo = narrow(q.YearFrom, q.YearTo, req.YearFrom, req.YearTo)
	if p.yearFrom != 0 && p.yearTo != 0 && p.yearFrom > p.yearTo {
		if req.YearFrom != 0 && req.YearTo != 0 && req.YearFrom > req.YearTo {
			return p, &QueryError{Msg: fmt.Sprintf("the year range %d–%d ends before it starts", req.YearFrom, req.YearTo)}
		}
	}
	for _, f := range append(append([]string{}, req.Films...), q.Films...) {
		if strings.TrimSpace(f) == "" {
			continue
		}
		title, ok := pl.films.resolve(f)
		if !ok {
			return p, &UnknownFilmError{Name: f, Suggestions: pl.films.similar(f)}
		}
		if !contains(p.films, title) {
			p.films = append(p.films, title)
		}
	}
	if len(q.Phrases)+len(q.Words) > 0 {
		text := strings.Join(append(append([]string{}, q.Phrases...), q.Words...), " ")
		if len(q.Phrases) == 1 && len(q.Words) == 0 {
			text = q.Phrases[0]
		}
		if title, ok := pl.films.resolve(text); ok {
			p.named = title
		}
	}
	for _, a := range q.Authors {
		var toks []string
		for _, t := range pl.text.Analyze([]byte(a)) {
			toks = append(toks, string(t.Term))
		}
		if len(toks) > 0 {
			p.authors = append(p.authors, toks)
		}
	}
	n := 0
	nearWords := make([]string, 0, len(q.Words))
	for i, w := range q.Words {
		typingIt := req.Typing && q.Prefix && i == len(q.Words)-1
		if a, b, ok := pl.joinedName(w, typingIt); ok {
			// "Jongil" is "Jong-il" or "Jong Il": the word as typed, or its
			// two parts side by side.
			g := []alt{{words: pl.analyzeWord(w, false, false)}, {phrase: pl.phraseTokens(a + " " + b)}}
			if k := len(g[0].words) + len(g[1].phrase); n+k <= MaxWords {
				p.either = append(p.either, g)
				n += k
				nearWords = append(nearWords, a, b)
				continue
			}
		}
		nearWords = append(nearWords, w)
		for _, qw := range pl.analyzeWord(w, q.Prefix && i == len(q.Words)-1, req.Typing && p.sort == SortRelevance) {
			if req.Exact {
				// As typed: no typo tolerance, and no stem the stemmer got
				// by changing letters ("pulgasary" → "pulgasari" is a
				// correction; "mothers" → "mother" is kept).
				qw.fuzz = 0
				if qw.stem != "" && !strings.HasPrefix(qw.exact, qw.stem) {
					qw.stem = qw.exact
				}
			}
			if n >= MaxWords {
				p.notices = append(p.notices, fmt.Sprintf("Only the first %d words were searched.", MaxWords))
				return p, nil
			}
			p.words = append(p.words, qw)
			n++
		}
	}
	for _, ph := range q.Phrases {
		toks := pl.phraseTokens(ph)
		if len(toks) == 0 {
			continue
		}
		if n+len(toks) > MaxWords {
			p.notices = append(p.notices, fmt.Sprintf("Only the first %d words were searched.", MaxWords))
			break
		}
		n += len(toks)
		p.phrases = append(p.phrases, toks)
	}
	p.near = nearWords
	for _, g := range q.Either {
		var alts []alt
		for _, a := range g {
			var al alt
			if strings.Contains(a, " ") {
				al.phrase = pl.phraseTokens(a)
			} else {
				al.words = pl.analyzeWord(a, false, false)
				for i := range al.words {
					if req.Exact {
						al.words[i].fuzz = 0
					}
				}
			}
			k := len(al.phrase) + len(al.words)
			if k == 0 {
				continue
			}
			if n+k > MaxWords {
				p.notices = append(p.notices, fmt.Sprintf("Only the first %d words were searched.", MaxWords))
				break
			}
			n += k
			alts = append(alts, al)
		}
		if len(alts) > 0 {
			p.either = append(p.either, alts)
		}
	}
	return p, nil
}

// joinedName splits a word the archive does not have into two words it
// does, as romanized names are written joined, hyphenated or apart
// ("Jongil", "Jong-il", "Jong Il"; "Sangok", "Eunhee"). Both parts have at
// least two letters; of several splits the most even is taken. A word
// still being typed is not split.
func (pl *planner) joinedName(w string, typing bool) (a, b string, ok bool) {
	exact := pl.exactTokens(w)
	if typing || len(exact) != 1 || pl.known(exact[0], "") {
		return "", "", false
	}
	r := []rune(w)
	if len(r) < 4 || len(r) > 24 {
		return "", "", false
	}
	best := 0
	for i := 2; i <= len(r)-2; i++ {
		x, y := string(r[:i]), string(r[i:])
		tx, ty := pl.exactTokens(x), pl.exactTokens(y)
		if len(tx) != 1 || len(ty) != 1 || !pl.known(tx[0], "") || !pl.known(ty[0], "") {
			continue
		}
		if even := min(i, len(r)-i); even > best {
			best, a, b = even, x, y
		}
	}
	return a, b, best > 0
}

// alt is one alternative of an OR group: a word (one or more query
// words: "Sang-ok" is two) or a phrase.
type alt struct {
	words  []qword
	phrase []string
}

// query is every way the alternative can match.
func (pl *planner) altQuery(a alt) query.Query {
	if len(a.phrase) > 0 {
		return phraseQuery(a.phrase)
	}
	if len(a.words) == 1 {
		return pl.wordQuery(a.words[0])
	}
	qs := make([]query.Query, len(a.words))
	for i, w := range a.words {
		qs[i] = pl.wordQuery(w)
	}
	return query.NewConjunctionQuery(qs)
}

// onlyStopWords reports whether the query's words were all too common to
// search (and not merely a first letter typed so far).
func onlyStopWords(p plan) bool {
	if len(p.words) > 0 || len(p.phrases) > 0 || len(p.either) > 0 || len(p.q.Words) == 0 {
		return false
	}
	for _, w := range p.q.Words {
		if utf8.RuneCountInString(w) > 1 {
			return true
		}
	}
	return false
}

// noFuzz turns off typo tolerance.
func (p *plan) noFuzz() {
	for i := range p.words {
		p.words[i].fuzz = 0
	}
}

// noExpand turns off prefix and typo expansion.
func (p *plan) noExpand() {
	for i := range p.words {
		p.words[i].prefix, p.words[i].fuzz = false, 0
	}
}

// analyzeWord turns a typed word into query words: "Sang-ok" is two.
// prefix says the word is last and may be unfinished; typing that the
// reader is still typing it.
func (pl *planner) analyzeWord(w string, prefix, typing bool) []qword {
	exact := pl.exactTokens(w)
	stems := pl.text.Analyze([]byte(w))
	var out []qword
	for i, e := range exact {
		qw := qword{raw: w, exact: e}
		for _, s := range stems {
			if s.Position == i+1 {
				qw.stem = string(s.Term)
			}
		}
		n := utf8.RuneCountInString(e)
		// Edits tolerated grow with the word: two only from ten letters,
		// where two changes still leave most of the word ("animation"
		// is not "agitation").
		switch {
		case n >= 10:
			qw.fuzz = 2
		case n >= 5:
			qw.fuzz = 1
		}
		if qw.fuzz > 0 && pl.known(e, qw.stem) {
			// A word the archive contains is taken as spelt as meant:
			// matching its typo neighbours too ("nation" → "notion",
			// "station") adds noise to the hits and is the costliest part
			// of a search (building a Levenshtein automaton per word). A
			// typo that happens to be a word of the archive still gets a
			// "did you mean" when it finds little.
			qw.fuzz = 0
		}
		last := prefix && i == len(exact)-1
		if last && n < 2 {
			continue // a single letter typed so far: wait for more
		}
		// The last word is also a prefix only while it may be unfinished:
		// it is no word of the archive ("Pyong"), or the reader is still
		// typing it (and the hits are ranked by relevance, where prefix
		// matches rank below whole words). A whole word as a prefix
		// ("Shin", "Ri") drags in since, Singer, river, right — and fills
		// a year-sorted list with them.
		qw.prefix = last && (typing || !pl.known(e, qw.stem))
		if qw.prefix && qw.fuzz > 0 && pl.startsWords != nil && pl.startsWords(e) {
			// An unfinished word, not a typo: "worke" is the start of
			// worker and workers, and its typo neighbours (work, woke,
			// wore) are noise — on sotu ×10 they made it match 18,000
			// passages.
			qw.fuzz = 0
		}
		out = append(out, qw)
	}
	return out
}

// phraseTokens analyses a phrase for fExact: stop words, which fExact does
// not index, leave "" gaps that Bleve's phrase searcher and the highlighter
// match anything against ("state of the union" → state, "", "", union).
func (pl *planner) phraseTokens(s string) []string {
	var out []string
	next := 0
	for _, t := range pl.exact.Analyze([]byte(s)) {
		if len(out) > 0 {
			for ; next < t.Position; next++ {
				out = append(out, "")
			}
		}
		out = append(out, string(t.Term))
		next = t.Position + 1
	}
	return out
}

func (pl *planner) exactTokens(s string) []string {
	var out []string
	for _, t := range pl.exact.Analyze([]byte(s)) {
		out = append(out, string(t.Term))
	}
	return out
}

// wordClause is one way a word can match: a term of a field, the
// archive's typo neighbours of the word (typos), Bleve's fuzzy expansion
// (fuzzy > 0, when they were not looked up) or the words it starts
// (prefix). wordQuery scores them; matchSet (sets.go) takes their postings.
type wordClause struct {
	field, term string
	boost       float64
	typos       []neighbour
	looked      bool
	fuzzy       int
	prefix      bool
}

// wordClauses are every way one word can match.
func (pl *planner) wordClauses(w qword) []wordClause {
	cs := []wordClause{{field: fExact, term: w.exact, boost: 3}}
	if w.stem != "" {
		for _, f := range []struct {
			field string
			boost float64
		}{{fText, 1}, {fFilmText, 2}, {fSection, 1.2}, {fTitle, 0.6}, {fAuthor, 0.6}} {
			if f.field == fFilmText && len(pl.films.films) == 0 {
				continue // an archive without films has no film titles to match
			}
			cs = append(cs, wordClause{field: f.field, term: w.stem, boost: f.boost})
		}
	}
	if w.fuzz > 0 {
		cs = append(cs, wordClause{field: fExact, term: w.exact, boost: 0.5, typos: w.typos, looked: w.looked, fuzzy: w.fuzz})
	}
	if w.prefix {
		cs = append(cs, wordClause{field: fExact, term: w.exact, boost: 0.7, prefix: true})
	}
	return cs
}

// wordQuery is every way one word can match, scored.
func (pl *planner) wordQuery(w qword) query.Query {
	var qs []query.Query
	add := func(q interface {
		query.Query
		SetBoost(float64)
	}, boost float64) {
		q.SetBoost(boost)
		qs = append(qs, q)
	}
	for _, c := range pl.wordClauses(w) {
		switch {
		case c.fuzzy > 0 && c.looked:
			add(&neighboursQuery{field: c.field, words: c.typos}, c.boost)
		case c.fuzzy > 0:
			f := query.NewFuzzyQuery(c.term)
			f.SetField(c.field)
			f.SetFuzziness(c.fuzzy)
			f.SetPrefix(1) // typos rarely hit the first letter; keeps expansion small
			add(f, c.boost)
		case c.prefix:
			add(&prefixQuery{field: c.field, prefix: c.term}, c.boost)
		default:
			t := query.NewTermQuery(c.term)
			t.SetField(c.field)
			add(t, c.boost)
		}
	}
	return &wordDisjunction{clauses: qs}
}

func phraseQuery(toks []string) query.Query {
	return &exactPhrase{field: fExact, terms: toks, boost: 2}
}

// matchQuery builds the scoring part of the search: nil when the query
// has no words or phrases (a browse). partial loosens "all words" to
// "any".
func (pl *planner) matchQuery(p plan, partial bool) query.Query {
	var must []query.Query
	for _, w := range p.words {
		if searched(w, p.words) {
			must = append(must, pl.wordQuery(w)) // not a stop word among real words ("who wore the suit")
		}
	}
	for _, ph := range p.phrases {
		must = append(must, phraseQuery(ph))
	}
	for _, g := range p.either {
		qs := make([]query.Query, len(g))
		for i, a := range g {
			qs[i] = pl.altQuery(a)
		}
		must = append(must, query.NewDisjunctionQuery(qs))
	}
	if len(must) == 0 {
		return nil
	}
	if partial {
		if len(must) < 2 {
			return nil
		}
		// At least half of the words: "Kim Ki-duk" in no passage is not
		// answered with every passage that says "Kim".
		d := query.NewDisjunctionQuery(must)
		d.SetMin(float64((len(must) + 1) / 2))
		return d
	}
	var conj query.Query = query.NewConjunctionQuery(must)
	if len(must) == 1 {
		conj = must[0] // a conjunction of one only costs time
	}
	var should []query.Query
	// Words typed next to each other rank higher where they stand next to
	// each other: "Kim Jong-il" above a passage with "Kim" and "Il" apart.
	// The typed words are analysed as a phrase, so that stop words typed
	// between them ("state of the union") leave the gaps they leave in
	// fExact.
	if len(p.near) >= 2 {
		if toks := pl.phraseTokens(strings.Join(p.near, " ")); len(toks) >= 2 && len(toks) <= MaxWords {
			should = append(should, &exactPhrase{field: fExact, terms: toks, boost: 2})
		}
	}
	// A name typed in capitals ("Kim Jong-il film") is kept together: the
	// passages where it stands as typed rank above those with its parts
	// apart ("Kim Se Il").
	for _, run := range nameRuns(p.near) {
		if toks := pl.phraseTokens(run); len(toks) >= 2 && run != strings.Join(p.near, " ") {
			should = append(should, &exactPhrase{field: fExact, terms: toks, boost: 3})
		}
	}
	// A query that is a film's title, or one of its other titles ("Gin no
	// kanzashi"), ranks the passages about that film first.
	if p.named != "" {
		t := query.NewTermQuery(p.named)
		t.SetField(fFilm)
		t.SetBoost(namedFilmBoost)
		should = append(should, t)
	}
	if len(should) == 0 {
		return conj
	}
	return query.NewBooleanQuery([]query.Query{conj}, should, nil)
}

// nameRuns returns the runs of words that start with a capital letter, of
// two words or more, or one hyphenated word ("Sang-ok").
func nameRuns(words []string) []string {
	var runs []string
	var cur []string
	flush := func() {
		if len(cur) >= 2 || (len(cur) == 1 && strings.Contains(cur[0], "-")) {
			runs = append(runs, strings.Join(cur, " "))
		}
		cur = nil
	}
	for _, w := range words {
		if r, _ := utf8.DecodeRuneInString(w); unicode.IsUpper(r) {
			cur = append(cur, w)
			continue
		}
		flush()
	}
	flush()
	return runs
}

// namedFilmBoost is the weight of being about the film a query names: a
// passage about it outranks one that only shares its words.
const namedFilmBoost = 8

// searched reports whether a word takes part in matching: stop words are
// skipped when the query has other words.
func searched(w qword, all []qword) bool {
	return w.stem != "" || len(all) == 1 || !hasContentWord(all)
}

func hasContentWord(ws []qword) bool {
	for _, w := range ws {
		if w.stem != "" {
			return true
		}
	}
	return false
}

// termQueries are term queries for values in a field, each value after
// prefix.
func termQueries(field, prefix string, values []string) []query.Query {
	qs := make([]query.Query, len(values))
	for i, v := range values {
		t := query.NewTermQuery(prefix + v)
		t.SetField(field)
		qs[i] = t
	}
	return qs
}

// filterQuery is the author, film and year restriction, or nil.
func filterQuery(films []string, from, to int, authors [][]string) query.Query {
	var parts []query.Query
	if len(authors) > 0 {
		// Any of the authors; each with all of its words ("Ann
		// Halvorsen", or only "Halvorsen").
		var aq []query.Query
		for _, words := range authors {
			aq = append(aq, query.NewConjunctionQuery(termQueries(fAuthor, "", words)))
		}
		parts = append(parts, query.NewDisjunctionQuery(aq))
	}
	if len(films) > 0 {
		parts = append(parts, query.NewDisjunctionQuery(termQueries(fFacet, facetFilm, films)))
	}
	if from != 0 || to != 0 {
		lo, hi := 1900, 2035
		if from != 0 {
			lo = from
		}
		if to != 0 {
			hi = to
		}
		// Years and decades are keywords: a range is the disjunction of
		// its years (at most 136) and of the decades that lie inside it.
		var yq []query.Query
		for y := lo; y <= hi; y++ {
			t := query.NewTermQuery(facetYear + strconv.Itoa(y))
			t.SetField(fFacet)
			yq = append(yq, t)
			if y%10 == 0 && y+9 <= hi {
				d := query.NewTermQuery(facetDecade + strconv.Itoa(y))
				d.SetField(fFacet)
				yq = append(yq, d)
			}
		}
		parts = append(parts, query.NewDisjunctionQuery(yq))
	}
	switch len(parts) {
	case 0:
		return nil
	case 1:
		return parts[0]
	}
	return query.NewConjunctionQuery(parts)
}

// excludeQuery matches passages with an excluded word or phrase, or nil.
func (pl *planner) excludeQuery(p plan) query.Query {
	var qs []query.Query
	for _, e := range p.q.Excluded {
		toks := pl.phraseTokens(e)
		switch {
		case len(toks) == 1:
			t := query.NewTermQuery(toks[0])
			t.SetField(fExact)
			qs = append(qs, t)
			for _, s := range pl.text.Analyze([]byte(e)) {
				st := query.NewTermQuery(string(s.Term))
				st.SetField(fText)
				qs = append(qs, st)
			}
		case len(toks) > 1:
			qs = append(qs, &exactPhrase{field: fExact, terms: toks, boost: 1})
		}
	}
	if len(qs) == 0 {
		return nil
	}
	return query.NewDisjunctionQuery(qs)
}

// searchQuery combines match, exclusions and filters.
func (pl *planner) searchQuery(p plan, match query.Query, films []string, from, to int) query.Query {
	if match == nil {
		match = query.NewMatchAllQuery()
	}
	ex, f := pl.excludeQuery(p), filterQuery(films, from, to, p.authors)
	if ex == nil && f == nil {
		return match // no wrapper: each level of query costs on every hit
	}
	b := query.NewBooleanQuery(nil, nil, nil)
	b.AddMust(match)
	if ex != nil {
		b.AddMustNot(ex)
	}
	if f != nil {
		b.AddFilter(f)
	}
	return b
}

// searches are the Bleve request one search runs and how it counts its
// facets.
type searches struct {
	// hits finds the page of hits; nil when nothing is listed (no words
	// and no filters: only the facets are counted).
	hits *bleve.SearchRequest
	// browse: no words, so hits are listed in order, unscored.
	browse bool
	// facets, unless Request.NoFacets, filters the hits request's matches
	// by film and year and counts the facets as it does (facets.go).
	facets *facetPass
	// unfiltered is the hits request's query without its film and year
	// filters, for match sets to apply them (sets.go).
	unfiltered query.Query
}

// searches makes the Bleve requests for a plan; partial asks for passages
// with any of the words rather than all.
func (pl *planner) searches(p plan, partial, noFacets bool) searches {
	score := pl.matchQuery(p, partial)
	s := searches{browse: score == nil}
	films, from, to := p.films, p.yearFrom, p.yearTo
	if !noFacets {
		// The facet pass applies the film and year filters itself.
		s.facets = pl.facets.pass(p.films, p.yearFrom, p.yearTo)
		films, from, to = nil, 0, 0
	}
	filtered := len(p.films) > 0 || p.yearFrom != 0 || p.yearTo != 0 || len(p.authors) > 0
	if s.browse && !filtered {
		if s.facets != nil {
			// Nothing to list: the facets are those of every passage.
			s.facets.countAll()
		}
		return s
	}
	ranked := score
	if score != nil && p.sort == SortRelevance {
		ranked = &rankQuery{query: score, factors: pl.ranks}
	}
	q := pl.searchQuery(p, ranked, films, from, to)
	s.unfiltered = q
	if s.facets != nil {
		q = &facetQuery{query: q, pass: s.facets}
	} else if len(films) > 0 || from != 0 || to != 0 {
		s.unfiltered = pl.searchQuery(p, ranked, nil, 0, 0)
	}
	s.hits = bleve.NewSearchRequestOptions(q, p.size, (p.page-1)*p.size, false)
	s.hits.Fields = storedFields
	// Passages that speak of no year have no sort_year: last either way.
	byYear := func(desc bool) search.SortOrder {
		return search.SortOrder{
			&search.SortField{Field: fSortYear, Desc: desc, Type: search.SortFieldAsString, Missing: search.SortFieldMissingLast},
			&search.SortScore{Desc: true},
			&search.SortField{Field: fOrd, Type: search.SortFieldAsString},
		}
	}
	switch {
	case p.sort == SortYear:
		s.hits.SortByCustom(byYear(false))
	case p.sort == SortYearDesc:
		s.hits.SortByCustom(byYear(true))
	case s.browse:
		s.hits.SortBy([]string{fOrd})
	}
	return s
}

// filmIndex finds films by slug and by name as a user types it.
type filmIndex struct {
	films []corpus.Film
	// bySlug and byKey index films by slug and by folded title or alias.
	bySlug map[string]int
	byKey  map[string]int
}

func newFilmIndex(films []corpus.Film) *filmIndex {
	fi := &filmIndex{films: films, bySlug: map[string]int{}, byKey: map[string]int{}}
	for i, f := range films {
		fi.bySlug[f.Slug] = i
		fi.byKey[filmKey(f.Title)] = i
	}
	// Titles first: an alias never takes another film's title.
	for i, f := range films {
		for _, a := range f.Aliases {
			if _, ok := fi.byKey[filmKey(a)]; !ok {
				fi.byKey[filmKey(a)] = i
			}
		}
	}
	return fi
}

func filmKey(s string) string {
	return strings.ToLower(strings.Join(strings.Fields(strings.NewReplacer("’", "'", "–", "-", "—", "-").Replace(s)), " "))
}

// resolve maps a film name as a user typed it (any case, an alias) to its
// canonical title.
func (fi *filmIndex) resolve(name string) (string, bool) {
	if i, ok := fi.byKey[filmKey(name)]; ok {
		return fi.films[i].Title, true
	}
	return "", false
}

// similar lists catalogue titles close to a mistyped one.
func (fi *filmIndex) similar(name string) []string {
	key := filmKey(name)
	var out []string
	for _, f := range fi.films {
		fk := filmKey(f.Title)
		if strings.Contains(fk, key) || levenshtein(fk, key, 3) <= 3 {
			out = append(out, f.Title)
			if len(out) == 3 {
				break
			}
		}
	}
	return out
}
