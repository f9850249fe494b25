package corpus

// Splitting a body into passages.
//
// A body is cut into blocks at blank lines. The first blocks may be the
// article's header: a byline ("By Johannes Schönherr."), a date line, a
// site-name line ("Lonely Planet Writer") and a title line; they become
// metadata, not passages. After the header every block is one of:
//
//   - page furniture (comment section, reply form, "Read also:" link list):
//     dropped;
//   - a heading: a single short line with no closing sentence punctuation.
//     It is never a passage; it sets the section of the passages below it.
//     A film heading ("Bird (1992) (Ba-do / Sea)") nests under the topic
//     heading above it ("Co-productions with Japan › Bird (1992)"); any other
//     heading starts a new top-level section. Two blank lines not preceded
//     by a heading end the current section (the seeds' conclusion has lost
//     its heading that way);
//   - a numbered notes list (after a "Notes" heading, or when the body cites
//     its numbers as "(3)"): one "note" passage per note, section "Notes";
//   - image captions: a caption glued to the next paragraph is split off,
//     and a caption repeated on the next line with its credit is kept once;
//   - a paragraph: its lines joined with spaces.
//
// Paragraphs become passages. A paragraph shorter than minWords, or ending in
// a colon (it introduces what follows), joins the next paragraph of its
// section, or else the previous one. A paragraph longer than maxWords (sotu
// texts are one line each) is cut at sentence boundaries into passages of
// roughly 60–200 words.
//
// The splitter records every piece of the body with what became of it, so a
// fuzz test can prove that no text is lost or indexed twice.

import (
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"

	"cinesearch/corpus/films"
)

const (
	minWords    = 12  // paragraphs shorter than this join a neighbour
	minNoteWord = 5   // notes shorter than this join the previous note
	maxWords    = 220 // paragraphs longer than this are cut at sentences
	chunkTarget = 130 // preferred passage length when cutting
	chunkMax    = 200 // hard limit per chunk unless one sentence is longer
	// maxPassageWords bounds every passage, however it was assembled (a
	// cut paragraph's short tail may add 60 words to a chunk). Without a
	// bound, a run of one-line paragraphs became one passage of 144,000
	// words, and phrase search is quadratic in a passage's length.
	maxPassageWords = chunkMax + 60
)

// sectionSep joins the heading path of a passage's section.
const sectionSep = " › "

type pieceKind uint8

const (
	pieceText        pieceKind = iota // part of a text passage
	pieceCaption                      // a caption passage
	pieceNote                         // a note passage
	pieceHeading                      // a heading: becomes a section
	pieceHeader                       // title, byline, site, date: metadata
	pieceDuplicate                    // a caption repeated: kept once
	pieceBoilerplate                  // page furniture
	pieceMarkup                       // image numbers, markdown heading marks
	pieceCredits                      // a line of film credits or ratings: metadata
)

// piece is a span of the cleaned body and what became of it.
type piece struct {
	kind    pieceKind
	text    string
	passage int // index into splitResult.passages, or -1
	// marks are the phrases of text its format marks.
	marks []films.Mark
	// level is a heading's level in the section path.
	level int
	// row marks a table row; cells numbers the row a cell of a row typed
	// as text belongs to (0 for other pieces), so that its cells are
	// joined as cells.
	row   bool
	cells int
}

type header struct {
	title, author, source, date string
}

// rawPassage is a passage before films, years and IDs are known.
type rawPassage struct {
	path  []string // heading path
	kind  string   // text, caption, note
	text  string
	words int
}

type splitResult struct {
	header   header
	passages []rawPassage
	pieces   []piece
	tables   []table
	// doc is the body as the films reader reads it: headings,
	// paragraphs, rows, captions, notes and credit lines in order;
	// docPassage the passage each of its blocks went to (-1 for headings
	// and credits).
	doc        []films.Block
	docPassage []int
	docUnit    []int // the unit of each doc block, -1 for none
}

// table is a table of a text: its heading row, if any, and its rows.
type table struct {
	head []string
	rows []tableRow
}

type tableRow struct {
	cells []string
	piece int
}

// block is a unit of the body as its format gives it: for plain text a run
// of non-blank lines, which the splitter classifies; for Markdown and HTML
// a heading, paragraph, list item, table row or caption, one line each.
type block struct {
	lines        []string
	blanksBefore int
	kind         blockKind
	// level is a heading's level (1–6); 0 for a heading whose level the
	// format does not give (a bold-only line), placed by the splitter.
	level int
	// marks are phrases the format marks (italics, <cite>, bold, link
	// text): title signals. lineMarks are a plain-text block's, line by
	// line.
	marks     []films.Mark
	lineMarks [][]films.Mark
	// cells are a table row's cells; header marks a heading row.
	cells  []string
	header bool
}

