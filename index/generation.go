package index

// Index generations: how a rebuild replaces the served index without
// downtime and without risk.
//
// An index directory (--index DIR) holds generations and a pointer:
//
//	DIR/CURRENT            the name of the served generation, one line
//	DIR/gen-000007/        a complete generation: bleve/, catalogue.json,
//	                       manifest.json (with checksums of every file)
//	DIR/gen-000008.partial a build in progress (or killed)
//	DIR/build.lock         held (flock) by the running builder; holds its pid
//
// A build takes the lock (a second builder fails at once, naming the pid
// that holds it), removes partial directories left by killed builds, writes
// the new generation into gen-N.partial, syncs every file, renames the
// directory to gen-N, then replaces CURRENT through a synced temporary file
// and rename(2). Until that last rename the previous generation stays
// current and untouched, so a SIGKILL at any moment costs nothing but the
// partial directory. After the switch, generations other than the newest
// two are removed. The lock is a flock, so the kernel releases it when a
// builder dies; no stale lock survives a crash.

import (
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"syscall"
	"unicode/utf8"

	"cinesearch/corpus"
)

const (
	currentFile   = "CURRENT"
	lockFile      = "build.lock"
	genPrefix     = "gen-"
	partialSuffix = ".partial"
	keepGens      = 2
)

// ErrUpToDate is returned by Build when the current generation was built
// from the same texts with the same mapping, and Force is not set.
var ErrUpToDate = errors.New("index is up to date with the texts")

// BuildOptions tune Build.
type BuildOptions struct {
	// Force rebuilds even when the texts have not changed.
	Force bool
	// Progress is called as passages are indexed: done of total.
	Progress func(done, total int)
	// Stage, if set, is told when the build verifies the new generation
	// and when it makes it current.
	Stage func(Stage)
	// Source says where the texts came from; it is kept in the manifest.
	Source string
	// Notice receives messages for people (partial builds cleaned up, old
	// generations removed).
	Notice func(string)
}

// LockedError: another builder holds the build lock.
type LockedError struct {
	PID int
}

func (e *LockedError) Error() string {
	if e.PID > 0 {
		return fmt.Sprintf("another build is running (pid %d holds %s); wait for it or stop it", e.PID, lockFile)
	}
	return "another build is running (" + lockFile + " is held); wait for it or stop it"
}

// Build builds a new generation of the index in root from the corpus,
// verifies it and makes it current. It returns the new generation's
// manifest. A Rebuilder does the same from texts on disk and also serves
// the result.
func Build(ctx context.Context, c *corpus.Corpus, root string, opt BuildOptions) (Manifest, error) {
	return build(ctx, c, root, opt, nil)
}

