"""Search in both languages, typed into the site's own search box in Chromium."""
from __future__ import annotations

from urllib.parse import urlsplit

import pytest
import yaml

from support import DATA

QUERIES = yaml.safe_load((DATA / "search_queries.yml").read_text(encoding="utf-8"))


def visible_results(page, site_url: str, query: str, start: str) -> list[list[str]]:
    """Type `query` on page `start`; return, per visible result item, its links as 'path/#fragment'."""
    page.goto(site_url + start)
    box = page.locator("input.md-search__input")
    box.click()
    box.fill(query)
    box.press("End")  # Material reacts to key events, not to a value set by a script
    page.wait_for_selector(".md-search-result__meta", state="visible")
    page.wait_for_timeout(400)  # results render after the worker answers
    items = page.eval_on_selector_all(
        ".md-search-result__item",
        "items => items.filter(i => getComputedStyle(i).display !== 'none')"
        "  .map(i => Array.from(i.querySelectorAll('a')).map(a => a.href))")
    return [[_path(href) for href in links] for links in items]


def _path(href: str) -> str:
    parts = urlsplit(href)
    return parts.path.lstrip("/") + (f"#{parts.fragment}" if parts.fragment else "")


@pytest.mark.parametrize("case", QUERIES, ids=[f"{q['lang']}-{q['query']}" for q in QUERIES])
def test_query_finds_its_clause_in_the_top_three(page, site_url, case):
    start = "en/" if case["lang"] == "en" else ""
    results = visible_results(page, site_url, case["query"], start)
    top = results[:3]
    expected = case["expect"]
    found = any(expected == link or (("#" not in expected) and link.split("#")[0] == expected)
                for item in top for link in item)
    assert found, f"{case['query']!r}: {expected} not in the first 3 results: {top}"


def test_results_stay_in_the_page_language(page, site_url):
    japanese = visible_results(page, site_url, "Instagram", "")
    english = visible_results(page, site_url, "Instagram", "en/")
    assert japanese and all(not link.startswith("en/") for item in japanese for link in item)
    assert english and all(link.startswith("en/") for item in english for link in item)