// blockKind says what a block is.
type blockKind uint8

const (
	blockLines   blockKind = iota // plain text: classified by its lines
	blockHeading                  // a heading
	blockPara                     // a paragraph
	blockItem                     // a list item
	blockRow                      // a table row
	blockCaption                  // an image or figure caption
)

var (
	bylineRE      = regexp.MustCompile(`^(?i:by|written by|text by|words by)\s+(\p{Lu}[\p{L}.'’\-]*(?:\s+(?:\p{Lu}[\p{L}.'’\-]*|van|von|de|der|den|da|di|du|la|le|and|&))*)\s*\.?$`)
	noteLineRE    = regexp.MustCompile(`^\(?(\d{1,3})[.)]\s+\S`)
	notesHeadRE   = regexp.MustCompile(`(?i)^(?:notes|footnotes|endnotes|references|sources|bibliography|notes and references)\s*:?$`)
	siteWordRE    = regexp.MustCompile(`(?i)\b(?:writer|blog|news|magazine|times|post|review|reviews|films?|movies?|cinema|features|culture|entertainment|arts|opinion|journal|daily|online|weekly|monthly|herald|tribune|gazette|digest|wire|network|media|press|\w+\.(?:com|org|net|co\.uk|de|kr|jp))\b`)
	labelValueRE  = regexp.MustCompile(`^[\p{L}][\p{L} ]{0,24}:\s*[\d★☆*½]`)
	sentenceEndRE = regexp.MustCompile(`[.!?…][”"’'»)\]]*$`)
)

// splitBody splits a cleaned plain-text body. meta is the front matter
// (maybe empty).
func splitBody(body string, meta frontMatter) splitResult {
	return splitMarkedBody(body, meta, nil)
}

// splitMarkedBody splits a cleaned plain-text body whose lines carry the
// marks the plain-text reader found (by line index).
func splitMarkedBody(body string, meta frontMatter, marks map[int][]films.Mark) splitResult {
	return splitBlocks(blocksOf(body, marks), meta, parenNoteRE.MatchString(body))
}

// splitBlocks splits a body read into blocks. notesCited says the text cites
// numbered notes ("(3)"), so that numbered lines can be read as notes.
func splitBlocks(blocks []block, meta frontMatter, notesCited bool) splitResult {
	s := &splitter{notesCited: notesCited, author: foldKey(meta.Author)}
	i := s.readHeader(blocks, meta)
	s.readBody(blocks[i:])
	s.assemble()
	s.res.docPassage = make([]int, len(s.res.doc))
	for j, u := range s.res.docUnit {
		s.res.docPassage[j] = -1
		if u >= 0 && len(s.units[u].pieces) > 0 {
			s.res.docPassage[j] = s.res.pieces[s.units[u].pieces[0]].passage
		}
	}
	return s.res
}

// blocksOf cuts plain text into runs of non-blank lines. marks are the
// phrases marked on each line (by line index), if any.
func blocksOf(body string, marks map[int][]films.Mark) []block {
	var blocks []block
	var cur *block
	blanks := 0
	for n, line := range strings.Split(body, "\n") {
		line = strings.TrimSpace(line)
		if line == "" {
			cur = nil
			blanks++
			continue
		}
		// Tables typed as text: "| 1969 | Sea of Blood |" rows and
		// "+------+" or "|---|---|" rules.
		if b, ok := textTableLine(line); ok {
			b.blanksBefore = blanks
			b.marks = marks[n]
			// A row above a rule is the table's heading row.
			if len(b.cells) == 0 && len(blocks) > 0 {
				if prev := &blocks[len(blocks)-1]; prev.kind == blockRow && len(prev.cells) > 0 && (len(blocks) < 2 || blocks[len(blocks)-2].kind != blockRow || len(blocks[len(blocks)-2].cells) == 0) {
					prev.header = true
				}
			}
			blocks = append(blocks, b)
			cur, blanks = nil, 0
			continue
		}
		if cur == nil {
			blocks = append(blocks, block{blanksBefore: blanks})
			cur = &blocks[len(blocks)-1]
			blanks = 0
		}
		cur.lines = append(cur.lines, line)
		cur.lineMarks = append(cur.lineMarks, marks[n])
	}
	return blocks
}

