package server

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/rs/zerolog"

	"cinesearch/index"
)

// logBuffer collects log lines safely across goroutines.
type logBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (l *logBuffer) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.Write(p)
}

func (l *logBuffer) String() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.String()
}

func newTestServer(t *testing.T, b Backend, cfg Config) (*httptest.Server, *logBuffer) {
	t.Helper()
	logs := &logBuffer{}
	cfg.Logger = zerolog.New(logs)
	s, err := New(b, cfg)
	if err != nil {
		t.Fatal(err)
	}
	ts := httptest.NewServer(s.Handler())
	t.Cleanup(ts.Close)
	return ts, logs
}

type response struct {
	status int
	header http.Header
	body   string
}

func get(t *testing.T, ts *httptest.Server, path string) response {
	t.Helper()
	return do(t, ts, http.MethodGet, path, nil)
}

func do(t *testing.T, ts *httptest.Server, method, path string, body io.Reader) response {
	t.Helper()
	req, err := http.NewRequest(method, ts.URL+path, body)
	if err != nil {
		t.Fatal(err)
	}
	resp, err := ts.Client().Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return response{resp.StatusCode, resp.Header, string(b)}
}

func apiError(t *testing.T, r response) (code, msg string) {
	t.Helper()
	var e struct {
		Error struct{ Code, Message string }
	}
	if err := json.Unmarshal([]byte(r.body), &e); err != nil || e.Error.Code == "" {
		t.Fatalf("not a JSON error (%d): %s", r.status, r.body)
	}
	if !strings.HasPrefix(r.header.Get("Content-Type"), "application/json") {
		t.Errorf("error content type %q", r.header.Get("Content-Type"))
	}
	return e.Error.Code, e.Error.Message
}

