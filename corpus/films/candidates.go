package films

// Candidates: every place an article may write a title, each found with
// the evidence around it.
//
// A mention is one place a candidate title is written. Mentions come from
// the marks of the format (italics, bold, links), quotation pairs, headings,
// list entries and short lines, table cells, the article's own title and
// subtitle, Title-Case phrases beside a film word, a year or a director,
// and the base catalogue's titles. Once a title is a candidate, its other
// occurrences in the article are mentions too, so that evidence written
// anywhere in the article counts.

import (
	"context"
	"fmt"
	"regexp"
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"
)

// mention is one place a candidate title is written.
type mention struct {
	title string
	block int // index in Doc.Blocks; -1 for the article's metadata
	start int // byte offset of the title in the block's text, -1 when not there
	feats Features
	year  int
	kind  Kind // what the words beside it say it is, or ""
	alts  []string
	// again marks an occurrence of a title already a candidate, found
	// by matching its words (so spelled as its words are tokenized).
	again bool
}

// reader reads one article's candidates.
type reader struct {
	// ctx bounds the reading: when it is done, the reader stops between
	// blocks and err says why.
	ctx   context.Context
	err   error
	calls int // of context, to check ctx every so often
	// capped is the block where the reader stopped weighing new
	// candidates (MaxCandidates), or -1.
	capped int
	doc    Doc
	known  *Known
	// oneFilm says the page is about one film (see docTitles).
	oneFilm bool
	// lower holds the words the article writes in lower case.
	lower map[string]bool
	out   []mention
	// index holds what each block's words are, read once per block (see
	// blockIndex).
	index map[int]*blockIndex
}

// blockIndex is what a block's text holds, read in one pass each, so that
// the evidence around every mention of a long paragraph is looked up, not
// read again: its sentence ends and the places of its film words, book
// words, stage words and years.
type blockIndex struct {
	key                            string // Key(text)
	ends, film, book, stage, years []int
}

func newBlockIndex(text string) *blockIndex {
	ix := &blockIndex{key: Key(text)}
	for i := 0; i+1 < len(text); i++ {
		if strings.IndexByte(".!?;", text[i]) >= 0 && text[i+1] == ' ' {
			w := text[:i]
			if k := strings.LastIndexByte(w, ' '); k >= 0 {
				w = w[k+1:]
			}
			if text[i] == '.' && (abbreviation(strings.ToLower(w)) || len(w) == 1) {
				continue
			}
			ix.ends = append(ix.ends, i+1)
		}
	}
	ix.film = filmWordList.find(text)
	ix.stage = stageWordList.find(text)
	ix.book = bookWordList.find(text)
	ix.years = findYears(text)
	return ix
}

// sentence returns the bounds of the sentence holding [start, end), at
// most 300 bytes to either side.
func (ix *blockIndex) sentence(start, end, n int) (int, int) {
	s0, s1 := max(0, start-300), min(n, end+300)
	if k := sort.SearchInts(ix.ends, start+1) - 1; k >= 0 && ix.ends[k] > s0 {
		s0 = ix.ends[k]
	}
	if k := sort.SearchInts(ix.ends, end); k < len(ix.ends) && ix.ends[k]-1 < s1 {
		s1 = ix.ends[k] - 1
	}
	return s0, s1
}

// anyIn reports whether offsets holds one in [a, b) or [c, d).
func anyIn(offsets []int, a, b, c, d int) bool {
	if k := sort.SearchInts(offsets, a); k < len(offsets) && offsets[k] < b {
		return true
	}
	k := sort.SearchInts(offsets, c)
	return k < len(offsets) && offsets[k] < d
}

func (r *reader) blockIndex(i int) *blockIndex {
	if r.index == nil {
		r.index = map[int]*blockIndex{}
	}
	ix := r.index[i]
	if ix == nil {
		ix = newBlockIndex(r.doc.Blocks[i].Text)
		r.index[i] = ix
	}
	return ix
}

// pairs are the quotation marks a title may be written in, opening and
// closing. '…' is read only when the closing quote ends a word (not an
// apostrophe inside one).
var pairs = []struct{ open, close string }{
	{"“", "”"}, {"„", "“"}, {"„", "”"}, {"‘", "’"}, {"«", "»"}, {"»", "«"}, {"「", "」"}, {"『", "』"},
	{"``", "''"}, {"``", "″"}, {"``", "”"}, {"\"", "\""}, {"'", "'"}, {"‹", "›"},
}

// quotedYearRE is a year in brackets ending a quotation, after a stray
// quote mark.
var quotedYearRE = regexp.MustCompile(`\s*["“”‘’]\s*\((?:18|19|20)\d\d\)$`)

// quoted is a phrase in quotation marks: its text and where it starts.
type quoted struct {
	text  string
	start int
}

// quotations finds the phrases of text in quotation marks (at most 120
// bytes each, in one pass per pair).
func quotations(text string) []quoted {
	var out []quoted
	for _, p := range pairs {
		if !strings.Contains(text, p.open) {
			continue
		}
		for i := 0; i < len(text); {
			k := strings.Index(text[i:], p.open)
			if k < 0 {
				break
			}
			open := i + k
			inner := open + len(p.open)
			if p.open == "'" && open > 0 && isWordByte(text[open-1]) {
				i = inner // an apostrophe
				continue
			}
			rest := text[inner:min(len(text), inner+121)]
			e := -1
			for from := 0; from < len(rest); {
				j := strings.Index(rest[from:], p.close)
				if j < 0 {
					break
				}
				j += from
				after := inner + j + len(p.close)
				if (p.close == "'" || p.close == "’") && after < len(text) && isWordByte(text[after]) {
					from = j + len(p.close) // "Mother’s": an apostrophe
					continue
				}
				e = j
				break
			}
			if e <= 0 {
				i = inner
				continue
			}
			q := text[inner : inner+e]
			// “Daewon-gun “ (1968)”: a closing quote typed as an opening
			// one, the year left inside.
			if m := quotedYearRE.FindStringIndex(q); m != nil && m[0] > 0 {
				q = q[:m[0]]
			}
			out = append(out, quoted{text: q, start: inner})
			i = inner + e + len(p.close)
		}
	}
	return out
}

func isWordByte(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c >= 0x80
}

// labelPrefixRE is a label before a title in a heading or a page title:
// "Review:", "Film review –", "Interlude:", "Now showing |", "No. 3:",
// "21)", "#4 ", a column's name and number ("WTF ASIA 167:", "Episode
// 12 –").
var labelPrefixRE = regexp.MustCompile(`(?i)^(?:(?:film |movie |dvd |blu-ray |book |tv |mini[- ])?(?:review|reviews|re-view|now showing|screening|programme note|program note|in cinemas|on dvd|on blu-ray|classic|retrospective|recommended|watch|pick of the week|interlude|bonus|honou?rable mention|extra|update|exclusive|trailer|interview|preview|recap|essay|spotlight|focus|opening night|closing night|centrepiece|centerpiece|gala|world premiere|uk premiere|premiere|special screening|documentary of the week|film of the week|double bill|encore|kaiju day marathon|marathon)\s*[:|–—-]\s+|(?:#|no\.\s*|day\s+|part\s+|number\s+)?\d{1,3}\s*[.)–—-]\s+)` +
	// A column's name and number; its capitals are the case, not (?i).
	`|^(?-i:(?:\p{Lu}{2,}\s+){1,3})#?\d{1,4}\s*[:|–—-]\s+|^(?:episode|ep\.|day|chapter|week|issue|volume|vol\.|entry|column)\s*#?\d{1,4}\s*[:|–—-]\s+`)

// counterRE is a blog's running number before a title ("2077. The Flower
// Girl"), too long for a list number; a year there would be no counter.
var counterRE = regexp.MustCompile(`^(\d{4,5})\.\s+\S`)

// reviewSuffixRE is a label after a title: "(movie review)", " review",
// " – Review", ": a review".
var reviewSuffixRE = regexp.MustCompile(`(?i)(?:\s*[(\[](?:movie|film|dvd|blu-ray|book|tv)?\s*review[)\]]|\s*[:|–—-]?\s*(?:a\s+|the\s+)?(?:movie |film |dvd |felix )?review)\s*$`)

// reviewWordRE says a title's label made it a review.
var reviewWordRE = regexp.MustCompile(`(?i)review|now showing|screening|programme|program|premiere|gala|of the week|marathon`)

// numberRE is a list entry's number.
var numberRE = regexp.MustCompile(`^(?:#|no\.\s*|number\s+)?\d{1,3}\s*[.)–—-]\s*$`)

// trimLabelsNumbered is trimLabels, saying also whether a list number
// was taken off.
func trimLabelsNumbered(t string) (title string, review, numbered bool) {
	t = strings.TrimSpace(t)
	for i := 0; i < 3; i++ {
		m := labelPrefixRE.FindString(t)
		if m == "" || len(m) >= len(t) {
			break
		}
		if reviewWordRE.MatchString(m) {
			review = true
		}
		if numberRE.MatchString(strings.TrimSpace(m)) {
			numbered = true
		}
		t = strings.TrimSpace(t[len(m):])
	}
	if m := counterRE.FindStringSubmatch(t); m != nil {
		if n := atoi(m[1]); n < 1880 || n > 2035 {
			t = strings.TrimSpace(t[len(m[1])+1:])
			numbered = true
		}
	}
	if m := reviewSuffixRE.FindStringIndex(t); m != nil && m[0] > 0 {
		t = strings.TrimSpace(t[:m[0]])
		review = true
	}
	return t, review, numbered
}

// trimSite takes a site name off a page title: "Pulgasari | Horror Press",
// "Review – The Flower Girl - Cinema Escapist".
func trimSite(t, site string) string {
	for _, sep := range []string{" | ", " – ", " — ", " - ", " :: ", " · ", " » "} {
		i := strings.LastIndex(t, sep)
		if i <= 0 {
			continue
		}
		rest := t[i+len(sep):]
		if site != "" && Key(rest) == Key(site) || len(words(rest)) <= 3 && len(words(t[:i])) >= 1 && siteLike(rest) {
			return strings.TrimSpace(t[:i])
		}
	}
	return t
}

var siteRE = regexp.MustCompile(`(?i)\.(?:com|org|net|co\.uk|de|kr|jp|fr|info|io)\b|\b(?:blog|news|times|post|magazine|online|daily|review|journal|wiki|wikipedia|imdb|mubi|letterboxd|press|media|tv|film|films|cinema)\b`)

func siteLike(s string) bool { return siteRE.MatchString(s) }

// headingTitle reads a heading (or a page title, a list entry) as a title
// with what is written around it: "Title (1985) (alt / alt)", "Title,
// 1985", "1. Title (1979)", "Title: July 20" (a date after it).
func headingTitle(h string) (title string, year int, alts []string, review bool) {
	ht := readHeading(h)
	return ht.title, ht.year, ht.alts, ht.review
}

// heading is a heading read as a title, with what was written around it.
type headingRead struct {
	title            string
	year             int
	alts             []string
	review, numbered bool
	date             bool // a release date after it
	lifespan         bool // a span of years after it: a person's dates
}

// features are what the reading says of the title.
func (h headingRead) features() Features {
	var f Features
	if h.numbered {
		f = f.With(FNumbered)
	}
	if h.date {
		f = f.With(FDateBeside)
	}
	if h.year > 0 {
		f = f.With(FYearBeside)
	}
	if h.review {
		f = f.With(FReviewLabel)
	}
	if h.lifespan {
		f = f.With(FLifespan)
	}
	return f
}

