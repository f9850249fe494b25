package bench

// The baseline: the same passages in the Bleve index a newcomer would
// write — the default mapping with "en" as the default analyzer (so a
// catch-all _all field, every field stored, term vectors everywhere), one
// text field and a numeric year, BM25, batches of 1,000 — searched with
// the closest plain-Bleve equivalent of each query class, with the default
// HTML highlighter and a year facet.
//
// It runs in a process of its own, started by Run as `cinesearch
// bench-baseline` before the binary sets anything process-wide: Go's GC
// runs at its defaults, and Bleve's clause limit and analysis registry are
// as Bleve ships them (cinesearch sets those only when it opens or builds
// an index of its own, which this process never does). The process reads
// and repeats the texts itself, builds the index, prints one JSON line
// with the build's figures, then answers one JSON line per query line on
// its standard input, with the search's own time, until the input ends.

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"os"
	"os/exec"
	"runtime/debug"
	"strings"
	"time"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/analysis/lang/en"
	"github.com/blevesearch/bleve/v2/search/query"
	"github.com/blevesearch/bleve/v2/search/searcher"

	"cinesearch/corpus"
)

// BaselineCommand is the hidden subcommand that runs the baseline process.
const BaselineCommand = "bench-baseline"

// built is the baseline process's first line: what its build measured.
type built struct {
	Passages     int     `json:"passages"`
	Seconds      float64 `json:"seconds"`
	SizeBytes    int64   `json:"size_bytes"`
	PeakRSSBytes int64   `json:"peak_rss_bytes"`
	// GOGC and MaxClauses are the process's GC percent and Bleve's
	// disjunction clause limit (0: none), to show they are the defaults.
	GOGC       int `json:"gogc"`
	MaxClauses int `json:"bleve_max_clauses"`
}

// answer is the baseline process's line for one query.
type answer struct {
	Total  uint64 `json:"total"`
	Micros int64  `json:"micros"`
	Error  string `json:"error,omitempty"`
}

// BaselineMain is the baseline process: args are its flags (--texts,
// --copies, --dir). It returns the exit status.
func BaselineMain(ctx context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet(BaselineCommand, flag.ContinueOnError)
	fs.SetOutput(stderr)
	texts := fs.String("texts", "", "directory of texts (default: the embedded corpus)")
	copies := fs.Int("copies", 1, "repeat the texts this many times")
	dir := fs.String("dir", "", "directory for the baseline index (must not exist)")
	if err := fs.Parse(args); err != nil || *dir == "" {
		fmt.Fprintln(stderr, "usage: cinesearch "+BaselineCommand+" --dir DIR [--texts DIR] [--copies N]  (run by cinesearch bench)")
		return 2
	}
	fail := func(err error) int {
		fmt.Fprintln(stderr, "bench baseline:", err)
		return 1
	}
	c, err := loadCorpus(ctx, *texts, *copies)
	if err != nil {
		return fail(err)
	}
	start := time.Now()
	b, err := buildBaseline(ctx, c.Passages, *dir)
	if err != nil {
		return fail(err)
	}
	defer b.close()
	took := time.Since(start)
	_, peak := ProcRSS(os.Getpid())
	gogc := debug.SetGCPercent(100)
	debug.SetGCPercent(gogc)
	out := json.NewEncoder(stdout)
	if err := out.Encode(built{Passages: len(c.Passages), Seconds: took.Seconds(), SizeBytes: dirSize(*dir), PeakRSSBytes: peak,
		GOGC: gogc, MaxClauses: searcher.DisjunctionMaxClauseCount}); err != nil {
		return fail(err)
	}
	in := bufio.NewScanner(stdin)
	in.Buffer(make([]byte, 64<<10), 1<<20)
	for in.Scan() {
		var q baselineQuery
		var a answer
		if err := json.Unmarshal(in.Bytes(), &q); err != nil {
			a.Error = err.Error()
		} else {
			t0 := time.Now()
			a.Total, err = b.search(ctx, q)
			a.Micros = time.Since(t0).Microseconds()
			if err != nil {
				a.Error = err.Error()
			}
		}
		if err := out.Encode(a); err != nil {
			return fail(err)
		}
	}
	return 0
}

// baselineProc is the parent's end of a baseline process.
type baselineProc struct {
	cmd    *exec.Cmd
	in     io.WriteCloser
	out    *json.Decoder
	stderr bytes.Buffer
	built  built
}

// startBaseline starts the baseline process on the run's texts, building
// into dir, and waits for its build to finish.
func (b *bench) startBaseline(ctx context.Context, dir string) (*baselineProc, error) {
	p := &baselineProc{}
	p.cmd = exec.CommandContext(ctx, b.cfg.Exe, BaselineCommand, "--texts", b.cfg.Texts, "--copies", fmt.Sprint(max(b.cfg.Copies, 1)), "--dir", dir)
	// Go's defaults, whatever the parent was started with.
	p.cmd.Env = append(append(os.Environ(), b.cfg.Env...), "GOGC=", "GOMEMLIMIT=")
	p.cmd.Stderr = &p.stderr
	var err error
	if p.in, err = p.cmd.StdinPipe(); err != nil {
		return nil, err
	}
	stdout, err := p.cmd.StdoutPipe()
	if err != nil {
		return nil, err
	}
	if err := p.cmd.Start(); err != nil {
		return nil, err
	}
	p.out = json.NewDecoder(stdout)
	if err := p.out.Decode(&p.built); err != nil {
		p.close()
		return nil, fmt.Errorf("the baseline process ended before its index was built: %v: %s", err, strings.TrimSpace(p.stderr.String()))
	}
	return p, nil
}

