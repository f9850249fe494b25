package server

// Browser tests for what a first visit found (issue 15): each fails on the
// page as it was before its fix.

import (
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
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
