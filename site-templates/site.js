/* scrollbuild default theme: the dark-mode toggle (remembered across pages) and the
   catalog's filters. No library, works from file://, and the pages read fine without it. */
(function () {
  var root = document.documentElement;
  var toggle = document.querySelector(".theme-toggle");
  function dark() {
    var chosen = root.getAttribute("data-theme");
    return chosen ? chosen === "dark" : window.matchMedia("(prefers-color-scheme: dark)").matches;
  }
  function show() {
    toggle.setAttribute("aria-pressed", String(dark()));
    toggle.textContent = dark() ? "Light mode" : "Dark mode";
  }
  if (toggle) {
    toggle.hidden = false;
    show();
    toggle.addEventListener("click", function () {
      var next = dark() ? "light" : "dark";
      root.setAttribute("data-theme", next);
      try { localStorage.setItem("scrollbuild-theme", next); } catch (e) {}
      show();
    });
  }

  search();

  var filters = document.querySelector("form.filters");
  if (!filters) return;
  filters.hidden = false;
  var levels = ["beginner", "intermediate", "advanced"];
  function apply() {
    var level = filters.elements.level.value, subject = filters.elements.subject.value, order = filters.elements.sort.value;
    var provider = filters.elements.provider ? filters.elements.provider.value : "";
    var shown = 0;
    document.querySelectorAll("section.subject").forEach(function (section) {
      var list = section.querySelector(".cards");
      var cards = Array.prototype.slice.call(list.children);
      cards.sort(function (a, b) {
        if (order === "level") {
          var d = levels.indexOf(a.dataset.level) - levels.indexOf(b.dataset.level);
          if (d) return d;
        }
        return a.dataset.title.localeCompare(b.dataset.title);
      }).forEach(function (card) { list.appendChild(card); });
      var visible = 0;
      cards.forEach(function (card) {
        var match = (!level || card.dataset.level === level) && (!subject || card.dataset.subject === subject)
          && (!provider || card.dataset.provider === provider);
        card.hidden = !match;
        if (match) visible++;
      });
      section.hidden = visible === 0;
      shown += visible;
    });
    document.querySelector(".course-count").textContent = shown === 1 ? "1 course" : shown + " courses";
  }
  filters.addEventListener("change", apply);
  filters.addEventListener("submit", function (e) { e.preventDefault(); });

  /* Search: search-index.js (written by the build) is loaded on first use; results are
     ranked by title, then headings, then text, every word of the query must match. */
  function search() {
    var form = document.querySelector("form.search");
    if (!form) return;
    var input = form.querySelector("input"), list = form.querySelector(".results");
    var base = root.getAttribute("data-root") || "";
    var loading = false;
    form.hidden = false;
    function load(then) {
      if (window.SCROLLBUILD_SEARCH) return then();
      if (loading) return;
      loading = true;
      var script = document.createElement("script");
      script.src = base + "search-index.js";
      script.onload = then;
      document.head.appendChild(script);
    }
    function score(entry, words) {
      var title = entry.t.toLowerCase(), headings = entry.h.join(" ").toLowerCase(), text = entry.x.toLowerCase();
      var total = 0;
      for (var i = 0; i < words.length; i++) {
        var w = words[i], s = 0;
        if (title.indexOf(w) >= 0) s += 100;
        if (headings.indexOf(w) >= 0) s += 10;
        if (text.indexOf(w) >= 0) s += 1;
        if (!s) return 0;
        total += s;
      }
      return total;
    }
    function show() {
      var words = input.value.toLowerCase().split(/\s+/).filter(Boolean);
      list.textContent = "";
      if (!words.length) { list.hidden = true; return; }
      var found = (window.SCROLLBUILD_SEARCH || []).map(function (e) { return { e: e, s: score(e, words) }; })
        .filter(function (r) { return r.s > 0; })
        .sort(function (a, b) { return b.s - a.s || a.e.t.localeCompare(b.e.t); }).slice(0, 10);
      found.forEach(function (r) {
        var item = document.createElement("li"), link = document.createElement("a"), where = document.createElement("span");
        link.href = base + r.e.u;
        link.textContent = r.e.t;
        where.className = "meta";
        where.textContent = " · " + r.e.c;
        item.appendChild(link);
        item.appendChild(where);
        list.appendChild(item);
      });
      if (!found.length) {
        var none = document.createElement("li");
        none.textContent = "No page matches.";
        list.appendChild(none);
      }
      list.hidden = false;
    }
    input.addEventListener("input", function () { load(show); });
    input.addEventListener("focus", function () { load(function () {}); });
    input.addEventListener("keydown", function (e) { if (e.key === "Escape") { input.value = ""; show(); input.blur(); } });
    form.addEventListener("submit", function (e) {
      e.preventDefault();
      var first = list.querySelector("a");
      if (first) location.href = first.href;
    });
    document.addEventListener("keydown", function (e) {
      var target = e.target.tagName;
      if (e.key === "/" && target !== "INPUT" && target !== "SELECT" && target !== "TEXTAREA") {
        e.preventDefault();
        input.focus();
      }
    });
  }
})();
