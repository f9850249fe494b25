package films

// Reading titles out of text: where a title starts and ends, how a year is
// written beside one, and how two spellings of a title compare.

import (
	"regexp"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"
)

// YearPat is a year as texts write a film's: 1880–2039.
const YearPat = `(18[89]\d|19\d\d|20[0-3]\d)`

var (
	// bracketYearRE is a year in brackets after a title: "(1969)",
	// "[1969]", "(c.1952)", "(North Korea, 1972)", "(Yangsando, 1955)",
	// "(1985, dir. Shin Sang-ok)", "(Shin Sang-ok, 1985)", "(1979 – 1981)".
	// Groups: 1 the text before the year, 2 the year, 3 a range's end,
	// 4 the text after it.
	bracketYearRE = regexp.MustCompile(`^\s*[(\[]\s*([^()\[\]]{0,60}?)\s*,?\s*(?:c\.|ca\.|circa\s)?\s*` + YearPat +
		`\s*(?:([–—‒/-])\s*(?:\d{2}|\d{4})?)?\s*(?:film|movie|documentary|TV series|series|tv film|TV movie)?\s*(?:[,;:]([^()\[\]]{0,80}))?[)\]]`)
	// commaYearRE is ", 1985" or " – 1985" after a title.
	commaYearRE = regexp.MustCompile(`^\s*(?:,|\s[–—-])\s*(?:in\s+)?` + YearPat + `\b`)
	// possYearRE is "1985's" or "1985’s" before a title.
	possYearRE = regexp.MustCompile(YearPat + `[’']s\s+$`)
	// yearWordRE is any year.
	yearWordRE = regexp.MustCompile(`\b` + YearPat + `\b`)
)

// Fold folds typographic quotes, apostrophes and dashes to ASCII so that
// "Mother’s" matches "Mother's" and "Ten Zan – X" matches "Ten Zan - X".
// Comparisons only: display text keeps the characters the text has.
func Fold(s string) string {
	// Every character folded is outside ASCII, and strings.Replacer
	// copies its input even when it replaces nothing: most words are
	// ASCII and come back as they are.
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			return punctFolder.Replace(s)
		}
	}
	return s
}

var punctFolder = strings.NewReplacer(
	"\u2018", "'", "\u2019", "'", "\u201A", "'", "\u201B", "'", "\u2032", "'", "\u02BC", "'", "\uFF07", "'",
	"\u201C", `"`, "\u201D", `"`, "\u201E", `"`, "\u201F", `"`, "\u2033", `"`, "\u00AB", `"`, "\u00BB", `"`,
	"\u2010", "-", "\u2011", "-", "\u2012", "-", "\u2013", "-", "\u2014", "-", "\u2015", "-", "\u2212", "-",
	"\u2026", "...",
)

// Key identifies a title for comparison: punctuation folded, case folded,
// every run of non-letters one space, without a leading article.
func Key(t string) string {
	var b strings.Builder
	space := false
	for _, r := range strings.ToLower(Fold(t)) {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			if space && b.Len() > 0 {
				b.WriteByte(' ')
			}
			space = false
			b.WriteRune(r)
			continue
		}
		if r == '\'' {
			continue // "Schindler's" = "Schindlers"
		}
		space = true
	}
	k := b.String()
	for _, a := range []string{"the ", "a ", "an "} {
		if strings.HasPrefix(k, a) && len(k) > len(a) {
			return k[len(a):]
		}
	}
	return k
}

// LooseKey is Key without the small words inside a title ("ten zan
// ultimate mission" for "Ten Zan – The Ultimate Mission"), for matching
// spellings that drop or add one. Titles of fewer than three content
// words have no loose key: dropping words from them makes other titles.
func LooseKey(t string) string {
	var ws []string
	for _, w := range strings.Fields(Key(t)) {
		if !smallWords[w] {
			ws = append(ws, w)
		}
	}
	if len(ws) < 3 {
		return ""
	}
	return strings.Join(ws, " ")
}

