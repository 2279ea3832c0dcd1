"""Performance benchmark of the site, measured side by side in one run on this machine.

    .venv/bin/python scripts/benchmark.py          # writes scripts/benchmark/report.json, prints a table
    .venv/bin/python scripts/benchmark.py --no-lighthouse

Not a test (timings depend on the machine); the test suite does not run it. Figures and budgets:
  1. full bilingual `mkdocs build` (with the checklist PDFs) against a bare `mkdocs build` of the
     same docs/ with Material and the search plugin only (no hooks, no i18n: stub pages come out
     near-empty, and the .en.md files become pages of their own). Budgets, as the owner decided:
     a rebuild with nothing changed (warm cache) ≤ 1.5 × bare; a first build on an empty cache
     (as on a fresh clone: every template compiled, every PDF printed) is judged in two parts,
     printing every checklist PDF ≤ 10 s (the time its log reports) and the rest ≤ 2 × bare.
     Warm and bare: the median of five runs each, alternating;
  2. bytes a first-time visitor downloads (gzip size of every response body, compressed here
     with gzip.compress, from the requests a fresh Chromium makes) for /policy/, /guideline/,
     /checklists/pre-post/ — budget: /policy/ ≤ 100 kB;
  3. search latency, last keystroke → results shown, median over tests/data/search_queries.yml
     — budget ≤ 100 ms;
  4. printing the blank PDFs of every checklist again, without the cache
     (wakesite.pdf.make_blank_pdfs on the built site, one browser);
  5. Lighthouse (npm package pinned in scripts/benchmark/package-lock.json, installed with
     `npm ci`) on /policy/, mobile settings — target 100 in each category;
  6. the draft check (/draft-check/): time from the last keystroke to its findings shown, for a
     draft of 2,000 characters (median of 40 keystrokes; budget one frame, ≤ 16 ms) and of
     100,000 characters (median of 10; budget ≤ 250 ms), the time of each rule alone on each of
     its adversarial drafts of 100,000 characters (wakesite.draftcheck.adversarial_inputs; the
     median of 3 runs of each, then the slowest draft of each rule again, median of 15; budget
     ≤ 50 ms for every rule), and the
     bytes of a first visit (gzip; budget ≤ 100 kB, as /policy/). `--draft-check-only` builds the
     site once and measures only this, updating that part of the report.
Pages are served by wakesite.localserver with gzip over keep-alive HTTP/1.1, as production
hosting (GitHub Pages, nginx) sends them; Lighthouse's throttled timings depend on it.
"""
from __future__ import annotations

import argparse
import datetime
import gzip
import json
import os
import platform
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]

import devenv  # noqa: E402  (the build engine: devenv.ENGINE, WAKESITE_ENGINE)
from wakesite import buildcache, checklists, chromium, localserver, pdf  # noqa: E402
from wakesite.site import load_project  # noqa: E402

HERE = ROOT / "scripts" / "benchmark"
REPORT = HERE / "report.json"
QUERIES = ROOT / "tests" / "data" / "search_queries.yml"
QUERIES_V2 = ROOT / "tests" / "data" / "search_queries_v2.yml"  # typed on the page each user is on (`page`)
PAGES = ["policy/", "guideline/", "checklists/pre-post/", "draft-check/"]
BUDGETS = {"build_ratio": 1.5, "cold_pdfs_s": 10.0, "cold_rest_ratio": 2.0, "policy_kb": 100.0,
           "search_ms": 50.0, "lighthouse": 100, "draft_ms": 16.0, "draft_kb": 100.0,
           "draft_long_ms": 250.0, "draft_rule_ms": 50.0}
DRAFT_PAGE = "draft-check/"
DRAFT_CHARS = 2000
DRAFT_LONG_CHARS = 100_000


def _env():
    return dict(os.environ, NO_MKDOCS_2_WARNING="1")


RUNS = 5  # warm and bare builds: the median of this many, taken alternately so drift hits both
PDF_LOG = re.compile(r"Checklist PDFs: (\d+) \((\d+) printed, (\d+) unchanged from the build cache\) in ([\d.]+) s")


