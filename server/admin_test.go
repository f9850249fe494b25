package server

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"mime/multipart"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/rs/zerolog"

	"cinesearch/corpus"
	"cinesearch/index"
)

const testToken = "test-token-0123456789abcdef"

var goodText = []byte("A New Film\n\nBy Ann Archivist.\n\nThe Korean-Swiss co-production Mountain Echo (2014) was filmed near Mount Paektu by a crew from Geneva.\n")

// realTexts puts a real texts directory behind the Texts interface, as
// cmd does, so that the admin tests see real files.
type realTexts struct{ *corpus.TextDir }

func (r realTexts) List() (out []TextInfo, err error) {
	ts, err := r.TextDir.List()
	for _, t := range ts {
		out = append(out, TextInfo(t))
	}
	return out, err
}

func (r realTexts) Put(ctx context.Context, name string, data []byte) (TextInfo, bool, error) {
	info, created, err := r.TextDir.Put(ctx, name, data)
	return TextInfo(info), created, err
}

func (r realTexts) Preview(ctx context.Context, name string) (TextPreview, error) {
	pv, err := r.TextDir.Preview(ctx, name)
	out := TextPreview{Name: pv.Name, Title: pv.Title, Years: pv.Years, Warnings: pv.Warnings}
	for _, p := range pv.Passages {
		out.Passages = append(out.Passages, PreviewPassage(p))
	}
	for _, f := range pv.Films {
		out.Films = append(out.Films, PreviewFilm(f))
	}
	return out, err
}

// adminServer is a server with the admin API over a temporary texts
// directory; rebuilds run the given function.
func adminServer(t *testing.T, build RebuildFunc) (*httptest.Server, string, *logBuffer) {
	t.Helper()
	root := t.TempDir()
	td, err := corpus.OpenTextDir(root)
	if err != nil {
		t.Fatal(err)
	}
	jobs := NewJobs(build, zerolog.Nop())
	t.Cleanup(jobs.Close)
	ts, logs := newTestServer(t, Serving(seedLive), Config{Admin: &Admin{Token: testToken, Texts: realTexts{td}, Jobs: jobs}})
	return ts, root, logs
}

func adminDo(t *testing.T, ts *httptest.Server, method, path, token string, body io.Reader, header ...string) response {
	t.Helper()
	req, err := http.NewRequest(method, ts.URL+path, body)
	if err != nil {
		t.Fatal(err)
	}
	if token != "" {
		req.Header.Set("Authorization", token)
	}
	for i := 0; i+1 < len(header); i += 2 {
		req.Header.Set(header[i], header[i+1])
	}
	resp, err := ts.Client().Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return response{resp.StatusCode, resp.Header, string(b)}
}

func listDir(t *testing.T, dir string) []string {
	t.Helper()
	entries, _ := os.ReadDir(dir)
	var names []string
	for _, e := range entries {
		names = append(names, e.Name())
	}
	return names
}

func TestAdminAuth(t *testing.T) {
	ts, _, logs := adminServer(t, func(context.Context, bool, func(index.Progress)) (index.Outcome, error) { return index.Outcome{}, nil })
	routes := []struct{ method, path string }{
		{"GET", "/api/texts"}, {"PUT", "/api/texts/a.txt"}, {"DELETE", "/api/texts/a.txt"}, {"GET", "/api/texts/a.txt"},
		{"POST", "/api/reindex"}, {"GET", "/api/reindex"}, {"GET", "/api/reindex/abc"}, {"GET", "/api/texts/a.txt/preview"},
	}
	for _, rt := range routes {
		for _, tc := range []struct {
			auth   string
			status int
		}{
			{"", 401},
			{"Bearer", 401},
			{"Bearer ", 401},
			{"Basic " + testToken, 401},
			{"Bearer wrong-token-0123456789abcdef", 403},
			{"Bearer " + testToken + "x", 403},
			{"Bearer " + testToken[:len(testToken)-1], 403},
		} {
			r := adminDo(t, ts, rt.method, rt.path, tc.auth, strings.NewReader(string(goodText)))
			if r.status != tc.status {
				t.Errorf("%s %s with %q: %d, want %d", rt.method, rt.path, tc.auth, r.status, tc.status)
			}
			if code, msg := apiError(t, r); code == "" || msg == "" {
				t.Errorf("%s %s: no JSON error: %s", rt.method, rt.path, r.body)
			}
			if tc.status == 401 && r.header.Get("WWW-Authenticate") == "" {
				t.Errorf("401 without WWW-Authenticate")
			}
		}
	}
	if strings.Contains(logs.String(), testToken[5:]) {
		t.Error("the admin token reached the log")
	}
}

