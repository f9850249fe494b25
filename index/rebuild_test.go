package index

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"math"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"testing/fstest"
	"time"
)

const rebuildText = "A Title\n\nThe Korean Film Studio made Thaw (1985) in Japan with a team of actors from Pyongyang.\n"

// indexOf builds an index of texts in a temporary directory and opens it
// for the test.
func indexOf(t *testing.T, texts fs.FS) *Index {
	t.Helper()
	root := t.TempDir()
	if _, err := (&Rebuilder{Root: root, Texts: texts}).Rebuild(context.Background(), false, nil); err != nil {
		t.Fatal(err)
	}
	ix, err := Open(root)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { ix.Close() })
	return ix
}

func textsFS(extra string) fstest.MapFS {
	return fstest.MapFS{"a.txt": {Data: []byte(rebuildText + extra)}}
}

// entries lists the index directory, without the lock file.
func entries(t *testing.T, root string) []string {
	t.Helper()
	des, err := os.ReadDir(root)
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, d := range des {
		if d.Name() != lockFile {
			out = append(out, d.Name())
		}
	}
	return out
}

func TestRebuilderBuildsServesAndSkipsUnchangedTexts(t *testing.T) {
	root := t.TempDir()
	ctx := context.Background()
	r := &Rebuilder{Root: root, Texts: textsFS(""), Source: "test"}
	var stages []Stage
	out, err := r.Rebuild(ctx, false, func(p Progress) {
		if len(stages) == 0 || stages[len(stages)-1] != p.Stage {
			stages = append(stages, p.Stage)
		}
	})
	if err != nil || out.UpToDate || out.Manifest.Generation != "gen-000001" || out.Manifest.Source != "test" || out.Previous != nil {
		t.Fatalf("first rebuild: %+v, %v", out, err)
	}
	if want := fmt.Sprint([]Stage{StageReading, StageIndexing, StageVerifying, StageSwapping, StageDone}); fmt.Sprint(stages) != want {
		t.Errorf("stages %v, want %v", stages, want)
	}
	if len(out.Texts) != 1 || out.Texts[0].Name != "a.txt" || out.Texts[0].Digest == "" {
		t.Errorf("texts read: %+v", out.Texts)
	}
	live, err := OpenLive(root)
	if err != nil {
		t.Fatal(err)
	}
	defer live.Close()
	r.Live = live
	if out, err := r.Rebuild(ctx, false, nil); err != nil || !out.UpToDate || out.Manifest.Generation != "gen-000001" {
		t.Fatalf("unchanged texts: %+v, %v", out, err)
	}
	r.Texts = textsFS("\nA second paragraph about Bird (1992), shot in the north.\n")
	out, err = r.Rebuild(ctx, false, nil)
	if err != nil || out.Manifest.Generation != "gen-000002" {
		t.Fatalf("changed texts: %+v, %v", out, err)
	}
	// What the rebuild changed is against the generation before it.
	if p := out.Previous; p == nil || p.Generation != "gen-000001" || p.Films != 1 || out.Manifest.Films != 2 {
		t.Errorf("previous generation %+v, new %+v", p, out.Manifest)
	}
	if g := live.Manifest().Generation; g != "gen-000002" {
		t.Errorf("serving %s after the rebuild, want gen-000002", g)
	}
}

func TestRebuilderRefusals(t *testing.T) {
	ctx := context.Background()
	r := &Rebuilder{Root: t.TempDir(), Texts: fstest.MapFS{"empty.txt": {Data: []byte("\n\n")}}}
	if _, err := r.Rebuild(ctx, false, nil); !errors.Is(err, ErrNoPassages) {
		t.Errorf("no passages: %v", err)
	}
	r.Texts = fstest.MapFS{"a.txt": {Data: []byte(rebuildText)}, "bad.txt": {Data: []byte("caf\xe9\n")}}
	r.Strict = true
	out, err := r.Rebuild(ctx, false, nil)
	var se *StrictError
	if !errors.As(err, &se) || len(out.Warnings) == 0 {
		t.Errorf("strict with a bad text: %v, warnings %v", err, out.Warnings)
	}
	if _, err := os.Stat(filepath.Join(r.Root, currentFile)); err == nil {
		t.Error("a refused rebuild made a generation current")
	}
}

