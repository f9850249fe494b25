// Package hostile writes texts an adversary would send to cinesearch's
// readers: shapes that make a naive parser quadratic in time or memory
// (nested emphasis, unclosed links, deep lists and tables, floods of tiny
// elements, footnotes, reference definitions, nested inline tables in front
// matter) and shapes that are merely dense in what the film rules look at
// (quotes, "Title (1985)" runs, "also known as"). The corpus benchmarks, the
// corpus tests and `make reliability` read the same shapes, at any size.
//
// The shapes were found by adversarial probes of earlier builds (issue 27);
// each one names what it attacks.
package hostile

import (
	"fmt"
	"strings"
)

// Shape is one hostile text, generated at a chosen size.
type Shape struct {
	// Name is a short identifier; File is a file name whose extension
	// chooses the reader.
	Name, File string
	// Attacks says what the shape was made to break.
	Attacks string
	gen     func(size int) string
}

// Text returns the shape at about size bytes (never less than a few
// hundred).
func (s Shape) Text(size int) string { return s.gen(max(size, 256)) }

// repeat writes unit until the text has size bytes.
func repeat(head, unit string, size int) string {
	var b strings.Builder
	b.Grow(size + len(unit))
	b.WriteString(head)
	for b.Len() < size {
		b.WriteString(unit)
	}
	return b.String()
}

// numbered writes format(i) for i = 0, 1, … until the text has size bytes,
// with a blank line after every per items when per > 0.
func numbered(head string, size, per int, format func(i int) string) string {
	var b strings.Builder
	b.Grow(size + 256)
	b.WriteString(head)
	for i := 0; b.Len() < size; i++ {
		b.WriteString(format(i))
		if per > 0 && i%per == per-1 {
			b.WriteString("\n\n")
		}
	}
	return b.String()
}

// Shapes are every hostile shape, in a fixed order.
var Shapes = []Shape{
	{"md-emphasis", "emphasis.md", "emphasis delimiters that never close: goldmark's delimiter stack", func(n int) string {
		return repeat("# Marks\n\n", "**_*a ", n)
	}},
	{"md-link-open", "links.md", "link openers that never close: each one scans to the end of the paragraph", func(n int) string {
		return repeat("# Links\n\n", "[a](", n)
	}},
	{"md-list-markers", "lists.md", "list markers on one line: one nested list per marker", func(n int) string {
		return repeat("# Lists\n\n", "- ", n) + "\n\nA real paragraph after the lists, about Thaw (1985).\n"
	}},
	{"md-toml-nested", "toml.md", "nested inline tables in TOML front matter", func(n int) string {
		depth := n / 4
		return "+++\nx = " + strings.Repeat("{a=", depth) + "1" + strings.Repeat("}", depth) + "\n+++\n\n# Nested\n\nA paragraph about Thaw (1985).\n"
	}},
	{"md-yaml-nested", "yaml.md", "nested flow sequences in YAML front matter", func(n int) string {
		depth := n / 2
		return "---\nx: " + strings.Repeat("[", depth) + strings.Repeat("]", depth) + "\n---\n\n# Nested\n\nA paragraph about Thaw (1985).\n"
	}},
	{"md-footnotes", "footnotes.md", "footnote references and their definitions", func(n int) string {
		refs := numbered("# Notes\n\n", n/2, 0, func(i int) string { return fmt.Sprintf("Text[^%d] more.\n", i) })
		count := strings.Count(refs, "[^")
		return numbered(refs+"\n", n, 0, func(i int) string {
			if i >= count {
				return "More text.\n\n"
			}
			return fmt.Sprintf("[^%d]: Note %d.\n\n", i, i)
		})
	}},
	{"md-link-refs", "linkrefs.md", "link reference definitions", func(n int) string {
		return numbered("# Refs\n\n", n, 0, func(i int) string { return fmt.Sprintf("[a%d]: http://example.org/%d\n", i, i) }) + "\nText with [a1] and [a2].\n"
	}},
	{"md-tall-table", "tall.md", "a table of many rows", func(n int) string {
		return numbered("# Table\n\n| Year | Film | Notes |\n|---|---|---|\n", n, 0, func(i int) string {
			return fmt.Sprintf("| %d | Film Number %d | shown |\n", 1950+i%70, i)
		})
	}},
	{"md-wide-table", "wide.md", "a table of many columns", func(n int) string {
		cols := max(2, n/400)
		row := "|" + strings.Repeat(" v |", cols) + "\n"
		return repeat("# Wide\n\n|"+strings.Repeat(" c |", cols)+"\n|"+strings.Repeat("---|", cols)+"\n", row, n)
	}},
	{"md-blockquotes", "quotes.md", "blockquote markers nested on one line", func(n int) string {
		return repeat("# Quotes\n\n", "> ", n) + "a\n"
	}},
	{"txt-star-emphasis", "stars.txt", "a .txt file whose emphasis is read as Markdown", func(n int) string {
		return repeat("Stars\n\n", "*x* ", n)
	}},
	{"txt-aka", "aka.txt", "'also known as X aka Y' in every sentence", func(n int) string {
		return numbered("Aka\n\n", n, 20, func(i int) string {
			return fmt.Sprintf("The film also known as Xa%d aka Yb%d was shown. ", i, i)
		})
	}},
	{"txt-quote-pairs", "quotepairs.txt", "quoted titles in every sentence", func(n int) string {
		return numbered("Quotes\n\n", n, 20, func(i int) string {
			return fmt.Sprintf("He saw “Film %d” and “Other %d” then. ", i, i)
		})
	}},
	{"txt-title-year", "titleyear.txt", "'Title (1985)' runs", func(n int) string {
		return numbered("Years\n\n", n, 30, func(i int) string { return fmt.Sprintf("Film Number %d (1985), ", i) })
	}},
	{"html-cite-flood", "cite.html", "a flood of <cite> titles with years in one paragraph", func(n int) string {
		return numbered("<html><body><p>", n, 0, func(i int) string {
			return fmt.Sprintf("the film <cite>T%d</cite> (1985), ", i)
		}) + "</p></body></html>"
	}},
	{"html-italics", "italics.html", "tiny <i> elements: memory per element", func(n int) string {
		return repeat("<html><body><p>", "<i>a</i>", n) + "</p></body></html>"
	}},
	{"html-breaks", "breaks.html", "a <br> after every word: a line per word", func(n int) string {
		return repeat("<html><body><p>", "x<br>", n) + "</p></body></html>"
	}},
	{"html-tiny-elements", "tiny.html", "empty and one-letter elements: memory per node", func(n int) string {
		return repeat("<html><body>", "<b></b><span>a</span>", n) + "</body></html>"
	}},
	{"html-deep-nesting", "deep.html", "elements nested deeper than any parser keeps, around real paragraphs", func(n int) string {
		return "<html><body>" + strings.Repeat("<div>", n/5) + strings.Repeat("<p>A real paragraph about the film Thaw (1985), made in Japan.</p>", 5) + "</body></html>"
	}},
	{"html-nested-tables", "tables.html", "tables nested in tables, around real paragraphs", func(n int) string {
		return "<html><body>" + strings.Repeat("<table><tr><td>", n/15) + strings.Repeat("<p>A real paragraph about the film Thaw (1985), made in Japan.</p>", 5) + "</body></html>"
	}},
}

// ByName returns the shape called name.
func ByName(name string) (Shape, bool) {
	for _, s := range Shapes {
		if s.Name == name {
			return s, true
		}
	}
	return Shape{}, false
}