func TestAdminOffAndBadConfig(t *testing.T) {
	ts, _ := newTestServer(t, Serving(seedLive), Config{})
	r := adminDo(t, ts, "PUT", "/api/texts/a.txt", "Bearer "+testToken, bytes.NewReader(goodText))
	if code, msg := apiError(t, r); r.status != 404 || code != "not_found" || !strings.Contains(msg, "--admin-token") {
		t.Errorf("admin off: %d %s", r.status, r.body)
	}
	if _, err := New(Serving(seedLive), Config{Admin: &Admin{Token: "short"}}); err == nil {
		t.Error("short token accepted")
	}
}

func TestAdminTexts(t *testing.T) {
	ts, root, _ := adminServer(t, func(context.Context, bool, func(index.Progress)) (index.Outcome, error) { return index.Outcome{}, nil })
	auth := "Bearer " + testToken
	r := adminDo(t, ts, "PUT", "/api/texts/new.txt", auth, bytes.NewReader(goodText))
	if r.status != 201 || r.header.Get("Location") != "/api/texts/new.txt" || !strings.Contains(r.body, `"title":"A New Film"`) {
		t.Fatalf("create: %d %s", r.status, r.body)
	}
	if r = adminDo(t, ts, "PUT", "/api/texts/new.txt", auth, bytes.NewReader(goodText)); r.status != 200 {
		t.Errorf("replace: %d %s", r.status, r.body)
	}
	// Multipart upload.
	var mp bytes.Buffer
	mw := multipart.NewWriter(&mp)
	mw.WriteField("note", "ignored")
	fw, _ := mw.CreateFormFile("file", "whatever.txt")
	fw.Write(goodText)
	mw.Close()
	if r = adminDo(t, ts, "PUT", "/api/texts/Second%20Article.md", auth, &mp, "Content-Type", mw.FormDataContentType()); r.status != 201 {
		t.Errorf("multipart: %d %s", r.status, r.body)
	}
	if got, _ := os.ReadFile(filepath.Join(root, "Second Article.md")); !bytes.Equal(got, goodText) {
		t.Errorf("multipart wrote %q", got)
	}
	r = adminDo(t, ts, "GET", "/api/texts", auth, nil)
	var list struct {
		Count int
		Texts []corpus.TextInfo
	}
	if json.Unmarshal([]byte(r.body), &list); r.status != 200 || list.Count != 2 || list.Texts[1].Name != "new.txt" || list.Texts[1].Title != "A New Film" || list.Texts[1].Size != int64(len(goodText)) || list.Texts[1].Modified.IsZero() {
		t.Errorf("list: %d %s", r.status, r.body)
	}
	if r = adminDo(t, ts, "GET", "/api/texts/new.txt", auth, nil); r.status != 200 || r.body != string(goodText) || r.header.Get("Content-Type") != "text/plain; charset=utf-8" {
		t.Errorf("get one: %d %s %q, want the text itself", r.status, r.header.Get("Content-Type"), r.body)
	}
	if list.Texts[1].Films == nil || list.Texts[1].Films[0] != "Mountain Echo" {
		t.Errorf("list: films found %v, want Mountain Echo", list.Texts[1].Films)
	}
	if r = adminDo(t, ts, "DELETE", "/api/texts/new.txt", auth, nil); r.status != 200 {
		t.Errorf("delete: %d %s", r.status, r.body)
	}
	for _, p := range []string{"/api/texts/new.txt", "/api/texts/nothing.md"} {
		if r = adminDo(t, ts, "DELETE", p, auth, nil); r.status != 404 {
			t.Errorf("delete missing %s: %d", p, r.status)
		}
		if r = adminDo(t, ts, "GET", p, auth, nil); r.status != 404 {
			t.Errorf("get missing %s: %d", p, r.status)
		}
	}
	if got := listDir(t, root); len(got) != 1 || got[0] != "Second Article.md" {
		t.Errorf("directory: %v", got)
	}
}

