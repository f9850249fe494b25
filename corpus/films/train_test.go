package films

// Fitting the decision's weights. testdata/train.jsonl holds every
// candidate title of real articles with hand-read gold (written by
// corpus's TestFilmTrainingData): its evidence, its number of mentions and
// whether it is a film. The fit is L2-regularised logistic regression by
// Newton's method, deterministic, so the same data always gives the same
// weights; TestModelIsTheFit fails when model.json is not what the data
// gives, and writes it anew with CINESEARCH_UPDATE_FILMS=1.
//
// The fit is regularised towards prior weights, not towards zero: each
// feature has a prior (priorWeights, set by what the feature means: a year
// beside a title is evidence for, a person's name against), and the data
// moves it as far as the data can. A feature that only a few articles show
// (a table under a "Theatre" heading, a label with a colon) then keeps
// roughly the weight its meaning gives it instead of whatever a handful of
// rows say, and a cross-validation fold that holds out the one article
// with such a row does not meet a weight of nothing.
//
// The base catalogue's priors are not fitted: the catalogue is prior
// knowledge, and fitting its weight on articles whose films it lists would
// teach the model to trust it more than it deserves on texts it does not
// cover. They and the threshold are chosen here by hand and checked by
// cross-validation (five folds by article), whose figures the test logs.

import (
	"bufio"
	"encoding/json"
	"fmt"
	"hash/fnv"
	"math"
	"os"
	"sort"
	"strings"
	"testing"
)

type trainRow struct {
	Source      string   `json:"source"`
	Title       string   `json:"title"`
	Label       int      `json:"label"`
	Features    []string `json:"features"`
	Mentions    int      `json:"mentions"`
	Known       bool     `json:"known"`
	Distinctive bool     `json:"distinctive"`
}

func readTrainRows(t *testing.T) []trainRow {
	t.Helper()
	return readRows(t, "testdata/train.jsonl")
}

func readRows(t *testing.T, path string) []trainRow {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var rows []trainRow
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<20), 1<<20)
	for sc.Scan() {
		var r trainRow
		if err := json.Unmarshal(sc.Bytes(), &r); err != nil {
			t.Fatal(err)
		}
		rows = append(rows, r)
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	return rows
}

// priorWeights are the weights the fit starts from and is held towards.
// A section headed by another medium (Theatre, Video games) is a veto in
// meaning: its entries carry a mark, a year and siblings just as a
// filmography's do, so its prior outweighs those together (about 6).
var priorWeights = map[Feature]float64{
	FEmphasis: 1, FQuoted: 0.3, FHeading: 0.5, FTableCell: 1, FListEntry: 0.3, FDocTitle: 0.5, FDocName: 2,
	FWholeBlock: 0.3,
	FYearBeside: 2, FYearInSentence: 0.3, FFilmHead: 2, FGenreHead: 1, FFilmWordNear: 0.5, FDirector: 1,
	FCreditsNext: 2, FBodySaysFilm: 1, FSectionFilms: 1.5, FSectionSeries: 1.5, FReviewLabel: 2, FDocTypeFilm: 1,
	FListSiblings: 1.5, FRepeated: 0.3, FAlias: 1, FMarkedInContext: 1, FNumbered: 1, FDateBeside: 1.5,
	FMarkedList: 1, FDocTitleInBody: 1, FFilmRelation: 1, FCreditBy: 2, FMarkedFilmArticle: 1, FFilmArticle: 1, FDocFilmMeta: 4, FLinkFilm: 3,
	FLabel: -3, FNonFilmHead: -3, FOrgName: -2, FSectionNotFilm: -6, FPersonName: -3, FHeaderRow: -3,
	FSentence: -3, FSpeech: -2, FDate: -3, FPlace: -3, FCommonWord: -1, FLong: -1, FLowerStart: -1,
	FSectionName: -3, FHasPerson: -2, FBookNear: -1, FFilmsAfter: -2, FCredited: -2, FStageNear: -1, FLifespan: -4, FFilmsInTitle: -2, FPlaceNoun: -0.5,
}

// l2Scale holds a feature closer to its prior than the others (1 when
// unset). The article-level features are one value for all of an
// article's candidates: the labelled sets' mix of articles about films and
// pages about anything else, not the evidence of a title, would set them.
var l2Scale = func() map[Feature]float64 {
	m := map[Feature]float64{}
	for f := Feature(0); f < NumFeatures; f++ {
		m[f] = 1
	}
	m[FFilmArticle] = 20
	return m
}()

