package corpus

// Years a passage speaks of.
//
// Recognised: plain years 1900–2035 ("in 1985"), ranges ("1979 – 1981",
// "1986-1993", "1975 -78", "1997 / 98", "from 1984 to 1987", "between 1950
// and 1953": every year in between, at most a century), and decades ("the
// 1960s", "mid-1980s", "the ’80s", "the 1960s and 70s"). Never counted:
// numbers that are not years by their shape ("650.000", "2,000", "60th",
// footnote markers are masked before this runs) or by their context ("about
// 2000 applications": a count after an approximating word or before a plural
// noun), nor years a text does not speak of: a person's lifespan after their
// name ("Choe Ik-gyu (1928–2016)", "(born 1926)"; an event's or a series'
// run is kept) and the date paths of web addresses ("…/2008/12/…").
// "c.1952" and "ca. 1952" are read as 1952.

import (
	"regexp"
	"slices"
	"strconv"
	"strings"
)

const (
	minYear = 1900
	maxYear = 2035
)

var (
	rangeRE      = regexp.MustCompile(`\b(1[89]\d\d|20[0-3]\d)\s*(?:[–—‒-]|/|to)\s*(1[89]\d\d|20[0-3]\d|\d\d)\b`)
	wordRangeRE  = regexp.MustCompile(`(?i)\b(?:from|between)\s+(1[89]\d\d|20[0-3]\d)\s+(?:to|and|until|till)\s+(1[89]\d\d|20[0-3]\d)\b`)
	yearRE       = regexp.MustCompile(`\b(1[89]\d\d|20[0-3]\d)\b`)
	decadeRE     = regexp.MustCompile(`\b(1[89]\d0|20[0-3]0)[’']?s\b`)
	shortDecRE   = regexp.MustCompile(`(?:^|[\s(\-–])[’'‘]([0-9]0)[’']?s\b`)
	andDecadesRE = regexp.MustCompile(`\b(1[89]|20)([0-9]0)[’']?s\s*(?:and|or|to|,|–|-)\s*(?:the\s+)?[’']?([0-9]0)[’']?s\b`)
	pluralNextRE = regexp.MustCompile(`^\s+(\p{Ll}{2,}s)\b`)
	timeWordRE   = regexp.MustCompile(`(?i)(?:in|since|of|by|until|till|from|before|after|during|early|late|mid|summer|winter|spring|autumn|fall)\s*$`)
)

// notPluralYearFollowers are words ending in "s" that follow a year in
// ordinary prose ("in 1985 was", "1985 saw").
var notPluralYearFollowers = map[string]bool{"was": true, "has": true, "is": true, "as": true, "its": true, "his": true, "this": true, "marks": true, "sees": true, "saw": true, "brings": true, "becomes": true, "remains": true, "plus": true, "plays": true, "thus": true, "goes": true, "comes": true}

