package corpus

// Films in the forms real articles write them, beyond "Title (Year)":
//
//   - a year in any bracket or after a comma: "Sea of Blood [1969]",
//     "The Flower Girl (North Korea, 1972)", "Title (Yangsando, 1955)",
//     "(c.1952)"; in headings also "Title, 1985";
//   - appositions: "the 1985 film Pulgasari", "Shin's 1984 film Runaway",
//     "the martial arts film Hong Kil Dong, 1986", "their first film, An
//     Emissary Unreturned, a …", "Pulgasari, a 1985 monster film",
//     "Pulgasari — the 1985 monster film", "Under the Sun is a 2015
//     Russian documentary";
//   - titles the format marks — italics, <cite>, quotation marks (“…”,
//     "…", ``…'') — when a film word is near and no book word is nearer;
//   - a heading over a credits line ("North Korea, 1972, 125 min.");
//   - filmography tables: a year column beside a title column.
//
// What every form shares: the title is read whole, with its own letter
// case and punctuation ("Order No. 027", "Woman of Fire '82", "Pacchigi!",
// "Texas, Addio"), without a director's possessive ("Imamura's"); names of
// studios, festivals, newspapers and events are not films; a book, novel,
// play or song is a book, which never labels a passage.

import (
	"regexp"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"
)

const yearPat = `(1[89]\d\d|20[0-3]\d)`

// filmWordPat are nouns that say a title is a film.
const filmWordPat = `(?:film|films|movie|movies|documentary|documentaries|feature|features|picture|co-production|coproduction|remake|sequel|cartoon|animation|animated feature|melodrama|thriller|comedy|western|blockbuster|biopic|short|series)`

var (
	// bracketYearRE: "(1969)", "[1969]", "(c.1952)", "(North Korea, 1972)",
	// "(Yangsando, 1955)", "(1985, dir. Shin Sang-ok)" — the inner text
	// before and after the year is returned.
	bracketYearRE = regexp.MustCompile(`[(\[]\s*([^()\[\]]{0,60}?)\s*,?\s*(?:c\.|ca\.|circa\s)?\s*` + yearPat + `\s*(?:[–—-]\s*(?:\d{2}|\d{4}))?\s*(?:film|movie|documentary|TV series|series)?\s*(?:,([^()\[\]]{0,80}))?[)\]]`)
	// headingCommaYearRE: "Title, 1985" (and "Title – 1985") at the end of
	// a heading.
	headingCommaYearRE = regexp.MustCompile(`^(.+?)\s*(?:,|\s[–—-])\s*` + yearPat + `\s*$`)
	// headingLabelRE: a label before the title in a heading ("Review:").
	headingLabelRE = regexp.MustCompile(`(?i)^(?:(?:film |movie |dvd |blu-ray |book )?(?:review|reviews|re-view|now showing|screening|programme note|program note|in cinemas|on dvd|classic|retrospective|recommended|watch|pick of the week)\s*[:|–—-]\s+|(?:#|no\.\s*)?\d{1,3}\s*[.):–—-]\s+)`)
	// beforeNounRE: what precedes the noun in "the 1985 film ", "Shin's
	// 1984 film ", "the martial arts film ", "his documentary ".
	beforeNounRE = regexp.MustCompile(`(?:\b(?:the|a|an|his|her|their|its|this|that)|\b\p{Lu}[\p{L}-]+(?:'s|’s|s'|s’))\s+(?:` + yearPat + `\s+)?((?:[\p{L}-]+\s+){0,3}?)$`)
	// afterTitleRE: what precedes the noun in ", a 1985 monster film", " —
	// the 1985 film", " is a 2015 Russian documentary".
	afterTitleRE = regexp.MustCompile(`(?:,|\s[–—-]|\s(?:is|was|remains|became))\s+(?:a|an|the)\s+(?:` + yearPat + `\s+)?((?:[\p{L}'’-]+\s+){0,3}?)$`)
	// creditsLineRE opens a paragraph of credits under a title: "North
	// Korea, 1972, 125 min.", "1985, 95 min", "Dir. Shin Sang-ok".
	creditsLineRE = regexp.MustCompile(`^(?:(?:\p{Lu}[\p{L}.]*(?:[ /-]\p{Lu}[\p{L}.]*){0,3}\s*[,/]\s*){1,3})?` + yearPat + `\b(?:\s*[,.;]\s*(?:\d{2,3}\s*min|\p{Lu}|dir))?|^(?:dir\.|directed by|director:)\s`)
	minutesRE     = regexp.MustCompile(`\b\d{2,3}\s*(?:min|mins|minutes)\b`)
	// bookWordRE says a marked title is not a film.
	bookWordRE       = regexp.MustCompile(`(?i)\b(?:book|books|novel|novels|novella|memoir|memoirs|autobiography|biography|essay|treatise|article|poem|poems|story collection|play|plays|stage play|song|songs|album|anthem|hymn|newspaper|daily|weekly|magazine|journal|paper|periodical|opera house|published|publisher|wrote|written|reads?|reading)\b`)
	strictFilmWordRE = regexp.MustCompile(`(?i)\b(?:film|films|movie|movies|documentary|documentaries|co-production|cartoon|animation|biopic|remake|sequel|series)\b`)
	filmWordRE       = regexp.MustCompile(`(?i)\b(?:` + filmWordPat + `|directed|director|screened|screening|starring|starred|premiere|premiered|shot|cinema|cinemas|box office|remade|screen|filmed)\b`)
	// roleAfterFilmRE: "film director", "film studio": the film word is
	// part of another noun.
	// personNameRE: two or three capitalised words, the first a common
	// Korean surname: "Kim Jong-il", "Shin Sang Ok".
	personNameRE = regexp.MustCompile(`^(?:Kim|Ri|Lee|Yi|Pak|Park|Choe|Choi|Chung|Jung|Jong|Chong|Shin|Sin|Han|Yun|Yoon|Jang|Chang|Kang|Cho|Hwang|Ahn|Hong|Ryu|Yu|Kwon|Mun|Nam|Paek|Baek|Rim|Jeon|Jon|Chu|Kwak|Roh)\s+\p{Lu}[\p{L}'’]*(?:[- ]\p{Lu}?[\p{L}'’]+)?$`)
	// quotedRE finds quoted phrases: “…”, "…", ``…''.
	quotedRE = regexp.MustCompile("“([^“”]{1,120})”|\"([^\"]{1,120})\"|``([^`']{1,120})''")
)

