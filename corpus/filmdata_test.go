package corpus

// The labelled data the films model is fitted on (films/train_test.go):
// every candidate title of every real article with hand-read gold, its
// evidence, and whether the article's reader took it for a film. Written
// by
//
//	CINESEARCH_UPDATE_FILMS=1 go test ./corpus -run TestFilmTrainingData
//
// from ../shared/devset (real articles nobody here wrote), the project's
// own test articles, and any further sets named in CINESEARCH_FILM_SETS
// (colon-separated folders shaped like the devset: texts/ and gold/). The
// file holds features and labels only: no text of the articles, and only
// the titles of films (facts); other candidates are kept as a hash.

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"
	"testing/fstest"

	"cinesearch/corpus/films"
)

// filmGold is the hand-read gold of one article.
type filmGold struct {
	films     map[string]bool   // keys of the films' titles and other titles
	canonical map[string]string // such a key → the film's gold title
	titles    []string          // the gold films' titles
	aliases   map[string][]string
	ambiguous map[string]bool
}

func newFilmGold() filmGold {
	return filmGold{films: map[string]bool{}, canonical: map[string]string{}, aliases: map[string][]string{}, ambiguous: map[string]bool{}}
}

// add adds a gold film. Two gold films of one key (the same film twice)
// count once, as the score script counts them.
func (g *filmGold) add(title string, aliases []string) {
	k := films.Key(title)
	if g.films[k] {
		return
	}
	g.titles = append(g.titles, title)
	g.aliases[title] = aliases
	for _, t := range append([]string{title}, aliases...) {
		g.films[films.Key(t)] = true
		if _, ok := g.canonical[films.Key(t)]; !ok {
			g.canonical[films.Key(t)] = title
		}
	}
}

// readDevsetGold reads a gold file in the devset's format.
func readDevsetGold(path string) (filmGold, error) {
	raw, err := os.ReadFile(path)
	if err != nil {
		return filmGold{}, err
	}
	var g struct {
		Films []struct {
			Title   string   `json:"title"`
			Aliases []string `json:"aliases"`
		} `json:"films"`
		Ambiguous []string `json:"ambiguous"`
	}
	if err := json.Unmarshal(raw, &g); err != nil {
		return filmGold{}, err
	}
	out := newFilmGold()
	for _, f := range g.Films {
		out.add(f.Title, f.Aliases)
	}
	for _, a := range g.Ambiguous {
		out.ambiguous[films.Key(strings.Split(a, " (")[0])] = true
	}
	return out, nil
}

// labelledSet is a folder of texts with gold: its name and, per text, the
// gold.
type labelledSet struct {
	name  string
	dir   string // texts
	texts []string
	gold  map[string]filmGold
}

// devsetLike reads a folder shaped like ../shared/devset.
func devsetLike(name, dir string) (labelledSet, error) {
	s := labelledSet{name: name, dir: filepath.Join(dir, "texts"), gold: map[string]filmGold{}}
	ents, err := os.ReadDir(s.dir)
	if err != nil {
		return s, err
	}
	for _, e := range ents {
		stem := strings.TrimSuffix(e.Name(), filepath.Ext(e.Name()))
		g, err := readDevsetGold(filepath.Join(dir, "gold", stem+".json"))
		if err != nil {
			return s, err
		}
		s.texts = append(s.texts, e.Name())
		s.gold[e.Name()] = g
	}
	return s, nil
}

// ownArticles reads the project's own test articles and their gold.
func ownArticles() (labelledSet, error) {
	s := labelledSet{name: "own", dir: "testdata/articles", gold: map[string]filmGold{}}
	raw, err := os.ReadFile("testdata/articles/gold.json")
	if err != nil {
		return s, err
	}
	var all map[string]json.RawMessage
	if err := json.Unmarshal(raw, &all); err != nil {
		return s, err
	}
	for name, v := range all {
		var titles []string
		if json.Unmarshal(v, &titles) != nil {
			continue
		}
		g := newFilmGold()
		for _, t := range titles {
			g.add(t, nil)
		}
		s.texts = append(s.texts, name)
		s.gold[name] = g
	}
	sort.Strings(s.texts)
	return s, nil
}

// trainingRow is one candidate of testdata/train.jsonl.
type trainingRow struct {
	Source      string   `json:"source"`
	Title       string   `json:"title"`
	Label       int      `json:"label"`
	Features    []string `json:"features"`
	Mentions    int      `json:"mentions"`
	Known       bool     `json:"known,omitempty"`
	Distinctive bool     `json:"distinctive,omitempty"`
}

// candidatesAlone returns the candidates of one text read alone.
func candidatesAlone(t *testing.T, dir, name string) []FilmCandidate {
	t.Helper()
	data, err := os.ReadFile(filepath.Join(dir, name))
	if err != nil {
		t.Fatal(err)
	}
	cs, err := ExplainFilms(context.Background(), fstest.MapFS{name: {Data: data}})
	if err != nil {
		t.Fatal(err)
	}
	return cs
}

