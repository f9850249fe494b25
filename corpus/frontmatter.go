package corpus

// Front matter: the metadata block static-site generators put at the top of
// a Markdown (or text) file — YAML between "---" lines (Jekyll, Hugo,
// Eleventy) or TOML between "+++" lines (Hugo, Zola).
//
// It forgives. A field that cannot be read (a date no parser knows, a
// nested value where text is wanted) is a warning naming the file and line,
// and the article is indexed with the rest. A block the YAML or TOML parser
// refuses as a whole — typically a title with an unquoted colon, which
// every generator happily writes — is read again line by line as plain
// "key: value" (or "key = value") pairs, with a warning. Only the keys
// cinesearch uses are looked at; others (tags, layout, draft …) are not
// ours to judge.

import (
	"fmt"
	"html"
	"regexp"
	"strconv"
	"strings"
	"time"

	"github.com/BurntSushi/toml"
	"go.yaml.in/yaml/v3"
)

// frontMatter is the metadata a text may declare in its front matter.
type frontMatter struct {
	Title  string
	Author string
	Date   string // YYYY or YYYY-MM-DD
	Source string
	// Subtitle is a subtitle or description; Type what the metadata says
	// the article is (its type, categories, tags, og:type), lower case;
	// Names the fields that name the article's subject ("name", "film",
	// "movie"). The films reader weighs them.
	Subtitle string
	Type     string
	Names    []string
	// FilmMeta says the metadata describes one film (an IMDb link, a
	// runtime, a director): the article is about the film its title names.
	FilmMeta bool
}

// frontMatterKeys maps the keys generators use to the field they fill.
var frontMatterKeys = map[string]string{
	"title": "title", "headline": "title",
	"author": "author", "authors": "author", "byline": "author", "creator": "author",
	"date": "date", "published": "date", "publishdate": "date", "pubdate": "date", "date_published": "date", "datepublished": "date",
	"source": "source", "site": "source", "publication": "source", "publisher": "source", "site_name": "source",
	"subtitle": "subtitle", "description": "subtitle", "summary": "subtitle", "excerpt": "subtitle", "deck": "subtitle",
	"type": "type", "category": "type", "categories": "type", "tags": "type", "genre": "type",
	"name": "name", "film": "name", "movie": "name", "film_title": "name", "movie_title": "name",
	"original_title": "name", "originaltitle": "name",
	// Keys only a film's page has: the page is about one film, the one
	// its title names.
	"imdb": "filmmeta", "imdb_id": "filmmeta", "imdb_link": "filmmeta", "imdb_url": "filmmeta", "imdbid": "filmmeta",
	"tmdb": "filmmeta", "tmdb_id": "filmmeta", "tmdbid": "filmmeta", "letterboxd": "filmmeta", "letterboxd_url": "filmmeta",
	"letterboxd_uri": "filmmeta", "mpaa": "filmmeta", "rotten_tomatoes": "filmmeta", "rotten_tomatoes_link": "filmmeta",
	"metacritic": "filmmeta", "metacritic_link": "filmmeta", "box_office": "filmmeta", "boxoffice": "filmmeta",
	"runtime": "filmmeta", "running_time": "filmmeta", "director": "filmmeta", "directors": "filmmeta",
	"directed_by": "filmmeta", "release_date": "filmmeta", "film_year": "filmmeta", "movie_year": "filmmeta",
	"kmdb": "filmmeta", "kmdb_id": "filmmeta",
}

// fmField is one key of a front-matter block as written: its value (a
// string, or several for a list) and its line in the file.
type fmField struct {
	key    string
	values []string
	line   int
	bad    string // why the value cannot be used, if it cannot
}

// hasFrontMatter reports which fence opens the text's front matter: "---"
// (YAML), "+++" (TOML) or "".
func hasFrontMatter(text string) string {
	first, _, _ := strings.Cut(text, "\n")
	switch f := strings.TrimRight(first, " \t\r"); f {
	case "---", "+++":
		return f
	}
	return ""
}

