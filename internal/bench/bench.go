// Package bench measures cinesearch against a plain Bleve baseline built
// from the same passages in the same run, so that the ratios hold on any
// machine however noisy: indexing (rate, size, peak memory), the query set
// timed one query at a time on each engine, interleaved, and a real serve
// under HTTP load. The baseline runs in a child process (baseline.go); the
// command line is `cinesearch bench`.
package bench

import (
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"runtime/pprof"
	"sort"
	"strconv"
	"strings"
	"time"

	"cinesearch/corpus"
	"cinesearch/index"
)

// Config says what to measure and how.
type Config struct {
	// Texts is a directory of texts; empty for the embedded corpus.
	Texts string
	// Copies repeats the texts under distinct article IDs (scale points).
	Copies int
	// Concurrency and Duration shape the HTTP load.
	Concurrency int
	Duration    time.Duration
	// PerClass is the number of queries per query class; Rounds the times
	// each is timed on each engine; Seed draws the query set.
	PerClass, Rounds int
	Seed             int64
	// Dir keeps the indexes (default: a temporary directory, removed).
	Dir string
	// CPUProfile, if set, receives a CPU profile of cinesearch's queries.
	CPUProfile string
	// Exe is the cinesearch binary, run as serve and as the baseline;
	// Env is added to their environment.
	Exe string
	Env []string
	// Log receives progress lines.
	Log io.Writer
	// Relevance, if set, are the relevance cases run on a seeds index
	// (see relevance.go).
	Relevance []RelevanceCase
	// AfterBuild, if set, is called once both indexes are built, before
	// the queries: cmd sets serve's garbage-collection policy there, so
	// that the build is measured as 'cinesearch index' runs and the
	// queries as serve answers them.
	AfterBuild func()
}

type bench struct {
	cfg Config
}

func (b *bench) logf(format string, args ...any) {
	if b.cfg.Log != nil {
		fmt.Fprintf(b.cfg.Log, "bench: "+format+"\n", args...)
	}
}

// loadCorpus reads the texts (a directory, or the embedded corpus) and
// repeats them copies times.
func loadCorpus(ctx context.Context, texts string, copies int) (*corpus.Corpus, error) {
	fsys, err := corpus.Dir(texts)
	if err != nil {
		return nil, err
	}
	c, err := corpus.Load(ctx, fsys, nil)
	if err != nil {
		return nil, err
	}
	return c.Repeat(max(copies, 1)), nil
}

func textsName(texts string) string {
	if texts == "" {
		return "the embedded corpus"
	}
	return texts
}

// latency is a distribution summary in milliseconds.
type latency struct {
	N   int     `json:"n"`
	P50 float64 `json:"p50_ms"`
	P95 float64 `json:"p95_ms"`
	P99 float64 `json:"p99_ms"`
}

func summarize(ds []time.Duration) latency {
	if len(ds) == 0 {
		return latency{}
	}
	s := append([]time.Duration(nil), ds...)
	sort.Slice(s, func(i, j int) bool { return s[i] < s[j] })
	pct := func(p float64) float64 {
		i := int(float64(len(s))*p+0.5) - 1
		i = max(0, min(i, len(s)-1))
		return float64(s[i].Microseconds()) / 1000
	}
	return latency{N: len(s), P50: pct(0.50), P95: pct(0.95), P99: pct(0.99)}
}

type indexStats struct {
	Seconds        float64 `json:"seconds"`
	PassagesPerSec float64 `json:"passages_per_s"`
	MBPerSec       float64 `json:"mb_per_s"`
	SizeBytes      int64   `json:"size_bytes"`
	PeakRSSBytes   int64   `json:"peak_rss_bytes"`
}

type classStats struct {
	Class    string  `json:"class"`
	Example  string  `json:"example"`
	CS       latency `json:"cinesearch"`
	Baseline latency `json:"baseline"`
	RatioP50 float64 `json:"ratio_p50"`
	RatioP95 float64 `json:"ratio_p95"`
	// Hits are the mean totals, to show both engines find things.
	CSHits       float64 `json:"cinesearch_mean_total"`
	BaselineHits float64 `json:"baseline_mean_total"`
}