// build is Build; with live set, the new generation is served by live at
// the moment it becomes current.
func build(ctx context.Context, c *corpus.Corpus, root string, opt BuildOptions, live *Live) (Manifest, error) {
	notice := opt.Notice
	if notice == nil {
		notice = func(string) {}
	}
	stage := opt.Stage
	if stage == nil {
		stage = func(Stage) {}
	}
	if err := os.MkdirAll(root, 0o755); err != nil {
		return Manifest{}, fmt.Errorf("index directory: %w", err)
	}
	unlock, err := lock(root)
	if err != nil {
		return Manifest{}, err
	}
	defer unlock()

	gens, partials, err := listGenerations(root)
	if err != nil {
		return Manifest{}, err
	}
	for _, p := range partials {
		if err := os.RemoveAll(filepath.Join(root, p)); err != nil {
			return Manifest{}, fmt.Errorf("remove partial build %s: %w", p, err)
		}
		notice(fmt.Sprintf("removed %s, left by a build that did not finish", p))
	}
	if cur, m, err := currentManifest(root); err == nil && !opt.Force {
		if m.CorpusDigest == c.Digest && m.MappingVersion == MappingVersion {
			// Same texts, same mapping: up to date, unless the generation
			// was damaged since it was built.
			err := verifyGeneration(filepath.Join(root, cur), m)
			if err == nil {
				return m, ErrUpToDate
			}
			notice(err.Error() + "; building a new generation from the same texts")
		}
	}
	next := 1
	if len(gens) > 0 {
		next = genNumber(gens[len(gens)-1]) + 1
	}
	name := fmt.Sprintf("%s%06d", genPrefix, next)
	partial := filepath.Join(root, name+partialSuffix)
	if _, err := buildInto(ctx, c, partial, name, opt.Source, opt.Progress); err != nil {
		os.RemoveAll(partial)
		return Manifest{}, err
	}
	final := filepath.Join(root, name)
	if err := os.Rename(partial, final); err != nil {
		os.RemoveAll(partial)
		return Manifest{}, fmt.Errorf("publish %s: %w", name, err)
	}
	if err := syncPath(root); err != nil {
		return Manifest{}, err
	}
	// Open the new generation as a server would, checksums first: what
	// fails here is never made current. It stays open to be served.
	stage(StageVerifying)
	ix, err := OpenGeneration(final)
	if err == nil && ctx.Err() != nil {
		ix.Close()
		err = ctx.Err()
	}
	if err != nil {
		os.RemoveAll(final)
		return Manifest{}, fmt.Errorf("verify %s: %w", name, err)
	}
	man := ix.Manifest()
	stage(StageSwapping)
	// A rebuild cancelled up to here leaves the current generation as it
	// was; after CURRENT is replaced it is served.
	if err := ctx.Err(); err != nil {
		ix.Close()
		os.RemoveAll(final)
		return Manifest{}, err
	}
	if live != nil {
		err = live.publish(name, ix, func() error { return writeCurrent(root, name) })
	} else {
		ix.Close()
		err = writeCurrent(root, name)
	}
	if err != nil {
		if cur, _ := readCurrent(root); cur != name {
			os.RemoveAll(final)
		}
		return Manifest{}, err
	}
	// Keep the newest generations; the server may still be reading the
	// previous one until it swaps.
	gens = append(gens, name)
	if len(gens) > keepGens {
		for _, g := range gens[:len(gens)-keepGens] {
			if err := os.RemoveAll(filepath.Join(root, g)); err == nil {
				notice("removed old generation " + g)
			}
		}
	}
	return man, nil
}

// CheckLock reports (as a *LockedError) whether another process is building
// in root, so that a builder can fail at once, before it reads the texts.
// Build takes the lock itself; this is only an early answer.
func CheckLock(root string) error {
	if _, err := os.Stat(filepath.Join(root, lockFile)); err != nil {
		return nil
	}
	unlock, err := lock(root)
	if err != nil {
		return err
	}
	unlock()
	return nil
}

// lock takes the build lock or reports who holds it.
func lock(root string) (func(), error) {
	path := filepath.Join(root, lockFile)
	f, err := os.OpenFile(path, os.O_RDWR|os.O_CREATE, 0o644)
	if err != nil {
		return nil, err // an *fs.PathError names the file already
	}
	if err := syscall.Flock(int(f.Fd()), syscall.LOCK_EX|syscall.LOCK_NB); err != nil {
		b := make([]byte, 32)
		n, _ := f.ReadAt(b, 0)
		f.Close()
		pid, _ := strconv.Atoi(strings.TrimSpace(string(b[:n])))
		if errors.Is(err, syscall.EWOULDBLOCK) {
			return nil, &LockedError{PID: pid}
		}
		return nil, fmt.Errorf("lock %s: %w", path, err)
	}
	f.Truncate(0)
	f.WriteAt([]byte(strconv.Itoa(os.Getpid())+"\n"), 0)
	return func() {
		f.Truncate(0)
		syscall.Flock(int(f.Fd()), syscall.LOCK_UN)
		f.Close()
	}, nil
}

// listGenerations returns complete generations (oldest first) and partial
// build directories.
func listGenerations(root string) (gens, partials []string, err error) {
	entries, err := os.ReadDir(root)
	if err != nil {
		return nil, nil, err
	}
	for _, e := range entries {
		name := e.Name()
		if !e.IsDir() || !strings.HasPrefix(name, genPrefix) {
			continue
		}
		if strings.HasSuffix(name, partialSuffix) {
			partials = append(partials, name)
		} else if genNumber(name) > 0 {
			gens = append(gens, name)
		}
	}
	sort.Slice(gens, func(i, j int) bool { return genNumber(gens[i]) < genNumber(gens[j]) })
	return gens, partials, nil
}

