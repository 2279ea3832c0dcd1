"""Automated accessibility test of a built site: axe-core on every page, both languages, in Chromium.

Used by `scripts/accessibility_report.py` (which writes docs/_data/accessibility.json, shown on
the ウェブアクセシビリティ方針・試験結果 page) and by tests/browser/test_accessibility.py (which
fails on any violation and on a stale report). axe-core comes inside the PyPI wheel of
axe-playwright-python: nothing is downloaded.

What is tested: every page of the built site (each `index.html`, except redirect stubs), in
each language, at 1280 × 900 CSS px; then a few states that only exist after interaction or on
small screens: search results shown, a checklist with every conditional item shown and a tick
set, and phone width (390 px). Rules: axe's WCAG 2.0, 2.1 and 2.2 A and AA rules (TAGS).
"""
from __future__ import annotations

import datetime
import json
from pathlib import Path

TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
    "--disable-sync", "--no-first-run", "--disable-quic",
]
DESKTOP = {"width": 1280, "height": 900}
PHONE = {"width": 390, "height": 844}
REPORT = Path(__file__).resolve().parents[2] / "docs" / "_data" / "accessibility.json"

# States reached by interaction, tested on top of every page's plain view:
# (name, page path, viewport, action). Actions are in `_prepare`.
STATES = [
    ("search-results", "", DESKTOP, "search:パスワード"),
    ("search-results", "en/", DESKTOP, "search:password"),
    ("checklist-filled", "checklists/pre-post/", DESKTOP, "checklist"),
    ("checklist-filled", "en/checklists/pre-post/", DESKTOP, "checklist"),
    ("phone", "", PHONE, None),
    ("phone", "policy/", PHONE, None),
    ("phone", "checklists/pre-post/", PHONE, None),
    ("phone", "en/policy/", PHONE, None),
]


def is_redirect_stub(html_file: Path) -> bool:
    head = html_file.read_text(encoding="utf-8", errors="replace")[:2000]
    return 'http-equiv="refresh"' in head


def page_paths(site_dir: Path) -> list[str]:
    """Every page of a built site as a path from its root ('' for the home page, 'en/policy/')."""
    paths = []
    for file in sorted(Path(site_dir).rglob("index.html")):
        if is_redirect_stub(file):
            continue
        rel = file.parent.relative_to(site_dir).as_posix()
        paths.append("" if rel == "." else rel + "/")
    return sorted(paths, key=lambda p: (p.startswith("en/"), p))


def _axe():
    from axe_playwright_python.sync_playwright import Axe
    return Axe()


def axe_version() -> str:
    script = _axe().axe_script
    marker = "axe v"
    start = script.find(marker)
    return script[start + len(marker):].split()[0] if start >= 0 else "unknown"


def _prepare(page, action: str | None) -> None:
    if not action:
        return
    if action.startswith("search:"):
        box = page.locator("input.md-search__input")
        page.keyboard.press("/")  # Material's shortcut opens search (also on phones, where the box is folded)
        box.fill(action.split(":", 1)[1])
        box.press("End")  # Material reacts to key events
        page.wait_for_selector(".md-search-result__item", state="visible")
        page.wait_for_timeout(300)
    elif action == "checklist":
        page.wait_for_selector("form.wk-checklist[data-wk-ready]", state="attached")
        for box in page.locator("#wk-cl-fields input[type=checkbox]").all():
            box.check()  # every condition met: every conditional item shown
        page.locator("input.wk-cl-check").first.check()
        page.evaluate("window.scrollTo(0, 0)")
    page.wait_for_timeout(400)  # let transitions end (the header title fades when the page scrolls)


def _check(axe, page) -> dict:
    options = {"runOnly": {"type": "tag", "values": TAGS}, "resultTypes": ["violations"]}
    response = axe.run(page, options=options).response
    return {
        "violations": [{
            "rule": v["id"], "impact": v.get("impact"), "help": v["help"],
            "criteria": _criteria(v["tags"]),
            "nodes": [{"target": n["target"], "summary": n.get("failureSummary", "")} for n in v["nodes"]],
        } for v in response["violations"]],
        "passes": sorted(p["id"] for p in response["passes"]),
        "inapplicable": sorted(p["id"] for p in response["inapplicable"]),
        "incomplete": sorted(p["id"] for p in response["incomplete"]),
        "criteria": {r["id"]: _criteria(r["tags"]) for kind in ("violations", "passes", "incomplete")
                     for r in response[kind]},
        "engine": response.get("testEngine", {}).get("version"),
    }


def _criteria(tags: list[str]) -> list[str]:
    """axe tags such as 'wcag143' → WCAG success criteria '1.4.3'."""
    found = []
    for tag in tags:
        digits = tag[4:]
        if tag.startswith("wcag") and digits.isdigit() and len(digits) >= 3:
            found.append(f"{digits[0]}.{digits[1]}.{digits[2:]}")
    return found