// TestAdminBadUploads: every bad upload is refused with a 4xx JSON error
// and leaves the texts directory as it was.
func TestAdminBadUploads(t *testing.T) {
	ts, root, _ := adminServer(t, func(context.Context, bool, func(index.Progress)) (index.Outcome, error) { return index.Outcome{}, nil })
	auth := "Bearer " + testToken
	os.WriteFile(filepath.Join(root, "keep.txt"), goodText, 0o644)
	big := bytes.Repeat([]byte("Pyongyang film studio. "), corpus.MaxTextBytes/23+10)
	var emptyMP bytes.Buffer
	mw := multipart.NewWriter(&emptyMP)
	mw.WriteField("note", "no file here")
	mw.Close()
	for _, tc := range []struct {
		name, path string
		body       []byte
		status     int
		code       string
		header     []string
	}{
		{"traversal", "/api/texts/..%2F..%2Fetc%2Fpasswd.txt", goodText, 400, "bad_name", nil},
		{"traversal raw", "/api/texts/../escape.txt", goodText, 400, "bad_name", nil},
		{"subdirectory", "/api/texts/sub%2Fa.txt", goodText, 400, "bad_name", nil},
		{"backslash", "/api/texts/..%5Ca.txt", goodText, 400, "bad_name", nil},
		{"hidden", "/api/texts/.hidden.txt", goodText, 400, "bad_name", nil},
		{"extension", "/api/texts/script.sh", goodText, 400, "bad_name", nil},
		{"no extension", "/api/texts/readme", goodText, 400, "bad_name", nil},
		{"encoded dots", "/api/texts/%2e%2e%2fx.txt", goodText, 400, "bad_name", nil},
		{"nul in name", "/api/texts/a%00b.txt", goodText, 400, "bad_name", nil},
		{"long multi-byte name", "/api/texts/" + url.PathEscape(strings.Repeat("가", 79)) + ".txt", goodText, 400, "bad_name", nil},
		{"binary", "/api/texts/bin.txt", []byte("\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR"), 422, "bad_text", nil},
		{"latin-1", "/api/texts/latin.txt", []byte("Caf\xe9 in Pyongyang, a long enough sentence of text.\n"), 422, "bad_text", nil},
		{"empty", "/api/texts/empty.txt", nil, 422, "bad_text", nil},
		{"only heading", "/api/texts/head.txt", []byte("Heading\n"), 422, "bad_text", nil},
		{"oversize", "/api/texts/big.txt", big, 413, "too_large", nil},
		{"multipart without file", "/api/texts/mp.txt", emptyMP.Bytes(), 400, "bad_body", []string{"Content-Type", mw.FormDataContentType()}},
		{"malformed multipart", "/api/texts/mp.txt", []byte("garbage"), 400, "bad_body", []string{"Content-Type", "multipart/form-data; boundary=xyz"}},
		{"replace with binary", "/api/texts/keep.txt", []byte{0, 1, 2}, 422, "bad_text", nil},
	} {
		r := adminDo(t, ts, "PUT", tc.path, auth, bytes.NewReader(tc.body), tc.header...)
		code, msg := apiError(t, r)
		if r.status != tc.status || code != tc.code || msg == "" {
			t.Errorf("%s: %d %s, want %d %s", tc.name, r.status, r.body, tc.status, tc.code)
		}
	}
	if got := listDir(t, root); len(got) != 1 || got[0] != "keep.txt" {
		t.Errorf("bad uploads wrote files: %v", got)
	}
	if got, _ := os.ReadFile(filepath.Join(root, "keep.txt")); !bytes.Equal(got, goodText) {
		t.Error("a refused replacement changed keep.txt")
	}
	if _, err := os.Stat(filepath.Join(filepath.Dir(root), "escape.txt")); !errors.Is(err, os.ErrNotExist) {
		t.Error("a traversal wrote outside the texts directory")
	}
	// A bad text's error names the line.
	r := adminDo(t, ts, "PUT", "/api/texts/latin.txt", auth, strings.NewReader("line one\nline two\ncaf\xe9\n"))
	if !strings.Contains(r.body, `"line":3`) || !strings.Contains(r.body, "latin.txt:3") {
		t.Errorf("error does not name the line: %s", r.body)
	}
}

