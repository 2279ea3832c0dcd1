/* The draft carried from the draft check onto the pre-post checklist's sheet.

   draft-check.js leaves the draft, its findings and the person's decisions in this tab's
   sessionStorage (never localStorage: a draft may hold personal data). Here, once per carried
   draft, the checklist's header fields are filled (accounts, planned date and time, subject = the
   draft's first line) through the form's own events, so checklist.js saves them as if typed; the
   draft and its findings are shown in the section draft-sheet.md.j2 rendered. A short draft goes
   under the header fields, on the sheet itself; a longer one after the form, starting a sheet of
   its own with the sheet's header (checklist.css prints page x / y on every sheet). */
(function () {
  "use strict";

  var section = document.querySelector("[data-wk-draft-sheet]");
  if (!section || !("JSON" in window) || !Array.from) { return; }
  var form = document.querySelector("form.wk-checklist");
  var pointer = document.querySelector("[data-wk-dsheet-pointer]");
  var key = section.getAttribute("data-wk-carry-key");
  var strings = JSON.parse(section.getAttribute("data-wk-strings"));
  var storage = null;
  try { storage = window.sessionStorage; } catch (error) { return; }

  function read() {
    var carried = null;
    try { carried = JSON.parse(storage.getItem(key) || "null"); } catch (error) { carried = null; }
    if (!carried || carried.v !== 1 || carried.edition !== section.getAttribute("data-wk-edition") ||
        typeof carried.text !== "string" || !Array.isArray(carried.findings)) { return null; }
    return carried;
  }

  function set(control, value) {
    if (!control) { return; }
    control.value = value;
    control.dispatchEvent(new Event("input", { bubbles: true }));
    control.dispatchEvent(new Event("change", { bubbles: true }));
  }

  function fillHeader(carried) {
    if (!form) { return; }
    var platforms = Array.isArray(carried.platforms) ? carried.platforms : [];
    Array.prototype.forEach.call(form.querySelectorAll("input[name='field:accounts']"), function (box) {
      var wanted = platforms.indexOf(box.value) !== -1;
      if (box.checked !== wanted) { box.click(); }
    });
    if (typeof carried.scheduled === "string" && carried.scheduled) { set(form.querySelector("#wk-f-scheduled-at"), carried.scheduled); }
    if (typeof carried.subject === "string") { set(form.querySelector("#wk-f-subject"), carried.subject); }
  }

  function cell(row, text, className) {
    var td = document.createElement("td");
    if (className) { td.className = className; }
    td.textContent = text;
    row.appendChild(td);
    return td;
  }

  function show(carried) {
    var text = section.querySelector("[data-wk-dsheet-text]");
    text.textContent = carried.text;
    section.querySelector("[data-wk-dsheet-meta]").textContent =
      strings.checkedOn.replace("{date}", String(carried.checkedOn || ""));
    var body = section.querySelector("[data-wk-dsheet-findings]");
    body.textContent = "";
    carried.findings.forEach(function (finding, index) {
      var row = document.createElement("tr");
      row.className = "wk-dsheet__finding wk-dsheet__finding--" + String(finding.severity);
      cell(row, String(index + 1));
      cell(row, String(finding.severityLabel || ""), "wk-dsheet__severity");
      var what = cell(row, String(finding.summary || finding.message || ""), "wk-dsheet__what");
      what.title = String(finding.message || "");
      if (finding.excerpt) {
        var quote = document.createElement("span");
        quote.className = "wk-dsheet__excerpt";
        quote.textContent = " 「" + String(finding.excerpt) + "」";
        what.insertBefore(quote, what.firstChild);
      }
      cell(row, String(finding.basis || ""));
      cell(row, String(finding.decisionLabel || ""), "wk-dsheet__decision");
      body.appendChild(row);
    });
    section.querySelector("[data-wk-dsheet-table]").hidden = carried.findings.length === 0;
    section.querySelector("[data-wk-dsheet-none]").hidden = carried.findings.length !== 0;

    var oneSheet = Array.from(carried.text).length <= parseInt(section.getAttribute("data-wk-one-sheet-chars"), 10) &&
      carried.findings.length <= parseInt(section.getAttribute("data-wk-one-sheet-findings"), 10);
    var fields = form ? form.querySelector("#wk-cl-fields") : null;
    var head = section.querySelector("[data-wk-dsheet-head]");
    head.textContent = "";
    if (oneSheet && fields) {
      fields.parentNode.insertBefore(section, fields.nextSibling);
      section.classList.remove("wk-dsheet--continued");
      pointer.hidden = true;
    } else {
      // On a sheet of its own: after the form, with the sheet's header and the checklist's title.
      var article = form ? form.parentNode : section.parentNode;
      article.appendChild(section);
      section.classList.add("wk-dsheet--continued");
      copyHead(head);
      var title = document.querySelector("h1");
      if (title) {
        var copy = document.createElement("p");
        copy.className = "wk-dsheet__checklist";
        copy.textContent = title.textContent.replace(/¶$/, "").trim() + strings.continuedTitle;
        head.appendChild(copy);
      }
      if (fields) { fields.parentNode.insertBefore(pointer, fields.nextSibling); }
      pointer.hidden = false;
    }
    section.hidden = false;
    document.documentElement.classList.add("wk-has-draft");
  }

  // The continued sheet repeats the sheet's header: town, edition, printing date, address.
  function copyHead(head) {
    var sheetHead = document.querySelector(".wk-cl-sheet-head")  // the page's own: it comes first;
    var old = head.querySelector(".wk-cl-sheet-head");
    if (old) { head.removeChild(old); }
    if (sheetHead) { head.insertBefore(sheetHead.cloneNode(true), head.firstChild); }
  }

  function remove() {
    try { storage.removeItem(key); } catch (error) { /* nothing more to do */ }
    section.hidden = true;
    pointer.hidden = true;
    document.documentElement.classList.remove("wk-has-draft");
  }

  function start() {
    var carried = read();
    if (!carried) { return; }
    if (!carried.applied) {
      fillHeader(carried);
      carried.applied = true;
      try { storage.setItem(key, JSON.stringify(carried)); } catch (error) { /* shown all the same */ }
    }
    show(carried);
    // checklist.js writes the printing date into the header when printing starts (its listener
    // runs first): the continued sheet's copy takes it then.
    window.addEventListener("beforeprint", function () {
      if (section.classList.contains("wk-dsheet--continued")) { copyHead(section.querySelector("[data-wk-dsheet-head]")); }
    });
    section.addEventListener("click", function (event) {
      if (event.target.closest && event.target.closest("[data-wk-dsheet-action=remove]")) { remove(); }
    });
  }

  // After checklist.js has put the saved entries into the form (it starts when loaded, before this).
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
