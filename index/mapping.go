package index

// The index mapping: one function, one version.
//
// A passage is one Bleve document whose ID is the passage ID. Every field is
// declared here with what it costs and why it is paid for. There is no
// catch-all field and dynamic mapping is off: a field that is not listed is
// not indexed, stored or given doc values.

import (
	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/analysis/analyzer/custom"
	"github.com/blevesearch/bleve/v2/analysis/lang/en"
	"github.com/blevesearch/bleve/v2/analysis/token/lowercase"
	"github.com/blevesearch/bleve/v2/mapping"
)

// MappingVersion changes whenever the mapping or the analysis changes in a
// way that needs a rebuild. It is stored in every manifest; an index built
// with another version is rebuilt, not opened.
const MappingVersion = 13

// Field names.
const (
	// fText: the passage's search text (footnote markers blanked), English
	// analysis with stemming. Indexed only: no store (fDisplay holds the
	// text), no term vectors (highlighting is done in Go from the analyzer,
	// see highlight.go), no doc values.
	fText = "text"
	// fExact: the same text without stemming or stop words, so exact words
	// score above stemmed ones, fuzzy and prefix matching see real words, and
	// phrases keep their small words. Term vectors because phrase queries
	// need positions; byte offsets are left out (analyzerExactIndex).
	fExact = "exact"
	// fDisplay: the text as written, stored only, returned with hits.
	fDisplay = "display"
	// fTitle, fSection: searchable with a boost; the section is stored for
	// display, the title comes from the catalogue (not stored once per
	// passage).
	fTitle   = "title"
	fSection = "section"
	// fAuthor: the article's author, searchable (a name among the words
	// finds the author's passages, ranked low) and the author: filter.
	fAuthor = "author"
	// fFilm: canonical film titles, keyword, stored for display and
	// indexed for the named-film boost, which is scored by how many films
	// a passage names (a term of fFacet would be scored by how many years
	// it names too). Filters read fFacet's "film:" terms.
	fFilm = "film"
	// fFilmText: film titles and aliases as searchable text, so "Snow Melts
	// in Spring" finds passages about Thaw. Indexed only.
	fFilmText = "film_text"
	// fYearKey: the years, stored for display. The year filter is a
	// disjunction of fFacet's "year:" and "decade:" terms.
	fYearKey = "year_key"
	// fFacet: every value filters and facets read — "film:Thaw",
	// "year:1985", "decade:1980" — and the passage's kind ("kind:caption"),
	// in one keyword field with doc values: filters are its terms, and
	// counting facets and reading kinds at open read one column, where an
	// indexed keyword field per kind of value cost a dictionary and
	// postings each.
	fFacet = "facet"
	// fArticle: article ID, stored; fKind likewise (neither is searched).
	fArticle = "article"
	fKind    = "kind"
	// fOrd: the passage's position in the corpus (article order), doc
	// values for browsing in reading order. fSortYear: the first year the
	// passage speaks of (or its article's), a four-digit keyword (so it
	// sorts as a number), doc values for sort=year.
	fOrd      = "ord"
	fSortYear = "sort_year"
	// fOrdinal: the passage's position in its article, stored for context.
	fOrdinal = "ordinal"
)

// storedFields are the fields a hit loads.
var storedFields = []string{fDisplay, fSection, fFilm, fYearKey, fArticle, fKind, fOrdinal}

// newMapping builds the index mapping.
func newMapping() (mapping.IndexMapping, error) {
	registerAnalysis()
	im := bleve.NewIndexMapping()
	im.ScoringModel = "bm25"
	im.StoreDynamic = false
	im.IndexDynamic = false
	im.DocValuesDynamic = false
	// The two analyzers share their chain up to the stemmer, and a text
	// analysed by both is tokenized and filtered once (shared.go).
	for name, stem := range map[string]string{analyzerText: en.SnowballStemmerName, analyzerExact: "", analyzerExactIndex: ""} {
		if err := im.AddCustomAnalyzer(name, map[string]any{
			"type":           sharedAnalyzerType,
			"tokenizer":      asciiTokenizerName,
			"token_filters":  []any{en.PossessiveName, lowercase.Name, foldFilterName, romanFilterName, en.StopName},
			"stem":           stem,
			"positions_only": name == analyzerExactIndex,
		}); err != nil {
			return nil, err
		}
	}
	if err := im.AddCustomAnalyzer(analyzerKeyword, map[string]any{"type": custom.Name, "tokenizer": keywordTokenizerName}); err != nil {
		return nil, err
	}
	im.DefaultAnalyzer = analyzerText

	text := func(analyzer string, store, vectors bool) *mapping.FieldMapping {
		f := bleve.NewTextFieldMapping()
		f.Analyzer = analyzer
		f.Store = store
		f.Index = true
		f.IncludeTermVectors = vectors
		f.IncludeInAll = false
		f.DocValues = false
		return f
	}
	kw := func(store, docValues bool) *mapping.FieldMapping {
		f := bleve.NewKeywordFieldMapping()
		f.Analyzer = analyzerKeyword
		f.Store = store
		f.IncludeTermVectors = false
		f.IncludeInAll = false
		f.DocValues = docValues
		return f
	}
	num := func(index, store, docValues bool) *mapping.FieldMapping {
		f := bleve.NewNumericFieldMapping()
		f.Index = index
		f.Store = store
		f.IncludeInAll = false
		f.DocValues = docValues
		return f
	}
	storedOnly := bleve.NewTextFieldMapping()
	storedOnly.Index = false
	storedOnly.Store = true
	storedOnly.IncludeTermVectors = false
	storedOnly.IncludeInAll = false
	storedOnly.DocValues = false

	dm := bleve.NewDocumentStaticMapping()
	dm.AddFieldMappingsAt(fText, text(analyzerText, false, false))
	dm.AddFieldMappingsAt(fExact, text(analyzerExactIndex, false, true))
	dm.AddFieldMappingsAt(fDisplay, storedOnly)
	dm.AddFieldMappingsAt(fTitle, text(analyzerText, false, false))
	dm.AddFieldMappingsAt(fAuthor, text(analyzerText, false, false))
	dm.AddFieldMappingsAt(fSection, text(analyzerText, true, false))
	dm.AddFieldMappingsAt(fFilm, kw(true, false))
	dm.AddFieldMappingsAt(fFilmText, text(analyzerText, false, false))
	dm.AddFieldMappingsAt(fYearKey, storedOnly)
	dm.AddFieldMappingsAt(fFacet, kw(false, true))
	dm.AddFieldMappingsAt(fArticle, storedOnly)
	dm.AddFieldMappingsAt(fKind, storedOnly)
	// Sorting reads doc values, which Bleve only builds for indexed fields.
	dm.AddFieldMappingsAt(fOrd, kw(false, true))
	dm.AddFieldMappingsAt(fSortYear, kw(false, true))
	dm.AddFieldMappingsAt(fOrdinal, num(false, true, false))
	// No "_all" field: every query names its fields, and Bleve would
	// otherwise build an (empty) composite field for every passage — 7 %
	// of a build's CPU on sotu.
	dm.AddSubDocumentMapping("_all", bleve.NewDocumentDisabledMapping())
	im.DefaultMapping = dm
	im.DefaultField = fText
	if err := im.Validate(); err != nil {
		return nil, err
	}
	return im, nil
}
