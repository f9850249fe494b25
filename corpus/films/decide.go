package films

// The decision: one per title per article. A candidate's mentions are
// pooled (a title quoted once and called "the film" elsewhere has both
// pieces of evidence), and the pooled evidence is weighed by a logistic
// model whose weights were fitted on labelled real articles
// (train_test.go fits them from testdata/train.jsonl and checks that
// model.json holds exactly what the fit gives). The base catalogue adds a
// prior to a title it knows. A candidate is a film when the model's
// probability reaches the threshold, chosen for precision.

import (
	"context"
	_ "embed"
	"encoding/json"
	"errors"
	"fmt"
	"math"
	"sort"
	"strconv"
	"strings"
)

//go:embed model.json
var modelJSON []byte

// Model is the fitted decision: a weight per feature, a bias, the weight
// of the number of mentions, the catalogue's priors and the threshold.
type Model struct {
	Bias float64 `json:"bias"`
	// Weights are by feature name.
	Weights map[string]float64 `json:"weights"`
	// Mentions weighs log2(1 + number of mentions beyond the first).
	Mentions float64 `json:"mentions"`
	// KnownPrior is added for a title of the base catalogue,
	// DistinctivePrior instead for a distinctive one.
	KnownPrior       float64 `json:"known_prior"`
	DistinctivePrior float64 `json:"distinctive_prior"`
	// Threshold is the probability from which a candidate is a film.
	Threshold float64 `json:"threshold"`

	w [numFeatures]float64
}

// DefaultModel returns the embedded model.
func DefaultModel() *Model {
	m, err := ParseModel(modelJSON)
	if err != nil {
		panic(err) // TestModelIsTheFit keeps model.json readable
	}
	return m
}

// ParseModel reads a model written by the training step.
func ParseModel(data []byte) (*Model, error) {
	m := &Model{}
	if err := json.Unmarshal(data, m); err != nil {
		return nil, fmt.Errorf("model: %w", err)
	}
	for name, w := range m.Weights {
		f, ok := featureByName(name)
		if !ok {
			return nil, fmt.Errorf("model: unknown feature %q", name)
		}
		m.w[f] = w
	}
	return m, nil
}

// score returns the model's log-odds for a candidate.
func (m *Model) score(c *Candidate) float64 {
	z := m.Bias
	for f := Feature(0); f < numFeatures; f++ {
		if c.Evidence.Has(f) && f != FCatalogue {
			z += m.w[f]
		}
	}
	z += m.Mentions * math.Log2(float64(c.Mentions))
	switch {
	case c.Known && c.Distinctive:
		z += m.DistinctivePrior
	case c.Known && c.Evidence&signals != 0:
		// A known title that is also a common word ("Salt", "Bird") is
		// the film only where the text gives a sign of one.
		z += m.KnownPrior
	}
	return z
}

// signals are the features that are a sign of a title beside its words:
// a mark, a year, a film word, the place it has in the article.
var signals = Features(0).With(FEmphasis, FQuoted, FBold, FLink, FHeading, FTableCell, FListEntry, FDocTitle, FDocName,
	FYearBeside, FFilmHead, FGenreHead, FFilmRelation, FFilmWordNear, FDirector, FCreditBy, FCreditsNext, FSectionFilms, FSectionSeries,
	FReviewLabel, FListSiblings, FAlias, FNumbered, FDateBeside)

// Probability returns the model's probability that a candidate is a film.
func (m *Model) Probability(c *Candidate) float64 { return 1 / (1 + math.Exp(-m.score(c))) }

// Candidate is a title with its pooled evidence, before the decision.
type Candidate struct {
	// Title is the spelling the article writes best: as its marks,
	// headings or cells have it, else as it writes it most.
	Title    string
	Evidence Features
	// Mentions counts the places the article writes it.
	Mentions int
	// Year is the year written beside it (most often), or 0.
	Year int
	// Kind is what the words beside it say it is (series, book), or "".
	Kind Kind
	// Aliases are other titles written with it.
	Aliases []string
	// Known says the base catalogue has it; Distinctive that its title
	// is distinctive in this article.
	Known, Distinctive bool
	// Blocks are the blocks that write it.
	Blocks []int
	// first is the block it is first written in (-1 the metadata).
	first int
	// entries are the blocks it leads (a heading, a list entry, a cell).
	entries []int
}

// Candidates reads an article's candidate titles with their evidence.
func Candidates(d Doc, k *Known) []Candidate {
	cs, _ := candidatesContext(context.Background(), d, k)
	return cs
}

