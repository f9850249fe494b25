package index

// The tokenizer: Bleve's unicode tokenizer, with a fast path for ASCII.
//
// Bleve's unicode tokenizer splits text at Unicode word boundaries (UAX
// #29) with a generated state machine over UTF-8, and was a ninth of a
// build's CPU (sotu: 0.51 of 4.75 s). Nearly all of an English archive's
// words are ASCII, and for ASCII the boundary rules are a few lines:
// letters, digits and '_' join (WB5, 8–10, 13a–b); a letter, then ':', '.'
// or an apostrophe, then a letter (WB6–7); a digit, then ',', ';', '.' or
// an apostrophe, then a digit (WB11–12). asciiTokenizer applies them to
// every run of ASCII between whitespace, and hands a run with any other
// character to Bleve's tokenizer: no rule joins across whitespace, so the
// runs can be split there. Its tokens — terms, offsets, positions and
// types — are Bleve's (TestASCIITokenizerMatchesUnicode compares every
// string of up to five characters from the rules' classes and a few
// others; FuzzASCIITokenizer compares arbitrary input), so an index built
// with either is the same.

import (
	"unicode/utf8"

	"github.com/blevesearch/bleve/v2/analysis"
	bleveunicode "github.com/blevesearch/bleve/v2/analysis/tokenizer/unicode"
	"github.com/blevesearch/bleve/v2/registry"
)

const asciiTokenizerName = "cs_unicode"

// asciiTokenizer is Bleve's unicode tokenizer, faster on ASCII.
type asciiTokenizer struct {
	unicode *bleveunicode.UnicodeTokenizer
}

func newASCIITokenizer(map[string]any, *registry.Cache) (analysis.Tokenizer, error) {
	return asciiTokenizer{unicode: bleveunicode.NewUnicodeTokenizer()}, nil
}

// Byte classes of the ASCII word-boundary rules.
const (
	clOther      = iota
	clSpace      // never in a token, never joins: runs are split here
	clLetter     // A–Z a–z
	clDigit      // 0–9
	clUnderscore // ExtendNumLet
	clMidLetter  // ':' joins letters only
	clMidNum     // ',' ';' join digits only
	clMidNumLet  // '.' and the apostrophe join letters or digits
	clNonASCII   // a byte of a multi-byte character
)

var byteClass = func() (c [256]uint8) {
	for b := 0x80; b < 0x100; b++ {
		c[b] = clNonASCII
	}
	for _, b := range " \t\n\r\v\f" {
		c[b] = clSpace
	}
	for b := 'a'; b <= 'z'; b++ {
		c[b], c[b-'a'+'A'] = clLetter, clLetter
	}
	for b := '0'; b <= '9'; b++ {
		c[b] = clDigit
	}
	c['_'] = clUnderscore
	c[':'] = clMidLetter
	c[','], c[';'] = clMidNum, clMidNum
	c['.'], c['\''] = clMidNumLet, clMidNumLet
	return c
}()

func (t asciiTokenizer) Tokenize(input []byte) analysis.TokenStream {
	tb := tokenBuilder{n: len(input), ts: make(analysis.TokenStream, 0, len(input)/6+1)}
	n := len(input)
	for i := 0; i < n; {
		if byteClass[input[i]] == clSpace {
			i++
			continue
		}
		// A run: up to the next whitespace.
		end, ascii := i, true
		for end < n && byteClass[input[end]] != clSpace {
			if input[end] >= utf8.RuneSelf {
				ascii = false
			}
			end++
		}
		if !ascii {
			if !t.unicodeRun(input, i, end, &tb) {
				return t.unicode.Tokenize(input)
			}
			i = end
			continue
		}
		for i < end {
			c := byteClass[input[i]]
			if c != clLetter && c != clDigit && c != clUnderscore {
				i++
				continue
			}
			start := i
			letters, digits := false, false
			for i < end {
				c = byteClass[input[i]]
				switch c {
				case clLetter:
					letters = true
					i++
					continue
				case clDigit:
					digits = true
					i++
					continue
				case clUnderscore:
					i++
					continue
				}
				// A middle character joins when the same kind follows as
				// precedes it.
				if i+1 < end {
					prev, next := byteClass[input[i-1]], byteClass[input[i+1]]
					if prev == clLetter && next == clLetter && (c == clMidLetter || c == clMidNumLet) ||
						prev == clDigit && next == clDigit && (c == clMidNum || c == clMidNumLet) {
						i += 2
						continue
					}
				}
				break
			}
			typ := analysis.AlphaNumeric
			if digits && !letters {
				typ = analysis.Numeric
			}
			tb.emit(input[start:i:i], start, typ)
		}
	}
	return tb.ts
}

// unicodeRun tokenizes input[start:end], a run with characters beyond
// ASCII, with Bleve's tokenizer; false if the run is not valid UTF-8, for
// which Bleve's tokenizer stops at the bad byte (the whole text is then
// left to it).
func (t asciiTokenizer) unicodeRun(input []byte, start, end int, tb *tokenBuilder) bool {
	run := input[start:end:end]
	if !utf8.Valid(run) {
		return false
	}
	for _, tok := range t.unicode.Tokenize(run) {
		tb.emit(tok.Term, start+tok.Start, tok.Type)
	}
	return true
}

// tokenBuilder allocates a text's tokens in slabs, a slab for about the
// rest of the text (an English word and its space are six bytes or so).
type tokenBuilder struct {
	n    int // the text's length
	slab []analysis.Token
	ts   analysis.TokenStream
}

func (b *tokenBuilder) emit(term []byte, start int, typ analysis.TokenType) {
	if len(b.slab) == cap(b.slab) {
		b.slab = make([]analysis.Token, 0, (b.n-start)/5+1)
	}
	b.slab = append(b.slab, analysis.Token{Term: term, Start: start, End: start + len(term), Position: len(b.ts) + 1, Type: typ})
	b.ts = append(b.ts, &b.slab[len(b.slab)-1])
}
