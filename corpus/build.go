package corpus

import (
	"context"
	"crypto/sha256"
	"embed"
	"encoding/hex"
	"fmt"
	"io/fs"
	"os"
	"path"
	"regexp"
	"slices"
	"sort"
	"strconv"
	"strings"
	"unicode"

	"golang.org/x/text/unicode/norm"
)

//go:embed texts/*.txt
var defaultTexts embed.FS

// Default returns the embedded default corpus: the two seed articles the
// archive starts from.
func Default() fs.FS {
	sub, err := fs.Sub(defaultTexts, "texts")
	if err != nil {
		panic(err) // the embed pattern guarantees the directory
	}
	return sub
}

// Dir returns the texts directory dir as a file system for Load, or the
// embedded default corpus when dir is empty (every command's default).
func Dir(dir string) (fs.FS, error) {
	if dir == "" {
		return Default(), nil
	}
	st, err := os.Stat(dir)
	if err != nil {
		return nil, fmt.Errorf("texts directory: %w", err)
	}
	if !st.IsDir() {
		return nil, fmt.Errorf("texts directory %s: not a directory", dir)
	}
	return os.DirFS(dir), nil
}

// articleParts is one article between splitting and labelling.
type articleParts struct {
	article  Article
	passages []rawPassage
}

// Load reads every text below the root of fsys and builds the corpus:
// articles, passages labelled with films and years, and the film catalogue
// (built from all texts together, so a film introduced in one article is
// recognised in another). Unusable files are reported in Corpus.Warnings
// and skipped. Progress, if non-nil, is called after each file. Load stops
// with ctx's error when ctx is done (checked between files: reading one
// file is linear in its size).
func Load(ctx context.Context, fsys fs.FS, progress func(done, total int)) (*Corpus, error) {
	paths, warns := listTexts(fsys)
	c := &Corpus{Warnings: warns}
	var parts []articleParts
	var defs []workDef
	var aliases []sectionAlias
	for n, p := range paths {
		if err := ctx.Err(); err != nil {
			return nil, fmt.Errorf("reading texts stopped after %d of %d files: %w", n, len(paths), err)
		}
		if progress != nil {
			progress(n, len(paths))
		}
		data, err := fs.ReadFile(fsys, p)
		if err != nil {
			c.Warnings = append(c.Warnings, Warning{File: p, Msg: fmt.Sprintf("cannot read: %v", err)})
			continue
		}
		pt, w, err := readText(p, data)
		data = nil
		if err == errSkip {
			continue
		}
		if w != nil {
			c.Warnings = append(c.Warnings, *w)
			continue
		}
		c.Warnings = append(c.Warnings, pt.warnings...)
		a, res := pt.article, pt.res
		parts = append(parts, articleParts{article: a, passages: res.passages})
		d, al := worksIn(res)
		// A page titled "Review: The Flower Girl (North Korea, 1972)" is
		// about that film.
		if t, y, alts, ok := splitTitleYear(a.Title); ok {
			d = append(d, workDef{title: t, year: y, kind: KindFilm, aliases: alts, prio: 0})
		}
		for j := range d {
			d[j].article = len(parts) - 1
		}
		defs = append(defs, d...)
		aliases = append(aliases, al...)
	}
	if progress != nil {
		progress(len(paths), len(paths))
	}
	uc, cw := readCatalogueFile(fsys)
	c.Warnings = append(c.Warnings, cw...)
	defs, aliases = uc.apply(defs, aliases)
	cat := buildCatalogue(defs, aliases)
	if err := ctx.Err(); err != nil {
		return nil, fmt.Errorf("reading texts stopped: %w", err)
	}
	c.label(parts, cat)
	if uc != nil {
		// The catalogue changes the index as a text does.
		c.Digest = digestBytes([]byte(c.Digest + "\x00" + CatalogueFile + "\x00" + uc.digest))
	}
	return c, nil
}

// articleTitle is an article's title: the front-matter title, else the
// title line, else one made from the file name; NFC, spaces collapsed.
func articleTitle(meta frontMatter, h header, path string) string {
	t := firstNonEmpty(meta.Title, h.title, titleFromPath(path))
	return strings.Join(strings.Fields(norm.NFC.String(t)), " ")
}

