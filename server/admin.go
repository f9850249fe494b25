package server

// The admin API: the archivist adds, replaces and removes texts and starts
// rebuilds. It is off unless a token is configured; every admin request
// must carry "Authorization: Bearer <token>". The token is compared in
// constant time (through SHA-256, so its length does not leak either) and
// never logged: the request log records no headers.

import (
	"context"
	"crypto/sha256"
	"crypto/subtle"
	"errors"
	"fmt"
	"io"
	"mime"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"

	"github.com/gorilla/mux"
)

// MinTokenBytes is the shortest admin token accepted: a short token can be
// guessed.
const MinTokenBytes = 16

// Admin configures the admin API.
type Admin struct {
	// Token is the bearer token admin requests must carry.
	Token string
	// Texts is the texts directory uploads go to.
	Texts Texts
	// Jobs runs rebuilds.
	Jobs *Jobs
}

// uploadSlack is what a multipart envelope may add to a text's size.
const uploadSlack = 64 << 10

func (s *Server) adminRoutes(r *mux.Router) {
	adm := func(path, name string, h handlerFunc, methods ...string) {
		r.Handle(path, s.instrument(name, s.handle(s.requireToken(h)))).Methods(methods...)
	}
	adm("/api/texts", "admin_texts", s.listTexts, http.MethodGet, http.MethodHead)
	// The name is taken from the raw path so that "a%2Fb.txt" or
	// "..%2F..%2Fx.txt" reach the name check and get a clear 400 instead
	// of a routing 404.
	// Before the text routes: "x.md/preview" is no text name (a name has
	// no slash), so the two never overlap.
	adm("/api/texts/{name:.+}/preview", "admin_preview", s.previewText, http.MethodGet, http.MethodHead)
	adm("/api/texts/{name:.+}", "admin_text", s.putText, http.MethodPut)
	adm("/api/texts/{name:.+}", "admin_text", s.deleteText, http.MethodDelete)
	adm("/api/texts/{name:.+}", "admin_text", s.getText, http.MethodGet, http.MethodHead)
	adm("/api/reindex", "admin_reindex", s.startReindex, http.MethodPost)
	adm("/api/reindex", "admin_reindex", s.listJobs, http.MethodGet, http.MethodHead)
	adm("/api/reindex/{job}", "admin_job", s.getJob, http.MethodGet, http.MethodHead)
}

// requireToken guards an admin handler.
func (s *Server) requireToken(h handlerFunc) handlerFunc {
	return func(w http.ResponseWriter, r *http.Request) error {
		if s.cfg.Admin == nil {
			return errNotFound("the admin API is off; start the server with --admin-token (or CINESEARCH_ADMIN_TOKEN) to use it")
		}
		scheme, token, _ := strings.Cut(r.Header.Get("Authorization"), " ")
		token = strings.TrimSpace(token)
		if !strings.EqualFold(scheme, "Bearer") || token == "" {
			w.Header().Set("WWW-Authenticate", `Bearer realm="cinesearch admin"`)
			return &httpError{status: http.StatusUnauthorized, code: "unauthorized", msg: "admin requests need an \"Authorization: Bearer <token>\" header"}
		}
		got := sha256.Sum256([]byte(token))
		if subtle.ConstantTimeCompare(got[:], s.tokenHash[:]) != 1 {
			return &httpError{status: http.StatusForbidden, code: "forbidden", msg: "the admin token is wrong"}
		}
		return h(w, r)
	}
}

// textName is the {name} path variable, decoded.
func (s *Server) textName(r *http.Request) (string, error) {
	raw := strings.TrimPrefix(r.URL.EscapedPath(), "/api/texts/")
	name, err := url.PathUnescape(raw)
	if err != nil {
		return "", errBadRequest("bad_name", "the text name is not a valid URL path segment")
	}
	if err := s.cfg.Admin.Texts.CheckName(name); err != nil {
		return "", err
	}
	return name, nil
}

// textState is a text as the admin API lists it: the file, and whether
// the served generation holds it as it is now.
type textState struct {
	TextInfo
	// Indexed: the served generation was built from these very bytes.
	Indexed bool `json:"indexed"`
}

