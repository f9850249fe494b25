package server

// Server-rendered pages. Every page works without JavaScript and every
// search is a URL; the script (web/static/app.js) fetches the "results"
// block of the search page alone (?fragment=1) to update it as the user
// types.

import (
	"bytes"
	"fmt"
	"html/template"
	"io/fs"
	"math"
	"net/http"
	"net/url"
	"path"
	"sort"
	"strconv"
	"strings"

	"github.com/gorilla/mux"

	"cinesearch/index"
	"cinesearch/web"
)

// pageNames are the templates that define a "content" block.
var pageNames = []string{"search", "passage", "films", "film", "error", "admin"}

func parseTemplates() (map[string]*template.Template, error) {
	funcs := template.FuncMap{
		"asset":      assetURL,
		"fragment":   fragmentHTML,
		"passageURL": passageURL,
		"plural":     plural,
		"yearURL": func(v searchView, y int) string {
			return v.url(func(r *index.Request) { r.YearFrom, r.YearTo, r.Page = y, y, 0 })
		},
	}
	layout, err := template.New("layout").Funcs(funcs).ParseFS(web.Templates(), "templates/layout.html")
	if err != nil {
		return nil, fmt.Errorf("templates: %w", err)
	}
	pages := map[string]*template.Template{}
	for _, name := range pageNames {
		t, err := template.Must(layout.Clone()).ParseFS(web.Templates(), "templates/"+name+".html")
		if err != nil {
			return nil, fmt.Errorf("templates: %w", err)
		}
		pages[name] = t
	}
	return pages, nil
}

// fragmentHTML is the one place where text from the index becomes
// template.HTML. Fragments come from index's highlighter, which escapes
// every character and adds only <mark> and </mark>; this checks that
// promise and escapes the whole string if it is ever broken.
func fragmentHTML(s string) template.HTML {
	rest := strings.NewReplacer("<mark>", "", "</mark>", "").Replace(s)
	if strings.ContainsAny(rest, "<>\"") {
		return template.HTML(template.HTMLEscapeString(s))
	}
	return template.HTML(s)
}

// plural writes a count (of any integer type) with its noun: "1 passage",
// "3 passages".
func plural(n any, one, many string) string {
	s := fmt.Sprint(n)
	if s == "1" {
		return "1 " + one
	}
	return s + " " + many
}

func assetURL(name string) string {
	return "/static/" + name + "?v=" + web.Fingerprint(name)
}

func passageURL(id, q string) string {
	u := "/passages/" + url.PathEscape(id)
	if q != "" {
		u += "?q=" + url.QueryEscape(q)
	}
	return u
}

// maxRanges is the most byte ranges a static file is served in; a browser
// or download manager asks for one or two.
const maxRanges = 8

// static serves the embedded assets. URLs carry a content hash, so they
// may be cached for a year.
func (s *Server) static() http.Handler {
	files := http.FileServerFS(web.Static())
	return http.StripPrefix("/static/", http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if _, err := fs.Stat(web.Static(), path.Clean(r.URL.Path)); err != nil || r.URL.Path == "" || strings.HasSuffix(r.URL.Path, "/") {
			s.writeError(w, r, errNotFound("no file "+r.URL.Path))
			return
		}
		w.Header().Set("Cache-Control", "public, max-age=31536000, immutable")
		w.Header().Set("X-Content-Type-Options", "nosniff")
		if rg := r.Header.Get("Range"); strings.Count(rg, ",") >= maxRanges {
			// net/http answers each range with its own multipart
			// header: thousands of one-byte ranges made a 12 KB file a
			// 436 KB answer. Past a few, the whole file is served.
			r = r.Clone(r.Context())
			r.Header.Del("Range")
		}
		files.ServeHTTP(w, r)
	}))
}