// seedsSet reads the embedded seed articles and their gold
// (testdata/seeds.gold.json).
func seedsSet() (labelledSet, error) {
	s := labelledSet{name: "seeds", dir: "texts", gold: map[string]filmGold{}}
	g, err := readDevsetGold("testdata/seeds.gold.json")
	if err != nil {
		return s, err
	}
	ents, err := os.ReadDir(s.dir)
	if err != nil {
		return s, err
	}
	// The gold lists the films of both articles: each is measured
	// against the films it names.
	for _, e := range ents {
		if !IsText(e.Name()) {
			continue
		}
		data, err := os.ReadFile(filepath.Join(s.dir, e.Name()))
		if err != nil {
			return s, err
		}
		one := newFilmGold()
		for _, t := range g.titles {
			for _, form := range append([]string{t}, g.aliases[t]...) {
				if strings.Contains(films.Fold(string(data)), films.Fold(form)) {
					one.add(t, g.aliases[t])
					break
				}
			}
		}
		s.texts = append(s.texts, e.Name())
		s.gold[e.Name()] = one
	}
	return s, nil
}

func labelledSets(t *testing.T) []labelledSet {
	var sets []labelledSet
	own, err := ownArticles()
	if err != nil {
		t.Fatal(err)
	}
	seeds, err := seedsSet()
	if err != nil {
		t.Fatal(err)
	}
	sets = append(sets, own, seeds)
	if dev, err := devsetLike("devset", filepath.Join("..", "..", "shared", "devset")); err == nil {
		sets = append(sets, dev)
	} else {
		t.Logf("no devset: %v", err)
	}
	if sp, err := speechesSet(); err == nil {
		sets = append(sets, sp)
	} else {
		t.Logf("no speeches: %v", err)
	}
	for _, dir := range filepath.SplitList(os.Getenv("CINESEARCH_FILM_SETS")) {
		if dir == "" {
			continue
		}
		s, err := devsetLike(filepath.Base(dir), dir)
		if err != nil {
			t.Fatalf("CINESEARCH_FILM_SETS %s: %v", dir, err)
		}
		sets = append(sets, s)
	}
	return sets
}

func TestFilmTrainingData(t *testing.T) {
	if os.Getenv("CINESEARCH_UPDATE_FILMS") == "" {
		t.Skip("set CINESEARCH_UPDATE_FILMS=1 to rewrite films/testdata/train.jsonl from the labelled sets")
	}
	sets := labelledSets(t)
	var rows []trainingRow
	for _, s := range sets {
		for _, name := range s.texts {
			g := s.gold[name]
			for _, c := range candidatesAlone(t, s.dir, name) {
				k := films.Key(c.Title)
				if g.ambiguous[k] {
					continue
				}
				row := trainingRow{Source: s.name + "/" + name, Mentions: c.Mentions, Known: c.Known, Distinctive: c.Distinctive}
				if g.films[k] {
					row.Label, row.Title = 1, c.Title
				} else if os.Getenv("CINESEARCH_FILM_DEBUG") != "" {
					row.Title = c.Title // a scratch copy outside the repository
				} else {
					sum := sha256.Sum256([]byte(k))
					row.Title = "#" + hex.EncodeToString(sum[:6])
				}
				for f := films.Feature(0); f < films.NumFeatures; f++ {
					if c.Features.Has(f) {
						row.Features = append(row.Features, f.String())
					}
				}
				rows = append(rows, row)
			}
		}
	}
	out := filepath.Join("films", "testdata", "train.jsonl")
	if d := os.Getenv("CINESEARCH_FILM_DEBUG"); d != "" {
		out = d
	}
	f, err := os.Create(out)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	enc := json.NewEncoder(f)
	enc.SetEscapeHTML(false)
	pos := 0
	for _, r := range rows {
		pos += r.Label
		if err := enc.Encode(r); err != nil {
			t.Fatal(err)
		}
	}
	t.Logf("wrote %d candidates (%d films) from %d sets", len(rows), pos, len(sets))
}

// speechesSet is a sample of ../shared/corpora/sotu (presidential speeches:
// a real corpus that names almost no films), every tenth speech, with the
// one film of the sample written in by hand: the reader must learn what a
// title that is no film looks like in prose about something else.
func speechesSet() (labelledSet, error) {
	dir := filepath.Join("..", "..", "shared", "corpora", "sotu")
	s := labelledSet{name: "speeches", dir: dir, gold: map[string]filmGold{}}
	ents, err := os.ReadDir(dir)
	if err != nil {
		return s, err
	}
	for i, e := range ents {
		if i%10 != 0 && !strings.HasPrefix(e.Name(), "1986_") || !IsText(e.Name()) {
			continue
		}
		g := newFilmGold()
		if strings.HasPrefix(e.Name(), "1986_") {
			g.add("Back to the Future", nil) // "As they said in the film \"Back to the Future\""
		}
		s.texts = append(s.texts, e.Name())
		s.gold[e.Name()] = g
	}
	return s, nil
}
