package index

import (
	"strings"
	"testing"

	"github.com/blevesearch/bleve/v2/analysis"
)

func analyzers(t *testing.T) (text, exact analysis.Analyzer) {
	t.Helper()
	m, err := newMapping()
	if err != nil {
		t.Fatal(err)
	}
	return m.AnalyzerNamed(analyzerText), m.AnalyzerNamed(analyzerExact)
}

func terms(a analysis.Analyzer, s string) []string {
	var out []string
	for _, t := range a.Analyze([]byte(s)) {
		out = append(out, string(t.Term))
	}
	return out
}

// TestVariantTable: every spelling of a set analyses to the same term, with
// either analyzer, and spaced and hyphenated given names agree.
func TestVariantTable(t *testing.T) {
	text, exact := analyzers(t)
	for _, set := range variantSets {
		for _, a := range []analysis.Analyzer{text, exact} {
			want := terms(a, set[0])
			for _, v := range set[1:] {
				if got := terms(a, v); len(got) != len(want) || (len(got) > 0 && got[0] != want[0]) {
					t.Errorf("%q analyses to %v, %q to %v", v, got, set[0], want)
				}
			}
		}
	}
	same := [][2]string{
		{"Shin Sang-ok", "Shin Sang Ok"},
		{"Kim Jong-il", "Kim Jong Il"},
		{"Choi Eun-hee", "Choe Un Hui"},
		{"Schönherr", "schonherr"},
		{"P'yŏngyang", "Pyongyang"},
		{"Park Chung Hee", "Pak Chung Hui"},
		{"Chongryun", "Chongryon"},
		{"Kim Kyong-hui", "Gim Gyeong Hui"},
		{"Ri Myong-su", "Lee Myeong Soo"},
		{"Pak Tae-hyok", "Bak Dae Hyeok"},
		{"North Korea’s", "North Korea's"},
	}
	for _, p := range same {
		if a, b := terms(exact, p[0]), terms(exact, p[1]); !equal(a, b) {
			t.Errorf("%q → %v but %q → %v", p[0], a, p[1], b)
		}
	}
}

func TestStemming(t *testing.T) {
	text, exact := analyzers(t)
	if a, b := terms(text, "kidnapping"), terms(text, "kidnapped"); !equal(a, b) {
		t.Errorf("kidnapping → %v, kidnapped → %v", a, b)
	}
	if got := terms(exact, "kidnapping"); !equal(got, []string{"kidnapping"}) {
		t.Errorf("exact analyzer stems: %v", got)
	}
	if got := terms(text, "the film of the year"); !equal(got, []string{"film", "year"}) {
		t.Errorf("stop words kept: %v", got)
	}
}

func TestFoldKeepsOffsets(t *testing.T) {
	_, exact := analyzers(t)
	s := "Johannes Schönherr’s P’yŏngyang"
	for _, tok := range exact.Analyze([]byte(s)) {
		if tok.Start < 0 || tok.End > len(s) || tok.Start >= tok.End {
			t.Fatalf("bad offsets %d..%d", tok.Start, tok.End)
		}
	}
	toks := exact.Analyze([]byte(s))
	// The possessive leaves the term but stays inside the token's span.
	if got := s[toks[1].Start:toks[1].End]; !strings.HasPrefix(got, "Schönherr") {
		t.Errorf("offsets point at %q", got)
	}
}

func equal(a, b []string) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}
