package corpus

// HTML: a saved web page. The article is found with readability (a port of
// Mozilla's Readability, the extractor of Firefox's reader view, kept by
// the readeck project): navigation, share bars, comment forms, related
// links and footers are left out, and the title, byline, site name and
// publication date come from the page's metadata (<title>, og:, article:
// published_time, JSON-LD). The article's DOM is then walked into blocks
// (golang.org/x/net/html): headings, paragraphs, list items, table rows,
// figure captions; <i>, <em> and <cite> are title signals. When
// readability finds no article (a short page, a fragment), the page's
// <article>, <main> or <body> is walked instead, less its navigation,
// header, footer, asides and forms.

import (
	"encoding/json"
	"regexp"
	"strconv"
	"strings"

	"codeberg.org/readeck/go-readability/v2"
	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"

	"cinesearch/corpus/films"
)

// readHTML reads a web page into its metadata and blocks.
func readHTML(src string) (frontMatter, []block, string) {
	note := ""
	doc, err := html.Parse(strings.NewReader(src))
	if err != nil {
		// Nested past the parser's 512 open elements: read flattened.
		if doc, err = html.Parse(strings.NewReader(flattenHTML(src))); err != nil {
			return frontMatter{}, nil, ""
		}
		note = "elements nested deeper than any page needs; past " + strconv.Itoa(maxHTMLDepth) + " levels the page is read as running text"
	}
	meta, h1 := pageMeta(doc)
	var blocks []block
	// Readability copies the whole tree and scores every element: on a
	// page of millions of tiny elements (10 MB of "x<br>") that doubled
	// memory to gigabytes. No real page beside the project has more than
	// 10,000 elements; past maxReadabilityElements the main element is
	// read directly, as for a page readability cannot score.
	if countElements(doc, maxReadabilityElements) > maxReadabilityElements {
		blocks = walkHTML(mainElement(doc), true)
		if meta.Title == "" {
			meta.Title = trimSiteName(cleanLine(titleElement(doc)), meta.Source)
		}
		if meta.Title == "" {
			meta.Title = h1
		}
		return meta, blocks, note
	}
	parser := readability.NewParser()
	parser.CharThresholds = 200
	// Classes and ids tell furniture that readability keeps (a byline
	// box, a share bar inside the article) from text.
	parser.KeepClasses = true
	art, err := parser.ParseDocument(doc, nil)
	if err == nil && art.Node != nil {
		if meta.Title == "" {
			meta.Title = trimSiteName(cleanLine(art.Title()), meta.Source)
		}
		if meta.Author == "" {
			meta.Author = cleanByline(art.Byline())
		}
		if meta.Source == "" {
			meta.Source = strings.TrimSpace(art.SiteName())
		}
		if t, err := art.PublishedTime(); err == nil && meta.Date == "" && t.Year() > 1000 {
			meta.Date = t.Format("2006-01-02")
		}
		blocks = walkHTML(art.Node, false)
	}
	// Readability drops what it cannot score; a short page or a page of
	// lists and tables may lose most of its text. Then the page's main
	// element is read instead.
	if whole := walkHTML(mainElement(doc), true); textLen(whole) > 2*textLen(blocks)+200 || len(blocks) == 0 {
		blocks = whole
	}
	if meta.Title == "" {
		meta.Title = h1
	}
	// The article's own title as its first heading is the header, not a
	// section.
	if len(blocks) > 0 && blocks[0].kind == blockHeading && meta.Title != "" && foldKey(blocks[0].lines[0]) == foldKey(meta.Title) {
		blocks[0].level = 1
	}
	return meta, blocks, note
}

// maxReadabilityElements is the most elements a page may have to be read
// through readability.
const maxReadabilityElements = 100_000

// titleElement returns the text of the page's <title>.
func titleElement(n *html.Node) string {
	if n.Type == html.ElementNode && n.DataAtom == atom.Title {
		var b strings.Builder
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			if c.Type == html.TextNode {
				b.WriteString(c.Data)
			}
		}
		return b.String()
	}
	if n.Type == html.ElementNode && n.DataAtom == atom.Body {
		return ""
	}
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		if t := titleElement(c); t != "" {
			return t
		}
	}
	return ""
}

// countElements counts the element nodes of the tree at n, stopping past
// limit.
func countElements(n *html.Node, limit int) int {
	count := 0
	var walk func(*html.Node)
	walk = func(n *html.Node) {
		for c := n.FirstChild; c != nil && count <= limit; c = c.NextSibling {
			if c.Type == html.ElementNode {
				count++
			}
			walk(c)
		}
	}
	walk(n)
	return count
}