// nonFilmEnds are last words of names that are not films.
var nonFilmEnds = map[string]bool{
	"Studio": true, "Studios": true, "Company": true, "Corporation": true, "Institute": true, "University": true,
	"Academy": true, "Agency": true, "Ministry": true, "Committee": true, "Party": true, "Association": true,
	"Federation": true, "League": true, "Union": true, "Times": true, "News": true, "Post": true, "Herald": true,
	"Daily": true, "Journal": true, "Magazine": true, "Sinmun": true, "Troupe": true, "Ensemble": true, "Orchestra": true,
	"Theatre": true, "Theater": true, "Museum": true, "Library": true, "Archive": true, "Archives": true, "Society": true,
	"Group": true, "Films": true, "Pictures": true, "Productions": true, "Entertainment": true, "Network": true, "Channel": true,
	"Station": true, "Broadcasting": true, "Wire": true, "Press": true, "Monthly": true, "Weekly": true, "Review": true,
	"Act": true, "Bill": true, "Law": true, "Amendment": true, "Resolution": true, "Doctrine": true, "Plan": true,
	"Program": true, "Programme": true, "Report": true, "Address": true, "Speech": true, "Message": true, "Treaty": true,
	"Accord": true, "Accords": true, "Declaration": true, "Constitution": true, "Treasury": true, "Department": true,
}