func TestRoutes(t *testing.T) {
	ts, _ := newTestServer(t, Serving(seedLive), Config{})
	id := seedCorpus.Passages[10].ID
	tests := []struct {
		name, path string
		status     int
		contains   []string
		ctype      string
	}{
		{"landing page", "/", 200, []string{`<input id="q" name="q" type="search"`, "Search tips", `class="histogram"`, "Thaw"}, "text/html"},
		{"results page", "/?q=Pulgasari", 200, []string{"<mark>Pulgasari</mark>", `class="hits"`, "passages"}, "text/html"},
		{"results fragment for the script", "/?q=Pulgasari&fragment=1", 200, []string{"<mark>Pulgasari</mark>"}, "text/html"},
		{"film filter from a checkbox", "/?q=Japan&film=Thaw", 200, []string{`value="Thaw" checked`, "Film: Thaw"}, "text/html"},
		{"year range from a bar", "/?year_from=1985&year_to=1985", 200, []string{"Years: 1985", "bar"}, "text/html"},
		{"empty state", "/?q=xqzzv+qqqqj", 200, []string{"No passage matches", "fewer words"}, "text/html"},
		{"passage page", "/passages/" + id + "?q=Pulgasari", 200, []string{"<mark>Pulgasari</mark>", "Back to results", `class="para current"`}, "text/html"},
		{"films page", "/films", 200, []string{"Comrade Kim Goes Flying", "Snow Melts in Spring", `href="/films/thaw"`}, "text/html"},
		{"film page", "/films/thaw", 200, []string{"Thaw", "Also known as", "Newest mention first"}, "text/html"},
		{"film page newest first", "/films/thaw?sort=year_desc", 200, []string{"Thaw"}, "text/html"},
		{"api search for programs paging", "/api/search?q=Pulgasari&facets=0&fragments=0&size=1&page=2", 200, []string{`"fragments":[]`, `"facets":{"films":[],"years":[],"decades":[]}`, `"page":2`, `"text":"`}, "application/json"},
		{"api search", "/api/search?q=Pulgasary", 200, []string{`"hits":[`, `"facets":{`, `"suggestion"`, `"corrected":"pulgasari"`, `\u003cmark\u003ePulgasari\u003c/mark\u003e`}, "application/json"},
		{"api search as typed", "/api/search?q=Pulgasary&exact=1", 200, []string{`"total":0`, `"suggestion":"pulgasari"`}, "application/json"},
		{"film card", "/?q=Gin+no+kanzashi", 200, []string{`class="film-card"`, `href="/films/a-silver-hairpin"`, "A Silver Hairpin</strong> (1985)", "Eunbinyeo", "16 passages"}, "text/html"},
		{"api film named", "/api/search?q=Gin+no+kanzashi", 200, []string{`"film":{"title":"A Silver Hairpin"`}, "application/json"},
		{"api film named in Korean script", "/api/search?q=%ED%94%BC%EB%B0%94%EB%8B%A4", 200, []string{`"film":{"title":"Sea of Blood"`, `"total":1`}, "application/json"},
		{"api film named in McCune-Reischauer", "/api/search?q=Phibada", 200, []string{`"film":{"title":"Sea of Blood"`, `"total":1`}, "application/json"},
		{"film card for a title in Korean script", "/?q=%ED%94%BC%EB%B0%94%EB%8B%A4", 200, []string{`<aside class="film-card" aria-label="Film">`, `Sea of Blood`}, "text/html"},
		{"corrected results page", "/?q=Pulgasary", 200, []string{"Showing results for <strong>pulgasari</strong>", `href="/?exact=1&amp;q=Pulgasary"`, "Search instead for Pulgasary"}, "text/html"},
		{"api passage", "/api/passages/" + id, 200, []string{`"id":"` + id + `"`, `"next"`}, "application/json"},
		{"api films", "/api/films", 200, []string{`"title":"Thaw"`, `"aliases"`}, "application/json"},
		{"api film", "/api/films/thaw", 200, []string{`"title":"Thaw"`}, "application/json"},
		{"healthz", "/healthz", 200, []string{`"ok"`}, "application/json"},
		{"readyz", "/readyz", 200, []string{`"generation":"gen-000001"`, `"passages":223`}, "application/json"},
		{"metrics", "/metrics", 200, []string{"cinesearch_index_generation 1", "cinesearch_index_size_bytes", "cinesearch_search_duration_seconds"}, "text/plain"},
		{"stylesheet", "/static/app.css", 200, []string{"--accent"}, "text/css"},
		{"script", "/static/app.js", 200, []string{"replaceState"}, "text/javascript"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := get(t, ts, tt.path)
			if r.status != tt.status {
				t.Fatalf("status %d, want %d: %.300s", r.status, tt.status, r.body)
			}
			if !strings.HasPrefix(r.header.Get("Content-Type"), tt.ctype) {
				t.Errorf("content type %q, want %s", r.header.Get("Content-Type"), tt.ctype)
			}
			for _, c := range tt.contains {
				if !strings.Contains(r.body, c) {
					t.Errorf("body lacks %q", c)
				}
			}
			if r.header.Get("X-Request-ID") == "" {
				t.Error("no X-Request-ID")
			}
			// JSON answers go out whole, with their length, not chunked.
			if tt.ctype == "application/json" && r.header.Get("Content-Length") != strconv.Itoa(len(r.body)) {
				t.Errorf("Content-Length %q for a body of %d bytes", r.header.Get("Content-Length"), len(r.body))
			}
		})
	}
	if r := get(t, ts, "/?q=Pulgasari&fragment=1"); strings.Contains(r.body, "<html") {
		t.Error("fragment contains the whole page")
	}
	if r := get(t, ts, "/static/app.css"); !strings.Contains(r.header.Get("Cache-Control"), "immutable") {
		t.Errorf("static cache header %q", r.header.Get("Cache-Control"))
	}
	if r := get(t, ts, "/"); strings.Contains(r.body, "http://") && !strings.Contains(r.body, "http://www.w3.org") {
		for _, l := range strings.Split(r.body, "\n") {
			if strings.Contains(l, "src=\"http") || strings.Contains(l, "href=\"http") {
				t.Errorf("page loads from another host: %s", l)
			}
		}
	}
}

