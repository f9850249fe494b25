package index

import (
	"context"
	"os"
	"path/filepath"
	"sync"
	"testing"

	"cinesearch/corpus"
)

// sotuIndex builds (once per test binary) an index of ../shared/corpora/sotu
// for benchmarks at a realistic size; benchmarks skip when it is absent.
var sotu struct {
	once sync.Once
	ix   *Index
	err  error
}

// sotuCorpus loads ../shared/corpora/sotu once per test binary; benchmarks
// skip when it is absent.
var sotuTexts struct {
	once sync.Once
	c    *corpus.Corpus
	err  error
}

func sotuCorpus(b *testing.B) *corpus.Corpus {
	b.Helper()
	sotuTexts.once.Do(func() {
		src := filepath.Join("..", "..", "shared", "corpora", "sotu")
		if _, err := os.Stat(src); err != nil {
			sotuTexts.err = err
			return
		}
		fsys, _ := corpus.Dir(src)
		sotuTexts.c, sotuTexts.err = corpus.Load(context.Background(), fsys, nil)
	})
	if sotuTexts.err != nil {
		b.Skipf("sotu corpus: %v", sotuTexts.err)
	}
	return sotuTexts.c
}

func sotuIndex(b *testing.B) *Index {
	b.Helper()
	c := sotuCorpus(b)
	sotu.once.Do(func() {
		dir, err := os.MkdirTemp("", "cinesearch-bench-")
		if err != nil {
			sotu.err = err
			return
		}
		if _, err := Build(context.Background(), c, dir, BuildOptions{}); err != nil {
			sotu.err = err
			return
		}
		sotu.ix, sotu.err = Open(dir)
	})
	if sotu.err != nil {
		b.Skipf("sotu corpus: %v", sotu.err)
	}
	return sotu.ix
}

var benchQueries = map[string]Request{
	"word":        {Query: "pyongyang"},
	"two-words":   {Query: "film studio"},
	"phrase":      {Query: `"film festival"`},
	"typo":        {Query: "Pulgasary"},
	"prefix":      {Query: "chon"},
	"film-filter": {Query: "japan", Films: []string{"Thaw"}},
	"year-filter": {Query: "soviet", YearFrom: 1980, YearTo: 1989},
}

var sotuQueries = map[string]Request{
	"rare-word":   {Query: "isthmus"},
	"common-word": {Query: "government"},
	"two-words":   {Query: "public debt"},
	"phrase":      {Query: `"foreign relations"`},
	"typo":        {Query: "constitutoin"},
	"prefix":      {Query: "econ"},
	"year-filter": {Query: "war", YearFrom: 1940, YearTo: 1949},
}

func benchSearch(b *testing.B, ix *Index, queries map[string]Request) {
	for name, req := range queries {
		for _, mode := range []string{"full", "no-facets"} {
			r := req
			r.NoFacets = mode == "no-facets"
			b.Run(name+"/"+mode, func(b *testing.B) {
				ctx := context.Background()
				for b.Loop() {
					if _, err := ix.Search(ctx, r); err != nil {
						b.Fatal(err)
					}
				}
			})
		}
	}
}

func BenchmarkSearchSeeds(b *testing.B) { benchSearch(b, seedIndex, benchQueries) }

func BenchmarkSearchSotu(b *testing.B) { benchSearch(b, sotuIndex(b), sotuQueries) }

// BenchmarkHighlight measures fragment building alone on a long passage.
func BenchmarkHighlight(b *testing.B) {
	p, _ := seedIndex.plan(Request{Query: "Pyongyang film festival"})
	h := seedIndex.newHighlighter(p)
	text := seedCorpus.Passages[176].Text
	for b.Loop() {
		h.fragments(text)
	}
}

// BenchmarkBuildSeeds measures building a generation of the seeds.
func BenchmarkBuildSeeds(b *testing.B) {
	for b.Loop() {
		if _, err := Build(context.Background(), seedCorpus, b.TempDir(), BuildOptions{}); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkBuildSotu measures building a generation of sotu (12,214
// passages): analysis, segments and the final merge.
func BenchmarkBuildSotu(b *testing.B) {
	c := sotuCorpus(b)
	for b.Loop() {
		if _, err := Build(context.Background(), c, b.TempDir(), BuildOptions{}); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(len(c.Passages))*float64(b.N)/b.Elapsed().Seconds(), "passages/s")
}

// BenchmarkDisplayDecode measures restoring a stored passage text, done
// for every hit shown.
func BenchmarkDisplayDecode(b *testing.B) {
	c := sotuCorpus(b)
	dict := displayDict(c.Passages)
	codec, err := newDisplayCodec(dict)
	if err != nil {
		b.Fatal(err)
	}
	stored := make([]string, 0, 1000)
	for _, p := range c.Passages[:min(1000, len(c.Passages))] {
		stored = append(stored, codec.encode(p.Text))
	}
	i := 0
	for b.Loop() {
		if _, err := codec.decode(stored[i%len(stored)]); err != nil {
			b.Fatal(err)
		}
		i++
	}
}

// BenchmarkTermsSotu runs the sotu searches with their words scored from
// the postings (fused.go) and by Bleve's term searchers, so that the two
// are compared in one run.
func BenchmarkTermsSotu(b *testing.B) {
	ix := sotuIndex(b)
	defer func() { ix.bleveTerms = false }()
	for name, req := range sotuQueries {
		for _, mode := range []string{"postings", "bleve"} {
			b.Run(name+"/"+mode, func(b *testing.B) {
				ix.bleveTerms = mode == "bleve"
				ctx := context.Background()
				for b.Loop() {
					if _, err := ix.Search(ctx, req); err != nil {
						b.Fatal(err)
					}
				}
			})
		}
	}
}