// countryNames appear where a film's country is written beside its year.
var countryNames = map[string]bool{
	"north korea": true, "south korea": true, "korea": true, "dprk": true, "rok": true, "ussr": true, "soviet union": true,
	"japan": true, "china": true, "prc": true, "france": true, "italy": true, "usa": true, "us": true, "u.s.": true, "uk": true,
	"united states": true, "united kingdom": true, "germany": true, "east germany": true, "west germany": true, "gdr": true,
	"czechoslovakia": true, "hong kong": true, "taiwan": true, "russia": true, "poland": true, "hungary": true, "romania": true,
	"bulgaria": true, "yugoslavia": true, "cuba": true, "vietnam": true, "india": true, "spain": true, "belgium": true,
	"netherlands": true, "sweden": true, "switzerland": true, "canada": true, "australia": true, "mongolia": true,
	"albania": true, "egypt": true, "austria": true, "denmark": true, "norway": true, "finland": true, "mexico": true,
	"brazil": true, "argentina": true, "iran": true, "thailand": true, "singapore": true, "philippines": true, "indonesia": true,
	"britain": true, "great britain": true, "england": true, "scotland": true, "ireland": true, "portugal": true, "greece": true,
	"turkey": true, "israel": true, "chile": true, "new zealand": true, "laos": true, "cambodia": true, "burma": true,
}

// isCountryList reports whether s names countries only ("North Korea",
// "Japan/North Korea", "Belgium, UK and North Korea").
func isCountryList(s string) bool {
	parts := strings.FieldsFunc(strings.ToLower(s), func(r rune) bool { return r == '/' || r == ',' || r == '–' || r == '&' })
	if len(parts) == 0 {
		return false
	}
	for _, p := range parts {
		p = strings.TrimSpace(strings.TrimPrefix(strings.TrimSpace(p), "and "))
		if !countryNames[p] {
			return false
		}
	}
	return true
}

// creditWords inside a year bracket mean the bracket gives credits, not
// another title: "(1985, dir. Shin)", "(dir. Shin, 1985)".
var creditWordRE = regexp.MustCompile(`(?i)\b(?:dir\.?|directed|director|written|prod\.?|produced|starring|with|min\.?|minutes|color|colour|b&w|remake|by)\b|\d`)

// yearBracket reads the bracket of a film: its year and an other title
// written inside ("(Yangsando, 1955)"), if any. ok is false for a bracket
// that is not a film's (a lifespan "(1919–98)" is read by the caller).
func yearBracket(inner string) (alt string, ok bool) {
	inner = strings.TrimSpace(strings.Trim(inner, " ,;:"))
	switch {
	case inner == "":
		return "", true
	case isCountryList(inner), creditWordRE.MatchString(inner):
		return "", true
	case looksLikeTitle(inner) && wordCount(inner) <= 6:
		return inner, true
	}
	return "", false
}

// splitTitleYear reads a heading (or a page title) naming a film with its
// year in any of the forms headings use, after an optional label
// ("Review: "). It returns the title, year and other titles.
func splitTitleYear(line string) (title string, year int, alts []string, ok bool) {
	line = strings.TrimSpace(headingLabelRE.ReplaceAllString(strings.TrimSpace(line), ""))
	// The classic form, with alternatives after the year.
	if m := filmHeadingRE.FindStringSubmatch(line); m != nil {
		title = strings.TrimSpace(m[1])
		year, _ = strconv.Atoi(m[2])
		for _, a := range strings.Split(m[3], "/") {
			if a = strings.TrimSpace(a); a != "" {
				alts = append(alts, a)
			}
		}
		if !validHeadingTitle(title) {
			return "", 0, nil, false
		}
		return title, year, alts, true
	}
	if locs := bracketYearRE.FindAllStringSubmatchIndex(line, -1); len(locs) > 0 {
		m := locs[len(locs)-1]
		rest := strings.TrimSpace(line[m[1]:])
		if rest == "" || strings.HasPrefix(rest, "(") {
			year, _ = strconv.Atoi(line[m[4]:m[5]])
			alt, okb := yearBracket(line[m[2]:m[3]])
			title = strings.TrimSpace(line[:m[0]])
			if okb && validHeadingTitle(title) {
				if alt != "" {
					alts = append(alts, alt)
				}
				if rest != "" {
					for _, a := range strings.Split(strings.Trim(rest, "() "), "/") {
						if a = strings.TrimSpace(a); a != "" {
							alts = append(alts, a)
						}
					}
				}
				return title, year, alts, true
			}
		}
	}
	if m := headingCommaYearRE.FindStringSubmatch(line); m != nil {
		title = strings.TrimSpace(m[1])
		year, _ = strconv.Atoi(m[2])
		if validHeadingTitle(title) && !isCountryList(title) && !isDateLike(title) {
			return title, year, nil, true
		}
	}
	return "", 0, nil, false
}