// pageData is what the layout needs.
type pageData struct {
	Title string
	Nav   string
	Query string
	// FilterFilms, YearFrom, YearTo and Sort are the search's filters,
	// kept by the header form. (Not "Films": the films page's own Films
	// field would shadow it, and the form carried the film list.)
	FilterFilms []string
	YearFrom    int
	YearTo      int
	Sort        string
	Autofocus   bool
	Stats       stats
	// cat is the catalogue of the generation the page shows.
	cat *index.Catalogue
}

// newPageData is the layout's data for a page of view v.
func newPageData(v View, title string) pageData {
	cat := v.Catalogue()
	m := cat.Manifest
	return pageData{Title: title, Stats: stats{m.Passages, m.Articles, m.Films, m.Generation}, cat: cat}
}

// FilmURL is the page of the film with this title, or a search within it
// when the catalogue has no page for it.
func (p pageData) FilmURL(title string) string {
	if p.cat != nil {
		if slug := p.cat.FilmSlug(title); slug != "" {
			return "/films/" + url.PathEscape(slug)
		}
	}
	return "/?film=" + url.QueryEscape(title)
}

type stats struct {
	Passages, Articles, Films int
	Generation                string
}

// render executes a page into a buffer first, so a template error becomes
// a clean 500 instead of half a page.
func (s *Server) render(w http.ResponseWriter, r *http.Request, status int, page, block string, data any) error {
	var buf bytes.Buffer
	if err := s.pages[page].ExecuteTemplate(&buf, block, data); err != nil {
		return fmt.Errorf("render %s: %w", page, err)
	}
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.Header().Set("X-Content-Type-Options", "nosniff")
	w.Header().Set("Content-Security-Policy", "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'")
	w.Header().Set("Referrer-Policy", "same-origin")
	w.WriteHeader(status)
	if r.Method != http.MethodHead {
		w.Write(buf.Bytes())
	}
	return nil
}

func (s *Server) renderError(w http.ResponseWriter, r *http.Request, he *httpError) {
	heading := map[int]string{404: "Not found", 405: "Not allowed", 400: "That request could not be read", 503: "Busy"}[he.status]
	if heading == "" {
		heading = "Something went wrong"
	}
	if r.URL.Query().Get("fragment") == "1" {
		// A live update (app.js) puts the answer into the results area:
		// give it a results block with the message, not a whole page.
		w.Header().Set("Cache-Control", "no-store")
		v := searchView{Error: he.msg}
		if err := s.render(w, r, he.status, "search", "results", v); err != nil {
			http.Error(w, he.msg, he.status)
		}
		return
	}
	v := s.view(r)
	data := struct {
		pageData
		Heading, Message string
	}{newPageData(v, heading), heading, he.msg}
	if err := s.render(w, r, he.status, "error", "layout", data); err != nil {
		http.Error(w, he.msg, he.status)
	}
}

// searchView is the search page's data.
type searchView struct {
	pageData
	req     index.Request
	Result  *SearchResponse
	Error   string
	Landing bool
	// Examples are searches to try on the landing page: the films the
	// archive says most about.
	Examples      []link
	First         int
	Chips         []link
	YearChip      *link
	SuggestionURL string
	// ExactURL searches the query as typed, without typo tolerance.
	ExactURL   string
	Pages      []pageLink
	Prev, Next string
	// PastEnd: the page asked for is after the last one (LastPage).
	PastEnd                   bool
	LastPage                  int
	LastPageURL, FirstPageURL string
	Histogram                 histogram
	Decades                   []decadeLink
	Sorts                     []sortLink
}

type link struct{ Label, URL string }

type pageLink struct {
	N       int
	URL     string
	Current bool
}

type sortLink struct {
	Label, URL string
	Current    bool
}

type decadeLink struct {
	Label, URL string
	Count      int
	Selected   bool
}

// url is the page URL for the view's request changed by f.
func (v searchView) url(f func(*index.Request)) string {
	r := v.req
	r.Films = append([]string(nil), v.req.Films...)
	f(&r)
	return searchURL("/", r)
}

