package index

import (
	"context"
	"os"
	"path/filepath"
	"testing"

	"cinesearch/corpus"
)

// Words that were marked up in the source (Markdown emphasis, HTML italics)
// are found by search: the readers leave no markup glued to them.
func TestMarkedUpWordsAreSearchable(t *testing.T) {
	dir := t.TempDir()
	files := map[string]string{
		"post.md": "---\ntitle: Korean classics: a list\ndate: 2014-05-06 10:00:00 +0900\n---\n\n" +
			"The restored _Goryeojang_ (1963) is a harrowing film about a village that abandons its elderly, and **Ieo-do** (1977) is stranger still.\n\n" +
			"Kim Ki-young's [Woman of Fire](https://example.org/wof) remade his own *The Housemaid* for a new decade of audiences.\n",
		"page.html": "<html><head><title>Notes</title></head><body><article><h1>Notes on a season</h1>" +
			"<p>The season opened with <i>Sea of Blood</i> &amp; <cite>The Flower Girl</cite>, two opera films screened from worn prints in the old hall.</p></article></body></html>",
	}
	for name, text := range files {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	fsys, _ := corpus.Dir(dir)
	c, err := corpus.Load(context.Background(), fsys, nil)
	if err != nil {
		t.Fatal(err)
	}
	root := t.TempDir()
	if _, err := Build(context.Background(), c, root, BuildOptions{}); err != nil {
		t.Fatal(err)
	}
	ix, err := Open(root)
	if err != nil {
		t.Fatal(err)
	}
	defer ix.Close()
	for _, q := range []string{"Goryeojang", "Ieo-do", "Woman of Fire", `"Woman of Fire"`, "Housemaid", "Sea of Blood", "opera films"} {
		res, err := ix.Search(context.Background(), Request{Query: q})
		if err != nil || res.Total == 0 || res.Partial {
			t.Errorf("%q: %d hits (partial %v), %v", q, res.Total, res.Partial, err)
		}
	}
}
