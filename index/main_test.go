package index

import (
	"context"
	"fmt"
	"os"
	"testing"

	"cinesearch/corpus"
)

// The seed corpus and a real on-disk index of it, built once for the
// package's tests.
var (
	seedCorpus *corpus.Corpus
	seedIndex  *Index
)

func TestMain(m *testing.M) {
	os.Exit(func() int {
		dir, err := os.MkdirTemp("", "cinesearch-index-test-")
		if err != nil {
			fmt.Fprintln(os.Stderr, err)
			return 1
		}
		defer os.RemoveAll(dir)
		seedCorpus, err = corpus.Load(context.Background(), corpus.Default(), nil)
		if err != nil {
			fmt.Fprintln(os.Stderr, err)
			return 1
		}
		if _, err := Build(context.Background(), seedCorpus, dir, BuildOptions{}); err != nil {
			fmt.Fprintln(os.Stderr, err)
			return 1
		}
		seedIndex, err = Open(dir)
		if err != nil {
			fmt.Fprintln(os.Stderr, err)
			return 1
		}
		defer seedIndex.Close()
		return m.Run()
	}())
}

func doSearch(t testing.TB, req Request) Result {
	t.Helper()
	res, err := seedIndex.Search(context.Background(), req)
	if err != nil {
		t.Fatalf("Search(%+v): %v", req, err)
	}
	return res
}