// candidatesContext is Candidates, stopped with ctx's error when ctx is
// done first.
func candidatesContext(ctx context.Context, d Doc, k *Known) ([]Candidate, error) {
	r := &reader{ctx: ctx, doc: d, known: k, capped: -1}
	ms := r.candidates()
	if r.stopped() {
		return nil, r.err
	}
	cs := pool(ms, r, k)
	if r.capped >= 0 {
		near := []rune(d.Blocks[r.capped].Text)
		return cs, &CappedError{Block: r.capped, Near: string(near[:min(len(near), 40)])}
	}
	return cs, nil
}

// sourceRank orders how a spelling was found: a mark's or a heading's
// spelling wins over a sentence's.
func sourceRank(f Features) int {
	switch {
	case f.Has(FHeading) || f.Has(FTableCell) || f.Has(FEmphasis) || f.Has(FDocName):
		return 3
	case f.Has(FQuoted) || f.Has(FListEntry) || f.Has(FBold) || f.Has(FLink):
		return 2
	case f.Has(FDocTitle):
		return 1
	}
	return 0
}

// pool gathers mentions into one candidate per title.
func pool(ms []mention, r *reader, k *Known) []Candidate {
	type acc struct {
		c        Candidate
		spelling map[string]int
		years    map[int]int
		kinds    map[Kind]int
		places   map[[2]int]bool
	}
	byKey := map[string]*acc{}
	var order []string
	for _, m := range ms {
		key := Key(m.title)
		if key == "" {
			continue
		}
		// A title written as a book's (a book's head noun, or book words
		// and no film word beside it) is another candidate than the same
		// title written as a film's: Sangnoksu's English title Evergreen
		// Tree and the film The Evergreen Tree made from it.
		asBook := m.kind == KindBook || m.feats.Has(FBookNear) && m.feats&filmWords == 0 && m.kind == ""
		// The titles of one known film are one candidate: "Snow Melts in
		// Spring" is Thaw's other title.
		if kf, ok := k.Lookup(m.title, m.year); ok && !asBook {
			key = "\x00" + Key(kf.Title) + "\x00" + strconv.Itoa(kf.Year)
		}
		if asBook {
			key = "\x01" + key
		}
		a := byKey[key]
		if a == nil {
			a = &acc{c: Candidate{first: m.block}, spelling: map[string]int{}, years: map[int]int{}, kinds: map[Kind]int{}, places: map[[2]int]bool{}}
			byKey[key] = a
			order = append(order, key)
		}
		a.c.Evidence |= m.feats
		// A catalogue hit spells a title as the tokens matched, without
		// its punctuation ("Pacchigi" of "Pacchigi!"): the text's own
		// spelling wins.
		n := 1
		if m.again {
			n = 0
		}
		a.spelling[m.title] = max(a.spelling[m.title], 1e6*sourceRank(m.feats)) + n
		if m.year > 0 {
			a.years[m.year] += 1 + btoi(m.feats.Has(FYearBeside))
		}
		switch {
		case m.kind != "":
			a.kinds[m.kind]++
		case m.feats&filmWords != 0:
			a.kinds[KindFilm] += 2 // a film's context outweighs a book word
		}
		if asBook && m.kind == "" {
			a.kinds[KindBook]++
		}
		a.c.Aliases = append(a.c.Aliases, m.alts...)
		place := [2]int{m.block, m.start}
		if m.start < 0 {
			place = [2]int{m.block, -len(a.places) - 2}
		}
		if !a.places[place] {
			a.places[place] = true
			a.c.Mentions++
		}
		// The blocks that write it with a sign of a title (a mark, a
		// place of its own, a film word beside it) are its; a bare
		// occurrence of its words is left to the mention matcher's
		// caution ("Salt was scarce").
		if m.block >= 0 && m.feats&(whole|markedFeatures|filmContext|sourcesOnly) != 0 && !containsInt(a.c.Blocks, m.block) {
			a.c.Blocks = append(a.c.Blocks, m.block)
		}
		if m.feats.Has(FWholeBlock) && m.block >= 0 && (m.feats.Has(FHeading) || m.feats.Has(FListEntry) || m.feats.Has(FTableCell)) {
			a.c.entries = append(a.c.entries, m.block)
		}
	}
	out := make([]Candidate, 0, len(order))
	for _, key := range order {
		a := byKey[key]
		c := a.c
		c.Title = best(a.spelling)
		c.Year = bestInt(a.years)
		if len(a.kinds) > 0 {
			var kinds []Kind
			for kd := range a.kinds {
				kinds = append(kinds, kd)
			}
			sort.Slice(kinds, func(i, j int) bool {
				if a.kinds[kinds[i]] != a.kinds[kinds[j]] {
					return a.kinds[kinds[i]] > a.kinds[kinds[j]]
				}
				return kinds[i] == KindFilm || kinds[i] < kinds[j] && kinds[j] != KindFilm
			})
			if c.Kind = kinds[0]; c.Kind == KindFilm {
				c.Kind = ""
			}
		}
		if c.Mentions > 1 {
			c.Evidence = c.Evidence.With(FRepeated)
		}
		c.Evidence |= shapeFeatures(c.Title, r.lower)
		if c.Evidence.Has(FOneWord) && r.lower[strings.ToLower(bare(c.Title))] {
			c.Evidence = c.Evidence.With(FCommonWord)
		}
		if kf, ok := k.Lookup(c.Title, c.Year); ok && c.Kind != KindBook {
			c.Known = true
			c.Distinctive = kf.Also == "" && distinctive(c.Title, r.lower)
		}
		if c.Mentions == 0 {
			c.Mentions = 1
		}
		out = append(out, c)
	}
	out = mergeAliases(out)
	listSiblings(out, r.doc)
	return out
}

