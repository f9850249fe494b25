package bench

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// TestMain lets the test binary act as the baseline process.
func TestMain(m *testing.M) {
	if len(os.Args) > 1 && os.Args[1] == BaselineCommand && os.Getenv("BENCH_TEST_BASELINE") == "1" {
		os.Exit(BaselineMain(context.Background(), os.Args[2:], os.Stdin, os.Stdout, os.Stderr))
	}
	os.Exit(m.Run())
}

// TestBaselineRunsAsPlainBleve starts the baseline process from a parent
// tuned like cinesearch (GOGC=400) and checks that it runs with Go's and
// Bleve's defaults, indexes every passage and answers each query class.
func TestBaselineRunsAsPlainBleve(t *testing.T) {
	t.Setenv("GOGC", "400")
	b := &bench{cfg: Config{Exe: os.Args[0], Env: []string{"BENCH_TEST_BASELINE=1"}}}
	p, err := b.startBaseline(context.Background(), filepath.Join(t.TempDir(), "baseline"))
	if err != nil {
		t.Fatal(err)
	}
	defer p.close()
	c, err := loadCorpus(context.Background(), "", 1)
	if err != nil {
		t.Fatal(err)
	}
	if p.built.Passages != len(c.Passages) || p.built.SizeBytes == 0 {
		t.Errorf("built %+v, want %d passages", p.built, len(c.Passages))
	}
	if p.built.GOGC != 100 || p.built.MaxClauses != 0 {
		t.Errorf("the baseline process runs with GOGC=%d and a clause limit of %d, want Go's and Bleve's defaults (100, 0)", p.built.GOGC, p.built.MaxClauses)
	}
	qs := []baselineQuery{
		{Kind: "match", Text: "Pyongyang"},
		{Kind: "phrase", Text: "flower girl"},
		{Kind: "fuzzy", Text: "Pyongyng"},
		{Kind: "prefix", Text: "Pyong"},
		{Kind: "match", Text: "film", YearFrom: 1980, YearTo: 1990},
		{Kind: "prefix", Text: "xxxxxxxxxx"}, // no hits
	}
	// Twice: the process answers batch after batch.
	for round := 0; round < 2; round++ {
		answers, err := p.searchAll(qs)
		if err != nil || len(answers) != len(qs) {
			t.Fatalf("round %d: %d answers, %v", round, len(answers), err)
		}
		for i, a := range answers {
			if (a.Total == 0) != (i == len(qs)-1) || a.Micros < 0 {
				t.Errorf("%+v: %+v", qs[i], a)
			}
		}
	}
	// Many queries at once cannot fill the pipes.
	many := make([]baselineQuery, 3000)
	for i := range many {
		many[i] = baselineQuery{Kind: "match", Text: strings.Repeat("Pyongyang ", 1+i%5)}
	}
	if answers, err := p.searchAll(many); err != nil || len(answers) != len(many) {
		t.Errorf("3,000 queries: %d answers, %v", len(answers), err)
	}
}

func TestQuerySetIsDeterministic(t *testing.T) {
	c, err := loadCorpus(context.Background(), "", 1)
	if err != nil {
		t.Fatal(err)
	}
	a, b := makeQuerySet(c, 1, 3), makeQuerySet(c, 1, 3)
	if len(a) != len(queryClasses())*3 {
		t.Fatalf("%d queries, want %d", len(a), len(queryClasses())*3)
	}
	for i := range a {
		if a[i] != b[i] {
			t.Fatalf("query %d: %+v then %+v", i, a[i], b[i])
		}
	}
}

// TestStatCPU reads the CPU times of /proc/<pid>/stat lines, whose command
// name may hold spaces and parentheses.
func TestStatCPU(t *testing.T) {
	for _, tc := range []struct {
		line string
		want time.Duration
	}{
		{"1234 (cinesearch) S 1 1234 1234 0 -1 4194560 500 0 0 0 250 75 0 0 20 0 9 0 100 0 0", 3250 * time.Millisecond},
		{"99 (a (b) c) R 1 2 3 0 -1 0 0 0 0 0 1 2 0 0 20 0", 30 * time.Millisecond},
		{"99 (short) R 1 2", 0},
		{"no parenthesis at all", 0},
	} {
		if got := statCPU(tc.line); got != tc.want {
			t.Errorf("statCPU(%q) = %v, want %v", tc.line, got, tc.want)
		}
	}
	if ProcCPU(os.Getpid()) <= 0 {
		t.Error("this process has used no CPU, by /proc")
	}
}