func readHeading(h string) headingRead {
	t, review, numbered := trimLabelsNumbered(h)
	var alts []string
	year, date, lifespan := 0, false, false
	// "Title (1985) (alt / alt)": the other titles after the year.
	if i := strings.LastIndex(t, "("); i > 0 && strings.HasSuffix(t, ")") {
		prev := strings.TrimSpace(t[:i])
		// A ")" with no "(" before it ("A)(b)") is no year in brackets.
		if j := strings.LastIndex(prev, "("); j >= 0 && strings.HasSuffix(prev, ")") {
			if y, _, _ := yearAfter(prev[j:]); y > 0 {
				for _, a := range strings.Split(t[i+1:len(t)-1], "/") {
					if a = CleanTitle(a); titleLike(a) {
						alts = append(alts, a)
					}
				}
				t = prev
			}
		}
	}
	// The last bracket with a year.
	for i := strings.LastIndexAny(t, "(["); i > 0; i = strings.LastIndexAny(t[:i], "([") {
		y, alt, span := yearAfter(t[i:])
		if y == 0 {
			continue
		}
		close := strings.IndexAny(t[i:], ")]")
		if close < 0 || strings.TrimSpace(t[i+close+1:]) != "" {
			break
		}
		if span {
			// "Shin Sang-ok (1926–2006)": a person's lifespan.
			t, lifespan = strings.TrimSpace(t[:i]), true
			break
		}
		year = y
		if alt != "" {
			alts = append(alts, alt)
		}
		t = strings.TrimSpace(t[:i])
		break
	}
	if year == 0 {
		if m := headingYearRE.FindStringSubmatchIndex(t); m != nil {
			if y := atoi(t[m[2]:m[3]]); y > 0 {
				year = y
				t = strings.TrimSpace(t[:m[0]])
			}
		}
	}
	// "The Dark Knight Rises: July 20": a date after a colon.
	if k := strings.LastIndex(t, ": "); k > 0 && dateLike(words(t[k+2:])) {
		t, date = t[:k], true
	}
	// "MIFF 2013 – Comrade Kim Goes Flying (2012)": an event's name
	// before the title.
	if k := strings.Index(t, " – "); k > 0 {
		if pre := t[:k]; yearWordRE.MatchString(pre) || eventNouns[bare(lastWordOf(pre))] {
			if rest := t[k+len(" – "):]; titleLike(rest) {
				t = rest
			}
		}
	}
	// "Black Eagle (R2B: Return to Base)": another title in brackets; one
	// in another script ("The Flower Girl (꽃파는 처녀) (1972)") even
	// before the year.
	if i := strings.LastIndex(t, " ("); i > 0 && strings.HasSuffix(t, ")") && (year == 0 || otherScript(t[i:])) {
		if alt := CleanTitle(t[i+2 : len(t)-1]); titleLike(alt) && !countryList(alt) && !creditWords.MatchString(strings.Map(dropDigits, alt)) && !yearWordRE.MatchString(alt) {
			alts = append(alts, alt)
			t = t[:i]
		}
	}
	return headingRead{title: uninvert(CleanTitle(t)), year: year, alts: alts, review: review, numbered: numbered, date: date, lifespan: lifespan}
}

// invertedRE is a title filed under its first word after its article, the
// way archives and catalogues sort them: "Flower Girl, The".
var invertedRE = regexp.MustCompile(`^(\S.*?),\s+(The|THE|A|An|AN|Les|La|Le|L'|Der|Die|Das|El|Il)$`)

// uninvert puts an article filed after the title back in front.
func uninvert(t string) string {
	if m := invertedRE.FindStringSubmatch(t); m != nil {
		sep := " "
		if strings.HasSuffix(m[2], "'") {
			sep = ""
		}
		return m[2] + sep + m[1]
	}
	return t
}

// otherScript reports whether s is written in a script other than Latin
// (Hangul, Chinese characters, kana, Cyrillic): another title, never a
// credit.
func otherScript(s string) bool {
	for _, r := range s {
		if unicode.In(r, unicode.Hangul, unicode.Han, unicode.Hiragana, unicode.Katakana, unicode.Cyrillic) {
			return true
		}
	}
	return false
}

// headingYearRE is "Title, 1985" or "Title – 1985" ending a heading.
var headingYearRE = regexp.MustCompile(`\s*(?:,|\s[–—-])\s*` + YearPat + `\s*$`)

// dropDigits maps a digit out of a string ("R2B" is no running time).
func dropDigits(r rune) rune {
	if r >= '0' && r <= '9' {
		return -1
	}
	return r
}

func lastWordOf(s string) string {
	ws := words(s)
	if len(ws) == 0 {
		return ""
	}
	return ws[len(ws)-1]
}

func atoi(s string) int {
	n := 0
	for _, r := range s {
		if r < '0' || r > '9' {
			return 0
		}
		n = n*10 + int(r-'0')
	}
	return n
}

// ordinalRE is a number or an ordinal alone: "60th", "1920s".
var ordinalRE = regexp.MustCompile(`^\d+(?:st|nd|rd|th|s|'s|’s)?$`)

// add records a mention.
func (r *reader) add(m mention) {
	m.title = CleanTitle(m.title)
	if k := strings.Index(m.title, "("); k > 0 && !strings.Contains(m.title[k:], ")") {
		m.title = CleanTitle(m.title[:k]) // "Choe Ik-gyu (1928–2016"
	}
	if !titleLike(m.title) || dateLike(words(m.title)) || strings.Contains(m.title, "Category:") || ordinalRE.MatchString(m.title) {
		return
	}
	// A film, series or genre noun alone ("TV", "Film", "Documentary") is
	// a kind, not a title, unless the format marks it.
	if ws := words(m.title); len(ws) == 1 && m.feats&markedFeatures == 0 && (filmNouns[bare(ws[0])] || seriesNouns[bare(ws[0])] || genreNouns[bare(ws[0])] || bare(ws[0]) == "tv") {
		return
	}
	// A pronoun or a sentence's first word is a title only where the
	// format marks it ("It" in italics).
	if ws := words(m.title); len(ws) == 1 && (pronouns[ws[0]] || openers[ws[0]] || strings.HasPrefix(Fold(ws[0]), "I'")) && m.feats&markedFeatures == 0 {
		return
	}
	// "(Inglorious Bastards, Pulp Fiction)": a list of titles marked as
	// one.
	if strings.Count(m.title, ", ") >= 1 && strings.HasPrefix(strings.TrimSpace(m.title), "(") {
		for _, part := range strings.Split(strings.Trim(m.title, "() "), ", ") {
			r.add(mention{title: part, block: m.block, start: -1, feats: m.feats, kind: m.kind})
		}
		return
	}
	// "Abdellatif Kechiche’s 2013 Blue is the Warmest Colour": the
	// year after a director's possessive is the film's, not its title's.
	if m.feats&(whole|markedFeatures) == 0 && m.feats.Has(FDirector) {
		if ym := leadYearRE.FindStringSubmatch(m.title); ym != nil {
			rest := strings.TrimLeft(m.title[len(ym[1]):], " ")
			if m.start >= 0 {
				m.start += len(m.title) - len(rest)
			}
			m.title, m.year = rest, atoi(ym[1])
			m.feats = m.feats.With(FYearBeside)
		}
	}
	// "Emily Watson in The Book Thief": a performance, and its film.
	if m.feats&markedFeatures == 0 {
		if rest, ok := actorIn(m.title); ok {
			if m.start >= 0 {
				m.start += strings.LastIndex(m.title, rest)
			}
			m.title = rest
			m.feats = m.feats.With(FFilmRelation)
		}
	}
	// "his 2008 film Maimaiti’s director": the title is before the
	// possessive.
	if ws := words(m.title); m.feats&(whole|markedFeatures) == 0 && isPossessive(ws[len(ws)-1]) {
		ws[len(ws)-1] = trimPossessive(ws[len(ws)-1])
		m.title = strings.Join(ws, " ")
	}
	// "1985's Pulgasari", "Shin's Pulgasari": the year's or the director's
	// (a sentence's; a heading, a cell or a mark is the title as written:
	// "Mickey's Once Upon a Christmas").
	if ws := words(m.title); len(ws) > 1 && m.feats&(whole|markedFeatures) == 0 && possessiveLead(ws) > 0 {
		k := possessiveLead(ws)
		if y := atoi(strings.TrimRight(Fold(ws[0]), "'s")); y > 0 && k == 1 {
			m.year = y
			m.feats = m.feats.With(FYearBeside)
		} else if personPossessive(strings.Join(ws[:k], " ")) {
			m.feats = m.feats.With(FDirector)
		}
		m.title = strings.Join(ws[k:], " ")
		if m.start >= 0 {
			m.start = -1
		}
		if !titleLike(m.title) {
			return
		}
	}
	r.out = append(r.out, m)
}

// MaxCandidates is the number of possible titles one article is read for.
// The most any real text beside the project has is 1,369 (a State of the
// Union address); a text of nothing but titles ("Film Number 1 (1985),
// Film Number 2 (1985), …") has 43,000 a megabyte, and weighing each one
// costs tens of microseconds.
const MaxCandidates = 20000

// CappedError says an article had more than MaxCandidates possible titles:
// the films are read from the part before Block only. Its Works are still
// returned.
type CappedError struct {
	// Block is the article's block (the passage's text) where reading
	// stopped, quoted in Near.
	Block int
	Near  string
}

func (e *CappedError) Error() string {
	return fmt.Sprintf("more than %d possible film titles: films are read up to %q only", MaxCandidates, e.Near)
}

// stopped reports whether the reader's context is done, keeping its error.
func (r *reader) stopped() bool {
	if r.err == nil && r.ctx != nil {
		r.err = r.ctx.Err()
	}
	return r.err != nil
}

// candidates reads every mention of the article.
func (r *reader) candidates() []mention {
	d := r.doc
	r.lower = lowerWords(d)
	r.docTitles()
	for i := range d.Blocks {
		if i%16 == 0 && r.stopped() {
			return nil
		}
		b := &d.Blocks[i]
		switch b.Kind {
		case Heading:
			r.heading(i)
		case Row:
			// Rows are read per table, below.
		case Credits:
		default:
			r.block(i)
		}
	}
	if r.stopped() {
		return nil
	}
	r.tables()
	r.dropContained()
	r.dropJoined()
	r.occurrences()
	if r.stopped() {
		return nil
	}
	r.catalogue()
	if filmArticle(d) {
		// An article about films names films far more often than a
		// speech or a shop's page: every candidate carries that, and a
		// marked or listed one more.
		for k := range r.out {
			f := r.out[k].feats.With(FFilmArticle)
			if f.Has(FEmphasis) || f.Has(FQuoted) || f.Has(FListEntry) {
				f = f.With(FMarkedFilmArticle)
			}
			r.out[k].feats = f
		}
	}
	return r.out
}

// filmArticleWords are the words of an article about films.
var filmArticleWords = newWordList("film", "films", "movie", "movies", "cinema", "documentary", "documentaries", "filmmaker", "filmography", "screening", "festival")

