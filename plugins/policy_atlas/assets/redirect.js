// Forward an old policy URL to its new address, keeping the #anchor of the link.
(function () {
  var script = document.currentScript;
  var target = script && script.getAttribute("data-pa-target");
  if (target) {
    window.location.replace(target + window.location.hash);
  }
})();
