package films

// Word lists found in one pass over a text's words. The evidence around
// every candidate asks "is there a film word (a book word, a stage word, a
// year) in this sentence?"; answering it with a case-insensitive
// alternation regexp per list cost most of the reading time of long
// texts (sotu: 4 s of 13), because Go's regexp tries the alternation at
// every byte. Words here are what `\b` bounds in a regexp: runs of ASCII
// letters, digits and '_'.

import "strings"

// wordList is a set of words and two-word phrases ("box office",
// "blu-ray": two words joined by one space or hyphen), compared in lower
// case.
type wordList map[string]bool

func newWordList(phrases ...string) wordList {
	l := wordList{}
	for _, p := range phrases {
		l[strings.ToLower(p)] = true
	}
	return l
}

func isASCIIWordByte(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '_'
}

// asciiWords calls f with the byte range of every ASCII word of text, in
// order, until f returns false.
func asciiWords(text string, f func(start, end int) bool) {
	for i := 0; i < len(text); {
		if !isASCIIWordByte(text[i]) {
			i++
			continue
		}
		j := i + 1
		for j < len(text) && isASCIIWordByte(text[j]) {
			j++
		}
		if !f(i, j) {
			return
		}
		i = j
	}
}

// lowerASCII writes s in lower case into buf (reused) and returns it.
func lowerASCII(buf []byte, s string) []byte {
	buf = buf[:0]
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c >= 'A' && c <= 'Z' {
			c += 'a' - 'A'
		}
		buf = append(buf, c)
	}
	return buf
}

// find returns the start of every word or phrase of the list in text,
// left to right, never overlapping (as regexp's FindAllStringIndex would
// with `(?i)\b(?:…)\b`, where no listed word opens a listed phrase).
func (l wordList) find(text string) []int {
	var out []int
	l.each(text, func(start int) bool { out = append(out, start); return true })
	return out
}

// has reports whether text holds a word or phrase of the list.
func (l wordList) has(text string) bool {
	found := false
	l.each(text, func(int) bool { found = true; return false })
	return found
}

// each calls f with the start of each word or phrase of the list in text
// until f returns false.
func (l wordList) each(text string, f func(start int) bool) {
	var buf []byte
	pend := -1 // the previous word's start, if it may open a phrase
	pendEnd := 0
	more := true
	asciiWords(text, func(start, end int) bool {
		if pend >= 0 && start == pendEnd+1 && (text[pendEnd] == ' ' || text[pendEnd] == '-') {
			if buf = lowerASCII(buf, text[pend:end]); l[string(buf)] {
				more, pend = f(pend), -1
				return more
			}
		}
		if buf = lowerASCII(buf, text[start:end]); l[string(buf)] {
			more, pend = f(start), -1
			return more
		}
		pend, pendEnd = start, end
		return true
	})
}

// findYears returns the start of every year (YearPat) written as a word of
// its own.
func findYears(text string) []int {
	var out []int
	asciiWords(text, func(start, end int) bool {
		if end-start == 4 && isYearWord(text[start:end]) {
			out = append(out, start)
		}
		return true
	})
	return out
}

// isYearWord reports whether four bytes are a year 1880–2039.
func isYearWord(w string) bool {
	for i := 0; i < 4; i++ {
		if w[i] < '0' || w[i] > '9' {
			return false
		}
	}
	switch w[:2] {
	case "18":
		return w[2] >= '8'
	case "19":
		return true
	case "20":
		return w[2] <= '3'
	}
	return false
}