// TestCancelledRebuildLeavesServingGeneration cancels a rebuild as it
// enters each stage: the served generation, CURRENT and the directory stay
// as they were, and the next rebuild works.
func TestCancelledRebuildLeavesServingGeneration(t *testing.T) {
	for _, stage := range []Stage{StageReading, StageIndexing, StageVerifying, StageSwapping} {
		t.Run(string(stage), func(t *testing.T) {
			root := t.TempDir()
			r := &Rebuilder{Root: root, Texts: textsFS("")}
			if _, err := r.Rebuild(context.Background(), false, nil); err != nil {
				t.Fatal(err)
			}
			live, err := OpenLive(root)
			if err != nil {
				t.Fatal(err)
			}
			defer live.Close()
			r.Live = live
			before := entries(t, root)
			var swaps atomic.Int32
			live.OnSwap = func(Manifest) { swaps.Add(1) }

			ctx, cancel := context.WithCancel(context.Background())
			defer cancel()
			_, err = r.Rebuild(ctx, true, func(p Progress) {
				if p.Stage == stage {
					cancel()
				}
			})
			if !errors.Is(err, context.Canceled) {
				t.Fatalf("cancelled at %s: err = %v", stage, err)
			}
			if g := live.Manifest().Generation; g != "gen-000001" || swaps.Load() != 0 {
				t.Errorf("serving %s after %d swaps, want gen-000001", g, swaps.Load())
			}
			if cur, _ := readCurrent(root); cur != "gen-000001" {
				t.Errorf("CURRENT = %s", cur)
			}
			if after := entries(t, root); fmt.Sprint(after) != fmt.Sprint(before) {
				t.Errorf("directory %v after the cancelled rebuild, was %v", after, before)
			}
			out, err := r.Rebuild(context.Background(), true, nil)
			if err != nil || live.Manifest().Generation != out.Manifest.Generation {
				t.Errorf("next rebuild: %+v, %v; serving %s", out.Manifest, err, live.Manifest().Generation)
			}
		})
	}
}

// TestLiveSwapsUnderLoad runs searchers against a Live while generations
// are swapped in and, at the end, Close is called; run with -race. No call
// may fail or see a closed index.
func TestLiveSwapsUnderLoad(t *testing.T) {
	root := t.TempDir()
	r := &Rebuilder{Root: root, Texts: textsFS("")}
	if _, err := r.Rebuild(context.Background(), false, nil); err != nil {
		t.Fatal(err)
	}
	gens := []*Index{}
	for i := 0; i < 3; i++ {
		ix, err := Open(root)
		if err != nil {
			t.Fatal(err)
		}
		gens = append(gens, ix)
	}
	live, err := OpenLive(root)
	if err != nil {
		t.Fatal(err)
	}
	const searchers, swaps = 8, 30
	stop := make(chan struct{})
	var wg sync.WaitGroup
	var calls atomic.Int64
	errs := make(chan error, searchers)
	for i := 0; i < searchers; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for {
				select {
				case <-stop:
					return
				default:
				}
				res, err := live.Search(context.Background(), Request{Query: "Pyongyang"})
				if err == nil && res.Total != 1 {
					err = fmt.Errorf("%d hits on %s", res.Total, res.Generation)
				}
				if err == nil {
					ix, done := live.Acquire()
					_, err = ix.Around(context.Background(), res.Hits[0].ID, 1)
					done()
				}
				if err != nil {
					errs <- err
					return
				}
				calls.Add(1)
			}
		}()
	}
	// Each swap closes the previous generation once its readers are done;
	// reopen so that every swap brings a fresh *Index.
	for i := 0; i < swaps; i++ {
		live.Swap(gens[i%len(gens)])
		ix, err := Open(root)
		if err != nil {
			t.Fatal(err)
		}
		gens[i%len(gens)] = ix
		time.Sleep(time.Millisecond)
	}
	close(stop)
	wg.Wait()
	if err := live.Close(); err != nil {
		t.Errorf("close: %v", err)
	}
	for _, ix := range gens {
		ix.Close()
	}
	close(errs)
	for err := range errs {
		t.Errorf("search during swaps: %v", err)
	}
	if calls.Load() == 0 {
		t.Error("no search ran")
	}
	t.Logf("%d searches across %d swaps", calls.Load(), swaps)
}

// TestExpansionLimit: a prefix matching more words than Bleve's clause
// limit is searched as typed, with a notice, instead of failing. It also
// guards the wording searchError recognises Bleve's limit by.
func TestExpansionLimit(t *testing.T) {
	var words []string
	for i := 0; i < 1500; i++ {
		words = append(words, "zq"+string(rune('a'+i/676))+string(rune('a'+i/26%26))+string(rune('a'+i%26)))
	}
	text := "Words\n\n"
	for i := 0; i < len(words); i += 100 {
		text += strings.Join(words[i:i+100], " ") + ".\n\n"
	}
	ix := indexOf(t, fstest.MapFS{"words.txt": {Data: []byte(text)}})
	p, err := ix.plan(Request{Query: "zq"})
	if err != nil {
		t.Fatal(err)
	}
	_, _, err = ix.execute(context.Background(), ix.searches(p, false, true), p)
	if !errors.Is(err, errTooManyClauses) {
		t.Fatalf("a prefix of 1,500 words: %v, want errTooManyClauses", err)
	}
	res, err := ix.Search(context.Background(), Request{Query: "zq"})
	if err != nil || !strings.Contains(res.Notice, "searched as typed") {
		t.Errorf("search: %v, notice %q", err, res.Notice)
	}
}

