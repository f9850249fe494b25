package main

// cinesearch bench: indexing, search and HTTP serving measured side by side
// with a plain Bleve baseline built from the same passages in the same run,
// so that the ratios hold on any machine however noisy.

import (
	"bufio"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"math/rand"
	"net/http"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"runtime"
	"runtime/pprof"
	"sort"
	"strconv"
	"strings"
	"sync"
	"time"
	"unicode"

	"cinesearch/corpus"
	"cinesearch/index"
)

func runBench(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := newFlags("bench", stderr)
	texts := fs.String("texts", "", "directory of texts (.txt, .md, .html) (default: the embedded corpus)")
	copies := fs.Int("copies", 1, "repeat the texts this many times under distinct article IDs (scale points)")
	conc := fs.Int("concurrency", 16, "HTTP load: concurrent clients")
	dur := fs.Duration("duration", 10*time.Second, "HTTP load: how long")
	out := fs.String("out", "", "write the report as JSON to this file")
	perClass := fs.Int("queries", 20, "queries per query class")
	rounds := fs.Int("rounds", 3, "times each query is timed on each engine")
	seed := fs.Int64("seed", 1, "seed of the query set")
	cpuprofile := fs.String("cpuprofile", "", "write a CPU profile of the query phase (cinesearch and baseline) to this file")
	keep := fs.String("keep", "", "build the indexes in this directory and keep them (default: a temporary directory, removed)")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if *copies < 1 || *conc < 1 || *perClass < 1 || *rounds < 1 || *dur <= 0 {
		return exitError{2, fmt.Errorf("--copies, --concurrency, --queries, --rounds and --duration must be positive")}
	}
	b := &bench{stderr: stderr}
	rep, err := b.run(ctx, benchConfig{texts: *texts, copies: *copies, conc: *conc, dur: *dur, perClass: *perClass, rounds: *rounds, seed: *seed, dir: *keep, cpuprofile: *cpuprofile})
	if err != nil {
		return err
	}
	rep.markdown(stdout)
	if *out != "" {
		data, _ := json.MarshalIndent(rep, "", "  ")
		if err := os.MkdirAll(filepath.Dir(*out), 0o755); err != nil {
			return err
		}
		if err := os.WriteFile(*out, append(data, '\n'), 0o644); err != nil {
			return err
		}
	}
	fmt.Fprintln(stdout, rep.ratiosLine())
	return nil
}

type benchConfig struct {
	texts                  string
	copies, conc, perClass int
	rounds                 int
	dur                    time.Duration
	seed                   int64
	dir                    string
	cpuprofile             string
}

type bench struct {
	stderr io.Writer
}

func (b *bench) logf(format string, args ...any) {
	fmt.Fprintf(b.stderr, "bench: "+format+"\n", args...)
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
}

type target struct {
	Name     string `json:"name"`
	Target   string `json:"target"`
	Measured string `json:"measured"`
	Met      bool   `json:"met"`
}

type benchReport struct {
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
	Classes []classStats `json:"query_classes"`
	Search  struct {
		CS       latency `json:"cinesearch"`
		Baseline latency `json:"baseline"`
	} `json:"search_all"`
	HTTP    httpStats `json:"http"`
	Ratios  ratios    `json:"ratios"`
	Targets []target  `json:"targets"`
}

type ratios struct {
	SearchP50 float64 `json:"search_p50"`
	SearchP95 float64 `json:"search_p95"`
	IndexRate float64 `json:"index_rate"`
	IndexSize float64 `json:"index_size"`
	HTTPRPS   float64 `json:"http_rps"`
	Errors    int     `json:"errors"`
	ReadyMS   float64 `json:"ready_ms"`
}

