package index

// Building one generation: corpus passages → Bleve documents on disk.

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"runtime/debug"
	"strconv"
	"sync"
	"sync/atomic"
	"time"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/index/scorch"
	"github.com/blevesearch/bleve/v2/index/scorch/mergeplan"

	"cinesearch/corpus"
)

const (
	manifestFormat = 1
	bleveDir       = "bleve"
	manifestFile   = "manifest.json"
	catalogueFile  = "catalogue.json"
)

// batchSize is the passages per Bleve batch. Each batch's analysed fields
// and its in-memory segment are live until it is written, two batches at a
// time: on sotu (cinesearch index), 1,000 passages peaked at 301–317 MB
// RSS, 500 at 208–220 MB, 350 at 186–187 MB and 250 at 162–163 MB. Since
// a build merges ten batches at a time (buildMerges) the build time is the
// same from 350 down to 250 on sotu (cinesearch bench, two runs each,
// alternated: 2.46–2.53 s at 350, 2.46–2.48 at 250) and the peak is 12–13
// % lower (193–198 → 172–175 MB, against the baseline's 188–204); at ×10
// 250 costs 4–5 % (harness: 24.3–25.0 → 25.5–26.3 s). A variable so that
// tests can build many segments from a small corpus.
var batchSize = 250

// freeBeforeMerge is the size of the segments to merge above which a build
// returns its idle heap to the system before merging.
const freeBeforeMerge = 64 << 20

// bleveVersion is the Bleve module version this binary links, recorded in
// manifests (an index written by a newer Bleve cannot be read by an older).
var bleveVersion = func() string {
	if bi, ok := debug.ReadBuildInfo(); ok {
		for _, d := range bi.Deps {
			if d.Path == "github.com/blevesearch/bleve/v2" {
				return d.Version
			}
		}
	}
	return "unknown"
}()

// catalogue is what the server needs beside the index: articles and films.
type catalogue struct {
	Articles []corpus.Article `json:"articles"`
	Films    []corpus.Film    `json:"films"`
	// DisplayDict is the dictionary the stored passage texts are
	// compressed with (display.go); empty for a corpus too small for one.
	DisplayDict []byte `json:"display_dict,omitempty"`
}

// document is the Bleve document of a passage.
func document(p corpus.Passage, ord int, a corpus.Article, films []corpus.Film, display *displayCodec) map[string]any {
	articleYear := a.Year()
	filmText := make([]string, 0, len(p.Films)*2)
	for _, t := range p.Films {
		filmText = append(filmText, t)
		for _, f := range films {
			if f.Title == t {
				filmText = append(filmText, f.Aliases...)
				break
			}
		}
	}
	yearKeys := make([]string, len(p.Years))
	for i, y := range p.Years {
		yearKeys[i] = strconv.Itoa(y)
	}
	facet := make([]string, 0, len(p.Films)+len(p.Years)+len(p.Decades)+1)
	for _, f := range p.Films {
		facet = append(facet, facetFilm+f)
	}
	for _, y := range yearKeys {
		facet = append(facet, facetYear+y)
	}
	for _, d := range p.Decades {
		facet = append(facet, facetDecade+strconv.Itoa(d))
	}
	facet = append(facet, facetKindPrefix+p.Kind)
	search := p.SearchText()
	doc := map[string]any{
		fText:     search,
		fExact:    search,
		fDisplay:  display.encode(p.Text),
		fTitle:    p.ArticleTitle,
		fAuthor:   a.Author,
		fSection:  p.Section,
		fFilm:     orEmpty(p.Films),
		fFilmText: orEmpty(filmText),
		fYearKey:  orEmpty(yearKeys),
		fFacet:    facet,
		fArticle:  p.Article,
		fKind:     p.Kind,
		fOrd:      ordKey(ord),
		fOrdinal:  float64(p.Ordinal),
		// sort_year is empty (no term, so no doc value) when nothing dates
		// the passage, so that it sorts last in both directions.
		fSortYear: "",
	}
	if len(p.Years) > 0 {
		doc[fSortYear] = strconv.Itoa(p.Years[0])
	} else if articleYear > 0 {
		doc[fSortYear] = strconv.Itoa(articleYear)
	}
	return doc
}