// htmlFragmentBlocks reads raw HTML found inside Markdown.
func htmlFragmentBlocks(src string) []block {
	body := &html.Node{Type: html.ElementNode, Data: "body", DataAtom: atom.Body}
	nodes, err := html.ParseFragment(strings.NewReader(src), body)
	if err != nil {
		if nodes, err = html.ParseFragment(strings.NewReader(flattenHTML(src)), body); err != nil {
			return nil
		}
	}
	root := &html.Node{Type: html.ElementNode, Data: "div", DataAtom: atom.Div}
	for _, n := range nodes {
		root.AppendChild(n)
	}
	return walkHTML(root, true)
}

func textLen(blocks []block) int {
	n := 0
	for _, b := range blocks {
		for _, l := range b.lines {
			n += len(l)
		}
	}
	return n
}

// pageMeta reads the title, author, date and site from a page's metadata,
// and returns the page's first <h1>.
func pageMeta(doc *html.Node) (frontMatter, string) {
	var m frontMatter
	var title, h1, timeTag string
	var ld []string // JSON-LD scripts
	var visit func(*html.Node)
	visit = func(n *html.Node) {
		if n.Type == html.ElementNode {
			switch n.DataAtom {
			case atom.Meta:
				key := strings.ToLower(attr(n, "property") + attr(n, "name") + attr(n, "itemprop"))
				v := strings.TrimSpace(attr(n, "content"))
				switch key {
				case "og:title", "twitter:title":
					if m.Title == "" {
						m.Title = v
					}
				case "og:description", "description", "twitter:description":
					if m.Subtitle == "" {
						m.Subtitle = v
					}
				case "og:type":
					m.Type = strings.ToLower(v)
					if strings.HasPrefix(m.Type, "video.movie") || strings.HasPrefix(m.Type, "video.tv_show") {
						m.FilmMeta = true
					}
				case "og:site_name", "application-name":
					if m.Source == "" {
						m.Source = v
					}
				case "author", "article:author", "byl", "dc.creator", "citation_author":
					if m.Author == "" && !strings.Contains(v, "://") {
						m.Author = cleanByline(v)
					}
				case "article:published_time", "datepublished", "date", "pubdate", "publishdate", "dc.date", "dc.date.issued", "citation_publication_date", "sailthru.date", "parsely-pub-date":
					if d, ok := parseLooseDate(v); ok && m.Date == "" {
						m.Date = d
					}
				}
			case atom.Title:
				if title == "" && n.FirstChild != nil {
					title = n.FirstChild.Data
				}
			case atom.H1:
				if h1 == "" {
					var b blockBuilder
					inlineText(&b, n)
					h1 = cleanLine(b.buf.String())
				}
			case atom.Time:
				if timeTag == "" {
					timeTag = attr(n, "datetime")
				}
			case atom.Script:
				if strings.EqualFold(attr(n, "type"), "application/ld+json") && n.FirstChild != nil {
					ld = append(ld, n.FirstChild.Data)
				}
				return
			case atom.Style:
				return
			}
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			visit(c)
		}
	}
	visit(doc)
	for _, data := range ld {
		a, d, film := linkedData(data)
		if film != "" {
			m.FilmMeta = true
			m.Names = append(m.Names, film)
		}
		if m.Author == "" && a != "" || m.Date == "" && d != "" {
			if m.Author == "" {
				m.Author = cleanByline(a)
			}
			if pd, ok := parseLooseDate(d); ok && m.Date == "" {
				m.Date = pd
			}
		}
	}
	titleTag := trimSiteName(cleanLine(title), m.Source)
	m.Title = trimSiteOnly(cleanLine(m.Title), m.Source)
	if m.Title == "" && h1 != "" && foldKey(h1) == foldKey(titleTag) {
		m.Title = h1
	}
	if m.Date == "" && timeTag != "" {
		if d, ok := parseLooseDate(timeTag); ok {
			m.Date = d
		}
	}
	m.Title = cleanLine(m.Title)
	return m, h1
}

