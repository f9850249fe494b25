package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"os"
	"os/signal"
	"strings"
	"syscall"
	"time"

	"github.com/rs/zerolog"

	"cinesearch/index"
	"cinesearch/server"
)

func runServe(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := newFlags("serve", stderr)
	addr := fs.String("addr", ":8080", "address to listen on")
	dir := fs.String("index", defaultIndexDir, "index directory (built from --texts first if empty)")
	texts := fs.String("texts", "", "directory of .txt/.md texts (default: the embedded corpus)")
	logFormat := fs.String("log-format", "json", "json, or console for people")
	timeout := fs.Duration("search-timeout", 2*time.Second, "deadline for each search")
	maxSearches := fs.Int("max-searches", 0, "searches run at once before answering 503 (0: 8 per CPU)")
	watch := fs.Duration("watch", 2*time.Second, "how often to check for a new index generation (0: never)")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	log, err := newLogger(*logFormat, stderr)
	if err != nil {
		return exitError{2, err}
	}
	start := time.Now()

	live, err := openOrBuild(ctx, *dir, *texts, log, stdout, stderr)
	if err != nil {
		return err
	}
	defer live.Close()
	live.OnSwap = func(m index.Manifest) {
		log.Info().Str("generation", m.Generation).Int("passages", m.Passages).Msg("serving new index generation")
	}

	// Rebuild in the background when the texts changed since the served
	// generation was built; the new generation is swapped in when ready.
	go func() {
		man, err := buildIndex(ctx, *texts, *dir, false, false, io.Discard, io.Discard)
		switch {
		case err != nil && ctx.Err() == nil:
			log.Error().Err(err).Msg("background rebuild failed; still serving the previous generation")
		case err == nil && man.Generation != live.Manifest().Generation:
			if _, err := live.Reload(); err != nil {
				log.Error().Err(err).Msg("new generation not served")
			}
		}
	}()
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

	srv, err := server.New(live, server.Config{Logger: log, SearchTimeout: *timeout, MaxSearches: *maxSearches})
	if err != nil {
		return err
	}
	hs := srv.HTTPServer(*addr)
	return server.ListenAndServe(ctx, hs, func(bound string) {
		m := live.Manifest()
		log.Info().Str("url", publicURL(bound)).Str("generation", m.Generation).Int("passages", m.Passages).
			Dur("startup", time.Since(start)).Msg("ready")
	}, 15*time.Second)
}

// openOrBuild opens the index in dir, building it first when there is none
// (or it was built by an incompatible version).
func openOrBuild(ctx context.Context, dir, texts string, log zerolog.Logger, stdout, stderr io.Writer) (*index.Live, error) {
	live, err := index.OpenLive(dir)
	if err == nil {
		return live, nil
	}
	if !errors.Is(err, index.ErrNoIndex) && !errors.Is(err, index.ErrIncompatible) {
		return nil, err
	}
	log.Info().Str("index", dir).Str("texts", orDefault(texts)).Str("reason", err.Error()).Msg("building the index")
	if _, err := buildIndex(ctx, texts, dir, errors.Is(err, index.ErrIncompatible), false, io.Discard, stderr); err != nil {
		return nil, err
	}
	return index.OpenLive(dir)
}

func newLogger(format string, w io.Writer) (zerolog.Logger, error) {
	zerolog.TimeFieldFormat = time.RFC3339Nano
	switch format {
	case "json":
		return zerolog.New(w).With().Timestamp().Logger(), nil
	case "console":
		return zerolog.New(zerolog.ConsoleWriter{Out: w, TimeFormat: "15:04:05"}).With().Timestamp().Logger(), nil
	}
	return zerolog.Nop(), fmt.Errorf("--log-format %q: want json or console", format)
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
