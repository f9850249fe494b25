package main

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
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
	_, err := buildIndex(ctx, buildJob{texts: *texts, dir: *dir, force: *force, strict: *strict}, stdout, stderr)
	return err
}

// buildJob says what to build and where progress goes.
type buildJob struct {
	texts, dir    string
	force, strict bool
	// report, if set, receives progress instead of the bar or log lines
	// (the admin API's rebuild jobs).
	report func(server.JobProgress)
	// notice, if set, receives messages for people instead of stderr.
	notice func(string)
}

// buildOutcome is what a build did.
type buildOutcome struct {
	man      index.Manifest
	upToDate bool
	warnings []string
	// texts are the texts read, as they were when read.
	texts []server.TextRef
}

// buildIndex reads the texts and builds a new generation, showing progress
// as a bar on a terminal and as log lines otherwise.
func buildIndex(ctx context.Context, job buildJob, stdout, stderr io.Writer) (buildOutcome, error) {
	var out buildOutcome
	start := time.Now()
	// A second builder fails at once rather than after reading the texts.
	if err := index.CheckLock(job.dir); err != nil {
		var le *index.LockedError
		if errors.As(err, &le) {
			return out, err
		}
	}
	fsys := corpus.Default()
	if job.texts != "" {
		var err error
		if fsys, err = corpus.Dir(job.texts); err != nil {
			return out, err
		}
	}
	tty := job.report == nil && isTerminal(stderr)
	var bar *progressbar.ProgressBar
	var prog server.JobProgress
	newBar := func(total int, what, unit string) *progressbar.ProgressBar {
		return progressbar.NewOptions(total, progressbar.OptionSetWriter(stderr), progressbar.OptionSetDescription(what),
			progressbar.OptionShowCount(), progressbar.OptionShowIts(), progressbar.OptionSetItsString(unit),
			progressbar.OptionSetPredictTime(true), progressbar.OptionClearOnFinish())
	}
	readProgress := func(done, total int) {
		switch {
		case job.report != nil:
			prog.Stage, prog.Files, prog.FilesTotal = "reading", done, total
			job.report(prog)
		case tty:
			if bar == nil {
				bar = newBar(total, "reading texts", "files")
			}
			bar.Set(done)
		case done == total || done%100 == 0:
			fmt.Fprintf(stderr, "reading texts: %d/%d files\n", done, total)
		}
	}
	c, err := corpus.Load(ctx, fsys, readProgress)
	if bar != nil {
		bar.Finish()
		bar = nil
	}
	if err != nil {
		return out, err
	}
	for _, a := range c.Articles {
		out.texts = append(out.texts, server.TextRef{Name: a.Path, Digest: a.Digest})
	}
	for _, w := range c.Warnings {
		out.warnings = append(out.warnings, w.String())
		if job.report == nil {
			fmt.Fprintf(stderr, "warning: %s%s\n", prefix(job.texts), w)
		}
	}
	if job.strict && len(c.Warnings) > 0 {
		return out, exitError{1, fmt.Errorf("%d warning(s) and --strict is set", len(c.Warnings))}
	}
	if len(c.Passages) == 0 {
		return out, fmt.Errorf("no passages to index in %s", orDefault(job.texts))
	}
	lastLog := time.Now()
	notice := job.notice
	if notice == nil {
		notice = func(s string) { fmt.Fprintln(stderr, s) }
	}
	opt := index.BuildOptions{
		Force:  job.force,
		Source: textsSource(job.texts),
		Notice: notice,
		Progress: func(done, total int) {
			switch {
			case job.report != nil:
				prog.Stage, prog.Passages, prog.PassagesTotal = "indexing", done, total
				job.report(prog)
			case tty:
				if bar == nil {
					bar = newBar(total, "indexing", "passages")
				}
				bar.Set(done)
			case done == total || time.Since(lastLog) > 2*time.Second:
				lastLog = time.Now()
				fmt.Fprintf(stderr, "indexing: %d/%d passages (%.0f/s)\n", done, total, float64(done)/time.Since(start).Seconds())
			}
		},
	}
	man, err := index.Build(ctx, c, job.dir, opt)
	if bar != nil {
		bar.Finish()
	}
	out.man = man
	if errors.Is(err, index.ErrUpToDate) {
		out.upToDate = true
		fmt.Fprintf(stdout, "index %s is up to date (generation %s, corpus digest %.12s); use --force to rebuild\n", job.dir, man.Generation, man.CorpusDigest)
		return out, nil
	}
	if err != nil {
		return out, fmt.Errorf("build index in %s: %w", job.dir, err)
	}
	fmt.Fprintf(stdout, "built %s/%s: %d articles, %d passages, %d films, %.1f MB in %.1fs\n",
		job.dir, man.Generation, man.Articles, man.Passages, man.Films, float64(man.Bytes)/1e6, time.Since(start).Seconds())
	return out, nil
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
