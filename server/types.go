package server

// The JSON API's types. They belong to the server, not to the index: the
// index answers in Go values (index.Result, index.Hit, index.Film), and
// the wire format, documented in README.md, is decided here. The page
// templates read the same values.

import "cinesearch/index"

// SearchResponse is the body of GET /api/search (and of `cinesearch search
// --json`).
type SearchResponse struct {
	Query      string  `json:"query"`
	Total      uint64  `json:"total"`
	TookMS     float64 `json:"took_ms"`
	Page       int     `json:"page"`
	Size       int     `json:"size"`
	Sort       string  `json:"sort"`
	Hits       []Hit   `json:"hits"`
	Facets     Facets  `json:"facets"`
	Suggestion string  `json:"suggestion"`
	// Film is the film the query names by one of its titles; its
	// passages rank first.
	Film *Film `json:"film,omitempty"`
	// Corrected is the query as searched when a word of it is in no
	// passage and the hits came through typo tolerance.
	Corrected string `json:"corrected,omitempty"`
	// Partial is true when no passage matched every word and the hits are
	// the best partial matches; Notice says so in words.
	Partial bool   `json:"partial"`
	Notice  string `json:"notice,omitempty"`
	// Filters echoes the filters applied (from the request and the query).
	Filters Filters `json:"filters"`
	// Generation identifies the index generation that answered.
	Generation string `json:"generation,omitempty"`
}

// Filters are the film and year restrictions a search applied.
type Filters struct {
	Films    []string `json:"films"`
	Authors  []string `json:"authors,omitempty"`
	YearFrom int      `json:"year_from,omitempty"`
	YearTo   int      `json:"year_to,omitempty"`
}

// Hit is one passage in an answer.
type Hit struct {
	ID      string     `json:"id"`
	Article ArticleRef `json:"article"`
	Section string     `json:"section"`
	Kind    string     `json:"kind"`
	Films   []string   `json:"films"`
	Years   []int      `json:"years"`
	// Text is the passage as written (raw: escape it wherever it is shown).
	Text string `json:"text"`
	// Fragments are up to three excerpts as HTML: every character escaped,
	// matched words wrapped in <mark>.
	Fragments []string `json:"fragments"`
	Score     float64  `json:"score"`
	Ordinal   int      `json:"ordinal"`
}

// ArticleRef names a passage's article.
type ArticleRef struct {
	ID    string `json:"id"`
	Title string `json:"title"`
}

// Facets are the counts that narrow a search (disjunctive: the film counts
// ignore the film filter, the year counts the year filter).
type Facets struct {
	Films   []FilmCount   `json:"films"`
	Years   []YearCount   `json:"years"`
	Decades []DecadeCount `json:"decades"`
}

// FilmCount is a film facet entry.
type FilmCount struct {
	Value    string `json:"value"`
	Count    int    `json:"count"`
	Selected bool   `json:"selected"`
}

// YearCount is a year facet entry.
type YearCount struct {
	Year     int  `json:"year"`
	Count    int  `json:"count"`
	Selected bool `json:"selected"`
}

// DecadeCount is a decade facet entry (1980 = the 1980s).
type DecadeCount struct {
	Decade   int  `json:"decade"`
	Count    int  `json:"count"`
	Selected bool `json:"selected"`
}

// PassageResponse is the body of GET /api/passages/{id}: the passage and
// the IDs of its neighbours in the article (null at either end).
type PassageResponse struct {
	Hit
	Previous *string `json:"previous"`
	Next     *string `json:"next"`
}

// Film is a catalogue entry, as GET /api/films lists it.
type Film struct {
	Title    string   `json:"title"`
	Slug     string   `json:"slug"`
	Year     int      `json:"year"`
	Kind     string   `json:"kind"`
	Aliases  []string `json:"aliases"`
	Passages int      `json:"passages"`
}

// FilmsResponse is the body of GET /api/films.
type FilmsResponse struct {
	Films []Film `json:"films"`
	Total int    `json:"total"`
}

// Article is what the passage page shows of an article.
type Article struct {
	ID, Title, Author, Date, Source string
}

// NewSearchResponse is the wire form of a search result.
func NewSearchResponse(r index.Result) SearchResponse {
	out := SearchResponse{
		Query: r.Query, Total: r.Total, TookMS: r.TookMS, Page: r.Page, Size: r.Size, Sort: r.Sort,
		Hits: make([]Hit, len(r.Hits)), Suggestion: r.Suggestion, Corrected: r.Corrected, Partial: r.Partial, Notice: r.Notice,
		Filters:    Filters{Films: r.Filters.Films, Authors: r.Filters.Authors, YearFrom: r.Filters.YearFrom, YearTo: r.Filters.YearTo},
		Generation: r.Generation,
		Facets: Facets{
			Films:   make([]FilmCount, len(r.Facets.Films)),
			Years:   make([]YearCount, len(r.Facets.Years)),
			Decades: make([]DecadeCount, len(r.Facets.Decades)),
		},
	}
	if out.Filters.Films == nil {
		out.Filters.Films = []string{}
	}
	for i, h := range r.Hits {
		out.Hits[i] = newHit(h)
	}
	if r.Film != nil {
		f := newFilm(*r.Film)
		out.Film = &f
	}
	for i, f := range r.Facets.Films {
		out.Facets.Films[i] = FilmCount{Value: f.Value, Count: f.Count, Selected: f.Selected}
	}
	for i, y := range r.Facets.Years {
		out.Facets.Years[i] = YearCount{Year: y.Year, Count: y.Count, Selected: y.Selected}
	}
	for i, d := range r.Facets.Decades {
		out.Facets.Decades[i] = DecadeCount{Decade: d.Decade, Count: d.Count, Selected: d.Selected}
	}
	return out
}

func newHit(h index.Hit) Hit {
	if h.Fragments == nil {
		h.Fragments = []string{} // fragments=0: an empty list, not null
	}
	return Hit{
		ID: h.ID, Article: ArticleRef{ID: h.Article.ID, Title: h.Article.Title}, Section: h.Section, Kind: h.Kind,
		Films: h.Films, Years: h.Years, Text: h.Text, Fragments: h.Fragments, Score: h.Score, Ordinal: h.Ordinal,
	}
}

func newFilm(f index.Film) Film {
	return Film{Title: f.Title, Slug: f.Slug, Year: f.Year, Kind: string(f.Kind), Aliases: f.Aliases, Passages: f.Passages}
}

func newArticle(a index.Article) Article {
	return Article{ID: a.ID, Title: a.Title, Author: a.Author, Date: a.Date, Source: a.Source}
}
