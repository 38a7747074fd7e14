// Policy Atlas: a "copy link" button on every section heading of a policy page.
// Copies the absolute URL of the section and a one-line citation. Self-hosted, no network.
(function () {
  "use strict";

  function canonicalBase() {
    var link = document.querySelector('link[rel="canonical"]');
    var base = link ? link.href : window.location.href;
    return base.split("#")[0];
  }

  function headingText(heading) {
    var clone = heading.cloneNode(true);
    clone.querySelectorAll(".headerlink, .pa-copy").forEach(function (el) { el.remove(); });
    return clone.textContent.trim();
  }

  function copy(text) {
    if (navigator.clipboard && window.isSecureContext) {
      return navigator.clipboard.writeText(text);
    }
    return new Promise(function (resolve, reject) {
      var area = document.createElement("textarea");
      area.value = text;
      area.setAttribute("readonly", "");
      area.style.position = "fixed";
      area.style.opacity = "0";
      document.body.appendChild(area);
      area.select();
      try { document.execCommand("copy") ? resolve() : reject(new Error("copy failed")); }
      catch (err) { reject(err); }
      finally { area.remove(); }
    });
  }

  // A small "link" icon drawn here, so no icon font or image has to be fetched.
  function linkIcon() {
    var ns = "http://www.w3.org/2000/svg";
    var svg = document.createElementNS(ns, "svg");
    svg.setAttribute("viewBox", "0 0 24 24");
    svg.setAttribute("width", "14");
    svg.setAttribute("height", "14");
    svg.setAttribute("aria-hidden", "true");
    var path = document.createElementNS(ns, "path");
    path.setAttribute("fill", "currentColor");
    path.setAttribute("d", "M3.9 12a3.1 3.1 0 0 1 3.1-3.1h4V7H7a5 5 0 0 0 0 10h4v-1.9H7A3.1 3.1 0 0 1 3.9 12M8 13h8v-2H8v2m9-6h-4v1.9h4a3.1 3.1 0 0 1 0 6.2h-4V17h4a5 5 0 0 0 0-10z");
    svg.appendChild(path);
    return svg;
  }

  function setup(root) {
    var body = root.querySelector(".pa-body");
    if (!body || body.getAttribute("data-pa-ready")) { return; }
    body.setAttribute("data-pa-ready", "1");
    var cite = body.getAttribute("data-pa-cite") || document.title;
    var label = body.getAttribute("data-pa-copy") || "Copy link";
    var done = body.getAttribute("data-pa-copied") || "Link copied";
    body.querySelectorAll("h2[id], h3[id], h4[id], h5[id], h6[id]").forEach(function (heading) {
      var button = document.createElement("button");
      button.type = "button";
      button.className = "pa-copy";
      button.title = label;
      button.setAttribute("aria-label", label);
      button.appendChild(linkIcon());
      button.addEventListener("click", function (event) {
        event.preventDefault();
        var url = canonicalBase() + "#" + heading.id;
        var text = url + "\n" + cite + ", § " + headingText(heading);
        copy(text).then(function () {
          button.classList.add("pa-copied");
          button.title = done;
          button.setAttribute("data-pa-copied-text", text);
          window.setTimeout(function () { button.classList.remove("pa-copied"); button.title = label; }, 2000);
        });
      });
      heading.appendChild(button);
    });
  }

  // Material's language selector finds the same page through each language's sitemap,
  // which names the pages by the published site_url: on any other host (a preview,
  // 127.0.0.1) it falls back to the language's home page. Pages have the same path in
  // every language, so go straight to this page (and section) in the other language.
  // Listening on window in the capture phase runs before Material's own handler.
  function languageLinks() {
    if (window.__paLanguageLinks) { return; }
    window.__paLanguageLinks = true;
    window.addEventListener("click", function (event) {
      var link = event.target && event.target.closest ? event.target.closest("a[hreflang].md-select__link") : null;
      var config = document.getElementById("__config");
      if (!link || !config) { return; }
      var base;
      try { base = JSON.parse(config.textContent).base; } catch (err) { return; }
      var here = new URL(base, window.location.href);
      var page = window.location.pathname.slice(here.pathname.length);
      var target = new URL(link.getAttribute("href"), window.location.href);
      event.preventDefault();
      event.stopImmediatePropagation();
      window.location.href = target.href.replace(/\/?$/, "/") + page + window.location.hash;
    }, true);
  }

  if (window.document$ && typeof window.document$.subscribe === "function") {
    window.document$.subscribe(function () { setup(document); languageLinks(); });
  } else if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", function () { setup(document); languageLinks(); });
  } else {
    setup(document);
    languageLinks();
  }
})();