// extractYears returns the years and decades a text speaks of, ascending and
// without duplicates. Decades include those of the years.
func extractYears(text string) (years, decades []int) {
	seen := map[int]bool{}
	add := func(y int) {
		if y >= minYear && y <= maxYear && !seen[y] {
			seen[y] = true
			years = append(years, y)
		}
	}
	covered := make([]bool, len(text)) // bytes already read as part of a range
	markRange := func(from, to, start, end int) {
		if to < from || to-from > 100 {
			return
		}
		for y := from; y <= to; y++ {
			add(y)
		}
		for k := start; k < end; k++ {
			covered[k] = true
		}
	}
	if !hasDigitRun(text, 2) {
		return nil, nil
	}
	text = maskNotSpokenOf(text)
	for _, m := range wordRangeRE.FindAllStringSubmatchIndex(text, -1) {
		a, _ := strconv.Atoi(text[m[2]:m[3]])
		b, _ := strconv.Atoi(text[m[4]:m[5]])
		markRange(a, b, m[0], m[1])
	}
	for _, m := range rangeRE.FindAllStringSubmatchIndex(text, -1) {
		if covered[m[0]] || badNumberContext(text, m[2], m[1]) {
			continue
		}
		a, _ := strconv.Atoi(text[m[2]:m[3]])
		bs := text[m[4]:m[5]]
		b, _ := strconv.Atoi(bs)
		if len(bs) == 2 {
			// "1975 -78": same century, and never the month of an ISO date.
			if b <= a%100 || strings.HasPrefix(text[m[1]:], "-") {
				continue
			}
			b = a/100*100 + b
		}
		markRange(a, b, m[0], m[1])
	}
	for _, m := range yearRE.FindAllStringSubmatchIndex(text, -1) {
		if covered[m[0]] || badNumberContext(text, m[0], m[1]) || isCount(text, m[0], m[1]) {
			continue
		}
		y, _ := strconv.Atoi(text[m[2]:m[3]])
		add(y)
	}
	dseen := map[int]bool{}
	addDecade := func(d int) {
		if d >= minYear && d <= maxYear && !dseen[d] {
			dseen[d] = true
			decades = append(decades, d)
		}
	}
	if strings.Contains(text, "0s") || strings.Contains(text, "0’s") || strings.Contains(text, "0's") {
		for _, m := range decadeRE.FindAllStringSubmatch(text, -1) {
			d, _ := strconv.Atoi(m[1])
			addDecade(d)
		}
		for _, m := range andDecadesRE.FindAllStringSubmatch(text, -1) {
			d, _ := strconv.Atoi(m[1] + m[3])
			addDecade(d)
		}
		for _, m := range shortDecRE.FindAllStringSubmatch(text, -1) {
			d, _ := strconv.Atoi("19" + m[1])
			addDecade(d)
		}
	}
	for _, y := range years {
		addDecade(y / 10 * 10)
	}
	slices.Sort(years)
	slices.Sort(decades)
	return years, decades
}

// hasDigitRun reports whether text has n digits in a row somewhere.
func hasDigitRun(text string, n int) bool {
	run := 0
	for i := 0; i < len(text); i++ {
		if text[i] >= '0' && text[i] <= '9' {
			if run++; run >= n {
				return true
			}
		} else {
			run = 0
		}
	}
	return false
}

// badNumberContext rejects digits that are part of a longer number:
// "650.000", "1,985", "12345", "1985th".
func badNumberContext(text string, start, end int) bool {
	if start > 0 {
		c := text[start-1]
		if c >= '0' && c <= '9' {
			return true
		}
		if (c == '.' || c == ',') && start > 1 && text[start-2] >= '0' && text[start-2] <= '9' {
			return true
		}
	}
	if end < len(text) {
		c := text[end]
		if (c == '.' || c == ',') && end+1 < len(text) && text[end+1] >= '0' && text[end+1] <= '9' {
			return true
		}
		if strings.HasPrefix(text[end:], "th") || strings.HasPrefix(text[end:], "st ") {
			return true
		}
		if c == '%' {
			return true
		}
	}
	return false
}

// isCount reports whether a four-digit number reads as a quantity: after an
// approximating word ("about 2000") or before a plural noun ("2000
// applications") without a time preposition before it.
// approxWords before a number make it a quantity.
var approxWords = []string{"about", "around", "approximately", "nearly", "almost", "some", "over", "than", "roughly", "circa", "at least", "up to", "total of", "$", "€", "£", "¥"}

// endsWithWord reports whether s ends (spaces aside, case folded) with one
// of words, as a whole word.
func endsWithWord(s string, words []string) bool {
	s = strings.ToLower(strings.TrimRight(s, " "))
	for _, w := range words {
		if strings.HasSuffix(s, w) {
			k := len(s) - len(w)
			if k == 0 || w[0] > 0x7f || !isWordByte(s[k-1]) || w == "$" {
				return true
			}
		}
	}
	return false
}

func isCount(text string, start, end int) bool {
	before := text[max(0, start-20):start]
	if endsWithWord(before, approxWords) {
		return true
	}
	if m := pluralNextRE.FindStringSubmatch(text[end:]); m != nil && !notPluralYearFollowers[m[1]] {
		return !timeWordRE.MatchString(before)
	}
	return false
}

