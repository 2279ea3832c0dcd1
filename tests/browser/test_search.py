"""Search in both languages, typed into the site's own search box in Chromium.

The query set (tests/data/search_queries.yml) was written before the search was tuned: each query
names the clause, policy row, accounts section or checklist that answers it. A person reads the
first three results: each is a page with its best-matching clauses shown under it (Material puts
the weaker matches of the same page behind "more"; those are not counted).
"""
from __future__ import annotations

from collections import defaultdict
from urllib.parse import urlsplit

import pytest
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
# Per result (a page), the links shown: the page, then its best clauses (not those behind "more").
SHOWN_LINKS = """items => items.map(item => Array.from(item.querySelectorAll(":scope > a"))
  .map(a => [a.href, (a.querySelector("h1, h2") || a).textContent.trim()]))"""
# The measured rate is 91.6 % (120/131 on 2026-11-30, with the easy queries); the target of
# 95 % is not met yet.
# This guards against a regression; raise it when the design improves.
MIN_HIT_RATE = 0.90


def visible_results(page, site_url: str, query: str, start: str) -> list[list[tuple[str, str]]]:
    """Type `query` on page `start`; per result shown, its visible links as ('path/#fragment', title)."""
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
    items = page.eval_on_selector_all(".md-search-result__item", SHOWN_LINKS)
    return [[(_path(href), title) for href, title in links] for links in items]


def _path(href: str) -> str:
    parts = urlsplit(href)
    return parts.path.lstrip("/") + (f"#{parts.fragment}" if parts.fragment else "")


def finds(case: dict, results: list[list[tuple[str, str]]]) -> bool:
    return any(link in case["expect"] for item in results[:3] for link, _ in item)


def test_queries_find_their_clause_in_the_first_three_results(page, site_url):
    """The set's queries find their answer among the links of the first three results; the rate
    per kind of user and the misses are printed (pytest -s, or in the failure message)."""
    assert len(QUERIES) >= 80
    per_kind, misses = defaultdict(lambda: [0, 0]), []
    for case in QUERIES:
        results = visible_results(page, site_url, case["query"], "en/" if case["lang"] == "en" else "")
        found = finds(case, results)
        per_kind[case["kind"]][0] += found
        per_kind[case["kind"]][1] += 1
        if not found:
            misses.append(f"{case['kind']} {case['query']!r}: {case['expect']} not in "
                          f"{[link for item in results[:3] for link, _ in item]}")
    hits = sum(found for found, _ in per_kind.values())
    rate = hits / len(QUERIES)
    report = (f"search hit rate {rate:.1%} ({hits}/{len(QUERIES)}); "
              + ", ".join(f"{kind} {found}/{total}" for kind, (found, total) in per_kind.items())
              + "".join(f"\n  miss: {m}" for m in misses))
    print(report)
    assert rate >= MIN_HIT_RATE, report


def test_a_clause_is_its_own_result_with_its_number_and_title(page, site_url):
    """ネットカフェ is in one clause, 5(4) セキュリティー対策 2: the first result is the guideline
    with that clause, named as a reader names it, not the section it sits in."""
    for start, title in (("", "5(4) セキュリティー対策 2"), ("en/", "5(4) Security measures 2")):
        query = "ネットカフェ" if not start else "internet cafe"
        results = visible_results(page, site_url, query, start)
        assert results[0][0][0] == f"{start}guideline/", results[:2]
        assert results[0][1] == (f"{start}guideline/#security-2", title), results[:2]


def test_a_query_of_kanji_only_is_searched_whole(page, site_url):
    """投稿予約 is one run of kanji: Material's segmenter searched it as 投稿 alone (the last word of
    a query was never looked up) until the build fixed its worker (wakesite.searchindex)."""
    results = visible_results(page, site_url, "投稿予約", "")
    assert results[0][1][0] == "guideline/#standards-hours-environment", results[:2]


@pytest.mark.parametrize("query, answer", [("にせもの", "accounts/#if-you-find-a-fake"),
                                           ("なりすまし", "guideline/#impersonation-2")])
def test_a_word_of_hiragana_alone_is_found(page, site_url, query, answer):
    """TinySegmenter cuts such a word in the index (にせ|もの); the query is cut the same way by the
    build's second fix to the worker (wakesite.searchindex.WORKER_FIXES), so it is found."""
    results = visible_results(page, site_url, query, "")
    assert answer in [link for item in results[:3] for link, _ in item], results[:3]


def test_results_stay_in_the_page_language(page, site_url):
    for query in ("Instagram", "LINE", "Facebook"):
        japanese = visible_results(page, site_url, query, "")
        english = visible_results(page, site_url, query, "en/")
        assert japanese and all(not link.startswith("en/") for item in japanese for link, _ in item), query
        assert english and all(link.startswith("en/") for item in english for link, _ in item), query
