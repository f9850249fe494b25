package server

import (
	"bufio"
	"context"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"
)

// seriesCount counts the samples of a metric in a /metrics answer.
func seriesCount(body, sample string) int {
	n := 0
	for _, l := range strings.Split(body, "\n") {
		if strings.HasPrefix(l, sample+"{") {
			n++
		}
	}
	return n
}

// Invented HTTP methods must not mint metric series: every label comes from
// a fixed set, or memory grows with each request an attacker sends and is
// never freed.
func TestMetricLabelsAreBounded(t *testing.T) {
	ts, _ := newTestServer(t, Serving(seedLive), Config{})
	for i := range 300 {
		r := do(t, ts, fmt.Sprintf("M%07dXYZ", i), "/healthz", nil)
		if r.status != http.StatusMethodNotAllowed {
			t.Fatalf("invented method: %d", r.status)
		}
	}
	body := get(t, ts, "/metrics").body
	for _, sample := range []string{"cinesearch_http_requests_total", "cinesearch_http_request_duration_seconds_count"} {
		if n := seriesCount(body, sample); n == 0 || n > 3 {
			t.Errorf("%s has %d series after 300 invented methods; want a handful", sample, n)
		}
	}
	if !strings.Contains(body, `method="other"`) {
		t.Error("invented methods are not counted as method=\"other\"")
	}
}

// serveLoopback runs s on a real loopback listener until the test ends.
func serveLoopback(t *testing.T, s *Server) string {
	t.Helper()
	ln, err := Listen("127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- s.Serve(ctx, ln, time.Second) }()
	t.Cleanup(func() {
		cancel()
		<-done
	})
	return "http://" + ln.Addr().String()
}

// Clients holding many idle keep-alive connections cannot starve the
// server of file descriptors: it keeps at most MaxConns open and closes
// idle ones under pressure, so a new client is still answered.
func TestIdleConnectionsCannotExhaustTheServer(t *testing.T) {
	const maxConns = 20
	s, err := New(Serving(seedLive), Config{MaxConns: maxConns})
	if err != nil {
		t.Fatal(err)
	}
	base := serveLoopback(t, s)
	addr := strings.TrimPrefix(base, "http://")
	var held []net.Conn
	defer func() {
		for _, c := range held {
			c.Close()
		}
	}()
	for i := range 3 * maxConns {
		c, err := net.Dial("tcp", addr)
		if err != nil {
			t.Fatalf("dial %d: %v", i, err)
		}
		held = append(held, c)
		c.SetDeadline(time.Now().Add(10 * time.Second))
		fmt.Fprintf(c, "GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n")
		resp, err := http.ReadResponse(bufio.NewReader(c), nil)
		if err != nil {
			t.Fatalf("connection %d got no answer: %v", i, err)
		}
		resp.Body.Close()
	}
	s.conns.mu.Lock()
	open := s.conns.open
	s.conns.mu.Unlock()
	if open > maxConns {
		t.Errorf("%d connections open, the limit is %d", open, maxConns)
	}
	client := &http.Client{Timeout: 10 * time.Second}
	resp, err := client.Get(base + "/healthz")
	if err != nil || resp.StatusCode != 200 {
		t.Fatalf("healthz while %d idle connections are held: %v", len(held), err)
	}
	resp.Body.Close()
	resp, err = client.Get(base + "/metrics")
	if err != nil {
		t.Fatal(err)
	}
	body, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if !strings.Contains(string(body), "cinesearch_idle_connections_closed_total") || strings.Contains(string(body), "cinesearch_idle_connections_closed_total 0\n") {
		t.Error("closed idle connections are not counted")
	}
}

// TestSearchDeadlineCountsTheWait: a search that waited for a slot has
// its deadline counted from its arrival, not from when the slot freed.
func TestSearchDeadlineCountsTheWait(t *testing.T) {
	s, err := New(Serving(seedLive), Config{MaxSearches: 1, SearchTimeout: time.Second})
	if err != nil {
		t.Fatal(err)
	}
	var deadline time.Time
	h := s.shed(func(w http.ResponseWriter, r *http.Request) error {
		deadline, _ = r.Context().Deadline()
		return nil
	})
	s.slots <- struct{}{} // another search holds the one slot
	done := make(chan error, 1)
	arrived := time.Now()
	go func() { done <- h(httptest.NewRecorder(), httptest.NewRequest("GET", "/api/search?q=x", nil)) }()
	time.Sleep(10 * time.Millisecond)
	<-s.slots
	if err := <-done; err != nil {
		t.Fatalf("the waiting search: %v", err)
	}
	if deadline.IsZero() || deadline.After(arrived.Add(time.Second+5*time.Millisecond)) {
		t.Errorf("deadline %v after arrival, want at most the 1 s search timeout", deadline.Sub(arrived))
	}
}