// CleanTitle trims what a reader caught around a title: quotes, marks,
// spaces, trailing commas, colons and an unmatched parenthesis.
func CleanTitle(t string) string {
	t = strings.Join(strings.Fields(t), " ")
	for {
		before := t
		t = strings.TrimSpace(strings.Trim(t, " \"“”‘’«»„‟「」『』*_`″"))
		t = strings.TrimRight(t, " ,;:·•|–—-")
		t = strings.TrimLeft(t, "'’,;:·•|–—-) ")
		if strings.HasSuffix(t, ")") && strings.Count(t, "(") < strings.Count(t, ")") {
			t = strings.TrimSuffix(t, ")")
		}
		if strings.HasPrefix(t, "(") && strings.Count(t, "(") > strings.Count(t, ")") {
			t = strings.TrimPrefix(t, "(")
		}
		if strings.HasSuffix(t, "'") && !strings.HasSuffix(t, "s'") {
			t = strings.TrimSuffix(t, "'")
		}
		// "Pokemon." from ``Pokemon.″: a sentence's period, not the
		// title's ("Dr.", "Vol." and "Jr." keep theirs).
		if strings.HasSuffix(t, ".") && !strings.HasSuffix(t, "..") {
			ws := strings.Fields(t)
			if last := strings.TrimSuffix(ws[len(ws)-1], "."); !abbreviation(strings.ToLower(last)) && !strings.Contains(last, ".") && len(last) > 1 {
				t = strings.TrimSuffix(t, ".")
			}
		}
		if t == before {
			return t
		}
	}
}

func firstRune(s string) rune {
	r, _ := utf8.DecodeRuneInString(s)
	return r
}

func lastRune(s string) rune {
	r, _ := utf8.DecodeLastRuneInString(s)
	return r
}

// capitalised reports whether a word opens with a capital letter or a
// digit (titles capitalise their words; "2046", "9/11").
func capitalised(w string) bool {
	r := firstRune(strings.TrimLeft(w, "\"“‘'«(¡¿"))
	return unicode.IsUpper(r) || unicode.IsDigit(r) || unicode.Is(unicode.Hangul, r) || unicode.Is(unicode.Han, r)
}

// bare is a word without the punctuation around it, lower case.
func bare(w string) string {
	return strings.ToLower(strings.Trim(Fold(w), `.,;:!?"'()[]…*_`))
}

// words splits text at spaces.
func words(s string) []string { return strings.Fields(s) }

// isPossessive reports whether a word ends in "'s" or "s'" and is not a
// contraction ("Let's", "It's", "That's").
func isPossessive(w string) bool {
	w = strings.TrimRight(Fold(w), ",.;:")
	return (strings.HasSuffix(w, "'s") || strings.HasSuffix(w, "s'")) && !contractions[strings.ToLower(w)]
}

// trimPossessive takes the possessive ending off a word: "Maimaiti’s"
// → "Maimaiti", "Films'" → "Films".
func trimPossessive(w string) string {
	for _, suf := range []string{"'s", "’s", "'S", "’S"} {
		if strings.HasSuffix(w, suf) {
			return w[:len(w)-len(suf)]
		}
	}
	for _, suf := range []string{"'", "’"} {
		if strings.HasSuffix(w, "s"+suf) {
			return w[:len(w)-len(suf)]
		}
	}
	return w
}

// titleLike reports whether a phrase can be a title at all: it has a
// letter, opens with a capital, a digit or a Korean or Chinese character,
// is at most 12 words and 120 bytes, and is not only small words.
func titleLike(t string) bool {
	if t == "" || len(t) > 120 {
		return false
	}
	ws := words(t)
	if len(ws) > 12 || !capitalised(ws[0]) {
		return false
	}
	letters, content := false, false
	for _, r := range t {
		if unicode.IsLetter(r) {
			letters = true
			break
		}
	}
	for _, w := range ws {
		if !smallWords[bare(w)] {
			content = true
		}
	}
	return letters && content
}

// capitalRatio is the share of a phrase's content words (not small words)
// that are capitalised.
func capitalRatio(t string) float64 {
	n, caps := 0, 0
	for i, w := range words(t) {
		if i > 0 && smallWords[bare(w)] || !hasLetterOrDigit(w) {
			continue
		}
		n++
		if capitalised(w) {
			caps++
		}
	}
	if n == 0 {
		return 0
	}
	return float64(caps) / float64(n)
}

