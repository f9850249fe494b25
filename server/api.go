package server

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"

	"github.com/gorilla/mux"

	"cinesearch/index"
)

// maxFilmParams bounds repeated film= parameters.
const maxFilmParams = 20

// searchParams reads the search parameters shared by the page and the API:
// q, film (repeatable), year_from, year_to, page, size, sort, facets,
// typing, exact.
func searchParams(v url.Values) (index.Request, error) {
	req := index.Request{Query: v.Get("q"), Sort: v.Get("sort")}
	for _, f := range v["film"] {
		if f = strings.TrimSpace(f); f != "" {
			req.Films = append(req.Films, f)
		}
	}
	if len(req.Films) > maxFilmParams {
		return req, errBadRequest("bad_param", fmt.Sprintf("at most %d film parameters", maxFilmParams))
	}
	ints := []struct {
		name string
		dst  *int
	}{{"year_from", &req.YearFrom}, {"year_to", &req.YearTo}, {"page", &req.Page}, {"size", &req.Size}}
	for _, p := range ints {
		s := strings.TrimSpace(v.Get(p.name))
		if s == "" {
			continue
		}
		n, err := strconv.Atoi(s)
		if err != nil {
			return req, errBadRequest("bad_param", fmt.Sprintf("%s must be a whole number, not %q", p.name, truncate(s, 20)))
		}
		*p.dst = n
	}
	for _, b := range []struct {
		name string
		dst  *bool
	}{{"typing", &req.Typing}, {"exact", &req.Exact}} {
		switch v.Get(b.name) {
		case "", "0", "false":
		case "1", "true":
			*b.dst = true
		default:
			return req, errBadRequest("bad_param", b.name+" must be 1 or 0")
		}
	}
	for _, off := range []struct {
		name string
		dst  *bool
	}{{"facets", &req.NoFacets}, {"fragments", &req.NoFragments}} {
		switch v.Get(off.name) {
		case "", "1", "true":
		case "0", "false":
			*off.dst = true
		default:
			return req, errBadRequest("bad_param", off.name+" must be 1 or 0")
		}
	}
	return req, nil
}

func truncate(s string, n int) string {
	if len(s) <= n {
		return s
	}
	return s[:n] + "…"
}

// search runs a search under the per-search deadline and records its time.
func (s *Server) search(ctx context.Context, v View, req index.Request) (index.Result, error) {
	ctx, cancel := context.WithTimeout(ctx, s.cfg.SearchTimeout)
	defer cancel()
	start := time.Now()
	res, err := v.Search(ctx, req)
	s.metrics.search.Observe(time.Since(start).Seconds())
	return res, err
}

func (s *Server) apiSearch(w http.ResponseWriter, r *http.Request) error {
	req, err := searchParams(r.URL.Query())
	if err != nil {
		return err
	}
	v := s.view(r)
	res, err := s.search(r.Context(), v, req)
	if err != nil {
		return err
	}
	w.Header().Set("Cache-Control", "no-store")
	writeJSON(w, http.StatusOK, NewSearchResponse(res))
	return nil
}

func (s *Server) apiPassage(w http.ResponseWriter, r *http.Request) error {
	id := mux.Vars(r)["id"]
	v := s.view(r)
	around, err := v.Around(r.Context(), id, 1)
	if err != nil {
		return notFoundAs(err, fmt.Sprintf("no passage %q", truncate(id, 80)))
	}
	out := PassageResponse{}
	for i, h := range around {
		if h.ID == id {
			out.Hit = newHit(h)
			if i > 0 {
				out.Previous = &around[i-1].ID
			}
			if i+1 < len(around) {
				out.Next = &around[i+1].ID
			}
		}
	}
	out.Fragments = nil
	writeJSON(w, http.StatusOK, out)
	return nil
}

// notFoundAs gives ErrNotFound a message naming what was not found.
func notFoundAs(err error, msg string) error {
	if classify(err).status == http.StatusNotFound {
		return errNotFound(msg)
	}
	return err
}

func (s *Server) apiFilms(w http.ResponseWriter, r *http.Request) error {
	v := s.view(r)
	films := v.Catalogue().Films
	out := FilmsResponse{Films: make([]Film, len(films)), Total: len(films)}
	for i, f := range films {
		out.Films[i] = newFilm(f)
	}
	writeJSON(w, http.StatusOK, out)
	return nil
}

func (s *Server) apiFilm(w http.ResponseWriter, r *http.Request) error {
	slug := mux.Vars(r)["slug"]
	v := s.view(r)
	f, err := v.Catalogue().Film(slug)
	if err != nil {
		return notFoundAs(err, fmt.Sprintf("no film %q", truncate(slug, 80)))
	}
	writeJSON(w, http.StatusOK, newFilm(f))
	return nil
}

func (s *Server) healthz(w http.ResponseWriter, r *http.Request) error {
	writeJSON(w, http.StatusOK, map[string]string{"status": "ok"})
	return nil
}

// readyz answers 200 only when the index is open and answers a search.
func (s *Server) readyz(w http.ResponseWriter, r *http.Request) error {
	ctx, cancel := context.WithTimeout(r.Context(), time.Second)
	defer cancel()
	v := s.view(r)
	m := v.Catalogue().Manifest
	if _, err := v.Search(ctx, index.Request{Query: "", Size: 1, NoFacets: true}); err != nil {
		writeJSON(w, http.StatusServiceUnavailable, map[string]any{"status": "not ready", "error": err.Error()})
		return nil
	}
	body := map[string]any{
		"status": "ready", "generation": m.Generation, "passages": m.Passages, "articles": m.Articles,
		"films": m.Films, "built_at": m.BuiltAt, "corpus_digest": m.CorpusDigest,
	}
	if d := s.backend.Degraded(); d != "" {
		body["degraded"] = d
	}
	writeJSON(w, http.StatusOK, body)
	return nil
}
