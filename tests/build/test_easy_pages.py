"""The やさしい日本語 pages as built: reachable (language menu, a link at the top of each public
page), Japanese, saying which text is authoritative, with generated ruby, every part of the
ordinary page explained, and readable at the 初級 level (jReadability ≥ 4.5)."""
from __future__ import annotations

import re

import pytest

from support import ROOT
from wakesite import easy, policy, site

EASY = site.load_project(ROOT).easy
PAGES = [(page.page, page.path) for page in EASY.pages]
MIN_READABILITY = 4.5  # Lee & Hasebe's bands: 初級 (elementary) from 4.5


def html_of(built_site, path: str) -> str:
    return (built_site / path / "index.html").read_text(encoding="utf-8")


def language_menu(page_html: str) -> list[tuple[str, str, str]]:
    """(link, hreflang, name) of each entry of Material's language switcher."""
    return [(href, lang, " ".join(name.split())) for href, lang, name in re.findall(
        r'<a href="([^"]*)" hreflang="([^"]*)" class="md-select__link">(.*?)</a>', page_html, re.S)]


def test_the_three_easy_pages_exist_in_japanese_only(built_site):
    assert [path for _, path in PAGES] == ["easy/", "easy/policy/", "easy/accounts/"]
    for _, path in PAGES:
        page_html = html_of(built_site, path)
        assert '<html lang="ja"' in page_html, path
        assert "<ruby>" in page_html and '<rt aria-hidden="true">' in page_html, path
    assert not (built_site / "en" / "easy").exists()


@pytest.mark.parametrize("ordinary, path", PAGES)
def test_each_easy_page_says_the_ordinary_page_is_authoritative_and_links_to_it(built_site, ordinary, path):
    article = re.search(r"<article\b.*?</article>", html_of(built_site, path), re.S).group(0)
    notice = re.search(r'<div class="admonition info wk-authoritative wk-easy-notice".*?</div>', article, re.S).group(0)
    assert article.index("wk-easy-notice") < article.index("<h2"), "the notice comes first"
    assert "正しい" in easy.page_text(notice) and "ふつうの 日本語の ページ" in easy.page_text(notice)
    target = "../" * path.count("/") + ordinary
    assert f'href="{target}"' in notice, (path, target)


@pytest.mark.parametrize("ordinary, path", PAGES)
def test_each_public_page_links_to_its_easy_version_at_the_top(built_site, ordinary, path):
    page_html = html_of(built_site, ordinary)
    article = re.search(r"<article\b.*?</article>", page_html, re.S).group(0)
    link = re.search(r'<p class="wk-easy-link" lang="ja"><a href="([^"]+)">([^<]+)</a></p>', article)
    assert link, ordinary
    assert link.group(1) == ("../" * ordinary.count("/") or "./") + path and link.group(2) == EASY.link_text
    assert article.index("wk-easy-link") < article.index("<h2"), "before the first section"


@pytest.mark.parametrize("page", ["", "policy/", "guideline/", "checklists/pre-post/", "easy/policy/",
                                  "en/", "en/policy/", "en/guideline/"])
def test_the_language_menu_offers_the_easy_version(built_site, page):
    menu = language_menu(html_of(built_site, page))
    assert [name for _, _, name in menu] == ["日本語", "English", EASY.language_name], page
    assert [lang for _, lang, _ in menu] == ["ja", "en", easy.HREFLANG], page
    _, ordinary, on_easy = easy.ordinary_path(page)
    up = "../" * page.count("/")
    expected = "easy/" + ordinary if EASY.page(ordinary) else "easy/"
    assert menu[2][0] in (up + expected, "./"), (page, menu)
    if on_easy:  # from an easy page, the other entries lead to the ordinary page
        assert menu[0][0] == up + ordinary and menu[1][0] == up + "en/" + ordinary


@pytest.mark.parametrize("ordinary, path", PAGES)
def test_every_part_of_the_ordinary_page_has_easy_text(built_site, ordinary, path):
    """Each section (h2) of the ordinary page, and on /policy/ each clause it shows, is explained
    by a section of the easy page; and each part an easy section explains is on the page."""
    page_html = html_of(built_site, ordinary)
    article = re.search(r"<article\b.*?</article>", page_html, re.S).group(0)
    anchors = set(re.findall(r'<h2 id="([^"]+)"', article))
    if ordinary == "policy/":
        clauses = policy.clauses(site.load_project(ROOT).guideline)
        assert clauses <= set(re.findall(r'\sid="([^"]+)"', article))
        anchors |= clauses
    assert anchors, ordinary
    assert easy.unexplained(EASY, ordinary, anchors) == set()
    ids = set(re.findall(r'\sid="([^"]+)"', article))
    stale = {a for s in EASY.page(ordinary).sections for a in s.explains} - ids
    assert not stale, f"{path}: explains parts that are not on /{ordinary}: {stale}"


@pytest.mark.parametrize("ordinary, path", PAGES)
def test_each_easy_page_reads_at_the_elementary_level(built_site, ordinary, path):
    text = easy.page_text(html_of(built_site, path))
    assert "わけちょう" not in text and "<" not in text  # readings and markup left out
    score = easy.readability(text)
    ordinary_score = easy.readability(easy.page_text(html_of(built_site, ordinary)))
    print(f"jReadability /{ordinary}: {ordinary_score:.2f}, /{path}: {score:.2f}")
    assert score >= MIN_READABILITY, (path, score)
    assert score > ordinary_score