// filmArticle reports whether an article is about films: its title or
// metadata says so, or its body speaks of films throughout. A phrase it
// marks is then more likely a title than in a speech or a history.
func filmArticle(d Doc) bool {
	if filmArticleWords.has(d.Title) || filmArticleWords.has(d.Subtitle) || filmTypeRE.MatchString(d.Type) {
		return true
	}
	// Film words, as dense as a review's: one in every 1,500 bytes, at
	// least three (a country's encyclopedia page that mentions its
	// cinema once is no article about films).
	// A film's credits and "Title (1969)" count with them, once a film
	// word is there: a short list of films with their years says films
	// more than its few words do.
	n, signs, size := 0, 0, 0
	for _, b := range d.Blocks {
		n += len(filmArticleWords.find(b.Text))
		if b.Kind == Credits || b.Kind == Row && !b.Header && yearCellRE.MatchString(b.Text) {
			signs++ // credits, a table's dated row
		} else if strings.Contains(b.Text, "(1") || strings.Contains(b.Text, "(2") {
			// (The regexp starts at every capital: most blocks have no
			// bracketed year for it to end in.)
			signs += len(titleYearRE.FindAllStringIndex(b.Text, -1))
		}
		size += len(b.Text)
	}
	n += min(signs, 2*max(n, 1)) * btoi(n > 0)
	return n >= 3 && n*1500 >= size
}

// yearCellRE is a table row's year cell.
var yearCellRE = regexp.MustCompile(`(?:^|·\s)(?:18|19|20)\d\d(?:\s·|$)`)

// titleYearRE is a capitalised word and a year in brackets after it.
var titleYearRE = regexp.MustCompile(`\p{Lu}[\p{L}'’!?.-]*\s*\((?:18|19|20)\d\d\)`)

// dropJoined drops a mention read from a sentence that is two titles the
// block marks joined by "and": "Woman of Fire and Woman of Fire ’82".
func (r *reader) dropJoined() {
	marked := map[int]map[string]bool{}
	for _, m := range r.out {
		if m.block >= 0 && m.feats&(whole|markedFeatures) != 0 {
			if marked[m.block] == nil {
				marked[m.block] = map[string]bool{}
			}
			marked[m.block][Key(m.title)] = true
		}
	}
	kept := r.out[:0]
	for _, m := range r.out {
		if m.block >= 0 && m.feats&(whole|markedFeatures) == 0 {
			if a, b, ok := strings.Cut(m.title, " and "); ok && marked[m.block][Key(a)] && marked[m.block][Key(b)] {
				continue
			}
		}
		kept = append(kept, m)
	}
	r.out = kept
}

// dropContained drops a mention read from a sentence that lies inside a
// longer mention of the same block: "Eyes Only" inside "For Your Eyes
// Only", "OK" inside "I’m a Cyborg, But That’s OK". Spans are compared
// sorted, block by block, in one sweep.
func (r *reader) dropContained() {
	type span struct{ block, start, end, m int }
	var spans []span
	for k, m := range r.out {
		if m.block >= 0 && m.start >= 0 {
			spans = append(spans, span{m.block, m.start, m.start + len(m.title), k})
		}
	}
	sort.Slice(spans, func(a, b int) bool {
		if spans[a].block != spans[b].block {
			return spans[a].block < spans[b].block
		}
		if spans[a].start != spans[b].start {
			return spans[a].start < spans[b].start
		}
		return spans[a].end > spans[b].end
	})
	drop := make([]bool, len(r.out))
	reach, reachLen, block := -1, 0, -1
	for _, sp := range spans {
		if sp.block != block {
			block, reach, reachLen = sp.block, -1, 0
		}
		m := r.out[sp.m]
		if sp.end <= reach && sp.end-sp.start < reachLen && m.feats&(whole|markedFeatures) == 0 {
			drop[sp.m] = true
			continue
		}
		if sp.end > reach {
			reach, reachLen = sp.end, sp.end-sp.start
		}
	}
	kept := r.out[:0]
	for k, m := range r.out {
		if !drop[k] {
			kept = append(kept, m)
		}
	}
	r.out = kept
}

// docTitles reads the article's own titles.
func (r *reader) docTitles() {
	d := r.doc
	var typ Features
	if filmTypeRE.MatchString(d.Type) || d.FilmMeta {
		typ = typ.With(FDocTypeFilm)
	}
	if t := trimSite(d.Title, d.Site); t != "" {
		ht := readHeading(t)
		title, year := ht.title, ht.year
		if r.writtenInBody(title) {
			typ = typ.With(FDocTitleInBody)
		}
		f := (ht.features() | typ).With(FDocTitle, FWholeBlock)
		if d.FilmMeta {
			f = f.With(FDocFilmMeta)
		}
		// A page about one film: its metadata describes a film, or its
		// title is a review's or gives the film's year.
		r.oneFilm = d.FilmMeta || ht.review || ht.year > 0
		r.add(mention{title: title, block: -1, start: -1, feats: f, year: year, alts: ht.alts})
		// "Goryeojang: Kim Ki-young's …", "Pulgasari: the monster movie":
		// the part before a colon alone.
		if pre, ok := colonPrefix(title); ok {
			// (The metadata describes the whole title's film, not the
			// part before its colon.)
			r.add(mention{title: pre, block: -1, start: -1, feats: f.Without(FDocFilmMeta).With(FSubtitleColon), year: year})
		}
	}
	if s := strings.TrimSpace(d.Subtitle); s != "" {
		// "Olympus Has Fallen review", "The FELIX review".
		title, _, _, review := headingTitle(s)
		f := typ.With(FDocSubtitle)
		if review {
			r.add(mention{title: title, block: -1, start: -1, feats: f.With(FReviewLabel, FWholeBlock)})
		} else if t, n := readTitleForward(s); t != "" && subjectVerbRE.MatchString(s[n:]) && !d.FilmMeta {
			// (Under a film's metadata the description is its synopsis,
			// whose subject is a character: "Ethan Hunt and his team …".)
			// "The Housemaid is a rollercoaster ride of suspense"
			r.add(mention{title: t, block: -1, start: -1, feats: f})
		}
	}
	for _, n := range d.Names {
		title, year, alts, _ := headingTitle(n)
		f := typ.With(FDocName, FWholeBlock)
		if d.FilmMeta {
			f = f.With(FDocFilmMeta)
		}
		r.add(mention{title: title, block: -1, start: -1, feats: f, year: year, alts: alts})
	}
}

// colonPrefix returns the part of a title before its colon, when that part
// can be a title alone ("Pulgasari: The People's Godzilla"); a place or a
// person before the colon ("North Korea: The Great Illusion") is the
// title's first word, not a title.
func colonPrefix(title string) (string, bool) {
	k := strings.Index(title, ": ")
	if k <= 0 {
		return "", false
	}
	pre := title[:k]
	if countryList(pre) || personName(words(pre)) {
		return "", false
	}
	return pre, true
}

// writtenInBody reports whether the article's body writes a title (as
// whole words, with its capitals).
func (r *reader) writtenInBody(title string) bool {
	if len(words(title)) == 0 || len(words(title)) > 12 {
		return false
	}
	mt := newMatcher()
	mt.add(title, 0, true)
	for _, b := range r.doc.Blocks {
		if b.Kind != Heading && b.Kind != Credits && len(mt.findAll(b.Text)) > 0 {
			return true
		}
	}
	return false
}

// filmTypeRE says an article's metadata makes it about a film.
var filmTypeRE = regexp.MustCompile(`(?i)\b(?:movie|movies|film|films|cinema|documentary|review|reviews)\b`)

// subjectVerbRE opens the rest of a sentence whose subject is a title:
// "… is a rollercoaster", "… tells the story".
var subjectVerbRE = regexp.MustCompile(`^\s*(?:is|was|remains|tells|follows|stars|offers|brings|takes|opens|depicts|shows|explores|returns|gives|proves|marks)\b`)

// heading reads a heading.
func (r *reader) heading(i int) {
	b := r.doc.Blocks[i]
	ht := readHeading(b.Text)
	title, year, alts := ht.title, ht.year, ht.alts
	f := ht.features().With(FHeading, FWholeBlock)
	if next := r.nextBlock(i); next >= 0 {
		nb := r.doc.Blocks[next]
		if nb.Kind == Credits {
			f = f.With(FCreditsNext)
		} else if (nb.Kind == Para || nb.Kind == Item) && !r.oneFilm {
			// (In a page about one film, "the film" under a heading is
			// that film: the heading is a part of the review.)
			if bodyFilmRE.MatchString(nb.Text[:min(len(nb.Text), 1200)]) {
				f = f.With(FBodySaysFilm)
			}
		}
	}
	r.add(mention{title: title, block: i, start: strings.Index(b.Text, title), feats: f, year: year, alts: alts})
	if pre, ok := colonPrefix(title); ok {
		r.add(mention{title: pre, block: i, start: -1, feats: f.With(FSubtitleColon), year: year})
	}
	// A bold or italic phrase opening the heading ("**Oldboy** (2003)").
	r.marks(i)
}

// bodyFilmRE finds the words with which a paragraph under a film's
// heading speaks of it.
var bodyFilmRE = regexp.MustCompile(`(?i)\b(?:film|films|movie|movies|documentary|picture|drama|comedy|thriller|epic|melodrama|blockbuster|debut|remake|sequel|adaptation|directed|directs|director|stars|starring|starred|screens|screening|premiered|box office|filmmaker|cinematography|big screen|on screen)\b`)

// nextBlock returns the index of the block after i that is not a caption,
// or -1.
func (r *reader) nextBlock(i int) int {
	for j := i + 1; j < len(r.doc.Blocks) && j <= i+3; j++ {
		if r.doc.Blocks[j].Kind != Caption {
			return j
		}
	}
	return -1
}

// block reads a paragraph, list item, caption or note.
func (r *reader) block(i int) {
	b := r.doc.Blocks[i]
	r.marks(i)
	for _, q := range quotations(b.Text) {
		f := Features(0).With(FQuoted)
		if strings.TrimSpace(strings.Trim(b.Text, ` “”"'‘’.,:;!?«»`)) == strings.TrimSpace(q.text) {
			f = f.With(FWholeBlock)
		}
		r.context(i, q.text, q.start, f)
	}
	// A short line or a list entry: "The Dark Knight Rises: July 20",
	// "Moonraker (1979)", "COMRADE KIM GOES FLYING (North Korea, 2012)".
	// (At most 4 KB: a block of one endless "word" is no entry, and
	// reading it as a heading walks every bracket in it.)
	if len(b.Text) <= 4096 && (b.Kind == Item || b.Kind == Para && len(words(b.Text)) <= 12 && !strings.HasSuffix(strings.TrimRight(b.Text, `"”’)`), ".")) {
		lead := b.Text
		if k := strings.Index(lead, " – "); k > 0 && b.Kind == Item {
			lead = lead[:k]
		}
		ht := readHeading(lead)
		title, year, alts := ht.title, ht.year, ht.alts
		actor := false
		if rest, ok := actorIn(title); ok {
			// "Anthony Hopkins in Red 2": a performance, and its film.
			title, actor = rest, true
		}
		if title != "" && len(words(title)) <= 10 {
			f := ht.features().With(FListEntry)
			if actor {
				f = f.With(FFilmRelation)
			}
			if Key(title) == Key(b.Text) || year > 0 && len(words(lead)) <= len(words(title))+4 {
				f = f.With(FWholeBlock)
			}
			if next := r.nextBlock(i); next >= 0 && r.doc.Blocks[next].Kind == Credits {
				f = f.With(FCreditsNext)
			}
			r.add(mention{title: title, block: i, start: strings.Index(b.Text, title), feats: f, year: year, alts: alts})
		}
	}
	r.prose(i)
	r.aliases(i)
}