def timed_build(config: Path, site_dir: Path, strict: bool = True, cache: Path | None = None) -> tuple[float, str]:
    args = [*devenv.engine_command(), "build", "-f", str(config), "-d", str(site_dir)]
    if strict:
        args.append("--strict")
    env = _env()
    if cache:
        env[buildcache.VARIABLE] = str(cache)
    started = time.monotonic()
    result = subprocess.run(args, cwd=ROOT, env=env, capture_output=True, text=True)
    elapsed = time.monotonic() - started
    if result.returncode != 0:
        raise SystemExit(f"build with {config} failed:\n{result.stdout}{result.stderr}")
    return elapsed, result.stdout + result.stderr


def bare_config(tmp: Path) -> Path:
    """The same docs/ with Material and the search plugin only: no hooks, no i18n, no overrides."""
    config = {
        "site_name": "bare", "docs_dir": str(ROOT / "docs"), "exclude_docs": "_data/\n",
        "theme": {"name": "material", "language": "ja", "font": False},
        "plugins": ["search"],
        "markdown_extensions": ["attr_list", "def_list", "admonition", "md_in_html", "tables",
                                {"toc": {"permalink": "¶"}}],
    }
    path = tmp / "mkdocs-bare.yml"
    path.write_text(yaml.safe_dump(config, allow_unicode=True), encoding="utf-8")
    return path


def _pdf_log(log: str) -> dict:
    found = PDF_LOG.search(log)
    if not found:
        raise SystemExit(f"the build log does not say how the PDFs were made:\n{log}")
    total, printed, reused, seconds = found.groups()
    return {"pdfs": int(total), "printed": int(printed), "reused": int(reused), "seconds": float(seconds)}


def measure_builds(tmp: Path) -> tuple[dict, Path]:
    site, cache = tmp / "site", tmp / "cache"  # a build cache of this run only: the first build is cold
    cold, log = timed_build(ROOT / "mkdocs.yml", site, cache=cache)
    cold_pdfs = _pdf_log(log)
    warm_runs, warm_pdfs, bare_runs = [], [], []
    for _ in range(RUNS):
        bare_runs.append(timed_build(bare_config(tmp), tmp / "bare", strict=False)[0])
        seconds, log = timed_build(ROOT / "mkdocs.yml", site, cache=cache)
        warm_runs.append(seconds)
        warm_pdfs.append(_pdf_log(log))
    bare, warm = statistics.median(bare_runs), statistics.median(warm_runs)
    cold_without_pdfs = cold - cold_pdfs["seconds"]
    budget = BUDGETS["build_ratio"]
    return {
        "bare_build_s": round(bare, 2),
        "cold_build_s": round(cold, 2),
        "cold_pdfs": cold_pdfs,
        "cold_build_without_pdfs_s": round(cold_without_pdfs, 2),
        "warm_build_s": round(warm, 2),
        "warm_runs_s": [round(x, 2) for x in warm_runs],
        "bare_runs_s": [round(x, 2) for x in bare_runs],
        "warm_pdfs_printed": [run["printed"] for run in warm_pdfs],
        "ratio_cold": round(cold / bare, 2),
        "ratio_cold_without_pdfs": round(cold_without_pdfs / bare, 2),
        "ratio_warm": round(warm / bare, 2),
        "budget_ratio": budget,
        "budget_cold_pdfs_s": BUDGETS["cold_pdfs_s"],
        "budget_cold_rest_ratio": BUDGETS["cold_rest_ratio"],
        "met_warm": warm / bare <= budget,
        "met_cold_pdfs": cold_pdfs["seconds"] <= BUDGETS["cold_pdfs_s"],
        "met_cold_without_pdfs": cold_without_pdfs / bare <= BUDGETS["cold_rest_ratio"],
        "note": ("bare build: same docs/, Material + search plugin only, no hooks and no i18n, so the "
                 "generated pages (guideline, policy, checklists …) are near-empty stubs and the .en.md "
                 "files are built as pages of their own. cold: empty build cache (fresh clone): every "
                 "template compiled and every PDF printed by Chromium; warm: the same build again with "
                 "nothing changed (templates and PDFs reused from the cache, keyed by their inputs)"),
    }, site


