package server

import (
	"context"
	"net/http"

	"cinesearch/index"
)

// Backend is what the server needs from the index: the generation served
// now, pinned for the length of one request.
type Backend interface {
	// Acquire pins the generation served now. Every call a request makes
	// goes to this one view, so that a page never mixes two generations
	// across a swap; release is called once the response is written.
	Acquire() (v View, release func())
	// Degraded says why an older generation is served (the newest one is
	// damaged), or is empty.
	Degraded() string
}

// View is one generation of the index. *index.Index is one.
type View interface {
	Search(ctx context.Context, req index.Request) (index.Result, error)
	// Around returns a passage and up to n passages each side of it in
	// its article; index.ErrNotFound when there is no such passage.
	Around(ctx context.Context, id string, n int) ([]index.Hit, error)
	// Mark returns text as HTML, escaped, with the words q matches marked.
	Mark(q, text string) string
	// Catalogue is the generation's manifest, films and articles.
	Catalogue() *index.Catalogue
}

// Serving is the Backend of a live index: the generation it serves when a
// request arrives.
func Serving(l *index.Live) Backend { return liveBackend{l} }

type liveBackend struct{ l *index.Live }

func (b liveBackend) Acquire() (View, func()) {
	ix, done := b.l.Acquire()
	return ix, done
}

func (b liveBackend) Degraded() string { return b.l.Degraded() }

// requestView is the one view of the index a request uses, acquired at
// its first use and released by handle once the response is written.
type requestView struct {
	b       Backend
	v       View
	release func()
}

type viewKey struct{}

// view returns the request's view of the index.
func (s *Server) view(r *http.Request) View {
	rv, ok := r.Context().Value(viewKey{}).(*requestView)
	if !ok {
		// Not under handle: release when the request ends (net/http
		// cancels its context once ServeHTTP returns).
		v, release := s.backend.Acquire()
		context.AfterFunc(r.Context(), release)
		return v
	}
	if rv.v == nil {
		rv.v, rv.release = rv.b.Acquire()
	}
	return rv.v
}

// withView gives a request a view slot, and releases what it acquired
// once the response (or the error page) is written.
func withView(b Backend, r *http.Request) (*http.Request, func()) {
	rv := &requestView{b: b}
	return r.WithContext(context.WithValue(r.Context(), viewKey{}, rv)), func() {
		if rv.release != nil {
			rv.release()
		}
	}
}
