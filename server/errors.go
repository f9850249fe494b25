package server

// Errors: handlers return them, one adapter maps them to a status and a
// body — JSON {"error":{"code","message"}} under /api/, an HTML error page
// elsewhere. Internal errors are logged with the request ID and shown as a
// generic message; everything a person can fix is said plainly.

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"net/http"
	"strconv"
	"strings"
	"sync"
	"syscall"

	"cinesearch/index"
)

// httpError is an error with a status, a machine code and a message for
// people.
type httpError struct {
	status     int
	code       string
	msg        string
	retryAfter string
	// details are extra fields of the JSON error object.
	details map[string]any
}

func (e *httpError) Error() string { return e.msg }

func errBadRequest(code, msg string) error {
	return &httpError{status: http.StatusBadRequest, code: code, msg: msg}
}

func errNotFound(msg string) error {
	return &httpError{status: http.StatusNotFound, code: "not_found", msg: msg}
}

var errOverloaded = &httpError{status: http.StatusServiceUnavailable, code: "overloaded",
	msg: "the server is busy with other searches; try again in a moment", retryAfter: "1"}

// classify maps any error to an httpError.
func classify(err error) *httpError {
	var he *httpError
	var qe *index.QueryError
	var fe *index.UnknownFilmError
	var tp textProblem
	switch {
	case errors.As(err, &he):
		return he
	case errors.As(err, &qe):
		return &httpError{status: http.StatusBadRequest, code: "bad_query", msg: qe.Msg}
	case errors.As(err, &fe):
		return &httpError{status: http.StatusBadRequest, code: "unknown_film", msg: fe.Error()}
	case errors.As(err, &tp):
		name, line, kind := tp.TextProblem()
		switch kind {
		case "not_found":
			return &httpError{status: http.StatusNotFound, code: "not_found", msg: tp.Error()}
		case "too_large":
			return &httpError{status: http.StatusRequestEntityTooLarge, code: "too_large", msg: tp.Error()}
		case "bad_name":
			return &httpError{status: http.StatusBadRequest, code: "bad_name", msg: tp.Error()}
		}
		d := map[string]any{"file": name}
		if line > 0 {
			d["line"] = line
		}
		return &httpError{status: http.StatusUnprocessableEntity, code: "bad_text", msg: tp.Error(), details: d}
	case errors.Is(err, syscall.ENOSPC) || errors.Is(err, syscall.EFBIG) || errors.Is(err, syscall.EDQUOT):
		return &httpError{status: http.StatusInsufficientStorage, code: "disk_full", msg: "the server has no room to store this; nothing was changed"}
	case errors.Is(err, syscall.EROFS) || errors.Is(err, syscall.EACCES) || errors.Is(err, syscall.EPERM):
		return &httpError{status: http.StatusServiceUnavailable, code: "read_only", msg: "the server cannot write its texts directory; nothing was changed"}
	case errors.Is(err, index.ErrNotFound):
		return &httpError{status: http.StatusNotFound, code: "not_found", msg: "not found"}
	case errors.Is(err, context.DeadlineExceeded):
		return &httpError{status: http.StatusServiceUnavailable, code: "timeout", msg: "the search took too long; try fewer or longer words", retryAfter: "1"}
	case errors.Is(err, context.Canceled):
		// The client went away; the status is for the log only.
		return &httpError{status: 499, code: "canceled", msg: "request canceled"}
	}
	return &httpError{status: http.StatusInternalServerError, code: "internal", msg: "something went wrong on our side; it has been logged"}
}

type handlerFunc func(w http.ResponseWriter, r *http.Request) error

// handle adapts a handler that returns an error.
func (s *Server) handle(h handlerFunc) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		r, release := withView(s.backend, r)
		defer release()
		if err := h(w, r); err != nil {
			s.writeError(w, r, err)
		}
	})
}

func isAPI(r *http.Request) bool {
	return strings.HasPrefix(r.URL.Path, "/api/") || r.URL.Path == "/api" || r.URL.Path == "/metrics" || r.URL.Path == "/healthz" || r.URL.Path == "/readyz"
}

func (s *Server) writeError(w http.ResponseWriter, r *http.Request, err error) {
	he := classify(err)
	if he.status >= 500 && he.code == "internal" {
		s.log.Error().Err(err).Str("request_id", requestIDFrom(r.Context())).Str("path", r.URL.Path).Msg("internal error")
	}
	if he.retryAfter != "" {
		w.Header().Set("Retry-After", he.retryAfter)
	}
	if isAPI(r) {
		body := map[string]any{"code": he.code, "message": he.msg}
		for k, v := range he.details {
			body[k] = v
		}
		writeJSON(w, he.status, map[string]any{"error": body})
		return
	}
	s.renderError(w, r, he)
}

// writeJSON answers with v as JSON.
//
// The body is encoded whole first and sent with its length in one write:
// streamed, a page of hits (10–25 KB) went out as several chunks, each a
// write on the server and a read on the client.
func writeJSON(w http.ResponseWriter, status int, v any) {
	buf := jsonBuffers.Get().(*bytes.Buffer)
	defer putJSONBuffer(buf)
	buf.Reset()
	enc := json.NewEncoder(buf)
	enc.SetEscapeHTML(true) // "<" in a passage stays inert even if a client pastes JSON into HTML
	if err := enc.Encode(v); err != nil {
		// Only a value JSON cannot hold (a NaN score) gets here.
		buf.Reset()
		buf.WriteString(`{"error":{"code":"internal","message":"the answer could not be encoded"}}` + "\n")
		status = http.StatusInternalServerError
	}
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.Header().Set("X-Content-Type-Options", "nosniff")
	w.Header().Set("Content-Length", strconv.Itoa(buf.Len()))
	w.WriteHeader(status)
	w.Write(buf.Bytes())
}

// jsonBuffers are writeJSON's buffers; one grown past maxPooledJSON (a
// page of 100 long hits) is left to the collector rather than kept.
var jsonBuffers = sync.Pool{New: func() any { return new(bytes.Buffer) }}

const maxPooledJSON = 1 << 20

func putJSONBuffer(b *bytes.Buffer) {
	if b.Cap() <= maxPooledJSON {
		jsonBuffers.Put(b)
	}
}