func TestAdminReindexJobs(t *testing.T) {
	release := make(chan struct{})
	ts, _, _ := adminServer(t, func(ctx context.Context, force bool, progress func(index.Progress)) (index.Outcome, error) {
		progress(index.Progress{Stage: index.StageIndexing, Files: 3, FilesTotal: 3, Passages: 10, PassagesTotal: 20})
		<-release
		if force {
			return index.Outcome{}, errors.New("disk full")
		}
		return index.Outcome{Manifest: index.Manifest{Generation: "gen-000002", Passages: 20, Articles: 3, Films: 4},
			Previous: &index.Manifest{Generation: "gen-000001", Passages: 6, Articles: 2, Films: 4}}, nil
	})
	auth := "Bearer " + testToken
	r := adminDo(t, ts, "POST", "/api/reindex", auth, nil)
	var started struct{ Job, State, StatusURL string }
	json.Unmarshal([]byte(r.body), &started)
	if r.status != 202 || started.Job == "" || r.header.Get("Location") != "/api/reindex/"+started.Job {
		t.Fatalf("start: %d %s", r.status, r.body)
	}
	// A second request while it runs is queued behind it; a third gets the
	// same queued job.
	var queued, again struct{ Job, State string }
	r = adminDo(t, ts, "POST", "/api/reindex", auth, nil)
	json.Unmarshal([]byte(r.body), &queued)
	if r.status != 202 || queued.State != JobQueued || queued.Job == started.Job {
		t.Errorf("second start: %d %s, want 202 and a queued job", r.status, r.body)
	}
	r = adminDo(t, ts, "POST", "/api/reindex", auth, nil)
	json.Unmarshal([]byte(r.body), &again)
	if r.status != 202 || again.Job != queued.Job {
		t.Errorf("third start: %d %s, want the queued job %s again", r.status, r.body, queued.Job)
	}
	job := waitJob(t, ts, started.Job, func(j Job) bool { return j.Progress.Passages == 10 })
	if job.State != JobRunning || job.Progress.PassagesTotal != 20 || job.Started == nil {
		t.Errorf("running job: %+v", job)
	}
	release <- struct{}{}
	job = waitJob(t, ts, started.Job, func(j Job) bool { return j.State == JobDone })
	if job.Generation != "gen-000002" || job.Passages != 20 || job.Finished == nil || job.Progress.Stage != JobDone ||
		job.Change == nil || *job.Change != (JobChange{Articles: 1, Passages: 14, Films: 0}) {
		t.Errorf("done job: %+v (change %+v)", job, job.Change)
	}
	// The queued job runs next.
	waitJob(t, ts, queued.Job, func(j Job) bool { return j.State == JobRunning })
	close(release)
	waitJob(t, ts, queued.Job, func(j Job) bool { return j.State == JobDone })
	// A failing rebuild reports its error.
	r = adminDo(t, ts, "POST", "/api/reindex?force=1", auth, nil)
	json.Unmarshal([]byte(r.body), &started)
	job = waitJob(t, ts, started.Job, func(j Job) bool { return j.State == JobFailed })
	if job.Error != "disk full" || !job.Force {
		t.Errorf("failed job: %+v", job)
	}
	if r = adminDo(t, ts, "POST", "/api/reindex?force=maybe", auth, nil); r.status != 400 {
		t.Errorf("bad force: %d", r.status)
	}
	if r = adminDo(t, ts, "GET", "/api/reindex/nope", auth, nil); r.status != 404 {
		t.Errorf("unknown job: %d", r.status)
	}
	if r = adminDo(t, ts, "GET", "/api/reindex", auth, nil); r.status != 200 || strings.Count(r.body, `"job"`) != 3 {
		t.Errorf("job list: %s", r.body)
	}
	if r = adminDo(t, ts, "PATCH", "/api/reindex", auth, nil); r.status != 405 {
		t.Errorf("PATCH: %d", r.status)
	}
}

