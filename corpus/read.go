package corpus

// Reading texts: which files are read, what makes a file unreadable, and the
// optional YAML front matter.
//
// Every .txt and .md file below the texts root is read, in lexical path
// order (so IDs and output are deterministic). Hidden files and directories
// (".git", ".DS_Store", editor swap files) are not texts and are skipped
// silently. A file that cannot be used — unreadable, binary, not UTF-8, with
// a broken front-matter block — yields a Warning naming the file and, where
// it helps, the line; the file is skipped and the rest are read. Empty files
// are skipped without a warning: an archivist's placeholder is not an error.

import (
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"path"
	"regexp"
	"strconv"
	"strings"
	"unicode/utf8"

	"gopkg.in/yaml.v3"
)

// frontMatter is the metadata a text may declare in a leading
// "---" … "---" block.
type frontMatter struct {
	Title  string `yaml:"title"`
	Author string `yaml:"author"`
	Date   string `yaml:"date"`
	Source string `yaml:"source"`
}

// document is one readable file: its front matter (possibly empty) and its
// body, with the line number at which the body starts.
type document struct {
	path     string
	meta     frontMatter
	body     string
	bodyLine int
	digest   string
}

// errSkip marks a file that is skipped without a warning (empty files).
var errSkip = errors.New("skip")

// IsText reports whether a file name is one cinesearch reads as a text.
func IsText(name string) bool {
	base := path.Base(name)
	if strings.HasPrefix(base, ".") {
		return false
	}
	ext := strings.ToLower(path.Ext(base))
	return ext == ".txt" || ext == ".md"
}

// listTexts returns the paths of every text below the root of fsys, sorted.
func listTexts(fsys fs.FS) ([]string, []Warning) {
	var paths []string
	var warns []Warning
	err := fs.WalkDir(fsys, ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			warns = append(warns, Warning{File: p, Msg: fmt.Sprintf("cannot read: %v", err)})
			if d != nil && d.IsDir() {
				return fs.SkipDir
			}
			return nil
		}
		if d.IsDir() {
			if p != "." && strings.HasPrefix(d.Name(), ".") {
				return fs.SkipDir
			}
			return nil
		}
		if d.Type().IsRegular() && IsText(p) {
			paths = append(paths, p)
		}
		return nil
	})
	if err != nil {
		warns = append(warns, Warning{File: ".", Msg: err.Error()})
	}
	return paths, warns // WalkDir visits in lexical order
}

// parseDocument validates a file's bytes and separates front matter from
// body. A returned Warning means the file must be skipped.
func parseDocument(p string, data []byte) (document, *Warning, error) {
	doc := document{path: p, digest: digestBytes(data)}
	data = bytes.TrimPrefix(data, []byte("\uFEFF"))
	if len(bytes.TrimSpace(data)) == 0 {
		return doc, nil, errSkip
	}
	if line, bad := binaryLine(data); bad {
		return doc, &Warning{File: p, Line: line, Msg: "binary data (NUL byte); not a text file"}, nil
	}
	if !utf8.Valid(data) {
		return doc, &Warning{File: p, Line: invalidUTF8Line(data), Msg: "not valid UTF-8; save the file as UTF-8"}, nil
	}
	text := string(data)
	doc.body, doc.bodyLine = text, 1
	if !hasFrontMatter(text) {
		return doc, nil, nil
	}
	meta, body, bodyLine, w := splitFrontMatter(p, text)
	if w != nil {
		return doc, w, nil
	}
	doc.meta, doc.body, doc.bodyLine = meta, body, bodyLine
	return doc, nil, nil
}

func hasFrontMatter(text string) bool {
	first, _, _ := strings.Cut(text, "\n")
	return strings.TrimRight(first, " \t\r") == "---"
}

var yamlLineRE = regexp.MustCompile(`line (\d+)`)

// splitFrontMatter parses the leading "---" block. Line numbers in warnings
// are lines of the file, not of the block.
func splitFrontMatter(p, text string) (frontMatter, string, int, *Warning) {
	var meta frontMatter
	lines := strings.SplitAfter(text, "\n")
	end := -1
	for i := 1; i < len(lines); i++ {
		if strings.TrimRight(lines[i], " \t\r\n") == "---" {
			end = i
			break
		}
	}
	if end < 0 {
		return meta, "", 0, &Warning{File: p, Line: 1, Msg: `front matter opened with "---" is never closed`}
	}
	block := strings.Join(lines[1:end], "")
	var raw map[string]any
	if err := yaml.Unmarshal([]byte(block), &raw); err != nil {
		line := 1
		msg := err.Error()
		if m := yamlLineRE.FindStringSubmatch(msg); m != nil {
			n, _ := strconv.Atoi(m[1])
			// YAML also counts a lone "\r" as a line break; keep the line
			// inside the block as this file's lines count it.
			line = min(n+1, end+1)
			msg = strings.Replace(msg, m[0], "line "+strconv.Itoa(line), 1)
		}
		return meta, "", 0, &Warning{File: p, Line: line, Msg: "broken front matter: " + strings.TrimPrefix(msg, "yaml: ")}
	}
	for key, v := range raw {
		switch strings.ToLower(key) {
		case "title", "author", "source", "date":
		default:
			continue // other keys (tags, layout, …) are not ours to judge
		}
		line := keyLine(lines[1:end], key) + 1
		var s string
		switch v := v.(type) {
		case nil:
			continue
		case string:
			s = v
		case int, float64, bool:
			s = fmt.Sprint(v)
		default:
			if t, ok := v.(interface{ Format(string) string }); ok {
				s = t.Format("2006-01-02")
			} else {
				return meta, "", 0, &Warning{File: p, Line: line, Msg: fmt.Sprintf("broken front matter: %q must be a plain value", key)}
			}
		}
		s = strings.TrimSpace(s)
		switch strings.ToLower(key) {
		case "title":
			meta.Title = s
		case "author":
			meta.Author = s
		case "source":
			meta.Source = s
		case "date":
			if !validDate(s) {
				return meta, "", 0, &Warning{File: p, Line: line, Msg: fmt.Sprintf("broken front matter: date %q is not YYYY or YYYY-MM-DD", s)}
			}
			meta.Date = s
		}
	}
	body := strings.Join(lines[end+1:], "")
	return meta, body, end + 2, nil
}

// keyLine finds the 1-based line of a top-level key within the block.
func keyLine(lines []string, key string) int {
	for i, l := range lines {
		if strings.HasPrefix(l, key+":") {
			return i + 1
		}
	}
	return 1
}

var dateRE = regexp.MustCompile(`^(\d{4})(?:-(\d{2})-(\d{2}))?$`)

func validDate(s string) bool {
	m := dateRE.FindStringSubmatch(s)
	if m == nil {
		return false
	}
	if m[2] == "" {
		return true
	}
	mo, _ := strconv.Atoi(m[2])
	d, _ := strconv.Atoi(m[3])
	return mo >= 1 && mo <= 12 && d >= 1 && d <= 31
}

func binaryLine(data []byte) (int, bool) {
	i := bytes.IndexByte(data, 0)
	if i < 0 {
		return 0, false
	}
	return bytes.Count(data[:i], []byte("\n")) + 1, true
}

func invalidUTF8Line(data []byte) int {
	line := 1
	for len(data) > 0 {
		r, size := utf8.DecodeRune(data)
		if r == utf8.RuneError && size <= 1 {
			return line
		}
		if r == '\n' {
			line++
		}
		data = data[size:]
	}
	return line
}
