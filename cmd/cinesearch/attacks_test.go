//go:build reliability

package main

// Attacks an adversarial probe of serve found, each replayed against a real
// serve process on 127.0.0.1 with its own "reliability:" line: invented
// HTTP methods, a bit-flipped generation, a pathological passage, idle
// connections by the thousand, SIGTERM during long searches, and the admin
// API's edges (long multi-byte names, uploads during a rebuild).

import (
	"bufio"
	"context"
	"fmt"
	"io"
	"math/rand"
	"net"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"syscall"
	"testing"
	"time"
)

// attackClient is an HTTP client with room for k keep-alive connections.
func attackClient(k int) *http.Client {
	return &http.Client{Timeout: 10 * time.Second, Transport: &http.Transport{MaxIdleConns: k, MaxIdleConnsPerHost: k}}
}

// testInventedMethods: 100,000 requests with invented methods must not grow
// the server's memory or its /metrics answer (each used to add a series).
func testInventedMethods(t *testing.T) {
	p := startProc(t, "", "--index", filepath.Join(t.TempDir(), "index"), "--texts", seedTextsDir(t, 1))
	const total, workers = 100_000, 8
	c := attackClient(workers)
	get := func(path string) []byte {
		resp, err := c.Get(p.url + path)
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		b, _ := io.ReadAll(resp.Body)
		return b
	}
	get("/healthz")
	rssBefore, _ := p.rssMB()
	var next, bad atomic.Int64
	start := time.Now()
	var wg sync.WaitGroup
	for range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for {
				i := next.Add(1)
				if i > total {
					return
				}
				req, _ := http.NewRequest(fmt.Sprintf("M%07dXYZ", i), p.url+"/healthz", nil)
				resp, err := c.Do(req)
				if err != nil {
					bad.Add(1)
					continue
				}
				io.Copy(io.Discard, resp.Body)
				resp.Body.Close()
				if resp.StatusCode != http.StatusMethodNotAllowed {
					bad.Add(1)
				}
			}
		}()
	}
	wg.Wait()
	took := time.Since(start)
	rssAfter, peak := p.rssMB()
	mstart := time.Now()
	metrics := get("/metrics")
	mtook := time.Since(mstart)
	series := strings.Count(string(metrics), "cinesearch_http_requests_total{")
	if bad.Load() > 0 || series > 20 || rssAfter-rssBefore > 50 || len(metrics) > 200<<10 {
		t.Errorf("invented methods: %d not 405, %d request series, RSS %.0f → %.0f MB, /metrics %d bytes", bad.Load(), series, rssBefore, rssAfter, len(metrics))
	}
	summary("invented methods: %d requests with distinct invented methods in %.1f s, all 405; RSS %.0f → %.0f MB (peak %.0f MB); /metrics %d KB in %.0f ms with %d request series (methods outside a fixed set count as \"other\")",
		total, took.Seconds(), rssBefore, rssAfter, peak, len(metrics)>>10, float64(mtook.Microseconds())/1000, series)
}

