package index

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"sort"
	"strconv"
	"sync"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/search/query"

	"cinesearch/corpus"
)

// Index is one open, read-only generation of the search index with its
// catalogue. It is safe for concurrent use.
type Index struct {
	bleve    bleve.Index
	dir      string
	manifest Manifest
	cat      catalogue
	// display restores stored passage texts (display.go).
	display *displayCodec
	// planner turns requests into Bleve requests (plan.go).
	planner
	// noSets turns the match-set path off (sets.go), for tests to compare
	// it with the facet pass.
	noSets bool
	// bleveLoads has Bleve load the hits' stored fields, as it did before
	// storedFieldsOf, for tests to compare.
	bleveLoads bool
	// bleveTerms has Bleve's searchers score terms instead of reading
	// their postings (fused.go), for tests to compare.
	bleveTerms bool
	// dict is the unstemmed field's words, loaded at first use.
	dictOnce sync.Once
	dict     termDict
	// typos remembers typoNeighbours' answers (typo.go).
	typos  map[typoKey][]neighbour
	typoMu sync.RWMutex
	// stems and exacts cache stemOf and exactOf.
	stems  map[string]string
	exacts map[string]string
	stemMu sync.RWMutex
	// catalogue is the manifest, films and articles, for callers.
	catalogue *Catalogue
	// articleTitle maps article IDs to titles.
	articleTitle map[string]string
	closeOnce    sync.Once
	closeErr     error
}

// Open opens the current generation of the index in root, read-only.
func Open(root string) (*Index, error) {
	name, err := readCurrent(root)
	if err != nil {
		return nil, err
	}
	return OpenGeneration(filepath.Join(root, name))
}

// OpenGeneration opens one generation directory. Every file is checked
// against the checksums in the manifest first: Bleve detects neither flipped
// bytes inside a segment (it serves wrong hits, or panics on a search) nor a
// damaged catalogue, so a generation is never opened unchecked. A damaged
// generation is a *DamagedError.
func OpenGeneration(dir string) (*Index, error) {
	name := filepath.Base(dir)
	var man Manifest
	if err := readJSON(filepath.Join(dir, manifestFile), &man); err != nil {
		if errors.Is(err, fs.ErrPermission) {
			return nil, permissionError(err)
		}
		return nil, &DamagedError{Generation: name, File: manifestFile, Reason: "cannot be read: " + err.Error()}
	}
	if man.Format != manifestFormat || man.MappingVersion != MappingVersion {
		return nil, fmt.Errorf("%w: %s has mapping version %d (format %d), this binary needs %d; rebuild with 'cinesearch index --force'",
			ErrIncompatible, dir, man.MappingVersion, man.Format, MappingVersion)
	}
	if err := verifyGeneration(dir, man); err != nil {
		return nil, err
	}
	ix := &Index{dir: dir, manifest: man, stems: map[string]string{}, exacts: map[string]string{}}
	if err := readJSON(filepath.Join(dir, catalogueFile), &ix.cat); err != nil {
		return nil, &DamagedError{Generation: name, File: catalogueFile, Reason: "cannot be read: " + err.Error()}
	}
	limitExpansion()
	registerAnalysis()
	// read_only: the server never writes. bolt_timeout: a second open of a
	// directory whose bbolt lock is held would otherwise block forever.
	bi, err := bleve.OpenUsing(filepath.Join(dir, bleveDir), map[string]any{"read_only": true, "bolt_timeout": "2s"})
	if err != nil {
		return nil, fmt.Errorf("open index %s: %w", dir, err)
	}
	ix.bleve = bi
	n, err := bi.DocCount()
	if err != nil || n != uint64(man.Passages) {
		bi.Close()
		return nil, &DamagedError{Generation: name, File: bleveDir, Reason: fmt.Sprintf("holds %d passages, its manifest says %d", n, man.Passages)}
	}
	if ix.text = bi.Mapping().AnalyzerNamed(analyzerText); ix.text == nil {
		bi.Close()
		return nil, fmt.Errorf("index %s: analyzer %s missing", dir, analyzerText)
	}
	ix.exact = bi.Mapping().AnalyzerNamed(analyzerExact)
	if ix.display, err = newDisplayCodec(ix.cat.DisplayDict); err != nil {
		bi.Close()
		return nil, &DamagedError{Generation: name, File: catalogueFile, Reason: err.Error()}
	}
	ix.films = newFilmIndex(ix.cat.Films)
	if ix.ranks, ix.facets, err = docTablesOf(bi); err != nil {
		bi.Close()
		return nil, fmt.Errorf("open index %s: %w", dir, err)
	}
	ix.catalogue = newCatalogue(man, ix.cat, ix.films)
	ix.known = func(exact, stem string) bool { return ix.dictionary().has(exact, stem) }
	ix.typosOf = ix.typoNeighbours
	ix.startsWords = func(p string) bool { return ix.dictionary().hasPrefix(p) }
	ix.articleTitle = make(map[string]string, len(ix.cat.Articles))
	for _, a := range ix.cat.Articles {
		ix.articleTitle[a.ID] = a.Title
	}
	return ix, nil
}

// Verify checks every file of the generation against the checksums in its
// manifest again (OpenGeneration did so once).
func (ix *Index) Verify() error { return verifyGeneration(ix.dir, ix.manifest) }

// DamagedError says that a generation's files do not match its manifest:
// a flipped bit, a truncated or missing file. Such a generation is never
// served, and a build does not count it as up to date.
type DamagedError struct {
	Generation string
	// File is the damaged file, relative to the generation directory.
	File   string
	Reason string
}

func (e *DamagedError) Error() string {
	return fmt.Sprintf("generation %s is damaged: %s %s", e.Generation, e.File, e.Reason)
}

