// cinesearch admin page: the archivist's texts and rebuilds, over the
// admin API. The token is kept in sessionStorage (this tab only), sent as
// the bearer header and never put in a URL or a cookie. Everything from the
// server is inserted as text, never as HTML.
(function () {
  "use strict";
  var KEY = "cinesearch-admin-token";
  var $ = function (id) { return document.getElementById(id); };
  var signin = $("signin"), panel = $("panel");
  if (!signin || !panel) return;

  function token() { return sessionStorage.getItem(KEY) || ""; }

  // api calls the admin API and resolves to the decoded JSON body; a
  // refusal rejects with the server's message (and its file and line).
  function api(method, path, body) {
    var opts = { method: method, headers: { "Authorization": "Bearer " + token() } };
    if (body !== undefined) opts.body = body;
    return fetch(path, opts).then(function (r) {
      var type = r.headers.get("Content-Type") || "";
      var read = type.indexOf("application/json") === 0 ? r.json() : r.text();
      return read.then(function (data) {
        if (r.ok) return data;
        var msg = (data && data.error && data.error.message) || ("HTTP " + r.status);
        if (r.status === 401 || r.status === 403) signOut(msg);
        var err = new Error(msg);
        err.status = r.status;
        throw err;
      });
    });
  }

  function el(tag, attrs, children) {
    var e = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (k) {
      if (k === "text") e.textContent = attrs[k];
      else if (k === "className") e.className = attrs[k];
      else e.setAttribute(k, attrs[k]);
    });
    (children || []).forEach(function (c) { if (c) e.appendChild(typeof c === "string" ? document.createTextNode(c) : c); });
    return e;
  }

  function plural(n, one, many) { return n + " " + (n === 1 ? one : many); }

  function signOut(msg) {
    sessionStorage.removeItem(KEY);
    panel.hidden = true;
    signin.hidden = false;
    $("signin-error").textContent = msg || "";
    $("token").value = "";
    $("token").focus();
  }

  signin.addEventListener("submit", function (e) {
    e.preventDefault();
    sessionStorage.setItem(KEY, $("token").value.trim());
    $("signin-error").textContent = "";
    refresh().then(function () {
      signin.hidden = true;
      panel.hidden = false;
    }, function (err) { if (err.status !== 401 && err.status !== 403) signOut(err.message); });
  });
  $("signout").addEventListener("click", function () { signOut("Signed out."); });

  // The texts table.
  function refresh() {
    return api("GET", "/api/texts").then(function (data) {
      var tbody = $("texts");
      tbody.textContent = "";
      $("texts-count").textContent = "(" + data.count + ")";
      $("stale").hidden = !data.stale;
      data.texts.forEach(function (t) { tbody.appendChild(textRow(t)); });
      return data;
    });
  }

  function textRow(t) {
    var name = el("td", { className: "name" }, [el("code", { text: t.name })]);
    if (t.title) name.appendChild(el("span", { className: "title", text: t.title }));
    var films = t.films || [];
    var filmCell = el("td", { className: "films-found" });
    if (films.length) {
      filmCell.appendChild(el("span", { className: "count", text: plural(films.length, "film", "films") + ": " }));
      filmCell.appendChild(document.createTextNode(films.slice(0, 4).join(", ") + (films.length > 4 ? ", +" + (films.length - 4) + " more" : "")));
    } else {
      filmCell.appendChild(el("span", { className: "muted", text: "none" }));
    }
    var state = el("td", { className: "state" });
    if (t.problem) {
      state.appendChild(el("span", { className: "bad", text: "Not indexed: " + t.problem }));
    } else if (t.indexed) {
      state.appendChild(el("span", { className: "ok", text: "Indexed" }));
    } else {
      state.appendChild(el("span", { className: "pending", text: "Not yet indexed" }));
    }
    (t.warnings || []).forEach(function (w) { state.appendChild(el("span", { className: "warn", text: w })); });
    var actions = el("td", { className: "actions" });
    if (!t.problem && !/^films\.ya?ml$/.test(t.name)) {
      var pv = el("button", { type: "button", text: "Preview" });
      pv.addEventListener("click", function () { preview(t.name); });
      actions.appendChild(pv);
    }
    var view = el("button", { type: "button", text: "Text" });
    view.addEventListener("click", function () { openText(t.name); });
    actions.appendChild(view);
    var del = el("button", { type: "button", className: "danger", text: "Delete" });
    del.setAttribute("aria-label", "Delete " + t.name);
    del.addEventListener("click", function () {
      if (!window.confirm("Delete " + t.name + "? It leaves the index at the next rebuild.")) return;
      api("DELETE", "/api/texts/" + encodeURIComponent(t.name)).then(refresh, function (err) { window.alert(err.message); });
    });
    actions.appendChild(del);
    var modified = new Date(t.modified);
    return el("tr", { "data-name": t.name }, [name, filmCell,
      el("td", { className: "num", text: size(t.size) }),
      el("td", { text: isNaN(modified) ? "" : modified.toLocaleString() }), state, actions]);
  }

  function size(n) {
    if (n < 1024) return n + " B";
    if (n < 1024 * 1024) return (n / 1024).toFixed(1) + " KB";
    return (n / 1024 / 1024).toFixed(1) + " MB";
  }

  // The text itself, in a new tab, as plain text (the bearer header
  // cannot go with a link, so it is fetched and shown from memory).
  function openText(name) {
    api("GET", "/api/texts/" + encodeURIComponent(name)).then(function (text) {
      var url = URL.createObjectURL(new Blob([text], { type: "text/plain;charset=utf-8" }));
      window.open(url, "_blank", "noopener");
      setTimeout(function () { URL.revokeObjectURL(url); }, 60000);
    }, function (err) { window.alert(err.message); });
  }

  // How a text will be split.
  function preview(name) {
    var box = $("preview"), body = $("preview-body");
    box.hidden = false;
    body.textContent = "Reading " + name + "…";
    api("GET", "/api/texts/" + encodeURIComponent(name) + "/preview").then(function (pv) {
      body.textContent = "";
      $("preview-h").textContent = "Preview: " + (pv.title || name);
      body.appendChild(el("p", { className: "muted", text: name + " · " + plural(pv.passages.length, "passage", "passages") + " · " + plural(pv.films.length, "film", "films") + " · " + (pv.years.length ? "years " + pv.years.join(", ") : "no years") }));
      if (pv.films.length) {
        var fl = el("ul", { className: "preview-films" });
        pv.films.forEach(function (f) {
          fl.appendChild(el("li", {}, [el("span", { className: "badge film", text: f.title + (f.year ? " (" + f.year + ")" : "") }), " " + plural(f.passages, "passage", "passages")]));
        });
        body.appendChild(fl);
      }
      pv.warnings.forEach(function (w) { body.appendChild(el("p", { className: "notice", text: w })); });
      var ol = el("ol", { className: "preview-passages" });
      pv.passages.forEach(function (p) {
        var li = el("li", { className: "preview-passage" });
        if (p.section) li.appendChild(el("p", { className: "hit-section", text: p.section }));
        li.appendChild(el("p", { className: "frag", text: p.text }));
        var badges = el("p", { className: "badges" });
        if (p.kind !== "text") badges.appendChild(el("span", { className: "badge kind", text: p.kind === "note" ? "note" : "image caption" }));
        p.films.forEach(function (f) { badges.appendChild(el("span", { className: "badge film", text: f })); });
        p.years.forEach(function (y) { badges.appendChild(el("span", { className: "badge year", text: String(y) })); });
        if (badges.childNodes.length) li.appendChild(badges);
        ol.appendChild(li);
      });
      body.appendChild(ol);
      box.focus();
    }, function (err) { body.textContent = err.message; });
  }

  // Uploads: each file is written on its own; a refusal stays beside it.
  function upload(files) {
    var list = $("uploads");
    var jobs = Array.prototype.map.call(files, function (f) {
      var li = el("li", { className: "pending" }, [el("code", { text: f.name }), el("span", { className: "status", text: " uploading…" })]);
      list.appendChild(li);
      return api("PUT", "/api/texts/" + encodeURIComponent(f.name), f).then(function (res) {
        var films = (res.text && res.text.films) || [];
        li.className = "ok";
        li.lastChild.textContent = " " + (res.created ? "added" : "replaced") + (res.text && res.text.title ? ": “" + res.text.title + "”" : "") +
          (films.length ? ", " + plural(films.length, "film", "films") + " found (" + films.join(", ") + ")" : ", no films found");
        if (res.queued_job) watch(res.queued_job);
      }, function (err) {
        li.className = "bad";
        li.lastChild.textContent = " refused: " + err.message;
      });
    });
    Promise.all(jobs).then(refresh);
  }

  $("files").addEventListener("change", function (e) { upload(e.target.files); e.target.value = ""; });
  var drop = $("drop");
  ["dragenter", "dragover"].forEach(function (ev) {
    drop.addEventListener(ev, function (e) { e.preventDefault(); drop.classList.add("over"); });
  });
  ["dragleave", "drop"].forEach(function (ev) {
    drop.addEventListener(ev, function () { drop.classList.remove("over"); });
  });
  drop.addEventListener("drop", function (e) {
    e.preventDefault();
    if (e.dataTransfer && e.dataTransfer.files.length) upload(e.dataTransfer.files);
  });

  // Rebuilds: start one, then follow it until the new generation serves.
  var STAGES = { reading: "Reading texts", indexing: "Indexing passages", verifying: "Checking the new index", swapping: "Switching searches to the new index", done: "Done" };
  $("rebuild").addEventListener("click", function () {
    var btn = $("rebuild");
    btn.disabled = true;
    api("POST", "/api/reindex" + ($("force").checked ? "?force=1" : "")).then(function (res) { watch(res.job); },
      function (err) { btn.disabled = false; showJob(); $("job-result").textContent = "Could not start: " + err.message; });
  });

  function showJob() {
    $("job").hidden = false;
    $("job-result").textContent = "";
  }

  var watching = null;
  function watch(id) {
    watching = id;
    showJob();
    $("rebuild").disabled = true;
    var poll = function () {
      if (watching !== id) return;
      api("GET", "/api/reindex/" + encodeURIComponent(id)).then(function (job) {
        var p = job.progress || {};
        var stage = job.state === "queued" ? "Waiting for the running rebuild" : (STAGES[p.stage] || "Starting");
        $("job-stage").textContent = stage;
        var counts = [];
        if (p.files_total) counts.push("files " + p.files + "/" + p.files_total);
        if (p.passages_total) counts.push("passages " + p.passages + "/" + p.passages_total);
        $("job-counts").textContent = counts.join(" · ");
        $("job-bar").value = fraction(job);
        if (job.state === "done" || job.state === "failed") {
          finished(job);
          return;
        }
        setTimeout(poll, 250);
      }, function (err) {
        $("job-result").textContent = err.message;
        $("rebuild").disabled = false;
      });
    };
    poll();
  }

  function fraction(job) {
    var p = job.progress || {};
    switch (job.state === "done" ? "done" : p.stage) {
      case "reading": return 0.2 * (p.files_total ? p.files / p.files_total : 0);
      case "indexing": return 0.2 + 0.7 * (p.passages_total ? p.passages / p.passages_total : 0);
      case "verifying": return 0.93;
      case "swapping": return 0.97;
      case "done": return 1;
    }
    return 0;
  }

  function signed(n, one, many) { return (n >= 0 ? "+" : "−") + plural(Math.abs(n), one, many); }

  function finished(job) {
    watching = null;
    $("rebuild").disabled = false;
    var out = $("job-result");
    out.textContent = "";
    if (job.state === "failed") {
      out.className = "bad";
      out.textContent = "The rebuild failed: " + job.error + ". Searches are still answered from the index served before.";
      return;
    }
    out.className = "ok";
    if (job.up_to_date) {
      out.textContent = "Nothing had changed: still serving " + job.generation + ". ";
    } else {
      var c = job.change || { articles: 0, passages: 0, films: 0 };
      out.textContent = signed(c.articles, "article", "articles") + ", " + signed(c.passages, "passage", "passages") + ", " + signed(c.films, "film", "films") +
        ". Now serving " + job.generation + ". ";
    }
    out.appendChild(el("a", { href: "/", text: "Search it" }));
    $("served").textContent = "Serving index " + job.generation + ": " + plural(job.articles, "article", "articles") + ", " + plural(job.passages, "passage", "passages") + ", " + plural(job.films, "film", "films") + ".";
    (job.warnings || []).forEach(function (w) { out.appendChild(el("span", { className: "warn", text: w })); });
    refresh();
  }

  if (token()) {
    refresh().then(function () { panel.hidden = false; }, function (err) { if (err.status !== 401 && err.status !== 403) signOut(err.message); });
  } else {
    signin.hidden = false;
  }
})();
