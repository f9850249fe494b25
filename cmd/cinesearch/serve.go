package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	iofs "io/fs"
	"net"
	"os"
	"os/signal"
	"path/filepath"
	"strings"
	"syscall"
	"time"

	"github.com/rs/zerolog"

	"cinesearch/corpus"
	"cinesearch/index"
	"cinesearch/server"
)

func runServe(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := newFlags("serve", stderr)
	addr := fs.String("addr", ":8080", "address to listen on")
	dir := fs.String("index", defaultIndexDir, "index directory (built from --texts first if empty)")
	texts := fs.String("texts", "", "directory of texts (.txt, .md, .html) (default: the embedded corpus; with --admin-token, a texts/ directory beside --index seeded with it)")
	logFormat := fs.String("log-format", "auto", "json, console (lines for people), or auto: console on a terminal, json otherwise")
	timeout := fs.Duration("search-timeout", 2*time.Second, "deadline for each search")
	maxSearches := fs.Int("max-searches", 0, "searches run at once before answering 503 (0: 8 per CPU)")
	maxConns := fs.Int("max-conns", 0, "open connections at most; idle ones are closed near the limit (0: from the open-file limit)")
	watch := fs.Duration("watch", 2*time.Second, "how often to check for a new index generation (0: never)")
	token := fs.String("admin-token", "", fmt.Sprintf("bearer token that turns the admin API on (at least %d characters)", server.MinTokenBytes))
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	tuneGC()
	log, err := newLogger(*logFormat, stderr)
	if err != nil {
		return exitError{2, err}
	}
	if *token != "" && len(*token) < server.MinTokenBytes {
		return exitError{2, fmt.Errorf("--admin-token: a token needs at least %d characters (try: openssl rand -hex 24)", server.MinTokenBytes)}
	}
	start := time.Now()
	// Each connection costs a file descriptor: take all the kernel allows
	// before deriving the connection limit from it.
	if n, err := raiseOpenFileLimit(); err != nil {
		log.Warn().Err(err).Uint64("open_files", n).Msg("could not raise the open-file limit")
	}
	// Listen before building: a busy port fails at once, not after the
	// build.
	ln, err := server.Listen(*addr)
	if err != nil {
		return err
	}
	defer ln.Close()

	var textDir *corpus.TextDir
	if *token != "" {
		if *texts == "" {
			*texts = filepath.Join(filepath.Dir(filepath.Clean(*dir)), "texts")
			seeded, err := seedTexts(*texts)
			if err != nil {
				return err
			}
			if seeded {
				log.Info().Str("texts", *texts).Msg("copied the embedded corpus into the texts directory, where the admin API adds texts")
			}
		}
		if textDir, err = corpus.OpenTextDir(*texts); err != nil {
			return err
		}
	}

	live, built, err := openOrBuild(ctx, *dir, *texts, log)
	if err != nil {
		return err
	}
	defer live.Close()
	live.OnSwap = func(m index.Manifest) {
		log.Info().Str("generation", m.Generation).Int("passages", m.Passages).Msg("serving new index generation")
	}

	// Rebuilds run as jobs, one at a time: those the admin API starts, and
	// one started here when the texts changed since the served generation
	// was built. Each serves its generation when it is ready.
	rb, err := newRebuilder(*texts, *dir)
	if err != nil {
		return err
	}
	rb.Live = live
	rb.Notice = func(s string) { log.Info().Msg(s) }
	jobs := server.NewJobs(rb, log)
	defer jobs.Close()
	switch {
	case live.Degraded() != "":
		// The newest generation is damaged and an older one is served:
		// rebuild (a damaged generation is never up to date).
		if _, err := jobs.Start("repair: the newest index generation is damaged", false); err != nil {
			return err
		}
	case !built:
		go checkTexts(ctx, rb, jobs, live.Manifest().Source, *texts, log)
	}
	// SIGHUP reloads the current generation.
	hup := make(chan os.Signal, 1)
	signal.Notify(hup, syscall.SIGHUP)
	defer signal.Stop(hup)
	go func() {
		for {
			select {
			case <-ctx.Done():
				return
			case <-hup:
				swapped, err := live.Reload()
				log.Info().Bool("swapped", swapped).AnErr("error", err).Msg("SIGHUP: reload")
			}
		}
	}()
	if *watch > 0 {
		go live.Watch(ctx, *watch, func(err error) { log.Error().Err(err).Msg("index watch") })
	}

	cfg := server.Config{Logger: log, SearchTimeout: *timeout, MaxSearches: *maxSearches, MaxConns: *maxConns}
	if *token != "" {
		cfg.Admin = &server.Admin{Token: *token, Texts: textStore{textDir}, Jobs: jobs}
	}
	srv, err := server.New(server.Serving(live), cfg)
	if err != nil {
		return err
	}
	m := live.Manifest()
	url := publicURL(ln.Addr().String())
	log.Info().Str("url", url).Str("generation", m.Generation).Int("passages", m.Passages).
		Bool("admin", cfg.Admin != nil).Float64("startup_ms", float64(time.Since(start).Microseconds())/1000).Msg("ready")
	if consoleLog(*logFormat, stderr) {
		// For a person at a terminal: the address to open, on its own.
		fmt.Fprintf(stderr, "\n  cinesearch is serving %s\n", url)
		if cfg.Admin != nil {
			fmt.Fprintf(stderr, "  texts and rebuilds: %s/admin\n", url)
		}
		fmt.Fprintf(stderr, "  (Ctrl-C stops it)\n\n")
	}
	return srv.Serve(ctx, ln, 15*time.Second)
}

