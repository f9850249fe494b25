package index

// The rebuild lifecycle, in one place: read the texts, build a generation,
// verify it, make it current and serve it. The command line, the server's
// admin jobs and serve's start-up build all run a Rebuilder; they differ
// only in how they show its Progress.

import (
	"context"
	"errors"
	"fmt"
	"io/fs"

	"cinesearch/corpus"
)

// Stage is a step of a rebuild, in the order they happen.
type Stage string

// Stages of a rebuild.
const (
	StageReading   Stage = "reading"   // reading and splitting the texts
	StageIndexing  Stage = "indexing"  // writing the new generation
	StageVerifying Stage = "verifying" // opening it and checking every file
	StageSwapping  Stage = "swapping"  // making it current and serving it
	StageDone      Stage = "done"
)

// Progress is how far a rebuild has got. Files count while reading,
// passages while indexing.
type Progress struct {
	Stage         Stage
	Files         int
	FilesTotal    int
	Passages      int
	PassagesTotal int
}

// TextRef names a text and the digest of the bytes a rebuild read.
type TextRef struct {
	Name   string
	Digest string
}

// Outcome is what a rebuild did.
type Outcome struct {
	// Manifest is the generation current afterwards (the new one, or the
	// one found up to date).
	Manifest Manifest
	// Previous is the generation that was current before, if any (what
	// the rebuild changed is the difference).
	Previous *Manifest
	// UpToDate: the texts had not changed and nothing was built.
	UpToDate bool
	// Warnings are texts skipped or with problems.
	Warnings []corpus.Warning
	// Texts are the texts read, as they were when read.
	Texts []TextRef
}

// StrictError: the texts had warnings and the rebuild was strict.
type StrictError struct{ Warnings int }

func (e *StrictError) Error() string {
	return fmt.Sprintf("%d warning(s) and --strict is set", e.Warnings)
}

// ErrNoPassages: the texts gave nothing to index.
var ErrNoPassages = errors.New("no passages to index")

// Rebuilder rebuilds an index directory from a set of texts.
type Rebuilder struct {
	// Root is the index directory.
	Root string
	// Texts are the texts to read (corpus.Default or corpus.Dir).
	Texts fs.FS
	// Source names where the texts come from, for the manifest and for
	// messages ("embedded" or a directory).
	Source string
	// Strict fails the rebuild when any text has a warning.
	Strict bool
	// Live, if set, serves the new generation as it becomes current (and
	// the current one, when the texts are found up to date).
	Live *Live
	// Notice receives messages for people (old generations removed, a
	// partial build cleaned up).
	Notice func(string)
}

// Stale reads the texts and reports whether they differ from those the
// current generation was built from (or there is no current generation,
// or it was built by another mapping version). It builds nothing.
func (r *Rebuilder) Stale(ctx context.Context) (bool, error) {
	c, err := corpus.Load(ctx, r.Texts, nil)
	if err != nil {
		return false, err
	}
	_, m, err := currentManifest(r.Root)
	if err != nil {
		return true, nil // no readable current generation: build one
	}
	return m.CorpusDigest != c.Digest || m.MappingVersion != MappingVersion, nil
}

// Rebuild reads the texts and builds, verifies and publishes a new
// generation, unless the current one was built from the same texts and
// force is false. progress, if set, is called at each stage and as files
// are read and passages indexed, one call at a time.
//
// Cancelling ctx at any stage before the new generation is made current
// leaves the index directory's current generation, and what Live serves,
// as they were.
func (r *Rebuilder) Rebuild(ctx context.Context, force bool, progress func(Progress)) (Outcome, error) {
	var out Outcome
	if progress == nil {
		progress = func(Progress) {}
	}
	var p Progress
	report := func() { progress(p) }
	// A second builder fails at once rather than after reading the texts.
	var locked *LockedError
	if err := CheckLock(r.Root); errors.As(err, &locked) {
		return out, err
	}
	if _, m, err := currentManifest(r.Root); err == nil {
		out.Previous = &m
	}
	p.Stage = StageReading
	report()
	c, err := corpus.Load(ctx, r.Texts, func(done, total int) {
		p.Files, p.FilesTotal = done, total
		report()
	})
	if err != nil {
		return out, err
	}
	for _, a := range c.Articles {
		out.Texts = append(out.Texts, TextRef{Name: a.Path, Digest: a.Digest})
	}
	out.Warnings = c.Warnings
	if r.Strict && len(c.Warnings) > 0 {
		return out, &StrictError{Warnings: len(c.Warnings)}
	}
	if len(c.Passages) == 0 {
		return out, ErrNoPassages
	}
	p.Stage, p.PassagesTotal = StageIndexing, len(c.Passages)
	report()
	opt := BuildOptions{
		Force:  force,
		Source: r.Source,
		Notice: r.Notice,
		Progress: func(done, total int) {
			p.Passages, p.PassagesTotal = done, total
			report()
		},
		Stage: func(s Stage) {
			p.Stage = s
			report()
		},
	}
	man, err := build(ctx, c, r.Root, opt, r.Live)
	out.Manifest = man
	switch {
	case errors.Is(err, ErrUpToDate):
		out.UpToDate = true
		if r.Live != nil {
			// The served generation may be older than the current one
			// (a rebuild by another process).
			if _, err := r.Live.Reload(); err != nil {
				return out, err
			}
		}
	case err != nil:
		return out, err
	}
	p.Stage = StageDone
	report()
	return out, nil
}