// testBitFlip: a bit flipped every 64 KiB in the served segment while the
// server is down. The damaged generation is refused at start-up, the older
// good one answers (no 5xx, the same hits), and the start-up rebuild
// replaces it from the same texts without --force.
func testBitFlip(t *testing.T) {
	texts := seedTextsDir(t, 8)
	dir := filepath.Join(t.TempDir(), "index")
	for _, args := range [][]string{{"index", "--index", dir, "--texts", texts}, {"index", "--index", dir, "--texts", texts, "--force"}} {
		if out, err := subprocess(args...).CombinedOutput(); err != nil {
			t.Fatalf("%v: %v\n%s", args, err, out)
		}
	}
	probes := []string{"Pulgasari", "Shin Sang-ok", "\"Korean Film Studio\"", "Japan", "Thaw"}
	want := map[string]int{}
	for _, q := range probes {
		out, err := subprocess("search", "--index", dir, "--json", q).Output()
		if err != nil {
			t.Fatal(err)
		}
		m := regexp.MustCompile(`"total":(\d+)`).FindSubmatch(out)
		want[q], _ = strconv.Atoi(string(m[1]))
	}
	_, flipped := flipSegment(t, filepath.Join(dir, "gen-000002"), 64<<10)
	// The command line refuses it too.
	out, err := subprocess("search", "--index", dir, "Pulgasari").CombinedOutput()
	cliRefused := err != nil && strings.Contains(string(out), "damaged")

	start := time.Now()
	p := startProc(t, "", "--index", dir, "--texts", texts, "--watch", "0")
	reader := client{base: p.url}
	var ready struct{ Generation, Degraded string }
	reader.do("GET", "/readyz", nil, &ready)
	counts := map[string]int{}
	mismatch := 0
	for i, q := range append(hostileQueries(rand.New(rand.NewSource(11)))[:60], probes...) {
		for _, path := range []string{"/api/search?q=", "/?q="} {
			var res searchResult
			status, _, _ := reader.do("GET", path+url.QueryEscape(q), nil, nil)
			counts[fmt.Sprintf("%dxx", status/100)]++
			if path == "/api/search?q=" && i >= 60 {
				reader.do("GET", path+url.QueryEscape(q), nil, &res)
				if res.Total != want[q] {
					mismatch++
					t.Errorf("%q: %d hits, %d before the damage", q, res.Total, want[q])
				}
			}
		}
	}
	for _, page := range []string{"/", "/films", "/readyz", "/api/films"} {
		status, _, _ := reader.do("GET", page, nil, nil)
		counts[fmt.Sprintf("%dxx", status/100)]++
	}
	repaired := ""
	for deadline := time.Now().Add(60 * time.Second); time.Now().Before(deadline); time.Sleep(50 * time.Millisecond) {
		if g := reader.readyGeneration(); g != "gen-000002" && g != "gen-000001" && g != "" {
			repaired = g
			break
		}
	}
	took := time.Since(start)
	logs := p.logs.String()
	if counts["5xx"] > 0 || !strings.Contains(logs, "generation gen-000002 is damaged") || repaired == "" || ready.Generation == "gen-000002" || !cliRefused {
		t.Errorf("bit flip: %v; served %s at start (degraded %q), repaired to %q; CLI refused: %v\n%s", counts, ready.Generation, ready.Degraded, repaired, cliRefused, lastLine(logs))
	}
	summary("bit-flipped generation: %d bits flipped in gen-000002's segment; `search` refuses it, serve logs it as damaged and serves %s meanwhile; %d requests (pages and API): 2xx %d, 4xx %d, 5xx %d; %d probe queries with the same hit counts as before the damage (%d differ); the start-up rebuild made %s from the same texts without --force, %.1f s after start",
		flipped, ready.Generation, counts["2xx"]+counts["4xx"]+counts["5xx"], counts["2xx"], counts["4xx"], counts["5xx"], len(probes), mismatch, repaired, took.Seconds())
}

// pathologicalTexts writes texts meant to make passages huge or phrase
// search quadratic: 480,000 one-line paragraphs (10 MB), and 2 MB of one
// word repeated.
func pathologicalTexts(t *testing.T) (string, float64) {
	dir := filepath.Join(t.TempDir(), "texts")
	os.Mkdir(dir, 0o755)
	lines := "Pathological Lines\n\n" + strings.Repeat("Short line of four.\n\n", 480_000)
	repeat := "Repeated Words\n\n" + strings.Repeat("Pulgasari Pulgasari monster. ", 70_000) + "\n"
	os.WriteFile(filepath.Join(dir, "lines.txt"), []byte(lines), 0o644)
	os.WriteFile(filepath.Join(dir, "repeat.txt"), []byte(repeat), 0o644)
	writeSeedCopies(t, dir, 1)
	return dir, float64(len(lines)+len(repeat)) / 1e6
}

