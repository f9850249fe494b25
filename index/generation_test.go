package index

import (
	"bytes"
	"context"
	"errors"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	blevedoc "github.com/blevesearch/bleve/v2/document"
	bleveindex "github.com/blevesearch/bleve_index_api"

	"cinesearch/corpus"
)

func smallCorpus(t *testing.T, extra string) *corpus.Corpus {
	t.Helper()
	dir := t.TempDir()
	text := "A Title\n\nThe Korean Film Studio made Thaw (1985) in Japan with a team of actors from Pyongyang.\n"
	if err := os.WriteFile(filepath.Join(dir, "a.txt"), []byte(text+extra), 0o644); err != nil {
		t.Fatal(err)
	}
	fsys, _ := corpus.Dir(dir)
	c, err := corpus.Load(context.Background(), fsys, nil)
	if err != nil {
		t.Fatal(err)
	}
	return c
}

func TestGenerations(t *testing.T) {
	root := t.TempDir()
	ctx := context.Background()
	c := smallCorpus(t, "")
	m1, err := Build(ctx, c, root, BuildOptions{})
	if err != nil || m1.Generation != "gen-000001" {
		t.Fatalf("first build: %+v, %v", m1, err)
	}
	if _, err := Build(ctx, c, root, BuildOptions{}); !errors.Is(err, ErrUpToDate) {
		t.Fatalf("unchanged texts: %v, want ErrUpToDate", err)
	}
	m2, err := Build(ctx, c, root, BuildOptions{Force: true})
	if err != nil || m2.Generation != "gen-000002" {
		t.Fatalf("forced build: %+v, %v", m2, err)
	}
	// A partial directory left by a killed build is removed and reported.
	if err := os.MkdirAll(filepath.Join(root, "gen-000003.partial", "bleve"), 0o755); err != nil {
		t.Fatal(err)
	}
	var notices []string
	m3, err := Build(ctx, smallCorpus(t, "\nNew text about Bird (1992) shot in the mountains of the north.\n"), root, BuildOptions{Notice: func(s string) { notices = append(notices, s) }})
	if err != nil || m3.Generation != "gen-000003" {
		t.Fatalf("third build: %+v, %v", m3, err)
	}
	joined := strings.Join(notices, "\n")
	if !strings.Contains(joined, "removed gen-000003.partial") || !strings.Contains(joined, "removed old generation gen-000001") {
		t.Errorf("notices = %q", joined)
	}
	entries, _ := os.ReadDir(root)
	var names []string
	for _, e := range entries {
		names = append(names, e.Name())
	}
	if strings.Join(names, ",") != "CURRENT,build.lock,gen-000002,gen-000003" {
		t.Errorf("root holds %v", names)
	}
	ix, err := Open(root)
	if err != nil {
		t.Fatal(err)
	}
	defer ix.Close()
	if ix.Manifest().Generation != "gen-000003" || ix.Verify() != nil {
		t.Errorf("opened %s, verify %v", ix.Manifest().Generation, ix.Verify())
	}
	res, err := ix.Search(ctx, Request{Query: "mountains"})
	if err != nil || res.Total != 1 {
		t.Errorf("new text not searchable: %d, %v", res.Total, err)
	}
}

func TestSecondBuilderFailsAtOnce(t *testing.T) {
	root := t.TempDir()
	unlock, err := lock(root)
	if err != nil {
		t.Fatal(err)
	}
	defer unlock()
	_, err = Build(context.Background(), smallCorpus(t, ""), root, BuildOptions{})
	var le *LockedError
	if !errors.As(err, &le) || le.PID != os.Getpid() || !strings.Contains(err.Error(), "pid") {
		t.Fatalf("second builder: %v", err)
	}
}

