package main

// The rough edges of the command line that a first visit found (issue 15):
// each test fails on the binary as it was.

import (
	"bytes"
	"context"
	"errors"
	"io"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// searchIndex builds the seeds' index once for the CLI tests.
func searchIndex(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	if _, _, err := runCmd(t, "index", "--index", dir); err != nil {
		t.Fatal(err)
	}
	return dir
}

func TestSearchOutputIsForPeople(t *testing.T) {
	dir := searchIndex(t)
	out, _, err := runCmd(t, "search", "--index", dir, "Pulgasari", "Godzilla")
	if err != nil {
		t.Fatal(err)
	}
	for _, bad := range []string{"[19", ";\n", "; ", "1 passages"} {
		if strings.Contains(out, bad) {
			t.Errorf("search output has %q:\n%s", bad, out)
		}
	}
	if !strings.Contains(out, "years: 19") || !strings.Contains(out, "\nfilms: ") {
		t.Errorf("search output lacks years or the film list:\n%s", out)
	}
	// One hit is "1 passage".
	out, _, err = runCmd(t, "search", "--index", dir, `"Shin Sang-ok's Pulgasari is the first monster"`)
	if err == nil && strings.HasPrefix(out, "1 ") && !strings.HasPrefix(out, "1 passage (") {
		t.Errorf("one hit: %q", strings.SplitN(out, "\n", 2)[0])
	}
	if got := plural(1, "passage", "passages") + "|" + plural(2, "passage", "passages"); got != "1 passage|2 passages" {
		t.Errorf("plural: %s", got)
	}

	// No query: usage and exit 2, not "0 passages" and a facet dump.
	stdout, stderr, err := runCmd(t, "search", "--index", dir)
	var ee exitError
	if !errors.As(err, &ee) || ee.code != 2 || stdout != "" || !strings.Contains(stderr, "usage: cinesearch search") {
		t.Errorf("search without a query: %v, stdout %q, stderr %q", err, stdout, stderr)
	}
	// A filter alone lists passages.
	if out, _, err := runCmd(t, "search", "--index", dir, "--film", "Thaw"); err != nil || !strings.Contains(out, "passages") {
		t.Errorf("search --film Thaw: %v %s", err, out)
	}
}

func TestVersion(t *testing.T) {
	for _, arg := range []string{"--version", "version"} {
		out, _, err := runCmd(t, arg)
		if err != nil || !strings.HasPrefix(out, "cinesearch ") || !strings.Contains(out, "index mapping version") {
			t.Errorf("%s: %v %q", arg, err, out)
		}
	}
}

// Logs: JSON in a pipe unless console is asked for, and console lines in
// a pipe carry no colour codes.
func TestLogFormats(t *testing.T) {
	for _, tc := range []struct {
		format string
		json   bool
	}{{"auto", true}, {"json", true}, {"console", false}} {
		var buf bytes.Buffer
		log, err := newLogger(tc.format, &buf)
		if err != nil {
			t.Fatal(err)
		}
		log.Info().Str("url", "http://localhost:8080").Msg("ready")
		out := buf.String()
		if strings.HasPrefix(out, "{") != tc.json || strings.Contains(out, "\x1b[") {
			t.Errorf("--log-format %s in a pipe: %q", tc.format, out)
		}
	}
	if _, err := newLogger("xml", io.Discard); err == nil {
		t.Error("--log-format xml accepted")
	}
}

// serve on a busy port fails at once, before building anything.
func TestServeOnABusyPortBuildsNothing(t *testing.T) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	dir := filepath.Join(t.TempDir(), "index")
	start := time.Now()
	_, _, err = runCmd(t, "serve", "--addr", ln.Addr().String(), "--index", dir)
	if err == nil || !strings.Contains(err.Error(), ln.Addr().String()) {
		t.Errorf("serve on a busy port: %v", err)
	}
	if _, serr := os.Stat(dir); serr == nil {
		t.Errorf("serve built %s before failing to listen (%v)", dir, time.Since(start))
	}
}

// A restart runs no rebuild when the texts are those of the index — also
// when they are now a texts directory seeded with the embedded corpus (the
// admin token's default) — and says the index is up to date rather than
// built from other texts. The ready line gives the start-up time in ms.
func TestRestartWithSameTextsRunsNoRebuild(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "index")
	p := startServe(t, "--index", dir, "--watch", "0")
	if !strings.Contains(p.logs.String(), `"startup_ms":`) {
		t.Errorf("ready line without startup_ms:\n%s", p.logs.String())
	}
	p.stop()
	p = startServe(t, "--index", dir, "--watch", "0", "--admin-token", testToken)
	deadline := time.Now().Add(30 * time.Second)
	for !strings.Contains(p.logs.String(), "up to date with the texts") && time.Now().Before(deadline) {
		time.Sleep(20 * time.Millisecond)
	}
	logs := p.logs.String()
	if !strings.Contains(logs, "up to date with the texts") || strings.Contains(logs, "other texts") || strings.Contains(logs, "rebuild started") {
		t.Errorf("restart with the admin token:\n%s", logs)
	}
	req, _ := http.NewRequestWithContext(context.Background(), "GET", p.url+"/api/reindex", nil)
	req.Header.Set("Authorization", "Bearer "+testToken)
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	body, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if !strings.Contains(string(body), `"jobs":[]`) {
		t.Errorf("jobs after a restart: %s", body)
	}
}
