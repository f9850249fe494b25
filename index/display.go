package index

// Stored passage text, compressed with a dictionary of the generation's own
// text.
//
// Scorch compresses each document's stored fields on their own with
// Snappy, which finds little to share inside one paragraph: the sotu
// passages (10.7 MB) were stored as 9.0 MB, a third of the index. Passages
// of one archive share most of their words and phrases, so a dictionary of
// the archive's text is what makes a short text compressible (Lucene's
// stored fields share one for the same reason). The text is stored as an
// S2 block compressed against a dictionary of up to 64 KB sampled from the
// generation's passages, kept in its catalogue: 4.9 MB on sotu. S2 (the
// Snappy format, extended for dictionaries) decodes a passage in about 3 µs
// — half of zstd's time with the same dictionary, for as many bytes — and
// a page of hits decodes ten.

import (
	"errors"
	"fmt"

	"github.com/klauspost/compress/s2"

	"cinesearch/corpus"
)

// displayDictBytes is the most text a dictionary samples (S2's limit).
const displayDictBytes = s2.MaxDictSize - 8

// displayDict samples passages evenly across the corpus, whole, into a
// dictionary. It is nil when the corpus has too little text for one.
func displayDict(passages []corpus.Passage) []byte {
	total := 0
	for _, p := range passages {
		total += len(p.Text)
	}
	if total == 0 {
		return nil
	}
	// Every step-th passage, so that each part of the archive is sampled
	// and the sample is about displayDictBytes.
	step := max(1, total/displayDictBytes)
	var sample []byte
	for i := 0; i < len(passages) && len(sample) < displayDictBytes; i += step {
		sample = append(sample, passages[i].Text...)
		sample = append(sample, '\n')
	}
	sample = sample[:min(len(sample), displayDictBytes)]
	d := s2.MakeDict(sample, nil)
	if d == nil {
		return nil
	}
	return d.Bytes()
}

// displayCodec compresses and restores stored passage texts. Its methods
// are safe for concurrent use.
type displayCodec struct {
	dict *s2.Dict // nil: no dictionary (a tiny corpus)
}

func newDisplayCodec(dict []byte) (*displayCodec, error) {
	if len(dict) == 0 {
		return &displayCodec{}, nil
	}
	d := s2.NewDict(dict)
	if d == nil {
		return nil, errors.New("display dictionary is not an S2 dictionary")
	}
	return &displayCodec{dict: d}, nil
}

// encode returns the stored form of text.
func (c *displayCodec) encode(text string) string {
	if c.dict == nil {
		return string(s2.EncodeBetter(nil, []byte(text)))
	}
	// EncodeBetter: on sotu 4.9 MB where Encode left 6.7 MB, for 0.13 s
	// more of a build's CPU, and its blocks decode faster (3.3 against
	// 4.4 µs a passage).
	return string(c.dict.EncodeBetter(nil, []byte(text)))
}

// decode restores a text from its stored form.
func (c *displayCodec) decode(stored string) (string, error) {
	var b []byte
	var err error
	if c.dict == nil {
		b, err = s2.Decode(nil, []byte(stored))
	} else {
		b, err = c.dict.Decode(nil, []byte(stored))
	}
	if err != nil {
		return "", fmt.Errorf("stored passage text: %w", err)
	}
	return string(b), nil
}