// linkedData reads the author and publication date from a page's JSON-LD
// (schema.org's Article, NewsArticle, BlogPosting …): an object, a list of
// them or a @graph; an author given as a name, a Person or a list of them.
// film is the name of the Movie the page describes or reviews, if any.
func linkedData(data string) (author, date, film string) {
	if len(data) > 256<<10 {
		return "", "", ""
	}
	var v any
	if json.Unmarshal([]byte(data), &v) != nil {
		return "", "", ""
	}
	var objs []map[string]any
	var collect func(v any, depth int)
	collect = func(v any, depth int) {
		if depth > 3 {
			return
		}
		switch t := v.(type) {
		case []any:
			for _, e := range t {
				collect(e, depth+1)
			}
		case map[string]any:
			objs = append(objs, t)
			if g, ok := t["@graph"]; ok {
				collect(g, depth+1)
			}
		}
	}
	collect(v, 0)
	name := func(v any) string {
		switch t := v.(type) {
		case string:
			return t
		case map[string]any:
			n, _ := t["name"].(string)
			return n
		case []any:
			var names []string
			for _, e := range t {
				if n, ok := e.(map[string]any); ok {
					if s, _ := n["name"].(string); s != "" {
						names = append(names, s)
					}
				} else if s, ok := e.(string); ok {
					names = append(names, s)
				}
			}
			return strings.Join(names, ", ")
		}
		return ""
	}
	for _, o := range objs {
		// A Movie (or a review of one, whose itemReviewed is a Movie)
		// names the film the page is about.
		for _, m := range []any{o, o["itemReviewed"]} {
			if mo, ok := m.(map[string]any); ok && film == "" {
				if t, _ := mo["@type"].(string); t == "Movie" || t == "TVSeries" {
					film, _ = mo["name"].(string)
				}
			}
		}
		if _, ok := o["headline"]; !ok {
			continue // not an article (a site's Organization, a breadcrumb list)
		}
		if author == "" {
			author = name(o["author"])
		}
		if date == "" {
			date, _ = o["datePublished"].(string)
		}
	}
	return author, date, film
}

// trimSiteOnly removes a site's name from the end of a title that names
// the site for certain (og:title's "… - BBC News"): its og:site_name, the
// start of it, or a domain ("| Aktuálně.cz"). A title's own dash
// ("Mission: Impossible - Fallout") stays.
func trimSiteOnly(t, site string) string {
	for _, sep := range []string{" | ", " – ", " — ", " - ", " :: ", " · "} {
		if i := strings.LastIndex(t, sep); i > 0 {
			rest := foldKey(t[i+len(sep):])
			if site != "" && (rest == foldKey(site) || strings.HasPrefix(foldKey(site), rest)) || domainRE.MatchString(rest) {
				return strings.TrimSpace(t[:i])
			}
		}
	}
	return t
}

// domainRE is a site's domain name.
var domainRE = regexp.MustCompile(`^[\p{L}\d-]+(?:\.[\p{L}\d-]+)*\.(?:com|org|net|cz|de|fr|uk|co\.uk|kr|jp|it|es|nl|ru|cn|info|io|tv)$`)

// trimSiteName removes a " | Site" or " - Site" suffix from a <title>.
func trimSiteName(t, site string) string {
	for _, sep := range []string{" | ", " – ", " — ", " - ", " :: ", " · "} {
		if i := strings.LastIndex(t, sep); i > 0 {
			rest := t[i+len(sep):]
			if site != "" && foldKey(rest) == foldKey(site) || wordCount(rest) <= 4 && wordCount(t[:i]) >= 2 {
				return strings.TrimSpace(t[:i])
			}
		}
	}
	return t
}

// cleanByline turns "By Jane Doe" or "Jane Doe, Staff Writer" into a name.
func cleanByline(s string) string {
	s = cleanLine(s)
	if m := bylineRE.FindStringSubmatch(s); m != nil {
		return strings.TrimRight(m[1], ".")
	}
	if len(s) > 80 {
		return ""
	}
	return s
}

func attr(n *html.Node, key string) string {
	for _, a := range n.Attr {
		if a.Key == key {
			return a.Val
		}
	}
	return ""
}

// mainElement is the page's <article> (the longest), else <main>, else
// <body>.
func mainElement(doc *html.Node) *html.Node {
	var article, main, body *html.Node
	best := 0
	var visit func(*html.Node)
	visit = func(n *html.Node) {
		if n.Type == html.ElementNode {
			switch n.DataAtom {
			case atom.Article:
				if l := len(nodeText(n)); l > best {
					article, best = n, l
				}
			case atom.Main:
				if main == nil {
					main = n
				}
			case atom.Body:
				body = n
			}
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			visit(c)
		}
	}
	visit(doc)
	switch {
	case article != nil:
		return article
	case main != nil:
		return main
	case body != nil:
		return body
	}
	return doc
}