func TestVerifyDetectsDamage(t *testing.T) {
	root := t.TempDir()
	if _, err := Build(context.Background(), smallCorpus(t, ""), root, BuildOptions{}); err != nil {
		t.Fatal(err)
	}
	ix, err := Open(root)
	if err != nil {
		t.Fatal(err)
	}
	defer ix.Close()
	var seg string
	filepath.WalkDir(filepath.Join(ix.Dir(), bleveDir), func(p string, d os.DirEntry, err error) error {
		if strings.HasSuffix(p, ".zap") {
			seg = p
		}
		return nil
	})
	b, _ := os.ReadFile(seg)
	b[len(b)/2] ^= 0xff
	os.WriteFile(seg, b, 0o644)
	if err := ix.Verify(); err == nil || !strings.Contains(err.Error(), "damaged") {
		t.Errorf("Verify after flipping a byte: %v", err)
	}
}

func TestOpenWithoutIndex(t *testing.T) {
	if _, err := Open(t.TempDir()); !errors.Is(err, ErrNoIndex) {
		t.Errorf("Open(empty) = %v, want ErrNoIndex", err)
	}
}

// flipBytes damages a generation's segment the way a failing disk would:
// one bit every 64 KiB (and at least one).
func flipBytes(t *testing.T, genDir string) {
	t.Helper()
	var seg string
	filepath.WalkDir(filepath.Join(genDir, bleveDir), func(p string, d os.DirEntry, err error) error {
		if strings.HasSuffix(p, ".zap") {
			seg = p
		}
		return nil
	})
	b, err := os.ReadFile(seg)
	if err != nil {
		t.Fatal(err)
	}
	for i := len(b) / 2; i < len(b); i += 64 << 10 {
		b[i] ^= 0x10
	}
	if err := os.WriteFile(seg, b, 0o644); err != nil {
		t.Fatal(err)
	}
}

// A damaged generation is never opened: not by Open, not at start-up by
// OpenLive (which falls back to the newest good generation and says why),
// and the next Build sees the damage instead of calling it up to date.
func TestDamagedGenerationIsRefused(t *testing.T) {
	root := t.TempDir()
	ctx := context.Background()
	c := smallCorpus(t, "")
	if _, err := Build(ctx, c, root, BuildOptions{}); err != nil {
		t.Fatal(err)
	}
	if _, err := Build(ctx, c, root, BuildOptions{Force: true}); err != nil {
		t.Fatal(err)
	}
	flipBytes(t, filepath.Join(root, "gen-000002"))

	_, err := Open(root)
	var de *DamagedError
	if !errors.As(err, &de) || de.Generation != "gen-000002" || !strings.Contains(err.Error(), "checksum") {
		t.Fatalf("Open of a damaged generation: %v", err)
	}
	live, err := OpenLive(root)
	if err != nil {
		t.Fatalf("OpenLive with an older good generation: %v", err)
	}
	if g := live.Manifest().Generation; g != "gen-000001" {
		t.Errorf("serving %s, want the newest good generation gen-000001", g)
	}
	if d := live.Degraded(); !strings.Contains(d, "gen-000002") || !strings.Contains(d, "gen-000001") {
		t.Errorf("Degraded() = %q, want the damaged and the served generation named", d)
	}
	if res, err := live.Search(ctx, Request{Query: "Pyongyang"}); err != nil || res.Total != 1 {
		t.Errorf("search on the fallback generation: %d, %v", res.Total, err)
	}
	var notices []string
	m, err := Build(ctx, c, root, BuildOptions{Notice: func(s string) { notices = append(notices, s) }})
	if err != nil {
		t.Fatalf("build after damage, same texts: %v (want a rebuild without --force)", err)
	}
	if m.Generation != "gen-000003" || !strings.Contains(strings.Join(notices, "\n"), "damaged") {
		t.Errorf("build after damage made %s, notices %q", m.Generation, notices)
	}
	if ok, err := live.Reload(); !ok || err != nil || live.Degraded() != "" {
		t.Errorf("reload after the rebuild: %v %v, degraded %q", ok, err, live.Degraded())
	}
	live.Close()

	// With no good generation left, OpenLive fails with the reason.
	flipBytes(t, filepath.Join(root, "gen-000003"))
	os.RemoveAll(filepath.Join(root, "gen-000002"))
	if _, err := OpenLive(root); !errors.As(err, &de) {
		t.Errorf("OpenLive with only damaged generations: %v", err)
	}
}

