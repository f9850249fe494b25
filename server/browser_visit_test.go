package server

// Browser tests for what a first visit found (issue 15): each fails on the
// page as it was before its fix.

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"cinesearch/index"
)

// The header's search box works the same from every page: typing with
// pauses does not navigate away after the first letter, and the search
// sent with Enter runs (from /films it used to carry the film list as 34
// hidden filters and answer 400).
func TestBrowserSearchFromEveryPage(t *testing.T) {
	ts, _ := newTestServer(t, Serving(seedLive), Config{})
	ctx := browser(t, true)
	for _, page := range []string{"/films", "/films/pulgasari", "/passages/" + seedCorpus.Passages[10].ID} {
		t.Run(page, func(t *testing.T) {
			steps(t, ctx,
				chromedp.Navigate(ts.URL+page),
				chromedp.WaitVisible(css("#q")),
				chromedp.Click(css("#q")),
				chromedp.SendKeys(css("#q"), "G"),
				chromedp.Sleep(600*time.Millisecond), // a reader's pause, longer than the live-search delay
				chromedp.SendKeys(css("#q"), "odzilla"),
			)
			if url := value(t, ctx, chromedp.Location()); !strings.HasSuffix(url, page) {
				t.Fatalf("typing navigated to %s", url)
			}
			if v := value(t, ctx, chromedp.Value(css("#q"))); v != "Godzilla" {
				t.Fatalf("the box holds %q after typing Godzilla", v)
			}
			steps(t, ctx,
				chromedp.SendKeys(css("#q"), "\r"),
				chromedp.WaitVisible(css("#results")),
			)
			url := value(t, ctx, chromedp.Location())
			errs := value(t, ctx, chromedp.Evaluate[int](`document.querySelectorAll(".notice.error").length`))
			hits := value(t, ctx, chromedp.Evaluate[int](`document.querySelectorAll(".hits .hit").length`))
			if !strings.HasSuffix(url, "/?q=Godzilla") || errs != 0 || hits == 0 {
				t.Errorf("searching from %s: at %s, %d errors, %d hits", page, url, errs, hits)
			}
		})
	}
}

// Facet, sort and page choices are history entries: Back returns to the
// results before them. "Next →" chosen at the bottom of a page shows the
// next page from its top.
func TestBrowserChoicesAreHistoryAndShowTheirTop(t *testing.T) {
	ts, _ := newTestServer(t, Serving(seedLive), Config{})
	ctx := browser(t, true)
	steps(t, ctx,
		chromedp.Navigate(ts.URL+"/?q=Pyongyang"),
		chromedp.WaitVisible(css(".hits")),
		chromedp.Click(css(`.sorts a`)), // "Oldest years first"
	)
	waitJS(t, ctx, `location.search.indexOf("sort=year") >= 0 && !!document.querySelector(".sorts span[aria-current]") && document.querySelector(".sorts span[aria-current]").textContent.indexOf("Oldest") >= 0`)
	steps(t, ctx, chromedp.Click(css(`#film-form input[value="Thaw"]`)))
	waitJS(t, ctx, `location.search.indexOf("film=Thaw") >= 0 && !!document.querySelector(".chips")`)
	steps(t, ctx, chromedp.NavigateBack())
	waitJS(t, ctx, `location.search.indexOf("film=Thaw") < 0 && location.search.indexOf("sort=year") >= 0 && !document.querySelector(".chips")`)
	steps(t, ctx, chromedp.NavigateBack())
	waitJS(t, ctx, `location.search === "?q=Pyongyang" && document.querySelector(".sorts span[aria-current]").textContent.indexOf("Best") >= 0`)

	// Next → from the bottom of the page.
	steps(t, ctx,
		chromedp.Evaluate[chromedp.Void](`window.scrollTo(0, document.body.scrollHeight)`),
		chromedp.Click(css(`.pager a[rel=next]`)),
	)
	waitJS(t, ctx, `location.search.indexOf("page=2") >= 0 && document.querySelector(".hits").getAttribute("start") === "11"`)
	top := value(t, ctx, chromedp.Evaluate[float64](`document.getElementById("results").getBoundingClientRect().top`))
	if top < -1 || top > 300 {
		t.Errorf("after Next → the results start %v px from the top of the window", top)
	}
	steps(t, ctx, chromedp.NavigateBack())
	waitJS(t, ctx, `location.search === "?q=Pyongyang" && document.querySelector(".hits").getAttribute("start") === "1"`)
}

