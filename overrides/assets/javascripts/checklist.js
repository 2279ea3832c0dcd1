/* Wake Town checklists: ticks, header fields, conditional items, progress, print, saving.

   Progressive enhancement: the page is a complete, printable list without this script. The
   script opts in on forms marked `data-wk-checklist` (rendered by checklist.md.j2) and only
   when the browser has what it needs. What a person enters is kept in localStorage under
   `wakesite:checklist:<id>:<edition>` and never leaves the browser. Saved state is treated as
   untrusted input: anything unreadable, of another edition or of an unexpected shape is
   ignored (and discarded), never shown as ticks. Storage that throws (blocked, private mode,
   quota) leaves the page working, in memory only, with a note saying so. Reading and writing
   are told apart: with the quota full, what was saved earlier is still shown, and input that
   could not be saved is never replaced by what storage holds.

   Fields (`field:<id>`) are text, dates, choices (checkboxes with values: a list), flags (one
   checkbox: true) and one-of choices (radios: the chosen value), such as the approval route.

   Progress counts the required checks (duties) that are shown; good-practice (参考) items are
   counted on a line of their own and never in the duties' total. */
(function () {
  "use strict";

  var STATE_VERSION = 1;
  var MAX_TEXT = 10000;

  if (!("querySelector" in document && "classList" in document.documentElement &&
        "JSON" in window && "addEventListener" in window)) {
    return;
  }

  // ---- Storage: every access guarded, because merely touching localStorage can throw. ----
  // Only opened here; whether it can be read is known when load() reads it.
  function openStorage() {
    try {
      return window.localStorage || null;
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

  function need(root, selector, what) {
    var element = root.querySelector(selector);
    if (!element) {
      throw new Error("wakesite checklist: missing " + what + " (" + selector + ") in form #" + root.id);
    }
    return element;
  }

  function format(template, values) {
    return template.replace(/\{(\w+)\}/g, function (whole, key) {
      return Object.prototype.hasOwnProperty.call(values, key) ? String(values[key]) : whole;
    });
  }

  function isPlainObject(value) {
    return value !== null && typeof value === "object" && !Array.isArray(value);
  }

  function Checklist(form) {
    this.form = form;
    this.id = form.getAttribute("data-wk-checklist");
    this.edition = form.getAttribute("data-wk-edition");
    this.key = form.getAttribute("data-wk-storage-key");
    this.strings = JSON.parse(form.getAttribute("data-wk-strings") || "{}");
    this.items = Array.prototype.slice.call(form.querySelectorAll("li[data-wk-item]"));
    this.progress = need(form, "[data-wk-progress]", "the progress region");
    this.note = need(form, "[data-wk-note]", "the note region");
    this.storage = openStorage();          // null when it cannot be read (nor written)
    this.canWrite = canWriteTo(this.storage);
    this.unsaved = false;                  // the form holds input that storage does not
    this.blankOnly = /(?:^|[?&])print=blank(?:&|$)/.test(window.location.search);
    this.notes = [];
  }

  // ---- Reading and writing the form. ----
  Checklist.prototype.fieldControls = function () {
    return Array.prototype.slice.call(this.form.querySelectorAll("[name^='field:']"));
  };

  Checklist.prototype.read = function () {
    var state = { v: STATE_VERSION, checklist: this.id, edition: this.edition, items: {}, fields: {}, records: {} };
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

  // Keep only what this form can show: known ids, expected types. Returns null when the
  // stored value is not a checklist state of this checklist and edition at all.
  Checklist.prototype.clean = function (data) {
    if (!isPlainObject(data) || data.v !== STATE_VERSION || data.checklist !== this.id ||
        data.edition !== this.edition || !isPlainObject(data.items) ||
        !isPlainObject(data.fields) || !isPlainObject(data.records)) {
      return null;
    }
    var clean = { v: STATE_VERSION, checklist: this.id, edition: this.edition, items: {}, fields: {}, records: {} };
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
    this.fieldControls().forEach(function (control) {
      var id = control.name.slice("field:".length);
      var value = data.fields[id];
      if (control.type === "radio") {
        if (value === control.value) { clean.fields[id] = value; }
      } else if (control.type === "checkbox" && control.hasAttribute("value")) {
        if (Array.isArray(value)) {
          clean.fields[id] = clean.fields[id] || [];
          if (value.indexOf(control.value) !== -1) { clean.fields[id].push(control.value); }
        }
      } else if (control.type === "checkbox") {
        if (value === true) { clean.fields[id] = true; }
      } else if (typeof value === "string" && value.length <= MAX_TEXT) {
        clean.fields[id] = value;
      }
    });
    return clean;
  };

  Checklist.prototype.load = function () {
    var empty = { items: {}, fields: {}, records: {} };
    if (!this.storage) { return empty; }
    var raw;
    try {
      raw = this.storage.getItem(this.key);
      this.noticeOtherEditions();
    } catch (error) {
      // Unreadable: never write either, or a save would overwrite what could not be read.
      this.storage = null;
      this.canWrite = false;
      return empty;
    }
    if (raw === null) { return empty; }
    var parsed = null;
    try { parsed = JSON.parse(raw); } catch (error) { parsed = null; }
    var clean = this.clean(parsed);
    if (!clean) {
      this.addNote("noteDiscarded");
      try { this.storage.removeItem(this.key); } catch (error) { /* nothing more to do */ }
      return empty;
    }
    return clean;
  };

  Checklist.prototype.noticeOtherEditions = function () {
    var prefix = "wakesite:checklist:" + this.id + ":";
    for (var index = 0; index < this.storage.length; index += 1) {
      var key = this.storage.key(index);
      if (key && key.indexOf(prefix) === 0 && key !== this.key) {
        this.addNote("noteOtherEdition");
        return;
      }
    }
  };

  // Every save is tried while storage is readable (a full quota may free up); a failed one
  // leaves the form and what was saved earlier as they are, and the note says so.
  Checklist.prototype.save = function () {
    if (this.blankOnly) { return; }
    var could = this.canWrite;
    this.canWrite = false;
    if (this.storage) {
      try {
        this.storage.setItem(this.key, JSON.stringify(this.read()));
        this.canWrite = true;
      } catch (error) { /* kept in memory only */ }
    }
    this.unsaved = !this.canWrite;
    if (could !== this.canWrite) { this.showNotes(); }
  };

  Checklist.prototype.clear = function () {
    this.write({ items: {}, fields: {}, records: {} });
    if (this.storage) {
      try {
        this.storage.removeItem(this.key);
        this.unsaved = false;
      } catch (error) {
        this.canWrite = false;
        this.unsaved = true;  // the old entry is still stored: do not bring it back
      }
    }
    this.update();
    this.showNotes();
  };

  // ---- Notes, conditions, progress. ----
  Checklist.prototype.addNote = function (key) {
    if (this.notes.indexOf(key) === -1) { this.notes.push(key); }
    this.showNotes();
  };

  Checklist.prototype.showNotes = function () {
    var strings = this.strings;
    var keys = this.notes.slice();
    // Saving works; or storage can be read but not written (full): what was saved stays; or none.
    if (this.canWrite) { keys.unshift("noteSaved"); } else { keys.push(this.storage ? "noteNotSaved" : "noteNoStorage"); }
    this.note.textContent = keys.map(function (key) { return strings[key] || ""; }).join(" ");
  };

  Checklist.prototype.conditionMet = function (item) {
    var field = item.getAttribute("data-wk-when-field");
    if (!field) { return true; }
    var has = item.getAttribute("data-wk-when-has");
    var controls = this.form.querySelectorAll("[name='field:" + field + "']");
    return Array.prototype.some.call(controls, function (control) {
      return control.checked && (has === null || control.value === has);
    });
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
    this.form.classList.toggle("wk-cl--complete", counts.duty[1] > 0 && this.unticked === 0);
  };

  // Show what is saved, unless the form holds input that could not be saved: that is newer.
  Checklist.prototype.sync = function () {
    if (!this.unsaved) {
      this.write(this.blankOnly ? { items: {}, fields: {}, records: {} } : this.load());
    }
    this.update();
    this.showNotes();
  };

  // ---- Printing. ----
  Checklist.prototype.stampPrintDate = function () {
    var target = document.querySelector("[data-wk-printed-date]");
    if (!target || this.blankOnly) { return; }
    var lang = document.documentElement.lang || undefined;
    try {
      target.textContent = new Date().toLocaleDateString(lang, { year: "numeric", month: "long", day: "numeric" });
    } catch (error) {
      target.textContent = new Date().toISOString().slice(0, 10);
    }
  };

  Checklist.prototype.print = function (blank) {
    var self = this;
    this.update();
    if (!blank && this.unticked > 0 &&
        !window.confirm(format(this.strings.untickedConfirm || "{n}", { n: this.unticked }))) {
      return;
    }
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
    this.form.setAttribute("data-wk-ready", "");
    Array.prototype.forEach.call(document.querySelectorAll("[data-wk-js-only]"), function (element) {
      element.hidden = false;
    });

    this.form.addEventListener("change", function () { self.update(); self.save(); });
    this.form.addEventListener("input", function (event) {
      if (event.target && event.target.type !== "checkbox" && event.target.type !== "radio") { self.save(); }
    });
    this.form.addEventListener("submit", function (event) { event.preventDefault(); });
    this.form.addEventListener("click", function (event) {
      var button = event.target.closest ? event.target.closest("[data-wk-action]") : null;
      if (!button) { return; }
      var action = button.getAttribute("data-wk-action");
      if (action === "print-filled") { self.print(false); }
      if (action === "print-blank") { self.print(true); }
      if (action === "reset" && window.confirm(self.strings.resetConfirm || "?")) { self.clear(); }
    });
    // Ctrl+P or the browser's menu: print what is on screen, with today's date; no question.
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
    // Another tab with the same checklist saved something.
    window.addEventListener("storage", function (event) {
      if (event.key === self.key) { self.sync(); }
    });
    this.sync();
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