func TestAPIErrors(t *testing.T) {
	ts, _ := newTestServer(t, Serving(seedLive), Config{})
	tests := []struct {
		name, method, path string
		status             int
		code               string
	}{
		{"bad query syntax", "GET", "/api/search?q=year:soon", 400, "bad_query"},
		{"size too large", "GET", "/api/search?q=x&size=1000", 400, "bad_query"},
		{"negative page", "GET", "/api/search?q=x&page=-1", 400, "bad_query"},
		{"page not a number", "GET", "/api/search?q=x&page=two", 400, "bad_param"},
		{"typing not a flag", "GET", "/api/search?q=x&typing=maybe", 400, "bad_param"},
		{"exact not a flag", "GET", "/api/search?q=x&exact=2", 400, "bad_param"},
		{"facets not a flag", "GET", "/api/search?q=x&facets=some", 400, "bad_param"},
		{"fragments not a flag", "GET", "/api/search?q=x&fragments=none", 400, "bad_param"},
		{"year not a number", "GET", "/api/search?q=x&year_from=19x5", 400, "bad_param"},
		{"unknown film", "GET", "/api/search?film=Nonexistent+Picture", 400, "unknown_film"},
		{"unknown sort", "GET", "/api/search?q=x&sort=random", 400, "bad_query"},
		{"query too long", "GET", "/api/search?q=" + strings.Repeat("a", 1001), 400, "bad_query"},
		{"url too long", "GET", "/api/search?q=" + strings.Repeat("a", 5000), 414, "url_too_long"},
		{"unknown passage", "GET", "/api/passages/no-such-passage-p1", 404, "not_found"},
		{"unknown film page (api)", "GET", "/api/films/no-such-film", 404, "not_found"},
		{"unknown api route", "GET", "/api/nothing", 404, "not_found"},
		{"wrong method", "POST", "/api/search?q=x", 405, "method_not_allowed"},
		{"wrong method on films", "DELETE", "/api/films", 405, "method_not_allowed"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := do(t, ts, tt.method, tt.path, nil)
			if r.status != tt.status {
				t.Fatalf("status %d, want %d: %s", r.status, tt.status, r.body)
			}
			code, msg := apiError(t, r)
			if code != tt.code || msg == "" {
				t.Errorf("error %q %q, want code %q", code, msg, tt.code)
			}
		})
	}
}

func TestPageErrors(t *testing.T) {
	ts, _ := newTestServer(t, Serving(seedLive), Config{})
	tests := []struct {
		name, method, path string
		status             int
		contains           string
	}{
		{"bad query on the page", "GET", "/?q=year:soon", 400, "year:soon is not a year"},
		{"unknown film filter on the page", "GET", "/?film=Thaww", 400, "did you mean"},
		{"unknown passage", "GET", "/passages/nope-p1", 404, "There is no passage"},
		{"unknown film", "GET", "/films/nope", 404, "There is no film"},
		{"unknown page", "GET", "/nothing/here", 404, "Not found"},
		{"unknown static file", "GET", "/static/nope.js", 404, "Not found"},
		{"wrong method", "POST", "/", 405, "not allowed"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := do(t, ts, tt.method, tt.path, nil)
			if r.status != tt.status || !strings.HasPrefix(r.header.Get("Content-Type"), "text/html") {
				t.Fatalf("status %d (%s), want %d HTML", r.status, r.header.Get("Content-Type"), tt.status)
			}
			if !strings.Contains(r.body, tt.contains) {
				t.Errorf("page lacks %q", tt.contains)
			}
			if !strings.Contains(r.body, `<input id="q"`) {
				t.Error("error page has no search box")
			}
		})
	}
}