// readTitleForward reads a Title-Case phrase at the start of s (after
// spaces): capitalised words with the small words between them, keeping
// the punctuation titles carry ("Order No. 027", "Pacchigi!", "Woman of
// Fire '82", "Detonator 2: The Nightwatch"). It returns the title and
// the number of bytes of s it spans.
func readTitleForward(s string) (string, int) {
	// A title is at most 12 words: reading the next 400 bytes keeps
	// every reader of a long paragraph linear in it.
	if len(s) > 400 {
		cut := 400
		for cut > 0 && !utf8.RuneStart(s[cut]) {
			cut--
		}
		s = s[:cut]
	}
	trimmed := strings.TrimLeft(s, " ")
	lead := len(s) - len(trimmed)
	// A quoted title is read to its closing quote.
	for _, p := range pairs {
		if strings.HasPrefix(trimmed, p.open) && p.open != "'" {
			inner := trimmed[len(p.open):]
			if k := strings.Index(inner, p.close); k > 0 && k <= 120 {
				return CleanTitle(inner[:k]), lead + len(p.open) + k + len(p.close)
			}
			return "", 0
		}
	}
	ws := strings.Split(trimmed, " ")
	var tw []string
	for i, w := range ws {
		if w == "" {
			break
		}
		core := bare(w)
		if i > 0 && strings.ContainsAny(w[:1], "([{“‘«„\"") {
			goto done // "(1985)", "(Porcile", a quotation: not the title's
		}
		if i > 0 && possYearRE.MatchString(w+" ") {
			goto done // "Sea of Blood and 1972’s Flower Girl": two titles
		}
		switch {
		case capitalised(w):
		case i > 0 && smallWords[core]:
		case i > 0 && (w == "–" || w == "—" || w == "-" || w == "&"):
		case i > 0 && len(core) == 2 && isDigits(core) && strings.ContainsAny(w[:1], "'’"):
		default:
			goto done
		}
		{
			stripped := strings.TrimRight(w, ",.;:!?)”\"’»")
			tail := w[len(stripped):]
			next := ""
			if i+1 < len(ws) {
				next = ws[i+1]
			}
			keep := stripped
			switch {
			case tail == "." && abbreviation(strings.ToLower(stripped)) && next != "" && capitalised(next):
				keep, tail = w, ""
			case (tail == "!" || tail == "?") && (next == "" || !capitalised(next)):
				keep, tail = w, ""
			case tail == ":" && next != "" && capitalised(next) && len(tw) > 0 && i+1 < len(ws):
				// "Detonator 2: The Nightwatch": a subtitle after a
				// colon is read on; the caller decides whether it is one.
				keep, tail = w, ""
			}
			tw = append(tw, keep)
			if tail != "" || len(tw) >= 12 {
				goto done
			}
		}
	}
done:
	// Trailing small words and dashes are not the title's.
	for len(tw) > 0 {
		l := tw[len(tw)-1]
		if capitalised(l) || strings.ContainsAny(l[:1], "'’") && len(l) > 1 {
			break
		}
		tw = tw[:len(tw)-1]
	}
	if len(tw) == 0 {
		return "", 0
	}
	t := strings.Join(tw, " ")
	end := strings.Index(trimmed, t) + len(t)
	return CleanTitle(t), lead + end
}

// readTitleBackward reads a Title-Case phrase that ends s (before trailing
// spaces): the title just before "(1985)" or ", a 1985 film". It returns
// the title and its start offset in s.
func readTitleBackward(s string) (string, int) {
	s = strings.TrimRight(s, " ")
	// "The Flower Girl (1972), the …": a year in brackets after the
	// title is not the title's.
	if strings.HasSuffix(s, ")") {
		if k := strings.LastIndex(s, "("); k > 0 {
			if y, _, _ := yearAfter(s[k:]); y > 0 {
				s = strings.TrimRight(s[:k], " ")
			}
		}
	}
	// A quoted title is read back to its opening quote: "Revisiting
	// ‘Pulgasari’ (1985)".
	for _, p := range pairs {
		if p.close != "'" && strings.HasSuffix(s, p.close) {
			inner := s[:len(s)-len(p.close)]
			// Only the last 121 bytes may hold the opening quote: looking
			// further would make a paragraph of closing quotes quadratic.
			from := max(0, len(inner)-121-len(p.open))
			if k := strings.LastIndex(inner[from:], p.open); k >= 0 && len(inner)-(from+k) <= 121 {
				k += from
				return CleanTitle(inner[k+len(p.open):]), k + len(p.open)
			}
		}
	}
	from := max(0, len(s)-400) // a title is at most 12 words
	for from > 0 && !utf8.RuneStart(s[from]) {
		from++
	}
	ws := strings.Split(s[from:], " ")
	first := len(ws)
	for i := len(ws) - 1; i >= 0 && len(ws)-i <= 12; i-- {
		w := ws[i]
		if w == "" {
			break
		}
		if i < len(ws)-1 && endsClause(w) && !abbreviation(strings.ToLower(strings.TrimRight(w, "."))) {
			break // "…, Pulgasari (1986)": the comma ends the title
		}
		if isPossessive(w) && i < len(ws)-1 {
			break // "Imamura's The Ballad of Narayama": the director's
		}
		if strings.ContainsAny(lastRuneString(w), "”’\"»″") || i < len(ws)-1 && strings.ContainsAny(w[:1], "“‘\"«„(") {
			break // a quotation ends or opens here
		}
		core := bare(w)
		if !capitalised(w) && !smallWords[core] && w != "–" && w != "—" && w != "-" && w != "&" &&
			!(len(core) == 2 && isDigits(core)) {
			break
		}
		first = i
	}
	if first == len(ws) {
		return "", 0
	}
	// "westerns like Texas, Addio (1966)": a one-word title after a
	// capitalised word and a comma, after a word that lists examples, is
	// one title.
	if first == len(ws)-1 && first >= 2 && strings.HasSuffix(ws[first-1], ",") && listCues[ws[first-2]] {
		if pw := strings.TrimSuffix(ws[first-1], ","); capitalised(pw) && !isPossessive(pw) && !strings.ContainsAny(pw, ".;:") {
			first--
		}
	}
	tw := ws[first:]
	for len(tw) > 0 && !capitalised(tw[0]) {
		tw = tw[1:]
	}
	for len(tw) > 1 && (sentenceOpeners[strings.Trim(tw[0], `"“‘'`)] || descriptors[tw[0]]) {
		tw = tw[1:]
	}
	if len(tw) == 0 {
		return "", 0
	}
	t := strings.Join(tw, " ")
	return CleanTitle(t), len(s) - len(t)
}

