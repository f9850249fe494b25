package server

// Browser tests: the real page in real Chromium (driven by chromedp)
// against a real server on loopback over a real index.
//
// They need Chromium: set CHROMIUM to its path, or have "chromium" (or
// "chromium-browser", "google-chrome") on PATH. Without it they skip,
// unless CINESEARCH_REQUIRE_BROWSER=1 (as in CI), where a missing browser
// fails the run. A screenshot of the results page is written to
// $CINESEARCH_ARTIFACTS (default ../artifacts).

import (
	"context"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"

	"cinesearch/index"
)

func chromiumPath(t *testing.T) string {
	t.Helper()
	if p := os.Getenv("CHROMIUM"); p != "" {
		return p
	}
	for _, name := range []string{"chromium", "chromium-browser", "google-chrome", "chrome"} {
		if p, err := exec.LookPath(name); err == nil {
			return p
		}
	}
	if os.Getenv("CINESEARCH_REQUIRE_BROWSER") == "1" {
		t.Fatal("Chromium not found and CINESEARCH_REQUIRE_BROWSER=1")
	}
	t.Skip("Chromium not installed; set CHROMIUM or install chromium to run browser tests")
	return ""
}

// browser starts headless Chromium with JavaScript on or off.
func browser(t *testing.T, js bool) context.Context {
	t.Helper()
	opts := append(chromedp.DefaultExecAllocatorOptions[:],
		chromedp.ExecPath(chromiumPath(t)),
		chromedp.NoSandbox,
		chromedp.DisableGPU,
		chromedp.Flag("disable-quic", true),
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.Flag("no-first-run", true),
		chromedp.UserDataDir(t.TempDir()),
		chromedp.WindowSize(1280, 900),
	)
	actx, cancel := chromedp.NewExecAllocator(context.Background(), opts...)
	t.Cleanup(cancel)
	ctx, cancel2 := chromedp.NewContext(actx)
	t.Cleanup(cancel2)
	ctx, cancel3 := context.WithTimeout(ctx, 60*time.Second)
	t.Cleanup(cancel3)
	if !js {
		if _, err := chromedp.Call(ctx, emulation.SetScriptExecutionDisabled, emulation.SetScriptExecutionDisabledParams{Value: true}); err != nil {
			t.Fatal(err)
		}
	}
	return ctx
}

// steps runs browser actions or fails the test.
func steps(t *testing.T, ctx context.Context, actions ...chromedp.Action[chromedp.Void]) {
	t.Helper()
	if err := chromedp.Do(ctx, actions...); err != nil {
		t.Fatal(err)
	}
}

// value runs one browser action that returns a value.
func value[T any](t *testing.T, ctx context.Context, a chromedp.Action[T]) T {
	t.Helper()
	v, err := chromedp.Run(ctx, a)
	if err != nil {
		t.Fatal(err)
	}
	return v
}

