//go:build reliability

package main

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"cinesearch/corpus/hostile"
	"cinesearch/internal/bench"
)

// Targets of issue 27 for one hostile text of 10 MB: read in under 10 s
// and 500 MB, checked on upload in under 15 s. Past them a shape is named
// in the summary; the test fails only past what makes a build or an
// upload fail (the per-text budget and the server's write timeout).
const (
	hostileTargetTime   = 10 * time.Second
	hostileTargetRSSMB  = 500
	hostileUploadTarget = 15 * time.Second
	hostileFailTime     = 60 * time.Second
)

// testHostileShapes reads every hostile shape (corpus/hostile) at 1 MB and
// 10 MB with 'cinesearch passages', one process each, and prints the time
// and peak RSS of each; then uploads the heaviest at 10 MB through the
// admin API (two: each takes seconds, and CI has minutes).
func testHostileShapes(t *testing.T) {
	var report, over []string
	for _, s := range hostile.Shapes {
		var cells []string
		for _, size := range []int{1_000_000, 10_000_000} {
			dir := filepath.Join(t.TempDir(), "texts")
			os.Mkdir(dir, 0o755)
			if err := os.WriteFile(filepath.Join(dir, s.File), []byte(s.Text(size)), 0o644); err != nil {
				t.Fatal(err)
			}
			out, stderr, took, rss, err := runMeasured(subprocess("passages", "--texts", dir))
			passages := strings.Count(out, "\n")
			if err != nil || took > hostileFailTime {
				t.Errorf("%s at %d bytes: %v after %s: %.300s", s.Name, size, err, took, stderr)
			}
			cells = append(cells, fmt.Sprintf("%.1f s %.0f MB", took.Seconds(), rss))
			if size == 10_000_000 && (took > hostileTargetTime || rss > hostileTargetRSSMB) {
				over = append(over, fmt.Sprintf("%s (%.1f s, %.0f MB)", s.Name, took.Seconds(), rss))
			}
			if size == 10_000_000 && passages == 0 {
				over = append(over, s.Name+" (no passages)")
			}
		}
		report = append(report, s.Name+" "+strings.Join(cells, " / "))
	}
	summary("hostile shapes read by `cinesearch passages` at 1 MB / 10 MB (time, peak RSS): %s; over the 10 MB targets (%s, %d MB): %s",
		strings.Join(report, "; "), hostileTargetTime, hostileTargetRSSMB, orNone(over))

	// The upload check reads the text once, within the budget, and
	// answers before the server's write timeout.
	p := startProc(t, "", "--index", filepath.Join(t.TempDir(), "index"), "--texts", seedTextsDir(t, 1), "--admin-token", testToken, "--watch", "0")
	admin := client{p.url, testToken}
	var uploads []string
	for _, name := range []string{"txt-title-year", "html-cite-flood"} {
		s, _ := hostile.ByName(name)
		start := time.Now()
		status, body, err := admin.do("PUT", "/api/texts/"+s.File, strings.NewReader(s.Text(10_000_000)), nil)
		took := time.Since(start)
		if err != nil || status >= 500 || status == 0 || took > hostileFailTime {
			t.Errorf("upload %s: %d %v after %s: %.200s", name, status, err, took, body)
		}
		mark := ""
		if took > hostileUploadTarget {
			mark = " (over the target)"
		}
		uploads = append(uploads, fmt.Sprintf("%s → %d in %.1f s%s", name, status, took.Seconds(), mark))
	}
	_, peak := p.rssMB()
	summary("hostile uploads of 10 MB through the admin API (target %s each): %s; serve peak RSS %.0f MB", hostileUploadTarget, strings.Join(uploads, "; "), peak)
}

// runMeasured runs cmd and returns its output, its time and its peak RSS
// in MB. The peak is the process's own high-water mark (VmHWM), read until
// it exits: getrusage's maxrss of a child forked from this test process
// counts the parent's pages too.
func runMeasured(cmd *exec.Cmd) (stdout, stderr string, took time.Duration, peakMB float64, err error) {
	var out, errOut strings.Builder
	cmd.Stdout, cmd.Stderr = &out, &errOut
	start := time.Now()
	if err = cmd.Start(); err != nil {
		return "", "", 0, 0, err
	}
	done := make(chan error, 1)
	go func() { done <- cmd.Wait() }()
	var peak int64
	tick := time.NewTicker(10 * time.Millisecond)
	defer tick.Stop()
	for {
		select {
		case err = <-done:
			return out.String(), errOut.String(), time.Since(start), float64(peak) / 1e6, err
		case <-tick.C:
			if _, p := bench.ProcRSS(cmd.Process.Pid); p > peak {
				peak = p
			}
		}
	}
}

func orNone(s []string) string {
	if len(s) == 0 {
		return "none"
	}
	return strings.Join(s, ", ")
}