// listCues introduce examples: "westerns like Texas, Addio".
var listCues = set(`like as including especially notably particularly namely`)

// sentenceOpeners are words that open a sentence and never a title, taken
// off a title read backwards ("In Pulgasari (1986)"). Words that open
// titles as often as sentences ("From Russia with Love", "You Only Live
// Twice", "For Your Eyes Only") are not among them.
var sentenceOpeners = set(`In His Her Their Its This That These Those Also And But Both At With By As Like Including Even
	Unlike Although Though Since During Meanwhile Eventually Finally Today Yet However Thus Hence Indeed Perhaps
	Despite Because Whereas Besides Moreover Furthermore Additionally Instead Nevertheless Nonetheless Ultimately
	Originally Initially Recently Currently Previously Apparently Clearly Certainly Naturally Obviously Basically
	Overall Anyway Otherwise Similarly Likewise Conversely Regardless Unfortunately Fortunately Interestingly`)

// descriptors are origin and genre words written before a title but not
// part of it ("his Western Blindfish (1971)", "the Soviet Sekunda").
var descriptors = set(`Western Hollywood Soviet Chinese Japanese Italian American British French German Russian Belgian
	Korean Hong Kong-made Bollywood Indian Australian Spanish Mexican Taiwanese Czech Polish`)

// endsClause reports whether a word ends with punctuation that ends a
// title read backwards.
func endsClause(w string) bool {
	return strings.ContainsRune(",.;:!?)(]”\"", lastRune(w))
}

// abbreviation reports whether a word (lower case, without its period)
// is an abbreviation whose period does not end a title: "No.", "Dr.",
// "Vs.", "Mr.".
func abbreviation(w string) bool {
	switch strings.TrimSuffix(w, ".") {
	case "no", "dr", "mr", "mrs", "ms", "st", "vs", "vol", "pt", "jr", "sr", "mt", "ft", "gen", "capt", "lt", "col", "prof", "rev", "sgt":
		return true
	}
	return false
}

func isDigits(s string) bool {
	for _, r := range s {
		if r < '0' || r > '9' {
			return false
		}
	}
	return s != ""
}

// yearAfter reads a year written just after a title: "(1969)", "[1969]",
// "(North Korea, 1972)", ", 1985". It returns the year, an other title
// written inside the bracket ("(Yangsando, 1955)"), and whether the
// bracket is a span of years (a lifespan, a run).
func yearAfter(s string) (year int, alt string, span bool) {
	s = strings.TrimLeft(s, "*_”\"'’» ")
	if m := bracketYearRE.FindStringSubmatch(s); m != nil {
		year, _ = strconv.Atoi(m[2])
		inner := strings.TrimSpace(strings.Trim(m[1], " ,;:"))
		// "(Shin Sang-ok, 1985)" names the director, not another title.
		if inner != "" && !countryList(inner) && !creditWords.MatchString(inner) && titleLike(inner) && len(words(inner)) <= 6 && !personName(words(inner)) {
			alt = inner
		}
		return year, alt, m[3] != ""
	}
	if m := commaYearRE.FindStringSubmatch(s); m != nil {
		year, _ = strconv.Atoi(m[1])
	}
	return year, "", false
}

