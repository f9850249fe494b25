package index

import (
	"strings"
	"testing"

	"cinesearch/corpus"
)

// TestDisplayCodecRoundTrips: every stored text comes back as written,
// with and without a dictionary, and the dictionary is what makes short
// passages small.
func TestDisplayCodecRoundTrips(t *testing.T) {
	var passages []corpus.Passage
	for _, p := range seedCorpus.Passages {
		passages = append(passages, corpus.Passage{Text: p.Text})
	}
	dict := displayDict(passages)
	if len(dict) == 0 {
		t.Fatal("no dictionary for the seeds")
	}
	withDict, err := newDisplayCodec(dict)
	if err != nil {
		t.Fatal(err)
	}
	plain, err := newDisplayCodec(nil)
	if err != nil {
		t.Fatal(err)
	}
	texts := []string{
		"",
		"Pulgasari",
		"Shin Sang-ok’s Pulgasari (1985) — filmed in P'yŏngyang; 申相玉 «Бульгасари».",
		strings.Repeat("A very long pathological passage without a break. ", 40000), // 2 MB
		"\x00\xff invalid UTF-8 \xc3",
	}
	for _, p := range seedCorpus.Passages {
		texts = append(texts, p.Text)
	}
	var stored, raw int
	for _, c := range []*displayCodec{withDict, plain} {
		for _, text := range texts {
			enc := c.encode(text)
			got, err := c.decode(enc)
			if err != nil || got != text {
				t.Fatalf("dictionary %v: %.40q came back as %.40q, %v", c.dict != nil, text, got, err)
			}
		}
	}
	for _, p := range seedCorpus.Passages {
		raw += len(p.Text)
		stored += len(withDict.encode(p.Text))
	}
	if stored*2 > raw {
		t.Errorf("the seeds' passages are stored in %d bytes of %d; the dictionary should halve them", stored, raw)
	}
	if _, err := withDict.decode("\xff\xff\xff\xff\xff garbage"); err == nil {
		t.Error("a damaged stored text decoded without an error")
	}
	if _, err := newDisplayCodec([]byte("x")); err == nil {
		t.Error("a dictionary of one byte was accepted")
	}
	if d := displayDict(nil); d != nil {
		t.Errorf("an empty corpus has a dictionary of %d bytes", len(d))
	}
}
