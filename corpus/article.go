package corpus

// One text, read: the single path every format takes from bytes to an
// article and its passages, shared by Load and by the admin API's check of
// an upload.

import (
	"context"
	"html"
	"regexp"
	"strings"

	"cinesearch/corpus/films"
)

// parsedText is one text read and split, before films, years and IDs.
type parsedText struct {
	article Article
	res     splitResult
	// doc is the text as the films reader reads it.
	doc films.Doc
	// warnings cost part of the text (a metadata field), not the text.
	warnings []Warning
}

// readText reads one file's bytes. A returned Warning means the text cannot
// be used at all (binary, not UTF-8, or nothing to index) and is skipped;
// errSkip means an empty file.
func readText(p string, data []byte) (parsedText, *Warning, error) {
	return readTextContext(context.Background(), p, data)
}

// readTextContext is readText, stopped with ctx's error between its steps
// when ctx is done.
func readTextContext(ctx context.Context, p string, data []byte) (parsedText, *Warning, error) {
	doc, fatal, err := parseDocument(p, data)
	if err != nil || fatal != nil {
		return parsedText{}, fatal, err
	}
	if err := ctx.Err(); err != nil {
		return parsedText{}, nil, err
	}
	meta := doc.meta
	var res splitResult
	switch {
	case doc.format == formatHTML || looksLikeHTML(doc.body):
		pm, blocks, note := readHTML(doc.body)
		if note != "" {
			doc.warnings = append(doc.warnings, Warning{File: p, Msg: note})
		}
		meta = mergeMeta(meta, pm)
		res = splitBlocks(blocks, meta, notesCitedIn(blocks))
	case doc.format == formatMarkdown || looksLikeMarkdown(doc.body):
		blocks, notes := readMarkdown(doc.body)
		for _, n := range notes {
			doc.warnings = append(doc.warnings, Warning{File: p, Line: doc.bodyLine + n.line - 1, Msg: n.msg})
		}
		res = splitBlocks(blocks, meta, notesCitedIn(blocks))
	default:
		body, marks := readPlain(doc.body)
		res = splitMarkedBody(body, meta, marks)
	}
	doc.body = ""
	if err := ctx.Err(); err != nil {
		return parsedText{}, nil, err
	}
	if len(res.passages) == 0 {
		return parsedText{}, &Warning{File: p, Msg: "no text to index after removing headings and page furniture"}, nil
	}
	a := Article{
		Title:  articleTitle(meta, res.header, p),
		Author: firstNonEmpty(meta.Author, res.header.author),
		Date:   firstNonEmpty(meta.Date, res.header.date),
		Source: firstNonEmpty(meta.Source, res.header.source),
		Path:   p,
		Digest: doc.digest,
	}
	return parsedText{
		article: a,
		res:     res,
		doc: films.Doc{Title: a.Title, Subtitle: meta.Subtitle, Site: a.Source, Type: meta.Type, Names: meta.Names, FilmMeta: meta.FilmMeta,
			Blocks: res.doc},
		warnings: doc.warnings,
	}, nil, nil
}

// mergeMeta fills what the front matter left empty from the page.
func mergeMeta(fm, page frontMatter) frontMatter {
	fm.Title = firstNonEmpty(fm.Title, page.Title)
	fm.Author = firstNonEmpty(fm.Author, page.Author)
	fm.Date = firstNonEmpty(fm.Date, page.Date)
	fm.Source = firstNonEmpty(fm.Source, page.Source)
	fm.Subtitle = firstNonEmpty(fm.Subtitle, page.Subtitle)
	fm.Type = firstNonEmpty(fm.Type, page.Type)
	fm.Names = append(fm.Names, page.Names...)
	fm.FilmMeta = fm.FilmMeta || page.FilmMeta
	return fm
}

// notesCitedIn reports whether the blocks cite numbered notes.
func notesCitedIn(blocks []block) bool {
	for _, b := range blocks {
		for _, l := range b.lines {
			if parenNoteRE.MatchString(l) {
				return true
			}
		}
	}
	return false
}

