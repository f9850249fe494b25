package main

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"github.com/schollz/progressbar/v3"
	"golang.org/x/term"

	"cinesearch/corpus"
	"cinesearch/index"
	"cinesearch/server"
)

const defaultIndexDir = "data/index"

func runIndex(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := newFlags("index", stderr)
	texts := fs.String("texts", "", "directory of texts (.txt, .md, .html) (default: the embedded corpus)")
	dir := fs.String("index", defaultIndexDir, "index directory (generations live inside)")
	force := fs.Bool("force", false, "rebuild even when the texts have not changed")
	strict := fs.Bool("strict", false, "fail when any text file is skipped or has a problem")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	r, err := newRebuilder(*texts, *dir)
	if err != nil {
		return err
	}
	r.Strict = *strict
	r.Notice = func(s string) { fmt.Fprintln(stderr, s) }
	start := time.Now()
	out, err := r.Rebuild(ctx, *force, drawProgress(stderr))
	printWarnings(stderr, *texts, out.Warnings)
	var se *index.StrictError
	switch {
	case errors.As(err, &se):
		return exitError{1, err}
	case errors.Is(err, index.ErrNoPassages):
		return fmt.Errorf("no passages to index in %s", orDefault(*texts))
	case err != nil:
		return fmt.Errorf("build index in %s: %w", *dir, err)
	}
	man := out.Manifest
	if out.UpToDate {
		fmt.Fprintf(stdout, "index %s is up to date (generation %s, corpus digest %.12s); use --force to rebuild\n", *dir, man.Generation, man.CorpusDigest)
		return nil
	}
	fmt.Fprintf(stdout, "built %s/%s: %s, %s, %s, %.1f MB in %.1fs\n",
		*dir, man.Generation, plural(man.Articles, "article", "articles"), plural(man.Passages, "passage", "passages"), plural(man.Films, "film", "films"),
		float64(man.Bytes)/1e6, time.Since(start).Seconds())
	return nil
}

// newRebuilder rebuilds dir from the texts in the directory texts, or from
// the embedded corpus when texts is empty.
func newRebuilder(texts, dir string) (*index.Rebuilder, error) {
	fsys, err := corpus.Dir(texts)
	if err != nil {
		return nil, err
	}
	return &index.Rebuilder{Root: dir, Texts: fsys, Source: textsSource(texts)}, nil
}

func printWarnings(stderr io.Writer, texts string, warnings []corpus.Warning) {
	for _, w := range warnings {
		fmt.Fprintf(stderr, "warning: %s%s\n", prefix(texts), w)
	}
}

// drawProgress shows a rebuild's progress on stderr: as a bar on a
// terminal, as a log line every few seconds otherwise.
func drawProgress(stderr io.Writer) func(index.Progress) {
	start := time.Now()
	var lastLog time.Time
	if !isTerminal(stderr) {
		return func(p index.Progress) {
			switch {
			case p.Stage == index.StageReading && p.FilesTotal > 0 && (p.Files == p.FilesTotal || p.Files%100 == 0):
				fmt.Fprintf(stderr, "reading texts: %d/%d files\n", p.Files, p.FilesTotal)
			case p.Stage == index.StageIndexing && p.Passages > 0 && (p.Passages == p.PassagesTotal || time.Since(lastLog) > 2*time.Second):
				lastLog = time.Now()
				fmt.Fprintf(stderr, "indexing: %d/%d passages (%.0f/s)\n", p.Passages, p.PassagesTotal, float64(p.Passages)/time.Since(start).Seconds())
			}
		}
	}
	var bar *progressbar.ProgressBar
	var barStage index.Stage
	return func(p index.Progress) {
		done, total, what, unit := p.Files, p.FilesTotal, "reading texts", "files"
		if p.Stage == index.StageIndexing {
			done, total, what, unit = p.Passages, p.PassagesTotal, "indexing", "passages"
		}
		if bar != nil && barStage != p.Stage {
			bar.Finish()
			bar = nil
		}
		if total == 0 || (p.Stage != index.StageReading && p.Stage != index.StageIndexing) {
			return
		}
		if bar == nil {
			barStage = p.Stage
			bar = progressbar.NewOptions(total, progressbar.OptionSetWriter(stderr), progressbar.OptionSetDescription(what),
				progressbar.OptionShowCount(), progressbar.OptionShowIts(), progressbar.OptionSetItsString(unit),
				progressbar.OptionSetPredictTime(true), progressbar.OptionClearOnFinish())
		}
		bar.Set(done)
	}
}

// textsSource names where texts come from, as recorded in the manifest.
func textsSource(texts string) string {
	if texts == "" {
		return "embedded"
	}
	if abs, err := filepath.Abs(texts); err == nil {
		return abs
	}
	return texts
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
	query := strings.Join(fs.Args(), " ")
	if strings.TrimSpace(query) == "" && len(films) == 0 && *from == 0 && *to == 0 {
		fs.Usage()
		return exitError{2, errors.New("search: give a query (e.g. cinesearch search Pulgasari), or a --film or year filter to list passages")}
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
		Query: query, Films: films, YearFrom: *from, YearTo: *to,
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
		return enc.Encode(server.NewSearchResponse(res))
	}
	printResult(stdout, res)
	return nil
}

// printResult prints hits for people: marks shown as [brackets].
func printResult(w io.Writer, res index.Result) {
	unmark := strings.NewReplacer("<mark>", "[", "</mark>", "]", "&amp;", "&", "&lt;", "<", "&gt;", ">", "&#34;", `"`, "&#39;", "'")
	fmt.Fprintf(w, "%s (%.1f ms)", plural(int(res.Total), "passage", "passages"), res.TookMS)
	if res.Notice != "" {
		fmt.Fprintf(w, " — %s", res.Notice)
	}
	fmt.Fprintln(w)
	if res.Corrected != "" {
		fmt.Fprintf(w, "showing results for: %s\n", res.Corrected)
	}
	if res.Suggestion != "" {
		fmt.Fprintf(w, "did you mean: %s\n", res.Suggestion)
	}
	for i, h := range res.Hits {
		fmt.Fprintf(w, "\n%d. %s  [%s]\n   %s", (res.Page-1)*res.Size+i+1, h.ID, h.Article.Title, h.Section)
		if len(h.Films) > 0 {
			fmt.Fprintf(w, "  films: %s", strings.Join(h.Films, ", "))
		}
		if len(h.Years) > 0 {
			fmt.Fprintf(w, "  years: %s", joinInts(h.Years))
		}
		fmt.Fprintln(w)
		for _, f := range h.Fragments {
			fmt.Fprintf(w, "   %s\n", unmark.Replace(f))
		}
	}
	if len(res.Facets.Films) > 0 {
		var fs []string
		for _, f := range res.Facets.Films {
			fs = append(fs, fmt.Sprintf("%s (%d)", f.Value, f.Count))
		}
		fmt.Fprintf(w, "\nfilms: %s\n", strings.Join(fs, ", "))
	}
}

// plural writes a count with its noun: "1 passage", "3 passages".
func plural(n int, one, many string) string {
	if n == 1 {
		return "1 " + one
	}
	return fmt.Sprintf("%d %s", n, many)
}

func joinInts(ns []int) string {
	s := make([]string, len(ns))
	for i, n := range ns {
		s[i] = strconv.Itoa(n)
	}
	return strings.Join(s, ", ")
}
