/* Wake Town checklists: ticks, header fields, conditional items, progress, print, the record.

   Progressive enhancement: the page is a complete, printable list without this script. The
   script opts in on forms marked `data-wk-checklist` (rendered by checklist.md.j2) and only
   when the browser has what it needs. Nothing entered ever leaves the browser.

   One record at a time. What is entered (ticks, fields, choices) is one record, saved with the
   time it was saved:
   - On the checklist a draft is carried to (the form has `data-wk-carry-key`), a record belongs
     to one draft: the carried draft's text has an identifier (record-id.js), and the record
     holds it. Carrying another draft starts a new record; carrying the same text again (with
     new decisions) keeps the ticks. Such a record is kept where the draft is, in this tab's
     sessionStorage, and goes with the tab: the draft page promises that, and the record's
     subject line is the draft's first line.
   - Otherwise the record is kept in localStorage (`wakesite:checklist:<id>:<edition>`).
   - Fields marked `keep` in the data (the unit, the person's name) are about the person, not
     one record: they are also kept in localStorage (`wakesite:kept`) to start the next record.
   A record restored from an earlier visit is announced with the time it was saved and a way to
   clear it. "Clear everything" removes the record from both storages, the carried draft and the
   kept fields.

   Saved state is untrusted input: anything unreadable, of another edition or of an unexpected
   shape is ignored (and discarded), never shown as ticks. Storage that throws (blocked, private
   mode, quota) leaves the page working, in memory only, with a note saying so; with the quota
   full, what was saved earlier is still shown, and input that could not be saved is never
   replaced by what storage holds.

   Open points: a carried finding with no decision (or "change it") is open, and so is a ticked
   item that a finding still standing bears on (the rule's `item`). Before printing, an error
   summary lists them (and the unticked duties); the sheet says 未解決 beside each, in words.

   Dates are written in Japanese (2026年12月7日（月）9:00) or English form whatever the
   browser's locale; an empty date prints as a blank to fill in by hand. */
