// Policy Atlas: sort and filter the comparison matrix (one row per policy).
// Self-hosted, no library, no network. Without JavaScript the table is complete as it is.
(function () {
  "use strict";

  function cellText(row, index) {
    var cell = row.cells[index];
    return cell ? cell.textContent.trim() : "";
  }

  function compare(a, b) {
    var na = parseFloat(a), nb = parseFloat(b);
    if (!isNaN(na) && !isNaN(nb)) { return na - nb; }
    return a.localeCompare(b, document.documentElement.lang || undefined, { numeric: true });
  }

  function option(select, value, label) {
    var opt = document.createElement("option");
    opt.value = value;
    opt.textContent = label;
    select.appendChild(opt);
  }

  function setup(root) {
    var tools = root.querySelector(".pa-matrix-tools");
    var table = root.querySelector(".pa-matrix.pa-long table");
    if (!tools || !table || tools.getAttribute("data-pa-ready")) { return; }
    tools.setAttribute("data-pa-ready", "1");
    var body = table.tBodies[0];
    var rows = Array.prototype.slice.call(body.rows);
    var heads = Array.prototype.slice.call(table.tHead.rows[0].cells);
    var topicColumns = [];
    heads.forEach(function (th, index) {
      if (th.querySelector("span[id^='row-']")) { topicColumns.push(index); }
    });

    var language = document.createElement("select");
    language.setAttribute("aria-label", tools.getAttribute("data-pa-language-label"));
    option(language, "", tools.getAttribute("data-pa-language-label") + ": " + tools.getAttribute("data-pa-all-label"));
    var languages = {};
    rows.forEach(function (row) { languages[cellText(row, 1)] = true; });
    Object.keys(languages).sort(compare).forEach(function (name) { option(language, name, name); });

    var topic = document.createElement("select");
    topic.setAttribute("aria-label", tools.getAttribute("data-pa-topic-label"));
    option(topic, "", tools.getAttribute("data-pa-topic-label") + ": " + tools.getAttribute("data-pa-all-label"));
    topicColumns.forEach(function (index) { option(topic, String(index), heads[index].textContent.trim()); });

    var search = document.createElement("input");
    search.type = "search";
    search.placeholder = tools.getAttribute("data-pa-filter-label");
    search.setAttribute("aria-label", tools.getAttribute("data-pa-filter-label"));

    var count = document.createElement("span");
    count.className = "pa-count";

    function apply() {
      var lang = language.value, column = topic.value, text = search.value.toLowerCase();
      var shown = 0;
      rows.forEach(function (row) {
        var ok = (!lang || cellText(row, 1) === lang) &&
          (!column || cellText(row, parseInt(column, 10)) === "✓") &&
          (!text || row.textContent.toLowerCase().indexOf(text) !== -1);
        row.hidden = !ok;
        if (ok) { shown += 1; }
      });
      count.textContent = tools.getAttribute("data-pa-count-label") + " " + shown;
    }
    [language, topic].forEach(function (el) { el.addEventListener("change", apply); });
    search.addEventListener("input", apply);

    heads.forEach(function (th, index) {
      th.classList.add("pa-sortable");
      th.setAttribute("tabindex", "0");
      th.setAttribute("aria-sort", "none");
      function sort() {
        var ascending = th.getAttribute("aria-sort") !== "ascending";
        heads.forEach(function (other) { other.setAttribute("aria-sort", "none"); });
        th.setAttribute("aria-sort", ascending ? "ascending" : "descending");
        rows.sort(function (a, b) {
          var result = compare(cellText(a, index), cellText(b, index));
          return ascending ? result : -result;
        });
        var fragment = document.createDocumentFragment();
        rows.forEach(function (row) { fragment.appendChild(row); });
        body.appendChild(fragment);
      }
      th.addEventListener("click", sort);
      th.addEventListener("keydown", function (event) { if (event.key === "Enter") { sort(); } });
    });

    tools.appendChild(language);
    tools.appendChild(topic);
    tools.appendChild(search);
    tools.appendChild(count);
    apply();
  }

  if (window.document$ && typeof window.document$.subscribe === "function") {
    window.document$.subscribe(function () { setup(document); });
  } else if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", function () { setup(document); });
  } else {
    setup(document);
  }
})();
