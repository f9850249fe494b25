package server

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"sync"
	"sync/atomic"
	"testing"
	"testing/fstest"
	"time"

	"github.com/rs/zerolog"

	"cinesearch/index"
)

// TestRebuildJobsSwapUnderSearches runs real rebuilds (index.Rebuilder
// with a Live) as admin jobs while clients search over HTTP; run with
// -race. Every search answers 200 with a hit, the generation advances
// with each job, and Close leaves nothing running.
func TestRebuildJobsSwapUnderSearches(t *testing.T) {
	root := t.TempDir()
	texts := fstest.MapFS{"a.txt": {Data: []byte("A Title\n\nThe Korean Film Studio made Thaw (1985) in Japan with actors from Pyongyang.\n")}}
	rb := &index.Rebuilder{Root: root, Texts: texts}
	if _, err := rb.Rebuild(context.Background(), false, nil); err != nil {
		t.Fatal(err)
	}
	live, err := index.OpenLive(root)
	if err != nil {
		t.Fatal(err)
	}
	defer live.Close()
	rb.Live = live
	jobs := NewJobs(rb, zerolog.Nop())
	ts, _ := newTestServer(t, Serving(live), Config{})

	stop := make(chan struct{})
	var wg sync.WaitGroup
	var searches atomic.Int64
	errs := make(chan error, 4)
	for i := 0; i < 4; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for {
				select {
				case <-stop:
					return
				default:
				}
				resp, err := http.Get(ts.URL + "/api/search?q=Pyongyang")
				if err != nil {
					errs <- err
					return
				}
				var body SearchResponse
				err = json.NewDecoder(resp.Body).Decode(&body)
				resp.Body.Close()
				if err == nil && (resp.StatusCode != 200 || body.Total != 1) {
					err = fmt.Errorf("status %d, %d hits on %s", resp.StatusCode, body.Total, body.Generation)
				}
				if err != nil {
					errs <- err
					return
				}
				searches.Add(1)
			}
		}()
	}
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	for i := 0; i < 3; i++ {
		job, err := jobs.Start("test", true)
		if err != nil {
			t.Fatal(err)
		}
		done, err := jobs.Wait(ctx, job.ID)
		if err != nil || done.State != JobDone || done.Progress.Stage != JobDone {
			t.Fatalf("job %d: %+v, %v", i, done, err)
		}
		if want := fmt.Sprintf("gen-%06d", i+2); done.Generation != want || live.Manifest().Generation != want {
			t.Errorf("job %d made %s, serving %s; want %s", i, done.Generation, live.Manifest().Generation, want)
		}
	}
	close(stop)
	wg.Wait()
	jobs.Close()
	close(errs)
	for err := range errs {
		t.Errorf("search during rebuilds: %v", err)
	}
	if searches.Load() == 0 {
		t.Error("no search ran")
	}
}