// aliasCueRE introduces another title: "also known as", "aka", "known
// under the English title", "released in the US as", "the original title
// of".
var aliasCueRE = regexp.MustCompile(`(?i)(?:\b(?:also\s+)?known\s+(?:as|under\s+(?:the|its)\s+[^,.;()]{0,80}?titles?)|\b(?:english|original|korean|japanese|chinese|russian|international|alternative|alternate|working|literal|translated|us|american|british|uk)\s+titles?(?:\s+of)?(?:\s+(?:was|is))?|\breleased\s+(?:[^,.;]{0,40}?\s+)?(?:under\s+the\s+(?:title|name)|as)|\b(?:aka|a\.k\.a\.?|AKA)|\bretitled|\balso\s+called)[,:]?\s+`)

// aliases reads the other titles a paragraph gives: "Meet in Pyongyang,
// also known under the English title Promise in Pyongyang", "If There
// Is No Love aka Necklace in the Time of War". An other title given
// without a title before it belongs to the film of the section.
func (r *reader) aliases(i int) {
	b := r.doc.Blocks[i]
	text := b.Text
	if !strings.Contains(text, "known") && !strings.Contains(text, "title") && !strings.Contains(text, "aka") &&
		!strings.Contains(text, "AKA") && !strings.Contains(text, "a.k.a") && !strings.Contains(text, "released") &&
		!strings.Contains(text, "retitled") && !strings.Contains(text, "called") {
		return
	}
	for _, m := range aliasCueRE.FindAllStringIndex(text, -1) {
		alias, _ := readTitleForward(text[m[1]:])
		if alias == "" || len(words(alias)) > 10 {
			continue
		}
		pre := strings.TrimRight(text[:m[0]], " ")
		pre = strings.TrimSuffix(strings.TrimSuffix(pre, "also"), "Also")
		pre = strings.TrimRight(pre, " ,(–—-")
		title, at := readTitleBackward(pre)
		if title != "" && m[0]-len(pre) <= 8 {
			{
				n := len(r.out)
				r.context(i, title, at, Features(0).With(FAlias))
				if len(r.out) > n {
					r.out[n].alts = append(r.out[n].alts, alias)
				}
			}
			continue
		}
		// "The film, also known as …": the section's film.
		if len(b.Path) > 0 {
			if ht := readHeading(b.Path[len(b.Path)-1]); ht.title != "" {
				r.add(mention{title: ht.title, block: -1, start: -1, feats: Features(0).With(FAlias), alts: []string{alias}})
			}
		}
	}
}

// marks reads the phrases a block's format marks.
func (r *reader) marks(i int) {
	b := r.doc.Blocks[i]
	lists := markedLists(b.Text, b.Marks)
	from := 0
	for mi, m := range b.Marks {
		k := strings.Index(b.Text[from:], m.Text)
		if k < 0 {
			k = strings.Index(b.Text, m.Text)
		} else {
			k += from
		}
		var f Features
		switch m.Kind {
		case Emphasis:
			f = f.With(FEmphasis)
		case Bold:
			f = f.With(FBold)
		case Link:
			f = f.With(FLink)
		case Alt:
			f = f.With(FLink)
		}
		if len(m.Text) >= len(b.Text)-8 && Key(m.Text) == r.blockIndex(i).key {
			f = f.With(FWholeBlock)
		}
		if strings.HasSuffix(strings.TrimSpace(m.Text), ":") {
			continue // "_Director:_ Kim Ki-young": a label
		}
		if lists[mi] {
			f = f.With(FMarkedList)
		}
		if k >= 0 {
			from = k + len(m.Text)
		}
		t := m.Text
		if m.Kind != Link {
			// "Sight and Sound, March 2020", "Kim Ki-young (1919-98)":
			// a mark may hold a title and what follows it.
			if title, year, _, _ := headingTitle(t); title != "" && year > 0 {
				t = title
			}
		}
		if m.URL != "" && otherPageRE.MatchString(m.URL) {
			// A link to a person's or a book's page names no film.
			f = f.With(FNonFilmHead)
		}
		if m.URL != "" {
			// A link to a film's page: its text, or the words of its text
			// the page's address names ("as in Chappie" → …/chappie-
			// movie-review.html).
			if ft, ok := filmLink(m.URL, t); ok {
				if title, year, _, _ := headingTitle(ft); title != "" && year > 0 {
					ft = title // "The Invitation (2015)"
				}
				at := k
				if at >= 0 {
					at += strings.Index(t, ft)
				}
				r.context(i, ft, at, f.With(FLinkFilm))
				continue
			}
		}
		r.context(i, t, k, f)
	}
}

// filmPageRE is the address of a film's page on a film database or an
// encyclopedia.
var filmPageRE = regexp.MustCompile(`(?i)(?:^|/)(?:films?|movies?)/reviews?/[a-z0-9]|(?:^|/)reviews?/(?:films?|movies?)/[a-z0-9]|\b(?:imdb\.com/title/tt\d|letterboxd\.com/film/|themoviedb\.org/movie/|rottentomatoes\.com/m/|mubi\.com/(?:[a-z]{2}/)?films/|kmdb\.or\.kr/|hancinema\.net/korean_movie_|wikipedia\.org/wiki/[^?#]*_\((?:\d{4}_)?(?:[a-z_-]*_)?film\))`)

// otherPageRE is the address of a person's or a book's page.
var otherPageRE = regexp.MustCompile(`(?i)\b(?:imdb\.com/name/nm\d|themoviedb\.org/person/|letterboxd\.com/(?:actor|director)/|goodreads\.com/(?:book|author)/|wikipedia\.org/wiki/[^?#]*_\((?:novel|book|comics?|comic_series|manga|play|song|album|band|actor|actress|director|politician)\))`)

// reviewSlugRE is a review's address whose last part names the film:
// ".../chappie-movie-review.html", ".../the-berlin-file-film-review/".
var reviewSlugRE = regexp.MustCompile(`(?i)/([a-z0-9]+(?:[-_][a-z0-9]+)*?)[-_](?:movie|film)[-_]review(?:\.html?)?/?(?:[?#].*)?$`)

// wordTokenRE is a word of a link's text, split at hyphens as an
// address's slug is ("Wall-e" is wall-e-movie-review's "wall e").
var wordTokenRE = regexp.MustCompile(`[\p{L}\p{N}]+`)

// filmLink returns the title a link names when its address is a film's
// page: the link's text for a film database's page, the words of the text
// that the address's slug spells for a review's.
func filmLink(url, text string) (string, bool) {
	if filmPageRE.MatchString(url) {
		return text, titleLike(text)
	}
	m := reviewSlugRE.FindStringSubmatch(url)
	if m == nil {
		return "", false
	}
	slug := strings.Fields(strings.NewReplacer("-", " ", "_", " ").Replace(strings.ToLower(m[1])))
	toks := wordTokenRE.FindAllStringIndex(text, -1)
	for i := 0; i+len(slug) <= len(toks); i++ {
		ok := true
		for j, sw := range slug {
			if Key(text[toks[i+j][0]:toks[i+j][1]]) != sw {
				ok = false
				break
			}
		}
		if ok {
			t := CleanTitle(text[toks[i][0]:toks[i+len(slug)-1][1]])
			return t, titleLike(t)
		}
	}
	return "", false
}

// markedLists says, per mark of a block, whether it is one of three or
// more marked phrases listed in a row with commas or "and" (one pass over
// the marks in order).
func markedLists(text string, marks []Mark) []bool {
	out := make([]bool, len(marks))
	if len(marks) < 3 {
		return out
	}
	starts := make([]int, len(marks))
	from := 0
	for k, m := range marks {
		starts[k] = -1
		if j := strings.Index(text[from:], m.Text); j >= 0 {
			starts[k] = from + j
			from += j + len(m.Text)
		}
	}
	joined := func(k int) bool { // marks k-1 and k are listed together
		a, b := starts[k-1], starts[k]
		if a < 0 || b < 0 || b < a+len(marks[k-1].Text) || b-a-len(marks[k-1].Text) > 12 {
			return false
		}
		gap := strings.TrimSpace(strings.Trim(text[a+len(marks[k-1].Text):b], " *_\"”’)("))
		switch gap {
		case ",", "and", ", and", "&", ";", "or", ", or":
			return true
		}
		return false
	}
	for k := 0; k < len(marks); {
		e := k + 1
		for e < len(marks) && joined(e) {
			e++
		}
		if e-k >= 3 {
			for x := k; x < e; x++ {
				out[x] = true
			}
		}
		k = e
	}
	return out
}

// context adds a mention of title at text offset start of block i (-1 if
// it cannot be placed) with the evidence of the words around it.
func (r *reader) context(i int, title string, start int, f Features) {
	// One paragraph can hold a million candidates: the budget is checked
	// inside it too.
	if r.calls++; r.calls%512 == 0 && r.stopped() || r.err != nil {
		return
	}
	if r.calls > MaxCandidates {
		if r.capped < 0 {
			r.capped = i
		}
		return
	}
	b := r.doc.Blocks[i]
	m := mention{title: title, block: i, start: start, feats: f}
	if start >= 0 && start+len(title) <= len(b.Text) {
		cf, year, kind, alt := around(b.Text, start, start+len(title), r.blockIndex(i))
		m.feats |= cf
		m.year, m.kind = year, kind
		// "Michael Powell’s _Peeping Tom_ in 1960": a marked title's year
		// after "in" (a phrase read from prose may be a place's or an
		// event's, "the Korean War in 1950").
		if year == 0 && f&markedFeatures != 0 {
			if mm := inYearRE.FindStringSubmatch(b.Text[start+len(title):]); mm != nil {
				m.year = atoi(mm[1])
				m.feats = m.feats.With(FYearBeside)
			}
		}
		if alt != "" {
			m.alts = append(m.alts, alt)
		}
	}
	m.feats |= sectionFeatures(b.Path)
	if m.feats&markedFeatures != 0 && m.feats&filmContext != 0 {
		m.feats = m.feats.With(FMarkedInContext)
	}
	r.add(m)
}

var (
	// whole are the features of a title written as a whole block.
	whole = Features(0).With(FWholeBlock, FHeading, FTableCell, FDocTitle, FDocName)
	// markedFeatures are the features of a phrase its format or its
	// quotes mark.
	markedFeatures = Features(0).With(FEmphasis, FQuoted, FBold, FLink)
	// filmContext are the features that place a phrase among films.
	filmContext = Features(0).With(FFilmWordNear, FFilmHead, FGenreHead, FFilmRelation, FDirector, FCreditBy, FYearBeside, FSectionFilms, FSectionSeries)
)