func (s *Server) listTexts(w http.ResponseWriter, r *http.Request) error {
	texts, err := s.cfg.Admin.Texts.List()
	if err != nil {
		return err
	}
	v := s.view(r)
	cat := v.Catalogue()
	served := map[string]string{} // path → digest
	for _, a := range cat.Articles {
		served[a.Path] = a.Digest
	}
	out := make([]textState, len(texts))
	stale := false
	for i, t := range texts {
		d, ok := served[t.Name]
		out[i] = textState{TextInfo: t, Indexed: ok && d == t.Digest}
		delete(served, t.Name)
		if s.cfg.Admin.Texts.IsCatalogue(t.Name) {
			continue // not an article: its effect is in the corpus digest
		}
		if !out[i].Indexed && t.Problem == "" {
			stale = true // new or changed since the build
		}
	}
	if len(served) > 0 {
		stale = true // removed since the build
	}
	writeJSON(w, http.StatusOK, map[string]any{"count": len(texts), "texts": out,
		"generation": cat.Manifest.Generation, "stale": stale})
	return nil
}

// getText answers with the text itself, as plain text whatever its
// format: an uploaded HTML page is never rendered on this origin.
func (s *Server) getText(w http.ResponseWriter, r *http.Request) error {
	name, err := s.textName(r)
	if err != nil {
		return err
	}
	data, err := s.cfg.Admin.Texts.Read(name)
	if err != nil {
		return err
	}
	h := w.Header()
	h.Set("Content-Type", "text/plain; charset=utf-8")
	h.Set("X-Content-Type-Options", "nosniff")
	h.Set("Content-Security-Policy", "default-src 'none'; sandbox")
	h.Set("Content-Disposition", mime.FormatMediaType("inline", map[string]string{"filename": name}))
	h.Set("Content-Length", strconv.Itoa(len(data)))
	w.WriteHeader(http.StatusOK)
	if r.Method != http.MethodHead {
		w.Write(data)
	}
	return nil
}

// previewText shows how a text will be split: passages, films, years.
func (s *Server) previewText(w http.ResponseWriter, r *http.Request) error {
	raw := strings.TrimSuffix(strings.TrimPrefix(r.URL.EscapedPath(), "/api/texts/"), "/preview")
	name, err := url.PathUnescape(raw)
	if err != nil {
		return errBadRequest("bad_name", "the text name is not a valid URL path segment")
	}
	if err := s.cfg.Admin.Texts.CheckName(name); err != nil {
		return err
	}
	pv, err := s.cfg.Admin.Texts.Preview(r.Context(), name)
	if err != nil {
		return err
	}
	writeJSON(w, http.StatusOK, pv)
	return nil
}

func (s *Server) putText(w http.ResponseWriter, r *http.Request) error {
	name, err := s.textName(r)
	if err != nil {
		return err
	}
	maxBytes := s.cfg.Admin.Texts.MaxBytes()
	if r.ContentLength > int64(maxBytes)+uploadSlack {
		return tooLarge(name, r.ContentLength, maxBytes)
	}
	// Reading a text takes memory in proportion to it (a 10 MB page of
	// tiny elements, hundreds of MB): a few are checked at a time, the
	// others wait a little, then are told to come back.
	release, err := s.uploadSlot(r.Context())
	if err != nil {
		return err
	}
	defer release()
	data, err := readUpload(w, r, maxBytes)
	if err != nil {
		var he *httpError
		if errors.As(err, &he) {
			return err
		}
		var mbe *http.MaxBytesError
		if errors.As(err, &mbe) {
			return tooLarge(name, -1, maxBytes)
		}
		return errBadRequest("bad_body", "could not read the upload: "+err.Error())
	}
	if len(data) > maxBytes {
		return tooLarge(name, int64(len(data)), maxBytes)
	}
	// The check must answer inside the write timeout: a reply cut off
	// after the text was written would leave the client guessing.
	ctx, cancel := context.WithTimeout(r.Context(), uploadCheckTimeout)
	defer cancel()
	info, created, err := s.cfg.Admin.Texts.Put(ctx, name, data)
	if err != nil {
		return err
	}
	status := http.StatusOK
	if created {
		status = http.StatusCreated
		w.Header().Set("Location", "/api/texts/"+url.PathEscape(name))
	}
	s.log.Info().Str("request_id", requestIDFrom(r.Context())).Str("text", name).Int64("bytes", info.Size).Bool("created", created).Msg("text written")
	body := map[string]any{"text": info, "created": created, "next": "POST /api/reindex to make the change searchable"}
	s.queueIfRebuilding(body, name)
	writeJSON(w, status, body)
	return nil
}

// maxUploadChecks is the number of uploads read and checked at once;
// uploadWait is how long another waits for its turn.
const (
	maxUploadChecks = 2
	uploadWait      = 2 * time.Second
)

var errUploadsBusy = &httpError{status: http.StatusServiceUnavailable, code: "busy",
	msg: "the server is checking other uploads; try again in a few seconds", retryAfter: "5"}