type httpStats struct {
	Concurrency       int     `json:"concurrency"`
	Seconds           float64 `json:"seconds"`
	Requests          int     `json:"requests"`
	RPS               float64 `json:"requests_per_s"`
	P50               float64 `json:"p50_ms"`
	P99               float64 `json:"p99_ms"`
	Errors            int     `json:"errors"`
	ReadyMS           float64 `json:"ready_ms"`
	ServeRSSBytes     int64   `json:"serve_rss_bytes"`
	ServePeakRSSBytes int64   `json:"serve_peak_rss_bytes"`
	// ServeCPUPerRequest is serve's CPU time over the load divided by the
	// requests, in ms: less moved by the machine's neighbours than the
	// rate. LoadCores is the cores the load generator (this process)
	// used meanwhile, on the same machine.
	ServeCPUPerRequest float64 `json:"serve_cpu_ms_per_request"`
	LoadCores          float64 `json:"load_generator_cores"`
}

type target struct {
	Name     string `json:"name"`
	Target   string `json:"target"`
	Measured string `json:"measured"`
	Met      bool   `json:"met"`
}

// Report is what a run measured; its JSON is `cinesearch bench --out`.
type Report struct {
	Corpus struct {
		Texts    string  `json:"texts"`
		Copies   int     `json:"copies"`
		Articles int     `json:"articles"`
		Passages int     `json:"passages"`
		TextMB   float64 `json:"text_mb"`
	} `json:"corpus"`
	Machine struct {
		CPUs int    `json:"cpus"`
		Go   string `json:"go"`
		OS   string `json:"os"`
	} `json:"machine"`
	Index struct {
		CS       indexStats `json:"cinesearch"`
		Baseline indexStats `json:"baseline"`
	} `json:"index"`
	// BaselineProcess shows the baseline ran as plain Bleve: its own
	// process, Go's GC default, no clause limit.
	BaselineProcess struct {
		GOGC       int `json:"gogc"`
		MaxClauses int `json:"bleve_max_clauses"`
	} `json:"baseline_process"`
	Classes []classStats `json:"query_classes"`
	Search  struct {
		CS       latency `json:"cinesearch"`
		Baseline latency `json:"baseline"`
		// Lean is cinesearch answering the same queries without facets
		// and fragments (facets=0&fragments=0: programs paging through
		// results); the baseline has no such path.
		Lean latency `json:"cinesearch_lean"`
	} `json:"search_all"`
	HTTP httpStats `json:"http"`
	// Relevance is measured on the seeds, whatever the texts timed.
	Relevance *RelevanceReport `json:"relevance,omitempty"`
	Ratios    ratios           `json:"ratios"`
	Targets   []target         `json:"targets"`
}

type ratios struct {
	SearchP50 float64 `json:"search_p50"`
	SearchP95 float64 `json:"search_p95"`
	SearchP99 float64 `json:"search_p99"`
	IndexRate float64 `json:"index_rate"`
	// BuildRSS is the ratio of the builds' peak resident memory.
	BuildRSS  float64 `json:"build_rss"`
	IndexSize float64 `json:"index_size"`
	HTTPRPS   float64 `json:"http_rps"`
	Errors    int     `json:"errors"`
	ReadyMS   float64 `json:"ready_ms"`
}

