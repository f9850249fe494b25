package corpus

// Reading texts: which files are read and what makes a file unreadable.
//
// Every .txt, .md/.markdown and .html/.htm file below the texts root is
// read, in lexical path order (so IDs and output are deterministic). Hidden files and directories
// (".git", ".DS_Store", editor swap files) are not texts and are skipped
// silently. A file that cannot be used — unreadable, binary, not UTF-8 —
// yields a Warning naming the file and, where it helps, the line; the file
// is skipped and the rest are read. A problem that costs only part of a
// text (a front-matter field that cannot be read) is a Warning too, and the
// text is read. Empty files
// are skipped without a warning: an archivist's placeholder is not an error.

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"path"
	"strconv"
	"strings"
	"unicode/utf8"

	"golang.org/x/net/html/charset"
	"golang.org/x/text/encoding/unicode"
)

// document is one readable file: its front matter (possibly empty) and its
// body, with the line number at which the body starts.
type document struct {
	path     string
	format   textFormat
	meta     frontMatter
	body     string
	bodyLine int
	digest   string
	// warnings are problems that cost part of the text's metadata, not
	// the text: it is indexed with them.
	warnings []Warning
}

// textFormat is how a text is written, from its file name.
type textFormat int

const (
	formatText textFormat = iota
	formatMarkdown
	formatHTML
)

// formatOf tells a text's format from its extension, and whether it is a
// text at all.
func formatOf(name string) (textFormat, bool) {
	switch strings.ToLower(path.Ext(name)) {
	case ".txt", ".text":
		return formatText, true
	case ".md", ".markdown":
		return formatMarkdown, true
	case ".html", ".htm":
		return formatHTML, true
	}
	return 0, false
}

// errSkip marks a file that is skipped without a warning (empty files).
var errSkip = errors.New("skip")

// IsText reports whether a file name is one cinesearch reads as a text.
func IsText(name string) bool {
	base := path.Base(name)
	if strings.HasPrefix(base, ".") {
		return false
	}
	_, ok := formatOf(base)
	return ok
}

// listTexts returns the paths of every text below the root of fsys, sorted.
func listTexts(fsys fs.FS) ([]string, []Warning) {
	var paths []string
	var warns []Warning
	err := fs.WalkDir(fsys, ".", func(p string, d fs.DirEntry, err error) error {
		if !utf8.ValidString(p) {
			// A name in another encoding (an old archive's Latin-1):
			// its bytes are not printed raw, and it cannot be opened
			// through fs.FS.
			warns = append(warns, Warning{File: strings.Trim(strconv.Quote(p), `"`), Msg: "its name is not UTF-8: skipped; rename it"})
			if d != nil && d.IsDir() {
				return fs.SkipDir
			}
			return nil
		}
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
// body. A returned Warning means the file cannot be read at all (binary, not
// UTF-8) and must be skipped; problems with its metadata are in
// document.warnings and cost nothing but that metadata.
func parseDocument(p string, data []byte) (document, *Warning, error) {
	doc := document{path: p, digest: digestBytes(data)}
	doc.format, _ = formatOf(p)
	// A UTF-16 text (Windows' "Unicode" in Notepad, some saved pages)
	// says so with its byte-order mark; its NUL bytes are not binary.
	if bytes.HasPrefix(data, []byte{0xFF, 0xFE}) || bytes.HasPrefix(data, []byte{0xFE, 0xFF}) {
		decoded, err := unicode.UTF16(unicode.LittleEndian, unicode.ExpectBOM).NewDecoder().Bytes(data)
		if err != nil || len(data)%2 != 0 || bytes.ContainsRune(decoded, utf8.RuneError) {
			return doc, &Warning{File: p, Line: 1, Msg: "starts with a UTF-16 byte-order mark but is not valid UTF-16; save the file as UTF-8"}, nil
		}
		data = decoded
		doc.warnings = append(doc.warnings, Warning{File: p, Line: 1, Msg: "read as UTF-16 (its byte-order mark says so); saving it as UTF-8 is safer"})
	}
	data = bytes.TrimPrefix(data, []byte("\uFEFF"))
	if len(bytes.TrimSpace(data)) == 0 {
		return doc, nil, errSkip
	}
	if line, bad := binaryLine(data); bad {
		return doc, &Warning{File: p, Line: line, Msg: "binary data (NUL byte); not a text file"}, nil
	}
	if !utf8.Valid(data) && doc.format == formatHTML {
		// A saved page says its encoding (<meta charset>, or the
		// encoding's byte-order mark): read it in that one.
		if r, err := charset.NewReader(bytes.NewReader(data), "text/html"); err == nil {
			if decoded, err := io.ReadAll(r); err == nil && utf8.Valid(decoded) {
				data = decoded
			}
		}
	}
	if !utf8.Valid(data) {
		return doc, &Warning{File: p, Line: invalidUTF8Line(data), Msg: "not valid UTF-8; save the file as UTF-8"}, nil
	}
	text := string(data)
	doc.body, doc.bodyLine = text, 1
	if doc.format == formatHTML {
		return doc, nil, nil
	}
	if fence := hasFrontMatter(text); fence != "" {
		var fmw []Warning
		doc.meta, doc.body, doc.bodyLine, fmw = readFrontMatter(p, text, fence)
		doc.warnings = append(doc.warnings, fmw...)
	}
	return doc, nil, nil
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
