package corpus

// The structure formats give a text, read the same way whatever the format:
// a blockBuilder collects the inline text of one block at a time — text,
// with the phrases the format marks (emphasis, <cite>) kept as title
// signals and bold tracked so that a bold-only line can act as a heading —
// and turns it into blocks the splitter reads. Markdown (goldmark's syntax
// tree) and HTML (the DOM) feed it; neither leaves markup in the text.

import (
	"strings"
	"unicode"
)

// blockBuilder accumulates inline text into blocks.
type blockBuilder struct {
	out       []block
	buf       strings.Builder
	emph      []string
	emphStack []int // start offsets in buf of the open emphasis spans
	strong    int   // depth of open bold spans
	// letters and strongLetters count the block's letters, and those
	// inside bold, to recognise a bold-only line.
	letters, strongLetters int
	// cells collect a table row's cells.
	cells []string
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

// space separates inline runs (a line break inside a paragraph).
func (b *blockBuilder) space() { b.write(" ") }

func (b *blockBuilder) openEmph() { b.emphStack = append(b.emphStack, b.buf.Len()) }

func (b *blockBuilder) closeEmph() {
	n := len(b.emphStack)
	if n == 0 {
		return
	}
	start := b.emphStack[n-1]
	b.emphStack = b.emphStack[:n-1]
	if start > b.buf.Len() {
		return
	}
	if p := cleanLine(b.buf.String()[start:]); p != "" && len(p) <= 200 {
		b.emph = append(b.emph, p)
	}
}

func (b *blockBuilder) openStrong()  { b.strong++ }
func (b *blockBuilder) closeStrong() { b.strong = max(0, b.strong-1) }

// endCell ends a table cell.
func (b *blockBuilder) endCell() {
	b.cells = append(b.cells, cleanLine(b.buf.String()))
	b.buf.Reset()
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
	emph := b.emph
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
	b.out = append(b.out, block{lines: []string{strings.Join(parts, " · ")}, kind: blockRow, cells: cells, header: header, emph: emph})
}

func (b *blockBuilder) reset() {
	b.buf.Reset()
	b.emph, b.emphStack = nil, nil
	b.letters, b.strongLetters = 0, 0
}

// flush ends the current block as kind (a heading of level).
func (b *blockBuilder) flush(kind blockKind, level int) {
	text := cleanLine(b.buf.String())
	boldOnly := b.letters > 0 && b.strongLetters == b.letters
	emph := b.emph
	b.reset()
	if text == "" {
		return
	}
	if kind == blockPara && boldOnly && isHeadingLike(strings.TrimRight(text, ":")) {
		// A bold-only line is how many posts write a subheading.
		kind, level = blockHeading, 0
		text = strings.TrimRight(text, ":")
	}
	if kind == blockHeading {
		emph = nil
	}
	b.out = append(b.out, block{lines: []string{text}, kind: kind, level: level, emph: emph})
}

// cleanLine is cleanText for one line: line breaks become spaces, and
// spaces are collapsed and trimmed.
func cleanLine(s string) string {
	return strings.Join(strings.Fields(cleanText(s)), " ")
}
