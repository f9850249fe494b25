package main

import (
	"bytes"
	"context"
	"errors"
	"testing"

	"cinesearch/corpus"
	"cinesearch/server"
)

// TestTextStoreSpeaksTheServersContract: what the admin API needs from the
// texts directory, through the adapter serve passes it: texts described in
// the server's terms, and refusals the server can classify without
// importing corpus (a TextProblem method naming the kind and line).
func TestTextStoreSpeaksTheServersContract(t *testing.T) {
	td, err := corpus.OpenTextDir(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	var texts server.Texts = textStore{td}
	good := []byte("A New Film\n\nThe co-production Mountain Echo (2014) was filmed near Mount Paektu.\n")
	info, created, err := texts.Put(context.Background(), "new.txt", good)
	if err != nil || !created || info.Name != "new.txt" || info.Title != "A New Film" || info.Size != int64(len(good)) || info.Digest == "" {
		t.Fatalf("put: %+v %v %v", info, created, err)
	}
	list, err := texts.List()
	if err != nil || len(list) != 1 || list[0].Name != info.Name || list[0].Digest != info.Digest {
		t.Errorf("list: %+v %v", list, err)
	}
	type problem interface {
		TextProblem() (string, int, string)
	}
	for _, tc := range []struct {
		what string
		err  error
		kind string
		line int
	}{
		{"traversal", texts.CheckName("../x.txt"), "bad_name", 0},
		{"extension", func() error { _, _, err := texts.Put(context.Background(), "x.sh", good); return err }(), "bad_name", 0},
		{"latin-1 on line 3", func() error {
			_, _, err := texts.Put(context.Background(), "l.txt", []byte("one\ntwo\ncaf\xe9\n"))
			return err
		}(), "bad_text", 3},
		{"too large", func() error {
			_, _, err := texts.Put(context.Background(), "big.txt", bytes.Repeat([]byte("a "), texts.MaxBytes()))
			return err
		}(), "too_large", 0},
		{"missing", texts.Delete("nothing.txt"), "not_found", 0},
	} {
		var p problem
		if !errors.As(tc.err, &p) {
			t.Errorf("%s: %v has no TextProblem", tc.what, tc.err)
			continue
		}
		if _, line, kind := p.TextProblem(); kind != tc.kind || line != tc.line {
			t.Errorf("%s: kind %s line %d, want %s %d", tc.what, kind, line, tc.kind, tc.line)
		}
	}
	if !texts.IsCatalogue("films.yaml") || texts.IsCatalogue("new.txt") {
		t.Error("IsCatalogue")
	}
}