// TestMarkupIsInert: a text with <script>, <img onerror>, attribute-breaking
// quotes and javascript: URLs, indexed and searched, comes out as text.
func TestMarkupIsInert(t *testing.T) {
	ts, _ := newTestServer(t, Serving(hostileLive), Config{})
	bad := []string{"<script>alert", "<img src=x", `onmouseover="alert`, `href="javascript:`, "<b>bold</b>"}
	var pages []string
	r := get(t, ts, "/api/search?q=film+picture")
	if r.status != 200 {
		t.Fatalf("search: %d %s", r.status, r.body)
	}
	var res index.Result
	if err := json.Unmarshal([]byte(r.body), &res); err != nil || len(res.Hits) == 0 {
		t.Fatalf("decode: %v, %d hits", err, len(res.Hits))
	}
	for _, h := range res.Hits {
		if !strings.Contains(h.Text, "<script>") && !strings.Contains(h.Text, "<b>") {
			continue
		}
		for _, f := range h.Fragments {
			for _, b := range bad {
				if strings.Contains(f, b) {
					t.Errorf("fragment keeps %q: %s", b, f)
				}
			}
		}
		pages = append(pages, "/passages/"+h.ID+"?q=film", "/passages/"+h.ID)
	}
	if strings.Contains(r.body, "<script>") {
		t.Error("JSON body carries a raw <script> (should be \\u003c)")
	}
	pages = append(pages, "/?q=film+picture", "/?q=bold", "/films", "/films/hostile-picture", `/?q="onmouseover`, "/?q=%3Cscript%3E")
	for _, p := range pages {
		r := get(t, ts, p)
		if r.status != 200 {
			t.Errorf("%s: %d", p, r.status)
		}
		for _, b := range bad {
			if strings.Contains(r.body, b) {
				t.Errorf("%s: page contains %q", p, b)
			}
		}
	}
}

func TestFragmentHTMLEscapesAnythingButMarks(t *testing.T) {
	if got := fragmentHTML("a <mark>b</mark> &amp; c"); string(got) != "a <mark>b</mark> &amp; c" {
		t.Errorf("trusted fragment changed: %s", got)
	}
	if got := fragmentHTML("<script>alert(1)</script><mark>x</mark>"); strings.Contains(string(got), "<script>") {
		t.Errorf("untrusted fragment passed through: %s", got)
	}
}

// fakeBackend lets tests inject failures.
type fakeBackend struct {
	Backend
	search func(ctx context.Context, req index.Request) (index.Result, error)
}

func (f fakeBackend) Acquire() (View, func()) {
	v, release := f.Backend.Acquire()
	return fakeView{v, f.search}, release
}

// fakeView is a real view whose searches are answered by search.
type fakeView struct {
	View
	search func(ctx context.Context, req index.Request) (index.Result, error)
}

func (f fakeView) Search(ctx context.Context, req index.Request) (index.Result, error) {
	return f.search(ctx, req)
}

func TestPanicBecomesJSON500(t *testing.T) {
	ts, logs := newTestServer(t, fakeBackend{Backend: Serving(seedLive), search: func(context.Context, index.Request) (index.Result, error) {
		panic("boom")
	}}, Config{})
	r := get(t, ts, "/api/search?q=x")
	if code, _ := apiError(t, r); r.status != 500 || code != "internal" {
		t.Errorf("status %d code %s", r.status, code)
	}
	if strings.Contains(r.body, "boom") {
		t.Error("panic value leaked to the client")
	}
	if !strings.Contains(logs.String(), "panic recovered") || !strings.Contains(logs.String(), "goroutine") {
		t.Error("panic and stack not logged")
	}
	if r := get(t, ts, "/?q=x"); r.status != 500 || !strings.Contains(r.body, "Something went wrong") {
		t.Errorf("page panic: %d", r.status)
	}
}

func TestInternalErrorIsHidden(t *testing.T) {
	ts, logs := newTestServer(t, fakeBackend{Backend: Serving(seedLive), search: func(context.Context, index.Request) (index.Result, error) {
		return index.Result{}, errors.New("disk on fire at /secret/path")
	}}, Config{})
	r := get(t, ts, "/api/search?q=x")
	if r.status != 500 || strings.Contains(r.body, "secret") {
		t.Errorf("%d %s", r.status, r.body)
	}
	if !strings.Contains(logs.String(), "disk on fire") {
		t.Error("internal error not logged")
	}
}

