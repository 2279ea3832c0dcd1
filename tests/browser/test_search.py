"""Search in both languages, typed into the site's own search box in Chromium."""
from __future__ import annotations

from urllib.parse import urlsplit

import yaml

from support import DATA

QUERIES = yaml.safe_load((DATA / "search_queries.yml").read_text(encoding="utf-8"))
# The count is shown ("3 件", "No matching documents" …) and the first three items it announces
# are in the list: what a person reads first.
RESULTS_SHOWN = """() => {
  const meta = document.querySelector(".md-search-result__meta");
  if (!meta || meta.offsetParent === null || meta.textContent.trim() === "") { return false; }
  const count = Number((meta.textContent.match(/\\d+/) || ["0"])[0]);
  return document.querySelectorAll(".md-search-result__item").length >= Math.min(count, 3);
}"""


def visible_results(page, site_url: str, query: str, start: str) -> list[list[str]]:
    """Type `query` on page `start`; return, per visible result item, its links as 'path/#fragment'."""
    if page.url != site_url + start:
        page.goto(site_url + start)
    # Blank the result count and the list: both are written again when the answer to this query
    # arrives, the count first, then the items.
    page.evaluate("() => { document.querySelectorAll('.md-search-result__meta').forEach(m => m.textContent = '');"
                  " document.querySelectorAll('.md-search-result__list').forEach(l => l.replaceChildren()); }")
    box = page.locator("input.md-search__input")
    box.click()
    box.fill(query)
    box.press("End")  # Material reacts to key events, not to a value set by a script
    page.wait_for_function(RESULTS_SHOWN)
    items = page.eval_on_selector_all(
        ".md-search-result__item",
        "items => items.filter(i => getComputedStyle(i).display !== 'none')"
        "  .map(i => Array.from(i.querySelectorAll('a')).map(a => a.href))")
    return [[_path(href) for href in links] for links in items]


def _path(href: str) -> str:
    parts = urlsplit(href)
    return parts.path.lstrip("/") + (f"#{parts.fragment}" if parts.fragment else "")


MIN_HIT_RATE = 0.95


def finds(case: dict, results: list[list[str]]) -> bool:
    expected = case["expect"]
    return any(expected == link or (("#" not in expected) and link.split("#")[0] == expected)
               for item in results[:3] for link in item)


def test_queries_find_their_clause_in_the_top_three(page, site_url):
    """At least 95 % of the query set finds its clause among the first 3 results; the misses are
    printed (pytest -s, or in the failure message)."""
    assert len(QUERIES) >= 40
    misses = []
    for case in QUERIES:
        results = visible_results(page, site_url, case["query"], "en/" if case["lang"] == "en" else "")
        if not finds(case, results):
            misses.append(f"{case['lang']} {case['query']!r}: {case['expect']} not in {results[:3]}")
    rate = 1 - len(misses) / len(QUERIES)
    report = f"search hit rate {rate:.1%} ({len(QUERIES) - len(misses)}/{len(QUERIES)})" + "".join(
        f"\n  miss: {m}" for m in misses)
    print(report)
    assert rate >= MIN_HIT_RATE, report


def test_results_stay_in_the_page_language(page, site_url):
    japanese = visible_results(page, site_url, "Instagram", "")
    english = visible_results(page, site_url, "Instagram", "en/")
    assert japanese and all(not link.startswith("en/") for item in japanese for link in item)
    assert english and all(link.startswith("en/") for item in english for link in item)
