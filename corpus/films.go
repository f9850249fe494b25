package corpus

// The film catalogue and film labels.
//
// Films are introduced by:
//   - film headings: "Title (Year)" optionally followed by "(alt / alt)";
//   - inline titles with a year: "Runaway (1984)", "The Separation (1985,
//     written by …)", "(A Flourishing Village, 1970)". The title is read
//     backwards from the parenthesis over capitalised words and lower-case
//     title words ("of", "the", "in" …), and quoted titles are taken whole;
//   - "X aka Y" in a sentence about a film or movie.
//
// Other titles come from heading alternatives, from prose ("also known as
// Snow Melts in Spring", "also known under the English title Promise in
// Pyongyang", "aka …"), and from the title itself: the part before a
// subtitle dash or colon ("Ten Zan" of "Ten Zan – The Ultimate Mission") and
// the title without its leading article ("Silver Hairpin").
//
// The kind comes from the words before an inline title in its sentence: a
// "book", "novel" or "memoir" is a book, a "series" a series. A year range in
// the parenthesis without such a word is a lifespan or an era, not a film.
//
// Mentions are then found in every passage of every article: a known title
// or alias as whole words, case-sensitive except for small title words, with
// typographic punctuation folded and possessives ignored ("Thaw’s").
// One-word aliases (translations such as "Sea") are searchable but are not
// used to find mentions: as common words they would label unrelated
// passages. A one-word canonical title ("Thaw", "Bird") is a mention only
// when it is not glued to a preceding capitalised word ("Great Salt").

import (
	"regexp"
	"slices"
	"sort"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"
)

// titleWords are lower-case words allowed inside a title.
var titleWords = map[string]bool{
	"a": true, "an": true, "the": true, "of": true, "in": true, "on": true, "at": true, "to": true,
	"and": true, "or": true, "for": true, "from": true, "with": true, "by": true, "no": true,
	"is": true, "are": true, "de": true, "la": true, "le": true, "du": true, "des": true, "di": true,
	"del": true, "von": true, "der": true, "die": true, "das": true, "y": true, "e": true, "et": true,
	"into": true, "as": true, "upon": true, "over": true, "under": true, "without": true,
}

// sentenceStarters are capitalised words that open a sentence but not a title.
var sentenceStarters = map[string]bool{
	"In": true, "His": true, "Her": true, "Their": true, "Its": true, "This": true, "That": true,
	"These": true, "Those": true, "Later": true, "Then": true, "After": true, "Before": true,
	"When": true, "While": true, "Also": true, "And": true, "But": true, "Both": true, "At": true,
	"With": true, "For": true, "By": true, "As": true, "Like": true, "Including": true, "Even": true,
	"Only": true, "Unlike": true, "Although": true, "Since": true, "Until": true, "During": true,
	"Meanwhile": true, "Eventually": true, "Finally": true, "Today": true, "Yet": true, "So": true,
}

// eventWords end names of events and eras, which carry years in
// parentheses like films do.
var eventWords = map[string]bool{
	"War": true, "Revolution": true, "Uprising": true, "Crisis": true, "Incident": true,
	"Olympics": true, "Festival": true, "Games": true, "Conference": true, "Agreement": true,
	"Treaty": true, "Summit": true, "Famine": true, "Movement": true, "Campaign": true,
	"Expo": true, "Award": true, "Awards": true, "Prize": true, "Congress": true, "Era": true,
	"Period": true, "Dynasty": true, "Massacre": true, "Armistice": true, "Election": true,
}

// descriptorWords are genre or origin words that precede a title but are
// not part of it ("his Western Blindfish (1971)").
var descriptorWords = map[string]bool{
	"Western": true, "Hollywood": true, "Soviet": true, "Chinese": true, "Japanese": true,
	"Italian": true, "American": true, "British": true, "French": true, "German": true,
	"Russian": true, "Belgian": true, "Korean": true, "North": false,
}