// searchAll runs queries in the baseline process, one after another, and
// returns their answers in order, each with the time its search took
// there. Queries are written while answers are read, so that neither pipe
// can fill up.
func (p *baselineProc) searchAll(qs []baselineQuery) ([]answer, error) {
	written := make(chan error, 1)
	go func() {
		w := bufio.NewWriter(p.in)
		enc := json.NewEncoder(w)
		for _, q := range qs {
			if err := enc.Encode(q); err != nil {
				written <- err
				return
			}
		}
		written <- w.Flush()
	}()
	out := make([]answer, len(qs))
	for i := range out {
		if err := p.out.Decode(&out[i]); err != nil {
			return nil, fmt.Errorf("baseline process: %w: %s", err, strings.TrimSpace(p.stderr.String()))
		}
		if out[i].Error != "" {
			return nil, fmt.Errorf("baseline query %q: %s", qs[i].Text, out[i].Error)
		}
	}
	if err := <-written; err != nil {
		return nil, fmt.Errorf("baseline process: %w", err)
	}
	return out, nil
}

// close ends the baseline process (its input ends) and waits for it.
func (p *baselineProc) close() error {
	p.in.Close()
	return p.cmd.Wait()
}

// baseline is a plain Bleve index of passages.
type baseline struct {
	bi bleve.Index
}

// baselineQuery is one query in plain-Bleve terms, as sent to the
// baseline process.
type baselineQuery struct {
	// Kind is "match" (all words), "phrase", "fuzzy" (one edit) or
	// "prefix".
	Kind string `json:"kind"`
	Text string `json:"text"`
	// YearFrom and YearTo filter on the numeric year (0 = open).
	YearFrom int `json:"year_from,omitempty"`
	YearTo   int `json:"year_to,omitempty"`
}

// buildBaseline indexes passages into a new plain Bleve index at dir.
func buildBaseline(ctx context.Context, passages []corpus.Passage, dir string) (*baseline, error) {
	m := bleve.NewIndexMapping()
	m.DefaultAnalyzer = en.AnalyzerName
	m.ScoringModel = "bm25"
	bi, err := bleve.New(dir, m)
	if err != nil {
		return nil, err
	}
	b := bi.NewBatch()
	for i, p := range passages {
		if err := ctx.Err(); err != nil {
			bi.Close()
			return nil, err
		}
		years := make([]float64, len(p.Years))
		for j, y := range p.Years {
			years[j] = float64(y)
		}
		if err := b.Index(p.ID, map[string]any{"text": p.Text, "year": years}); err != nil {
			bi.Close()
			return nil, err
		}
		if b.Size() >= 1000 || i == len(passages)-1 {
			if err := bi.Batch(b); err != nil {
				bi.Close()
				return nil, err
			}
			b.Reset()
		}
	}
	return &baseline{bi: bi}, nil
}

// close closes the index.
func (b *baseline) close() error { return b.bi.Close() }

// decadeRanges are the year facet's buckets: numeric fields need ranges.
func decadeRanges(f *bleve.FacetRequest) {
	for d := 1700; d < 2100; d += 10 {
		lo, hi := float64(d), float64(d+10)
		f.AddNumericRange(fmt.Sprintf("%ds", d), &lo, &hi)
	}
}

// Search runs q as a newcomer would: top 10, highlighted, with a year
// facet. It returns the total hits.
func (b *baseline) search(ctx context.Context, q baselineQuery) (uint64, error) {
	var bq query.Query
	switch q.Kind {
	case "phrase":
		mq := bleve.NewMatchPhraseQuery(q.Text)
		mq.SetField("text")
		bq = mq
	case "fuzzy":
		mq := bleve.NewMatchQuery(q.Text)
		mq.SetField("text")
		mq.SetFuzziness(1)
		mq.SetOperator(query.MatchQueryOperatorAnd)
		bq = mq
	case "prefix":
		pq := bleve.NewPrefixQuery(strings.ToLower(q.Text))
		pq.SetField("text")
		bq = pq
	default:
		mq := bleve.NewMatchQuery(q.Text)
		mq.SetField("text")
		mq.SetOperator(query.MatchQueryOperatorAnd)
		bq = mq
	}
	if q.YearFrom > 0 || q.YearTo > 0 {
		var lo, hi *float64
		if q.YearFrom > 0 {
			v := float64(q.YearFrom)
			lo = &v
		}
		if q.YearTo > 0 {
			v := float64(q.YearTo) + 1
			hi = &v
		}
		rq := bleve.NewNumericRangeQuery(lo, hi)
		rq.SetField("year")
		bq = bleve.NewConjunctionQuery(bq, rq)
	}
	req := bleve.NewSearchRequestOptions(bq, 10, 0, false)
	req.Highlight = bleve.NewHighlightWithStyle("html")
	req.Highlight.AddField("text")
	req.Fields = []string{"text"}
	f := bleve.NewFacetRequest("year", 40)
	decadeRanges(f)
	req.AddFacet("years", f)
	res, err := b.bi.SearchInContext(ctx, req)
	if err != nil {
		return 0, err
	}
	return res.Total, nil
}