func genNumber(name string) int {
	n, err := strconv.Atoi(strings.TrimPrefix(name, genPrefix))
	if err != nil {
		return 0
	}
	return n
}

// ErrBadCurrent marks a CURRENT file that names no generation: empty,
// garbled, too long, or not a regular file. Serving falls back to the
// newest good generation (see OpenLive); a build replaces it.
var ErrBadCurrent = errors.New("CURRENT names no generation")

// maxCurrentBytes is the most of CURRENT that is read: a name and a
// newline fit many times over.
const maxCurrentBytes = 256

// readCurrent returns the name of the current generation. A symbolic link
// is never followed (CURRENT is written by rename, never linked), and a
// bad CURRENT is quoted by a short, escaped prefix only.
func readCurrent(root string) (string, error) {
	path := filepath.Join(root, currentFile)
	st, err := os.Lstat(path)
	if errors.Is(err, os.ErrNotExist) {
		return "", ErrNoIndex
	}
	if err != nil {
		return "", err
	}
	if !st.Mode().IsRegular() {
		return "", fmt.Errorf("%s: %w: it is a %s, not a file, and is not followed", path, ErrBadCurrent, fileKind(st.Mode()))
	}
	f, err := os.Open(path)
	if err != nil {
		return "", err
	}
	defer f.Close()
	b, err := io.ReadAll(io.LimitReader(f, maxCurrentBytes+1))
	if err != nil {
		return "", err
	}
	name := strings.TrimSpace(string(b))
	if len(b) > maxCurrentBytes || genNumber(name) <= 0 || strings.ContainsAny(name, "/\\") {
		return "", fmt.Errorf("%s: %w: it holds %s", path, ErrBadCurrent, quotePrefix(string(b), 40))
	}
	return name, nil
}

// fileKind names what a file mode is, for messages.
func fileKind(m fs.FileMode) string {
	switch {
	case m&fs.ModeSymlink != 0:
		return "symbolic link"
	case m.IsDir():
		return "directory"
	}
	return "special file"
}

// quotePrefix quotes at most n bytes of s, escaped, and says how long s
// is when it is longer.
func quotePrefix(s string, n int) string {
	if strings.TrimSpace(s) == "" {
		return "nothing"
	}
	if len(s) <= n {
		return strconv.Quote(s)
	}
	cut := n
	for cut > 0 && !utf8.RuneStart(s[cut]) {
		cut--
	}
	size := fmt.Sprintf("%d bytes", len(s))
	if len(s) > maxCurrentBytes {
		size = fmt.Sprintf("more than %d bytes", maxCurrentBytes)
	}
	return fmt.Sprintf("%s… (%s)", strconv.Quote(s[:cut]), size)
}

// currentManifest reads the manifest of the generation CURRENT points to
// (unverified: callers compare digests, or verify it themselves).
func currentManifest(root string) (name string, m Manifest, err error) {
	if name, err = readCurrent(root); err != nil {
		return "", m, err
	}
	err = readJSON(filepath.Join(root, name, manifestFile), &m)
	return name, m, err
}

// Current returns the name of the generation CURRENT points to.
func Current(root string) (string, error) { return readCurrent(root) }

// writeCurrent points CURRENT at a generation atomically.
func writeCurrent(root, name string) error {
	tmp := filepath.Join(root, currentFile+".tmp")
	f, err := os.Create(tmp)
	if err != nil {
		return err
	}
	if _, err := f.WriteString(name + "\n"); err != nil {
		f.Close()
		return err
	}
	if err := f.Sync(); err != nil {
		f.Close()
		return err
	}
	if err := f.Close(); err != nil {
		return err
	}
	if err := os.Rename(tmp, filepath.Join(root, currentFile)); err != nil {
		return fmt.Errorf("switch %s: %w", currentFile, err)
	}
	return syncPath(root)
}