var (
	filmHeadingRE = regexp.MustCompile(`^(.+?)\s*\(\s*(1[89]\d\d|20[0-3]\d)\s*\)\s*(?:\((.*?)\)\s*)?$`)
	inlineYearRE  = regexp.MustCompile(`[(\[]\s*(?:c\.\s*|ca\.\s*|circa\s+)?(1[89]\d\d|20[0-3]\d)(\s*[–—-]\s*(?:1[89]\d\d|20[0-3]\d|\d\d))?\s*(?:film|movie|documentary)?\s*(?:,[^()\[\]]*)?[)\]]`)
	innerTitleRE  = regexp.MustCompile(`\((\p{Lu}[^(),]{1,80}),\s*(1[89]\d\d|20[0-3]\d)\)`)
	bookCtxRE     = regexp.MustCompile(`(?i)\b(?:book|books|novel|novels|memoir|memoirs|autobiography|biography|essay|treatise|article|poem|short story)\b[^.;]*$`)
	seriesWordRE  = regexp.MustCompile(`(?i)\b(?:series|serial)\b`)
	seriesCtxRE   = regexp.MustCompile(`(?i)\b(?:series|serial|serials|tv drama|television drama|miniseries|mini-series)\b\s*$`)
	filmCtxRE     = regexp.MustCompile(`(?i)\b(?:film|films|movie|movies|documentary|documentaries|feature|co-production|picture|series|serial|cartoon|animation)\b`)
	noFilmCtxRE   = regexp.MustCompile(`\b(?:founded|established|born|died|since|until|from|in|at|near)\s*$`)
	publishCtxRE  = regexp.MustCompile(`(?i)\b(?:author|authored|wrote|book|books|published|publisher|press|edition|journal|magazine|quoted|interview)\b`)
	akaRE         = regexp.MustCompile(`\s(?:aka|a\.k\.a\.|AKA)\s+`)
	aliasRE       = regexp.MustCompile(`(?i)(?:known (?:as|under (?:the|its) [^,.;()]{0,80}?titles?)|(?:english|original|korean|japanese|chinese|russian|international|alternative|alternate|working|literal|translated) title(?: of)?|released (?:[^,.;]{0,40}? )?under the (?:title|name))[,:]?\s+`)
)

// firstFilmYear: a year in parentheses before this is not a film's.
const firstFilmYear = 1890

var monthNames = map[string]bool{
	"January": true, "February": true, "March": true, "April": true, "May": true, "June": true, "July": true,
	"August": true, "September": true, "October": true, "November": true, "December": true, "Sept": true,
	"Jan": true, "Feb": true, "Mar": true, "Apr": true, "Jun": true, "Jul": true, "Aug": true, "Sep": true,
	"Oct": true, "Nov": true, "Dec": true,
}

// isDateLike reports whether a would-be title is a date ("July", "1st of
// December", "February 28") or ends with one ("… to West Africa in July").
func isDateLike(title string) bool {
	words := strings.Fields(strings.Trim(title, ".,"))
	if len(words) == 0 {
		return false
	}
	hasMonth, hasDigit := false, strings.ContainsAny(title, "0123456789")
	for _, w := range words {
		if monthNames[strings.Trim(w, ".,")] {
			hasMonth = true
		}
	}
	return hasMonth && (hasDigit || len(words) <= 2 || monthNames[strings.Trim(words[len(words)-1], ".,")])
}

// workDef is one place where the text introduces a work.
type workDef struct {
	title   string
	year    int
	kind    Kind
	aliases []string
	prio    int // -1 the archivist's catalogue, 0 heading, 1 inline, 2 aka
	// article is the index of the article that defines the work (-1 for
	// the catalogue file).
	article int
}

// parseFilmHeading reads a heading naming a film with its year: "Title
// (Year) (alt / alt)", and the other forms of splitTitleYear.
func parseFilmHeading(line string) (title string, year int, alts []string, ok bool) {
	return splitTitleYear(line)
}

func firstRune(s string) rune {
	r, _ := utf8.DecodeRuneInString(s)
	return r
}

