package corpus

// Previews: how one text of a texts directory will be read — its passages
// with their sections, films and years — before it is indexed.

import (
	"context"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"testing/fstest"
	"time"
)

// TextPreview is one text as the next build will read it.
type TextPreview struct {
	Name  string `json:"name"`
	Title string `json:"title"`
	// Passages are the text's passages, in order.
	Passages []PreviewPassage `json:"passages"`
	// Films are the films its passages are labelled with, in order of
	// first appearance, with their passage counts in this text.
	Films []PreviewFilm `json:"films"`
	// Years are the years its passages speak of, ascending.
	Years []int `json:"years"`
	// Warnings are problems that cost part of the text, each naming its
	// line.
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

// Read returns the bytes of the text name.
func (d *TextDir) Read(name string) ([]byte, error) {
	if err := CheckTextName(name); err != nil {
		return nil, err
	}
	data, err := os.ReadFile(filepath.Join(d.root, name))
	if errors.Is(err, fs.ErrNotExist) {
		return nil, &TextError{Name: name, NotFound: true, Msg: ErrTextNotFound.Error()}
	}
	return data, err
}

// Preview reads the text name as a build would, with the directory's film
// catalogue (films.yaml) applied. Films other articles name are not added
// to its passages here: a build may label a few more passages with them.
// A text that cannot be indexed is a *TextError, as from Put.
func (d *TextDir) Preview(ctx context.Context, name string) (TextPreview, error) {
	if err := CheckTextName(name); err != nil {
		return TextPreview{}, err
	}
	if IsCatalogue(name) {
		return TextPreview{}, &TextError{Name: name, Msg: "the film catalogue is not an article: it has no passages to preview"}
	}
	data, err := d.Read(name)
	if err != nil {
		return TextPreview{}, err
	}
	return d.previewData(ctx, name, data)
}

// previewData is Preview of the text name with the bytes data: the text
// is read once, as a build reads it, within the per-text budget. A text a
// build would skip is a *TextError saying why (its line where known).
func (d *TextDir) previewData(ctx context.Context, name string, data []byte) (TextPreview, error) {
	return d.previewBudget(ctx, name, data, d.budget)
}

func (d *TextDir) previewBudget(ctx context.Context, name string, data []byte, budget time.Duration) (TextPreview, error) {
	if len(data) > MaxTextBytes {
		return TextPreview{}, tooLargeError(name, len(data))
	}
	// The text and the catalogue alone, in memory: fstest.MapFS is the
	// standard library's in-memory file system.
	fsys := fstest.MapFS{name: {Data: data}}
	for _, cat := range []string{CatalogueFile, "films.yml"} {
		if b, err := os.ReadFile(filepath.Join(d.root, cat)); err == nil {
			fsys[cat] = &fstest.MapFile{Data: b}
		}
	}
	c, err := load(ctx, fsys, nil, budget)
	if err != nil {
		return TextPreview{}, err
	}
	pv := previewOf(name, c)
	if pv.Title == "" {
		// Not read: the last warning naming the text says why.
		terr := &TextError{Name: name, Msg: "the text is empty"}
		for _, w := range c.Warnings {
			if w.File == name {
				terr.Line, terr.Msg = w.Line, w.Msg
			}
		}
		return TextPreview{}, terr
	}
	return pv, nil
}

func previewOf(name string, c *Corpus) TextPreview {
	pv := TextPreview{Name: name, Passages: []PreviewPassage{}, Films: []PreviewFilm{}, Years: []int{}, Warnings: warningStrings(c.Warnings)}
	if pv.Warnings == nil {
		pv.Warnings = []string{}
	}
	for _, a := range c.Articles {
		if a.Path == name {
			pv.Title = a.Title
		}
	}
	year := map[string]int{}
	for _, f := range c.Films {
		year[f.Title] = f.Year
	}
	films := map[string]int{} // title → index in pv.Films
	years := map[int]bool{}
	for _, p := range c.Passages {
		pv.Passages = append(pv.Passages, PreviewPassage{Section: p.Section, Kind: p.Kind, Films: orEmpty(p.Films), Years: nonNil(p.Years), Text: p.Text})
		for _, f := range p.Films {
			i, ok := films[f]
			if !ok {
				i = len(pv.Films)
				films[f] = i
				pv.Films = append(pv.Films, PreviewFilm{Title: f, Year: year[f]})
			}
			pv.Films[i].Passages++
		}
		for _, y := range p.Years {
			if !years[y] {
				years[y] = true
				pv.Years = append(pv.Years, y)
			}
		}
	}
	slices.Sort(pv.Years)
	return pv
}

func orEmpty(s []string) []string {
	if s == nil {
		return []string{}
	}
	return s
}
