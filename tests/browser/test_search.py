"""Search in both languages, typed into the site's own search box in Chromium.

The query set (tests/data/search_queries.yml) was written before the search was tuned: each query
names the clause, policy row, accounts section or checklist that answers it. A person reads the
first three results: each is one entry of the index (a clause, a policy row, an account, a
checklist), with its title, its words and the part of the site it is in (the build's fixes to
Material, wakesite.searchindex.MATERIAL_FIXES; Material grouped them by page).
"""
from __future__ import annotations

from collections import defaultdict
from urllib.parse import urlsplit

import pytest
import yaml
from playwright.sync_api import expect

from support import DATA
from wakesite import searchprobe

QUERIES = yaml.safe_load((DATA / "search_queries.yml").read_text(encoding="utf-8"))
# The second set (issue 27): written before ranking, questions, readings or the easy pages' index
# changed; each query typed on the page its user would be on, scored by the paragraph that answers.
QUERIES_V2 = yaml.safe_load((DATA / "search_queries_v2.yml").read_text(encoding="utf-8"))
MIN_HIT_RATE_V2 = 0.95  # the whole set
MIN_TIER_RATE_V2 = 0.90  # each kind of user
# The third set: written before it was first run, a day after the second had been met (its header
# says what one run of it found and what was changed); the same kinds of user, the same targets.
QUERIES_V3 = yaml.safe_load((DATA / "search_queries_v3.yml").read_text(encoding="utf-8"))
# The count is shown ("3 件", "No matching documents" …) and the first three items it announces are
# in the list: what a person reads first. Neither "Initializing search" (the index is loading) nor
# "Type to start searching" is an answer, though neither has a number: the second is Material's answer
# to the empty box, which it gives when the index gets ready before the query is typed (on a loaded
# machine the browser runs ahead of the test; read as "0 results", it once failed the language test).
RESULTS_SHOWN = f"""() => {{
  const meta = document.querySelector(".md-search-result__meta");
  if (!meta || meta.offsetParent === null) {{ return false; }}
  const text = meta.textContent.trim();
  {searchprobe.TRANSLATIONS}
  {searchprobe.NOT_ANSWERS}
  if (notAnswers.includes(text)) {{ return false; }}
  const count = Number((text.match(/\\d+/) || ["0"])[0]);
  return document.querySelectorAll(".md-search-result__item").length >= Math.min(count, 3);
}}"""
# Per result, the links shown (one since each entry is a result of its own; Material showed a page
# and its best clauses, the others behind "more", which are not counted).
SHOWN_LINKS = """items => items.map(item => Array.from(item.querySelectorAll(":scope > a"))
  .map(a => [a.href, (a.querySelector("h1, h2") || a).textContent.trim()]))"""
# The measured rate is 95.4 % (125/131 on 2026-11-30, each entry a result of its own, Japanese
# stop words left out of the query): the target of 95 % (not 1 miss to spare).
MIN_HIT_RATE = 0.95


# Blank the result count and the list: both are written again when the answer to a query arrives,
# the count first, then the items.
BLANK_RESULTS = """() => {
  document.querySelectorAll(".md-search-result__meta").forEach(m => m.textContent = "");
  document.querySelectorAll(".md-search-result__list").forEach(l => l.replaceChildren());
}"""
READ_LINKS = f"""() => ({SHOWN_LINKS})(Array.from(document.querySelectorAll(".md-search-result__item")))"""


def _open_search(page, site_url: str, start: str) -> None:
    """Page `start` with its search open (and focused: it stays so for the next query there), its
    index loaded. Material writes each answer under the query in the box *when the answer
    arrives*: the worker's answer to the empty box (sent when the index gets ready) arriving after
    a query was typed read "no matching documents" for that query, an answer a test then took for
    the query's (once, in a full run, for フェイスブック)."""
    page.goto(site_url + start)
    page.locator("input.md-search__input").click()
    page.wait_for_function(searchprobe.PLACEHOLDER_SHOWN)


def _as_paths(answer: list[list[tuple[str, str]]]) -> list[list[tuple[str, str]]]:
    return [[(_path(href), title) for href, title in links] for links in answer]


def visible_results(page, site_url: str, query: str, start: str) -> list[list[tuple[str, str]]]:
    """Type `query` on page `start`; per result shown, its visible links as ('path/#fragment', title)."""
    if page.url != site_url + start:
        _open_search(page, site_url, start)
    page.evaluate(BLANK_RESULTS)
    box = page.locator("input.md-search__input")
    box.fill(query)  # one input, which the theme hands to Material as the keyup it searches on
    # The links are read in the same call that sees the answer (one round trip less per query).
    return _as_paths(page.wait_for_function(f"() => ({RESULTS_SHOWN})() && ({READ_LINKS})()").json_value())


