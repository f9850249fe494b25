package index

// A generation's one segment, built outside scorch's online path.
//
// A generation is written once and never changed, and it is served from
// one segment (fused.go, sets.go). Scorch's online path (Batch) is made for
// an index that takes writes for ever: every batch is analysed, built into
// a segment, introduced into a new snapshot, checked against every segment
// already there for the IDs it replaces, and written with a root snapshot
// by one persister goroutine, while one merger goroutine merges segments by
// tiers; the build then merged everything into one segment. At sotu ×10
// that was 20.7 s of batches on two cores and a 2.6 s final merge on one,
// with a tenth of the CPU in bookkeeping the build does not need (ID
// lookups in older segments, document sizes, snapshots).
//
// assembleSegment does the same work as a pipeline of its own with zap,
// the segment format scorch writes: workers (one per core) map, analyse
// and build batches of passages into in-memory segments, and whichever
// worker completes a run of mergeFanIn of them merges the run into a
// segment file; the runs' files and the last in-memory segments are then
// merged into the generation's segment. A passage is merged twice at most,
// and the merges run on both cores beside the batches. zap copies the
// postings of segments with the same fields (orEmpty in build.go).
//
// Scorch's offline builder (bleve.NewBuilder) writes the index around the
// segment: its metadata, root snapshot and mapping. It builds segments in
// one goroutine, so it is given one placeholder passage, and the segment
// it writes is replaced by the assembled one: of the segment, the root
// snapshot holds only its file name, type and version (writeIndex has the
// builder write zap's, those of the assembled segment), beside the mapping,
// a writer ID and a time; buildInto opens the result and counts its
// passages.

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"runtime/debug"
	"sync"

	"github.com/RoaringBitmap/roaring/v2"
	"github.com/blevesearch/bleve/v2"
	blevedoc "github.com/blevesearch/bleve/v2/document"
	"github.com/blevesearch/bleve/v2/mapping"
	bleveindex "github.com/blevesearch/bleve_index_api"
	segment "github.com/blevesearch/scorch_segment_api/v2"
	zap "github.com/blevesearch/zapx/v17"
)

// mergeFanIn is how many batch segments are merged into one segment file
// while a build indexes: with batches of 250, files of 2,500 passages, so
// that sotu ×10 ends with 49 files to merge and sotu ×1 with 4 and a few
// batches. The batch segments wait in memory: with runs of 20 the ×1
// build peaked at 188 MB RSS against 171–174 with runs of 10, in the same
// time (harness, alternated).
var mergeFanIn = 10

// freeBeforeMerge is the size of the runs' files above which the build
// returns its idle heap to the system before the final merge, which maps
// every file into memory: at sotu ×10 (runs of 20) the build peaked at
// 431 MB with the two together, 371 MB without, in the same time. At ×1 (30 MB of runs)
// the peak is in the batches, and returning the memory made the merge
// slower as it took it back (build 2.09–2.10 → 2.27–2.34 s).
const freeBeforeMerge = 64 << 20

// segmentPlugin is the zap version the generation's segment is written in;
// writeIndex has scorch's builder record it in the root snapshot.
var segmentPlugin = &zap.ZapPlugin{}

// assembly is one build's pipeline state.
type assembly struct {
	m        mapping.IndexMapping
	doc      func(i int) (id string, data map[string]any)
	total    int
	tmp      string        // directory for the run files
	closeCh  chan struct{} // closed when the build is cancelled: zap stops merging
	progress func(done, total int)

	mu     sync.Mutex
	next   int               // next batch to build
	done   int               // passages built
	fresh  []segment.Segment // in-memory batch segments not merged yet
	files  []string          // merged run files
	seq    int               // names run files
	err    error
	merged uint64 // bytes the merges wrote
}

// assembleSegment builds total passages (doc gives each one's ID and Bleve
// document) into one zap segment file at path, with temporary files in
// tmp. It returns the bytes its merges wrote, the final one included.
func assembleSegment(ctx context.Context, m mapping.IndexMapping, total int, doc func(i int) (string, map[string]any), path, tmp string, progress func(done, total int)) (uint64, error) {
	a := &assembly{m: m, doc: doc, total: total, tmp: tmp, closeCh: make(chan struct{}), progress: progress}
	stop := context.AfterFunc(ctx, func() { close(a.closeCh) })
	defer stop()
	defer func() {
		for _, s := range a.fresh {
			s.Close()
		}
		for _, f := range a.files {
			os.Remove(f)
		}
	}()
	batches := (total + batchSize - 1) / batchSize
	var wg sync.WaitGroup
	for w := 0; w < min(runtime.GOMAXPROCS(0), 4, max(batches, 1)); w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			a.work(ctx, batches)
		}()
	}
	wg.Wait()
	if err := ctx.Err(); err != nil {
		return 0, err
	}
	if a.err != nil {
		return 0, a.err
	}
	if batches == 0 {
		// An empty corpus: an empty segment.
		s, err := a.batch(0, 0)
		if err != nil {
			return 0, err
		}
		a.fresh = append(a.fresh, s)
	}
	if a.merged > freeBeforeMerge {
		debug.FreeOSMemory()
	}
	files, fresh := a.files, a.fresh
	a.files, a.fresh = nil, nil // merge closes and removes them
	n, err := a.merge(files, fresh, path)
	if err != nil {
		return 0, err
	}
	return a.merged + n, nil
}