// readFrontMatter separates the front matter opened by fence from the body.
// It returns the body's first line, and warnings for what it could not
// read; it never refuses the text.
// maxFrontMatterDepth is the deepest front matter may nest its brackets.
const maxFrontMatterDepth = 16

// nestedDeeper reports whether the lines nest "{", "[" or "(" (outside
// quoted strings) more than limit deep, and the index of the line where
// they first do.
func nestedDeeper(lines []string, limit int) (int, bool) {
	depth := 0
	for i, l := range lines {
		var quote byte
		for j := 0; j < len(l); j++ {
			c := l[j]
			switch {
			case quote != 0:
				if c == '\\' && quote == '"' {
					j++
				} else if c == quote {
					quote = 0
				}
			case c == '"' || c == '\'':
				quote = c
			case c == '#':
				j = len(l) // a comment to the end of the line
			case c == '{' || c == '[' || c == '(':
				if depth++; depth > limit {
					return i, true
				}
			case c == '}' || c == ']' || c == ')':
				depth = max(0, depth-1)
			}
		}
	}
	return 0, false
}

func readFrontMatter(p, text, fence string) (meta frontMatter, body string, bodyLine int, warns []Warning) {
	lines := strings.SplitAfter(text, "\n")
	end := -1
	for i := 1; i < len(lines); i++ {
		l := strings.TrimRight(lines[i], " \t\r\n")
		if l == fence || fence == "---" && l == "..." {
			end = i
			break
		}
	}
	if end < 0 {
		// A lone "---" is a Markdown rule, not metadata: read everything
		// as text.
		warns = append(warns, Warning{File: p, Line: 1, Msg: fmt.Sprintf("front matter opened with %q is never closed; read as text", fence)})
		return meta, strings.Join(lines[1:], ""), 2, warns
	}
	block := lines[1:end]
	var fields []fmField
	var err error
	if line, deep := nestedDeeper(block, maxFrontMatterDepth); deep {
		// BurntSushi/toml takes seconds and gigabytes for a few KB of
		// nested inline tables ("x = {a={a=…}}"); no metadata nests so.
		warns = append(warns, Warning{File: p, Line: line + 2, Msg: fmt.Sprintf("front matter nests brackets more than %d deep; read as plain key-value lines", maxFrontMatterDepth)})
		fields = plainFields(block, fence)
	} else if fence == "+++" {
		fields, err = tomlFields(block)
	} else {
		fields, err = yamlFields(block)
	}
	if err != nil {
		line, msg := blockErrorLine(err, len(block))
		warns = append(warns, Warning{File: p, Line: line + 1, Msg: "front matter is not valid " + map[string]string{"---": "YAML", "+++": "TOML"}[fence] + " (" + msg + "); read as plain key-value lines"})
		fields = plainFields(block, fence)
	}
	for _, f := range fields {
		field := frontMatterKeys[strings.ToLower(f.key)]
		if field == "" {
			continue
		}
		at := Warning{File: p, Line: f.line + 1}
		if f.bad != "" {
			at.Msg = fmt.Sprintf("front matter %q %s; ignored", f.key, f.bad)
			warns = append(warns, at)
			continue
		}
		v := strings.Join(strings.Fields(strings.Join(f.values, ", ")), " ")
		if v == "" {
			continue
		}
		switch field {
		case "title":
			// "headline: true" is a flag, not a title.
			if meta.Title == "" && !isFlag(v) {
				meta.Title = html.UnescapeString(v)
			}
		case "subtitle":
			if meta.Subtitle == "" {
				meta.Subtitle = html.UnescapeString(v)
			}
		case "type":
			meta.Type = strings.TrimSpace(meta.Type + " " + strings.ToLower(v))
		case "name":
			if !isFlag(v) {
				meta.Names = append(meta.Names, html.UnescapeString(v))
			}
		case "filmmeta":
			meta.FilmMeta = true
		case "author":
			if meta.Author == "" {
				meta.Author = v
			}
		case "source":
			if meta.Source == "" {
				meta.Source = v
			}
		case "date":
			if meta.Date != "" {
				continue
			}
			d, ok := parseLooseDate(v)
			if !ok {
				at.Msg = fmt.Sprintf("front matter date %q is not a date cinesearch can read (YYYY, YYYY-MM-DD, with or without a time, RFC 3339, or \"June 1, 2016\"); ignored", v)
				warns = append(warns, at)
				continue
			}
			meta.Date = d
		}
	}
	return meta, strings.Join(lines[end+1:], ""), end + 2, warns
}

