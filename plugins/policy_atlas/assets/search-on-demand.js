// Policy Atlas: load the search index when the reader goes to search, not on every page.
//
// Material requests search/search_index.json as soon as a page loads and builds its lunr
// index in a worker, whether the reader searches or not: at 1,000 policies that is 30 MB
// and half a minute of one processor core on every page viewed (bench/README.md). This
// script runs before Material's (the plugin puts it right before Material's bundle) and
// holds back that one request until the reader focuses the search field (a click, a tap,
// or the "/", "s" or "f" keys, which focus it too), or sends it at once on a page opened
// with a search in its address (?q=) or from a search result (?h=, whose words Material
// marks on the page with the index's help); Material then goes on as it always does. Every
// other request goes out untouched. Self-hosted, no library, no network of its own.
(function () {
  "use strict";

  var INDEX = /\/search\/search_index\.json(?:[?#]|$)/;
  var open = XMLHttpRequest.prototype.open;
  var send = XMLHttpRequest.prototype.send;
  var held = [];
  var query = new URLSearchParams(window.location.search);
  var wanted = query.has("q") || query.has("h");

  XMLHttpRequest.prototype.open = function (method, url) {
    this.paSearchIndex = INDEX.test(String(url));
    return open.apply(this, arguments);
  };

  XMLHttpRequest.prototype.send = function () {
    if (this.paSearchIndex && !wanted) {
      held.push([this, arguments]);
      return undefined;
    }
    return send.apply(this, arguments);
  };

  function release() {
    if (wanted) { return; }
    wanted = true;
    held.splice(0).forEach(function (call) { send.apply(call[0], call[1]); });
  }

  function isSearch(el) {
    return !!el && el.nodeType === 1 && (el.matches("form[name=search] input") || el.id === "__search");
  }

  document.addEventListener("focusin", function (event) { if (isSearch(event.target)) { release(); } }, true);
  document.addEventListener("change", function (event) { if (isSearch(event.target)) { release(); } }, true);
})();