func validHeadingTitle(t string) bool {
	if t == "" || !unicode.IsUpper(firstRune(t)) && !unicode.IsDigit(firstRune(t)) && !strings.ContainsRune("\"“‘'«", firstRune(t)) {
		return false
	}
	t = cleanTitle(t)
	words := strings.Fields(t)
	return looksLikeTitle(t) && !nonFilmEnds[words[len(words)-1]] && !eventWords[words[len(words)-1]] && !isDateLike(t)
}

// appositionWorks finds films named by an apposition in a paragraph. It
// looks only around the film nouns of the text (found in one pass), so its
// cost stays linear in the paragraph.
func appositionWorks(text string) []workDef {
	var defs []workDef
	for _, loc := range filmNouns(text) {
		before := text[max(0, loc[0]-100):loc[0]]
		after := text[loc[1]:]
		// "the 1985 film Pulgasari", "Shin's 1984 film Runaway", "their
		// first film, An Emissary Unreturned, …".
		weak := weakFilmNouns[text[loc[0]:loc[1]]]
		if !titleFollows(after) {
			// Neither form can name a title here; skip the expressions.
		} else if m := beforeNounRE.FindStringSubmatch(before); m != nil && adjectiveWords(m[2]) && (!weak || m[1] != "") {
			if d, ok := titleAfterNoun(after, m[1]); ok {
				defs = append(defs, d)
			}
		}
		// "Pulgasari, a 1985 monster film", "Under the Sun is a 2015
		// Russian documentary".
		if !articleNear(before) || !filmWordEnds(after) {
			continue
		}
		if m := afterTitleRE.FindStringSubmatchIndex(before); m != nil {
			words := ""
			if m[4] >= 0 {
				words = before[m[4]:m[5]]
			}
			if !adjectiveWords(words) {
				continue
			}
			cue := loc[0] - len(before) + m[0]
			title, _ := titleBefore(text, cue)
			year := 0
			if m[2] >= 0 {
				year, _ = strconv.Atoi(before[m[2]:m[3]])
			}
			if title != "" && plausibleFilmTitle(title, year > 0) && (!weak || year > 0) {
				defs = append(defs, workDef{title: title, year: year, kind: KindFilm, prio: 1})
			}
		}
	}
	return defs
}

// weakFilmNouns also name other things ("a feature of the plan", "the
// western Sahara", "a series of tables"): they make an apposition only
// with a year ("the 1966 spaghetti western Texas, Addio").
var weakFilmNouns = map[string]bool{"feature": true, "features": true, "picture": true, "short": true, "series": true,
	"western": true, "comedy": true, "thriller": true, "melodrama": true}

// filmNounSet are the film nouns of filmWordPat, one word each.
var filmNounSet = func() map[string]bool {
	m := map[string]bool{}
	for _, w := range strings.Split(strings.Trim(filmWordPat, "(?:)"), "|") {
		if !strings.Contains(w, " ") {
			m[w] = true
		}
	}
	return m
}()

// filmNouns returns the byte ranges of the lower-case film nouns in text,
// in one pass over its words.
func filmNouns(text string) [][2]int {
	var out [][2]int
	for i := 0; i < len(text); {
		c := text[i]
		if c < 'a' || c > 'z' {
			i++
			continue
		}
		if i > 0 && (isWordByte(text[i-1])) {
			for i < len(text) && isWordByte(text[i]) {
				i++
			}
			continue
		}
		j := i
		for j < len(text) && (text[j] >= 'a' && text[j] <= 'z' || text[j] == '-') {
			j++
		}
		if (j == len(text) || !isWordByte(text[j])) && filmNounSet[text[i:j]] {
			out = append(out, [2]int{i, j})
		}
		i = j
	}
	return out
}

// isWordByte reports whether c continues a word (ASCII letters, digits, an
// apostrophe, or any byte of a multi-byte letter).
func isWordByte(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c >= 0x80
}

// titleFollows reports whether a capitalised word (or a quote) follows,
// after an optional comma.
func titleFollows(after string) bool {
	after = strings.TrimPrefix(after, ",")
	if !strings.HasPrefix(after, " ") {
		return false
	}
	r := firstRune(strings.TrimLeft(after, " "))
	return unicode.IsUpper(r) || unicode.IsDigit(r) || r == '“' || r == '"'
}