// orEmpty is values, or one empty value when there are none. Every passage
// carries every field, empty where it has nothing (an empty value indexes
// no term: analyzerKeyword, and the text analyzers find no words in it),
// because a segment's fields are those its passages have, and zap merges
// segments with the same fields by copying their postings and stored
// values, but decodes and re-encodes every posting of segments whose fields
// differ. A batch without a passage that names a film (or has no year) made
// every merge above it take the slow path: at sotu ×10 the build's merges
// took 12.2 s of CPU, and 8.4 s with every passage carrying every field.
func orEmpty(values []string) any {
	if len(values) == 0 {
		return ""
	}
	return values
}

// buildInto writes a complete generation into dir (which must not exist):
// the Bleve index, merged to few segments, then the catalogue and a
// manifest with file checksums, all synced to disk.
func buildInto(ctx context.Context, c *corpus.Corpus, dir, generation, source string, progress func(done, total int)) (Manifest, error) {
	start := time.Now()
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return Manifest{}, err
	}
	m, err := newMapping()
	if err != nil {
		return Manifest{}, fmt.Errorf("mapping: %w", err)
	}
	asyncErrs := watchAsyncErrors(filepath.Join(dir, bleveDir))
	defer asyncErrs.stop()
	bi, err := bleve.NewUsing(filepath.Join(dir, bleveDir), m, scorch.Name, scorch.Name,
		map[string]any{"asyncErrorCallbackName": asyncErrorCallback, "scorchMergePlanOptions": buildMerges()})
	if err != nil {
		return Manifest{}, fmt.Errorf("create index: %w", err)
	}
	closed := false
	defer func() {
		if !closed {
			bi.Close()
		}
	}()
	articles := map[string]corpus.Article{}
	for _, a := range c.Articles {
		articles[a.ID] = a
	}
	dict := displayDict(c.Passages)
	display, err := newDisplayCodec(dict)
	if err != nil {
		return Manifest{}, err
	}
	filmsByTitle := map[string][]corpus.Film{}
	for _, f := range c.Films {
		filmsByTitle[f.Title] = []corpus.Film{f}
	}
	// Batches are built and written by several goroutines at once: Bleve
	// analyses a batch's documents in parallel, but mapping the documents
	// and building the batch's segment happen in the caller, one core each.
	var (
		next     atomic.Int64
		done     atomic.Int64
		errOnce  sync.Once
		buildErr error
		wg       sync.WaitGroup
		progMu   sync.Mutex
	)
	fail := func(err error) { errOnce.Do(func() { buildErr = err }) }
	chunks := (len(c.Passages) + batchSize - 1) / batchSize
	for w := 0; w < min(runtime.GOMAXPROCS(0), 4, chunks); w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for {
				k := int(next.Add(1) - 1)
				if k >= chunks || ctx.Err() != nil {
					return
				}
				batch := bi.NewBatch()
				lo, hi := k*batchSize, min((k+1)*batchSize, len(c.Passages))
				for i := lo; i < hi; i++ {
					p := c.Passages[i]
					var films []corpus.Film
					for _, t := range p.Films {
						films = append(films, filmsByTitle[t]...)
					}
					if err := batch.Index(p.ID, document(p, i, articles[p.Article], films, display)); err != nil {
						fail(fmt.Errorf("passage %s: %w", p.ID, err))
						return
					}
				}
				if err := bi.Batch(batch); err != nil {
					fail(fmt.Errorf("write batch: %w", err))
					return
				}
				n := done.Add(int64(hi - lo))
				if progress != nil {
					progMu.Lock()
					progress(int(n), len(c.Passages))
					progMu.Unlock()
				}
			}
		}()
	}
	wg.Wait()
	// The batches' garbage is returned to the system before a large merge,
	// which maps every segment into memory: at sotu ×10 the build peaked
	// at 441–460 MB with the two together, 376–382 MB without (a 90 ms
	// collection), and with merges during the build (which leave less
	// idle heap at the end: 61 MB) 410 MB against 361. At ×1 (30 MB of
	// segments) the peak is in the batch phase, and returning the memory
	// only made the merge slower as it took it back (build 2.35 → 2.58 s,
	// three runs alternated).
	if dirSize(filepath.Join(dir, bleveDir)) > freeBeforeMerge {
		debug.FreeOSMemory()
	}
	if err := ctx.Err(); err != nil {
		return Manifest{}, err
	}
	if buildErr != nil {
		return Manifest{}, buildErr
	}
	if progress != nil {
		progress(len(c.Passages), len(c.Passages))
	}
	if err := forceMerge(ctx, bi, asyncErrs.ch); err != nil {
		return Manifest{}, fmt.Errorf("merge segments: %w", err)
	}
	if buildMerged != nil {
		if adv, err := bi.Advanced(); err == nil {
			if s, ok := adv.(*scorch.Scorch); ok {
				n, _ := s.StatsMap()["TotFileMergeWrittenBytes"].(uint64)
				buildMerged(n)
			}
		}
	}
	// Scorch deletes the merged-away segment files asynchronously; closing
	// now would publish them too and double the index on disk. Wait until
	// only the merged segment is left. Scorch's persister deletes unused
	// files when it has written everything, and it can look just before the
	// merger releases the merged-away files and then, with nothing more to
	// write, not look again (a sotu build once waited out the 10 s this
	// wait used to allow, and kept the files): a batch that deletes an
	// internal key nobody sets gives it a snapshot to write, and another
	// look. Served as it is after that: more files are bigger, not wrong.
	store := filepath.Join(dir, bleveDir, "store")
	for try := 0; !waitForSegments(store, 1, 250*time.Millisecond) && try < 8; try++ {
		if err := bi.DeleteInternal([]byte("cinesearch-cleanup")); err != nil {
			return Manifest{}, fmt.Errorf("clean up merged segments: %w", err)
		}
	}
	n, err := bi.DocCount()
	if err != nil {
		return Manifest{}, err
	}
	if n != uint64(len(c.Passages)) {
		return Manifest{}, fmt.Errorf("index holds %d documents, want %d (duplicate passage IDs?)", n, len(c.Passages))
	}
	closed = true
	if err := bi.Close(); err != nil {
		return Manifest{}, fmt.Errorf("close index: %w", err)
	}
	cat := catalogue{Articles: c.Articles, Films: c.Films, DisplayDict: dict}
	if err := writeJSON(filepath.Join(dir, catalogueFile), cat); err != nil {
		return Manifest{}, err
	}
	files, size, err := checksumTree(filepath.Join(dir, bleveDir))
	if err != nil {
		return Manifest{}, err
	}
	catSum, catSize, err := checksum(filepath.Join(dir, catalogueFile))
	if err != nil {
		return Manifest{}, err
	}
	man := Manifest{
		Format:         manifestFormat,
		MappingVersion: MappingVersion,
		Bleve:          bleveVersion,
		Generation:     generation,
		CorpusDigest:   c.Digest,
		Source:         source,
		Articles:       len(c.Articles),
		Passages:       len(c.Passages),
		Films:          len(c.Films),
		BuiltAt:        time.Now().UTC().Truncate(time.Second),
		BuildSeconds:   time.Since(start).Seconds(),
		Files:          files,
		Catalogue:      catSum,
		Bytes:          size + catSize,
	}
	if err := writeJSON(filepath.Join(dir, manifestFile), man); err != nil {
		return Manifest{}, err
	}
	if err := shareTree(dir); err != nil {
		return Manifest{}, err
	}
	return man, syncTree(dir)
}

