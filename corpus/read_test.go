package corpus

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"unicode/utf8"

	"golang.org/x/text/encoding/unicode"
	"testing/fstest"

	"github.com/google/go-cmp/cmp"
)

const body20 = "The Korean Film Studio in Pyongyang made many films in the 1980s with partners from abroad, and this is one."

// Front matter forgives: whatever a static-site generator writes is read,
// and a field that cannot be read is a warning naming its line while the
// article keeps the rest.
func TestFrontMatter(t *testing.T) {
	tests := []struct {
		name     string
		in       string
		meta     frontMatter
		warnLine int
		warn     string
	}{
		{"quoted values", "---\ntitle: \"State of the Union Address, 1790\"\nauthor: \"George Washington\"\ndate: \"1790\"\nsource: \"x\"\n---\n\n" + body20,
			frontMatter{Title: "State of the Union Address, 1790", Author: "George Washington", Date: "1790", Source: "x"}, 0, ""},
		{"unquoted ISO date", "---\ntitle: T\ndate: 2016-06-01\n---\n" + body20, frontMatter{Title: "T", Date: "2016-06-01"}, 0, ""},
		{"Jekyll date with time and zone", "---\ntitle: T\ndate: 2012-11-01 23:07:25 +0000\n---\n" + body20, frontMatter{Title: "T", Date: "2012-11-01"}, 0, ""},
		{"RFC 3339 date", "---\ntitle: T\ndate: 2019-03-04T10:00:00+09:00\n---\n" + body20, frontMatter{Title: "T", Date: "2019-03-04"}, 0, ""},
		{"quoted RFC 3339 date", "---\ntitle: T\ndate: \"2019-03-04T10:00:00Z\"\n---\n" + body20, frontMatter{Title: "T", Date: "2019-03-04"}, 0, ""},
		{"date in words", "---\ntitle: T\ndate: June 1, 2016\n---\n" + body20, frontMatter{Title: "T", Date: "2016-06-01"}, 0, ""},
		{"unknown keys ignored, tags kept as the type", "---\ntitle: T\ntags: [a, b]\nlayout: post\n---\n" + body20, frontMatter{Title: "T", Type: "a, b"}, 0, ""},
		{"list of authors", "---\ntitle: T\nauthors: [Ann Lee, Bo Kim]\n---\n" + body20, frontMatter{Title: "T", Author: "Ann Lee, Bo Kim"}, 0, ""},
		{"TOML", "+++\ntitle = \"Hugo Post\"\ndate = 2020-05-06T07:08:09Z\nauthor = \"Ann\"\n+++\n" + body20, frontMatter{Title: "Hugo Post", Date: "2020-05-06", Author: "Ann"}, 0, ""},
		{"TOML local date", "+++\ntitle = \"T\"\ndate = 2020-05-06\n+++\n" + body20, frontMatter{Title: "T", Date: "2020-05-06"}, 0, ""},
		{"title with an unquoted colon", "---\ntitle: Review: The Flower Girl\ndate: 2012-11-01\n---\n" + body20,
			frontMatter{Title: "Review: The Flower Girl", Date: "2012-11-01"}, 2, "read as plain key-value lines"},
		{"broken TOML", "+++\ntitle = \"T\ndate = 2001\n+++\n" + body20, frontMatter{Title: "\"T", Date: "2001"}, 2, "not valid TOML"},
		{"a date no one can read", "---\ntitle: T\ndate: sometime soon\n---\n" + body20, frontMatter{Title: "T"}, 3, `date "sometime soon"`},
		{"impossible day", "---\ntitle: T\ndate: 2016-02-30\n---\n" + body20, frontMatter{Title: "T"}, 3, `date "2016-02-30"`},
		{"nested value", "---\ntitle:\n  a: b\nauthor: Ann\n---\n" + body20, frontMatter{Author: "Ann"}, 2, "plain value"},
		{"never closed", "---\ntitle: T\n" + body20, frontMatter{}, 1, "never closed"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			doc, w, err := parseDocument("a.md", []byte(tt.in))
			if err != nil || w != nil {
				t.Fatalf("refused: %v %v", err, w)
			}
			switch {
			case tt.warn == "" && len(doc.warnings) > 0:
				t.Errorf("unexpected warnings %v", doc.warnings)
			case tt.warn != "" && (len(doc.warnings) == 0 || !strings.Contains(doc.warnings[0].Msg, tt.warn) || doc.warnings[0].Line != tt.warnLine):
				t.Errorf("warnings = %+v, want line %d containing %q", doc.warnings, tt.warnLine, tt.warn)
			}
			if !reflect.DeepEqual(doc.meta, tt.meta) {
				t.Errorf("meta = %+v, want %+v", doc.meta, tt.meta)
			}
			if !strings.Contains(doc.body, body20) {
				t.Errorf("body lost: %q", doc.body)
			}
		})
	}
}