// articleNear reports whether an article ends the last 60 bytes of s
// ("…, a 1985 monster" before "film").
func articleNear(s string) bool {
	s = s[max(0, len(s)-60):]
	return strings.Contains(s, " a ") || strings.Contains(s, " an ") || strings.Contains(s, " the ")
}

// titleAfterNoun reads the title after "the 1985 film" (the text after the
// noun is after; yearText is the year written before the noun, if any).
func titleAfterNoun(after, yearText string) (workDef, bool) {
	comma := strings.HasPrefix(after, ",")
	rest := strings.TrimPrefix(after, ",")
	if !strings.HasPrefix(rest, " ") {
		return workDef{}, false
	}
	title, n := readTitleAfter(rest)
	if title == "" {
		return workDef{}, false
	}
	year := 0
	if yearText != "" {
		year, _ = strconv.Atoi(yearText)
	}
	tail := rest[n:]
	// "the 1966 western Texas, Addio, which …": a one-word title, a comma
	// and one more capitalised word closing the phrase.
	if cm := commaWordRE.FindStringSubmatch(tail); cm != nil && !strings.Contains(title, " ") && year > 0 && !isPossessive(cm[1]) {
		title += ", " + cm[1]
		tail = tail[len(cm[0])-len(cm[2]):]
	}
	// "… film Hong Kil Dong, 1986": the year after a comma.
	if ym := commaYearRE.FindStringSubmatch(tail); ym != nil && year == 0 {
		year, _ = strconv.Atoi(ym[1])
	}
	// "the film, An Emissary Unreturned, a historical film": between
	// commas.
	if comma && !strings.HasPrefix(strings.TrimLeft(tail, " "), ",") {
		return workDef{}, false
	}
	if !plausibleFilmTitle(title, year > 0) {
		return workDef{}, false
	}
	return workDef{title: title, year: year, kind: KindFilm, prio: 1}, true
}

// filmWordEnds reports whether the film word before rest ends its noun
// phrase ("a 1985 monster film about …", "a film, …") rather than
// qualify another noun ("the film production section", "a film director").
func filmWordEnds(rest string) bool {
	if rest == "" || !strings.HasPrefix(rest, " ") {
		return true // punctuation or the end
	}
	next := strings.Fields(rest)
	if len(next) == 0 {
		return true
	}
	w := strings.TrimRight(next[0], ",.;:!?)”\"")
	if w == "" || !unicode.IsLower(firstRune(w)) {
		return true
	}
	return continuationWords[w]
}

// continuationWords may follow a film word that ends its noun phrase.
var continuationWords = map[string]bool{
	"about": true, "by": true, "from": true, "in": true, "of": true, "that": true, "which": true, "who": true, "with": true,
	"directed": true, "made": true, "shot": true, "set": true, "starring": true, "released": true, "based": true, "and": true,
	"or": true, "to": true, "for": true, "was": true, "is": true, "produced": true, "where": true, "on": true, "at": true,
	"featuring": true, "adapted": true, "written": true, "telling": true, "following": true, "filmed": true, "co-directed": true,
	"but": true, "than": true, "has": true, "had": true, "ever": true, "since": true, "after": true, "before": true,
	"when": true, "though": true, "although": true, "whose": true, "as": true, "like": true, "into": true,
}

var commaWordRE = regexp.MustCompile(`^,\s+(\p{Lu}[\p{L}'’!?-]+)((?:,|\.|;|\s+\(|\s+(?:which|that|was|is|has|had|and)\b).*)$`)

var commaYearRE = regexp.MustCompile(`^\s*,\s*(?:in\s+)?` + yearPat + `\b`)

// adjectiveWords reports whether the words between an article and a film
// word describe the film ("martial arts", "Russian", "monster") rather
// than reach into another phrase ("star of the").
func adjectiveWords(words string) bool {
	for _, w := range strings.Fields(words) {
		switch strings.ToLower(w) {
		case "of", "the", "a", "an", "by", "with", "from", "for", "in", "about", "on", "and", "or", "to", "as", "at", "that", "which", "who":
			return false
		}
	}
	return true
}

