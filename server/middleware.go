package server

import (
	"bufio"
	"context"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"log"
	"net"
	"net/http"
	"runtime/debug"
	"time"

	"github.com/rs/zerolog"
)

type ctxKey int

const (
	keyRequestID ctxKey = iota
	keyRoute
)

// requestID gives every request an ID (or keeps a sane incoming
// X-Request-ID), returned in the response header and logged.
func (s *Server) requestID(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		id := r.Header.Get("X-Request-ID")
		if !saneID(id) {
			var b [8]byte
			rand.Read(b[:])
			id = hex.EncodeToString(b[:])
		}
		w.Header().Set("X-Request-ID", id)
		next.ServeHTTP(w, r.WithContext(context.WithValue(r.Context(), keyRequestID, id)))
	})
}

func saneID(id string) bool {
	if id == "" || len(id) > 64 {
		return false
	}
	for _, c := range id {
		if !(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '-' || c == '_') {
			return false
		}
	}
	return true
}

func requestIDFrom(ctx context.Context) string {
	id, _ := ctx.Value(keyRequestID).(string)
	return id
}

// recorder captures status and size for logs and metrics.
type recorder struct {
	http.ResponseWriter
	status int
	bytes  int
}

func (r *recorder) WriteHeader(code int) {
	if r.status == 0 {
		r.status = code
	}
	r.ResponseWriter.WriteHeader(code)
}

func (r *recorder) Write(b []byte) (int, error) {
	if r.status == 0 {
		r.status = http.StatusOK
	}
	n, err := r.ResponseWriter.Write(b)
	r.bytes += n
	return n, err
}

func (r *recorder) Flush() {
	if f, ok := r.ResponseWriter.(http.Flusher); ok {
		f.Flush()
	}
}

func (r *recorder) Hijack() (net.Conn, *bufio.ReadWriter, error) {
	if h, ok := r.ResponseWriter.(http.Hijacker); ok {
		return h.Hijack()
	}
	return nil, nil, errors.New("hijack not supported")
}

// logRequests writes one structured line per request. Query strings are
// logged (they are what people searched) but never headers, so an admin
// token cannot reach the log.
func (s *Server) logRequests(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		start := time.Now()
		rec := &recorder{ResponseWriter: w}
		route := new(string)
		next.ServeHTTP(rec, r.WithContext(context.WithValue(r.Context(), keyRoute, route)))
		if rec.status == 0 {
			rec.status = http.StatusOK
		}
		ev := s.log.Info()
		if rec.status >= 500 {
			ev = s.log.Warn()
		}
		ev.Str("method", r.Method).
			Str("route", *route).
			Str("path", r.URL.Path).
			Int("status", rec.status).
			Float64("duration_ms", float64(time.Since(start).Microseconds())/1000).
			Int("bytes", rec.bytes).
			Str("request_id", requestIDFrom(r.Context())).
			Str("remote", r.RemoteAddr).
			Msg("request")
	})
}

// recoverPanics turns a panic into a logged stack and a 500 JSON/HTML
// answer instead of a dropped connection.
func (s *Server) recoverPanics(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		defer func() {
			if v := recover(); v != nil {
				if v == http.ErrAbortHandler {
					panic(v)
				}
				s.log.Error().Str("request_id", requestIDFrom(r.Context())).Str("panic", fmt.Sprint(v)).
					Str("stack", string(debug.Stack())).Msg("panic recovered")
				s.writeError(w, r, fmt.Errorf("panic: %v", v))
			}
		}()
		next.ServeHTTP(w, r)
	})
}

// limitURL refuses over-long URLs with 400 rather than letting them reach
// the search.
func (s *Server) limitURL(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if n := len(r.URL.RequestURI()); n > s.cfg.MaxURLBytes {
			s.writeError(w, r, &httpError{status: http.StatusRequestURITooLong, code: "url_too_long", msg: fmt.Sprintf("the URL is %d bytes long; at most %d are accepted — shorten the query", n, s.cfg.MaxURLBytes)})
			return
		}
		next.ServeHTTP(w, r)
	})
}

// shed bounds concurrent searches. A request waits at most 50 ms for a
// slot, then is answered 503 with Retry-After: queueing more work than the
// machine can do only makes every answer late. The search deadline runs
// from the request's arrival, so the wait counts against it.
func (s *Server) shed(h handlerFunc) handlerFunc {
	return func(w http.ResponseWriter, r *http.Request) error {
		ctx, cancel := context.WithTimeout(r.Context(), s.cfg.SearchTimeout)
		defer cancel()
		r = r.WithContext(ctx)
		select {
		case s.slots <- struct{}{}:
		default:
			t := time.NewTimer(50 * time.Millisecond)
			select {
			case s.slots <- struct{}{}:
				t.Stop()
			case <-t.C:
				s.metrics.shed.Inc()
				return errOverloaded
			case <-r.Context().Done():
				t.Stop()
				return r.Context().Err()
			}
		}
		defer func() { <-s.slots }()
		return h(w, r)
	}
}

// instrument records the route name for logs and request metrics.
func (s *Server) instrument(name string, next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if p, ok := r.Context().Value(keyRoute).(*string); ok {
			*p = name
		}
		start := time.Now()
		rec, ok := w.(*recorder)
		if !ok {
			rec = &recorder{ResponseWriter: w}
		}
		next.ServeHTTP(rec, r)
		status := rec.status
		if status == 0 {
			status = http.StatusOK
		}
		s.metrics.observe(name, r.Method, status, time.Since(start))
	})
}

// newStdLogger routes net/http's own messages (TLS errors, panics in
// Serve) to zerolog.
func newStdLogger(l zerolog.Logger) *log.Logger {
	return log.New(stdWriter{l}, "", 0)
}

type stdWriter struct{ l zerolog.Logger }

func (w stdWriter) Write(p []byte) (int, error) {
	w.l.Warn().Msg(string(p))
	return len(p), nil
}

func listen(addr string) (net.Listener, error) {
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		return nil, fmt.Errorf("listen on %s: %w", addr, err)
	}
	return ln, nil
}