def measure_bytes(browser, base: str) -> dict:
    figures = {}
    for path in PAGES:
        context = browser.new_context()
        page = context.new_page()
        finished = []
        page.on("requestfinished", lambda request: finished.append(request))
        page.goto(base + path, wait_until="networkidle")
        page.wait_for_timeout(300)
        total, raw, requests = 0, 0, []
        for request in finished:
            response = request.response()
            body = response.body() if response else b""
            size = len(gzip.compress(body))
            total += size
            raw += len(body)
            requests.append({"url": request.url[len(base):], "status": response.status if response else None,
                             "bytes": len(body), "gzip_bytes": size})
        figures[path] = {"requests": len(requests), "gzip_kb": round(total / 1000, 1),
                         "uncompressed_kb": round(raw / 1000, 1), "responses": requests}
        context.close()
    policy = figures["policy/"]["gzip_kb"]
    if DRAFT_PAGE in figures:
        figures[DRAFT_PAGE]["budget_kb"] = BUDGETS["draft_kb"]
        figures[DRAFT_PAGE]["met"] = figures[DRAFT_PAGE]["gzip_kb"] <= BUDGETS["draft_kb"]
    return {"pages": figures, "budget_policy_kb": BUDGETS["policy_kb"], "met": policy <= BUDGETS["policy_kb"],
            "note": "kB = 1000 bytes; every response the fresh browser received until the network was idle"}


_LATENCY_SCRIPT = """
window.__wkLast = 0; window.__wkShown = [];
document.addEventListener("keyup", () => { window.__wkLast = performance.now(); }, true);
new MutationObserver(() => {
  const list = document.querySelector(".md-search-result__list");
  if (list && list.children.length && window.__wkLast) window.__wkShown.push(performance.now() - window.__wkLast);
}).observe(document, {childList: true, subtree: true});
"""


def measure_search(browser, base: str, queries_file: Path = QUERIES) -> dict:
    queries = yaml.safe_load(queries_file.read_text(encoding="utf-8"))
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    context.add_init_script(_LATENCY_SCRIPT)
    page = context.new_page()
    latencies, no_result = [], []
    current = None
    for case in queries:
        start = case["page"] if "page" in case else ("en/" if case["lang"] == "en" else "")
        if start != current:
            page.goto(base + start)
            box = page.locator("input.md-search__input")
            box.click()
            box.type("warm")  # first use: the index loads and the worker starts (not counted)
            page.wait_for_timeout(1500)
            current = start
        # Japanese text typed by a script arrives without key events (as from an input method),
        # so the query is put in the box and the last keystroke is End, to which Material reacts.
        box.fill(case["query"])
        page.evaluate("document.querySelectorAll('.md-search-result__list').forEach(l => l.replaceChildren());"
                      "window.__wkShown = []; window.__wkLast = 0")
        page.wait_for_timeout(50)
        box.press("End")
        try:
            page.wait_for_function("window.__wkShown.length > 0", timeout=3000)
        except Exception:
            no_result.append(case["query"])
            continue
        page.wait_for_timeout(50)
        latencies.append(page.evaluate("window.__wkShown[0]"))
    context.close()
    median = statistics.median(latencies) if latencies else None
    return {"set": queries_file.name, "queries": len(queries), "measured": len(latencies), "median_ms": round(median, 1) if median else None,
            "p90_ms": round(statistics.quantiles(latencies, n=10)[-1], 1) if len(latencies) >= 10 else None,
            "max_ms": round(max(latencies), 1) if latencies else None, "without_results": no_result,
            "budget_ms": BUDGETS["search_ms"], "met": median is not None and median <= BUDGETS["search_ms"],
            "note": "time from the keyup of the last keystroke (End, after the query was entered) to the first result items in the page, index already loaded"}


# Times one keystroke in the draft box: from keydown to the end of the page's input handler (the
# check and the findings written into the page), and to the next frame (when they are painted).
# This listener is on the document, so it runs after the form's own (draft-check.js).
_DRAFT_SCRIPT = """
window.__wkDraft = [];
document.addEventListener("keydown", (event) => {
  if (event.target.id === "wk-dc-text") { window.__wkDown = performance.now(); }
}, true);
document.addEventListener("input", (event) => {
  if (event.target.id !== "wk-dc-text" || !window.__wkDown) { return; }
  const start = window.__wkDown, handled = performance.now();
  requestAnimationFrame(() => window.__wkDraft.push({handled: handled - start, painted: performance.now() - start}));
  window.__wkDown = 0;
});
"""