// plausibleFilmTitle rejects what an apposition or a mark catches that is
// not a title: a person's name without a year, a studio or festival.
func plausibleFilmTitle(t string, dated bool) bool {
	if !looksLikeTitle(t) || isDateLike(t) {
		return false
	}
	words := strings.Fields(t)
	last := strings.Trim(words[len(words)-1], ".,;:!?")
	if nonFilmEnds[last] || eventWords[last] || isCountryList(t) {
		return false
	}
	if len(words) == 1 && (notTitles[last] || sentenceStarters[last]) {
		return false
	}
	for _, w := range words[1:] {
		if institutionWords[strings.Trim(w, ".,;:")] {
			return false // "Karlovy Vary Film Festival in Czechoslovakia"
		}
	}
	if !dated && personNameRE.MatchString(t) {
		return false
	}
	return true
}

// notTitles are capitalised words that open sentences, never titles on
// their own.
var notTitles = map[string]bool{
	"It": true, "This": true, "That": true, "These": true, "Those": true, "Neither": true, "Either": true, "Both": true,
	"Which": true, "What": true, "He": true, "She": true, "They": true, "We": true, "You": true, "I": true, "One": true,
	"Each": true, "All": true, "Another": true, "There": true, "Here": true, "Thus": true, "Hence": true, "However": true,
	"Still": true, "Now": true, "Then": true, "Today": true, "Yesterday": true, "Tomorrow": true, "Such": true, "Most": true,
	"Many": true, "Some": true, "None": true, "Nothing": true, "Everything": true, "Everyone": true, "Someone": true,
	"His": true, "Her": true, "Their": true, "Our": true, "My": true, "Your": true, "Its": true, "The": true, "A": true, "An": true,
}

// institutionWords inside a name make it an institution or an event.
var institutionWords = map[string]bool{
	"Festival": true, "Studio": true, "Studios": true, "Awards": true, "Academy": true, "Company": true, "University": true,
	"Institute": true, "Ministry": true, "Committee": true, "Department": true, "Association": true, "Corporation": true,
}

// readTitleAfter reads a title at the start of s, keeping the punctuation
// titles carry ("Order No. 027", "Pacchigi!", "Woman of Fire '82"), and
// returns it with the number of bytes it spans.
func readTitleAfter(s string) (string, int) {
	trimmed := strings.TrimLeft(s, " ")
	lead := len(s) - len(trimmed)
	if r := firstRune(trimmed); r == '“' || r == '"' || r == '‘' {
		closeQ := map[rune]string{'“': "”", '"': `"`, '‘': "’"}[r]
		inner := trimmed[utf8.RuneLen(r):]
		if k := strings.Index(inner, closeQ); k > 0 && k < 120 {
			t := cleanTitle(inner[:k])
			if looksLikeTitle(t) {
				return t, lead + utf8.RuneLen(r) + k + len(closeQ)
			}
		}
		return "", 0
	}
	var tw []string
	pos := lead
	words := strings.Split(trimmed, " ")
	for i, w := range words {
		if w == "" {
			break
		}
		r := firstRune(w)
		bare := strings.TrimRight(w, ",.;:!?)”\"")
		core := strings.ToLower(bare)
		switch {
		case unicode.IsUpper(r) || unicode.IsDigit(r):
		case titleWords[core] && i > 0:
		case r == '\'' || r == '’': // '82
			if len(bare) < 2 || !isDigits(strings.TrimLeft(bare, "'’")) {
				goto done
			}
		default:
			goto done
		}
		// Keep the punctuation a title carries: "No." in "Order No.
		// 027", "!" in "Pacchigi!" when the sentence goes on.
		end := w[len(bare):]
		next := ""
		if i+1 < len(words) {
			next = words[i+1]
		}
		switch {
		case end == "." && abbreviations[core] && next != "" && (unicode.IsDigit(firstRune(next)) || unicode.IsUpper(firstRune(next))):
			bare = w
			end = ""
		case (end == "!" || end == "?") && (next == "" || !unicode.IsUpper(firstRune(next))):
			bare = w
			end = ""
		}
		tw = append(tw, bare)
		pos += len(bare)
		if end != "" || len(tw) >= 12 {
			break
		}
		pos++ // the space
	}
done:
	for len(tw) > 0 && !unicode.IsUpper(firstRune(tw[len(tw)-1])) && !unicode.IsDigit(firstRune(tw[len(tw)-1])) && !strings.ContainsAny(tw[len(tw)-1][:1], "'’") {
		tw = tw[:len(tw)-1]
	}
	n := lead + len(strings.Join(tw, " "))
	// "the film Maimaiti's director": the title is before the possessive.
	if k := len(tw) - 1; k >= 0 && isPossessive(tw[k]) {
		tw[k] = strings.TrimSuffix(strings.TrimSuffix(tw[k], "'s"), "’s")
	}
	t := cleanTitle(strings.Join(tw, " "))
	if !looksLikeTitle(t) {
		return "", 0
	}
	return t, n
}