// Run builds both indexes from the texts, times the query set on each,
// then loads a real serve with it, and reports.
func Run(ctx context.Context, cfg Config) (*Report, error) {
	b := &bench{cfg: cfg}
	rep := &Report{}
	rep.Machine.CPUs, rep.Machine.Go, rep.Machine.OS = runtime.NumCPU(), runtime.Version(), runtime.GOOS+"/"+runtime.GOARCH
	c, err := loadCorpus(ctx, cfg.Texts, cfg.Copies)
	if err != nil {
		return nil, err
	}
	var textBytes int
	for _, p := range c.Passages {
		textBytes += len(p.Text)
	}
	rep.Corpus.Texts, rep.Corpus.Copies = textsName(cfg.Texts), cfg.Copies
	rep.Corpus.Articles, rep.Corpus.Passages, rep.Corpus.TextMB = len(c.Articles), len(c.Passages), float64(textBytes)/1e6
	b.logf("%s ×%d: %d articles, %d passages, %.1f MB of text", rep.Corpus.Texts, cfg.Copies, len(c.Articles), len(c.Passages), rep.Corpus.TextMB)

	dir := cfg.Dir
	if dir == "" {
		if dir, err = os.MkdirTemp("", "cinesearch-bench-"); err != nil {
			return nil, err
		}
		defer os.RemoveAll(dir)
	} else if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, err
	}
	csDir, baseDir := filepath.Join(dir, "cinesearch"), filepath.Join(dir, "baseline")
	os.RemoveAll(csDir)
	os.RemoveAll(baseDir)

	// Index both. Peak RSS is reset before each build (Linux), so each
	// figure is that build's peak, the loaded corpus included.
	runtime.GC()
	resetPeakRSS()
	start := time.Now()
	man, err := index.Build(ctx, c, csDir, index.BuildOptions{Force: true, Source: "bench"})
	if err != nil {
		return nil, fmt.Errorf("cinesearch build: %w", err)
	}
	rep.Index.CS = indexStatsOf(time.Since(start), len(c.Passages), textBytes, man.Bytes, peakRSS())
	b.logf("cinesearch index: %.1fs, %.0f passages/s, %.1f MB", rep.Index.CS.Seconds, rep.Index.CS.PassagesPerSec, float64(man.Bytes)/1e6)

	// The baseline is built and searched in a process of its own, so that
	// nothing cinesearch sets process-wide (GC tuning, Bleve's clause
	// limit and analysis registry) reaches it.
	base, err := b.startBaseline(ctx, baseDir)
	if err != nil {
		return nil, fmt.Errorf("baseline: %w", err)
	}
	defer base.close()
	if base.built.Passages != len(c.Passages) {
		return nil, fmt.Errorf("baseline: indexed %d passages, cinesearch %d", base.built.Passages, len(c.Passages))
	}
	rep.BaselineProcess.GOGC, rep.BaselineProcess.MaxClauses = base.built.GOGC, base.built.MaxClauses
	rep.Index.Baseline = indexStatsOf(time.Duration(base.built.Seconds*float64(time.Second)), len(c.Passages), textBytes, base.built.SizeBytes, base.built.PeakRSSBytes)
	b.logf("baseline index:   %.1fs, %.0f passages/s, %.1f MB", rep.Index.Baseline.Seconds, rep.Index.Baseline.PassagesPerSec, float64(rep.Index.Baseline.SizeBytes)/1e6)

	if cfg.AfterBuild != nil {
		cfg.AfterBuild()
	}

	// Queries, timed one at a time on each engine, interleaved so that
	// machine noise falls on both alike.
	qs := makeQuerySet(c, cfg.Seed, cfg.PerClass)
	ix, err := index.Open(csDir)
	if err != nil {
		return nil, err
	}
	defer ix.Close()
	csTimes, baseTimes := map[string][]time.Duration{}, map[string][]time.Duration{}
	csHits, baseHits := map[string]uint64{}, map[string]uint64{}
	var csAll, baseAll, leanAll []time.Duration
	if cfg.CPUProfile != "" {
		f, err := os.Create(cfg.CPUProfile)
		if err != nil {
			return nil, err
		}
		defer f.Close()
		if err := pprof.StartCPUProfile(f); err != nil {
			return nil, err
		}
	}
	// Each round times the whole set on cinesearch, then on the baseline
	// in its process: switching processes between single queries would
	// leave each engine's caches cold for the other's every query.
	// Alternating rounds spreads machine noise over both alike.
	bq := make([]baselineQuery, len(qs))
	for i, q := range qs {
		bq[i] = q.baseline()
	}
	for round := 0; round <= cfg.Rounds; round++ { // round 0 warms caches up
		for _, q := range qs {
			t0 := time.Now()
			res, err := ix.Search(ctx, q.request())
			d := time.Since(t0)
			if err != nil {
				return nil, fmt.Errorf("cinesearch query %q: %w", q.text, err)
			}
			if round == 0 {
				csHits[q.class] += res.Total
				continue
			}
			csTimes[q.class] = append(csTimes[q.class], d)
			csAll = append(csAll, d)
		}
		for _, q := range qs {
			req := q.request()
			req.NoFacets, req.NoFragments = true, true
			t0 := time.Now()
			if _, err := ix.Search(ctx, req); err != nil {
				return nil, fmt.Errorf("cinesearch query %q without facets and fragments: %w", q.text, err)
			}
			if round > 0 {
				leanAll = append(leanAll, time.Since(t0))
			}
		}
		answers, err := base.searchAll(bq)
		if err != nil {
			return nil, err
		}
		for i, a := range answers {
			q, bd := qs[i], time.Duration(a.Micros)*time.Microsecond
			if round == 0 {
				baseHits[q.class] += a.Total
				continue
			}
			baseTimes[q.class] = append(baseTimes[q.class], bd)
			baseAll = append(baseAll, bd)
		}
	}
	for _, class := range queryClasses() {
		if len(csTimes[class]) == 0 {
			continue
		}
		cs := classStats{Class: class, CS: summarize(csTimes[class]), Baseline: summarize(baseTimes[class])}
		for _, q := range qs {
			if q.class == class {
				cs.Example = q.describe()
				break
			}
		}
		n := float64(len(csTimes[class]) / cfg.Rounds)
		cs.CSHits, cs.BaselineHits = float64(csHits[class])/n, float64(baseHits[class])/n
		cs.RatioP50, cs.RatioP95 = ratio(cs.CS.P50, cs.Baseline.P50), ratio(cs.CS.P95, cs.Baseline.P95)
		rep.Classes = append(rep.Classes, cs)
	}
	if cfg.CPUProfile != "" {
		pprof.StopCPUProfile()
	}
	rep.Search.CS, rep.Search.Baseline, rep.Search.Lean = summarize(csAll), summarize(baseAll), summarize(leanAll)
	b.logf("search: cinesearch p50 %.2f ms p95 %.2f ms; baseline p50 %.2f ms p95 %.2f ms", rep.Search.CS.P50, rep.Search.CS.P95, rep.Search.Baseline.P50, rep.Search.Baseline.P95)
	ix.Close()

	// HTTP: a real serve on loopback over the cinesearch index.
	h, err := b.httpLoad(ctx, csDir, qs, cfg.Concurrency, cfg.Duration)
	if err != nil {
		return nil, err
	}
	rep.HTTP = h
	if len(cfg.Relevance) > 0 {
		rel, err := Relevance(ctx, cfg.Relevance, dir)
		if err != nil {
			return nil, err
		}
		rep.Relevance = &rel
		b.logf("relevance (seeds, %d queries): P@1 %.2f, MRR %.2f", rel.Queries, rel.P1, rel.MRR)
	}
	rep.Ratios = ratios{
		SearchP50: ratio(rep.Search.CS.P50, rep.Search.Baseline.P50),
		SearchP95: ratio(rep.Search.CS.P95, rep.Search.Baseline.P95),
		SearchP99: ratio(rep.Search.CS.P99, rep.Search.Baseline.P99),
		IndexRate: ratio(rep.Index.CS.PassagesPerSec, rep.Index.Baseline.PassagesPerSec),
		BuildRSS:  ratio(float64(rep.Index.CS.PeakRSSBytes), float64(rep.Index.Baseline.PeakRSSBytes)),
		IndexSize: ratio(float64(rep.Index.CS.SizeBytes), float64(rep.Index.Baseline.SizeBytes)),
		HTTPRPS:   h.RPS, Errors: h.Errors, ReadyMS: h.ReadyMS,
	}
	rep.Targets = rep.targets(cfg.Texts == "", cfg.Copies)
	return rep, nil
}

