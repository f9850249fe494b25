package index

// Wide expansions, scored term at a time.
//
// A prefix ("com") or a word's typo neighbours expand to many terms of one
// field, and Bleve matches them with a disjunction that keeps one cursor
// per term in a heap: every posting of every term costs a heap operation
// over up to a thousand cursors, and "com" on sotu ×10 took 34 ms, nine
// tenths of it in the heap. wideSearcher scores the same terms one after
// the other into an array by document number — each posting costs one
// addition — and hands the documents on in order. The scores are those of
// Bleve's disjunction (each term's own searcher and weight, the same query
// norm, the sum times matched/total terms); only the order in which a
// document's term scores are added differs, which can move the last bit.

import (
	"context"
	"encoding/binary"
	"math"
	"sync"

	"github.com/blevesearch/bleve/v2/mapping"
	"github.com/blevesearch/bleve/v2/search"
	"github.com/blevesearch/bleve/v2/search/searcher"
	bleveindex "github.com/blevesearch/bleve_index_api"
)

// wideMin is the number of terms from which an expansion whose postings
// cannot be read directly (fusedSegment) is scored term at a time with
// Bleve's term searchers; below it Bleve's disjunction is as fast.
const wideMin = 16

// prefixQuery matches the words of a field that start with a prefix, as
// Bleve's PrefixQuery does.
type prefixQuery struct {
	field, prefix string
	boost         float64
}

// SetBoost sets the query's boost, as on Bleve's queries.
func (q *prefixQuery) SetBoost(b float64) { q.boost = b }

func (q *prefixQuery) Searcher(ctx context.Context, i bleveindex.IndexReader, m mapping.IndexMapping, options search.SearcherOptions) (search.Searcher, error) {
	d, err := i.FieldDictPrefix(q.field, []byte(q.prefix))
	if err != nil {
		return nil, err
	}
	var terms []string
	for {
		e, err := d.Next()
		if err != nil {
			d.Close()
			return nil, err
		}
		if e == nil {
			break
		}
		terms = append(terms, e.Term)
		if searcher.DisjunctionMaxClauseCount != 0 && len(terms) > searcher.DisjunctionMaxClauseCount {
			break // too many: termsSearcher fails as Bleve's prefix searcher would
		}
	}
	if err := d.Close(); err != nil {
		return nil, err
	}
	if len(terms) == 0 || (len(terms) == 1 && terms[0] == q.prefix) {
		// As Bleve: a term searcher, whose weight (the idf of a word in
		// no passage) counts in the query norm of the word's disjunction.
		return searcher.NewTermSearcher(ctx, i, q.prefix, q.field, q.boost, options)
	}
	return termsSearcher(ctx, i, q.field, terms, nil, q.boost, options)
}

// termsSearcher matches any of terms in field, as Bleve's multi-term
// searcher with its clause limit (dists: each term's edit distance, which
// divides its boost by distance+1, as NewMultiTermSearcherBoosted). Where
// the postings can be read directly (fusedSegment), up to Bleve's slice
// disjunction's ten terms are a wordSearcher, scored as that disjunction
// scores them, and more are scored term at a time.
func termsSearcher(ctx context.Context, i bleveindex.IndexReader, field string, terms []string, dists []uint8, boost float64, options search.SearcherOptions) (search.Searcher, error) {
	limited := searcher.DisjunctionMaxClauseCount != 0 && len(terms) > searcher.DisjunctionMaxClauseCount
	boostOf := func(k int) float64 {
		if dists == nil {
			return boost
		}
		return boost * (1 / float64(dists[k]+1))
	}
	if seg := fusedSegment(ctx, i, options); seg != nil && !limited {
		kids := make([]*wordKid, 0, len(terms))
		for k, t := range terms {
			kid, err := postingsKid(ctx, i, seg, t, field, boostOf(k))
			if err != nil {
				return nil, err
			}
			if kid == nil {
				break // not scored with BM25: Bleve's searchers below
			}
			kids = append(kids, kid)
		}
		switch {
		case len(kids) < len(terms):
		case len(kids) <= searcher.DisjunctionHeapTakeover:
			return newWordSearcher(kids), nil
		default:
			return newWideSearcher(kids), nil
		}
	}
	plain := options.Score != "none" && !options.IncludeTermVectors && !options.Explain
	if len(terms) < wideMin || !plain || limited {
		if dists != nil {
			return searcher.NewMultiTermSearcherBoosted(ctx, i, terms, field, boost, dists, options, true)
		}
		return searcher.NewMultiTermSearcher(ctx, i, terms, field, boost, options, true)
	}
	kids := make([]*wordKid, 0, len(terms))
	for k, t := range terms {
		s, err := searcher.NewTermSearcher(ctx, i, t, field, boostOf(k), options)
		if err != nil {
			wordKids(kids).Close()
			return nil, err
		}
		kids = append(kids, &wordKid{searcher: s, count: s.Count()})
	}
	return newWideSearcher(kids), nil
}