// A build writes each batch as a segment and merges them into one at the
// end. Scorch's tiered merging, made for an index that takes writes for
// ever, rounds small segments up to 2,000 documents, so a build of small
// batches is always over its budget: with batches of 350, sotu's merger
// ran 12–14 merges of 37–39 segments during the batches (a passage merged
// two or three times, 1.1 s of CPU on the cores the batches need).
// buildMerges counts a batch as the smallest tier and lets twenty of them
// wait: a build of up to twenty batches merges only at the end, a larger
// one merges ten batches at a time while it indexes, so that the final
// merge (one goroutine) has tens of segments to merge, not hundreds. With
// batches of 350, sotu built in 2.6–2.7 s against 3.0–3.3, and ×10 (450
// batches) in 27 s against 30, where merging only at the end took 35 s.
func buildMerges() map[string]any {
	// scorch reads these over its defaults (ten segments a task, tiers
	// growing tenfold).
	return map[string]any{"MaxSegmentsPerTier": 20, "FloorSegmentSize": batchSize}
}

// buildMerged, if set, is told how many bytes a build's merges wrote
// (tests).
var buildMerged func(written uint64)

// mergeAll: one task of every segment (scorch's own force merge plans
// tasks of ten).
var mergeAll = func() mergeplan.MergePlanOptions {
	o := mergeplan.SingleSegmentMergePlanOptions
	o.SegmentsPerMergeTask = 1 << 30
	return o
}()

