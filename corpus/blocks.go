package corpus

// The structure formats give a text, read the same way whatever the format:
// a blockBuilder collects the inline text of one block at a time — text,
// with the phrases the format marks (emphasis, <cite>, bold, link text)
// kept as title signals and bold tracked so that a bold-only line can act
// as a heading — and turns it into blocks the splitter reads. Markdown
// (goldmark's syntax tree) and HTML (the DOM) feed it; neither leaves
// markup in the text.

import (
	"strings"
	"unicode"

	"cinesearch/corpus/films"
)

// blockBuilder accumulates inline text into blocks.
type blockBuilder struct {
	out       []block
	buf       strings.Builder
	marks     []films.Mark
	markStack []openMark // the marked spans still open
	// lastMarkStart is where the last kept mark starts in buf.
	lastMarkStart int
	strong        int // depth of open bold spans
	// letters and strongLetters count the block's letters, and those
	// inside bold, to recognise a bold-only line.
	letters, strongLetters int
	// cells collect a table row's cells.
	cells []string
	// breaks are where line breaks (<br>, a Markdown line end) fall in
	// buf: a paragraph of lines may be a title above its credits.
	breaks []int
}

// write appends inline text.
func (b *blockBuilder) write(s string) {
	if s == "" {
		return
	}
	for _, r := range s {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			b.letters++
			if b.strong > 0 {
				b.strongLetters++
			}
		}
	}
	b.buf.WriteString(s)
}

// space separates inline runs.
func (b *blockBuilder) space() { b.write(" ") }

// lineBreak ends a line inside a paragraph: a space in its text, unless
// the paragraph turns out to be a title over credit lines.
func (b *blockBuilder) lineBreak() {
	b.breaks = append(b.breaks, b.buf.Len())
	b.write(" ")
}

// openMark is a marked span not yet closed: where it starts in buf, and
// a link's target.
type openMark struct {
	start int
	kind  films.MarkKind
	url   string
}

// open starts a span of kind k; close ends the innermost span of that
// kind and keeps its phrase as a mark.
func (b *blockBuilder) open(k films.MarkKind) { b.openURL(k, "") }

// openLink starts a link's text; url is its target.
func (b *blockBuilder) openLink(url string) { b.openURL(films.Link, url) }

func (b *blockBuilder) openURL(k films.MarkKind, url string) {
	b.markStack = append(b.markStack, openMark{start: b.buf.Len(), kind: k, url: url})
	if k == films.Bold {
		b.strong++
	}
}

func (b *blockBuilder) close(k films.MarkKind) {
	if k == films.Bold {
		b.strong = max(0, b.strong-1)
	}
	for n := len(b.markStack) - 1; n >= 0; n-- {
		m := b.markStack[n]
		if m.kind != k {
			continue
		}
		b.markStack = append(b.markStack[:n], b.markStack[n+1:]...)
		if m.start > b.buf.Len() {
			return
		}
		if p := cleanLine(b.buf.String()[m.start:]); p != "" && len(p) <= 200 {
			// A phrase marked twice over (<em><a>Title</a></em>) is one
			// mark; emphasis, if either mark is, as it says more of a
			// title than a link does.
			if n := len(b.marks); n > 0 && b.marks[n-1].Text == p && m.start == b.lastMarkStart {
				if k == films.Emphasis {
					b.marks[n-1].Kind = k
				}
				if m.url != "" {
					b.marks[n-1].URL = m.url
				}
				return
			}
			b.marks = append(b.marks, films.Mark{Text: p, Kind: k, URL: m.url})
			b.lastMarkStart = m.start
		}
		return
	}
}

func (b *blockBuilder) openEmph()  { b.open(films.Emphasis) }
func (b *blockBuilder) closeEmph() { b.close(films.Emphasis) }

func (b *blockBuilder) openStrong()  { b.open(films.Bold) }
func (b *blockBuilder) closeStrong() { b.close(films.Bold) }

// endCell ends a table cell.
func (b *blockBuilder) endCell() {
	b.cells = append(b.cells, cleanLine(b.buf.String()))
	b.buf.Reset()
	b.breaks = b.breaks[:0]
}

// endRow ends a table row: its cells become one block.
func (b *blockBuilder) endRow(header bool) {
	if b.buf.Len() > 0 {
		b.endCell()
	}
	cells := b.cells
	b.cells = nil
	nonEmpty := false
	for _, c := range cells {
		if c != "" {
			nonEmpty = true
		}
	}
	marks := b.marks
	b.reset()
	if !nonEmpty {
		return
	}
	var parts []string
	for _, c := range cells {
		if c != "" {
			parts = append(parts, c)
		}
	}
	b.out = append(b.out, block{lines: []string{strings.Join(parts, cellSep)}, kind: blockRow, cells: cells, header: header, marks: marks})
}

func (b *blockBuilder) reset() {
	b.buf.Reset()
	b.marks, b.markStack = nil, nil
	b.letters, b.strongLetters = 0, 0
	b.breaks = b.breaks[:0]
}

// flush ends the current block as kind (a heading of level).
func (b *blockBuilder) flush(kind blockKind, level int) {
	raw := b.buf.String()
	text := cleanLine(raw)
	boldOnly := b.letters > 0 && b.strongLetters == b.letters
	marks := b.marks
	lines := b.lines(raw, kind)
	b.reset()
	if text == "" {
		return
	}
	if lines != nil {
		// A title over its credits: read line by line, as plain text is.
		var lineMarks [][]films.Mark
		rest := marks
		for _, l := range lines {
			var in []films.Mark
			in, rest = marksIn(l, rest)
			lineMarks = append(lineMarks, in)
		}
		b.out = append(b.out, block{lines: lines, lineMarks: lineMarks, kind: blockLines})
		return
	}
	if kind == blockPara && boldOnly && isHeadingLike(strings.TrimRight(text, ":")) {
		// A bold-only line is how many posts write a subheading.
		kind, level = blockHeading, 0
		text = strings.TrimRight(text, ":")
	}
	b.out = append(b.out, block{lines: []string{text}, kind: kind, level: level, marks: marks})
}

// lines returns a paragraph's lines when they hold credits, else nil.
func (b *blockBuilder) lines(raw string, kind blockKind) []string {
	if len(b.breaks) == 0 || kind != blockPara && kind != blockItem {
		return nil
	}
	var lines []string
	from := 0
	for _, at := range append(b.breaks, len(raw)) {
		if at < from || at > len(raw) {
			continue
		}
		if l := cleanLine(raw[from:at]); l != "" {
			lines = append(lines, l)
		}
		from = at
	}
	if len(lines) < 2 || creditsAt(lines) < 0 {
		return nil
	}
	return lines
}

// cleanLine is cleanText for one line: line breaks become spaces, and
// spaces are collapsed and trimmed.
func cleanLine(s string) string {
	return strings.Join(strings.Fields(cleanText(s)), " ")
}