// mergeAliases merges a candidate that another candidate of the article
// gives as its other title into that candidate: "Porcile" of "Pigsty
// (Porcile, 1969)" is Pigsty.
func mergeAliases(cs []Candidate) []Candidate {
	byKey := map[string]int{}
	for i, c := range cs {
		byKey[Key(c.Title)] = i
	}
	into := make([]int, len(cs))
	for i := range into {
		into[i] = -1
	}
	for i, c := range cs {
		for _, a := range c.Aliases {
			if j, ok := byKey[Key(a)]; ok && j != i && into[i] < 0 && into[j] < 0 {
				into[j] = i
			}
		}
	}
	var out []Candidate
	for j, c := range cs {
		if into[j] < 0 {
			continue
		}
		o := &cs[into[j]]
		o.Evidence |= c.Evidence &^ shapeOnly
		o.Mentions += c.Mentions
		o.Blocks = append(o.Blocks, c.Blocks...)
		o.entries = append(o.entries, c.entries...)
		if o.Year == 0 {
			o.Year = c.Year
		}
	}
	for j, c := range cs {
		if into[j] < 0 {
			out = append(out, c)
		}
	}
	return out
}

// filmWords are the features that say the words beside a title speak of
// films.
var filmWords = Features(0).With(FFilmWordNear, FFilmHead, FGenreHead, FFilmRelation, FDirector, FCreditBy, FSectionFilms, FSectionSeries, FCreditsNext)

// sourcesOnly are the places a title is read from, other than marks.
var sourcesOnly = Features(0).With(FProse, FListEntry, FAlias, FDocName)

// shapeOnly are the features a title has by its shape, which do not pass
// from an other title to the title.
var shapeOnly = Features(0).With(FOneWord, FCommonWord, FLong, FPersonName, FHasPerson, FDate, FPlace, FOrgName, FSentence, FCapitalised, FLabel, FSectionName)

func absInt(v int) int {
	if v < 0 {
		return -v
	}
	return v
}

func btoi(b bool) int {
	if b {
		return 1
	}
	return 0
}

func best(m map[string]int) string {
	bestS, bestN := "", -1
	for s, n := range m {
		if n > bestN || n == bestN && s < bestS {
			bestS, bestN = s, n
		}
	}
	return bestS
}

func bestInt(m map[int]int) int {
	bestV, bestN := 0, 0
	for v, n := range m {
		if n > bestN || n == bestN && v < bestV {
			bestV, bestN = v, n
		}
	}
	return bestV
}

// filmy says a list entry carries a film's marks by itself.
func filmy(f Features) bool {
	return f.Has(FYearBeside) || f.Has(FCreditsNext) || f.Has(FBodySaysFilm) || f.Has(FFilmHead) || f.Has(FFilmRelation) ||
		f.Has(FEmphasis) || f.Has(FCatalogue) || f.Has(FDirector) || f.Has(FCreditBy) || f.Has(FNumbered) || f.Has(FDateBeside)
}

// listSiblings marks the entries of a list — a run of headings of one
// level, of list items, of short lines or the rows of a table — most of
// whose entries carry a film's marks themselves: "Woman of Fire '82"
// between dated titles, a festival's headings over paragraphs about
// films.
func listSiblings(cs []Candidate, d Doc) {
	entryOf := map[int]int{} // block → candidate
	for ci, c := range cs {
		for _, b := range c.entries {
			if _, ok := entryOf[b]; !ok {
				entryOf[b] = ci
			}
		}
	}
	// Runs of entries that are siblings: same kind and level, and (for
	// headings) no heading of another level between them.
	type run struct{ blocks []int }
	var runs []run
	var cur run
	curKey := ""
	flush := func() {
		if len(cur.blocks) >= 3 {
			runs = append(runs, cur)
		}
		cur = run{}
	}
	for i, b := range d.Blocks {
		var key string
		switch b.Kind {
		case Heading:
			key = fmt.Sprintf("h%d", b.Level)
		case Item:
			key = "item"
		case Row:
			key = fmt.Sprintf("row%d", b.Table)
		case Para:
			if len(words(b.Text)) > 12 {
				continue // prose between short lines does not end their list
			}
			key = "line"
		default:
			continue
		}
		if _, ok := entryOf[i]; !ok {
			if b.Kind == Heading && key != curKey {
				flush()
				curKey = ""
			}
			continue
		}
		if key != curKey {
			flush()
			curKey = key
		}
		cur.blocks = append(cur.blocks, i)
	}
	flush()
	for _, rn := range runs {
		n := 0
		for _, b := range rn.blocks {
			if filmy(cs[entryOf[b]].Evidence) {
				n++
			}
		}
		if n*2 < len(rn.blocks) {
			continue
		}
		for _, b := range rn.blocks {
			cs[entryOf[b]].Evidence = cs[entryOf[b]].Evidence.With(FListSiblings)
		}
	}
}

