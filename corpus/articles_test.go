package corpus

// Real-article shapes: test articles written for this project in every
// shape an archivist collects (a saved web page with navigation, share bar
// and comments; a Markdown post with Hugo front matter and italics; an
// encyclopedia page with a filmography table and reference lines; a
// festival list with bold headings; a 1998 news story with ``quotes''; a
// review full of appositions and a director's possessive), each with the
// films it names read by hand (testdata/articles/gold.json). The test
// prints film recall and precision per shape and fails below 0.9 / 0.95;
// it also fails on markup or page furniture in any passage, title or
// section.

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"path"
	"regexp"
	"sort"
	"strings"
	"testing"

	"cinesearch/corpus/films"
)

// markupRE finds markup that must never reach a passage.
var markupRE = regexp.MustCompile(`\*\*|__|\]\(|!\[|</?[a-zA-Z][a-zA-Z0-9]*[\s>/]|&(?:amp|lt|gt|quot|nbsp|#\d+);|^#{1,6}\s|\+-{3,}|\|\s*-{3,}`)

// furnitureWords are phrases of page furniture that must never reach a
// passage, a title or a section.
var furnitureWords = []string{"Skip to main content", "Become a member", "Sign up for our newsletter", "Leave a Reply",
	"Share this", "All rights reserved", "Related topics", "Post Comment", "Categories:", "Random article", "Main page", "[edit]", "Tags:"}

func TestRealArticleShapes(t *testing.T) {
	raw, err := os.ReadFile("testdata/articles/gold.json")
	if err != nil {
		t.Fatal(err)
	}
	var all map[string]json.RawMessage
	if err := json.Unmarshal(raw, &all); err != nil {
		t.Fatal(err)
	}
	gold := map[string][]string{}
	for k, v := range all {
		var films []string
		if json.Unmarshal(v, &films) == nil {
			gold[k] = films
		}
	}
	fsys, err := Dir("testdata/articles")
	if err != nil {
		t.Fatal(err)
	}
	c, err := Load(context.Background(), fsys, nil)
	if err != nil {
		t.Fatal(err)
	}
	for _, w := range c.Warnings {
		t.Logf("warning: %s", w)
	}
	byPath := map[string]Article{}
	for _, a := range c.Articles {
		byPath[a.Path] = a
	}
	found := map[string]map[string]bool{} // article path → film keys
	for _, p := range c.Passages {
		a := articleOf(c, p.Article)
		if found[a.Path] == nil {
			found[a.Path] = map[string]bool{}
		}
		for _, f := range p.Films {
			found[a.Path][films.Key(f)] = true
		}
		if m := markupRE.FindString(p.Text); m != "" {
			t.Errorf("%s: markup %q in passage %q", a.Path, m, p.Text)
		}
		for _, s := range []string{p.Text, p.Section, a.Title} {
			for _, w := range furnitureWords {
				if strings.Contains(s, w) {
					t.Errorf("%s: page furniture %q in %q", a.Path, w, s)
				}
			}
		}
	}
	type score struct{ tp, fn, fp int }
	perShape := map[string]*score{}
	var names []string
	for name := range gold {
		names = append(names, name)
	}
	sort.Strings(names)
	total := &score{}
	for _, name := range names {
		if _, ok := byPath[name]; !ok {
			t.Errorf("%s was not read as an article", name)
			continue
		}
		want := map[string]bool{}
		for _, g := range gold[name] {
			want[films.Key(g)] = true
		}
		shape := strings.TrimPrefix(path.Ext(name), ".")
		if perShape[shape] == nil {
			perShape[shape] = &score{}
		}
		s := &score{}
		var missed, extra []string
		for k := range want {
			if found[name][k] {
				s.tp++
			} else {
				s.fn++
				missed = append(missed, k)
			}
		}
		for k := range found[name] {
			if !want[k] {
				s.fp++
				extra = append(extra, k)
			}
		}
		sort.Strings(missed)
		sort.Strings(extra)
		t.Logf("%-24s recall %d/%d precision %d/%d missed %q extra %q", name, s.tp, s.tp+s.fn, s.tp, s.tp+s.fp, missed, extra)
		for _, sc := range []*score{perShape[shape], total} {
			sc.tp, sc.fn, sc.fp = sc.tp+s.tp, sc.fn+s.fn, sc.fp+s.fp
		}
	}
	ratio := func(a, b int) float64 {
		if b == 0 {
			return 1
		}
		return float64(a) / float64(b)
	}
	report := func(label string, s *score) string {
		return fmt.Sprintf("%s: recall %.2f (%d/%d), precision %.2f (%d/%d)", label, ratio(s.tp, s.tp+s.fn), s.tp, s.tp+s.fn, ratio(s.tp, s.tp+s.fp), s.tp, s.tp+s.fp)
	}
	var shapes []string
	for sh := range perShape {
		shapes = append(shapes, sh)
	}
	sort.Strings(shapes)
	for _, sh := range shapes {
		s := perShape[sh]
		t.Log(report(sh, s))
		if ratio(s.tp, s.tp+s.fn) < 0.9 || ratio(s.tp, s.tp+s.fp) < 0.95 {
			t.Errorf("%s below recall 0.9 / precision 0.95", report(sh, s))
		}
	}
	t.Log(report("all", total))
}

func articleOf(c *Corpus, id string) Article {
	for _, a := range c.Articles {
		if a.ID == id {
			return a
		}
	}
	return Article{}
}