// around reads the evidence in the words around text[start:end].
func around(text string, start, end int, ix *blockIndex) (f Features, year int, kind Kind, alt string) {
	before := text[max(0, start-100):start]
	for len(before) > 0 && !utf8.RuneStart(before[0]) {
		before = before[1:]
	}
	after := text[end:min(len(text), end+200)]
	// Quotes and marks of the title itself.
	after = strings.TrimLeft(after, `*_”"’'»」』`)
	before = strings.TrimRight(before, `*_“"‘'«「『`)

	// "a producer in Japan (Pacchigi!, 2005)", "Om Gil Son (An Jung Gun
	// Shoots Ito Hirobumi, 1979)": the year and the title in brackets
	// after a place or a person are not theirs.
	title := words(text[start:end])
	if y, a, span := yearAfter(after); y > 0 && !(a != "" && (countryList(text[start:end]) || personName(title))) {
		if span {
			if nounBefore(before, seriesNouns) {
				year, kind = y, KindSeries
				f = f.With(FYearBeside)
			}
		} else {
			year, alt = y, a
			f = f.With(FYearBeside)
		}
	}
	tail := before[max(0, len(before)-48):]
	possessive := strings.Contains(tail, "'s ") || strings.Contains(tail, "’s ")
	if m := possYearRE.FindStringSubmatch(tail); possessive && m != nil && year == 0 {
		year = atoi(m[1])
		f = f.With(FYearBeside)
	}
	// The head noun before: "the 1985 film X", "a DVD of X", "the novel X".
	hb, hk := headBefore(before)
	f |= hb
	if hk != "" {
		kind = hk
	}
	if hb.Has(FFilmHead) || hb.Has(FGenreHead) {
		// "his 2008 film X": the year in the noun phrase is the film's.
		if m := npYearRE.FindStringSubmatch(tail); m != nil && year == 0 {
			year = atoi(m[1])
			f = f.With(FYearBeside)
		}
	}
	// The head noun after: "X, a 1985 monster film", "X is a 2015
	// documentary", "X magazine".
	ha, ak := headAfter(after)
	f |= ha
	if ak != "" && kind == "" {
		kind = ak
	}
	if possessive {
		if loc := directorBeforeRE.FindStringIndex(before); loc != nil && !countryPossessive(before) && personPossessive(before[loc[0]:]) {
			f = f.With(FDirector)
		}
	}
	if directorAfterRE.MatchString(after) {
		f = f.With(FCreditBy)
	}
	if creditedBeforeRE.MatchString(before) && !quoteOpens(text[max(0, start-3):start]) {
		// The names a credit lists; a quoted title after a credit ("X"
		// by A, "Y" by B) is the next entry.
		f = f.With(FCredited)
	}
	if aliasAfterRE.MatchString(after) || hasAny(tail, aliasCueWords) && aliasBeforeRE.MatchString(tail) {
		f = f.With(FAlias)
	}
	if lw := lastWords(tail, 2); len(lw) > 0 && (speechVerbs[lw[len(lw)-1]] || len(lw) == 2 && speechVerbs[lw[0]]) || speechAfterRE.MatchString(after) {
		f = f.With(FSpeech)
	}
	if strings.HasPrefix(strings.TrimLeft(after, " "), ":") && len(words(text[start:end])) <= 3 && !strings.HasPrefix(strings.TrimLeft(after, " :"), "The") {
		// "Director: Kim", "_Director:_": a label.
		if labelWords[bare(text[start:end])] {
			f = f.With(FLabel)
		}
	}
	s0, s1 := ix.sentence(start, end, len(text))
	if anyIn(ix.film, s0, start, end, s1) {
		f = f.With(FFilmWordNear)
	}
	if anyIn(ix.book, s0, start, end, s1) {
		f = f.With(FBookNear)
	}
	if anyIn(ix.stage, s0, start, end, s1) {
		f = f.With(FStageNear)
	}
	if filmsAfterRE.MatchString(after) {
		f = f.With(FFilmsAfter)
	}
	if anyIn(ix.years, s0, start, end, s1) {
		f = f.With(FYearInSentence)
	}
	if start > 0 && strings.HasSuffix(before, " ") && !capitalised(text[start:end]) {
		f = f.With(FLowerStart)
	}
	return f, year, kind, alt
}

// personInRE is a name (two or three capitalised words) before " in ".
var personInRE = regexp.MustCompile(`(\p{Lu}[\p{L}.'’-]*(?:\s+\p{Lu}[\p{L}.'’-]*){1,2}) in `)

// actorIn splits "Anthony Hopkins in Red 2" into the film after the
// performer's name.
func actorIn(t string) (string, bool) {
	k := strings.Index(t, " in ")
	if k <= 0 || !personName(words(t[:k])) {
		return "", false
	}
	rest := t[k+len(" in "):]
	if !titleLike(rest) || countryList(rest) {
		return "", false
	}
	return rest, true
}

// leadYearRE is a year opening a phrase, before a capitalised word.
var leadYearRE = regexp.MustCompile(`^((?:18|19|20)\d\d)\s+(?:\p{Lu}|\d)`)

// actorOfRE is "(Name of Title)" in brackets.
var actorOfRE = regexp.MustCompile(`\((\p{Lu}[\p{L}.'’-]*(?:\s+\p{Lu}[\p{L}.'’-]*){1,3}) of (\p{Lu}[^()]{1,60}?)\)`)

// inYearRE is "in 1960" right after a title (its marks and quotes first).
var inYearRE = regexp.MustCompile(`^[*_”"’'»」』]*\s+in\s+((?:18|19|20)\d\d)\b`)

// possessiveLead returns how many words of a phrase a possessive opening
// it takes ("1985's", "Shin's", "Kim Jong-kwan’s"): up to three words
// ending in "'s", or 0.
func possessiveLead(ws []string) int {
	for k := 0; k < len(ws)-1 && k < 3; k++ {
		if isPossessive(ws[k]) {
			if k == 0 || personName(append(append([]string(nil), ws[:k]...), trimPossessive(ws[k]))) {
				return k + 1
			}
			return 0
		}
	}
	return 0
}

// quoteOpens reports whether s ends with an opening quotation mark.
func quoteOpens(s string) bool {
	s = strings.TrimRight(s, "*_")
	for _, q := range []string{"“", "\"", "‘", "'", "«", "„", "「", "『", "``"} {
		if strings.HasSuffix(s, q) {
			return true
		}
	}
	return false
}

// npYearRE is a year in the noun phrase just before a title: "the 1985
// monster film ".
var npYearRE = regexp.MustCompile(`\b` + YearPat + `(?:\s+[\p{Ll}-]+){1,3},?\s*$`)

// stageWordList finds a word of the stage in a sentence ("theater" and
// "theatrical" are as often the cinema's: "in theaters", "a theatrical
// release").
var stageWordList = newWordList("theatre", "staged", "staging", "playwright", "dramatist", "opera", "operas", "ballet", "ballets", "repertory", "stage play", "on stage", "west end", "broadway")

// bookWordList finds a word of books and writing in a sentence.
var bookWordList = newWordList("novel", "novels", "novella", "book", "books", "published", "publication", "publisher", "serialized", "serialised", "author", "authored", "wrote", "writer", "poem", "poems", "poet", "memoir", "translated", "translation", "magazine", "newspaper", "journal", "essay", "paperback", "hardback", "bestseller", "bestselling")

// filmsAfterRE is a plural film noun right after a name: "Bond films",
// "Manchurian Action films", "Star Wars movies".
var filmsAfterRE = regexp.MustCompile(`^\s+(?:[a-z-]+\s+)?(?:films|movies|pictures|franchise|series|saga|trilogy|sequels|games)\b`)

// filmWordList finds a film word in a sentence.
var filmWordList = newWordList("film", "films", "movie", "movies", "documentary", "documentaries", "cinema", "picture", "feature", "screened", "screening", "screenings", "directed", "director", "starring", "starred", "premiere", "premiered", "box office", "filmed", "filmmaker", "filmmakers", "remake", "sequel", "blockbuster", "dvd", "blu-ray", "trailer")

// headBefore reads the head noun just before a title: "the 1985 film X",
// "his documentary X", "the neorealist drama X", "a DVD of X", "the novel
// X", "the magazine X", "the TV series X".
func headBefore(before string) (Features, Kind) {
	b := strings.TrimRight(before[max(0, len(before)-60):], " ")
	b = strings.TrimSuffix(b, ",")
	ws := lastWords(b, 6)
	if len(ws) == 0 {
		return 0, ""
	}
	n := ws[len(ws)-1]
	// "a DVD of X", "the remake of X", "a sequel to X", "starred in X".
	if (n == "of" || n == "to" || n == "in" || n == "as") && len(ws) >= 2 {
		p := ws[len(ws)-2]
		switch {
		case filmNouns[p]:
			return Features(0).With(FFilmHead), ""
		case filmOf[p]:
			return Features(0).With(FFilmRelation), ""
		case n == "of" && authorOf[p]:
			return Features(0).With(FNonFilmHead), KindBook
		case n == "in" && actedIn[p]:
			return Features(0).With(FFilmRelation), ""
		case periodicalNouns[p]:
			return Features(0).With(FNonFilmHead), kindOther
		case bookNouns[p]:
			return Features(0).With(FNonFilmHead), KindBook
		}
		return 0, ""
	}
	if actedVerbs[n] {
		return Features(0).With(FDirector), ""
	}
	switch {
	case filmNouns[n]:
		if n == "short" || n == "feature" || n == "picture" || n == "features" {
			// "a feature of", "the picture": weak without an article.
			if len(ws) < 2 || !determinerOrYear(ws[len(ws)-2]) && !genreNouns[ws[len(ws)-2]] && !countries[ws[len(ws)-2]] {
				return 0, ""
			}
		}
		return Features(0).With(FFilmHead), ""
	case seriesNouns[n]:
		if n == "show" || n == "shows" || n == "episode" || n == "programme" || n == "program" {
			if len(ws) < 2 || ws[len(ws)-2] != "tv" && ws[len(ws)-2] != "television" {
				return 0, ""
			}
		}
		return Features(0).With(FFilmHead), KindSeries
	case genreNouns[n]:
		// "the western Sahara" is a place: a western is a film after a
		// year or a kind of western ("the 1966 spaghetti western").
		if (n == "western" || n == "westerns") && !(len(ws) >= 2 && (westernKinds[ws[len(ws)-2]] || len(ws[len(ws)-2]) == 4 && isDigits(ws[len(ws)-2]))) {
			return 0, ""
		}
		if npOpens(ws[:len(ws)-1]) {
			return Features(0).With(FGenreHead), ""
		}
	case periodicalNouns[n]:
		// A magazine is one title throughout an article, never also a
		// film of that name: its evidence joins the title's.
		return Features(0).With(FNonFilmHead), kindOther
	case bookNouns[n]:
		return Features(0).With(FNonFilmHead), KindBook
	case songNouns[n] || stageNouns[n] || gameNouns[n]:
		return Features(0).With(FNonFilmHead), kindOther
	}
	return 0, ""
}

// headAfter reads the head noun after a title: ", a 1985 monster film",
// " is a 2015 Russian documentary", " (a 1972 film)", " magazine".
func headAfter(after string) (Features, Kind) {
	a := strings.TrimLeft(after, " ")
	if m := appositionAfterRE.FindStringSubmatchIndex(a); m != nil {
		n := nounHead(a[m[2]:])
		switch {
		case filmNouns[n]:
			return Features(0).With(FFilmHead), ""
		case seriesNouns[n]:
			return Features(0).With(FFilmHead), KindSeries
		case genreNouns[n]:
			return Features(0).With(FGenreHead), ""
		case periodicalNouns[n]:
			return Features(0).With(FNonFilmHead), kindOther
		case bookNouns[n]:
			return Features(0).With(FNonFilmHead), KindBook
		case songNouns[n] || stageNouns[n] || gameNouns[n] || eventNouns[n] || orgNouns[n] || placeNouns[n]:
			return Features(0).With(FNonFilmHead), kindOther
		}
	}
	// "X magazine", "X newspaper", "X festival": a noun right after.
	if ws := firstWords(a, 1); len(ws) == 1 && len(a) > 0 && unicode.IsLower(firstRune(a)) {
		n := ws[0]
		switch {
		case periodicalNouns[n]:
			return Features(0).With(FNonFilmHead), kindOther
		case bookNouns[n] && n != "story":
			return Features(0).With(FNonFilmHead), KindBook
		case songNouns[n] || stageNouns[n] || gameNouns[n] || eventNouns[n]:
			return Features(0).With(FNonFilmHead), kindOther
		case filmNouns[n] && n != "short":
			return Features(0).With(FFilmWordNear), ""
		}
	}
	return 0, ""
}

