package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	iofs "io/fs"
	"net/http"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"sync/atomic"
	"syscall"
	"testing"
	"time"

	"cinesearch/corpus"
)

// TestMain lets tests run the real command as a subprocess: with
// CINESEARCH_TEST_MAIN=1 the test binary is cinesearch.
func TestMain(m *testing.M) {
	if os.Getenv("CINESEARCH_TEST_MAIN") == "1" {
		main()
		return
	}
	os.Exit(m.Run())
}

// subprocess returns the cinesearch command as a subprocess.
func subprocess(args ...string) *exec.Cmd {
	cmd := exec.Command(os.Args[0], args...)
	cmd.Env = append(os.Environ(), "CINESEARCH_TEST_MAIN=1")
	return cmd
}

const testToken = "e2e-token-0123456789abcdef"

// writeSeedCopies writes the seed articles n times under distinct names
// into dir: a corpus big enough for a build to take a while.
func writeSeedCopies(t testing.TB, dir string, n int) {
	t.Helper()
	def := corpus.Default()
	names, _ := iofs.Glob(def, "*.txt")
	for i := 0; i < n; i++ {
		for _, name := range names {
			data, _ := iofs.ReadFile(def, name)
			if err := os.WriteFile(filepath.Join(dir, fmt.Sprintf("copy%03d-%s", i, name)), data, 0o644); err != nil {
				t.Fatal(err)
			}
		}
	}
}

type client struct {
	base, token string
}

