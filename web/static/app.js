// cinesearch page script: progressive enhancement only — every link and
// form works without it.
//  - results update as you type (debounced; stale responses are discarded;
//    the URL follows with history.replaceState so every state is shareable)
//  - film checkboxes, histogram bars, chips, pagination, sorts and
//    suggestions update the results in place, each as a history entry
//    (Back returns to the previous results), and bring the top of the
//    results into view
//  - "/" focuses the search box; ArrowDown/ArrowUp move through results;
//    Enter opens the focused one (it is a link)
(function () {
  "use strict";
  document.documentElement.classList.add("js");
  var input = document.getElementById("q");
  var form = document.getElementById("search-form");
  var content = document.getElementById("content");
  if (!input || !form) return;

  var seq = 0;          // number of the latest request sent
  var controller = null;
  var timer = null;
  var retry = null;     // a busy (503) update waiting to be sent again

  // The parameters of the current search, from the header form and the
  // filter form (films), with overrides.
  function currentParams() {
    var p = new URLSearchParams(new FormData(form));
    var films = document.getElementById("film-form");
    if (films) {
      p.delete("film");
      films.querySelectorAll("input[name=film]:checked").forEach(function (c) { p.append("film", c.value); });
    }
    p.set("q", input.value);
    return p;
  }

  function clean(p) {
    var out = new URLSearchParams();
    p.forEach(function (v, k) { if (v !== "" && k !== "fragment") out.append(k, v); });
    return out;
  }

  function load(params, opts) {
    if (!content) {
      // Not on the search page: a normal navigation.
      window.location.href = "/?" + clean(params).toString();
      return;
    }
    var p = clean(params);
    var url = "/" + (p.toString() ? "?" + p.toString() : "");
    p.set("fragment", "1");
    // While the reader types, the last word is also matched as the start
    // of longer words; the address kept in history does not say so.
    if (opts && opts.typing) p.set("typing", "1");
    var mine = ++seq;
    if (controller) controller.abort();
    controller = window.AbortController ? new AbortController() : null;
    var results = document.getElementById("results");
    if (results) results.setAttribute("aria-busy", "true");
    fetch("/?" + p.toString(), { signal: controller ? controller.signal : undefined, headers: { "Accept": "text/html" } })
      .then(function (r) { return r.text().then(function (t) { return { ok: r.ok, status: r.status, text: t, retryAfter: r.headers.get("Retry-After") }; }); })
      .then(function (r) {
        if (mine !== seq) return; // a newer request was sent: drop this answer
        if (r.status >= 500 && r.status !== 503) return;
        content.innerHTML = r.text;
        if (r.status === 503) {
          // Busy: the answer is a notice in the results area. Try again
          // once the server asks us to, unless the reader has moved on.
          clearTimeout(retry);
          retry = setTimeout(function () { if (mine === seq) load(params, { typing: opts && opts.typing }); }, 1000 * (parseInt(r.retryAfter, 10) || 1));
        }
        syncHidden(params);
        if (opts && opts.push) history.pushState(null, "", url);
        else if (!(opts && opts.fromHistory)) history.replaceState(null, "", url);
        if (opts && opts.reveal) {
          // A page, a filter or a sort chosen low on the page (Next → at
          // the bottom, a facet under the results on a phone): show the
          // new results from their top.
          var top = document.getElementById("results");
          if (top && top.getBoundingClientRect().top < 0) top.scrollIntoView();
        }
        document.title = (input.value ? input.value + " · " : "") + "cinesearch";
      })
      .catch(function (e) { if (e.name !== "AbortError") console.warn("search failed", e); });
  }

  // Keep the header form's hidden filter inputs in step with the page, so
  // pressing Enter in the box keeps the filters.
  function syncHidden(params) {
    form.querySelectorAll("input[type=hidden]").forEach(function (h) { h.remove(); });
    ["film", "year_from", "year_to", "sort"].forEach(function (k) {
      params.getAll(k).forEach(function (v) {
        if (!v) return;
        var h = document.createElement("input");
        h.type = "hidden"; h.name = k; h.value = v;
        form.appendChild(h);
      });
    });
  }

  input.addEventListener("input", function () {
    // Results update in place only on the search page; elsewhere (films,
    // a passage) the box is an ordinary form, sent with Enter.
    if (!content) return;
    clearTimeout(timer);
    timer = setTimeout(function () {
      var p = currentParams();
      p.delete("page");
      load(p, { typing: true });
    }, 180);
  });

  form.addEventListener("submit", function (e) {
    if (!content) return;
    e.preventDefault();
    clearTimeout(timer);
    var p = currentParams();
    p.delete("page");
    load(p, { push: true });
  });

  // Film checkboxes.
  document.addEventListener("change", function (e) {
    var t = e.target;
    if (t && t.name === "film" && t.closest("#film-form")) {
      var p = currentParams();
      p.delete("page");
      load(p, { push: true, reveal: true });
    }
  });

  // Links that change the search (bars, chips, pages, sorts, suggestions).
  document.addEventListener("click", function (e) {
    if (e.defaultPrevented || e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey || e.altKey) return;
    var a = e.target.closest ? e.target.closest("a[data-nav]") : null;
    if (!a || !content) return;
    var href = a.getAttribute("href") || a.getAttribute("xlink:href");
    if (!href || href.charAt(0) !== "/") return;
    e.preventDefault();
    var u = new URL(href, window.location.origin);
    if (u.searchParams.has("q")) input.value = u.searchParams.get("q"); else input.value = "";
    load(u.searchParams, { push: true, reveal: true });
  });

  // Back and Forward: show the results of the address returned to.
  window.addEventListener("popstate", function () {
    if (!content || window.location.pathname !== "/") return;
    var p = new URLSearchParams(window.location.search);
    input.value = p.get("q") || "";
    load(p, { fromHistory: true });
  });

  // Keyboard: "/" to search, arrows through results.
  document.addEventListener("keydown", function (e) {
    var tag = (document.activeElement && document.activeElement.tagName) || "";
    var typing = tag === "INPUT" || tag === "TEXTAREA" || tag === "SELECT";
    if (e.key === "/" && !typing && !e.ctrlKey && !e.metaKey && !e.altKey) {
      e.preventDefault();
      input.focus();
      input.select();
      return;
    }
    if (e.key !== "ArrowDown" && e.key !== "ArrowUp") return;
    if (typing && document.activeElement !== input) return;
    var links = Array.prototype.slice.call(document.querySelectorAll(".hits .hit-link"));
    if (!links.length) return;
    var i = links.indexOf(document.activeElement);
    if (e.key === "ArrowDown") i = i < 0 ? 0 : Math.min(i + 1, links.length - 1);
    else if (i <= 0) { input.focus(); e.preventDefault(); return; } else i = i - 1;
    e.preventDefault();
    links[i].focus();
    links[i].scrollIntoView({ block: "nearest" });
  });
})();