func searchURL(base string, r index.Request) string {
	q := url.Values{}
	if r.Query != "" {
		q.Set("q", r.Query)
	}
	for _, f := range r.Films {
		q.Add("film", f)
	}
	if r.YearFrom != 0 {
		q.Set("year_from", strconv.Itoa(r.YearFrom))
	}
	if r.YearTo != 0 {
		q.Set("year_to", strconv.Itoa(r.YearTo))
	}
	if r.Sort != "" && r.Sort != index.SortRelevance {
		q.Set("sort", r.Sort)
	}
	if r.Page > 1 {
		q.Set("page", strconv.Itoa(r.Page))
	}
	if r.Size != 0 && r.Size != index.DefaultSize {
		q.Set("size", strconv.Itoa(r.Size))
	}
	if r.Exact {
		q.Set("exact", "1")
	}
	if len(q) == 0 {
		return base
	}
	return base + "?" + q.Encode()
}

func (s *Server) searchPage(w http.ResponseWriter, r *http.Request) error {
	if r.URL.Path != "/" {
		return errNotFound("no page at " + r.URL.Path)
	}
	view := s.view(r)
	v := searchView{pageData: newPageData(view, "")}
	req, perr := searchParams(r.URL.Query())
	req.NoFacets, req.NoFragments = false, false
	v.req = req
	v.Query, v.FilterFilms, v.YearFrom, v.YearTo = req.Query, req.Films, req.YearFrom, req.YearTo
	if req.Sort != index.SortRelevance {
		v.Sort = req.Sort
	}
	v.Landing = req.Query == "" && len(req.Films) == 0 && req.YearFrom == 0 && req.YearTo == 0
	v.Autofocus = v.Landing
	if v.Landing {
		v.Examples = examples(view.Catalogue())
	}
	status := http.StatusOK
	if perr == nil {
		res, err := s.search(r.Context(), view, req)
		if err == nil {
			sr := NewSearchResponse(res)
			v.Result = &sr
			// The index may have read filters from the query (film:…).
			v.req.Films, v.req.YearFrom, v.req.YearTo = req.Films, req.YearFrom, req.YearTo
		} else {
			perr = err
		}
	}
	if perr != nil {
		he := classify(perr)
		if he.status >= 500 {
			return perr
		}
		status, v.Error = he.status, he.msg
	}
	if v.Result != nil {
		s.decorate(&v)
	}
	v.Title = "Search"
	if req.Query != "" {
		v.Title = req.Query
	}
	if r.URL.Query().Get("fragment") == "1" {
		w.Header().Set("Cache-Control", "no-store")
		return s.render(w, r, status, "search", "results", v)
	}
	return s.render(w, r, status, "search", "layout", v)
}

// examples are the four films with the most passages, as searches.
func examples(cat *index.Catalogue) []link {
	films := append([]index.Film(nil), cat.Films...)
	sort.SliceStable(films, func(i, j int) bool { return films[i].Passages > films[j].Passages })
	var out []link
	for _, f := range films[:min(4, len(films))] {
		out = append(out, link{f.Title, searchURL("/", index.Request{Query: f.Title})})
	}
	return out
}

