// Rasad's pages: small progressive enhancements. Everything works without this file but the toggle.
"use strict";
(function () {
  // the article page: show or hide what was removed as boilerplate
  var toggle = document.getElementById("show-removed");
  var original = document.getElementById("original");
  if (toggle && original) {
    var apply = function () { original.classList.toggle("show-removed", toggle.checked); };
    toggle.addEventListener("change", apply);
    apply();
  }
  // bring the target of a #fragment into view and flash it (quotes, events, summaries)
  function flash() {
    if (!location.hash) return;
    var el = document.getElementById(decodeURIComponent(location.hash.slice(1)));
    if (!el) return;
    el.classList.add("target");
    setTimeout(function () { el.classList.remove("target"); }, 2000);
  }
  window.addEventListener("hashchange", flash);
  flash();
})();