// work builds batches, and merges a run of them when one is complete,
// until no batch is left or the build fails.
func (a *assembly) work(ctx context.Context, batches int) {
	for ctx.Err() == nil {
		a.mu.Lock()
		if a.err != nil || a.next >= batches {
			a.mu.Unlock()
			return
		}
		k := a.next
		a.next++
		a.mu.Unlock()

		lo, hi := k*batchSize, min((k+1)*batchSize, a.total)
		s, err := a.batch(lo, hi)
		a.mu.Lock()
		if err != nil {
			a.fail(err)
			a.mu.Unlock()
			return
		}
		a.fresh = append(a.fresh, s)
		a.done += hi - lo
		if a.progress != nil {
			a.progress(a.done, a.total)
		}
		if len(a.fresh) < mergeFanIn {
			a.mu.Unlock()
			continue
		}
		run := a.fresh
		a.fresh = nil
		a.seq++
		name := filepath.Join(a.tmp, fmt.Sprintf("run-%04d.zap", a.seq))
		a.mu.Unlock()

		n, err := a.merge(nil, run, name)
		a.mu.Lock()
		if err != nil {
			a.fail(err)
		} else {
			a.files = append(a.files, name)
			a.merged += n
		}
		a.mu.Unlock()
	}
}

// fail records the build's first error; a.mu is held.
func (a *assembly) fail(err error) {
	if a.err == nil {
		a.err = err
	}
}

// batch maps, analyses and builds passages [lo, hi) into an in-memory
// segment, as scorch's Batch does.
func (a *assembly) batch(lo, hi int) (segment.Segment, error) {
	docs := make([]bleveindex.Document, 0, hi-lo)
	for i := lo; i < hi; i++ {
		id, data := a.doc(i)
		d := blevedoc.NewDocument(id)
		if err := a.m.MapDocument(d, data); err != nil {
			return nil, fmt.Errorf("passage %s: %w", id, err)
		}
		d.AddIDField()
		d.VisitFields(func(f bleveindex.Field) {
			if f.Options().IsIndexed() {
				f.Analyze()
				if d.HasComposite() && f.Name() != "_id" {
					d.VisitComposite(func(cf bleveindex.CompositeField) {
						cf.Compose(f.Name(), f.AnalyzedLength(), f.AnalyzedTokenFrequencies())
					})
				}
			}
		})
		docs = append(docs, d)
	}
	s, _, err := segmentPlugin.New(docs)
	if err != nil {
		return nil, fmt.Errorf("build segment: %w", err)
	}
	return s, nil
}

// merge merges the segment files and the in-memory segments (which it
// closes) into one segment file at path, and removes the files. It returns
// the bytes written.
func (a *assembly) merge(files []string, mem []segment.Segment, path string) (uint64, error) {
	segs := make([]segment.Segment, 0, len(files)+len(mem))
	defer func() {
		for _, s := range segs {
			s.Close()
		}
	}()
	for _, f := range files {
		s, err := segmentPlugin.Open(f)
		if err != nil {
			return 0, fmt.Errorf("open segment %s: %w", filepath.Base(f), err)
		}
		segs = append(segs, s)
	}
	segs = append(segs, mem...)
	if _, _, err := segmentPlugin.Merge(segs, make([]*roaring.Bitmap, len(segs)), path, a.closeCh, nil); err != nil {
		os.Remove(path)
		if err == segment.ErrClosed {
			return 0, context.Canceled
		}
		return 0, fmt.Errorf("merge segments: %w", err)
	}
	for _, f := range files {
		os.Remove(f)
	}
	fi, err := os.Stat(path)
	if err != nil {
		return 0, err
	}
	return uint64(fi.Size()), nil
}

// placeholderID is the one passage scorch's builder is given (writeIndex).
const placeholderID = "cinesearch-placeholder"

// writeIndex writes a Bleve index at dir whose one segment is the segment
// file seg (moved into it).
func writeIndex(dir string, m mapping.IndexMapping, seg, tmp string) error {
	b, err := bleve.NewBuilder(dir, m, map[string]any{
		"buildPathPrefix":     tmp,
		"forceSegmentType":    zap.Type,
		"forceSegmentVersion": int(zap.Version),
	})
	if err != nil {
		return fmt.Errorf("create index: %w", err)
	}
	if err := b.Index(placeholderID, map[string]any{fKind: "placeholder"}); err != nil {
		b.Close()
		return fmt.Errorf("create index: %w", err)
	}
	if err := b.Close(); err != nil {
		return fmt.Errorf("create index: %w", err)
	}
	zaps, err := filepath.Glob(filepath.Join(dir, "store", "*.zap"))
	if err != nil || len(zaps) != 1 {
		return fmt.Errorf("create index: scorch's builder wrote segments %v (%v), want one", zaps, err)
	}
	if err := os.Rename(seg, zaps[0]); err != nil {
		return fmt.Errorf("create index: %w", err)
	}
	return nil
}

// buildMerged, if set, is told how many bytes a build's merges wrote
// (tests).
var buildMerged func(written uint64)
