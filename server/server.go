// Package server owns cinesearch's HTTP surface: routes, handlers for the
// search page and the JSON API, middleware (request IDs, structured logs,
// panic recovery, load shedding, limits) and metrics.
//
// It knows nothing of Bleve. It talks to a Backend (backend.go): each
// request acquires one View of the generation served, and turns what the
// index returns into its own JSON types (types.go) or into HTML through the
// templates in web/.
// Errors are returned by handlers and mapped to status codes in one place
// (errors.go).
package server

import (
	"crypto/sha256"
	"errors"
	"fmt"
	"html/template"
	"net/http"
	"runtime"
	"time"

	"github.com/gorilla/mux"
	"github.com/prometheus/client_golang/prometheus"
	"github.com/rs/zerolog"
)

// Config configures a Server.
type Config struct {
	// Logger receives one line per request and errors. Default: none.
	Logger zerolog.Logger
	// SearchTimeout bounds each search (default 2s).
	SearchTimeout time.Duration
	// MaxSearches is how many searches may run at once; more are answered
	// 503 with Retry-After (default 8 per CPU).
	MaxSearches int
	// MaxURLBytes limits the request URL (default 4096).
	MaxURLBytes int
	// MaxConns limits open connections (default: DefaultMaxConns, from
	// the open-file limit).
	MaxConns int
	// Admin, if set, turns the admin API on.
	Admin *Admin
}

// Server is the HTTP application.
type Server struct {
	cfg     Config
	backend Backend
	log     zerolog.Logger
	pages   map[string]*template.Template
	router  *mux.Router
	metrics *metrics
	slots   chan struct{}
	// uploads bounds the uploads read and checked at once (see putText).
	uploads chan struct{}
	conns   *connGuard
	// tokenHash is the SHA-256 of the admin token.
	tokenHash [32]byte
}

// New builds a server over a backend.
func New(b Backend, cfg Config) (*Server, error) {
	if cfg.SearchTimeout <= 0 {
		cfg.SearchTimeout = 2 * time.Second
	}
	if cfg.MaxSearches <= 0 {
		cfg.MaxSearches = 8 * runtime.GOMAXPROCS(0)
	}
	if cfg.MaxURLBytes <= 0 {
		cfg.MaxURLBytes = 4096
	}
	if cfg.MaxConns <= 0 {
		cfg.MaxConns = DefaultMaxConns()
	}
	if a := cfg.Admin; a != nil {
		switch {
		case len(a.Token) < MinTokenBytes:
			return nil, fmt.Errorf("the admin token must have at least %d characters", MinTokenBytes)
		case a.Texts == nil || a.Jobs == nil:
			return nil, errors.New("the admin API needs a texts directory and a rebuild runner")
		}
	}
	pages, err := parseTemplates()
	if err != nil {
		return nil, err
	}
	s := &Server{
		cfg:     cfg,
		backend: b,
		log:     cfg.Logger,
		pages:   pages,
		metrics: newMetrics(b),
		slots:   make(chan struct{}, cfg.MaxSearches),
		uploads: make(chan struct{}, maxUploadChecks),
	}
	s.conns = newConnGuard(cfg.MaxConns, s.metrics.reaped)
	if cfg.Admin != nil {
		s.tokenHash = sha256.Sum256([]byte(cfg.Admin.Token))
	}
	s.routes()
	return s, nil
}

// Registry exposes the server's Prometheus registry (for tests and for
// adding collectors).
func (s *Server) Registry() *prometheus.Registry { return s.metrics.reg }

// Handler returns the root handler with all middleware.
func (s *Server) Handler() http.Handler {
	return s.requestID(s.logRequests(s.recoverPanics(s.limitURL(s.router))))
}

func (s *Server) routes() {
	r := mux.NewRouter()
	r.StrictSlash(false)
	// Do not redirect "/api/texts/../x.txt" to a cleaned path: a 3xx is no
	// answer to a bad request, and the admin routes refuse such names.
	r.SkipClean(true)
	r.NotFoundHandler = s.instrument("notfound", s.handle(func(w http.ResponseWriter, r *http.Request) error {
		return errNotFound("no page at " + r.URL.Path)
	}))
	r.MethodNotAllowedHandler = s.instrument("method", s.handle(func(w http.ResponseWriter, r *http.Request) error {
		return &httpError{status: http.StatusMethodNotAllowed, code: "method_not_allowed", msg: r.Method + " is not allowed here"}
	}))
	get := func(path, name string, h handlerFunc) {
		r.Handle(path, s.instrument(name, s.handle(h))).Methods(http.MethodGet, http.MethodHead)
	}
	get("/", "page_search", s.shed(s.searchPage))
	get("/passages/{id}", "page_passage", s.passagePage)
	get("/films", "page_films", s.filmsPage)
	get("/films/{slug}", "page_film", s.shed(s.filmPage))
	get("/admin", "page_admin", s.adminPage)
	get("/api/search", "api_search", s.shed(s.apiSearch))
	get("/api/passages/{id}", "api_passage", s.apiPassage)
	get("/api/films", "api_films", s.apiFilms)
	get("/api/films/{slug}", "api_film", s.apiFilm)
	get("/healthz", "healthz", s.healthz)
	get("/readyz", "readyz", s.readyz)
	s.adminRoutes(r)
	r.Handle("/metrics", s.instrument("metrics", s.metrics.handler())).Methods(http.MethodGet)
	r.PathPrefix("/static/").Handler(s.instrument("static", s.static())).Methods(http.MethodGet, http.MethodHead)
	s.router = r
}

// HTTPServer wraps the handler with the timeouts a public server needs:
// slow clients cannot hold connections open (slowloris) and a stuck
// response cannot hold a goroutine forever.
func (s *Server) HTTPServer(addr string) *http.Server {
	return &http.Server{
		Addr:              addr,
		Handler:           s.Handler(),
		ReadHeaderTimeout: 5 * time.Second,
		ReadTimeout:       30 * time.Second,
		WriteTimeout:      60 * time.Second,
		IdleTimeout:       90 * time.Second,
		// Large enough that an over-long query URL reaches limitURL and
		// gets a JSON 414 rather than net/http's plain-text 431.
		MaxHeaderBytes: 256 << 10,
		ErrorLog:       newStdLogger(s.log),
		ConnState:      s.conns.state,
	}
}