func (c client) do(method, path string, body io.Reader, v any) (int, string, error) {
	req, err := http.NewRequest(method, c.base+path, body)
	if err != nil {
		return 0, "", err
	}
	if c.token != "" {
		req.Header.Set("Authorization", "Bearer "+c.token)
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		return 0, "", err
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	if err == nil && v != nil {
		err = json.Unmarshal(b, v)
	}
	return resp.StatusCode, string(b), err
}

type searchResult struct {
	Total int `json:"total"`
	Hits  []struct {
		ID    string   `json:"id"`
		Films []string `json:"films"`
	} `json:"hits"`
	Facets struct {
		Films []struct {
			Value string `json:"value"`
			Count int    `json:"count"`
		} `json:"films"`
	} `json:"facets"`
}

// jobState is what GET /api/reindex/{job} reports.
type jobState struct {
	Job, State, Generation, Error string
	Passages                      int
}

// rebuild starts a rebuild through the admin API — waiting while another
// one (the startup check) runs — and waits until it has ended.
func (c client) rebuild(t testing.TB, force bool, timeout time.Duration) jobState {
	t.Helper()
	path := "/api/reindex"
	if force {
		path += "?force=1"
	}
	var st jobState
	deadline := time.Now().Add(timeout)
	for {
		status, body, _ := c.do("POST", path, nil, &st)
		if status == 202 {
			break
		}
		if status != 409 || time.Now().After(deadline) {
			t.Fatalf("POST %s: %d %s", path, status, body)
		}
		time.Sleep(50 * time.Millisecond)
	}
	for st.State != "done" && st.State != "failed" {
		if time.Now().After(deadline) {
			t.Fatalf("rebuild %s did not end within %s: %+v", st.Job, timeout, st)
		}
		time.Sleep(20 * time.Millisecond)
		c.do("GET", "/api/reindex/"+st.Job, nil, &st)
	}
	return st
}

func (c client) readyGeneration() string {
	var r struct{ Generation string }
	c.do("GET", "/readyz", nil, &r)
	return r.Generation
}

// readers are clients searching one query in a loop until stopped,
// counting failures: any error, non-200 answer or empty result.
type readers struct {
	stop         chan struct{}
	wg           sync.WaitGroup
	n, failures  atomic.Int64
	firstFailure atomic.Value
}

// startReaders starts k clients searching q.
func startReaders(c client, q string, k int) *readers {
	r := &readers{stop: make(chan struct{})}
	for i := 0; i < k; i++ {
		r.wg.Add(1)
		go func() {
			defer r.wg.Done()
			for {
				select {
				case <-r.stop:
					return
				default:
				}
				var res searchResult
				status, body, err := c.do("GET", "/api/search?q="+url.QueryEscape(q), nil, &res)
				r.n.Add(1)
				if err != nil || status != 200 || res.Total == 0 || len(res.Hits) == 0 {
					r.failures.Add(1)
					r.firstFailure.CompareAndSwap(nil, fmt.Sprintf("status %d err %v body %.200s", status, err, body))
				}
			}
		}()
	}
	return r
}

// halt stops the readers and returns how many searches ran and failed, and
// the first failure.
func (r *readers) halt() (n, failures int64, first any) {
	close(r.stop)
	r.wg.Wait()
	return r.n.Load(), r.failures.Load(), r.firstFailure.Load()
}

// TestAdminRebuildEndToEnd: an archivist adds an article that introduces a
// new film through the admin API and rebuilds, while readers search; the
// film appears in the facets and its passages in results, and no reader
// sees an error or an empty result.
func TestAdminRebuildEndToEnd(t *testing.T) {
	root := t.TempDir()
	p := startServe(t, "--index", filepath.Join(root, "index"), "--admin-token", testToken, "--watch", "100ms")
	if _, err := os.Stat(filepath.Join(root, "texts")); err != nil {
		t.Fatalf("the texts directory was not seeded: %v", err)
	}
	admin := client{p.url, testToken}
	reader := client{base: p.url}
	gen0 := reader.readyGeneration()

	rd := startReaders(reader, "Pulgasari", 4)

	article := "Echoes from Paektu\n\nBy Ann Archivist.\n\n" +
		"The Korean-Swiss co-production Mountain Echo (2014) was filmed near Mount Paektu by a crew from Geneva and the Korean Film Studio.\n\n" +
		"Mountain Echo opened in Pyongyang in 2015, and critics compared its monster scenes with Pulgasari.\n"
	status, body, err := admin.do("PUT", "/api/texts/echoes.txt", strings.NewReader(article), nil)
	if err != nil || status != 201 {
		t.Fatalf("upload: %d %s %v", status, body, err)
	}
	state := admin.rebuild(t, false, time.Minute)
	if state.State != "done" || state.Generation == gen0 {
		t.Fatalf("job: %+v", state)
	}
	time.Sleep(200 * time.Millisecond) // readers keep searching across the swap
	n, failures, first := rd.halt()
	if failures > 0 {
		t.Errorf("%d of %d searches failed during the rebuild; first: %v", failures, n, first)
	}
	t.Logf("%d searches during upload, rebuild and swap, %d failed", n, failures)
	if n < 10 {
		t.Errorf("only %d searches ran", n)
	}
	if g := reader.readyGeneration(); g != state.Generation {
		t.Errorf("serving %s, the job built %s", g, state.Generation)
	}
	var res searchResult
	reader.do("GET", "/api/search?q=Mountain+Echo", nil, &res)
	found := false
	for _, f := range res.Facets.Films {
		found = found || (f.Value == "Mountain Echo" && f.Count == 2)
	}
	if !found || res.Total == 0 || !strings.HasPrefix(res.Hits[0].ID, "echoes-from-paektu-") {
		t.Errorf("new film not searchable: %+v", res)
	}
	if status, _, _ := reader.do("GET", "/api/films/mountain-echo", nil, nil); status != 200 {
		t.Errorf("film page of the new film: %d", status)
	}
	// Passage links of unchanged articles survive the rebuild.
	if status, _, _ := reader.do("GET", "/api/passages/north-koreas-international-movie-co-productions-1985-2012-p1", nil, nil); status != 200 {
		t.Errorf("old passage link broken after the rebuild: %d", status)
	}
	// Deleting the text and rebuilding removes the film.
	admin.do("DELETE", "/api/texts/echoes.txt", nil, nil)
	admin.rebuild(t, false, time.Minute)
	if status, _, _ := reader.do("GET", "/api/films/mountain-echo", nil, nil); status != 404 {
		t.Errorf("film of a deleted text still served: %d", status)
	}
	if strings.Contains(p.logs.String(), testToken) {
		t.Error("the admin token reached the log")
	}
}

// waitFor polls cond until it holds or the deadline passes.
func waitFor(t testing.TB, what string, d time.Duration, cond func() bool) {
	t.Helper()
	for deadline := time.Now().Add(d); time.Now().Before(deadline); time.Sleep(5 * time.Millisecond) {
		if cond() {
			return
		}
	}
	t.Fatalf("timed out waiting for %s", what)
}

func partials(dir string) []string {
	m, _ := filepath.Glob(filepath.Join(dir, "gen-*.partial"))
	return m
}

// TestKilledBuilderCostsNothing: a builder killed with SIGKILL in the
// middle of a build leaves the served generation serving; a second builder
// meanwhile fails at once naming the first one's pid; the next build
// succeeds, says it removed the partial directory, and is swapped in.
func TestKilledBuilderCostsNothing(t *testing.T) {
	if testing.Short() {
		t.Skip("builds a larger corpus")
	}
	root := t.TempDir()
	texts, dir := filepath.Join(root, "texts"), filepath.Join(root, "index")
	os.Mkdir(texts, 0o755)
	writeSeedCopies(t, texts, 1)
	p := startServe(t, "--index", dir, "--texts", texts, "--watch", "50ms")
	reader := client{base: p.url}
	gen0 := reader.readyGeneration()

	writeSeedCopies(t, texts, 12)
	builder := subprocess("index", "--texts", texts, "--index", dir)
	var out bytes.Buffer
	builder.Stdout, builder.Stderr = &out, &out
	if err := builder.Start(); err != nil {
		t.Fatal(err)
	}
	waitFor(t, "the build's partial directory", 30*time.Second, func() bool { return len(partials(dir)) > 0 })

	// A second builder fails at once, naming the first.
	_, _, err := runCmd(t, "index", "--texts", texts, "--index", dir)
	if err == nil || !strings.Contains(err.Error(), fmt.Sprintf("pid %d", builder.Process.Pid)) {
		t.Errorf("second builder: %v", err)
	}

	builder.Process.Signal(syscall.SIGKILL)
	builder.Wait()
	if len(partials(dir)) == 0 {
		t.Fatalf("the builder finished before it was killed:\n%s", out.String())
	}
	time.Sleep(200 * time.Millisecond) // several watch intervals
	if g := reader.readyGeneration(); g != gen0 {
		t.Errorf("after the kill the server serves %q, want %q", g, gen0)
	}
	var res searchResult
	if status, _, _ := reader.do("GET", "/api/search?q=Pulgasari", nil, &res); status != 200 || res.Total == 0 {
		t.Errorf("search after the kill: %d, %d hits", status, res.Total)
	}

	stdout, stderr, err := runCmd(t, "index", "--texts", texts, "--index", dir)
	if err != nil || !strings.Contains(stderr, ".partial, left by a build that did not finish") || !strings.Contains(stdout, "built ") {
		t.Fatalf("next build: %v\n%s\n%s", err, stdout, stderr)
	}
	if len(partials(dir)) != 0 {
		t.Errorf("partial directories left: %v", partials(dir))
	}
	waitFor(t, "the server to swap to the new generation", 10*time.Second, func() bool { return reader.readyGeneration() != gen0 })
	reader.do("GET", "/api/search?q=Pulgasari", nil, &res)
	if res.Total < 13 {
		t.Errorf("the new generation has %d Pulgasari passages, want the 13 copies' worth", res.Total)
	}
}
