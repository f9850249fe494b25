package corpus

// Bounding Markdown before goldmark reads it. goldmark (v1.8.7, the newest)
// is quadratic in a few shapes no writer produces but an adversary can:
// emphasis delimiters that never close (its delimiter stack is walked for
// every closer candidate), link destinations that never close (each "(" is
// scanned to the next space of its line) and containers nested on one line
// ("> > > …", "- - - …": every line offset is recomputed per level). None of
// these is configurable, so the text is bounded first, in one pass: past
// a limit per paragraph, the marks are escaped with a backslash and read as
// plain text, and the reader says so in a warning naming the line.
//
// The limits are far above what a writer uses: a real paragraph has a few
// dozen emphasis marks at most, a real link's address a few hundred bytes,
// a real quotation or list a handful of levels.

import (
	"fmt"
	"regexp"
	"strings"
)

const (
	// mdMaxDelimiters is the number of emphasis delimiter runs ("*", "_",
	// "~") a paragraph keeps as marks.
	mdMaxDelimiters = 200
	// mdMaxBrackets is the number of "[" a paragraph keeps as link
	// openers.
	mdMaxBrackets = 200
	// mdMaxDestination is the longest a link's address may run without a
	// space (a data: address longer than this is read as text).
	mdMaxDestination = 2048
	// mdMaxNesting is the number of container markers ("> ", "- ", "1. ")
	// a line may open.
	mdMaxNesting = 16
	// mdMaxColumns is the number of "|" a line keeps as table cell
	// borders: goldmark makes a node per cell of every row, and a
	// 26,000-column table took gigabytes.
	mdMaxColumns = 64
)

// mdNote is one bound that was applied: the first line it was applied at
// and what it did.
type mdNote struct {
	line int
	msg  string
}

// boundMarkdown returns src with the marks past the limits escaped, and a
// note for each kind of bound applied (at its first line).
func boundMarkdown(src string) (string, []mdNote) {
	b := mdBounder{src: src}
	b.run()
	if b.out == nil {
		return src, nil
	}
	b.out.WriteString(src[b.copied:])
	return b.out.String(), b.notes
}

type mdBounder struct {
	src    string
	out    *strings.Builder // nil until the first change
	copied int              // src[:copied] is in out
	notes  []mdNote
	noted  [5]bool
	// nextSpace is the place of the next space at or after the last
	// link address checked.
	nextSpace int
}

// escapeAt inserts a backslash before src[i].
func (b *mdBounder) escapeAt(i int) {
	if b.out == nil {
		b.out = &strings.Builder{}
		b.out.Grow(len(b.src) + len(b.src)/8)
	}
	b.out.WriteString(b.src[b.copied:i])
	b.out.WriteByte('\\')
	b.copied = i
}

func (b *mdBounder) note(kind, line int, msg string) {
	if !b.noted[kind] {
		b.noted[kind] = true
		b.notes = append(b.notes, mdNote{line, msg})
	}
}

func (b *mdBounder) run() {
	src := b.src
	line := 0
	fence := "" // the open code fence, if any
	var para mdPara
	for start := 0; start < len(src); {
		end := strings.IndexByte(src[start:], '\n')
		if end < 0 {
			end = len(src)
		} else {
			end += start
		}
		line++
		l := src[start:end]
		trimmed := strings.TrimLeft(l, " ")
		switch {
		case fence != "":
			if strings.HasPrefix(trimmed, fence) {
				fence = ""
			}
		case opensFence(l):
			fence = trimmed[:3]
			para = mdPara{}
		case strings.TrimSpace(l) == "":
			para = mdPara{}
		default:
			b.line(start, end, line, &para)
		}
		start = end + 1
	}
}

// opensFence reports whether a line opens a fenced code block as
// CommonMark reads it: at most three spaces, then three backticks or
// tildes, and no backtick after backticks. Anything looser would let a
// line that goldmark reads as a paragraph switch the bounds off.
func opensFence(l string) bool {
	trimmed := strings.TrimLeft(l, " ")
	if len(l)-len(trimmed) > 3 {
		return false
	}
	switch {
	case strings.HasPrefix(trimmed, "```"):
		return !strings.Contains(strings.TrimLeft(trimmed, "`"), "`")
	case strings.HasPrefix(trimmed, "~~~"):
		return true
	}
	return false
}