// worksIn collects the work definitions and prose aliases of one article.
func worksIn(res splitResult) ([]workDef, []sectionAlias) {
	var defs []workDef
	var aliases []sectionAlias
	for i, pc := range res.pieces {
		switch pc.kind {
		case pieceHeading:
			if t, y, alts, ok := parseFilmHeading(pc.text); ok {
				defs = append(defs, workDef{title: t, year: y, kind: KindFilm, aliases: alts, prio: 0})
			} else if next := nextText(res.pieces, i); next != "" {
				if d, ok := creditsWork(pc.text, next); ok {
					defs = append(defs, d)
				}
			}
		case pieceText, pieceCaption, pieceNote:
			defs = append(defs, inlineWorks(pc.text, pc.emph...)...)
			defs = append(defs, akaWorks(pc.text)...)
			defs = append(defs, appositionWorks(pc.text)...)
			// Marked phrases in notes are mostly the titles of cited books
			// and articles.
			if pc.kind != pieceNote {
				defs = append(defs, signalWorks(pc.text, pc.emph, true)...)
			}
			film := ""
			if pc.passage >= 0 {
				film = pathFilm(res.passages[pc.passage].path)
			}
			for _, a := range proseAliases(pc.text) {
				aliases = append(aliases, sectionAlias{proseAlias: a, sectionFilm: film})
			}
		}
	}
	for _, tb := range res.tables {
		defs = append(defs, tableWorks(tb)...)
	}
	defs = append(defs, listHeadingWorks(res.pieces, defs)...)
	return defs, aliases
}

// listHeadingWorks reads a list of films under headings — a festival
// programme, a "ten films to see" post — where most headings name a film
// with its year or credits: the other headings of the list that read as
// titles are films too ("Woman of Fire '82" between dated titles).
func listHeadingWorks(pieces []piece, defs []workDef) []workDef {
	known := map[string]bool{}
	for _, d := range defs {
		if d.kind == KindFilm {
			known[titleKey(d.title)] = true
		}
	}
	var out []workDef
	flushRun := func(run []piece) {
		if len(run) < 3 {
			return
		}
		films := 0
		for _, h := range run {
			if known[titleKey(h.text)] || headingFilm(h.text) {
				films++
			}
		}
		if films*3 < len(run)*2 {
			return
		}
		for _, h := range run {
			t := cleanTitle(headingLabelRE.ReplaceAllString(h.text, ""))
			if !known[titleKey(t)] && !headingFilm(h.text) && validHeadingTitle(t) && !notesHeadRE.MatchString(t) {
				out = append(out, workDef{title: t, kind: KindFilm, prio: 2})
			}
		}
	}
	var run []piece
	for _, pc := range pieces {
		if pc.kind != pieceHeading {
			continue
		}
		if len(run) > 0 && run[0].level != pc.level {
			flushRun(run)
			run = nil
		}
		run = append(run, pc)
	}
	flushRun(run)
	return out
}

func headingFilm(h string) bool {
	_, _, _, ok := parseFilmHeading(h)
	return ok
}

// nextText returns the text of the first text piece after piece i, if it
// comes before the next heading.
func nextText(pieces []piece, i int) string {
	for _, pc := range pieces[i+1:] {
		switch pc.kind {
		case pieceHeading:
			return ""
		case pieceText:
			if pc.row {
				return "" // a table under the heading: its rows are read as a table
			}
			return pc.text
		}
	}
	return ""
}

// sectionFilm returns the film a section is about: its heading is a film
// heading, or names a film of the catalogue ("The Flower Girl" over the
// paragraphs about it).
func (c *catalogue) sectionFilm(path []string) (int, bool) {
	if len(path) == 0 {
		return -1, false
	}
	h := path[len(path)-1]
	if t, _, _, ok := parseFilmHeading(h); ok {
		if wi, ok := c.lookup(t); ok {
			return wi, true
		}
	}
	if wi, ok := c.lookup(cleanTitle(headingLabelRE.ReplaceAllString(h, ""))); ok && c.works[wi].Kind != KindBook {
		return wi, true
	}
	return -1, false
}

// pathFilm returns the title of the film a section path is about, if its
// last heading is a film heading.
func pathFilm(p []string) string {
	if len(p) == 0 {
		return ""
	}
	t, _, _, ok := parseFilmHeading(p[len(p)-1])
	if !ok {
		return ""
	}
	return t
}