// textTableLine reads a line of a table typed as text: a rule (a block row
// without cells, dropped as markup) or a row of cells between bars.
func textTableLine(line string) (block, bool) {
	if len(line) >= 3 && strings.Trim(line, "+-=|: ") == "" && strings.Count(line, "-")+strings.Count(line, "=") >= 3 {
		return block{lines: []string{line}, kind: blockRow}, true
	}
	if len(line) < 3 || line[0] != '|' || line[len(line)-1] != '|' || strings.Count(line, "|") < 3 {
		return block{}, false
	}
	var cells []string
	for _, c := range strings.Split(line[1:len(line)-1], "|") {
		cells = append(cells, strings.TrimSpace(c))
	}
	return block{lines: []string{line}, kind: blockRow, cells: cells}, true
}

// unit is a paragraph, caption or note before short ones are joined.
type unit struct {
	path      []string
	kind      string
	pieces    []int
	words     int
	endsColon bool
	row       bool // a table row
}

type splitter struct {
	notesCited bool
	author     string // the page's author, whose name a heading may repeat
	res        splitResult
	path       []string
	levels     []int // heading level of each path element
	pathFilm   bool  // the last path element is a film heading
	units      []unit
	table      *table // the table being read
	boldLevel  int    // the level of the last bold-line heading, 0 after others
}

func (s *splitter) add(kind pieceKind, text string) int {
	s.res.pieces = append(s.res.pieces, piece{kind: kind, text: text, passage: -1})
	return len(s.res.pieces) - 1
}

// readHeader consumes the leading byline, date, site and title lines and
// returns the number of blocks it used.
func (s *splitter) readHeader(blocks []block, meta frontMatter) int {
	h := &s.res.header
	var cands []string // heading-like lines: [site,] title
	n := 0
	for ; n < len(blocks) && n < 6; n++ {
		b := blocks[n]
		if len(b.lines) != 1 || b.kind == blockHeading && b.level > 1 || b.kind == blockRow || b.kind == blockCaption {
			break
		}
		line := b.lines[0]
		if m := bylineRE.FindStringSubmatch(line); m != nil && h.author == "" && wordCount(m[1]) <= 8 {
			h.author = strings.TrimRight(m[1], ".")
			continue
		}
		if d, ok := parseDateLine(line); ok && h.date == "" {
			h.date = d
			continue
		}
		if isFurniture(line) && len(cands) == 0 {
			continue // "Connect with us", "Skip to content" above the title
		}
		if len(cands) == 2 || !isHeadingLike(strings.TrimRight(line, "?!”’\"'")) || isFurniture(line) {
			// (A title may ask or exclaim: "Where to Invade Next?")
			break
		}
		if filmHeading(line) {
			// A film heading opens the body, unless nothing but a site's
			// or a section's name is above it: then it is the page's
			// title ("Reviews" / "Revisiting ‘Pulgasari’ (1985) …").
			if meta.Title == "" && (len(cands) == 0 && n == 0 || len(cands) == 1 && siteWordRE.MatchString(cands[0])) {
				cands = append(cands, line)
				n++
			}
			break
		}
		if meta.Title != "" {
			if foldKey(line) != foldKey(meta.Title) {
				break
			}
			continue // the title repeated under the front matter
		}
		// A first line that names a site may be followed by the title;
		// any other first line is the title, and what follows is body.
		if len(cands) == 1 && !siteWordRE.MatchString(cands[0]) {
			break
		}
		cands = append(cands, line)
	}
	for _, b := range blocks[:n] {
		s.add(pieceHeader, b.lines[0])
	}
	if len(cands) > 0 {
		h.title = cands[len(cands)-1]
	}
	if len(cands) == 2 {
		h.source = cands[0]
	}
	return n
}

// bodyState is what readBody remembers between blocks.
type bodyState struct {
	inComments, inLinkList, inNotes, afterNotes bool
	prevHeading                                 bool
}

// readBody classifies the blocks after the header.
func (s *splitter) readBody(blocks []block) {
	st := &bodyState{prevHeading: true} // the header counts as a heading for the two-blank rule
	for _, b := range blocks {
		if st.inComments {
			for _, l := range b.lines {
				s.add(pieceBoilerplate, l)
			}
			continue
		}
		if b.kind != blockRow {
			s.endTable()
		}
		if b.kind != blockLines {
			s.structured(b, st)
			continue
		}
		if b.blanksBefore >= 2 && !st.prevHeading {
			s.resetPath()
		}
		// Furniture is removed line by line; the lines between are read as
		// blocks of their own, in order.
		var run []string
		var marks []films.Mark
		for li, l := range b.lines {
			if !s.furniture(l, false, st) {
				run = append(run, l)
				if li < len(b.lineMarks) {
					marks = append(marks, b.lineMarks[li]...)
				}
				continue
			}
			s.contentLines(run, marks, st)
			run, marks = nil, nil
			s.add(pieceBoilerplate, l)
		}
		s.contentLines(run, marks, st)
	}
	s.endTable()
}

