package index

// One analysis of a passage's text for its two fields.
//
// The text is indexed twice: stemmed (fText) and as written (fExact). The
// two analyzers are the same chain but for the stemmer at the end of cs_en,
// and tokenizing and filtering the text twice was a third of a build's
// analysis time. sharedAnalyzer runs the common chain once per text: the
// first of the two fields to analyse a text leaves a copy of its tokens,
// before stemming, for the other, which takes it instead of analysing the
// text again. Bleve analyses a document's fields one after the other in one
// goroutine, so the copy is taken within microseconds; a small FIFO bounds
// what is left (a section heading analysed by one analyzer only, a query).
// Only texts of sharedMinBytes and more are shared: passages, not
// headings, titles or queries.

import (
	"bytes"
	"fmt"
	"hash/maphash"
	"sync"

	"github.com/blevesearch/bleve/v2/analysis"
	"github.com/blevesearch/bleve/v2/registry"
)

const (
	sharedAnalyzerType = "cs_shared"
	sharedMinBytes     = 120
	sharedKeep         = 64
)

// sharedAnalyzer is tokenizer → filters, then stem when set.
type sharedAnalyzer struct {
	tokenizer analysis.Tokenizer
	filters   []analysis.TokenFilter
	stem      analysis.TokenFilter
	stems     *stemCache
	// positionsOnly zeroes the tokens' byte offsets. A field with term
	// vectors stores each occurrence's position and offsets; phrase and
	// proximity matching read only the position, and highlighting finds
	// words in the text itself (highlight.go), so the offsets would be
	// bytes on disk that nothing reads: on sotu, 1.6 MB of 26.4 MB.
	positionsOnly bool
}

func newSharedAnalyzer(config map[string]any, cache *registry.Cache) (analysis.Analyzer, error) {
	name, _ := config["tokenizer"].(string)
	tok, err := cache.TokenizerNamed(name)
	if err != nil {
		return nil, err
	}
	a := &sharedAnalyzer{tokenizer: tok}
	names, _ := config["token_filters"].([]any)
	for _, n := range names {
		s, _ := n.(string)
		f, err := cache.TokenFilterNamed(s)
		if err != nil {
			return nil, err
		}
		a.filters = append(a.filters, f)
	}
	if s, _ := config["stem"].(string); s != "" {
		if a.stem, err = cache.TokenFilterNamed(s); err != nil {
			return nil, err
		}
		a.stems = &stemCache{stems: map[string][]byte{}}
	}
	a.positionsOnly, _ = config["positions_only"].(bool)
	if len(a.filters) == 0 {
		return nil, fmt.Errorf("%s: no token filters", sharedAnalyzerType)
	}
	return a, nil
}

func (a *sharedAnalyzer) Analyze(input []byte) analysis.TokenStream {
	var ts analysis.TokenStream
	share := len(input) >= sharedMinBytes
	var key shelfKey
	if share {
		key = sharedTokens.key(input)
		ts = sharedTokens.take(key, input)
	}
	if ts == nil {
		if share {
			// The filters change terms in place, and terms are slices
			// of the input: the text is shelved as it came.
			key.input = bytes.Clone(input)
		}
		ts = a.tokenizer.Tokenize(input)
		for _, f := range a.filters {
			ts = f.Filter(ts)
		}
		if share {
			sharedTokens.put(key, ts)
		}
	}
	if a.stem != nil {
		ts = a.stems.filter(a.stem, ts)
	}
	if a.positionsOnly {
		for _, t := range ts {
			t.Start, t.End = 0, 0
		}
	}
	return ts
}

// tokenShelf holds copies of recent texts' tokens until taken.
type tokenShelf struct {
	mu      sync.Mutex
	seed    maphash.Seed
	entries []shelved // oldest first
}

type shelved struct {
	shelfKey
	tokens analysis.TokenStream
}

// shelfKey is a text: its hash, and (once shelved) its bytes.
type shelfKey struct {
	hash  uint64
	input []byte
}

var sharedTokens = &tokenShelf{seed: maphash.MakeSeed()}

func (s *tokenShelf) key(input []byte) shelfKey {
	return shelfKey{hash: maphash.Bytes(s.seed, input)}
}

// put leaves a copy of tokens (terms included: filters change terms in
// place) for the other analyzer.
func (s *tokenShelf) put(k shelfKey, ts analysis.TokenStream) {
	n := 0
	for _, t := range ts {
		n += len(t.Term)
	}
	buf := make([]byte, 0, n)
	toks := make([]analysis.Token, len(ts))
	out := make(analysis.TokenStream, len(ts))
	for i, t := range ts {
		toks[i] = *t
		start := len(buf)
		buf = append(buf, t.Term...)
		toks[i].Term = buf[start:len(buf):len(buf)]
		out[i] = &toks[i]
	}
	s.mu.Lock()
	if len(s.entries) >= sharedKeep {
		s.entries = append(s.entries[:0], s.entries[1:]...)
	}
	s.entries = append(s.entries, shelved{k, out})
	s.mu.Unlock()
}

// take returns and removes the tokens left for input, or nil.
func (s *tokenShelf) take(k shelfKey, input []byte) analysis.TokenStream {
	s.mu.Lock()
	defer s.mu.Unlock()
	for i, e := range s.entries {
		if e.hash == k.hash && bytes.Equal(e.input, input) {
			s.entries = append(s.entries[:i], s.entries[i+1:]...)
			return e.tokens
		}
	}
	return nil
}

// stemCache remembers the stems of words already stemmed. An archive's
// passages repeat a vocabulary of some tens of thousands of words, and the
// Snowball stemmer (which allocates for every word) was 7 % of a sotu
// build's CPU; a lookup is a small fraction of a stemming.
type stemCache struct {
	mu    sync.RWMutex
	stems map[string][]byte
}

// stemCacheMax bounds the words remembered (a few MB); words past it are
// stemmed every time.
const stemCacheMax = 1 << 18

// filter stems ts in place as stem would. Tokens of one word share the
// stem's bytes: the stemmer is the last filter, and nothing after it
// changes a term in place.
func (c *stemCache) filter(stem analysis.TokenFilter, ts analysis.TokenStream) analysis.TokenStream {
	var one [1]*analysis.Token
	for _, t := range ts {
		c.mu.RLock()
		s, ok := c.stems[string(t.Term)]
		c.mu.RUnlock()
		if ok {
			t.Term = s
			continue
		}
		word := string(t.Term)
		one[0] = t
		stem.Filter(one[:])
		c.mu.Lock()
		if len(c.stems) < stemCacheMax {
			c.stems[word] = t.Term
		}
		c.mu.Unlock()
	}
	return ts
}
