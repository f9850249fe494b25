package corpus

import "fmt"

// Kind says what a catalogue entry is, as far as the text tells.
type Kind string

// Kinds of works. Books are recognised so that they stay out of film labels.
const (
	KindFilm   Kind = "film"
	KindSeries Kind = "series"
	KindBook   Kind = "book"
)

// Article is one source text with the metadata recovered from it.
type Article struct {
	// ID is a stable slug derived from the title (made unique within a
	// corpus by a numeric suffix); passage IDs are built from it.
	ID string `json:"id"`
	// Title is the front-matter title, else the title line, else the title
	// quoted in a comment footer, else a name made from the file name.
	Title string `json:"title"`
	// Author comes from front matter or a "By …" byline.
	Author string `json:"author,omitempty"`
	// Date is "YYYY" or "YYYY-MM-DD" when known.
	Date string `json:"date,omitempty"`
	// Source is the front-matter source or the site-name line.
	Source string `json:"source,omitempty"`
	// Path is the file's path relative to the texts directory.
	Path string `json:"path"`
	// Digest is the hex SHA-256 of the file's bytes.
	Digest string `json:"digest"`
	// Passages counts the article's passages.
	Passages int `json:"passages"`
}

// Year returns the year of the article's date, or 0.
func (a Article) Year() int {
	y := 0
	if len(a.Date) >= 4 {
		fmt.Sscanf(a.Date[:4], "%d", &y)
	}
	return y
}

// Passage is a paragraph-sized piece of an article: the unit that is indexed
// and returned as a hit.
type Passage struct {
	// ID is "<article id>-p<ordinal>", stable while the article text is.
	ID string `json:"id"`
	// Article is the article's ID; ArticleTitle its title.
	Article      string `json:"article"`
	ArticleTitle string `json:"article_title"`
	// Ordinal is the passage's 1-based position in its article.
	Ordinal int `json:"ordinal"`
	// Section is the heading path above the passage, joined with " › "
	// (e.g. "Co-productions with Japan › Bird (1992)"); empty before the
	// first heading.
	Section string `json:"section"`
	// Kind is "text", "caption" or "note".
	Kind string `json:"kind"`
	// Films are the canonical titles of the film its section is about and
	// of the films it mentions, in order of first appearance.
	Films []string `json:"films"`
	// Years are the years (1900–2035) it speaks of, ascending.
	Years []int `json:"years"`
	// Decades are the decades it speaks of ("the 1960s" → 1960), including
	// those of its Years, ascending.
	Decades []int `json:"decades"`
	// Text is the passage for display: NFC, typographic punctuation kept.
	Text string `json:"text"`
}

// SearchText returns the passage text as it should be matched: the same
// bytes as Text, except that footnote markers ("claimed4?", "(3)",
// "(see 11)") are blanked out with spaces. Keeping the byte length equal
// means match offsets found in SearchText are valid offsets into Text, so
// highlights land on the displayed words.
func (p Passage) SearchText() string { return maskFootnotes(p.Text) }

// Film is a catalogue entry: a work named in the corpus.
type Film struct {
	// Title is the canonical title (from a film heading when there is one).
	Title string `json:"title"`
	// Slug is a URL-safe form of Title, unique in the catalogue.
	Slug string `json:"slug"`
	// Year is the release year, 0 when the text gives none.
	Year int `json:"year"`
	// Kind is film, series or book.
	Kind Kind `json:"kind"`
	// Aliases are other titles the text gives (translations, original
	// titles, short forms), without the canonical title.
	Aliases []string `json:"aliases"`
	// Passages counts passages labelled with this film.
	Passages int `json:"passages"`
}

// Warning is a problem with one input file that did not stop the others
// from being read.
type Warning struct {
	File string
	Line int // 0 when not tied to a line
	Msg  string
}

func (w Warning) String() string {
	if w.Line > 0 {
		return fmt.Sprintf("%s:%d: %s", w.File, w.Line, w.Msg)
	}
	return fmt.Sprintf("%s: %s", w.File, w.Msg)
}

// Corpus is the result of reading a set of texts.
type Corpus struct {
	Articles []Article
	Passages []Passage
	// Films is the catalogue of films and series, sorted by title; books
	// are in Works only.
	Films []Film
	// Works is the whole catalogue including books.
	Works []Film
	// Warnings lists skipped files and recoverable problems, in path order.
	Warnings []Warning
	// Digest is a SHA-256 over every article's path and digest: it changes
	// exactly when the set of texts changes.
	Digest string
}
