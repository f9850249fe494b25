package corpus

import (
	"bytes"
	"context"
	"encoding/json"
	"flag"
	"os"
	"path/filepath"
	"testing"
)

var update = flag.Bool("update", false, "rewrite golden files under testdata/")

// TestSeedsGolden pins the passages and the film catalogue of the embedded
// seed articles. The golden files were reviewed by eye; after a deliberate
// rule change, rerun with -update and review the diff.
func TestSeedsGolden(t *testing.T) {
	c, err := Load(context.Background(), Default(), nil)
	if err != nil {
		t.Fatal(err)
	}
	if len(c.Warnings) > 0 {
		t.Errorf("warnings on the seeds: %v", c.Warnings)
	}
	golden(t, "seeds.passages.jsonl", c.Passages)
	golden(t, "seeds.films.jsonl", c.Works)
	golden(t, "seeds.articles.jsonl", c.Articles)
}

func golden[T any](t *testing.T, name string, items []T) {
	t.Helper()
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	for _, it := range items {
		if err := enc.Encode(it); err != nil {
			t.Fatal(err)
		}
	}
	path := filepath.Join("testdata", name)
	if *update {
		if err := os.WriteFile(path, buf.Bytes(), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test ./corpus -update to create it)", err)
	}
	if !bytes.Equal(want, buf.Bytes()) {
		wl, gl := bytes.Split(want, []byte("\n")), bytes.Split(buf.Bytes(), []byte("\n"))
		for i := 0; i < max(len(wl), len(gl)); i++ {
			var w, g []byte
			if i < len(wl) {
				w = wl[i]
			}
			if i < len(gl) {
				g = gl[i]
			}
			if !bytes.Equal(w, g) {
				t.Fatalf("%s differs at line %d:\nwant %s\n got %s\n(rerun with -update after reviewing)", path, i+1, w, g)
			}
		}
	}
}

func TestSeedsFacts(t *testing.T) {
	c, err := Load(context.Background(), Default(), nil)
	if err != nil {
		t.Fatal(err)
	}
	films := map[string]Film{}
	for _, f := range c.Works {
		films[f.Title] = f
	}
	// The twelve headed film sections and the inline films the issue names.
	for _, title := range []string{"Thaw", "A Silver Hairpin", "The Mother’s Wish", "Eternal Comrades-In-Arms",
		"From Spring to Summer", "The Shore of Rescue", "Ten Zan – The Ultimate Mission", "Bird",
		"Somi – the Taekwon-do Woman", "Oriental Gladiator", "Meet in Pyongyang", "Comrade Kim Goes Flying",
		"Sea of Blood", "Flower Girl", "Pulgasari", "Runaway", "Salt"} {
		f, ok := films[title]
		if !ok || f.Kind != KindFilm || f.Passages == 0 {
			t.Errorf("film %q: %+v, %v", title, f, ok)
		}
	}
	for _, book := range []string{"On the Art of the Cinema", "North Korea Seen Through the Eyes of Godzilla"} {
		if films[book].Kind != KindBook {
			t.Errorf("%q kind = %q, want book", book, films[book].Kind)
		}
		for _, f := range c.Films {
			if f.Title == book {
				t.Errorf("book %q listed as a film", book)
			}
		}
	}
	if a := films["Thaw"].Aliases; !contains(a, "Snow Melts in Spring") {
		t.Errorf("Thaw aliases = %v", a)
	}
	if a := films["Meet in Pyongyang"].Aliases; !contains(a, "Promise in Pyongyang") {
		t.Errorf("Meet in Pyongyang aliases = %v", a)
	}
	long, news := c.Articles[0], c.Articles[1]
	if long.Title != "North Korea’s International Movie Co-Productions, 1985-2012" || long.Author != "Johannes Schönherr" {
		t.Errorf("long article = %+v", long)
	}
	if news.Title != "You can now stream North Korea’s first international rom com" || news.Source != "Lonely Planet Writer" {
		t.Errorf("news article = %+v", news)
	}
	for _, p := range c.Passages {
		for _, bad := range []string{"Leave a Reply", "Your email address", "Read also", "One thought on", "Under the Sun"} {
			if bytes.Contains([]byte(p.Text), []byte(bad)) {
				t.Errorf("%s keeps boilerplate %q", p.ID, bad)
			}
		}
		if p.Section == "" && p.Kind == "text" && bytes.HasPrefix([]byte(p.Text), []byte("Shin Sang Ok and Choi")) {
			t.Errorf("caption merged into text: %s", p.ID)
		}
	}
	n := 0
	for _, p := range c.Passages {
		if bytes.Contains([]byte(p.Text), []byte("Han Jong Sim (who plays Yong Mi) in the first North Korean rom com")) {
			n++
		}
	}
	if n != 1 {
		t.Errorf("repeated caption indexed %d times, want once", n)
	}
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}