// wideSearcher is a disjunction of terms (read from their postings, or
// Bleve term searchers) scored term at a time (see the file comment).
type wideSearcher struct {
	wordKids
	filled bool
	buf    *wideBuf
	// next is the first document number not yet handed on; every entry
	// of buf below it is zero.
	next uint64
}

// wideBuf holds the sums and the number of terms matched of each
// document, by number; pooled, as a search over a large archive would
// otherwise allocate megabytes.
type wideBuf struct {
	sum     []float64
	matched []uint32
	// end is one past the last document with an entry.
	end uint64
}

var widePool = sync.Pool{New: func() any { return &wideBuf{} }}

func newWideSearcher(kids wordKids) *wideSearcher {
	s := &wideSearcher{wordKids: kids}
	s.SetQueryNorm(1 / math.Sqrt(kids.Weight())) // as Bleve's disjunctions
	return s
}

// fill scores every term's postings into the buffer. It runs at the
// first Next or Advance, after the parent searchers set the query norm.
func (s *wideSearcher) fill(ctx *search.SearchContext) error {
	s.filled = true
	s.buf = widePool.Get().(*wideBuf)
	b := s.buf
	for _, k := range s.wordKids {
		for {
			if err := k.step(ctx, nil, 0); err != nil {
				return err
			}
			n := k.doc
			if n == noDoc {
				break
			}
			if n >= uint64(len(b.sum)) {
				size := max(n+1, uint64(2*len(b.sum)))
				b.sum = append(b.sum, make([]float64, size-uint64(len(b.sum)))...)
				b.matched = append(b.matched, make([]uint32, size-uint64(len(b.matched)))...)
			}
			b.sum[n] += k.score()
			b.matched[n]++
			b.end = max(b.end, n+1)
		}
	}
	return nil
}

func (s *wideSearcher) Next(ctx *search.SearchContext) (*search.DocumentMatch, error) {
	if !s.filled {
		if err := s.fill(ctx); err != nil {
			return nil, err
		}
	}
	b := s.buf
	for ; s.next < b.end; s.next++ {
		n := s.next
		if b.matched[n] == 0 {
			continue
		}
		d := ctx.DocumentMatchPool.Get()
		d.IndexInternalID = binary.BigEndian.AppendUint64(d.IndexInternalID[:0], n)
		d.Score = b.sum[n] * (float64(b.matched[n]) / float64(len(s.wordKids)))
		b.sum[n], b.matched[n] = 0, 0
		s.next++
		return d, nil
	}
	return nil, nil
}

func (s *wideSearcher) Advance(ctx *search.SearchContext, id bleveindex.IndexInternalID) (*search.DocumentMatch, error) {
	if !s.filled {
		if err := s.fill(ctx); err != nil {
			return nil, err
		}
	}
	if n, ok := docNum(id); ok && n > s.next {
		s.skipTo(n)
	}
	return s.Next(ctx)
}

// skipTo clears the entries before document number n and moves next to it.
func (s *wideSearcher) skipTo(n uint64) {
	b := s.buf
	end := min(n, b.end)
	if s.next < end {
		clear(b.sum[s.next:end])
		clear(b.matched[s.next:end])
	}
	s.next = n
}

// DocumentMatchPoolSize: one match of a term searcher at a time, and the
// one handed on.
func (s *wideSearcher) DocumentMatchPoolSize() int { return 2 }

func (s *wideSearcher) Size() int {
	n := 64 + s.wordKids.size()
	if s.buf != nil {
		n += cap(s.buf.sum)*8 + cap(s.buf.matched)*4
	}
	return n
}

// Close closes the term searchers and returns the buffer, cleared, to the
// pool.
func (s *wideSearcher) Close() error {
	first := s.wordKids.Close()
	if s.buf != nil {
		s.skipTo(s.buf.end)
		s.buf.end = 0
		widePool.Put(s.buf)
		s.buf = nil
	}
	return first
}
