// Package corpus turns article texts into the passages cinesearch indexes.
//
// It owns everything between a file on disk and a [Passage]: reading texts
// in their format (HTML pages through readability and the DOM, Markdown
// through goldmark, plain text; YAML or TOML front matter that forgives),
// the archivist's films.yaml catalogue, text hygiene (Unicode normalisation,
// invisible characters, typographic punctuation), recovering article metadata
// from the text itself (byline, site name, title line, the title hidden in a
// comment footer), dropping web-page boilerplate, splitting into
// paragraph-sized passages with their section path, and labelling passages
// with the films and years they speak of.
//
// The package knows nothing of Bleve or HTTP. Its output is deterministic: the
// same texts give the same passages, IDs and film catalogue on every run, so a
// link to a passage survives re-indexing.
//
// The rules are written to generalise to other texts about cinema, not to fit
// the two seed articles: each rule is a small function with a table test
// named after it (see *_test.go), and the seeds are covered by a golden file
// reviewed by eye.
package corpus

import "strconv"

// PassageID is the ID of the ordinal-th passage (1-based) of an article:
// "<article id>-p<ordinal>", stable while the article's text is.
func PassageID(article string, ordinal int) string {
	return article + "-p" + strconv.Itoa(ordinal)
}
