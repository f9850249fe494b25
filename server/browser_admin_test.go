package server

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
	"github.com/rs/zerolog"

	"cinesearch/corpus"
	"cinesearch/index"
)

// adminSite is a server with the admin page over a real texts directory,
// a real index and real rebuild jobs.
func adminSite(t *testing.T) (url, texts string) {
	t.Helper()
	texts, root := t.TempDir(), t.TempDir()
	first := "Studio Days\n\nThe Korean Film Studio made Thaw (1985) in Japan with a team of actors from Pyongyang.\n"
	if err := os.WriteFile(filepath.Join(texts, "studio.txt"), []byte(first), 0o644); err != nil {
		t.Fatal(err)
	}
	fsys, err := corpus.Dir(texts)
	if err != nil {
		t.Fatal(err)
	}
	rb := &index.Rebuilder{Root: root, Texts: fsys, Source: texts}
	if _, err := rb.Rebuild(context.Background(), false, nil); err != nil {
		t.Fatal(err)
	}
	live, err := index.OpenLive(root)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { live.Close() })
	rb.Live = live
	td, err := corpus.OpenTextDir(texts)
	if err != nil {
		t.Fatal(err)
	}
	jobs := NewJobs(rb, zerolog.Nop())
	t.Cleanup(jobs.Close)
	ts, _ := newTestServer(t, Serving(live), Config{Admin: &Admin{Token: testToken, Texts: realTexts{td}, Jobs: jobs}})
	return ts.URL, texts
}

// The archivist's whole round in real Chromium: sign in, upload an article
// and a bad file, preview the article's passages and films, rebuild while
// watching the progress, and find the new film in the search page's facet.
func TestBrowserAdminUploadPreviewRebuild(t *testing.T) {
	url, texts := adminSite(t)
	files := t.TempDir()
	article := "---\ntitle: Mountain Echo notes\nauthor: Ann Archivist\n---\n\n" +
		"## Mountain Echo (2014)\n\nThe Korean-Swiss co-production *Mountain Echo* (2014) was filmed near Mount Paektu by a crew from Geneva in the autumn of 2013.\n\n" +
		"## Reception\n\nCritics compared it with *Thaw* (1985), the first co-production with Japan, and praised its long takes of the lakes.\n"
	good := filepath.Join(files, "mountain-echo.md")
	bad := filepath.Join(files, "latin.txt")
	os.WriteFile(good, []byte(article), 0o644)
	os.WriteFile(bad, []byte("line one\nline two\ncaf\xe9\n"), 0o644)
	ctx := browser(t, true)

	// A wrong token is refused on the page; the right one opens it.
	steps(t, ctx,
		chromedp.Navigate(url+"/admin"),
		chromedp.WaitVisible(css("#token")),
		chromedp.SendKeys(css("#token"), "wrong-token-0123456789\r"),
	)
	waitJS(t, ctx, `document.getElementById("signin-error").textContent.indexOf("wrong") >= 0`)
	steps(t, ctx,
		chromedp.Evaluate[chromedp.Void](`document.getElementById("token").value = ""`),
		chromedp.SendKeys(css("#token"), testToken+"\r"),
		chromedp.WaitVisible(css(`#texts tr[data-name="studio.txt"]`)),
	)
	if got := value(t, ctx, chromedp.Evaluate[string](`document.cookie + location.href`)); strings.Contains(got, testToken) {
		t.Errorf("the token is in a cookie or the URL: %s", got)
	}

	// Upload both files: the article is added with its films, the bad
	// file is refused beside its name, naming the line.
	steps(t, ctx, chromedp.SetUploadFiles(css("#files"), []string{good, bad}))
	waitJS(t, ctx, `document.querySelectorAll("#uploads li.ok, #uploads li.bad").length == 2`)
	okText := value(t, ctx, chromedp.Text(css("#uploads li.ok")))
	badText := value(t, ctx, chromedp.Text(css("#uploads li.bad")))
	if !strings.Contains(okText, "mountain-echo.md") || !strings.Contains(okText, "Mountain Echo") {
		t.Errorf("upload result: %q", okText)
	}
	if !strings.Contains(badText, "latin.txt") || !strings.Contains(badText, ":3") {
		t.Errorf("refusal: %q", badText)
	}
	if _, err := os.Stat(filepath.Join(texts, "latin.txt")); err == nil {
		t.Error("the refused file was written")
	}
	waitJS(t, ctx, `!!document.querySelector('#texts tr[data-name="mountain-echo.md"]') && !document.getElementById("stale").hidden`)

	// A file dropped on the page is uploaded too; a text can be deleted.
	steps(t, ctx, chromedp.Evaluate[chromedp.Void](`(function(){
		var dt = new DataTransfer();
		dt.items.add(new File(["Dropped Notes\n\nA short note about Thaw (1985) and its premiere in Tokyo in the spring of 1986.\n"], "dropped.txt", {type: "text/plain"}));
		document.getElementById("drop").dispatchEvent(new DragEvent("drop", {dataTransfer: dt, bubbles: true, cancelable: true}));
	})()`))
	waitJS(t, ctx, `!!document.querySelector('#texts tr[data-name="dropped.txt"]')`)
	steps(t, ctx,
		chromedp.Evaluate[chromedp.Void](`window.confirm = function () { return true; }`),
		chromedp.Click(css(`#texts tr[data-name="dropped.txt"] button.danger`)),
	)
	waitJS(t, ctx, `!document.querySelector('#texts tr[data-name="dropped.txt"]')`)
	if _, err := os.Stat(filepath.Join(texts, "dropped.txt")); err == nil {
		t.Error("the deleted text is still in the texts directory")
	}

	// Preview: passages with their sections, films and years.
	steps(t, ctx,
		chromedp.Click(css(`#texts tr[data-name="mountain-echo.md"] .actions button`)),
		chromedp.WaitVisible(css("#preview .preview-passage")),
	)
	pv := value(t, ctx, chromedp.Text(css("#preview")))
	for _, want := range []string{"Mountain Echo notes", "Mountain Echo (2014)", "Reception", "Thaw", "2013"} {
		if !strings.Contains(pv, want) {
			t.Errorf("preview lacks %q:\n%s", want, pv)
		}
	}

	// Rebuild and watch it through to the result.
	steps(t, ctx, chromedp.Click(css("#rebuild")))
	waitJS(t, ctx, `document.getElementById("job-result").textContent.indexOf("Now serving") >= 0`)
	result := value(t, ctx, chromedp.Text(css("#job-result")))
	bar := value(t, ctx, chromedp.Evaluate[float64](`document.getElementById("job-bar").value`))
	if !strings.Contains(result, "+1 article") || !strings.Contains(result, "+1 film") || bar != 1 {
		t.Errorf("rebuild result %q, bar %v", result, bar)
	}
	screenshot(t, ctx, "admin.png")

	// The new film is searchable and in the film facet.
	steps(t, ctx,
		chromedp.Click(css(`#job-result a`)),
		chromedp.WaitVisible(css("#q")),
		chromedp.SendKeys(css("#q"), "Paektu\r"),
		chromedp.WaitVisible(css(`#film-form input[value="Mountain Echo"]`)),
	)
}

