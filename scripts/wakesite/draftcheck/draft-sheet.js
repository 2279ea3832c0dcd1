/* The draft carried from the draft check, shown on the pre-post checklist's sheet.

   checklist.js owns the record: it reads the carried draft from this tab's sessionStorage,
   checks it, decides whether it starts a new record, fills the header, and says which findings
   are open (form.wakesiteRecord). This script only shows the draft and its findings in the
   section draft-sheet.md.j2 rendered, and again whenever the record changes (cleared: hidden).
   On screen it sits under the header fields. On paper it follows the approval box and takes the
   room left on the first page and as many pages as it needs after it: page 1 always holds the
   stamp boxes, and every page carries the record's identifier, page x / y and, after the
   first, the sheet's name (checklist.js's @page boxes). */
(function () {
  "use strict";

  var section = document.querySelector("[data-wk-draft-sheet]");
  var form = document.querySelector("form.wk-checklist");
  if (!section || !form || !form.wakesiteRecord || !Array.from) { return; }
  var record = form.wakesiteRecord;
  var strings = JSON.parse(section.getAttribute("data-wk-strings"));
  var home = { parent: section.parentNode, next: section.nextSibling };

  function cell(row, text, className, label) {
    var td = document.createElement("td");
    if (className) { td.className = className; }
    td.setAttribute("data-wk-label", label);  // the column's name, shown in the cards of a phone's width
    td.textContent = text;
    row.appendChild(td);
    return td;
  }

  function findingRow(finding, index) {
    var row = document.createElement("tr");
    var open = record.isOpen(finding);
    row.id = "wk-dsheet-finding-" + (index + 1);
    row.className = "wk-dsheet__finding wk-dsheet__finding--" + finding.severity + (open ? " wk-dsheet__finding--open" : "");
    cell(row, String(index + 1), "wk-dsheet__number", strings.colNumber);
    cell(row, finding.severityLabel, "wk-dsheet__severity", strings.colSeverity);
    var what = cell(row, finding.summary, "wk-dsheet__what", strings.colFinding);
    what.title = finding.message;
    if (finding.place) {
      var quote = document.createElement("span");
      quote.className = "wk-dsheet__excerpt";
      quote.textContent = strings.quote.replace("{text}", finding.place) + " ";
      what.insertBefore(quote, what.firstChild);
    }
    cell(row, finding.basis, "wk-dsheet__basis", strings.colBasis);
    var decision = cell(row, "", "wk-dsheet__decision", strings.colDecision);
    if (open) {
      var mark = document.createElement("strong");
      mark.className = "wk-open-mark";
      mark.textContent = record.decisionText(finding);
      decision.appendChild(mark);
    } else {
      decision.textContent = finding.decision === "keep" ? strings.decisionKeep : strings.noDecisionNeeded;
    }
    return row;
  }

  function show(carried) {
    if (!carried) { hide(); return; }
    section.querySelector("[data-wk-dsheet-text]").textContent = carried.text;
    section.querySelector("[data-wk-dsheet-meta]").textContent =
      strings.checkedOn.replace("{date}", record.formatDate(carried.checkedOn)) + strings.separator +
      strings.recordId.replace("{id}", carried.id);
    var body = section.querySelector("[data-wk-dsheet-findings]");
    body.textContent = "";
    carried.findings.forEach(function (finding, index) { body.appendChild(findingRow(finding, index)); });
    section.querySelector("[data-wk-dsheet-table]").hidden = carried.findings.length === 0;
    section.querySelector("[data-wk-dsheet-none]").hidden = carried.findings.length !== 0;

    // Under the header fields on screen; on paper after the approval box (checklist.css), where
    // it goes on over as many pages as it needs: page 1 always keeps the stamp boxes.
    var fields = form.querySelector("#wk-cl-fields");
    if (fields && section.previousElementSibling !== fields) { fields.parentNode.insertBefore(section, fields.nextSibling); }
    section.hidden = false;
    document.documentElement.classList.add("wk-has-draft");
  }

  function hide() {
    section.hidden = true;
    document.documentElement.classList.remove("wk-has-draft");
    if (section.parentNode !== home.parent) { home.parent.insertBefore(section, home.next); }
  }

  record.listen(show);
})();