// inlineWorks finds works introduced in a paragraph with their year. emph
// are the phrases its format marks: a marked phrase just before the year is
// the title, whole.
func inlineWorks(text string, emph ...string) []workDef {
	if !strings.ContainsAny(text, "([") {
		return nil
	}
	var defs []workDef
	for _, m := range inlineYearRE.FindAllStringSubmatchIndex(text, -1) {
		title, start := titleBefore(text, m[0])
		if e, at := emphBefore(text[:m[0]], emph); e != "" {
			title, start = e, at
		}
		if title == "" {
			continue
		}
		year, _ := strconv.Atoi(text[m[2]:m[3]])
		if year < firstFilmYear || isDateLike(title) {
			continue
		}
		ctx := sentenceBefore(text, start)
		tail := ctx[max(0, len(ctx)-40):] // the words just before the title
		kind := KindFilm
		switch {
		case hasBookCue(ctx) && bookCtxRE.MatchString(ctx):
			kind = KindBook
		case seriesCtxRE.MatchString(tail) || seriesWordRE.MatchString(lastWords(ctx, 4)):
			kind = KindSeries
		case m[4] >= 0:
			continue // "(1912–1994)": a lifespan or an era
		case noFilmCtxRE.MatchString(tail):
			continue // "founded Chongryon (1955)", "in Pyongyang (1985)"
		}
		words := strings.Fields(title)
		if eventWords[words[len(words)-1]] {
			continue
		}
		defs = append(defs, workDef{title: title, year: year, kind: kind, prio: 1})
	}
	for _, m := range innerTitleRE.FindAllStringSubmatchIndex(text, -1) {
		// "(A Flourishing Village, 1970)" after an actor's name; but
		// "(McFarland, 2012)" after a book is a publisher.
		title := cleanTitle(text[m[2]:m[3]])
		if !looksLikeTitle(title) || wordCount(title) < 2 || publishCtxRE.MatchString(sentenceBefore(text, m[0])) || isDateLike(title) {
			continue
		}
		year, _ := strconv.Atoi(text[m[4]:m[5]])
		if year < firstFilmYear {
			continue
		}
		// "Pulgasari (Shin Sang-ok, 1985)": a director and a year after
		// the title, as film scholars cite.
		if personNameRE.MatchString(title) || isCountryList(title) {
			if t, _ := titleBefore(text, m[0]); t != "" && plausibleFilmTitle(t, true) {
				if e, _ := emphBefore(text[:m[0]], emph); e != "" {
					t = e
				}
				defs = append(defs, workDef{title: t, year: year, kind: KindFilm, prio: 1})
			}
			continue
		}
		defs = append(defs, workDef{title: title, year: year, kind: KindFilm, prio: 1})
	}
	return defs
}

// emphBefore returns the marked phrase that ends s (before spaces), and
// where it starts.
func emphBefore(s string, emph []string) (string, int) {
	t := strings.TrimRight(s, " ")
	for _, e := range emph {
		if strings.HasSuffix(t, e) {
			if c := cleanTitle(e); looksLikeTitle(c) {
				return c, len(t) - len(e)
			}
		}
	}
	return "", 0
}

// bookCues are the stems bookCtxRE looks for: a cheap test first.
var bookCues = []string{"book", "novel", "memoir", "biograph", "essay", "treatise", "article", "poem", "short story"}

func hasBookCue(s string) bool {
	l := strings.ToLower(s)
	for _, c := range bookCues {
		if strings.Contains(l, c) {
			return true
		}
	}
	return false
}

func lastWords(s string, n int) string {
	f := strings.Fields(s)
	if len(f) > n {
		f = f[len(f)-n:]
	}
	return strings.Join(f, " ")
}

// sentenceBefore returns the part of the sentence before offset i (at
// most its last 300 bytes: the words near a title are the ones that say
// what it is, and a text without sentence ends must stay linear).
func sentenceBefore(text string, i int) string {
	from := max(0, i-300)
	for from > 0 && !utf8.RuneStart(text[from]) {
		from++
	}
	s := text[from:i]
	if k := strings.LastIndexAny(s, ".!?;"); k >= 0 {
		s = s[k+1:]
	}
	return s
}

// titleBefore reads a title ending just before offset end (the opening
// parenthesis of "(1985)"). It returns the title and its start offset.
func titleBefore(text string, end int) (string, int) {
	// A title is at most 12 words: look at the last few hundred bytes
	// only, so that reading every "(1985)" of a text stays linear in it.
	from := max(0, end-400)
	for from > 0 && !utf8.RuneStart(text[from]) {
		from++
	}
	t, at := titleBeforeIn(text[from:end])
	return t, from + at
}

