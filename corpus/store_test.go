package corpus

import (
	"bytes"
	"context"
	"errors"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"
)

func TestCheckTextName(t *testing.T) {
	for _, tc := range []struct {
		name string
		ok   bool
	}{
		{"new-article.txt", true},
		{"Shin Sang-ok (1978).md", true},
		{"ÜBER.TXT", true},
		{"조선영화.txt", true},
		{"", false},
		{"../etc/passwd.txt", false},
		{"a/b.txt", false},
		{`a\b.txt`, false},
		{"..txt", false},
		{".hidden.txt", false},
		{"notes.pdf", false},
		{"notes", false},
		{"-rf.txt", false},
		{"semi;colon.txt", false},
		{"new\nline.txt", false},
		{strings.Repeat("a", 200) + ".txt", false},
		// 79 Hangul syllables: 83 characters but 241 bytes, too long for a
		// file name once the temporary file's affixes are added.
		{strings.Repeat("가", 79) + ".txt", false},
		{strings.Repeat("가", 40) + ".txt", true},
	} {
		err := CheckTextName(tc.name)
		if (err == nil) != tc.ok {
			t.Errorf("CheckTextName(%q) = %v, want ok=%v", tc.name, err, tc.ok)
		}
	}
}

// A name that passes the check can always be written: the 500 "file name
// too long" came from the temporary file's name.
func TestLongestNamesCanBeWritten(t *testing.T) {
	d, err := OpenTextDir(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	body := []byte("A Long Name\n\nThe film Rainbow Bridge (1999) was shot in Pyongyang and Tokyo by a joint crew of twenty.\n")
	for _, name := range []string{strings.Repeat("가", 40) + ".txt", strings.Repeat("a", 116) + ".txt", strings.Repeat("é", (maxNameBytes-3)/2) + ".md"} {
		if CheckTextName(name) != nil {
			t.Fatalf("%d-byte name refused: %v", len(name), CheckTextName(name))
		}
		if _, _, err := d.Put(context.Background(), name, body); err != nil {
			t.Errorf("Put of a %d-byte name: %v", len(name), err)
		}
	}
}

func TestTextDirPutListDelete(t *testing.T) {
	root := t.TempDir()
	d, err := OpenTextDir(root)
	if err != nil {
		t.Fatal(err)
	}
	body := []byte("A Film Made in Pyongyang\n\nBy Kim Ok.\n\nThe film Rainbow Bridge (1999) was shot in Pyongyang and Tokyo by a joint crew of twenty.\n")
	info, created, err := d.Put(context.Background(), "rainbow.txt", body)
	if err != nil || !created || info.Title != "A Film Made in Pyongyang" || info.Size != int64(len(body)) {
		t.Fatalf("Put = %+v, %v, %v", info, created, err)
	}
	if _, created, err = d.Put(context.Background(), "rainbow.txt", append(body, "More.\n"...)); err != nil || created {
		t.Errorf("replace: created=%v err=%v", created, err)
	}
	// Bad uploads: nothing written, the old text untouched.
	bad := map[string][]byte{
		"../up.txt":   body,
		".hidden.txt": body,
		"x.exe":       body,
		"empty.txt":   []byte(" \n\n"),
		"bin.txt":     []byte("abc\x00def"),
		"latin1.txt":  []byte("caf\xe9\n"),
		"big.txt":     bytes.Repeat([]byte("word "), MaxTextBytes/5+1),
		"rainbow.txt": []byte("\xff"),
	}
	for name, data := range bad {
		_, _, err := d.Put(context.Background(), name, data)
		var te *TextError
		if !errors.As(err, &te) {
			t.Errorf("Put(%q) = %v, want a TextError", name, err)
		}
		if name == "big.txt" && !te.TooLarge {
			t.Errorf("big text not marked TooLarge: %v", te)
		}
	}
	entries, _ := os.ReadDir(root)
	if len(entries) != 1 || entries[0].Name() != "rainbow.txt" {
		var names []string
		for _, e := range entries {
			names = append(names, e.Name())
		}
		t.Errorf("directory holds %v, want only rainbow.txt", names)
	}
	if got, _ := os.ReadFile(filepath.Join(root, "rainbow.txt")); !bytes.HasSuffix(got, []byte("More.\n")) {
		t.Error("a refused replacement changed the text")
	}
	// Broken front matter costs the field, not the text: it is written,
	// and the warning names the line.
	info, _, err = d.Put(context.Background(), "fm.md", []byte("---\ntitle: [unclosed\nauthor: Ann Lee\n---\nText of the article goes here, long enough to be a passage of its own.\n"))
	if err != nil || len(info.Warnings) != 1 || !strings.Contains(info.Warnings[0], "fm.md:2:") {
		t.Errorf("Put with broken front matter = %+v, %v", info, err)
	}
	os.Remove(filepath.Join(root, "fm.md"))
	os.WriteFile(filepath.Join(root, "broken.txt"), []byte("\xff\xfe"), 0o644)
	list, err := d.List()
	if err != nil || len(list) != 2 || list[1].Title == "" || list[0].Problem == "" {
		t.Errorf("List = %+v, %v", list, err)
	}
	if err := d.Delete("rainbow.txt"); err != nil {
		t.Error(err)
	}
	if err := d.Delete("rainbow.txt"); !errors.Is(err, ErrTextNotFound) {
		t.Errorf("second delete: %v", err)
	}
	if err := d.Delete("../x.txt"); err == nil {
		t.Error("delete outside the directory accepted")
	}
}

func TestRepeat(t *testing.T) {
	c, err := Load(context.Background(), Default(), nil)
	if err != nil {
		t.Fatal(err)
	}
	r := c.Repeat(3)
	if len(r.Passages) != 3*len(c.Passages) || len(r.Articles) != 3*len(c.Articles) || r.Digest == c.Digest {
		t.Fatalf("Repeat(3): %d passages, %d articles", len(r.Passages), len(r.Articles))
	}
	ids := map[string]bool{}
	for _, p := range r.Passages {
		if ids[p.ID] {
			t.Fatalf("duplicate passage ID %s", p.ID)
		}
		ids[p.ID] = true
	}
	if r.Passages[0].ID != c.Passages[0].ID || c.Repeat(1) != c {
		t.Error("the first copy must keep the original IDs")
	}
}

// films.yaml is uploaded and listed like a text; one that is not YAML is
// refused naming its line, bad entries are warnings.
func TestCatalogueUpload(t *testing.T) {
	d, err := OpenTextDir(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	if _, _, err := d.Put(context.Background(), CatalogueFile, []byte("films:\n  - [unclosed\n")); err == nil {
		t.Error("a catalogue that is not YAML was accepted")
	}
	info, created, err := d.Put(context.Background(), CatalogueFile, []byte("films:\n  - title: Thaw\n    year: 1985\n  - title: X\n    year: never\n"))
	if err != nil || !created || len(info.Warnings) != 1 || !strings.Contains(info.Warnings[0], "films.yaml:5:") {
		t.Fatalf("Put(films.yaml) = %+v, %v, %v", info, created, err)
	}
	list, _ := d.List()
	if len(list) != 1 || list[0].Name != CatalogueFile || !strings.HasPrefix(list[0].Title, "Film catalogue") {
		t.Errorf("List = %+v", list)
	}
	if err := d.Delete(CatalogueFile); err != nil {
		t.Error(err)
	}
}

// TestPutDecidesBeforeWriting: a text whose reading is given up is
// refused with a reason naming the budget, and nothing is written; an
// accepted one is read once and listed with its films.
func TestPutDecidesBeforeWriting(t *testing.T) {
	root := t.TempDir()
	d, err := OpenTextDir(root)
	if err != nil {
		t.Fatal(err)
	}
	text := []byte("Thaw\n\nThe film Thaw (1985) was made in Japan by a crew from Tokyo and shown in Pyongyang.\n")
	d.budget = 0
	_, _, err = d.Put(context.Background(), "slow.txt", text)
	var terr *TextError
	if !errors.As(err, &terr) || !strings.Contains(terr.Msg, "gave up reading it after") {
		t.Fatalf("Put past the budget: %v", err)
	}
	if _, err := os.Stat(filepath.Join(root, "slow.txt")); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("a refused text was written: %v", err)
	}
	d.budget = TextBudget
	// The caller's deadline (the server's upload check) passed: refused,
	// nothing written.
	expired, cancel := context.WithDeadline(context.Background(), time.Now().Add(-time.Second))
	defer cancel()
	if _, _, err = d.Put(expired, "late.txt", text); !errors.As(err, &terr) || !strings.Contains(terr.Msg, "nothing was written") {
		t.Errorf("Put past the caller's deadline: %v", err)
	}
	if _, err := os.Stat(filepath.Join(root, "late.txt")); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("a text past its deadline was written: %v", err)
	}
	info, created, err := d.Put(context.Background(), "thaw.txt", text)
	if err != nil || !created || info.Title != "Thaw" || !slices.Contains(info.Films, "Thaw") {
		t.Fatalf("Put: %+v %v %v", info, created, err)
	}
}
