/* Copy buttons for the profile texts. Progressive enhancement: without JavaScript (or without
   the Clipboard API) the text stays in a read-only box that can be selected and copied. */
(function () {
  "use strict";
  if (!navigator.clipboard || !window.isSecureContext) return;
  function enhance(box) {
    if (box.querySelector(".wk-copy-button")) return;
    var field = box.querySelector("textarea");
    var count = box.querySelector(".wk-profile-text__count");
    if (!field || !count) return;
    // The words come with the page, in its language (strings.yml, profile-texts.md.j2).
    var words = JSON.parse(box.getAttribute("data-wk-strings") || "{}");
    var button = document.createElement("button");
    button.type = "button";
    button.className = "md-button wk-copy-button";
    button.textContent = words.copy;
    var status = document.createElement("span");
    status.setAttribute("role", "status");
    status.className = "wk-copy-status";
    button.addEventListener("click", function () {
      navigator.clipboard.writeText(field.value).then(
        function () { status.textContent = " " + words.copied; },
        function () { status.textContent = " " + words.failed; }
      );
    });
    count.appendChild(button);
    count.appendChild(status);
  }
  function run() { document.querySelectorAll("[data-wk-copy]").forEach(enhance); }
  // Material's instant navigation is off, so DOMContentLoaded runs on every page load.
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", run); else run();
})();