def audit(browser, base_url: str, site_dir: Path, states=STATES) -> dict:
    """Run axe on every page of `site_dir` (served at `base_url`) and on the interaction states.

    `browser` is a Playwright (sync) Browser. Returns the report (see `report`)."""
    axe = _axe()
    pages = page_paths(site_dir)
    results = []
    runs = [(path, "page", DESKTOP, None) for path in pages]
    runs += [(path, name, viewport, action) for name, path, viewport, action in states if path in pages]
    by_viewport: dict[tuple, object] = {}
    try:
        for path, state, viewport, action in runs:
            key = (viewport["width"], viewport["height"])
            if key not in by_viewport:
                context = browser.new_context(viewport=viewport, locale="ja-JP")
                by_viewport[key] = (context, context.new_page())
            page = by_viewport[key][1]
            page.goto(base_url + path, wait_until="load")
            _prepare(page, action)
            outcome = _check(axe, page)
            outcome.update(path=path, state=state, width=viewport["width"])
            results.append(outcome)
    finally:
        for context, _ in by_viewport.values():
            context.close()
    return report(results, pages)


def report(results: list[dict], pages: list[str]) -> dict:
    """The JSON the accessibility page shows: per page, per state and per rule."""
    rules: dict[str, dict] = {}
    for r in results:
        for rule in r["passes"]:
            rules.setdefault(rule, {"passed": 0, "failed": 0, "inapplicable": 0, "incomplete": 0})["passed"] += 1
        for v in r["violations"]:
            rules.setdefault(v["rule"], {"passed": 0, "failed": 0, "inapplicable": 0, "incomplete": 0})["failed"] += 1
        for rule in r["inapplicable"]:
            rules.setdefault(rule, {"passed": 0, "failed": 0, "inapplicable": 0, "incomplete": 0})["inapplicable"] += 1
        for rule in r["incomplete"]:
            rules.setdefault(rule, {"passed": 0, "failed": 0, "inapplicable": 0, "incomplete": 0})["incomplete"] += 1
    criteria: dict[str, list[str]] = {}
    for r in results:
        criteria.update(r["criteria"])
    for rule, counts in rules.items():
        counts["criteria"] = criteria.get(rule, [])
    now = datetime.datetime.now().astimezone()
    return {
        "date": now.date().isoformat(),
        "timestamp": now.isoformat(timespec="seconds"),
        "tool": "axe-core (axe-playwright-python) in Debian Chromium",
        "axe_version": next((r["engine"] for r in results if r.get("engine")), axe_version()),
        "tags": TAGS,
        "pages": pages,
        "results": [{
            "path": r["path"], "state": r["state"], "width": r["width"],
            "violations": len(r["violations"]),
            "violation_nodes": sum(len(v["nodes"]) for v in r["violations"]),
            "passes": len(r["passes"]), "incomplete": len(r["incomplete"]),
            "details": r["violations"],
        } for r in results],
        "rules": dict(sorted(rules.items())),
        "total_violations": sum(len(r["violations"]) for r in results),
    }


def failures(report_data: dict) -> list[str]:
    """One line per violation (page, state, rule, elements): empty when everything passed."""
    lines = []
    for r in report_data["results"]:
        for v in r["details"]:
            targets = "; ".join(" ".join(map(str, n["target"])) for n in v["nodes"][:5])
            lines.append(f"/{r['path']} [{r['state']}, {r['width']} px] {v['rule']} ({v['help']}): {targets}")
    return lines


def stale(committed: dict | None, pages: list[str]) -> list[str]:
    """Why the committed report does not describe this build ([] when it does)."""
    if committed is None:
        return ["docs/_data/accessibility.json is missing"]
    problems = []
    if committed.get("pages") != pages:
        missing = sorted(set(pages) - set(committed.get("pages", [])))
        extra = sorted(set(committed.get("pages", [])) - set(pages))
        problems.append(f"its page list differs from the built site's (not tested: {missing}; gone: {extra})")
    if committed.get("total_violations", 1) != 0:
        problems.append(f"it records {committed.get('total_violations')} violations")
    if committed.get("tags") != TAGS:
        problems.append(f"it was run with tags {committed.get('tags')}, not {TAGS}")
    return problems


def load_report(path: Path = REPORT) -> dict | None:
    if not path.exists():
        return None
    return json.loads(path.read_text(encoding="utf-8"))


def write_report(data: dict, path: Path = REPORT) -> None:
    path.write_text(json.dumps(data, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")


def criteria_summary(report_data: dict) -> list[dict]:
    """Per WCAG success criterion: the axe rules that test it and the combined outcome,
    'failed' (any violation), 'passed' (passed somewhere, never failed), 'review' (axe could not
    decide, never passed or failed) or 'inapplicable'. Sorted by criterion number."""
    by_criterion: dict[str, dict] = {}
    for rule, counts in report_data.get("rules", {}).items():
        for criterion in counts.get("criteria") or []:
            entry = by_criterion.setdefault(criterion, {"criterion": criterion, "rules": [], "passed": 0,
                                                        "failed": 0, "incomplete": 0})
            entry["rules"].append(rule)
            for key in ("passed", "failed", "incomplete"):
                entry[key] += counts.get(key, 0)
    for entry in by_criterion.values():
        entry["outcome"] = ("failed" if entry["failed"] else "passed" if entry["passed"]
                            else "review" if entry["incomplete"] else "inapplicable")
    return sorted(by_criterion.values(), key=lambda e: tuple(int(x) for x in e["criterion"].split(".")))