// furniture reports whether a line is page furniture, updating what the
// state remembers (a comments section or a list of links has begun).
// item says the line is a list item of a structured format.
func (s *splitter) furniture(l string, item bool, st *bodyState) bool {
	switch {
	case commentHeaderRE.MatchString(l):
		if s.res.header.title == "" {
			s.res.header.title = strings.TrimSpace(commentHeaderRE.FindStringSubmatch(l)[1])
		}
		st.inComments = true
	case endOfArticleRE.MatchString(l) && s.wordsRead() >= 150:
		// The article has ended; the site's next articles follow.
		st.inComments = true
	case linkListRE.MatchString(l):
		st.inLinkList = true
	case isFurniture(l):
	case st.inLinkList && (item || isHeadingLike(l)):
	default:
		st.inLinkList = false
		return false
	}
	return true
}

// wordsRead counts the words of the text read so far.
func (s *splitter) wordsRead() int {
	n := 0
	for _, u := range s.units {
		n += u.words
	}
	return n
}

// structured reads one block of a format that says what its blocks are.
func (s *splitter) structured(b block, st *bodyState) {
	if b.kind == blockRow {
		s.addRow(b, st)
		return
	}
	line := b.lines[0]
	if s.furniture(line, b.kind == blockItem, st) {
		s.add(pieceBoilerplate, line)
		return
	}
	switch b.kind {
	case blockHeading:
		level := b.level
		if level == 0 {
			// A bold line: a sibling of the bold heading before it, or one
			// level below the heading it follows.
			switch {
			case s.boldLevel > 0:
				level = s.boldLevel
			case len(s.levels) > 0:
				level = s.levels[len(s.levels)-1] + 1
			default:
				level = 2
			}
			s.boldLevel = level
		} else {
			s.boldLevel = 0
		}
		if isCreditsLine(line) {
			s.credits(line)
			return
		}
		if s.author != "" && (foldKey(line) == s.author || foldKey(strings.TrimPrefix(strings.TrimPrefix(line, "By "), "by ")) == s.author) {
			// A byline set as a heading (<h5>Nathanael Johnson</h5>).
			s.add(pieceHeader, line)
			return
		}
		above := s.path
		i := s.add(pieceHeading, line)
		s.res.pieces[i].level = s.heading(line, level)
		s.emit(films.Block{Kind: films.Heading, Level: s.res.pieces[i].level, Text: line, Marks: b.marks, Path: above}, -1)
		st.prevHeading, st.inNotes, st.afterNotes = true, notesHeadRE.MatchString(line), false
		return
	case blockCaption:
		s.addUnit("caption", line)
	default:
		if isCreditsLine(line) {
			// Credits belong to the title above them: a heading stays
			// the last thing read.
			s.credits(line)
			return
		}
		if st.inNotes || s.notesCited && noteLineRE.MatchString(line) && s.pathIsNotes() {
			s.addUnit("note", line)
			st.afterNotes = true
			break
		}
		if st.afterNotes {
			s.resetPath()
			st.afterNotes = false
		}
		kind := films.Para
		if b.kind == blockItem {
			kind = films.Item
		}
		s.addParagraph(line, []string{line}, b.marks, kind)
	}
	st.prevHeading = false
}

// emit adds a block for the films reader; unit is the unit it is read
// into (-1 for a heading or credits).
func (s *splitter) emit(b films.Block, unit int) {
	s.res.doc = append(s.res.doc, b)
	s.res.docUnit = append(s.res.docUnit, unit)
}

// credits records a line of credits or ratings: metadata about the title
// above it, never a passage.
func (s *splitter) credits(line string) {
	s.add(pieceCredits, line)
	s.emit(films.Block{Kind: films.Credits, Text: line, Path: s.path}, -1)
}

