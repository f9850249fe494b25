package corpus

// Template tags in Markdown posts: static-site generators let a post call
// templates — Hugo's shortcodes ({{< figure src="…" caption="…" >}},
// {{% note %}}…{{% /note %}}) and Jekyll's Liquid tags ({% include
// image.html caption="…" %}, {{ site.url }}). They are markup, never
// text: a figure's caption becomes a caption, code and embeds are dropped,
// and the text between a paired tag's ends is kept.

import (
	"regexp"
	"strings"
)

// templateTag is one kind of tag: its opening and closing delimiters.
type templateTag struct{ open, close string }

var templateTags = []templateTag{
	{"{{<", ">}}"}, {"{{%", "%}}"}, // Hugo shortcodes
	{"{%", "%}"}, // Liquid tags
	{"{{", "}}"}, // Liquid (and Hugo) output
}

// maxTagLen bounds a tag: a delimiter with no close nearby is text.
const maxTagLen = 2000

var (
	tagNameRE = regexp.MustCompile(`^-?\s*(/?)\s*([A-Za-z][\w./-]*)`)
	tagAttrRE = regexp.MustCompile(`\b(caption|title|alt)\s*=\s*(?:"((?:[^"\\]|\\.)*)"|'([^']*)')`)
)

// droppedTags are tags whose content, up to their closing tag, is code or
// an embed rather than prose.
var droppedTags = map[string]bool{
	"highlight": true, "code": true, "comment": true, "raw": true,
	"gist": true, "youtube": true, "vimeo": true, "tweet": true, "x": true, "instagram": true,
}

// stripTemplateTags replaces the template tags in a Markdown body. It
// scans once: where each kind of delimiter next closes is remembered, so
// a text full of unclosed delimiters costs no more than a clean one.
func stripTemplateTags(src string) string {
	if !strings.Contains(src, "{{") && !strings.Contains(src, "{%") {
		return src
	}
	var out strings.Builder
	out.Grow(len(src))
	// nextClose[k] is where delimiter k next closes at or after the last
	// place searched (-1: nowhere; -2: not searched yet).
	nextClose := make([]int, len(templateTags))
	for k := range nextClose {
		nextClose[k] = -2
	}
	closes := closeIndex{}
	skipUntil := "" // the dropped tag whose closing tag ends the skip
	i := 0
	for i < len(src) {
		j := strings.IndexByte(src[i:], '{')
		if j < 0 {
			if skipUntil == "" {
				out.WriteString(src[i:])
			}
			break
		}
		if skipUntil == "" {
			out.WriteString(src[i : i+j])
		}
		i += j
		matched := false
		for k, t := range templateTags {
			if !strings.HasPrefix(src[i:], t.open) {
				continue
			}
			start := i + len(t.open)
			if nextClose[k] == -2 || nextClose[k] >= 0 && nextClose[k] < start {
				nextClose[k] = -1
				if c := strings.Index(src[start:], t.close); c >= 0 {
					nextClose[k] = start + c
				}
			}
			end := nextClose[k]
			if end < 0 || end-start > maxTagLen {
				break
			}
			inner := src[start:end]
			if t.open == "{{" && strings.Contains(inner, "\n") {
				break // "{{" across lines is text, not a template's output
			}
			i = end + len(t.close)
			matched = true
			name, closing := "", false
			if m := tagNameRE.FindStringSubmatch(inner); m != nil {
				closing, name = m[1] == "/", strings.ToLower(m[2])
			}
			if skipUntil != "" {
				// Hugo closes with {{< /name >}}, Liquid with {% endname %}.
				if closing && name == skipUntil || name == "end"+skipUntil {
					skipUntil = ""
				}
				break
			}
			if closing || t.open == "{{" {
				break
			}
			if droppedTags[name] {
				// Liquid's raw only escapes what it holds; a Hugo embed
				// ({{< youtube id >}}) has no closing tag and nothing to
				// drop after it.
				if name != "raw" && closes.after(src, i, t, name) {
					skipUntil = name
				}
				break
			}
			if c := tagCaption(inner); c != "" {
				out.WriteString("\n\n![")
				out.WriteString(strings.NewReplacer("[", "(", "]", ")", "\n", " ").Replace(c))
				out.WriteString("](#)\n\n")
			}
			break
		}
		if !matched {
			if skipUntil == "" {
				out.WriteByte('{')
			}
			i++
		}
	}
	return out.String()
}

// closeIndex remembers where each dropped tag's closing tag next comes,
// so that a text of many unclosed tags is searched once per name.
type closeIndex map[string]int

// after reports whether a tag opened before i is closed at or after i
// ({{< highlight >}} … {{< /highlight >}}, {% comment %} … {%
// endcomment %}); one that is not (an embed such as {{< youtube id >}})
// has nothing to drop after it.
func (c closeIndex) after(src string, i int, t templateTag, name string) bool {
	end := "/" + name
	if t.open == "{%" {
		end = "end" + name
	}
	if at, ok := c[end]; ok && (at < 0 || at >= i) {
		return at >= 0
	}
	at := strings.Index(src[i:], end)
	if at >= 0 {
		at += i
	}
	c[end] = at
	return at >= 0
}

// tagCaption returns the caption a figure-like tag carries, if any.
func tagCaption(inner string) string {
	vals := map[string]string{}
	for _, m := range tagAttrRE.FindAllStringSubmatch(inner, -1) {
		v := m[2]
		if v == "" {
			v = m[3]
		}
		v = strings.ReplaceAll(v, `\"`, `"`)
		if _, ok := vals[m[1]]; !ok && strings.TrimSpace(v) != "" {
			vals[m[1]] = strings.TrimSpace(v)
		}
	}
	for _, k := range []string{"caption", "title", "alt"} {
		if v := vals[k]; v != "" {
			return v
		}
	}
	return ""
}