(function () {
  "use strict";

  var STATE_VERSION = 2;
  var MAX_TEXT = 10000;
  var MAX_DRAFT = 100000;
  var KEPT_KEY = "wakesite:kept";
  var SEVERITIES = ["must-fix", "confirm", "reference"];
  var DECISIONS = ["", "keep", "change"];
  var WEEKDAYS = { ja: "日月火水木金土", en: ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"] };
  var MONTHS_EN = ["January", "February", "March", "April", "May", "June", "July", "August",
                   "September", "October", "November", "December"];

  if (!("querySelector" in document && "classList" in document.documentElement &&
        "JSON" in window && "addEventListener" in window && Array.prototype.forEach)) {
    return;
  }

  // ---- Storage: every access guarded, because merely touching storage can throw. ----
  function openStorage(name) {
    try {
      return window[name] || null;
    } catch (error) {
      return null;
    }
  }

  // A full quota makes writes throw while reads still work: writing is probed on its own.
  function canWriteTo(storage) {
    if (!storage) { return false; }
    try {
      var probe = "wakesite:probe";
      storage.setItem(probe, "1");
      storage.removeItem(probe);
      return true;
    } catch (error) {
      return false;
    }
  }

  function readJson(storage, key) {
    if (!storage) { return undefined; }
    var raw;
    try { raw = storage.getItem(key); } catch (error) { return undefined; }
    if (raw === null) { return null; }
    try { return JSON.parse(raw); } catch (error) { return false; }
  }

  function remove(storage, key) {
    if (!storage) { return true; }
    try { storage.removeItem(key); return true; } catch (error) { return false; }
  }

  function need(root, selector, what) {
    var element = root.querySelector(selector);
    if (!element) {
      throw new Error("wakesite checklist: missing " + what + " (" + selector + ") in form #" + root.id);
    }
    return element;
  }

  function format(template, values) {
    return String(template).replace(/\{(\w+)\}/g, function (whole, key) {
      return Object.prototype.hasOwnProperty.call(values, key) ? String(values[key]) : whole;
    });
  }

  // A CSS string: what the page's data and strings hold cannot end it.
  function cssString(value) {
    return "\"" + String(value).replace(/[\\"]/g, "\\$&").replace(/[\r\n\f]/g, " ") + "\"";
  }

  function isPlainObject(value) {
    return value !== null && typeof value === "object" && !Array.isArray(value);
  }

  // ---- Dates, the same in every browser locale. ----
  // "2026-12-07" or "2026-12-07T09:00" → "2026年12月7日（月）9:00" / "7 December 2026 (Mon), 9:00".
  function formatDate(value, lang) {
    var m = /^(\d{4})-(\d{2})-(\d{2})(?:T(\d{2}):(\d{2}))?/.exec(String(value || ""));
    if (!m) { return ""; }
    var year = +m[1], month = +m[2], day = +m[3];
    var date = new Date(Date.UTC(year, month - 1, day));
    if (date.getUTCMonth() !== month - 1) { return ""; }
    var weekday = date.getUTCDay();
    var time = m[4] ? (+m[4]) + ":" + m[5] : "";
    if (lang === "ja") {
      return year + "年" + month + "月" + day + "日（" + WEEKDAYS.ja.charAt(weekday) + "）" + (time ? time : "");
    }
    return day + " " + MONTHS_EN[month - 1] + " " + year + " (" + WEEKDAYS.en[weekday] + ")" + (time ? ", " + time : "");
  }

  function localStamp(date) {
    function pad(n) { return (n < 10 ? "0" : "") + n; }
    return date.getFullYear() + "-" + pad(date.getMonth() + 1) + "-" + pad(date.getDate()) +
      "T" + pad(date.getHours()) + ":" + pad(date.getMinutes());
  }

  // ---- The carried draft (draft-check.js writes it into this tab's sessionStorage). ----
  function text(value, max) { return typeof value === "string" && value.length <= max; }

  // The whole carried entry, or null: one entry that is not as draft-check.js writes it makes
  // the carry unusable (a dropped finding would be an open point left off the sheet).
  function cleanCarried(data, edition) {
    if (!isPlainObject(data) || data.v !== 2 || data.edition !== edition || !text(data.text, MAX_DRAFT) ||
        !Array.isArray(data.findings) || data.findings.length > 1000 || typeof data.carriedAt !== "number") {
      return null;
    }
    var findings = [];
    for (var index = 0; index < data.findings.length; index += 1) {
      var f = data.findings[index];
      if (!isPlainObject(f) || SEVERITIES.indexOf(f.severity) === -1 || DECISIONS.indexOf(f.decision) === -1 ||
          !text(f.severityLabel, 200) || !text(f.place, 1000) || !text(f.summary, 2000) ||
          !text(f.message, 5000) || !text(f.basis, 500) || !(f.item === null || text(f.item, 200))) {
        return null;
      }
      findings.push({ severity: f.severity, severityLabel: f.severityLabel, place: f.place, summary: f.summary,
                      message: f.message, basis: f.basis, decision: f.decision, item: f.item });
    }
    var id = window.wakesiteRecordId ? window.wakesiteRecordId.of(data.text) : "";
    if (!id) { return null; }
    return {
      id: id, text: data.text, findings: findings, carriedAt: data.carriedAt,
      checkedOn: text(data.checkedOn, 20) ? data.checkedOn : "",
      platforms: Array.isArray(data.platforms) ? data.platforms.filter(function (p) { return text(p, 100); }) : [],
      scheduled: text(data.scheduled, 20) ? data.scheduled : "",
      subject: text(data.subject, 200) ? data.subject : ""
    };
  }

  function Checklist(form) {
    this.form = form;
    this.id = form.getAttribute("data-wk-checklist");
    this.edition = form.getAttribute("data-wk-edition");
    this.key = form.getAttribute("data-wk-storage-key");
    this.carryKey = form.getAttribute("data-wk-carry-key");
    this.lang = document.documentElement.lang === "en" ? "en" : "ja";
    this.strings = JSON.parse(form.getAttribute("data-wk-strings") || "{}");
    this.items = Array.prototype.slice.call(form.querySelectorAll("li[data-wk-item]"));
    this.progress = need(form, "[data-wk-progress]", "the progress region");
    this.note = need(form, "[data-wk-note]", "the note region");
    this.notice = need(form, "[data-wk-notice]", "the notice region");
    this.summary = need(form, "[data-wk-open-summary]", "the summary of open points");
    this.status = need(form, "[data-wk-open-status]", "the line of open points");
    this.local = openStorage("localStorage");
    this.session = openStorage("sessionStorage");
    this.store = this.local;               // where this record is kept (sessionStorage with a carried draft)
    this.canWrite = canWriteTo(this.store);
    this.unsaved = false;                  // the form holds input that storage does not
    this.blankOnly = /(?:^|[?&])print=blank(?:&|$)/.test(window.location.search);
    this.carried = null;                   // the carried draft, when this record has one
    this.record = { draft: null, carry: null };
    this.notes = [];
    this.listeners = [];
    this.unreadable = [];                  // storages that threw when read: never written either
  }

  // ---- Reading and writing the form. ----
  Checklist.prototype.fieldControls = function () {
    return Array.prototype.slice.call(this.form.querySelectorAll("[name^='field:']"));
  };

  Checklist.prototype.keptIds = function () {
    return Array.prototype.slice.call(this.form.querySelectorAll("[data-wk-keep]")).map(function (control) {
      return control.name.slice("field:".length);
    });
  };

  Checklist.prototype.read = function () {
    var state = { v: STATE_VERSION, checklist: this.id, edition: this.edition, draft: this.record.draft,
                  carry: this.record.carry, items: {}, fields: {}, records: {} };
    this.items.forEach(function (item) {
      var box = item.querySelector("input.wk-cl-check");
      if (box && box.checked) { state.items[item.getAttribute("data-wk-item")] = true; }
      var radios = item.querySelectorAll("input[type=radio][name^='record:']");
      Array.prototype.forEach.call(radios, function (radio) {
        if (radio.checked) { state.records[item.getAttribute("data-wk-item")] = radio.value; }
      });
    });
    this.fieldControls().forEach(function (control) {
      var id = control.name.slice("field:".length);
      if (control.type === "radio") {
        if (control.checked) { state.fields[id] = control.value; }
      } else if (control.type === "checkbox" && control.value && control.hasAttribute("value")) {
        state.fields[id] = state.fields[id] || [];
        if (control.checked) { state.fields[id].push(control.value); }
      } else if (control.type === "checkbox") {
        if (control.checked) { state.fields[id] = true; }
      } else if (control.value) {
        state.fields[id] = control.value;
      }
    });
    return state;
  };

  Checklist.prototype.write = function (state) {
    var items = state.items, fields = state.fields, records = state.records;
    this.items.forEach(function (item) {
      var id = item.getAttribute("data-wk-item");
      var box = item.querySelector("input.wk-cl-check");
      if (box) { box.checked = items[id] === true; }
      var radios = item.querySelectorAll("input[type=radio][name^='record:']");
      Array.prototype.forEach.call(radios, function (radio) {
        radio.checked = records[id] === radio.value;
      });
    });
    this.fieldControls().forEach(function (control) {
      var id = control.name.slice("field:".length);
      var value = fields[id];
      if (control.type === "radio") {
        control.checked = value === control.value;
      } else if (control.type === "checkbox" && control.hasAttribute("value")) {
        control.checked = Array.isArray(value) && value.indexOf(control.value) !== -1;
      } else if (control.type === "checkbox") {
        control.checked = value === true;
      } else {
        control.value = typeof value === "string" ? value : "";
      }
    });
  };

  // Keep only what this form can show: known ids, expected types. Returns null when the stored
  // value is not a record of this checklist and edition at all. Version 1 (before records had
  // a time and a draft) is read as a record without either.
  Checklist.prototype.clean = function (data) {
    if (!isPlainObject(data) || (data.v !== 1 && data.v !== STATE_VERSION) || data.checklist !== this.id ||
        data.edition !== this.edition || !isPlainObject(data.items) ||
        !isPlainObject(data.fields) || !isPlainObject(data.records)) {
      return null;
    }
    var clean = { v: STATE_VERSION, checklist: this.id, edition: this.edition, items: {}, fields: {}, records: {},
                  savedAt: text(data.savedAt, 40) && !isNaN(Date.parse(data.savedAt)) ? data.savedAt : null,
                  draft: text(data.draft, 20) ? data.draft : null,
                  carry: typeof data.carry === "number" ? data.carry : null };
    this.items.forEach(function (item) {
      var id = item.getAttribute("data-wk-item");
      if (data.items[id] === true) { clean.items[id] = true; }
      var record = data.records[id];
      if (typeof record === "string") {
        Array.prototype.forEach.call(item.querySelectorAll("input[type=radio]"), function (radio) {
          if (radio.value === record) { clean.records[id] = record; }
        });
      }
    });
    this.cleanFields(data.fields, clean.fields);
    return clean;
  };

  Checklist.prototype.cleanFields = function (fields, into) {
    this.fieldControls().forEach(function (control) {
      var id = control.name.slice("field:".length);
      var value = fields[id];
      if (control.type === "radio") {
        if (value === control.value) { into[id] = value; }
      } else if (control.type === "checkbox" && control.hasAttribute("value")) {
        if (Array.isArray(value)) {
          into[id] = into[id] || [];
          if (value.indexOf(control.value) !== -1) { into[id].push(control.value); }
        }
      } else if (control.type === "checkbox") {
        if (value === true) { into[id] = true; }
      } else if (typeof value === "string" && value.length <= MAX_TEXT) {
        into[id] = value;
      }
    });
    return into;
  };

  // Nothing of a record in it: no tick, no choice, no field but the person's kept ones.
  Checklist.prototype.isEmpty = function (state) {
    var kept = this.keptIds();
    return !Object.keys(state.items).length && !Object.keys(state.records).length &&
      !Object.keys(state.fields).some(function (id) {
        var value = state.fields[id];
        return kept.indexOf(id) === -1 && (Array.isArray(value) ? value.length > 0 : !!value);
      });
  };

  // The record kept in `storage`: a clean state, null when there is none; an unreadable or
  // foreign one is discarded with a note.
  Checklist.prototype.load = function (storage) {
    var data = readJson(storage, this.key);
    if (data === undefined && storage && this.unreadable.indexOf(storage) === -1) { this.unreadable.push(storage); }
    if (data === undefined || data === null) { return null; }
    var clean = data === false ? null : this.clean(data);
    if (!clean) {
      this.addNote("noteDiscarded");
      remove(storage, this.key);
    }
    return clean;
  };

  Checklist.prototype.noticeOtherEditions = function () {
    var prefix = "wakesite:checklist:" + this.id + ":";
    try {
      for (var index = 0; index < this.local.length; index += 1) {
        var key = this.local.key(index);
        if (key && key.indexOf(prefix) === 0 && key !== this.key) {
          this.addNote("noteOtherEdition");
          return;
        }
      }
    } catch (error) { /* unreadable: nothing to say about it */ }
  };

  Checklist.prototype.keptFields = function () {
    var data = readJson(this.local, KEPT_KEY);
    if (!isPlainObject(data) || data.v !== 1 || !isPlainObject(data.fields)) { return {}; }
    var kept = {};
    var all = this.cleanFields(data.fields, {});
    this.keptIds().forEach(function (id) { if (typeof all[id] === "string") { kept[id] = all[id]; } });
    return kept;
  };

  Checklist.prototype.saveKept = function (state) {
    if (!this.local || this.blankOnly) { return; }
    var data = readJson(this.local, KEPT_KEY);
    var fields = isPlainObject(data) && data.v === 1 && isPlainObject(data.fields) ? data.fields : {};
    this.keptIds().forEach(function (id) {
      if (state.fields[id]) { fields[id] = state.fields[id]; } else { delete fields[id]; }
    });
    try { this.local.setItem(KEPT_KEY, JSON.stringify({ v: 1, fields: fields })); } catch (error) { /* memory only */ }
  };

  // Every save is tried while storage is readable (a full quota may free up); a failed one
  // leaves the form and what was saved earlier as they are, and the note says so.
  Checklist.prototype.save = function () {
    if (this.blankOnly) { return; }
    var could = this.canWrite;
    var state = this.read();
    state.savedAt = new Date().toISOString();
    this.canWrite = false;
    if (this.store) {
      try {
        this.store.setItem(this.key, JSON.stringify(state));
        this.canWrite = true;
      } catch (error) { /* kept in memory only */ }
    }
    this.saveKept(state);
    this.unsaved = !this.canWrite;
    if (could !== this.canWrite) { this.showNotes(); }
  };

  // Everything the sheet shows, from every storage it uses.
  Checklist.prototype.clear = function () {
    this.write({ items: {}, fields: {}, records: {} });
    var removed = [remove(this.local, this.key), remove(this.session, this.key), remove(this.local, KEPT_KEY)];
    if (this.carryKey) { removed.push(remove(this.session, this.carryKey)); }
    this.carried = null;
    this.record = { draft: null, carry: null };
    this.store = this.unreadable.indexOf(this.local) === -1 ? this.local : null;
    this.canWrite = canWriteTo(this.store);
    this.unsaved = removed.indexOf(false) !== -1;  // an old entry is still stored: do not bring it back
    this.setRecordId("");
    this.announce(this.strings.noticeCleared, false);
    this.update();
    this.showNotes();
    this.tell();
  };

  // ---- Notes and notices. ----
  Checklist.prototype.addNote = function (key) {
    if (this.notes.indexOf(key) === -1) { this.notes.push(key); }
    this.showNotes();
  };

  Checklist.prototype.showNotes = function () {
    var strings = this.strings;
    var keys = this.notes.slice();
    // Saving works (here, or in this tab only); or storage can be read but not written (full): what was saved stays; or none.
    if (this.canWrite) { keys.unshift(this.store === this.session ? "noteSavedTab" : "noteSaved"); } else { keys.push(this.store ? "noteNotSaved" : "noteNoStorage"); }
    if (this.keptIds().length) { keys.push("noteKept"); }
    this.note.textContent = keys.map(function (key) { return strings[key] || ""; }).join(" ");
  };

  // What was restored or started, said once at the top of the form, with the way to clear it.
  Checklist.prototype.announce = function (message, withClear) {
    this.notice.querySelector("[data-wk-notice-text]").textContent = message;
    this.notice.querySelector("[data-wk-action=reset]").hidden = !withClear;
    this.notice.hidden = !message;
  };

  // ---- Conditions, progress, open points. ----
  Checklist.prototype.conditionMet = function (item) {
    var field = item.getAttribute("data-wk-when-field");
    if (!field) { return true; }
    var has = item.getAttribute("data-wk-when-has");
    var controls = this.form.querySelectorAll("[name='field:" + field + "']");
    return Array.prototype.some.call(controls, function (control) {
      return control.checked && (has === null || control.value === has);
    });
  };

  // A finding with no decision, or "change it", is open; a good-practice (参考) one needs none.
  function isOpen(finding) {
    return finding.severity !== "reference" && finding.decision !== "keep";
  }
  // Still in the text, and not confirmed: a tick on the item it bears on contradicts it.
  function isStanding(finding) {
    return finding.decision !== "keep";
  }

  // An item's words alone, without its badge or marks.
  function itemText(item) {
    var label = item.querySelector(".wk-cl-text");
    if (!label) { return ""; }
    var copy = label.cloneNode(true);
    Array.prototype.forEach.call(copy.querySelectorAll(".wk-cl-badge, .wk-to-confirm"), function (node) {
      node.parentNode.removeChild(node);
    });
    return copy.textContent.trim();
  }

  Checklist.prototype.itemById = function (id) {
    for (var index = 0; index < this.items.length; index += 1) {
      if (this.items[index].getAttribute("data-wk-item") === id) { return this.items[index]; }
    }
    return null;
  };

  // [{kind: "finding"|"contradiction", number (of the finding), finding, item}], findings first
  // (most severe first, as carried), then the ticks they contradict.
  Checklist.prototype.openPoints = function () {
    var self = this;
    var findings = [], contradictions = [];
    (this.carried ? this.carried.findings : []).forEach(function (finding, index) {
      if (isOpen(finding)) { findings.push({ kind: "finding", number: index + 1, finding: finding }); }
      var item = finding.item && isStanding(finding) ? self.itemById(finding.item) : null;
      var box = item && !item.hidden ? item.querySelector("input.wk-cl-check") : null;
      if (box && box.checked) { contradictions.push({ kind: "contradiction", number: index + 1, finding: finding, item: item }); }
    });
    return findings.concat(contradictions);
  };

  Checklist.prototype.decisionText = function (finding) {
    return finding.decision === "change" ? this.strings.openChange : this.strings.openUndecided;
  };

  // 未解決 beside each ticked item a standing finding contradicts (screen and paper).
  Checklist.prototype.markItems = function (points) {
    var self = this;
    var byItem = {};
    points.forEach(function (point) {
      if (point.kind !== "contradiction") { return; }
      var id = point.item.getAttribute("data-wk-item");
      (byItem[id] = byItem[id] || []).push(self.strings.findingNumber.replace("{number}", point.number));
    });
    this.items.forEach(function (item) {
      var id = item.getAttribute("data-wk-item");
      var mark = item.querySelector("[data-wk-open-mark]");
      var box = item.querySelector("input.wk-cl-check");
      var wanted = byItem[id] ? format(self.strings.openContradiction, { findings: byItem[id].join(self.strings.separator) }) : "";
      if (!wanted) {
        if (mark) { mark.parentNode.removeChild(mark); }
        if (box) { box.removeAttribute("aria-describedby"); }
        return;
      }
      if (!mark) {
        mark = document.createElement("span");
        mark.className = "wk-cl-open";
        mark.id = "wk-open-" + id;
        mark.setAttribute("data-wk-open-mark", "");
        var body = item.querySelector(".wk-cl-body");
        body.insertBefore(mark, body.firstChild);
        if (box) { box.setAttribute("aria-describedby", mark.id); }  // read with the tick it concerns
      }
      if (mark.textContent !== wanted) { mark.textContent = wanted; }
    });
  };

  // One line, on screen and at the top of the sheet: what is open, in words.
  Checklist.prototype.statusText = function (points) {
    var strings = this.strings;
    var parts = [];
    if (this.carried) {
      var findings = points.filter(function (p) { return p.kind === "finding"; }).length;
      parts.push(points.length ? format(strings.statusOpen, { n: points.length, findings: findings, contradictions: points.length - findings })
                               : strings.statusNoneOpen);
    }
    parts.push(this.unticked ? format(strings.statusUnticked, { n: this.unticked }) : strings.statusAllTicked);
    return parts.join(strings.statusSeparator);
  };

  Checklist.prototype.update = function () {
    var self = this;
    var counts = { duty: [0, 0], reference: [0, 0] };
    this.items.forEach(function (item) {
      var shown = self.conditionMet(item);
      item.hidden = !shown;
      if (!shown) { return; }
      var kind = item.getAttribute("data-wk-kind") === "reference" ? "reference" : "duty";
      var box = item.querySelector("input.wk-cl-check");
      counts[kind][1] += 1;
      if (box && box.checked) { counts[kind][0] += 1; }
    });
    // Other conditional parts (a 合議 box needed only for a reply) follow their condition too.
    Array.prototype.forEach.call(this.form.querySelectorAll("[data-wk-when-field]:not([data-wk-item])"), function (part) {
      part.hidden = !self.conditionMet(part);
    });
    // A group whose items are all conditional and not applicable would be an empty box.
    Array.prototype.forEach.call(this.form.querySelectorAll("fieldset.wk-cl-group"), function (group) {
      group.hidden = !group.querySelector("li[data-wk-item]:not([hidden])");
    });
    this.unticked = counts.duty[1] - counts.duty[0];
    var text = format(this.strings.progress || "{done} / {total}", { done: counts.duty[0], total: counts.duty[1] });
    if (counts.reference[1]) {
      text += " " + format(this.strings.progressReference || "{done} / {total}",
                           { done: counts.reference[0], total: counts.reference[1] });
    }
    if (this.progress.textContent !== text) { this.progress.textContent = text; }
    var points = this.openPoints();
    this.markItems(points);
    var status = this.statusText(points);
    if (this.status.textContent !== status) { this.status.textContent = status; }
    this.status.classList.toggle("wk-cl-open-status--open", points.length > 0 || this.unticked > 0);
    this.form.classList.toggle("wk-cl--complete", counts.duty[1] > 0 && this.unticked === 0 && !points.length);
    this.showDates();
  };

  // Every date field's words beside it (screen) and in its place (paper).
  Checklist.prototype.showDates = function () {
    var lang = this.lang;
    Array.prototype.forEach.call(this.form.querySelectorAll("[data-wk-date-for]"), function (span) {
      var control = document.getElementById(span.getAttribute("data-wk-date-for"));
      var words = control ? formatDate(control.value, lang) : "";
      if (span.textContent !== words) { span.textContent = words; }
    });
  };

  // ---- The record: which one this is, and where it is kept. ----
  Checklist.prototype.readCarried = function () {
    if (!this.carryKey || this.blankOnly) { return null; }
    var data = readJson(this.session, this.carryKey);
    if (data === undefined || data === null) { return null; }
    var carried = data === false ? null : cleanCarried(data, this.edition);
    if (!carried) {
      this.addNote("noteCarryUnreadable");
      remove(this.session, this.carryKey);
    }
    return carried;
  };

  Checklist.prototype.savedWhen = function (state) {
    return state.savedAt ? formatDate(localStamp(new Date(state.savedAt)), this.lang) : this.strings.savedEarlier;
  };

  // Decide which record the form shows, and say so. Returns the state to show.
  Checklist.prototype.choose = function () {
    var strings = this.strings;
    var kept = this.keptFields();
    var fresh = { items: {}, fields: kept, records: {}, draft: null, carry: null };
    this.noticeOtherEditions();
    if (this.blankOnly) { return { items: {}, fields: {}, records: {} }; }
    var carried = this.readCarried();
    var inTab = this.load(this.session);
    var here = this.load(this.local);
    if (!carried) {
      if (inTab) {
        // Its draft was cleared on the draft page (or could not be read): the record goes with it.
        remove(this.session, this.key);
        this.announce(strings.noticeOrphan, false);
      }
      if (here && !this.isEmpty(here)) {
        this.announce(format(strings.noticeRestored, { when: this.savedWhen(here) }), true);
        return here;
      }
      if (Object.keys(kept).length) { this.announce(strings.noticeKept, false); }
      this.changed = !here;
      return here || fresh;
    }
    this.carried = carried;
    this.store = this.session;
    this.canWrite = canWriteTo(this.store);
    var state;
    if (inTab && inTab.draft === carried.id) {
      state = inTab;
      this.announce(format(strings.noticeRestoredDraft, { id: carried.id, when: this.savedWhen(inTab) }), true);
    } else {
      // A new draft, a new record: the ticks of another draft say nothing about this one.
      var earlier = inTab && !this.isEmpty(inTab) ? inTab : (here && !this.isEmpty(here) ? here : null);
      var message = format(strings.noticeNewDraft, { id: carried.id });
      if (earlier) {
        message += " " + format(strings.noticeReplaced, {
          record: earlier.draft ? format(strings.recordOfDraft, { id: earlier.draft }) : strings.recordWithoutDraft,
          when: this.savedWhen(earlier) });
      }
      this.announce(message, false);
      remove(this.local, this.key);  // one current record per checklist: this one
      state = fresh;
      this.changed = true;
    }
    state.draft = carried.id;
    return state;
  };

  // Once per carry: the carried draft's accounts, planned time and subject go into the header.
  Checklist.prototype.applyCarry = function (state) {
    var carried = this.carried;
    if (!carried || state.carry === carried.carriedAt) { return; }
    this.changed = true;
    var accounts = [];
    Array.prototype.forEach.call(this.form.querySelectorAll("input[name='field:accounts']"), function (box) {
      if (carried.platforms.indexOf(box.value) !== -1) { accounts.push(box.value); }
    });
    state.fields.accounts = accounts;
    if (carried.scheduled) { state.fields["scheduled-at"] = carried.scheduled; }
    state.fields.subject = carried.subject;
    state.carry = carried.carriedAt;
  };

  // The identifier on the sheet's head and at the foot of every printed page (@page box).
  Checklist.prototype.setRecordId = function (id) {
    var line = this.form.ownerDocument.querySelector("[data-wk-record-line]");
    if (line) {
      line.hidden = !id;
      line.querySelector("[data-wk-record-id]").textContent = id;
    }
    var style = document.getElementById("wk-record-page-style");
    if (!id) { if (style) { style.parentNode.removeChild(style); } return; }
    if (!style) {
      style = document.createElement("style");
      style.id = "wk-record-page-style";
      document.head.appendChild(style);
    }
    // Every page: the identifier at the foot; every page after the first: the sheet's name at the head.
    var title = document.querySelector("h1");
    var name = this.strings.sheetName + " " + (title ? title.textContent.replace(/¶$/, "").trim() : "") + this.strings.continued;
    style.textContent = "@page wk-checklist { @bottom-left { content: " + cssString(this.strings.recordLabel + " " + id) +
      "; font-size: 8pt; color: #000; } @top-left { content: " + cssString(name) + "; font-size: 8pt; color: #000; } }" +
      " @page wk-checklist:first { @top-left { content: none; } }";
  };

  Checklist.prototype.tell = function () {
    var self = this;
    this.listeners.forEach(function (listener) { listener(self.carried); });
  };

  // What draft-sheet.js uses: the carried draft, the one meaning of "open", dates in words.
  Checklist.prototype.api = function () {
    var self = this;
    return {
      carried: function () { return self.carried; },
      isOpen: isOpen,
      isStanding: isStanding,
      decisionText: function (finding) { return self.decisionText(finding); },
      formatDate: function (value) { return formatDate(value, self.lang); },
      listen: function (listener) { self.listeners.push(listener); listener(self.carried); }
    };
  };

  // Show what is saved, unless the form holds input that could not be saved: that is newer.
  Checklist.prototype.sync = function () {
    if (!this.unsaved) {
      var state = this.load(this.store);
      if (state && (!this.carried || state.draft === this.carried.id)) { this.write(state); }
    }
    this.update();
    this.showNotes();
  };

  // ---- Printing. ----
  Checklist.prototype.stampPrintDate = function () {
    var target = document.querySelector("[data-wk-printed-date]");
    if (!target || this.blankOnly) { return; }
    target.textContent = formatDate(localStamp(new Date()).slice(0, 10), this.lang);
  };

  // GOV.UK's error summary: what is open, each a link to its place; printing still possible.
  Checklist.prototype.showSummary = function (points) {
    var self = this;
    var strings = this.strings;
    var list = this.summary.querySelector("[data-wk-open-list]");
    list.textContent = "";
    function entry(text, href) {
      var li = document.createElement("li");
      var link = document.createElement("a");
      link.href = href;
      link.textContent = text;
      li.appendChild(link);
      list.appendChild(li);
    }
    points.forEach(function (point) {
      var number = strings.findingNumber.replace("{number}", point.number);
      if (point.kind === "finding") {
        entry(format(strings.summaryFinding, { finding: number, severity: point.finding.severityLabel,
                                               summary: point.finding.summary.replace(/[。.]$/, ""), state: self.decisionText(point.finding) }),
              "#wk-dsheet-finding-" + point.number);
      } else {
        entry(format(strings.summaryContradiction, { item: itemText(point.item), finding: number }),
              "#" + point.item.id);
      }
    });
    if (this.unticked) {
      var first = this.items.filter(function (item) {
        var box = item.querySelector("input.wk-cl-check");
        return !item.hidden && item.getAttribute("data-wk-kind") !== "reference" && box && !box.checked;
      })[0];
      entry(format(strings.summaryUnticked, { n: this.unticked }), first ? "#" + first.id : "#wk-checklist");
    }
    this.summary.hidden = false;
    this.summary.focus();
  };

  Checklist.prototype.print = function (blank, anyway) {
    var self = this;
    this.update();
    var points = blank ? [] : this.openPoints();
    if (!blank && !anyway && (points.length || this.unticked > 0)) {
      this.showSummary(points);
      return;
    }
    this.summary.hidden = true;
    if (blank) { this.form.classList.add("wk-cl--blank"); document.documentElement.classList.add("wk-cl-printing-blank"); }
    this.stampPrintDate();
    var restore = function () {
      window.removeEventListener("afterprint", restore);
      if (!self.blankOnly) {
        self.form.classList.remove("wk-cl--blank");
        document.documentElement.classList.remove("wk-cl-printing-blank");
      }
    };
    if (blank) { window.addEventListener("afterprint", restore); }
    window.print();
    // window.print() blocks until the dialog closes in most browsers; restore in any case.
    if (blank) { window.setTimeout(restore, 0); }
  };

  Checklist.prototype.start = function () {
    var self = this;
    var onlineUrl = document.querySelector("[data-wk-online-url]");
    var canonical = document.querySelector("link[rel=canonical]");
    // The address is rendered from site_url when known; otherwise the canonical link has it.
    if (onlineUrl && !onlineUrl.textContent && canonical) { onlineUrl.textContent = canonical.href; }

    if (this.blankOnly) {
      this.form.classList.add("wk-cl--blank");
      document.documentElement.classList.add("wk-cl-printing-blank");
    }
    Array.prototype.forEach.call(document.querySelectorAll("[data-wk-js-only]"), function (element) {
      element.hidden = false;
    });

    var state = this.choose();
    if (this.unreadable.indexOf(this.store) !== -1) {
      // Unreadable: never write either, or a save would overwrite what could not be read.
      this.store = null;
      this.canWrite = false;
    }
    this.applyCarry(state);
    this.record = { draft: state.draft || null, carry: state.carry || null };
    this.write(state);
    this.setRecordId(this.carried ? this.carried.id : "");
    this.update();
    if (this.changed) { this.save(); }  // a new record, or a carry applied: keep it at once
    this.showNotes();
    this.form.wakesiteRecord = this.api();
    this.form.setAttribute("data-wk-ready", "");

    this.form.addEventListener("change", function () { self.update(); self.save(); });
    this.form.addEventListener("input", function (event) {
      if (event.target && event.target.type !== "checkbox" && event.target.type !== "radio") { self.showDates(); self.save(); }
    });
    this.form.addEventListener("submit", function (event) { event.preventDefault(); });
    this.form.addEventListener("click", function (event) {
      var button = event.target.closest ? event.target.closest("[data-wk-action]") : null;
      if (!button) { return; }
      var action = button.getAttribute("data-wk-action");
      if (action === "print-filled") { self.print(false, false); }
      if (action === "print-anyway") { self.print(false, true); }
      if (action === "print-blank") { self.print(true, false); }
      if (action === "close-summary") { self.summary.hidden = true; }
      if (action === "reset" && window.confirm(self.strings.resetConfirm || "?")) { self.clear(); }
    });
    // Ctrl+P or the browser's menu: print what is on screen, with today's date; no question
    // (the sheet itself says what is open).
    window.addEventListener("beforeprint", function () { self.update(); self.stampPrintDate(); });
    // Back through the back/forward cache (persisted), the form is the page as the person left
    // it, newer than storage (a save failed, or another tab changed it meanwhile): keep it
    // and save it. Otherwise the browser may have restored form values by itself: saved
    // state wins.
    window.addEventListener("pageshow", function (event) {
      if (event.persisted) {
        self.update();
        self.save();
        self.showNotes();
      } else {
        self.sync();
      }
    });
    // Another tab with the same checklist saved something (localStorage only: a tab's own
    // sessionStorage is its own).
    window.addEventListener("storage", function (event) {
      if (event.key === self.key && self.store === self.local) { self.sync(); }
    });
  };

  function init() {
    Array.prototype.forEach.call(document.querySelectorAll("form[data-wk-checklist]"), function (form) {
      if (form.hasAttribute("data-wk-ready")) { return; }
      new Checklist(form).start();
    });
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
