package index

// Live serving across generations.
//
// A Live holds the generation being served. Acquire pins the current
// generation (a reference count) until its release, so a request that
// started on generation 7 finishes on generation 7 even if generation 8 is
// swapped in meanwhile; the old generation is closed only when its last
// reader is done. Swapping never blocks readers for longer than a pointer
// exchange, and no request can see a closed index.
//
// A Rebuilder with a Live serves each generation it builds as it makes it
// current. Reload opens the generation CURRENT points to (one built by
// another process), verifies every file against the manifest's checksums
// (OpenGeneration), and swaps it in; it is called on SIGHUP and by Watch,
// which polls CURRENT.

import (
	"context"
	"errors"
	"fmt"
	"path/filepath"
	"sync"
	"time"
)

// Live serves the current generation of an index directory.
type Live struct {
	root string
	mu   sync.RWMutex
	cur  *pinned
	// reload serialises Reload calls.
	reload sync.Mutex
	// degraded says why an older generation is served (see OpenLive).
	degraded string
	// OnSwap, if set, is called after each swap with the new manifest.
	OnSwap func(Manifest)
}

type pinned struct {
	ix   *Index
	refs sync.WaitGroup
}

// OpenLive opens the current generation in root. When it is damaged, or
// CURRENT names none (ErrBadCurrent), the newest good generation is served
// instead and Degraded says why; when none is good, the error is the
// first one.
func OpenLive(root string) (*Live, error) {
	ix, err := Open(root)
	if err == nil {
		return &Live{root: root, cur: &pinned{ix: ix}}, nil
	}
	var de *DamagedError
	skip := ""
	switch {
	case errors.As(err, &de):
		skip = de.Generation
	case errors.Is(err, ErrBadCurrent):
		// An empty or garbled CURRENT (a disk that filled while it was
		// written by hand, a stray edit): the generations are still there.
	default:
		return nil, err
	}
	gens, _, lerr := listGenerations(root)
	if lerr != nil {
		return nil, err
	}
	for i := len(gens) - 1; i >= 0; i-- {
		if gens[i] == skip {
			continue
		}
		if old, oerr := OpenGeneration(filepath.Join(root, gens[i])); oerr == nil {
			return &Live{root: root, cur: &pinned{ix: old},
				degraded: fmt.Sprintf("%v; serving %s, the newest good generation, until a rebuild", err, gens[i])}, nil
		}
	}
	return nil, err
}

// Degraded says why the served generation is not the current one (the
// current one is damaged), or is empty.
func (l *Live) Degraded() string {
	l.mu.RLock()
	defer l.mu.RUnlock()
	return l.degraded
}

// Acquire pins the generation served now: it stays open, even across
// swaps, until done is called. Every call of one request should go to one
// acquired generation, so that a page never mixes two.
func (l *Live) Acquire() (ix *Index, done func()) {
	l.mu.RLock()
	p := l.cur
	p.refs.Add(1)
	l.mu.RUnlock()
	return p.ix, p.refs.Done
}

// Swap serves ix from now on and closes the previous generation once its
// in-flight calls have finished.
func (l *Live) Swap(ix *Index) {
	l.mu.Lock()
	old := l.cur
	l.cur = &pinned{ix: ix}
	l.degraded = ""
	l.mu.Unlock()
	if l.OnSwap != nil {
		l.OnSwap(ix.Manifest())
	}
	if old != nil {
		go func() {
			old.refs.Wait()
			old.ix.Close()
		}()
	}
}

// publish makes the opened generation name current with write and serves
// it, both under the reload lock, so that Watch cannot open it a second
// time in between. ix is closed if write fails.
func (l *Live) publish(name string, ix *Index, write func() error) error {
	l.reload.Lock()
	defer l.reload.Unlock()
	if err := write(); err != nil {
		ix.Close()
		return err
	}
	l.Swap(ix)
	return nil
}

// Reload swaps to the generation CURRENT points to, if it is not the one
// served. It reports whether it swapped. A generation that fails to open or
// verify is not served; the error says why.
func (l *Live) Reload() (bool, error) {
	l.reload.Lock()
	defer l.reload.Unlock()
	name, err := readCurrent(l.root)
	if err != nil {
		return false, err
	}
	if l.Manifest().Generation == name {
		return false, nil
	}
	ix, err := OpenGeneration(filepath.Join(l.root, name))
	if err != nil {
		return false, err
	}
	l.Swap(ix)
	return true, nil
}

// Watch polls CURRENT every interval and reloads when it changes, until ctx
// is done. Errors go to onErr (a generation that fails to verify is
// reported once per change of CURRENT).
func (l *Live) Watch(ctx context.Context, interval time.Duration, onErr func(error)) {
	t := time.NewTicker(interval)
	defer t.Stop()
	lastBad := ""
	for {
		select {
		case <-ctx.Done():
			return
		case <-t.C:
		}
		name, err := readCurrent(l.root)
		if err != nil || name == l.Manifest().Generation || name == lastBad {
			continue
		}
		if _, err := l.Reload(); err != nil {
			lastBad = name
			if onErr != nil {
				onErr(fmt.Errorf("generation %s not served: %w", name, err))
			}
		}
	}
}

// closeWait is how long Close waits for calls in flight. Searches carry
// deadlines far shorter; a call still running after it must not keep a
// process that was told to stop from stopping.
const closeWait = 5 * time.Second

// Close stops serving and closes the served generation once the calls in
// flight have ended, waiting for them at most closeWait (after that the
// generation is closed by the last of them, and Close says so). No call
// may be made after Close.
func (l *Live) Close() error { return l.close(closeWait) }

func (l *Live) close(wait time.Duration) error {
	l.mu.Lock()
	p := l.cur
	l.cur = nil
	l.mu.Unlock()
	if p == nil {
		return errors.New("already closed")
	}
	done := make(chan error, 1)
	go func() {
		p.refs.Wait()
		done <- p.ix.Close()
	}()
	select {
	case err := <-done:
		return err
	case <-time.After(wait):
		return fmt.Errorf("index closed with calls still running after %s; they keep generation %s open until they end", wait, p.ix.Manifest().Generation)
	}
}

// Root is the index directory.
func (l *Live) Root() string { return l.root }

// Search searches the current generation.
func (l *Live) Search(ctx context.Context, req Request) (Result, error) {
	ix, done := l.Acquire()
	defer done()
	return ix.Search(ctx, req)
}

// Manifest returns the served generation's manifest.
func (l *Live) Manifest() Manifest {
	ix, done := l.Acquire()
	defer done()
	return ix.Manifest()
}