// addRow adds a table row: a rule line is markup, a row a short text unit
// whose cells are kept to find the table's films.
func (s *splitter) addRow(b block, st *bodyState) {
	line := b.lines[0]
	if len(b.cells) == 0 {
		s.add(pieceMarkup, line)
		return
	}
	if s.table == nil {
		s.table = &table{}
	}
	if b.header && len(s.table.rows) == 0 && s.table.head == nil {
		s.table.head = b.cells
		s.emit(films.Block{Kind: films.Row, Text: rowText(b.cells), Marks: b.marks, Path: s.path, Cells: b.cells, Header: true, Table: len(s.res.tables)}, -1)
		s.add(pieceMarkup, line)
		return
	}
	rowBlock := films.Block{Kind: films.Row, Text: rowText(b.cells), Marks: b.marks, Path: s.path, Cells: b.cells, Header: b.header, Table: len(s.res.tables)}
	u := unit{path: s.path, kind: "text", words: wordCount(line), row: true}
	var i int
	if strings.HasPrefix(line, "|") {
		// A row typed as text: its bars are markup, its cells text, joined
		// in the passage as an HTML row's are.
		rowID := len(s.res.pieces) + 1
		for k, part := range strings.Split(line, "|") {
			if k > 0 {
				s.add(pieceMarkup, "|")
			}
			if part = strings.TrimSpace(part); part != "" {
				i = s.add(pieceText, part)
				s.res.pieces[i].row = true
				s.res.pieces[i].cells = rowID
				u.pieces = append(u.pieces, i)
			}
		}
	} else {
		i = s.add(pieceText, line)
		s.res.pieces[i].marks, s.res.pieces[i].row = b.marks, true
		u.pieces = append(u.pieces, i)
	}
	if len(u.pieces) == 0 {
		return
	}
	s.units = append(s.units, u)
	s.emit(rowBlock, len(s.units)-1)
	s.table.rows = append(s.table.rows, tableRow{cells: b.cells, piece: u.pieces[0]})
	st.prevHeading = false
}

// endTable closes the table being read, if any.
func (s *splitter) endTable() {
	if s.table != nil && len(s.table.rows) > 0 {
		s.res.tables = append(s.res.tables, *s.table)
	}
	s.table = nil
}

// contentLines classifies a run of lines that are not page furniture: a
// notes list, a heading, captions or a paragraph.
func (s *splitter) contentLines(lines []string, marks []films.Mark, st *bodyState) {
	if len(lines) == 0 {
		return
	}
	if s.notesBlock(lines, st.inNotes) {
		if !st.inNotes && !s.pathIsNotes() {
			s.resetPath()
			s.heading("Notes", 1)
		}
		for _, l := range lines {
			s.addUnit("note", l)
		}
		st.inNotes, st.afterNotes, st.prevHeading = true, true, false
		return
	}
	st.inNotes = false
	if st.afterNotes {
		// What follows a notes list (an author's note, a bio) belongs to
		// no section.
		s.resetPath()
		st.afterNotes = false
	}
	if len(lines) > 1 && wordCount(lines[0]) <= 3 && isHeadingLike(lines[0]) && wordCount(lines[1]) >= 8 && !isCreditsLine(lines[0]) {
		// "Plot" over its text: a label on a line of its own is the
		// heading of the lines under it (a wrapped paragraph never
		// breaks after its first three words).
		in, rest := marksIn(lines[0], marks)
		s.contentLines(lines[:1], in, st)
		s.contentLines(lines[1:], rest, st)
		return
	}
	if len(lines) > 1 && lineByLine(lines) {
		s.linesOneByOne(lines, marks, st)
		return
	}
	if i := creditsAt(lines); i >= 0 {
		// Credits under a title ("Sea of Blood" / "Director: …" /
		// "1969 · 120m"): the title reads on its own, the credits are
		// metadata, and what follows them is the body.
		j := creditsRun(lines, i)
		in, rest := marksIn(strings.Join(lines[:i], "\n"), marks)
		s.contentLines(lines[:i], in, st)
		for _, l := range lines[i:j] {
			s.credits(l)
		}
		s.contentLines(lines[j:], rest, st)
		return
	}
	if len(lines) == 1 && isHeadingLike(lines[0]) {
		above := s.path
		i := s.add(pieceHeading, lines[0])
		s.res.pieces[i].level = s.heading(lines[0], 0)
		s.emit(films.Block{Kind: films.Heading, Level: s.res.pieces[i].level, Text: lines[0], Marks: marks, Path: above}, -1)
		st.prevHeading = true
		st.inNotes = notesHeadRE.MatchString(lines[0])
		return
	}
	st.prevHeading = false
	s.paragraphBlock(lines, marks)
}

// listLineRE is a list entry written as text: a bullet or a number, then
// the entry ("• Sea of Blood", "2. The Flower Girl").
var listLineRE = regexp.MustCompile(`^(?:[•·▪►◦‣∙●○■□*+–-]|\d{1,3}[.)])\s+(\S.*)$`)