// appositionAfterRE is the start of the phrase after a title that names
// what it is: ", a 1985 monster film", " is a 2015 documentary", " — the
// 1969 epic", " (a 1972 film)". Group 1 starts the noun phrase.
var appositionAfterRE = regexp.MustCompile(`^(?:,|\(|\s?[–—-]|is|was|remains|became)\s*(?:also\s+|still\s+|probably\s+|perhaps\s+|arguably\s+)?(?:a|an|the|one of the|his|her|their|its|[\p{Lu}][\p{L}.'’-]+[’']s)\s+()`)

// nounHead returns the head of the noun phrase that opens s: its last
// noun before a preposition, a verb, a relative word or punctuation,
// lower case ("1985 monster film about …" → "film", "BFI’s
// internationally renowned film magazine." → "magazine").
func nounHead(s string) string {
	head := ""
	for i, w := range strings.Fields(s) {
		if i >= 7 {
			break
		}
		b := bare(w)
		if i > 0 && (smallWords[b] && b != "no" || stopAfterHead[b]) {
			break
		}
		// The head is the phrase's last word: "the film production
		// section" is a section, "the main film studio" a studio.
		head = b
		if endsClause(w) {
			break
		}
	}
	return head
}

// stopAfterHead are words after which a noun phrase has ended.
var stopAfterHead = set(`that which who whose where when while about by from in on with for of to as than but and or
	directed written produced made shot set starring released based adapted featuring telling following filmed is was are
	were has had have will would can could`)

// filmOf are nouns that make "N of X" a film's title: "a screening of
// X", "the star of X", "a copy of X".
var filmOf = set(`screening screenings premiere star stars director directors cast release poster posters trailer
	trailers copy copies version print prints restoration making viewing showing adaptation remake sequel prequel
	dvd dvds blu-ray director's cut rerelease re-release sequel fans fan scene scenes climax ending plot protagonist`)

// westernKinds qualify a western that is a film.
var westernKinds = set(`spaghetti classic revisionist acid euro italian hollywood b contemporary`)

// authorOf are nouns that make "N of X" a book: "the author of X".
var authorOf = set(`author authors writer writers translator translators publisher publishers editor editors reader readers`)

// actedIn are words before "in" that make "N in X" a film: "starred in
// X", "his role in X", "appeared in X".
var actedIn = set(`starred starring appeared appears cameo co-starred`)

// actedVerbs before a title make it a work the subject made or saw:
// "directed Aimless Bullet", "remade X", "watched X".
var actedVerbs = set(`directed co-directed produced filmed remade reshot shot watched rewatched saw screened shown
	helmed`)

func determinerOrYear(w string) bool {
	switch w {
	case "the", "a", "an", "his", "her", "their", "its", "this", "that", "my", "our", "your", "first", "last", "latest",
		"new", "next", "earlier", "later", "second", "third", "final", "classic", "famous", "acclaimed":
		return true
	}
	return len(w) == 4 && isDigits(w) || isPossessive(w)
}

// adjectiveLike reports whether a lower-case word may describe a film
// ("neorealist", "domestic", "historical", "animated").
func adjectiveLike(w string) bool {
	for _, suf := range []string{"ist", "ic", "al", "ed", "ive", "ous", "an", "ese", "ish", "ary", "ing", "ful", "less", "ern", "ian"} {
		if strings.HasSuffix(w, suf) && len(w) > len(suf)+2 {
			return true
		}
	}
	return false
}

// nounBefore reports whether one of nouns ends before (within three words).
func nounBefore(before string, nouns map[string]bool) bool {
	for _, w := range lastWords(before, 3) {
		if nouns[w] {
			return true
		}
	}
	return false
}

var (
	// directorBeforeRE is a possessive just before a title: "Bong
	// Joon-ho's X", "Imamura's X", "Kim Ki-young’s X".
	directorBeforeRE = regexp.MustCompile(`\p{Lu}[\p{L}.-]*(?:\s+\p{Lu}[\p{L}.-]*){0,2}[’']s\s+(?:(?:18|19|20)\d\d\s+)?(?:[\p{Ll}-]+\s+){0,2}$`)
	// creditedBeforeRE ends the words before a credit's names: "directed
	// by ", "starring A, B and ", "with ".
	creditedBeforeRE = regexp.MustCompile(`\b(?i:by|starring|stars|featuring|with|and actors?|actress)\s+(?:\p{Lu}[\p{L}.'’-]*(?:\s+\p{Lu}[\p{L}.'’-]*){0,3}\s*(?:,|\band\b|&)\s*){0,5}$`)
	// directorAfterRE is "directed by", "dir.", "by Name" just after.
	directorAfterRE = regexp.MustCompile(`^\s*[,(]?\s*(?:directed by|dir\.|d\.|written and directed by|by\s+\p{Lu}[\p{L}-]+\s+\p{Lu})`)
	aliasAfterRE    = regexp.MustCompile(`(?i)^\s*[,(]?\s*(?:also\s+)?(?:known as|aka|a\.k\.a\.?|released as|retitled|or\s+\p{Lu})`)
	aliasBeforeRE   = regexp.MustCompile(`(?i)(?:known as|aka|a\.k\.a\.?|also called|retitled|released as|english title|original title|korean title)[,:]?\s*$`)
	// speechVerbs before a quotation make it speech: "she said, “…”".
	speechVerbs   = set(`said says asked told replied wrote writes exclaimed added explained recalled quoted`)
	aliasCueWords = []string{"known", "aka", "a.k.a", "AKA", "called", "titled", "title", "released as", "retitled"}
	speechAfterRE = regexp.MustCompile(`(?i)^\s*[,]?\s*(?:he|she|they|it|i|we)?\s*(?:said|says|asked|told|replied|added|explained)\b`)
)

// personPossessive reports whether a possessive phrase ("Bong Joon-ho's
// ", "Imamura’s ") is a person's: a name shaped like one, or one word
// that is a family or given name, or a word of no list (a surname the
// lists do not know: "Imamura", "Fuqua").
func personPossessive(p string) bool {
	ws := words(p)
	var name []string
	for _, w := range ws {
		if !capitalised(w) {
			break
		}
		name = append(name, w)
		if isPossessive(w) {
			break
		}
	}
	if len(name) == 0 {
		return false
	}
	last := strings.TrimSuffix(strings.TrimSuffix(Fold(name[len(name)-1]), "'s"), "'")
	name[len(name)-1] = last
	if len(name) >= 2 {
		return personName(name) || !orgNouns[bare(last)] && !placeNouns[bare(last)] && !countries[bare(last)]
	}
	b := bare(last)
	return koreanSurnames[last] || firstNames[last] || !commonWords[b] && !countries[b] && !orgNouns[b] && !placeNouns[b] && !openers[last] && len(b) > 2
}

// countryPossessive reports whether before ends with a country's or a
// people's possessive ("North Korea's Gone with the Wind" is the
// country's, not a director's).
func countryPossessive(before string) bool {
	ws := lastWords(strings.TrimRight(before, " "), 3)
	for i := range ws {
		p := strings.Join(ws[i:], " ")
		p = strings.TrimSuffix(strings.TrimSuffix(p, "'s"), "’s")
		if countries[p] || countryPhrases[p] || strings.HasSuffix(p, "korea's") {
			return true
		}
	}
	return false
}

// sectionFeatures reads what the headings above a block say of it.
func sectionFeatures(path []string) Features {
	var f Features
	for _, h := range path {
		switch {
		case sectionFilmsRE.MatchString(h):
			f = f.With(FSectionFilms)
		case sectionSeriesRE.MatchString(h):
			f = f.With(FSectionSeries)
		case sectionNotFilmRE.MatchString(h):
			f = f.With(FSectionNotFilm)
		}
	}
	return f
}

var (
	sectionFilmsRE   = regexp.MustCompile(`(?i)^(?:(?:selected |partial |complete )?(?:films?|filmography|movies|feature films?|short films?|documentaries|documentary films?|films? directed|as director|as actor|as actress|screenings|programme|program|line-?up|the films|cinema)\b[^.]{0,30})$`)
	sectionSeriesRE  = regexp.MustCompile(`(?i)^(?:television|tv|tv series|television series|web series|series)\b[^.]{0,30}$`)
	sectionNotFilmRE = regexp.MustCompile(`(?i)^(?:theatre|theater|stage|plays?|video ?games?|games|radio|radio drama|audio|books?|bibliography|publications|writings|discography|music|albums|songs|awards|awards and nominations|nominations|honours|honors|references|notes|footnotes|sources|external links|further reading|see also|citations)\b[^.]{0,30}$`)
)