func titleBeforeIn(text string) (string, int) {
	s := strings.TrimRight(text, " ")
	if s == "" {
		return "", 0
	}
	// A quoted title: “Thaw” (1985).
	if last, size := utf8.DecodeLastRuneInString(s); last == '”' || last == '"' || last == '*' || last == '_' {
		open := map[rune]string{'”': "“", '"': `"`, '*': "*", '_': "_"}[last]
		inner := s[:len(s)-size]
		if k := strings.LastIndex(inner, open); k >= 0 && len(inner)-k < 120 {
			t := cleanTitle(inner[k+len(open):])
			if looksLikeTitle(t) {
				return t, k
			}
		}
	}
	words := strings.Split(s, " ")
	first := len(words)
	for i := len(words) - 1; i >= 0 && len(words)-i <= 12; i-- {
		w := words[i]
		if w == "" {
			break
		}
		if i < len(words)-1 && endsWithPunct(w) && !titleAbbreviation(w, words[i+1]) {
			break // "…, Pulgasari (1986)": the comma ends the title
		}
		if i < len(words)-1 && isPossessive(w) && (articles[words[i+1]] || i+1 < len(words)-1 && isPossessive(words[len(words)-1])) {
			break // "Imamura's The Ballad of Narayama": the director's
		}
		r := firstRune(w)
		if !unicode.IsUpper(r) && !unicode.IsDigit(r) && !titleWords[strings.ToLower(strings.Trim(w, "–—-"))] && !isYearAbbrev(w) {
			if w != "–" && w != "—" && w != "-" && w != ":" {
				break
			}
		}
		first = i
	}
	if first == len(words) {
		return "", 0
	}
	// "westerns like Texas, Addio (1966)": a one-word title after a
	// capitalised word and a comma, in a list cue, is one title.
	if first == len(words)-1 && first >= 2 && strings.HasSuffix(words[first-1], ",") && listCues[words[first-2]] {
		if pw := strings.TrimSuffix(words[first-1], ","); unicode.IsUpper(firstRune(pw)) && !isPossessive(pw) && !strings.ContainsAny(pw, ".,;:") {
			first--
		}
	}
	tw := words[first:]
	// Trim small words and dashes at the start.
	for len(tw) > 0 && (!unicode.IsUpper(firstRune(tw[0])) && !unicode.IsDigit(firstRune(tw[0]))) {
		tw = tw[1:]
	}
	// Drop sentence openers and genre words before the title proper.
	for len(tw) > 1 && (sentenceStarters[tw[0]] || descriptorWords[tw[0]]) {
		tw = tw[1:]
	}
	title := cleanTitle(strings.Join(tw, " "))
	if !looksLikeTitle(title) {
		return "", 0
	}
	return title, len(s) - len(strings.Join(tw, " "))
}

// articles open a title.
var articles = map[string]bool{"The": true, "A": true, "An": true}

// listCues introduce examples: "westerns like Texas, Addio".
var listCues = map[string]bool{"like": true, "as": true, "including": true, "especially": true}

func isPossessive(w string) bool {
	w = strings.TrimRight(w, ",.;:")
	return strings.HasSuffix(w, "'s") || strings.HasSuffix(w, "’s") || strings.HasSuffix(w, "s'") || strings.HasSuffix(w, "s’")
}

// isYearAbbrev reports whether w is a year written '82.
func isYearAbbrev(w string) bool {
	w = strings.TrimLeft(w, "'’")
	return len(w) == 2 && isDigits(w)
}

// titleAbbreviation reports whether w ends in a period that belongs to the
// title ("No." before "027").
func titleAbbreviation(w, next string) bool {
	if !strings.HasSuffix(w, ".") {
		return false
	}
	core := strings.ToLower(strings.TrimSuffix(w, "."))
	return abbreviations[core] && next != "" && (unicode.IsDigit(firstRune(next)) || unicode.IsUpper(firstRune(next)))
}

func endsWithPunct(w string) bool {
	r, _ := utf8.DecodeLastRuneInString(w)
	return strings.ContainsRune(",.;:!?)(]”\"", r)
}

func cleanTitle(t string) string {
	t = strings.TrimSpace(strings.Trim(t, " \"“”‘*_"))
	t = strings.TrimRight(t, " ,;:’'")
	t = strings.TrimLeft(t, "'’")
	return strings.Join(strings.Fields(t), " ")
}

// looksLikeTitle: starts with a capital or digit, has a letter, is not too
// long, and is not only small words.
func looksLikeTitle(t string) bool {
	if t == "" || len(t) > 120 || wordCount(t) > 12 {
		return false
	}
	r := firstRune(t)
	if !unicode.IsUpper(r) && !unicode.IsDigit(r) {
		return false
	}
	for _, r := range t {
		if unicode.IsLetter(r) {
			return true
		}
	}
	return false
}