func TestLoadSkipsBadFilesWithWarnings(t *testing.T) {
	fsys := fstest.MapFS{
		"good.txt":          {Data: []byte("A Good Title\n\n" + body20)},
		"sub/also.md":       {Data: []byte("# Markdown Title\n\n" + body20)},
		"binary.txt":        {Data: []byte("abc\n\x00\x01\x02")},
		"latin1.txt":        {Data: []byte("line one\nSch\xf6nherr\n")},
		"empty.txt":         {Data: []byte(" \n\n")},
		"broken.md":         {Data: []byte("---\ntitle: Broken: Front Matter\n---\n" + body20)},
		"notes.pdf":         {Data: []byte("%PDF")},
		".hidden.txt":       {Data: []byte(body20)},
		".git/HEAD.txt":     {Data: []byte(body20)},
		"only-headings.txt": {Data: []byte("Title\n\nA Heading\n")},
	}
	c, err := Load(context.Background(), fsys, nil)
	if err != nil {
		t.Fatal(err)
	}
	var titles []string
	for _, a := range c.Articles {
		titles = append(titles, a.Title)
	}
	if diff := cmp.Diff([]string{"Broken: Front Matter", "A Good Title", "Markdown Title"}, titles); diff != "" {
		t.Errorf("articles (-want +got):\n%s", diff)
	}
	var warns []string
	for _, w := range c.Warnings {
		warns = append(warns, w.String())
	}
	want := []string{
		"binary.txt:2: binary data (NUL byte); not a text file",
		"broken.md:2: front matter is not valid YAML (mapping values are not allowed in this context); read as plain key-value lines",
		"latin1.txt:2: not valid UTF-8; save the file as UTF-8",
		"only-headings.txt: no text to index after removing headings and page furniture",
	}
	if diff := cmp.Diff(want, warns); diff != "" {
		t.Errorf("warnings (-want +got):\n%s", diff)
	}
}

func TestIDsAreStableAndUnique(t *testing.T) {
	fsys := fstest.MapFS{
		"a.txt": {Data: []byte("Same Title\n\n" + body20 + "\n\n" + body20)},
		"b.txt": {Data: []byte("Same Title\n\n" + body20)},
	}
	c1, _ := Load(context.Background(), fsys, nil)
	c2, _ := Load(context.Background(), fsys, nil)
	var ids1, ids2 []string
	for i := range c1.Passages {
		ids1 = append(ids1, c1.Passages[i].ID)
		ids2 = append(ids2, c2.Passages[i].ID)
	}
	want := []string{"same-title-p1", "same-title-p2", "same-title-2-p1"}
	if diff := cmp.Diff(want, ids1); diff != "" {
		t.Errorf("ids (-want +got):\n%s", diff)
	}
	if !cmp.Equal(ids1, ids2) || c1.Digest != c2.Digest {
		t.Error("IDs or digest differ between two loads of the same texts")
	}
	fsys["c.txt"] = &fstest.MapFile{Data: []byte("Other\n\n" + body20)}
	c3, _ := Load(context.Background(), fsys, nil)
	if c3.Digest == c1.Digest {
		t.Error("digest did not change when a text was added")
	}
}

func TestCatalogueSpansArticles(t *testing.T) {
	fsys := fstest.MapFS{
		"a.txt": {Data: []byte("History\n\nThe Chongryon studio made Thaw (1985) with a team from Pyongyang in the spring.")},
		"b.txt": {Data: []byte("News\n\nA restored print of Thaw was shown in Tokyo last week to a large audience of fans.")},
	}
	c, _ := Load(context.Background(), fsys, nil)
	if len(c.Films) != 1 || c.Films[0].Title != "Thaw" || c.Films[0].Passages != 2 {
		t.Fatalf("films = %+v, want Thaw with 2 passages", c.Films)
	}
	if !cmp.Equal(c.Passages[1].Films, []string{"Thaw"}) {
		t.Errorf("second article's passage films = %v", c.Passages[1].Films)
	}
}

