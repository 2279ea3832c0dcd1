"""One crawl of a built site in Chromium: axe-core at three widths, and the page's health.

Every page of the built site (each `index.html`, except redirect stubs), in each language, is
opened once and
- tested with axe-core (WCAG 2.0, 2.1 and 2.2 A and AA rules: TAGS) at each of WIDTHS (desktop
  1280 × 720, tablet 768, phone 390: the window is resized, as a person turns a tablet), then
- on the first page of each language and folder depth, searched, as a visitor does (search
  loads its index and worker on first use: `searched_pages`),
while every request and console message is recorded: requests to any host but the local server
(privacy: no fonts, CDN or analytics), failed requests or HTTP errors, console errors and
uncaught exceptions (page health). Then a few states that exist only after interaction are
tested with axe: search results shown, a checklist with every conditional item shown and a tick.

tests/browser/test_crawl.py visits each page (`visit_page`, one test per page, spread over the
test workers) and fails on any finding; `crawl` visits them all, split between two browsers side
by side, for `scripts/accessibility_report.py` (which writes docs/_data/accessibility.json, shown
on the ウェブアクセシビリティ方針・試験結果 page). axe-core comes inside the PyPI wheel of
axe-playwright-python: nothing is downloaded.
"""
from __future__ import annotations

import datetime
import threading
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

from . import accessibility, pagepath
from .chromium import launch as launch_chromium

TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
DESKTOP = {"width": 1280, "height": 720}
WIDTHS = [DESKTOP, {"width": 768, "height": 1024}, {"width": 390, "height": 844}]
WORKERS = 2

# States reached by interaction, tested on top of every page's plain view:
# (name, page path, action). Actions are in `_prepare`.
STATES = [
    ("search-results", "", "search:パスワード"),
    ("search-results", "en/", "search:password"),
    ("checklist-filled", "checklists/pre-post/", "checklist"),
    ("checklist-filled", "en/checklists/pre-post/", "checklist"),
    ("draft-findings", "draft-check/", "draft"),
    ("draft-findings", "en/draft-check/", "draft"),
    # The approval record: the summary of open findings before carrying, and the carried draft on
    # the sheet with ticks a finding contradicts (marked 未解決) and the summary before printing.
    ("draft-open", "draft-check/", "draft-open"),
    ("draft-open", "en/draft-check/", "draft-open"),
    ("record-open", "checklists/pre-post/", "record-open"),
    ("record-open", "en/checklists/pre-post/", "record-open"),
]
# A draft that gives findings of every severity, marked in the text, with a decision to record,
# and notes of the summary line (full-width numerals, a link to the town's own domain).
DRAFT_WITH_FINDINGS = ("12月20日（土）は餅つき大会です。\n問合せ ０８６９－００－１２３４\nhttps://bit.ly/3xYzAbc\n"
                       "https://www.town.wake.lg.jp/ #stargazing")

# What a visitor searches for on each page (the results must appear).
SEARCH_WORDS = {"ja": "決裁", "en": "approval"}


def load_axe():
    from axe_playwright_python.sync_playwright import Axe
    return Axe()


def axe_version() -> str:
    script = load_axe().axe_script
    marker = "axe v"
    start = script.find(marker)
    return script[start + len(marker):].split()[0] if start >= 0 else "unknown"


def search_for(page, words: str) -> None:
    """Type in Material's search box as a person does and wait until results are shown (those
    in the page's language: the others are hidden) and nothing moves any more."""
    page.keyboard.press("/")  # Material's shortcut opens search (also on phones, where the box is folded)
    box = page.locator("input.md-search__input")
    box.fill(words)  # one input, which the theme hands to Material as the keyup it searches on
    page.locator(".md-search-result__item:visible").first.wait_for()
    # Results stay put once Material has written them and its overlay has faded in.
    page.wait_for_function("""() => new Promise(done => requestAnimationFrame(() => requestAnimationFrame(
        () => done(document.getAnimations().every(a => a.playState !== "running")))))""")


