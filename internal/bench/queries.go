package bench

// The query set: drawn from the corpus, deterministically for a seed.

import (
	"fmt"
	"math/rand"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"unicode"

	"cinesearch/corpus"
	"cinesearch/index"
)

// benchQuery is one query of the set, in cinesearch's and the baseline's
// terms.
type benchQuery struct {
	class, kind string
	text        string
	from, to    int
}

func queryClasses() []string {
	var out []string
	for _, c := range []string{"rare word", "medium word", "common word", "two words", "phrase", "misspelt", "prefix"} {
		out = append(out, c, c+" + year")
	}
	return out
}

func (q benchQuery) request() index.Request {
	text := q.text
	if q.kind == "phrase" {
		text = strconv.Quote(q.text)
	}
	return index.Request{Query: text, YearFrom: q.from, YearTo: q.to, Size: 10}
}

func (q benchQuery) baseline() baselineQuery {
	return baselineQuery{Kind: q.kind, Text: q.text, YearFrom: q.from, YearTo: q.to}
}

func (q benchQuery) describe() string {
	s := q.request().Query
	if q.from > 0 {
		s += fmt.Sprintf(" (years %d–%d)", q.from, q.to)
	}
	return s
}

var benchWordRE = regexp.MustCompile(`\p{L}+`)

// benchStop are words too common to make a query of.
var benchStop = func() map[string]bool {
	m := map[string]bool{}
	for _, w := range strings.Fields("that this with from have were which their there been they them than then would could should about into when what also more other over only some such these those after before where while your will shall upon must said very most made being each under does") {
		m[w] = true
	}
	return m
}()

// makeQuerySet draws the query set from the corpus, deterministically for a
// seed: for each class, perClass queries, and the same with a year filter
// (±10 years around a year the corpus speaks of).
func makeQuerySet(c *corpus.Corpus, seed int64, perClass int) []benchQuery {
	rng := rand.New(rand.NewSource(seed))
	df := map[string]int{}
	words := make([][]string, len(c.Passages))
	for i, p := range c.Passages {
		seen := map[string]bool{}
		for _, w := range benchWordRE.FindAllString(p.Text, -1) {
			w = strings.ToLower(w)
			words[i] = append(words[i], w)
			if !seen[w] {
				seen[w] = true
				df[w]++
			}
		}
	}
	n := len(c.Passages)
	good := func(w string) bool { return len([]rune(w)) >= 4 && !benchStop[w] && isLatin(w) }
	band := func(lo, hi int) []string {
		var out []string
		for w, d := range df {
			if d >= lo && d <= hi && good(w) {
				out = append(out, w)
			}
		}
		sort.Strings(out)
		return out
	}
	rare := band(2, max(3, n/1000))
	medium := band(max(4, n/200), max(8, n*3/100))
	common := band(max(9, n/20), max(20, n/4))
	var years []int
	for _, p := range c.Passages {
		years = append(years, p.Years...)
	}
	pick := func(ws []string) string {
		if len(ws) == 0 {
			return "film"
		}
		return ws[rng.Intn(len(ws))]
	}
	// randomPassageWords finds a passage with two usable words next to
	// each other (adjacent) or anywhere (not adjacent).
	pair := func(adjacent bool) string {
		for try := 0; try < 1000; try++ {
			ws := words[rng.Intn(n)]
			if len(ws) < 2 {
				continue
			}
			if adjacent {
				i := rng.Intn(len(ws) - 1)
				if good(ws[i]) && good(ws[i+1]) && ws[i] != ws[i+1] {
					return ws[i] + " " + ws[i+1]
				}
				continue
			}
			a, b := ws[rng.Intn(len(ws))], ws[rng.Intn(len(ws))]
			if a != b && good(a) && good(b) && df[a] < n/4 && df[b] < n/4 {
				return a + " " + b
			}
		}
		return "korean film"
	}
	misspell := func() string {
		for try := 0; try < 1000; try++ {
			w := []rune(pick(medium))
			if len(w) < 6 {
				continue
			}
			i := 1 + rng.Intn(len(w)-2)
			r := rune('a' + rng.Intn(26))
			if r == w[i] {
				continue
			}
			w[i] = r
			if _, ok := df[string(w)]; !ok {
				return string(w)
			}
		}
		return "pyongyng"
	}
	prefix := func() string {
		for try := 0; try < 1000; try++ {
			w := []rune(pick(append(medium, common...)))
			if len(w) >= 6 {
				return string(w[:3+rng.Intn(3)])
			}
		}
		return "kor"
	}
	gen := map[string]func() (string, string){
		"rare word":   func() (string, string) { return "match", pick(rare) },
		"medium word": func() (string, string) { return "match", pick(medium) },
		"common word": func() (string, string) { return "match", pick(common) },
		"two words":   func() (string, string) { return "match", pair(false) },
		"phrase":      func() (string, string) { return "phrase", pair(true) },
		"misspelt":    func() (string, string) { return "fuzzy", misspell() },
		"prefix":      func() (string, string) { return "prefix", prefix() },
	}
	var qs []benchQuery
	for _, class := range queryClasses() {
		base, filtered := strings.CutSuffix(class, " + year")
		for i := 0; i < perClass; i++ {
			kind, text := gen[base]()
			q := benchQuery{class: class, kind: kind, text: text}
			if filtered && len(years) > 0 {
				y := years[rng.Intn(len(years))]
				q.from, q.to = max(1900, y-10), min(2035, y+10)
			}
			qs = append(qs, q)
		}
	}
	return qs
}

func isLatin(w string) bool {
	for _, r := range w {
		if r > unicode.MaxLatin1 && !unicode.Is(unicode.Latin, r) {
			return false
		}
	}
	return true
}