// A generation can be served by another user of the group that built it.
func TestIndexFilesAreGroupReadable(t *testing.T) {
	root := t.TempDir()
	if _, err := Build(context.Background(), smallCorpus(t, ""), root, BuildOptions{}); err != nil {
		t.Fatal(err)
	}
	filepath.WalkDir(root, func(p string, d os.DirEntry, err error) error {
		if err != nil {
			t.Fatal(err)
		}
		info, _ := d.Info()
		want := os.FileMode(0o040)
		if d.IsDir() {
			want = 0o050
		}
		if info.Mode().Perm()&want != want {
			t.Errorf("%s has mode %v: not readable by the group", p, info.Mode().Perm())
		}
		return nil
	})
}

// A file the serving user may not read is named, with "permission denied",
// not reported as a missing or damaged index.
func TestUnreadableIndexIsNamed(t *testing.T) {
	if os.Geteuid() == 0 {
		t.Skip("root reads every file")
	}
	root := t.TempDir()
	if _, err := Build(context.Background(), smallCorpus(t, ""), root, BuildOptions{}); err != nil {
		t.Fatal(err)
	}
	gen := filepath.Join(root, "gen-000001")
	os.Chmod(filepath.Join(gen, manifestFile), 0)
	_, err := Open(root)
	if !errors.Is(err, os.ErrPermission) || !strings.Contains(err.Error(), "permission denied") || !strings.Contains(err.Error(), manifestFile) {
		t.Errorf("Open of an unreadable index: %v", err)
	}
}

// Close does not wait without end for a call in flight (a search past its
// deadline): a server told to stop must stop.
func TestLiveCloseDoesNotWaitForever(t *testing.T) {
	root := t.TempDir()
	if _, err := Build(context.Background(), smallCorpus(t, ""), root, BuildOptions{}); err != nil {
		t.Fatal(err)
	}
	live, err := OpenLive(root)
	if err != nil {
		t.Fatal(err)
	}
	ix, release := live.Acquire() // a call that does not end
	closed := make(chan error, 1)
	go func() { closed <- live.close(50 * time.Millisecond) }()
	select {
	case err := <-closed:
		if err == nil || !strings.Contains(err.Error(), "still running") {
			t.Errorf("Close with a call in flight: %v", err)
		}
	case <-time.After(30 * time.Second):
		t.Fatal("Close waited for the call in flight")
	}
	// The call in flight still works, and its end closes the generation.
	if _, err := ix.Search(context.Background(), Request{Query: "Pyongyang"}); err != nil {
		t.Errorf("search in flight after Close: %v", err)
	}
	release()
}

// TestBuildMergesIntoOneSegment: however many segments the batches made, a
// generation is served from one. The seeds in batches of four are 56
// batches: five runs of ten merged while the build indexes, and six batches
// left for the final merge.
func TestBuildMergesIntoOneSegment(t *testing.T) {
	defer func(n int) { batchSize = n }(batchSize)
	batchSize = 4 // the seeds' passages in dozens of batches
	root := t.TempDir()
	man, err := Build(context.Background(), seedCorpus, root, BuildOptions{})
	if err != nil {
		t.Fatal(err)
	}
	zaps, err := filepath.Glob(filepath.Join(root, man.Generation, bleveDir, "store", "*.zap"))
	if err != nil {
		t.Fatal(err)
	}
	if len(zaps) != 1 {
		t.Errorf("the generation has %d segments, want 1: %v", len(zaps), zaps)
	}
}

