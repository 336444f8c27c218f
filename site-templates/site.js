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

  var filters = document.querySelector("form.filters");
  if (!filters) return;
  filters.hidden = false;
  var levels = ["beginner", "intermediate", "advanced"];
  function apply() {
    var level = filters.elements.level.value, subject = filters.elements.subject.value, order = filters.elements.sort.value;
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
        var match = (!level || card.dataset.level === level) && (!subject || card.dataset.subject === subject);
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
})();