// forceMerge merges the index into one segment, which is faster to serve.
// At sotu ×10 scorch's force merge once ended with two segments (182 and 8
// MB): the generation was served from two, and the build waited 10 s for
// one (waitForSegments). So every segment is merged in one task, and the
// merge is repeated until the root holds one segment and nothing in
// memory. Scorch retries a failed merge forever (a full disk would hang
// the build), so the merge is abandoned when scorch reports an error.
func forceMerge(ctx context.Context, bi bleve.Index, asyncErr <-chan error) error {
	adv, err := bi.Advanced()
	if err != nil {
		return err
	}
	s, ok := adv.(*scorch.Scorch)
	if !ok {
		return nil
	}
	for round := 0; ; round++ {
		done := make(chan error, 1)
		go func() { done <- s.ForceMerge(ctx, &mergeAll) }()
		select {
		case err := <-done:
			if err != nil {
				return err
			}
		case err := <-asyncErr:
			return err // closing the index ends the merge
		case <-ctx.Done():
			return ctx.Err()
		}
		stats := s.StatsMap()
		inMemory, _ := stats["num_root_memorysegments"].(uint64)
		onDisk, _ := stats["num_root_filesegments"].(uint64)
		if inMemory == 0 && onDisk <= 1 {
			return nil
		}
		if round == 100 {
			// Served as it is: more segments are slower, not wrong.
			return nil
		}
		time.Sleep(10 * time.Millisecond) // let the persister write what is in memory
	}
}

// asyncErrorCallback is the name under which scorch reports background
// (persister and merger) errors to cinesearch.
const asyncErrorCallback = "cinesearch"

var asyncWatchers sync.Map // store path → chan error

// registerAsyncErrors adds cinesearch's callback to scorch's registry (a
// package-level map of Bleve's), once, by the first build rather than by
// importing this package.
var registerAsyncErrors = sync.OnceFunc(func() {
	scorch.RegistryAsyncErrorCallbacks[asyncErrorCallback] = func(err error, path string) {
		if ch, ok := asyncWatchers.Load(filepath.Clean(path)); ok {
			select {
			case ch.(chan error) <- err:
			default:
			}
		}
	}
})

type asyncWatch struct {
	ch   chan error
	stop func()
}

