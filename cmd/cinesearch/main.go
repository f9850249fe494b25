// Command cinesearch reads, indexes and serves an archive of writing about
// North Korean cinema.
//
//	cinesearch passages [--texts DIR] [--strict]
//	cinesearch films    [--texts DIR] [--strict] [--kind film|series|book|all]
//	cinesearch index    [--texts DIR] [--index DIR] [--force]
//	cinesearch search   [--index DIR] [--json] [--film F] [--from-year Y] [--to-year Y] [--size N] QUERY
//	cinesearch serve    [--addr :8080] [--index DIR] [--texts DIR] [--admin-token T] [--log-format auto|json|console]
//	cinesearch bench    [--texts DIR] [--copies N] [--queries N] …
//	cinesearch --version
//
// Every command works on the embedded default corpus when --texts is not
// given. main only wires flags to the packages; behaviour lives in corpus,
// index and server where it is tested.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"runtime"
	"runtime/debug"
	"sort"
	"strings"
	"syscall"

	"cinesearch/index"
	"cinesearch/internal/bench"
)

// exitError carries a specific exit status.
type exitError struct {
	code int
	err  error
}

func (e exitError) Error() string { return e.err.Error() }

// command is one subcommand.
type command struct {
	summary string
	run     func(ctx context.Context, args []string, stdout, stderr io.Writer) error
}

var commands = map[string]command{
	"passages": {"print the corpus passages as JSON lines", runPassages},
	"films":    {"print the film catalogue as JSON lines", runFilms},
	"index":    {"build the search index from the texts", runIndex},
	"search":   {"search the index from the command line", runSearch},
	"serve":    {"serve the search page and JSON API", runServe},
	"bench":    {"measure indexing, search and HTTP against a plain Bleve baseline", runBench},
}

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	if len(os.Args) > 1 && os.Args[1] == bench.BaselineCommand {
		// cinesearch bench's plain-Bleve baseline: run before anything
		// cinesearch sets process-wide (tuneGC below).
		code := bench.BaselineMain(ctx, os.Args[2:], os.Stdin, os.Stdout, os.Stderr)
		stop()
		os.Exit(code)
	}
	err := run(ctx, os.Args[1:], os.Stdout, os.Stderr)
	stop()
	if err != nil {
		code := 1
		var ee exitError
		if errors.As(err, &ee) {
			code = ee.code
		}
		if !errors.Is(err, flag.ErrHelp) {
			fmt.Fprintln(os.Stderr, "cinesearch:", err)
		} else {
			code = 0
		}
		os.Exit(code)
	}
}

func run(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	if len(args) > 0 && (args[0] == "--version" || args[0] == "-version" || args[0] == "version") {
		fmt.Fprintln(stdout, version())
		return nil
	}
	if len(args) == 0 || args[0] == "-h" || args[0] == "--help" || args[0] == "help" {
		usage(stderr)
		if len(args) == 0 {
			return exitError{2, errors.New("no command given")}
		}
		return nil
	}
	cmd, ok := commands[args[0]]
	if !ok {
		usage(stderr)
		return exitError{2, fmt.Errorf("unknown command %q", args[0])}
	}
	return cmd.run(ctx, args[1:], stdout, stderr)
}

func usage(w io.Writer) {
	fmt.Fprintln(w, "usage: cinesearch COMMAND [flags]\n\ncommands:")
	names := make([]string, 0, len(commands))
	for n := range commands {
		names = append(names, n)
	}
	sort.Strings(names)
	for _, n := range names {
		fmt.Fprintf(w, "  %-9s %s\n", n, commands[n].summary)
	}
	fmt.Fprintln(w, "\nRun 'cinesearch COMMAND --help' for a command's flags, 'cinesearch --version' for the version.")
}

// version describes the binary from its build information: the module
// version, the commit and its time when built from a checkout, the Go
// version and the index mapping version it reads and writes.
func version() string {
	v, commit, when, dirty := "(devel)", "", "", false
	goVersion := runtime.Version()
	if bi, ok := debug.ReadBuildInfo(); ok {
		if bi.Main.Version != "" {
			v = bi.Main.Version
		}
		goVersion = bi.GoVersion
		for _, s := range bi.Settings {
			switch s.Key {
			case "vcs.revision":
				commit = s.Value
			case "vcs.time":
				when = s.Value
			case "vcs.modified":
				dirty = s.Value == "true"
			}
		}
	}
	if commit != "" && strings.HasPrefix(v, "v0.0.0-") {
		v = "(devel)" // a pseudo-version repeats the commit
	}
	out := "cinesearch " + v
	if commit != "" {
		out += " commit " + commit[:min(12, len(commit))]
		if dirty {
			out += "+changes"
		}
		if when != "" {
			out += " (" + when + ")"
		}
	}
	return fmt.Sprintf("%s, %s, index mapping version %d", out, goVersion, index.MappingVersion)
}

// newFlags makes a flag set whose defaults may come from CINESEARCH_*
// environment variables; envHelp lists them in --help.
func newFlags(name string, stderr io.Writer) *flag.FlagSet {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.SetOutput(stderr)
	return fs
}

// envName is the environment variable that sets a flag's default.
func envName(flagName string) string {
	return "CINESEARCH_" + strings.ToUpper(strings.ReplaceAll(flagName, "-", "_"))
}

// parseFlags parses args; flags not given on the command line take their
// value from CINESEARCH_<FLAG> when set. Help lists the variables.
func parseFlags(fs *flag.FlagSet, args []string) error {
	fs.Usage = func() {
		fmt.Fprintf(fs.Output(), "usage: cinesearch %s [flags]\n\nflags (each also read from the environment variable shown):\n", fs.Name())
		fs.VisitAll(func(f *flag.Flag) {
			fmt.Fprintf(fs.Output(), "  --%s\t%s (env %s, default %q)\n", f.Name, f.Usage, envName(f.Name), f.DefValue)
		})
	}
	if err := fs.Parse(args); err != nil {
		return err
	}
	set := map[string]bool{}
	fs.Visit(func(f *flag.Flag) { set[f.Name] = true })
	var err error
	fs.VisitAll(func(f *flag.Flag) {
		if set[f.Name] || err != nil {
			return
		}
		if v, ok := os.LookupEnv(envName(f.Name)); ok {
			if e := f.Value.Set(v); e != nil {
				err = fmt.Errorf("%s=%q: %v", envName(f.Name), v, e)
			}
		}
	})
	return err
}

// tuneGC is serve's garbage-collection policy: it trades memory for CPU
// unless GOGC or GOMEMLIMIT say otherwise. A search allocates briefly and
// heavily (postings, hits, fragments), and with Go's default GOGC=100 a
// quarter of a busy server's CPU went to garbage collection (see the bench
// profile). The soft memory limit keeps the larger heap target from growing
// the process past a few hundred MB. The other commands keep Go's defaults:
// a build's garbage is analysis output, and at GOGC=400 its heap grew to
// the 300 MB limit for a 26 MB index (sotu: 331 MB peak RSS, against 299
// MB at GOGC=100 with the same batches).
func tuneGC() {
	if os.Getenv("GOGC") == "" {
		debug.SetGCPercent(400)
	}
	if os.Getenv("GOMEMLIMIT") == "" {
		debug.SetMemoryLimit(300 << 20)
	}
}