// TestTiesGoInArticleOrder: passages with the same words score the same
// (but for the tie-break); they are listed in article order, whatever order the build merged them
// in, so two builds of the same texts give the same list.
func TestTiesGoInArticleOrder(t *testing.T) {
	texts := fstest.MapFS{}
	var names []string // more tied passages than a page and its margins hold
	for c := 'a'; c <= 'n'; c++ {
		names = append(names, string(c)+".txt")
	}
	for _, n := range names {
		texts[n] = &fstest.MapFile{Data: []byte("Article " + n + "\n\nThe same sentence about the Tonggang river appears here.\n\nAnd a second paragraph about something else entirely, " + n + ".\n")}
	}
	for build := 0; build < 2; build++ {
		ix := indexOf(t, texts)
		res, err := ix.Search(context.Background(), Request{Query: "Tonggang river", Size: 20})
		// The tie straddles the pages: every page of four lists the next
		// four articles, whatever the internal order.
		var paged []Hit
		for page := 1; page <= 4; page++ {
			pr, err := ix.Search(context.Background(), Request{Query: "Tonggang river", Size: 4, Page: page})
			if err != nil {
				t.Fatal(err)
			}
			paged = append(paged, pr.Hits...)
		}
		for i, h := range paged {
			if want := ix.Catalogue().Articles[i].ID; h.Article.ID != want {
				t.Errorf("build %d: paged hit %d is from %s, want %s", build, i+1, h.Article.ID, want)
			}
		}
		ix.Close()
		if len(paged) != len(names) {
			t.Errorf("build %d: %d hits over the pages, want %d", build, len(paged), len(names))
		}
		if err != nil || len(res.Hits) != len(names) {
			t.Fatalf("build %d: %d hits, %v", build, len(res.Hits), err)
		}
		order := ix.Catalogue().Articles
		for i, h := range res.Hits {
			if math.Abs(h.Score-res.Hits[0].Score) > tieBreak*res.Hits[0].Score {
				t.Fatalf("build %d: the passages do not tie (beyond the tie-break): %v", build, res.Hits)
			}
			if h.Article.ID != order[i].ID {
				t.Errorf("build %d: hit %d is from %s, want %s (article order)", build, i+1, h.Article.ID, order[i].ID)
			}
		}
	}
}

// TestAuthorsAreSearchable: an author's name among the words finds the
// author's articles, and author: keeps only them.
func TestAuthorsAreSearchable(t *testing.T) {
	texts := fstest.MapFS{
		"a.md": {Data: []byte("---\ntitle: Studio Days\nauthor: Ann Halvorsen\n---\n\nThe studio in Pyongyang made Thaw (1985) with a crew from Tokyo.\n")},
		"b.md": {Data: []byte("---\ntitle: Festival Nights\nauthor: Bo Lindqvist\n---\n\nA festival in Pyongyang showed Bird (1992) to a full hall.\n")},
	}
	ix := indexOf(t, texts)
	for _, tc := range []struct {
		query string
		want  []string // article titles, in order
	}{
		{"Halvorsen", []string{"Studio Days"}},
		{"Pyongyang ", []string{"Studio Days", "Festival Nights"}},
		{"author:Lindqvist Pyongyang ", []string{"Festival Nights"}},
		{`author:"Ann Halvorsen"`, []string{"Studio Days"}},
		{"author:halvorsen author:lindqvist", []string{"Studio Days", "Festival Nights"}},
		{"author:Nobody Pyongyang ", nil},
	} {
		res, err := ix.Search(context.Background(), Request{Query: tc.query})
		if err != nil {
			t.Fatalf("%q: %v", tc.query, err)
		}
		var got []string
		for _, h := range res.Hits {
			got = append(got, h.Article.Title)
		}
		if fmt.Sprint(got) != fmt.Sprint(tc.want) {
			t.Errorf("%q: %v, want %v", tc.query, got, tc.want)
		}
		if strings.Contains(tc.query, "author:") && len(res.Filters.Authors) == 0 {
			t.Errorf("%q: filters do not echo the author", tc.query)
		}
	}
}