// titleAfter reads a title starting at the beginning of s.
func titleAfter(s string) string {
	s = strings.TrimLeft(s, " ")
	if r := firstRune(s); r == '“' || r == '"' || r == '‘' {
		closeQ := map[rune]string{'“': "”", '"': `"`, '‘': "’"}[r]
		inner := s[utf8.RuneLen(r):]
		if k := strings.Index(inner, closeQ); k > 0 && k < 120 {
			// Quoted or not, a title has a letter: `aka "0"` names none.
			if t := cleanTitle(inner[:k]); looksLikeTitle(t) {
				return t
			}
			return ""
		}
	}
	var tw []string
	for _, w := range strings.Split(s, " ") {
		if w == "" {
			break
		}
		r := firstRune(w)
		bare := strings.TrimRight(w, ",.;:!?)”\"")
		if !unicode.IsUpper(r) && !unicode.IsDigit(r) && !titleWords[strings.ToLower(bare)] {
			break
		}
		tw = append(tw, bare)
		if bare != w || len(tw) >= 12 {
			break
		}
	}
	for len(tw) > 0 && !unicode.IsUpper(firstRune(tw[len(tw)-1])) && !unicode.IsDigit(firstRune(tw[len(tw)-1])) {
		tw = tw[:len(tw)-1]
	}
	t := cleanTitle(strings.Join(tw, " "))
	if !looksLikeTitle(t) {
		return ""
	}
	return t
}

// proseAlias is an alternative title found in prose, with the title written
// just before it, if any ("Meet In Pyongyang, also known under …").
type proseAlias struct {
	alias  string
	before string // a title immediately before the phrase, or ""
}

// aliasCues are words every alias phrase contains; a text without any of
// them skips the (costly) alias expressions.
var aliasCues = []string{"known", "Known", "title", "Title", "aka", "AKA", "a.k.a", "name"}

func hasAny(text string, cues []string) bool {
	for _, c := range cues {
		if strings.Contains(text, c) {
			return true
		}
	}
	return false
}

// proseAliases finds "also known as …" and "X aka Y" phrases.
func proseAliases(text string) []proseAlias {
	if !hasAny(text, aliasCues) {
		return nil
	}
	var out []proseAlias
	for _, m := range aliasRE.FindAllStringIndex(text, -1) {
		alias := titleAfter(text[m[1]:])
		if alias == "" {
			continue
		}
		pre := strings.TrimRight(text[:m[0]], " ")
		pre = strings.TrimSuffix(strings.TrimSuffix(pre, "also"), "Also")
		pre = strings.TrimRight(pre, " ,(–—-")
		before := ""
		if t, _ := titleBefore(pre+" ", len(pre)); t != "" && strings.HasSuffix(text[:m[0]], ", also ") {
			before = t
		}
		out = append(out, proseAlias{alias: alias, before: before})
	}
	for _, m := range akaRE.FindAllStringIndex(text, -1) {
		alias := titleAfter(text[m[1]:])
		t, start := titleBefore(text, m[0])
		if alias == "" || t == "" {
			continue
		}
		_ = start
		out = append(out, proseAlias{alias: alias, before: t})
	}
	return out
}

// akaWorks introduces works named "X aka Y" in a sentence about films.
func akaWorks(text string) []workDef {
	if !hasAny(text, []string{"aka", "AKA", "a.k.a"}) {
		return nil
	}
	var defs []workDef
	for _, m := range akaRE.FindAllStringIndex(text, -1) {
		t, start := titleBefore(text, m[0])
		alias := titleAfter(text[m[1]:])
		if t == "" || alias == "" || !filmCtxRE.MatchString(sentenceBefore(text, start)) {
			continue
		}
		defs = append(defs, workDef{title: t, kind: KindFilm, aliases: []string{alias}, prio: 2})
	}
	return defs
}

// titleKey identifies a title for merging: folded, without a leading article.
func titleKey(t string) string {
	k := foldKey(t)
	for _, a := range []string{"the ", "a ", "an "} {
		if strings.HasPrefix(k, a) && len(k) > len(a) {
			return k[len(a):]
		}
	}
	return k
}

// derivedAliases are short forms of a title that people write.
func derivedAliases(title string) []string {
	var out []string
	for _, sep := range []string{" – ", " — ", " - ", ": "} {
		if main, _, ok := strings.Cut(title, sep); ok && looksLikeTitle(main) {
			out = append(out, strings.TrimSpace(main))
			break
		}
	}
	return out
}