// decorate adds the links and the histogram to a search view.
func (s *Server) decorate(v *searchView) {
	res := v.Result
	v.First = (res.Page-1)*res.Size + 1
	for _, f := range v.req.Films {
		f := f
		v.Chips = append(v.Chips, link{"Film: " + f, v.url(func(r *index.Request) {
			r.Films = remove(r.Films, f)
			r.Page = 0
		})})
	}
	if v.req.YearFrom != 0 || v.req.YearTo != 0 {
		l := link{"Years: " + yearLabel(v.req.YearFrom, v.req.YearTo), v.url(func(r *index.Request) { r.YearFrom, r.YearTo, r.Page = 0, 0, 0 })}
		v.Chips = append(v.Chips, l)
		v.YearChip = &l
	}
	if res.Suggestion != "" {
		v.SuggestionURL = v.url(func(r *index.Request) { r.Query, r.Page = res.Suggestion, 0 })
	}
	if res.Corrected != "" {
		v.ExactURL = v.url(func(r *index.Request) { r.Exact, r.Page = true, 0 })
	}
	pages := int(math.Ceil(float64(res.Total) / float64(max(res.Size, 1))))
	pages = min(pages, index.MaxPage)
	if res.Total > 0 && res.Page > pages {
		v.PastEnd, v.LastPage = true, pages
		v.LastPageURL = v.url(func(r *index.Request) { r.Page = pages })
		v.FirstPageURL = v.url(func(r *index.Request) { r.Page = 0 })
	}
	if pages > 1 {
		for n := max(1, res.Page-3); n <= min(pages, res.Page+3); n++ {
			n := n
			v.Pages = append(v.Pages, pageLink{n, v.url(func(r *index.Request) { r.Page = n }), n == res.Page})
		}
		if res.Page > 1 {
			v.Prev = v.url(func(r *index.Request) { r.Page = res.Page - 1 })
		}
		if res.Page < pages {
			v.Next = v.url(func(r *index.Request) { r.Page = res.Page + 1 })
		}
	}
	for _, so := range []struct{ label, value string }{{"Best match", index.SortRelevance}, {"Oldest years first", index.SortYear}, {"Newest years first", index.SortYearDesc}} {
		so := so
		v.Sorts = append(v.Sorts, sortLink{so.label, v.url(func(r *index.Request) { r.Sort, r.Page = so.value, 0 }), res.Sort == so.value})
	}
	for _, d := range res.Facets.Decades {
		d := d
		v.Decades = append(v.Decades, decadeLink{fmt.Sprintf("%ds", d.Decade), v.url(func(r *index.Request) {
			r.YearFrom, r.YearTo, r.Page = d.Decade, d.Decade+9, 0
		}), d.Count, d.Selected})
	}
	v.Histogram = buildHistogram(*v, res.Facets)
}

func remove(list []string, s string) []string {
	var out []string
	for _, x := range list {
		if x != s {
			out = append(out, x)
		}
	}
	return out
}

func yearLabel(from, to int) string {
	switch {
	case from != 0 && from == to:
		return strconv.Itoa(from)
	case from != 0 && to != 0:
		return fmt.Sprintf("%d–%d", from, to)
	case from != 0:
		return fmt.Sprintf("%d and later", from)
	default:
		return fmt.Sprintf("up to %d", to)
	}
}

// histogram is the year facet drawn as SVG bars, one per year when the
// years span at most 60, else one per decade. When few bars have passages,
// each is labelled under it (Ticks); otherwise the axis gives the first and
// last years that have any.
type histogram struct {
	Width, Height int
	// ViewHeight is Height and, with Ticks, the row of labels.
	ViewHeight  int
	TickY       int
	Ticks       bool
	Unit        string
	First, Last string
	Bars        []bar
}

type bar struct {
	X, Y, W, H, Mid float64
	URL, Label      string
	// Tick is the bar's label under it, "" for none, drawn at TickX with
	// Anchor (start or end at the edges, so that it is not cut off).
	Tick     string
	TickX    float64
	Anchor   string
	Count    int
	Selected bool
}

// minBars is the fewest bars drawn, so that one or two years do not
// become wide blocks; tickGap is the least room, in view units, between
// two labels.
const (
	minBars = 9
	tickGap = 30
)

