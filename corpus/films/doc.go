// Package films finds the films an article names and decides, once per
// title per article, which of the names it finds are films.
//
// It owns everything between an article read into blocks and the works
// that label its passages:
//
//   - candidates.go: every place a title may be written — a phrase the
//     format marks (italics, <cite>, bold, link text, image alt text), a
//     quotation in any of the world's quotation pairs, a heading, a list
//     entry, a table's title cell, the article's own title and subtitle,
//     Title-Case phrases beside film words, and the titles of the base
//     catalogue wherever they occur;
//   - features.go: the evidence for and against each candidate, each a
//     named Feature (a year beside it, the head noun of its apposition, a
//     director's possessive, the section it is in, the shape of a label, a
//     person's name or a table header …);
//   - decide.go: one decision per title per article, from the features'
//     weights (fitted by logistic regression on labelled real articles, see
//     train_test.go and model.json) and the base catalogue's prior;
//   - known.go and data/known.tsv: the base catalogue of films writing
//     about North Korean cinema commonly names, with their other titles;
//   - set.go and match.go: the works of a whole corpus, merged across
//     articles, and finding their mentions in passages.
//
// The package knows nothing of file formats: corpus reads HTML, Markdown
// and plain text into a [Doc] and calls [Extract] once per article.
package films

// Kind says what a work is.
type Kind string

// Kinds of works. Books are recognised so that they stay out of film
// labels.
const (
	KindFilm   Kind = "film"
	KindSeries Kind = "series"
	KindBook   Kind = "book"
)

// Doc is one article as the reader gives it: its own titles and its
// blocks in order, with no markup left in any text.
type Doc struct {
	// Title is the article's title (front matter, og:title or <title>, a
	// title line); Subtitle its front-matter subtitle or description.
	Title, Subtitle string
	// Site is the site or publication the article comes from: a title
	// ending in it has it taken off.
	Site string
	// Type is what the article's metadata says it is ("movie", "film
	// review", its categories), lower case, or "".
	Type string
	// Names are other metadata fields that name the article's subject
	// (a front-matter "name", "film" or "movie").
	Names []string
	// FilmMeta says the metadata describes one film (an IMDb link, a
	// runtime, a director): the article is about the film Title names.
	FilmMeta bool
	// Blocks are the article's headings, paragraphs, list items, table
	// rows, captions, notes and credit lines, in order.
	Blocks []Block
}

// BlockKind says what a block is.
type BlockKind uint8

// Kinds of blocks.
const (
	Para BlockKind = iota
	Heading
	Item
	Row
	Caption
	Note
	// Credits is a line of film credits or ratings ("Director: …",
	// "Kim Ki-young · 111m · Digital", "Rating: 3/5"): metadata about
	// the title above it, never a passage.
	Credits
)

// Block is one block of an article.
type Block struct {
	Kind BlockKind
	// Level is a heading's level (1–6, 0 when the format gives none).
	Level int
	// Text is the block's text, as its passage shows it.
	Text string
	// Marks are the phrases of Text the format marks.
	Marks []Mark
	// Path is the heading path above the block.
	Path []string
	// Cells are a table row's cells; Header marks a table's heading row
	// and Table numbers the table (rows of one table share it).
	Cells  []string
	Header bool
	Table  int
}

// MarkKind says how a format marks a phrase.
type MarkKind uint8

// Kinds of marks. Quotation marks are characters of the text, found by
// this package itself.
const (
	Emphasis MarkKind = iota // <i>, <em>, <cite>, *x*, _x_
	Bold                     // <b>, <strong>, **x**
	Link                     // the text of a link
	Alt                      // an image's alternative text
)

// Mark is a phrase of a block's text that its format marks. URL is a
// link's target, when the format gives one.
type Mark struct {
	Text string
	Kind MarkKind
	URL  string
}

// kindOther is a work that is neither a film, a series nor a book: a
// song, a play, a game. It is decided on, and dropped.
const kindOther Kind = "other"