// yamlFields reads the top-level keys of a YAML block. Scalars are taken as
// written (the parser's own types would turn "2012-11-01 23:07:25 +0000"
// into a time and "1.0" into a float).
func yamlFields(block []string) ([]fmField, error) {
	var root yaml.Node
	if err := yaml.Unmarshal([]byte(strings.Join(block, "")), &root); err != nil {
		return nil, err
	}
	if len(root.Content) == 0 {
		return nil, nil
	}
	m := root.Content[0]
	if m.Kind != yaml.MappingNode {
		return nil, fmt.Errorf("line %d: the block is not a list of keys", m.Line)
	}
	var out []fmField
	for i := 0; i+1 < len(m.Content); i += 2 {
		k, v := m.Content[i], m.Content[i+1]
		f := fmField{key: k.Value, line: k.Line}
		switch v.Kind {
		case yaml.ScalarNode:
			f.values = []string{v.Value}
		case yaml.SequenceNode:
			for _, c := range v.Content {
				if c.Kind == yaml.ScalarNode {
					f.values = append(f.values, c.Value)
				}
			}
		case yaml.AliasNode:
			if v.Alias != nil && v.Alias.Kind == yaml.ScalarNode {
				f.values = []string{v.Alias.Value}
			}
		default:
			f.bad = "must be a plain value"
		}
		out = append(out, f)
	}
	return out, nil
}

// tomlFields reads the top-level keys of a TOML block.
func tomlFields(block []string) ([]fmField, error) {
	var raw map[string]any
	md, err := toml.Decode(strings.Join(block, ""), &raw)
	if err != nil {
		return nil, err
	}
	lineOf := func(key string) int {
		for i, l := range block {
			if k, _, ok := strings.Cut(l, "="); ok && strings.Trim(strings.TrimSpace(k), `"'`) == key {
				return i + 1
			}
		}
		return 1
	}
	var out []fmField
	for _, key := range md.Keys() {
		if len(key) != 1 {
			continue // a key inside a table
		}
		f := fmField{key: key[0], line: lineOf(key[0])}
		switch v := raw[key[0]].(type) {
		case string:
			f.values = []string{v}
		case int64, float64, bool:
			f.values = []string{fmt.Sprint(v)}
		case time.Time:
			f.values = []string{v.Format(time.RFC3339)}
		case []any:
			for _, x := range v {
				if s, ok := x.(string); ok {
					f.values = append(f.values, s)
				}
			}
		default:
			f.bad = "must be a plain value"
		}
		out = append(out, f)
	}
	return out, nil
}

var (
	yamlErrLineRE = regexp.MustCompile(`line (\d+)`)
	// plainFieldRE is a top-level "key: value" (YAML) or "key = value"
	// (TOML) line.
	plainYAMLRE = regexp.MustCompile(`^([A-Za-z_][\w-]*)\s*:\s?(.*)$`)
	plainTOMLRE = regexp.MustCompile(`^([A-Za-z_][\w-]*)\s*=\s*(.*)$`)
)