def _prepare(page, action: str) -> None:
    if action.startswith("search:"):
        search_for(page, action.split(":", 1)[1])
    elif action == "checklist":
        page.wait_for_selector("form.wk-checklist[data-wk-ready]", state="attached")
        for box in page.locator(".wk-cl-fields input[type=checkbox]").all():
            box.check()  # every condition met: every conditional item shown
        page.locator("input.wk-cl-check").first.check()
        _settle(page)
    elif action in ("draft", "draft-open"):
        page.wait_for_selector("form[data-wk-draft-check][data-wk-ready]", state="attached")
        page.locator("#wk-dc-text").fill(DRAFT_WITH_FINDINGS)
        page.locator("input[name=account]").first.check()
        page.locator("li.wk-dc-finding--reference").first.wait_for()
        if action == "draft-open":
            page.locator("[data-wk-dc-action=carry]").click()
            page.locator("[data-wk-dc-open] li").first.wait_for()
        _settle(page)
    elif action == "record-open":
        page.goto(page.url.replace("checklists/pre-post/", "draft-check/"))
        _prepare(page, "draft-open")
        page.locator("[data-wk-dc-action=carry-anyway]").click()
        page.wait_for_selector("form.wk-checklist[data-wk-ready]", state="attached")
        for box in page.locator("li.wk-cl-item:not([hidden]) input.wk-cl-check").all():
            box.check()
        page.locator("[data-wk-action=print-filled]").first.click()
        page.locator("[data-wk-open-summary] li").first.wait_for()
        _settle(page)


def _settle(page) -> None:
    """Back at the top, once every transition (the header title fades as the page scrolls) has ended."""
    page.evaluate("window.scrollTo(0, 0)")
    page.wait_for_function("() => document.getAnimations().every(a => a.playState !== 'running')")


def _check(axe, page) -> dict:
    options = {"runOnly": {"type": "tag", "values": TAGS}, "resultTypes": ["violations"]}
    # axe goes into each document once (not once per run); the report names elements by their
    # selectors, so axe need not copy every element's HTML into its results.
    if page.evaluate("typeof window.axe") == "undefined":
        page.evaluate(axe.axe_script)
        page.evaluate("window.axe.configure({noHtml: true})")
    response = page.evaluate("options => window.axe.run(document, options)", options)
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


@dataclass
class Visit:
    """What one visit of a page (or of a state of it) found."""

    results: list[dict] = field(default_factory=list)  # axe, one per width or state
    foreign: list[str] = field(default_factory=list)  # requests to another host
    broken: list[str] = field(default_factory=list)  # failed requests, HTTP errors, console errors

    def violations(self) -> list[str]:
        return accessibility.failures({"results": [{**r, "details": r["violations"]} for r in self.results]})


class Watch:
    """Records, for one browser page, what the visitor's browser requested and logged."""

    def __init__(self, page, base_url: str) -> None:
        self.page, self.own = page, urlsplit(base_url).netloc
        self.visit = Visit()
        self.leaving = False  # between asking for another page and that page's DOMContentLoaded
        page.on("request", self._request)
        page.on("domcontentloaded", lambda _: setattr(self, "leaving", False))
        page.on("requestfailed", self._failed)
        page.on("response", lambda response: self._note("broken", f"HTTP {response.status} {response.url}")
                if response.status >= 400 else None)
        page.on("console", lambda message: self._note("broken", f"console {message.type}: {message.text}")
                if message.type == "error" else None)
        page.on("pageerror", lambda error: self._note("broken", f"uncaught {error}"))

    def _note(self, kind: str, message: str) -> None:
        getattr(self.visit, kind).append(f"{self.page.url}: {message}")

    def _request(self, request) -> None:
        if request.is_navigation_request() and request.frame == self.page.main_frame:
            self.leaving = True
        if not request.url.startswith("data:") and urlsplit(request.url).netloc not in (self.own, ""):
            self._note("foreign", f"request to another host: {request.url}")

    def _failed(self, request) -> None:
        # A request the browser drops (ERR_ABORTED) while the visitor goes on to another page (a
        # link, a button that opens the next page: the page's own requests, the browser's favicon)
        # is no fault of the page. A missing file or a server error is an HTTP error, noted as such.
        if request.failure == "net::ERR_ABORTED" and self.leaving:
            return
        self._note("broken", f"failed {request.url} ({request.failure})")
    def take(self) -> Visit:
        visit, self.visit = self.visit, Visit()
        return visit


def _lang_and_depth(path: str) -> tuple[str, int]:
    lang = "en" if path.startswith("en/") else "ja"
    return lang, len([part for part in path.removeprefix("en/").split("/") if part])


