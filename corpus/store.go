package corpus

// The texts directory as the archivist's admin API sees it: listing, adding
// or replacing, and deleting single texts.
//
// A text is accepted only if cinesearch can use it — the same checks Load
// applies (UTF-8, no binary data, a well-formed front matter, something
// left to index) are applied before anything touches the disk, so an upload
// is either written whole or not at all. Writes go to a hidden temporary
// file in the same directory (hidden files are never read as texts), are
// synced, and are renamed over the target: a reader or a concurrent build
// sees the old file or the new one, never half of either.

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"sync"
	"time"
	"unicode/utf8"
)

// MaxTextBytes is the largest text the admin API accepts (10 MiB).
const MaxTextBytes = 10 << 20

// ErrTextNotFound is returned (as a *TextError) for a name that is not in
// the directory.
var ErrTextNotFound = errors.New("no such text")

// TextError says why a text (its name or its content) was refused.
type TextError struct {
	Name string
	// Line is the 1-based line of the problem, or 0.
	Line int
	Msg  string
	// TooLarge is set when the text exceeds MaxTextBytes; BadName when the
	// name, not the content, is refused; NotFound when there is no such
	// text (errors.Is(err, ErrTextNotFound)).
	TooLarge, BadName, NotFound bool
}

// Is makes a NotFound error ErrTextNotFound.
func (e *TextError) Is(target error) bool { return e.NotFound && target == ErrTextNotFound }

// TextProblem says what was refused, for callers that do not import corpus
// (the server tests for this method): kind is "not_found", "too_large",
// "bad_name" or "bad_text".
func (e *TextError) TextProblem() (name string, line int, kind string) {
	switch {
	case e.NotFound:
		kind = "not_found"
	case e.TooLarge:
		kind = "too_large"
	case e.BadName:
		kind = "bad_name"
	default:
		kind = "bad_text"
	}
	return e.Name, e.Line, kind
}

func (e *TextError) Error() string {
	if e.Line > 0 {
		return fmt.Sprintf("%s:%d: %s", e.Name, e.Line, e.Msg)
	}
	return fmt.Sprintf("%s: %s", e.Name, e.Msg)
}

// TextInfo describes one text in a texts directory.
type TextInfo struct {
	// Name is the path relative to the texts directory.
	Name     string    `json:"name"`
	Size     int64     `json:"size"`
	Modified time.Time `json:"modified"`
	// Title is the article title cinesearch recovers from the text; empty
	// when the text cannot be used (Problem says why).
	Title   string `json:"title,omitempty"`
	Problem string `json:"problem,omitempty"`
	// Digest is the hex SHA-256 of the text's bytes (as Article.Digest).
	Digest string `json:"digest"`
	// Warnings are problems that cost part of the text (a front-matter
	// field that cannot be read), each naming its line; it is indexed.
	Warnings []string `json:"warnings,omitempty"`
	// Films are the films the text's passages are labelled with (see
	// Preview), in order of first appearance.
	Films []string `json:"films,omitempty"`
}

// maxNameBytes bounds a text name in bytes: file systems allow 255, and
// the temporary file an upload is written to adds its own affixes.
const maxNameBytes = 200

// textNameRE is what a text uploaded through the API may be called: a
// plain file name (no directories, not hidden), of letters, digits and a
// little punctuation, ending in a text format's extension.
var textNameRE = regexp.MustCompile(`^[\p{L}\p{N}][\p{L}\p{N} ._()'+,-]{0,118}\.(?i:txt|text|md|markdown|html|htm)$`)

