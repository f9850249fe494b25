package corpus

import (
	"context"
	"crypto/sha256"
	"embed"
	"encoding/hex"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path"
	"slices"
	"sort"
	"strconv"
	"strings"
	"time"
	"unicode"

	"golang.org/x/text/unicode/norm"

	"cinesearch/corpus/films"
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
	// subject is the work the article's own title names, if any.
	subject string
	// written are, per passage, the works the films reader found written
	// in it (title and year).
	written map[int][]titleYear
}

type titleYear struct {
	title string
	year  int
}

// Load reads every text below the root of fsys and builds the corpus:
// articles, passages labelled with films and years, and the film catalogue
// (built from all texts together, so a film introduced in one article is
// recognised in another). Unusable files are reported in Corpus.Warnings
// and skipped, as is a text that takes longer than TextBudget to read.
// Progress, if non-nil, is called after each file. Load stops with ctx's
// error when ctx is done.
func Load(ctx context.Context, fsys fs.FS, progress func(done, total int)) (*Corpus, error) {
	return load(ctx, fsys, progress, TextBudget)
}

// TextBudget is the longest one text may take to read (its passages and
// its films). Every reader is linear in its text, so a text under the
// admin API's 10 MiB cap takes a few seconds; the budget is the backstop
// for a shape no probe has found yet. A text past it is given up with a
// warning naming it, and the others are read.
const TextBudget = 30 * time.Second

// givenUpMsg is the warning for a text that took more than its budget.
func givenUpMsg(budget time.Duration) string {
	return fmt.Sprintf("gave up reading it after %s (the most one text may take): it is not indexed; split it into smaller texts", budget)
}

// load is Load with the per-text budget.
func load(ctx context.Context, fsys fs.FS, progress func(done, total int), budget time.Duration) (*Corpus, error) {
	paths, warns := listTexts(fsys)
	c := &Corpus{Warnings: warns}
	var parts []articleParts
	var defs []films.Def
	known, model := films.Base(), films.DefaultModel()
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
		tctx, cancel := context.WithTimeout(ctx, budget)
		pt, w, err := readTextContext(tctx, p, data)
		data = nil
		var works []films.Work
		var capped *films.CappedError
		if err == nil && w == nil {
			if works, err = films.ExtractContext(tctx, pt.doc, known, model); errors.As(err, &capped) {
				err = nil
			}
		}
		cancel()
		switch {
		case err == errSkip:
			continue
		case err != nil && ctx.Err() != nil:
			return nil, fmt.Errorf("reading texts stopped at %s (%d of %d files): %w", p, n, len(paths), ctx.Err())
		case err != nil:
			c.Warnings = append(c.Warnings, Warning{File: p, Msg: givenUpMsg(budget)})
			continue
		case w != nil:
			c.Warnings = append(c.Warnings, *w)
			continue
		}
		c.Warnings = append(c.Warnings, pt.warnings...)
		if capped != nil {
			c.Warnings = append(c.Warnings, Warning{File: p, Msg: capped.Error()})
		}
		ap := articleParts{article: pt.article, passages: pt.res.passages, written: map[int][]titleYear{}}
		for _, wk := range works {
			defs = append(defs, workDef(wk, len(parts)))
			if wk.Subject && ap.subject == "" && wk.Kind != films.KindBook {
				ap.subject = wk.Title
			}
			for _, b := range wk.Blocks {
				if p := pt.res.docPassage[b]; p >= 0 {
					ap.written[p] = append(ap.written[p], titleYear{wk.Title, wk.Year})
				}
			}
		}
		parts = append(parts, ap)
	}
	if progress != nil {
		progress(len(paths), len(paths))
	}
	uc, cw := readCatalogueFile(fsys)
	c.Warnings = append(c.Warnings, cw...)
	defs = uc.apply(defs)
	set := films.NewSet(defs)
	if err := ctx.Err(); err != nil {
		return nil, fmt.Errorf("reading texts stopped: %w", err)
	}
	c.label(parts, set)
	if uc != nil {
		// The catalogue changes the index as a text does.
		c.Digest = digestBytes([]byte(c.Digest + "\x00" + CatalogueFile + "\x00" + uc.digest))
	}
	return c, nil
}

// FilmCandidate is one candidate title of one article, as the films reader
// weighed it: what `cinesearch films --explain` prints.
type FilmCandidate struct {
	Path        string  `json:"path"`
	Title       string  `json:"title"`
	Year        int     `json:"year,omitempty"`
	Kind        string  `json:"kind,omitempty"`
	Probability float64 `json:"probability"`
	Film        bool    `json:"film"`
	Mentions    int     `json:"mentions"`
	Known       bool    `json:"known,omitempty"`
	Evidence    string  `json:"evidence"`
	// Features are the evidence as the model reads it.
	Features films.Features `json:"-"`
	// Distinctive says the title is distinctive in its article.
	Distinctive bool `json:"-"`
}

// ExplainFilms reads every text below the root of fsys, each alone, and
// returns every candidate title of every article with its evidence and the
// decision, most probable first within each article.
func ExplainFilms(ctx context.Context, fsys fs.FS) ([]FilmCandidate, error) {
	paths, _ := listTexts(fsys)
	known, model := films.Base(), films.DefaultModel()
	var out []FilmCandidate
	for _, p := range paths {
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		data, err := fs.ReadFile(fsys, p)
		if err != nil {
			continue
		}
		pt, w, err := readText(p, data)
		if err != nil || w != nil {
			continue
		}
		var cs []FilmCandidate
		for _, c := range films.Candidates(pt.doc, known) {
			cs = append(cs, FilmCandidate{Path: p, Title: c.Title, Year: c.Year, Kind: string(c.Kind), Probability: model.Probability(&c),
				Film: model.Accept(&c), Mentions: c.Mentions, Known: c.Known, Evidence: c.Evidence.String(), Features: c.Evidence, Distinctive: c.Distinctive})
		}
		sort.SliceStable(cs, func(i, j int) bool { return cs[i].Probability > cs[j].Probability })
		out = append(out, cs...)
	}
	return out, nil
}