// checkTexts compares the texts with those the served index was built
// from, in the background (serving starts at once). Unchanged texts need
// nothing, whatever they are called (an index built from the embedded
// corpus serves a texts directory seeded with it). Changed texts are
// rebuilt when the index was built from them; an index built from other
// texts is served as it is, with a warning, rather than replaced.
func checkTexts(ctx context.Context, rb *index.Rebuilder, jobs *server.Jobs, builtFrom, texts string, log zerolog.Logger) {
	stale, err := rb.Stale(ctx)
	switch {
	case ctx.Err() != nil:
	case err != nil:
		log.Error().Err(err).Str("texts", orDefault(texts)).Msg("could not read the texts to compare them with the index")
	case !stale:
		log.Info().Str("texts", orDefault(texts)).Msg("the index is up to date with the texts")
	case builtFrom == "" || builtFrom == textsSource(texts):
		if _, err := jobs.Start("the texts changed since the index was built", false); err != nil {
			log.Error().Err(err).Msg("rebuild")
		}
	default:
		log.Warn().Str("built_from", builtFrom).Str("texts", orDefault(texts)).
			Msg("the index was built from other texts; serving it as it is (run 'cinesearch index' with these texts to rebuild)")
	}
}

// raiseOpenFileLimit raises the soft open-file limit to the hard limit and
// returns the limit in force.
func raiseOpenFileLimit() (uint64, error) {
	var lim syscall.Rlimit
	if err := syscall.Getrlimit(syscall.RLIMIT_NOFILE, &lim); err != nil {
		return 0, err
	}
	if lim.Cur >= lim.Max {
		return lim.Cur, nil
	}
	cur := lim.Cur
	lim.Cur = lim.Max
	if err := syscall.Setrlimit(syscall.RLIMIT_NOFILE, &lim); err != nil {
		return cur, err
	}
	return lim.Max, nil
}

