package index

// Text analysis: the token filters cinesearch adds to Bleve's English
// analysis, and the two analyzers built from them.
//
// Folding happens at the token level, never in a char filter: a char filter
// that changes the text's length shifts every offset after it, and offsets
// must stay valid for the displayed text (BLEVE-NOTES: highlighting).
//
//	cs_en     unicode → possessive → lower → fold → romanization → stop → snowball stem
//	cs_exact  unicode → possessive → lower → fold → romanization → stop
//	          (cs_exact_index, which indexes fExact, the same without offsets)
//
// (a passage's text is run through the common chain once for both:
// shared.go; "unicode" is Bleve's tokenizer with a fast path for ASCII that
// gives the same tokens: tokenizer.go)
//
// fold removes diacritics ("Schönherr" = "schonherr", "P'yŏngyang" =
// "pyongyang": apostrophes inside a word go too) and maps letters that have
// no decomposition (ø, æ, ß, ł, đ). romanization maps each spelling in the
// variant table (variants.go) to one canonical spelling, at index and at
// query time, so that "Pak", "Park" and "Bak" are one term.

import (
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"github.com/blevesearch/bleve/v2/analysis"
	"github.com/blevesearch/bleve/v2/registry"
	"golang.org/x/text/unicode/norm"
)

const (
	foldFilterName  = "cs_fold"
	romanFilterName = "cs_romanization"
	analyzerText    = "cs_en"
	analyzerExact   = "cs_exact"
	// analyzerExactIndex is cs_exact without byte offsets, for the
	// indexed field (shared.go: positionsOnly).
	analyzerExactIndex = "cs_exact_index"
	// analyzerKeyword is Bleve's keyword analyzer (the whole value, one
	// term) except that an empty value has no term, so that a passage can
	// carry every keyword field, empty, without indexing "" (see
	// document in build.go).
	analyzerKeyword      = "cs_keyword"
	keywordTokenizerName = "cs_keyword"
)

// registerAnalysis adds cinesearch's token filters to Bleve's registry,
// where a mapping finds them by name. Bleve has only a process-wide
// registry, so they are registered once, when the first mapping is made or
// index opened, not by importing this package: a process that never opens
// a cinesearch index (the bench baseline) keeps Bleve as it ships.
var registerAnalysis = sync.OnceFunc(func() {
	// Registration fails only on duplicate names, which would be a bug.
	must(registry.RegisterTokenFilter(foldFilterName, func(map[string]any, *registry.Cache) (analysis.TokenFilter, error) {
		return foldFilter{}, nil
	}))
	must(registry.RegisterTokenFilter(romanFilterName, func(map[string]any, *registry.Cache) (analysis.TokenFilter, error) {
		return romanFilter{}, nil
	}))
	must(registry.RegisterTokenizer(asciiTokenizerName, newASCIITokenizer))
	must(registry.RegisterTokenizer(keywordTokenizerName, func(map[string]any, *registry.Cache) (analysis.Tokenizer, error) {
		return keywordTokenizer{}, nil
	}))
	must(registry.RegisterAnalyzer(sharedAnalyzerType, newSharedAnalyzer))
})

func must(err error) {
	if err != nil {
		panic(err)
	}
}

// keywordTokenizer makes the whole input one token, as Bleve's "single"
// tokenizer does, and an empty input no token.
type keywordTokenizer struct{}

func (keywordTokenizer) Tokenize(input []byte) analysis.TokenStream {
	if len(input) == 0 {
		return nil
	}
	return analysis.TokenStream{{Term: input, Position: 1, Start: 0, End: len(input), Type: analysis.AlphaNumeric}}
}

// foldFilter folds diacritics and inner apostrophes.
type foldFilter struct{}

func (foldFilter) Filter(in analysis.TokenStream) analysis.TokenStream {
	for _, tok := range in {
		tok.Term = foldTerm(tok.Term)
	}
	return in
}

var letterFolds = map[rune]string{
	'ø': "o", 'Ø': "o", 'æ': "ae", 'Æ': "ae", 'œ': "oe", 'Œ': "oe", 'ß': "ss", 'ł': "l", 'Ł': "l",
	'đ': "d", 'Đ': "d", 'ð': "d", 'þ': "th", 'ı': "i",
	'\'': "", '’': "", '‘': "", 'ʼ': "", 'ʻ': "", '`': "", '´': "",
}

// foldTerm returns the term without diacritics and apostrophes. ASCII
// terms without apostrophes (the common case) are returned as they are.
func foldTerm(term []byte) []byte {
	ascii := true
	for _, c := range term {
		if c >= utf8.RuneSelf || c == '\'' || c == '`' {
			ascii = false
			break
		}
	}
	if ascii {
		return term
	}
	var b strings.Builder
	for _, r := range norm.NFD.String(string(term)) {
		if unicode.Is(unicode.Mn, r) {
			continue
		}
		if s, ok := letterFolds[r]; ok {
			b.WriteString(s)
			continue
		}
		b.WriteRune(r)
	}
	if b.Len() == 0 {
		return term // a lone apostrophe stays what it was rather than vanish
	}
	return []byte(b.String())
}

// romanFilter maps romanization variants to their canonical spelling.
type romanFilter struct{}

func (romanFilter) Filter(in analysis.TokenStream) analysis.TokenStream {
	for _, tok := range in {
		if c, ok := variantCanon[string(tok.Term)]; ok {
			tok.Term = []byte(c)
		}
	}
	return in
}