func artifactDir(t *testing.T) string {
	dir := os.Getenv("CINESEARCH_ARTIFACTS")
	if dir == "" {
		dir = filepath.Join("..", "artifacts")
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	return dir
}

// screenshot saves the whole page, from its top, as PNG in the artifacts
// directory and, when CINESEARCH_DOCS names a directory (make
// screenshots), there too: the README's pictures are made by the tests.
func screenshot(t *testing.T, ctx context.Context, name string) {
	t.Helper()
	steps(t, ctx, chromedp.Evaluate[chromedp.Void](`window.scrollTo(0, 0); document.activeElement && document.activeElement.blur()`))
	shot := value(t, ctx, chromedp.FullScreenshot(100)) // quality 100: PNG
	dirs := []string{artifactDir(t)}
	if d := os.Getenv("CINESEARCH_DOCS"); d != "" {
		dirs = append(dirs, d)
	}
	for _, d := range dirs {
		if err := os.WriteFile(filepath.Join(d, name), shot, 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

type css = chromedp.CSS

func TestBrowserSearchAsYouType(t *testing.T) {
	ts, _ := newTestServer(t, Serving(seedLive), Config{})
	ctx := browser(t, true)
	steps(t, ctx,
		chromedp.Navigate(ts.URL+"/"),
		chromedp.WaitVisible(css("#q")),
		// Type without pressing Enter.
		chromedp.SendKeys(css("#q"), "Pulgasary suit"),
		chromedp.WaitVisible(css(".hits mark")),
	)
	marked := value(t, ctx, chromedp.Text(css(".hits mark")))
	url := value(t, ctx, chromedp.Location())
	count := value(t, ctx, chromedp.Text(css(".summary strong")))
	screenshot(t, ctx, "search.png")
	if marked != "Pulgasari" {
		t.Errorf("marked %q, want the typo-corrected Pulgasari", marked)
	}
	if !strings.Contains(url, "q=Pulgasary+suit") {
		t.Errorf("URL not kept in sync: %s", url)
	}
	if count == "" || count == "0" {
		t.Errorf("count %q", count)
	}
	// The correction is said, with a way back to the words as typed.
	if said := value(t, ctx, chromedp.Text(css(".corrected"))); !strings.Contains(said, "Showing results for pulgasari suit") {
		t.Errorf("correction notice %q", said)
	}
}

// TestBrowserTypingReadsTheLastWordAsAPrefix: while the reader types, the
// last word also matches longer words (ranked below it); the address kept
// in history does not carry that, so reloading it searches the word.
func TestBrowserTypingReadsTheLastWordAsAPrefix(t *testing.T) {
	ts, _ := newTestServer(t, Serving(seedLive), Config{})
	ctx := browser(t, true)
	steps(t, ctx,
		chromedp.Navigate(ts.URL+"/"),
		chromedp.WaitVisible(css("#q")),
		chromedp.SendKeys(css("#q"), "Shin"),
		chromedp.WaitVisible(css(".hits mark")),
	)
	typed := value(t, ctx, chromedp.Text(css(".summary strong")))
	url := value(t, ctx, chromedp.Location())
	if strings.Contains(url, "typing") || !strings.Contains(url, "q=Shin") {
		t.Errorf("history URL %s", url)
	}
	steps(t, ctx, chromedp.Navigate(url), chromedp.WaitVisible(css(".hits mark")))
	whole := value(t, ctx, chromedp.Text(css(".summary strong")))
	nt, _ := strconv.Atoi(typed)
	nw, _ := strconv.Atoi(whole)
	if nw == 0 || nt <= nw {
		t.Errorf("while typing Shin: %s passages; the page for the word: %s", typed, whole)
	}
}

func TestBrowserFilmFacetKeepsCounts(t *testing.T) {
	ts, _ := newTestServer(t, Serving(seedLive), Config{})
	ctx := browser(t, true)
	steps(t, ctx,
		chromedp.Navigate(ts.URL+"/?q=Japan"),
		chromedp.WaitVisible(css(`#film-form input[value="Thaw"]`)),
		chromedp.Click(css(`#film-form input[value="Thaw"]`)),
		chromedp.WaitVisible(css(`.chips .chip`)),
	)
	chip := value(t, ctx, chromedp.Text(css(`.chips .chip`)))
	checked := value(t, ctx, chromedp.Evaluate[bool](`document.querySelector('#film-form input[value="Thaw"]').checked`))
	birdCount := value(t, ctx, chromedp.Text(css(`#film-form input[value="Bird"] ~ .count`)))
	url := value(t, ctx, chromedp.Location())
	if !strings.Contains(chip, "Film: Thaw") || !checked {
		t.Errorf("chip %q, checked %v", chip, checked)
	}
	if birdCount == "" || birdCount == "0" {
		t.Errorf("Bird count %q after selecting Thaw; facet counts must stay (disjunctive)", birdCount)
	}
	if !strings.Contains(url, "film=Thaw") {
		t.Errorf("URL %s", url)
	}
}

func TestBrowserHistogramBarFilters(t *testing.T) {
	ts, _ := newTestServer(t, Serving(seedLive), Config{})
	ctx := browser(t, true)
	steps(t, ctx,
		chromedp.Navigate(ts.URL+"/?q=Soviet"),
		chromedp.WaitVisible(css(`svg.histogram a.bar`)),
	)
	label := value(t, ctx, chromedp.AttributeValue(css(`svg.histogram a.bar`), "aria-label")).Value
	steps(t, ctx,
		chromedp.Click(css(`svg.histogram a.bar`)),
		chromedp.WaitVisible(css(`svg.histogram a.bar.on`)),
	)
	chip := value(t, ctx, chromedp.Text(css(`.years-facet .chip`)))
	url := value(t, ctx, chromedp.Location())
	year := strings.TrimSuffix(strings.SplitN(label, ":", 2)[0], "s") // "1985" or "1980s"
	if !strings.Contains(url, "year_from="+year) || !strings.Contains(chip, year) {
		t.Errorf("after clicking %q: URL %s, chip %q", label, url, chip)
	}
	// The active range is removable.
	steps(t, ctx,
		chromedp.Click(css(`.years-facet .chip`)),
		chromedp.WaitNotPresent(css(`.years-facet .chip`)),
	)
	if after := value(t, ctx, chromedp.Location()); strings.Contains(after, "year_from") {
		t.Errorf("year filter still in URL after removing it: %s", after)
	}
}

func TestBrowserKeyboardOpensPassage(t *testing.T) {
	ts, _ := newTestServer(t, Serving(seedLive), Config{})
	ctx := browser(t, true)
	steps(t, ctx,
		chromedp.Navigate(ts.URL+"/?q=Rikidozan"),
		chromedp.WaitVisible(css(".hits .hit-link")),
		chromedp.Evaluate[chromedp.Void](`document.activeElement.blur()`),
		chromedp.KeyEvent("/"),
	)
	focused := value(t, ctx, chromedp.Evaluate[string](`document.activeElement.id`))
	steps(t, ctx,
		chromedp.KeyEvent(kb.ArrowDown),
		chromedp.KeyEvent(kb.Enter),
		chromedp.WaitVisible(css("#passage")),
	)
	url := value(t, ctx, chromedp.Location())
	marked := value(t, ctx, chromedp.Text(css("#passage mark")))
	if focused != "q" {
		t.Errorf("'/' focused %q, want the search box", focused)
	}
	if !strings.Contains(url, "/passages/") || marked != "Rikidozan" {
		t.Errorf("opened %s with mark %q", url, marked)
	}
}

func TestBrowserWithoutJavaScript(t *testing.T) {
	ts, _ := newTestServer(t, Serving(seedLive), Config{})
	ctx := browser(t, false)
	steps(t, ctx,
		chromedp.Navigate(ts.URL+"/"),
		chromedp.WaitVisible(css("#q")),
		chromedp.SendKeys(css("#q"), "Chongryun\n"),
		chromedp.WaitVisible(css(".hits mark")),
	)
	marked := value(t, ctx, chromedp.Text(css(".hits mark")))
	// The film form submits with its Apply button.
	steps(t, ctx,
		chromedp.Click(css(`#film-form input[value="Thaw"]`)),
		chromedp.Click(css(`#film-form button.apply`)),
		chromedp.WaitVisible(css(`.chips .chip`)),
	)
	chip := value(t, ctx, chromedp.Text(css(`.chips .chip`)))
	url := value(t, ctx, chromedp.Location())
	if marked != "Chongryon" {
		t.Errorf("mark %q (variant Chongryun → Chongryon)", marked)
	}
	if !strings.Contains(url, "film=Thaw") || !strings.Contains(chip, "Thaw") {
		t.Errorf("URL %s chip %q", url, chip)
	}
}

func TestBrowserPhoneLayout(t *testing.T) {
	ts, _ := newTestServer(t, Serving(seedLive), Config{})
	ctx := browser(t, true)
	steps(t, ctx,
		chromedp.EmulateViewport(375, 800, chromedp.EmulateMobile),
		chromedp.Navigate(ts.URL+"/?q=Pyongyang+film+festival"),
		chromedp.WaitVisible(css(".hits")),
	)
	scrollWidth := value(t, ctx, chromedp.Evaluate[int](`document.documentElement.scrollWidth`))
	clientWidth := value(t, ctx, chromedp.Evaluate[int](`document.documentElement.clientWidth`))
	screenshot(t, ctx, "search-phone.png")
	if scrollWidth > clientWidth+1 {
		t.Errorf("page scrolls sideways on a 375 px phone: %d > %d", scrollWidth, clientWidth)
	}
}

// waitJS polls a JavaScript condition until it is true or the test times
// out.
func waitJS(t *testing.T, ctx context.Context, cond string) {
	t.Helper()
	for deadline := time.Now().Add(20 * time.Second); ; time.Sleep(50 * time.Millisecond) {
		ok, err := chromedp.Run(ctx, chromedp.Evaluate[bool](cond))
		if err == nil && ok {
			return
		}
		if time.Now().After(deadline) {
			html, _ := chromedp.Run(ctx, chromedp.Evaluate[string](`document.body.innerHTML.slice(0, 1500)`))
			t.Fatalf("timed out waiting for %s (last error %v); the page:\n%s", cond, err, html)
		}
	}
}

// A live update turned away with 503 shows the busy notice in the results
// area; it never inserts a whole error page (a second header and search
// form, duplicate IDs) into the page. When the server has room again, the
// update is retried.
func TestBrowserBusyUpdateStaysInItsPlace(t *testing.T) {
	release := make(chan struct{})
	held := make(chan struct{}, 1)
	ts, _ := newTestServer(t, fakeBackend{Backend: Serving(seedLive), search: func(ctx context.Context, req index.Request) (index.Result, error) {
		if req.Query == "hold" {
			held <- struct{}{}
			<-release
		}
		return seedLive.Search(ctx, req)
	}}, Config{MaxSearches: 1})
	ctx := browser(t, true)
	steps(t, ctx,
		chromedp.Navigate(ts.URL+"/?q=Thaw"),
		chromedp.WaitVisible(css(".hits")),
	)
	// Another client holds the only search slot.
	go func() {
		if resp, err := http.Get(ts.URL + "/api/search?q=hold"); err == nil {
			resp.Body.Close()
		}
	}()
	<-held
	steps(t, ctx,
		chromedp.Evaluate[chromedp.Void](`document.getElementById("q").select()`),
		chromedp.SendKeys(css("#q"), "Pulgasari"))
	waitJS(t, ctx, `document.getElementById("content").textContent.indexOf("busy") >= 0`)
	counts := value(t, ctx, chromedp.Evaluate[[]int](`[document.querySelectorAll("#q").length, document.querySelectorAll("#search-form").length, document.querySelectorAll("header").length]`))
	if counts[0] != 1 || counts[1] != 1 || counts[2] != 1 {
		t.Errorf("after a 503: %d search boxes, %d forms, %d headers; want one each", counts[0], counts[1], counts[2])
	}
	close(release)
	waitJS(t, ctx, `!!document.querySelector(".hits") && document.getElementById("content").textContent.indexOf("busy") < 0`)
	if url := value(t, ctx, chromedp.Location()); !strings.Contains(url, "q=Pulgasari") {
		t.Errorf("after the retry the URL is %s", url)
	}
}
