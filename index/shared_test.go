package index

import (
	"fmt"
	"strings"
	"testing"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/analysis"
	"github.com/blevesearch/bleve/v2/analysis/analyzer/custom"
	"github.com/blevesearch/bleve/v2/analysis/lang/en"
	"github.com/blevesearch/bleve/v2/analysis/token/lowercase"
	"github.com/blevesearch/bleve/v2/analysis/tokenizer/unicode"
	"github.com/blevesearch/bleve/v2/mapping"
)

// TestSharedAnalysisIsTheChain: the two analyzers give, for texts short and
// long, analysed in either order and again, exactly the tokens of Bleve's
// own custom analyzer with the same chain (the sharing only saves work).
func TestSharedAnalysisIsTheChain(t *testing.T) {
	m, err := newMapping()
	if err != nil {
		t.Fatal(err)
	}
	ref := bleve.NewIndexMapping()
	for name, stem := range map[string]bool{"ref_text": true, "ref_exact": false} {
		filters := []string{en.PossessiveName, lowercase.Name, foldFilterName, romanFilterName, en.StopName}
		if stem {
			filters = append(filters, en.SnowballStemmerName)
		}
		if err := ref.AddCustomAnalyzer(name, map[string]any{"type": custom.Name, "tokenizer": unicode.Name, "token_filters": filters}); err != nil {
			t.Fatal(err)
		}
	}
	show := func(ts analysis.TokenStream) string {
		var b strings.Builder
		for _, tk := range ts {
			fmt.Fprintf(&b, "%s@%d[%d:%d] ", tk.Term, tk.Position, tk.Start, tk.End)
		}
		return b.String()
	}
	texts := []string{
		"Pulgasari",
		"Shin Sang-ok's Pulgasari (1985) was filmed at the Korean Film Studio in P'yŏngyang, and Kim Jong-il's crew worked with Toho's special-effects team from Tokyo.",
		strings.Repeat("The Mother’s Wish was screened in Pyongyang and in Schönherr's cinema; ", 5),
	}
	for _, text := range texts {
		want := map[string]string{
			analyzerText:  show(ref.AnalyzerNamed("ref_text").Analyze([]byte(text))),
			analyzerExact: show(ref.AnalyzerNamed("ref_exact").Analyze([]byte(text))),
		}
		for _, order := range [][]string{{analyzerText, analyzerExact}, {analyzerExact, analyzerText}, {analyzerText, analyzerText, analyzerExact, analyzerExact}} {
			for _, name := range order {
				// Each field gets its own copy of the text, as Bleve gives it.
				if got := show(m.AnalyzerNamed(name).Analyze([]byte(text))); got != want[name] {
					t.Errorf("%s after %v on %.30q:\n got %s\nwant %s", name, order, text, got, want[name])
				}
			}
		}
	}
	if n := len(sharedTokens.entries); n > sharedKeep {
		t.Errorf("%d texts shelved, at most %d may be", n, sharedKeep)
	}
	// The second analyzer takes what the first left: nothing stays.
	sharedTokens.entries = nil
	long := []byte(texts[1])
	m.AnalyzerNamed(analyzerExact).Analyze(append([]byte(nil), long...))
	left := len(sharedTokens.entries)
	m.AnalyzerNamed(analyzerText).Analyze(append([]byte(nil), long...))
	if left != 1 || len(sharedTokens.entries) != 0 {
		t.Errorf("a text analysed by both analyzers left %d, then %d tokens on the shelf; want 1, then 0", left, len(sharedTokens.entries))
	}
}

// TestIndexedExactKeepsPositionsOnly: fExact is indexed with the terms and
// positions of cs_exact (phrases need them) and without byte offsets,
// which nothing reads.
func TestIndexedExactKeepsPositionsOnly(t *testing.T) {
	m, err := newMapping()
	if err != nil {
		t.Fatal(err)
	}
	text := []byte("Shin Sang-ok's Pulgasari (1985) was filmed at the Korean Film Studio in P'yŏngyang, with Toho's special-effects team from Tokyo.")
	exact := m.AnalyzerNamed(analyzerExact).Analyze(append([]byte(nil), text...))
	indexed := m.AnalyzerNamed(analyzerExactIndex).Analyze(append([]byte(nil), text...))
	if len(exact) != len(indexed) || len(exact) == 0 {
		t.Fatalf("%d tokens indexed, %d analysed", len(indexed), len(exact))
	}
	for i := range exact {
		e, x := exact[i], indexed[i]
		if string(e.Term) != string(x.Term) || e.Position != x.Position || x.Start != 0 || x.End != 0 {
			t.Errorf("token %d: indexed %s@%d[%d:%d], want %s@%d[0:0]", i, x.Term, x.Position, x.Start, x.End, e.Term, e.Position)
		}
	}
	if fm := m.(*mapping.IndexMappingImpl).DefaultMapping.Properties[fExact].Fields[0]; fm.Analyzer != analyzerExactIndex {
		t.Errorf("fExact is indexed with %s", fm.Analyzer)
	}
}