// creditWords inside a year bracket mean credits, not another title:
// "(1985, dir. Shin)", "(dir. Shin, 1985)".
var creditWords = regexp.MustCompile(`(?i)\b(?:dir\.?|directed|director|written|prod\.?|produced|starring|with|min\.?|minutes|colou?r|b&w|remake|by|feature|short|animated|episode|season|tv|uk|us)\b|\d`)

// countryList reports whether s names countries (or cities) only
// ("North Korea", "Japan/North Korea", "Belgium, UK and North Korea").
func countryList(s string) bool {
	parts := strings.FieldsFunc(strings.ToLower(s), func(r rune) bool { return r == '/' || r == ',' || r == '–' || r == '&' || r == '-' })
	if len(parts) == 0 {
		return false
	}
	for _, p := range parts {
		p = strings.TrimSpace(strings.TrimPrefix(strings.TrimSpace(p), "and "))
		if !countries[p] && !countryPhrases[p] && !cities[p] {
			return false
		}
	}
	return true
}

// IsGenreList reports whether a line lists genres only, the way film
// databases print them: "Action | Drama | Fantasy", "Drama / Musical".
func IsGenreList(s string) bool {
	parts := strings.FieldsFunc(strings.ToLower(s), func(r rune) bool { return strings.ContainsRune("|/,·•", r) })
	if len(parts) == 0 || len(parts) > 8 {
		return false
	}
	for _, p := range parts {
		p = strings.Join(strings.Fields(strings.TrimPrefix(strings.TrimSpace(p), "and ")), "-")
		if !genreLabels[p] {
			return false
		}
	}
	// One word alone ("Drama") is as likely a heading.
	return len(parts) >= 2
}

// sentenceAround returns the bounds of the sentence of text holding
// text[start:end], at most 300 bytes to either side (so that reading every
// candidate of a long paragraph stays linear).
func sentenceAround(text string, start, end int) (int, int) {
	from := max(0, start-300)
	for from > 0 && !utf8.RuneStart(text[from]) {
		from++
	}
	if k := lastSentenceEnd(text[from:start]); k >= 0 {
		from += k
	}
	to := min(len(text), end+300)
	for to < len(text) && !utf8.RuneStart(text[to]) {
		to--
	}
	if k := firstSentenceEnd(text[end:to]); k >= 0 {
		to = end + k
	}
	return from, to
}

// lastSentenceEnd returns the offset just after the last sentence end in
// s, or -1.
func lastSentenceEnd(s string) int {
	for i := len(s) - 1; i > 0; i-- {
		c := s[i]
		if (c == ' ') && strings.ContainsRune(".!?;", rune(s[i-1])) {
			w := s[:i-1]
			if k := strings.LastIndexByte(w, ' '); k >= 0 {
				w = w[k+1:]
			}
			if s[i-1] == '.' && (abbreviation(strings.ToLower(w)) || len(w) == 1) {
				continue
			}
			return i + 1
		}
	}
	return -1
}

// firstSentenceEnd returns the offset of the first sentence end in s, or
// -1.
func firstSentenceEnd(s string) int {
	for i := 0; i+1 < len(s); i++ {
		if strings.IndexByte(".!?;", s[i]) >= 0 && s[i+1] == ' ' {
			w := s[:i]
			if k := strings.LastIndexByte(w, ' '); k >= 0 {
				w = w[k+1:]
			}
			if s[i] == '.' && (abbreviation(strings.ToLower(w)) || len(w) == 1) {
				continue
			}
			return i
		}
	}
	return -1
}

// lastWords returns the last n words of s, lower case, punctuation
// trimmed.
func lastWords(s string, n int) []string {
	ws := words(s)
	if len(ws) > n {
		ws = ws[len(ws)-n:]
	}
	out := make([]string, len(ws))
	for i, w := range ws {
		out[i] = bare(w)
	}
	return out
}

// firstWords returns the first n words of s, lower case, punctuation
// trimmed.
func firstWords(s string, n int) []string {
	ws := words(s)
	if len(ws) > n {
		ws = ws[:n]
	}
	out := make([]string, len(ws))
	for i, w := range ws {
		out[i] = bare(w)
	}
	return out
}

// IsCountryList reports whether s names countries only ("North Korea",
// "Japan/North Korea", "Belgium, UK and North Korea").
func IsCountryList(s string) bool { return countryList(s) }

func lastRuneString(s string) string {
	r := lastRune(s)
	return string(r)
}

func hasLetterOrDigit(s string) bool {
	for _, r := range s {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			return true
		}
	}
	return false
}

// hasAny reports whether text holds any of cues.
func hasAny(text string, cues []string) bool {
	for _, c := range cues {
		if strings.Contains(text, c) {
			return true
		}
	}
	return false
}
