package index

import (
	"errors"
	"time"

	"cinesearch/corpus"
)

// Limits on a search request. Larger values are refused with a
// *QueryError, never silently clipped.
const (
	MaxSize       = 100  // hits per page
	MaxPage       = 100  // pages (deep paging costs memory in Bleve)
	MaxQueryBytes = 1000 // bytes of query text
	MaxWords      = 24   // words and phrase words actually searched
	DefaultSize   = 10
	FilmFacetSize = 30
)

// Sort orders.
const (
	SortRelevance = "relevance"
	SortYear      = "year"      // oldest year spoken of first
	SortYearDesc  = "year_desc" // newest first
)

// Request is one search.
type Request struct {
	// Query in the query language (query.go). Empty with filters browses.
	Query string
	// Films restricts to passages about any of these films (canonical
	// titles), in addition to film: filters in Query.
	Films []string
	// YearFrom and YearTo restrict to passages speaking of a year in the
	// range (inclusive; 0 = open), in addition to year: filters in Query.
	YearFrom, YearTo int
	// Page is 1-based; Size is hits per page (default 10, at most MaxSize).
	Page, Size int
	// Sort is SortRelevance (default), SortYear or SortYearDesc.
	Sort string
	// NoFacets skips facet counting (the page's as-you-type requests need
	// them; programs paging through results may not).
	NoFacets bool
	// NoFragments skips highlighting: hits carry their text but no
	// fragments (programs paging through results).
	NoFragments bool
	// Typing says the reader is still typing the last word (the page's
	// as-you-type requests): it is then also matched as a prefix, even
	// when it is already a word of the archive.
	Typing bool
	// Exact turns typo tolerance off: the words are searched as typed
	// (the page's "search instead for" link after a correction).
	Exact bool
}

// Result is the answer to a Request. The server decides its wire form.
type Result struct {
	Query      string
	Total      uint64
	TookMS     float64
	Page       int
	Size       int
	Sort       string
	Hits       []Hit
	Facets     Facets
	Suggestion string
	// Film is the film the query names by one of its titles ("Gin no
	// kanzashi" is A Silver Hairpin), whose passages rank first.
	Film *Film
	// Corrected is set when a word of the query is in no passage and the
	// hits came through typo tolerance: it is the query as searched
	// ("pulgasari" for "Pulgasary"). Suggestion is empty then.
	Corrected string
	// Partial is true when no passage matched every word and the hits are
	// the best partial matches; Notice says so in words.
	Partial bool
	Notice  string
	// Filters echoes the filters applied (from the request and the query).
	Filters Filters
	// Generation identifies the index generation that answered.
	Generation string
}

// Filters are the film and year restrictions a search applied.
type Filters struct {
	Films []string
	// Authors are the author: filters, as typed.
	Authors  []string
	YearFrom int
	YearTo   int
}

// Hit is one matching passage.
type Hit struct {
	ID      string
	Article ArticleRef
	Section string
	Kind    string
	Films   []string
	Years   []int
	// Text is the passage as written (raw: escape it wherever it is shown).
	Text string
	// Fragments are up to three excerpts of about 200 characters as HTML:
	// every character escaped, matched words wrapped in <mark>.
	Fragments []string
	Score     float64
	Ordinal   int
}

// ArticleRef names a passage's article.
type ArticleRef struct {
	ID    string
	Title string
}

// Facets are the counts that let a user narrow a search. Counts are
// disjunctive: the film counts ignore the film filter (so choosing one film
// still shows what the others would give) and the year counts ignore the
// year filter.
type Facets struct {
	Films   []FilmCount
	Years   []YearCount
	Decades []DecadeCount
}

// FilmCount is a film facet entry.
type FilmCount struct {
	Value    string
	Count    int
	Selected bool
}

// YearCount is a year facet entry.
type YearCount struct {
	Year     int
	Count    int
	Selected bool
}

// DecadeCount is a decade facet entry (1980 = the 1980s).
type DecadeCount struct {
	Decade   int
	Count    int
	Selected bool
}

// Film and Article are the catalogue's entries, as the corpus reads them.
type (
	Film    = corpus.Film
	Article = corpus.Article
)

// Catalogue is what a generation knows beside its passages: its manifest,
// films and articles. It does not change once the generation is open.
type Catalogue struct {
	Manifest Manifest
	// Films are sorted by title.
	Films []Film
	// Articles are in corpus order.
	Articles []Article
	films    *filmIndex
	articles map[string]int
}

func newCatalogue(m Manifest, c catalogue, films *filmIndex) *Catalogue {
	cat := &Catalogue{Manifest: m, Films: c.Films, Articles: c.Articles, films: films, articles: map[string]int{}}
	for i, a := range c.Articles {
		cat.articles[a.ID] = i
	}
	return cat
}

// Film returns the film with the given slug, or ErrNotFound.
func (c *Catalogue) Film(slug string) (Film, error) {
	i, ok := c.films.bySlug[slug]
	if !ok {
		return Film{}, ErrNotFound
	}
	return c.Films[i], nil
}

// FilmSlug returns the slug of the film with this title or alias, or "".
func (c *Catalogue) FilmSlug(title string) string {
	if i, ok := c.films.byKey[filmKey(title)]; ok {
		return c.Films[i].Slug
	}
	return ""
}

// Article returns the article with the given ID, or ErrNotFound.
func (c *Catalogue) Article(id string) (Article, error) {
	i, ok := c.articles[id]
	if !ok {
		return Article{}, ErrNotFound
	}
	return c.Articles[i], nil
}

// Manifest describes a built index; it is written beside it.
type Manifest struct {
	Format         int    `json:"format"`
	MappingVersion int    `json:"mapping_version"`
	Bleve          string `json:"bleve"`
	Generation     string `json:"generation"`
	CorpusDigest   string `json:"corpus_digest"`
	// Source says where the texts came from ("embedded" or a directory),
	// so that serve rebuilds only from the texts the index was built from.
	Source       string    `json:"source,omitempty"`
	Articles     int       `json:"articles"`
	Passages     int       `json:"passages"`
	Films        int       `json:"films"`
	BuiltAt      time.Time `json:"built_at"`
	BuildSeconds float64   `json:"build_seconds"`
	// Files maps each file of the Bleve index to its SHA-256, checked
	// before a generation is served.
	Files map[string]string `json:"files"`
	// Catalogue is the SHA-256 of catalogue.json (absent in manifests
	// written before it was checked).
	Catalogue string `json:"catalogue,omitempty"`
	// Bytes is the generation's size on disk: the index and its catalogue.
	Bytes int64 `json:"bytes"`
}

// Errors callers distinguish.
var (
	// ErrNotFound: no passage, film or article with that ID.
	ErrNotFound = errors.New("not found")
	// ErrNoIndex: the index directory has no built index.
	ErrNoIndex = errors.New("no index built")
	// ErrIncompatible: the index was built by a version with another
	// mapping; it must be rebuilt.
	ErrIncompatible = errors.New("index built with another mapping version")
)
