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
	"runtime/debug"
	"strconv"
	"time"

	"github.com/blevesearch/bleve/v2"

	"cinesearch/corpus"
)

const (
	manifestFormat = 1
	bleveDir       = "bleve"
	manifestFile   = "manifest.json"
	catalogueFile  = "catalogue.json"
)

// batchSize is the passages per batch segment (assemble.go). Each batch's
// analysed fields and its segment are live until the segment is built,
// one batch per core: on sotu, batches of 1,000 passages peaked at 301–317
// MB RSS, 500 at 208–220 MB, 350 at 186–187 MB and 250 at 162–163 MB (with
// scorch's online path, which built the same segments); the build time
// was the same from 350 down to 250. A variable so that tests can build
// many segments from a small corpus.
var batchSize = 250

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
// the Bleve index (one segment: assemble.go), then the catalogue and a
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
	seen := make(map[string]bool, len(c.Passages))
	for _, p := range c.Passages {
		if seen[p.ID] {
			return Manifest{}, fmt.Errorf("passage ID %s is not unique", p.ID)
		}
		seen[p.ID] = true
	}
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
	tmp, err := os.MkdirTemp(dir, "assembly-")
	if err != nil {
		return Manifest{}, err
	}
	defer os.RemoveAll(tmp)
	seg := filepath.Join(tmp, "generation.zap")
	written, err := assembleSegment(ctx, m, len(c.Passages), func(i int) (string, map[string]any) {
		p := c.Passages[i]
		var films []corpus.Film
		for _, t := range p.Films {
			films = append(films, filmsByTitle[t]...)
		}
		return p.ID, document(p, i, articles[p.Article], films, display)
	}, seg, tmp, progress)
	if err != nil {
		return Manifest{}, err
	}
	if buildMerged != nil {
		buildMerged(written)
	}
	if err := writeIndex(filepath.Join(dir, bleveDir), m, seg, tmp); err != nil {
		return Manifest{}, err
	}
	if err := os.RemoveAll(tmp); err != nil {
		return Manifest{}, err
	}
	bi, err := bleve.OpenUsing(filepath.Join(dir, bleveDir), map[string]any{"read_only": true})
	if err != nil {
		return Manifest{}, fmt.Errorf("open the new index: %w", err)
	}
	n, err := bi.DocCount()
	bi.Close()
	if err != nil {
		return Manifest{}, err
	}
	if n != uint64(len(c.Passages)) {
		return Manifest{}, fmt.Errorf("index holds %d documents, want %d", n, len(c.Passages))
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

// ordKey is a passage's corpus position as a sortable keyword: a number
// field would index sixteen precision terms per passage just to be sorted.
func ordKey(ord int) string { return fmt.Sprintf("%010d", ord) }