_DRAFT_PASTE = """async ([text, times]) => {
  const box = document.getElementById("wk-dc-text");
  const out = [];
  for (let i = 0; i < times; i += 1) {
    const value = i % 2 ? text : "x" + text.slice(0, -1);
    const start = performance.now();
    box.value = value;
    box.dispatchEvent(new InputEvent("input", {bubbles: true, inputType: "insertFromPaste"}));
    const handled = performance.now() - start;
    const painted = await new Promise((done) => requestAnimationFrame(() => done(performance.now() - start)));
    out.push({handled, painted});
  }
  return out;
}"""


def draft_text(chars: int = DRAFT_CHARS) -> str:
    """A draft of `chars` characters made of the corpus's drafts (so every kind of finding occurs)."""
    drafts = yaml.safe_load((ROOT / "tests" / "data" / "drafts.yml").read_text(encoding="utf-8"))["drafts"]
    text = ""
    while len(text) < chars:
        for draft in drafts:
            text += draft["text"] + "\n"
    return text[:chars]


def measure_draft_check(browser, base: str, keystrokes: int = 40, chars: int = DRAFT_CHARS) -> dict:
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    context.add_init_script(_DRAFT_SCRIPT)
    page = context.new_page()
    page.goto(base + DRAFT_PAGE)
    page.wait_for_selector("form[data-wk-draft-check][data-wk-ready]", state="attached")
    page.locator("input[name=account]").first.check()
    page.locator("input[name=account][data-wk-platform=instagram]").check()
    page.locator("#wk-dc-scheduled").fill("2026-12-04T18:30")
    box = page.locator("#wk-dc-text")
    # Pasted at once (one input event), as staff paste a draft; then typed at its end.
    box.evaluate("""(box, text) => { box.value = text; box.dispatchEvent(new InputEvent("input", {bubbles: true})); }""",
                 draft_text(chars - 1))
    box.press("End")
    page.evaluate("window.__wkDraft = []")
    for index in range(keystrokes):  # one character more (2,000), then one fewer, and so on
        box.press("a" if index % 2 == 0 else "Backspace")
        page.wait_for_function(f"window.__wkDraft.length > {index}")
    timings = page.evaluate("window.__wkDraft")
    findings = page.locator("li.wk-dc-finding").count()
    # A paste of the whole draft (the list written anew: every place moves by one character),
    # from the input event to the handler done and to the next frame; median of 5.
    pasted = page.evaluate(_DRAFT_PASTE, [draft_text(chars - 1), 5])
    context.close()
    handled = [t["handled"] for t in timings]
    painted = [t["painted"] for t in timings]
    median = statistics.median(handled)
    budget = BUDGETS["draft_ms"] if chars == DRAFT_CHARS else BUDGETS["draft_long_ms"]
    return {"chars": chars, "keystrokes": len(timings), "findings": findings,
            "median_ms": round(median, 1), "p90_ms": round(statistics.quantiles(handled, n=10)[-1], 1),
            "max_ms": round(max(handled), 1), "to_next_frame_median_ms": round(statistics.median(painted), 1),
            "paste_median_ms": round(statistics.median(p["handled"] for p in pasted), 1),
            "paste_to_next_frame_median_ms": round(statistics.median(p["painted"] for p in pasted), 1),
            "budget_ms": budget, "met": median <= budget and statistics.median(p["handled"] for p in pasted) <= budget,
            "note": "keydown → the page's input handler done (draft checked, counts and list written; the marked copy of "
                    "the text follows when the browser is idle); to_next_frame: → the next animation frame, when they "
                    "are painted (includes waiting for the frame); paste: the whole draft pasted anew (every place "
                    "moved, the list written again), input event → handler done and → next frame; met: keystroke "
                    "and paste medians within the budget"}


