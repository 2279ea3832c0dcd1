/* Wake Town draft check: findings in a draft post as it is typed.

   Two parts. `check(input, config)` is a pure function: the draft and its context in, findings
   out. The rules come from docs/_data/draft_rules.yml as JSON in the page (wakesite.draftcheck),
   so the one rule file drives the page and the tests (which call this same function in Chromium
   over tests/data/drafts.yml and the rules' examples). The page part (below it) reads the form,
   shows the findings, marks their places, keeps the draft in sessionStorage (this tab only, never
   localStorage: a draft may hold personal data and staff share terminals) and carries it to the
   pre-post checklist. Nothing is sent anywhere.

   Positions are UTF-16 offsets into the text as typed. Rules that read the "normalised" text see
   a copy of the same length with full-width letters, digits and signs made half-width, so that
   one pattern finds ０８６９－００ and 0869-00 alike. */
(function () {
  "use strict";

  var WEEKDAYS_JA = "日月火水木金土";
  var WEEKDAYS_EN = ["Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"];
  var SEVERITY_ORDER = { "must-fix": 0, "confirm": 1, "reference": 2 };

  // ---- The checker (pure: no DOM, no storage, no clock) ----

  // Same length as `text`: every UTF-16 unit maps to one unit.
  function normalise(text) {
    var out = "";
    for (var i = 0; i < text.length; i += 1) {
      var code = text.charCodeAt(i);
      if (code >= 0xFF01 && code <= 0xFF5E) { out += String.fromCharCode(code - 0xFEE0); }
      else if (code === 0x3000) { out += " "; }
      else if ((code >= 0x2010 && code <= 0x2015) || code === 0x2212) { out += "-"; }
      else { out += text.charAt(i); }
    }
    // The long-vowel mark typed for a hyphen between digits (0869ー00ー1234).
    return out.replace(/(\d)ー(?=\d)/g, "$1-");
  }

  var compiled = {};
  function regexps(rule) {
    if (!compiled[rule.id] || compiled[rule.id].source !== rule.patterns) {
      compiled[rule.id] = {
        source: rule.patterns,
        list: (rule.patterns || []).map(function (pattern) { return new RegExp(pattern, "gu"); })
      };
    }
    return compiled[rule.id].list;
  }

  // Every match of a rule's patterns, in order, overlapping ones dropped (the first kept).
  function matches(rule, text, normalised) {
    var subject = rule.reads === "raw" ? text : normalised;
    var found = [];
    regexps(rule).forEach(function (regexp) {
      regexp.lastIndex = 0;
      var match;
      while ((match = regexp.exec(subject)) !== null) {
        if (match[0] === "") { regexp.lastIndex += 1; continue; }
        var digits = (match[0].match(/\d/g) || []).length;
        if (rule.digits && rule.digits.length && rule.digits.indexOf(digits) === -1) { continue; }
        found.push({ start: match.index, end: match.index + match[0].length, groups: match.groups || {}, pattern: regexp });
      }
    });
    found.sort(function (a, b) { return a.start - b.start || b.end - a.end; });
    var kept = [];
    found.forEach(function (m) {
      if (!kept.length || m.start >= kept[kept.length - 1].end) { kept.push(m); }
    });
    return kept;
  }

  function hostOf(url) {
    var rest = url.replace(/^https?:\/\//i, "");
    var host = rest.split(/[\/?#:]/)[0].toLowerCase();
    var offset = url.length - rest.length;
    return { host: host, start: offset, end: offset + host.length };
  }

  function isOwn(host, config) {
    return (config.ownDomains || []).some(function (domain) {
      return host === domain || host.slice(-(domain.length + 1)) === "." + domain;
    });
  }

  function pad(number) { return (number < 10 ? "0" : "") + number; }
  function isoDate(date) { return date.getUTCFullYear() + "-" + pad(date.getUTCMonth() + 1) + "-" + pad(date.getUTCDate()); }
  function parseDay(text) {
    var m = /^(\d{4})-(\d{2})-(\d{2})/.exec(text || "");
    return m ? new Date(Date.UTC(+m[1], +m[2] - 1, +m[3])) : null;
  }

  // The year a date without one most likely means: the one that puts it nearest the reference day.
  function resolveYear(month, day, reference) {
    var best = null;
    [-1, 0, 1].forEach(function (step) {
      var year = reference.getUTCFullYear() + step;
      var candidate = new Date(Date.UTC(year, month - 1, day));
      var distance = Math.abs(candidate - reference);
      if (!best || distance < best.distance) { best = { year: year, distance: distance }; }
    });
    return best.year;
  }

  var CHECKS = {
    shortener: function (rule, input, config, ms) {
      return ms.filter(function (m) {
        var host = hostOf(input.text.slice(m.start, m.end)).host;
        return config.shorteners.indexOf(host) !== -1;
      }).map(function (m) { return { start: m.start, end: m.end }; });
    },
    domain: function (rule, input, config, ms) { return domains(input, config, ms, false); },
    "own-domain": function (rule, input, config, ms) { return domains(input, config, ms, true); },
    weekday: function (rule, input, config, ms) {
      var reference = parseDay(input.scheduled) || parseDay(input.today);
      var out = [];
      var last = null;  // the last full date: a day alone takes its month and year
      ms.forEach(function (m) {
        var g = m.groups;
        var day = parseInt(g.day, 10);
        var month = g.month ? parseInt(g.month, 10) : (last ? last.month : 0);
        var year;
        if (g.era) { year = (g.era === "令和" ? 2018 : 1988) + (g.eraYear === "元" ? 1 : parseInt(g.eraYear, 10)); }
        else if (g.year) { year = parseInt(g.year, 10); }
        else if (!g.month && last) { year = last.year; }
        else if (reference) { year = resolveYear(month, day, reference); }
        if (!month || !year) { return; }
        var date = new Date(Date.UTC(year, month - 1, day));
        if (date.getUTCMonth() !== month - 1) { return; }  // no such day (2月30日)
        if (g.month) { last = { month: month, year: year }; }
        var actual = date.getUTCDay();
        if (WEEKDAYS_JA.charAt(actual) !== g.weekday) {
          out.push({ start: m.start, end: m.end, values: {
            date: month + "/" + day, year: year, actual: WEEKDAYS_JA.charAt(actual), actualEn: WEEKDAYS_EN[actual] } });
        }
      });
      return out;
    },
    "relative-date": function (rule, input, config, ms) {
      var scheduled = (input.scheduled || "").slice(0, 10);
      if (!scheduled || !input.today || scheduled === input.today) { return []; }
      return ms.map(function (m) {
        return { start: m.start, end: m.end, values: { word: input.text.slice(m.start, m.end), scheduled: scheduled, today: input.today } };
      });
    },
    hours: function (rule, input, config) {
      // No hours given (the guideline gives none; docs/_data/draft_rules.yml): nothing to judge.
      if (!config.hours.start || !config.hours.end || !config.hours.days.length) { return []; }
      var day = parseDay(input.scheduled);
      var time = (input.scheduled || "").slice(11, 16);
      if (!day || !/^\d{2}:\d{2}$/.test(time)) { return []; }
      var iso = day.getUTCDay() === 0 ? 7 : day.getUTCDay();
      var inside = config.hours.days.indexOf(iso) !== -1 && time >= config.hours.start && time <= config.hours.end;
      return inside ? [] : [{ start: -1, end: -1, key: "outside", values: { scheduled: input.scheduled.replace("T", " ") } }];
    },
    length: function (rule, input, config) {
      var out = [];
      var characters = Array.from(input.text);
      input.platforms.forEach(function (platform) {
        (config.limits[platform] || []).forEach(function (limit) {
          if (limit.unit !== "characters" || characters.length <= limit.max) { return; }
          var start = characters.slice(0, limit.max).join("").length;
          out.push({ start: start, end: input.text.length, key: platform, values: {
            platform: config.platforms[platform] || platform, what: limit.what, max: limit.max, over: characters.length - limit.max } });
        });
      });
      return out;
    },
    "hashtag-count": function (rule, input, config, ms) {
      var out = [];
      input.platforms.forEach(function (platform) {
        (config.limits[platform] || []).forEach(function (limit) {
          if (limit.unit !== "hashtags" || ms.length <= limit.max) { return; }
          out.push({ start: ms[limit.max].start, end: ms[ms.length - 1].end, key: platform,
                     values: { count: ms.length, max: limit.max } });
        });
      });
      return out;
    },
    "image-alt": function (rule, input) {
      var out = [];
      (input.images || []).forEach(function (described, index) {
        if (!described) { out.push({ start: -1, end: -1, key: String(index + 1), values: { number: index + 1 } }); }
      });
      return out;
    }
  };

  // Each domain once: the first link to it.
  function domains(input, config, ms, own) {
    var seen = {};
    var out = [];
    ms.forEach(function (m) {
      var url = input.text.slice(m.start, m.end);
      var host = hostOf(url);
      if (!host.host || seen[host.host] || isOwn(host.host, config) !== own) { return; }
      seen[host.host] = true;
      out.push({ start: m.start + host.start, end: m.start + host.end, values: { domain: host.host } });
    });
    return out;
  }

  function fill(template, values) {
    return template.replace(/\{(\w+)\}/g, function (whole, key) {
      return Object.prototype.hasOwnProperty.call(values, key) ? String(values[key]) : whole;
    });
  }

  /* input: {text, platforms: [platform ids], scheduled: "YYYY-MM-DDTHH:MM" or "", today:
     "YYYY-MM-DD", images: [true when described]}. Returns findings, most severe first, then in
     the order of the text: {rule, severity, start, end (-1 when the finding has no place), key
     (what it found: the text, or the platform, image number…), message, clause, source, item (the
     checklist item it bears on, or null)}. */
  function check(input, config) {
    var text = input.text || "";
    var normalised = normalise(text);
    var platforms = input.platforms || [];
    var findings = [];
    config.rules.forEach(function (rule) {
      if (rule.when && platforms.indexOf(rule.when.platform) === -1) { return; }
      var ms = rule.patterns && rule.patterns.length ? matches(rule, text, normalised) : [];
      var found = rule.check ? CHECKS[rule.check](rule, { text: text, platforms: platforms, scheduled: input.scheduled || "",
                                                           today: input.today || "", images: input.images || [] }, config, ms)
                             : ms.map(function (m) { return { start: m.start, end: m.end }; });
      found.forEach(function (f) {
        findings.push({
          rule: rule.id, severity: rule.severity, topic: rule.topic, start: f.start, end: f.end,
          key: f.key !== undefined ? f.key : text.slice(f.start, f.end),
          message: fill(rule.message, f.values || {}), clause: rule.clause, source: rule.source, item: rule.item || null
        });
      });
    });
    findings.sort(function (a, b) {
      return SEVERITY_ORDER[a.severity] - SEVERITY_ORDER[b.severity] || a.start - b.start;
    });
    return findings;
  }

  // ---- Words for the printed sheet (pure) ----

  // A finding's place as the sheet quotes it: whole when short; otherwise cut at a sentence end
  // or a word boundary, never inside a web address (an address is quoted whole).
  var URL_IN_TEXT = /(?:https?:\/\/|www\.)[^\s「」『』（）()<>"']+/g;
  function excerpt(place, max) {
    max = max || 40;
    if (Array.from(place).length <= max) { return place; }
    var limit = Array.from(place).slice(0, max).join("").length;  // UTF-16 length of `max` characters
    URL_IN_TEXT.lastIndex = 0;
    var url;
    while ((url = URL_IN_TEXT.exec(place)) !== null) {
      if (url.index >= limit) { break; }
      if (url.index + url[0].length > limit) {
        // The cut would fall inside an address: end before it, or after it when it opens the place.
        return url.index > 0 ? cutAt(place, url.index) : place.slice(0, url.index + url[0].length) + "…";
      }
    }
    return cutAt(place, limit);
  }

  // The last sentence end, else the last word boundary, at or before `limit` (UTF-16 index).
  function cutAt(place, limit) {
    var head = place.slice(0, limit);
    var end = Math.max(head.lastIndexOf("。"), head.lastIndexOf("！"), head.lastIndexOf("？"));
    var line = head.lastIndexOf("\n");
    if (end >= limit / 2) { return place.slice(0, end + 1) + "…"; }
    if (line >= limit / 2) { return place.slice(0, line) + "…"; }
    var cut = 0;
    if (window.Intl && Intl.Segmenter) {
      var words = new Intl.Segmenter(document.documentElement.lang || "ja", { granularity: "word" }).segment(head);
      for (var word of words) {
        if (word.index > 0 && word.index <= limit) { cut = word.index; }
      }
      // The last word ends exactly at the limit when the text goes on with a word boundary there.
      var next = new Intl.Segmenter(document.documentElement.lang || "ja", { granularity: "word" })
        .segment(place.slice(0, Math.min(place.length, limit + 1))).containing(limit);
      if (next && next.index === limit) { cut = limit; }
    } else {
      cut = Math.max(head.lastIndexOf(" "), head.lastIndexOf("、"));
    }
    if (cut <= 0) { cut = limit; }
    return place.slice(0, cut).trim() + "…";
  }

  // The first sentence of a message, for one line of the sheet's table: up to 。 or to a full stop
  // followed by a space (not the one of "e.g." or "i.e.", nor a dot inside an address).
  function firstSentence(message) {
    var ja = message.indexOf("。");
    var en = /[.!?](?=\s|$)/g;
    var m;
    while ((m = en.exec(message)) !== null) {
      if (!/\b(?:e\.g|i\.e|etc|No)$/.test(message.slice(Math.max(0, m.index - 4), m.index))) { break; }
    }
    var ends = [ja === -1 ? Infinity : ja, m ? m.index : Infinity];
    var end = Math.min(ends[0], ends[1]);
    return end === Infinity ? message : message.slice(0, end + 1);
  }

  // A source as the sheet's narrow column names it: its title, without what follows (the page
  // gives the whole): 「公用文作成の考え方」（文化審議会 建議、2022年）：… → 「公用文作成の考え方」.
  function sourceName(source) {
    var cut = source.slice(2).search(/[：:（(]/);
    return cut === -1 ? source : source.slice(0, cut + 2).trim();
  }

  var api = { check: check, normalise: normalise, excerpt: excerpt, firstSentence: firstSentence, sourceName: sourceName };
  window.wakesiteDraftCheck = api;

  // ---- The page ----

  if (!("querySelector" in document && "JSON" in window && "addEventListener" in window &&
        Array.from && "sessionStorage" in window)) {
    return;
  }

  function need(root, selector) {
    var element = root.querySelector(selector);
    if (!element) { throw new Error("wakesite draft check: missing " + selector); }
    return element;
  }

  function openSession() {
    try { return window.sessionStorage || null; } catch (error) { return null; }
  }

  function today() {
    var now = new Date();
    return now.getFullYear() + "-" + pad(now.getMonth() + 1) + "-" + pad(now.getDate());
  }

  function element(tag, className, text) {
    var node = document.createElement(tag);
    if (className) { node.className = className; }
    if (text !== undefined) { node.textContent = text; }
    return node;
  }

  function DraftPage(form) {
    this.form = form;
    this.config = JSON.parse(need(document, "#wk-dc-rules").textContent);
    this.strings = JSON.parse(form.getAttribute("data-wk-strings"));
    this.key = form.getAttribute("data-wk-storage-key");
    this.carryKey = form.getAttribute("data-wk-carry-key");
    this.edition = form.getAttribute("data-wk-edition");
    this.text = need(form, "#wk-dc-text");
    this.scheduled = need(form, "#wk-dc-scheduled");
    this.imageCount = need(form, "#wk-dc-images");
    this.imageList = need(form, "[data-wk-image-list]");
    this.results = need(document, "[data-wk-dc-results]");
    this.summary = need(document, "[data-wk-dc-summary]");
    this.list = need(document, "[data-wk-dc-list]");
    this.preview = need(document, "[data-wk-dc-preview]");
    this.counts = need(document, "[data-wk-dc-counts]");
    this.note = need(document, "[data-wk-dc-note]");
    this.recordLine = need(document, "[data-wk-dc-record]");
    this.open = need(document, "[data-wk-dc-open]");
    this.storage = openSession();
    this.decisions = {};
    this.findings = [];
  }

  DraftPage.prototype.accountBoxes = function () {
    return Array.prototype.slice.call(this.form.querySelectorAll("input[name=account]"));
  };

  DraftPage.prototype.imageBoxes = function () {
    return Array.prototype.slice.call(this.imageList.querySelectorAll("input[type=checkbox]"));
  };

  DraftPage.prototype.input = function () {
    var platforms = [];
    this.accountBoxes().forEach(function (box) {
      var platform = box.getAttribute("data-wk-platform");
      if (box.checked && platforms.indexOf(platform) === -1) { platforms.push(platform); }
    });
    return {
      text: this.text.value, platforms: platforms, scheduled: this.scheduled.value, today: today(),
      images: this.imageBoxes().map(function (box) { return box.checked; })
    };
  };

  // One checkbox per image: "image N has a description".
  DraftPage.prototype.setImages = function (described) {
    var count = described.length;
    var boxes = this.imageBoxes();
    while (boxes.length > count) { this.imageList.removeChild(this.imageList.lastChild); boxes.pop(); }
    for (var index = boxes.length; index < count; index += 1) {
      var row = element("div", "wk-dc-image");
      var box = element("input");
      box.type = "checkbox";
      box.id = "wk-dc-image-" + (index + 1);
      var label = element("label", "", fill(this.strings.imageDescribed, { number: index + 1 }));
      label.htmlFor = box.id;
      row.appendChild(box);
      row.appendChild(label);
      this.imageList.appendChild(row);
    }
    this.imageBoxes().forEach(function (box, index) { box.checked = described[index] === true; });
  };

  DraftPage.prototype.decisionKey = function (finding) { return finding.rule + "\u0000" + finding.key; };

  DraftPage.prototype.run = function () {
    var input = this.input();
    this.findings = check(input, this.config);
    this.render(input);
  };

  DraftPage.prototype.render = function (input) {
    var self = this;
    var strings = this.strings;
    var counts = { "must-fix": 0, "confirm": 0, "reference": 0 };
    this.findings.forEach(function (finding) { counts[finding.severity] += 1; });
    var undecided = this.findings.filter(function (f) {
      return f.severity !== "reference" && !self.decisions[self.decisionKey(f)];
    }).length;
    var summary = this.findings.length
      ? fill(strings.summary, { mustFix: counts["must-fix"], confirm: counts.confirm, reference: counts.reference, undecided: undecided })
      : (input.text.trim() ? strings.none : strings.empty);
    if (this.summary.textContent !== summary) { this.summary.textContent = summary; }

    // Characters per chosen platform.
    var characters = Array.from(input.text).length;
    var countsText = input.platforms.map(function (platform) {
      var limit = (self.config.limits[platform] || []).filter(function (l) { return l.unit === "characters"; })[0];
      return (self.config.platforms[platform] || platform) + " " + characters + (limit ? " / " + limit.max : "");
    }).join(strings.separator);
    this.counts.textContent = fill(strings.characters, { count: characters }) + (countsText ? strings.separator + countsText : "");
    var id = window.wakesiteRecordId ? window.wakesiteRecordId.of(input.text) : "";
    var record = id ? fill(strings.recordId, { id: id }) : "";
    if (this.recordLine.textContent !== record) { this.recordLine.textContent = record; }
    this.recordLine.hidden = !record;

    // The text with each finding's place marked.
    var preview = document.createDocumentFragment();
    var placed = this.findings.filter(function (f) { return f.start >= 0; })
      .slice().sort(function (a, b) { return a.start - b.start || b.end - a.end; });
    var cursor = 0;
    placed.forEach(function (finding) {
      if (finding.start < cursor) { return; }  // inside a place already marked: its list entry says it
      preview.appendChild(document.createTextNode(input.text.slice(cursor, finding.start)));
      var mark = element("mark", "wk-dc-mark wk-dc-mark--" + finding.severity, input.text.slice(finding.start, finding.end));
      var number = self.findings.indexOf(finding) + 1;
      mark.id = "wk-dc-mark-" + number;
      mark.setAttribute("data-wk-finding", String(number));
      preview.appendChild(mark);
      var tag = element("sup", "wk-dc-mark__number", String(number));
      preview.appendChild(tag);
      cursor = finding.end;
    });
    preview.appendChild(document.createTextNode(input.text.slice(cursor)));
    this.preview.textContent = "";
    this.preview.appendChild(preview);
    this.preview.parentNode.hidden = !input.text;

    // The findings, most severe first.
    var list = document.createDocumentFragment();
    this.findings.forEach(function (finding, index) {
      var number = index + 1;
      var item = element("li", "wk-dc-finding wk-dc-finding--" + finding.severity);
      item.setAttribute("data-wk-rule", finding.rule);
      item.setAttribute("data-wk-severity", finding.severity);
      var head = element("p", "wk-dc-finding__head");
      head.appendChild(element("span", "wk-dc-badge wk-dc-badge--" + finding.severity, strings["severity_" + finding.severity]));
      head.appendChild(document.createTextNode(" "));
      head.appendChild(element("span", "wk-dc-finding__number", fill(strings.number, { number: number })));
      if (finding.start >= 0) {
        head.appendChild(document.createTextNode(" "));
        var quote = element("button", "wk-dc-finding__place", fill(strings.quote, { text: finding.key.length > 40 ? finding.key.slice(0, 40) + "…" : finding.key }));
        quote.type = "button";
        quote.setAttribute("data-wk-select", finding.start + ":" + finding.end);
        quote.title = strings.selectHint;
        head.appendChild(quote);
      }
      item.appendChild(head);
      item.appendChild(element("p", "wk-dc-finding__message", finding.message));
      var basis = element("p", "wk-dc-finding__basis");
      if (finding.clause) {
        basis.appendChild(document.createTextNode(strings.clause));
        var link = element("a", "", finding.clause.ref);
        link.href = self.form.getAttribute("data-wk-guideline") + "#" + finding.clause.id;
        basis.appendChild(link);
      }
      if (finding.source) {
        if (finding.clause) { basis.appendChild(document.createTextNode(strings.separator)); }
        basis.appendChild(document.createTextNode(strings.source + finding.source));
      }
      item.appendChild(basis);
      if (finding.severity !== "reference") {
        var decision = element("p", "wk-dc-decision");
        var id = "wk-dc-decision-" + number;
        var label = element("label", "", strings.decision);
        label.htmlFor = id;
        var select = element("select");
        select.id = id;
        select.setAttribute("data-wk-decision", self.decisionKey(finding));
        [["", strings.decisionNone], ["keep", strings.decisionKeep], ["change", strings.decisionChange]].forEach(function (pair) {
          var option = element("option", "", pair[1]);
          option.value = pair[0];
          select.appendChild(option);
        });
        select.value = self.decisions[self.decisionKey(finding)] || "";
        decision.appendChild(label);
        decision.appendChild(document.createTextNode(" "));
        decision.appendChild(select);
        item.appendChild(decision);
      }
      list.appendChild(item);
    });
    // Keep focus on a decision being changed: rebuild the list only when the findings changed.
    var signature = JSON.stringify(this.findings.map(function (f) { return [f.rule, f.start, f.end, f.message]; }));
    if (signature !== this.signature || !this.list.firstChild) {
      this.list.textContent = "";
      this.list.appendChild(list);
      this.signature = signature;
    }
    this.results.setAttribute("data-wk-findings", String(this.findings.length));
  };

  // ---- Keeping the draft for this tab only ----
  DraftPage.prototype.state = function () {
    var input = this.input();
    return {
      v: 1, edition: this.edition, text: input.text, scheduled: input.scheduled, images: input.images,
      accounts: this.accountBoxes().filter(function (box) { return box.checked; }).map(function (box) { return box.value; }),
      decisions: this.decisions
    };
  };

  DraftPage.prototype.save = function () {
    if (!this.storage) { return; }
    try { this.storage.setItem(this.key, JSON.stringify(this.state())); } catch (error) { this.showNote("noteNotSaved"); }
  };

  DraftPage.prototype.restore = function () {
    var saved = null;
    try { saved = JSON.parse(this.storage ? this.storage.getItem(this.key) || "null" : "null"); } catch (error) { saved = null; }
    if (!saved || saved.v !== 1 || saved.edition !== this.edition || typeof saved.text !== "string") { return; }
    this.text.value = saved.text.slice(0, 20000);
    this.scheduled.value = typeof saved.scheduled === "string" ? saved.scheduled : "";
    var accounts = Array.isArray(saved.accounts) ? saved.accounts : [];
    this.accountBoxes().forEach(function (box) { box.checked = accounts.indexOf(box.value) !== -1; });
    var images = Array.isArray(saved.images) ? saved.images.slice(0, 20).map(function (v) { return v === true; }) : [];
    this.imageCount.value = String(images.length);
    this.setImages(images);
    var decisions = {};
    if (saved.decisions && typeof saved.decisions === "object") {
      Object.keys(saved.decisions).forEach(function (key) {
        if (saved.decisions[key] === "keep" || saved.decisions[key] === "change") { decisions[key] = saved.decisions[key]; }
      });
    }
    this.decisions = decisions;
  };

  DraftPage.prototype.clear = function () {
    this.text.value = "";
    this.scheduled.value = "";
    this.accountBoxes().forEach(function (box) { box.checked = false; });
    this.imageCount.value = "0";
    this.setImages([]);
    this.decisions = {};
    if (this.storage) {
      try {
        this.storage.removeItem(this.key);
        this.storage.removeItem(this.carryKey);
      } catch (error) { /* nothing stored that could be removed */ }
    }
    this.run();
    this.showNote("noteCleared");
    this.text.focus();
  };

  DraftPage.prototype.showNote = function (key) {
    this.note.textContent = this.strings[key] || "";
  };

  // ---- Carrying the draft to the pre-post checklist (sessionStorage, this tab) ----

  // Findings that need a decision and have none, or "change it": most severe first.
  DraftPage.prototype.openFindings = function () {
    var self = this;
    return this.findings.map(function (finding, index) { return { finding: finding, number: index + 1 }; })
      .filter(function (entry) {
        return entry.finding.severity !== "reference" && self.decisions[self.decisionKey(entry.finding)] !== "keep";
      });
  };

  // GOV.UK's error summary before carrying: each open finding, a link to its decision.
  DraftPage.prototype.showOpen = function (open) {
    var self = this;
    var list = this.open.querySelector("[data-wk-dc-open-list]");
    list.textContent = "";
    open.forEach(function (entry) {
      var decision = self.decisions[self.decisionKey(entry.finding)];
      var item = element("li");
      var link = element("a", "", fill(self.strings.openEntry, {
        number: fill(self.strings.number, { number: entry.number }), severity: self.strings["severity_" + entry.finding.severity],
        summary: firstSentence(entry.finding.message).replace(/[。.]$/, ""),
        state: decision === "change" ? self.strings.openChange : self.strings.decisionNone }));
      link.href = "#wk-dc-decision-" + entry.number;
      item.appendChild(link);
      list.appendChild(item);
    });
    this.open.hidden = false;
    this.open.focus();
  };

  DraftPage.prototype.carry = function (anyway) {
    var self = this;
    var open = this.openFindings();
    if (open.length && !anyway) { this.showOpen(open); return; }
    var input = this.input();
    var strings = this.strings;
    var firstLine = input.text.split(/\r?\n/).map(function (line) { return line.trim(); }).filter(Boolean)[0] || "";
    var carried = {
      v: 2, edition: this.edition, text: input.text, platforms: input.platforms, scheduled: input.scheduled,
      subject: firstLine.slice(0, 200), checkedOn: today(), carriedAt: Date.now(),
      findings: this.findings.map(function (finding) {
        return {
          severity: finding.severity, severityLabel: strings["severity_" + finding.severity],
          // The sheet quotes the place in the text, never the finding's key (a platform's id, an image's number).
          place: finding.start >= 0 ? excerpt(input.text.slice(finding.start, finding.end)) : "",
          message: finding.message,
          // The sheet has a line per finding: the message's first sentence says what it is.
          summary: firstSentence(finding.message),
          basis: finding.clause ? finding.clause.ref : (finding.source ? strings.source + sourceName(finding.source) : ""),
          decision: finding.severity === "reference" ? "" : (self.decisions[self.decisionKey(finding)] || ""),
          item: finding.item || null
        };
      })
    };
    try {
      this.storage.setItem(this.carryKey, JSON.stringify(carried));
    } catch (error) {
      this.showNote("noteNotSaved");
      return;
    }
    window.location.href = this.form.getAttribute("data-wk-carry-to");
  };

  // Does a posted text match the record number on the stamped sheet? Nothing of it is stored.
  DraftPage.prototype.verify = function () {
    var ids = window.wakesiteRecordId;
    var typed = document.getElementById("wk-dc-verify-id").value;
    var posted = document.getElementById("wk-dc-verify-text").value;
    var result = document.querySelector("[data-wk-dc-verify-result]");
    var expected = ids.tidy(typed);
    var actual = ids.of(posted);
    var strings = this.strings;
    var words = "";
    if (typed.trim() && !expected) { words = strings.verifyBadId; }
    else if (expected && actual) {
      words = fill(expected === actual ? strings.verifyMatch : strings.verifyNoMatch, { actual: actual, expected: expected });
    }
    result.textContent = words;
    result.className = "wk-dc-verify__result" + (expected && actual ? (expected === actual ? " wk-dc-verify__result--match" : " wk-dc-verify__result--differs") : "");
  };

  DraftPage.prototype.start = function () {
    var self = this;
    Array.prototype.forEach.call(document.querySelectorAll("[data-wk-js-only]"), function (node) { node.hidden = false; });
    Array.prototype.forEach.call(document.querySelectorAll("[data-wk-no-js]"), function (node) { node.hidden = true; });
    this.restore();
    this.form.addEventListener("input", function (event) {
      if (event.target === self.imageCount) {
        var count = Math.max(0, Math.min(20, parseInt(self.imageCount.value, 10) || 0));
        self.setImages(self.imageBoxes().map(function (box) { return box.checked; }).slice(0, count)
          .concat(new Array(Math.max(0, count - self.imageBoxes().length)).fill(false)));
      }
      self.run();
      self.save();
    });
    this.form.addEventListener("change", function () { self.run(); self.save(); });
    this.form.addEventListener("submit", function (event) { event.preventDefault(); });
    this.list.addEventListener("change", function (event) {
      var key = event.target.getAttribute && event.target.getAttribute("data-wk-decision");
      if (key === null || key === undefined) { return; }
      if (event.target.value) { self.decisions[key] = event.target.value; } else { delete self.decisions[key]; }
      self.run();
      self.save();
    });
    this.list.addEventListener("click", function (event) {
      var button = event.target.closest ? event.target.closest("[data-wk-select]") : null;
      if (!button) { return; }
      var range = button.getAttribute("data-wk-select").split(":");
      self.text.focus();
      self.text.setSelectionRange(parseInt(range[0], 10), parseInt(range[1], 10));
    });
    document.addEventListener("click", function (event) {
      var button = event.target.closest ? event.target.closest("[data-wk-dc-action]") : null;
      if (!button) { return; }
      var action = button.getAttribute("data-wk-dc-action");
      if (action === "clear" && window.confirm(self.strings.clearConfirm)) { self.clear(); }
      if (action === "carry") { self.carry(false); }
      if (action === "carry-anyway") { self.carry(true); }
      if (action === "close-open") { self.open.hidden = true; self.text.focus(); }
    });
    // A link of the summary goes to its finding's decision, and puts the focus there.
    this.open.addEventListener("click", function (event) {
      var link = event.target.closest ? event.target.closest("a[href^='#wk-dc-decision-']") : null;
      var target = link ? document.getElementById(link.getAttribute("href").slice(1)) : null;
      if (!target) { return; }
      event.preventDefault();
      target.scrollIntoView({ block: "center" });
      target.focus();
    });
    Array.prototype.forEach.call(document.querySelectorAll("#wk-dc-verify-id, #wk-dc-verify-text"), function (control) {
      control.addEventListener("input", function () { self.verify(); });
    });
    if (!this.storage) { this.showNote("noteNoStorage"); }
    this.form.setAttribute("data-wk-ready", "");
    this.run();
  };

  function init() {
    var form = document.querySelector("form[data-wk-draft-check]");
    if (form && !form.hasAttribute("data-wk-ready")) { new DraftPage(form).start(); }
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