// The admin page is off without a token, like the API.
func TestAdminPageOff(t *testing.T) {
	ts, _ := newTestServer(t, Serving(seedLive), Config{})
	if r := get(t, ts, "/admin"); r.status != 404 || !strings.Contains(r.body, "--admin-token") {
		t.Errorf("/admin without a token: %d", r.status)
	}
}

// TestBrowserSignInNeverPutsTheTokenInAURL: were the page's script to fail
// after showing the sign-in form, submitting it natively must not put the
// token in the address (a GET form with a named field would, and the
// address goes to history, logs and Referer headers).
func TestBrowserSignInNeverPutsTheTokenInAURL(t *testing.T) {
	url, _ := adminSite(t)
	ctx := browser(t, true)
	steps(t, ctx,
		chromedp.Navigate(url+"/admin"),
		chromedp.WaitVisible(css("#token")),
		// A clone has no listeners: the script's submit handler is gone.
		chromedp.Evaluate[chromedp.Void](`(function(){ var f = document.getElementById("signin"); var c = f.cloneNode(true); f.replaceWith(c); })()`),
		chromedp.SendKeys(css("#token"), testToken),
		chromedp.Click(css(`#signin button[type="submit"]`)),
		chromedp.Sleep(500*time.Millisecond),
	)
	if got := value(t, ctx, chromedp.Evaluate[string](`location.href`)); strings.Contains(got, testToken) || strings.Contains(got, "token=") {
		t.Errorf("after a native submit the address is %s", got)
	}
}