# Each rule alone (check's third argument) on each of its adversarial drafts, made in the page:
# the median of `runs` runs of each, the slowest draft per rule. On a shared machine one run in a
# few is slowed by something else (a collection, another process): so the slowest draft of each
# rule is measured again, 15 times, and its median is the figure.
_ADVERSARIAL = """([rule, drafts, runs]) => {
  const config = JSON.parse(document.getElementById("wk-dc-rules").textContent);
  const timed = [];
  for (const draft of drafts) {
    const text = (draft.unit.repeat(draft.times) + draft.end).slice(0, 100000);
    const input = {text, platforms: ["facebook", "instagram", "line"], scheduled: "2026-12-04T10:00",
                   today: "2026-12-01", images: [false]};
    const each = [];
    for (let run = 0; run < runs; run += 1) {
      const start = performance.now();
      window.wakesiteDraftCheck.check(input, config, rule);
      each.push(performance.now() - start);
    }
    each.sort((a, b) => a - b);
    timed.push({ms: each[Math.floor(runs / 2)], draft});
  }
  timed.sort((a, b) => b.ms - a.ms);
  return timed[0];
}"""


def measure_adversarial(browser, base: str) -> dict:
    """The slowest adversarial draft of 100,000 characters for each rule of the draft check."""
    from wakesite import draftcheck

    rules = load_project(ROOT).draft_rules
    context = browser.new_context()
    page = context.new_page()
    page.goto(base + DRAFT_PAGE)
    page.wait_for_function("window.wakesiteDraftCheck !== undefined")
    per_rule = {}
    for rule in rules.rules:
        drafts = draftcheck.adversarial_inputs(rule)
        first = page.evaluate(_ADVERSARIAL, [rule.id, drafts, 3])
        again = page.evaluate(_ADVERSARIAL, [rule.id, [first["draft"]], 15])
        draft = first["draft"]
        per_rule[rule.id] = {"ms": round(again["ms"], 1), "first_pass_ms": round(first["ms"], 1), "drafts": len(drafts),
                             "draft": json.dumps(draft["unit"][:20], ensure_ascii=False) + f" × {draft['times']}"
                                      + (f" + {json.dumps(draft['end'], ensure_ascii=False)}" if draft["end"] else "")}
    context.close()
    worst = max(per_rule, key=lambda rule: per_rule[rule]["ms"])
    return {"chars": 100_000, "rules": per_rule, "slowest_rule": worst, "slowest_ms": per_rule[worst]["ms"],
            "budget_ms": BUDGETS["draft_rule_ms"], "met": per_rule[worst]["ms"] <= BUDGETS["draft_rule_ms"],
            "note": "each rule alone (check(input, config, rule)) on each of its adversarial drafts, median of 3 runs; "
                    "the slowest draft of each rule measured again, median of 15 runs (first_pass_ms: its first figure)"}


def measure_index(site: Path) -> dict:
    """The search index each language's pages fetch on first use of search (and Material's merged
    one, kept for browsers that skip the page's loader), in kB gzip."""
    sizes = {}
    for path in sorted((site / "search").glob("search_index*.json")):
        body = path.read_bytes()
        sizes[path.name] = {"kb": round(len(body) / 1000, 1), "gzip_kb": round(len(gzip.compress(body)) / 1000, 1),
                            "entries": len(json.loads(body)["docs"])}
    return sizes


def measure_pdfs(site: Path) -> dict:
    """Every checklist PDF printed again by Chromium (no cache), one browser for all."""
    ids = [c.id for c in load_project(ROOT).checklists]
    jobs = checklists.sheets(site, ids)
    started = time.monotonic()
    run = pdf.make_blank_pdfs(site, jobs)
    return {"pdfs": len(run.files), "printed": run.printed, "seconds": round(time.monotonic() - started, 2)}