// fitConfig holds what is chosen, not fitted.
const (
	l2               = 1.0
	knownPrior       = 1.5
	distinctivePrior = 4.0
	fitThreshold     = 0.5
	newtonSteps      = 30
)

// vector is a row as the model reads it: the features, then
// log2(mentions), then the bias.
func vector(r trainRow) []float64 {
	x := make([]float64, NumFeatures+2)
	for _, n := range r.Features {
		// The catalogue is prior knowledge, weighed by its priors, not
		// fitted (see above).
		if f, ok := featureByName(n); ok && f != FCatalogue {
			x[f] = 1
		}
	}
	x[NumFeatures] = math.Log2(float64(max(1, r.Mentions)))
	x[NumFeatures+1] = 1
	return x
}

// fit returns the weights of L2-regularised logistic regression.
func fit(rows []trainRow) []float64 {
	n := int(NumFeatures) + 2
	w := make([]float64, n)
	for f, v := range priorWeights {
		w[f] = v
	}
	w[n-1] = -2
	xs := make([][]float64, len(rows))
	for i, r := range rows {
		xs[i] = vector(r)
	}
	for step := 0; step < newtonSteps; step++ {
		grad := make([]float64, n)
		hess := make([][]float64, n)
		for i := range hess {
			hess[i] = make([]float64, n)
		}
		for i, x := range xs {
			z := 0.0
			for j := range x {
				z += w[j] * x[j]
			}
			p := 1 / (1 + math.Exp(-z))
			y := float64(rows[i].Label)
			for j := range x {
				if x[j] == 0 {
					continue
				}
				grad[j] += (p - y) * x[j]
				for k := range x {
					if x[k] != 0 {
						hess[j][k] += p * (1 - p) * x[j] * x[k]
					}
				}
			}
		}
		for j := 0; j < n-1; j++ { // no penalty on the bias
			prior := 0.0
			if j < int(NumFeatures) {
				prior = priorWeights[Feature(j)]
			}
			k := l2 * l2Scale[Feature(j)]
			if j >= int(NumFeatures) {
				k = l2
			}
			grad[j] += k * (w[j] - prior)
			hess[j][j] += k
		}
		hess[n-1][n-1] += 1e-6
		d := solve(hess, grad)
		change := 0.0
		for j := range w {
			w[j] -= d[j]
			change = math.Max(change, math.Abs(d[j]))
		}
		if change < 1e-9 {
			break
		}
	}
	return w
}

// solve solves a·x = b by Gaussian elimination with partial pivoting.
func solve(a [][]float64, b []float64) []float64 {
	n := len(b)
	m := make([][]float64, n)
	for i := range a {
		m[i] = append(append([]float64(nil), a[i]...), b[i])
	}
	for c := 0; c < n; c++ {
		p := c
		for r := c + 1; r < n; r++ {
			if math.Abs(m[r][c]) > math.Abs(m[p][c]) {
				p = r
			}
		}
		m[c], m[p] = m[p], m[c]
		if math.Abs(m[c][c]) < 1e-12 {
			continue
		}
		for r := 0; r < n; r++ {
			if r == c {
				continue
			}
			f := m[r][c] / m[c][c]
			for k := c; k <= n; k++ {
				m[r][k] -= f * m[c][k]
			}
		}
	}
	x := make([]float64, n)
	for i := range x {
		if math.Abs(m[i][i]) > 1e-12 {
			x[i] = m[i][n] / m[i][i]
		}
	}
	return x
}

// modelOf turns fitted weights into a model.
func modelOf(w []float64) *Model {
	m := &Model{Weights: map[string]float64{}, KnownPrior: knownPrior, DistinctivePrior: distinctivePrior, Threshold: fitThreshold}
	round := func(v float64) float64 { return math.Round(v*1e4) / 1e4 }
	for f := Feature(0); f < NumFeatures; f++ {
		if v := round(w[f]); v != 0 {
			m.Weights[f.String()] = v
			m.w[f] = v
		}
	}
	m.Mentions = round(w[NumFeatures])
	m.Bias = round(w[NumFeatures+1])
	return m
}

