package server

// Rebuild jobs: one index rebuild at a time, run in the background, its
// state and progress kept for the admin API to report.

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"fmt"
	"sync"
	"time"

	"github.com/rs/zerolog"

	"cinesearch/index"
)

// Job states.
const (
	JobQueued  = "queued"
	JobRunning = "running"
	JobDone    = "done"
	JobFailed  = "failed"
)

// keepJobs is how many finished jobs are remembered.
const keepJobs = 50

// JobProgress is how far a rebuild has got, as the admin API shows it.
type JobProgress struct {
	// Stage is "reading", "indexing", "verifying", "swapping", then
	// "done" (a failed job keeps the stage it failed in).
	Stage         string `json:"stage,omitempty"`
	Files         int    `json:"files"`
	FilesTotal    int    `json:"files_total"`
	Passages      int    `json:"passages"`
	PassagesTotal int    `json:"passages_total"`
}

func jobProgress(p index.Progress) JobProgress {
	return JobProgress{Stage: string(p.Stage), Files: p.Files, FilesTotal: p.FilesTotal, Passages: p.Passages, PassagesTotal: p.PassagesTotal}
}

// TextRef names a text and the digest of the bytes a rebuild read.
type TextRef struct {
	Name   string `json:"name"`
	Digest string `json:"digest"`
}

// Rebuilder rebuilds the index from the texts and serves the result
// (*index.Rebuilder with its Live set).
type Rebuilder interface {
	Rebuild(ctx context.Context, force bool, progress func(index.Progress)) (index.Outcome, error)
}

// RebuildFunc adapts a function to Rebuilder.
type RebuildFunc func(ctx context.Context, force bool, progress func(index.Progress)) (index.Outcome, error)

// Rebuild calls f.
func (f RebuildFunc) Rebuild(ctx context.Context, force bool, progress func(index.Progress)) (index.Outcome, error) {
	return f(ctx, force, progress)
}

// Job is the state of one rebuild, as the admin API shows it.
type Job struct {
	ID       string      `json:"job"`
	State    string      `json:"state"`
	Reason   string      `json:"reason"`
	Force    bool        `json:"force,omitempty"`
	Created  time.Time   `json:"created"`
	Started  *time.Time  `json:"started,omitempty"`
	Finished *time.Time  `json:"finished,omitempty"`
	Progress JobProgress `json:"progress"`
	// Generation is the generation served once the job is done.
	Generation string `json:"generation,omitempty"`
	Articles   int    `json:"articles,omitempty"`
	Passages   int    `json:"passages,omitempty"`
	Films      int    `json:"films,omitempty"`
	UpToDate   bool   `json:"up_to_date,omitempty"`
	// Change is what the rebuild changed against the generation served
	// before it: articles, passages and films added (negative: removed).
	Change   *JobChange `json:"change,omitempty"`
	Warnings []string   `json:"warnings,omitempty"`
	// Texts are the texts the rebuild included.
	Texts []TextRef `json:"texts,omitempty"`
	Error string    `json:"error,omitempty"`
}

// JobChange is the difference a finished rebuild made.
type JobChange struct {
	Articles int `json:"articles"`
	Passages int `json:"passages"`
	Films    int `json:"films"`
}

// Jobs runs rebuilds one at a time. A rebuild asked for while one runs
// waits behind it; at most one waits, and asking again returns that one:
// it will read the texts as they are when it starts, so it covers every
// change made meanwhile.
type Jobs struct {
	build Rebuilder
	log   zerolog.Logger
	// stop cancels the running rebuild (Close).
	ctx  context.Context
	stop context.CancelFunc

	mu      sync.Mutex
	jobs    map[string]*Job
	order   []string
	running string
	pending string
	done    map[string]chan struct{}
}

// NewJobs runs rebuilds with build until Close.
func NewJobs(build Rebuilder, log zerolog.Logger) *Jobs {
	// The context belongs to the jobs, not to a request: a rebuild
	// outlives the POST that started it, and ends with Close.
	ctx, stop := context.WithCancel(context.Background())
	return &Jobs{build: build, log: log, ctx: ctx, stop: stop, jobs: map[string]*Job{}, done: map[string]chan struct{}{}}
}

// Start starts a rebuild, or queues one behind the rebuild that runs. When
// a rebuild is already waiting, that one is returned (forced if either
// request asked for force).
func (j *Jobs) Start(reason string, force bool) (Job, error) {
	j.mu.Lock()
	defer j.mu.Unlock()
	if j.pending != "" {
		p := j.jobs[j.pending]
		p.Force = p.Force || force
		return j.copyLocked(j.pending), nil
	}
	job := &Job{ID: newJobID(), State: JobQueued, Reason: reason, Force: force, Created: time.Now().UTC()}
	j.jobs[job.ID] = job
	j.order = append(j.order, job.ID)
	j.done[job.ID] = make(chan struct{})
	for len(j.order) > keepJobs {
		old := j.order[0]
		if old == j.running || old == j.pending {
			break
		}
		j.order = j.order[1:]
		delete(j.jobs, old)
		delete(j.done, old)
	}
	if j.running != "" {
		j.pending = job.ID
		return *job, nil
	}
	j.running = job.ID
	go j.run(job.ID)
	return *job, nil
}

