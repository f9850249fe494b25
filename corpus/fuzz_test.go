package corpus

import (
	"os"
	"regexp"
	"slices"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"

	"cinesearch/corpus/films"
)

func nonSpace(s string) string {
	return strings.Map(func(r rune) rune {
		if unicode.IsSpace(r) {
			return -1
		}
		return r
	}, s)
}

func addSeeds(f *testing.F) {
	for _, name := range []string{"000_11c706fcfbad0fed.txt", "002_3e02e0034ba5da17.txt"} {
		b, err := defaultTexts.ReadFile("texts/" + name)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(string(b[:min(len(b), 4000)]))
		f.Add(string(b[max(0, len(b)-3000):]))
	}
	f.Add("Title\n\nBy X.\n\nHeading\n\n2 Cap tionIn the text.\n\nA caption.\nA caption. Image by Y\n\n  1. note (1)\n  2. note\n\nOne thought on “T”\n\nLeave a Reply")
	f.Add("# T\n\n## S\n\n### F (1990)\n\ntext")
}

// FuzzSplit checks the splitter's accounting: every visible character of the
// cleaned body ends up, in order, in exactly one place — a passage, a
// heading, the header, a dropped duplicate caption, dropped boilerplate or
// markup — and each passage is exactly its pieces.
func FuzzSplit(f *testing.F) {
	addSeeds(f)
	f.Fuzz(func(t *testing.T, body string) {
		if !utf8.ValidString(body) {
			return
		}
		for _, md := range []bool{false} {
			cleaned := cleanText(body)
			res := splitBody(cleaned, frontMatter{})
			var all strings.Builder
			perPassage := make([]strings.Builder, len(res.passages))
			for _, pc := range res.pieces {
				all.WriteString(nonSpace(pc.text))
				switch pc.kind {
				case pieceText, pieceCaption, pieceNote:
					if pc.passage < 0 || pc.passage >= len(res.passages) {
						t.Fatalf("piece %q of kind %d belongs to no passage", pc.text, pc.kind)
					}
					perPassage[pc.passage].WriteString(nonSpace(pc.text))
				default:
					if pc.passage != -1 {
						t.Fatalf("dropped piece %q assigned to passage %d", pc.text, pc.passage)
					}
				}
			}
			if got, want := all.String(), nonSpace(cleaned); got != want {
				t.Fatalf("pieces do not reproduce the body (markdown=%v):\n got %q\nwant %q", md, got, want)
			}
			for i, p := range res.passages {
				if strings.ReplaceAll(nonSpace(p.text), "·", "") != strings.ReplaceAll(perPassage[i].String(), "·", "") {
					t.Fatalf("passage %d text %q is not its pieces %q", i, p.text, perPassage[i].String())
				}
				if strings.TrimSpace(p.text) == "" {
					t.Fatalf("empty passage %d", i)
				}
			}
		}
	})
}

var dateFormRE = regexp.MustCompile(`^\d{4}(-\d{2}-\d{2})?$`)

// FuzzReadDocument: any bytes are either read or skipped with a warning
// naming a line inside the file; never a panic.
func FuzzReadDocument(f *testing.F) {
	f.Add([]byte("---\ntitle: T\ndate: 2016-06-01\n---\nbody"))
	f.Add([]byte("---\ntitle: [\n---\n"))
	f.Add([]byte("---\n"))
	f.Add([]byte("\xff\xfe"))
	f.Fuzz(func(t *testing.T, data []byte) {
		doc, w, err := parseDocument("f.md", data)
		if err != nil {
			return
		}
		lines := strings.Count(string(data), "\n") + 1
		if w != nil {
			if w.Line < 0 || w.Line > lines+1 || w.File != "f.md" || w.Msg == "" {
				t.Fatalf("bad warning %+v for %d lines", w, lines)
			}
			return
		}
		if d := doc.meta.Date; d != "" && !dateFormRE.MatchString(d) {
			t.Fatalf("date %q is not YYYY or YYYY-MM-DD", d)
		}
		for _, w := range doc.warnings {
			if w.Line < 1 || w.Line > lines+1 || w.Msg == "" {
				t.Fatalf("bad warning %+v for %d lines", w, lines)
			}
		}
		if !utf8.ValidString(doc.body) {
			t.Fatal("body is not UTF-8")
		}
	})
}

// FuzzExtractYears: years are in range, sorted, unique; decades are whole.
func FuzzExtractYears(f *testing.F) {
	f.Add("in 1985 and the 1960s, 1979 – 1981, 1997 / 98, about 2000 applications")
	f.Add("1900-2035 2035-1900 1999-00")
	f.Fuzz(func(t *testing.T, text string) {
		years, decades := extractYears(text)
		if !slices.IsSorted(years) || !slices.IsSorted(decades) || len(slices.Compact(slices.Clone(years))) != len(years) {
			t.Fatalf("not sorted/unique: %v %v", years, decades)
		}
		for _, y := range years {
			if y < minYear || y > maxYear || !slices.Contains(decades, y/10*10) {
				t.Fatalf("bad year %d (decades %v)", y, decades)
			}
		}
		for _, d := range decades {
			if d%10 != 0 || d < minYear || d > maxYear {
				t.Fatalf("bad decade %d", d)
			}
		}
	})
}