// testPathologicalPassage: two-word and quoted searches over texts made to
// produce huge passages stay within their deadline, and then SIGTERM stops
// the server promptly while such searches run.
func testPathologicalPassage(t *testing.T) {
	texts, mb := pathologicalTexts(t)
	start := time.Now()
	p := startProc(t, "", "--index", filepath.Join(t.TempDir(), "index"), "--texts", texts, "--search-timeout", "2s", "--watch", "0")
	ready := time.Since(start)
	out, err := subprocess("passages", "--texts", texts).Output()
	if err != nil {
		t.Fatal(err)
	}
	longest, passages := 0, 0
	for _, l := range strings.Split(strings.TrimSpace(string(out)), "\n") {
		passages++
		if i := strings.Index(l, `"text":"`); i >= 0 {
			longest = max(longest, len(strings.Fields(l[i:])))
		}
	}
	c := attackClient(4)
	queries := []string{"Pulgasari monster", `"Pulgasari Pulgasari"`, `"short line"`, "line four", `"Pulgasari monster Pulgasari"`, "Short line of four", `"four short"`}
	var times []time.Duration
	statuses := map[int]int{}
	for round := 0; round < 3; round++ {
		for _, q := range queries {
			s := time.Now()
			resp, err := c.Get(p.url + "/api/search?q=" + url.QueryEscape(q))
			d := time.Since(s)
			if err != nil {
				t.Errorf("%q: %v", q, err)
				continue
			}
			io.Copy(io.Discard, resp.Body)
			resp.Body.Close()
			statuses[resp.StatusCode]++
			times = append(times, d)
		}
	}
	sort.Slice(times, func(i, j int) bool { return times[i] < times[j] })
	slowest := times[len(times)-1]
	if slowest > 3*time.Second || longest > 300 || statuses[500] > 0 {
		t.Errorf("pathological passages: longest %d words, slowest search %s, statuses %v", longest, slowest, statuses)
	}
	summary("pathological passage: %.1f MB of one-line paragraphs and one repeated word → %d passages, the longest %d words (ready in %.1f s); %d two-word and quoted searches: median %.1f ms, slowest %.0f ms against a 2000 ms deadline; statuses %v",
		mb, passages, longest, ready.Seconds(), len(times), ms(times[len(times)/2]), ms(slowest), statuses)

	// SIGTERM while such searches run.
	ctx, cancel := context.WithCancel(context.Background())
	var wg sync.WaitGroup
	for i := range 4 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for ctx.Err() == nil {
				req, _ := http.NewRequestWithContext(ctx, "GET", p.url+"/api/search?q="+url.QueryEscape(queries[i%len(queries)]), nil)
				if resp, err := c.Do(req); err == nil {
					io.Copy(io.Discard, resp.Body)
					resp.Body.Close()
				}
			}
		}()
	}
	time.Sleep(500 * time.Millisecond)
	term := time.Now()
	p.cmd.Process.Signal(syscall.SIGTERM)
	exited := make(chan error, 1)
	go func() { exited <- p.cmd.Wait() }()
	var exitErr error
	select {
	case exitErr = <-exited:
	case <-time.After(30 * time.Second):
		p.cmd.Process.Kill()
		exitErr = fmt.Errorf("still running 30 s after SIGTERM")
	}
	stopped := time.Since(term)
	cancel()
	wg.Wait()
	if exitErr != nil || stopped > 20*time.Second {
		t.Errorf("SIGTERM during searches: %v after %s", exitErr, stopped)
	}
	summary("SIGTERM while 4 clients run searches over the pathological passages: serve exited cleanly in %.2f s (exit %v)", stopped.Seconds(), exitErr)
}

func ms(d time.Duration) float64 { return float64(d.Microseconds()) / 1000 }

// raiseOwnFileLimit lets the test process hold n connections, as far as
// the kernel allows; it returns how many it may hold.
func raiseOwnFileLimit(n uint64) uint64 {
	var lim syscall.Rlimit
	syscall.Getrlimit(syscall.RLIMIT_NOFILE, &lim)
	if lim.Cur < n {
		want := syscall.Rlimit{Cur: n, Max: max(n, lim.Max)}
		if syscall.Setrlimit(syscall.RLIMIT_NOFILE, &want) != nil {
			want = syscall.Rlimit{Cur: lim.Max, Max: lim.Max}
			syscall.Setrlimit(syscall.RLIMIT_NOFILE, &want)
		}
		syscall.Getrlimit(syscall.RLIMIT_NOFILE, &lim)
	}
	return lim.Cur
}