// fullDatePat is the day and month a lifespan may give before a year
// ("18 October 1926", "October 18, 1926").
const fullDatePat = `(?:\d{1,2}\s+\p{L}+\s+|\p{L}+\s+\d{1,2},\s+)?`

var (
	// urlRE: web addresses, whose date paths ("/2008/12/") are not years
	// a text speaks of.
	urlRE = regexp.MustCompile(`(?i)\b(?:https?://|www\.)\S+|\S+/(?:1[89]|20)\d\d/\S*`)
	// bornDiedRE: "(born 1926)", "(b. 1926)", "(d. 2006)".
	bornDiedRE = regexp.MustCompile(`\(\s*(?:born|b\.|died|d\.)\s*(?:in\s+|on\s+)?(?:\d{1,2}\s+\p{L}+\s+|\p{L}+\s+\d{1,2},\s+)?(?:1[89]|20)\d\d\s*\)`)
	// lifespanRangeRE: "(1928–2016)", "(1919-98)" — a lifespan after a
	// name (nameBeforeRE).
	lifespanRangeRE = regexp.MustCompile(`^\(\s*(?:c\.\s*)?` + fullDatePat + `(?:1[89]|20)\d\d\s*[–—-]\s*` + fullDatePat + `(?:(?:1[89]|20)\d\d|\d\d)\s*\)`)
	nameBeforeRE    = regexp.MustCompile(`((?:\p{Lu}[\p{L}'’.-]*\s+){1,4})$`)
	// workCueRE before a name with a year range makes the range a run or an
	// era, not a lifespan ("the series Unknown Heroes (1979–1981)").
	workCueRE = regexp.MustCompile(`(?i)\b(?:series|serial|film|films|movie|war|era|period|dynasty|occupation|reign|regime|administration|government|campaign|famine|crisis)\s*$`)
)

// maskNotSpokenOf blanks (with spaces, keeping offsets) the numbers that
// look like years but are not years a text speaks of: web addresses with
// date paths, a person's lifespan after their name, "(born 1926)".
func maskNotSpokenOf(text string) string {
	var b []byte
	blank := func(from, to int) {
		if b == nil {
			b = []byte(text)
		}
		for k := from; k < to; k++ {
			b[k] = ' '
		}
	}
	if strings.Contains(text, "/") {
		for _, m := range urlRE.FindAllStringIndex(text, -1) {
			blank(m[0], m[1])
		}
	}
	if strings.Contains(text, "(") {
		for _, m := range bornDiedRE.FindAllStringIndex(text, -1) {
			blank(m[0], m[1])
		}
		// Each "(" that opens a year range: is a name before it?
		for i := 0; i < len(text); {
			k := strings.IndexByte(text[i:], '(')
			if k < 0 {
				break
			}
			at := i + k
			i = at + 1
			r := lifespanRangeRE.FindStringIndex(text[at:min(len(text), at+60)])
			if r == nil {
				continue
			}
			win := text[max(0, at-80):at]
			n := nameBeforeRE.FindStringSubmatchIndex(win)
			if n == nil {
				continue
			}
			name := strings.Fields(win[n[2]:n[3]])
			last := strings.Trim(name[len(name)-1], ".,")
			if yearEventWords[last] || workCueRE.MatchString(win[:n[2]]) {
				continue
			}
			blank(at, at+r[1])
		}
	}
	if b == nil {
		return text
	}
	return string(b)
}

// yearEventWords end names of events and eras, whose years in parentheses
// are an event's, not a person's lifespan.
var yearEventWords = map[string]bool{
	"War": true, "Revolution": true, "Uprising": true, "Crisis": true, "Incident": true,
	"Olympics": true, "Festival": true, "Games": true, "Conference": true, "Agreement": true,
	"Treaty": true, "Summit": true, "Famine": true, "Movement": true, "Campaign": true,
	"Expo": true, "Award": true, "Awards": true, "Prize": true, "Congress": true, "Era": true,
	"Period": true, "Dynasty": true, "Massacre": true, "Armistice": true, "Election": true,
}

// isWordByte reports whether c continues a word (ASCII letters, digits, or
// any byte of a multi-byte letter).
func isWordByte(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c >= 0x80
}