// prose reads Title-Case phrases that sentences place beside film words,
// years and directors.
func (r *reader) prose(i int) {
	text := r.doc.Blocks[i].Text
	// Before a year: "Sea of Blood (1969)", "Shin's Runaway (1984)".
	for k := 0; k < len(text); {
		j := strings.IndexAny(text[k:], "([")
		if j < 0 {
			break
		}
		j += k
		if y, alt, span := yearAfter(text[j:]); y > 0 && !span {
			t, at := readTitleBackward(text[:j])
			if alt != "" && (t == "" || personName(words(t)) || countryList(t)) {
				// "So Kyong Sop (We Are the Happiest, 1970)", "a producer
				// in Japan (Pacchigi!, 2005)": a title and its year in
				// brackets after a person's name or a place.
				r.context(i, alt, j+strings.Index(text[j:], alt), Features(0).With(FProse))
				t = ""
			}
			if t != "" {
				r.context(i, t, at, Features(0).With(FProse))
			}
		}
		k = j + 1
	}
	// "Emily Watson in The Book Thief": a performance in a film.
	if strings.Contains(text, " in ") {
		ix := r.blockIndex(i)
		for _, m := range personInRE.FindAllStringSubmatchIndex(text, -1) {
			if !personName(words(text[m[2]:m[3]])) {
				continue
			}
			// A person in a place or a year ("Mr. Hay in Philadelphia")
			// is the common case: only where the sentence speaks of
			// films, and of a title of more than one word.
			t, _ := readTitleForward(text[m[1]:])
			if s0, s1 := ix.sentence(m[0], m[1], len(text)); t == "" || len(words(t)) < 2 || countryList(t) || !anyIn(ix.film, s0, m[0], m[1], s1) {
				continue
			}
			r.context(i, t, m[1], Features(0).With(FProse, FFilmRelation))
		}
	}
	// "(Lee Byung-hun of G.I.Joe)": an actor known by a film, in
	// brackets after the part they play.
	if strings.Contains(text, " of ") {
		for _, m := range actorOfRE.FindAllStringSubmatchIndex(text, -1) {
			if personName(words(text[m[2]:m[3]])) && !countryList(text[m[4]:m[5]]) {
				r.context(i, text[m[4]:m[5]], m[4], Features(0).With(FProse, FFilmRelation))
			}
		}
	}
	// After a film noun or a director's possessive: "the 1985 film
	// Pulgasari", "Bong Joon-ho's Parasite"; before an apposition:
	// "Pulgasari, a 1985 monster film".
	for _, loc := range nounSpans(text) {
		n := text[loc[0]:loc[1]]
		after := text[loc[1]:]
		comma := strings.HasPrefix(after, ",")
		if comma {
			after = after[1:]
		}
		// "the 1985 film X", "Shin's film X", "his monster movie X": the
		// noun opens with a determiner, a year, a possessive or an
		// adjective, not "film X" in a compound.
		ok := npOpens(lastWords(text[max(0, loc[0]-80):loc[0]], 4))
		if t, end := readTitleForward(after); ok && t != "" && strings.HasPrefix(after, " ") && !relativeClause(after[end:]) &&
			(!comma || end == len(after) || strings.ContainsRune(",.;:", firstRune(strings.TrimLeft(after[end:], " ")))) {
			// "the film, An Emissary Unreturned, a …": a title after a
			// comma stands between commas.
			at := loc[1] + (len(text[loc[1]:]) - len(after)) + end - len(t)
			if at < 0 || at+len(t) > len(text) || text[at:at+len(t)] != t {
				at = strings.Index(text[loc[1]:], t)
				if at >= 0 {
					at += loc[1]
				}
			}
			// "the 1966 spaghetti western Texas, Addio, which …": a
			// one-word title, a comma and one more capitalised word
			// closing the phrase are one title.
			if at >= 0 && !strings.Contains(t, " ") {
				if cm := commaWordRE.FindStringSubmatch(text[at+len(t):]); cm != nil && yearWordRE.MatchString(text[max(0, loc[0]-40):loc[0]]) {
					t += ", " + cm[1]
				}
			}
			if k := strings.Index(t, " and "); k > 0 && pluralFilmNouns[strings.ToLower(n)] && titleLike(t[k+len(" and "):]) {
				// "the films Thaw and Bird": two titles.
				second := -1
				if at >= 0 {
					second = at + k + len(" and ")
				}
				r.context(i, t[:k], at, Features(0).With(FProse, FListSiblings))
				r.context(i, t[k+len(" and "):], second, Features(0).With(FProse, FListSiblings))
			} else {
				r.context(i, t, at, Features(0).With(FProse))
			}
			r.list(i, at+len(t), Features(0).With(FProse))
		}
		// "Pulgasari, a 1985 monster film": the title before the
		// apposition that ends with this noun — its head, not a word of a
		// longer noun ("the main film studio").
		before := text[max(0, loc[0]-100):loc[0]]
		if m := appositionBeforeRE.FindStringIndex(before); m != nil && nounEnds(text[loc[1]:]) && !clauseFollows(text[loc[1]:]) {
			cue := loc[0] - len(before) + m[0]
			if t, at := readTitleBackward(text[:cue]); t != "" {
				r.context(i, t, at, Features(0).With(FProse))
			}
		}
	}
	// "the highest-grossing films are X, Y and Z", "films such as X":
	// a list of titles after a film word.
	for _, m := range cuedMatches(listCueWords, listCueRE, text) {
		if t, end := readTitleForward(text[m[1]:]); t != "" {
			at := m[1] + strings.Index(text[m[1]:], t)
			r.context(i, t, at, Features(0).With(FProse))
			r.list(i, m[1]+end, Features(0).With(FProse))
		}
	}
	// "starring roles in Now is Good, and Great Expectations", "her
	// debut performance in the brilliantly ambiguous Martha Marcy May
	// Marlene": a performance in films.
	if strings.Contains(text, " in ") {
		ix := r.blockIndex(i)
		for _, m := range cuedMatches(performedWords, performedInRE, text) {
			// "A role in the Federal and State partnership", "appears in
			// the Congressional Record": only "starred" says film by
			// itself; the other words need films in the sentence.
			if s0, s1 := ix.sentence(m[0], m[1], len(text)); !strings.HasPrefix(text[m[0]:], "starred") && !strings.HasPrefix(text[m[0]:], "co-starred") && !anyIn(ix.film, s0, m[0], m[1], s1) {
				continue
			}
			t, end := readTitleForward(text[m[1]:])
			// "starred in the 4-part C4 satirical TV sketch show, X": a
			// phrase the next lower-case words go on from modifies them.
			if t == "" || !nounEnds(text[m[1]+end:]) {
				continue
			}
			at := m[1] + strings.Index(text[m[1]:], t)
			r.context(i, t, at, Features(0).With(FProse, FFilmRelation))
			r.list(i, m[1]+end, Features(0).With(FProse, FFilmRelation))
		}
	}
	// "this sub-genre (Pulp Fiction, Babel, Crash, 21 Grams)": a
	// bracketed list in a sentence about films.
	for _, m := range bracketListRE.FindAllStringIndex(text, -1) {
		s0, s1 := sentenceAround(text, m[0], m[1])
		if !filmWordList.has(text[s0:s1]) {
			continue
		}
		inner := text[m[0]+1 : m[1]-1]
		parts := strings.Split(inner, ", ")
		titles := 0
		for _, part := range parts {
			if t, _ := readTitleForward(part); t != "" && !yearWordRE.MatchString(part) {
				titles++
			}
		}
		if titles < 2 || titles*2 < len(parts) {
			continue // "(Headpress, 2002)": a publisher and a year
		}
		for _, part := range parts {
			part = strings.TrimSpace(strings.TrimPrefix(strings.TrimSpace(part), "and "))
			if t, _ := readTitleForward(part); t != "" && len(t) >= len(part)-3 {
				r.context(i, t, m[0]+1+strings.Index(inner, t), Features(0).With(FProse))
			}
		}
	}
	// "the South Korean version of Contagion", "a DVD of Comrade Kim Goes
	// Flying", "starred in Oldboy": a title after the words that name a
	// film's copy, remake or role.
	for _, m := range cuedMatches(ofFilmWords, ofFilmRE, text) {
		if t, end := readTitleForward(text[m[1]:]); t != "" && end > 0 && !relativeClause(text[m[1]+end:min(len(text), m[1]+end+40)]) {
			at := m[1] + strings.Index(text[m[1]:], t)
			r.context(i, t, at, Features(0).With(FProse))
			r.list(i, at+len(t), Features(0).With(FProse))
		}
	}
	// "Bong Joon-ho's Parasite", "Park’s Oldboy".
	for _, m := range possessiveTitleRE.FindAllStringSubmatchIndex(text, -1) {
		if !personPossessive(text[m[0]:m[1]]) || countryPossessive(text[:m[1]]) {
			continue
		}
		if t, end := readTitleForward(text[m[1]:]); t != "" && end > 0 {
			at := m[1] + strings.Index(text[m[1]:], t)
			r.context(i, t, at, Features(0).With(FProse))
		}
	}
}

// listCueRE ends a phrase after which titles are listed: "films are",
// "movies such as", "including", "films (".
var listCueRE = regexp.MustCompile(`\b(?:films?|movies?|documentaries|productions|works|titles|classics|hits|features|pictures|blockbusters|series|shows)\s+(?:(?:are|were|include|included|includes|including|such as|like|namely|as)\s+|\(\s*|:\s+)(?:the\s+likes\s+of\s+)?`)

// listCueWords are the nouns listCueRE needs, in any case: a paragraph
// without one has no match.
var listCueWords = newWordList("film", "films", "movie", "movies", "documentaries", "productions", "works", "titles", "classics", "hits", "features", "pictures", "blockbusters", "series", "shows")

// performedWords are the words performedInRE needs.
var performedWords = newWordList("starred", "starring", "appeared", "appears", "cameo", "cameos", "role", "roles", "turn", "turns", "performance", "performances", "debut")

// ofFilmWords are the words ofFilmRE needs.
var ofFilmWords = newWordList("version", "versions", "remake", "remakes", "sequel", "sequels", "prequel", "dvd", "dvds", "blu-ray", "copy", "screening", "screenings", "premiere", "star", "stars", "director", "cast", "trailer", "poster", "restoration", "print", "adaptation", "re-release", "rerelease", "starred", "starring", "appeared", "appears", "cameo")

// cuedMatches is re.FindAllStringIndex(text, -1) for a regexp that
// matches only where one of cues is: most paragraphs have none, and a
// word-list lookup is many times faster than trying the regexp at every
// byte.
func cuedMatches(cues wordList, re *regexp.Regexp, text string) [][]int {
	if !cues.has(text) {
		return nil
	}
	return re.FindAllStringIndex(text, -1)
}

// performedInRE ends the words of a performance before its film's title:
// "starred in ", "roles in the ", "turns in ", "debut performance in the
// brilliantly ambiguous ".
var performedInRE = regexp.MustCompile(`\b(?:starred|starring|co-starred|appeared|appears|cameo|cameos|role|roles|turn|turns|performance|performances|debut)\s+in\s+(?:(?:the|his|her|their|its)\s+(?:\p{Ll}[\p{Ll}-]*\s+){0,3})?`)

// bracketListRE is a bracketed list of capitalised phrases.
var bracketListRE = regexp.MustCompile(`\((?:\p{Lu}|\d)[^()]{1,200}?,\s+[^()]{1,300}\)`)

// npOpens reports whether the words before a noun (lower case, last
// first) open its noun phrase: a determiner, a year or a possessive,
// perhaps with modifiers between ("the 1966 spaghetti", "his"), or an
// adjective, a genre or a country right before it ("neorealist",
// "monster", "Russian").
func npOpens(prev []string) bool {
	for k := len(prev) - 1; k >= 0; k-- {
		w := prev[k]
		if determinerOrYear(w) || k == len(prev)-1 && (adjectiveLike(w) || genreNouns[w] || filmNouns[w] || countries[w]) {
			return true
		}
		if w == "" || !unicode.IsLower(firstRune(w)) || smallWords[w] || stopAfterHead[w] {
			return false
		}
	}
	return false
}

// nounEnds reports whether the noun before rest ends its phrase: what
// follows is punctuation, the end, or a word after a noun phrase ("about",
// "directed", "that").
func nounEnds(rest string) bool {
	if rest == "" || !strings.HasPrefix(rest, " ") {
		return true
	}
	ws := firstWords(rest, 1)
	if len(ws) == 0 || ws[0] == "" {
		return true
	}
	w := strings.TrimLeft(rest, " ")
	return !unicode.IsLower(firstRune(w)) || smallWords[ws[0]] || stopAfterHead[ws[0]]
}

// relativeClause reports whether a verb follows what was read as a title
// after a film noun: "the monster film Shin Sang-ok made" names the film's
// maker, not the film.
func relativeClause(rest string) bool {
	ws := firstWords(rest, 1)
	if len(ws) == 0 || !strings.HasPrefix(rest, " ") {
		return false
	}
	w := ws[0]
	switch w {
	case "made", "shot", "wrote", "saw", "took", "did", "gave", "brought", "chose", "began", "won", "led", "sent", "had",
		"makes", "shoots", "writes", "sees", "directs", "produces", "loved", "liked", "hated", "watched", "considered":
		return true
	}
	return strings.HasSuffix(w, "ed") && len(w) > 4 && !strings.HasSuffix(w, "eed")
}

// clauseFollows reports whether a finite verb follows a noun: "Kim
// Il-sung, the film was produced" is a new clause, not an apposition.
func clauseFollows(rest string) bool {
	ws := firstWords(rest, 2)
	if len(ws) == 0 {
		return false
	}
	switch ws[0] {
	case "was", "is", "were", "are", "has", "had", "have", "will", "would", "can", "could", "did", "does", "became", "remains", "went", "got":
		return true
	}
	return false
}

