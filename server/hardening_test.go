package server

import (
	"fmt"
	"net/http"
	"strings"
	"testing"
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
	ts, _ := newTestServer(t, seedLive, Config{})
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
