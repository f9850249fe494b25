package main

import (
	"bufio"
	"context"
	"encoding/json"
	"fmt"
	"io"

	"cinesearch/corpus"
)

// loadCorpus reads --texts (or the embedded default) and reports warnings on
// stderr, naming file and line. With strict, any warning is an error.
func loadCorpus(ctx context.Context, texts string, strict bool, stderr io.Writer) (*corpus.Corpus, error) {
	fsys, err := corpus.Dir(texts)
	if err != nil {
		return nil, err
	}
	c, err := corpus.Load(ctx, fsys, nil)
	if err != nil {
		return nil, err
	}
	printWarnings(stderr, texts, c.Warnings)
	if strict && len(c.Warnings) > 0 {
		return nil, exitError{1, fmt.Errorf("%d warning(s) and --strict is set", len(c.Warnings))}
	}
	return c, nil
}

func prefix(dir string) string {
	if dir == "" {
		return ""
	}
	return dir + "/"
}

func runPassages(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := newFlags("passages", stderr)
	texts := fs.String("texts", "", "directory of texts: .txt, .md, .html (default: the embedded corpus)")
	strict := fs.Bool("strict", false, "fail when any file is skipped or has a problem")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	c, err := loadCorpus(ctx, *texts, *strict, stderr)
	if err != nil {
		return err
	}
	w := bufio.NewWriter(stdout)
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	for _, p := range c.Passages {
		if err := enc.Encode(p); err != nil {
			return err
		}
	}
	return w.Flush()
}

func runFilms(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := newFlags("films", stderr)
	texts := fs.String("texts", "", "directory of texts: .txt, .md, .html (default: the embedded corpus)")
	strict := fs.Bool("strict", false, "fail when any file is skipped or has a problem")
	kind := fs.String("kind", "", "list only this kind: film, series, book or all (default: films and series)")
	explain := fs.Bool("explain", false, "print every candidate title of every text (each read alone) with its evidence and the decision, instead of the catalogue")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if *explain {
		return explainFilms(ctx, *texts, stdout)
	}
	switch *kind {
	case "", "film", "series", "book", "all":
	default:
		return exitError{2, fmt.Errorf("--kind %q: want film, series, book or all", *kind)}
	}
	c, err := loadCorpus(ctx, *texts, *strict, stderr)
	if err != nil {
		return err
	}
	list := c.Films
	if *kind == "all" || *kind == "book" {
		list = c.Works
	}
	w := bufio.NewWriter(stdout)
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	for _, f := range list {
		if *kind != "" && *kind != "all" && string(f.Kind) != *kind {
			continue
		}
		line := struct {
			Title    string   `json:"title"`
			Year     int      `json:"year"`
			Kind     string   `json:"kind"`
			Aliases  []string `json:"aliases"`
			Passages int      `json:"passages"`
		}{f.Title, f.Year, string(f.Kind), f.Aliases, f.Passages}
		if err := enc.Encode(line); err != nil {
			return err
		}
	}
	return w.Flush()
}

// explainFilms prints, one JSON object a line, every candidate title of
// every text with its evidence and whether it was taken for a film.
func explainFilms(ctx context.Context, texts string, stdout io.Writer) error {
	fsys, err := corpus.Dir(texts)
	if err != nil {
		return err
	}
	cs, err := corpus.ExplainFilms(ctx, fsys)
	if err != nil {
		return err
	}
	w := bufio.NewWriter(stdout)
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	for _, c := range cs {
		c.Probability = float64(int(c.Probability*1000+0.5)) / 1000
		if err := enc.Encode(c); err != nil {
			return err
		}
	}
	return w.Flush()
}