func nodeText(n *html.Node) string {
	var b strings.Builder
	var visit func(*html.Node)
	visit = func(n *html.Node) {
		if n.Type == html.TextNode {
			b.WriteString(n.Data)
		}
		if n.Type == html.ElementNode && (n.DataAtom == atom.Script || n.DataAtom == atom.Style) {
			return
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			visit(c)
		}
	}
	visit(n)
	return b.String()
}

// furnitureClassWords in an element's class or id mark page furniture.
var furnitureClassWords = []string{"share", "social", "newsletter", "subscribe", "signup", "sign-up", "related", "comment",
	"advert", "promo", "breadcrumb", "cookie", "skip-link", "sidebar", "widget", "popup", "modal", "membership", "paywall",
	"editsection", "navbox", "mw-jump", "printfooter", "catlinks", "noprint", "toc", "author-bio", "byline", "sponsor",
	"infobox", "ambox", "hatnote", "shortdescription", "backlink", "metadata", "sidebar"}

// isFurnitureElement reports whether an element is page furniture by its
// tag, role, class or id. strict also drops the page's header and footer
// (when readability did not pick the article).
func isFurnitureElement(n *html.Node, strict bool) bool {
	return furnitureByTag(n, strict) || furnitureByClass(n)
}

// furnitureByTag reports whether an element is furniture by its tag, its
// role or its being hidden.
func furnitureByTag(n *html.Node, strict bool) bool {
	switch n.DataAtom {
	case atom.Script, atom.Style, atom.Noscript, atom.Template, atom.Svg, atom.Nav, atom.Form, atom.Button,
		atom.Select, atom.Textarea, atom.Input, atom.Iframe, atom.Object, atom.Embed, atom.Label, atom.Head, atom.Math:
		return true
	case atom.Header, atom.Footer, atom.Aside:
		if strict {
			return true
		}
	}
	if attr(n, "hidden") != "" || attr(n, "aria-hidden") == "true" {
		return true
	}
	switch strings.ToLower(attr(n, "role")) {
	case "navigation", "banner", "contentinfo", "complementary", "search", "dialog":
		return true
	}
	return false
}

// furnitureByClass reports whether an element's class or id names
// furniture ("share-bar", "related-posts", "sidebar").
func furnitureByClass(n *html.Node) bool {
	cls := strings.ToLower(attr(n, "class") + " " + attr(n, "id"))
	for _, w := range furnitureClassWords {
		if strings.Contains(cls, w) {
			// "toc" inside words such as "photocredit" is no table of
			// contents.
			if w == "toc" && !tocRE(cls) {
				continue
			}
			return true
		}
	}
	return false
}

func tocRE(cls string) bool {
	for _, f := range strings.FieldsFunc(cls, func(r rune) bool { return r == ' ' || r == '-' || r == '_' }) {
		if f == "toc" {
			return true
		}
	}
	return false
}

// walkHTML reads the blocks below root.
func walkHTML(root *html.Node, strict bool) []block {
	if root == nil {
		return nil
	}
	w := &htmlWalker{strict: strict, textLen: map[*html.Node]int{}}
	w.rootLen = w.measure(root)
	w.node(root, blockPara)
	w.b.flush(blockPara, 0)
	return w.b.out
}

type htmlWalker struct {
	b      blockBuilder
	strict bool
	// textLen is the length of the text below each element; rootLen the
	// whole walk's.
	textLen map[*html.Node]int
	rootLen int
}

// measure records the text length below n and returns it (one pass over
// the tree, so that asking for any element's size costs nothing).
func (w *htmlWalker) measure(n *html.Node) int {
	if n.Type == html.TextNode {
		return len(strings.TrimSpace(n.Data))
	}
	if n.Type == html.ElementNode && (n.DataAtom == atom.Script || n.DataAtom == atom.Style || n.DataAtom == atom.Noscript) {
		return 0
	}
	total := 0
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		total += w.measure(c)
	}
	w.textLen[n] = total
	return total
}

// furniture reports whether an element is furniture to leave out. An
// element whose class names furniture but which holds most of the page's
// text is a layout box that happens to be named so ("widget-area" around
// a whole article), not a share bar.
func (w *htmlWalker) furniture(n *html.Node) bool {
	if !isFurnitureElement(n, w.strict) {
		return false
	}
	if l := w.textLen[n]; l >= 1500 && 2*l >= w.rootLen && furnitureByClass(n) && !furnitureByTag(n, w.strict) {
		return false
	}
	return true
}