// yearLineRE is a title line of a list of films: a short line ending in
// the year ("American Sniper (2014)", "Flower Girl (TV Movie 2009)").
var yearLineRE = regexp.MustCompile(`^\S.{0,120}\([^()]{0,24}\b(?:18|19|20)\d\d\)$`)

// listEntry returns a line's text as a list entry, without its bullet,
// and whether it is one.
func listEntry(l string) (string, bool) {
	if m := listLineRE.FindStringSubmatch(l); m != nil && wordCount(m[1]) <= 25 {
		return m[1], true
	}
	if wordCount(l) <= 14 && yearLineRE.MatchString(l) {
		return l, true
	}
	return "", false
}

// lineByLine reports whether a block's lines are entries, one per line,
// rather than a paragraph wrapped over lines: a copied list of titles
// with their years, a database's credits and ratings between titles. At
// least two lines, and half of them, must be list entries or credits.
func lineByLine(lines []string) bool {
	n := 0
	for i := 0; i < len(lines); i++ {
		if _, ok := listEntry(lines[i]); ok {
			n++
		} else if isCreditsLine(lines[i]) {
			j := creditsRun(lines, i)
			n += j - i
			i = j - 1
		}
	}
	return n >= 2 && 2*n >= len(lines)
}

// linesOneByOne reads a block of entries line by line: credits are
// metadata, list entries are items, any other line is read on its own (a
// heading, or a paragraph).
func (s *splitter) linesOneByOne(lines []string, marks []films.Mark, st *bodyState) {
	rest := marks
	for i := 0; i < len(lines); i++ {
		l := lines[i]
		var in []films.Mark
		in, rest = marksIn(l, rest)
		text, item := listEntry(l)
		if item && text != l && (isCreditsLine(text) || isFactEntry(text)) {
			// "• NR", "• Fantasy, Historical": a review box's facts.
			s.add(pieceMarkup, strings.TrimSpace(strings.TrimSuffix(l, text)))
			s.credits(text)
			continue
		}
		if isCreditsLine(l) {
			j := creditsRun(lines, i)
			for _, c := range lines[i:j] {
				s.credits(c)
			}
			_, rest = marksIn(strings.Join(lines[i+1:j], "\n"), rest)
			i = j - 1
			continue
		}
		if item {
			st.prevHeading = false
			if text != l && !unicode.IsDigit(firstRune(l)) {
				// A bullet is markup; a number is the entry's own.
				s.add(pieceMarkup, strings.TrimSpace(strings.TrimSuffix(l, text)))
			} else {
				text = l
			}
			s.addParagraph(text, []string{text}, in, films.Item)
			continue
		}
		s.contentLines([]string{l}, in, st)
	}
}

// creditsRun returns the end of the run of credits lines that starts at
// lines[i]: credits lines, and under a label alone ("Starring") the names
// it labels.
func creditsRun(lines []string, i int) int {
	j := i
	for j < len(lines) && isCreditsLine(lines[j]) {
		label := isCreditsLabel(lines[j])
		j++
		for label && j < len(lines) && nameLine(lines[j]) && !isCreditsLine(lines[j]) {
			j++
		}
	}
	return j
}

// creditsAt returns the index of a block's first credits line, or -1. A
// line that only looks like credits inside running prose (a wrapped
// sentence beginning "Music: …") does not count: the credits must start
// the block or follow a short line that can be a title.
func creditsAt(lines []string) int {
	for i, l := range lines {
		if !isCreditsLine(l) {
			continue
		}
		if i == 0 || i == 1 && wordCount(lines[0]) <= 15 && !sentenceEndRE.MatchString(lines[0]) {
			return i
		}
		return -1
	}
	return -1
}

// heading updates the section path and returns the level it gave the
// heading. level is the format's level, or 0 for a
// plain-text heading: a film heading is then one level below a topic
// heading, any other heading is a topic.
func (s *splitter) heading(text string, level int) int {
	text = strings.NewReplacer("( ", "(", " )", ")").Replace(text)
	film := filmHeading(text)
	if level == 0 {
		level = 2
		if film && len(s.levels) > 0 && !s.pathFilm {
			level = 3
		} else if film && s.pathFilm && len(s.levels) > 1 {
			level = s.levels[len(s.levels)-1]
		}
	}
	for len(s.levels) > 0 && s.levels[len(s.levels)-1] >= level {
		s.levels = s.levels[:len(s.levels)-1]
		s.path = s.path[:len(s.path)-1]
	}
	s.path = append(append([]string(nil), s.path...), text)
	s.levels = append(s.levels, level)
	s.pathFilm = film
	return level
}