func TestSearchDeadline(t *testing.T) {
	ts, _ := newTestServer(t, fakeBackend{Backend: Serving(seedLive), search: func(ctx context.Context, _ index.Request) (index.Result, error) {
		<-ctx.Done()
		return index.Result{}, ctx.Err()
	}}, Config{SearchTimeout: 50 * time.Millisecond})
	r := get(t, ts, "/api/search?q=x")
	if code, _ := apiError(t, r); r.status != 503 || code != "timeout" || r.header.Get("Retry-After") == "" {
		t.Errorf("status %d code %s retry %q", r.status, code, r.header.Get("Retry-After"))
	}
}

func TestOverloadIsShed(t *testing.T) {
	release := make(chan struct{})
	started := make(chan struct{}, 1)
	ts, _ := newTestServer(t, fakeBackend{Backend: Serving(seedLive), search: func(ctx context.Context, req index.Request) (index.Result, error) {
		started <- struct{}{}
		<-release
		return seedLive.Search(ctx, req)
	}}, Config{MaxSearches: 1})
	done := make(chan response)
	go func() { done <- get(t, ts, "/api/search?q=Pulgasari") }()
	<-started
	r := get(t, ts, "/api/search?q=Thaw")
	close(release)
	if code, _ := apiError(t, r); r.status != 503 || code != "overloaded" || r.header.Get("Retry-After") != "1" {
		t.Errorf("second search: %d %s retry %q", r.status, code, r.header.Get("Retry-After"))
	}
	if first := <-done; first.status != 200 {
		t.Errorf("first search: %d", first.status)
	}
	if r := get(t, ts, "/metrics"); !strings.Contains(r.body, "cinesearch_searches_shed_total 1") {
		t.Error("shed not counted")
	}
}

func TestRequestLogLine(t *testing.T) {
	ts, logs := newTestServer(t, Serving(seedLive), Config{})
	req, _ := http.NewRequest("GET", ts.URL+"/api/search?q=Thaw", nil)
	req.Header.Set("X-Request-ID", "test-id-123")
	req.Header.Set("Authorization", "Bearer sekrit-token")
	resp, err := ts.Client().Do(req)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	// The line is written after the response is sent: wait for it.
	var line map[string]any
	for deadline := time.Now().Add(2 * time.Second); line == nil && time.Now().Before(deadline); time.Sleep(10 * time.Millisecond) {
		for _, l := range strings.Split(strings.TrimSpace(logs.String()), "\n") {
			if strings.Contains(l, "test-id-123") {
				json.Unmarshal([]byte(l), &line)
			}
		}
	}
	for _, k := range []string{"method", "route", "status", "duration_ms", "bytes", "request_id"} {
		if _, ok := line[k]; !ok {
			t.Errorf("log line lacks %q: %v", k, line)
		}
	}
	if line["route"] != "api_search" || line["status"] != float64(200) {
		t.Errorf("log line %v", line)
	}
	if strings.Contains(logs.String(), "sekrit") {
		t.Error("authorization header reached the log")
	}
}

func TestHeadRequests(t *testing.T) {
	ts, _ := newTestServer(t, Serving(seedLive), Config{})
	r := do(t, ts, http.MethodHead, "/?q=Thaw", nil)
	if r.status != 200 || r.body != "" {
		t.Errorf("HEAD: %d, %d bytes", r.status, len(r.body))
	}
}

// countingBackend counts the views acquired and released.
type countingBackend struct {
	Backend
	acquired, released *atomic.Int64
}

func (c countingBackend) Acquire() (View, func()) {
	c.acquired.Add(1)
	v, release := c.Backend.Acquire()
	return v, func() { c.released.Add(1); release() }
}

