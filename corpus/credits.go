package corpus

// Credit and rating lines: the metadata that festival catalogues, review
// boxes and programme notes write under a film's title —
//
//	Director: Kim Ki-young
//	Kim Ki-young · 111m · Digital
//	North Korea, 1972, 125 min.
//	D Choe Ik-kyu, Hak Pak S Kim Il-sung (play) WS Korea Film Export …
//	Rating: 2/5
//
// They are neither headings (which would end the film's section) nor
// passages; the films reader takes them as evidence that the line above
// names a film.

import (
	"regexp"
	"strings"

	"cinesearch/corpus/films"
)

var (
	// creditLabelRE opens a "Label: value" line of credits.
	creditLabelRE = regexp.MustCompile(`(?i)^(?:(?:film )?(?:dir(?:ector|ected|\.)?s?(?: by)?|d|cast|starring|stars|with|screenplay|script|writ(?:er|ten by|ers)|story|producers?|produced by|executive producers?|production(?: compan(?:y|ies)| design)?|music(?: by)?|score|cinematography|photography|director of photography|dop|editor|edited by|editing|art directors?|costumes?|sound|runtime|running time|run time|length|duration|rating|ratings|our rating|verdict|score|country|countries|country of origin|language|languages|genre|format|colou?r|minutes|seconds|year|release date|released|distributor|distribution|sales|print source|original title|english title|korean title|título original|spanish title|subtitles|programmed by|presented by|certificate|cert|classification|awards?|(?:worldwide |domestic |us |uk )?(?:gross|box office|budget|opening weekend|admissions)))\s*[:：]\s*\S`)
	// runtimeRE is a running time.
	runtimeRE = regexp.MustCompile(`(?i)\b\d{2,3}\s?(?:m|min|mins|minutes)\b`)
	// formatRE is a screening format.
	formatRE = regexp.MustCompile(`(?i)\b(?:digital|dcp|35mm|16mm|digibeta|blu-ray|4k|2k|hdcam)\b`)
	// abbrevCreditRE is a catalogue's credit line of one- or two-letter
	// labels: "D Choe Ik-kyu, Hak Pak S Kim Il-sung (play) WS …".
	abbrevCreditRE  = regexp.MustCompile(`^(?:D|Dir|S|P|C|WS|L|TD|Sc)\.?\s+\p{Lu}`)
	abbrevLabelsRE  = regexp.MustCompile(`\s(?:S|P|C|E|M|WS|L|TD|Ph|Ed|Mus|Prod|Scr)\s+\p{Lu}`)
	countryYearRE   = regexp.MustCompile(`^([\p{L}. ’'-]+?(?:\s*[,/&]\s*[\p{L}. ’'-]+?){0,3})\s*,?\s*((?:18|19|20)\d\d)\b(.*)$`)
	ratingRE        = regexp.MustCompile(`^(?:[★☆✩✭✮½]\s*){1,10}$|^\(?\d(?:\.\d)?\s*/\s*(?:5|10)\)?$|^\(?\d{1,2}\s*stars?\)?$`)
	middleDotCredit = regexp.MustCompile(`\s[·•|]\s`)
)

// isCreditsLine reports whether a line is credits or a rating.
func isCreditsLine(l string) bool {
	l = strings.TrimSpace(l)
	n := wordCount(l)
	if l == "" || n > 30 {
		return false
	}
	switch {
	case creditLabelRE.MatchString(l) && (n <= 20 || strings.Count(l, ":") >= 2):
		return true
	case ratingRE.MatchString(l):
		return true
	case abbrevCreditRE.MatchString(l) && len(abbrevLabelsRE.FindAllStringIndex(l, -1)) >= 2:
		return true
	case n <= 12 && middleDotCredit.MatchString(l) && (runtimeRE.MatchString(l) || formatRE.MatchString(l)):
		return true
	}
	// "North Korea, 1972, 125 min.", "DPRK, 1972 (MIFF 2013, …)",
	// "South Korea 1963", "1985, 95 min".
	if n <= 14 {
		if m := countryYearRE.FindStringSubmatch(l); m != nil && films.IsCountryList(strings.TrimSpace(m[1])) {
			rest := strings.TrimSpace(m[3])
			return rest == "" || strings.HasPrefix(rest, "(") || strings.HasPrefix(rest, ",") || runtimeRE.MatchString(rest) || formatRE.MatchString(rest)
		}
		if runtimeRE.MatchString(l) && n <= 6 && !sentenceEndRE.MatchString(strings.TrimSuffix(l, ".")) {
			return true // "89 mins", "1985, 95 min"
		}
	}
	return false
}