var (
	mdInlineRE   = regexp.MustCompile(`\*\*[^*\n]+\*\*|\]\([^)\s]+\)|!\[[^\]]*\]\(`)
	htmlStartRE  = regexp.MustCompile(`(?i)^\s*(?:<!doctype html|<html[\s>])`)
	plainBreakRE = regexp.MustCompile(`(?i)<br\s*/?>|</?p\s*>`)
	boldRE       = regexp.MustCompile(`\*\*([^*\n]{1,200})\*\*`)
	linkRE       = regexp.MustCompile(`\[([^\]\n]{1,200})\]\((?:https?://|/|#)[^)\s]*\)`)
	entityRE     = regexp.MustCompile(`&(?:#\d{1,7}|#x[0-9a-fA-F]{1,6}|[a-zA-Z][a-zA-Z0-9]{1,31});`)
)

// looksLikeMarkdown reports whether a .txt file is Markdown saved under
// another name: it has two "#" headings, or three inline marks (bold,
// links, images). Such a text is read as Markdown so that none of its
// marks end up in passages.
func looksLikeMarkdown(body string) bool {
	headings := 0
	for rest := body; rest != ""; {
		line, next, _ := strings.Cut(rest, "\n")
		rest = next
		if h := strings.TrimLeft(line, "#"); len(h) < len(line) && len(line)-len(h) <= 6 && (strings.HasPrefix(h, " ") || strings.HasPrefix(h, "\t")) && strings.TrimSpace(h) != "" {
			if headings++; headings >= 2 {
				return true
			}
		}
	}
	if !strings.Contains(body, "**") && !strings.Contains(body, "](") {
		return false
	}
	return len(mdInlineRE.FindAllStringIndex(body, 3)) >= 3
}

// looksLikeHTML reports whether a text file is a saved web page.
func looksLikeHTML(body string) bool { return htmlStartRE.MatchString(body) }

// plainMarkup removes the markup plain text copied from the web carries:
// <br> and <p> tags become line breaks, character references ("&amp;",
// "&#8217;") the characters they stand for.
func plainMarkup(s string) string {
	if strings.Contains(s, "<") {
		s = plainBreakRE.ReplaceAllStringFunc(s, func(t string) string {
			if strings.Contains(strings.ToLower(t), "br") {
				return "\n"
			}
			return "\n\n"
		})
	}
	if strings.Contains(s, "&") {
		s = entityRE.ReplaceAllStringFunc(s, html.UnescapeString)
	}
	// A few Markdown marks in a text too plain to be read as Markdown:
	// **bold** and [text](url) keep their text.
	if strings.Contains(s, "**") {
		s = boldRE.ReplaceAllString(s, "$1")
	}
	if strings.Contains(s, "](") {
		s = linkRE.ReplaceAllString(s, "$1")
	}
	if strings.Contains(s, "``") {
		s = texQuotes(s)
	}
	return s
}

// texQuotes turns the quotes of text typed for TeX or a typewriter —
// “Pulgasari” and “Pulgasari″, as wire stories write them — into
// “Pulgasari”: “ is markup, not punctuation a reader should see. A “
// with no closer within a line's reach is left as it is.
func texQuotes(s string) string {
	var b strings.Builder
	b.Grow(len(s))
	for {
		i := strings.Index(s, "``")
		if i < 0 {
			b.WriteString(s)
			return b.String()
		}
		b.WriteString(s[:i])
		rest := s[i+2:]
		win := rest[:min(len(rest), 300)]
		if nl := strings.Index(win, "\n\n"); nl >= 0 {
			win = win[:nl]
		}
		if nx := strings.Index(win, "``"); nx >= 0 {
			win = win[:nx]
		}
		end, closer := -1, ""
		for _, c := range []string{"''", "″", "”"} {
			if j := strings.Index(win, c); j >= 0 && (end < 0 || j < end) {
				end, closer = j, c
			}
		}
		if end < 0 {
			b.WriteString("``")
			s = rest
			continue
		}
		b.WriteString("“")
		b.WriteString(rest[:end])
		b.WriteString("”")
		s = rest[end+len(closer):]
	}
}
