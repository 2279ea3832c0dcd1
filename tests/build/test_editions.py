"""Editions on the built site: the edition in every footer, the 改定履歴 page, and a language
switcher that never leaves the version it is in (relative links, also on the home pages)."""
from __future__ import annotations

import re

import pytest

from support import ROOT
from wakesite import pagepath, site

LABEL = site.load_project(ROOT).edition.label


def test_every_page_footer_names_its_edition(built_site):
    pages = sorted(p for p in built_site.rglob("*.html") if p.name == "index.html" and "assets" not in p.parts)
    assert len(pages) > 10
    missing = [str(p.relative_to(built_site)) for p in pages
               if f'data-wk-edition="{LABEL}">' not in p.read_text(encoding="utf-8")]
    assert not missing, "pages without the edition in the footer: " + ", ".join(missing)
    assert f"ソーシャルメディア運用ガイドライン 第{LABEL}版" in (built_site / "policy" / "index.html").read_text(encoding="utf-8")
    assert f"Social Media Operation Guideline, edition {LABEL}" in (built_site / "en" / "policy" / "index.html").read_text(encoding="utf-8")


@pytest.mark.parametrize("lang, page, texts", [
    ("ja", "history/index.html", [f"第{LABEL}版（現行版）", "日付の記載なし", "このサイトでの最初の公開です",
                                  "公開している版は一つだけのため、新旧対照表はまだありません。"]),
    ("en", "en/history/index.html", [f"Edition {LABEL}", "No date given", "First publication on this site",
                                     "Only one edition has been published, so there is no comparison table yet."]),
])
def test_history_page_lists_the_edition_and_says_there_is_no_comparison_yet(built_site, lang, page, texts):
    html = (built_site / page).read_text(encoding="utf-8")
    for text in texts:
        assert text in html
    assert "wakesite:" not in html and "wk-cmp" not in html.split("<article", 1)[1].split("</article>")[0]


def test_history_is_in_the_nav_just_before_accessibility_and_the_errata(built_site):
    for page, names in (("index.html", ("改定履歴", "アクセシビリティ", "正誤表")),
                        ("en/index.html", ("Revision history", "Accessibility", "Errata"))):
        html = (built_site / page).read_text(encoding="utf-8")
        nav = re.findall(r'class="md-nav__link[^"]*"[^>]*>\s*<span class="md-ellipsis">\s*([^<]+?)\s*</span>', html)
        assert names[0] in nav and nav.index(names[0]) + 1 == nav.index(names[1]) == nav.index(names[2]) - 1, nav


@pytest.mark.parametrize("page, expected", [
    ("index.html", {"ja": "./", "en": "en/"}),
    ("en/index.html", {"ja": "../", "en": "./"}),
    ("policy/index.html", {"ja": "./", "en": "../en/policy/"}),
    ("en/history/index.html", {"ja": "../../history/", "en": "./"}),
])
def test_language_switcher_links_are_relative(built_site, page, expected):
    """Absolute links ('/en/') would leave a mike version (/1.0/, /latest/)."""
    html = (built_site / page).read_text(encoding="utf-8")
    links = dict((lang, href) for href, lang in re.findall(r'<a href="([^"]*)" hreflang="([a-z]+)" class="md-select__link"', html))
    assert links == expected


def test_language_versions_are_declared_in_the_sitemap_not_in_head(built_site):
    """Relative hreflang links are invalid, and Material fetches sitemap.xml beside each one
    (404s on every page); the sitemap declares each page's languages with absolute URLs instead."""
    for page in ("index.html", "policy/index.html", "en/policy/index.html", "en/checklists/pre-post/index.html"):
        head = (built_site / page).read_text(encoding="utf-8").split("</head>")[0]
        assert "hreflang" not in head, page
    sitemap = (built_site / "sitemap.xml").read_text(encoding="utf-8")
    entries = re.findall(r"<url>(.*?)</url>", sitemap, re.DOTALL)
    site_url = min(re.findall(r"<loc>([^<]+)</loc>", sitemap), key=len)  # the home page
    assert re.match(r"https?://", site_url)
    pages = [path.parent.relative_to(built_site).as_posix() for path in built_site.glob("**/index.html")]
    ja_pages = {"" if p == "." else p + "/" for p in pages if p != "en" and not p.startswith("en/")}
    easy_pages = {p for p in ja_pages if p.startswith("easy/")}  # やさしい日本語: Japanese only
    ja_pages -= easy_pages
    assert len(entries) == 2 * len(ja_pages) + len(easy_pages) > 20  # a <url> per page of each language
    for entry in entries:
        links = dict(re.findall(r'hreflang="([a-z]+)" href="([^"]+)"', entry))
        if links.get("ja", "")[len(site_url):] in easy_pages:
            assert set(links) == {"ja"}, entry  # no English version to declare
            continue
        assert set(links) == {"ja", "en"}, entry
        path = links["ja"][len(site_url):]
        assert path in ja_pages and links["en"] == f"{site_url}en/{path}", entry
        assert re.search(r"<loc>([^<]+)</loc>", entry).group(1) in links.values()


def test_no_version_selector_outside_mike(built_site):
    """A plain build has no version selector: versions.json exists only in a mike deployment
    (builds made by mike have it: tests/browser/test_release.py)."""
    html = (built_site / "policy" / "index.html").read_text(encoding="utf-8")
    assert '"provider": "mike"' not in html


def test_page_paths_of_the_build_cover_both_languages(built_site):
    paths = set(pagepath.pages(built_site))
    assert {"", "policy/", "en/policy/", "history/", "en/history/"} <= paths