// FuzzFilms: reading films never panics, and every work it decides on has
// a title that looks like one; merging them and finding their mentions
// never panics either.
func FuzzFilms(f *testing.F) {
	f.Add("the classic Sea of Blood (1968) and especially Flower Girl (1972).")
	f.Add("Meet In Pyongyang, also known under the English title Promise in Pyongyang, was")
	f.Add("a movie named If There Is No Love aka Necklace in the Time of War")
	f.Add("“Thaw” (1985) (A Flourishing Village, 1970)")
	f.Fuzz(func(t *testing.T, text string) {
		if !utf8.ValidString(text) || len(text) > 64<<10 {
			return
		}
		pt, w, err := readText("f.txt", []byte(text))
		if err != nil || w != nil {
			return
		}
		works := films.Extract(pt.doc, films.Base(), nil)
		var defs []films.Def
		for _, wk := range works {
			if strings.TrimSpace(wk.Title) == "" || len(wk.Title) > 200 || !utf8.ValidString(wk.Title) {
				t.Fatalf("bad work %+v", wk)
			}
			defs = append(defs, workDef(wk, 0))
		}
		set := films.NewSet(defs)
		for _, i := range set.Mentions(text, 0, make([]bool, len(set.Works))) {
			if i < 0 || i >= len(set.Works) {
				t.Fatalf("bad match %d", i)
			}
		}
		_ = maskFootnotes(text)
	})
}

// checkParsed holds for any text a reader returns: passages are valid
// UTF-8, not empty, and bounded in size.
func checkParsed(t *testing.T, pt parsedText) {
	for _, p := range pt.res.passages {
		if !utf8.ValidString(p.text) || strings.TrimSpace(p.text) == "" {
			t.Fatalf("bad passage %q", p.text)
		}
		if n := wordCount(p.text); n > maxPassageWords {
			t.Fatalf("a passage of %d words", n)
		}
	}
	if !utf8.ValidString(pt.article.Title) {
		t.Fatalf("bad title %q", pt.article.Title)
	}
}

// FuzzMarkdown: any Markdown (front matter, raw HTML, tables, footnotes)
// is read without a panic into sane passages and films.
func FuzzMarkdown(f *testing.F) {
	f.Add("---\ntitle: A: B\ndate: 2012-11-01 23:07:25 +0000\n---\n\n# T\n\n**Sea of Blood** (1969)\nThe first opera film.\n\n| Year | Title |\n|---|---|\n| 1972 | *The Flower Girl* |\n\n![a poster of the film](x.jpg)\n\n<i>Pulgasari</i>, a 1985 monster film.[^1]\n\n[^1]: A note.\n")
	f.Add("+++\ntitle = \"T\"\n+++\n* a\n* b\n\n> quote *x*\n\n```\ncode\n```\n")
	f.Fuzz(func(t *testing.T, text string) {
		if !utf8.ValidString(text) {
			return
		}
		pt, w, err := readText("f.md", []byte(text))
		if err != nil || w != nil {
			return
		}
		checkParsed(t, pt)
		for _, w := range films.Extract(pt.doc, films.Base(), nil) {
			if strings.TrimSpace(w.Title) == "" {
				t.Fatalf("empty title from %+v", w)
			}
		}
	})
}

// FuzzHTML: any page is read without a panic into sane passages.
func FuzzHTML(f *testing.F) {
	b, _ := os.ReadFile("testdata/articles/festival-blog.html")
	f.Add(string(b))
	f.Add("<html><head><title>T | S</title><meta property=\"og:title\" content=\"X\"></head><body><article><h1>X</h1><p>The film <cite>Thaw</cite> (1985)<sup>[1]</sup>.</p><table><tr><th>Year</th><th>Title</th></tr><tr><td>1969</td><td><i>Sea</i></td></tr></table></article></body></html>")
	f.Add("<p>a<br>b<i>c</p></i><figure><img alt=\"a still from the film\"></figure>")
	f.Fuzz(func(t *testing.T, text string) {
		if !utf8.ValidString(text) || len(text) > 64<<10 {
			return
		}
		pt, w, err := readText("f.html", []byte(text))
		if err != nil || w != nil {
			return
		}
		checkParsed(t, pt)
		films.Extract(pt.doc, films.Base(), nil)
	})
}

// FuzzCatalogue: any films.yaml is read without a panic; every warning
// names a line of the file.
func FuzzCatalogue(f *testing.F) {
	f.Add("films:\n  - title: Thaw\n    year: 1985\n    aliases: [Snow Melts in Spring]\n  - Bird\nnot_films: [Arirang]\nmerge:\n  - from: A\n    into: B\n")
	f.Add("films: {}\nx: [\n")
	f.Fuzz(func(t *testing.T, text string) {
		lines := strings.Count(text, "\n") + 1
		uc, warns := ParseCatalogue(CatalogueFile, []byte(text))
		for _, w := range warns {
			if w.Line < 0 || w.Line > lines+1 {
				t.Fatalf("warning line %d of %d: %s", w.Line, lines, w.Msg)
			}
		}
		uc.apply([]films.Def{{Title: "A", Kind: films.KindFilm}})
	})
}
