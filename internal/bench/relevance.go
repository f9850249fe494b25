package bench

// Relevance: the queries of index/testdata/relevance.json (written for the
// embedded seeds), each with the passage that answers it, run on a seeds
// index built for the purpose: precision at 1 and mean reciprocal rank,
// reported beside the timings so that a change that buys speed with
// quality shows.

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"cinesearch/corpus"
	"cinesearch/index"
)

// RelevanceCase is one query and the passage that answers it.
type RelevanceCase struct {
	Query string `json:"query"`
	// Expect is text of the answering passage (or of its section).
	Expect string `json:"expect"`
	// Top is the rank it must reach at worst (the tests hold it to it).
	Top int    `json:"top"`
	Why string `json:"why"`
}

// RelevanceReport sums up a relevance run.
type RelevanceReport struct {
	Queries int `json:"queries"`
	// P1 is the share of queries whose answer ranks first; MRR the mean of
	// 1/rank (0 when not in the top 10); WithinTop the share that reach
	// their case's Top.
	P1        float64  `json:"precision_at_1"`
	MRR       float64  `json:"mrr"`
	WithinTop float64  `json:"within_top"`
	Missed    []string `json:"missed,omitempty"`
}

// ReadRelevanceCases reads a relevance file.
func ReadRelevanceCases(path string) ([]RelevanceCase, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	var cases []RelevanceCase
	if err := json.Unmarshal(data, &cases); err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	return cases, nil
}

// Rank is the 1-based rank of the first hit containing expect (in its
// text or section), or 0.
func Rank(hits []index.Hit, expect string) int {
	for i, h := range hits {
		if strings.Contains(h.Text, expect) || strings.Contains(h.Section, expect) {
			return i + 1
		}
	}
	return 0
}

// Relevance builds a seeds index in dir and runs the cases with an
// expected passage on it (the others say what must not be answered; the
// tests check those).
func Relevance(ctx context.Context, cases []RelevanceCase, dir string) (RelevanceReport, error) {
	var rep RelevanceReport
	c, err := corpus.Load(ctx, corpus.Default(), nil)
	if err != nil {
		return rep, err
	}
	root := filepath.Join(dir, "relevance")
	if _, err := index.Build(ctx, c, root, index.BuildOptions{Force: true, Source: "bench"}); err != nil {
		return rep, err
	}
	ix, err := index.Open(root)
	if err != nil {
		return rep, err
	}
	defer ix.Close()
	var p1, rr, within float64
	n := 0
	for _, tc := range cases {
		if tc.Expect == "" {
			continue // a case about what must not be answered
		}
		n++
		res, err := ix.Search(ctx, index.Request{Query: tc.Query, Size: 10})
		if err != nil {
			return rep, fmt.Errorf("relevance query %q: %w", tc.Query, err)
		}
		r := Rank(res.Hits, tc.Expect)
		switch {
		case r == 1:
			p1++
		case r == 0 || (tc.Top > 0 && r > tc.Top):
			rep.Missed = append(rep.Missed, fmt.Sprintf("%s (rank %d)", tc.Query, r))
		}
		if r > 0 {
			rr += 1 / float64(r)
		}
		if r > 0 && (tc.Top == 0 || r <= tc.Top) {
			within++
		}
	}
	if n > 0 {
		rep.Queries = n
		rep.P1, rep.MRR, rep.WithinTop = round2(p1/float64(n)), round2(rr/float64(n)), round2(within/float64(n))
	}
	return rep, nil
}
