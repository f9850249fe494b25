package index

// The user query language. One parser, for the page, the API and the CLI.
//
//	word word        every word must match (stemmed, accent-folded,
//	                 romanization variants as one, typos tolerated; the
//	                 last word also matches as a prefix while typing)
//	"a phrase"       the words in this order
//	a OR b OR "c d"  any of them (OR in capitals, between words or phrases;
//	                 a lone OR, or "OR" quoted, is a word)
//	-word -"phrase"  exclude passages containing them
//	film:Thaw  film:"Meet In Pyongyang"   only passages about that film
//	author:Halvorsen  author:"Ann Halvorsen"  only articles by that author
//	year:1985  year:1980..1989  year:1980-1989  year:1980..  year:..1989
//	year:1980s       the decade
//
// Anything a person can type is accepted. The parser never fails on syntax:
// an unclosed quote runs to the end, a lone "-" or "+" is ignored, "film:"
// with nothing after is ignored, unknown "name:value" is read as words,
// control characters are dropped. It fails (with a *QueryError, a message
// for people) only where guessing would mislead: a year filter it cannot
// read ("year:soon", "year:1800"). Word and length limits are applied by
// the searcher, which reports what it dropped.

import (
	"fmt"
	"strconv"
	"strings"
	"unicode"
)

// Query is a parsed user query.
type Query struct {
	// Words are the free-text words, in order.
	Words []string
	// Phrases are quoted phrases (at least two words; a one-word "phrase"
	// is a word).
	Phrases []string
	// Either are OR groups: each must match through one of its
	// alternatives (a word, or a phrase when it has a space).
	Either [][]string
	// Excluded words and phrases.
	Excluded []string
	// Films from film: filters (any of them).
	Films []string
	// Authors from author: filters (any of them; every word of one must
	// be in the article's author).
	Authors []string
	// YearFrom and YearTo bound year: filters; 0 means open.
	YearFrom, YearTo int
	// Prefix reports whether the last word may be read as a prefix: the
	// query does not end with a space or a quote.
	Prefix bool
}

// Empty reports whether the query has nothing to match on (it may still
// have filters).
func (q Query) Empty() bool { return len(q.Words) == 0 && len(q.Phrases) == 0 && len(q.Either) == 0 }

// String prints the query back in the query language (normalised).
func (q Query) String() string {
	var parts []string
	for _, w := range q.Words {
		if w == orOperator {
			w = `"` + w + `"` // the word, not the operator
		}
		parts = append(parts, w)
	}
	// Quoted values are written between plain quotes: the language has no
	// escapes (a value never contains a quote), so strconv.Quote's
	// backslashes would not read back as they were.
	for _, p := range q.Phrases {
		parts = append(parts, `"`+p+`"`)
	}
	for _, g := range q.Either {
		alts := make([]string, len(g))
		for i, a := range g {
			alts[i] = a
			if strings.Contains(a, " ") || a == orOperator {
				alts[i] = `"` + a + `"`
			}
		}
		parts = append(parts, strings.Join(alts, " "+orOperator+" "))
	}
	for _, e := range q.Excluded {
		if strings.Contains(e, " ") {
			e = `"` + e + `"`
		}
		parts = append(parts, "-"+e)
	}
	for _, f := range q.Films {
		parts = append(parts, `film:"`+f+`"`)
	}
	for _, a := range q.Authors {
		parts = append(parts, `author:"`+a+`"`)
	}
	switch {
	case q.YearFrom != 0 && q.YearFrom == q.YearTo:
		parts = append(parts, fmt.Sprintf("year:%d", q.YearFrom))
	case q.YearFrom != 0 || q.YearTo != 0:
		r := "year:"
		if q.YearFrom != 0 {
			r += strconv.Itoa(q.YearFrom)
		}
		r += ".."
		if q.YearTo != 0 {
			r += strconv.Itoa(q.YearTo)
		}
		parts = append(parts, r)
	}
	return strings.Join(parts, " ")
}

// QueryError is a query that cannot be read sensibly. Its message is meant
// for the person who typed it.
type QueryError struct {
	Msg string
}

func (e *QueryError) Error() string { return e.Msg }

// wordTrim is what is cut from the ends of a word: operator characters a
// person may type around words.
const wordTrim = `"'*?~^+-`