func (m *Model) probabilityOf(r trainRow) float64 {
	c := Candidate{Mentions: max(1, r.Mentions), Known: r.Known, Distinctive: r.Distinctive}
	for _, n := range r.Features {
		if f, ok := featureByName(n); ok {
			c.Evidence = c.Evidence.With(f)
		}
	}
	return m.Probability(&c)
}

func fold(source string, k int) int {
	h := fnv.New32a()
	h.Write([]byte(source))
	return int(h.Sum32() % uint32(k))
}

// crossValidate returns, per article set, the counts of films found and
// missed and of non-films taken, over five folds by article; errors, if
// not nil, receives each wrong decision.
func crossValidate(rows []trainRow, errors ...func(r trainRow, p float64)) map[string][3]int {
	out := map[string][3]int{}
	for k := 0; k < 5; k++ {
		var train, test []trainRow
		for _, r := range rows {
			if fold(r.Source, 5) == k {
				test = append(test, r)
			} else {
				train = append(train, r)
			}
		}
		m := modelOf(fit(train))
		for _, r := range test {
			set := strings.SplitN(r.Source, "/", 2)[0]
			c := out[set]
			p := m.probabilityOf(r)
			yes := p >= m.Threshold
			if yes != (r.Label == 1) {
				for _, e := range errors {
					e(r, p)
				}
			}
			switch {
			case yes && r.Label == 1:
				c[0]++
			case r.Label == 1:
				c[1]++
			case yes:
				c[2]++
			}
			out[set] = c
		}
	}
	return out
}

func TestModelIsTheFit(t *testing.T) {
	rows := readTrainRows(t)
	m := modelOf(fit(rows))
	want, err := json.MarshalIndent(m, "", "  ")
	if err != nil {
		t.Fatal(err)
	}
	want = append(want, '\n')
	cv := crossValidate(rows)
	var sets []string
	for s := range cv {
		sets = append(sets, s)
	}
	sort.Strings(sets)
	for _, s := range sets {
		c := cv[s]
		t.Logf("cross-validated %-8s recall %.2f (%d/%d) precision %.2f", s, ratio(c[0], c[0]+c[1]), c[0], c[0]+c[1], ratio(c[0], c[0]+c[2]))
	}
	if os.Getenv("CINESEARCH_UPDATE_FILMS") != "" {
		if err := os.WriteFile("model.json", want, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	if string(want) != string(modelJSON) {
		t.Errorf("model.json is not the fit of testdata/train.jsonl; run CINESEARCH_UPDATE_FILMS=1 go test ./corpus/films -run TestModelIsTheFit\nfit:\n%s", want)
	}
}

// TestCrossValidationErrors prints the decisions cross-validation gets
// wrong, from a copy of the training data with every title in it
// (CINESEARCH_FILM_DEBUG of corpus's TestFilmTrainingData).
func TestCrossValidationErrors(t *testing.T) {
	path := os.Getenv("CINESEARCH_FILM_CV_ROWS")
	if path == "" {
		t.Skip("set CINESEARCH_FILM_CV_ROWS to a copy of the training data with titles")
	}
	rows := readRows(t, path)
	var lines []string
	crossValidate(rows, func(r trainRow, p float64) {
		lines = append(lines, fmt.Sprintf("%s %.2f %-45s %-40q %s", map[int]string{0: "FP", 1: "FN"}[r.Label], p, r.Source, r.Title, strings.Join(r.Features, "+")))
	})
	sort.Strings(lines)
	for _, l := range lines {
		t.Log(l)
	}
}

func ratio(a, b int) float64 {
	if b == 0 {
		return 1
	}
	return float64(a) / float64(b)
}

// TestModelWeights prints the fitted weights, strongest first (go test -v).
func TestModelWeights(t *testing.T) {
	m := DefaultModel()
	type fw struct {
		name string
		w    float64
	}
	var ws []fw
	for n, w := range m.Weights {
		ws = append(ws, fw{n, w})
	}
	sort.Slice(ws, func(i, j int) bool { return math.Abs(ws[i].w) > math.Abs(ws[j].w) })
	var b strings.Builder
	for _, x := range ws {
		fmt.Fprintf(&b, "%s %+.2f  ", x.name, x.w)
	}
	t.Logf("bias %+.2f mentions %+.2f  %s", m.Bias, m.Mentions, b.String())
}