// CheckTextName reports whether name may be used for a text written
// through the admin API.
func CheckTextName(name string) error {
	switch {
	case IsCatalogue(name):
		return nil
	case name == "":
		return &TextError{Name: name, BadName: true, Msg: "a text needs a file name"}
	case strings.ContainsAny(name, `/\`) || strings.Contains(name, ".."):
		return &TextError{Name: name, BadName: true, Msg: "a text name is a plain file name: no directories and no '..'"}
	case strings.HasPrefix(name, "."):
		return &TextError{Name: name, BadName: true, Msg: "hidden files are not texts"}
	case !IsText(name):
		return &TextError{Name: name, BadName: true, Msg: "a text name must end in .txt, .md, .markdown, .html or .htm"}
	case len(name) > maxNameBytes:
		return &TextError{Name: name, BadName: true, Msg: fmt.Sprintf("a text name may have at most %d bytes (this one has %d; a letter outside ASCII takes two to four)", maxNameBytes, len(name))}
	case !textNameRE.MatchString(name):
		return &TextError{Name: name, BadName: true, Msg: "a text name may use letters, digits, spaces and . _ - ( ) ' + , (at most 120 characters) and must start with a letter or digit"}
	}
	return nil
}

// tooLargeError refuses a text of n bytes, over MaxTextBytes.
func tooLargeError(name string, n int) *TextError {
	return &TextError{Name: name, TooLarge: true, Msg: fmt.Sprintf("%d bytes is more than the %d MiB a text may have", n, MaxTextBytes>>20)}
}

// CheckText reports whether data is a text cinesearch can index, and
// returns the article title it would get and the problems that cost part
// of it (a front-matter field it cannot read).
func CheckText(name string, data []byte) (string, []Warning, error) {
	if len(data) > MaxTextBytes {
		return "", nil, tooLargeError(name, len(data))
	}
	if IsCatalogue(name) {
		return checkCatalogue(name, data)
	}
	ctx, cancel := context.WithTimeout(context.Background(), TextBudget)
	defer cancel()
	pt, w, err := readTextContext(ctx, name, data)
	switch {
	case err == errSkip:
		return "", nil, &TextError{Name: name, Msg: "the text is empty"}
	case err != nil:
		return "", nil, &TextError{Name: name, Msg: givenUpMsg(TextBudget)}
	}
	if w != nil {
		return "", nil, &TextError{Name: name, Line: w.Line, Msg: w.Msg}
	}
	return pt.article.Title, pt.warnings, nil
}

// TextDir is a texts directory managed through the admin API. Its methods
// are safe for concurrent use.
type TextDir struct {
	root string
	mu   sync.Mutex
	// titles caches CheckText results by name, size and modification time:
	// finding a title means splitting the whole text.
	titles map[string]cachedTitle
	// budget is the most reading one text may take (TextBudget).
	budget time.Duration
}

type cachedTitle struct {
	size     int64
	mod      time.Time
	title    string
	problem  string
	digest   string
	warnings []string
	films    []string
	// catalogue is the film catalogue's size and time when the films
	// were found: a new catalogue changes them.
	catalogue string
}

// OpenTextDir manages the texts directory root, creating it if needed.
func OpenTextDir(root string) (*TextDir, error) {
	if err := os.MkdirAll(root, 0o755); err != nil {
		return nil, fmt.Errorf("texts directory: %w", err)
	}
	return &TextDir{root: root, titles: map[string]cachedTitle{}, budget: TextBudget}, nil
}

// Root returns the directory.
func (d *TextDir) Root() string { return d.root }

// CheckName reports whether name may be used for a text (CheckTextName).
func (d *TextDir) CheckName(name string) error { return CheckTextName(name) }

// IsCatalogue reports whether name is the film catalogue, not an article.
func (d *TextDir) IsCatalogue(name string) bool { return IsCatalogue(name) }

// MaxBytes is the largest text Put accepts (MaxTextBytes).
func (d *TextDir) MaxBytes() int { return MaxTextBytes }

// List returns every text in the directory (as Load would read them),
// sorted by name.
func (d *TextDir) List() ([]TextInfo, error) {
	if _, err := os.Stat(d.root); err != nil {
		return nil, fmt.Errorf("texts directory: %w", err)
	}
	paths, _ := listTexts(os.DirFS(d.root))
	for _, name := range []string{CatalogueFile, "films.yml"} {
		if st, err := os.Stat(filepath.Join(d.root, name)); err == nil && st.Mode().IsRegular() {
			paths = append(paths, name)
		}
	}
	out := make([]TextInfo, 0, len(paths))
	for _, p := range paths {
		st, err := os.Stat(filepath.Join(d.root, filepath.FromSlash(p)))
		if err != nil {
			continue // removed while listing
		}
		info := TextInfo{Name: p, Size: st.Size(), Modified: st.ModTime().UTC()}
		info.Title, info.Problem, info.Digest, info.Warnings, info.Films = d.title(p, st)
		out = append(out, info)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Name < out[j].Name })
	return out, nil
}

func (d *TextDir) title(p string, st fs.FileInfo) (title, problem, digest string, warnings, films []string) {
	catalogue := d.catalogueStamp()
	d.mu.Lock()
	c, ok := d.titles[p]
	d.mu.Unlock()
	if ok && c.size == st.Size() && c.mod.Equal(st.ModTime()) && (IsCatalogue(p) || c.catalogue == catalogue) {
		return c.title, c.problem, c.digest, c.warnings, c.films
	}
	c = cachedTitle{size: st.Size(), mod: st.ModTime(), catalogue: catalogue}
	data, err := os.ReadFile(filepath.Join(d.root, filepath.FromSlash(p)))
	if err == nil {
		c.digest = digestBytes(data)
	}
	switch {
	case err != nil:
		c.problem = "cannot read: " + err.Error()
	case len(data) > MaxTextBytes:
		// Load reads big files; only the admin API limits them. Do not
		// split a 100 MB text to show a title.
		c.title = titleFromPath(p)
	case IsCatalogue(p):
		var terr *TextError
		var warns []Warning
		if c.title, warns, err = CheckText(p, data); errors.As(err, &terr) {
			c.problem = terr.Error()
		}
		c.warnings = warningStrings(warns)
	default:
		// The bytes just read and digested, not a second read that may
		// find a newer version.
		pv, err := d.previewData(context.Background(), p, data)
		var terr *TextError
		switch {
		case errors.As(err, &terr):
			c.problem = terr.Error()
		case err != nil:
			c.problem = err.Error()
		default:
			c.title, c.warnings = pv.Title, pv.Warnings
			for _, f := range pv.Films {
				c.films = append(c.films, f.Title)
			}
		}
	}
	d.mu.Lock()
	d.titles[p] = c
	d.mu.Unlock()
	return c.title, c.problem, c.digest, c.warnings, c.films
}

// catalogueStamp identifies the film catalogue's current version by size
// and modification time ("" when there is none).
func (d *TextDir) catalogueStamp() string {
	for _, name := range []string{CatalogueFile, "films.yml"} {
		if st, err := os.Stat(filepath.Join(d.root, name)); err == nil {
			return fmt.Sprintf("%s %d %d", name, st.Size(), st.ModTime().UnixNano())
		}
	}
	return ""
}

func warningStrings(ws []Warning) []string {
	var out []string
	for _, w := range ws {
		out = append(out, w.String())
	}
	return out
}

// Put checks data and writes it as the text name, replacing any text of
// that name atomically. It reports whether the text is new. Nothing is
// written when the name or the data is refused (a *TextError).
func (d *TextDir) Put(ctx context.Context, name string, data []byte) (TextInfo, bool, error) {
	if err := CheckTextName(name); err != nil {
		return TextInfo{}, false, err
	}
	// The answer is decided before anything is written: the text is read
	// once, as a build would, within the per-text budget.
	var pv TextPreview
	var title string
	var warns []string
	var err error
	if IsCatalogue(name) {
		var ws []Warning
		title, ws, err = CheckText(name, data)
		warns = warningStrings(ws)
	} else if pv, err = d.previewData(ctx, name, data); err == nil {
		title, warns = pv.Title, pv.Warnings
	} else if errors.Is(err, context.DeadlineExceeded) {
		err = &TextError{Name: name, Msg: "reading it took longer than an upload may be checked for; nothing was written: split it into smaller texts"}
	}
	if err != nil {
		return TextInfo{}, false, err
	}
	target := filepath.Join(d.root, name)
	_, statErr := os.Lstat(target)
	created := errors.Is(statErr, os.ErrNotExist)
	if statErr == nil {
		if st, err := os.Lstat(target); err == nil && !st.Mode().IsRegular() {
			return TextInfo{}, false, &TextError{Name: name, Msg: "a directory or special file of that name is in the way"}
		}
	}
	if err := writeAtomic(d.root, name, data); err != nil {
		return TextInfo{}, false, err
	}
	st, err := os.Stat(target)
	if err != nil {
		return TextInfo{}, false, err
	}
	info := TextInfo{Name: name, Size: st.Size(), Modified: st.ModTime().UTC(), Title: title, Digest: digestBytes(data), Warnings: warns}
	if IsCatalogue(name) {
		return info, created, nil
	}
	for _, f := range pv.Films {
		info.Films = append(info.Films, f.Title)
	}
	// What List shows comes from this reading, not a second one.
	d.mu.Lock()
	d.titles[name] = cachedTitle{size: st.Size(), mod: st.ModTime(), title: title, digest: info.Digest, warnings: warns, films: info.Films, catalogue: d.catalogueStamp()}
	d.mu.Unlock()
	return info, created, nil
}

// Delete removes the text name.
func (d *TextDir) Delete(name string) error {
	if err := CheckTextName(name); err != nil {
		return err
	}
	target := filepath.Join(d.root, name)
	st, err := os.Lstat(target)
	if errors.Is(err, os.ErrNotExist) {
		return &TextError{Name: name, NotFound: true, Msg: ErrTextNotFound.Error()}
	}
	if err != nil {
		return err
	}
	if !st.Mode().IsRegular() {
		return &TextError{Name: name, Msg: "not a regular file"}
	}
	if err := os.Remove(target); err != nil {
		return err
	}
	d.mu.Lock()
	delete(d.titles, name)
	d.mu.Unlock()
	return syncDir(d.root)
}

// writeAtomic writes data to dir/name through a synced hidden temporary
// file and rename(2).
func writeAtomic(dir, name string, data []byte) (err error) {
	// The temporary name does not repeat the text's: a long name plus
	// affixes would pass 255 bytes. It is hidden, so Load never reads it.
	f, err := os.CreateTemp(dir, ".upload-*.tmp")
	if err != nil {
		return fmt.Errorf("write %s: %w", name, err)
	}
	tmp := f.Name()
	defer func() {
		if err != nil {
			f.Close()
			os.Remove(tmp)
			err = fmt.Errorf("write %s: %w", name, err)
		}
	}()
	if _, err = f.Write(data); err != nil {
		return err
	}
	if err = f.Sync(); err != nil {
		return err
	}
	if err = f.Chmod(0o644); err != nil {
		return err
	}
	if err = f.Close(); err != nil {
		return err
	}
	if err = os.Rename(tmp, filepath.Join(dir, name)); err != nil {
		return err
	}
	return syncDir(dir)
}

func syncDir(dir string) error {
	f, err := os.Open(dir)
	if err != nil {
		return err
	}
	defer f.Close()
	return f.Sync()
}

// checkCatalogue checks a films.yaml upload: a file that is not YAML is
// refused (naming the line); entries it cannot use are warnings.
func checkCatalogue(name string, data []byte) (string, []Warning, error) {
	if !utf8.Valid(data) {
		return "", nil, &TextError{Name: name, Line: invalidUTF8Line(data), Msg: "not valid UTF-8; save the file as UTF-8"}
	}
	uc, warns := ParseCatalogue(name, data)
	if len(warns) > 0 && strings.Contains(warns[0].Msg, "not valid YAML") {
		return "", nil, &TextError{Name: name, Line: warns[0].Line, Msg: warns[0].Msg}
	}
	return fmt.Sprintf("Film catalogue (%d films, %d not films, %d merges)", len(uc.defs), len(uc.notFilms), len(uc.merge)), warns, nil
}
