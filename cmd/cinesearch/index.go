package main

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"strings"
	"time"

	"github.com/schollz/progressbar/v3"
	"golang.org/x/term"

	"cinesearch/corpus"
	"cinesearch/index"
)

const defaultIndexDir = "data/index"

func runIndex(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := newFlags("index", stderr)
	texts := fs.String("texts", "", "directory of .txt/.md texts (default: the embedded corpus)")
	dir := fs.String("index", defaultIndexDir, "index directory (generations live inside)")
	force := fs.Bool("force", false, "rebuild even when the texts have not changed")
	strict := fs.Bool("strict", false, "fail when any text file is skipped or has a problem")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	_, err := buildIndex(ctx, *texts, *dir, *force, *strict, stdout, stderr)
	return err
}

// buildIndex reads the texts and builds a new generation, showing progress
// as a bar on a terminal and as log lines otherwise.
func buildIndex(ctx context.Context, texts, dir string, force, strict bool, stdout, stderr io.Writer) (index.Manifest, error) {
	start := time.Now()
	fsys := corpus.Default()
	if texts != "" {
		var err error
		if fsys, err = corpus.Dir(texts); err != nil {
			return index.Manifest{}, err
		}
	}
	tty := isTerminal(stderr)
	var bar *progressbar.ProgressBar
	readProgress := func(done, total int) {
		if tty {
			if bar == nil {
				bar = progressbar.NewOptions(total, progressbar.OptionSetWriter(stderr), progressbar.OptionSetDescription("reading texts"),
					progressbar.OptionShowCount(), progressbar.OptionShowIts(), progressbar.OptionSetItsString("files"), progressbar.OptionClearOnFinish())
			}
			bar.Set(done)
		} else if done == total || done%100 == 0 {
			fmt.Fprintf(stderr, "reading texts: %d/%d files\n", done, total)
		}
	}
	c, err := corpus.Load(fsys, readProgress)
	if bar != nil {
		bar.Finish()
		bar = nil
	}
	if err != nil {
		return index.Manifest{}, err
	}
	for _, w := range c.Warnings {
		fmt.Fprintf(stderr, "warning: %s%s\n", prefix(texts), w)
	}
	if strict && len(c.Warnings) > 0 {
		return index.Manifest{}, exitError{1, fmt.Errorf("%d warning(s) and --strict is set", len(c.Warnings))}
	}
	if len(c.Passages) == 0 {
		return index.Manifest{}, fmt.Errorf("no passages to index in %s", orDefault(texts))
	}
	lastLog := time.Now()
	opt := index.BuildOptions{
		Force:  force,
		Notice: func(s string) { fmt.Fprintln(stderr, s) },
		Progress: func(done, total int) {
			if tty {
				if bar == nil {
					bar = progressbar.NewOptions(total, progressbar.OptionSetWriter(stderr), progressbar.OptionSetDescription("indexing"),
						progressbar.OptionShowCount(), progressbar.OptionShowIts(), progressbar.OptionSetItsString("passages"), progressbar.OptionClearOnFinish())
				}
				bar.Set(done)
			} else if done == total || time.Since(lastLog) > 2*time.Second {
				lastLog = time.Now()
				fmt.Fprintf(stderr, "indexing: %d/%d passages (%.0f/s)\n", done, total, float64(done)/time.Since(start).Seconds())
			}
		},
	}
	man, err := index.Build(ctx, c, dir, opt)
	if bar != nil {
		bar.Finish()
	}
	if errors.Is(err, index.ErrUpToDate) {
		fmt.Fprintf(stdout, "index %s is up to date (generation %s, corpus digest %.12s); use --force to rebuild\n", dir, man.Generation, man.CorpusDigest)
		return man, nil
	}
	if err != nil {
		return index.Manifest{}, fmt.Errorf("build index in %s: %w", dir, err)
	}
	fmt.Fprintf(stdout, "built %s/%s: %d articles, %d passages, %d films, %.1f MB in %.1fs\n",
		dir, man.Generation, man.Articles, man.Passages, man.Films, float64(man.Bytes)/1e6, time.Since(start).Seconds())
	return man, nil
}