// TestEachRequestSeesOneGeneration: every route that reads the index
// acquires one view of one generation for the whole request (a page used
// to make up to four calls, each free to land on another generation
// across a swap) and releases it once the response is written.
func TestEachRequestSeesOneGeneration(t *testing.T) {
	var acquired, released atomic.Int64
	ts, _ := newTestServer(t, countingBackend{Serving(seedLive), &acquired, &released}, Config{})
	res, err := seedLive.Search(context.Background(), index.Request{Query: "Pulgasari"})
	if err != nil || len(res.Hits) == 0 {
		t.Fatal(err)
	}
	id := res.Hits[0].ID
	for _, path := range []string{
		"/?q=Pulgasari", "/?q=Pulgasari&fragment=1", "/passages/" + id + "?q=Pulgasari", "/films", "/films/pulgasari",
		"/api/search?q=Pulgasari", "/api/passages/" + id, "/api/films", "/api/films/pulgasari", "/readyz",
		"/passages/no-such-p1", "/api/search?size=1000",
	} {
		acquired.Store(0)
		released.Store(0)
		r := get(t, ts, path)
		if a, rel := acquired.Load(), released.Load(); a != 1 || rel != 1 {
			t.Errorf("%s (%d): %d views acquired, %d released; want 1 and 1", path, r.status, a, rel)
		}
	}
}

// TestPageShowsTheAPIsHits: for every query of the relevance set, the
// search page lists the same passages in the same order as the JSON API.
func TestPageShowsTheAPIsHits(t *testing.T) {
	data, err := os.ReadFile("../index/testdata/relevance.json")
	if err != nil {
		t.Fatal(err)
	}
	var cases []struct{ Query string }
	if err := json.Unmarshal(data, &cases); err != nil {
		t.Fatal(err)
	}
	ts, _ := newTestServer(t, Serving(seedLive), Config{})
	link := regexp.MustCompile(`class="hit-link" href="/passages/([^"?]+)`)
	compared := 0
	for _, c := range cases {
		q := url.QueryEscape(c.Query)
		var api SearchResponse
		if err := json.Unmarshal([]byte(get(t, ts, "/api/search?q="+q).body), &api); err != nil {
			t.Fatal(err)
		}
		var want, got []string
		for _, h := range api.Hits {
			want = append(want, h.ID)
		}
		for _, m := range link.FindAllStringSubmatch(get(t, ts, "/?q="+q).body, -1) {
			id, _ := url.PathUnescape(m[1])
			got = append(got, id)
		}
		if strings.Join(got, " ") != strings.Join(want, " ") {
			t.Errorf("%q: page %v, API %v", c.Query, got, want)
		}
		if len(want) > 0 {
			compared++
		}
	}
	if compared < len(cases)*9/10 {
		t.Errorf("only %d of %d queries had hits to compare", compared, len(cases))
	}
}

// TestStaticRanges: one or two byte ranges are served as asked; thousands
// of them get the whole file once, not a multipart answer many times its
// size.
func TestStaticRanges(t *testing.T) {
	ts, _ := newTestServer(t, Serving(seedLive), Config{})
	whole := get(t, ts, "/static/app.css")
	do := func(rng string) (int, int) {
		req, _ := http.NewRequest("GET", ts.URL+"/static/app.css", nil)
		req.Header.Set("Range", rng)
		resp, err := ts.Client().Do(req)
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		b, _ := io.ReadAll(resp.Body)
		return resp.StatusCode, len(b)
	}
	if status, n := do("bytes=0-99"); status != http.StatusPartialContent || n != 100 {
		t.Errorf("one range: %d, %d bytes", status, n)
	}
	var many []string
	for i := range 2000 {
		many = append(many, fmt.Sprintf("%d-%d", i, i))
	}
	if status, n := do("bytes=" + strings.Join(many, ",")); status != http.StatusOK || n != len(whole.body) {
		t.Errorf("2000 ranges: %d, %d bytes (the file has %d)", status, n, len(whole.body))
	}
}