// watchAsyncErrors receives the background errors of the index at dir.
func watchAsyncErrors(dir string) asyncWatch {
	registerAsyncErrors()
	ch := make(chan error, 1)
	// Bleve keeps scorch's files in dir/store and reports that path.
	keys := []string{filepath.Clean(dir), filepath.Join(dir, "store")}
	for _, k := range keys {
		asyncWatchers.Store(k, ch)
	}
	return asyncWatch{ch: ch, stop: func() {
		for _, k := range keys {
			asyncWatchers.Delete(k)
		}
	}}
}

// writeJSON writes v to path and syncs it.
func writeJSON(path string, v any) error {
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	enc := json.NewEncoder(f)
	enc.SetIndent("", "  ")
	if err := enc.Encode(v); err != nil {
		f.Close()
		return fmt.Errorf("write %s: %w", path, err)
	}
	if err := f.Sync(); err != nil {
		f.Close()
		return fmt.Errorf("sync %s: %w", path, err)
	}
	return f.Close()
}

func readJSON(path string, v any) error {
	b, err := os.ReadFile(path)
	if err != nil {
		return err
	}
	if err := json.Unmarshal(b, v); err != nil {
		return fmt.Errorf("%s: %w", path, err)
	}
	return nil
}

// checksumTree returns the SHA-256 of every file below dir (paths relative
// to dir) and their total size.
func checksumTree(dir string) (map[string]string, int64, error) {
	sums := map[string]string{}
	var total int64
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		sum, n, err := checksum(p)
		if err != nil {
			return err
		}
		total += n
		rel, _ := filepath.Rel(dir, p)
		sums[filepath.ToSlash(rel)] = sum
		return nil
	})
	return sums, total, err
}

// checksumFile returns the SHA-256 of one file, in hex.
func checksumFile(p string) (string, error) {
	sum, _, err := checksum(p)
	return sum, err
}

func checksum(p string) (string, int64, error) {
	f, err := os.Open(p)
	if err != nil {
		return "", 0, err
	}
	defer f.Close()
	h := sha256.New()
	n, err := io.Copy(h, f)
	if err != nil {
		return "", 0, fmt.Errorf("read %s: %w", p, err)
	}
	return hex.EncodeToString(h.Sum(nil)), n, nil
}

// shareTree makes a generation readable by the group and others (scorch
// writes its files 0600), so that an index built by one user can be served
// by another. Nothing in it is secret: it holds the texts' passages.
func shareTree(dir string) error {
	return filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		mode := fs.FileMode(0o644)
		if d.IsDir() {
			mode = 0o755
		}
		return os.Chmod(p, mode)
	})
}

// syncTree fsyncs every file and directory below dir, so a crash after a
// rename cannot expose a generation whose data never reached the disk.
func syncTree(dir string) error {
	return filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		return syncPath(p)
	})
}

func syncPath(p string) error {
	f, err := os.Open(p)
	if err != nil {
		return err
	}
	defer f.Close()
	if err := f.Sync(); err != nil {
		return fmt.Errorf("sync %s: %w", p, err)
	}
	return nil
}

// dirSize is the size of every file below dir.
func dirSize(dir string) int64 {
	var n int64
	filepath.WalkDir(dir, func(_ string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			if info, err := d.Info(); err == nil {
				n += info.Size()
			}
		}
		return nil
	})
	return n
}

// waitForSegments waits until the store directory holds at most n segment
// files (true), or until timeout (false).
func waitForSegments(store string, n int, timeout time.Duration) bool {
	for deadline := time.Now().Add(timeout); time.Now().Before(deadline); time.Sleep(5 * time.Millisecond) {
		zaps, _ := filepath.Glob(filepath.Join(store, "*.zap"))
		if len(zaps) <= n {
			return true
		}
	}
	return false
}

// ordKey is a passage's corpus position as a sortable keyword: a number
// field would index sixteen precision terms per passage just to be sorted.
func ordKey(ord int) string { return fmt.Sprintf("%010d", ord) }
