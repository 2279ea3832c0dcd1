"""Search in both languages, typed into the site's own search box in Chromium."""
from __future__ import annotations

from urllib.parse import urlsplit

import pytest
import yaml

from support import DATA

QUERIES = yaml.safe_load((DATA / "search_queries.yml").read_text(encoding="utf-8"))


def visible_results(page, site_url: str, query: str, start: str) -> list[list[str]]:
    """Type `query` on page `start`; return, per visible result item, its links as 'path/#fragment'."""
    if page.url != site_url + start:
        page.goto(site_url + start)
    # Blank the result count: it is written again when the answer to this query arrives.
    page.evaluate("() => document.querySelectorAll('.md-search-result__meta').forEach(m => m.textContent = '')")
    box = page.locator("input.md-search__input")
    box.click()
    box.fill(query)
    box.press("End")  # Material reacts to key events, not to a value set by a script
    page.wait_for_function("() => { const m = document.querySelector('.md-search-result__meta');"
                           " return m && m.offsetParent !== null && m.textContent.trim() !== ''; }")
    page.wait_for_timeout(150)  # the result items follow the count
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