// catalogue is the merged set of works and the matcher for their mentions.
type catalogue struct {
	works []Film
	byKey map[string]int // titleKey of title or alias → index
	match *mentionMatcher
	// definedIn are, per work, the articles that introduce it; trusted
	// marks the archivist's entries, which label mentions everywhere.
	definedIn []map[int]bool
	trusted   []bool
}

// buildCatalogue merges work definitions (in corpus order) into one entry
// per title, attaches prose aliases, and prepares mention matching.
func buildCatalogue(defs []workDef, aliases []sectionAlias) *catalogue {
	c := &catalogue{byKey: map[string]int{}}
	sort.SliceStable(defs, func(i, j int) bool { return defs[i].prio < defs[j].prio })
	// weak marks works known only from a mark or an apposition without a
	// year: if another work's prose calls them its other title, they are
	// that work.
	var weak []bool
	// "Shin's Pulgasari (1985)": a possessive before a title known on its
	// own is the director's, not the title's.
	known := map[string]bool{}
	for _, d := range defs {
		known[titleKey(d.title)] = true
	}
	for i, d := range defs {
		if w := strings.Fields(d.title); len(w) > 1 && isPossessive(w[0]) && known[titleKey(strings.Join(w[1:], " "))] {
			defs[i].title = strings.Join(w[1:], " ")
		}
	}
	for _, d := range defs {
		k := titleKey(d.title)
		if i, ok := c.byKey[k]; ok {
			w := &c.works[i]
			if w.Year == 0 {
				w.Year = d.year
			}
			w.Aliases = append(w.Aliases, d.aliases...)
			weak[i] = weak[i] && d.prio > 0 && d.year == 0
			c.definedIn[i][d.article] = true
			continue
		}
		c.byKey[k] = len(c.works)
		c.works = append(c.works, Film{Title: d.title, Year: d.year, Kind: d.kind, Aliases: append([]string(nil), d.aliases...)})
		weak = append(weak, d.prio > 0 && d.year == 0)
		c.definedIn = append(c.definedIn, map[int]bool{d.article: true})
		c.trusted = append(c.trusted, d.prio < 0)
		if d.prio < 0 {
			// The archivist's other titles lead to the film at once, so
			// that an extracted title equal to one merges into it.
			for _, a := range d.aliases {
				if _, ok := c.byKey[titleKey(a)]; !ok {
					c.byKey[titleKey(a)] = len(c.works) - 1
				}
			}
		}
	}
	removed := make([]bool, len(c.works))
	absorbed := make([]int, len(c.works))
	for _, a := range aliases {
		owner := -1
		if a.before != "" {
			if i, ok := c.byKey[titleKey(a.before)]; ok {
				owner = i
			}
		}
		if owner < 0 && a.sectionFilm != "" {
			if i, ok := c.byKey[titleKey(a.sectionFilm)]; ok {
				owner = i
			}
		}
		if owner >= 0 {
			c.works[owner].Aliases = append(c.works[owner].Aliases, a.alias)
		}
	}
	for i := range c.works {
		w := &c.works[i]
		w.Aliases = append(w.Aliases, derivedAliases(w.Title)...)
		var clean []string
		seen := map[string]bool{titleKey(w.Title): true}
		for _, a := range w.Aliases {
			k := titleKey(a)
			if seen[k] || len(k) < 2 {
				continue
			}
			if j, ok := c.byKey[k]; ok && j != i && !removed[j] {
				if !weak[j] || weak[i] {
					continue // another work's title
				}
				removed[j], absorbed[j] = true, i // "Snow Melts in Spring", the other title of Thaw
				c.byKey[k] = i
				for a := range c.definedIn[j] {
					c.definedIn[i][a] = true
				}
			}
			seen[k] = true
			clean = append(clean, a)
		}
		w.Aliases = clean
		if w.Aliases == nil {
			w.Aliases = []string{}
		}
		for _, a := range clean {
			if _, ok := c.byKey[titleKey(a)]; !ok {
				c.byKey[titleKey(a)] = i
			}
		}
	}
	if slices.Contains(removed, true) {
		var kept []Film
		var keptIn []map[int]bool
		var keptTrust []bool
		remap := make([]int, len(c.works))
		for i, w := range c.works {
			remap[i] = -1
			if !removed[i] {
				remap[i] = len(kept)
				kept = append(kept, w)
				keptIn = append(keptIn, c.definedIn[i])
				keptTrust = append(keptTrust, c.trusted[i])
			}
		}
		c.works, c.definedIn, c.trusted = kept, keptIn, keptTrust
		for k, i := range c.byKey {
			if removed[i] {
				i = absorbed[i]
			}
			c.byKey[k] = remap[i]
		}
	}
	c.match = newMentionMatcher(c.works)
	return c
}

