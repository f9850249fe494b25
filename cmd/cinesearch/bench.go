package main

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	iofs "io/fs"
	"os"
	"path/filepath"
	"time"

	"cinesearch/internal/bench"
)

// defaultRelevance is the relevance set in the source tree.
const defaultRelevance = "index/testdata/relevance.json"

// runBench wires cinesearch bench's flags to the bench package.
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
	cpuprofile := fs.String("cpuprofile", "", "write a CPU profile of cinesearch's query phase to this file")
	keep := fs.String("keep", "", "build the indexes in this directory and keep them (default: a temporary directory, removed)")
	relevance := fs.String("relevance", defaultRelevance, "relevance cases (query and answer, for the seeds) to report precision@1 and MRR on; skipped when the default file is absent")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if *copies < 1 || *conc < 1 || *perClass < 1 || *rounds < 1 || *dur <= 0 {
		return exitError{2, fmt.Errorf("--copies, --concurrency, --queries, --rounds and --duration must be positive")}
	}
	exe, err := os.Executable()
	if err != nil {
		return err
	}
	var cases []bench.RelevanceCase
	if *relevance != "" {
		cases, err = bench.ReadRelevanceCases(*relevance)
		if errors.Is(err, iofs.ErrNotExist) && *relevance == defaultRelevance {
			fmt.Fprintf(stderr, "bench: %s not found (run from the source tree to measure relevance)\n", defaultRelevance)
			cases, err = nil, nil
		}
		if err != nil {
			return fmt.Errorf("--relevance: %w", err)
		}
	}
	rep, err := bench.Run(ctx, bench.Config{
		Texts: *texts, Copies: *copies, Concurrency: *conc, Duration: *dur, PerClass: *perClass, Rounds: *rounds,
		Seed: *seed, Dir: *keep, CPUProfile: *cpuprofile, Exe: exe, Log: stderr, Relevance: cases,
		// Built as 'cinesearch index' builds (Go's GC defaults), searched
		// as serve searches.
		AfterBuild: tuneGC,
		// Under `go test` the executable is the test binary; this makes
		// it act as cinesearch. The real binary ignores it.
		Env: []string{"CINESEARCH_TEST_MAIN=1"},
	})
	if err != nil {
		return err
	}
	rep.Markdown(stdout)
	if *out != "" {
		data, _ := json.MarshalIndent(rep, "", "  ")
		if err := os.MkdirAll(filepath.Dir(*out), 0o755); err != nil {
			return err
		}
		if err := os.WriteFile(*out, append(data, '\n'), 0o644); err != nil {
			return err
		}
	}
	if line := rep.RelevanceLine(); line != "" {
		fmt.Fprintln(stdout, line)
	}
	fmt.Fprintln(stdout, rep.RatiosLine())
	return nil
}