func orDefault(texts string) string {
	if texts == "" {
		return "the embedded corpus"
	}
	return texts
}

func isTerminal(w io.Writer) bool {
	f, ok := w.(*os.File)
	return ok && term.IsTerminal(int(f.Fd()))
}

// filmList is a repeatable --film flag.
type filmList []string

func (f *filmList) String() string     { return strings.Join(*f, ", ") }
func (f *filmList) Set(v string) error { *f = append(*f, v); return nil }

func runSearch(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := newFlags("search", stderr)
	dir := fs.String("index", defaultIndexDir, "index directory")
	asJSON := fs.Bool("json", false, "print the JSON body the HTTP API returns")
	var films filmList
	fs.Var(&films, "film", "only passages about this film (repeat for any of several)")
	from := fs.Int("from-year", 0, "only passages speaking of this year or later")
	to := fs.Int("to-year", 0, "only passages speaking of this year or earlier")
	size := fs.Int("size", 10, "hits to show (at most 100)")
	page := fs.Int("page", 1, "page of hits")
	sortBy := fs.String("sort", "relevance", "relevance or year")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	ix, err := index.Open(*dir)
	if errors.Is(err, index.ErrNoIndex) {
		return fmt.Errorf("no index in %s: run 'cinesearch index --index %s' first", *dir, *dir)
	}
	if err != nil {
		return err
	}
	defer ix.Close()
	ctx, cancel := context.WithTimeout(ctx, 10*time.Second)
	defer cancel()
	res, err := ix.Search(ctx, index.Request{
		Query: strings.Join(fs.Args(), " "), Films: films, YearFrom: *from, YearTo: *to,
		Size: *size, Page: *page, Sort: *sortBy,
	})
	var qe *index.QueryError
	var fe *index.UnknownFilmError
	if errors.As(err, &qe) || errors.As(err, &fe) {
		return exitError{2, err}
	}
	if err != nil {
		return err
	}
	if *asJSON {
		enc := json.NewEncoder(stdout)
		enc.SetEscapeHTML(false)
		return enc.Encode(res)
	}
	printResult(stdout, res)
	return nil
}

// printResult prints hits for people: marks shown as [brackets].
func printResult(w io.Writer, res index.Result) {
	unmark := strings.NewReplacer("<mark>", "[", "</mark>", "]", "&amp;", "&", "&lt;", "<", "&gt;", ">", "&#34;", `"`, "&#39;", "'")
	fmt.Fprintf(w, "%d passages (%.1f ms)", res.Total, res.TookMS)
	if res.Partial {
		fmt.Fprintf(w, " — %s", res.Notice)
	}
	fmt.Fprintln(w)
	if res.Suggestion != "" {
		fmt.Fprintf(w, "did you mean: %s\n", res.Suggestion)
	}
	for i, h := range res.Hits {
		fmt.Fprintf(w, "\n%d. %s  [%s]\n   %s", (res.Page-1)*res.Size+i+1, h.ID, h.Article.Title, h.Section)
		if len(h.Films) > 0 {
			fmt.Fprintf(w, "  films: %s", strings.Join(h.Films, "; "))
		}
		if len(h.Years) > 0 {
			fmt.Fprintf(w, "  years: %v", h.Years)
		}
		fmt.Fprintln(w)
		for _, f := range h.Fragments {
			fmt.Fprintf(w, "   %s\n", unmark.Replace(f))
		}
	}
	if len(res.Facets.Films) > 0 {
		fmt.Fprint(w, "\nfilms:")
		for _, f := range res.Facets.Films {
			fmt.Fprintf(w, " %s (%d);", f.Value, f.Count)
		}
		fmt.Fprintln(w)
	}
}
