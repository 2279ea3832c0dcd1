/* Wake Town draft check: findings in a draft post as it is typed.

   Two parts. `check(input, config)` is a pure function: the draft and its context in, findings
   out. The rules come from docs/_data/draft_rules.yml as JSON in the page (wakesite.draftcheck),
   so the one rule file drives the page and the tests (which call this same function in Chromium
   over tests/data/drafts.yml and the rules' examples). The page part (below it) reads the form,
   shows the findings, marks their places, keeps the draft in sessionStorage (this tab only, never
   localStorage: a draft may hold personal data and staff share terminals) and carries it to the
   pre-post checklist. Nothing is sent anywhere.

   Positions are UTF-16 offsets into the text as typed. Rules that read the "normalised" text see
   a copy with full-width letters, digits and signs made half-width, spaces and dashes of every
   kind made one, and invisible characters left out (`normalise`), so that one pattern finds
   ０８６９－００, 0869-00 and 0869\u200B-00 alike; their matches are mapped back to the text. */
(function () {
  "use strict";

  var WEEKDAYS_JA = "日月火水木金土";
  var WEEKDAYS_EN = ["Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"];
  var SEVERITY_ORDER = { "must-fix": 0, "confirm": 1, "reference": 2 };

  // ---- The checker (pure: no DOM, no storage, no clock) ----

  // The text as the "normalised" rules read it, and where each of its characters was typed:
  // full-width letters, digits and signs made half-width, every kind of space a space, every kind
  // of hyphen and dash "-" (and a long-vowel mark or a box-drawing line between digits:
  // 0869ー00ー1234), and characters that show nothing (zero-width space, soft hyphen, word joiner,
  // direction marks …) left out, so that one pattern finds ０８６９－００, 0869 00 and 0869\u200B-00.
  // `at[i]` is the index in `text` of the i-th unit of the result (`at[length]` is text.length).
  // Characters that show nothing (left out), and those replaced one for one, a run at a time.
  var INVISIBLE = /[\u00AD\u034F\u061C\u180E\u200B-\u200F\u202A-\u202E\u2060-\u2064\u2066-\u2069\uFEFF]+/g;
  var FULL_WIDTH = /[\uFF01-\uFF5E]+/g;
  var SPACES = /[\u00A0\u1680\u2000-\u200A\u202F\u205F\u3000]+/g;
  var DASHES = /[\u2010-\u2015\u2043\u2212\uFE58\uFE63]+/g;
  var DIGIT_JOINER = /(?<=[0-9])[\u30FC\uFF70\u2500\u2501](?=[0-9])/g;  // a long-vowel mark or a line for a hyphen
  function halfWidth(run) {
    var codes = new Array(run.length);
    for (var i = 0; i < run.length; i += 1) { codes[i] = run.charCodeAt(i) - 0xFEE0; }
    var out = "";
    for (var start = 0; start < codes.length; start += 8192) { out += String.fromCharCode.apply(null, codes.slice(start, start + 8192)); }
    return out;
  }
  // Each kind is one pass of a regular expression over the text; a text with no invisible
  // character gets no map (`at` null: every index is its own).
  function normalise(text) {
    var at = null;
    INVISIBLE.lastIndex = 0;
    if (INVISIBLE.test(text)) {
      INVISIBLE.lastIndex = 0;
      var parts = [];
      var map = new Int32Array(text.length + 1);
      var length = 0;
      var last = 0;
      for (var match = INVISIBLE.exec(text); match; match = INVISIBLE.exec(text)) {
        for (var i = last; i < match.index; i += 1) { map[length++] = i; }
        parts.push(text.slice(last, match.index));
        last = match.index + match[0].length;
      }
      for (var j = last; j < text.length; j += 1) { map[length++] = j; }
      map[length] = text.length;
      parts.push(text.slice(last));
      text = parts.join("");
      at = map.subarray(0, length + 1);
    }
    text = text.replace(FULL_WIDTH, halfWidth)
      .replace(SPACES, function (run) { return " ".repeat(run.length); })
      .replace(DASHES, function (run) { return "-".repeat(run.length); })
      .replace(DIGIT_JOINER, "-");
    return { text: text, at: at };
  }

  var NO_GROUPS = Object.freeze({});
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

  // Every match of a rule's patterns, in order, overlapping ones dropped (the first kept), with its
  // place in the text as typed.
  function matches(rule, text, normal) {
    var raw = rule.reads === "raw";
    var subject = raw ? text : normal.text;
    var found = [];
    regexps(rule).forEach(function (regexp) {
      regexp.lastIndex = 0;
      var match;
      while ((match = regexp.exec(subject)) !== null) {
        if (match[0] === "") { regexp.lastIndex += 1; continue; }
        if (rule.digits && rule.digits.length && rule.digits.indexOf((match[0].match(/\d/g) || []).length) === -1) { continue; }
        // A group named `lead` (in a lookbehind) is part of the place: the match starts before it.
        var start = match.index - (match.groups && match.groups.lead ? match.groups.lead.length : 0);
        var end = match.index + match[0].length;
        if (!raw && normal.at) { start = normal.at[start]; end = normal.at[end - 1] + 1; }
        found.push({ start: start, end: end, groups: match.groups || NO_GROUPS });
      }
    });
    if (regexps(rule).length === 1) { return found; }  // one pattern: in order, none overlapping
    found.sort(function (a, b) { return a.start - b.start || b.end - a.end; });
    var kept = [];
    found.forEach(function (m) {
      if (!kept.length || m.start >= kept[kept.length - 1].end) { kept.push(m); }
    });
    return kept;
  }

  // The host of a web address (with or without its scheme) and where it is in it: after the last
  // "@" of the part before the path (https://www.town.wake.lg.jp:x@evil.example/ goes to
  // evil.example), without the port, in lower case.
  function hostOf(url) {
    var scheme = /^[A-Za-z][A-Za-z0-9+.\-]*:\/\//.exec(url);
    var offset = scheme ? scheme[0].length : 0;
    var rest = url.slice(offset);
    var authorityEnd = rest.search(/[\/?#\\]/);
    if (authorityEnd === -1) { authorityEnd = rest.length; }
    var authority = rest.slice(0, authorityEnd);
    var hostStart = authority.lastIndexOf("@") + 1;
    var host = authority.slice(hostStart);
    var port = host.indexOf(":");
    if (port !== -1) { host = host.slice(0, port); }
    return { host: host.toLowerCase().replace(/\.$/, ""), start: offset + hostStart, end: offset + hostStart + host.length,
             path: rest.slice(authorityEnd).split(/[?#]/)[0] };
  }

  function isOwn(host, config) {
    return (config.ownDomains || []).some(function (domain) {
      return host === domain || host.slice(-(domain.length + 1)) === "." + domain;
    });
  }

  // The official account of the registry a link goes to, or null.
  function ownAccount(link, config) {
    var host = link.host.replace(/^(?:www|m)\./, "");
    var path = link.path.replace(/\/+$/, "").toLowerCase();
    return (config.ownAccounts || []).filter(function (account) {
      return host === account.host && (path === account.path || path.indexOf(account.path + "/") === 0);
    })[0] || null;
  }

  // Is what a rule found the town's own telephone number, e-mail address, postal code or address
  // (config.ownContacts, from the registry's `contact`), or an e-mail address at the town's domain?
  function townsOwn(kind, place, config) {
    var own = config.ownContacts || {};
    var value = normalise(place).text;
    if (kind === "phone") { return (own.phones || []).indexOf(value.replace(/\D/g, "")) !== -1; }
    if (kind === "postal-code") { return (own.postcodes || []).indexOf(value.replace(/\D/g, "")) !== -1; }
    if (kind === "email") {
      var address = value.replace(/\s/g, "").toLowerCase();
      return (own.emails || []).indexOf(address) !== -1 || isOwn(address.slice(address.lastIndexOf("@") + 1), config);
    }
    if (kind === "address") {
      var compact = value.replace(/\s/g, "");
      return (own.addresses || []).some(function (town) {
        for (var at = town.indexOf(compact); at !== -1; at = town.indexOf(compact, at + 1)) {
          if (!/\d/.test(town.charAt(at + compact.length))) { return true; }
        }
        return false;
      });
    }
    return false;
  }

  function ruleById(config, id) {
    return config.rules.filter(function (rule) { return rule.id === id; })[0] || null;
  }

  function pad(number) { return (number < 10 ? "0" : "") + number; }
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

  // Which day, week (from Monday), month, year or fiscal year (from April) a day falls in.
  var SPANS = {
    day: function (d) { return d.getTime(); },
    week: function (d) { return d.getTime() - ((d.getUTCDay() + 6) % 7) * 86400000; },
    month: function (d) { return d.getUTCFullYear() * 12 + d.getUTCMonth(); },
    year: function (d) { return d.getUTCFullYear(); },
    fiscal: function (d) { return d.getUTCFullYear() - (d.getUTCMonth() < 3 ? 1 : 0); }
  };

  var CHECKS = {
    shortener: function (rule, input, config, ms) {
      return ms.filter(function (m) {
        return config.shorteners.indexOf(hostOf(input.text.slice(m.start, m.end)).host) !== -1;
      }).map(function (m) { return { start: m.start, end: m.end }; });
    },
    domain: function (rule, input, config, ms) { return links(input, config, ms, "other"); },
    "own-domain": function (rule, input, config, ms) { return links(input, config, ms, "own-domain"); },
    "own-account": function (rule, input, config, ms) { return links(input, config, ms, "own-account"); },
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
    // Only where the planned day makes the word mean another day (week, month, year) than today.
    "relative-date": function (rule, input, config, ms) {
      var scheduled = parseDay(input.scheduled);
      var today = parseDay(input.today);
      if (!scheduled || !today) { return []; }
      var differs = {};
      Object.keys(SPANS).forEach(function (name) { differs[name] = SPANS[name](scheduled) !== SPANS[name](today); });
      if (!Object.keys(differs).some(function (name) { return differs[name]; })) { return []; }
      var out = [];
      var day = input.scheduled.slice(0, 10);
      ms.forEach(function (m) {
        var span = "day";
        for (var name in SPANS) { if (m.groups[name] !== undefined) { span = name; break; } }
        if (differs[span]) { out.push({ start: m.start, end: m.end, values: { word: input.text.slice(m.start, m.end), scheduled: day, today: input.today } }); }
      });
      return out;
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
      var count = characterCount(input.text);
      input.platforms.forEach(function (platform) {
        (config.limits[platform] || []).forEach(function (limit) {
          if (limit.unit !== "characters" || count <= limit.max) { return; }
          out.push({ start: offsetOfCharacter(input.text, limit.max), end: input.text.length, key: platform, values: {
            platform: config.platforms[platform] || platform, what: limit.what, max: limit.max, over: count - limit.max } });
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
    // One finding for every tag but the town's own name (config.publicHashtags), each tag marked.
    "instagram-hashtags": function (rule, input, config, ms) {
      var open = (config.publicHashtags || []).map(function (name) { return name.toLowerCase(); });
      var tags = ms.filter(function (m) {
        return open.indexOf(normalise(input.text.slice(m.start, m.end)).text.replace(/^#/, "").toLowerCase()) === -1;
      });
      if (!tags.length) { return []; }
      var words = tags.map(function (m) { return input.text.slice(m.start, m.end); });
      return [{ start: tags[0].start, end: tags[0].end, key: words.join(" "),
                places: tags.map(function (m) { return [m.start, m.end]; }),
                values: { tags: words.join(" "), count: tags.length,
                          public: (config.publicHashtags || []).map(function (name) { return "#" + name; }).join(" ") } }];
    },
    // A name beside a telephone number or e-mail address (not the town's own): at most one line
    // break and 40 characters between them.
    "name-near-contact": function (rule, input, config, ms, normal) {
      if (!ms.length) { return []; }
      var contacts = [];
      ["phone", "email"].forEach(function (id) {
        var contactRule = ruleById(config, id);
        if (!contactRule) { return; }
        matches(contactRule, input.text, normal).forEach(function (m) {
          if (!contactRule.skipOwn || !townsOwn(contactRule.skipOwn, input.text.slice(m.start, m.end), config)) { contacts.push(m); }
        });
      });
      contacts.sort(function (a, b) { return a.start - b.start; });
      var near = function (from, to) {
        return to - from <= 40 && input.text.slice(from, to).split("\n").length <= 2;
      };
      var next = 0;  // the first contact that starts after the name (names and contacts in order)
      return ms.filter(function (m) {
        while (next < contacts.length && contacts[next].start < m.end) { next += 1; }
        var after = contacts[next];
        var before = contacts[next - 1];
        return (after && near(m.end, after.start)) || (before && before.end <= m.start && near(before.end, m.start));
      }).map(function (m) { return { start: m.start, end: m.end }; });
    },
    "image-alt": function (rule, input) {
      var out = [];
      (input.images || []).forEach(function (described, index) {
        if (!described) { out.push({ start: -1, end: -1, key: String(index + 1), values: { number: index + 1 } }); }
      });
      return out;
    }
  };

  // Characters as the platforms count them (a surrogate pair is one), and the UTF-16 offset of
  // the character after the first `count` of them.
  function characterCount(text) {
    var pairs = text.match(/[\uD800-\uDBFF][\uDC00-\uDFFF]/g);
    return text.length - (pairs ? pairs.length : 0);
  }
  function offsetOfCharacter(text, count) {
    var offset = 0;
    for (var seen = 0; seen < count && offset < text.length; seen += 1) {
      var code = text.charCodeAt(offset);
      offset += code >= 0xD800 && code <= 0xDBFF && offset + 1 < text.length ? 2 : 1;
    }
    return offset;
  }

  // Each link once, under one rule: a short link's is the shortener rule's; the others by where
  // they go. Each domain (or account) once: the first link to it.
  function links(input, config, ms, kind) {
    var seen = {};
    var out = [];
    ms.forEach(function (m) {
      var link = hostOf(input.text.slice(m.start, m.end));
      if (!link.host || config.shorteners.indexOf(link.host) !== -1) { return; }
      var account = ownAccount(link, config);
      var own = isOwn(link.host, config);
      var found = account ? "own-account" : own ? "own-domain" : "other";
      var name = account ? account.label : link.host;
      if (found !== kind || seen[name]) { return; }
      seen[name] = true;
      out.push({ start: m.start + link.start, end: m.start + link.end, values: { domain: link.host, account: name } });
    });
    return out;
  }

  function fill(template, values) {
    return template.replace(/\{(\w+)\}/g, function (whole, key) {
      return Object.prototype.hasOwnProperty.call(values, key) ? String(values[key]) : whole;
    });
  }

  /* input: {text, platforms: [platform ids], scheduled: "YYYY-MM-DDTHH:MM" or "", today:
     "YYYY-MM-DD", images: [true when described]}; `only`: a rule id to run that rule alone (the
     tests and the benchmark). Returns findings, most severe first, then in the order of the text:
     {rule, severity, start, end (-1 when the finding has no place), places (every place it marks,
     [start, end] each), key (what it found: the text, or the platform, image number…), message,
     clause, source, item (the checklist item it bears on, or null), quiet (true: shown in the
     summary line, not listed), more (for the finding after the first config.most.max of a rule:
     how many more there are)}. */
  function check(input, config, only) {
    var text = input.text || "";
    var normal = normalise(text);
    var platforms = input.platforms || [];
    var context = { text: text, platforms: platforms, scheduled: input.scheduled || "", today: input.today || "", images: input.images || [] };
    var findings = [];
    config.rules.forEach(function (rule) {
      if (only && rule.id !== only) { return; }
      if (rule.when && platforms.indexOf(rule.when.platform) === -1) { return; }
      var ms = rule.patterns && rule.patterns.length ? matches(rule, text, normal) : [];
      if (rule.skipOwn) {
        ms = ms.filter(function (m) { return !townsOwn(rule.skipOwn, text.slice(m.start, m.end), config); });
      }
      var found = rule.check ? CHECKS[rule.check](rule, context, config, ms, normal)
                             : ms.map(function (m) { return { start: m.start, end: m.end }; });
      // At most config.most findings of one rule (a draft is not a list of telephone numbers):
      // the ones after that are one finding that says how many (most: 0, none left out).
      var most = config.most && config.most.max;
      if (most && found.length > most) {
        var more = found.length - most;
        found = found.slice(0, most);
        found.push({ start: -1, end: -1, key: "more", more: more, message: fill(config.most.message, { count: more, max: most }) });
      }
      var messages = {};  // one message for each set of values (a draft may repeat one finding)
      found.forEach(function (f) {
        var values = f.values || {};
        var said = Object.keys(values).map(function (name) { return values[name]; }).join("\u0001");
        if (!Object.prototype.hasOwnProperty.call(messages, said)) { messages[said] = fill(rule.message, values); }
        findings.push({
          rule: rule.id, severity: rule.severity, topic: rule.topic, start: f.start, end: f.end,
          places: f.places || (f.start >= 0 ? [[f.start, f.end]] : []),
          key: f.key !== undefined ? f.key : text.slice(f.start, f.end),
          message: f.message || messages[said], clause: rule.clause, source: rule.source, item: rule.item || null,
          quiet: rule.show === "summary", more: f.more || 0
        });
      });
    });
    findings.sort(function (a, b) {
      return SEVERITY_ORDER[a.severity] - SEVERITY_ORDER[b.severity] || a.start - b.start;
    });
    return findings;
  }

  // The summary line: each rule shown there, with how many it found ({count}).
  function notes(findings, config) {
    var counts = {};
    findings.forEach(function (f) { if (f.quiet) { counts[f.rule] = (counts[f.rule] || 0) + (f.more || 1); } });
    return config.rules.filter(function (rule) { return counts[rule.id]; }).map(function (rule) {
      return { rule: rule.id, count: counts[rule.id], text: fill(rule.summary || rule.message, { count: counts[rule.id] }) };
    });
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

  var api = { check: check, notes: notes, normalise: normalise, excerpt: excerpt, firstSentence: firstSentence, sourceName: sourceName };
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
    this.bar = need(document, "[data-wk-dc-bar]");
    this.barText = need(this.bar, "[data-wk-dc-bar-text]");
    this.notesLine = need(document, "[data-wk-dc-notes]");
    this.storage = openSession();
    this.decisions = {};
    this.findings = [];
    this.notes = [];
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

  // The findings on the list (numbered), and the notes of the summary line.
  DraftPage.prototype.run = function () {
    var input = this.input();
    var all = check(input, this.config);
    this.findings = all.filter(function (finding) { return !finding.quiet; });
    this.notes = notes(all, this.config);
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
    // The same counts beside the text box, in view while typing, with a link to the list.
    var bar = this.findings.length ? summary : "";
    if (this.barText.textContent !== bar) { this.barText.textContent = bar; }
    this.bar.hidden = !bar;
    this.bar.setAttribute("data-wk-must-fix", String(counts["must-fix"]));
    // What is true of almost every post and needs no decision: one line, not the list.
    var noted = this.notes.length ? fill(strings.notes, { notes: this.notes.map(function (n) { return n.text; }).join(strings.separator) }) : "";
    if (this.notesLine.textContent !== noted) { this.notesLine.textContent = noted; }
    this.notesLine.hidden = !noted;

    // Characters per chosen platform; a limit passed is said in words, not only in colour.
    var characters = characterCount(input.text);
    var over = false;
    var countsText = input.platforms.map(function (platform) {
      var limit = (self.config.limits[platform] || []).filter(function (l) { return l.unit === "characters"; })[0];
      var passed = limit && characters > limit.max;
      over = over || passed;
      return (self.config.platforms[platform] || platform) + " " + characters + (limit ? " / " + limit.max : "") +
        (passed ? fill(strings.over, { over: characters - limit.max }) : "");
    }).join(strings.separator);
    var countsLine = fill(strings.characters, { count: characters }) + (countsText ? strings.separator + countsText : "");
    if (this.counts.textContent !== countsLine) { this.counts.textContent = countsLine; }
    this.counts.classList.toggle("wk-dc-counts--over", over);
    var id = window.wakesiteRecordId ? window.wakesiteRecordId.of(input.text) : "";
    var record = id ? fill(strings.recordId, { id: id }) : "";
    if (this.recordLine.textContent !== record) { this.recordLine.textContent = record; }
    this.recordLine.hidden = !record;

    // The text with each finding's places marked: written when the browser is idle, so that a
    // keystroke in a long draft waits for the check and the list, not for a second copy of the text.
    this.schedulePreview(input.text);

    // The findings, most severe first. Rebuilt only when they changed (and so keeping the focus on
    // a decision being changed): a keystroke that moves no finding costs no list.
    var listSignature = JSON.stringify(this.findings.map(function (f) { return [f.rule, f.start, f.end, f.message]; }));
    if (listSignature === this.signature && this.list.firstChild) {
      this.results.setAttribute("data-wk-findings", String(this.findings.length));
      return;
    }
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
    this.list.textContent = "";
    this.list.appendChild(list);
    this.signature = listSignature;
    this.results.setAttribute("data-wk-findings", String(this.findings.length));
  };

  DraftPage.prototype.schedulePreview = function (text) {
    var self = this;
    this.previewWanted = text;
    this.preview.parentNode.hidden = !text;
    if (this.previewPending) { return; }
    this.previewPending = true;
    var later = window.requestIdleCallback ? function (f) { window.requestIdleCallback(f, { timeout: 500 }); } : function (f) { window.setTimeout(f, 0); };
    later(function () {
      self.previewPending = false;
      self.renderPreview(self.previewWanted);
    });
  };

  // The text with each finding's places marked (a finding may mark several: the hashtags).
  DraftPage.prototype.renderPreview = function (text) {
    var placed = [];
    this.findings.forEach(function (finding, index) {
      finding.places.forEach(function (place, which) {
        placed.push({ start: place[0], end: place[1], finding: finding, number: index + 1, first: which === 0 });
      });
    });
    placed.sort(function (a, b) { return a.start - b.start || b.end - a.end; });
    var signature = placed.map(function (p) { return p.start + "-" + p.end + p.finding.severity + p.number; }).join(",");
    if (signature === this.previewSignature && this.previewText === text) { return; }
    var preview = document.createDocumentFragment();
    var cursor = 0;
    placed.forEach(function (place) {
      if (place.start < cursor) { return; }  // inside a place already marked: its list entry says it
      preview.appendChild(document.createTextNode(text.slice(cursor, place.start)));
      var mark = element("mark", "wk-dc-mark wk-dc-mark--" + place.finding.severity, text.slice(place.start, place.end));
      if (place.first) { mark.id = "wk-dc-mark-" + place.number; }
      mark.setAttribute("data-wk-finding", String(place.number));
      preview.appendChild(mark);
      preview.appendChild(element("sup", "wk-dc-mark__number", String(place.number)));
      cursor = place.end;
    });
    preview.appendChild(document.createTextNode(text.slice(cursor)));
    this.preview.textContent = "";
    this.preview.appendChild(preview);
    this.previewSignature = signature;
    this.previewText = text;
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
    this.text.value = saved.text;  // whole: a draft is never cut (a cut copy would overwrite the saved one)
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
