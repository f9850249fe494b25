package server

import (
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/collectors"
	"github.com/prometheus/client_golang/prometheus/promhttp"

	"cinesearch/index"
)

// metrics are the server's Prometheus metrics, in a registry of its own so
// that tests can run several servers.
type metrics struct {
	reg      *prometheus.Registry
	requests *prometheus.CounterVec
	latency  *prometheus.HistogramVec
	search   prometheus.Histogram
	shed     prometheus.Counter
	reaped   prometheus.Counter
}

func newMetrics(b Backend) *metrics {
	m := &metrics{reg: prometheus.NewRegistry()}
	m.requests = prometheus.NewCounterVec(prometheus.CounterOpts{
		Name: "cinesearch_http_requests_total", Help: "HTTP requests by route, method and status.",
	}, []string{"route", "method", "status"})
	m.latency = prometheus.NewHistogramVec(prometheus.HistogramOpts{
		Name: "cinesearch_http_request_duration_seconds", Help: "HTTP request latency by route, method and status.",
		Buckets: []float64{.0005, .001, .0025, .005, .01, .025, .05, .1, .25, .5, 1, 2.5},
	}, []string{"route", "method", "status"})
	m.search = prometheus.NewHistogram(prometheus.HistogramOpts{
		Name: "cinesearch_search_duration_seconds", Help: "Time spent in the index per search.",
		Buckets: []float64{.0005, .001, .0025, .005, .01, .025, .05, .1, .25, .5, 1, 2.5},
	})
	m.shed = prometheus.NewCounter(prometheus.CounterOpts{
		Name: "cinesearch_searches_shed_total", Help: "Searches refused with 503 because too many were running.",
	})
	m.reaped = prometheus.NewCounter(prometheus.CounterOpts{
		Name: "cinesearch_idle_connections_closed_total", Help: "Idle keep-alive connections closed because too many connections were open.",
	})
	manifest := func() index.Manifest {
		v, release := b.Acquire()
		defer release()
		return v.Catalogue().Manifest
	}
	info := prometheus.NewGaugeFunc(prometheus.GaugeOpts{
		Name: "cinesearch_index_generation", Help: "Number of the index generation being served.",
	}, func() float64 {
		n, _ := strconv.Atoi(strings.TrimPrefix(manifest().Generation, "gen-"))
		return float64(n)
	})
	size := prometheus.NewGaugeFunc(prometheus.GaugeOpts{
		Name: "cinesearch_index_size_bytes", Help: "Size on disk of the served index generation.",
	}, func() float64 { return float64(manifest().Bytes) })
	passages := prometheus.NewGaugeFunc(prometheus.GaugeOpts{
		Name: "cinesearch_index_passages", Help: "Passages in the served index generation.",
	}, func() float64 { return float64(manifest().Passages) })
	m.reg.MustRegister(m.requests, m.latency, m.search, m.shed, m.reaped, info, size, passages,
		collectors.NewGoCollector(), collectors.NewProcessCollector(collectors.ProcessCollectorOpts{}))
	return m
}

func (m *metrics) observe(route, method string, status int, d time.Duration) {
	s := strconv.Itoa(status)
	method = methodLabel(method)
	m.requests.WithLabelValues(route, method, s).Inc()
	m.latency.WithLabelValues(route, method, s).Observe(d.Seconds())
}

// methodLabel maps a request's method onto a fixed set. Every label value
// mints a series that lives as long as the process, so a value taken from
// the request as it is would let anyone grow the server's memory without
// bound (one invented method per request). Routes and statuses are fixed
// sets already: routes are named in routes(), statuses by the handlers.
func methodLabel(m string) string {
	switch m {
	case http.MethodGet, http.MethodHead, http.MethodPost, http.MethodPut, http.MethodDelete, http.MethodOptions, http.MethodPatch:
		return m
	}
	return "other"
}

func (m *metrics) handler() http.Handler {
	return promhttp.HandlerFor(m.reg, promhttp.HandlerOpts{})
}