// workDef is a work an article names, as a definition of the corpus's
// works: a heading's, a table's or the article title's work is the best
// authority on its title, year and kind.
func workDef(w films.Work, article int) films.Def {
	rank := 1
	if w.Evidence.Has(films.FHeading) || w.Evidence.Has(films.FTableCell) || w.Subject {
		rank = 0
	}
	return films.Def{Title: w.Title, Year: w.Year, Kind: w.Kind, Aliases: w.Aliases, Article: article, Rank: rank,
		Weak: rank > 0 && w.Year == 0}
}

// articleTitle is an article's title: the front-matter title, else the
// title line, else one made from the file name; NFC, spaces collapsed.
func articleTitle(meta frontMatter, h header, path string) string {
	t := firstNonEmpty(meta.Title, h.title, titleFromPath(path))
	return strings.Join(strings.Fields(norm.NFC.String(t)), " ")
}

// sectionWork returns the work a section is about: its last heading names
// a work of the set.
func sectionWork(set *films.Set, path []string) (int, bool) {
	if len(path) == 0 {
		return -1, false
	}
	t, _, _ := films.HeadingTitle(path[len(path)-1])
	if wi, ok := set.Lookup(t); ok && set.Works[wi].Kind != films.KindBook {
		return wi, true
	}
	return -1, false
}

// label assigns IDs, films and years, and fills the catalogue counts.
func (c *Corpus) label(parts []articleParts, set *films.Set) {
	usedIDs := map[string]int{}
	counts := make([]int, len(set.Works))
	h := sha256.New()
	distinctive := set.Distinctive(lowerVocabulary(parts))
	for ai, ap := range parts {
		a := ap.article
		a.ID = uniqueSlug(slugify(a.Title), usedIDs)
		a.Passages = len(ap.passages)
		fmt.Fprintf(h, "%s\x00%s\n", a.Path, a.Digest)
		mentions := make([][]int, len(ap.passages))
		sections := make([]int, len(ap.passages))
		for i, rp := range ap.passages {
			mentions[i] = set.Mentions(rp.text, ai, distinctive)
			// Where the reader found a work written, the passage is
			// labelled with it, whatever the matcher makes of the words
			// ("_Vera_ Season 6" in a table row).
			for _, ty := range ap.written[i] {
				if wi, ok := set.Find(ty.title, ty.year); ok && !slices.Contains(mentions[i], wi) {
					mentions[i] = append(mentions[i], wi)
				}
			}
			sections[i] = -1
			if wi, ok := sectionWork(set, rp.path); ok {
				sections[i] = wi
			}
		}
		subject := -1
		if ap.subject != "" {
			if wi, ok := set.Lookup(ap.subject); ok && set.Works[wi].Kind != films.KindBook {
				subject = wi
			}
		}
		dwelt := articleFilm(sections, mentions)
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
			if sections[i] >= 0 {
				works = append(works, sections[i])
			} else if subject >= 0 {
				// A review's paragraphs are about the film its title
				// names, whether or not they name it again.
				works = append(works, subject)
			}
			for _, wi := range mentions[i] {
				if !slices.Contains(works, wi) {
					works = append(works, wi)
				}
			}
			if dwelt >= 0 && len(works) == 0 && films.RefersToFilm(rp.text) {
				works = append(works, dwelt)
			}
			years, decades := extractYears(p.SearchText())
			for _, wi := range works {
				w := set.Works[wi]
				if w.Kind == films.KindBook {
					continue
				}
				p.Films = append(p.Films, w.Title)
				counts[wi]++
			}
			if wi := sections[i]; wi >= 0 && set.Works[wi].Year != 0 {
				years, decades = addYear(years, decades, set.Works[wi].Year)
			}
			p.Years, p.Decades = nonNil(years), nonNil(decades)
			c.Passages = append(c.Passages, p)
		}
		c.Articles = append(c.Articles, a)
	}
	c.Digest = hex.EncodeToString(h.Sum(nil))
	// Titles take the case the texts write them in; the archivist's
	// catalogue keeps its own.
	if rename := set.Recase(); len(rename) > 0 {
		for pi := range c.Passages {
			for fi, f := range c.Passages[pi].Films {
				if n, ok := rename[f]; ok {
					c.Passages[pi].Films[fi] = n
				}
			}
		}
	}
	usedSlugs := map[string]int{}
	order := make([]int, len(set.Works))
	for i := range order {
		order[i] = i
	}
	sort.SliceStable(order, func(a, b int) bool {
		return films.Key(set.Works[order[a]].Title) < films.Key(set.Works[order[b]].Title)
	})
	for _, i := range order {
		sw := set.Works[i]
		w := Film{Title: sw.Title, Year: sw.Year, Kind: Kind(sw.Kind), Aliases: sw.Aliases, Passages: counts[i]}
		w.Slug = uniqueSlug(slugify(w.Title), usedSlugs)
		c.Works = append(c.Works, w)
		if w.Kind != KindBook {
			c.Films = append(c.Films, w)
		}
	}
}

// articleFilm returns the film an article without film sections dwells on:
// the only film mentioned in two or more of its passages, when no other
// film is mentioned more than once. Its passages that speak of "the film"
// without naming one are about that film. -1 when there is none.
func articleFilm(sections []int, mentions [][]int) int {
	counts := map[int]int{}
	for i := range mentions {
		if sections[i] >= 0 {
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
