package server

import (
	"context"
	"time"
)

// Texts is the archivist's texts directory, as the admin API uses it. cmd
// passes corpus's TextDir through a small adapter; the server knows
// nothing of how texts are read. Errors follow two conventions, so that
// the server need not import the package that makes them: a missing text
// wraps fs.ErrNotExist, and a refused name or content has a method
// TextProblem() (name string, line int, kind string), kind being
// "bad_name", "bad_text" or "too_large".
type Texts interface {
	// List returns every text, sorted by name.
	List() ([]TextInfo, error)
	// Put checks a text and writes it; created says it is new. Nothing
	// is written unless the check passes before ctx is done.
	Put(ctx context.Context, name string, data []byte) (info TextInfo, created bool, err error)
	// Delete removes a text.
	Delete(name string) error
	// CheckName returns an error when name cannot be a text's.
	CheckName(name string) error
	// IsCatalogue reports whether name is the film catalogue rather than
	// an article.
	IsCatalogue(name string) bool
	// MaxBytes is the largest text Put accepts.
	MaxBytes() int
	// Read returns a text's bytes.
	Read(name string) ([]byte, error)
	// Preview reads a text as the next build will: its passages, films
	// and years.
	Preview(ctx context.Context, name string) (TextPreview, error)
}

// TextInfo describes one text, as the admin API lists it.
type TextInfo struct {
	// Name is the path relative to the texts directory.
	Name     string    `json:"name"`
	Size     int64     `json:"size"`
	Modified time.Time `json:"modified"`
	// Title is the article title the text gives; empty when the text
	// cannot be used (Problem says why).
	Title   string `json:"title,omitempty"`
	Problem string `json:"problem,omitempty"`
	// Digest is the hex SHA-256 of the text's bytes.
	Digest string `json:"digest"`
	// Warnings are problems that cost part of the text, each naming its
	// line.
	Warnings []string `json:"warnings,omitempty"`
	// Films are the films found in the text, in order of first appearance.
	Films []string `json:"films,omitempty"`
}

// TextPreview is one text as the next build will read it.
type TextPreview struct {
	Name     string           `json:"name"`
	Title    string           `json:"title"`
	Passages []PreviewPassage `json:"passages"`
	// Films are the films its passages are labelled with, with their
	// passage counts in this text.
	Films []PreviewFilm `json:"films"`
	// Years are the years its passages speak of, ascending.
	Years    []int    `json:"years"`
	Warnings []string `json:"warnings"`
}

// PreviewPassage is one passage of a preview.
type PreviewPassage struct {
	Section string   `json:"section"`
	Kind    string   `json:"kind"`
	Films   []string `json:"films"`
	Years   []int    `json:"years"`
	Text    string   `json:"text"`
}

// PreviewFilm is a film of a preview.
type PreviewFilm struct {
	Title    string `json:"title"`
	Year     int    `json:"year,omitempty"`
	Passages int    `json:"passages"`
}

// textProblem is a refused name or text (see Texts).
type textProblem interface {
	error
	TextProblem() (name string, line int, kind string)
}