// signalWorks finds films among the phrases a text marks — italics and
// <cite> (emph) and quotation marks — when a film word is near and no book
// word is nearer. Marked phrases next to a year are films or books by the
// same rule.
func signalWorks(text string, emph []string, quotes bool) []workDef {
	var defs []workDef
	seen := map[string]bool{}
	try := func(phrase string, at int, quoted bool) {
		t := cleanTitle(phrase)
		if seen[t] || !looksLikeTitle(t) || strings.ContainsAny(strings.TrimRight(t, "!?"), ".;") && !strings.Contains(t, "No.") {
			return
		}
		if quoted && !titleCased(t) {
			return // a quotation, not a title
		}
		seen[t] = true
		year := 0
		after := text[at+len(phrase):]
		after = strings.TrimLeft(strings.TrimLeft(after, "*_”\"'’"), " ")
		if m := bracketYearRE.FindStringSubmatchIndex(after); m != nil && m[0] == 0 {
			year, _ = strconv.Atoi(after[m[4]:m[5]])
		} else if m := commaYearRE.FindStringSubmatch(after); m != nil {
			year, _ = strconv.Atoi(m[1])
		}
		kind, ok := signalKind(text, at, at+len(phrase), quoted)
		if !ok && year == 0 {
			return
		}
		if !plausibleFilmTitle(t, year > 0) {
			return
		}
		defs = append(defs, workDef{title: t, year: year, kind: kind, prio: 1})
	}
	for _, e := range emph {
		if i := strings.Index(text, e); i >= 0 {
			try(e, i, false)
		}
	}
	if quotes && strings.ContainsAny(text, "“\"`") {
		for _, m := range quotedRE.FindAllStringSubmatchIndex(text, -1) {
			for g := 2; g < len(m); g += 2 {
				if m[g] >= 0 {
					try(text[m[g]:m[g+1]], m[g], true)
				}
			}
		}
	}
	return defs
}

// titleCased reports whether most words of a quoted phrase are
// capitalised, as titles are and quoted speech is not.
func titleCased(t string) bool {
	words := strings.Fields(t)
	caps, n := 0, 0
	for _, w := range words {
		if titleWords[strings.ToLower(strings.Trim(w, ",.!?"))] {
			continue
		}
		n++
		if r := firstRune(w); unicode.IsUpper(r) || unicode.IsDigit(r) {
			caps++
		}
	}
	return n > 0 && caps*2 >= n*2-1 && len(words) <= 10
}

// signalKind decides what a marked phrase at text[start:end] names from
// the words around it in its sentence: the nearest film or book word wins.
// ok is false when neither is near.
func signalKind(text string, start, end int, quoted bool) (Kind, bool) {
	s0 := start
	if k := strings.LastIndexAny(text[:start], ".!?;"); k >= 0 {
		s0 = k + 1
	} else {
		s0 = 0
	}
	e0 := len(text)
	if k := strings.IndexAny(text[end:], ".!?;"); k >= 0 {
		e0 = end + k
	}
	before, after := text[s0:start], text[end:e0]
	// Distance in bytes to the nearest cue on either side.
	nearest := func(re *regexp.Regexp) int {
		d := 1 << 30
		if locs := re.FindAllStringIndex(before, -1); len(locs) > 0 {
			d = len(before) - locs[len(locs)-1][1]
		}
		if loc := re.FindStringIndex(after); loc != nil && loc[0] < d {
			d = loc[0]
		}
		return d
	}
	filmRE, reach := filmWordRE, 120
	if quoted {
		// Quotation marks also quote speech and article titles: only a
		// plain film noun close by makes a quoted phrase a film.
		filmRE, reach = strictFilmWordRE, 60
	}
	film, book := nearest(filmRE), nearest(bookWordRE)
	switch {
	case book < film && book < 80:
		return KindBook, true
	case film <= reach:
		return KindFilm, true
	}
	return KindFilm, false
}