func buildHistogram(v searchView, f Facets) histogram {
	h := histogram{Width: 300, Height: 80, Unit: "year"}
	h.ViewHeight = h.Height
	type bucket struct {
		from, to, count int
		selected        bool
	}
	var buckets []bucket
	if len(f.Years) > 0 && f.Years[len(f.Years)-1].Year-f.Years[0].Year <= 60 {
		counts := map[int]YearCount{}
		for _, y := range f.Years {
			counts[y.Year] = y
		}
		// At least minBars years, the data in the middle.
		lo, hi := f.Years[0].Year, f.Years[len(f.Years)-1].Year
		if pad := minBars - (hi - lo + 1); pad > 0 {
			lo = max(1900, lo-pad/2)
			hi = min(2035, lo+minBars-1)
		}
		for y := lo; y <= hi; y++ {
			buckets = append(buckets, bucket{y, y, counts[y].Count, counts[y].Selected})
		}
	} else if len(f.Decades) > 0 {
		h.Unit = "decade"
		counts := map[int]DecadeCount{}
		for _, d := range f.Decades {
			counts[d.Decade] = d
		}
		for d := f.Decades[0].Decade; d <= f.Decades[len(f.Decades)-1].Decade; d += 10 {
			buckets = append(buckets, bucket{d, d + 9, counts[d].Count, counts[d].Selected})
		}
	}
	if len(buckets) == 0 {
		return h
	}
	top, filled := 1, 0
	for _, b := range buckets {
		top = max(top, b.count)
		if b.count > 0 {
			filled++
		}
	}
	name := func(b bucket) string {
		if h.Unit == "decade" {
			return fmt.Sprintf("%ds", b.from)
		}
		return strconv.Itoa(b.from)
	}
	w := float64(h.Width) / float64(len(buckets))
	lastTick := math.Inf(-1)
	for i, b := range buckets {
		b := b
		hh := 0.0
		if b.count > 0 {
			hh = math.Max(2, float64(h.Height-2)*float64(b.count)/float64(top))
		}
		x := round1(float64(i) * w)
		br := bar{
			X: x, W: round1(math.Max(w-1, 0.5)), Y: round1(float64(h.Height) - hh), H: round1(hh), Mid: round1(float64(i)*w + w/2),
			URL:      v.url(func(r *index.Request) { r.YearFrom, r.YearTo, r.Page = b.from, b.to, 0 }),
			Label:    name(b) + ": " + plural(b.count, "passage", "passages"),
			Count:    b.count,
			Selected: b.selected,
		}
		// Few bars with passages: label each (as room allows).
		if filled <= 8 && b.count > 0 && br.Mid-lastTick >= tickGap {
			br.Tick, lastTick = name(b), br.Mid
			br.TickX, br.Anchor = br.Mid, "middle"
			switch {
			case br.Mid < tickGap/2:
				br.TickX, br.Anchor = br.X, "start"
			case br.Mid > float64(h.Width)-tickGap/2:
				br.TickX, br.Anchor = round1(br.X+br.W), "end"
			}
			h.Ticks = true
		}
		h.Bars = append(h.Bars, br)
		if b.count > 0 {
			if h.First == "" {
				h.First = name(b)
			}
			h.Last = name(b)
		}
	}
	if h.Ticks {
		h.TickY, h.ViewHeight = h.Height+12, h.Height+15
	}
	return h
}

func round1(f float64) float64 { return math.Round(f*10) / 10 }

// contextPara is one passage shown on the passage page.
type contextPara struct {
	ID, Section, Text string
	HTML              template.HTML
	Current           bool
}

func (s *Server) passagePage(w http.ResponseWriter, r *http.Request) error {
	id := mux.Vars(r)["id"]
	q := r.URL.Query().Get("q")
	if len(q) > index.MaxQueryBytes {
		return errBadRequest("bad_query", "the query is too long")
	}
	v := s.view(r)
	around, err := v.Around(r.Context(), id, 2)
	if err != nil {
		return notFoundAs(err, fmt.Sprintf("There is no passage %q. It may have been removed when the archive was rebuilt.", truncate(id, 80)))
	}
	data := struct {
		pageData
		Hit        Hit
		Article    *Article
		Context    []contextPara
		Back       string
		Prev, Next string
	}{pageData: newPageData(v, "")}
	data.Query = q
	lastSection := ""
	for i, h := range around {
		cp := contextPara{ID: h.ID, Text: h.Text}
		if h.Section != lastSection {
			cp.Section = h.Section
			lastSection = h.Section
		}
		if h.ID == id {
			data.Hit = newHit(h)
			cp.Current = true
			// Mark returns escaped HTML with <mark> only: the one other
			// place where index output becomes template.HTML.
			cp.HTML = fragmentHTML(v.Mark(q, h.Text))
			if i > 0 {
				data.Prev = around[i-1].ID
			}
			if i+1 < len(around) {
				data.Next = around[i+1].ID
			}
		}
		data.Context = append(data.Context, cp)
	}
	if a, err := v.Catalogue().Article(data.Hit.Article.ID); err == nil {
		art := newArticle(a)
		data.Article = &art
	}
	data.Title = data.Hit.Article.Title
	if q != "" {
		data.Back = "/?q=" + url.QueryEscape(q)
	}
	return s.render(w, r, http.StatusOK, "passage", "layout", data)
}