def searched_pages(pages: list[str]) -> set[str]:
    """The pages the crawl searches on: the first of each language and folder depth. What search
    loads (its worker, the index) is the same on every page but for the relative address, which
    depends only on the depth; searching builds the whole index in the page, the costliest step
    of a visit after axe."""
    first: dict[tuple[str, int], str] = {}
    for path in pages:
        first.setdefault(_lang_and_depth(path), path)
    return set(first.values())


def visit_page(watch: Watch, axe, base_url: str, path: str, search: bool = True) -> Visit:
    """Open a page, test it with axe at every width, search on it (unless not `search`); what
    was found."""
    page = watch.page
    page.set_viewport_size(DESKTOP)
    page.goto(base_url + path, wait_until="load")
    results = []
    for viewport in WIDTHS:
        page.set_viewport_size(viewport)
        results.append({**_check(axe, page), "path": path, "state": "page", "width": viewport["width"]})
    page.set_viewport_size(DESKTOP)
    if search:
        search_for(page, SEARCH_WORDS[_lang_and_depth(path)[0]])
    visit = watch.take()
    visit.results = results
    return visit


def visit_state(watch: Watch, axe, base_url: str, name: str, path: str, action: str) -> Visit:
    """Open a page, bring it to a state (search results shown …), test that with axe."""
    page = watch.page
    page.set_viewport_size(DESKTOP)
    page.goto(base_url + path, wait_until="load")
    _prepare(page, action)
    result = {**_check(axe, page), "path": path, "state": name, "width": DESKTOP["width"]}
    visit = watch.take()
    visit.results = [result]
    return visit


@dataclass
class Crawl:
    """What a crawl of every page found: every visit's axe results and page health."""

    pages: list[str]
    visits: list[Visit] = field(default_factory=list)

    def report(self) -> dict:
        """The report of the accessibility page: plain pages first, then the states; pages in
        site order, the widest view first (the threads finish in any order)."""
        states = ["page"] + list(dict.fromkeys(name for name, *_ in STATES))
        order = {path: index for index, path in enumerate(self.pages)}
        results = [r for visit in self.visits for r in visit.results]
        return report(sorted(results, key=lambda r: (states.index(r["state"]), order[r["path"]], -r["width"])),
                      self.pages)


def _crawl_part(base_url: str, paths: list[str], searched: set[str], states: list, visits: list[Visit]) -> None:
    """Visit `paths` (and `states`) in a browser of this thread's own."""
    from playwright.sync_api import sync_playwright

    axe = load_axe()
    with sync_playwright() as playwright:
        browser = launch_chromium(playwright)
        try:
            watch = Watch(browser.new_context(viewport=DESKTOP, locale="ja-JP").new_page(), base_url)
            for path in paths:
                visits.append(visit_page(watch, axe, base_url, path, search=path in searched))
            for name, path, action in states:
                visits.append(visit_state(watch, axe, base_url, name, path, action))
        finally:
            browser.close()


def crawl(base_url: str, site_dir: Path, states=STATES, workers: int = WORKERS) -> Crawl:
    """Visit every page of `site_dir`, served at `base_url`, and the states (see the module
    docstring), split between `workers` browsers side by side."""
    pages = pagepath.reading_pages(site_dir)
    found = Crawl(pages)
    wanted = [state for state in states if state[1] in pages]
    parts = [(pages[n::workers], wanted[n::workers]) for n in range(workers)]
    errors: list[BaseException] = []

    searched = searched_pages(pages)

    def work(paths, part_states):
        try:
            _crawl_part(base_url, paths, searched, part_states, found.visits)  # list.append is thread-safe
        except BaseException as error:  # handed back to the caller's thread
            errors.append(error)

    threads = [threading.Thread(target=work, args=part, name=f"wakesite-crawl-{n}") for n, part in enumerate(parts)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    if errors:
        raise errors[0]
    return found


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
    widths = {r.get("width") for r in committed.get("results", []) if r.get("state") == "page"}
    if widths != {viewport["width"] for viewport in WIDTHS}:
        problems.append(f"it was run at widths {sorted(w for w in widths if w)}, not {[v['width'] for v in WIDTHS]}")
    if committed.get("tags") != TAGS:
        problems.append(f"it was run with tags {committed.get('tags')}, not {TAGS}")
    return problems
