package server

import (
	"context"
	"fmt"
	"os"
	"testing"

	"cinesearch/corpus"
	"cinesearch/index"
)

// Real on-disk indexes for the handler tests: the seeds, and a corpus of
// hostile markup.
var (
	seedLive    *index.Live
	hostileLive *index.Live
	seedCorpus  *corpus.Corpus
)

func TestMain(m *testing.M) {
	os.Exit(func() int {
		tmp, err := os.MkdirTemp("", "cinesearch-server-test-")
		if err != nil {
			fmt.Fprintln(os.Stderr, err)
			return 1
		}
		defer os.RemoveAll(tmp)
		build := func(c *corpus.Corpus, name string) (*index.Live, error) {
			dir := tmp + "/" + name
			if _, err := index.Build(context.Background(), c, dir, index.BuildOptions{}); err != nil {
				return nil, err
			}
			return index.OpenLive(dir)
		}
		if seedCorpus, err = corpus.Load(context.Background(), corpus.Default(), nil); err == nil {
			seedLive, err = build(seedCorpus, "seeds")
		}
		if err == nil {
			fsys, _ := corpus.Dir("testdata/hostile")
			var hc *corpus.Corpus
			if hc, err = corpus.Load(context.Background(), fsys, nil); err == nil {
				hostileLive, err = build(hc, "hostile")
			}
		}
		if err != nil {
			fmt.Fprintln(os.Stderr, err)
			return 1
		}
		defer seedLive.Close()
		defer hostileLive.Close()
		return m.Run()
	}())
}