func waitJob(t *testing.T, ts *httptest.Server, id string, cond func(Job) bool) Job {
	t.Helper()
	var job Job
	for deadline := time.Now().Add(10 * time.Second); time.Now().Before(deadline); time.Sleep(5 * time.Millisecond) {
		r := adminDo(t, ts, "GET", "/api/reindex/"+id, "Bearer "+testToken, nil)
		if err := json.Unmarshal([]byte(r.body), &job); err != nil {
			t.Fatalf("job %s: %d %s", id, r.status, r.body)
		}
		if cond(job) {
			return job
		}
	}
	t.Fatalf("job %s never reached the state wanted; last %+v", id, job)
	return job
}

// A text uploaded while a rebuild runs is not lost: the rebuild may have
// read the texts before it, so another is queued; the job says which texts
// it included, and the texts list says which are not in the served index.
func TestUploadDuringRebuildIsQueued(t *testing.T) {
	release := make(chan struct{})
	read := make(chan struct{}, 2) // a build has read the texts
	var root string
	ts, dir, _ := adminServer(t, func(ctx context.Context, force bool, progress func(index.Progress)) (index.Outcome, error) {
		var res index.Outcome
		entries, _ := os.ReadDir(root)
		for _, e := range entries {
			if !strings.HasPrefix(e.Name(), ".") { // as corpus.Load: an upload's temporary file is hidden
				res.Texts = append(res.Texts, index.TextRef{Name: e.Name()})
			}
		}
		read <- struct{}{}
		<-release
		return res, nil
	})
	root = dir
	auth := "Bearer " + testToken
	os.WriteFile(filepath.Join(root, "first.txt"), goodText, 0o644)
	var started struct{ Job string }
	json.Unmarshal([]byte(adminDo(t, ts, "POST", "/api/reindex", auth, nil).body), &started)
	<-read // the running rebuild has read the texts: the upload comes after

	r := adminDo(t, ts, "PUT", "/api/texts/second.txt", auth, bytes.NewReader(goodText))
	var put struct {
		QueuedJob string `json:"queued_job"`
	}
	json.Unmarshal([]byte(r.body), &put)
	if r.status != 201 || put.QueuedJob == "" {
		t.Fatalf("upload during a rebuild: %d %s, want a queued job", r.status, r.body)
	}
	release <- struct{}{}
	first := waitJob(t, ts, started.Job, func(j Job) bool { return j.State == JobDone })
	if len(first.Texts) != 1 || first.Texts[0].Name != "first.txt" {
		t.Errorf("the first job says it included %+v", first.Texts)
	}
	close(release)
	second := waitJob(t, ts, put.QueuedJob, func(j Job) bool { return j.State == JobDone })
	if len(second.Texts) != 2 {
		t.Errorf("the queued job included %+v; want both texts", second.Texts)
	}
	// The fake build serves nothing new: the seeds are served, so both
	// uploaded texts are not indexed and the index is stale.
	var list struct {
		Stale bool
		Texts []struct {
			Name    string
			Indexed bool
			Digest  string
		}
	}
	json.Unmarshal([]byte(adminDo(t, ts, "GET", "/api/texts", auth, nil).body), &list)
	if !list.Stale || len(list.Texts) != 2 || list.Texts[0].Indexed || list.Texts[0].Digest == "" {
		t.Errorf("texts list: %+v", list)
	}
	// With exactly the served texts, every text is indexed and nothing is
	// stale.
	os.Remove(filepath.Join(root, "first.txt"))
	os.Remove(filepath.Join(root, "second.txt"))
	ix, done := seedLive.Acquire()
	defer done()
	for _, a := range ix.Catalogue().Articles {
		data, _ := fs.ReadFile(corpus.Default(), a.Path)
		os.WriteFile(filepath.Join(root, a.Path), data, 0o644)
	}
	list.Texts = nil
	json.Unmarshal([]byte(adminDo(t, ts, "GET", "/api/texts", auth, nil).body), &list)
	if list.Stale || len(list.Texts) != 2 || !list.Texts[0].Indexed || !list.Texts[1].Indexed {
		t.Errorf("texts list with the served texts: %+v", list)
	}
}