// seedTexts fills a new or empty texts directory with the embedded corpus,
// so that a server started with only --admin-token has the default articles
// to add to. It reports whether it copied anything.
func seedTexts(dir string) (bool, error) {
	if entries, err := os.ReadDir(dir); err == nil && len(entries) > 0 {
		return false, nil
	}
	td, err := corpus.OpenTextDir(dir)
	if err != nil {
		return false, err
	}
	def := corpus.Default()
	names, err := iofs.Glob(def, "*")
	if err != nil {
		return false, err
	}
	for _, n := range names {
		data, err := iofs.ReadFile(def, n)
		if err != nil {
			return false, err
		}
		if _, _, err := td.Put(context.Background(), n, data); err != nil {
			return false, fmt.Errorf("seed %s: %w", dir, err)
		}
	}
	return true, nil
}

// openOrBuild opens the index in dir, building it first when there is none
// (or it was built by an incompatible version); built says it did.
func openOrBuild(ctx context.Context, dir, texts string, log zerolog.Logger) (live *index.Live, built bool, err error) {
	live, err = index.OpenLive(dir)
	if err == nil {
		if d := live.Degraded(); d != "" {
			log.Error().Str("index", dir).Msg(d)
		}
		return live, false, nil
	}
	// A damaged generation with no good one to fall back on is rebuilt
	// like a missing one (the build does not count it as up to date).
	var damaged *index.DamagedError
	if !errors.Is(err, index.ErrNoIndex) && !errors.Is(err, index.ErrIncompatible) && !errors.Is(err, index.ErrBadCurrent) && !errors.As(err, &damaged) {
		return nil, false, err
	}
	log.Info().Str("index", dir).Str("texts", orDefault(texts)).Str("reason", err.Error()).Msg("building the index")
	rb, rerr := newRebuilder(texts, dir)
	if rerr != nil {
		return nil, false, rerr
	}
	rb.Notice = func(s string) { log.Info().Msg(s) }
	var lastLog time.Time
	out, err := rb.Rebuild(ctx, errors.Is(err, index.ErrIncompatible), func(p index.Progress) {
		done := p.Stage == index.StageIndexing && p.Passages == p.PassagesTotal
		if done || time.Since(lastLog) > 2*time.Second {
			lastLog = time.Now()
			log.Info().Str("stage", string(p.Stage)).Int("files", p.Files).Int("files_total", p.FilesTotal).
				Int("passages", p.Passages).Int("passages_total", p.PassagesTotal).Msg("building the index")
		}
	})
	for _, w := range out.Warnings {
		log.Warn().Str("texts", orDefault(texts)).Msg(w.String())
	}
	if errors.Is(err, index.ErrNoPassages) {
		return nil, false, fmt.Errorf("no passages to index in %s", orDefault(texts))
	}
	if err != nil {
		return nil, false, err
	}
	live, err = index.OpenLive(dir)
	return live, err == nil, err
}

func newLogger(format string, w io.Writer) (zerolog.Logger, error) {
	zerolog.TimeFieldFormat = time.RFC3339Nano
	switch format {
	case "json", "console", "auto":
	default:
		return zerolog.Nop(), fmt.Errorf("--log-format %q: want json, console or auto", format)
	}
	if !consoleLog(format, w) {
		return zerolog.New(w).With().Timestamp().Logger(), nil
	}
	// Colours only for a terminal: in a pipe or a file they are escape
	// codes in the text.
	cw := zerolog.ConsoleWriter{Out: w, TimeFormat: "15:04:05", NoColor: !isTerminal(w)}
	return zerolog.New(cw).With().Timestamp().Logger(), nil
}

// consoleLog reports whether logs are written for people: asked for, or
// "auto" on a terminal.
func consoleLog(format string, w io.Writer) bool {
	return format == "console" || (format == "auto" && isTerminal(w))
}

// publicURL turns a listen address into a URL a person can open.
func publicURL(addr string) string {
	host, port, err := net.SplitHostPort(addr)
	if err != nil {
		return "http://" + addr
	}
	if host == "" || host == "::" || host == "0.0.0.0" || strings.HasPrefix(host, "[::") {
		host = "localhost"
	}
	return "http://" + net.JoinHostPort(host, port)
}