// commaWordRE is ", Word" closing a phrase: ", Addio, which".
var commaWordRE = regexp.MustCompile(`^,\s+(\p{Lu}[\p{L}'’!?-]+)(?:,|\.|;|\s+\(|\s+(?:which|that|was|is|has|had|and)\b)`)

// appositionBeforeRE is the start of an apposition that ends just before a
// film noun: ", a 1985 monster ", " is a 2015 Russian ".
var appositionBeforeRE = regexp.MustCompile(`(?:,|\s[–—-]|\s(?:is|was|remains|became))\s+(?:a|an|the)\s+(?:(?:18|19|20)\d\d\s+)?(?:[\p{L}'’-]+\s+){0,3}?$`)

// possessiveTitleRE is a capitalised possessive followed by a capitalised
// word: the place of "Bong Joon-ho's Parasite".
var possessiveTitleRE = regexp.MustCompile(`\p{Lu}[\p{L}.-]*(?:\s\p{Lu}[\p{L}.-]*){0,2}[’']s\s`)

// ofFilmRE ends the words after which a film's title follows: "a version
// of", "a DVD of", "the star of", "a sequel to", "starred in", "his role
// in".
var ofFilmRE = regexp.MustCompile(`\b(?:version|versions|remake|remakes|sequel|sequels|prequel|dvd|dvds|blu-ray|copy|screening|screenings|premiere|star|stars|director|cast|trailer|poster|restoration|print|adaptation|re-release|rerelease)\s+(?:of|to)\s+|\b(?:starred|starring|appeared|appears|cameo)\s+in\s+`)

// nounSpans returns the byte ranges of the lower-case film, genre and
// series nouns of text, in one pass over its words.
func nounSpans(text string) [][2]int {
	var out [][2]int
	for i := 0; i < len(text); {
		c := text[i]
		if c < 'a' || c > 'z' || i > 0 && isWordByte(text[i-1]) {
			i++
			continue
		}
		j := i
		for j < len(text) && (text[j] >= 'a' && text[j] <= 'z' || text[j] == '-') {
			j++
		}
		if j == len(text) || !isWordByte(text[j]) {
			w := text[i:j]
			if filmNouns[w] || genreNouns[w] || seriesNouns[w] {
				out = append(out, [2]int{i, j})
			}
		}
		i = j
	}
	return out
}

// list reads further titles listed after one: "films like X, Y and Z",
// "(Pulp Fiction, Babel, Crash)".
func (r *reader) list(i, from int, f Features) {
	text := r.doc.Blocks[i].Text
	for n := 0; n < 12 && from < len(text); n++ {
		rest := text[from:]
		sep := ""
		for _, s := range []string{", and ", ", or ", " and ", " or ", ", ", " & "} {
			if strings.HasPrefix(rest, s) {
				sep = s
				break
			}
		}
		if sep == "" {
			return
		}
		t, end := readTitleForward(rest[len(sep):])
		if t == "" {
			return
		}
		at := from + len(sep) + strings.Index(rest[len(sep):], t)
		r.context(i, t, at, f)
		from = from + len(sep) + end
	}
}

// tables reads the title column of each table: the column named Title,
// Film or Work, or else the first column of title-like cells beside a
// column of years.
func (r *reader) tables() {
	d := r.doc
	byTable := map[int][]int{}
	var order []int
	for i, b := range d.Blocks {
		if b.Kind != Row {
			continue
		}
		if _, ok := byTable[b.Table]; !ok {
			order = append(order, b.Table)
		}
		byTable[b.Table] = append(byTable[b.Table], i)
	}
	for _, t := range order {
		r.table(byTable[t])
	}
}

var (
	titleColRE = regexp.MustCompile(`(?i)\b(?:title|titles|film|films|movie|movies|work|works|production|programme|show|series|english title|name)\b`)
	yearColRE  = regexp.MustCompile(`(?i)\b(?:year|years|date|released|release)\b`)
	otherColRE = regexp.MustCompile(`(?i)\b(?:book|novel|album|song|award|game|role|character|notes?)\b`)
	cellYearRE = regexp.MustCompile(`^\s*(?:c\.\s*)?` + YearPat + `\b`)
)

func (r *reader) table(rows []int) {
	d := r.doc
	cols := 0
	var head []string
	var body []int
	for _, i := range rows {
		b := d.Blocks[i]
		cols = max(cols, len(b.Cells))
		if b.Header && head == nil && len(body) == 0 {
			head = b.Cells
			continue
		}
		body = append(body, i)
	}
	if len(body) == 0 || cols < 2 {
		return
	}
	yearCol, titleCol := -1, -1
	for c, h := range head {
		switch {
		case yearCol < 0 && yearColRE.MatchString(h):
			yearCol = c
		case titleCol < 0 && titleColRE.MatchString(h) && !otherColRE.MatchString(h):
			titleCol = c
		}
	}
	share := func(c int, ok func(string) bool) float64 {
		n := 0
		for _, i := range body {
			if cells := d.Blocks[i].Cells; c < len(cells) && ok(cells[c]) {
				n++
			}
		}
		return float64(n) / float64(len(body))
	}
	if yearCol < 0 {
		for c := 0; c < cols; c++ {
			if share(c, func(s string) bool { return cellYearRE.MatchString(s) }) >= 0.6 {
				yearCol = c
				break
			}
		}
	}
	if titleCol < 0 && yearCol >= 0 {
		for c := 0; c < cols; c++ {
			if c != yearCol && share(c, func(s string) bool { return titleLike(CleanTitle(s)) && !cellYearRE.MatchString(s) }) >= 0.6 {
				titleCol = c
				break
			}
		}
	}
	if titleCol < 0 {
		return
	}
	// markedTitles says most title cells hold a marked phrase.
	marks := 0
	for _, i := range body {
		b := d.Blocks[i]
		if titleCol < len(b.Cells) {
			for _, m := range b.Marks {
				if strings.Contains(b.Cells[titleCol], m.Text) && m.Kind == Emphasis {
					marks++
					break
				}
			}
		}
	}
	markedTitles := marks*10 >= len(body)*6
	for _, i := range body {
		b := d.Blocks[i]
		if titleCol >= len(b.Cells) {
			continue
		}
		// A title cell is a candidate as a sentence's title is: it
		// counts against MaxCandidates.
		if r.calls++; r.calls > MaxCandidates {
			if r.capped < 0 {
				r.capped = i
			}
			break
		}
		cell := b.Cells[titleCol]
		f := Features(0).With(FTableCell, FWholeBlock) | sectionFeatures(b.Path)
		year := 0
		if yearCol >= 0 && yearCol < len(b.Cells) {
			if m := cellYearRE.FindStringSubmatch(b.Cells[yearCol]); m != nil {
				year = atoi(m[1])
				f = f.With(FYearBeside)
			}
		}
		// A cell may be marked ("_Vera_ Season 6 ep1") or carry its
		// year ("Title (1985)"): the marked phrase is the title. Where the
		// table marks its titles, a row whose columns slipped still
		// marks its own ("_Doctor Who_ Episode: …" under Year).
		title := cell
		for _, m := range b.Marks {
			if (strings.Contains(cell, m.Text) || markedTitles && !strings.Contains(cell, m.Text)) && (m.Kind == Emphasis || m.Kind == Link) {
				title = m.Text
				f = f.With(FEmphasis)
				break
			}
		}
		if t, y, _, _ := headingTitle(title); t != "" {
			title = t
			if y > 0 && year == 0 {
				year = y
				f = f.With(FYearBeside)
			}
		}
		r.add(mention{title: title, block: i, start: strings.Index(b.Text, title), feats: f, year: year})
	}
	// A row whose title cell was lost to a misaligned column still
	// marks its title: "_Doctor Who_ Episode: …".
	for _, i := range body {
		b := d.Blocks[i]
		if titleCol < len(b.Cells) && b.Cells[titleCol] != "" {
			continue
		}
		for _, m := range b.Marks {
			if m.Kind == Emphasis {
				r.add(mention{title: m.Text, block: i, start: strings.Index(b.Text, m.Text), feats: Features(0).With(FTableCell, FEmphasis) | sectionFeatures(b.Path)})
				break
			}
		}
	}
}

// occurrences adds, for every candidate title, its other occurrences in
// the article, each with the evidence around it.
func (r *reader) occurrences() {
	seen := map[string]bool{}
	var titles []string
	for _, m := range r.out {
		if k := Key(m.title); !seen[k] && len(m.title) >= 2 {
			seen[k] = true
			titles = append(titles, m.title)
		}
	}
	if len(titles) == 0 {
		return
	}
	mt := newMatcher()
	for i, t := range titles {
		mt.add(t, i, true)
	}
	for bi, b := range r.doc.Blocks {
		if b.Kind == Credits {
			continue
		}
		for _, h := range mt.findAll(b.Text) {
			n := len(r.out)
			r.context(bi, b.Text[h.start:h.end], h.start, 0)
			if len(r.out) > n {
				r.out[n].again = true
			}
		}
	}
}

// catalogue adds the mentions of the base catalogue's titles.
func (r *reader) catalogue() {
	if r.known == nil {
		return
	}
	spans := map[int][][2]int{}
	for _, m := range r.out {
		if m.block >= 0 && m.start >= 0 {
			spans[m.block] = append(spans[m.block], [2]int{m.start, m.start + len(m.title)})
		}
	}
	// Per block, the spans by start with the furthest end reached so
	// far: a hit lies inside a longer span when a span that starts at or
	// before it reaches past it.
	reach := map[int][]int{}
	for bi, sps := range spans {
		sort.Slice(sps, func(a, b int) bool { return sps[a][0] < sps[b][0] })
		far := make([]int, len(sps))
		for k, sp := range sps {
			far[k] = sp[1]
			if k > 0 && far[k-1] > far[k] {
				far[k] = far[k-1]
			}
		}
		reach[bi] = far
	}
	inside := func(bi, start, end int) bool {
		sps := spans[bi]
		k := sort.Search(len(sps), func(k int) bool { return sps[k][0] > start }) - 1
		if k < 0 {
			return false
		}
		// Strictly longer: it reaches further, or starts before it.
		return reach[bi][k] > end || reach[bi][k] == end && sps[0][0] < start
	}
	for bi, b := range r.doc.Blocks {
		if b.Kind == Credits {
			continue
		}
		for _, h := range r.known.match.findAll(b.Text) {
			// "Godzilla" inside "North Korea Seen Through the Eyes of
			// Godzilla" is no mention of the film.
			if inside(bi, h.start, h.end) {
				continue
			}
			n := len(r.out)
			r.context(bi, b.Text[h.start:h.end], h.start, Features(0).With(FCatalogue))
			if len(r.out) > n {
				r.out[n].again = true
			}
		}
	}
	for _, t := range append([]string{r.doc.Title, r.doc.Subtitle}, r.doc.Names...) {
		for _, h := range r.known.match.findAll(t) {
			r.add(mention{title: t[h.start:h.end], block: -1, start: -1, feats: Features(0).With(FCatalogue, FDocTitle)})
		}
	}
}

// lowerWords returns the words an article writes in lower case.
func lowerWords(d Doc) map[string]bool {
	v := map[string]bool{}
	for _, b := range d.Blocks {
		for _, w := range strings.FieldsFunc(b.Text, func(r rune) bool { return !unicode.IsLetter(r) && r != '-' && r != '\'' }) {
			if unicode.IsLower(firstRune(w)) {
				v[strings.ToLower(w)] = true
			}
		}
	}
	return v
}