// verifyGeneration checks the files of the generation in dir against man.
func verifyGeneration(dir string, man Manifest) error {
	name := filepath.Base(dir)
	sums, _, err := checksumTree(filepath.Join(dir, bleveDir))
	if err != nil {
		if errors.Is(err, fs.ErrPermission) {
			return permissionError(err)
		}
		return &DamagedError{Generation: name, File: bleveDir, Reason: "cannot be read: " + err.Error()}
	}
	for f, want := range man.Files {
		got, ok := sums[f]
		switch {
		case !ok:
			return &DamagedError{Generation: name, File: path.Join(bleveDir, f), Reason: "is missing"}
		case got != want:
			return &DamagedError{Generation: name, File: path.Join(bleveDir, f), Reason: "does not match its checksum"}
		}
	}
	if len(sums) != len(man.Files) {
		return &DamagedError{Generation: name, File: bleveDir, Reason: fmt.Sprintf("holds %d files, its manifest lists %d", len(sums), len(man.Files))}
	}
	if man.Catalogue != "" {
		got, err := checksumFile(filepath.Join(dir, catalogueFile))
		if errors.Is(err, fs.ErrPermission) {
			return permissionError(err)
		}
		if err != nil || got != man.Catalogue {
			return &DamagedError{Generation: name, File: catalogueFile, Reason: "does not match its checksum"}
		}
	}
	return nil
}

// permissionError names a file the serving user cannot read. Bleve itself
// would report such a file as "metadata missing".
func permissionError(err error) error {
	return fmt.Errorf("permission denied: the index must be readable by the user serving it (uid %d): %w", os.Geteuid(), err)
}

// Close closes the index. Closing twice is harmless (Bleve itself panics).
func (ix *Index) Close() error {
	ix.closeOnce.Do(func() { ix.closeErr = ix.bleve.Close() })
	return ix.closeErr
}

// Manifest returns the generation's manifest.
func (ix *Index) Manifest() Manifest { return ix.manifest }

// Dir is the generation directory.
func (ix *Index) Dir() string { return ix.dir }

// SizeBytes is the size of the generation on disk.
func (ix *Index) SizeBytes() int64 { return dirSize(ix.dir) }

// Catalogue returns the generation's manifest, films and articles.
func (ix *Index) Catalogue() *Catalogue { return ix.catalogue }

// Passage returns one passage with its article and, when q is not empty,
// the query's words marked in its fragments. ErrNotFound if there is none.
func (ix *Index) Passage(ctx context.Context, id string) (Hit, error) {
	hits, err := ix.passages(ctx, []string{id})
	if err != nil {
		return Hit{}, err
	}
	if len(hits) == 0 {
		return Hit{}, ErrNotFound
	}
	return hits[0], nil
}

// Around returns the passage with the given ID and up to n passages before
// and after it in its article, in article order.
func (ix *Index) Around(ctx context.Context, id string, n int) ([]Hit, error) {
	p, err := ix.Passage(ctx, id)
	if err != nil {
		return nil, err
	}
	var ids []string
	for o := max(1, p.Ordinal-n); o <= p.Ordinal+n; o++ {
		ids = append(ids, corpus.PassageID(p.Article.ID, o))
	}
	return ix.passages(ctx, ids)
}

// passages loads passages by ID, in ordinal order.
func (ix *Index) passages(ctx context.Context, ids []string) ([]Hit, error) {
	req := bleve.NewSearchRequestOptions(query.NewDocIDQuery(ids), len(ids), 0, false)
	req.Fields = storedFields
	res, err := ix.bleve.SearchInContext(ctx, req)
	if err != nil {
		return nil, fmt.Errorf("load passages: %w", err)
	}
	hits := make([]Hit, 0, len(res.Hits))
	for _, h := range res.Hits {
		hit, err := ix.hitFromFields(h.ID, h.Fields, 0)
		if err != nil {
			return nil, err
		}
		hits = append(hits, hit)
	}
	sort.Slice(hits, func(i, j int) bool { return hits[i].Ordinal < hits[j].Ordinal })
	return hits, nil
}

// hitFromFields decodes stored fields into a Hit.
func (ix *Index) hitFromFields(id string, f map[string]any, score float64) (Hit, error) {
	text, err := ix.display.decode(str(f[fDisplay]))
	if err != nil {
		return Hit{}, fmt.Errorf("passage %s: %w", id, err)
	}
	h := Hit{
		ID:      id,
		Section: str(f[fSection]),
		Kind:    str(f[fKind]),
		Text:    text,
		Films:   strs(f[fFilm]),
		Years:   yearsOf(f[fYearKey]),
		Score:   score,
		Ordinal: int(num(f[fOrdinal])),
	}
	h.Article = ArticleRef{ID: str(f[fArticle]), Title: ix.articleTitle[str(f[fArticle])]}
	h.Fragments = []string{}
	return h, nil
}

func str(v any) string {
	s, _ := v.(string)
	return s
}

func num(v any) float64 {
	f, _ := v.(float64)
	return f
}

// strs reads a stored multi-valued string field (a single value comes back
// as a string, several as []any; no value is stored as "", see orEmpty).
func strs(v any) []string {
	switch v := v.(type) {
	case string:
		if v != "" {
			return []string{v}
		}
	case []any:
		out := make([]string, 0, len(v))
		for _, x := range v {
			if s, ok := x.(string); ok && s != "" {
				out = append(out, s)
			}
		}
		return out
	}
	return []string{}
}

// yearsOf reads the stored year keys of a passage.
func yearsOf(v any) []int {
	keys := strs(v)
	out := make([]int, 0, len(keys))
	for _, k := range keys {
		if y, err := strconv.Atoi(k); err == nil {
			out = append(out, y)
		}
	}
	sort.Ints(out)
	return out
}