// Accept decides whether a candidate is a work: a film or a series when
// the model's probability reaches the threshold; a book when, weighed
// without what says it is no film, it reaches half of it (books label no
// passage: they are kept so that their words never label a film). Songs, plays,
// games and the like are never works.
func (m *Model) Accept(c *Candidate) bool {
	p := m.Probability(c)
	switch c.Kind {
	case kindOther:
		return false
	case KindBook:
		// A book is a work with the evidence of a book: weighed without
		// what says it is no film.
		z := m.score(c)
		for _, f := range []Feature{FNonFilmHead, FBookNear, FOrgName} {
			if c.Evidence.Has(f) {
				z -= m.w[f]
			}
		}
		return 1/(1+math.Exp(-z)) >= m.Threshold/2
	}
	return p >= m.Threshold
}

// Work is a work an article names, as decided.
type Work struct {
	Title   string
	Year    int
	Kind    Kind
	Aliases []string
	// Subject says the article is about it: its own title names it.
	Subject bool
	// Probability is the model's, Evidence what it weighed.
	Probability float64
	Evidence    Features
	// Blocks are the blocks of the article that write it.
	Blocks []int
}

// Extract decides which candidates of an article are works: films and
// series, and books (kept so that their words never label a film).
// Songs, plays, games and everything else are left out.
func Extract(d Doc, k *Known, m *Model) []Work {
	ws, _ := ExtractContext(context.Background(), d, k, m)
	return ws
}

// ExtractContext is Extract, given up with ctx's error when ctx is done
// before the article is read (it is checked between blocks), so that one
// text cannot hold a build past its budget. An article with more than
// MaxCandidates possible titles is read up to there: its works come with
// a *CappedError.
func ExtractContext(ctx context.Context, d Doc, k *Known, m *Model) ([]Work, error) {
	if m == nil {
		m = DefaultModel()
	}
	cs, err := candidatesContext(ctx, d, k)
	var capped *CappedError
	if err != nil && !errors.As(err, &capped) {
		return nil, err
	}
	var out []Work
	for _, c := range cs {
		p := m.Probability(&c)
		if !m.Accept(&c) {
			continue
		}
		kind := c.Kind
		if kind == "" {
			kind = KindFilm
			if c.Evidence.Has(FSectionSeries) {
				kind = KindSeries
			}
		}
		w := Work{Title: c.Title, Year: c.Year, Kind: kind, Aliases: dedupe(c.Title, c.Aliases), Probability: p, Evidence: c.Evidence, Blocks: c.Blocks}
		if kf, ok := k.Lookup(c.Title, c.Year); ok {
			// The catalogue's kind wins over a book word nearby when the
			// years agree ("the adaptation of the folk tale The Story of
			// Shim Chong (1985)" is the 1985 film); a known title written
			// without a year as a book stays a book (The Evergreen Tree,
			// the novel).
			if kind != KindBook || c.Year != 0 && kf.Year != 0 && absInt(c.Year-kf.Year) <= 2 {
				w.Kind = kf.Kind
			}
			if w.Kind == KindBook {
				continue
			}
			if w.Year == 0 {
				w.Year = kf.Year
			}
			w.Aliases = dedupe(w.Title, append(append(w.Aliases, kf.Title), kf.Aliases...))
		}
		w.Subject = c.Evidence.Has(FDocTitle) || c.Evidence.Has(FDocName) || c.Evidence.Has(FDocSubtitle)
		out = append(out, w)
	}
	return out, err
}

// dedupe returns the other titles once each, without the title itself.
func dedupe(title string, aliases []string) []string {
	seen := map[string]bool{Key(title): true}
	var out []string
	for _, a := range aliases {
		if k := Key(a); k != "" && !seen[k] {
			seen[k] = true
			out = append(out, a)
		}
	}
	return out
}
