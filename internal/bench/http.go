package bench

// HTTP load: a real serve on loopback, as a subprocess.

import (
	"bufio"
	"context"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"os"
	"os/exec"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"time"
)

// httpLoad starts serve on the index as a subprocess, measures the time to
// /readyz 200, then runs conc clients for d.
func (b *bench) httpLoad(ctx context.Context, dir string, qs []benchQuery, conc int, d time.Duration) (httpStats, error) {
	st := httpStats{Concurrency: conc}
	cmd := exec.CommandContext(ctx, b.cfg.Exe, "serve", "--addr", "127.0.0.1:0", "--index", dir, "--watch", "0", "--log-format", "json")
	cmd.Env = append(append(os.Environ(), b.cfg.Env...), "CINESEARCH_ADMIN_TOKEN=")
	logs, err := cmd.StderrPipe()
	if err != nil {
		return st, err
	}
	start := time.Now()
	if err := cmd.Start(); err != nil {
		return st, err
	}
	defer func() {
		cmd.Process.Signal(os.Interrupt)
		done := make(chan struct{})
		go func() { cmd.Wait(); close(done) }()
		select {
		case <-done:
		case <-time.After(20 * time.Second):
			cmd.Process.Kill()
		}
	}()
	base, err := waitReadyLine(logs, 60*time.Second)
	if err != nil {
		return st, err
	}
	client := &http.Client{Transport: &http.Transport{MaxIdleConnsPerHost: conc, MaxConnsPerHost: conc}, Timeout: 10 * time.Second}
	for {
		resp, err := client.Get(base + "/readyz")
		if err == nil {
			resp.Body.Close()
			if resp.StatusCode == 200 {
				break
			}
		}
		if time.Since(start) > 60*time.Second {
			return st, fmt.Errorf("serve not ready after 60s")
		}
		time.Sleep(time.Millisecond)
	}
	st.ReadyMS = round2(float64(time.Since(start).Microseconds()) / 1000)
	b.logf("serve ready in %.0f ms; %d clients for %s", st.ReadyMS, conc, d)

	urls := make([]string, len(qs))
	for i, q := range qs {
		r := q.request()
		v := url.Values{"q": {r.Query}}
		if q.from > 0 {
			v.Set("year_from", strconv.Itoa(q.from))
			v.Set("year_to", strconv.Itoa(q.to))
		}
		urls[i] = base + "/api/search?" + v.Encode()
	}
	serveCPU0, ownCPU0 := ProcCPU(cmd.Process.Pid), ProcCPU(os.Getpid())
	var mu sync.Mutex
	var all []time.Duration
	errs := 0
	var wg sync.WaitGroup
	t0 := time.Now()
	deadline := t0.Add(d)
	for c := 0; c < conc; c++ {
		wg.Add(1)
		go func(c int) {
			defer wg.Done()
			var mine []time.Duration
			bad := 0
			for i := c; time.Now().Before(deadline) && ctx.Err() == nil; i++ {
				s := time.Now()
				resp, err := client.Get(urls[i%len(urls)])
				if err == nil {
					_, err = io.Copy(io.Discard, resp.Body)
					resp.Body.Close()
					if resp.StatusCode != 200 {
						err = fmt.Errorf("status %d", resp.StatusCode)
					}
				}
				mine = append(mine, time.Since(s))
				if err != nil {
					bad++
				}
			}
			mu.Lock()
			all = append(all, mine...)
			errs += bad
			mu.Unlock()
		}(c)
	}
	wg.Wait()
	el := time.Since(t0).Seconds()
	l := summarize(all)
	st.Seconds, st.Requests, st.RPS, st.P50, st.P99, st.Errors = round2(el), len(all), round2(float64(len(all))/el), l.P50, l.P99, errs
	st.ServeRSSBytes, st.ServePeakRSSBytes = ProcRSS(cmd.Process.Pid)
	if len(all) > 0 {
		st.ServeCPUPerRequest = round2(float64((ProcCPU(cmd.Process.Pid) - serveCPU0).Microseconds()) / 1000 / float64(len(all)))
	}
	st.LoadCores = round2((ProcCPU(os.Getpid()) - ownCPU0).Seconds() / el)
	b.logf("HTTP: %d requests, %.0f/s, p50 %.2f ms, p99 %.2f ms, %d errors", st.Requests, st.RPS, st.P50, st.P99, st.Errors)
	return st, nil
}

// waitReadyLine reads serve's log until its ready line and returns the URL.
// The rest of the log is drained so that serve never blocks on it.
func waitReadyLine(r io.Reader, timeout time.Duration) (string, error) {
	found := make(chan string, 1)
	go func() {
		sc := bufio.NewScanner(r)
		sc.Buffer(make([]byte, 64<<10), 1<<20)
		sent := false
		for sc.Scan() {
			if m := readyURLRE.FindStringSubmatch(sc.Text()); m != nil && !sent && strings.Contains(sc.Text(), `"message":"ready"`) {
				found <- m[1]
				sent = true
			}
		}
		if !sent {
			close(found)
		}
	}()
	select {
	case u, ok := <-found:
		if !ok {
			return "", fmt.Errorf("serve exited before it was ready")
		}
		return u, nil
	case <-time.After(timeout):
		return "", fmt.Errorf("serve printed no ready line in %s", timeout)
	}
}

var readyURLRE = regexp.MustCompile(`"url":"(http://[^"]+)"`)
