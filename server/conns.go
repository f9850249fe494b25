package server

// Connection limits. Every open connection costs the server a file
// descriptor, and a client can hold thousands of idle keep-alive
// connections for nothing (21,000 of them once exhausted the open-file
// limit, and /healthz and search stopped answering). So the listener
// accepts at most MaxConns connections (further ones wait in the kernel's
// backlog), and under pressure — more than highWater of them open —
// idle keep-alive connections are closed, oldest first, until the server
// is back under lowWater. A client that was only holding a connection
// loses it; a real client simply reconnects (HTTP clients retry a request
// on a keep-alive connection the server closed).

import (
	"context"
	"errors"
	"net"
	"net/http"
	"sort"
	"sync"
	"syscall"
	"time"

	"github.com/prometheus/client_golang/prometheus"
	"golang.org/x/net/netutil"
)

const (
	highWater = 0.9  // of MaxConns: start closing idle connections
	lowWater  = 0.75 // of MaxConns: stop closing them
)

// DefaultMaxConns derives a connection limit from the process's open-file
// limit, keeping an eighth of it (at least 256) for index files, texts and
// rebuilds.
func DefaultMaxConns() int {
	var lim syscall.Rlimit
	if err := syscall.Getrlimit(syscall.RLIMIT_NOFILE, &lim); err != nil || lim.Cur == 0 {
		return 1000
	}
	n := int(min(lim.Cur, 1<<20))
	return min(max(n-max(256, n/8), 16), 100_000)
}

// connGuard tracks the server's connections and closes idle ones under
// pressure.
type connGuard struct {
	high, low int
	reaped    prometheus.Counter

	mu   sync.Mutex
	open int
	idle map[net.Conn]time.Time
}

func newConnGuard(maxConns int, reaped prometheus.Counter) *connGuard {
	return &connGuard{
		high:   max(1, int(float64(maxConns)*highWater)),
		low:    max(0, int(float64(maxConns)*lowWater)),
		reaped: reaped,
		idle:   map[net.Conn]time.Time{},
	}
}

// state is the http.Server's ConnState hook.
func (g *connGuard) state(c net.Conn, st http.ConnState) {
	var victims []net.Conn
	g.mu.Lock()
	switch st {
	case http.StateNew:
		g.open++
		if g.open >= g.high {
			victims = g.pickIdleLocked()
		}
	case http.StateIdle:
		g.idle[c] = time.Now()
		// Also here: at the limit the listener accepts nothing, so no
		// StateNew would come to free a place.
		if g.open >= g.high {
			victims = g.pickIdleLocked()
		}
	case http.StateActive:
		delete(g.idle, c)
	case http.StateClosed, http.StateHijacked:
		g.open--
		delete(g.idle, c)
	}
	g.mu.Unlock()
	// Closing wakes the connection's goroutine, which reports StateClosed
	// through this hook: never close while holding the lock.
	for _, v := range victims {
		v.Close()
	}
	if len(victims) > 0 {
		g.reaped.Add(float64(len(victims)))
	}
}

// pickIdleLocked chooses the idle connections to close, oldest first, to
// bring the open count down to the low-water mark.
func (g *connGuard) pickIdleLocked() []net.Conn {
	need := g.open - g.low
	if need <= 0 || len(g.idle) == 0 {
		return nil
	}
	type idleConn struct {
		c     net.Conn
		since time.Time
	}
	all := make([]idleConn, 0, len(g.idle))
	for c, t := range g.idle {
		all = append(all, idleConn{c, t})
	}
	sort.Slice(all, func(i, j int) bool { return all[i].since.Before(all[j].since) })
	out := make([]net.Conn, 0, min(need, len(all)))
	for _, ic := range all[:min(need, len(all))] {
		out = append(out, ic.c)
		delete(g.idle, ic.c) // chosen once; its StateClosed follows
	}
	return out
}

// Listen opens addr for Serve. serve opens it before building the index,
// so a busy port is reported at once rather than after the build.
func Listen(addr string) (net.Listener, error) { return listen(addr) }

// Serve serves on ln until ctx is done, then shuts down gracefully:
// in-flight requests get up to grace to finish. At most MaxConns
// connections are open at once.
func (s *Server) Serve(ctx context.Context, ln net.Listener, grace time.Duration) error {
	srv := s.HTTPServer(ln.Addr().String())
	ln = netutil.LimitListener(ln, s.cfg.MaxConns)
	errc := make(chan error, 1)
	go func() { errc <- srv.Serve(ln) }()
	select {
	case err := <-errc:
		return err
	case <-ctx.Done():
	}
	sctx, cancel := context.WithTimeout(context.Background(), grace)
	defer cancel()
	if err := srv.Shutdown(sctx); err != nil {
		return err
	}
	if err := <-errc; !errors.Is(err, http.ErrServerClosed) {
		return err
	}
	return nil
}