// sectionAlias is a prose alias with the film of the section it was found in.
type sectionAlias struct {
	proseAlias
	sectionFilm string
}

// lookup returns the work a title or alias names.
func (c *catalogue) lookup(title string) (int, bool) {
	i, ok := c.byKey[titleKey(title)]
	return i, ok
}

// mentionMatcher finds titles and aliases in text by word sequences.
type mentionMatcher struct {
	// byFirst holds one-word forms by their word, byPair longer forms by
	// their first two words: a text with thousands of titles opening with
	// "The" must not try all of them at every "The".
	byFirst map[string][]mentionForm
	byPair  map[[2]string][]mentionForm
	// surface, if set, receives the words of each mention as written.
	surface func(work int, words []string)
}

type mentionForm struct {
	words []string // match keys
	work  int
	// book forms are matched only to keep their words from labelling a
	// passage with a film ("Salt" inside the novel "Salt Wind").
	book bool
}

// matchToken is a word of text with its comparison form.
type matchToken struct {
	word       string // folded, possessive removed
	capital    bool
	punctAfter bool // punctuation between this word and the next
	start      int  // byte offset in the folded text
}

func tokenKey(w string) string {
	if titleWords[strings.ToLower(w)] {
		return strings.ToLower(w)
	}
	return w
}

func newMentionMatcher(works []Film) *mentionMatcher {
	m := &mentionMatcher{byFirst: map[string][]mentionForm{}, byPair: map[[2]string][]mentionForm{}}
	for i, w := range works {
		if w.Kind == KindBook {
			if toks := matchTokens(w.Title); len(toks) >= 2 {
				keys := make([]string, len(toks))
				for j, t := range toks {
					keys[j] = tokenKey(t.word)
				}
				m.addForm(mentionForm{words: keys, work: i, book: true})
			}
			continue
		}
		forms := []string{w.Title}
		if tw := strings.Fields(w.Title); len(tw) >= 3 && titleWords[strings.ToLower(tw[0])] && (tw[0] == "The" || tw[0] == "A" || tw[0] == "An") {
			forms = append(forms, strings.Join(tw[1:], " ")) // "Silver Hairpin"
		}
		for _, a := range w.Aliases {
			if len(matchTokens(a)) >= 2 {
				forms = append(forms, a)
			}
		}
		for _, f := range forms {
			toks := matchTokens(f)
			if len(toks) == 0 {
				continue
			}
			keys := make([]string, len(toks))
			for j, t := range toks {
				keys[j] = tokenKey(t.word)
			}
			m.addForm(mentionForm{words: keys, work: i})
		}
	}
	for k := range m.byPair {
		forms := m.byPair[k]
		sort.SliceStable(forms, func(a, b int) bool { return len(forms[a].words) > len(forms[b].words) })
	}
	for k := range m.byFirst {
		forms := m.byFirst[k]
		sort.SliceStable(forms, func(a, b int) bool { return len(forms[a].words) > len(forms[b].words) })
	}
	return m
}

// matchTokens splits text into words (letters, digits, inner apostrophes and
// hyphens), folding punctuation and removing possessive endings.
func matchTokens(text string) []matchToken {
	var toks []matchToken
	text = foldPunct(text)
	i := 0
	for i < len(text) {
		r, size := utf8.DecodeRuneInString(text[i:])
		if !unicode.IsLetter(r) && !unicode.IsDigit(r) {
			if len(toks) > 0 && r != ' ' {
				toks[len(toks)-1].punctAfter = true
			}
			i += size
			continue
		}
		j := i
		for j < len(text) {
			r2, s2 := utf8.DecodeRuneInString(text[j:])
			if unicode.IsLetter(r2) || unicode.IsDigit(r2) || unicode.Is(unicode.Mn, r2) {
				j += s2
				continue
			}
			if (r2 == '\'' || r2 == '-') && j+s2 < len(text) {
				n, _ := utf8.DecodeRuneInString(text[j+s2:])
				if unicode.IsLetter(n) || unicode.IsDigit(n) {
					j += s2
					continue
				}
			}
			break
		}
		w := text[i:j]
		w = strings.TrimSuffix(strings.TrimSuffix(w, "'s"), "'S")
		toks = append(toks, matchToken{word: w, capital: unicode.IsUpper(r), start: i})
		i = j
	}
	return toks
}