# The titles of the results shown whose highlighting broke their markup: a mark inside a mark, an
# element named by a piece of a tag, a tag shown as text (私のk>コメント, before MATERIAL_FIXES 13).
MISMARKED = r"""() => Array.from(document.querySelectorAll(".md-search-result__item article"))
  .filter(article => /<\/?mark|mark>/.test(article.textContent) || Array.from(article.querySelectorAll("*")).some(
    element => !/^[A-Z][A-Z0-9]*$/.test(element.tagName) || (element.tagName === "MARK" && element.parentElement.closest("mark"))))
  .map(article => article.textContent.trim().slice(0, 80))"""

# A whole query set on one page, in the page (hit_rates): per query, the box's value set and the key
# event Material reacts to sent, then the answer awaited and its links read, as visible_results does
# with a round trip to the browser for each step. A guard, not a timing: a query never answered
# fails the set instead of hanging it.
RUN_QUERIES = f"""async queries => {{
  const blank = {BLANK_RESULTS};
  const resultsShown = {RESULTS_SHOWN};
  const readLinks = {READ_LINKS};
  const mismarked = {MISMARKED};
  const box = document.querySelector("input.md-search__input");
  const answers = [], broken = [];
  for (const query of queries) {{
    blank();
    box.value = query;
    box.dispatchEvent(new KeyboardEvent("keyup", {{key: "End", bubbles: true}}));
    const asked = performance.now();
    await new Promise((resolve, reject) => {{
      const look = () => resultsShown() ? resolve() : performance.now() - asked > 60000
        ? reject(new Error(`no answer to ${{JSON.stringify(query)}}`)) : requestAnimationFrame(look);
      look();
    }});
    answers.push(readLinks());
    const shownBroken = mismarked();
    if (shownBroken.length) {{ broken.push([query, shownBroken]); }}
  }}
  return {{answers, broken}};
}}"""


def results_of_set(page, site_url: str, queries: list[str], start: str) -> list[list[list[tuple[str, str]]]]:
    """`visible_results` of each query, all put to the search box of page `start` in one call; and
    no result shown with its highlighting broken (MISMARKED)."""
    _open_search(page, site_url, start)
    ran = page.evaluate(RUN_QUERIES, queries)
    assert ran["broken"] == [], f"results shown with broken highlighting on /{start}: {ran['broken'][:5]}"
    return [_as_paths(answer) for answer in ran["answers"]]


def _path(href: str) -> str:
    parts = urlsplit(href)
    return parts.path.lstrip("/") + (f"#{parts.fragment}" if parts.fragment else "")


def finds(case: dict, results: list[list[tuple[str, str]]]) -> bool:
    return any(link in case["expect"] for item in results[:3] for link, _ in item)


def hit_rates(page, site_url: str, cases: list[dict], kind: str, start) -> tuple[float, dict, str]:
    """Each case's query put to the search box of its page (`start(case)`; RUN_QUERIES), scored by
    its first three results: (the rate of the whole set, [found, total] per `kind` of user, a report
    with every miss)."""
    per_kind, misses = defaultdict(lambda: [0, 0]), []
    # The cases of each page together (in the set's order): each page is opened, and its search
    # index loaded, once.
    by_page = defaultdict(list)
    for case in cases:
        by_page[start(case)].append(case)
    answered = []
    for path, page_cases in by_page.items():
        answered += zip(page_cases, results_of_set(page, site_url, [case["query"] for case in page_cases], path))
    for case, results in answered:
        found = finds(case, results)
        per_kind[case[kind]][0] += found
        per_kind[case[kind]][1] += 1
        if not found:
            misses.append(f"{case[kind]} {case['query']!r} on /{start(case)}: {case['expect']} not in "
                          f"{[link for item in results[:3] for link, _ in item]}")
    hits = sum(found for found, _ in per_kind.values())
    report = (f"search hit rate {hits / len(cases):.1%} ({hits}/{len(cases)}); "
              + ", ".join(f"{name} {found}/{total}" for name, (found, total) in per_kind.items())
              + "".join(f"\n  miss: {m}" for m in misses))
    print(report)
    return hits / len(cases), per_kind, report