// testIdleConnections: 21,000 idle keep-alive connections (one request
// each) against a server whose open-file limit is 4,096. It keeps its
// connections under the limit by closing idle ones, and /healthz and
// search still answer.
func testIdleConnections(t *testing.T) {
	const want = 21_000
	limit := raiseOwnFileLimit(want + 1000)
	n := min(want, int(limit)-1000)
	p := startProc(t, "ulimit -n 4096;", "--index", filepath.Join(t.TempDir(), "index"), "--texts", seedTextsDir(t, 1), "--watch", "0")
	host := strings.TrimPrefix(p.url, "http://")
	conns := make([]net.Conn, n)
	var next, answered, failed atomic.Int64
	start := time.Now()
	var wg sync.WaitGroup
	for range 64 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for {
				i := int(next.Add(1) - 1)
				if i >= n {
					return
				}
				c, err := net.DialTimeout("tcp", host, 10*time.Second)
				if err != nil {
					failed.Add(1)
					continue
				}
				conns[i] = c
				c.SetDeadline(time.Now().Add(20 * time.Second))
				fmt.Fprintf(c, "GET /healthz HTTP/1.1\r\nHost: %s\r\n\r\n", host)
				if resp, err := http.ReadResponse(bufio.NewReader(c), nil); err == nil {
					resp.Body.Close()
					answered.Add(1)
				} else {
					failed.Add(1)
				}
			}
		}()
	}
	wg.Wait()
	opened := time.Since(start)
	defer func() {
		for _, c := range conns {
			if c != nil {
				c.Close()
			}
		}
	}()
	// With all of them held, a new client is answered.
	fresh := &http.Client{Timeout: 10 * time.Second, Transport: &http.Transport{DisableKeepAlives: true}}
	var worst time.Duration
	ok := 0
	for _, path := range []string{"/healthz", "/api/search?q=Pulgasari", "/healthz", "/?q=Thaw", "/healthz"} {
		s := time.Now()
		resp, err := fresh.Get(p.url + path)
		worst = max(worst, time.Since(s))
		if err == nil {
			if resp.StatusCode == 200 {
				ok++
			}
			resp.Body.Close()
		}
	}
	var closed float64
	if resp, err := fresh.Get(p.url + "/metrics"); err == nil {
		b, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		if m := regexp.MustCompile(`(?m)^cinesearch_idle_connections_closed_total (\S+)`).FindSubmatch(b); m != nil {
			closed, _ = strconv.ParseFloat(string(m[1]), 64)
		}
	}
	fds, _ := os.ReadDir(fmt.Sprintf("/proc/%d/fd", p.cmd.Process.Pid))
	if ok != 5 || worst > 5*time.Second || closed == 0 || len(fds) > 4096 {
		t.Errorf("idle connections: %d/5 fresh requests answered, slowest %s, %.0f idle connections closed, %d fds open", ok, worst, closed, len(fds))
	}
	summary("idle connections: %d keep-alive connections opened and held (one request each, %d answered, %d failed) in %.1f s against serve under `ulimit -n 4096`; serve closed %.0f idle ones and held %d file descriptors; 5/5 fresh requests (/healthz, search, page) answered %d, slowest %.0f ms",
		n, answered.Load(), failed.Load(), opened.Seconds(), closed, len(fds), ok, ms(worst))
}

// testAdminEdges: a 241-byte multi-byte name is refused with 400, and a
// text uploaded while a rebuild runs is in the next generation.
func testAdminEdges(t *testing.T) {
	texts := seedTextsDir(t, 12)
	p := startProc(t, "", "--index", filepath.Join(t.TempDir(), "index"), "--texts", texts, "--admin-token", testToken, "--watch", "0")
	admin, reader := client{p.url, testToken}, client{base: p.url}
	longName := strings.Repeat("가", 79) + ".txt"
	longStatus, _, _ := admin.do("PUT", "/api/texts/"+url.PathEscape(longName), strings.NewReader("A Title\n\nThe film Mountain Echo (2014) was shot near Paektu by a crew from Geneva.\n"), nil)

	// Wait for the start-up job, then start a forced rebuild and upload
	// while it runs.
	var first struct{ Job, State string }
	for deadline := time.Now().Add(time.Minute); ; time.Sleep(20 * time.Millisecond) {
		var jobs struct{ Jobs []jobState }
		admin.do("GET", "/api/reindex", nil, &jobs)
		if len(jobs.Jobs) > 0 && (jobs.Jobs[0].State == "done" || jobs.Jobs[0].State == "failed") || time.Now().After(deadline) {
			break
		}
	}
	admin.do("POST", "/api/reindex?force=1", nil, &first)
	for deadline := time.Now().Add(time.Minute); ; time.Sleep(5 * time.Millisecond) {
		var st jobState
		admin.do("GET", "/api/reindex/"+first.Job, nil, &st)
		if st.State == "running" || time.Now().After(deadline) {
			break
		}
	}
	article := "Echoes from Paektu\n\nThe Korean-Swiss co-production Mountain Echo (2014) was filmed near Mount Paektu by a crew from Geneva and the Korean Film Studio.\n"
	var put struct {
		QueuedJob string `json:"queued_job"`
	}
	putStatus, _, _ := admin.do("PUT", "/api/texts/echo.txt", strings.NewReader(article), &put)
	var queuedDone jobState
	for deadline := time.Now().Add(2 * time.Minute); put.QueuedJob != ""; time.Sleep(20 * time.Millisecond) {
		admin.do("GET", "/api/reindex/"+put.QueuedJob, nil, &queuedDone)
		if queuedDone.State == "done" || queuedDone.State == "failed" || time.Now().After(deadline) {
			break
		}
	}
	var res searchResult
	reader.do("GET", "/api/search?q="+url.QueryEscape("Mountain Echo Geneva"), nil, &res)
	var list struct{ Stale bool }
	admin.do("GET", "/api/texts", nil, &list)
	if longStatus != 400 || putStatus != 201 || put.QueuedJob == "" || queuedDone.State != "done" || res.Total == 0 || list.Stale {
		t.Errorf("admin edges: long name %d; upload %d queued %q → %+v; hits %d; stale %v", longStatus, putStatus, put.QueuedJob, queuedDone, res.Total, list.Stale)
	}
	summary("admin edges: a %d-byte multi-byte name → %d; a text uploaded during a forced rebuild (job %s) queued job %s, which served it in %s (%d hits for its words; index stale afterwards: %v)",
		len(longName), longStatus, first.Job, put.QueuedJob, queuedDone.Generation, res.Total, list.Stale)
}