// mdPara counts the marks of the paragraph being read. goldmark parses
// inlines per paragraph, but a list item is a paragraph of its own and a
// table's cells are parsed one by one: the counts start again at each
// item and, in a table, at each row, so that a long filmography list or
// table keeps its italics.
type mdPara struct {
	delimiters, brackets int
	lines                int
	table                bool
}

// tableDelimRE is a table's delimiter row: "|---|:---:|", "--- | ---".
var tableDelimRE = regexp.MustCompile(`^\s*\|?\s*:?-+:?\s*(\|\s*:?-+:?\s*)*\|?\s*$`)

// line bounds one line of a paragraph, src[start:end].
func (b *mdBounder) line(start, end, line int, para *mdPara) {
	src := b.src
	// Containers opened at the start of the line.
	i, depth := start, 0
	for i < end {
		j := i
		for j < end && (src[j] == ' ' || src[j] == '\t') {
			j++
		}
		k := containerMarker(src[j:end])
		if k == 0 {
			break
		}
		if depth++; depth > mdMaxNesting {
			b.escapeAt(j)
			b.note(0, line, fmt.Sprintf("more than %d quotation or list levels on one line; the rest are read as text", mdMaxNesting))
			break
		}
		if src[j] != '>' {
			*para = mdPara{} // a list item: a paragraph of its own
		}
		i = j + k
	}
	if para.lines++; para.lines == 2 && strings.Contains(src[i:end], "-") && tableDelimRE.MatchString(src[i:end]) {
		para.table = true
	}
	if para.table {
		para.delimiters, para.brackets = 0, 0 // each row's cells are parsed alone
	}
	pipes := 0
	for ; i < end; i++ {
		switch c := src[i]; c {
		case '\\':
			i++ // the next byte is escaped already
		case '|':
			if pipes++; pipes > mdMaxColumns {
				b.escapeAt(i)
				b.note(4, line, fmt.Sprintf("a table row of more than %d columns; the rest is read as the last cell's text", mdMaxColumns))
			}
		case '*', '_', '~':
			j := i
			for j+1 < end && src[j+1] == c {
				j++
			}
			if para.delimiters++; para.delimiters > mdMaxDelimiters {
				for k := i; k <= j; k++ {
					b.escapeAt(k)
				}
				b.note(1, line, fmt.Sprintf("more than %d emphasis marks in one paragraph; the rest are read as text", mdMaxDelimiters))
			}
			i = j
		case '[':
			if para.brackets++; para.brackets > mdMaxBrackets {
				b.escapeAt(i)
				b.note(2, line, fmt.Sprintf("more than %d links in one paragraph; the rest are read as text", mdMaxBrackets))
			}
		case '(':
			// Only an address after a live "[" is read as one.
			if i > start && src[i-1] == ']' && para.brackets <= mdMaxBrackets && !b.spaceWithin(i, mdMaxDestination) {
				b.escapeAt(i)
				b.note(3, line, fmt.Sprintf("a link whose address does not close within %d bytes is read as text", mdMaxDestination))
			}
		}
	}
}

// containerMarker returns the length of the block quote or list marker at
// the start of s ("> ", ">", "- ", "* ", "+ ", "12. ", "3) "), or 0.
func containerMarker(s string) int {
	if s == "" {
		return 0
	}
	switch s[0] {
	case '>':
		if len(s) > 1 && s[1] == ' ' {
			return 2
		}
		return 1
	case '-', '*', '+':
		if len(s) > 1 && (s[1] == ' ' || s[1] == '\t') {
			return 2
		}
		return 0
	}
	n := 0
	for n < len(s) && n < 9 && s[n] >= '0' && s[n] <= '9' {
		n++
	}
	if n > 0 && n+1 < len(s) && (s[n] == '.' || s[n] == ')') && (s[n+1] == ' ' || s[n+1] == '\t') {
		return n + 2
	}
	return 0
}

// spaceWithin reports whether a space or line end comes within limit bytes
// of src[i]: goldmark reads a link's address to the first space of its
// line, so that is as far as it will scan. The next space is kept from
// call to call (calls come in order), so the whole pass stays linear.
func (b *mdBounder) spaceWithin(i, limit int) bool {
	if b.nextSpace < i {
		k := strings.IndexAny(b.src[i:], " \t\n\r\v\f")
		if k < 0 {
			k = len(b.src) - i
		}
		b.nextSpace = i + k
	}
	return b.nextSpace-i <= limit
}