// TestBuildMergesPassagesFewTimes: a build's merges write each passage
// about twice — once when ten batches are merged while the build indexes,
// once in the final merge — not again and again as scorch's default tiers
// did with batches below their 2,000-document floor (sotu: 37–39 segments
// merged in 12–14 merges during the build). The seeds in batches of four:
// 2.1–2.4× the index, 11–13× with the old tiers.
func TestBuildMergesPassagesFewTimes(t *testing.T) {
	defer func(n int) { batchSize = n }(batchSize)
	defer func(f func(uint64)) { buildMerged = f }(buildMerged)
	batchSize = 4
	var written uint64
	buildMerged = func(n uint64) { written = n }
	root := t.TempDir()
	man, err := Build(context.Background(), seedCorpus, root, BuildOptions{})
	if err != nil {
		t.Fatal(err)
	}
	zaps, err := filepath.Glob(filepath.Join(root, man.Generation, bleveDir, "store", "*.zap"))
	if err != nil || len(zaps) != 1 {
		t.Fatalf("segments %v (%v)", zaps, err)
	}
	fi, err := os.Stat(zaps[0])
	if err != nil {
		t.Fatal(err)
	}
	ratio := float64(written) / float64(fi.Size())
	t.Logf("%d passages in batches of %d: merges wrote %d bytes, %.1f× the index's %d", len(seedCorpus.Passages), batchSize, written, ratio, fi.Size())
	if ratio > 4 {
		t.Errorf("merges wrote %.1f× the index; want at most 4×", ratio)
	}
}

// TestEveryPassageCarriesEveryField: a passage with nothing in some fields
// (no film, no year, no section, no author) is mapped to a Bleve document
// with the same fields as a passage with everything, so that every batch's
// segment has the same fields and zap merges them by copying (orEmpty).
// The empty values index no term: no "" film, and an undated passage has
// no sort_year value (sort values are terms), so it still sorts last.
func TestEveryPassageCarriesEveryField(t *testing.T) {
	m, err := newMapping()
	if err != nil {
		t.Fatal(err)
	}
	display, err := newDisplayCodec(nil)
	if err != nil {
		t.Fatal(err)
	}
	fieldsOf := func(p corpus.Passage, a corpus.Article, films []corpus.Film) []string {
		t.Helper()
		d := blevedoc.NewDocument(p.ID)
		if err := m.MapDocument(d, document(p, 0, a, films, display)); err != nil {
			t.Fatal(err)
		}
		var names []string
		d.VisitFields(func(f bleveindex.Field) {
			if !slices.Contains(names, f.Name()) {
				names = append(names, f.Name())
			}
		})
		slices.Sort(names)
		return names
	}
	full := corpus.Passage{ID: "a-1", Article: "a", ArticleTitle: "A", Section: "S", Kind: "paragraph",
		Text: "Thaw was made in 1985.", Films: []string{"Thaw"}, Years: []int{1985}, Decades: []int{1980}}
	bare := corpus.Passage{ID: "b-1", Article: "b", Kind: "paragraph", Text: "Nothing dated here."}
	want := fieldsOf(full, corpus.Article{ID: "a", Author: "An Author"}, []corpus.Film{{Title: "Thaw", Aliases: []string{"Snow Melts"}}})
	if got := fieldsOf(bare, corpus.Article{ID: "b"}, nil); !slices.Equal(got, want) {
		t.Errorf("a bare passage has fields %v, a full one %v", got, want)
	}
	for _, p := range seedCorpus.Passages {
		if got := fieldsOf(p, corpus.Article{}, nil); !slices.Equal(got, want) {
			t.Fatalf("passage %s has fields %v, want %v", p.ID, got, want)
		}
	}

	r, err := seedIndex.bleve.Advanced()
	if err != nil {
		t.Fatal(err)
	}
	reader, err := r.Reader()
	if err != nil {
		t.Fatal(err)
	}
	defer reader.Close()
	for _, field := range []string{fFilm, fSortYear, fFacet, fOrd} {
		dict, err := reader.FieldDict(field)
		if err != nil {
			t.Fatal(err)
		}
		for e, err := dict.Next(); e != nil && err == nil; e, err = dict.Next() {
			if e.Term == "" {
				t.Errorf("field %s indexes the empty term (%d passages)", field, e.Count)
			}
		}
		dict.Close()
	}
	for _, h := range doSearch(t, Request{Query: "film", Size: 100}).Hits {
		if slices.Contains(h.Films, "") {
			t.Errorf("%s: films %q", h.ID, h.Films)
		}
	}
}