// A page past the end says so, with a way back, instead of "105 passages"
// beside "No passage matches". The search tips belong to the landing page
// only: they go when results come.
func TestBrowserPastTheEndAndTips(t *testing.T) {
	ts, _ := newTestServer(t, Serving(seedLive), Config{})
	ctx := browser(t, true)
	steps(t, ctx,
		chromedp.Navigate(ts.URL+"/?q=Pyongyang&page=99"),
		chromedp.WaitVisible(css(".empty")),
	)
	text := value(t, ctx, chromedp.Text(css("#results")))
	if strings.Contains(text, "No passage matches") || !strings.Contains(text, "past the end") {
		t.Errorf("page 99: %q", text)
	}
	steps(t, ctx, chromedp.Click(css(`.empty a`)))
	waitJS(t, ctx, `!!document.querySelector(".hits .hit")`)

	steps(t, ctx,
		chromedp.Navigate(ts.URL+"/"),
		chromedp.WaitVisible(css("#syntax")),
		chromedp.SendKeys(css("#q"), "Pulgasari"),
	)
	waitJS(t, ctx, `!!document.querySelector(".hits .hit")`)
	if n := value(t, ctx, chromedp.Evaluate[int](`document.querySelectorAll("#syntax").length`)); n != 0 {
		t.Error("the search tips stay under the results")
	}
}

// On a 390 px phone the filters, which follow the results, are one tap
// away; /films shows no column header without its column; the search box's
// placeholder fits.
func TestBrowserPhoneReachesFilters(t *testing.T) {
	ts, _ := newTestServer(t, Serving(seedLive), Config{})
	ctx := browser(t, true)
	steps(t, ctx,
		chromedp.EmulateViewport(390, 800, chromedp.EmulateMobile),
		chromedp.Navigate(ts.URL+"/?q=Pyongyang"),
		chromedp.WaitVisible(css(".hits")),
	)
	link := value(t, ctx, chromedp.Evaluate[[]float64](`(function(){var r=document.querySelector(".to-filters").getBoundingClientRect();return [r.width, r.top]})()`))
	if link[0] == 0 || link[1] > 800 {
		t.Fatalf("no filters link in the first screen: %v", link)
	}
	steps(t, ctx, chromedp.Click(css(".to-filters")))
	waitJS(t, ctx, `Math.abs(document.getElementById("filters").getBoundingClientRect().top) < 120`)

	fits := value(t, ctx, chromedp.Evaluate[bool](`(function(){
		var q = document.getElementById("q"), st = getComputedStyle(q);
		var c = document.createElement("canvas").getContext("2d");
		c.font = st.fontSize + " " + st.fontFamily;
		return c.measureText(q.placeholder).width <= q.clientWidth - parseFloat(st.paddingLeft) - parseFloat(st.paddingRight);
	})()`))
	if !fits {
		t.Error("the search box's placeholder is cut off on a 390 px phone")
	}

	steps(t, ctx,
		chromedp.Navigate(ts.URL+"/films"),
		chromedp.WaitVisible(css("table.films")),
	)
	cols := value(t, ctx, chromedp.Evaluate[[]int](`(function(){
		var vis = function (els) { return Array.prototype.filter.call(els, function (e) { return getComputedStyle(e).display !== "none"; }).length; };
		return [vis(document.querySelectorAll("table.films thead th")), vis(document.querySelector("table.films tbody tr").children)];
	})()`))
	if cols[0] != cols[1] {
		t.Errorf("/films on a phone: %d column headers over %d cells", cols[0], cols[1])
	}
}

// With one or two years, the histogram's bars are labelled with their
// years, and its axis does not invent a span; result cards lead with the
// section, which tells hits of one article apart.
func TestBrowserFewYearsAndCards(t *testing.T) {
	ts, _ := newTestServer(t, fakeBackend{Backend: Serving(seedLive), search: func(ctx context.Context, req index.Request) (index.Result, error) {
		res, err := seedLive.Search(ctx, req)
		res.Facets.Years = []index.YearCount{{Year: 1986, Count: 3}, {Year: 1988, Count: 1}}
		res.Facets.Decades = []index.DecadeCount{{Decade: 1980, Count: 4}}
		return res, err
	}}, Config{})
	ctx := browser(t, true)
	steps(t, ctx,
		chromedp.Navigate(ts.URL+"/?q=Pulgasari"),
		chromedp.WaitVisible(css(".histogram")),
	)
	ticks := value(t, ctx, chromedp.Evaluate[[]string](`Array.prototype.map.call(document.querySelectorAll(".histogram .tick"), function (t) { return t.textContent; })`))
	axis := value(t, ctx, chromedp.Evaluate[string](`(document.querySelector(".years-facet .axis") || {}).textContent || ""`))
	if strings.Join(ticks, " ") != "1986 1988" || strings.Contains(axis, "1976") || strings.Contains(axis, "1999") {
		t.Errorf("histogram labels %q, axis %q; want 1986 and 1988 under their bars", ticks, axis)
	}
	head := value(t, ctx, chromedp.Evaluate[[]string](`(function(){
		for (var h of document.querySelectorAll(".hit-link")) {
			var sub = h.querySelector(".hit-sub");
			if (sub) { var a = h.querySelector(".hit-head"); return [a.textContent, sub.textContent, getComputedStyle(a).fontSize, getComputedStyle(sub).fontSize]; }
		}
		return [];
	})()`))
	if len(head) != 4 || !strings.Contains(head[1], "North Korea") || head[2] <= head[3] {
		t.Errorf("card heading: %q; want the section first, larger than the article title", head)
	}
}
