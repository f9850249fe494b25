package main

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"cinesearch/internal/bench"
)

func runCmd(t *testing.T, args ...string) (string, string, error) {
	t.Helper()
	var out, errb bytes.Buffer
	err := run(context.Background(), args, &out, &errb)
	return out.String(), errb.String(), err
}

func TestPassagesAndFilms(t *testing.T) {
	out, _, err := runCmd(t, "passages")
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(strings.TrimSpace(out), "\n")
	var p map[string]any
	if err := json.Unmarshal([]byte(lines[0]), &p); err != nil {
		t.Fatal(err)
	}
	for _, k := range []string{"id", "article", "article_title", "section", "films", "years", "text"} {
		if _, ok := p[k]; !ok {
			t.Errorf("passage line lacks %q", k)
		}
	}
	out, _, err = runCmd(t, "films")
	if err != nil || !strings.Contains(out, `"title":"Thaw"`) || strings.Contains(out, `"kind":"book"`) {
		t.Errorf("films: %v\n%s", err, out)
	}
	out, _, _ = runCmd(t, "films", "--kind", "book")
	if !strings.Contains(out, "On the Art of the Cinema") {
		t.Errorf("--kind book: %s", out)
	}
}

func TestBadTextsAreNamedAndStrictFails(t *testing.T) {
	dir := t.TempDir()
	os.WriteFile(filepath.Join(dir, "good.txt"), []byte("A Title\n\nThe Korean Film Studio made many films in Pyongyang with partners from abroad."), 0o644)
	os.WriteFile(filepath.Join(dir, "bad.txt"), []byte("line\n\xff\xfe\n"), 0o644)
	out, errs, err := runCmd(t, "passages", "--texts", dir)
	if err != nil || !strings.Contains(errs, dir+"/bad.txt:2: not valid UTF-8") || !strings.Contains(out, "Pyongyang") {
		t.Errorf("err %v, stderr %q", err, errs)
	}
	_, _, err = runCmd(t, "passages", "--texts", dir, "--strict")
	var ee exitError
	if !errors.As(err, &ee) || ee.code != 1 {
		t.Errorf("--strict: %v", err)
	}
	if _, _, err := runCmd(t, "passages", "--texts", filepath.Join(dir, "missing")); err == nil || !strings.Contains(err.Error(), "missing") {
		t.Errorf("missing dir: %v", err)
	}
}

func TestUsageErrors(t *testing.T) {
	if _, _, err := runCmd(t, "frobnicate"); err == nil || !strings.Contains(err.Error(), "unknown command") {
		t.Errorf("unknown command: %v", err)
	}
	if _, _, err := runCmd(t, "films", "--kind", "poem"); err == nil {
		t.Error("bad --kind accepted")
	}
	if _, _, err := runCmd(t, "search", "--index", t.TempDir(), "x"); err == nil || !strings.Contains(err.Error(), "cinesearch index") {
		t.Errorf("search without index: %v", err)
	}
	t.Setenv("CINESEARCH_SIZE", "many")
	if _, _, err := runCmd(t, "search", "x"); err == nil || !strings.Contains(err.Error(), "CINESEARCH_SIZE") {
		t.Errorf("bad environment value: %v", err)
	}
}

func TestIndexAndSearch(t *testing.T) {
	dir := t.TempDir()
	out, errs, err := runCmd(t, "index", "--index", dir)
	if err != nil || !strings.Contains(out, "223 passages") || !strings.Contains(errs, "indexing: 223/223") {
		t.Fatalf("index: %v\n%s\n%s", err, out, errs)
	}
	out, _, err = runCmd(t, "index", "--index", dir)
	if err != nil || !strings.Contains(out, "up to date") {
		t.Errorf("second index: %v %s", err, out)
	}
	out, _, err = runCmd(t, "search", "--index", dir, "Pulgasary", "suit")
	if err != nil || !strings.Contains(out, "[Pulgasari]") {
		t.Errorf("search: %v\n%s", err, out)
	}
	out, _, err = runCmd(t, "search", "--index", dir, "--json", "--film", "Thaw", "--size", "2", "Japan")
	var res map[string]any
	if err != nil || json.Unmarshal([]byte(out), &res) != nil || res["total"] == nil || res["facets"] == nil {
		t.Errorf("search --json: %v\n%s", err, out)
	}
	_, _, err = runCmd(t, "search", "--index", dir, "year:soon")
	var ee exitError
	if !errors.As(err, &ee) || ee.code != 2 || !strings.Contains(err.Error(), "year:soon") {
		t.Errorf("bad query: %v", err)
	}
}

// syncBuffer is a buffer written by the server goroutine and read by the
// test.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

