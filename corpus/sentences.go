package corpus

// Sentence boundaries and chunking for text without paragraph breaks, and
// date lines in article headers.

import (
	"regexp"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"
)

// abbreviations end with a period that does not end a sentence.
var abbreviations = map[string]bool{
	"mr": true, "mrs": true, "ms": true, "dr": true, "st": true, "jr": true, "sr": true,
	"gen": true, "gov": true, "sen": true, "rep": true, "lt": true, "col": true, "capt": true,
	"prof": true, "rev": true, "hon": true, "no": true, "nos": true, "vs": true, "etc": true,
	"inc": true, "co": true, "corp": true, "ltd": true, "jan": true, "feb": true, "mar": true,
	"apr": true, "jun": true, "jul": true, "aug": true, "sep": true, "sept": true, "oct": true,
	"nov": true, "dec": true, "mt": true, "ft": true, "messrs": true, "cf": true, "ca": true,
	"approx": true, "vol": true, "pp": true, "p": true, "fig": true, "ed": true, "eds": true,
}

// sentenceEnds returns the byte offsets just after each sentence end in s
// (after the punctuation and any closing quotes), not including len(s).
func sentenceEnds(s string) []int {
	var ends []int
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		i += size
		if r != '.' && r != '!' && r != '?' && r != '…' {
			continue
		}
		j := i
		for j < len(s) {
			c, sz := utf8.DecodeRuneInString(s[j:])
			if !strings.ContainsRune(`.!?”"’')]»`, c) {
				break
			}
			j += sz
		}
		if j >= len(s) || s[j] != ' ' {
			continue
		}
		next, _ := utf8.DecodeRuneInString(strings.TrimLeft(s[j:], " "))
		if !unicode.IsUpper(next) && !unicode.IsDigit(next) && !strings.ContainsRune(`“"‘'(«[`, next) {
			continue
		}
		if r == '.' && isAbbreviation(s[:i-1]) {
			continue
		}
		ends = append(ends, j)
		i = j
	}
	return ends
}

// isAbbreviation reports whether the word ending s (before a period) is an
// abbreviation or an initial.
func isAbbreviation(s string) bool {
	k := strings.LastIndexAny(s, " (\"“‘")
	word := s[k+1:]
	if word == "" {
		return false
	}
	if utf8.RuneCountInString(word) == 1 {
		r, _ := utf8.DecodeRuneInString(word)
		return unicode.IsUpper(r) // an initial: "J. Smith"
	}
	if strings.Contains(word, ".") {
		return true // "U.S.", "e.g."
	}
	return abbreviations[strings.ToLower(word)]
}

// chunkSentences cuts a long paragraph into passages of roughly
// chunkTarget words, never more than chunkMax unless a single sentence is
// longer (then it is cut between words), and never leaving a tail shorter
// than 60 words when it can join the previous chunk.
func chunkSentences(text string) []string {
	var sentences []string
	start := 0
	for _, e := range sentenceEnds(text) {
		sentences = append(sentences, strings.TrimSpace(text[start:e]))
		start = e
	}
	if rest := strings.TrimSpace(text[start:]); rest != "" {
		sentences = append(sentences, rest)
	}
	var chunks []string
	var cur []string
	curWords := 0
	flush := func() {
		if len(cur) > 0 {
			chunks = append(chunks, strings.Join(cur, " "))
			cur, curWords = nil, 0
		}
	}
	for _, sent := range sentences {
		for _, part := range splitLongSentence(sent) {
			w := wordCount(part)
			if curWords > 0 && curWords+w > chunkMax {
				flush()
			}
			cur = append(cur, part)
			curWords += w
			if curWords >= chunkTarget {
				flush()
			}
		}
	}
	flush()
	if n := len(chunks); n >= 2 && wordCount(chunks[n-1]) < 60 && wordCount(chunks[n-2])+wordCount(chunks[n-1]) <= chunkMax+60 {
		chunks[n-2] += " " + chunks[n-1]
		chunks = chunks[:n-1]
	}
	return chunks
}

// splitLongSentence cuts a sentence of more than chunkMax words between
// words.
func splitLongSentence(s string) []string {
	words := strings.Fields(s)
	if len(words) <= chunkMax {
		return []string{s}
	}
	var parts []string
	for len(words) > 0 {
		n := min(chunkTarget, len(words))
		parts = append(parts, strings.Join(words[:n], " "))
		words = words[n:]
	}
	return parts
}

var datePrefixRE = regexp.MustCompile(`(?i)^(?:published|posted|updated|date|dated|first published)?\s*(?:on|:)?\s*`)

var dateLayouts = []struct {
	layout string
	full   bool
}{
	{"January 2, 2006", true}, {"January 2 2006", true}, {"Jan 2, 2006", true}, {"Jan. 2, 2006", true},
	{"2 January 2006", true}, {"2 Jan 2006", true}, {"2006-01-02", true},
	{"Monday, January 2, 2006", true}, {"Monday 2 January 2006", true},
	{"January 2006", false}, {"Jan 2006", false},
}

// parseDateLine recognises a header line that is only a date ("June 1,
// 2016", "Posted on 1 June 2016", "2016-06-01") and returns it as
// YYYY-MM-DD, or YYYY when no day is given.
func parseDateLine(line string) (string, bool) {
	if len(line) > 48 {
		return "", false
	}
	rest := strings.TrimSpace(datePrefixRE.ReplaceAllString(line, ""))
	rest = strings.TrimSuffix(rest, ".")
	for _, l := range dateLayouts {
		t, err := time.Parse(l.layout, rest)
		if err != nil || t.Year() < 1800 || t.Year() > 2100 {
			continue
		}
		if l.full {
			return t.Format("2006-01-02"), true
		}
		return t.Format("2006"), true
	}
	return "", false
}