// creditsWork reads a heading with no year as a film's when the paragraph
// under it opens with its credits ("North Korea, 1972, 125 min.").
func creditsWork(heading, next string) (workDef, bool) {
	t := cleanTitle(headingLabelRE.ReplaceAllString(heading, ""))
	if !validHeadingTitle(t) {
		return workDef{}, false
	}
	lead := next
	if len(lead) > 120 {
		lead = lead[:120]
	}
	m := creditsLineRE.FindStringSubmatch(lead)
	if m == nil && !minutesRE.MatchString(lead) {
		return workDef{}, false
	}
	year := 0
	if m != nil && m[1] != "" {
		year, _ = strconv.Atoi(m[1])
	}
	if year == 0 && !minutesRE.MatchString(lead) {
		return workDef{}, false
	}
	return workDef{title: t, year: year, kind: KindFilm, prio: 0}, true
}

// cellYearRE is a table cell that holds a year.
var cellYearRE = regexp.MustCompile(`^\s*(?:c\.\s*)?` + yearPat + `\b`)

// mostlyColumn returns the first column (other than skip) in which at
// least 60% of the rows have a cell that ok accepts, or -1.
func mostlyColumn(tb table, cols, skip int, ok func(string) bool) int {
	for c := 0; c < cols; c++ {
		if c == skip {
			continue
		}
		n := 0
		for _, r := range tb.rows {
			if c < len(r.cells) && ok(r.cells[c]) {
				n++
			}
		}
		if n*10 >= len(tb.rows)*6 {
			return c
		}
	}
	return -1
}

// tableWorks reads a filmography table: a column of years beside a column
// of titles (named "Title", "Film" … in the heading row, or else the first
// column of title-like cells next to the years).
func tableWorks(tb table) []workDef {
	if len(tb.rows) == 0 {
		return nil
	}
	cols := 0
	for _, r := range tb.rows {
		cols = max(cols, len(r.cells))
	}
	yearCol, titleCol := -1, -1
	for i, h := range tb.head {
		k := strings.ToLower(h)
		switch {
		case yearCol < 0 && (strings.Contains(k, "year") || strings.Contains(k, "date") || strings.Contains(k, "released")):
			yearCol = i
		case titleCol < 0 && (strings.Contains(k, "title") || strings.Contains(k, "film") || strings.Contains(k, "movie") || strings.Contains(k, "work")):
			titleCol = i
		case strings.Contains(k, "book") || strings.Contains(k, "novel") || strings.Contains(k, "album") || strings.Contains(k, "song") || strings.Contains(k, "award"):
			return nil
		}
	}
	yearOf := func(cell string) int {
		m := cellYearRE.FindStringSubmatch(cell)
		if m == nil {
			return 0
		}
		y, _ := strconv.Atoi(m[1])
		return y
	}
	if yearCol < 0 {
		yearCol = mostlyColumn(tb, cols, -1, func(cell string) bool { return yearOf(cell) > 0 })
	}
	if yearCol < 0 {
		return nil
	}
	if titleCol < 0 {
		titleCol = mostlyColumn(tb, cols, yearCol, func(cell string) bool { return looksLikeTitle(cleanTitle(cell)) && yearOf(cell) == 0 })
	}
	if titleCol < 0 {
		return nil
	}
	var defs []workDef
	for _, r := range tb.rows {
		if yearCol >= len(r.cells) || titleCol >= len(r.cells) {
			continue
		}
		y := yearOf(r.cells[yearCol])
		t := cleanTitle(r.cells[titleCol])
		if y == 0 || !plausibleFilmTitle(t, true) {
			continue
		}
		defs = append(defs, workDef{title: t, year: y, kind: KindFilm, prio: 0})
	}
	return defs
}