def test_queries_find_their_clause_in_the_first_three_results(page, site_url):
    """The set's queries find their answer among the links of the first three results; the rate
    per kind of user and the misses are printed (pytest -s, or in the failure message)."""
    assert len(QUERIES) >= 80
    rate, _, report = hit_rates(page, site_url, QUERIES, "kind", lambda case: "en/" if case["lang"] == "en" else "")
    assert rate >= MIN_HIT_RATE, report


# The second and third sets, each with the size it was written at: scored alike.
@pytest.mark.parametrize("queries, size", [(QUERIES_V2, 120), (QUERIES_V3, 150)], ids=["second", "third"])
def test_each_later_set_finds_the_answering_paragraph_for_every_kind_of_user(page, site_url, queries, size):
    """Staff in their own words, residents in everyday words, やさしい日本語 and kana typed on the
    easy pages, English, variant spellings, each typed on its user's page: ≥ 95 % in all, ≥ 90 % for
    each kind. The third set the search was not tuned on (one class of its misses was fixed, not
    each miss)."""
    assert len(queries) >= size
    rate, per_tier, report = hit_rates(page, site_url, queries, "tier", lambda case: case["page"])
    assert rate >= MIN_HIT_RATE_V2, report
    assert all(found / total >= MIN_TIER_RATE_V2 for found, total in per_tier.values()), report


LONG_QUERIES = searchprobe.long_queries(100_000)


@pytest.mark.parametrize("query", LONG_QUERIES.values(), ids=LONG_QUERIES.keys())
def test_a_query_of_100000_characters_gets_an_answer(page, site_url, query):
    """The query's kana readings, English stems and kanji runs are found in one pass (each
    place of a run of kana tries at most 12 readings), and only its first 1,000 characters and
    200 words are searched (wakesite.searchindex.QUERY_CHARS, QUERY_WORDS): a pasted page still
    gets its answer. Before, the worker compared each result's words with each of the query's, and
    the distinct words never got one (8,000 characters of them took 5.8 s)."""
    results = visible_results(page, site_url, query, "")
    assert isinstance(results, list)
    expect(page.locator(".md-search-result__meta")).to_be_visible()


def test_a_clause_is_its_own_result_with_its_number_and_title(page, site_url):
    """ネットカフェ is in one clause, 5(4) セキュリティー対策 2: the first result is that clause,
    named as a reader names it, with its words and the part of the site it is in."""
    for start, title, words, part in (("", "5(4) セキュリティー対策 2", "ネットカフェ等", "ガイドライン"),
                                      ("en/", "5(4) Security measures 2", "Internet cafés", "Guideline")):
        query = "ネットカフェ" if not start else "internet cafe"
        results = visible_results(page, site_url, query, start)
        assert results[0] == [(f"{start}guideline/#security-2", title)], results[:2]
        first = page.locator(".md-search-result__item").first
        expect(first.locator("article")).to_contain_text(words)
        expect(first.locator(".md-tag")).to_have_text(part)
        expect(first.locator("nav")).to_have_count(0)  # a word, not a landmark per result


def test_every_result_is_one_entry_and_none_is_hidden(page, site_url):
    """Material showed a page per result, its best clause under it and the rest behind "N more on
    this page": a second clause of the guideline never reached the first three. Now each result
    is one entry, ranked by its own score: コメント (in a dozen clauses) gives clauses of the
    guideline and the policy side by side, none folded away."""
    results = visible_results(page, site_url, "コメント", "")
    assert all(len(links) == 1 for links in results), results[:5]
    expect(page.locator(".md-search-result__more")).to_have_count(0)
    pages = [link.partition("#")[0] for (link, _), in results[:6]]
    assert len(set(pages)) < len(pages), pages  # two entries of one page among the first six


def test_only_the_words_a_result_lacks_are_listed_as_missing(page, site_url):
    """個人情報 is searched as 個人 and 情報 (the index's words, MATERIAL_FIXES 3 and 4): the
    clause with both lists nothing as missing; a clause with 個人 alone lists 情報. Before the
    fixes every result listed every word (個人* 情報* 人 人情) as missing."""
    results = visible_results(page, site_url, "個人情報", "")
    items = page.locator(".md-search-result__item")
    assert results[0][0][0] == "guideline/#legal-compliance-rights", results[:3]
    expect(items.first.locator(".md-search-result__terms")).to_have_count(0)
    lacking = [i for i, ((link, _),) in enumerate(results) if link == "guideline/#security-1"]
    assert lacking, results
    expect(items.nth(lacking[0]).locator(".md-search-result__terms del")).to_have_text(["情報"])