// TestAdminReadAndPreview: a text is read back as it was written, as plain
// text whatever its format (an uploaded page is never rendered on this
// origin), and its preview shows its passages, films and years.
func TestAdminReadAndPreview(t *testing.T) {
	ts, _, _ := adminServer(t, func(context.Context, bool, func(index.Progress)) (index.Outcome, error) { return index.Outcome{}, nil })
	auth := "Bearer " + testToken
	page := "<html><head><title>Page</title><script>alert(1)</script></head><body><article><h1>A Page</h1><p>The film <i>Mountain Echo</i> (2014) was shot near Mount Paektu in the autumn of 2013 by a crew from Geneva.</p></article></body></html>"
	if r := adminDo(t, ts, "PUT", "/api/texts/page.html", auth, strings.NewReader(page)); r.status != 201 {
		t.Fatalf("upload: %d %s", r.status, r.body)
	}
	r := adminDo(t, ts, "GET", "/api/texts/page.html", auth, nil)
	if r.status != 200 || r.body != page || !strings.HasPrefix(r.header.Get("Content-Type"), "text/plain") ||
		!strings.Contains(r.header.Get("Content-Security-Policy"), "sandbox") || r.header.Get("X-Content-Type-Options") != "nosniff" {
		t.Errorf("read: %d %v %q", r.status, r.header, r.body)
	}
	r = adminDo(t, ts, "GET", "/api/texts/page.html/preview", auth, nil)
	var pv TextPreview
	if err := json.Unmarshal([]byte(r.body), &pv); err != nil || r.status != 200 {
		t.Fatalf("preview: %d %s", r.status, r.body)
	}
	if pv.Title != "Page" || len(pv.Passages) != 1 || len(pv.Films) != 1 || pv.Films[0].Title != "Mountain Echo" || pv.Films[0].Passages != 1 ||
		!slices.Equal(pv.Years, []int{2013, 2014}) || strings.Contains(pv.Passages[0].Text, "alert") {
		t.Errorf("preview: %+v", pv)
	}
	for _, tc := range []struct {
		path   string
		status int
	}{{"/api/texts/none.md/preview", 404}, {"/api/texts/..%2Fx.md/preview", 400}, {"/api/texts/films.yaml/preview", 422}} {
		if r := adminDo(t, ts, "GET", tc.path, auth, nil); r.status != tc.status {
			t.Errorf("%s: %d %s, want %d", tc.path, r.status, r.body, tc.status)
		}
	}
}

