package corpus

// Credit and rating lines: the metadata that festival catalogues, review
// boxes and programme notes write under a film's title —
//
//	Director: Kim Ki-young
//	Kim Ki-young · 111m · Digital
//	North Korea, 1972, 125 min.
//	D Choe Ik-kyu, Hak Pak S Kim Il-sung (play) WS Korea Film Export …
//	Rating: 2/5
//	Directed by Miguel Arteta
//	Action | Drama | Fantasy
//	Starring            (a label over a list of names)
//
// They are neither headings (which would end the film's section) nor
// passages; the films reader takes them as evidence that the line above
// names a film.

import (
	"regexp"
	"strings"
	"unicode"

	"cinesearch/corpus/films"
)

var (
	// creditLabelRE opens a "Label: value" line of credits.
	creditLabelRE = regexp.MustCompile(`(?i)^(?:(?:film )?(?:dir(?:ector|ected|\.)?s?(?: by)?|d|cast|release|release dates?|premiered?|starring|stars|with|screenplay|script|writ(?:er|ten by|ers)|story|producers?|produced by|executive producers?|production(?: compan(?:y|ies)| design)?|music(?: by)?|score|cinematography|photography|director of photography|dop|editor|edited by|editing|art directors?|costumes?|sound|runtime|running time|run time|length|duration|rating|ratings|our rating|verdict|score|country|countries|country of origin|language|languages|genre|format|colou?r|minutes|seconds|year|release date|released|distributor|distribution|sales|print source|original title|english title|korean title|título original|spanish title|subtitles|programmed by|presented by|certificate|cert|classification|awards?|(?:worldwide |domestic |us |uk )?(?:gross|box office|budget|opening weekend|admissions)))\s*[:：]\s*\S`)
	// runtimeRE is a running time.
	runtimeRE = regexp.MustCompile(`(?i)\b\d{2,3}\s?(?:m|min|mins|minutes)\b`)
	// formatRE is a screening format.
	formatRE = regexp.MustCompile(`(?i)\b(?:digital|dcp|35mm|16mm|digibeta|blu-ray|4k|2k|hdcam)\b`)
	// abbrevCreditRE is a catalogue's credit line of one- or two-letter
	// labels: "D Choe Ik-kyu, Hak Pak S Kim Il-sung (play) WS …".
	abbrevCreditRE = regexp.MustCompile(`^(?:D|Dir|S|P|C|WS|L|TD|Sc)\.?\s+\p{Lu}`)
	abbrevLabelsRE = regexp.MustCompile(`\s(?:S|P|C|E|M|WS|L|TD|Ph|Ed|Mus|Prod|Scr)\s+\p{Lu}`)
	countryYearRE  = regexp.MustCompile(`^([\p{L}. ’'-]+?(?:\s*[,/&]\s*[\p{L}. ’'-]+?){0,3})\s*,?\s*((?:18|19|20)\d\d)\b(.*)$`)
	// ratingRE is a rating on its own: stars, "3/5", "(4 stars)", or a
	// database's rating widget ("1 2 3 4 5 6 7 8 9 10 5.1/10 X").
	ratingRE = regexp.MustCompile(`^(?:[★☆✩✭✮½]\s*){1,10}$|^(?:(?:\d+\s+){4,}\d+\s+)?\(?\d{1,2}(?:\.\d)?\s*/\s*(?:5|10|100)\)?(?:\s+X)?$|^\(?\d{1,2}\s*stars?\)?$`)
	// ratingLabelRE is a rating after a label of its own ("LC rating:
	// 3/5", "Our verdict: 4/5").
	ratingLabelRE = regexp.MustCompile(`(?i)^(?:[\p{L}'’]+\s){0,2}(?:rating|score|verdict|grade)s?\s*(?:[:：]\s*\S.{0,30}|\S{0,3}\s*\(?\d.{0,30})$`)
	// scoreLineRE is one line of a review's score box: "Acting 5.5",
	// "Story 5.1" (a decimal: "Apollo 13" is a title).
	scoreLineRE = regexp.MustCompile(`^(?:[\p{L}'’]+\s){1,3}\d{1,2}\.\d$`)
	// sourceLineRE names where a text was first published: "Tony Rayns,
	// Sight and Sound, March 2020".
	sourceLineRE = regexp.MustCompile(`^(?:[^,]{2,60},\s+){1,2}(?:January|February|March|April|May|June|July|August|September|October|November|December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)\.?\s+(?:\d{1,2},?\s+)?\d{4}$`)
	// photoCreditRE is a picture's credit: "(Credit: Clayton Aldern /
	// Grist)", "Photo: Korean Film Archive".
	photoCreditRE = regexp.MustCompile(`(?i)^\(?(?:photo(?:graph)?|image|picture|still|poster|illustration)?\s*(?:credits?|courtesy(?: of)?|source|photo|photograph|image)\s*[:：]\s*[^()]{1,100}\)?$`)
	// stampWordRE are the words a page's time stamp is made of.
	stampWordRE   = regexp.MustCompile(`(?i)\b(?:published|updated|posted|modified|last|first|date|dated|on|at|(?:january|february|march|april|may|june|july|august|september|october|november|december|jan|feb|mar|apr|jun|jul|aug|sep|sept|oct|nov|dec)\.?|(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday|mon|tue|tues|wed|thu|thur|thurs|fri|sat|sun)\.?|\d{1,2}:\d\d(?::\d\d)?\s*(?:am|pm|a\.m\.|p\.m\.)?|am|pm|utc|gmt|[ecmp][sd]t|bst|cet|cest|kst|jst|hkt|\d{1,2}(?:st|nd|rd|th)?|\d{4})\b`)
	stampDetailRE = regexp.MustCompile(`(?i)\b(?:january|february|march|april|may|june|july|august|september|october|november|december|jan|feb|mar|apr|jun|jul|aug|sep|sept|oct|nov|dec)\b|\d{1,2}:\d\d`)
	// certificateRE is a certificate alone, as review boxes list it.
	certificateRE = regexp.MustCompile(`^(?:NR|PG|PG-13|R|G|NC-17|U|12A?|15|18|TV-(?:Y7?|G|PG|14|MA)|Not Rated|Unrated)$`)
	// creditByRE is a credit written without a colon: "Directed by Miguel
	// Arteta", "Music by Sŏ Chŏnggŏn".
	creditByRE = regexp.MustCompile(`(?i)^(?:(?:co-)?directed|written|produced|photographed|edited|scored|music|screenplay|story|cinematography|shot|reviewed)(?: and \w+)? by\s+\p{Lu}`)
	// creditLabelOnlyRE is a credits label on a line of its own, over the
	// names it labels ("Starring" / "Ed Oxenbould" / "Steve Carell").
	creditLabelOnlyRE = regexp.MustCompile(`(?i)^(?:cast|starring|stars|director|directors|directed by|crew|credits|cast and crew|cast & crew|written by|produced by|music by|with|rating|ratings|our rating|verdict|score)\s*:?$`)
	// kindRE is what a review box says the title is, on a line alone.
	kindRE          = regexp.MustCompile(`(?i)^(?:movie|film|feature(?: film)?|short(?: film)?|documentary|tv (?:movie|film|series|show|special|mini-?series)|series|mini-?series|animation|episode)$`)
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
	case ratingRE.MatchString(l), ratingLabelRE.MatchString(l) && n <= 8, scoreLineRE.MatchString(l), sourceLineRE.MatchString(l) && n <= 12:
		return true
	case creditByRE.MatchString(l) && n <= 20 && !strings.HasSuffix(l, "."):
		return true
	case creditLabelOnlyRE.MatchString(l):
		return true
	case n <= 8 && films.IsGenreList(l):
		return true
	case photoCreditRE.MatchString(l) && n <= 16:
		return true
	case n <= 16 && timestamp(l):
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

// isCreditsLabel reports whether a credits line is a label alone, whose
// names follow on the lines below it.
func isCreditsLabel(l string) bool { return creditLabelOnlyRE.MatchString(strings.TrimSpace(l)) }

// nameLine reports whether a line is one name (or a few, joined by
// commas): how credits under a label list the people they name.
func nameLine(l string) bool {
	n := wordCount(l)
	if n == 0 || n > 8 || sentenceEndRE.MatchString(l) || strings.ContainsAny(l, "0123456789:()") {
		return false
	}
	for _, w := range strings.Fields(strings.NewReplacer(",", " ", "&", " ", " and ", " ").Replace(l)) {
		if r := firstRune(w); !unicode.IsUpper(r) {
			return false
		}
	}
	return true
}

// timestamp reports whether a line is a page's time stamp and nothing
// else: "January 10, 2020 9:00AM (UTC)", "Published: 10:00am, 20 Jan,
// 2020 Updated: 10:09am, 20 Jan, 2020".
func timestamp(l string) bool {
	// A year alone ("1985") heads a filmography's section: a stamp has
	// a month or a time besides.
	if !yearRE.MatchString(l) || !stampDetailRE.MatchString(l) {
		return false
	}
	rest := stampWordRE.ReplaceAllString(l, "")
	return strings.Trim(rest, " ,.:;|/()-–—") == ""
}

// isFactEntry reports whether a list entry is one of a review box's facts:
// a certificate ("NR", "PG-13") or the kind of work ("Movie"). Alone on a
// line outside a list such a word is a heading ("Film" over a
// filmography), so only entries are read so.
func isFactEntry(l string) bool {
	l = strings.TrimSpace(l)
	return certificateRE.MatchString(l) || kindRE.MatchString(l)
}
