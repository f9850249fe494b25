package corpus

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"cinesearch/corpus/hostile"
)

func TestBoundMarkdown(t *testing.T) {
	many := func(s string, n int) string { return strings.Repeat(s, n) }
	cases := []struct {
		name, in, want string
		lines          []int
	}{
		{"plain text is untouched", "A *film* and _another_ [link](http://x.org/a).\n\n> quoted\n", "", nil},
		{"emphasis past the limit is escaped",
			many("*a ", mdMaxDelimiters) + "*b **c",
			many("*a ", mdMaxDelimiters) + `\*b \*\*c`, []int{1}},
		{"the count starts again in each paragraph",
			many("_a ", mdMaxDelimiters) + "\n\n_b_", "", nil},
		{"an escaped mark is no mark", many(`\*a `, mdMaxDelimiters+5), "", nil},
		{"brackets past the limit are escaped",
			"x\n" + many("[a] ", mdMaxBrackets) + "[b]",
			"x\n" + many("[a] ", mdMaxBrackets) + `\[b]`, []int{2}},
		{"an address with no space for 2 KB is text",
			"[a](" + many("x", mdMaxDestination+1), `[a]\(` + many("x", mdMaxDestination+1), []int{1}},
		{"a long address that ends is kept",
			"[a](http://x.org/" + many("x", 100) + ") more", "", nil},
		{"nesting past the limit is text",
			"one\n\n" + many("> ", mdMaxNesting) + "> - a",
			"one\n\n" + many("> ", mdMaxNesting) + `\> - a`, []int{3}},
		{"list markers too", many("- ", mdMaxNesting+2) + "x", many("- ", mdMaxNesting) + `\- - x`, []int{1}},
		{"a table wider than the limit keeps its first columns",
			"|" + many(" a |", mdMaxColumns+1) + "\n",
			"|" + many(" a |", mdMaxColumns-1) + " a " + many(`\| a `, 1) + `\|` + "\n", []int{1}},
		{"a long list keeps its italics", many("- _A Film_ (1985)\n", 3*mdMaxDelimiters), "", nil},
		{"a long table keeps its italics", "| Year | Film |\n|---|---|\n" + many("| 1985 | _A Film_ |\n", 3*mdMaxDelimiters), "", nil},
		{"bars on every line of a paragraph that is no table still count",
			many("| *a\n", mdMaxDelimiters) + "| *b", many("| *a\n", mdMaxDelimiters) + `| \*b`, []int{mdMaxDelimiters + 1}},
		{"code fences are left alone", "```\n" + many("*", 3*mdMaxDelimiters) + "\n```\n", "", nil},
		{"a backtick in the info string opens no fence",
			"```x`\n" + many("*a ", mdMaxDelimiters) + "*b",
			"```x`\n" + many("*a ", mdMaxDelimiters) + `\*b`, []int{2}},
		{"four spaces open no fence",
			"    ```\n" + many("*a ", mdMaxDelimiters) + "*b",
			"    ```\n" + many("*a ", mdMaxDelimiters) + `\*b`, []int{2}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			want := c.want
			if want == "" {
				want = c.in
			}
			got, notes := boundMarkdown(c.in)
			if got != want {
				t.Errorf("got  %q\nwant %q", got, want)
			}
			var lines []int
			for _, n := range notes {
				lines = append(lines, n.line)
			}
			if len(lines) != len(c.lines) || len(lines) > 0 && lines[0] != c.lines[0] {
				t.Errorf("notes at lines %v, want %v (%v)", lines, c.lines, notes)
			}
		})
	}
}

// TestBoundsLeaveRealMarkdownAlone: no real Markdown text beside the
// project comes near a bound.
func TestBoundsLeaveRealMarkdownAlone(t *testing.T) {
	var files []string
	for _, dir := range []string{"testdata/articles", "../../shared/devset/texts", "../../shared/seeds"} {
		m, _ := filepath.Glob(filepath.Join(dir, "*.md"))
		files = append(files, m...)
	}
	if len(files) == 0 {
		t.Fatal("no Markdown texts found")
	}
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		if out, notes := boundMarkdown(string(b)); out != string(b) || notes != nil {
			t.Errorf("%s: bounded: %v", f, notes)
		}
	}
}

// TestHostileMarkdownIsBounded: the Markdown shapes that made goldmark
// quadratic are read with a warning naming the line where the bound
// began, and their words are still passages.
func TestHostileMarkdownIsBounded(t *testing.T) {
	for name, want := range map[string]string{
		"md-emphasis":     "emphasis marks in one paragraph",
		"md-link-open":    "a link whose address does not close",
		"md-blockquotes":  "quotation or list levels on one line",
		"md-list-markers": "quotation or list levels on one line",
	} {
		s, ok := hostile.ByName(name)
		if !ok {
			t.Fatalf("no shape %s", name)
		}
		pt, w, err := readText(s.File, []byte(s.Text(64<<10)))
		if err != nil || w != nil {
			t.Errorf("%s: %v %v", name, w, err)
			continue
		}
		found := false
		for _, w := range pt.warnings {
			if strings.Contains(w.Msg, want) && w.Line >= 1 && w.File == s.File {
				found = true
			}
		}
		if !found || len(pt.res.passages) == 0 {
			t.Errorf("%s: warnings %v, %d passages; want a warning %q with a line", name, pt.warnings, len(pt.res.passages), want)
		}
	}
}

// FuzzBoundMarkdown: bounding only ever adds backslashes, never panics,
// and leaves text within the bounds as it is.
func FuzzBoundMarkdown(f *testing.F) {
	f.Add("A *film* and [a link](http://x.org).\n\n> > quoted\n")
	f.Add(strings.Repeat("**_*a ", 300))
	f.Add(strings.Repeat("[a](", 100) + strings.Repeat("x", 3000))
	f.Add(strings.Repeat("> ", 40) + "\n```\n" + strings.Repeat("*", 500) + "\n```\n")
	f.Fuzz(func(t *testing.T, in string) {
		out, notes := boundMarkdown(in)
		strip := func(s string) string { return strings.ReplaceAll(s, `\`, "") }
		if strip(out) != strip(in) || len(out) < len(in) {
			t.Fatalf("bounding changed more than backslashes:\n%q\n%q", in, out)
		}
		if (out == in) != (notes == nil) {
			t.Fatalf("changed %v but notes %v", out != in, notes)
		}
	})
}
