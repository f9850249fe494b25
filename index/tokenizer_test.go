package index

import (
	"fmt"
	"strings"
	"testing"

	"github.com/blevesearch/bleve/v2/analysis"
	bleveunicode "github.com/blevesearch/bleve/v2/analysis/tokenizer/unicode"
)

var (
	fastTokenizer, _ = newASCIITokenizer(nil, nil)
	bleveTokenizer   = bleveunicode.NewUnicodeTokenizer()
)

// sameTokens reports how asciiTokenizer's tokens of input differ from
// Bleve's unicode tokenizer's ("" when they are the same).
func sameTokens(input []byte) string {
	got, want := fastTokenizer.Tokenize(input), bleveTokenizer.Tokenize(input)
	show := func(ts analysis.TokenStream) string {
		var b strings.Builder
		for _, t := range ts {
			fmt.Fprintf(&b, "%q@%d-%d#%d/%d ", t.Term, t.Start, t.End, t.Position, t.Type)
		}
		return b.String()
	}
	if g, w := show(got), show(want); g != w {
		return fmt.Sprintf("tokens of %q:\n got  %s\n want %s", input, g, w)
	}
	return ""
}

// TestASCIITokenizerMatchesUnicode: every string of up to five characters
// from the boundary rules' classes (and a few beside them: a letter with a
// diacritic, a soft hyphen, which joins, a curly apostrophe, a combining
// accent, which attaches to what precedes it, even a space) is tokenized as
// Bleve's unicode tokenizer does it.
func TestASCIITokenizerMatchesUnicode(t *testing.T) {
	alphabet := []string{"a", "Z", "7", "_", ":", ",", ";", ".", "'", " ", "-", "\n", "é", "\u00ad", "’", "\u0301"}
	var walk func(prefix string, n int)
	failures := 0
	walk = func(prefix string, n int) {
		if failures > 5 {
			return
		}
		if d := sameTokens([]byte(prefix)); d != "" {
			t.Error(d)
			failures++
		}
		if n == 0 {
			return
		}
		for _, c := range alphabet {
			walk(prefix+c, n-1)
		}
	}
	walk("", 5)
	for _, s := range []string{
		"e.g. 1,000.5 U.S.A. don't rock'n'roll 3:10 to_Yuma __init__ 1_000 a1.2 1a.b a_1.2 x.1",
		"Kim Jong-il's 1978 film — “Pulgasari” (1985), P’yŏngyang; 12.5% of 2,000\r\n\tand\vso\fon",
		"ends in a mark:", "'", "", "\xff bad byte", "ok \xc3 split", "tail\xe2\x80",
	} {
		if d := sameTokens([]byte(s)); d != "" {
			t.Error(d)
		}
	}
}

// TestAnalyzersMatchWithUnicodeTokenizer: the seeds' passages analysed
// by both of cinesearch's analyzers give the tokens they give with Bleve's
// own tokenizer, filters and stemming included.
func TestAnalyzersMatchWithUnicodeTokenizer(t *testing.T) {
	registerAnalysis()
	m, err := newMapping()
	if err != nil {
		t.Fatal(err)
	}
	for _, name := range []string{analyzerText, analyzerExactIndex} {
		fast := m.AnalyzerNamed(name).(*sharedAnalyzer)
		slow := *fast
		slow.tokenizer = bleveTokenizer
		for _, p := range seedCorpus.Passages {
			in := []byte(p.SearchText())
			// A text long enough to be shared is shelved by the first
			// analysis for the second: each analyzer runs twice, so
			// that its first run is its own.
			a := fast.Analyze(in)
			fast.Analyze(in)
			b := slow.Analyze(in)
			slow.Analyze(in)
			if len(a) != len(b) {
				t.Fatalf("%s %s: %d tokens, want %d", name, p.ID, len(a), len(b))
			}
			for i := range a {
				if string(a[i].Term) != string(b[i].Term) || a[i].Start != b[i].Start || a[i].End != b[i].End || a[i].Position != b[i].Position {
					t.Fatalf("%s %s token %d: %q@%d-%d#%d, want %q@%d-%d#%d", name, p.ID, i,
						a[i].Term, a[i].Start, a[i].End, a[i].Position, b[i].Term, b[i].Start, b[i].End, b[i].Position)
				}
			}
		}
	}
}

// FuzzASCIITokenizer: any input, valid UTF-8 or not, is tokenized as
// Bleve's unicode tokenizer does it.
func FuzzASCIITokenizer(f *testing.F) {
	for _, p := range seedCorpus.Passages[:min(40, len(seedCorpus.Passages))] {
		f.Add([]byte(p.Text))
	}
	f.Add([]byte("a.b 1,2 x_y don't 3:10 \xff"))
	f.Fuzz(func(t *testing.T, input []byte) {
		if d := sameTokens(input); d != "" {
			t.Fatal(d)
		}
	})
}

// BenchmarkTokenize: a seed passage, both tokenizers.
func BenchmarkTokenize(b *testing.B) {
	var text []byte
	for _, p := range seedCorpus.Passages {
		if len(p.Text) > len(text) {
			text = []byte(p.Text)
		}
	}
	// The same without its characters beyond ASCII (curly quotes,
	// dashes, McCune–Reischauer breves), as most of sotu is.
	ascii := []byte(strings.Map(func(r rune) rune {
		if r >= 0x80 {
			return -1
		}
		return r
	}, string(text)))
	for _, tc := range []struct {
		name string
		tok  analysis.Tokenizer
		text []byte
	}{{"seed/ascii", fastTokenizer, text}, {"seed/bleve", bleveTokenizer, text}, {"ascii/ascii", fastTokenizer, ascii}, {"ascii/bleve", bleveTokenizer, ascii}} {
		b.Run(tc.name, func(b *testing.B) {
			b.SetBytes(int64(len(tc.text)))
			b.ReportAllocs()
			for b.Loop() {
				tc.tok.Tokenize(tc.text)
			}
		})
	}
}