func (b *bench) run(ctx context.Context, cfg benchConfig) (*benchReport, error) {
	rep := &benchReport{}
	rep.Machine.CPUs, rep.Machine.Go, rep.Machine.OS = runtime.NumCPU(), runtime.Version(), runtime.GOOS+"/"+runtime.GOARCH
	fsys := corpus.Default()
	if cfg.texts != "" {
		var err error
		if fsys, err = corpus.Dir(cfg.texts); err != nil {
			return nil, err
		}
	}
	c, err := corpus.Load(ctx, fsys, nil)
	if err != nil {
		return nil, err
	}
	c = c.Repeat(cfg.copies)
	var textBytes int
	for _, p := range c.Passages {
		textBytes += len(p.Text)
	}
	rep.Corpus.Texts, rep.Corpus.Copies = orDefault(cfg.texts), cfg.copies
	rep.Corpus.Articles, rep.Corpus.Passages, rep.Corpus.TextMB = len(c.Articles), len(c.Passages), float64(textBytes)/1e6
	b.logf("%s ×%d: %d articles, %d passages, %.1f MB of text", rep.Corpus.Texts, cfg.copies, len(c.Articles), len(c.Passages), rep.Corpus.TextMB)

	dir := cfg.dir
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

	runtime.GC()
	resetPeakRSS()
	start = time.Now()
	base, err := index.BuildBaseline(ctx, c.Passages, baseDir)
	if err != nil {
		return nil, fmt.Errorf("baseline build: %w", err)
	}
	baseTook := time.Since(start)
	defer base.Close()
	rep.Index.Baseline = indexStatsOf(baseTook, len(c.Passages), textBytes, dirSize(baseDir), peakRSS())
	b.logf("baseline index:   %.1fs, %.0f passages/s, %.1f MB", rep.Index.Baseline.Seconds, rep.Index.Baseline.PassagesPerSec, float64(rep.Index.Baseline.SizeBytes)/1e6)

	// Queries, timed one at a time on each engine, interleaved so that
	// machine noise falls on both alike.
	qs := makeQuerySet(c, cfg.seed, cfg.perClass)
	ix, err := index.Open(csDir)
	if err != nil {
		return nil, err
	}
	defer ix.Close()
	csTimes, baseTimes := map[string][]time.Duration{}, map[string][]time.Duration{}
	csHits, baseHits := map[string]uint64{}, map[string]uint64{}
	var csAll, baseAll []time.Duration
	if cfg.cpuprofile != "" {
		f, err := os.Create(cfg.cpuprofile)
		if err != nil {
			return nil, err
		}
		defer f.Close()
		if err := pprof.StartCPUProfile(f); err != nil {
			return nil, err
		}
	}
	for round := 0; round <= cfg.rounds; round++ { // round 0 warms caches up
		for _, q := range qs {
			t0 := time.Now()
			res, err := ix.Search(ctx, q.request())
			d := time.Since(t0)
			if err != nil {
				return nil, fmt.Errorf("cinesearch query %q: %w", q.text, err)
			}
			t0 = time.Now()
			n, err := base.Search(ctx, q.baseline())
			bd := time.Since(t0)
			if err != nil {
				return nil, fmt.Errorf("baseline query %q: %w", q.text, err)
			}
			if round == 0 {
				csHits[q.class] += res.Total
				baseHits[q.class] += n
				continue
			}
			csTimes[q.class] = append(csTimes[q.class], d)
			baseTimes[q.class] = append(baseTimes[q.class], bd)
			csAll, baseAll = append(csAll, d), append(baseAll, bd)
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
		n := float64(len(csTimes[class]) / cfg.rounds)
		cs.CSHits, cs.BaselineHits = float64(csHits[class])/n, float64(baseHits[class])/n
		cs.RatioP50, cs.RatioP95 = ratio(cs.CS.P50, cs.Baseline.P50), ratio(cs.CS.P95, cs.Baseline.P95)
		rep.Classes = append(rep.Classes, cs)
	}
	if cfg.cpuprofile != "" {
		pprof.StopCPUProfile()
	}
	rep.Search.CS, rep.Search.Baseline = summarize(csAll), summarize(baseAll)
	b.logf("search: cinesearch p50 %.2f ms p95 %.2f ms; baseline p50 %.2f ms p95 %.2f ms", rep.Search.CS.P50, rep.Search.CS.P95, rep.Search.Baseline.P50, rep.Search.Baseline.P95)
	ix.Close()

	// HTTP: a real serve on loopback over the cinesearch index.
	h, err := b.httpLoad(ctx, csDir, qs, cfg.conc, cfg.dur)
	if err != nil {
		return nil, err
	}
	rep.HTTP = h
	rep.Ratios = ratios{
		SearchP50: ratio(rep.Search.CS.P50, rep.Search.Baseline.P50),
		SearchP95: ratio(rep.Search.CS.P95, rep.Search.Baseline.P95),
		IndexRate: ratio(rep.Index.CS.PassagesPerSec, rep.Index.Baseline.PassagesPerSec),
		IndexSize: ratio(float64(rep.Index.CS.SizeBytes), float64(rep.Index.Baseline.SizeBytes)),
		HTTPRPS:   h.RPS, Errors: h.Errors, ReadyMS: h.ReadyMS,
	}
	rep.Targets = rep.targets(cfg.texts == "")
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

func (rep *benchReport) targets(seeds bool) []target {
	r := rep.Ratios
	ts := []target{
		{"search p50", "≤ 1.0× baseline", fmt.Sprintf("%.2f×", r.SearchP50), r.SearchP50 <= 1.0},
		{"search p95", "≤ 0.5× baseline", fmt.Sprintf("%.2f×", r.SearchP95), r.SearchP95 <= 0.5},
		{"indexing rate", "≥ 1.0× baseline", fmt.Sprintf("%.2f×", r.IndexRate), r.IndexRate >= 1.0},
		{"index size", "≤ 0.6× baseline", fmt.Sprintf("%.2f×", r.IndexSize), r.IndexSize <= 0.6},
		{"HTTP errors", "0", strconv.Itoa(r.Errors), r.Errors == 0},
		{"serve ready", "< 1000 ms", fmt.Sprintf("%.0f ms", r.ReadyMS), r.ReadyMS < 1000},
		{"serving RSS", "< 400 MB", fmt.Sprintf("%.0f MB", float64(rep.HTTP.ServePeakRSSBytes)/1e6), rep.HTTP.ServePeakRSSBytes < 400e6},
	}
	if seeds {
		ts = append(ts,
			target{"HTTP rate (seeds, 16 clients)", "≥ 2000 req/s", fmt.Sprintf("%.0f req/s", rep.HTTP.RPS), rep.HTTP.RPS >= 2000 || rep.HTTP.Concurrency != 16},
			target{"HTTP p99 (seeds)", "< 50 ms", fmt.Sprintf("%.1f ms", rep.HTTP.P99), rep.HTTP.P99 < 50})
	}
	return ts
}

func (rep *benchReport) markdown(w io.Writer) {
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
	fmt.Fprintf(w, "\n## Search (top 10, fragments, facets; ms)\n\n| class | example | cinesearch p50 / p95 / p99 | baseline p50 / p95 / p99 | ratio p50 | ratio p95 | mean hits cs / base |\n|---|---|---:|---:|---:|---:|---:|\n")
	for _, c := range rep.Classes {
		fmt.Fprintf(w, "| %s | %s | %.2f / %.2f / %.2f | %.2f / %.2f / %.2f | %.2f | %.2f | %.0f / %.0f |\n", c.Class, strings.ReplaceAll(c.Example, "|", `\|`),
			c.CS.P50, c.CS.P95, c.CS.P99, c.Baseline.P50, c.Baseline.P95, c.Baseline.P99, c.RatioP50, c.RatioP95, c.CSHits, c.BaselineHits)
	}
	a, bl := rep.Search.CS, rep.Search.Baseline
	fmt.Fprintf(w, "| **all** | %d timings each | %.2f / %.2f / %.2f | %.2f / %.2f / %.2f | %.2f | %.2f | |\n", a.N, a.P50, a.P95, a.P99, bl.P50, bl.P95, bl.P99, rep.Ratios.SearchP50, rep.Ratios.SearchP95)
	h := rep.HTTP
	fmt.Fprintf(w, "\n## HTTP (serve on 127.0.0.1, %d clients, %.0f s)\n\n| requests | req/s | p50 | p99 | errors | ready | serving RSS (peak) |\n|---:|---:|---:|---:|---:|---:|---:|\n| %d | %.0f | %.2f ms | %.2f ms | %d | %.0f ms | %.0f MB (%.0f MB) |\n",
		h.Concurrency, h.Seconds, h.Requests, h.RPS, h.P50, h.P99, h.Errors, h.ReadyMS, float64(h.ServeRSSBytes)/1e6, float64(h.ServePeakRSSBytes)/1e6)
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

func (rep *benchReport) ratiosLine() string {
	r := rep.Ratios
	return fmt.Sprintf("ratios: search_p50=%.2f search_p95=%.2f index_rate=%.2f index_size=%.2f http_rps=%.0f errors=%d ready_ms=%.0f",
		r.SearchP50, r.SearchP95, r.IndexRate, r.IndexSize, r.HTTPRPS, r.Errors, r.ReadyMS)
}

// --- the query set ---

// benchQuery is one query of the set, in cinesearch's and the baseline's
// terms.
type benchQuery struct {
	class, kind string
	text        string
	from, to    int
}

func queryClasses() []string {
	var out []string
	for _, c := range []string{"rare word", "medium word", "common word", "two words", "phrase", "misspelt", "prefix"} {
		out = append(out, c, c+" + year")
	}
	return out
}

func (q benchQuery) request() index.Request {
	text := q.text
	if q.kind == "phrase" {
		text = strconv.Quote(q.text)
	}
	return index.Request{Query: text, YearFrom: q.from, YearTo: q.to, Size: 10}
}

func (q benchQuery) baseline() index.BaselineQuery {
	return index.BaselineQuery{Kind: q.kind, Text: q.text, YearFrom: q.from, YearTo: q.to}
}

func (q benchQuery) describe() string {
	s := q.request().Query
	if q.from > 0 {
		s += fmt.Sprintf(" (years %d–%d)", q.from, q.to)
	}
	return s
}

var benchWordRE = regexp.MustCompile(`\p{L}+`)

// benchStop are words too common to make a query of.
var benchStop = map[string]bool{}

func init() {
	for _, w := range strings.Fields("that this with from have were which their there been they them than then would could should about into when what also more other over only some such these those after before where while your will shall upon must said very most made being each under does") {
		benchStop[w] = true
	}
}

// makeQuerySet draws the query set from the corpus, deterministically for a
// seed: for each class, perClass queries, and the same with a year filter
// (±10 years around a year the corpus speaks of).
func makeQuerySet(c *corpus.Corpus, seed int64, perClass int) []benchQuery {
	rng := rand.New(rand.NewSource(seed))
	df := map[string]int{}
	words := make([][]string, len(c.Passages))
	for i, p := range c.Passages {
		seen := map[string]bool{}
		for _, w := range benchWordRE.FindAllString(p.Text, -1) {
			w = strings.ToLower(w)
			words[i] = append(words[i], w)
			if !seen[w] {
				seen[w] = true
				df[w]++
			}
		}
	}
	n := len(c.Passages)
	good := func(w string) bool { return len([]rune(w)) >= 4 && !benchStop[w] && isLatin(w) }
	band := func(lo, hi int) []string {
		var out []string
		for w, d := range df {
			if d >= lo && d <= hi && good(w) {
				out = append(out, w)
			}
		}
		sort.Strings(out)
		return out
	}
	rare := band(2, max(3, n/1000))
	medium := band(max(4, n/200), max(8, n*3/100))
	common := band(max(9, n/20), max(20, n/4))
	var years []int
	for _, p := range c.Passages {
		years = append(years, p.Years...)
	}
	pick := func(ws []string) string {
		if len(ws) == 0 {
			return "film"
		}
		return ws[rng.Intn(len(ws))]
	}
	// randomPassageWords finds a passage with two usable words next to
	// each other (adjacent) or anywhere (not adjacent).
	pair := func(adjacent bool) string {
		for try := 0; try < 1000; try++ {
			ws := words[rng.Intn(n)]
			if len(ws) < 2 {
				continue
			}
			if adjacent {
				i := rng.Intn(len(ws) - 1)
				if good(ws[i]) && good(ws[i+1]) && ws[i] != ws[i+1] {
					return ws[i] + " " + ws[i+1]
				}
				continue
			}
			a, b := ws[rng.Intn(len(ws))], ws[rng.Intn(len(ws))]
			if a != b && good(a) && good(b) && df[a] < n/4 && df[b] < n/4 {
				return a + " " + b
			}
		}
		return "korean film"
	}
	misspell := func() string {
		for try := 0; try < 1000; try++ {
			w := []rune(pick(medium))
			if len(w) < 6 {
				continue
			}
			i := 1 + rng.Intn(len(w)-2)
			r := rune('a' + rng.Intn(26))
			if r == w[i] {
				continue
			}
			w[i] = r
			if _, ok := df[string(w)]; !ok {
				return string(w)
			}
		}
		return "pyongyng"
	}
	prefix := func() string {
		for try := 0; try < 1000; try++ {
			w := []rune(pick(append(medium, common...)))
			if len(w) >= 6 {
				return string(w[:3+rng.Intn(3)])
			}
		}
		return "kor"
	}
	gen := map[string]func() (string, string){
		"rare word":   func() (string, string) { return "match", pick(rare) },
		"medium word": func() (string, string) { return "match", pick(medium) },
		"common word": func() (string, string) { return "match", pick(common) },
		"two words":   func() (string, string) { return "match", pair(false) },
		"phrase":      func() (string, string) { return "phrase", pair(true) },
		"misspelt":    func() (string, string) { return "fuzzy", misspell() },
		"prefix":      func() (string, string) { return "prefix", prefix() },
	}
	var qs []benchQuery
	for _, class := range queryClasses() {
		base, filtered := strings.CutSuffix(class, " + year")
		for i := 0; i < perClass; i++ {
			kind, text := gen[base]()
			q := benchQuery{class: class, kind: kind, text: text}
			if filtered && len(years) > 0 {
				y := years[rng.Intn(len(years))]
				q.from, q.to = max(1900, y-10), min(2035, y+10)
			}
			qs = append(qs, q)
		}
	}
	return qs
}

func isLatin(w string) bool {
	for _, r := range w {
		if r > unicode.MaxLatin1 && !unicode.Is(unicode.Latin, r) {
			return false
		}
	}
	return true
}

// --- HTTP load ---

// httpLoad starts serve on the index as a subprocess, measures the time to
// /readyz 200, then runs conc clients for d.
func (b *bench) httpLoad(ctx context.Context, dir string, qs []benchQuery, conc int, d time.Duration) (httpStats, error) {
	st := httpStats{Concurrency: conc}
	exe, err := os.Executable()
	if err != nil {
		return st, err
	}
	cmd := exec.CommandContext(ctx, exe, "serve", "--addr", "127.0.0.1:0", "--index", dir, "--watch", "0", "--log-format", "json")
	// Under `go test` the executable is the test binary; this makes it act
	// as cinesearch. The real binary ignores it.
	cmd.Env = append(os.Environ(), "CINESEARCH_TEST_MAIN=1", "CINESEARCH_ADMIN_TOKEN=")
	logs, err := cmd.StderrPipe()
	if err != nil {
		return st, err
	}
	start := time.Now()
	if err := cmd.Start(); err != nil {
		return st, err
	}
	defer func() {
		cmd.Process.Signal(os.Interrupt)
		done := make(chan struct{})
		go func() { cmd.Wait(); close(done) }()
		select {
		case <-done:
		case <-time.After(20 * time.Second):
			cmd.Process.Kill()
		}
	}()
	base, err := waitReadyLine(logs, 60*time.Second)
	if err != nil {
		return st, err
	}
	client := &http.Client{Transport: &http.Transport{MaxIdleConnsPerHost: conc, MaxConnsPerHost: conc}, Timeout: 10 * time.Second}
	for {
		resp, err := client.Get(base + "/readyz")
		if err == nil {
			resp.Body.Close()
			if resp.StatusCode == 200 {
				break
			}
		}
		if time.Since(start) > 60*time.Second {
			return st, fmt.Errorf("serve not ready after 60s")
		}
		time.Sleep(time.Millisecond)
	}
	st.ReadyMS = round2(float64(time.Since(start).Microseconds()) / 1000)
	b.logf("serve ready in %.0f ms; %d clients for %s", st.ReadyMS, conc, d)

	urls := make([]string, len(qs))
	for i, q := range qs {
		r := q.request()
		v := url.Values{"q": {r.Query}}
		if q.from > 0 {
			v.Set("year_from", strconv.Itoa(q.from))
			v.Set("year_to", strconv.Itoa(q.to))
		}
		urls[i] = base + "/api/search?" + v.Encode()
	}
	var mu sync.Mutex
	var all []time.Duration
	errs := 0
	var wg sync.WaitGroup
	t0 := time.Now()
	deadline := t0.Add(d)
	for c := 0; c < conc; c++ {
		wg.Add(1)
		go func(c int) {
			defer wg.Done()
			var mine []time.Duration
			bad := 0
			for i := c; time.Now().Before(deadline) && ctx.Err() == nil; i++ {
				s := time.Now()
				resp, err := client.Get(urls[i%len(urls)])
				if err == nil {
					_, err = io.Copy(io.Discard, resp.Body)
					resp.Body.Close()
					if resp.StatusCode != 200 {
						err = fmt.Errorf("status %d", resp.StatusCode)
					}
				}
				mine = append(mine, time.Since(s))
				if err != nil {
					bad++
				}
			}
			mu.Lock()
			all = append(all, mine...)
			errs += bad
			mu.Unlock()
		}(c)
	}
	wg.Wait()
	el := time.Since(t0).Seconds()
	l := summarize(all)
	st.Seconds, st.Requests, st.RPS, st.P50, st.P99, st.Errors = round2(el), len(all), round2(float64(len(all))/el), l.P50, l.P99, errs
	st.ServeRSSBytes, st.ServePeakRSSBytes = procRSS(cmd.Process.Pid)
	b.logf("HTTP: %d requests, %.0f/s, p50 %.2f ms, p99 %.2f ms, %d errors", st.Requests, st.RPS, st.P50, st.P99, st.Errors)
	return st, nil
}

// waitReadyLine reads serve's log until its ready line and returns the URL.
// The rest of the log is drained so that serve never blocks on it.
func waitReadyLine(r io.Reader, timeout time.Duration) (string, error) {
	found := make(chan string, 1)
	go func() {
		sc := bufio.NewScanner(r)
		sc.Buffer(make([]byte, 64<<10), 1<<20)
		sent := false
		for sc.Scan() {
			if m := readyURLRE.FindStringSubmatch(sc.Text()); m != nil && !sent && strings.Contains(sc.Text(), `"message":"ready"`) {
				found <- m[1]
				sent = true
			}
		}
		if !sent {
			close(found)
		}
	}()
	select {
	case u, ok := <-found:
		if !ok {
			return "", fmt.Errorf("serve exited before it was ready")
		}
		return u, nil
	case <-time.After(timeout):
		return "", fmt.Errorf("serve printed no ready line in %s", timeout)
	}
}

var readyURLRE = regexp.MustCompile(`"url":"(http://[^"]+)"`)

// --- process measurements (Linux /proc; zero elsewhere) ---

// resetPeakRSS resets this process's peak RSS (VmHWM).
func resetPeakRSS() { os.WriteFile("/proc/self/clear_refs", []byte("5"), 0) }

func peakRSS() int64 {
	_, peak := procRSS(os.Getpid())
	return peak
}

// procRSS returns a process's resident set size and its peak, in bytes.
func procRSS(pid int) (rss, peak int64) {
	data, err := os.ReadFile(fmt.Sprintf("/proc/%d/status", pid))
	if err != nil {
		return 0, 0
	}
	for _, line := range strings.Split(string(data), "\n") {
		f := strings.Fields(line)
		if len(f) < 2 {
			continue
		}
		kb, _ := strconv.ParseInt(f[1], 10, 64)
		switch f[0] {
		case "VmRSS:":
			rss = kb << 10
		case "VmHWM:":
			peak = kb << 10
		}
	}
	return rss, peak
}

func dirSize(dir string) int64 {
	var n int64
	filepath.Walk(dir, func(_ string, info os.FileInfo, err error) error {
		if err == nil && info.Mode().IsRegular() {
			n += info.Size()
		}
		return nil
	})
	return n
}