@pytest.mark.parametrize("start, query, plain", [("en/", "the mistake in a post", "mistake post"),
                                                 ("", "何 から 決裁", "決裁"),
                                                 ("", "投稿 する こと 決裁", "投稿 決裁")])
def test_stop_words_change_nothing(page, site_url, start, query, plain):
    """Stop words (the, a, in; 何, から, する, こと) matched every entry as prefixes
    ("in*" → information) until the build's fixes 5 and 6 left them out of the query."""
    assert visible_results(page, site_url, query, start)[:5] == visible_results(page, site_url, plain, start)[:5]


def test_a_run_of_katakana_is_cut_into_the_words_of_the_index(page, site_url):
    """インスタグラムアカウント is one run of katakana; searched whole it found nothing. Cut by the
    index's words (インスタグラム アカウント, fix 2), the Instagram account comes first."""
    results = visible_results(page, site_url, "インスタグラムアカウント", "")
    assert results[0][0][0] == "accounts/#account-instagram-official", results[:3]


@pytest.mark.parametrize("query, answer", [("ライン", "easy/policy/#platforms"), ("フェイスブック", "easy/policy/#platforms"),
                                           ("インスタ", "easy/policy/#accounts")])
def test_a_name_typed_in_katakana_finds_the_pages_that_write_it_in_latin_letters(page, site_url, query, answer):
    """ライン is LINE. A few ordinary entries list ライン among their everyday words, which once made
    it a word of the index that was searched alone: on the やさしい日本語 pages, which write LINE,
    ライン found only those ordinary entries."""
    links = [link for item in visible_results(page, site_url, query, "easy/policy/")[:3] for link, _ in item]
    assert answer in links and links[0].startswith("easy/"), links


def test_a_query_of_kanji_only_is_searched_whole(page, site_url):
    """投稿予約 is one run of kanji: Material's segmenter searched it as 投稿 alone (the last word of
    a query was never looked up) until the build fixed its worker (wakesite.searchindex)."""
    results = visible_results(page, site_url, "投稿予約", "")
    assert results[0][0][0] == "guideline/#standards-hours-environment", results[:2]


@pytest.mark.parametrize("query, answer", [("にせもの", "accounts/#if-you-find-a-fake"),
                                           ("なりすまし", "guideline/#impersonation-2")])
def test_a_word_of_hiragana_alone_is_found(page, site_url, query, answer):
    """TinySegmenter cuts such a word in the index (にせ|もの); the query is cut the same way by the
    build's second fix to the worker (wakesite.searchindex.MATERIAL_FIXES), so it is found."""
    results = visible_results(page, site_url, query, "")
    assert answer in [link for item in results[:3] for link, _ in item], results[:3]


def test_the_answer_to_the_empty_box_is_not_taken_for_results(page, site_url):
    """The order of a loaded machine, made certain: the index gets ready while the box is still
    empty, and Material answers "Type to start searching". The helper must go on waiting."""
    page.goto(site_url + "en/")
    page.locator("input.md-search__input").click()
    placeholder = page.evaluate("JSON.parse(document.getElementById('__config').textContent).translations['search.result.placeholder']")
    expect(page.locator(".md-search-result__meta")).to_have_text(placeholder)
    assert page.evaluate(RESULTS_SHOWN) is False
    assert visible_results(page, site_url, "Instagram", "en/")


def test_results_stay_in_the_page_language(page, site_url):
    for query in ("Instagram", "LINE", "Facebook"):
        japanese = visible_results(page, site_url, query, "")
        english = visible_results(page, site_url, query, "en/")
        assert japanese and all(not link.startswith("en/") for item in japanese for link, _ in item), query
        assert english and all(link.startswith("en/") for item in english for link, _ in item), query


@pytest.mark.parametrize("start, words", [("", "パスワード"), ("en/", "password")])
def test_words_entered_without_a_key_are_searched(page, site_url, start, words):
    """A paste from the phone's menu, dictation, a word picked from the keyboard's suggestions: the
    box gets its text with no key pressed or released (Playwright's insert_text sends only the
    input). Material searched only on keyup: nothing was shown until the next key."""
    _open_search(page, site_url, start)
    page.keyboard.insert_text(words)
    expect(page.locator("input.md-search__input")).to_have_value(words)
    page.wait_for_function(RESULTS_SHOWN)
    assert page.locator(".md-search-result__item").count() >= 1