// TestBuildCancelledInAMerge: a build cancelled as a run of batches is to
// be merged (zap is given a closed channel and abandons the merge) stops
// with context.Canceled and leaves no generation.
func TestBuildCancelledInAMerge(t *testing.T) {
	defer func(n int) { batchSize = n }(batchSize)
	batchSize = 4
	root := t.TempDir()
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	_, err := Build(ctx, seedCorpus, root, BuildOptions{Progress: func(done, total int) {
		if done >= mergeFanIn*batchSize {
			cancel() // the worker that built this batch merges the run next
		}
	}})
	if !errors.Is(err, context.Canceled) {
		t.Fatalf("err = %v, want context.Canceled", err)
	}
	if gens, partials, err := listGenerations(root); err != nil || len(gens)+len(partials) != 0 {
		t.Errorf("generations %v, partial builds %v (%v) after a cancelled build", gens, partials, err)
	}
}

// TestBuildRefusesDuplicatePassageIDs: two passages with one ID are refused
// before anything is built (scorch replaced the first with the second).
func TestBuildRefusesDuplicatePassageIDs(t *testing.T) {
	c := smallCorpus(t, "")
	dup := c.Passages[0]
	dup.Text = "Another passage under the same ID."
	c.Passages = append(c.Passages, dup)
	_, err := Build(context.Background(), c, t.TempDir(), BuildOptions{})
	if err == nil || !strings.Contains(err.Error(), dup.ID) {
		t.Errorf("err = %v, want one naming passage %s", err, dup.ID)
	}
}

// TestBadCurrentFallsBack: an empty, garbled, huge or symlinked CURRENT
// does not stop serving while good generations exist: the newest good one
// is served and Degraded says why; the error quotes a short escaped prefix
// only and never follows the link; the next build repairs CURRENT.
func TestBadCurrentFallsBack(t *testing.T) {
	root := t.TempDir()
	ctx := context.Background()
	c := smallCorpus(t, "")
	for range 2 {
		if _, err := Build(ctx, c, root, BuildOptions{Force: true}); err != nil {
			t.Fatal(err)
		}
	}
	secret := filepath.Join(t.TempDir(), "secret")
	os.WriteFile(secret, []byte("gen-000001 is not what this file says: token=hunter2\n"), 0o600)
	current := filepath.Join(root, "CURRENT")
	for _, tc := range []struct {
		name  string
		write func()
		want  string
	}{
		{"empty", func() { os.WriteFile(current, nil, 0o644) }, "holds nothing"},
		{"garbled", func() { os.WriteFile(current, []byte("gen-\x00\x1b[31m\n"), 0o644) }, `"gen-\x00\x1b[31m\n"`},
		{"huge", func() { os.WriteFile(current, bytes.Repeat([]byte("gen-000002"), 200_000), 0o644) }, "(more than 256 bytes)"},
		{"symlink", func() { os.Remove(current); os.Symlink(secret, current) }, "symbolic link"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			os.Remove(current)
			tc.write()
			_, err := Open(root)
			if !errors.Is(err, ErrBadCurrent) || !strings.Contains(err.Error(), tc.want) || len(err.Error()) > 300 || strings.Contains(err.Error(), "hunter2") {
				t.Fatalf("Open: %v", err)
			}
			live, err := OpenLive(root)
			if err != nil {
				t.Fatalf("OpenLive: %v", err)
			}
			defer live.Close()
			if g := live.Manifest().Generation; g != "gen-000002" || !strings.Contains(live.Degraded(), "gen-000002") {
				t.Errorf("serving %s (%q), want gen-000002", g, live.Degraded())
			}
		})
	}
	if _, err := Build(ctx, c, root, BuildOptions{}); err != nil {
		t.Fatalf("a build over a bad CURRENT: %v", err)
	}
	if cur, err := Current(root); err != nil || cur != "gen-000003" {
		t.Errorf("after the build CURRENT is %q, %v", cur, err)
	}
	if b, _ := os.ReadFile(secret); !bytes.Contains(b, []byte("hunter2")) {
		t.Error("the file the link pointed at was changed")
	}
}
