package corpus

// Plain text as pandoc, Wikipedia mirrors, mail archives and copy-paste
// from the web write it. Before the splitter sees a plain-text body:
//
//   - tables aligned with spaces (pandoc's simple and multiline tables:
//     a header line over a rule of dash runs, one run per column) are
//     read while their spaces still say where the columns are, and become
//     rows of cells between bars, which the splitter reads as tables;
//   - "== Heading ==" lines (wiki headings) lose their equals signs;
//   - the markup copied from the web is undone (plainMarkup);
//   - _emphasis_, *emphasis* and **bold** lose their marks, which are
//     kept, line by line, as title signals;
//   - reference markers ("[12]", "[citation needed]") are removed.
//
// Every step keeps the body's lines where they are, so that a line's
// marks stay with it.

import (
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"

	"cinesearch/corpus/films"
)

// readPlain prepares a plain-text body for the splitter: the cleaned body
// and the marks of each of its lines.
func readPlain(body string) (string, map[int][]films.Mark) {
	body = spacedTables(body)
	body = cleanText(plainMarkup(wikiHeadings(body)))
	return plainEmphasis(body)
}

var wikiHeadingRE = regexp.MustCompile(`(?m)^[ \t]*(={1,6})[ \t]*([^=\n]*?[^=\s][^=\n]*?)[ \t]*={1,6}[ \t]*$`)

// wikiHeadings turns "== Plot ==" lines into plain heading lines.
func wikiHeadings(s string) string {
	if !strings.Contains(s, "==") && !strings.Contains(s, "= ") {
		return s
	}
	return wikiHeadingRE.ReplaceAllString(s, "$2")
}

// ruleRunsRE finds the dash runs of a table rule line.
var ruleRunsRE = regexp.MustCompile(`-{3,}`)

// spacedTables rewrites tables aligned with spaces as rows between bars:
//
//	Year   Work                 Role
//	------ -------------------- ------
//	2018   _Jim Knopf_          Wise Man IV
//
// becomes "| Year | Work | Role |", a rule, and "| 2018 | _Jim Knopf_ |
// Wise Man IV |". A rule line is two or more runs of dashes separated by
// spaces; the line above it is the heading row (a multiline table's
// opening rule of one long run is dropped), and the rows run to the next
// blank line (or, in a multiline table, to its closing rule).
func spacedTables(s string) string {
	if !strings.Contains(s, "---") {
		return s
	}
	lines := strings.Split(s, "\n")
	for i := 1; i < len(lines); i++ {
		cols := ruleColumns(lines[i])
		if len(cols) < 2 || strings.TrimSpace(lines[i-1]) == "" {
			continue
		}
		head := i - 1
		if cols2 := ruleColumns(lines[head]); len(cols2) > 0 {
			continue // two rules in a row: not a heading line
		}
		multi := head > 0 && isLongRule(lines[head-1])
		if multi {
			lines[head-1] = ""
		}
		lines[head] = barRow(lines[head], cols)
		lines[i] = strings.Repeat("|---", len(cols)) + "|"
		j := i + 1
		for ; j < len(lines); j++ {
			l := lines[j]
			if isLongRule(l) || len(ruleColumns(l)) >= 2 {
				lines[j] = ""
				break
			}
			if strings.TrimSpace(l) == "" {
				if !multi {
					break
				}
				continue
			}
			lines[j] = barRow(l, cols)
		}
		i = j
	}
	return strings.Join(lines, "\n")
}

// ruleColumns returns the rune ranges of a rule line's dash runs, or nil
// when the line is not a rule (it holds anything but dashes and spaces).
func ruleColumns(line string) [][2]int {
	t := strings.TrimRight(line, " \t\r")
	if len(t) < 7 || strings.Trim(t, "- \t") != "" {
		return nil
	}
	var cols [][2]int
	for _, m := range ruleRunsRE.FindAllStringIndex(t, -1) {
		cols = append(cols, [2]int{utf8.RuneCountInString(t[:m[0]]), utf8.RuneCountInString(t[:m[1]])})
	}
	if len(cols) < 2 {
		return nil
	}
	return cols
}

// isLongRule reports whether a line is one long run of dashes (the frame
// of a multiline table).
func isLongRule(line string) bool {
	t := strings.TrimSpace(line)
	return len(t) >= 20 && strings.Trim(t, "-") == ""
}

// fieldRE is a run of text without two spaces in a row.
var fieldRE = regexp.MustCompile(`\S+(?: \S+)*`)

// barRow cuts a table line into its columns' cells. Text is split at runs
// of two or more spaces, and each run goes to the column it starts in (a
// run that starts a space early, as misaligned rows do, still belongs to
// the column it reaches).
func barRow(line string, cols [][2]int) string {
	cells := make([]string, len(cols))
	line = strings.TrimRight(line, " \t\r")
	for _, m := range fieldRE.FindAllStringIndex(line, -1) {
		start := utf8.RuneCountInString(line[:m[0]])
		c := 0
		for k := range cols {
			if cols[k][0] <= start+1 {
				c = k
			}
		}
		field := strings.ReplaceAll(line[m[0]:m[1]], "|", "/")
		if cells[c] != "" {
			cells[c] += " "
		}
		cells[c] += field
	}
	return "| " + strings.Join(cells, " | ") + " |"
}

var (
	// plainEmphRE finds _emphasis_, *emphasis* and **bold** in plain
	// text: the marks must hug the phrase, open after a space or
	// punctuation and close before one.
	plainEmphRE = regexp.MustCompile(`(^|[\s(\["“‘'/,;:])(\*\*|__|_|\*)([^\s*_](?:[^*_\n]{0,198}?[^\s*_])?)(\*\*|__|_|\*)((?:\[\d{1,3}\])*)([\s)\]"”’'.,;:!?/]|$)`)
	// refMarkerRE is a reference marker glued to a word: "[12]", "[a]",
	// "[citation needed]".
	refMarkerRE = regexp.MustCompile(`\[(?:\d{1,3}|[a-z]|citation needed|note \d{1,3}|nb \d{1,2})\]`)
)

// plainEmphasis removes emphasis marks and reference markers from a
// cleaned body, line by line, and returns the marked phrases of each line.
func plainEmphasis(body string) (string, map[int][]films.Mark) {
	if !strings.ContainsAny(body, "_*[") {
		return body, nil
	}
	lines := strings.Split(body, "\n")
	marks := map[int][]films.Mark{}
	for n, l := range lines {
		// Two passes: a match takes the space after it, which the next
		// phrase's match needs before it ("_A_ _B_").
		for pass := 0; pass < 2 && strings.ContainsAny(l, "_*"); pass++ {
			l = plainEmphRE.ReplaceAllStringFunc(l, func(m string) string {
				g := plainEmphRE.FindStringSubmatch(m)
				open, inner, closing := g[2], g[3], g[4]
				if open != closing || strings.HasPrefix(inner, "http") || !hasLetter(inner) {
					return m
				}
				kind := films.Emphasis
				if len(open) == 2 {
					kind = films.Bold
				}
				marks[n] = append(marks[n], films.Mark{Text: strings.TrimSpace(refMarkerRE.ReplaceAllString(inner, "")), Kind: kind})
				return g[1] + inner + g[5] + g[6]
			})
		}
		if strings.Contains(l, "[") {
			l = refMarkerRE.ReplaceAllString(l, "")
		}
		lines[n] = l
	}
	return strings.Join(lines, "\n"), marks
}

func hasLetter(s string) bool {
	for _, r := range s {
		if unicode.IsLetter(r) {
			return true
		}
	}
	return false
}