// serveProc is a "cinesearch serve" running in the test process on a
// loopback port.
type serveProc struct {
	url  string
	logs *syncBuffer
	stop func() error
}

var readyRE = regexp.MustCompile(`"url":"(http://127\.0\.0\.1:\d+)"`)

// startServe runs serve with args (an --addr on 127.0.0.1:0 is added) and
// waits for its ready line.
func startServe(t testing.TB, args ...string) *serveProc {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	logs := &syncBuffer{}
	done := make(chan error, 1)
	go func() {
		done <- run(ctx, append([]string{"serve", "--addr", "127.0.0.1:0"}, args...), io.Discard, logs)
	}()
	p := &serveProc{logs: logs}
	var once sync.Once
	var stopErr error
	p.stop = func() error {
		once.Do(func() {
			cancel()
			select {
			case stopErr = <-done:
			case <-time.After(30 * time.Second):
				stopErr = errors.New("serve did not shut down")
			}
		})
		return stopErr
	}
	t.Cleanup(func() { p.stop() })
	for deadline := time.Now().Add(60 * time.Second); p.url == "" && time.Now().Before(deadline); time.Sleep(20 * time.Millisecond) {
		select {
		case err := <-done:
			t.Fatalf("serve exited: %v\n%s", err, logs.String())
		default:
		}
		sc := bufio.NewScanner(strings.NewReader(logs.String()))
		for sc.Scan() {
			if m := readyRE.FindStringSubmatch(sc.Text()); m != nil && strings.Contains(sc.Text(), `"message":"ready"`) {
				p.url = m[1]
			}
		}
	}
	if p.url == "" {
		t.Fatalf("no ready line; logs:\n%s", logs.String())
	}
	return p
}

// TestServeBuildsServesAndShutsDown: serve on a loopback port builds the
// missing index, logs one ready line with the URL, answers, and exits
// cleanly when its context ends.
func TestServeBuildsServesAndShutsDown(t *testing.T) {
	p := startServe(t, "--index", t.TempDir(), "--watch", "0")
	resp, err := http.Get(p.url + "/readyz")
	if err != nil || resp.StatusCode != 200 {
		t.Fatalf("readyz: %v %v", err, resp)
	}
	resp.Body.Close()
	if err := p.stop(); err != nil {
		t.Errorf("serve returned %v after shutdown", err)
	}
}

// TestBenchCommand runs cinesearch bench on the seeds for a moment: it
// proves the command works end to end (both indexes, every query class, a
// real serve under load) and that its report has the promised shape. No
// figure is asserted: timings belong to make bench.
func TestBenchCommand(t *testing.T) {
	out := filepath.Join(t.TempDir(), "bench.json")
	stdout, stderr, err := runCmd(t, "bench", "--duration", "1s", "--queries", "2", "--rounds", "1", "--concurrency", "4", "--out", out,
		"--relevance", "../../"+defaultRelevance)
	if err != nil {
		t.Fatalf("bench: %v\n%s", err, stderr)
	}
	lines := strings.Split(strings.TrimSpace(stdout), "\n")
	last := lines[len(lines)-1]
	if !regexp.MustCompile(`^ratios: search_p50=[\d.]+ search_p95=[\d.]+ search_p99=[\d.]+ index_rate=[\d.]+ index_size=[\d.]+ build_rss=[\d.]+ http_rps=\d+ errors=0 ready_ms=\d+$`).MatchString(last) {
		t.Errorf("last line %q", last)
	}
	if !regexp.MustCompile(`(?m)^relevance: queries=\d+ p_at_1=[\d.]+ mrr=[\d.]+$`).MatchString(stdout) {
		t.Errorf("no relevance line in %s", stdout)
	}
	for _, want := range []string{"| cinesearch |", "| baseline |", "| misspelt + year |", "| prefix |", "## HTTP", "## Relevance", "## Targets"} {
		if !strings.Contains(stdout, want) {
			t.Errorf("report lacks %q", want)
		}
	}
	var rep bench.Report
	data, _ := os.ReadFile(out)
	if err := json.Unmarshal(data, &rep); err != nil {
		t.Fatalf("--out: %v", err)
	}
	if rep.Corpus.Passages != 223 || len(rep.Classes) != 14 || rep.HTTP.Requests == 0 || rep.Index.Baseline.SizeBytes == 0 || rep.Ratios.IndexSize == 0 ||
		rep.Relevance == nil || rep.Relevance.Queries < 40 || rep.Relevance.MRR == 0 {
		t.Errorf("report: %+v", rep)
	}
}