def lighthouse(base: str) -> dict:
    npm = shutil.which("npm")
    if not npm:
        return {"error": "npm not found"}
    install = subprocess.run([npm, "ci", "--no-audit", "--no-fund"], cwd=HERE, capture_output=True, text=True)
    if install.returncode != 0:
        return {"error": f"npm ci failed: {install.stderr[-800:]}"}
    out = Path(tempfile.mkdtemp(prefix="wakesite-lh-")) / "lighthouse.json"
    env = dict(os.environ, CHROME_PATH=str(chromium.CHROMIUM))
    flags = " ".join(["--headless=new", *chromium.ARGS])
    result = subprocess.run([str(HERE / "node_modules" / ".bin" / "lighthouse"), base + "policy/",
                             "--quiet", "--output=json", f"--output-path={out}", f"--chrome-flags={flags}",
                             "--form-factor=mobile", "--only-categories=performance,accessibility,best-practices,seo"],
                            cwd=HERE, env=env, capture_output=True, text=True)
    if result.returncode != 0 or not out.exists():
        return {"error": f"lighthouse failed: {result.stderr[-800:]}"}
    data = json.loads(out.read_text(encoding="utf-8"))
    scores = {key: round(cat["score"] * 100) if cat["score"] is not None else None
              for key, cat in data["categories"].items()}
    failed = {key: [audit for audit in cat["auditRefs"] if audit["weight"] > 0
                    and (data["audits"][audit["id"]]["score"] or 0) < 1]
              for key, cat in data["categories"].items()}
    return {"version": data.get("lighthouseVersion"), "url": "/policy/", "form_factor": "mobile", "scores": scores,
            "not_full_marks": {key: [a["id"] for a in audits] for key, audits in failed.items() if audits},
            "metrics": {m: data["audits"][m].get("displayValue") for m in
                        ("first-contentful-paint", "largest-contentful-paint", "total-blocking-time",
                         "cumulative-layout-shift", "speed-index") if m in data["audits"]},
            "target": BUDGETS["lighthouse"],
            "met": all(score == BUDGETS["lighthouse"] for score in scores.values())}