// wrappedTextsServer serves the admin API over a real texts directory
// that wrap decorates, with rebuilds that do nothing.
func wrappedTextsServer(t *testing.T, wrap func(realTexts) Texts) *httptest.Server {
	t.Helper()
	td, err := corpus.OpenTextDir(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	jobs := NewJobs(RebuildFunc(func(ctx context.Context, force bool, progress func(index.Progress)) (index.Outcome, error) {
		return index.Outcome{}, nil
	}), zerolog.Nop())
	t.Cleanup(jobs.Close)
	ts, _ := newTestServer(t, Serving(seedLive), Config{Admin: &Admin{Token: testToken, Texts: wrap(realTexts{td}), Jobs: jobs}})
	return ts
}

// deadlineTexts records the deadline the upload check was given.
type deadlineTexts struct {
	realTexts
	deadline *time.Time
}

func (d deadlineTexts) Put(ctx context.Context, name string, data []byte) (TextInfo, bool, error) {
	*d.deadline, _ = ctx.Deadline()
	return d.realTexts.Put(ctx, name, data)
}

// TestUploadCheckedInsideTheWriteTimeout: the upload's check is given a
// deadline well inside the server's write timeout, so that its answer is
// never cut off after the text was written.
func TestUploadCheckedInsideTheWriteTimeout(t *testing.T) {
	var deadline time.Time
	ts := wrappedTextsServer(t, func(rt realTexts) Texts { return deadlineTexts{rt, &deadline} })
	start := time.Now()
	r := adminDo(t, ts, "PUT", "/api/texts/thaw.txt", "Bearer "+testToken, strings.NewReader("Thaw\n\nThe film Thaw (1985) was made in Japan by a crew from Tokyo.\n"))
	if r.status != http.StatusCreated {
		t.Fatalf("upload: %d %s", r.status, r.body)
	}
	if deadline.IsZero() || deadline.Sub(start) > 50*time.Second {
		t.Errorf("the check's deadline is %v after the request (the write timeout is 60 s)", deadline.Sub(start))
	}
}

// blockingTexts holds every Put until release is closed.
type blockingTexts struct {
	realTexts
	entered chan struct{}
	release chan struct{}
}

func (b blockingTexts) Put(ctx context.Context, name string, data []byte) (TextInfo, bool, error) {
	b.entered <- struct{}{}
	<-b.release
	return b.realTexts.Put(ctx, name, data)
}

// TestUploadsCheckedAFewAtATime: while maxUploadChecks uploads are being
// checked, another waits briefly, then is told to come back (503 with
// Retry-After); once they finish, uploads are accepted again.
func TestUploadsCheckedAFewAtATime(t *testing.T) {
	var bt blockingTexts
	ts := wrappedTextsServer(t, func(rt realTexts) Texts {
		bt = blockingTexts{rt, make(chan struct{}, maxUploadChecks+1), make(chan struct{})}
		return bt
	})
	text := "Thaw\n\nThe film Thaw (1985) was made in Japan by a crew from Tokyo.\n"
	done := make(chan int, maxUploadChecks)
	for i := range maxUploadChecks {
		go func() {
			r := adminDo(t, ts, "PUT", fmt.Sprintf("/api/texts/t%d.txt", i), "Bearer "+testToken, strings.NewReader(text))
			done <- r.status
		}()
	}
	for range maxUploadChecks {
		<-bt.entered
	}
	r := adminDo(t, ts, "PUT", "/api/texts/late.txt", "Bearer "+testToken, strings.NewReader(text))
	if r.status != http.StatusServiceUnavailable || r.header.Get("Retry-After") == "" || !strings.Contains(r.body, "other uploads") {
		t.Errorf("a third upload while two are checked: %d %q %s", r.status, r.header.Get("Retry-After"), r.body)
	}
	close(bt.release)
	for range maxUploadChecks {
		if s := <-done; s != http.StatusCreated {
			t.Errorf("a held upload answered %d", s)
		}
	}
	go func() { <-bt.entered }()
	if r := adminDo(t, ts, "PUT", "/api/texts/after.txt", "Bearer "+testToken, strings.NewReader(text)); r.status != http.StatusCreated {
		t.Errorf("an upload after the others: %d %s", r.status, r.body)
	}
}
