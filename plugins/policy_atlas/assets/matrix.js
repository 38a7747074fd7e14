// Policy Atlas: sort and filter the comparison matrix (one row per policy).
// Self-hosted, no library, no network. Without JavaScript the table is complete as it is.
//
// Built to stay quick at 1,000 policies: every row is its own CSS grid with
// `content-visibility: auto` (policy-atlas.css), so the browser lays out only the rows in
// view; this script reads no layout, computes each column's sort keys once, reorders the
// rows with one DocumentFragment and filters in one pass that touches only rows whose
// visibility changes.
(function () {
  "use strict";

  var MISSING = "–";

  function text(cell) {
    return cell ? cell.textContent.trim() : "";
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
    var collator = new Intl.Collator(document.documentElement.lang || undefined, { numeric: true, sensitivity: "base" });
    var body = table.tBodies[0];
    var heads = Array.prototype.slice.call(table.tHead.rows[0].cells);
    // one entry per row, in the page's order; `index` keeps sorts stable
    var rows = Array.prototype.map.call(body.rows, function (row, index) {
      return { row: row, index: index, lang: text(row.cells[1]), search: null, shown: !row.hidden };
    });
    var topicColumns = [];
    var topicOfId = {};  // "row-retention" -> its column
    heads.forEach(function (th, index) {
      var marker = th.querySelector("span[id^='row-']");
      if (marker) { topicColumns.push(index); topicOfId[marker.id] = index; }
    });
    var keys = {};  // column -> sort key of every row, computed on the first sort by it

    // The key a cell sorts by: a number where the cell says so (data-pa-sort, <time>),
    // for a topic 0 (covered, a link) / 1 (not covered) / 2 (not tagged); null when empty.
    function sortKey(cell, topical) {
      if (!cell) { return null; }
      var value = text(cell);
      if (topical) { return cell.querySelector("a") ? 0 : value === MISSING ? 1 : 2; }
      if (value === MISSING || value === "") { return null; }
      var marked = cell.querySelector("[data-pa-sort]");
      if (marked) { return parseFloat(marked.getAttribute("data-pa-sort")); }
      var time = cell.querySelector("time[datetime]");
      if (time) { return time.getAttribute("datetime"); }
      return value;
    }

    function columnKeys(index) {
      if (!keys[index]) {
        var topical = topicColumns.indexOf(index) !== -1;
        keys[index] = rows.map(function (entry) { return sortKey(entry.row.cells[index], topical); });
      }
      return keys[index];
    }

    // what the text filter looks in: the row's text and the titles of its "+N" links, which
    // name the periods, countries, third parties or addresses a cell leaves out
    function searchText(row) {
      var titles = Array.prototype.map.call(row.querySelectorAll("a[title]"), function (a) { return a.title; });
      return (row.textContent + " " + titles.join(" ")).toLowerCase();
    }

    function compare(a, b) {
      if (typeof a === "number" && typeof b === "number") { return a - b; }
      return collator.compare(String(a), String(b));
    }

    var language = document.createElement("select");
    language.setAttribute("aria-label", tools.getAttribute("data-pa-language-label"));
    option(language, "", tools.getAttribute("data-pa-language-label") + ": " + tools.getAttribute("data-pa-all-label"));
    var languages = {};
    rows.forEach(function (entry) { languages[entry.lang] = true; });
    Object.keys(languages).sort(collator.compare).forEach(function (name) { option(language, name, name); });

    var topic = document.createElement("select");
    topic.setAttribute("aria-label", tools.getAttribute("data-pa-topic-label"));
    option(topic, "", tools.getAttribute("data-pa-topic-label") + ": " + tools.getAttribute("data-pa-all-label"));
    topicColumns.forEach(function (index) { option(topic, String(index), text(heads[index])); });

    var search = document.createElement("input");
    search.type = "search";
    search.placeholder = tools.getAttribute("data-pa-filter-label");
    search.setAttribute("aria-label", tools.getAttribute("data-pa-filter-label"));

    var count = document.createElement("span");
    count.className = "pa-count";
    count.setAttribute("aria-live", "polite");

    function apply() {
      var lang = language.value, needle = search.value.trim().toLowerCase();
      var covered = topic.value ? columnKeys(parseInt(topic.value, 10)) : null;
      var shown = 0;
      rows.forEach(function (entry) {
        var ok = (!lang || entry.lang === lang) && (!covered || covered[entry.index] === 0);
        if (ok && needle) {
          if (entry.search === null) { entry.search = searchText(entry.row); }
          ok = entry.search.indexOf(needle) !== -1;
        }
        if (ok !== entry.shown) {
          entry.shown = ok;
          entry.row.hidden = !ok;
        }
        if (ok) { shown += 1; }
      });
      count.textContent = tools.getAttribute("data-pa-count-label") + " " + shown;
    }
    [language, topic].forEach(function (el) { el.addEventListener("change", apply); });
    search.addEventListener("input", apply);

    function sortBy(index) {
      var th = heads[index];
      var ascending = th.getAttribute("aria-sort") !== "ascending";
      var column = columnKeys(index);
      var direction = ascending ? 1 : -1;
      heads.forEach(function (other) { if (other !== th) { other.setAttribute("aria-sort", "none"); } });
      th.setAttribute("aria-sort", ascending ? "ascending" : "descending");
      var order = rows.slice().sort(function (a, b) {
        var ka = column[a.index], kb = column[b.index];
        if (ka === null || kb === null) {  // empty cells last, whichever the direction
          return ka === kb ? a.index - b.index : ka === null ? 1 : -1;
        }
        return direction * compare(ka, kb) || a.index - b.index;
      });
      var fragment = document.createDocumentFragment();
      order.forEach(function (entry) { fragment.appendChild(entry.row); });
      body.appendChild(fragment);
    }

    heads.forEach(function (th, index) {
      th.classList.add("pa-sortable");
      th.setAttribute("tabindex", "0");
      th.setAttribute("aria-sort", "none");
      th.addEventListener("click", function (event) {
        if (event.target.closest && event.target.closest("a")) { return; }  // a link in the head still goes
        sortBy(index);
      });
      th.addEventListener("keydown", function (event) {
        if (event.key === "Enter" || event.key === " ") { event.preventDefault(); sortBy(index); }
      });
    });

    // A link to a topic's row ("Same topic in other policies": matrix/#row-retention) lands
    // on its column's head; it shows the policies covering that topic, the tools in view.
    function followHash() {
      var id = decodeURIComponent(window.location.hash.slice(1));
      if (!Object.prototype.hasOwnProperty.call(topicOfId, id)) { return; }
      topic.value = String(topicOfId[id]);
      apply();
      tools.scrollIntoView({ block: "start" });
    }

    tools.appendChild(language);
    tools.appendChild(topic);
    tools.appendChild(search);
    tools.appendChild(count);
    apply();
    followHash();
    window.addEventListener("hashchange", followHash);
    tools.setAttribute("data-pa-ready", "1");
  }

  if (window.document$ && typeof window.document$.subscribe === "function") {
    window.document$.subscribe(function () { setup(document); });
  } else if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", function () { setup(document); });
  } else {
    setup(document);
  }
})();