// TestServeRefusesDamagedGeneration: a bit flipped in the served segment
// while the server was down. At start the damaged generation is refused
// with a log line naming it, the previous good one answers meanwhile, and
// the start-up rebuild replaces it from the same texts without --force.
func TestServeRefusesDamagedGeneration(t *testing.T) {
	dir := t.TempDir()
	for _, args := range [][]string{{"index", "--index", dir}, {"index", "--index", dir, "--force"}} {
		if _, stderr, err := runCmd(t, args...); err != nil {
			t.Fatalf("%v: %v\n%s", args, err, stderr)
		}
	}
	flipSegment(t, filepath.Join(dir, "gen-000002"), 4<<10)

	p := startServe(t, "--index", dir, "--watch", "0")
	c := client{base: p.url}
	waitFor(t, "the start-up rebuild", 30*time.Second, func() bool { return c.readyGeneration() == "gen-000003" })
	if logs := p.logs.String(); !strings.Contains(logs, "generation gen-000002 is damaged") {
		t.Errorf("no log line names the damaged generation:\n%s", logs)
	}
	var res searchResult
	if status, body, err := c.do("GET", "/api/search?q=Pulgasari", nil, &res); status != 200 || err != nil || res.Total == 0 {
		t.Errorf("search after the repair: %d %v %.200s", status, err, body)
	}
}

// TestIndexServedByAnotherUser: an index built by root can be searched by
// another user (files were 0600 and the error said "metadata missing"), and
// a file that user cannot read is named as permission denied. Runs as root
// only (it switches to nobody); the index package checks the modes anyway.
func TestIndexServedByAnotherUser(t *testing.T) {
	if os.Geteuid() != 0 {
		t.Skip("needs root to run a command as another user")
	}
	base, err := os.MkdirTemp("", "cinesearch-other-user-")
	if err != nil {
		t.Fatal(err)
	}
	defer os.RemoveAll(base)
	os.Chmod(base, 0o755)
	bin := filepath.Join(base, "cinesearch")
	data, err := os.ReadFile(os.Args[0])
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(bin, data, 0o755); err != nil {
		t.Fatal(err)
	}
	dir := filepath.Join(base, "index")
	if _, stderr, err := runCmd(t, "index", "--index", dir); err != nil {
		t.Fatalf("index: %v\n%s", err, stderr)
	}
	asNobody := func() (string, error) {
		cmd := exec.Command(bin, "search", "--index", dir, "Pulgasari")
		cmd.Env = append(os.Environ(), "CINESEARCH_TEST_MAIN=1", "HOME="+base)
		cmd.Dir = base
		cmd.SysProcAttr = &syscall.SysProcAttr{Credential: &syscall.Credential{Uid: 65534, Gid: 65534}}
		out, err := cmd.CombinedOutput()
		return string(out), err
	}
	if out, err := asNobody(); err != nil || !strings.Contains(out, "passages") {
		t.Fatalf("search as nobody: %v\n%s", err, out)
	}
	os.Chmod(filepath.Join(dir, "gen-000001", "manifest.json"), 0o600)
	if out, err := asNobody(); err == nil || !strings.Contains(out, "permission denied") || !strings.Contains(out, "manifest.json") {
		t.Errorf("search as nobody of an unreadable index: %v\n%s", err, out)
	}
}

// TestPassagesStopsOnSIGTERM: reading a large texts folder stops at once
// when the command is told to stop.
func TestPassagesStopsOnSIGTERM(t *testing.T) {
	texts := t.TempDir()
	writeSeedCopies(t, texts, 150)
	cmd := subprocess("passages", "--texts", texts)
	var out syncBuffer
	cmd.Stdout, cmd.Stderr = io.Discard, &out
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	time.Sleep(300 * time.Millisecond)
	cmd.Process.Signal(syscall.SIGTERM)
	done := make(chan error, 1)
	go func() { done <- cmd.Wait() }()
	select {
	case err := <-done:
		if err == nil || !strings.Contains(out.String(), "stopped") {
			t.Errorf("passages after SIGTERM: %v\n%s", err, out.String())
		}
	case <-time.After(20 * time.Second):
		cmd.Process.Kill()
		t.Fatal("passages did not stop within 20 s of SIGTERM")
	}
}

// flipSegment flips one bit every stride bytes of the generation's segment.
func flipSegment(t *testing.T, genDir string, stride int) (string, int) {
	t.Helper()
	var seg string
	filepath.WalkDir(genDir, func(p string, d os.DirEntry, err error) error {
		if strings.HasSuffix(p, ".zap") {
			seg = p
		}
		return nil
	})
	b, err := os.ReadFile(seg)
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	for i := stride / 2; i < len(b); i += stride {
		b[i] ^= 0x10
		n++
	}
	if err := os.WriteFile(seg, b, 0o644); err != nil {
		t.Fatal(err)
	}
	return seg, n
}