// Reading stops when its context is cancelled.
func TestLoadStopsWhenCancelled(t *testing.T) {
	fsys := fstest.MapFS{}
	for i := range 50 {
		fsys[fmt.Sprintf("t%02d.txt", i)] = &fstest.MapFile{Data: []byte("Title\n\n" + body20)}
	}
	ctx, cancel := context.WithCancel(context.Background())
	read := 0
	_, err := Load(ctx, fsys, func(done, total int) {
		read = done
		if done == 3 {
			cancel()
		}
	})
	if !errors.Is(err, context.Canceled) || read > 4 {
		t.Errorf("Load after cancel: %v after %d files", err, read)
	}
}

// A saved page in the encoding it declares is read, not refused.
func TestHTMLInDeclaredEncoding(t *testing.T) {
	page := "<html><head><meta charset=\"windows-1252\"><title>Caf\xe9 cinema</title></head><body><article><h1>Caf\xe9 cinema</h1>" +
		"<p>The caf\xe9 near the station showed <i>Pulgasari</i>, the 1985 monster film, to a full house of students \x96 twice.</p></article></body></html>"
	c, err := Load(context.Background(), fstest.MapFS{"page.html": {Data: []byte(page)}}, nil)
	if err != nil || len(c.Articles) != 1 || len(c.Warnings) != 0 {
		t.Fatalf("articles %+v, warnings %v, %v", c.Articles, c.Warnings, err)
	}
	if c.Articles[0].Title != "Café cinema" || !strings.Contains(c.Passages[0].Text, "café near the station") || !strings.Contains(c.Passages[0].Text, "students – twice") {
		t.Errorf("decoded wrongly: %q / %q", c.Articles[0].Title, c.Passages[0].Text)
	}
}

// TestUTF16WithByteOrderMark: a UTF-16 text with its byte-order mark (both
// byte orders) is decoded and read with a warning, not refused as binary.
func TestUTF16WithByteOrderMark(t *testing.T) {
	text := "Thaw\n\nThe film Thaw (1985) was made in Japan by a crew from Tokyo, and shown in Pyongyang.\n"
	for name, enc := range map[string]unicode.Endianness{"le.txt": unicode.LittleEndian, "be.md": unicode.BigEndian} {
		data, err := unicode.UTF16(enc, unicode.UseBOM).NewEncoder().Bytes([]byte(text))
		if err != nil {
			t.Fatal(err)
		}
		pt, w, err := readText(name, data)
		if err != nil || w != nil {
			t.Fatalf("%s: %v %v", name, w, err)
		}
		if pt.article.Title != "Thaw" || len(pt.res.passages) == 0 || !strings.Contains(pt.res.passages[0].text, "Pyongyang") {
			t.Errorf("%s: %q %+v", name, pt.article.Title, pt.res.passages)
		}
		if len(pt.warnings) != 1 || !strings.Contains(pt.warnings[0].Msg, "UTF-16") {
			t.Errorf("%s: warnings %v", name, pt.warnings)
		}
	}
	if _, w, _ := readText("odd.txt", []byte{0xFF, 0xFE, 'a', 0, 'b'}); w == nil || !strings.Contains(w.Msg, "not valid UTF-16") {
		t.Errorf("an odd number of bytes after the mark: %v", w)
	}
}

// TestNonUTF8FileName: a file whose name is not UTF-8 is skipped with a
// warning that names it escaped, and the other texts are read.
func TestNonUTF8FileName(t *testing.T) {
	dir := t.TempDir()
	good := "Thaw\n\nThe film Thaw (1985) was made in Japan by a crew from Tokyo.\n"
	if err := os.WriteFile(filepath.Join(dir, "caf\xe9.txt"), []byte(good), 0o644); err != nil {
		t.Skip("this file system refuses names that are not UTF-8")
	}
	os.WriteFile(filepath.Join(dir, "good.txt"), []byte(good), 0o644)
	fsys, err := Dir(dir)
	if err != nil {
		t.Fatal(err)
	}
	c, err := Load(context.Background(), fsys, nil)
	if err != nil {
		t.Fatal(err)
	}
	if len(c.Articles) != 1 || len(c.Warnings) != 1 {
		t.Fatalf("articles %d, warnings %v", len(c.Articles), c.Warnings)
	}
	if w := c.Warnings[0]; w.File != `caf\xe9.txt` || !strings.Contains(w.Msg, "not UTF-8") || !utf8.ValidString(w.String()) {
		t.Errorf("warning %q", w.String())
	}
}