func indexStatsOf(took time.Duration, passages, textBytes int, size, peak int64) indexStats {
	s := took.Seconds()
	return indexStats{Seconds: round2(s), PassagesPerSec: round2(float64(passages) / s), MBPerSec: round2(float64(textBytes) / 1e6 / s), SizeBytes: size, PeakRSSBytes: peak}
}

func ratio(a, b float64) float64 {
	if b == 0 {
		return 0
	}
	return round2(a / b)
}

func round2(f float64) float64 { return float64(int64(f*100+0.5)) / 100 }

// targets are issue 16's: ratios to the baseline measured in this run,
// and absolute figures for serving.
func (rep *Report) targets(seeds bool, copies int) []target {
	r := rep.Ratios
	x := func(f float64) string { return fmt.Sprintf("%.2f×", f) }
	ts := []target{
		{"search p50", "≤ 1.0× baseline", x(r.SearchP50), r.SearchP50 <= 1.0},
		{"search p95", "≤ 0.6× baseline", x(r.SearchP95), r.SearchP95 <= 0.6},
		{"search p99", "≤ 0.6× baseline", x(r.SearchP99), r.SearchP99 <= 0.6},
		{"indexing rate", "≥ 1.2× baseline", x(r.IndexRate), r.IndexRate >= 1.2},
		{"index size", "≤ 0.6× baseline", x(r.IndexSize), r.IndexSize <= 0.6},
		{"build peak RSS", "≤ 1.0× baseline", x(r.BuildRSS), r.BuildRSS <= 1.0},
		{"HTTP errors", "0", strconv.Itoa(r.Errors), r.Errors == 0},
		{"serve ready", "< 1000 ms", fmt.Sprintf("%.0f ms", r.ReadyMS), r.ReadyMS < 1000},
		{"serving RSS", "< 400 MB", fmt.Sprintf("%.0f MB", float64(rep.HTTP.ServePeakRSSBytes)/1e6), rep.HTTP.ServePeakRSSBytes < 400e6},
	}
	if copies >= 10 && rep.HTTP.Concurrency == 16 {
		ts = append(ts, target{"HTTP rate (×10, 16 clients)", "≥ 1500 req/s", fmt.Sprintf("%.0f req/s", rep.HTTP.RPS), rep.HTTP.RPS >= 1500})
	}
	if seeds {
		ts = append(ts,
			target{"HTTP rate (seeds, 16 clients)", "≥ 2000 req/s", fmt.Sprintf("%.0f req/s", rep.HTTP.RPS), rep.HTTP.RPS >= 2000 || rep.HTTP.Concurrency != 16},
			target{"HTTP p99 (seeds)", "< 50 ms", fmt.Sprintf("%.1f ms", rep.HTTP.P99), rep.HTTP.P99 < 50})
	}
	return ts
}