func (s *Server) filmsPage(w http.ResponseWriter, r *http.Request) error {
	v := s.view(r)
	var films []Film
	for _, f := range v.Catalogue().Films {
		films = append(films, newFilm(f))
	}
	sort.SliceStable(films, func(i, j int) bool { return strings.ToLower(films[i].Title) < strings.ToLower(films[j].Title) })
	pd := newPageData(v, "Films")
	pd.Nav = "films"
	data := struct {
		pageData
		Films []Film
	}{pd, films}
	return s.render(w, r, http.StatusOK, "films", "layout", data)
}

func (s *Server) filmPage(w http.ResponseWriter, r *http.Request) error {
	slug := mux.Vars(r)["slug"]
	v := s.view(r)
	f, err := v.Catalogue().Film(slug)
	if err != nil {
		return notFoundAs(err, fmt.Sprintf("There is no film %q in the archive.", truncate(slug, 80)))
	}
	req, err := searchParams(r.URL.Query())
	if err != nil {
		return err
	}
	film := newFilm(f)
	order := req.Sort
	if order == "" || order == index.SortRelevance {
		order = "" // article order (the browse default)
	}
	req = index.Request{Films: []string{f.Title}, Page: req.Page, Size: 20, Sort: order, NoFacets: true}
	res, err := s.search(r.Context(), v, req)
	if err != nil {
		return err
	}
	base := "/films/" + url.PathEscape(film.Slug)
	pd := newPageData(v, film.Title)
	pd.Nav = "films"
	data := struct {
		pageData
		Film       Film
		Result     SearchResponse
		Sorts      []sortLink
		Pages      []pageLink
		Prev, Next string
	}{pageData: pd, Film: film, Result: NewSearchResponse(res)}
	for _, so := range []struct{ label, value string }{{"Article order", ""}, {"Newest mention first", index.SortYearDesc}} {
		u := base
		if so.value != "" {
			u += "?sort=" + so.value
		}
		data.Sorts = append(data.Sorts, sortLink{so.label, u, order == so.value})
	}
	pages := int(math.Ceil(float64(res.Total) / float64(res.Size)))
	pageURL := func(n int) string {
		r := index.Request{Sort: order, Page: n}
		return searchURL(base, r)
	}
	if pages > 1 {
		for n := 1; n <= min(pages, index.MaxPage); n++ {
			data.Pages = append(data.Pages, pageLink{n, pageURL(n), n == res.Page})
		}
		if res.Page > 1 {
			data.Prev = pageURL(res.Page - 1)
		}
		if res.Page < pages {
			data.Next = pageURL(res.Page + 1)
		}
	}
	return s.render(w, r, http.StatusOK, "film", "layout", data)
}

// adminPage is the archivist's page: texts, uploads, previews, rebuilds.
// It holds nothing secret (everything comes from the admin API with the
// token the archivist signs in with), but it exists only when the admin
// API is on.
func (s *Server) adminPage(w http.ResponseWriter, r *http.Request) error {
	if s.cfg.Admin == nil {
		return errNotFound("the admin page is off; start the server with --admin-token (or CINESEARCH_ADMIN_TOKEN) to use it")
	}
	pd := newPageData(s.view(r), "Texts and index")
	pd.Nav = "admin"
	w.Header().Set("Cache-Control", "no-store")
	return s.render(w, r, http.StatusOK, "admin", "layout", pd)
}