// blockErrorLine finds the 1-based line of the block a parser complained
// about, and the complaint without the parser's prefix.
func blockErrorLine(err error, n int) (int, string) {
	msg := err.Error()
	line := 1
	if pe, ok := err.(toml.ParseError); ok {
		line, msg = pe.Position.Line, pe.Message
	} else if m := yamlErrLineRE.FindStringSubmatch(msg); m != nil {
		line, _ = strconv.Atoi(m[1])
	}
	msg = strings.TrimPrefix(strings.TrimPrefix(msg, "yaml: "), "toml: ")
	// YAML also counts a lone "\r" as a line break; keep the line inside
	// the block as the file counts it.
	return max(1, min(line, n)), msg
}

// plainFields reads a block that its parser refused as plain one-line
// pairs: "title: Review: The Flower Girl" gives the title "Review: The
// Flower Girl". Indented lines (nested values, list items) are skipped.
func plainFields(block []string, fence string) []fmField {
	re := plainYAMLRE
	if fence == "+++" {
		re = plainTOMLRE
	}
	var out []fmField
	for i, l := range block {
		l = strings.TrimRight(l, "\r\n")
		m := re.FindStringSubmatch(l)
		if m == nil {
			continue
		}
		v := strings.TrimSpace(m[2])
		if k := strings.Index(v, " #"); k >= 0 && fence == "+++" {
			v = strings.TrimSpace(v[:k])
		}
		if len(v) >= 2 && (v[0] == '"' && v[len(v)-1] == '"' || v[0] == '\'' && v[len(v)-1] == '\'') {
			v = v[1 : len(v)-1]
		}
		out = append(out, fmField{key: m[1], values: []string{v}, line: i + 1})
	}
	return out
}

var (
	isoDateRE   = regexp.MustCompile(`^(\d{4})(?:[-/.](\d{1,2})(?:[-/.](\d{1,2}))?)?(?:$|[T ]\d)`)
	yearOnlyRE  = regexp.MustCompile(`^\d{4}$`)
	looseLayout = []string{time.RFC1123Z, time.RFC1123, time.RFC822Z, time.RFC822, "Mon, 2 Jan 2006 15:04:05 -0700", "Mon, 2 Jan 2006"}
)

// parseLooseDate reads any date a static-site generator or a saved page
// writes — "2012", "2012-11-01", "2012-11-01 23:07:25 +0000",
// "2012-11-01T23:07:25Z" (RFC 3339), "2012/11/01", "Thu, 01 Nov 2012
// 23:07:25 +0000", "November 1, 2012" — as YYYY-MM-DD, or YYYY when only
// the year (or the month) is known.
func parseLooseDate(s string) (string, bool) {
	s = strings.Trim(strings.TrimSpace(s), `"'`)
	if yearOnlyRE.MatchString(s) {
		y, _ := strconv.Atoi(s)
		return s, y >= 1000 && y <= 2200
	}
	if m := isoDateRE.FindStringSubmatch(s); m != nil {
		y, _ := strconv.Atoi(m[1])
		if y < 1000 || y > 2200 {
			return "", false
		}
		if m[3] == "" {
			mo, _ := strconv.Atoi(m[2])
			return m[1], m[2] == "" || mo >= 1 && mo <= 12
		}
		mo, _ := strconv.Atoi(m[2])
		d, _ := strconv.Atoi(m[3])
		t := time.Date(y, time.Month(mo), d, 0, 0, 0, 0, time.UTC)
		if mo < 1 || mo > 12 || d < 1 || t.Day() != d {
			return "", false
		}
		return t.Format("2006-01-02"), true
	}
	for _, l := range looseLayout {
		if t, err := time.Parse(l, s); err == nil {
			return t.Format("2006-01-02"), true
		}
	}
	return parseDateLine(s)
}

// isFlag reports whether a front-matter value is a flag, not text.
func isFlag(v string) bool {
	switch strings.ToLower(v) {
	case "true", "false", "yes", "no", "on", "off", "null", "~":
		return true
	}
	return false
}
