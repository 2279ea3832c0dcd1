/* The search index is fetched on first use of search, not with every page, and in the page's
   language. Written against Material for MkDocs 9.8.1 (tests/browser/test_search_on_demand.py
   fails when the installed Material is another version, or when it stops behaving as below).

   What Material 9.8.1 does: its bundle starts its search worker (12 kB compressed) and asks for
   search/search_index.json with an XMLHttpRequest as soon as the page loads. The index alone
   (≈20 kB compressed, plus the Japanese segmenter the worker then loads) would put a first visit
   to /policy/ over its 100 kB budget (scripts/benchmark.py). This script runs before the bundle
   (both deferred, this one first) and holds that request, and the worker, back until the search
   box gets focus (click, Tab, the / or s shortcut), the search toggle opens on a phone, or the
   page was opened from a search result (?h=, for highlighting). It also asks for the index of the page's language
   (search/search_index.<lang>.json, written by the plugin wakesite.plugin), so an English
   reader gets English results. Without this script, search still works, with the index loaded
   at once. */
(function () {
  "use strict";
  var XHR = window.XMLHttpRequest;
  if (!XHR || !window.Promise || !document.addEventListener) { return; }
  // The language of the page's index, from the theme (overrides/main.html).
  var language = document.currentScript && document.currentScript.getAttribute("data-wk-index-language");
  if (!language) { return; }
  var release;
  var wanted = new Promise(function (resolve) { release = resolve; });
  if (/[?&]h=/.test(window.location.search)) { release(); }
  document.addEventListener("focusin", function (event) {
    if (event.target.closest && event.target.closest(".md-search")) { release(); }
  }, true);
  document.addEventListener("change", function (event) {
    if (event.target.id === "__search") { release(); }
  }, true);
  // Material starts its search worker at once (new Worker(…/workers/search.*.min.js), 12 kB
  // compressed, fetched on every first visit). It is given a stand-in that keeps what Material
  // sends it and the listeners Material adds, and becomes the real worker when search is wanted.
  var RealWorker = window.Worker;
  if (RealWorker) {
    window.Worker = function (url, options) {
      if (!/\/workers\/search\.[\w]+\.min\.js(?:[?#]|$)/.test(String(url))) { return new RealWorker(url, options); }
      var real = null, messages = [], listeners = [];
      wanted.then(function () {
        real = new RealWorker(url, options);
        listeners.forEach(function (args) { real.addEventListener.apply(real, args); });
        messages.forEach(function (args) { real.postMessage.apply(real, args); });
      });
      return {
        postMessage: function () { if (real) { real.postMessage.apply(real, arguments); } else { messages.push(arguments); } },
        addEventListener: function () { if (real) { real.addEventListener.apply(real, arguments); } else { listeners.push(arguments); } },
        removeEventListener: function (type, listener) {
          if (real) { real.removeEventListener.apply(real, arguments); return; }
          listeners = listeners.filter(function (args) { return args[0] !== type || args[1] !== listener; });
        },
        terminate: function () { if (real) { real.terminate(); } messages = []; listeners = []; }
      };
    };
  }
  var open = XHR.prototype.open;
  var send = XHR.prototype.send;
  XHR.prototype.open = function (method, url) {
    this.wkSearchIndex = /\/search\/search_index\.json(?:[?#]|$)/.test(String(url));
    if (this.wkSearchIndex) {
      arguments[1] = String(url).replace("search_index.json", "search_index." + language + ".json");
    }
    return open.apply(this, arguments);
  };
  XHR.prototype.send = function () {
    var request = this;
    var args = arguments;
    if (!request.wkSearchIndex) { return send.apply(request, args); }
    wanted.then(function () { send.apply(request, args); });
  };
})();