// testPathologicalTexts: texts an adversary wrote to make reading
// quadratic are read (by 'cinesearch passages') and checked on upload (by
// the admin API) within a generous bound; the line prints the time per MB.
func testPathologicalTexts(t *testing.T) {
	texts := map[string]string{
		"lines-850k.txt": "Lines\n\n" + strings.Repeat("Short line of four.\n\n", 40_000),
		"lines-10m.txt":  "Lines\n\n" + strings.Repeat("Short line of four.\n\n", 470_000),
		"years-320k.txt": "Years\n\n" + strings.Repeat("Xx(1985) ", 40_000) + "\n",
		"headings-8000.md": "# Heads\n\n" + func() string {
			var b strings.Builder
			for i := range 8000 {
				fmt.Fprintf(&b, "## The Film%d (1985)\n\nA paragraph about film number %d, long enough to stand alone as a passage.\n\n", i, i)
			}
			return b.String()
		}(),
		"prose-9m.txt": "Prose\n\n" + strings.Repeat(strings.Repeat("The Korean Film Studio made Thaw (1985) in Japan with a team. ", 20)+"\n\n", 7000),
	}
	names := make([]string, 0, len(texts))
	for n := range texts {
		names = append(names, n)
	}
	sort.Strings(names)
	var report []string
	for _, name := range names {
		dir := filepath.Join(t.TempDir(), "texts")
		os.Mkdir(dir, 0o755)
		os.WriteFile(filepath.Join(dir, name), []byte(texts[name]), 0o644)
		mb := float64(len(texts[name])) / 1e6
		start := time.Now()
		out, err := subprocess("passages", "--texts", dir).Output()
		took := time.Since(start)
		longest := 0
		for _, l := range strings.Split(string(out), "\n") {
			if i := strings.Index(l, `"text":"`); i >= 0 {
				longest = max(longest, len(strings.Fields(l[i:])))
			}
		}
		if err != nil || took > 60*time.Second || longest > 300 {
			t.Errorf("%s: %v after %s, longest passage %d words", name, err, took, longest)
		}
		report = append(report, fmt.Sprintf("%s %.1f MB in %.2f s (%.2f s/MB, longest passage %d words)", name, mb, took.Seconds(), took.Seconds()/mb, longest))
	}
	// The admin API checks an upload by reading it: the same bound.
	p := startProc(t, "", "--index", filepath.Join(t.TempDir(), "index"), "--texts", seedTextsDir(t, 1), "--admin-token", testToken, "--watch", "0")
	admin := client{p.url, testToken}
	for _, name := range []string{"lines-850k.txt", "years-320k.txt", "lines-10m.txt"} {
		start := time.Now()
		status, body, _ := admin.do("PUT", "/api/texts/"+name, strings.NewReader(texts[name]), nil)
		took := time.Since(start)
		if status >= 500 || took > 60*time.Second {
			t.Errorf("upload %s: %d after %s: %.200s", name, status, took, body)
		}
		report = append(report, fmt.Sprintf("upload %s → %d in %.2f s", name, status, took.Seconds()))
	}
	summary("pathological texts: %s", strings.Join(report, "; "))
}