// resetPath ends every open section.
func (s *splitter) resetPath() { s.path, s.levels, s.pathFilm = nil, nil, false }

func (s *splitter) notesBlock(lines []string, inNotes bool) bool {
	for _, l := range lines {
		if !noteLineRE.MatchString(l) {
			return false
		}
	}
	return inNotes || s.notesCited && (len(lines) >= 2 || s.pathIsNotes())
}

func (s *splitter) pathIsNotes() bool {
	return len(s.path) == 1 && notesHeadRE.MatchString(s.path[0])
}

// paragraphBlock handles captions and paragraphs.
func (s *splitter) paragraphBlock(lines []string, marks []films.Mark) {
	if num, caption, rest, ok := splitGluedCaption(lines[0]); ok {
		s.add(pieceMarkup, num)
		s.addUnit("caption", caption)
		lines[0] = rest
	}
	// A caption repeated on the next line, usually with its credit added:
	// the block is captions, and the shorter copy is dropped.
	dup := make([]bool, len(lines))
	anyDup := false
	for i := 0; i+1 < len(lines); i++ {
		if wordCount(lines[i]) >= 3 && strings.HasPrefix(foldKey(lines[i+1]), foldKey(lines[i])) {
			dup[i], anyDup = true, true
		}
	}
	if anyDup || (len(lines) == 1 && wordCount(lines[0]) < 60 && isCaptionLine(lines[0])) {
		for i, l := range lines {
			if dup[i] {
				s.add(pieceDuplicate, l)
			} else {
				s.addUnit("caption", l)
			}
		}
		return
	}
	kept := lines
	s.addParagraph(strings.Join(kept, " "), kept, marks, films.Para)
}

// addParagraph adds a paragraph whose source lines are given (their pieces
// are recorded line by line), cutting long ones at sentences. marks are the
// phrases its format marks; kind is what the films reader sees it as.
func (s *splitter) addParagraph(text string, lines []string, marks []films.Mark, kind films.BlockKind) {
	if wordCount(text) <= maxWords {
		u := unit{path: s.path, kind: "text", words: wordCount(text), endsColon: strings.HasSuffix(text, ":")}
		rest := marks
		for _, l := range lines {
			i := s.add(pieceText, l)
			s.res.pieces[i].marks, rest = marksIn(l, rest)
			u.pieces = append(u.pieces, i)
		}
		s.units = append(s.units, u)
		in, _ := marksIn(text, marks)
		s.emit(films.Block{Kind: kind, Text: text, Marks: in, Path: s.path}, len(s.units)-1)
		return
	}
	rest := marks
	for _, chunk := range chunkSentences(text) {
		u := unit{path: s.path, kind: "text", words: wordCount(chunk)}
		i := s.add(pieceText, chunk)
		s.res.pieces[i].marks, rest = marksIn(chunk, rest)
		u.pieces = append(u.pieces, i)
		s.units = append(s.units, u)
		s.emit(films.Block{Kind: kind, Text: chunk, Marks: s.res.pieces[i].marks, Path: s.path}, len(s.units)-1)
	}
}

// marksIn returns the marked phrases (in order) that occur in text, in
// order, and the marks after them: marks are found one after another, so
// that a paragraph of many marks is read in one pass.
func marksIn(text string, marks []films.Mark) (in, rest []films.Mark) {
	from := 0
	for k, m := range marks {
		j := strings.Index(text[from:], m.Text)
		if j < 0 {
			return in, marks[k:]
		}
		in = append(in, m)
		from += j + len(m.Text)
	}
	return in, nil
}

// cellSep joins the cells of a table row in its passage.
const cellSep = " · "

// rowText is a table row as a passage shows it: its cells joined.
func rowText(cells []string) string {
	var parts []string
	for _, c := range cells {
		if c != "" {
			parts = append(parts, c)
		}
	}
	return strings.Join(parts, cellSep)
}

func (s *splitter) addUnit(kind, text string) {
	pk, dk := pieceCaption, films.Caption
	if kind == "note" {
		pk, dk = pieceNote, films.Note
	}
	s.units = append(s.units, unit{path: s.path, kind: kind, pieces: []int{s.add(pk, text)}, words: wordCount(text)})
	s.emit(films.Block{Kind: dk, Text: text, Path: s.path}, len(s.units)-1)
}