// find returns the works mentioned in text, in order of first mention.
func (m *mentionMatcher) find(text string) []int {
	return m.findWhere(text, nil)
}

// findWhere is find, keeping a mention only when ok (given the work, the
// text with punctuation folded and the mention's offset in it) accepts it;
// ok may be nil.
func (m *mentionMatcher) findWhere(text string, ok func(work int, folded string, at int) bool) []int {
	if len(m.byFirst) == 0 && len(m.byPair) == 0 {
		return nil
	}
	toks := matchTokens(text)
	var folded string
	if ok != nil {
		folded = foldPunct(text)
	}
	var found []int
	for i := 0; i < len(toks); {
		var forms []mentionForm
		if i+1 < len(toks) {
			forms = m.byPair[[2]string{tokenKey(toks[i].word), tokenKey(toks[i+1].word)}]
		}
		forms = append(forms[:len(forms):len(forms)], m.byFirst[tokenKey(toks[i].word)]...)
		matched := 0
		for _, f := range forms {
			if i+len(f.words) > len(toks) || !formMatches(f.words, toks[i:]) {
				continue
			}
			if len(f.words) == 1 && i > 0 && toks[i-1].capital && !toks[i-1].punctAfter && !titleWords[strings.ToLower(toks[i-1].word)] && !descriptorWords[toks[i-1].word] {
				continue // "Great Salt", "Shin Films"
			}
			if len(f.words) == 1 && i+1 < len(toks) && !toks[i].punctAfter && toks[i+1].capital && !descriptorWords[toks[i+1].word] && !titleWords[strings.ToLower(toks[i+1].word)] {
				continue // "Salt Wind": part of a longer name
			}
			if !f.book && !slices.Contains(found, f.work) && (ok == nil || ok(f.work, folded, toks[i].start)) {
				found = append(found, f.work)
			}
			if !f.book && m.surface != nil {
				words := make([]string, len(f.words))
				for j := range f.words {
					words[j] = toks[i+j].word
				}
				m.surface(f.work, words)
			}
			matched = len(f.words)
			break
		}
		i += max(matched, 1)
	}
	return found
}

func (m *mentionMatcher) addForm(f mentionForm) {
	if len(f.words) == 1 {
		m.byFirst[f.words[0]] = append(m.byFirst[f.words[0]], f)
		return
	}
	k := [2]string{f.words[0], f.words[1]}
	m.byPair[k] = append(m.byPair[k], f)
}

func formMatches(keys []string, toks []matchToken) bool {
	for j, k := range keys {
		if tokenKey(toks[j].word) != k {
			return false
		}
	}
	return true
}

// caseCounter counts how the texts write each title's small words ("Meet
// in Pyongyang" or "Meet In Pyongyang"): a heading may capitalise every
// word, the prose writes the title in its own case.
type caseCounter map[int]map[string]int

func (cc caseCounter) add(work int, words []string) {
	if cc[work] == nil {
		cc[work] = map[string]int{}
	}
	cc[work][strings.Join(words, " ")]++
}

// recase gives each title the letter case the texts use most for it, when
// the two differ only in the case of small title words.
func (cc caseCounter) recase(works []Film) {
	for w, variants := range cc {
		title := strings.Fields(works[w].Title)
		best, bestN := "", 0
		for v, n := range variants {
			if n > bestN || n == bestN && v < best {
				best, bestN = v, n
			}
		}
		vw := strings.Fields(best)
		if len(vw) != len(title) || variants[strings.Join(title, " ")] >= bestN {
			continue
		}
		// "SEA OF BLOOD (1969)" as a heading: the prose's case wins.
		if joined := strings.Join(title, " "); joined == strings.ToUpper(joined) && best != strings.ToUpper(best) && strings.EqualFold(joined, best) {
			works[w].Title = best
			continue
		}
		changed := false
		for j := range title {
			if title[j] != vw[j] && strings.EqualFold(title[j], vw[j]) && titleWords[strings.ToLower(vw[j])] && j > 0 {
				title[j] = vw[j]
				changed = true
			}
		}
		if changed {
			works[w].Title = strings.Join(title, " ")
		}
	}
}
