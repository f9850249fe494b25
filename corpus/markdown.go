package corpus

// Markdown: parsed with goldmark (CommonMark, plus GitHub's tables and
// footnotes), never with expressions. Emphasis is a title signal, not text;
// links keep their text; an image on its own becomes a caption from its
// alt text; a bold-only line acts as a heading; tables become rows;
// footnotes become notes; raw HTML inside the Markdown is read as HTML;
// template tags (Hugo shortcodes, Liquid) are taken out first, a figure's
// caption kept as a caption. Code blocks are left out: they are not prose.

import (
	"strings"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	east "github.com/yuin/goldmark/extension/ast"

	"github.com/yuin/goldmark/extension"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"
	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"

	"cinesearch/corpus/films"
)

var markdownParser = goldmark.New(goldmark.WithExtensions(extension.Table, extension.Strikethrough, extension.Footnote, extension.DefinitionList)).Parser()

// readMarkdown reads a Markdown body into blocks, with the bounds it had
// to apply (see boundMarkdown) for lines counted from the body's first.
func readMarkdown(src string) ([]block, []mdNote) {
	src, notes := boundMarkdown(src)
	source := []byte(stripTemplateTags(src))
	root := markdownParser.Parse(text.NewReader(source))
	w := &mdWalker{src: source}
	w.blocks(root, blockPara)
	return w.b.out, notes
}

type mdWalker struct {
	src []byte
	b   blockBuilder
}

// blocks reads the block children of n; kind is what a paragraph among
// them is (a list item's paragraphs are items).
func (w *mdWalker) blocks(n ast.Node, kind blockKind) {
	for c := n.FirstChild(); c != nil; c = c.NextSibling() {
		switch c := c.(type) {
		case *ast.Heading:
			w.inline(c)
			w.b.flush(blockHeading, c.Level)
		case *ast.Paragraph, *ast.TextBlock:
			if imgs, ok := w.imageOnly(c); ok {
				// The captions keep their marks: "A still from *Sea of
				// Blood*" names a film.
				for _, img := range imgs {
					w.inline(img)
					w.b.space()
				}
				w.b.flush(blockCaption, 0)
				continue
			}
			rest := w.leadHeading(c)
			for n := rest; n != nil; n = n.NextSibling() {
				w.inlineNode(&w.b, n)
			}
			w.b.flush(kind, 0)
		case *ast.List:
			w.blocks(c, blockItem)
		case *ast.ListItem:
			w.blocks(c, blockItem)
		case *ast.Blockquote:
			w.blocks(c, kind)
		case *ast.HTMLBlock:
			var raw strings.Builder
			for i := 0; i < c.Lines().Len(); i++ {
				seg := c.Lines().At(i)
				raw.Write(seg.Value(w.src))
			}
			if c.HasClosure() {
				raw.Write(c.ClosureLine.Value(w.src))
			}
			w.b.out = append(w.b.out, htmlFragmentBlocks(raw.String())...)
		case *ast.FencedCodeBlock, *ast.CodeBlock, *ast.ThematicBreak:
		case *east.Table:
			w.table(c)
		case *east.FootnoteList:
			w.b.write("Notes")
			w.b.flush(blockHeading, 2)
			w.blocks(c, blockItem)
		case *east.Footnote:
			w.blocks(c, blockItem)
		case *east.DefinitionList, *east.DefinitionTerm, *east.DefinitionDescription:
			if c.HasChildren() && c.FirstChild().Type() == ast.TypeInline {
				w.inline(c)
				w.b.flush(kind, 0)
				continue
			}
			w.blocks(c, kind)
		default:
			if c.Type() == ast.TypeBlock {
				w.blocks(c, kind)
			}
		}
	}
}

// imageOnly reports whether a paragraph holds only images (and spaces),
// and returns those whose alt texts read as captions.
func (w *mdWalker) imageOnly(p ast.Node) ([]*ast.Image, bool) {
	var imgs []*ast.Image
	for c := p.FirstChild(); c != nil; c = c.NextSibling() {
		switch c := c.(type) {
		case *ast.Image:
			var b blockBuilder
			w.inlineInto(&b, c)
			if alt := cleanLine(b.buf.String()); captionAlt(alt) {
				imgs = append(imgs, c)
			}
		case *ast.Text:
			if strings.TrimSpace(string(c.Segment.Value(w.src))) != "" {
				return nil, false
			}
		default:
			return nil, false
		}
	}
	return imgs, true
}