// assemble joins short units with a neighbour and creates passages, none
// longer than maxPassageWords.
func (s *splitter) assemble() {
	var carry []int // pieces of short units waiting to join the next one
	carryWords := 0
	lastText := -1 // index of the last text passage
	newPassage := func(u unit, pieces []int) int {
		s.res.passages = append(s.res.passages, rawPassage{path: u.path, kind: u.kind})
		idx := len(s.res.passages) - 1
		s.extend(idx, pieces)
		return idx
	}
	for i, u := range s.units {
		samePath := func(j int) bool {
			return j >= 0 && j < len(s.units) && s.units[j].kind == u.kind && equalPath(s.units[j].path, u.path)
		}
		if carry != nil && carryWords+u.words > maxPassageWords {
			// The carried units are a passage of their own.
			lastText = newPassage(u, carry)
			carry, carryWords = nil, 0
		}
		pieces := u.pieces
		words := u.words
		if carry != nil {
			pieces = append(carry, pieces...)
			words += carryWords
			carry, carryWords = nil, 0
		}
		switch u.kind {
		case "text":
			short := u.words < minWords || u.endsColon
			if short && samePath(i+1) && words < chunkMax {
				carry, carryWords = pieces, words
				continue
			}
			if u.words < minWords && len(pieces) == len(u.pieces) && lastText >= 0 && lastText == len(s.res.passages)-1 &&
				equalPath(s.res.passages[lastText].path, u.path) && s.res.passages[lastText].words+u.words <= maxPassageWords {
				s.extend(lastText, pieces)
				continue
			}
		case "note":
			last := len(s.res.passages) - 1
			if u.words < minNoteWord && last >= 0 && s.res.passages[last].kind == "note" && s.res.passages[last].words+u.words <= maxPassageWords {
				s.extend(last, pieces)
				continue
			}
		}
		idx := newPassage(u, pieces)
		if u.kind == "text" {
			lastText = idx
		}
	}
}

func (s *splitter) extend(idx int, pieces []int) {
	p := &s.res.passages[idx]
	prevCells := 0
	for _, pi := range pieces {
		s.res.pieces[pi].passage = idx
		if p.text != "" {
			if c := s.res.pieces[pi].cells; c != 0 && c == prevCells {
				p.text += cellSep
			} else {
				p.text += " "
			}
		}
		prevCells = s.res.pieces[pi].cells
		p.text += s.res.pieces[pi].text
		p.words += wordCount(s.res.pieces[pi].text)
	}
}

func equalPath(a, b []string) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

// isHeadingLike reports whether a line can be a heading (or a title line):
// short, opening with a capital or digit, without closing sentence
// punctuation.
func isHeadingLike(line string) bool {
	if len(line) > 160 || wordCount(line) > 16 {
		return false
	}
	r, _ := utf8.DecodeRuneInString(line)
	if !unicode.IsUpper(r) && !unicode.IsDigit(r) && !strings.ContainsRune("\"“‘'«", r) {
		return false
	}
	last, _ := utf8.DecodeLastRuneInString(line)
	if strings.ContainsRune(".,;:!?…*", last) || sentenceEndRE.MatchString(line) {
		return false
	}
	if noteLineRE.MatchString(line) && !strings.ContainsRune(line, '(') {
		return false
	}
	// A date ("June 18, 1998") or a label with a value ("Rating: 3/5",
	// "Runtime: 95 min") is metadata, not a section.
	if labelValueRE.MatchString(line) {
		return false
	}
	if _, ok := parseDateLine(line); ok {
		return false
	}
	letters := 0
	for _, r := range line {
		if unicode.IsLetter(r) {
			letters++
		}
	}
	return letters >= 2
}

func wordCount(s string) int {
	n, in := 0, false
	for _, r := range s {
		sp := unicode.IsSpace(r)
		if !sp && !in {
			n++
		}
		in = !sp
	}
	return n
}

// foldKey is a comparison key: punctuation folded, case folded, spaces
// collapsed.
func foldKey(s string) string {
	return strings.ToLower(strings.Join(strings.Fields(foldPunct(s)), " "))
}

// filmHeading reports whether a heading names a film with its year
// ("Bird (1992)", "Sea of Blood, 1969"): such a heading nests under the
// topic heading above it.
func filmHeading(h string) bool {
	t, year, _ := films.HeadingTitle(h)
	return year > 0 && t != "" && unicode.IsUpper(firstRune(t))
}

func firstRune(s string) rune {
	r, _ := utf8.DecodeRuneInString(s)
	return r
}