// label assigns IDs, films and years, and fills the catalogue counts.
func (c *Corpus) label(parts []articleParts, cat *catalogue) {
	usedIDs := map[string]int{}
	counts := make([]int, len(cat.works))
	h := sha256.New()
	distinctive := cat.distinctiveTitles(lowerVocabulary(parts))
	cases := caseCounter{}
	cat.match.surface = cases.add
	for ai, ap := range parts {
		a := ap.article
		a.ID = uniqueSlug(slugify(a.Title), usedIDs)
		a.Passages = len(ap.passages)
		fmt.Fprintf(h, "%s\x00%s\n", a.Path, a.Digest)
		mentions := make([][]int, len(ap.passages))
		for i, rp := range ap.passages {
			mentions[i] = cat.match.findWhere(rp.text, func(w int, folded string, at int) bool {
				return cat.safeMention(w, ai, folded, at, distinctive)
			})
		}
		subject := articleFilm(ap.passages, mentions)
		for i, rp := range ap.passages {
			p := Passage{
				ID:           PassageID(a.ID, i+1),
				Article:      a.ID,
				ArticleTitle: a.Title,
				Ordinal:      i + 1,
				Section:      strings.Join(rp.path, sectionSep),
				Kind:         rp.kind,
				Text:         rp.text,
				Films:        []string{},
			}
			var works []int
			if wi, ok := cat.sectionFilm(rp.path); ok {
				works = append(works, wi)
			}
			for _, wi := range mentions[i] {
				if !slices.Contains(works, wi) {
					works = append(works, wi)
				}
			}
			if subject >= 0 && len(works) == 0 && filmRefRE.MatchString(rp.text) {
				works = append(works, subject)
			}
			years, decades := extractYears(p.SearchText())
			for _, wi := range works {
				w := cat.works[wi]
				if w.Kind == KindBook {
					continue
				}
				p.Films = append(p.Films, w.Title)
				counts[wi]++
			}
			if wi, ok := cat.sectionFilm(rp.path); ok && cat.works[wi].Year != 0 {
				years, decades = addYear(years, decades, cat.works[wi].Year)
			}
			p.Years, p.Decades = nonNil(years), nonNil(decades)
			c.Passages = append(c.Passages, p)
		}
		c.Articles = append(c.Articles, a)
	}
	c.Digest = hex.EncodeToString(h.Sum(nil))
	// Titles take the case the texts write them in; the archivist's
	// catalogue keeps its own.
	before := make([]string, len(cat.works))
	for i, w := range cat.works {
		before[i] = w.Title
	}
	for w := range cases {
		if cat.trusted[w] {
			delete(cases, w)
		}
	}
	cases.recase(cat.works)
	rename := map[string]string{}
	for i, w := range cat.works {
		if w.Title != before[i] {
			rename[before[i]] = w.Title
		}
	}
	if len(rename) > 0 {
		for pi := range c.Passages {
			for fi, f := range c.Passages[pi].Films {
				if n, ok := rename[f]; ok {
					c.Passages[pi].Films[fi] = n
				}
			}
		}
	}
	usedSlugs := map[string]int{}
	order := make([]int, len(cat.works))
	for i := range order {
		order[i] = i
	}
	sort.SliceStable(order, func(a, b int) bool {
		return titleKey(cat.works[order[a]].Title) < titleKey(cat.works[order[b]].Title)
	})
	for _, i := range order {
		w := cat.works[i]
		w.Passages = counts[i]
		w.Slug = uniqueSlug(slugify(w.Title), usedSlugs)
		c.Works = append(c.Works, w)
		if w.Kind != KindBook {
			c.Films = append(c.Films, w)
		}
	}
}

// filmRefRE finds a reference to "the film" a text is about.
var filmRefRE = regexp.MustCompile(`(?i)\b(?:the|this) (?:film|movie|picture)\b`)

// articleFilm returns the film an article without film sections is about:
// the only film mentioned in two or more of its passages, when no other
// film is mentioned more than once. Its passages that speak of "the film"
// without naming one are about that film. -1 when there is none.
func articleFilm(passages []rawPassage, mentions [][]int) int {
	counts := map[int]int{}
	for i, rp := range passages {
		if pathFilm(rp.path) != "" {
			return -1
		}
		for _, wi := range mentions[i] {
			counts[wi]++
		}
	}
	best, others := -1, 0
	for wi, n := range counts {
		switch {
		case n >= 2 && best < 0:
			best = wi
		case n >= 2:
			return -1
		default:
			others = max(others, n)
		}
	}
	if best < 0 || others > 1 {
		return -1
	}
	return best
}

func addYear(years, decades []int, y int) ([]int, []int) {
	if y < minYear || y > maxYear {
		return years, decades
	}
	if !slices.Contains(years, y) {
		years = append(years, y)
		slices.Sort(years)
	}
	if d := y / 10 * 10; !slices.Contains(decades, d) {
		decades = append(decades, d)
		slices.Sort(decades)
	}
	return years, decades
}

func nonNil(s []int) []int {
	if s == nil {
		return []int{}
	}
	return s
}

func firstNonEmpty(ss ...string) string {
	for _, s := range ss {
		if strings.TrimSpace(s) != "" {
			return strings.TrimSpace(s)
		}
	}
	return ""
}

// titleFromPath makes a readable title from a file name
// ("1790_george_washington_n.txt" → "1790 george washington n").
func titleFromPath(p string) string {
	base := strings.TrimSuffix(path.Base(p), path.Ext(p))
	return strings.Join(strings.FieldsFunc(base, func(r rune) bool { return r == '_' || r == '-' || r == ' ' }), " ")
}