def table(report: dict) -> str:
    b, d, s, p, lh = (report["build"], report["download"], report["search"], report["pdfs"],
                      report.get("lighthouse", {}))
    yes = lambda ok: "met" if ok else "NOT met"  # noqa: E731
    rows = [
        ("Full bilingual build, rebuild (warm cache, median of 5)",
         f"{b['warm_build_s']} s = {b['ratio_warm']} × bare ({b['bare_build_s']} s)",
         f"≤ {b['budget_ratio']} ×", yes(b["met_warm"])),
        ("Full bilingual build, first (cold cache), in all",
         f"{b['cold_build_s']} s = {b['ratio_cold']} × bare", "(the two parts below)", "–"),
        (f"  its printing of the {b['cold_pdfs']['pdfs']} checklist PDFs", f"{b['cold_pdfs']['seconds']} s",
         f"≤ {b['budget_cold_pdfs_s']:.0f} s", yes(b["met_cold_pdfs"])),
        ("  the rest of it", f"{b['cold_build_without_pdfs_s']} s = {b['ratio_cold_without_pdfs']} × bare",
         f"≤ {b['budget_cold_rest_ratio']} ×", yes(b["met_cold_without_pdfs"])),
    ]
    for path, fig in d["pages"].items():
        budget = (f"≤ {d['budget_policy_kb']:.0f} kB" if path == "policy/" else
                  f"≤ {fig['budget_kb']:.0f} kB" if "budget_kb" in fig else "–")
        rows.append((f"First visit /{path} (gzip)", f"{fig['gzip_kb']} kB in {fig['requests']} requests", budget,
                     yes(d["met"]) if path == "policy/" else yes(fig["met"]) if "met" in fig else "–"))
    for key in ("draft_check", "draft_check_long"):
        dc = report.get(key)
        if dc:
            rows.append((f"Draft check, last keystroke → findings shown ({dc['chars']:,} characters, {dc['findings']} findings listed)",
                         f"{dc['median_ms']} ms median (p90 {dc['p90_ms']} ms; to the next frame {dc['to_next_frame_median_ms']} ms; "
                         f"a paste of all of it {dc.get('paste_median_ms')} ms, to the next frame {dc.get('paste_to_next_frame_median_ms')} ms)",
                         f"≤ {dc['budget_ms']:.0f} ms", yes(dc["met"])))
    adv = report.get("draft_adversarial")
    if adv:
        rows.append((f"Draft check, each rule on its adversarial drafts of {adv['chars']:,} characters (slowest)",
                     f"{adv['slowest_ms']} ms ({adv['slowest_rule']}: {adv['rules'][adv['slowest_rule']]['draft']})",
                     f"≤ {adv['budget_ms']:.0f} ms", yes(adv["met"])))
    rows.append(("Search latency, median", f"{s['median_ms']} ms (p90 {s['p90_ms']} ms, {s['measured']} queries)",
                 f"≤ {s['budget_ms']:.0f} ms", yes(s["met"])))
    if "search_v2" in report:
        s2 = report["search_v2"]
        rows.append(("Search latency, median, second set (typed on each user's page)",
                     f"{s2['median_ms']} ms (p90 {s2['p90_ms']} ms, {s2['measured']} queries)",
                     f"≤ {s2['budget_ms']:.0f} ms", yes(s2["met"])))
    for name, size in report.get("index", {}).items():
        rows.append((f"Search index {name}", f"{size['gzip_kb']} kB gzip ({size['kb']} kB, {size['entries']} entries)",
                     "–", "–"))
    rows.append(("Checklist PDFs", f"{p['pdfs']} PDFs in {p['seconds']} s", "–", "–"))
    if "scores" in lh:
        rows.append((f"Lighthouse {lh['version']} /policy/ (mobile)",
                     ", ".join(f"{k} {v}" for k, v in lh["scores"].items()), "100 each", yes(lh["met"])))
    elif lh:
        rows.append(("Lighthouse", lh.get("error", "not run"), "100 each", "not measured"))
    lines = ["| measure | result | budget | |", "| --- | --- | --- | --- |"]
    lines += [f"| {a} | {b_} | {c} | {e} |" for a, b_, c, e in rows]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    from playwright.sync_api import sync_playwright

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--no-lighthouse", action="store_true", help="skip Lighthouse (needs npm)")
    parser.add_argument("--search-only", action="store_true",
                        help="build once and measure only search latency over both query sets; update that part of the report")
    parser.add_argument("--draft-check-only", action="store_true",
                        help="build once and measure only the draft check (latency, first visit); update that part of the report")
    args = parser.parse_args(argv)
    if args.draft_check_only:
        return draft_check_only()
    if args.search_only:
        return search_only()
    report: dict = {"date": datetime.datetime.now().astimezone().isoformat(timespec="seconds"),
                    "machine": {"python": platform.python_version(), "system": platform.platform(),
                                "cpus": os.cpu_count()}}
    with tempfile.TemporaryDirectory(prefix="wakesite-bench-") as tmp:
        print(f"building (cold, then bare and warm × {RUNS}) …", file=sys.stderr)
        report["build"], site = measure_builds(Path(tmp))
        with localserver.serve(site, compress=True) as base:
            with sync_playwright() as playwright:
                browser = chromium.launch(playwright)
                try:
                    print("measuring downloads and search …", file=sys.stderr)
                    report["download"] = measure_bytes(browser, base)
                    report["search"] = measure_search(browser, base)
                    report["search_v2"] = measure_search(browser, base, QUERIES_V2)
                    report["draft_check"] = measure_draft_check(browser, base)
                    report["draft_check_long"] = measure_draft_check(browser, base, keystrokes=10, chars=DRAFT_LONG_CHARS)
                    report["draft_adversarial"] = measure_adversarial(browser, base)
                finally:
                    browser.close()
            report["index"] = measure_index(site)
            print("printing PDFs …", file=sys.stderr)
            report["pdfs"] = measure_pdfs(site)
            if not args.no_lighthouse:
                print("running Lighthouse …", file=sys.stderr)
                report["lighthouse"] = lighthouse(base)
    report["table"] = table(report)
    REPORT.write_text(json.dumps(report, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    print(report["table"])
    print(f"wrote {REPORT.relative_to(ROOT)}")
    return 0


def search_only() -> int:
    """Search latency over both query sets on a site built once, written into the existing report."""
    from playwright.sync_api import sync_playwright

    report = json.loads(REPORT.read_text(encoding="utf-8")) if REPORT.exists() else {}
    with tempfile.TemporaryDirectory(prefix="wakesite-bench-") as tmp:
        site = Path(tmp) / "site"
        print("building …", file=sys.stderr)
        timed_build(ROOT / "mkdocs.yml", site)
        with localserver.serve(site, compress=True) as base, sync_playwright() as playwright:
            browser = chromium.launch(playwright)
            try:
                report["search"] = measure_search(browser, base)
                report["search_v2"] = measure_search(browser, base, QUERIES_V2)
            finally:
                browser.close()
        report["index"] = measure_index(site)
    for key in ("search", "search_v2"):
        report[key]["date"] = datetime.datetime.now().astimezone().isoformat(timespec="seconds")
        report[key]["load_average"] = [round(x, 1) for x in os.getloadavg()]
    if all(key in report for key in ("build", "download", "search", "pdfs")):
        report["table"] = table(report)
    REPORT.write_text(json.dumps(report, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    for key in ("search", "search_v2"):
        s = report[key]
        print(f"search latency, {s['set']}: median {s['median_ms']} ms, p90 {s['p90_ms']} ms, max {s['max_ms']} ms "
              f"({s['measured']} of {s['queries']} queries; without results: {len(s['without_results'])}); "
              f"load average {report[key]['load_average']}")
    return 0


def draft_check_only() -> int:
    """The draft check's two figures on a site built once, written into the existing report."""
    from playwright.sync_api import sync_playwright

    report = json.loads(REPORT.read_text(encoding="utf-8")) if REPORT.exists() else {}
    with tempfile.TemporaryDirectory(prefix="wakesite-bench-") as tmp:
        site = Path(tmp) / "site"
        print("building …", file=sys.stderr)
        timed_build(ROOT / "mkdocs.yml", site)
        with localserver.serve(site, compress=True) as base, sync_playwright() as playwright:
            browser = chromium.launch(playwright)
            try:
                saved = PAGES[:]
                PAGES[:] = ["policy/", DRAFT_PAGE]
                download = measure_bytes(browser, base)
                PAGES[:] = saved
                report["draft_check"] = measure_draft_check(browser, base)
                report["draft_check_long"] = measure_draft_check(browser, base, keystrokes=10, chars=DRAFT_LONG_CHARS)
                report["draft_adversarial"] = measure_adversarial(browser, base)
            finally:
                browser.close()
    for key in ("draft_check", "draft_check_long", "draft_adversarial"):
        report[key]["date"] = datetime.datetime.now().astimezone().isoformat(timespec="seconds")
        report[key]["load_average"] = [round(x, 1) for x in os.getloadavg()]
    report.setdefault("download", {"pages": {}, "budget_policy_kb": BUDGETS["policy_kb"]})
    report["download"]["pages"][DRAFT_PAGE] = download["pages"][DRAFT_PAGE]
    if all(key in report for key in ("build", "download", "search", "pdfs")):
        report["table"] = table(report)
    REPORT.write_text(json.dumps(report, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    fig, dc = download["pages"][DRAFT_PAGE], report["draft_check"]
    print(f"first visit /{DRAFT_PAGE}: {fig['gzip_kb']} kB gzip in {fig['requests']} requests (policy/: {download['pages']['policy/']['gzip_kb']} kB)")
    for dc in (report["draft_check"], report["draft_check_long"]):
        print(f"draft check, {dc['chars']} characters, {dc['findings']} findings: median {dc['median_ms']} ms, "
              f"p90 {dc['p90_ms']} ms, max {dc['max_ms']} ms; to the next frame {dc['to_next_frame_median_ms']} ms "
              f"(budget {dc['budget_ms']:.0f} ms: {'met' if dc['met'] else 'NOT met'}); a paste of all of it: "
              f"{dc['paste_median_ms']} ms, to the next frame {dc['paste_to_next_frame_median_ms']} ms")
    adv = report["draft_adversarial"]
    for rule, figure in adv["rules"].items():
        print(f"  {rule:22} {figure['ms']:7.1f} ms (first pass {figure['first_pass_ms']} ms)  slowest of {figure['drafts']}: {figure['draft']}")
    print(f"adversarial drafts of 100,000 characters: slowest rule {adv['slowest_rule']} {adv['slowest_ms']} ms "
          f"(budget {adv['budget_ms']:.0f} ms: {'met' if adv['met'] else 'NOT met'}); load average {adv['load_average']}")
    print(f"wrote {REPORT.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