// Markdown writes the report for people.
func (rep *Report) Markdown(w io.Writer) {
	fmt.Fprintf(w, "# cinesearch bench\n\n%s ×%d (%d articles, %d passages, %.1f MB of text); %d CPUs, %s, %s\n",
		rep.Corpus.Texts, rep.Corpus.Copies, rep.Corpus.Articles, rep.Corpus.Passages, rep.Corpus.TextMB, rep.Machine.CPUs, rep.Machine.Go, rep.Machine.OS)
	if rep.Corpus.Copies > 1 {
		fmt.Fprintf(w, "The texts are repeated %d times under distinct article IDs.\n", rep.Corpus.Copies)
	}
	fmt.Fprintf(w, "\n## Indexing\n\n| | seconds | passages/s | MB/s | size on disk | peak RSS |\n|---|---:|---:|---:|---:|---:|\n")
	row := func(name string, s indexStats) {
		fmt.Fprintf(w, "| %s | %.2f | %.0f | %.2f | %.1f MB | %.0f MB |\n", name, s.Seconds, s.PassagesPerSec, s.MBPerSec, float64(s.SizeBytes)/1e6, float64(s.PeakRSSBytes)/1e6)
	}
	row("cinesearch", rep.Index.CS)
	row("baseline", rep.Index.Baseline)
	limit := "none"
	if n := rep.BaselineProcess.MaxClauses; n > 0 {
		limit = strconv.Itoa(n)
	}
	fmt.Fprintf(w, "\nThe baseline is built and searched in a process of its own (GOGC=%d, Bleve clause limit: %s); its query times are measured there.\n",
		rep.BaselineProcess.GOGC, limit)
	fmt.Fprintf(w, "\n## Search (top 10, fragments, facets; ms)\n\n| class | example | cinesearch p50 / p95 / p99 | baseline p50 / p95 / p99 | ratio p50 | ratio p95 | mean hits cs / base |\n|---|---|---:|---:|---:|---:|---:|\n")
	for _, c := range rep.Classes {
		fmt.Fprintf(w, "| %s | %s | %.2f / %.2f / %.2f | %.2f / %.2f / %.2f | %.2f | %.2f | %.0f / %.0f |\n", c.Class, strings.ReplaceAll(c.Example, "|", `\|`),
			c.CS.P50, c.CS.P95, c.CS.P99, c.Baseline.P50, c.Baseline.P95, c.Baseline.P99, c.RatioP50, c.RatioP95, c.CSHits, c.BaselineHits)
	}
	a, bl := rep.Search.CS, rep.Search.Baseline
	fmt.Fprintf(w, "| **all** | %d timings each | %.2f / %.2f / %.2f | %.2f / %.2f / %.2f | %.2f | %.2f | |\n", a.N, a.P50, a.P95, a.P99, bl.P50, bl.P95, bl.P99, rep.Ratios.SearchP50, rep.Ratios.SearchP95)
	fmt.Fprintf(w, "\nAll queries, p99: %.2f× the baseline. Without facets and fragments (`facets=0&fragments=0`, programs paging through results), cinesearch p50 / p95 / p99: %.2f / %.2f / %.2f ms (%.2f× / %.2f× / %.2f× the baseline's full answer).\n",
		rep.Ratios.SearchP99, rep.Search.Lean.P50, rep.Search.Lean.P95, rep.Search.Lean.P99,
		ratio(rep.Search.Lean.P50, bl.P50), ratio(rep.Search.Lean.P95, bl.P95), ratio(rep.Search.Lean.P99, bl.P99))
	h := rep.HTTP
	fmt.Fprintf(w, "\n## HTTP (serve on 127.0.0.1, %d clients, %.0f s)\n\n| requests | req/s | p50 | p99 | errors | ready | serving RSS (peak) | serve CPU per request | load generator |\n|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n| %d | %.0f | %.2f ms | %.2f ms | %d | %.0f ms | %.0f MB (%.0f MB) | %.2f ms | %.2f cores |\n",
		h.Concurrency, h.Seconds, h.Requests, h.RPS, h.P50, h.P99, h.Errors, h.ReadyMS, float64(h.ServeRSSBytes)/1e6, float64(h.ServePeakRSSBytes)/1e6, h.ServeCPUPerRequest, h.LoadCores)
	if r := rep.Relevance; r != nil {
		fmt.Fprintf(w, "\n## Relevance (the seeds, %d queries with a known answer)\n\n| precision@1 | MRR | within the case's rank |\n|---:|---:|---:|\n| %.2f | %.2f | %.2f |\n", r.Queries, r.P1, r.MRR, r.WithinTop)
		if len(r.Missed) > 0 {
			fmt.Fprintf(w, "\nMissed: %s\n", strings.Join(r.Missed, "; "))
		}
	}
	fmt.Fprintf(w, "\n## Targets\n\n| target | wanted | measured | met |\n|---|---|---|---|\n")
	for _, t := range rep.Targets {
		met := "yes"
		if !t.Met {
			met = "**no**"
		}
		fmt.Fprintf(w, "| %s | %s | %s | %s |\n", t.Name, t.Target, t.Measured, met)
	}
	fmt.Fprintln(w)
}

// RelevanceLine is the relevance summary line, or "" when it was not
// measured.
func (rep *Report) RelevanceLine() string {
	if rep.Relevance == nil {
		return ""
	}
	return fmt.Sprintf("relevance: queries=%d p_at_1=%.2f mrr=%.2f", rep.Relevance.Queries, rep.Relevance.P1, rep.Relevance.MRR)
}

// RatiosLine is the report's one-line summary, last in the output.
func (rep *Report) RatiosLine() string {
	r := rep.Ratios
	return fmt.Sprintf("ratios: search_p50=%.2f search_p95=%.2f search_p99=%.2f index_rate=%.2f index_size=%.2f build_rss=%.2f http_rps=%.0f errors=%d ready_ms=%.0f",
		r.SearchP50, r.SearchP95, r.SearchP99, r.IndexRate, r.IndexSize, r.BuildRSS, r.HTTPRPS, r.Errors, r.ReadyMS)
}