// uploadSlot waits for a turn to check an upload.
func (s *Server) uploadSlot(ctx context.Context) (func(), error) {
	t := time.NewTimer(uploadWait)
	defer t.Stop()
	select {
	case s.uploads <- struct{}{}:
		return func() { <-s.uploads }, nil
	case <-t.C:
		return nil, errUploadsBusy
	case <-ctx.Done():
		return nil, ctx.Err()
	}
}

// uploadCheckTimeout is the most an upload's check may take: well inside
// the server's 60 s write timeout, above the 30 s one text may take to
// read (corpus.TextBudget).
const uploadCheckTimeout = 40 * time.Second

func tooLarge(name string, n int64, maxBytes int) error {
	msg := fmt.Sprintf("%s: a text may have at most %d MiB", name, maxBytes>>20)
	if n > 0 {
		msg = fmt.Sprintf("%s: %d bytes is more than the %d MiB a text may have", name, n, maxBytes>>20)
	}
	return &httpError{status: http.StatusRequestEntityTooLarge, code: "too_large", msg: msg}
}

// readUpload reads the text from a raw body or from the first file of a
// multipart/form-data body, reading at most one byte more than a text may
// have.
func readUpload(w http.ResponseWriter, r *http.Request, maxBytes int) ([]byte, error) {
	r.Body = http.MaxBytesReader(w, r.Body, int64(maxBytes)+uploadSlack)
	limit := func(rd io.Reader) ([]byte, error) { return io.ReadAll(io.LimitReader(rd, int64(maxBytes)+1)) }
	mt, _, _ := mime.ParseMediaType(r.Header.Get("Content-Type"))
	if mt != "multipart/form-data" {
		return limit(r.Body)
	}
	mr, err := r.MultipartReader()
	if err != nil {
		return nil, errBadRequest("bad_body", "malformed multipart upload: "+err.Error())
	}
	for {
		part, err := mr.NextPart()
		if err == io.EOF {
			return nil, errBadRequest("bad_body", "the multipart upload has no file part (send the text as a form file, e.g. curl -F file=@article.txt)")
		}
		if err != nil {
			return nil, errBadRequest("bad_body", "malformed multipart upload: "+err.Error())
		}
		if part.FileName() != "" || part.FormName() == "file" {
			data, err := limit(part)
			part.Close()
			return data, err
		}
		part.Close()
	}
}

func (s *Server) deleteText(w http.ResponseWriter, r *http.Request) error {
	name, err := s.textName(r)
	if err != nil {
		return err
	}
	if err := s.cfg.Admin.Texts.Delete(name); err != nil {
		return err
	}
	s.log.Info().Str("request_id", requestIDFrom(r.Context())).Str("text", name).Msg("text deleted")
	body := map[string]any{"deleted": name, "next": "POST /api/reindex to remove it from the index"}
	s.queueIfRebuilding(body, name)
	writeJSON(w, http.StatusOK, body)
	return nil
}

// queueIfRebuilding queues a rebuild when a text changed while one runs
// (it may have read the texts before the change), and says so in body.
func (s *Server) queueIfRebuilding(body map[string]any, name string) {
	if job, ok := s.cfg.Admin.Jobs.TextsChanged(name); ok {
		body["queued_job"] = job.ID
		body["next"] = "a rebuild was running; job " + job.ID + " will rebuild again with this change once it ends"
	}
}

func (s *Server) startReindex(w http.ResponseWriter, r *http.Request) error {
	force, err := boolParam(r.URL.Query(), "force")
	if err != nil {
		return err
	}
	job, err := s.cfg.Admin.Jobs.Start("admin", force)
	if err != nil {
		return err
	}
	loc := "/api/reindex/" + job.ID
	w.Header().Set("Location", loc)
	writeJSON(w, http.StatusAccepted, map[string]any{"job": job.ID, "state": job.State, "status_url": loc})
	return nil
}

func (s *Server) listJobs(w http.ResponseWriter, r *http.Request) error {
	writeJSON(w, http.StatusOK, map[string]any{"jobs": s.cfg.Admin.Jobs.List()})
	return nil
}

func (s *Server) getJob(w http.ResponseWriter, r *http.Request) error {
	id := mux.Vars(r)["job"]
	job, ok := s.cfg.Admin.Jobs.Get(id)
	if !ok {
		return errNotFound(fmt.Sprintf("no rebuild job %q (jobs are remembered while the server runs; the last %d are kept)", truncate(id, 40), keepJobs))
	}
	writeJSON(w, http.StatusOK, job)
	return nil
}

func boolParam(v url.Values, name string) (bool, error) {
	s := v.Get(name)
	if s == "" {
		return false, nil
	}
	b, err := strconv.ParseBool(s)
	if err != nil {
		return false, errBadRequest("bad_param", name+" must be 1 or 0")
	}
	return b, nil
}
