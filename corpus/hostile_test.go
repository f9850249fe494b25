package corpus

import (
	"context"
	"errors"
	"fmt"
	"os"
	"strconv"
	"strings"
	"testing"
	"testing/fstest"

	"golang.org/x/net/html"

	"cinesearch/corpus/films"
	"cinesearch/corpus/hostile"
)

// hostileSize is the size of each hostile text in the benchmarks:
// CINESEARCH_HOSTILE_BYTES, or 1 MB.
func hostileSize() int {
	if n, err := strconv.Atoi(os.Getenv("CINESEARCH_HOSTILE_BYTES")); err == nil && n > 0 {
		return n
	}
	return 1 << 20
}

// BenchmarkHostile reads each hostile shape (corpus/hostile) the way
// 'cinesearch index' does: parsing, passages and films. Its MB/s is the
// reading rate the README promises for any text.
func BenchmarkHostile(b *testing.B) {
	size := hostileSize()
	for _, s := range hostile.Shapes {
		b.Run(s.Name, func(b *testing.B) {
			text := s.Text(size)
			fsys := fstest.MapFS{s.File: {Data: []byte(text)}}
			b.SetBytes(int64(len(text)))
			for b.Loop() {
				if _, err := Load(context.Background(), fsys, nil); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// TestTextBudget: a text that takes longer than its budget is given up
// with a warning naming it, and the other texts are read; a cancelled
// load still stops with its error.
func TestTextBudget(t *testing.T) {
	fsys := fstest.MapFS{
		"a.txt": {Data: []byte("Thaw\n\nThe film Thaw (1985) was made in Japan by a crew from Tokyo.\n")},
		"b.md":  {Data: []byte("# Notes\n\nAnother text about *Thaw* and its crew, long enough to keep.\n")},
	}
	c, err := load(context.Background(), fsys, nil, 0)
	if err != nil {
		t.Fatal(err)
	}
	if len(c.Articles) != 0 || len(c.Warnings) != 2 {
		t.Fatalf("articles %d, warnings %v", len(c.Articles), c.Warnings)
	}
	for i, name := range []string{"a.txt", "b.md"} {
		if w := c.Warnings[i]; w.File != name || !strings.Contains(w.Msg, "gave up reading it after") {
			t.Errorf("warning %d: %v", i, w)
		}
	}
	if c, err := load(context.Background(), fsys, nil, TextBudget); err != nil || len(c.Articles) != 2 {
		t.Errorf("with the budget: %v, %+v", err, c)
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := load(ctx, fsys, nil, TextBudget); !errors.Is(err, context.Canceled) {
		t.Errorf("cancelled load: %v", err)
	}
}

// TestNestedFrontMatterIsBounded: front matter nesting brackets deeper
// than any metadata does is not handed to the TOML or YAML parser (TOML's
// took seconds and gigabytes for a few KB); the text is read with a
// warning naming the line, and a title beside it is still read.
func TestNestedFrontMatterIsBounded(t *testing.T) {
	for _, name := range []string{"md-toml-nested", "md-yaml-nested"} {
		s, _ := hostile.ByName(name)
		text := s.Text(4 << 10)
		fence := text[:3]
		text = fence + "\ntitle = \"Nested\"\n" + text[4:]
		if fence == "---" {
			text = strings.Replace(text, "title = \"Nested\"", "title: Nested", 1)
		}
		pt, w, err := readText(s.File, []byte(text))
		if err != nil || w != nil {
			t.Fatalf("%s: %v %v", name, w, err)
		}
		found := false
		for _, w := range pt.warnings {
			found = found || strings.Contains(w.Msg, "nests brackets more than") && w.Line == 3
		}
		if !found || pt.article.Title != "Nested" {
			t.Errorf("%s: title %q, warnings %v", name, pt.article.Title, pt.warnings)
		}
	}
	if _, deep := nestedDeeper([]string{`title = "[[[[[[[[[[[[[[[[[[[[[[[["`, "tags = [[1, 2], [3]]"}, maxFrontMatterDepth); deep {
		t.Error("brackets inside a quoted string were counted")
	}
}

// TestCandidatesAreCapped: an article of nothing but possible titles is
// read for films up to films.MaxCandidates of them, with a warning quoting
// where reading stopped; its passages are all kept.
func TestCandidatesAreCapped(t *testing.T) {
	s, _ := hostile.ByName("txt-title-year")
	text := s.Text(1 << 20)
	c, err := Load(context.Background(), fstest.MapFS{s.File: {Data: []byte(text)}}, nil)
	if err != nil {
		t.Fatal(err)
	}
	var capped *Warning
	for i, w := range c.Warnings {
		if strings.Contains(w.Msg, "possible film titles: films are read up to") {
			capped = &c.Warnings[i]
		}
	}
	words := 0
	for _, p := range c.Passages {
		words += len(strings.Fields(p.Text))
	}
	if capped == nil || capped.File != s.File {
		t.Fatalf("no warning of the cap: %v", c.Warnings)
	}
	if want := len(strings.Fields(text)) - 1; words != want {
		t.Errorf("passages hold %d words, the text %d", words, want)
	}
	if len(c.Films) == 0 || len(c.Films) > films.MaxCandidates {
		t.Errorf("%d films", len(c.Films))
	}
}

// TestHugePagesSkipReadability: a page of more elements than readability
// is given is read from its main element, every word kept, its title
// from the page.
func TestHugePagesSkipReadability(t *testing.T) {
	var b strings.Builder
	b.WriteString("<html><head><title>Many marks</title></head><body><nav><a href=/>Home</a></nav><main><p>")
	for i := range maxReadabilityElements + 10 {
		fmt.Fprintf(&b, "<i>w%d</i> ", i)
	}
	b.WriteString("</p></main></body></html>")
	pt, w, err := readText("many.html", []byte(b.String()))
	if err != nil || w != nil {
		t.Fatal(w, err)
	}
	words := 0
	for _, p := range pt.res.passages {
		words += len(strings.Fields(p.text))
	}
	if pt.article.Title != "Many marks" || words != maxReadabilityElements+10 {
		t.Errorf("title %q, %d words of %d", pt.article.Title, words, maxReadabilityElements+10)
	}
	if n := countElements(mustParse(t, "<p><b>a</b><i>b</i></p>"), 100); n != 6 { // html, head, body, p, b, i
		t.Errorf("countElements = %d", n)
	}
}

func mustParse(t *testing.T, s string) *html.Node {
	n, err := html.Parse(strings.NewReader(s))
	if err != nil {
		t.Fatal(err)
	}
	return n
}

// TestDeeplyNestedHTMLKeepsItsText: a page nested past the HTML parser's
// 512 open elements (100,000 <div>s, 30,000 nested tables) is read
// flattened, with a warning: its five real paragraphs are passages, where
// they were "no text to index". Raw HTML in Markdown too.
func TestDeeplyNestedHTMLKeepsItsText(t *testing.T) {
	for _, name := range []string{"html-deep-nesting", "html-nested-tables"} {
		s, _ := hostile.ByName(name)
		pt, w, err := readText(s.File, []byte(s.Text(500_000)))
		if err != nil || w != nil {
			t.Fatalf("%s: %v %v", name, w, err)
		}
		text := ""
		for _, p := range pt.res.passages {
			text += p.text + " "
		}
		if n := strings.Count(text, "A real paragraph about the film Thaw (1985)"); n != 5 {
			t.Errorf("%s: %d of the 5 paragraphs kept: %.200q", name, n, text)
		}
		if len(pt.warnings) != 1 || !strings.Contains(pt.warnings[0].Msg, "nested deeper") {
			t.Errorf("%s: warnings %v", name, pt.warnings)
		}
	}
	md := "# Deep\n\n" + strings.Repeat("<div>", 2000) + "<p>A real paragraph about the film Thaw (1985), made in Japan.</p>" + strings.Repeat("</div>", 2000) + "\n"
	if blocks, _ := readMarkdown(md); !strings.Contains(fmt.Sprint(blocks), "A real paragraph") {
		t.Errorf("raw HTML nested deep in Markdown lost its text: %v", blocks)
	}
}