// captionAlt reports whether an image's alt text reads as a caption, not a
// file name or a placeholder.
func captionAlt(alt string) bool {
	return wordCount(alt) >= 3 && !fileNameRE.MatchString(alt)
}

func (w *mdWalker) inline(n ast.Node) { w.inlineInto(&w.b, n) }

// leadHeading reads a first line that opens with bold and ends at a line
// break as the heading of the lines under it — how festival lists and
// "ten films" posts write an entry ("**Sea of Blood** (1969)" above its
// description). It returns the first inline node of the paragraph that
// is left to read.
func (w *mdWalker) leadHeading(p ast.Node) ast.Node {
	first := p.FirstChild()
	if e, ok := first.(*ast.Emphasis); !ok || e.Level < 2 || p.Lines().Len() < 2 {
		return first
	}
	var hb blockBuilder
	var n ast.Node
	for n = first; n != nil; n = n.NextSibling() {
		w.inlineNode(&hb, n)
		if t, ok := n.(*ast.Text); ok && (t.SoftLineBreak() || t.HardLineBreak()) {
			n = n.NextSibling()
			break
		}
	}
	line := cleanLine(hb.buf.String())
	if n == nil || !isHeadingLike(line) || wordCount(line) > 12 {
		return first
	}
	w.b.write(line)
	w.b.flush(blockHeading, 0)
	return n
}

// inlineInto writes the inline content of n.
func (w *mdWalker) inlineInto(b *blockBuilder, n ast.Node) {
	for c := n.FirstChild(); c != nil; c = c.NextSibling() {
		w.inlineNode(b, c)
	}
}

// inlineNode writes one inline node.
func (w *mdWalker) inlineNode(b *blockBuilder, c ast.Node) {
	{
		switch c := c.(type) {
		case *ast.Text:
			v := c.Segment.Value(w.src)
			if !c.IsRaw() {
				v = util.ResolveNumericReferences(util.ResolveEntityNames(util.UnescapePunctuations(v)))
			}
			b.write(string(v))
			if c.SoftLineBreak() || c.HardLineBreak() {
				b.lineBreak()
			}
		case *ast.String:
			b.write(string(c.Value))
		case *ast.Emphasis:
			if c.Level >= 2 {
				b.openStrong()
				w.inlineInto(b, c)
				b.closeStrong()
				return
			}
			b.openEmph()
			w.inlineInto(b, c)
			b.closeEmph()
		case *ast.Link:
			b.openLink(string(c.Destination))
			w.inlineInto(b, c)
			b.close(films.Link)
		case *ast.CodeSpan, *east.Strikethrough:
			w.inlineInto(b, c)
		case *ast.Image, *ast.AutoLink, *east.FootnoteLink, *east.FootnoteBacklink:
			// An image inside a sentence, a bare URL or a note number is
			// not part of the sentence.
		case *ast.RawHTML:
			var raw strings.Builder
			for i := 0; i < c.Segments.Len(); i++ {
				seg := c.Segments.At(i)
				raw.Write(seg.Value(w.src))
			}
			inlineTag(b, raw.String())
		default:
			w.inlineInto(b, c)
		}
	}
}

// inlineTag applies an inline HTML tag met inside Markdown: <i>, <em> and
// <cite> open or close a title signal, <b> and <strong> bold, <br> a
// space; other tags are dropped.
func inlineTag(b *blockBuilder, raw string) {
	z := html.NewTokenizer(strings.NewReader(raw))
	for {
		tt := z.Next()
		if tt == html.ErrorToken {
			return
		}
		name, _ := z.TagName()
		a := atom.Lookup(name)
		switch tt {
		case html.StartTagToken, html.SelfClosingTagToken:
			switch a {
			case atom.I, atom.Em, atom.Cite:
				b.openEmph()
			case atom.B, atom.Strong:
				b.openStrong()
			case atom.Br:
				b.lineBreak()
			}
		case html.EndTagToken:
			switch a {
			case atom.I, atom.Em, atom.Cite:
				b.closeEmph()
			case atom.B, atom.Strong:
				b.closeStrong()
			}
		}
	}
}

// table reads a GitHub table: a heading row, then rows.
func (w *mdWalker) table(t *east.Table) {
	for r := t.FirstChild(); r != nil; r = r.NextSibling() {
		_, header := r.(*east.TableHeader)
		for cell := r.FirstChild(); cell != nil; cell = cell.NextSibling() {
			w.inline(cell)
			w.b.endCell()
		}
		w.b.endRow(header)
	}
}