// TextsChanged is called when a text was added, replaced or removed. While
// a rebuild runs, it may have read the texts before the change, so another
// one is queued behind it; it returns that job. Otherwise nothing is
// started (the archivist rebuilds when ready) and ok is false.
func (j *Jobs) TextsChanged(what string) (job Job, ok bool) {
	j.mu.Lock()
	running := j.running != ""
	j.mu.Unlock()
	if !running {
		return Job{}, false
	}
	job, _ = j.Start("texts changed during a rebuild: "+what, false)
	return job, true
}

// run runs job id, then the job queued behind it, if any.
func (j *Jobs) run(id string) {
	for id != "" {
		j.runOne(id)
		j.mu.Lock()
		j.running = ""
		if ch, ok := j.done[id]; ok {
			close(ch)
		}
		id, j.pending = j.pending, ""
		j.running = id
		j.mu.Unlock()
	}
}

func (j *Jobs) runOne(id string) {
	var force bool
	j.update(id, func(job *Job) {
		now := time.Now().UTC()
		job.State, job.Started = JobRunning, &now
		force = job.Force
	})
	j.log.Info().Str("job", id).Msg("rebuild started")
	start := time.Now()
	res, err := j.build.Rebuild(j.ctx, force, func(p index.Progress) {
		j.update(id, func(job *Job) { job.Progress = jobProgress(p) })
	})
	j.update(id, func(job *Job) {
		now := time.Now().UTC()
		job.Finished = &now
		job.Warnings = nil
		for _, w := range res.Warnings {
			job.Warnings = append(job.Warnings, w.String())
		}
		job.Texts = nil
		for _, t := range res.Texts {
			job.Texts = append(job.Texts, TextRef{Name: t.Name, Digest: t.Digest})
		}
		if err != nil {
			job.State, job.Error = JobFailed, err.Error()
			return
		}
		m := res.Manifest
		job.State = JobDone
		job.Progress.Stage = JobDone
		job.Generation, job.Articles, job.Passages, job.Films, job.UpToDate = m.Generation, m.Articles, m.Passages, m.Films, res.UpToDate
		ch := JobChange{Articles: m.Articles, Passages: m.Passages, Films: m.Films}
		if prev := res.Previous; prev != nil {
			ch.Articles -= prev.Articles
			ch.Passages -= prev.Passages
			ch.Films -= prev.Films
		}
		job.Change = &ch
	})
	if err != nil {
		j.log.Error().Str("job", id).Err(err).Dur("took", time.Since(start)).Msg("rebuild failed; still serving the previous generation")
	} else {
		j.log.Info().Str("job", id).Str("generation", res.Manifest.Generation).Bool("up_to_date", res.UpToDate).
			Int("passages", res.Manifest.Passages).Dur("took", time.Since(start)).Msg("rebuild done")
	}
}

func (j *Jobs) update(id string, f func(*Job)) {
	j.mu.Lock()
	defer j.mu.Unlock()
	if job, ok := j.jobs[id]; ok {
		f(job)
	}
}

func (j *Jobs) copyLocked(id string) Job {
	job := *j.jobs[id]
	job.Warnings = append([]string(nil), job.Warnings...)
	job.Texts = append([]TextRef(nil), job.Texts...)
	return job
}

// Close drops the queued rebuild, cancels the running one and waits for
// it to end, so that nothing writes to the index directory after serve
// returns. A cancelled rebuild leaves the served generation as it was.
func (j *Jobs) Close() {
	j.stop()
	j.mu.Lock()
	if j.pending != "" {
		j.jobs[j.pending].State = JobFailed
		j.jobs[j.pending].Error = "the server stopped before this rebuild started"
		if ch, ok := j.done[j.pending]; ok {
			close(ch)
		}
		j.pending = ""
	}
	running := j.running
	ch := j.done[running]
	j.mu.Unlock()
	if running != "" && ch != nil {
		<-ch
	}
}

// Get returns a job by ID.
func (j *Jobs) Get(id string) (Job, bool) {
	j.mu.Lock()
	defer j.mu.Unlock()
	if _, ok := j.jobs[id]; !ok {
		return Job{}, false
	}
	return j.copyLocked(id), true
}

// List returns the remembered jobs, newest first.
func (j *Jobs) List() []Job {
	j.mu.Lock()
	defer j.mu.Unlock()
	out := make([]Job, 0, len(j.order))
	for i := len(j.order) - 1; i >= 0; i-- {
		out = append(out, j.copyLocked(j.order[i]))
	}
	return out
}

// Wait blocks until job id has finished or ctx is done, and returns it.
func (j *Jobs) Wait(ctx context.Context, id string) (Job, error) {
	j.mu.Lock()
	ch, ok := j.done[id]
	j.mu.Unlock()
	if !ok {
		return Job{}, fmt.Errorf("no job %s", id)
	}
	select {
	case <-ch:
	case <-ctx.Done():
		return Job{}, ctx.Err()
	}
	job, _ := j.Get(id)
	return job, nil
}

func newJobID() string {
	b := make([]byte, 6)
	rand.Read(b)
	return hex.EncodeToString(b)
}