// Slugify makes a lower-case ASCII slug: accents dropped, every other run
// of non-alphanumerics turned into one hyphen, at most 60 bytes cut at a
// hyphen.
func Slugify(s string) string { return slugify(s) }

func slugify(s string) string {
	var b strings.Builder
	dash := false
	for _, r := range norm.NFD.String(foldPunct(s)) {
		switch {
		case unicode.Is(unicode.Mn, r) || r == '\'':
			continue
		case r < 128 && (unicode.IsLetter(r) || unicode.IsDigit(r)):
			if dash && b.Len() > 0 {
				b.WriteByte('-')
			}
			dash = false
			b.WriteRune(unicode.ToLower(r))
		default:
			dash = true
		}
	}
	out := b.String()
	if len(out) > 60 {
		out = out[:60]
		if k := strings.LastIndexByte(out, '-'); k > 20 {
			out = out[:k]
		}
	}
	if out == "" {
		out = "untitled"
	}
	return out
}

func uniqueSlug(s string, used map[string]int) string {
	used[s]++
	if n := used[s]; n > 1 {
		s2 := s + "-" + strconv.Itoa(n)
		for used[s2] > 0 {
			n++
			s2 = s + "-" + strconv.Itoa(n)
		}
		used[s2]++
		return s2
	}
	return s
}

func digestBytes(b []byte) string {
	sum := sha256.Sum256(b)
	return hex.EncodeToString(sum[:])
}

// Repeat returns the corpus with every article repeated n times under
// distinct IDs — copy k (k ≥ 2) of article "a" is "a-copyk", its passages
// "a-copyk-p1"… — for measuring scale. Film passage counts are multiplied;
// the digest says how many copies there are.
func (c *Corpus) Repeat(n int) *Corpus {
	if n <= 1 {
		return c
	}
	out := &Corpus{Warnings: c.Warnings, Digest: digestBytes([]byte(fmt.Sprintf("%s×%d", c.Digest, n)))}
	out.Articles = make([]Article, 0, len(c.Articles)*n)
	out.Passages = make([]Passage, 0, len(c.Passages)*n)
	for k := 1; k <= n; k++ {
		suffix := ""
		if k > 1 {
			suffix = fmt.Sprintf("-copy%d", k)
		}
		for _, a := range c.Articles {
			a.ID += suffix
			a.Path = fmt.Sprintf("copy%d/%s", k, a.Path)
			out.Articles = append(out.Articles, a)
		}
		for _, p := range c.Passages {
			p.Article += suffix
			p.ID = PassageID(p.Article, p.Ordinal)
			out.Passages = append(out.Passages, p)
		}
	}
	mul := func(fs []Film) []Film {
		r := make([]Film, len(fs))
		for i, f := range fs {
			f.Passages *= n
			r[i] = f
		}
		return r
	}
	out.Films, out.Works = mul(c.Films), mul(c.Works)
	return out
}

// lowerVocabulary is the set of words the texts write in lower case
// (folded): a one-word title among them ("salt", "bird", "runaway") is also
// an ordinary word.
func lowerVocabulary(parts []articleParts) map[string]bool {
	v := map[string]bool{}
	for _, ap := range parts {
		for _, rp := range ap.passages {
			for _, w := range strings.FieldsFunc(rp.text, func(r rune) bool { return !unicode.IsLetter(r) && r != '-' && r != '\'' }) {
				if r := firstRune(w); unicode.IsLower(r) {
					v[strings.ToLower(w)] = true
				}
			}
		}
	}
	return v
}

// distinctiveTitles says, per work, whether its title is distinctive:
// several content words, or one the texts never write in lower case.
func (c *catalogue) distinctiveTitles(vocab map[string]bool) []bool {
	out := make([]bool, len(c.works))
	for w, f := range c.works {
		toks := matchTokens(f.Title)
		content := 0
		for _, t := range toks {
			if !titleWords[strings.ToLower(t.word)] {
				content++
			}
		}
		out[w] = content >= 2 || content == 1 && !vocab[strings.ToLower(toks[len(toks)-1].word)]
	}
	return out
}

// safeMention decides whether a mention of work w in article ai labels the
// passage. A film recognised in one article labels plain mentions of it in
// others only where that is safe: the archivist's catalogue lists it, the
// article itself introduces it, its title is distinctive (several words,
// or one word the texts never write in lower case), or a film word stands
// in the same sentence.
func (c *catalogue) safeMention(w, ai int, folded string, at int, distinctive []bool) bool {
	if c.trusted[w] || c.definedIn[w][ai] || distinctive[w] {
		return true
	}
	start := strings.LastIndexAny(folded[:at], ".!?;") + 1
	end := len(folded)
	if k := strings.IndexAny(folded[at:], ".!?;"); k >= 0 {
		end = at + k
	}
	return filmWordRE.MatchString(folded[start:end])
}