// ParseQuery parses a user query.
func ParseQuery(s string) (Query, error) {
	var q Query
	s = strings.Map(func(r rune) rune {
		switch {
		case r == '\t' || r == '\n' || r == '\r':
			return ' '
		case unicode.IsControl(r) || r == '\uFFFD' || unicode.Is(unicode.Cf, r):
			return -1
		}
		return r
	}, s)
	s = strings.NewReplacer("“", `"`, "”", `"`, "„", `"`, "«", `"`, "»", `"`).Replace(s)
	q.Prefix = s != "" && !strings.HasSuffix(s, " ") && !strings.HasSuffix(s, `"`)
	var items []item
	r := []rune(s)
	i := 0
	for i < len(r) {
		if unicode.IsSpace(r[i]) {
			i++
			continue
		}
		neg := false
		if r[i] == '-' || r[i] == '+' {
			neg = r[i] == '-'
			i++
			if i >= len(r) || unicode.IsSpace(r[i]) {
				continue // a lone operator
			}
		}
		if r[i] == '"' {
			text, next := readQuoted(r, i+1)
			i = next
			text = strings.Join(strings.Fields(text), " ")
			switch {
			case text == "":
			case neg:
				q.Excluded = append(q.Excluded, text)
			case len(strings.Fields(text)) == 1:
				// A one-word "phrase" is a word, read like any other word.
				for _, w := range splitWord(text) {
					items = append(items, item{text: w})
				}
			default:
				items = append(items, item{text: text, phrase: true})
			}
			continue
		}
		word, next := readWord(r, i)
		i = next
		if name, value, ok := strings.Cut(word, ":"); ok && !neg {
			switch strings.ToLower(name) {
			case "film", "films", "movie", "author":
				if value == "" && i < len(r) && r[i] == '"' {
					value, i = readQuoted(r, i+1)
				}
				if value = strings.Join(strings.Fields(value), " "); value != "" {
					if strings.EqualFold(name, "author") {
						q.Authors = append(q.Authors, value)
					} else {
						q.Films = append(q.Films, value)
					}
				}
				continue
			case "year", "years":
				if value == "" {
					continue
				}
				from, to, err := parseYearRange(value)
				if err != nil {
					return Query{}, err
				}
				q.YearFrom, q.YearTo = narrow(q.YearFrom, q.YearTo, from, to)
				continue
			}
		}
		switch {
		case neg:
			q.Excluded = append(q.Excluded, splitWord(word)...)
		case word == orOperator:
			items = append(items, item{op: true})
		default:
			for _, w := range splitWord(word) {
				items = append(items, item{text: w})
			}
		}
	}
	q.group(items)
	if len(q.Words) == 0 {
		q.Prefix = false
	}
	return q, nil
}

// orOperator joins alternatives.
const orOperator = "OR"

// item is a word or phrase of a query, or the OR operator, in the order
// typed.
type item struct {
	text   string
	phrase bool
	op     bool
}

// group reads the items into words, phrases and OR groups: an OR between
// two items joins them (and a third, "a OR b OR c", joins it too); an OR
// with nothing to join is the word "OR".
func (q *Query) group(items []item) {
	var groups [][]item
	for i := 0; i < len(items); i++ {
		it := items[i]
		if it.op {
			if len(groups) > 0 && i+1 < len(items) && !items[i+1].op {
				groups[len(groups)-1] = append(groups[len(groups)-1], items[i+1])
				i++
				continue
			}
			it = item{text: orOperator}
		}
		groups = append(groups, []item{it})
	}
	for _, g := range groups {
		switch {
		case len(g) > 1:
			alts := make([]string, len(g))
			for i, it := range g {
				alts[i] = it.text
			}
			q.Either = append(q.Either, alts)
		case g[0].phrase:
			q.Phrases = append(q.Phrases, g[0].text)
		default:
			q.Words = append(q.Words, g[0].text)
		}
	}
	// The last thing typed is a prefix only when it is a plain word.
	if n := len(groups); n > 0 && (len(groups[n-1]) > 1 || groups[n-1][0].phrase) {
		q.Prefix = false
	}
}

// splitWord reads a typed word: "a:b" is two words, operator characters
// around a word are dropped.
func splitWord(word string) []string {
	var out []string
	for _, w := range strings.FieldsFunc(word, func(r rune) bool { return r == ':' }) {
		if w = strings.Trim(w, wordTrim); w != "" {
			out = append(out, w)
		}
	}
	return out
}

func readQuoted(r []rune, i int) (string, int) {
	start := i
	for i < len(r) && r[i] != '"' {
		i++
	}
	text := string(r[start:i])
	if i < len(r) {
		i++ // the closing quote
	}
	return text, i
}

func readWord(r []rune, i int) (string, int) {
	start := i
	for i < len(r) && !unicode.IsSpace(r[i]) {
		if r[i] == '"' && i > start && r[i-1] != ':' {
			break
		}
		if r[i] == '"' && i > start && r[i-1] == ':' {
			break // film:"…" continues in the caller
		}
		i++
	}
	return string(r[start:i]), i
}

// parseYearRange reads "1985", "1980..1989", "1980-1989", "1980..",
// "..1989", "1980s".
func parseYearRange(v string) (int, int, error) {
	bad := func() (int, int, error) {
		return 0, 0, &QueryError{Msg: fmt.Sprintf("year:%s is not a year or range; write year:1985, year:1980..1989 or year:1980s (years 1900–2035)", v)}
	}
	year := func(s string) (int, bool) {
		n, err := strconv.Atoi(s)
		return n, err == nil && n >= 1900 && n <= 2035
	}
	if d, ok := strings.CutSuffix(v, "s"); ok {
		if y, ok := year(d); ok && y%10 == 0 {
			return y, y + 9, nil
		}
		return bad()
	}
	sep := ".."
	if !strings.Contains(v, sep) {
		sep = "-"
	}
	if a, b, ok := strings.Cut(v, sep); ok {
		from, to := 0, 0
		var okA, okB bool
		if a != "" {
			if from, okA = year(a); !okA {
				return bad()
			}
		}
		if b != "" {
			if to, okB = year(b); !okB {
				return bad()
			}
		}
		if a == "" && b == "" {
			return bad()
		}
		if from != 0 && to != 0 && from > to {
			from, to = to, from // year:1989..1980 means the same decade
		}
		return from, to, nil
	}
	y, ok := year(v)
	if !ok {
		return bad()
	}
	return y, y, nil
}

// narrow intersects two year ranges (0 = open).
func narrow(f1, t1, f2, t2 int) (int, int) {
	if f2 != 0 && (f1 == 0 || f2 > f1) {
		f1 = f2
	}
	if t2 != 0 && (t1 == 0 || t2 < t1) {
		t1 = t2
	}
	return f1, t1
}