// node walks n; kind is what a paragraph of text directly inside it is.
func (w *htmlWalker) node(n *html.Node, kind blockKind) {
	switch n.Type {
	case html.TextNode:
		w.b.write(n.Data)
		return
	case html.ElementNode:
	case html.DocumentNode:
		w.children(n, kind)
		return
	default:
		return
	}
	if w.furniture(n) {
		return
	}
	switch n.DataAtom {
	case atom.H1, atom.H2, atom.H3, atom.H4, atom.H5, atom.H6:
		w.b.flush(kind, 0)
		inlineText(&w.b, n)
		w.b.flush(blockHeading, int(n.Data[1]-'0'))
	case atom.P, atom.Pre, atom.Address, atom.Dt, atom.Dd:
		w.b.flush(kind, 0)
		w.children(n, kind)
		w.b.flush(kind, 0)
	case atom.Li:
		w.b.flush(kind, 0)
		w.children(n, blockItem)
		w.b.flush(blockItem, 0)
	case atom.Figcaption, atom.Caption:
		w.b.flush(kind, 0)
		inlineText(&w.b, n)
		w.b.flush(blockCaption, 0)
	case atom.Tr:
		w.b.flush(kind, 0)
		header := true
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			if c.Type != html.ElementNode || c.DataAtom != atom.Td && c.DataAtom != atom.Th {
				continue
			}
			if c.DataAtom == atom.Td {
				header = false
			}
			inlineText(&w.b, c)
			w.b.endCell()
		}
		w.b.endRow(header || n.Parent != nil && n.Parent.DataAtom == atom.Thead)
	case atom.Img:
		if a := cleanLine(attr(n, "alt")); captionAlt(a) && !hasFigcaption(n) && n.Parent != nil && n.Parent.DataAtom == atom.Figure {
			w.b.flush(kind, 0)
			w.b.write(a)
			w.b.flush(blockCaption, 0)
		}
	case atom.Br:
		w.b.lineBreak()
	case atom.Hr:
		w.b.flush(kind, 0)
	case atom.Div, atom.Section, atom.Article, atom.Main, atom.Blockquote, atom.Figure, atom.Ul, atom.Ol, atom.Dl,
		atom.Table, atom.Tbody, atom.Thead, atom.Tfoot, atom.Center, atom.Body, atom.Html, atom.Header, atom.Footer, atom.Aside, atom.Details, atom.Summary:
		w.b.flush(kind, 0)
		w.children(n, kind)
		w.b.flush(kind, 0)
	default:
		inlineElement(&w.b, n, func(c *html.Node) { w.node(c, kind) })
	}
}

func (w *htmlWalker) children(n *html.Node, kind blockKind) {
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		w.node(c, kind)
	}
}

func hasFigcaption(img *html.Node) bool {
	if img.Parent == nil {
		return false
	}
	for c := img.Parent.FirstChild; c != nil; c = c.NextSibling {
		if c.DataAtom == atom.Figcaption {
			return true
		}
	}
	return false
}

// inlineText writes the inline text of n (its block structure ignored).
func inlineText(b *blockBuilder, n *html.Node) {
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		inlineNode(b, c)
	}
}

func inlineNode(b *blockBuilder, c *html.Node) {
	switch c.Type {
	case html.TextNode:
		b.write(c.Data)
	case html.ElementNode:
		if isFurnitureElement(c, false) {
			return
		}
		switch c.DataAtom {
		case atom.Br:
			b.lineBreak()
		case atom.P, atom.Div, atom.Li, atom.Td, atom.Th:
			b.space()
			inlineText(b, c)
			b.space()
		default:
			inlineElement(b, c, func(cc *html.Node) { inlineNode(b, cc) })
		}
	}
}

// inlineElement applies an inline element's meaning — a title signal, bold,
// a reference number to drop — around its children, walked with each.
func inlineElement(b *blockBuilder, n *html.Node, each func(*html.Node)) {
	switch n.DataAtom {
	case atom.I, atom.Em, atom.Cite:
		b.openEmph()
		defer b.closeEmph()
	case atom.B, atom.Strong:
		b.openStrong()
		defer b.closeStrong()
	case atom.A:
		b.openLink(attr(n, "href"))
		defer b.close(films.Link)
	case atom.Sup:
		// "[1]", "12": a note number, not text.
		if t := strings.Trim(strings.TrimSpace(nodeText(n)), "[]()"); t == "" || isDigits(t) || len(t) <= 2 {
			return
		}
	case atom.Img, atom.Picture, atom.Video, atom.Audio, atom.Canvas, atom.Source:
		return
	}
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		each(c)
	}
}

func isDigits(s string) bool {
	for _, r := range s {
		if r < '0' || r > '9' {
			return false
		}
	}
	return s != ""
}
